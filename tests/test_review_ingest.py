"""Uploads: content-hash storage, display names, set keys, set-level warnings."""

from __future__ import annotations

import pytest

from align.document import DocMeta, Document, Segment
from align.errors import FileTooLargeError, StoreError
from align.review import ingest
from align.storage import data_dir


@pytest.mark.parametrize("name, shown", [
    ("report.en.pdf", "report.en.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\doc.docx", "doc.docx"),
    ("evil\u202egpj.exe", "evilgpj.exe"),
    ("", "unnamed"),
    ("a\x00b.txt", "ab.txt"),
])
def test_safe_display_name(name, shown):
    assert ingest.safe_display_name(name) == shown


def test_uploads_are_stored_by_content_hash_only():
    sha = ingest.save_upload(b"hello")
    path = data_dir() / "uploads" / sha
    assert path.read_bytes() == b"hello"
    assert ingest.load_upload(sha) == b"hello"
    assert [p.name for p in (data_dir() / "uploads").iterdir()] == [sha]
    for bad in ("../review.sqlite3", "x" * 64, sha[:10]):
        with pytest.raises(StoreError):
            ingest.load_upload(bad)


def test_size_limit():
    with pytest.raises(FileTooLargeError, match="the file is 1.0 MB; the limit is 1 MB"):
        ingest.save_upload(b"x" * (2**20 + 1), max_bytes=2**20)


@pytest.mark.parametrize("n, text", [(0, "0 bytes"), (1023, "1,023 bytes"), (2048, "2 KB"),
                                     (50 * 2**20, "50 MB"), (int(3.25 * 2**20), "3.2 MB")])
def test_human_size(n, text):
    assert ingest.human_size(n) == text


def test_set_key_ignores_order_and_duplicates():
    assert ingest.set_key(["b", "a"]) == ingest.set_key(["a", "b", "a"])
    assert ingest.set_key(["a"]) != ingest.set_key(["a", "b"])


def doc(lang, symbol, numbers):
    segs = [Segment(kind="paragraph", number=n, text=f"text {n}") for n in numbers]
    return Document(lang=lang, meta=DocMeta(symbols=[symbol]), segments=segs,
                    name=f"d.{lang}.txt", fmt="txt")


def card(name, d):
    return ingest.FileCard(sha=name, name=name, size=1, lang=d.lang, symbols=d.meta.symbols,
                           paragraphs=len(d.paragraph_numbers()), doc=d)


def test_check_set_warnings():
    cards = [card("zh", doc("zh", "E/CN.7/2026/5", ["1", "2", "3"])),
             card("en", doc("en", "E/CN.7/2026/5", ["1", "2", "3"])),
             card("fr", doc("fr", "E/CN.7/2026/5", ["1", "3"])),
             card("fr2", doc("fr", "E/CN.7/2026/5", ["1", "2", "3"])),
             card("ru", doc("ru", "E/CN.7/2026/6", ["1", "2", "3"])),
             ingest.FileCard(sha="bad", name="bad.pdf", size=1, error="bad.pdf: damaged")]
    w = ingest.check_set(cards)
    assert w["zh"] == [] and w["en"] == [] and w["bad"] == []
    assert w["ru"] == ["symbol E/CN.7/2026/6 differs from the others' E/CN.7/2026/5"]
    assert w["fr"] == ["French is given twice (also fr2)",
                       "paragraph 2 is missing compared with the Chinese"]
    assert [c.name for c in ingest.usable(cards)] == ["zh", "en", "fr", "ru"]
    assert ingest.set_name(cards) == "E/CN.7/2026/5"


def test_align_cards_needs_two_files_and_the_pivot():
    from align.errors import AlignmentInputError

    with pytest.raises(AlignmentInputError, match="at least two"):
        ingest.align_cards([card("zh", doc("zh", "S", ["1"]))], unit="paragraph", embedder=None)
    with pytest.raises(AlignmentInputError, match="no Chinese file"):
        ingest.align_cards([card("en", doc("en", "S", ["1"])), card("fr", doc("fr", "S", ["1"]))],
                           unit="paragraph", embedder=None)


def test_read_card_keeps_errors_on_the_card():
    pytest.importorskip("align.io", reason="reader not installed")
    from align import io as aio

    if not hasattr(aio, "read_document"):
        pytest.skip("align.io.read_document has not landed yet")
    empty = ingest.read_card(b"", "empty.txt")
    assert empty.error and "empty.txt" in empty.error and not empty.ok
    junk = ingest.read_card(b"%PDF-1.7\n garbage \x00\x01", "broken.pdf")
    assert junk.error and not junk.ok


def test_several_missing_paragraphs_are_listed():
    cards = [card("zh", doc("zh", "S", [str(n) for n in range(1, 12)])),
             card("en", doc("en", "S", ["1"]))]
    assert ingest.check_set(cards)["en"] == [
        "paragraphs 2, 3, 4, 5, 6, 7, 8, 9 ... are missing compared with the Chinese"]
