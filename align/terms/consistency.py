"""Known terms in aligned text, and Chinese terms rendered inconsistently.

For every aligned unit, the glossary terms found in the pivot text are looked up in
the other language's text of the same unit: the concept's rendering found there (or
none) is recorded. A pivot term rendered by more than one full form across the
document set, or sometimes by none of the glossary's renderings, is an inconsistency
a reviser should look at. Acronyms and full forms of one concept (UNODC / United
Nations Office on Drugs and Crime) count as the same rendering.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from align.terms.extract import check_lang, term_key
from align.terms.glossary import Concept
from align.terms.highlight import find_terms
from align.terms.pair import AlignedUnit, Context

#: the rendering recorded when none of the concept's target terms is in the unit
NOT_FOUND = ""


@dataclass
class TermUse:
    """One occurrence of a known pivot term and what the target unit holds for it."""

    concept: str
    src: str
    tgt: str
    context: Context


@dataclass
class Inconsistency:
    """A pivot term rendered in more than one way (``renderings`` -> where)."""

    concept: str
    src_lang: str
    tgt_lang: str
    src_terms: list[str]
    renderings: dict[str, list[Context]] = field(default_factory=dict)

    @property
    def kinds(self) -> list[str]:
        found = [r for r in self.renderings if r != NOT_FOUND]
        out = []
        if len(found) > 1:
            out.append("variants")
        if NOT_FOUND in self.renderings:
            out.append("missing")
        return out

    def describe(self) -> str:
        parts = [f"{r or '(no glossary term)'} ×{len(c)}" for r, c in self.renderings.items()]
        return f"{' / '.join(self.src_terms)} → " + "; ".join(parts)


def term_uses(units: Sequence[AlignedUnit], src_lang: str, tgt_lang: str,
              entries: Iterable[Concept]) -> list[TermUse]:
    """Every known pivot term in the units, with its rendering in ``tgt_lang``."""
    check_lang(src_lang)
    check_lang(tgt_lang)
    entries = list(entries)
    by_id = {c.id: c for c in entries}
    out: list[TermUse] = []
    for u in units:
        src_text, tgt_text = u.texts.get(src_lang, ""), u.texts.get(tgt_lang, "")
        if not src_text.strip() or not tgt_text.strip():
            continue
        tgt_hits: dict[str, list[str]] = defaultdict(list)
        for s, e, cid in find_terms(tgt_text, tgt_lang, entries):
            tgt_hits[cid].append(tgt_text[s:e])
        for s, e, cid in find_terms(src_text, src_lang, entries):
            rendering = _canonical(by_id[cid], tgt_lang, tgt_hits.get(cid, []))
            out.append(TermUse(cid, src_text[s:e], rendering,
                               Context(src_text, tgt_text, u.symbol, u.paragraph)))
    return out


def _canonical(concept: Concept, lang: str, found: list[str]) -> str:
    """The concept's full-form rendering that ``found`` spells (acronyms map to it)."""
    if not found:
        return NOT_FOUND
    terms = concept.terms_in(lang)
    keys = {term_key(t.text, lang): t for t in terms}
    full = [t for t in terms if t.term_type != "acronym"]
    for text in found:
        t = keys.get(term_key(text, lang))
        if t is not None and t.term_type != "acronym":
            return t.text
    if full and all(keys.get(term_key(x, lang)) is not None for x in found):
        return full[0].text  # only acronyms found: the same concept, same rendering
    return found[0]


def find_inconsistencies(units: Sequence[AlignedUnit], src_lang: str, tgt_lang: str,
                         entries: Iterable[Concept]) -> list[Inconsistency]:
    """Known pivot terms rendered by several full forms, or sometimes by none."""
    entries = list(entries)
    grouped: dict[str, Inconsistency] = {}
    for use in term_uses(units, src_lang, tgt_lang, entries):
        inc = grouped.get(use.concept)
        if inc is None:
            inc = grouped[use.concept] = Inconsistency(use.concept, src_lang, tgt_lang, [])
        if use.src not in inc.src_terms:
            inc.src_terms.append(use.src)
        inc.renderings.setdefault(use.tgt, []).append(use.context)
    return [inc for inc in grouped.values() if inc.kinds]
