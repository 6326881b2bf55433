"""Bilingual term pairs from aligned sentence units.

For one language pair (source = the pivot, usually zh):

1. candidates of every unit on both sides (:mod:`align.terms.extract`);
2. every distinct candidate is embedded once (batch), and inside each unit each
   candidate keeps its few most similar counterparts: the pairs worth scoring;
3. each pair is scored from its association over co-occurrence (logDice over the
   units), the similarity of the two phrases relative to their neighbours (a margin,
   never a fixed cosine threshold), how often it recurs, acronym evidence
   (``United Nations Office on Drugs and Crime (UNODC)``), the glossary, and a
   structure prior: a side shaped like a verb (讲述 / described) is penalised;
4. competitive linking keeps, best first, pairs whose two sides are still free.

Every pair keeps its evidence: counts and example contexts with document symbol and
paragraph number.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from align.alignment import MultiAlignment
from align.terms.extract import Candidate, candidates, check_lang, term_key, zh_segmenter

#: a parenthesised acronym such as ``(UNODC)`` or ``(UN-Women)``
ACRONYM_DEF_RE = re.compile(r"\(\s*([A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]{1,11})\s*\)")
#: a token that is an acronym: two or more capitals, maybe mixed case (FinGov)
ACRONYM_TOKEN_RE = re.compile(r"^(?=(?:.*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]{1,11}$")

#: neighbours per candidate kept inside one unit
TOP_K = 3
#: neighbours averaged for the similarity margin
MARGIN_K = 4
#: most distinct candidates embedded per language (the most frequent are kept)
MAX_EMBED = 20000
#: margins above this count as this
MARGIN_CAP = 1.5
#: example contexts kept per pair
MAX_CONTEXTS = 3

#: weights of the combined score (frequency weighs double: recurring pairs are surer)
W_SIM = 0.35
W_MARGIN = 0.15
W_DICE = 0.15
W_FREQ = 0.3
W_SPEC = 0.2
BONUS_ACRONYM = 0.1
BONUS_KNOWN = 0.3
#: penalty for a side shaped like a verb, not a term (讲述 / described)
PENALTY_VERB = 0.15
#: English word endings of participles and gerunds: a lone one is a verb form
EN_VERB_FORM_RE = re.compile(r"^[a-z][a-z\-]*(?:ed|ing)$")


@dataclass
class AlignedUnit:
    """One aligned unit: its text per language, and where it comes from."""

    texts: dict[str, str]
    symbol: str = ""
    paragraph: str | None = None


@dataclass
class Context:
    """Where a pair was seen: the unit's two sides and its provenance."""

    src: str
    tgt: str
    symbol: str = ""
    paragraph: str | None = None


@dataclass
class TermPair:
    """A suggested source–target term pair with its evidence.

    Attributes:
        score: the combined score (higher is better; comparable within one run).
        cooc: units holding both terms; src_freq, tgt_freq: units holding each.
        log_dice: 14 + log2(2·cooc / (src_freq + tgt_freq)), at most 14.
        similarity: cosine of the two phrases' embeddings.
        margin: similarity relative to each side's nearest neighbours (≥ 1 is good).
        acronym: the target is an acronym whose expansion supports the pair.
        concept: id of the glossary concept holding both terms, if any.
    """

    src_lang: str
    tgt_lang: str
    src: str
    tgt: str
    src_key: str
    tgt_key: str
    score: float
    cooc: int
    src_freq: int
    tgt_freq: int
    log_dice: float
    similarity: float
    margin: float
    acronym: bool = False
    concept: str | None = None
    contexts: list[Context] = field(default_factory=list)


def units_from_alignment(al: MultiAlignment) -> list[AlignedUnit]:
    """One :class:`AlignedUnit` per row of a multilingual alignment."""
    symbol = ""
    for info in al.docs.values():
        if info.symbols:
            symbol = info.symbols[0]
            break
    out = []
    for row in al.rows:
        texts = {lang: al.text(row, lang) for lang in al.langs if row.cells.get(lang)}
        out.append(AlignedUnit(texts=texts, symbol=symbol, paragraph=row.number))
    return out


def _acronym_matches(acr: str, words: Sequence[str]) -> bool:
    """True when the capitals of ``acr`` are the initials of (some of) ``words``."""
    letters = [c for c in acr if c.isupper()]
    initials = [w[0] for w in words if w and w[0].isupper()]
    if len(letters) < 2:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


def find_acronyms(text: str, lang: str) -> dict[str, str]:
    """Acronyms defined in ``text`` as ``Expansion (ACR)``: key of ACR -> key of expansion."""
    out: dict[str, str] = {}
    for m in ACRONYM_DEF_RE.finditer(text):
        acr = m.group(1)
        if not ACRONYM_TOKEN_RE.match(acr):
            continue
        before = text[: m.start()].split()[-14:]
        letters = sum(c.isupper() for c in acr)
        # the shortest tail of capitalised words whose initials spell the acronym
        for n in range(letters, len(before) + 1):
            tail = before[-n:]
            if tail[0][:1].isupper() and _acronym_matches(acr, tail):
                out[term_key(acr, lang)] = term_key(" ".join(tail).strip(" ,;:"), lang)
                break
    return out


class _Side:
    """Candidates of one language over all units: postings, surfaces, vectors."""

    def __init__(self, lang: str, per_unit: list[list[Candidate]]):
        self.lang = lang
        self.per_unit = per_unit
        self.units: dict[str, set[int]] = defaultdict(set)
        surfaces: dict[str, Counter] = defaultdict(Counter)
        for u, cands in enumerate(per_unit):
            for c in cands:
                self.units[c.key].add(u)
                surfaces[c.key][c.surface] += 1
        self.surface = {k: cnt.most_common(1)[0][0] for k, cnt in surfaces.items()}
        self.parts: dict[str, tuple[str, ...]] = {}
        for cands in per_unit:
            for c in cands:
                self.parts.setdefault(c.key, c.parts)
        self.freq = {k: len(v) for k, v in self.units.items()}
        self.index: dict[str, int] = {}
        self.vecs = np.zeros((0, 1), dtype=np.float32)

    def embed(self, embedder, extra: dict[str, str] | None = None) -> None:
        keys = sorted(self.freq, key=lambda k: (-self.freq[k], k))[:MAX_EMBED]
        texts = [self.surface[k] for k in keys]
        for k, s in (extra or {}).items():
            if k not in self.surface:
                keys.append(k)
                texts.append(s)
        self.index = {k: i for i, k in enumerate(keys)}
        self.vecs = np.asarray(embedder.encode(texts), dtype=np.float32) if texts else (
            np.zeros((0, 1), dtype=np.float32))

    def keys_of(self, u: int) -> list[str]:
        seen: dict[str, None] = {}
        for c in self.per_unit[u]:
            if c.key in self.index:
                seen.setdefault(c.key)
        return list(seen)


def _subsumed(side: _Side) -> set[str]:
    """Keys (seen at least twice) that never occur outside one same longer candidate."""
    containers: dict[str, set[str] | None] = {}
    for cands in side.per_unit:
        for c in cands:
            if side.freq.get(c.key, 0) < 2:
                continue
            around = {o.key for o in cands
                      if o.start <= c.start and o.end >= c.end and o.end - o.start > c.end - c.start}
            prev = containers.get(c.key)
            containers[c.key] = around if prev is None else prev & around
    return {k for k, v in containers.items() if v}


def _log_dice(cooc: int, f1: int, f2: int) -> float:
    return 14.0 + math.log2(2.0 * cooc / (f1 + f2)) if cooc else float("-inf")


def pair_terms(
    units: Sequence[AlignedUnit],
    src_lang: str,
    tgt_lang: str,
    *,
    embedder,
    known: Iterable[tuple[str, str, str]] = (),
    top: int | None = None,
    min_cooc: int = 1,
) -> list[TermPair]:
    """Suggest term pairs between two languages of aligned units, best first.

    Args:
        units: aligned units (sentences or paragraphs) holding both languages.
        src_lang: the source (pivot) language, usually ``zh``.
        tgt_lang: the target language.
        embedder: any object with ``encode(list[str]) -> (n, d)`` L2-normalised rows.
        known: glossary terms as ``(concept_id, lang, term)``: Chinese ones join the
            segmenter's dictionary; a pair whose two sides belong to one concept is
            marked with it and ranked higher.
        top: keep only the best ``top`` pairs (None: all linked pairs).
        min_cooc: least number of units holding both sides.

    Returns:
        One-to-one linked pairs sorted by score, each with counts and contexts.
    """
    check_lang(src_lang)
    check_lang(tgt_lang)
    known = list(known)
    src_known = [t for _, lang, t in known if lang == src_lang]
    tgt_known = [t for _, lang, t in known if lang == tgt_lang]
    concept_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cid, lang, term in known:
        concept_of[(lang, term_key(term, lang))].add(cid)

    both = [u for u in units if u.texts.get(src_lang, "").strip() and u.texts.get(tgt_lang, "").strip()]
    src = _Side(src_lang, [candidates(u.texts[src_lang], src_lang, known=src_known) for u in both])
    tgt = _Side(tgt_lang, [candidates(u.texts[tgt_lang], tgt_lang, known=tgt_known) for u in both])
    if not src.freq or not tgt.freq:
        return []

    acronyms: dict[str, str] = {}
    for u in both:
        acronyms.update(find_acronyms(u.texts[tgt_lang], tgt_lang))
    for cid, lang, term in known:  # glossary acronyms: link them to the concept's full form
        if lang == tgt_lang and ACRONYM_TOKEN_RE.match(term):
            full = [t for c, lg, t in known if c == cid and lg == lang and t != term]
            if full:
                acronyms.setdefault(term_key(term, lang), term_key(full[0], lang))

    # fragments of one longer candidate are dropped on the source side only: on the
    # target side the longer one may be the term plus a word (``Council decision``)
    drop_src, drop_tgt = _subsumed(src), set()
    known_src_keys = {k for (lg, k) in concept_of if lg == src_lang}
    known_tgt_keys = {k for (lg, k) in concept_of if lg == tgt_lang}
    drop_src -= known_src_keys
    # a known term plus more (可持续发展目标 + 支持, 经社理事会 + 决定) is a composition
    if src_lang == "zh" and known_src_keys:
        drop_src |= {k for k in src.freq if k not in known_src_keys
                     and any(kk in k for kk in known_src_keys)}
    drop_tgt -= known_tgt_keys

    src.embed(embedder)
    tgt.embed(embedder, extra={v: v for v in acronyms.values()})

    # pairs worth scoring: each candidate's nearest counterparts inside its units
    pairs: set[tuple[str, str]] = set()
    near_src: dict[str, dict[str, float]] = defaultdict(dict)
    near_tgt: dict[str, dict[str, float]] = defaultdict(dict)
    for u in range(len(both)):
        sk = [k for k in src.keys_of(u) if k not in drop_src]
        tk = [k for k in tgt.keys_of(u) if k not in drop_tgt]
        if not sk or not tk:
            continue
        sims = src.vecs[[src.index[k] for k in sk]] @ tgt.vecs[[tgt.index[k] for k in tk]].T
        kk = min(TOP_K, len(tk))
        best_t = np.argsort(-sims, axis=1)[:, :kk]
        for i, row in enumerate(best_t):
            for j in row:
                near_src[sk[i]][tk[j]] = float(sims[i, j])
                pairs.add((sk[i], tk[j]))
        kk = min(TOP_K, len(sk))
        best_s = np.argsort(-sims, axis=0)[:kk, :]
        for j in range(len(tk)):
            for i in best_s[:, j]:
                near_tgt[tk[j]][sk[i]] = float(sims[i, j])
                pairs.add((sk[i], tk[j]))
    # glossary pairs present in the units are always scored
    for (lang, k), cids in concept_of.items():
        if lang != src_lang or k not in src.units:
            continue
        for (lang2, k2), cids2 in concept_of.items():
            if lang2 == tgt_lang and cids & cids2 and k2 in tgt.units and k2 in tgt.index:
                if src.units[k] & tgt.units[k2]:
                    pairs.add((k, k2))

    def neighbourhood(near: dict[str, float], other: str) -> float | None:
        vals = sorted((v for k, v in near.items() if k != other), reverse=True)[:MARGIN_K]
        return float(np.mean(vals)) if vals else None

    seg = zh_segmenter(src_known) if src_lang == "zh" else None

    def specificity(key: str) -> float:
        return seg.specificity(key, src.parts.get(key, ())) if seg is not None else 1.0

    def verb_like(key: str, lang: str) -> bool:
        if lang == "zh" and seg is not None:
            if len(src.parts.get(key, ())) > 1:
                return False
            cut = seg.cut(key)
            return len(cut) == 1 and cut[0][1] in ("v", "vd", "vi")
        if lang == "en":
            return " " not in key and bool(EN_VERB_FORM_RE.match(key))
        return False

    scored: list[TermPair] = []
    for skey, tkey in pairs:
        shared = src.units[skey] & tgt.units[tkey]
        cooc = len(shared)
        if cooc < min_cooc:
            continue
        fs, ft = src.freq[skey], tgt.freq[tkey]
        sim = float(src.vecs[src.index[skey]] @ tgt.vecs[tgt.index[tkey]])
        is_acr = False
        if tkey in acronyms and acronyms[tkey] in tgt.index:
            exp_sim = float(src.vecs[src.index[skey]] @ tgt.vecs[tgt.index[acronyms[tkey]]])
            if exp_sim > sim:
                sim, is_acr = exp_sim, True
        rs = neighbourhood(near_src.get(skey, {}), tkey)
        rt = neighbourhood(near_tgt.get(tkey, {}), skey)
        rvals = [r for r in (rs, rt) if r is not None]
        denom = sum(rvals) / len(rvals) if rvals else 0.0
        margin = sim / denom if denom > 1e-6 else MARGIN_CAP
        ld = _log_dice(cooc, fs, ft)
        cids = concept_of.get((src_lang, skey), set()) & concept_of.get((tgt_lang, tkey), set())
        concept = sorted(cids)[0] if cids else None
        score = (W_SIM * sim
                 + W_MARGIN * min(margin, MARGIN_CAP) / MARGIN_CAP
                 + W_DICE * max(ld, 0.0) / 14.0
                 + W_FREQ * min(1.0, math.log2(1 + cooc) / 4.0)
                 + W_SPEC * specificity(skey)
                 - (PENALTY_VERB if verb_like(skey, src_lang) or verb_like(tkey, tgt_lang)
                    else 0.0)
                 + (BONUS_ACRONYM if is_acr else 0.0)
                 + (BONUS_KNOWN if concept else 0.0))
        scored.append(TermPair(
            src_lang, tgt_lang, src.surface[skey], tgt.surface[tkey], skey, tkey,
            round(score, 4), cooc, fs, ft, round(ld, 3), round(sim, 4), round(margin, 4),
            is_acr, concept,
        ))
    scored.sort(key=lambda p: (-p.score, -p.cooc, p.src_key, p.tgt_key))

    linked_src: set[str] = set()
    linked_tgt: set[str] = set()
    out: list[TermPair] = []
    for p in scored:
        if p.src_key in linked_src or p.tgt_key in linked_tgt:
            continue
        linked_src.add(p.src_key)
        linked_tgt.add(p.tgt_key)
        shared = sorted(src.units[p.src_key] & tgt.units[p.tgt_key])
        p.contexts = [Context(both[u].texts[src_lang], both[u].texts[tgt_lang],
                              both[u].symbol, both[u].paragraph)
                      for u in shared[:MAX_CONTEXTS]]
        out.append(p)
        if top is not None and len(out) >= top:
            break
    return out
