"""The project's corpora: sources valid, rendered files up to date, gold consistent,
and every rendered document read back with the same structure from .txt, .pdf and .docx.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
TOOLS = CORPORA / "tools"
SRC = CORPORA / "src"
sys.path.insert(0, str(TOOLS))

import conventions  # noqa: E402  (corpora/tools, put on the path above)
import source  # noqa: E402
import toc  # noqa: E402
from gold import gold_files  # noqa: E402
from render_docx import render_docx  # noqa: E402
from render_txt import render_txt  # noqa: E402

BEAD_RE = re.compile(r"^\[([0-9,]*)\]:\[([0-9,]*)\]$")
FORMATS = ("txt", "docx", "pdf")
SEED_ZH = Path("seed") / "000_e90bbdd4b5905527.txt"


def _docs() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SRC.glob("*.json"))}


DOCS = _docs()
PAIRS = [(d, x) for d, doc in DOCS.items() for x in source.doc_langs(doc) if x != "zh"]
RENDERED = [(d, lang) for d, doc in DOCS.items() for lang in source.rendered_langs(doc)]
RENDERED_FILES = [(d, lang, fmt) for d, lang in RENDERED for fmt in FORMATS]


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n"), f"{path.name} lacks a final newline"
    return text[:-1].split("\n") if text != "\n" else []


def _parse_beads(lines: list[str]) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in lines:
        m = BEAD_RE.match(line)
        assert m, f"not a bead: {line!r}"
        beads.append(tuple([int(i) for i in side.split(",")] if side else [] for side in m.groups()))
    return beads


def _gold_units(doc: dict) -> list[dict]:
    return [u for u in doc["units"] if u["kind"] in source.GOLD_KINDS]


# ----- sources ---------------------------------------------------------------------


def test_there_are_corpora():
    assert "seed" in DOCS
    assert len(DOCS) >= 1


@pytest.mark.parametrize("docid", sorted(DOCS))
def test_source_is_valid(docid):
    assert source.validate(DOCS[docid]) == []


@pytest.mark.parametrize("docid", sorted(DOCS))
def test_source_has_all_six_languages(docid):
    assert source.doc_langs(DOCS[docid]) == list(conventions.LANGS)


@pytest.mark.parametrize("docid", sorted(DOCS))
def test_job_numbers_differ_per_language(docid):
    jobs = [m["job_number"] for m in DOCS[docid]["langs"].values()]
    assert len(set(jobs)) == len(jobs)


def test_seed_stores_no_chinese_text():
    """The zh side of the seed lives in ../shared only: counted, never copied."""
    seed = DOCS["seed"]
    assert "zh" not in seed["langs"]
    for unit in seed["units"]:
        assert "zh" not in unit["text"]
        assert unit["zh_count"] >= 1
    raw = (SRC / "seed.json").read_text(encoding="utf-8")
    assert not re.search(r"[\u4e00-\u9fff]", raw)


@pytest.mark.parametrize(("beads", "n_zh", "n_x", "ok"), [
    ([[[0], [0]], [[1, 2], [1]]], 3, 2, True),
    ([[[0], []], [[], [0]]], 1, 1, True),
    ([[[0], [0]]], 2, 1, False),  # zh sentence 1 left out
    ([[[1], [0]], [[0], [1]]], 2, 2, False),  # out of order
    ([[[0], [0]], [[0], [1]]], 1, 2, False),  # overlap
    ([[[], []]], 0, 0, False),  # empty bead
])
def test_check_beads_table(beads, n_zh, n_x, ok):
    assert (source.check_beads(beads, n_zh, n_x) is None) is ok


def _tiny() -> dict:
    """A valid two-language source: one heading, one paragraph with a 2-1 bead, one footnote."""
    meta = {"symbols": ["E/CN.7/2099/1"], "job_number": "V.99-00001 (E)", "date": "1 January 2099",
            "distribution": "General", "original": "English", "title": "Title"}
    return {
        "id": "tiny",
        "langs": {"en": dict(meta), "zh": dict(meta, job_number="V.99-00001 (C)", title="标题")},
        "units": [
            {"kind": "heading", "number": "I", "level": 1, "text": {"zh": ["导言"], "en": ["Introduction"]}},
            {"kind": "paragraph", "number": "1", "text": {"zh": ["句一；", "句二。[^1]"], "en": ["One; two.[^1]"]},
             "beads": {"en": [[[0, 1], [0]]]}},
            {"kind": "footnote", "number": "1", "text": {"zh": ["注。"], "en": ["Note."]}},
        ],
    }


def _broken(change) -> dict:
    doc = _tiny()
    change(doc)
    return doc


@pytest.mark.parametrize(("doc", "problem"), [
    (_tiny(), None),
    (_broken(lambda d: d["units"][0]["text"].pop("en")), "no en text"),
    (_broken(lambda d: d["units"][1].pop("beads")), "no beads"),
    (_broken(lambda d: d["units"][1]["beads"]["en"].__setitem__(0, [[0], [0]])), "zh side"),
    (_broken(lambda d: d["langs"]["zh"].__setitem__("job_number", "V.99-00001 (E)")), "job number"),
    (_broken(lambda d: d["units"][1]["text"].__setitem__("en", ["One; two."])), "footnote references"),
    (_broken(lambda d: d["units"][0].__setitem__("kind", "chapter")), "unknown kind"),
    (_broken(lambda d: d["units"][0]["text"].__setitem__("en", [" Introduction"])), "padded"),
    (_broken(lambda d: d["langs"].pop("zh") and d["units"].clear()), "zh and at least one other"),
])
def test_validate_table(doc, problem):
    problems = source.validate(doc)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_tiny_document_renders_and_golds():
    """The builder's pieces on a tiny document: labels, footnote digits, gold beads."""
    doc = _tiny()
    txt = render_txt(doc, "zh")
    assert "一. 导言" in txt and "1. 句一；句二。1" in txt and txt.rstrip().endswith("1 注。")
    gold = gold_files(doc)["zh-en"]
    assert gold["sent.beads"] == "[0]:[0]\n[1,2]:[1]\n"
    assert gold["en.sent"] == "Introduction\nOne; two.\n"
    assert gold["zh.para"] == "一. 导言\n1. 句一；句二。\n"
    assert render_docx(doc, "en") == render_docx(doc, "en")  # reproducible bytes


# ----- rendered files and gold -------------------------------------------------------


@pytest.mark.parametrize(("docid", "lang"), RENDERED)
def test_rendered_files_are_up_to_date(docid, lang):
    """The committed .txt and .docx are what the builder makes now (byte for byte)."""
    doc = DOCS[docid]
    folder = CORPORA / docid
    pages = toc.load_pages(folder / f"{docid}.pages.json", lang)
    assert (folder / f"{docid}.{lang}.txt").read_text(encoding="utf-8") == render_txt(doc, lang, pages)
    auto = doc.get("docx_numbering", "auto") == "auto"
    docx = render_docx(doc, lang, auto_numbering=auto, pages=pages)
    assert (folder / f"{docid}.{lang}.docx").read_bytes() == docx
    pdf = folder / f"{docid}.{lang}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(("docid", "x"), PAIRS)
def test_gold_files_are_up_to_date(docid, x):
    expected = gold_files(DOCS[docid])[f"zh-{x}"]
    folder = CORPORA / docid / "gold" / f"zh-{x}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
    for name, content in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == content, name


@pytest.mark.parametrize(("docid", "x"), PAIRS)
def test_gold_sentence_beads_cover_both_sides(docid, x):
    """Beads cover every line of both sides, in order, without overlap; counts match the JSON."""
    doc = DOCS[docid]
    folder = CORPORA / docid / "gold" / f"zh-{x}"
    units = _gold_units(doc)
    x_sents = _lines(folder / f"{x}.sent")
    assert x_sents == [conventions.strip_marks(s) for u in units for s in u["text"][x]]
    if (folder / "zh.counts").exists():
        counts = [int(n) for n in _lines(folder / "zh.counts")]
        assert counts == [u["zh_count"] for u in units]
        n_zh = sum(counts)
    else:
        zh_sents = _lines(folder / "zh.sent")
        assert zh_sents == [conventions.strip_marks(s) for u in units for s in u["text"]["zh"]]
        n_zh = len(zh_sents)
    assert all(s.strip() == s and s for s in x_sents)
    beads = _parse_beads(_lines(folder / "sent.beads"))
    assert all(zh or xs for zh, xs in beads)
    assert [i for zh, _ in beads for i in zh] == list(range(n_zh))
    assert [i for _, xs in beads for i in xs] == list(range(len(x_sents)))


@pytest.mark.parametrize(("docid", "x"), PAIRS)
def test_gold_paragraph_beads_cover_both_sides(docid, x):
    folder = CORPORA / docid / "gold" / f"zh-{x}"
    n_units = len(_gold_units(DOCS[docid]))
    x_paras = _lines(folder / f"{x}.para")
    assert len(x_paras) == n_units
    beads = _parse_beads(_lines(folder / "para.beads"))
    assert [i for zh, _ in beads for i in zh] == list(range(n_units))
    assert [i for _, xs in beads for i in xs] == list(range(n_units))


LONG_DOCS = sorted(d for d, doc in DOCS.items()
                   if d == "seed" or sum(u["kind"] == "paragraph" for u in doc["units"]) >= 20)


@pytest.mark.parametrize("docid", LONG_DOCS)
def test_long_documents_have_real_many_to_many_beads(docid):
    """At least 5 % of the beads are n:m (a translator split or merged), in every pair."""
    doc = DOCS[docid]
    for x in source.doc_langs(doc):
        if x == "zh":
            continue
        beads = [b for u in _gold_units(doc) for b in source.beads_of(u, x)]
        many = sum(len(zh) != 1 or len(xs) != 1 for zh, xs in beads)
        assert many >= 0.05 * len(beads), f"zh-{x}: {many} of {len(beads)} beads are n:m"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_parts(docid: str, lang: str) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(CORPORA / docid / f"{docid}.{lang}.docx") as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize(("docid", "lang"), RENDERED)
def test_docx_has_the_word_features_readers_must_handle(docid, lang):
    """Real footnotes, PAGE/NUMPAGES counters, first-page and running headers, fonts, RTL."""
    from lxml import etree

    doc = DOCS[docid]
    parts = _docx_parts(docid, lang)
    body = etree.fromstring(parts["word/document.xml"])
    notes = [u for u in doc["units"] if u["kind"] == "footnote"]
    assert len(body.findall(f".//{W}footnoteReference")) == len(notes)
    if notes:
        footnotes = etree.fromstring(parts["word/footnotes.xml"])
        assert len([f for f in footnotes if f.get(f"{W}type") is None]) == len(notes)
    footers = b"".join(v for k, v in parts.items() if k.startswith("word/footer"))
    assert b"PAGE" in footers and b"NUMPAGES" in footers
    job = doc["langs"][lang]["job_number"]
    assert job.encode() in footers
    headers = b"".join(v for k, v in parts.items() if k.startswith("word/header"))
    assert doc["langs"][lang]["symbols"][0].encode() in headers
    sect = body.find(f".//{W}sectPr")
    assert sect.find(f"{W}titlePg") is not None
    numbered = body.findall(f".//{W}numPr")
    if doc.get("docx_numbering", "auto") == "auto":
        paras = [u["number"] for u in doc["units"] if u["kind"] == "paragraph"]
        assert len(numbered) == len(paras)
        lvl_text, _ = conventions.numbering_pattern(paras, lang)
        assert f'w:lvlText w:val="{lvl_text}"'.encode() in parts["word/numbering.xml"]
    else:
        assert not numbered
    styles = parts["word/styles.xml"]
    if lang == "zh":
        assert b"Noto Serif CJK SC" in styles
    if lang == "ar":
        assert b"Noto Naskh Arabic" in styles
        assert len(body.findall(f".//{W}bidi")) > len(doc["units"]) // 2


SENTENCE_END_RE = re.compile(r"[.。;；:：؛!?]\s*$")
#: smallest body-text size: body 10 pt (zh 10.5, ar 12), footnotes and footers smaller
BODY_SIZE_MIN_PT = {"zh": 10.0, "ar": 11.0}
MARGIN_BAND_PT = 70  # running headers and footers sit in the top and bottom bands


def _last_body_line(page, min_size: float) -> str:
    """The lowest line of body-size text on a PDF page, between the header and footer bands."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    height = page.get_height()
    lines: dict[int, list[tuple[float, str]]] = {}
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        if not MARGIN_BAND_PT < height - top < height - MARGIN_BAND_PT:
            continue
        first = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, left + 0.5, (bottom + top) / 2, 2, 2)
        if first < 0 or pdfium_c.FPDFText_GetFontSize(textpage.raw, first) < min_size:
            continue
        lines.setdefault(round(bottom), []).append((left, textpage.get_text_bounded(left, bottom, right, top)))
    return " ".join(t for _, t in sorted(lines[min(lines)])).strip() if lines else ""


@pytest.mark.parametrize(("docid", "lang"), RENDERED)
def test_pdf_page_breaks_fall_inside_paragraphs(docid, lang):
    """Pages end inside paragraphs, so readers must rejoin text across page breaks."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    pdf = pypdfium2.PdfDocument(str(CORPORA / docid / f"{docid}.{lang}.pdf"))
    try:
        min_size = BODY_SIZE_MIN_PT.get(lang, 9.4)
        ends = [_last_body_line(pdf[i], min_size) for i in range(len(pdf) - 1)]
    finally:
        pdf.close()
    assert ends, "a one-page PDF has no page break"
    inside = [e for e in ends if e and not SENTENCE_END_RE.search(e)]
    assert inside, f"every page ends at the end of a sentence: {ends}"


# ----- reading the rendered documents back ----------------------------------------------


@lru_cache(maxsize=None)
def _read(docid: str, lang: str, fmt: str):
    read_document = pytest.importorskip("align.io", reason="align.io is missing").__dict__.get("read_document")
    if read_document is None:
        pytest.skip("align.io.read_document is not written yet")
    return read_document(CORPORA / docid / f"{docid}.{lang}.{fmt}")


def _norm(text: str, lang: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(text.split()) if lang == "zh" else " ".join(text.split())


def _expected_body(doc: dict, lang: str, marks_as_digits: bool = False) -> list[tuple[str, str | None, str]]:
    out = []
    for unit in doc["units"]:
        if unit["kind"] == "footnote":
            continue
        text = conventions.join_sentences(unit["text"][lang], lang)
        text = conventions.FOOTNOTE_MARK_RE.sub(lambda m: m.group(1) if marks_as_digits else "", text)
        out.append((unit["kind"], unit["number"], _norm(text, lang)))
    return out


def _job_core(job: str | None) -> str | None:
    return job.split("(")[0].strip() if job else job


@pytest.mark.parametrize(("docid", "lang", "fmt"), RENDERED_FILES)
def test_reader_finds_language_symbols_and_job_number(docid, lang, fmt):
    meta = DOCS[docid]["langs"][lang]
    document = _read(docid, lang, fmt)
    assert document.lang == lang
    assert document.meta.symbols == meta["symbols"]
    assert _job_core(document.meta.job_number) == _job_core(meta["job_number"])


@pytest.mark.parametrize(("docid", "lang", "fmt"), RENDERED_FILES)
def test_reader_gives_the_source_structure_and_text(docid, lang, fmt):
    """Headings, paragraphs, sub-items and body text as in the source, word for word.

    Footnote references are printed as plain digits in the .txt export (as in text
    taken from a PDF), so there the text may keep them; .docx and .pdf must not.
    """
    doc = DOCS[docid]
    document = _read(docid, lang, fmt)
    got = [(s.kind, s.number, _norm(s.text, lang)) for s in document.body]
    expected = _expected_body(doc, lang)
    assert [g[:2] for g in got] == [e[:2] for e in expected]
    with_digits = _expected_body(doc, lang, marks_as_digits=True)
    for g, e, d in zip(got, expected, with_digits):
        allowed = {e[2], d[2]} if fmt == "txt" else {e[2]}
        assert g[2] in allowed, f"{g[0]} {g[1]}: {g[2][:200]!r} != {e[2][:200]!r}"


@pytest.mark.parametrize(("docid", "lang"), RENDERED)
def test_txt_pdf_docx_give_the_same_segments(docid, lang):
    """The must-show of the reading issue: one document, three formats, one structure."""
    outlines = {fmt: [(s.kind, s.number) for s in _read(docid, lang, fmt).body] for fmt in FORMATS}
    assert outlines["pdf"] == outlines["txt"]
    assert outlines["docx"] == outlines["txt"]
    texts = {fmt: [_norm(s.text, lang) for s in _read(docid, lang, fmt).body] for fmt in ("pdf", "docx")}
    assert texts["pdf"] == texts["docx"]


@pytest.mark.parametrize(("docid", "lang"), RENDERED)
def test_reader_keeps_footnotes_apart(docid, lang):
    doc = DOCS[docid]
    notes = [(u["number"], _norm(conventions.join_sentences(u["text"][lang], lang), lang))
             for u in doc["units"] if u["kind"] == "footnote"]
    if not notes:
        pytest.skip(f"{docid} has no footnotes")
    for fmt in FORMATS:
        got = [(s.number, _norm(s.text, lang)) for s in _read(docid, lang, fmt).footnotes]
        assert got == notes, fmt


def test_seed_zh_counts_match_the_sentence_splitter(shared_dir):
    """split_sentences on each zh body unit of the real seed gives the stored zh_count."""
    sentences = pytest.importorskip("align.un.sentences")
    document = _read_seed(shared_dir)
    units = [u for u in DOCS["seed"]["units"] if u["kind"] in source.GOLD_KINDS]
    body = document.body
    assert [(s.kind, s.number) for s in body] == [(u["kind"], u["number"]) for u in units]
    counts = [len(sentences.split_sentences(s.text, "zh")) for s in body]
    assert counts == [u["zh_count"] for u in units]


def _read_seed(shared_dir: Path):
    io = pytest.importorskip("align.io")
    if not hasattr(io, "read_document"):
        pytest.skip("align.io.read_document is not written yet")
    return io.read_document(shared_dir / SEED_ZH)
