"""Follow-up fixes in the UN structure parser, each on small inputs built here (and the
real A/81/6 PDF and DOCX from ``../shared`` where present)."""

from __future__ import annotations

import pytest

from align.io import read_document
from align.io.raw import Block, RawDocument
from align.un import patterns as P
from align.un.clean import join_lines, running_titles
from align.un.lines import keep_lines
from align.un.meta import agenda_items, extract_meta
from align.un.parse import _open_end, build_document
from align.un.sentences import split_sentences

FILLER = ("The Office continued to support Member States in the implementation of the "
          "conventions and of the relevant resolutions of the governing bodies")


def _body(doc) -> list[tuple[str, str | None, str]]:
    return [(s.kind, s.number, s.text) for s in doc.segments if s.kind != "front"]


# --- 1. DOCX masthead in the first page's header -------------------------------------

def _docx_raw(header: list[str]) -> RawDocument:
    blocks = [Block(t, page=1, role="header") for t in header]
    blocks += [Block("26-03369 (E) 240426", page=1, role="footer"),
               Block("Eighty-first session", page=1, role="para"),
               Block("Item 138 of the preliminary list", page=1, role="para"),
               Block("International drug control", page=1, role="para"),
               Block("The present report describes the work of the Office in 2025 and sets out "
                     "the plan for 2027.", page=1, role="para", label="16.1"),
               Block("The Office supported Member States in many areas of its mandate and "
                     "reported on it.", page=2, role="para", label="16.2")]
    return RawDocument(blocks=blocks, fmt="docx", name="t.docx")


@pytest.mark.parametrize(("header", "distribution", "date", "original"), [
    (["United Nations", "A/81/6 (Sect. 16)", "General Assembly", "Distr.: General",
      "9 March 2026", "Original: English"], "General", "9 March 2026", "en"),
    (["Nations Unies", "A/81/6 (Sect. 16)", "Assemblée générale", "Distr. limitée",
      "9 mars 2026", "Original : anglais"], "Limited", "9 mars 2026", "en"),
    (["United Nations", "A/81/6 (Sect. 16)"], None, None, None),
])
def test_docx_masthead_is_read_from_the_first_page_header(header, distribution, date, original):
    doc = build_document(_docx_raw(header), lang="en")
    assert (doc.meta.distribution, doc.meta.date, doc.meta.original_language) == (
        distribution, date, original)
    assert doc.meta.symbols == ["A/81/6 (Sect. 16)"]
    assert doc.meta.title == "International drug control"
    assert doc.meta.session == "Eighty-first session"


def test_a_later_page_header_is_not_masthead():
    raw = _docx_raw(["A/81/6 (Sect. 16)"])
    raw.blocks.append(Block("Distr.: Limited", page=2, role="header"))
    assert build_document(raw, lang="en").meta.distribution is None


def test_a81_pdf_and_docx_give_the_same_masthead(shared_dir):
    folder = shared_dir / "un-real" / "A-81-6-Sect16"
    if not folder.is_dir():
        pytest.skip("the A/81/6 documents are not in ../shared")
    fields = ("symbols", "date", "distribution", "original_language", "title")
    pdf, docx = (read_document(folder / f"A_81_6_Sect16.en.{fmt}").meta for fmt in ("pdf", "docx"))
    assert {f: getattr(docx, f) for f in fields} == {f: getattr(pdf, f) for f in fields}
    assert (docx.distribution, docx.date, docx.original_language) == ("General", "9 March 2026", "en")


# --- 2. no paragraph end after an opening bracket or inside a web address -----------

@pytest.mark.parametrize(("text", "nxt", "expected"), [
    ("secure web page for Member States (", "www.unodc.org/x.html).", True),
    ("as the report says: “", "Every State ...”", True),
    ("quoted in the French text «", "texte »", True),
    ("(see E/CN.7/2022/3-E/CN.15/", "2022/3)", True),
    ("(www.unodc.org/unodc/en/commissions", "FINGOV/index.html)", True),
    ("https://www.unodc.org/documents", "data-and-analysis/wdr.html", True),
    ("available at www.unodc.org", "The next paragraph starts here.", False),
    ("available at www.unodc.org.", "index.html", False),
    ("(www.unodc.org/unodc/index.html)", "and elsewhere", False),
    ("a line that ends a sentence.", "www.unodc.org", False),
])
def test_open_line_ends(text, nxt, expected):
    assert _open_end(text, nxt) is expected


def _txt_raw(lines: list[str]) -> RawDocument:
    return RawDocument(blocks=[Block(t, page=1, role="line") for t in lines], fmt="txt", name="t.txt")


@pytest.mark.parametrize("short", [
    "and a secure page (",
    "and a secure page (www.unodc.org/missions/en",
])
def test_a_short_line_ending_open_does_not_end_the_paragraph(short):
    head = "1. " + FILLER + " through public web pages"
    rest = "/wggf/index.html) maintained by the secretariat for the working group and its members."
    if short.endswith("("):
        rest = "www.unodc.org/missions/en" + rest
    doc = build_document(_txt_raw([head, FILLER, short, rest, "2. " + FILLER + "."]), lang="en")
    paragraphs = [s for s in doc.segments if s.kind == "paragraph"]
    assert [p.number for p in paragraphs] == ["1", "2"]
    assert "(www.unodc.org/missions/en/wggf/index.html) maintained" in paragraphs[0].text


def test_seed_arabic_pdf_keeps_the_wrapped_address_in_paragraph_13(corpora_dir):
    path = corpora_dir / "seed" / "seed.ar.pdf"
    if not path.is_file():
        pytest.skip("corpora/seed/seed.ar.pdf is missing")
    doc = read_document(path)
    para = next(s for s in doc.segments if s.kind == "paragraph" and s.number == "13")
    assert "للدول الأعضاء (www.unodc.org/missions/en/wggf/index.html). وقد" in para.text
    assert not [s for s in doc.segments if s.kind == "body" and s.text.startswith("www.")]


# --- 3. Arabic: a lone "و" at a line end joins the number after it ----------------------

@pytest.mark.parametrize(("lines", "expected"), [
    (["بقرارات 24/1 و", "26/1 و28/4"], "بقرارات 24/1 و26/1 و28/4"),
    (["بقرارات 24/1 و", "٢٦/١"], "بقرارات 24/1 و٢٦/١"),
    (["و", "26/1"], "و26/1"),
    (["نحو", "80 في المائة"], "نحو 80 في المائة"),  # a word ending in و keeps its space
    (["المخدرات و", "الجريمة"], "المخدرات و الجريمة"),  # only before a number
])
def test_arabic_lone_waw_joins_a_number(lines, expected):
    assert join_lines(lines, "ar") == expected


@pytest.mark.parametrize(("lines", "lang", "expected"), [
    (["a secure page (", "www.unodc.org)"], "en", "a secure page (www.unodc.org)"),
    (["see (www.unodc.org/unodc/en/commiss", "ions/FINGOV/index.html) and"], "en",
     "see (www.unodc.org/unodc/en/commissions/FINGOV/index.html) and"),
    (["available at www.unodc.org", "The next sentence."], "en",
     "available at www.unodc.org The next sentence."),
    (["the web page", "(www.unodc.org)"], "en", "the web page (www.unodc.org)"),
    (["« texte", "cité »"], "fr", "« texte cité »"),
])
def test_join_lines_around_brackets_and_addresses(lines, lang, expected):
    assert join_lines(lines, lang) == expected


# --- 4. a dropped table ends the paragraph before it ---------------------------------

def _pdf_line(text: str, y: float, x1: float = 550.0, style: str | None = None, page: int = 1,
              role: str = "line", size: float = 10.0) -> Block:
    return Block(text, page=page, role=role, x0=60.0, y0=y, x1=x1, y1=y + 10.0, size=size,
                 bold=style is not None and "bold" in style, style=style)


def _pdf_raw(blocks: list[Block]) -> RawDocument:
    return RawDocument(blocks=blocks, fmt="pdf", name="t.pdf", page_width=595.0, page_height=842.0)


def _table(y: float, cells: list[str]) -> list[Block]:
    return [_pdf_line(c, y, x1=100.0 + 20 * i, role="table") for i, c in enumerate(cells)]


@pytest.mark.parametrize("cells", [
    ["2023 (actual)", "2024 (actual)", "Honduras and Senegal"],
    ["Planned", "Actual"],
])
def test_a_dropped_table_breaks_the_paragraph(cells):
    blocks = [_pdf_line("16.21 " + FILLER, 76), _pdf_line("in 2025.", 88, x1=120.0),
              _pdf_line("16.22 " + FILLER, 100), _pdf_line(FILLER, 112),
              _pdf_line("below (see table 16.2) and in the annex to the present report.", 124),
              _pdf_line("Performance measure", 136, x1=160.0, style="bold"),
              *_table(160, cells),
              _pdf_line("Result 2: enhanced detection of trafficking by air, sea and land", 200,
                        x1=400.0, style="bold"),
              _pdf_line("16.23 " + FILLER, 220), _pdf_line(FILLER + ".", 232)]
    lines, _ = keep_lines(_pdf_raw(blocks))
    assert [ln.text[:8] for ln in lines if ln.after_table] == ["Result 2"]
    texts = [s.text for s in build_document(_pdf_raw(blocks), lang="en").segments]
    assert "Performance measure" in texts
    assert "Result 2: enhanced detection of trafficking by air, sea and land" in texts


def test_a_footnote_mark_read_as_a_cell_does_not_break_the_line():
    blocks = [_pdf_line("16.22 " + FILLER, 100),
              _pdf_line("of the Commission on Narcotic Drugs in its resolution", 112),
              _pdf_line("1", 110, x1=66.0, role="table", size=7.0),
              _pdf_line("64/7 and in the decisions taken at its sixty-fifth and sixty-sixth sessions", 124),
              _pdf_line(FILLER + ".", 136), _pdf_line("16.23 " + FILLER + ".", 148)]
    lines, _ = keep_lines(_pdf_raw(blocks))
    assert not any(ln.after_table for ln in lines)
    paragraphs = [s for s in build_document(_pdf_raw(blocks), lang="en").segments
                  if s.kind == "paragraph"]
    assert [p.number for p in paragraphs] == ["16.22", "16.23"]
    assert "in its resolution 64/7 and in the decisions" in paragraphs[0].text


# --- 5. PDF italic in the font signal ----------------------------------------------------

@pytest.mark.parametrize(("style", "heading"), [("italic", True), ("bold italic", True), (None, False)])
def test_a_pdf_italic_line_after_a_paragraph_is_a_heading(style, heading):
    blocks = [_pdf_line("16.29 " + FILLER, 76), _pdf_line("in 2025.", 88, x1=120.0),
              _pdf_line("16.30 " + FILLER, 100), _pdf_line(FILLER, 112), _pdf_line(FILLER, 124),
              _pdf_line(FILLER + " and met.", 136),
              _pdf_line("Lessons learned and planned change", 148, x1=280.0, style=style),
              _pdf_line(FILLER, 160), _pdf_line(FILLER, 172), _pdf_line(FILLER + ".", 184, x1=500.0)]
    segments = build_document(_pdf_raw(blocks), lang="en").segments
    found = [s for s in segments if s.text == "Lessons learned and planned change"]
    assert bool(found) is heading
    if heading:
        assert found[0].kind == "heading"
        assert segments[1].text.endswith("and met.")


@pytest.mark.parametrize(("fmt", "style", "italic"), [
    ("pdf", "italic", True), ("pdf", "bold italic", True), ("pdf", "bold", False),
    ("docx", "Italic Heading", False),  # a Word style name says nothing about the slant
])
def test_the_slant_comes_only_from_a_pdf_style(fmt, style, italic):
    raw = RawDocument(blocks=[Block("Some words of text here", style=style, size=10.0)], fmt=fmt)
    lines, _ = keep_lines(raw)
    assert lines[0].font[2] is italic


# --- 6. Russian money abbreviations ------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Бюджет составит 12,4 млн долл. США в 2025 году. Это больше, чем в 2024 году.",
     ["Бюджет составит 12,4 млн долл. США в 2025 году.", "Это больше, чем в 2024 году."]),
    ("Выделено 3 млрд долл. США. Средства распределены.",
     ["Выделено 3 млрд долл. США.", "Средства распределены."]),
    ("Расходы составили 540,2 тыс. долл. США на 2026 год. Далее.",
     ["Расходы составили 540,2 тыс. долл. США на 2026 год.", "Далее."]),
])
def test_russian_money_is_not_split(text, expected):
    assert split_sentences(text, "ru") == expected


def test_open_line_patterns_are_linear_on_long_input():
    assert P.LINE_END_URL.search("see www." + "a/" * 100) is not None
    assert P.LINE_END_URL.search("www.a " * 20_000 + "end.") is None
    assert P.URL_CONTINUATION.match("a" * 100_000) is None


# --- agenda lines that name several items ----------------------------------------------

@pytest.mark.parametrize(("raw", "items"), [
    ("138", ["138"]),
    ("4 (a)", ["4 (a)"]),
    ("138 and 139", ["138", "139"]),
    ("4 (a) and (b)", ["4 (a)", "4 (b)"]),
    ("3, 4 et 5", ["3", "4", "5"]),
    ("12 y 13", ["12", "13"]),
    ("7 и 8**", ["7", "8"]),
    ("5 和 6", ["5", "6"]),
    ("4 (أ) و5", ["4 (a)", "5"]),
])
def test_agenda_items(raw, items):
    assert agenda_items(raw) == items


def test_a_two_item_agenda_line_gives_both_items():
    doc = build_document(_docx_raw(["A/81/6 (Sect. 16)"]), lang="en")
    assert doc.meta.agenda_item == "138"
    raw = _docx_raw(["A/81/6 (Sect. 16)"])
    raw.blocks[3].text = "Items 138 and 139 of the preliminary list**"
    assert build_document(raw, lang="en").meta.agenda_item == "138; 139"


# --- running titles: repeated beside page furniture on many pages, not a heading ---------

@pytest.mark.parametrize(("lines", "furniture", "pages", "titles"), [
    # a running title beside the footer of every page
    (["Section 16", "text a", "26-03369", "Section 16", "text b", "26-03369",
      "Section 16", "text c", "26-03369"], [False, False, True] * 3, [1, 1, 1, 2, 2, 2, 3, 3, 3],
     {"Section 16"}),
    # a heading that sits near a page end on two pages of eight and elsewhere six times
    (["Deliverables", "26-03369"] * 2 + ["Deliverables", "text"] * 6,
     [False, True] * 2 + [False, False] * 6, [1, 1, 2, 2] + [3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8],
     set()),
    # a masthead line printed twice on the first page
    (["General Assembly", "A/82/6", "General Assembly", "27-05812 (E)", "text"],
     [False, True, False, True, False], [1, 1, 1, 1, 1], set()),
    # a title beside furniture on 2 of 12 pages: too rare to be a running title
    (["Part A", "A/81/6", "Part A", "A/81/6"] + ["text"] * 10,
     [False, True, False, True] + [False] * 10, [1, 1, 2, 2] + list(range(3, 13)), set()),
    # pages unknown: twice beside furniture is enough
    (["Section 16", "26-03369", "text", "Section 16", "26-03369"], [False, True, False, False, True],
     None, {"Section 16"}),
])
def test_running_titles(lines, furniture, pages, titles):
    assert running_titles(lines, furniture, pages) == titles


def test_a_heading_at_a_page_end_is_kept():
    pages = []
    for n in range(1, 9):
        body = [f"16.{n}{k} " + FILLER + f" in region {k}." for k in range(1, 5)]
        # mid-page on six pages, at the page end on two of them
        lines = body[:2] + ["Deliverables"] + body[2:] if n in (3, 4, 6, 7) else body
        lines += ["Deliverables"] if n in (2, 5) else []
        pages.append("\n".join(lines) + f"\n\n26-03369                         {n}/8\n")
    doc = read_document("\f".join(pages).encode(), name="t.txt", lang="en")
    assert [s.text for s in doc.segments if s.kind == "heading"] == ["Deliverables"] * 6


# --- a short heading line in another font before text at a page top --------------------

@pytest.mark.parametrize(("style", "size", "separate"), [
    ("italic", 9.96, True), (None, 9.96, False), (None, 12.0, True)])
def test_a_short_heading_in_another_font_ends_before_the_text(style, size, separate):
    blocks = [_pdf_line("16.29 " + FILLER, 76, size=9.96), _pdf_line("in 2025.", 88, x1=120.0, size=9.96),
              _pdf_line("16.30 " + FILLER, 100, size=9.96), _pdf_line(FILLER + ".", 112, size=9.96),
              _pdf_line("26-03369", 800, role="footer"),
              _pdf_line("General Assembly resolutions", 76, x1=186.0, style=style, page=2, size=size),
              *(_pdf_line(t, 96 + 12 * k, page=2, size=9.96) for k, t in enumerate(
                  ["Follow-up on strengthening the systems of control over chemical precursors and",
                   FILLER, FILLER + " in all regions."]))]
    texts = [s.text for s in build_document(_pdf_raw(blocks), lang="en").segments]
    assert ("General Assembly resolutions" in texts) is separate


# --- the issuing body across the masthead's right column --------------------------------

@pytest.mark.parametrize(("front", "bodies"), [
    (["United Nations", "General Assembly", "Distr.: General", "9 March 2026", "Original: English",
      "Eighty-first session", "Items 138 and 139 of the preliminary list**"], ["General Assembly"]),
    (["United Nations", "A/81/6", "General Assembly", "Distr.: General", "9 March 2026",
      "26-03369 (E) 240426", "Eighty-first session"], ["General Assembly"]),
    (["Commission on Narcotic Drugs", "Sixty-fifth session", "Item 4 (a) of the provisional agenda",
      "Commission on Crime Prevention and Criminal Justice", "Thirty-first session"],
     ["Commission on Narcotic Drugs", "Commission on Crime Prevention and Criminal Justice"]),
    (["United Nations", "Distr.: General", "Eighty-first session"], []),
    (["Commission on Narcotic Drugs", "Sixty-fifth session", "Distr.: General", "Resumed session"],
     ["Commission on Narcotic Drugs"]),
])
def test_issuing_bodies(front, bodies):
    assert extract_meta(front, front).bodies == bodies
