"""Pairing on hand-made aligned sentences with a deterministic fake embedder."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from align.terms.pair import AlignedUnit, find_acronyms, pair_terms, units_from_alignment

#: phrases that mean the same thing share a concept axis in the fake embedding space
LEXICON = {
    "毒品和犯罪问题办公室": 0, "UNODC": 0, "United Nations Office on Drugs and Crime": 0,
    "工作组": 1, "working group": 1, "会员国": 2, "Member States": 2, "洗钱": 3,
    "money-laundering": 3, "合并预算": 4, "consolidated budget": 4, "执行主任": 5,
    "Executive Director": 5,
}
DIM = 64


class FakeEmbedder:
    """Lexicon phrases near their concept axis; everything else a fixed random direction."""

    model_id = "fake"

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            seed = int(hashlib.sha1(t.encode()).hexdigest()[:8], 16)
            noise = np.random.default_rng(seed).normal(size=DIM)
            noise /= np.linalg.norm(noise)
            if t in LEXICON:
                axis = np.zeros(DIM)
                axis[LEXICON[t]] = 1.0
                out[i] = 0.9 * axis + 0.1 * noise
            else:
                out[i] = noise
        return out / np.linalg.norm(out, axis=1, keepdims=True)


UNITS = [
    ("毒品和犯罪问题办公室执行主任向工作组介绍了合并预算。",
     "The Executive Director of UNODC briefed the working group on the consolidated budget."),
    ("工作组审议了洗钱问题。", "The working group considered money-laundering."),
    ("会员国欢迎毒品和犯罪问题办公室的工作。", "Member States welcomed the work of UNODC."),
    ("会员国讨论了合并预算。", "Member States discussed the consolidated budget."),
    ("联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室）打击洗钱。",
     "The United Nations Office on Drugs and Crime (UNODC) counters money-laundering."),
]


def units() -> list[AlignedUnit]:
    return [AlignedUnit({"zh": zh, "en": en}, "E/CN.7/2022/3", str(i + 1))
            for i, (zh, en) in enumerate(UNITS)]


KNOWN = [("unodc", "zh", "毒品和犯罪问题办公室"), ("unodc", "en", "UNODC"),
         ("unodc", "en", "United Nations Office on Drugs and Crime"),
         ("ed", "zh", "执行主任"), ("ed", "en", "Executive Director")]


@pytest.fixture()
def pairs():
    return pair_terms(units(), "zh", "en", embedder=FakeEmbedder(), known=KNOWN)


def test_the_lexicon_pairs_are_found(pairs):
    found = {p.src: p.tgt for p in pairs}
    assert found["工作组"] == "working group"
    assert found["会员国"] == "Member States"
    assert found["洗钱"] == "money-laundering"
    assert found["合并预算"] == "consolidated budget"
    assert found["毒品和犯罪问题办公室"] in ("UNODC", "United Nations Office on Drugs and Crime")
    assert found["执行主任"] == "Executive Director"


def test_linking_is_one_to_one_and_sorted(pairs):
    assert len({p.src_key for p in pairs}) == len(pairs)
    assert len({p.tgt_key for p in pairs}) == len(pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)


def test_evidence_counts_and_contexts(pairs):
    p = next(p for p in pairs if p.src == "会员国")
    assert (p.cooc, p.src_freq, p.tgt_freq) == (2, 2, 2)
    assert p.log_dice == pytest.approx(14.0)
    assert [c.paragraph for c in p.contexts] == ["3", "4"]
    assert all(c.symbol == "E/CN.7/2022/3" for c in p.contexts)
    assert "Member States" in p.contexts[0].tgt and "会员国" in p.contexts[0].src


def test_known_pairs_carry_their_concept_and_rank_first(pairs):
    unodc = next(p for p in pairs if p.src == "毒品和犯罪问题办公室")
    assert unodc.concept == "unodc"
    assert pairs[0].concept is not None
    assert next(p for p in pairs if p.src == "会员国").concept is None


def test_top_limits_the_list():
    top = pair_terms(units(), "zh", "en", embedder=FakeEmbedder(), top=3)
    assert len(top) == 3


def test_each_distinct_candidate_is_embedded_in_one_batch_per_side():
    emb = FakeEmbedder()
    pair_terms(units(), "zh", "en", embedder=emb)
    assert emb.calls == 2


def test_units_without_both_languages_are_ignored():
    us = units() + [AlignedUnit({"zh": "会员国"}, "", "9"), AlignedUnit({"en": "Member States"})]
    p = next(p for p in pair_terms(us, "zh", "en", embedder=FakeEmbedder()) if p.src == "会员国")
    assert (p.cooc, p.src_freq, p.tgt_freq) == (2, 2, 2)


def test_empty_input_gives_no_pairs():
    assert pair_terms([], "zh", "en", embedder=FakeEmbedder()) == []


@pytest.mark.parametrize("text, expected", [
    ("the United Nations Office on Drugs and Crime (UNODC) said",
     {"unodc": "united nation office on drug and crime"}),
    ("the Commission on Narcotic Drugs (CND) and", {"cnd": "commission on narcotic drug"}),
    ("the standing working group (FinGov)", {}),  # initials do not spell it
    ("a sentence (with brackets) only", {}),
    ("United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women)",
     {"un-women": "united nation entity for gender equality and the empowerment of women"}),
])
def test_find_acronyms(text, expected):
    assert find_acronyms(text, "en") == expected


def test_units_from_alignment_keeps_symbol_and_number():
    from align.alignment import DocInfo, MultiAlignment, Row, Unit

    al = MultiAlignment(
        pivot="zh", unit="sentence", langs=["zh", "en"],
        units={"zh": [Unit("会员国。", "1"), Unit("工作组。", "2")],
               "en": [Unit("Member States.", "1"), Unit("The working group.", "2")]},
        rows=[Row({"zh": [0], "en": [0]}, number="1"), Row({"zh": [1], "en": [1]}, number="2")],
        docs={"zh": DocInfo("zh", symbols=["E/CN.7/2022/3"]), "en": DocInfo("en")})
    us = units_from_alignment(al)
    assert [(u.texts["en"], u.symbol, u.paragraph) for u in us] == [
        ("Member States.", "E/CN.7/2022/3", "1"), ("The working group.", "E/CN.7/2022/3", "2")]


class VerbEmbedder(FakeEmbedder):
    """讲述/described and 审计/audit: two equally close pairs, one shaped like a verb."""

    def encode(self, texts):
        saved = dict(LEXICON)
        LEXICON.update({"讲述": 6, "described": 6, "审计": 7, "audit": 7})
        try:
            return super().encode(texts)
        finally:
            LEXICON.clear()
            LEXICON.update(saved)


def test_verb_shaped_pairs_rank_below_term_pairs():
    us = [AlignedUnit({"zh": "会上讲述了审计。", "en": "The meeting described the audit."},
                      "E/CN.7/2022/3", "1")]
    pairs = pair_terms(us, "zh", "en", embedder=VerbEmbedder())
    found = {(p.src, p.tgt): i for i, p in enumerate(pairs)}
    assert ("审计", "audit") in found and ("讲述", "described") in found
    assert found[("审计", "audit")] < found[("讲述", "described")]
    gap = pairs[found[("审计", "audit")]].score - pairs[found[("讲述", "described")]].score
    assert gap > 0.1
