"""AppTest for each page: documents (uploads, cards, bad files, sample), review level
switch, alignment map, export."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from align import storage
from align.review.store import ReviewStore
from align.ui import state

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def plain(text: str) -> str:
    """A Markdown-escaped message as the user reads it."""
    return re.sub(r"\\(.)", r"\1", text)
SAMPLE = ROOT / "corpora" / "unodc-strategy-2026"


def needs_sample():
    if not (SAMPLE / "unodc-strategy-2026.zh.txt").is_file():
        pytest.skip("the bundled sample (corpora/unodc-strategy-2026) is not built")
    pytest.importorskip("align.io").read_document  # noqa: B018


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, files: list[tuple[str, bytes]]) -> None:
    at.file_uploader(key="ua_upload").set_value([(n, b, "application/octet-stream")
                                                 for n, b in files]).run()
    assert not at.exception, at.exception


def sample_file(lang: str, ext: str = "txt") -> tuple[str, bytes]:
    path = SAMPLE / f"unodc-strategy-2026.{lang}.{ext}"
    return path.name, path.read_bytes()


def test_documents_page_starts_empty():
    at = app()
    assert plain(at.title[0].value) == "Align the language versions of a UN document"
    assert "open the bundled sample" in plain(at.info[0].value)
    assert at.file_uploader(key="ua_upload").accept_multiple_files


def test_cards_show_what_the_reader_found_and_bad_files_say_why():
    needs_sample()
    at = app()
    german = ("Die Kommission hat den Bericht geprüft und die Entschließung angenommen. "
              "Der Haushalt wurde von den Mitgliedstaaten genehmigt und die Arbeitsgruppe "
              "hat dreimal getagt, um die Finanzlage des Büros zu prüfen.").encode()
    upload(at, [sample_file("zh"), sample_file("en"), ("broken.pdf", b"%PDF-1.7\n1 0 obj <<>>"),
                ("bericht.txt", german), ("empty.docx", b"")])
    md = " ".join(plain(m.value) for m in at.markdown)
    assert "unodc-strategy-2026.zh.txt" in md and "E/CN.7/2026/5" in md
    assert "V.25-21437 (E)" in md
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 3
    assert any("broken.pdf" in e for e in errors)
    assert any("bericht.txt" in e for e in errors)
    assert any("empty.docx" in e for e in errors)
    # the good files stay usable
    assert at.button(key="ua_align").label == "Align 2 documents"
    # language fixed by hand: the German file is taken as English text (the user's call)
    sha = next(k.split("_", 2)[2] for k in [s.key for s in at.selectbox]
               if k.startswith("ua_lang_") and at.selectbox(key=k).value == "(not set)")
    at.selectbox(key=f"ua_lang_{sha}").set_value("fr").run()
    assert len(at.error) == 2
    assert any("French is given twice" in plain(w.value) for w in at.warning) is False


def test_paragraph_missing_and_symbol_warnings():
    needs_sample()
    at = app()
    name, data = sample_file("fr")
    lines = data.decode("utf-8").split("\n")
    cut = "\n".join(line.replace("E/CN.7/2026/5", "E/CN.7/2026/9") for line in lines
                    if not line.startswith("5. "))  # paragraph 5 left out
    upload(at, [sample_file("zh"), sample_file("en"), (name, cut.encode())])
    warnings = " ".join(plain(w.value) for w in at.warning)
    assert "differs from the others' E/CN.7/2026/5" in warnings
    assert "paragraph 5 is missing compared with the Chinese" in warnings
    assert not at.success  # no "all consistent" summary


def test_sample_aligns_and_every_page_works(monkeypatch, embedder):
    needs_sample()
    monkeypatch.setattr(state, "embedder", lambda: embedder)
    at = app()
    at.button[0].click().run()  # "Open the bundled sample"
    assert not at.exception, at.exception
    # aligned and switched to the review page
    rows = [m.value for m in at.markdown if m.value.startswith('<div class="ua-row')]
    assert rows and "ua-sel" in "".join(rows)
    assert plain(at.title[0].value).startswith("Review · E/CN.7/2026/5")
    store = ReviewStore(storage.connect())
    (info,) = store.recent()
    assert info.unit == "paragraph" and info.rows >= 40
    al = store.load(info.id)[0]
    assert al.langs == ["zh", "en", "fr", "es", "ru", "ar"]

    # the alignment map of zh-en
    at.switch_page("pages/alignment_map.py").run()
    assert not at.exception, at.exception
    assert at.metric[0].value.startswith(f"{len(al.units['zh'])} ×")
    assert int(at.metric[2].value) >= 20  # paragraphs anchored by their numbers

    # export
    at.switch_page("pages/export.py").run()
    assert not at.exception, at.exception
    labels = [b.label for b in at.download_button]
    assert set(labels) == {"Multilingual TMX", "zh–en TMX", "zh–fr TMX", "zh–es TMX",
                           "zh–ru TMX", "zh–ar TMX", "CSV (Excel, UTF-8)", "XLSX workbook",
                           "JSON (full alignment)", "Everything (ZIP)"}
    at.radio(key="ua_x_scope").set_value("reviewed").run()
    assert any("No row is confirmed" in plain(w.value) for w in at.warning)

    # re-opening the same files finds the review
    again = app()
    upload(again, [(n, b) for n, b in state.ingest.sample_files(state.CORPORA)])
    assert any("A review of these files exists" in plain(s.value) for s in again.success)
    again.button(key="ua_resume").click().run()
    assert plain(again.title[0].value).startswith("Review ·")

    # switch to sentence level: a second review of the same set
    again.radio(key=f"ua_level_{info.id}").set_value("sentence").run()
    assert not again.exception, again.exception
    levels = {i.unit for i in store.recent()}
    assert levels == {"paragraph", "sentence"}
    sentence_id = store.find(info.set_key, "sentence")
    assert again.session_state["ua_review"].id == sentence_id
    # and back: the paragraph review opens again, and stays open
    again.radio(key=f"ua_level_{sentence_id}").set_value("paragraph").run()
    again.run()
    assert again.session_state["ua_review"].id == info.id
    assert again.radio(key=f"ua_level_{info.id}").value == "paragraph"


def test_export_and_map_without_a_review():
    for page in ("pages/export.py", "pages/alignment_map.py"):
        at = AppTest.from_file(APP, default_timeout=30)
        at.switch_page(page).run()
        assert not at.exception
        assert "No review is open" in plain(at.info[0].value)


def test_recent_reviews_reopen_after_a_restart():
    from align.review.synthetic import make_alignment

    store = ReviewStore(storage.connect())
    rid = store.create("set-r", make_alignment())
    at = app()  # a new session, as after a server restart
    at.button(key=f"ua_open_{rid}").click().run()
    assert not at.exception, at.exception
    assert plain(at.title[0].value).startswith("Review ·")


def test_review_started_over_elsewhere():
    from align.review.synthetic import make_alignment

    store = ReviewStore(storage.connect())
    rid = store.create("set-s", make_alignment())
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["review"] = str(rid)
    at.switch_page("pages/review.py").run()
    store.create("set-s", make_alignment())  # "Start over" in another window
    at.run()
    assert not at.exception, at.exception
    assert "No review is open" in plain(at.info[0].value)


def test_upload_over_the_size_limit(monkeypatch):
    from align.review import ingest

    monkeypatch.setattr(ingest, "MAX_UPLOAD_BYTES", 1000)
    at = app()
    upload(at, [("big.txt", b"x" * 2000)])
    (err,) = at.error
    assert plain(err.value) == "big.txt: 2 KB is over the 1,000 bytes limit for one file"


def test_map_lists_weak_links_and_opens_them(monkeypatch):
    import numpy as np

    from align.review.synthetic import make_alignment

    class Fake:
        def encode(self, texts):
            v = np.array([[len(t) % 7 + 1.0, len(t) % 5 + 1.0] for t in texts])
            return v / np.linalg.norm(v, axis=1, keepdims=True)

    monkeypatch.setattr(state, "embedder", lambda: Fake())
    store = ReviewStore(storage.connect())
    rid = store.create("set-m", make_alignment(2))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["review"] = str(rid)
    at.switch_page("pages/alignment_map.py").run()
    assert not at.exception, at.exception
    assert [m.value for m in at.metric] == ["8 × 8", "8", "8"]
    assert plain(at.subheader[0].value) == "Where to look first"
    at.button(key="ua_map_open_en_6").click().run()
    assert not at.exception, at.exception
    assert at.session_state["ua_cursor"] == 6
    assert plain(at.title[0].value).startswith("Review ·")
