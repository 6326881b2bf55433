"""What a format reader hands to the UN structure parser.

A reader knows the file format (pages, positions, Word numbering, footnote parts);
``align.un`` knows UN conventions. Between them is a flat list of blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockRole = Literal["line", "para", "footnote", "header", "footer", "table"]


@dataclass
class Block:
    """A piece of text with what the reader knows about it.

    Attributes:
        text: the text (no trailing newline).
        page: 1-based page number (TXT: counted from form feeds / page headers, else 1).
        role: ``line`` a physical line that still needs reflow (TXT, PDF);
            ``para`` a whole paragraph (DOCX); ``footnote`` footnote text;
            ``header``/``footer`` a running header/footer the reader recognised itself;
            ``table`` text from a table cell.
        label: a list label the reader recovered itself (Word auto-numbering ``16.1``,
            ``(a)``), to be read as if it were typed before the text; None if none.
        x0, y0, x1, y1: bounding box in points, origin top-left (PDF only).
        size: font size in points (PDF, DOCX where known).
        bold: the text is (mostly) bold.
        style: the reader's style name (DOCX paragraph style), if any.
    """

    text: str
    page: int = 1
    role: BlockRole = "line"
    label: str | None = None
    x0: float | None = None
    y0: float | None = None
    x1: float | None = None
    y1: float | None = None
    size: float | None = None
    bold: bool = False
    style: str | None = None


@dataclass
class RawDocument:
    """The output of a format reader."""

    blocks: list[Block]
    fmt: str
    name: str = ""
    page_count: int = 1
    page_width: float | None = None
    page_height: float | None = None
    warnings: list[str] = field(default_factory=list)
