"""PDF lines: glyphs grouped into lines on their baselines, in reading order.

PDFium's character stream is cut into pieces at its line breaks, baseline jumps and
wide gaps; pieces on one baseline are joined (table cells, labels, right-to-left runs
PDFium cut apart), raised footnote markers, stray diacritics and raised letters are put
back on their line, and each line gets its cells (``pdf_cells``).
"""

from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium

from align.io.pdf_cells import FOOTNOTE_MARK_RE, line_cells
from align.io.pdf_glyphs import (
    CELL_GAP_EM,
    LTR_LETTER_RE,
    SUPERSCRIPT_RATIO,
    RTL_LETTER_RE,
    PdfChar,
    PdfLine,
    is_rtl_char,
    page_chars,
)

#: a stop drawn at the left end of a Latin line in right-to-left text: ".E/CN.7/2025/4"
LEADING_STOP_RE = re.compile(r"^([.,;:،؛])(?=[A-Za-z0-9])")
#: two pieces of text sit on the same baseline within this tolerance (in ems)
BASELINE_TOL_EM = 0.35
#: pieces of one row have comparable sizes (a barcode beside a job number does not)
ROW_SIZE_RATIO = 0.7
#: a line box spans its baseline minus/plus these fractions of its size
LINE_ASCENT = 0.8
LINE_DESCENT = 0.2
#: a stray right-to-left fragment: at most this many glyphs, this far off the line (ems)
FRAGMENT_GLYPHS = 6
FRAGMENT_DRIFT_EM = 0.6
#: a superscript's baseline is raised by at least this much (in ems of the line)
SUPERSCRIPT_RAISE_EM = 0.12


def _stream_lines(chars: list[PdfChar | None]) -> list[PdfLine]:
    """Cut PDFium's glyph stream into line pieces at its breaks, jumps and wide gaps."""
    lines: list[PdfLine] = []
    cur: PdfLine | None = None
    main: PdfChar | None = None  # the last full-size glyph of ``cur``
    for c in chars:
        if c is None:
            cur = None
            continue
        if c.space:
            if cur is not None:
                cur.chars.append(c)
            continue
        if cur is not None:
            size = cur.size
            near = main is None or max(c.x0 - main.x1, main.x0 - c.x1) < CELL_GAP_EM * size
            # right-to-left and mixed lines jump about in PDFium's order: a glyph on the
            # same baseline in a comparable size belongs to the line wherever it sits
            comparable = ROW_SIZE_RATIO * size <= c.size <= size / ROW_SIZE_RATIO
            small = c.size < SUPERSCRIPT_RATIO * size
            if near and small and c.bottom > cur.top and c.top < cur.bottom:
                c.sup = c.base < cur.base - SUPERSCRIPT_RAISE_EM * size
                cur.chars.append(c)
                continue
            if abs(c.base - cur.base) <= BASELINE_TOL_EM * max(c.size, size) and (near or comparable):
                cur.chars.append(c)
                main = c
                continue
        cur = PdfLine(chars=[c], top=c.top, bottom=c.bottom, size=c.size, base=c.base)
        main = c
        lines.append(cur)
    return lines


def _span(line: PdfLine) -> tuple[float, float]:
    xs = [c for c in line.chars if not c.space]
    return min(c.x0 for c in xs), max(c.x1 for c in xs)


def _merge_same_row(pieces: list[PdfLine]) -> list[PdfLine]:
    """Join pieces sharing a baseline (table cells, labels, RTL runs PDFium cut apart),
    then attach raised pieces: superscript markers, stray diacritics, raised letters."""
    pieces = [p for p in pieces if any(not c.space for c in p.chars)]
    pieces.sort(key=lambda p: (p.base, _first_x(p)))
    marks = [p for p in pieces if _marks_only(p)]
    pieces = [p for p in pieces if not _marks_only(p)]
    rows: list[PdfLine] = []
    for p in pieces:
        target = None
        for k in range(len(rows) - 1, max(len(rows) - 4, -1), -1):
            row = rows[k]
            if abs(p.base - row.base) > BASELINE_TOL_EM * max(p.size, row.size):
                continue
            if min(p.size, row.size) < ROW_SIZE_RATIO * max(p.size, row.size):
                continue  # a barcode beside a job number: not one line
            target = row
            break
        if target is None:
            rows.append(p)
            continue
        target.chars.extend(p.chars)
        target.top = min(target.top, p.top)
        target.size = max(target.size, p.size)
    rows.sort(key=lambda r: r.base)
    for m in marks:  # diacritics drawn on their own: onto the line under them
        x0, x1 = _span(m)
        hosts = [r for r in rows if abs(r.base - m.base) <= r.size
                 and _span(r)[0] - 1 <= x0 and x1 <= _span(r)[1] + 1]
        if hosts:
            min(hosts, key=lambda r: abs(r.base - m.base)).chars.extend(m.chars)
        else:
            rows.append(m)
    rows.sort(key=lambda r: r.base)
    merged: list[PdfLine] = []
    for i, row in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        glyphs = [c for c in row.chars if not c.space]
        host = _fragment_host(row, glyphs, merged[-1] if merged else None, nxt)
        if host is not None:
            host.chars.extend(glyphs)
            continue
        small = nxt is not None and all(c.size < SUPERSCRIPT_RATIO * nxt.size for c in glyphs)
        marker = FOOTNOTE_MARK_RE.match("".join(c.ch for c in glyphs)) is not None
        if nxt is not None and small and marker and nxt.top < row.base < nxt.base:
            for c in row.chars:  # a piece of small raised glyphs over the next row
                c.sup = not c.space
            nxt.chars[:0] = row.chars
            nxt.top = min(nxt.top, row.top)
            continue
        merged.append(row)
    return merged


def _marks_only(piece: PdfLine) -> bool:
    glyphs = [c for c in piece.chars if not c.space]
    return bool(glyphs) and all(c.ch >= "\u0300" and unicodedata.combining(c.ch) for c in glyphs)


def _fragment_host(row: PdfLine, glyphs: list[PdfChar], prev: PdfLine | None,
                   nxt: PdfLine | None) -> PdfLine | None:
    """The line a stray fragment belongs to: diacritics, or a letter or two of
    right-to-left text drawn a little off the baseline, inside that line's extent."""
    marks_only = all(c.ch and unicodedata.combining(c.ch) for c in glyphs)
    rtl_bit = len(glyphs) <= FRAGMENT_GLYPHS and all(
        c.ch and (is_rtl_char(c.ch) or unicodedata.combining(c.ch)) for c in glyphs)
    if not glyphs or not (marks_only or rtl_bit):
        return None
    x0, x1 = min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)
    best = None
    for cand in (prev, nxt):
        if cand is None:
            continue
        near = abs(cand.base - row.base) <= FRAGMENT_DRIFT_EM * cand.size
        cx0, cx1 = _span(cand)
        if (marks_only or near) and cx0 - 1 <= x0 and x1 <= cx1 + 1:
            if best is None or abs(cand.base - row.base) < abs(best.base - row.base):
                best = cand
    return best


def _first_x(line: PdfLine) -> float:
    return min(c.x0 for c in line.chars if not c.space)


def page_lines(page: pdfium.PdfPage, page_no: int) -> list[PdfLine]:
    """The lines of one page, top to bottom, with cells and reading order resolved."""
    chars = page_chars(page)
    pieces = _stream_lines(chars)
    lines = _merge_same_row(pieces)
    # on a right-to-left page every line holding Arabic is a right-to-left paragraph,
    # even one made mostly of a URL or a document symbol
    page_text = "".join(c.ch for c in chars if c is not None)
    rtl_page = len(RTL_LETTER_RE.findall(page_text)) > len(LTR_LETTER_RE.findall(page_text))
    for line in lines:
        body = [c for c in line.chars if not c.space and not c.sup]
        if not body:
            body = [c for c in line.chars if not c.space]
            for c in body:
                c.sup = False
        line.page = page_no
        line.size = _median([c.size for c in body])
        line.base = _median([c.base for c in body if c.size >= 0.9 * line.size])
        # the line box from its baseline and size, not from the ink: stacked marks,
        # descenders and fallback fonts would make gaps between lines uneven
        line.top = line.base - LINE_ASCENT * line.size
        line.bottom = line.base + LINE_DESCENT * line.size
        line_text = "".join(c.ch for c in body)
        strong_rtl = len(RTL_LETTER_RE.findall(line_text))
        strong_ltr = len(LTR_LETTER_RE.findall(line_text)) if strong_rtl else 1
        line.rtl = strong_rtl > strong_ltr or (rtl_page and strong_rtl > 0)
        line.bold = sum(1 for c in body if c.bold) > len(body) / 2
        line.italic = sum(1 for c in body if c.italic) > len(body) / 2
        line_cells(line)
        if rtl_page and not line.rtl and line.cells:
            _trailing_neutral_last(line)
    return [ln for ln in lines if ln.cells]


def _trailing_neutral_last(line: PdfLine) -> None:
    """A Latin-only line inside right-to-left text (a symbol, a URL) ends its paragraph
    with a full stop drawn at its left end: put the stop back after the text."""
    first = line.cells[0]
    m = LEADING_STOP_RE.match(first.text)
    if m:
        first.text = first.text[m.end():] + m.group(1)


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[len(s) // 2]
