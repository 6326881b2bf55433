"""Plain-text reader: UTF-8 / UTF-16 text, as typed or as extracted from a UN PDF.

Two layouts are told apart:

- *hard-wrapped* text (lines cut at a fixed width, like ``pdftotext`` output or the seed
  document): every physical line becomes a ``line`` block, blank lines become empty
  ``line`` blocks (the parser decides whether they mean anything), and the UN parser
  reflows them;
- *one paragraph per line* (a text export): every non-blank line is a ``para`` block.

Form feeds start a new page; so does a running header/footer that carries a page
counter ``n/m`` (the next lines are on page ``n``).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from align.errors import EmptyDocumentError, UnsupportedFormatError
from align.io.raw import Block, RawDocument
from align.un import patterns as P
from align.un.clean import is_furniture, text_width

#: a gap this wide inside a line separates two columns (a two-column masthead)
COLUMN_GAP = re.compile(r"[ \u00a0]{5,}+|\t++")
#: control characters that never occur in a text document
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
#: share of lines that must be near the wrap width for a text to count as hard-wrapped
_WRAPPED_SHARE = 0.5
#: share of near-full lines that must end mid-sentence
_MIDSENTENCE_SHARE = 0.5
#: a line that ends a clause (a preambular paragraph ends with a comma)
_CLAUSE_END = (",", "，", "،")


def decode_text(data: bytes, name: str) -> str:
    """Decode ``data`` (BOM-marked UTF-8/16/32, UTF-8, UTF-16 without BOM, GB18030).

    Raises:
        UnsupportedFormatError: binary data, or an encoding that cannot be told.
    """
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise UnsupportedFormatError(f"{name}: text with a {enc} mark that does not decode") from exc
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4 and len(sample) >= 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    han = sum(1 for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff")
    non_ascii = sum(1 for ch in text[:20000] if ord(ch) > 127)
    if text and non_ascii and han >= 0.6 * non_ascii:
        return text
    raise UnsupportedFormatError(
        f"{name}: not a UTF-8 or UTF-16 text (nor a PDF or DOCX); save it as UTF-8 text"
    )


def looks_binary(text: str) -> bool:
    """True when ``text`` has the control characters of binary data."""
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > max(2, len(sample) // 200)


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the non-blank lines were cut at a fixed width."""
    widths = sorted(text_width(line) for line in lines)
    if len(widths) < 4:
        return False
    p90 = widths[int(0.9 * (len(widths) - 1))]
    if p90 < 20:
        return False
    long = [line for line in lines if text_width(line) >= 0.5 * p90]
    full = [line for line in long if 0.8 * p90 <= text_width(line) <= 1.1 * p90]
    if len(full) < _WRAPPED_SHARE * len(long):
        return False
    mid = sum(1 for line in full
              if not P.LINE_END_SENTENCE.search(line.rstrip()[-6:]) and not line.rstrip().endswith(_CLAUSE_END))
    return mid >= _MIDSENTENCE_SHARE * len(full)


def read_txt(data: bytes, name: str) -> RawDocument:
    """Read a plain-text UN document into blocks for ``align.un.parse``.

    Raises:
        EmptyDocumentError: no text at all (or only whitespace).
        UnsupportedFormatError: binary data or an unknown encoding.
    """
    text = decode_text(data, name)
    if looks_binary(text):
        raise UnsupportedFormatError(f"{name}: binary data, not a TXT, PDF or DOCX document")
    text = unicodedata.normalize("NFC", _NEWLINES.sub("\n", text)).replace("\ufeff", "")
    if not text.strip():
        raise EmptyDocumentError(f"{name}: the file holds no text")
    raw_lines = text.split("\n")
    content = [ln.strip() for ln in raw_lines if ln.strip() and ln.strip() != "\f"]
    wrapped = _hard_wrapped([ln for ln in content if not is_furniture(ln)])
    blocks: list[Block] = []
    page = 1
    for raw in raw_lines:
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            if wrapped:
                blocks.append(Block(text="", page=page, role="line"))
            continue
        if is_furniture(stripped):
            counter = P.PAGE_COUNTER.search(stripped)
            if counter and "\f" not in text:
                page = max(page, int(counter.group(1)))
        # keep a leading space as x0 hint: a new text block in PDF-extracted text
        x0 = float(len(line) - len(line.lstrip())) if wrapped else None
        for cell in COLUMN_GAP.split(stripped):
            if cell.strip():
                blocks.append(Block(text=cell.strip(), page=page, role="line" if wrapped else "para",
                                    x0=x0))
    return RawDocument(blocks=blocks, fmt="txt", name=name, page_count=page)
