"""The glossary model: concepts holding terms in several languages.

A concept is one meaning (``Commission on Narcotic Drugs``); it holds one or more terms
per language (the preferred one first, then abbreviations and variants). Status lives
on terms, so a terminologist can accept the English term and still reject a French
suggestion of the same concept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

STATUSES: tuple[str, ...] = ("candidate", "accepted", "rejected")
TERM_TYPES: tuple[str, ...] = ("fullForm", "acronym", "abbreviation", "shortForm", "variant")
#: parts of speech as TBX-Basic names them
POS_VALUES: tuple[str, ...] = ("noun", "verb", "adjective", "adverb", "properNoun", "other")

ACRONYM_RE = re.compile(r"^(?=(?:.*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]{1,11}$")


@dataclass
class Term:
    """One term of a concept in one language, with the fields terminologists expect.

    Attributes:
        lang: ISO 639-1 language code.
        text: the term as written.
        term_type: fullForm | acronym | abbreviation | shortForm | variant.
        pos: part of speech (noun, properNoun, ...), or "".
        status: candidate | accepted | rejected.
        note: a usage note.
        source: document symbol where the term was found.
        paragraph: paragraph number there.
        context: the sentence it was found in.
        created_by, created_at, modified_by, modified_at: who and when (ISO 8601 UTC).
        id: the database row id (None until stored).
    """

    lang: str
    text: str
    term_type: str = "fullForm"
    pos: str = "noun"
    status: str = "candidate"
    note: str = ""
    source: str = ""
    paragraph: str = ""
    context: str = ""
    created_by: str = ""
    created_at: str = ""
    modified_by: str = ""
    modified_at: str = ""
    id: int | None = None


@dataclass
class Concept:
    """A glossary entry: one concept and its terms.

    Attributes:
        id: stable identifier (``cnd``, ``s-3f2a...`` for suggestions).
        terms: the terms, preferred first within each language.
        domain: subject field (governing body, budget, convention ...).
        definition: definition or note on the concept.
        origin: ``seed`` | ``suggested`` | ``manual``.
        score: the pairing score for suggested entries (0 otherwise).
        evidence: counts and contexts of a suggestion (JSON-ready dict).
    """

    id: str
    terms: list[Term] = field(default_factory=list)
    domain: str = ""
    definition: str = ""
    origin: str = "manual"
    score: float = 0.0
    evidence: dict = field(default_factory=dict)
    created_by: str = ""
    created_at: str = ""
    modified_by: str = ""
    modified_at: str = ""

    @property
    def langs(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.terms:
            seen.setdefault(t.lang)
        return list(seen)

    def terms_in(self, lang: str, *, include_rejected: bool = False) -> list[Term]:
        """This concept's terms in ``lang``, preferred first."""
        return [t for t in self.terms
                if t.lang == lang and (include_rejected or t.status != "rejected")]

    def preferred(self, lang: str) -> str | None:
        terms = self.terms_in(lang)
        return terms[0].text if terms else None

    @property
    def status(self) -> str:
        """accepted if every live term is accepted, rejected if all are, else candidate."""
        statuses = {t.status for t in self.terms}
        if statuses == {"accepted"}:
            return "accepted"
        if statuses == {"rejected"}:
            return "rejected"
        return "candidate"


def guess_term_type(text: str, index: int) -> str:
    """fullForm for the first term of a language, acronym for ``UNODC``-like, else shortForm."""
    if ACRONYM_RE.match(text):
        return "acronym"
    return "fullForm" if index == 0 else "shortForm"


def known_terms(concepts: Iterable[Concept], *, statuses: tuple[str, ...] = ("accepted",)
                ) -> Iterator[tuple[str, str, str]]:
    """``(concept_id, lang, term)`` for every term of the given statuses."""
    for c in concepts:
        for t in c.terms:
            if t.status in statuses:
                yield c.id, t.lang, t.text
