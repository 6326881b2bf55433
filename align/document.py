"""The structured document model every reader produces and every aligner consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

SegmentKind = Literal["heading", "paragraph", "subitem", "body", "footnote", "front"]
SEGMENT_KINDS: tuple[str, ...] = ("heading", "paragraph", "subitem", "body", "footnote", "front")

#: kinds that carry the document's running text (what is aligned)
BODY_KINDS: tuple[str, ...] = ("heading", "paragraph", "subitem", "body")


@dataclass
class Segment:
    """One structural unit of a document, in reading order.

    Attributes:
        kind: heading | paragraph | subitem | body | footnote | front.
        number: the label as printed, normalised: ``"1"``, ``"16.1"``, ``"I"``, ``"A"``,
            ``"a"``, ``"i"``; for footnotes the footnote number; None when unnumbered.
        text: the cleaned text, without the label.
        page: 1-based page where the segment starts (None when unknown, e.g. TXT).
        level: heading level (1 chapter ``I.``, 2 section ``A.``, 3 ``1.`` in headings),
            0 for non-headings.
        parent: number of the enclosing numbered paragraph for a sub-item.
    """

    kind: SegmentKind
    number: str | None
    text: str
    page: int | None = None
    level: int = 0
    parent: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class DocMeta:
    """Masthead metadata of a UN document; every field is optional."""

    symbols: list[str] = field(default_factory=list)
    job_number: str | None = None
    date: str | None = None
    distribution: str | None = None
    original_language: str | None = None
    bodies: list[str] = field(default_factory=list)
    session: str | None = None
    agenda_item: str | None = None
    title: str | None = None


@dataclass
class Document:
    """A read UN document in one language.

    Attributes:
        lang: ISO 639-1 code of one of the six UN languages.
        meta: masthead metadata.
        segments: the segments in reading order.
        name: the file name it came from (no directory), for display and provenance.
        fmt: ``txt`` | ``pdf`` | ``docx``.
        warnings: non-fatal problems the reader noticed, one line each.
    """

    lang: str
    meta: DocMeta
    segments: list[Segment]
    name: str = ""
    fmt: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> list[Segment]:
        """Segments that carry running text (headings, paragraphs, sub-items, body)."""
        return [s for s in self.segments if s.kind in BODY_KINDS]

    @property
    def footnotes(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "footnote"]

    def paragraph_numbers(self) -> list[str]:
        return [s.number for s in self.segments if s.kind == "paragraph" and s.number]

    def to_dict(self) -> dict:
        """The ``align inspect --json`` object (stable keys; see README)."""
        return {
            "lang": self.lang,
            "name": self.name,
            "format": self.fmt,
            "symbols": list(self.meta.symbols),
            "job_number": self.meta.job_number,
            "original_language": self.meta.original_language,
            "title": self.meta.title,
            "date": self.meta.date,
            "distribution": self.meta.distribution,
            "bodies": list(self.meta.bodies),
            "session": self.meta.session,
            "agenda_item": self.meta.agenda_item,
            "warnings": list(self.warnings),
            "segments": [
                {"kind": s.kind, "number": s.number, "text": s.text, "page": s.page,
                 "level": s.level, "parent": s.parent}
                for s in self.segments
            ],
        }
