"""PDF reader on PDFs rendered here by LibreOffice (tests/fixtures/make_pdf_fixtures.py).

Arabic must come out in logical order with words and numbers intact, Russian justified
lines with words in order and no column splits, Chinese without spurious spaces; the
running header (symbol) and footer (job number) must be recognised, never body.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from align.errors import CorruptFileError, EncryptedFileError, NoTextLayerError, ReadError
from align.io.pdf import read_pdf
from align.io.raw import RawDocument

FIXTURES = Path(__file__).resolve().parent / "fixtures"

def _fixture_texts() -> dict[str, dict]:
    """The texts the fixtures were rendered from (``TEXTS`` of make_pdf_fixtures.py)."""
    spec = importlib.util.spec_from_file_location("make_pdf_fixtures",
                                                  FIXTURES / "make_pdf_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TEXTS


TEXTS = _fixture_texts()
#: the source paragraphs of each fixture, as typed
SOURCES = {lang: spec["paras"] for lang, spec in TEXTS.items()}
FOOTERS = {lang: spec["footer"] for lang, spec in TEXTS.items()}
PARA_START = re.compile(r"^(?:\d+ -|\d+\.|[一二三]\.|[IVX]+\.|أولا)")


def _read(name: str) -> RawDocument:
    return read_pdf((FIXTURES / name).read_bytes(), name)


def _paragraphs(raw: RawDocument, lang: str) -> list[str]:
    """Body lines joined into paragraphs at numbered starts (a minimal reflow)."""
    paras: list[list[str]] = []
    for b in raw.blocks:
        if b.role != "line":
            continue
        if PARA_START.match(b.text) or not paras:
            paras.append([])
        paras[-1].append(b.text)
    sep = "" if lang == "zh" else " "
    return [sep.join(p) for p in paras]


@pytest.fixture(scope="module", params=sorted(SOURCES))
def rendered(request) -> tuple[str, RawDocument]:
    return request.param, _read(f"pdf_{request.param}.pdf")


def test_every_paragraph_comes_out_verbatim(rendered):
    lang, raw = rendered
    paras = _paragraphs(raw, lang)
    # heading + the two paragraphs repeated six times (page break falls inside one)
    assert paras[0] == SOURCES[lang][0]
    assert len(paras) == 13
    for i, para in enumerate(paras[1:]):
        assert para == SOURCES[lang][1 + i % 2], f"paragraph {i + 1} of {lang}"


def test_running_header_and_footer_are_not_body(rendered):
    lang, raw = rendered
    heads = [b for b in raw.blocks if b.role == "header"]
    foots = [b for b in raw.blocks if b.role == "footer"]
    assert {b.page for b in heads} == {1, 2} and {b.text for b in heads} == {"E/CN.7/2022/3/Add.1"}
    assert {b.page for b in foots} == {1, 2} and {b.text for b in foots} == {FOOTERS[lang]}
    body = " ".join(b.text for b in raw.blocks if b.role == "line")
    assert "E/CN.7" not in body and FOOTERS[lang] not in body
    assert raw.page_count == 2 and raw.fmt == "pdf"


def test_no_table_or_footnote_invented(rendered):
    _, raw = rendered
    assert {b.role for b in raw.blocks} == {"line", "header", "footer"}


def test_positions_and_fonts(rendered):
    lang, raw = rendered
    first = next(b for b in raw.blocks if b.role == "line")
    assert first.bold and first.style == "bold"
    body = [b for b in raw.blocks if b.role == "line"][1:]
    assert not any(b.bold for b in body)
    for b in raw.blocks:
        assert b.x0 is not None and b.x1 is not None and b.x0 < b.x1
        assert b.y0 is not None and b.y1 is not None and b.y0 < b.y1 <= raw.page_height
    # lines of a page go down the page
    page1 = [b.y0 for b in raw.blocks if b.page == 1 and b.role == "line"]
    assert page1 == sorted(page1)
    if lang == "ar":  # right-aligned RTL: the short last lines end at the right margin
        last = [b for b in body if b.text.endswith("وفعالا.")]
        assert last and all(b.x0 > 300 for b in last)


def test_arabic_kashida_and_numbers():
    raw = _read("pdf_ar.pdf")
    text = " ".join(b.text for b in raw.blocks)
    assert "F" not in text.replace("E/CN", "")  # kashida glyphs mapped to "F" are dropped
    assert "64/7" in text and "7/64" not in text and "7/ 64" not in text


def test_chinese_has_no_spurious_spaces():
    raw = _read("pdf_zh.pdf")
    for b in raw.blocks:
        if b.role == "line":
            assert re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", b.text) is None, b.text
    assert any("第64/7号决议" in b.text for b in raw.blocks)


# --- bad input ---------------------------------------------------------------------

BAD = [
    ("pdf_image_only.pdf", None, NoTextLayerError, "no text layer"),
    ("pdf_encrypted.pdf", None, EncryptedFileError, "password"),
    ("random.pdf", b"\x8f\x12" * 500, CorruptFileError, "not a PDF"),
    ("empty.pdf", b"", CorruptFileError, "not a PDF"),
    ("garbage.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200, CorruptFileError, "damaged"),
]


@pytest.mark.parametrize("name, data, error, words", BAD, ids=[b[0] for b in BAD])
def test_bad_pdf_raises_typed_error(name, data, error, words):
    blob = data if data is not None else (FIXTURES / name).read_bytes()
    with pytest.raises(error) as info:
        read_pdf(blob, name)
    message = str(info.value)
    assert isinstance(info.value, ReadError)
    assert name in message and words in message and "\n" not in message


def test_truncated_pdf_is_corrupt_or_partial():
    blob = (FIXTURES / "pdf_ru.pdf").read_bytes()
    cut = blob[: len(blob) // 3]
    try:
        raw = read_pdf(cut, "cut.pdf")
    except (CorruptFileError, NoTextLayerError) as exc:
        assert "cut.pdf" in str(exc)
    else:  # PDFium may rebuild a damaged cross-reference table: then text is real text
        assert all(b.text.strip() for b in raw.blocks)


def test_owner_password_only_still_reads():
    raw = _read("pdf_owner_only.pdf")
    assert any(b.text.startswith("1. Комиссия") for b in raw.blocks)


def test_a_scanned_page_among_text_pages_is_a_warning():
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.import_pages(pdfium.PdfDocument((FIXTURES / "pdf_ru.pdf").read_bytes()), [0])
    doc.import_pages(pdfium.PdfDocument((FIXTURES / "pdf_image_only.pdf").read_bytes()), [0])
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_pdf(buf.getvalue(), "mixed.pdf")
    assert raw.page_count == 2 and {b.page for b in raw.blocks} == {1}
    assert raw.warnings == ["page 2 has no text layer (scanned?)"]


def _text_obj(doc, page, text: str, x: float, y: float, size: float = 10.0):
    import pypdfium2.raw as pdfium_c

    font = pdfium_c.FPDFText_LoadStandardFont(doc.raw, b"Helvetica")
    obj = pdfium_c.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", size)
    units = (text + "\x00").encode("utf-16-le")
    buf = (pdfium_c.c_ushort * (len(units) // 2)).from_buffer_copy(units)
    pdfium_c.FPDFText_SetText(obj, buf)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    assert font


def test_landscape_page_has_its_own_header_and_footer_bands():
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.import_pages(pdfium.PdfDocument((FIXTURES / "pdf_ru.pdf").read_bytes()), [0])
    page = doc.new_page(842, 595)  # an annex table printed landscape
    _text_obj(doc, page, "E/CN.7/2022/3/Add.1", 72, 560)
    _text_obj(doc, page, "Annex table body text on a wide page.", 72, 300)
    _text_obj(doc, page, "V.22-22291", 72, 25)
    page.gen_content()
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_pdf(buf.getvalue(), "landscape.pdf")
    second = [(b.role, b.text) for b in raw.blocks if b.page == 2]
    assert second == [("header", "E/CN.7/2022/3/Add.1"),
                      ("line", "Annex table body text on a wide page."),
                      ("footer", "V.22-22291")]


def _rule(page, x0: float, x1: float, y: float) -> None:
    import pypdfium2.raw as pdfium_c

    path = pdfium_c.FPDFPageObj_CreateNewPath(x0, y)
    pdfium_c.FPDFPath_LineTo(path, x1, y)
    pdfium_c.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
    pdfium_c.FPDFPageObj_SetStrokeWidth(path, 0.5)
    pdfium_c.FPDFPath_SetDrawMode(path, 0, 1)
    pdfium_c.FPDFPage_InsertObject(page.raw, path)


def test_footnote_below_a_rule_and_its_continuation_on_the_next_page():
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for n, (body, note) in enumerate([("First page body text.", "See resolution 64/7 and"),
                                      ("Second page body text.", "the annex thereto.")]):
        page = doc.new_page(612, 792)
        _text_obj(doc, page, "E/CN.7/2022/3", 72, 750)
        _text_obj(doc, page, body, 72, 600, 12)
        _rule(page, 72, 216, 130)
        if n == 0:
            _text_obj(doc, page, "1", 72, 117, 6)  # raised footnote number
            _text_obj(doc, page, note, 80, 114, 9)
        else:
            _text_obj(doc, page, note, 80, 114, 9)
        _text_obj(doc, page, f"V.22-22288 {n + 1}/2", 72, 40)
        page.gen_content()
    buf = io.BytesIO()
    doc.save(buf)
    raw = read_pdf(buf.getvalue(), "notes.pdf")
    notes = [(b.label, b.text, b.page) for b in raw.blocks if b.role == "footnote"]
    assert notes == [("1", "See resolution 64/7 and the annex thereto.", 1)]
    assert [b.text for b in raw.blocks if b.role == "line"] == [
        "First page body text.", "Second page body text."]
