"""Page layout of a PDF: which lines are running headers, footers, footnotes, tables.

Input: the positioned lines of every page (``align.io.pdf_glyphs.PdfLine``). Output: blocks
(``align.io.raw.Block``) in reading order. Everything here is pure: positions in, roles
out; the patterns are named constants.
"""

from __future__ import annotations

import re
from collections import Counter

from align.io.pdf_glyphs import PdfLine, is_cjk_char
from align.io.raw import Block

#: header band: the top fraction of the page; footer band: the bottom fraction
HEADER_BAND = 0.10
FOOTER_BAND = 0.10
#: footnote marks hang at the left edge of the footnote area (points of tolerance)
HANGING_TOL = 2.0
#: a footnote line is at most this fraction of the body text size
FOOTNOTE_SIZE_RATIO = 0.93
#: a footnote separator is shorter than this fraction of the page width
SEPARATOR_MAX_WIDTH = 0.45
#: a rule framing a table spans at least this fraction of the text width
TABLE_RULE_WIDTH = 0.4
#: under a ruled heading row, a region this much made of table rows is the table body
RULED_BODY_SHARE = 0.2
#: a running-text line spans at least this fraction of the text width
PROSE_WIDTH = 0.7
#: footnotes without a separator live in the bottom part of the page
FOOTNOTE_ZONE = 0.45
#: a line this much larger than the body text is a heading, never a table cell
HEADING_SIZE_RATIO = 1.15
#: rows of a table are at most this many line heights apart
TABLE_ROW_GAP = 1.9
TABLE_LEGEND_GAP = 3.0
#: a continuation line inside a table is narrower than this fraction of the text width
TABLE_SHORT_LINE = 0.55

PAGE_COUNTER_RE = re.compile(r"^(?:page\s+)?\d{1,4}\s*(?:/|of|sur|de|из)\s*\d{1,4}$", re.I)
PAGE_NUMBER_RE = re.compile(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$")
JOB_NUMBER_RE = re.compile(r"^(?:[A-Z]\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?$")
BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
RECYCLE_RE = re.compile(r"^please recycle$", re.I)
#: a UN document symbol standing alone (running headers of pages after the first)
SYMBOL_LINE_RE = re.compile(
    r"^[A-Z]{1,6}(?:\.\d{1,3})?(?:/[A-Za-z0-9.\-]{1,20}){1,8}(?:\s?\([^)]{1,20}\))?"
    r"(?:/[A-Za-z0-9.]{1,12}(?: [A-Z0-9]{1,3})?){0,4}\**$"
)
#: masthead cells of a first page that must never be taken for table cells
MASTHEAD_RE = re.compile(r"^(?:Distr\.?[:.]?|Original:|United Nations|Nations Unies)", re.I)
#: footnote separator typed as underscores (Word) or drawn as a rule
SEPARATOR_RE = re.compile(r"^[_\u2014\u2015\-]{5,}$")
#: a footnote label at the start of a footnote line
FOOTNOTE_LABEL_RE = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z]|[†‡§])$")
FOOTNOTE_LEAD_RE = re.compile(r"^(\d{1,3}|\*{1,3})\s+(?=\S)")
#: a table-of-contents entry: dot leaders then a page number
TOC_LEADER_RE = re.compile(
    r"(?:(?:\.\s?){4,400}+|…{2,200}+|(?:\u00b7\s?){4,400}+)\s{0,20}+\d{1,4}$"
)
#: a list label cell (kept with its text, not a table column): 16.1, (a), a), I., 一.
LABEL_CELL_RE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.．]?|\(?[a-zA-Z]{1,2}\)|\(?[ivxlcdm]{1,6}\)|[IVXLCDM]{1,6}\.|[A-Z]\."
    r"|[一二三四五六七八九十]{1,3}[.、．]|\(?[\u0621-\u064a]\)|\d{1,3}(?:-\d{1,3})?\s?-?|\*{1,3}|[a-z])$"
)
#: a line of numbers and dashes only (chart axes, figures, table figures)
NUMERIC_LINE_RE = re.compile(r"^[\d\s.,%–—\-+()$€£]+$")
#: PDF has no style names: a line's ``style`` says how its font looks
FONT_STYLES = {(False, False): None, (True, False): "bold", (False, True): "italic",
               (True, True): "bold italic"}
DIGITS_RE = re.compile(r"\d+")
SPACES_RE = re.compile(r"\s+")


def _key(text: str) -> str:
    return SPACES_RE.sub(" ", DIGITS_RE.sub("#", text)).strip().lower()


def _is_page_furniture(text: str, page: int) -> bool:
    t = text.strip()
    if (PAGE_COUNTER_RE.match(t) or PAGE_NUMBER_RE.match(t) or JOB_NUMBER_RE.match(t)
            or BARCODE_RE.match(t) or URL_RE.match(t) or RECYCLE_RE.match(t)):
        return True
    return page > 1 and bool(SYMBOL_LINE_RE.match(t))


def _cell_furniture(line: PdfLine) -> bool:
    return all(_is_page_furniture(c.text, line.page) for c in line.cells)


def mark_running(pages: list[list[PdfLine]], heights: list[float]) -> dict[int, str]:
    """Running headers and footers: ``{id(line): "header" | "footer"}``.

    A line in the top (bottom) band is a header (footer) when its text, digits
    masked, recurs in the same band on another page, or when each of its cells is
    page furniture (page counter, job number, barcode, URL, a lone symbol).
    """
    seen: Counter[tuple[str, str]] = Counter()
    for lines, height in zip(pages, heights):
        top, bottom = HEADER_BAND * height, (1 - FOOTER_BAND) * height
        keys = set()
        for ln in lines:
            band = "h" if ln.bottom < top else "f" if ln.top > bottom else None
            if band:
                keys.add((band, _key(ln.text)))
        seen.update(keys)
    roles: dict[int, str] = {}
    for lines, height in zip(pages, heights):
        top, bottom = HEADER_BAND * height, (1 - FOOTER_BAND) * height
        for ln in lines:
            band = "h" if ln.bottom < top else "f" if ln.top > bottom else None
            if band is None:
                continue
            if seen[(band, _key(ln.text))] >= 2 or _cell_furniture(ln):
                roles[id(ln)] = "header" if band == "h" else "footer"
    return roles


def body_size(pages: list[list[PdfLine]]) -> float:
    """The most common font size, weighted by characters (the running text's size)."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _footnote_zone(lines: list[PdfLine], size: float, height: float,
                   rules: list[float]) -> int:
    """Index of the first footnote line in ``lines`` (body lines, top to bottom).

    ``rules``: the y of short rules on the page (separator candidates).
    """
    n = len(lines)
    for i, ln in enumerate(lines):
        if SEPARATOR_RE.match(ln.text.replace(" ", "")):
            return i
    for y in sorted(rules):
        below = [i for i, ln in enumerate(lines) if ln.top > y]
        if below and all(lines[i].size <= FOOTNOTE_SIZE_RATIO * size
                         and len(_body_cells(lines[i])) < 2 for i in below):
            return below[0]
    start = n
    while start > 0:
        ln = lines[start - 1]
        if (ln.size > FOOTNOTE_SIZE_RATIO * size or ln.top < (1 - FOOTNOTE_ZONE) * height
                or len(_body_cells(ln)) > 1):
            break
        start -= 1
    # without a separator the zone must open with a raised or starred label
    while start < n and not (lines[start].lead_mark or _star_label(lines[start])):
        start += 1
    return start


def _star_label(line: PdfLine) -> bool:
    label = _lead_label(line)
    return label is not None and label.startswith("*")


def _lead_label(line: PdfLine, typed: bool = True) -> str | None:
    """The footnote mark a line opens with; ``typed``: also a number typed in the text."""
    if line.lead_mark:
        return line.lead_mark
    if len(line.cells) > 1 and FOOTNOTE_LABEL_RE.match(line.cells[0].text):
        return line.cells[0].text
    if not typed:
        return None
    if line.lead_typed:
        return line.lead_typed
    m = FOOTNOTE_LEAD_RE.match(line.text)
    return m.group(1) if m else None


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if is_cjk_char(a[-1]) or is_cjk_char(b[0]) or a.endswith(("-", "\u2010")):
        return a + b
    return a + " " + b


def _footnote_blocks(lines: list[PdfLine], prev: Block | None) -> list[Block]:
    """One block per footnote of a page's footnote area; a first line without a mark
    continues ``prev`` (the last footnote of an earlier page)."""
    blocks: list[Block] = []
    # a number typed at the start of a line is a mark only where marks hang: at the
    # left edge of the footnote area, not at the indent of continued text
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    for ln in lines:
        text = ln.text
        if SEPARATOR_RE.match(text.replace(" ", "")):
            continue
        hanging = ln.x0 <= left + HANGING_TOL or (ln.rtl and ln.x1 >= right - HANGING_TOL)
        label = _lead_label(ln, typed=hanging)  # not "214 interviews" continuing a note
        if label is None and not hanging:
            starred = _lead_label(ln)
            label = starred if starred and starred.startswith("*") else None
        if label is not None:
            if not ln.lead_mark:
                if len(ln.cells) > 1 and ln.cells[0].text == label:
                    text = " ".join(c.text for c in ln.cells[1:])
                else:
                    text = text[len(label):].lstrip()
            blocks.append(Block(text=text, page=ln.page, role="footnote", label=label,
                                x0=ln.x0, y0=ln.top, x1=ln.x1, y1=ln.bottom,
                                size=round(ln.size, 2), bold=ln.bold))
            continue
        target = blocks[-1] if blocks else prev
        if target is not None:
            target.text = _join(target.text, text)
            target.y1 = ln.bottom if target.page == ln.page else target.y1
        else:
            blocks.append(Block(text=text, page=ln.page, role="footnote", x0=ln.x0,
                                y0=ln.top, x1=ln.x1, y1=ln.bottom, size=round(ln.size, 2)))
    return blocks


def _body_cells(line: PdfLine) -> list:
    cells = list(line.cells)
    if len(cells) > 1 and LABEL_CELL_RE.match(cells[0].text):
        cells = cells[1:]
    return cells


def _mark_tables(lines: list[PdfLine], text_width: float, body: float,
                 left: float) -> set[int]:
    """Indices of lines that belong to tables, tables of contents or figures."""
    table: set[int] = set()
    n = len(lines)
    for i, ln in enumerate(lines):
        if TOC_LEADER_RE.search(ln.text):
            table.add(i)
    # wrapped contents entries: up to four lines between two leader lines
    toc = sorted(table)
    for a, b in zip(toc, toc[1:]):
        if 1 < b - a <= 5:
            table.update(range(a + 1, b))
    masthead = [ln.page == 1 and any(MASTHEAD_RE.match(c.text) for c in ln.cells) for ln in lines]
    multi = [len(_body_cells(ln)) >= 2 and not masthead[i] for i, ln in enumerate(lines)]
    for i, ln in enumerate(lines):
        if not multi[i]:
            continue
        near = any(multi[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < n)
        if near or len(_body_cells(ln)) >= 3 or NUMERIC_LINE_RE.match(ln.text):
            table.add(i)
    for i, ln in enumerate(lines):
        if NUMERIC_LINE_RE.match(ln.text) and len(ln.text) < 40:
            table.add(i)
    # continuation lines of table cells and lone figures next to a table
    changed = True
    while changed:
        changed = False
        for i, ln in enumerate(lines):
            if i in table:
                continue
            for j in (i - 1, i + 1):
                if not (0 <= j < n) or j not in table:
                    continue
                other = lines[j]
                gap = abs(ln.top - other.top)
                short = (ln.x1 - ln.x0) < TABLE_SHORT_LINE * text_width
                heading = ln.bold or ln.size > HEADING_SIZE_RATIO * body
                # a short line far right of the text margin (a chart legend) may sit lower
                reach = TABLE_ROW_GAP if ln.x0 < left + 3 * body else TABLE_LEGEND_GAP
                if gap <= reach * max(ln.size, other.size) and short and not heading:
                    table.add(i)
                    changed = True
                    break
    return table


def _ruled_regions(lines: list[PdfLine], table: set[int], rules: list[float], body: float,
                   text_width: float) -> set[int]:
    """Lines between two wide rules where most lines already look like table rows.

    Word and LibreOffice draw a rule above a table, under its header and below it;
    full-width rows inside (category headings, long cells) then join their table.
    A region holding a running-text line (body size, nearly full width) is no table.
    """
    out: set[int] = set()
    ys = sorted(rules)
    after_header = False  # the previous region was a table (its column headings)
    # a table running on to the next page has no closing rule: the page end closes it
    for top, bottom in zip(ys, ys[1:] + [float("inf")]):
        inside = [i for i, ln in enumerate(lines) if top < ln.top and ln.bottom < bottom]
        share = sum(1 for i in inside if i in table) / len(inside) if inside else 0.0
        prose = any(i not in table and lines[i].size >= 0.95 * body
                    and lines[i].x1 - lines[i].x0 >= PROSE_WIDTH * text_width for i in inside)
        ruled = (share >= 0.5 and bottom != float("inf")) or (
            after_header and share >= RULED_BODY_SHARE)
        if inside and ruled and not prose:
            out.update(inside)
            after_header = True
        else:
            after_header = False
    return out


def _line_blocks(line: PdfLine, role: str) -> list[Block]:
    """A body line as blocks: one per cell, a list label kept with its text."""
    cells = list(line.cells)
    groups: list[tuple[str, float, float]] = []
    if role == "line" and len(cells) > 1 and LABEL_CELL_RE.match(cells[0].text):
        groups.append((cells[0].text + " " + cells[1].text, cells[0].x0, cells[1].x1))
        cells = cells[2:]
    groups.extend((c.text, c.x0, c.x1) for c in cells)
    if role in ("header", "footer"):
        groups = [(line.text, line.x0, line.x1)]
    style = FONT_STYLES[(line.bold, line.italic)]
    return [Block(text=t, page=line.page, role=role, x0=x0, y0=line.top, x1=x1,
                  y1=line.bottom, size=round(line.size, 2), bold=line.bold, style=style)
            for t, x0, x1 in groups]


def classify_pages(pages: list[list[PdfLine]], width: float, height: float,
                   rules: list[list[tuple[float, float, float]]] | None = None,
                   sizes: list[tuple[float, float]] | None = None,
                   ) -> tuple[list[Block], list[str]]:
    """Turn each page's lines into blocks with roles, in reading order.

    Args:
        pages: lines of each page, top to bottom.
        width, height: page size in points (first page; the default for every page).
        rules: per page, thin horizontal rules ``(y, x0, x1)`` (``pdf_glyphs.page_rules``).
        sizes: per page, ``(width, height)`` (landscape annex pages differ).

    Returns:
        (blocks, warnings).
    """
    sizes = sizes or [(width, height)] * len(pages)
    running = mark_running(pages, [h for _, h in sizes])
    size = body_size(pages)
    lefts = [ln.x0 for lines in pages for ln in lines if abs(ln.size - size) < 0.6]
    rights = [ln.x1 for lines in pages for ln in lines if abs(ln.size - size) < 0.6]
    text_left = _pct(lefts, 0.1) if lefts else width * 0.15
    text_width = (_pct(rights, 0.9) - text_left) if lefts else width * 0.7
    blocks: list[Block] = []
    warnings: list[str] = []
    last_note: Block | None = None
    for p, lines in enumerate(pages):
        width, height = sizes[p]
        if not lines:
            warnings.append(f"page {p + 1} has no text layer (scanned?)")
            continue
        heads = [ln for ln in lines if running.get(id(ln)) == "header"]
        foots = [ln for ln in lines if running.get(id(ln)) == "footer"]
        body = [ln for ln in lines if id(ln) not in running]
        page_rules = rules[p] if rules else []
        short = [y for y, x0, x1 in page_rules if x1 - x0 < SEPARATOR_MAX_WIDTH * width]
        wide = [y for y, x0, x1 in page_rules if x1 - x0 >= TABLE_RULE_WIDTH * text_width]
        zone = _footnote_zone(body, size, height, short)
        notes_lines, body = body[zone:], body[:zone]
        for ln in heads:
            blocks.extend(_line_blocks(ln, "header"))
        table = _mark_tables(body, text_width, size, text_left)
        table |= _ruled_regions(body, table, wide, size, text_width)
        for i, ln in enumerate(body):
            if SEPARATOR_RE.match(ln.text.replace(" ", "")):
                continue
            blocks.extend(_line_blocks(ln, "table" if i in table else "line"))
        notes = _footnote_blocks(notes_lines, last_note)
        if notes:
            last_note = notes[-1]
        blocks.extend(notes)
        for ln in foots:
            blocks.extend(_line_blocks(ln, "footer"))
    return blocks, warnings


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]
