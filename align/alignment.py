"""Alignment results: units, beads, pairwise and multilingual alignments.

Shared by the aligners (which produce them), the exporters, the review store and
the glossary (which consume them). Keep this module free of algorithms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: flag names used on beads and rows
FLAG_NUMBER_MISMATCH = "number_mismatch"   # numbers/dates/symbols differ between sides
FLAG_LENGTH_OUTLIER = "length_outlier"     # length ratio far from the expected one
FLAG_NOT_ONE_TO_ONE = "not_1to1"           # 1-2, 2-1, 1-0, 0-1, ... bead
FLAG_UNALIGNED = "unaligned"               # one side empty (1-0 / 0-1)
FLAG_LOW_MARGIN = "low_margin"             # the chosen pairing barely beats its neighbours
FLAG_LABEL_MISMATCH = "label_mismatch"     # paragraph numbers differ between sides
FLAG_SYMBOL_MISMATCH = "symbol_mismatch"   # the documents carry different symbols


@dataclass
class Unit:
    """One alignable unit of one language: a paragraph-level segment or a sentence.

    Attributes:
        text: the text of the unit.
        number: the number/label of the segment it belongs to (``"3"``, ``"16.1"``,
            ``"II"``), shown to reviewers and written as a TMX prop; None if unnumbered.
        kind: the segment kind (heading, paragraph, subitem, body).
        segment: index of the segment in ``Document.segments`` (None if not from one).
        sentence: index of the sentence inside that segment (sentence level only).
        page: page where the unit starts, if known.
    """

    text: str
    number: str | None = None
    kind: str = "paragraph"
    segment: int | None = None
    sentence: int | None = None
    page: int | None = None


@dataclass
class Bead:
    """A link between consecutive source units and consecutive target units.

    ``src`` and ``tgt`` are 0-based indices into the unit lists; either may be empty
    (a deletion or insertion). ``confidence`` is in [0, 1]; ``score`` is the aligner's
    raw score (model-dependent scale, for diagnostics only).
    """

    src: list[int]
    tgt: list[int]
    score: float = 0.0
    confidence: float = 1.0
    flags: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        """The vecalign/bertalign bead notation, e.g. ``[0, 1]:[2]``."""
        return f"[{', '.join(map(str, self.src))}]:[{', '.join(map(str, self.tgt))}]"


@dataclass
class PairAlignment:
    """The alignment of one language pair."""

    src_lang: str
    tgt_lang: str
    src: list[Unit]
    tgt: list[Unit]
    beads: list[Bead]
    unit: str = "sentence"
    signature: dict = field(default_factory=dict)


@dataclass
class Row:
    """One row of a multilingual alignment: one pivot unit (or group) and its counterparts.

    Attributes:
        cells: language -> indices into ``MultiAlignment.units[lang]`` (the pivot too);
            an empty list means the unit has no counterpart in that language.
        confidence: language -> confidence of the link pivot↔language, in [0, 1].
        flags: language -> flags of the link pivot↔language.
        number: the paragraph number of the row (the pivot's, else any side's).
        status: ``auto`` | ``flagged`` | ``confirmed`` | ``edited`` (set by review).
    """

    cells: dict[str, list[int]]
    confidence: dict[str, float] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=dict)
    number: str | None = None
    status: str = "auto"

    @property
    def min_confidence(self) -> float:
        return min(self.confidence.values(), default=1.0)

    @property
    def flagged(self) -> bool:
        return any(self.flags.values())


@dataclass
class DocInfo:
    """What the outputs need to know about each input document."""

    lang: str
    name: str = ""
    symbols: list[str] = field(default_factory=list)
    job_number: str | None = None
    title: str | None = None


@dataclass
class MultiAlignment:
    """Pivot-based alignment of several language versions of one document.

    Attributes:
        pivot: the pivot language (``zh`` by default).
        unit: ``paragraph`` or ``sentence``.
        langs: languages, pivot first.
        units: language -> its unit list.
        rows: one row per pivot unit (or merged group), in order; rows whose pivot cell
            is empty hold units of other languages that have no pivot counterpart.
        docs: language -> document info.
        signature: how the result was made (see ``align.signature``).
        pairs: language -> the pivot↔language beads the rows were merged from (indices
            into ``units``). Rows are shared by all languages, so a row is as coarse as
            the coarsest language makes it; a two-language export splits rows the
            review has not edited back into these finer beads.
    """

    pivot: str
    unit: str
    langs: list[str]
    units: dict[str, list[Unit]]
    rows: list[Row]
    docs: dict[str, DocInfo] = field(default_factory=dict)
    signature: dict = field(default_factory=dict)
    pairs: dict[str, list[Bead]] = field(default_factory=dict)

    def text(self, row: Row, lang: str) -> str:
        """The text of one cell: its units joined (no space in Chinese)."""
        sep = "" if lang == "zh" else " "
        return sep.join(self.units[lang][i].text for i in row.cells.get(lang, []))
