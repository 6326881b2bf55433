"""Find glossary terms in running text (for highlighting in the review columns).

Chinese terms match as written (spaces a PDF put between characters are tolerated);
other languages match whole words, case-insensitively, with light inflection (English,
French and Spanish plurals, Russian case endings), Arabic with optional tatweel and
diacritics and the proclitics و ف ب ل ك before the first word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from align.terms.extract import ACRONYM_RE, RU_ENDING_RE, check_lang
from align.terms.glossary import Concept

_AR_FILL = "[\u0640\u064b-\u0652\u0670]*"
_AR_PREFIX = "(?:[وف]?[بلك]?)"
_HYPHENS = "[-\u2010\u2011\u2013]"
_APOSTROPHES = "['\u2019\u02bc]"
_WS_RE = re.compile(r"\s+")
_ALEF_CLASS = "[\u0627\u0622\u0623\u0625]"


def _word_pattern(word: str, lang: str) -> str:
    if lang == "ar":
        chars = []
        for ch in word:
            if ch in "\u0627\u0622\u0623\u0625":
                chars.append(_ALEF_CLASS)
            elif ch == "\u0640" or "\u064b" <= ch <= "\u0652":
                continue
            else:
                chars.append(re.escape(ch))
        return _AR_FILL.join(chars)
    if word.isupper() or not word[-1:].isalpha():
        return _HYPHENS.join(_esc(p) for p in re.split(_HYPHENS, word))
    return _HYPHENS.join(_inflected(p, lang) for p in re.split(_HYPHENS, word))


def _esc(text: str) -> str:
    return re.escape(text).replace("'", _APOSTROPHES)


def _inflected(part: str, lang: str) -> str:
    """One word (or hyphen part) with the inflection its language allows."""
    lower = part.casefold()
    if lang in ("en", "fr", "es") and len(part) > 3:
        if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            part = part[:-1]
        return _esc(part) + "(?:e?s)?"
    if lang == "ru" and len(part) > 4:
        stem = RU_ENDING_RE.sub("", lower) or lower
        return _esc(stem) + r"\w{0,5}"
    return _esc(part)


def term_pattern(term: str, lang: str) -> str:
    """A regular expression (no capturing groups) matching ``term`` in running text."""
    term = unicodedata.normalize("NFC", term.strip()).replace("\u2019", "'")
    if lang == "zh":
        return r"\s*".join(re.escape(ch) for ch in term if not ch.isspace())
    if ACRONYM_RE.match(term):  # WHO is not "who": acronyms match with their case
        return rf"(?<!\w)(?-i:{re.escape(term)})(?!\w)"
    words = _WS_RE.split(term)
    body = r"\s+".join(_word_pattern(w, lang) for w in words if w)
    if lang == "ar":
        return rf"(?<![\w\u0600-\u06ff]){_AR_PREFIX}{body}(?![\w\u0600-\u06ff])"
    return rf"(?<!\w){body}(?!\w)"


def _as_triples(entries: Iterable) -> Iterable[tuple[str, str, str]]:
    for e in entries:
        if isinstance(e, Concept):
            for t in e.terms:
                if t.status != "rejected":
                    yield e.id, t.lang, t.text
        else:
            cid, lang, text = e
            yield cid, lang, text


def highlight_terms(concepts: Iterable[Concept], *, seed: bool = True
                    ) -> dict[str, list[tuple[str, str, str]]]:
    """Per language, the ``(concept_id, lang, term)`` triples worth highlighting in review.

    Only terms marked ``accepted`` count (candidate and rejected terms of a concept do
    not, even when another of its terms is accepted); with ``seed`` the shipped UNODC
    seed glossary (every term accepted) is added. The result feeds :func:`find_terms`.

    Args:
        concepts: glossary entries, for example ``GlossaryStore(con).entries()``.
        seed: also include :func:`align.terms.seed.load_seed`.
    """
    from align.terms.glossary import known_terms
    from align.terms.seed import load_seed

    entries = [*concepts, *(load_seed() if seed else ())]
    out: dict[str, list[tuple[str, str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for cid, lang, text in known_terms(entries, statuses=("accepted",)):
        triple = (cid, lang, text)
        if text.strip() and triple not in seen:
            seen.add(triple)
            out.setdefault(lang, []).append(triple)
    return out


@lru_cache(maxsize=64)
def _matcher(lang: str, terms: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, tuple[str, ...]]:
    ordered = sorted(terms, key=lambda t: (-len(t[1]), t[1]))
    if not ordered:
        return None, ()
    pattern = "|".join(f"({term_pattern(text, lang)})" for _, text in ordered)
    flags = re.IGNORECASE if lang not in ("zh", "ar") else 0
    return re.compile(pattern, flags), tuple(cid for cid, _ in ordered)


def find_terms(text: str, lang: str, entries: Iterable) -> list[tuple[int, int, str]]:
    """Glossary terms found in ``text``: ``(start, end, concept_id)``, left to right.

    Args:
        text: running text (a review cell).
        lang: its language.
        entries: :class:`Concept` objects (rejected terms are skipped) or
            ``(concept_id, lang, term)`` triples.

    Returns:
        Non-overlapping spans, the longest term winning where several start together.
    """
    check_lang(lang)
    terms = tuple(sorted({(cid, t) for cid, lg, t in _as_triples(entries)
                          if lg == lang and t and t.strip()}))
    regex, ids = _matcher(lang, terms)
    if regex is None or not text:
        return []
    out = []
    for m in regex.finditer(text):
        if m.end() > m.start():
            out.append((m.start(), m.end(), ids[m.lastindex - 1]))
    return out
