"""The real UNODC budget section A/81/6 (Sect. 16), English, as PDF and as DOCX.

Both come from ``../shared`` (skipped when absent). The PDF and the DOCX must give the
same numbered paragraphs (16.1 onward) with the same text, footnotes apart from body
text, running headers/footers and contents lines out of the body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from align.io.docx import read_docx
from align.io.pdf import read_pdf
from align.io.raw import Block, RawDocument

STEM = "un-real/A-81-6-Sect16/A_81_6_Sect16.en"
NUMBERED = re.compile(r"^(16\.\d{1,3})\s+")
LABELLED = re.compile(r"^(?:16\.\d{1,3}|\([a-z]{1,2}\)|\([ivx]{1,5}\))\s")
SENTENCE_END = re.compile(r"[.:;]$")
TOC_LEADERS = re.compile(r"(?:\. ?){6,}")
JOB = re.compile(r"\b26-03369\b")
COUNTER = re.compile(r"^\d{1,2}/67$|^\d{1,2}/67 |\s\d{1,2}/67$")


@lru_cache(maxsize=2)
def _read(path: str, fmt: str) -> RawDocument:
    data = Path(path).read_bytes()
    return read_pdf(data, Path(path).name) if fmt == "pdf" else read_docx(data, Path(path).name)


@pytest.fixture(scope="module")
def pdf(shared_dir) -> RawDocument:
    return _read(str(shared_dir / f"{STEM}.pdf"), "pdf")


@pytest.fixture(scope="module")
def docx(shared_dir) -> RawDocument:
    return _read(str(shared_dir / f"{STEM}.docx"), "docx")


def _norm(text: str) -> str:
    return " ".join(text.split())


def pdf_numbered(raw: RawDocument) -> dict[str, str]:
    """Numbered paragraphs from PDF lines: a minimal reflow over the reader's hints.

    A paragraph runs from a ``16.n`` line until a labelled line, a non-body block, a
    bold/italic line after a sentence end, a line left of the text (captions), or a
    vertical gap; running headers and footers are skipped (paragraphs cross pages).
    """
    out: dict[str, str] = {}
    number: str | None = None
    lines: list[str] = []
    prev: Block | None = None

    def flush() -> None:
        if number is not None:
            out.setdefault(number, _join(lines))

    for b in raw.blocks:
        if b.role in ("header", "footer"):
            continue
        brk = b.role != "line" or LABELLED.match(b.text) is not None
        if prev is not None and not brk:
            ended = SENTENCE_END.search(prev.text) is not None
            brk = (
                (b.page == prev.page and b.y0 - prev.y1 > 1.2 * (b.size or 10))
                or (b.style is not None and ended)
                or (b.x0 < prev.x0 - 15 and number is not None)
            )
        if brk:
            flush()
            number, lines = None, []
            m = NUMBERED.match(b.text) if b.role == "line" else None
            if m:
                number, lines = m.group(1), [b.text[m.end():]]
        elif number is not None:
            lines.append(b.text)
        if b.role == "line":
            prev = b
    flush()
    return out


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = text + line if text.endswith("-") or not text else f"{text} {line}"
    return text


def docx_numbered(raw: RawDocument) -> dict[str, str]:
    out: dict[str, str] = {}
    for b in raw.blocks:
        if b.role == "para":
            m = NUMBERED.match(b.text)
            if m:
                out.setdefault(m.group(1), b.text[m.end():])
    return out


def test_same_numbered_paragraphs_with_the_same_text(pdf, docx):
    from_pdf, from_docx = pdf_numbered(pdf), docx_numbered(docx)
    numbers = list(from_docx)
    assert numbers[0] == "16.1" and len(numbers) >= 140
    assert numbers == [f"16.{i}" for i in range(1, len(numbers) + 1)]
    assert list(from_pdf) == numbers
    same = [n for n in numbers if _norm(from_pdf[n]) == _norm(from_docx[n])]
    assert len(same) / len(numbers) >= 0.98, sorted(set(numbers) - set(same))


def test_footnotes_are_apart_from_body_text(pdf, docx):
    notes_pdf = {b.label: _norm(b.text) for b in pdf.blocks if b.role == "footnote"}
    notes_docx = {b.label: _norm(b.text) for b in docx.blocks if b.role == "footnote"}
    for label in ("1", "2", "3", "*", "**", "***"):
        assert notes_pdf[label] == notes_docx[label], label
    assert notes_pdf["1"] == "See General Assembly resolutions 77/298 and 78/226."
    body_pdf = " ".join(b.text for b in pdf.blocks if b.role == "line")
    body_docx = " ".join(b.text for b in docx.blocks if b.role == "para")
    for text in (notes_pdf["1"], notes_pdf["2"], notes_pdf["3"]):
        assert text not in body_pdf and text not in body_docx
    # the reference markers are gone from the citing paragraph
    cited = "Assembly and the Security Council, including the United Nations Global"
    assert cited in " ".join(pdf_numbered(pdf).values()) + body_pdf
    assert cited in body_docx


def test_running_headers_and_footers_are_recognised(pdf):
    footers = {b.page for b in pdf.blocks if b.role == "footer" and COUNTER.search(b.text)}
    assert footers == set(range(2, 68))
    headers = {b.page for b in pdf.blocks if b.role == "header"}
    assert headers >= set(range(3, 67))
    for b in pdf.blocks:
        if b.role in ("line", "footnote"):
            assert not JOB.search(b.text) and not COUNTER.search(b.text), (b.page, b.text)
            assert not b.text.startswith(("Section 16 International drug control", "Part IV Intern"))


def test_contents_lines_are_not_body(pdf, docx):
    toc_pdf = [b for b in pdf.blocks if TOC_LEADERS.search(b.text)]
    assert len(toc_pdf) >= 12 and all(b.role == "table" for b in toc_pdf)
    toc_docx = [b for b in docx.blocks if b.text.startswith("Subprogramme 1. Countering")]
    assert toc_docx and all(b.role == "table" for b in toc_docx)


def test_tables_and_figures_are_not_body(pdf, docx):
    body = {_norm(b.text) for b in pdf.blocks if b.role == "line"}
    for cell in ("2023 (actual)", "Mozambique", "2 500", "Planned Actual"):
        assert cell not in body
    cells_docx = [b.text for b in docx.blocks if b.role == "table"]
    assert any(t.startswith("Mozambique developed a framework") for t in cells_docx)
    assert not any(b.text.startswith("Mozambique developed") for b in docx.blocks if b.role == "para")


def test_masthead_is_read(pdf, docx):
    first_pdf = [b.text for b in pdf.blocks if b.page == 1]
    first_docx = [b.text for b in docx.blocks if b.role in ("header", "footer")]
    for text in ("A/81/6 (Sect. 16)/Part A*", "Distr.: General", "Original: English"):
        assert text in first_pdf and text in first_docx
    assert "26-03369 (E) 240426" in first_docx
    assert any(b.role == "footer" and b.text == "26-03369 (E) 240426" for b in pdf.blocks)


def test_read_document_gives_the_same_paragraphs(pdf, docx):
    """Through the UN parser (what ``read_document`` runs after the reader) as well."""
    import copy

    from align.un.parse import build_document

    docs = {fmt: build_document(copy.deepcopy(raw)) for fmt, raw in (("pdf", pdf), ("docx", docx))}
    paras = {fmt: {s.number: _norm(s.text) for s in doc.segments if s.kind == "paragraph"}
             for fmt, doc in docs.items()}
    numbers = list(paras["docx"])
    assert numbers[:3] == ["16.1", "16.2", "16.3"] and len(numbers) >= 140
    assert list(paras["pdf"]) == numbers
    same = sum(paras["pdf"][n] == paras["docx"][n] for n in numbers)
    assert same / len(numbers) >= 0.98
    for doc in docs.values():
        notes = {s.number: s.text for s in doc.footnotes}
        assert notes["1"] == "See General Assembly resolutions 77/298 and 78/226."
        assert doc.meta.symbols == ["A/81/6 (Sect. 16)/Part A"]
        assert doc.meta.job_number and doc.meta.job_number.startswith("26-03369")
