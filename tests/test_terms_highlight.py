"""Known terms in running text (highlighting) and inconsistent renderings."""

from __future__ import annotations

import pytest

from align.terms.consistency import NOT_FOUND, find_inconsistencies, term_uses
from align.terms.glossary import Concept, Term
from align.terms.highlight import find_terms, highlight_terms
from align.terms.pair import AlignedUnit
from align.terms.seed import load_seed


@pytest.fixture(scope="module")
def seed():
    return load_seed()


def spans(text, lang, entries):
    return [(text[s:e], cid) for s, e, cid in find_terms(text, lang, entries)]


@pytest.mark.parametrize("lang, text, expected", [
    ("zh", "麻醉药品委员会和会员国", [("麻醉药品委员会", "cnd"), ("会员国", "ms")]),
    ("zh", "麻醉 药品委员会", [("麻醉 药品委员会", "cnd")]),  # a PDF's stray space
    ("zh", "改进联合国毒品和犯罪问题办公室治理和财务状况不限成员名额常设政府间工作组举行",
     [("改进联合国毒品和犯罪问题办公室治理和财务状况不限成员名额常设政府间工作组", "fingov")]),
    ("en", "UNODC and the Commission on Narcotic Drugs", [("UNODC", "unodc"),
                                                          ("Commission on Narcotic Drugs", "cnd")]),
    ("en", "each member state", [("member state", "ms")]),
    ("en", "the working groups met", [("working groups", "wg")]),
    ("en", "unodcx and xUNODC", []),  # whole words only
    ("en", "people who work with WHO", [("WHO", "who")]),  # acronyms keep their case
    ("fr", "le blanchiment d’argent", [("blanchiment d’argent", "ml")]),
    ("es", "los Estados Miembros", [("Estados Miembros", "ms")]),
    ("ru", "Комиссии по наркотическим средствам и государствами-членами",
     [("Комиссии по наркотическим средствам", "cnd"), ("государствами-членами", "ms")]),
    ("ar", "ولجنة المخـدرات والدول الأعضاء", [("ولجنة المخـدرات", "cnd"),
                                               ("والدول الأعضاء", "ms")]),
])
def test_find_terms_table(seed, lang, text, expected):
    assert spans(text, lang, seed) == expected


def test_triples_and_rejected_terms():
    entries = [Concept("a", [Term("en", "regular budget"), Term("en", "budget", status="rejected")])]
    assert spans("the regular budget and the budget", "en", entries) == [("regular budget", "a")]
    assert spans("the budget", "en", [("b", "en", "budget")]) == [("budget", "b")]
    assert find_terms("", "en", entries) == []


def units():
    return [
        AlignedUnit({"zh": "毒品和犯罪问题办公室执行主任", "en": "the Executive Director of UNODC"},
                    "E/CN.7/2022/3", "1"),
        AlignedUnit({"zh": "毒品和犯罪问题办公室的工作",
                     "en": "the work of the United Nations Office on Drugs and Crime"},
                    "E/CN.7/2022/3", "2"),
        AlignedUnit({"zh": "会员国的意见", "en": "the views of Member States"}, "E/CN.7/2022/3", "3"),
        AlignedUnit({"zh": "会员国的意见", "en": "the views of member countries"},
                    "E/CN.7/2022/3", "4"),
    ]


def test_term_uses_record_the_rendering(seed):
    uses = term_uses(units(), "zh", "en", seed)
    got = [(u.concept, u.src, u.tgt, u.context.paragraph) for u in uses]
    assert ("unodc", "毒品和犯罪问题办公室", "United Nations Office on Drugs and Crime", "1") in got
    assert ("ms", "会员国", NOT_FOUND, "4") in got


def test_inconsistencies_flag_missing_renderings_but_not_acronyms(seed):
    found = {inc.concept: inc for inc in find_inconsistencies(units(), "zh", "en", seed)}
    assert "unodc" not in found  # UNODC and its full form are one rendering
    ms = found["ms"]
    assert ms.kinds == ["missing"]
    assert [c.paragraph for c in ms.renderings[NOT_FOUND]] == ["4"]
    assert "会员国" in ms.describe()


def test_inconsistencies_flag_two_full_forms():
    entries = [Concept("fcr", [Term("zh", "全额费用回收"),
                               Term("es", "recuperación íntegra de los costos"),
                               Term("es", "recuperación total de los costos", term_type="variant")])]
    us = [AlignedUnit({"zh": "全额费用回收", "es": "la recuperación íntegra de los costos"}),
          AlignedUnit({"zh": "全额费用回收", "es": "la recuperación total de los costos"})]
    (inc,) = find_inconsistencies(us, "zh", "es", entries)
    assert inc.kinds == ["variants"]
    assert set(inc.renderings) == {"recuperación íntegra de los costos",
                                   "recuperación total de los costos"}


def test_highlight_terms_takes_only_accepted_and_seed_terms(seed):
    concept = Concept("s-1", [Term("zh", "知识差距", status="accepted"),
                              Term("en", "knowledge gaps", status="candidate"),
                              Term("fr", "lacunes", status="rejected")])
    by_lang = highlight_terms([concept])
    assert ("s-1", "zh", "知识差距") in by_lang["zh"]
    assert all(cid != "s-1" for cid, _, _ in by_lang.get("en", []) + by_lang.get("fr", []))
    assert ("cnd", "en", "Commission on Narcotic Drugs") in by_lang["en"]  # the seed
    assert spans("knowledge gaps of the CND", "en", by_lang["en"]) == [("CND", "cnd")]
    bare = highlight_terms([concept], seed=False)
    assert set(bare) == {"zh"} and len(bare["zh"]) == 1
