"""PDF reader: the text layer of a PDF, as positioned lines, with pypdfium2.

``read_pdf`` walks every character PDFium reports with its advance box, baseline, font
size and weight (``pdf_glyphs``), builds lines in reading order (``pdf_lines``: right-to-
left lines reordered from the glyph positions, so Arabic comes out in logical order with
numbers intact), decides word spaces itself (PDFium's generated spaces split justified
words such as ``inclu ding``) and drops raised footnote reference markers
(``pdf_cells``), then hands the lines to ``pdf_layout`` which marks running headers and
footers, footnotes, tables and table-of-contents lines.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from align.errors import CorruptFileError, EncryptedFileError, NoTextLayerError
from align.io.pdf_glyphs import PdfChar, PdfLine, is_cjk_char, is_rtl_char, page_chars, page_rules
from align.io.pdf_layout import classify_pages
from align.io.pdf_lines import page_lines
from align.io.raw import RawDocument

__all__ = ["PdfChar", "PdfLine", "is_cjk_char", "is_rtl_char", "page_chars", "page_lines",
           "page_rules", "read_pdf"]

#: where a PDF header may start (the spec allows junk before ``%PDF-``)
PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024


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
        sizes: list[tuple[float, float]] = []
        for i in range(len(doc)):
            page = doc[i]
            sizes.append(page.get_size())
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
    width, height = sizes[0] if sizes else (612.0, 792.0)
    blocks, warnings = classify_pages(pages, width, height, rules, sizes)
    return RawDocument(blocks=blocks, fmt="pdf", name=name, page_count=page_count,
                       page_width=width, page_height=height, warnings=warnings)
