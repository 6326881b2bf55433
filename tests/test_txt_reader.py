"""The TXT reader: encodings, the two layouts, pages, columns."""

from __future__ import annotations

import pytest

from align.errors import UnsupportedFormatError
from align.io.sniff import sniff_format
from align.io.txt import decode_text, read_txt

WRAPPED = "\n".join([
    "1. The working group held three regular meetings and one additional meeting to",
    "facilitate a dialogue with the Executive Director of the Office on a broad range",
    "of issues relating to the governance and financial situation of the Office and",
    "its programmes in the field.",
    "2. At its meeting held on 4 February, the working group held an interactive and",
    "substantive dialogue with the Executive Director on the mandates and strategy.",
])

PARAGRAPHS = "\n\n".join([
    "1. The working group held three regular meetings and one additional meeting.",
    "2. At its meeting held on 4 February, the working group held an interactive dialogue with "
    "the Executive Director on a broad range of issues relating to the governance and financial "
    "situation of the Office.",
    "3. The Secretariat continued to provide documents.",
])


def test_hard_wrapped_text_gives_lines():
    raw = read_txt(WRAPPED.encode(), "w.txt")
    assert {b.role for b in raw.blocks} == {"line"}
    assert len([b for b in raw.blocks if b.text]) == 6


def test_one_paragraph_per_line_gives_paragraphs():
    raw = read_txt(PARAGRAPHS.encode(), "p.txt")
    assert [b.role for b in raw.blocks] == ["para"] * 3


def test_form_feeds_and_page_counters_set_pages():
    raw = read_txt(("1. First page text.\n\f2. Second page text.\n").encode(), "f.txt")
    assert [b.page for b in raw.blocks if b.text] == [1, 2]
    text = WRAPPED + "\nE/CN.7/2026/5\nV.25-21437 (E) 3/4\n" + WRAPPED
    raw = read_txt(text.encode(), "c.txt")
    assert raw.blocks[-1].page == 3 and raw.blocks[0].page == 1


def test_two_column_masthead_is_split():
    raw = read_txt("United Nations                 E/CN.7/2026/5\n\nSome text here.\n".encode(), "m.txt")
    assert [b.text for b in raw.blocks][:2] == ["United Nations", "E/CN.7/2026/5"]


@pytest.mark.parametrize(
    ("data", "text"),
    [("Texte français".encode("utf-8"), "Texte français"),
     ("Texte français".encode("utf-8-sig"), "Texte français"),
     ("Текст".encode("utf-16"), "Текст"),
     ("Plain English text".encode("utf-16-be"), "Plain English text"),
     ("中文文本，联合国文件。".encode("gb18030"), "中文文本，联合国文件。")],
)
def test_decode(data, text):
    assert decode_text(data, "x.txt") == text


def test_windows_1252_is_refused_with_advice():
    with pytest.raises(UnsupportedFormatError, match="save it as UTF-8"):
        decode_text("Résolution adoptée à l’unanimité".encode("cp1252"), "x.txt")


def test_crlf_and_nfc():
    raw = read_txt("1. Re\u0301solution adopte\u0301e.\r\n\r\n2. Texte.\r\n".encode(), "n.txt")
    assert raw.blocks[0].text == "1. Résolution adoptée."


@pytest.mark.parametrize(("data", "fmt"), [
    (b"%PDF-1.7\n...", "pdf"), (b"garbage\n%PDF-1.4", "pdf"), ("plain text".encode(), "txt"),
])
def test_sniff(data, fmt):
    assert sniff_format(data, "x") == fmt
