"""Blocks to lines: drop page furniture, running titles, contents entries and table
cells; keep what the grouping needs to see paragraph breaks (blank lines, page breaks,
vertical gaps, widths, fonts)."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from align.io.raw import Block, RawDocument
from align.un import clean
from align.un import patterns as P

_DROPPED_ROLES = ("header", "footer", "table")
#: a footnote mark a reader took for a table cell (a raised ``1`` inside a line)
_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3}|[†‡])$")


def ends_sentence(text: str) -> bool:
    """The text ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(P.LINE_END_SENTENCE.search(text[-6:]))


@dataclass
class Line:
    """A physical line (or whole paragraph) that survived cleaning."""

    text: str
    page: int
    role: str
    blanks: int = 0
    page_break: bool = False
    footnote_zone: bool = False
    indent: bool = False
    gap: bool = False
    label: str | None = None
    width: float = 0.0
    x0: float | None = None
    font: tuple[float | None, bool, bool] = (None, False, False)  # size, bold, italic
    after_table: bool = False  # the first line after a dropped table: a paragraph break


def keep_lines(raw: RawDocument) -> tuple[list[Line], list[str]]:
    """Drop furniture, running titles and contents lines; keep break hints.

    Returns:
        the kept lines, and the stripped text of every block (for the masthead reader).
    """
    if raw.fmt == "pdf":
        raw = RawDocument(blocks=_rescue_orphans(raw.blocks), fmt=raw.fmt, name=raw.name,
                          page_count=raw.page_count, page_width=raw.page_width,
                          page_height=raw.page_height, warnings=raw.warnings)
    texts = [b.text.strip() for b in raw.blocks]
    furniture = [b.role in ("header", "footer") or (b.role in ("line", "para") and clean.is_furniture(t))
                 for b, t in zip(raw.blocks, texts)]
    nonblank = [i for i, t in enumerate(texts) if t]
    titles = clean.running_titles([texts[i] for i in nonblank], [furniture[i] for i in nonblank],
                                  [raw.blocks[i].page for i in nonblank])
    near = dict(zip(nonblank, clean.near_furniture([furniture[i] for i in nonblank])))
    gaps = _vertical_gaps(raw.blocks)
    width_of = _width_function(raw)
    out: list[Line] = []
    blanks, page_break, zone, after_table = 0, False, False, False
    last_page = raw.blocks[0].page if raw.blocks else 1
    for i, (block, text) in enumerate(zip(raw.blocks, texts)):
        if block.page != last_page:
            page_break, zone, last_page = True, False, block.page
        if not text:
            blanks += 1
            continue
        if block.role == "table" and clean.is_toc_entry(text):
            out.append(Line(text, block.page, "line"))  # a contents entry: _drop_contents
            continue
        if block.role in _DROPPED_ROLES or furniture[i]:
            page_break, zone = True, False
            after_table = after_table or (block.role == "table" and not _MARK.match(text))
            continue
        if block.style and block.style.lower().startswith("toc"):
            continue  # Word's contents entries (styles "TOC Heading", "toc 1" ...)
        if near.get(i) and clean.is_running_title(text, titles):
            continue
        if block.role == "footnote":
            out.append(Line(text, block.page, "footnote", label=block.label))
            blanks = 0
            continue
        if P.FOOTNOTE_RULE.match(text):
            zone = True
            continue
        out.append(Line(text, block.page, block.role if block.role == "para" else "line",
                         blanks=blanks, page_break=page_break, footnote_zone=zone,
                         indent=raw.fmt == "txt" and bool(block.x0), gap=gaps.get(i, False),
                         label=block.label, width=width_of(block),
                         x0=block.x0 if raw.fmt == "pdf" else None, font=_font(block, raw.fmt),
                         after_table=after_table))
        blanks, page_break, after_table = 0, False, False
    return _drop_contents(out), texts


def _font(block: Block, fmt: str) -> tuple[float | None, bool, bool]:
    """Size, weight and slant: a PDF block's style (``bold``, ``italic``, ``bold italic``)
    adds the slant to what ``size`` and ``bold`` say; elsewhere a style is a name."""
    if fmt != "pdf" or not block.style:
        return block.size, block.bold, False
    return block.size, block.bold, "italic" in block.style


def _orphan_row(block: Block, before: Block) -> bool:
    """A paragraph's last line that a reader took for table cells: it sits right under a
    text line that does not end a sentence, near the same left edge."""
    if before.role != "line" or ends_sentence(before.text.strip()) or before.page != block.page:
        return False
    if None in (block.x0, block.y0, before.x0, before.y0, before.y1):
        return False
    height = before.y1 - before.y0
    return abs(block.x0 - before.x0) < 25 and 0 <= block.y0 - before.y0 < 2 * height


def _rescue_orphans(blocks: list[Block]) -> list[Block]:
    """Turn such rows of table cells back into one text line."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.role == "table" and out and _orphan_row(block, out[-1]):
            j = i
            while (j < len(blocks) and blocks[j].role == "table" and blocks[j].page == block.page
                   and blocks[j].y0 is not None and abs(blocks[j].y0 - block.y0) < 1.5):
                j += 1
            text = " ".join(b.text.strip() for b in blocks[i:j])
            if len(text) <= 200:
                out.append(Block(text=text, page=block.page, role="line", x0=block.x0, y0=block.y0,
                                 x1=blocks[j - 1].x1, y1=block.y1, size=block.size, bold=block.bold))
                i = j
                continue
        out.append(block)
        i += 1
    return out


def _width_function(raw: RawDocument):
    """Line width: points from the left margin when the reader knows positions (PDF),
    else display width in characters."""
    xs = sorted(b.x0 for b in raw.blocks if b.role == "line" and b.x0 is not None and b.x1 is not None)
    if raw.fmt != "pdf" or len(xs) < 5:
        return lambda block: float(clean.text_width(block.text.strip()))
    left = xs[len(xs) // 10]

    def width(block: Block) -> float:
        if block.x0 is None or block.x1 is None:
            return float(clean.text_width(block.text.strip()))
        return max(0.0, block.x1 - left)

    return width


def _vertical_gaps(blocks: list[Block]) -> dict[int, bool]:
    """Index -> True where a PDF line sits clearly lower than line spacing explains."""
    pairs = []
    for i in range(1, len(blocks)):
        a, b = blocks[i - 1], blocks[i]
        if a.page == b.page and None not in (a.y0, a.y1, b.y0, b.y1) and a.role == b.role == "line":
            pairs.append((i, b.y0 - a.y1, a.y1 - a.y0))
    if len(pairs) < 5:
        return {}
    gap = statistics.median(p[1] for p in pairs)
    height = statistics.median(p[2] for p in pairs)
    return {i: g > gap + 0.4 * height for i, g, _ in pairs}


def _drop_contents(lines: list[Line]) -> list[Line]:
    """Remove contents entries: leader lines, their wrapped first lines, titles."""
    keep = [True] * len(lines)
    pending: list[int] = []
    for i, line in enumerate(lines):
        if line.role == "footnote":
            continue
        if P.TOC_TITLE.match(line.text):
            keep[i] = False
            pending = []
            continue
        if clean.is_toc_entry(line.text):
            keep[i] = False
            if len(pending) <= 4:
                for j in pending:
                    keep[j] = False
            pending = []
            continue
        if line.page_break or line.blanks >= 2 or ends_sentence(line.text):
            pending = []
        if not ends_sentence(line.text):
            pending.append(i)
    return [line for line, k in zip(lines, keep) if k]
