"""PDF reader: the text layer of a PDF, as positioned lines, with pypdfium2.

``read_pdf`` walks every character PDFium reports with its advance box, font size and
weight, builds lines in reading order (right-to-left lines reordered from the glyph
positions, so Arabic comes out in logical order with numbers intact), decides word
spaces itself (PDFium's generated spaces split justified words such as ``inclu ding``),
drops raised footnote reference markers, then hands the lines to
``align.io.pdf_layout`` which marks running headers and footers, footnotes, tables and
table-of-contents lines.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from align.errors import CorruptFileError, EncryptedFileError, NoTextLayerError
from align.io.pdf_layout import classify_pages
from align.io.raw import RawDocument

#: where a PDF header may start (the spec allows junk before ``%PDF-``)
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024

#: a word space is inserted between two glyphs further apart than this (in ems)
SPACE_GAP_EM = 0.18
#: a gap this wide (in ems) splits a line into cells (table columns, tab stops)
CELL_GAP_EM = 1.5
#: a justified line stretches its word gaps evenly and never this wide (in ems)
JUSTIFIED_MAX_GAP_EM = 4.0
JUSTIFIED_UNIFORMITY = 0.5
#: two pieces of text sit on the same baseline within this tolerance (in ems)
BASELINE_TOL_EM = 0.35
#: pieces of one row have comparable sizes (a barcode beside a job number does not)
ROW_SIZE_RATIO = 0.7
#: a line box spans its baseline minus/plus these fractions of its size
LINE_ASCENT = 0.8
LINE_DESCENT = 0.2
#: two copies of one glyph are this close (in ems)
DUPLICATE_TOL_EM = 0.15
#: a stray right-to-left fragment: at most this many glyphs, this far off the line (ems)
FRAGMENT_GLYPHS = 6
FRAGMENT_DRIFT_EM = 0.6
#: a glyph this much smaller than the line's text may be a superscript
SUPERSCRIPT_RATIO = 0.85
#: a superscript's baseline is raised by at least this much (in ems of the line)
SUPERSCRIPT_RAISE_EM = 0.12

#: a footnote separator rule: thin, short (fraction of the page width)
RULE_MAX_THICKNESS = 2.0
RULE_MIN_WIDTH = 30.0
RULE_MIN_PIECE = 5.0
RULE_JOIN_GAP = 4.0

#: footnote reference markers printed as superscripts: 1, 12, *, a, iv, †
FOOTNOTE_MARK_RE = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z]|[ivx]{1,4}|[†‡§])[,]?$")

#: letters of right-to-left scripts; letters of the left-to-right UN scripts (Latin, Cyrillic)
RTL_LETTER_RE = re.compile("[\u0590-\u05ff\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb1d-\ufdff\ufe70-\ufeff]")
LTR_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
CJK_RE = re.compile(
    "[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002ffff]"
)
TATWEEL = "\u0640"
#: signs that keep digits in one number inside Arabic text (common separators)
NUMBER_JOINERS = frozenset("/.,:")
#: brackets whose right-to-left glyph is the mirror image (mapped by shape in PDFs);
#: LibreOffice draws Arabic double quotes mirrored too
MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
            "\u201c": "\u201d", "\u201d": "\u201c", "\u2018": "\u2019", "\u2019": "\u2018"}
#: a Latin list label in brackets at the start of a right-to-left line, either way round
RTL_LATIN_LABEL_RE = re.compile(r"^[()]([a-z]{1,4})[()](?=\s|$)")
#: soft hyphen, zero-width space and joiners, BOM: never text
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
#: PDFium's stand-in for a hyphen it judged to end a line
PDFIUM_HYPHEN = "\ufffe"


def is_rtl_char(ch: str) -> bool:
    """Arabic or Hebrew script (strong right-to-left)."""
    return ch >= "\u0590" and RTL_RE.match(ch) is not None


def is_cjk_char(ch: str) -> bool:
    """Han, kana, hangul, full-width forms and CJK punctuation."""
    return ch >= "\u2e80" and CJK_RE.match(ch) is not None


@dataclass(slots=True)
class PdfChar:
    """One glyph: its text, advance box (points, origin top-left), size and weight."""

    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    space: bool = False
    sup: bool = False
    italic: bool = False
    base: float = 0.0  # the baseline (from the glyph origin), origin top-left


@dataclass(slots=True)
class PdfCell:
    """A run of glyphs on one line without a wide gap: a column cell or a whole line."""

    text: str
    x0: float
    x1: float


@dataclass(slots=True)
class PdfLine:
    """A line of text on a page, in reading order, split into cells at wide gaps."""

    chars: list[PdfChar]
    top: float
    bottom: float
    size: float
    page: int = 1
    cells: list[PdfCell] = field(default_factory=list)
    rtl: bool = False
    bold: bool = False
    italic: bool = False
    base: float = 0.0
    marks: list[str] = field(default_factory=list)
    lead_mark: str | None = None
    lead_typed: str | None = None

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.cells) if self.cells else 0.0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.cells) if self.cells else 0.0


# --- opening -------------------------------------------------------------------


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    if PDF_MAGIC not in data[:PDF_MAGIC_WINDOW]:
        raise CorruptFileError(f"{name} is not a PDF file (no %PDF header): check the file")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(
                f"{name} is password-protected: save an unprotected copy and try again"
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError(
                f"{name} uses an unsupported encryption: save an unprotected copy"
            ) from None
        raise CorruptFileError(f"{name} is a damaged PDF and cannot be read: {exc}") from None


# --- characters ------------------------------------------------------------------


_OBJ_AT = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


class _FontCache:
    """Size, weight and slant per text object (one cheap call per glyph)."""

    def __init__(self, textpage) -> None:
        self.by_obj: dict[int, tuple[float, bool, bool]] = {}
        self._name_buf = ctypes.create_string_buffer(256)
        self._textpage = textpage
        self.tp_addr = ctypes.cast(textpage, ctypes.c_void_p)

    def get(self, index: int) -> tuple[float, bool, bool]:
        key = _OBJ_AT(self.tp_addr, index) or 0
        hit = self.by_obj.get(key)
        if hit is None:
            obj = pdfium_c.FPDFText_GetTextObject(self._textpage, index)
            hit = self._measure(self._textpage, index, obj)
            self.by_obj[key] = hit
        return hit

    def _measure(self, textpage, index: int, obj) -> tuple[float, bool, bool]:
        size = float(pdfium_c.FPDFText_GetFontSize(textpage, index))
        bold = italic = False
        if obj:
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            if font:
                bold = pdfium_c.FPDFFont_GetWeight(font) >= 600
                angle = ctypes.c_int(0)
                if pdfium_c.FPDFFont_GetItalicAngle(font, angle):
                    italic = angle.value != 0
                n = pdfium_c.FPDFFont_GetBaseFontName(font, self._name_buf, len(self._name_buf))
                if n > 0:
                    fname = self._name_buf.value.decode("latin-1", "replace").lower()
                    bold = bold or "bold" in fname or "heavy" in fname or "black" in fname
                    italic = italic or "italic" in fname or "oblique" in fname
        return size, bold, italic


def page_chars(page: pdfium.PdfPage) -> list[PdfChar | None]:
    """The glyphs of a page in PDFium's order; ``None`` marks a line break PDFium saw.

    Generated spaces are dropped (spacing is decided from positions); real space
    characters are kept as ``space=True`` glyphs.
    """
    height = page.get_height()
    textpage = page.get_textpage()
    raw = textpage.raw
    count = textpage.count_chars()
    text = textpage.get_text_range() if count else ""
    if len(text) != count:  # surrogate pairs: fall back to one call per glyph
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    fonts = _FontCache(raw)
    font_of = fonts.get
    cache = fonts.by_obj
    obj_at = _OBJ_AT
    tp_addr = fonts.tp_addr
    rect = pdfium_c.FS_RECTF()
    out: list[PdfChar | None] = []
    append = out.append
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    is_generated = pdfium_c.FPDFText_IsGenerated
    new_char = PdfChar
    for i, ch in enumerate(text):
        if ch in "\r\n":
            if out and out[-1] is not None:
                append(None)
            continue
        is_space = False
        if ch <= " ":
            if ch == " " or ch == "\t":
                if is_generated(raw, i):
                    continue
                ch, is_space = " ", True
            else:  # kashida mapped to a control code: no text, its box bridges letters
                ch = ""
        elif ch == PDFIUM_HYPHEN:
            ch = "-"
        elif ch in INVISIBLE:
            continue
        elif ch.isspace():  # no-break and other spaces
            ch, is_space = " ", True
        get_box(raw, i, rect)
        style = cache.get(obj_at(tp_addr, i) or 0)
        if style is None:
            style = font_of(i)
        size = style[0]
        if size <= 0:
            size = max(rect.top - rect.bottom, 1.0)
        get_origin(raw, i, origin_x, origin_y)
        append(new_char(ch, rect.left, rect.right, height - rect.top, height - rect.bottom,
                        size, style[1], is_space, False, style[2], height - origin_y.value))
    textpage.close()
    return out


# --- lines -----------------------------------------------------------------------


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


def _visual_order(line: PdfLine) -> list[PdfChar]:
    """Glyphs as they sit on the page: left to right, or right to left for an RTL line."""
    groups: list[list[PdfChar]] = []
    marks: list[PdfChar] = []
    for c in line.chars:
        if c.ch >= "\u0300" and unicodedata.combining(c.ch):
            marks.append(c)  # Arabic harakat: placed on their letter below
        else:
            groups.append([c])
    tol = DUPLICATE_TOL_EM * line.size
    unique: list[PdfChar] = []
    for m in marks:  # a mark drawn twice in one place counts once
        if not any(u.ch == m.ch and abs(u.x0 - m.x0) < tol and abs(u.x1 - m.x1) < tol
                   for u in unique):
            unique.append(m)
    for m in unique:  # the letter a mark sits on is the one its box overlaps most
        centre = (m.x0 + m.x1) / 2
        best = min((g for g in groups if not g[0].space),
                   key=lambda g: abs((g[0].x0 + g[0].x1) / 2 - centre), default=None)
        if best is None:
            groups.append([m])
        else:
            best.append(m)
    if line.rtl:
        groups.sort(key=lambda g: -(g[0].x0 + g[0].x1))
    else:
        groups.sort(key=lambda g: g[0].x0)
    # a glyph drawn twice in one place (fake bold, a letter repeated by the renderer)
    kept: list[list[PdfChar]] = []
    for g in groups:
        c = g[0]
        twin = next((k for k in kept[-3:] if k[0].ch == c.ch and not c.space
                     and abs(k[0].x0 - c.x0) < tol and abs(k[0].x1 - c.x1) < tol), None)
        if twin is None:
            kept.append(g)
            continue
        have = {m.ch for m in twin[1:]}
        twin.extend(m for m in g[1:] if m.ch not in have)  # keep the marks of either copy
    return [c for g in kept for c in g]


def _is_ltr_strong(ch: str) -> bool:
    return ch.isdigit() or (ch.isalpha() and not is_rtl_char(ch))


def _logical(items: list[str | PdfChar]) -> list[str | PdfChar]:
    """Right-to-left visual order -> logical: digit and Latin runs read left to right.

    Items are glyphs or ``" "`` word spaces. A run holding Latin letters reads left to
    right across the spaces and signs between its strong characters. Digits after
    Arabic letters are Arabic numbers to the bidi algorithm: only ``/ . , :`` hold two
    of them together, so ``2021-2025`` and ``58 400`` are drawn as separate runs in
    right-to-left order and are put back run by run.
    """
    out: list[str | PdfChar] = []
    i, n = 0, len(items)
    after_arabic = False  # the last strong character read was an Arabic letter
    while i < n:
        it = items[i]
        if isinstance(it, str) or not _is_ltr_strong(it.ch):
            if not isinstance(it, str) and it.ch in MIRRORED:
                it.ch = MIRRORED[it.ch]  # the glyph drawn for "(" in RTL text is ")"
            if not isinstance(it, str) and is_rtl_char(it.ch) and it.ch.isalpha():
                after_arabic = True
            out.append(it)
            i += 1
            continue
        latin = _latin_run_ahead(items, i)
        # digits after Arabic letters are "Arabic numbers": "-" no longer joins them
        joiners = NUMBER_JOINERS if after_arabic else NUMBER_JOINERS | {"-", "+"}
        j, last = i, i
        while j < n:
            jt = items[j]
            if isinstance(jt, str):
                if not latin:
                    break
            elif _is_ltr_strong(jt.ch):
                if not latin and not jt.ch.isdigit():
                    break
                last = j
            elif is_rtl_char(jt.ch) or jt.ch in "()[]":
                break
            elif not latin and jt.ch not in joiners:
                break
            j += 1
        out.extend(reversed(items[i:last + 1]))
        if latin:
            after_arabic = False
        i = last + 1
    return out


def _latin_run_ahead(items: list[str | PdfChar], i: int) -> bool:
    """Whether the left-to-right run starting at ``i`` holds a Latin letter."""
    for it in items[i:]:
        if isinstance(it, str):
            continue
        ch = it.ch
        if is_rtl_char(ch) or ch in "()[]":
            return False
        if ch.isalpha():
            return True
    return False


def _is_kashida_junk(chars: list[PdfChar], i: int) -> bool:
    """LibreOffice maps justification kashidas to a Latin letter between Arabic ones."""
    c = chars[i]
    return (c.ch.isascii() and c.ch.isalpha() and 0 < i < len(chars) - 1
            and is_rtl_char(chars[i - 1].ch) and is_rtl_char(chars[i + 1].ch))


def _cells(line: PdfLine) -> None:
    """Fill ``line.cells`` and ``line.marks`` (dropped superscript markers).

    Spacing and cell breaks are decided on the visual order (gaps between boxes);
    right-to-left cells are then put in logical order.
    """
    chars = _visual_order(line)
    if line.rtl:
        chars = [c for c in chars if not c.space]
        junk = [i for i in range(len(chars)) if _is_kashida_junk(chars, i)]
        for i in junk:
            chars[i].ch = ""  # keeps its box: the gap it bridges is not a space
    # one pass: each glyph with the gap before it and whether a space glyph came between
    glyphs: list[tuple[PdfChar, float, bool]] = []
    prev: PdfChar | None = None
    spaced = False
    for c in chars:
        if c.space:
            spaced = True
            continue
        if prev is not None and c.ch >= "\u0300" and unicodedata.combining(c.ch):
            glyphs.append((c, 0.0, False))  # a mark sits on its letter: never a gap
            continue
        gap = 0.0 if prev is None else max(c.x0 - prev.x1, prev.x0 - c.x1)
        glyphs.append((c, gap, spaced))
        prev, spaced = c, False
    size = line.size
    word_gap = SPACE_GAP_EM * size
    split_at = CELL_GAP_EM * size
    gaps = [g for c, g, _ in glyphs[1:] if g > word_gap and c.ch]
    if gaps:
        widest = max(gaps)
        if widest < JUSTIFIED_MAX_GAP_EM * size and min(gaps) >= JUSTIFIED_UNIFORMITY * widest:
            split_at = float("inf")  # a justified line: evenly stretched, no columns
    cells: list[tuple[list[str | PdfChar], float, float]] = []
    items: list[str | PdfChar] = []
    x0 = x1 = 0.0
    prev = None
    for c, gap, spaced in glyphs:
        if prev is not None:
            if gap > split_at and not (c.sup or prev.sup):
                cells.append((items, x0, x1))
                items = []
            elif c.ch and prev.ch and (spaced or (gap > word_gap and not (
                    is_cjk_char(prev.ch) or is_cjk_char(c.ch)))):
                if items and items[-1] != " ":
                    items.append(" ")
        if not items:
            x0, x1 = c.x0, c.x1
        if c.ch:
            items.append(c)
        if c.x0 < x0:
            x0 = c.x0
        if c.x1 > x1:
            x1 = c.x1
        prev = c
    if items:
        cells.append((items, x0, x1))
    out: list[PdfCell] = []
    for k, (cell_items, cx0, cx1) in enumerate(cells):
        if line.rtl:
            glyphs_in = [it.ch for it in cell_items if not isinstance(it, str)]
            latin = any(ch.isalpha() and not is_rtl_char(ch) for ch in glyphs_in)
            if latin and not any(is_rtl_char(ch) for ch in glyphs_in):
                cell_items = cell_items[::-1]  # a Latin cell (symbol, date) on an RTL line
            else:  # Arabic text, or numbers and signs ("1 -") in right-to-left order
                cell_items = _logical(cell_items)
        if k == 0:
            line.lead_typed = _typed_lead(cell_items)
        text = _cell_text(line, cell_items, first=not out and k == 0)
        if line.rtl and k == 0:  # "(c)" "(iv)" before Arabic text: brackets drawn mirrored
            text = RTL_LATIN_LABEL_RE.sub(r"(\1)", text)
        if text:
            out.append(PdfCell(text=text, x0=cx0, x1=cx1))
    line.cells = out


def _typed_lead(items: list[str | PdfChar]) -> str | None:
    """A footnote number typed before its text: ``1`` then a space, a size change or
    (Chinese) the first character. Only read inside a footnote area."""
    lead: list[PdfChar] = []
    for it in items:
        if isinstance(it, str) or it.sup or not (it.ch.isdigit() or it.ch == "*"):
            break
        lead.append(it)
    if not 0 < len(lead) <= 3 or len(lead) == len(items):
        return None
    nxt = items[len(lead)]
    if isinstance(nxt, str):
        return "".join(c.ch for c in lead)
    size = lead[0].size
    if is_cjk_char(nxt.ch) or min(size, nxt.size) < SUPERSCRIPT_RATIO * max(size, nxt.size):
        return "".join(c.ch for c in lead)
    return None


def _cell_text(line: PdfLine, items: list[str | PdfChar], first: bool) -> str:
    """Text of a cell, raised footnote markers taken out into ``line.marks``."""
    parts: list[str] = []
    i, n = 0, len(items)
    while i < n:
        it = items[i]
        if isinstance(it, str):
            parts.append(it)
            i += 1
            continue
        if not it.sup:
            parts.append(it.ch)
            i += 1
            continue
        j = i
        while j < n and not isinstance(items[j], str) and items[j].sup:
            j += 1
        mark = "".join(x.ch for x in items[i:j])
        if FOOTNOTE_MARK_RE.match(mark):
            if first and not "".join(parts).strip():
                line.lead_mark = mark
            else:
                line.marks.append(mark)
        else:
            parts.append(mark)
        i = j
    return _clean("".join(parts))


MULTISPACE_RE = re.compile(r"\s{2,}")


def _clean(text: str) -> str:
    return MULTISPACE_RE.sub(" ", text).strip()


def page_rules(page: pdfium.PdfPage) -> list[tuple[float, float, float]]:
    """Thin horizontal rules as ``(y from the top, x0, x1)``, pieces on one y joined.

    Short ones separate footnotes; wide ones frame tables (Word draws one per cell).
    """
    height = page.get_height()
    pieces: list[tuple[float, float, float]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < RULE_MAX_THICKNESS and right - left > RULE_MIN_PIECE:
            pieces.append((height - top, left, right))
    pieces.sort()
    rules: list[list[float]] = []
    for y, x0, x1 in pieces:
        last = rules[-1] if rules else None
        if last is not None and abs(y - last[0]) < 1.0 and x0 <= last[2] + RULE_JOIN_GAP:
            last[2] = max(last[2], x1)
            last[1] = min(last[1], x0)
        else:
            rules.append([y, x0, x1])
    return [(y, x0, x1) for y, x0, x1 in rules if x1 - x0 > RULE_MIN_WIDTH]


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
        _cells(line)
    return [ln for ln in lines if ln.cells]


def _median(values: list[float]) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[len(s) // 2]


# --- entry point -----------------------------------------------------------------


def read_pdf(data: bytes, name: str) -> RawDocument:
    """Read the text layer of a PDF into positioned blocks.

    Args:
        data: the file's bytes.
        name: the file name, for messages.

    Returns:
        A ``RawDocument`` of ``line`` blocks (body lines to reflow), ``header``/``footer``
        blocks, one ``footnote`` block per footnote (label = its mark) and ``table``
        blocks, page by page in reading order.

    Raises:
        CorruptFileError: not a PDF or damaged.
        EncryptedFileError: password-protected.
        NoTextLayerError: no page has text (a scan).
    """
    doc = _open(data, name)
    try:
        pages: list[list[PdfLine]] = []
        rules: list[list[tuple[float, float, float]]] = []
        width = height = None
        for i in range(len(doc)):
            page = doc[i]
            if width is None:
                width, height = page.get_size()
            try:
                pages.append(page_lines(page, i + 1))
                rules.append(page_rules(page))
            finally:
                page.close()
        page_count = len(doc)
    except pdfium.PdfiumError as exc:
        raise CorruptFileError(f"{name} is a damaged PDF and cannot be read: {exc}") from None
    finally:
        doc.close()
    if not any(pages):
        raise NoTextLayerError(f"{name} has no text layer (scanned?): run OCR first")
    blocks, warnings = classify_pages(pages, width or 612.0, height or 792.0, rules)
    return RawDocument(blocks=blocks, fmt="pdf", name=name, page_count=page_count,
                       page_width=width, page_height=height, warnings=warnings)
