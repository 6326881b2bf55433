"""PDF glyphs: what PDFium reports for each character of a page, and its rules.

``page_chars`` returns every glyph with its advance box, baseline, size, weight and slant
(one cheap PDFium call per glyph for the font, cached per text object); ``page_rules``
the thin horizontal rules (footnote separators, table frames). The data classes here
are shared by ``pdf_lines``, ``pdf_cells`` and ``pdf_layout``.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

#: a gap this wide (in ems) splits a line into cells (table columns, tab stops)
CELL_GAP_EM = 1.5
#: a glyph this much smaller than the line's text may be a superscript
SUPERSCRIPT_RATIO = 0.85
#: a footnote separator or table rule: thin, longer than RULE_MIN_WIDTH once its pieces
#: (Word draws one per table cell) are joined across gaps up to RULE_JOIN_GAP
RULE_MAX_THICKNESS = 2.0
RULE_MIN_WIDTH = 30.0
RULE_MIN_PIECE = 5.0
RULE_JOIN_GAP = 4.0

#: letters of right-to-left scripts; letters of the left-to-right UN scripts (Latin, Cyrillic)
RTL_LETTER_RE = re.compile("[\u0590-\u05ff\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\ufb1d-\ufdff\ufe70-\ufeff]")
LTR_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
#: right-to-left script blocks; CJK ideographs, kana, hangul, full-width forms
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
CJK_RE = re.compile(
    "[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002ffff]"
)
TATWEEL = "\u0640"
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
