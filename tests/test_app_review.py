"""AppTest: every review operation through the review page, checked in the page state
and in the database (hand-made alignment, no model)."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from align import storage
from align.review.store import ReviewStore
from align.review.synthetic import make_alignment

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def plain(text: str) -> str:
    """A Markdown-escaped message as the user reads it."""
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture
def review():
    store = ReviewStore(storage.connect())
    store.save_set("set-1", "E/CN.7/2026/5", [])
    return store, store.create("set-1", make_alignment(2))


def open_review(rid: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["review"] = str(rid)
    at.switch_page("pages/review.py")
    at.run()
    assert not at.exception, at.exception
    return at


def stored(store, rid):
    return store.load(rid)[0]


def rows_html(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith('<div class="ua-row')]


def test_review_page_shows_rows_status_and_mismatch(review):
    store, rid = review
    al = stored(store, rid)
    al.units["en"][2].text = "The budget is US$ 14.2 million."
    at = open_review(rid)
    html = rows_html(at)
    assert len(html) == 8
    assert "委员会审议了报告" in html[0] and "The Commission considered" in html[0]
    assert "ua-sel" in html[0] and "flagged" in html[2] and "automatic" in html[0]
    assert plain(at.title[0].value) == "Review · E/CN.7/2026/5"
    assert [m.value for m in at.metric][:4] == ["8", "0", "0", "2"]


def test_mismatch_is_shown(review):
    store, rid = review
    s = ReviewStore(storage.connect())
    from align.review.session import ReviewSession

    ReviewSession(s, rid).apply({"op": "edit", "row": 1, "lang": "fr", "text": "Le budget 2023."})
    at = open_review(rid)
    assert "≠ only in fr: 2,023" in rows_html(at)[1]


def test_confirm_advances_and_is_stored(review):
    store, rid = review
    at = open_review(rid)
    at.button(key="ua_confirm").click().run()
    assert stored(store, rid).rows[0].status == "confirmed"
    assert at.session_state["ua_cursor"] == 1
    assert "confirmed" in rows_html(at)[0]
    at.button(key="ua_sel_0").click().run()
    at.button(key="ua_unconfirm").click().run()
    assert stored(store, rid).rows[0].status == "auto"


def test_merge_undo_redo(review):
    store, rid = review
    at = open_review(rid)
    at.button(key="ua_sel_1").click().run()
    at.button(key="ua_merge").click().run()
    al = stored(store, rid)
    assert len(al.rows) == 7
    assert al.text(al.rows[1], "en") == "The Secretariat prepared the note. The budget is US$ 12.4 million."
    assert len(rows_html(at)) == 7
    at.button(key="ua_undo").click().run()
    assert len(stored(store, rid).rows) == 8
    assert any("Undone: merge" in plain(i.value) for i in at.info)
    at.button(key="ua_redo").click().run()
    assert len(stored(store, rid).rows) == 7


def test_split_with_chosen_cuts(review):
    store, rid = review
    at = open_review(rid)
    version = store.version(rid)
    at.selectbox(key=f"ua_cut_0_zh_{version}").set_value(1)
    at.selectbox(key=f"ua_cut_0_en_{version}").set_value(1)
    at.selectbox(key=f"ua_cut_0_fr_{version}").set_value(2)
    at.button(key="ua_split").click().run()
    al = stored(store, rid)
    assert len(al.rows) == 9
    assert al.text(al.rows[0], "zh") == "委员会审议了报告。"
    assert al.text(al.rows[1], "en") == "The meeting adopted the resolution."
    assert "fr" not in al.rows[1].cells
    assert [r.status for r in al.rows[:2]] == ["edited", "edited"]


@pytest.mark.parametrize("row, button, lang, en_texts", [
    (0, "ua_move_down", "en", ["The Commission considered the report.",
                               "The meeting adopted the resolution. The Secretariat prepared the note."]),
    (1, "ua_move_up", "en", ["The Commission considered the report. The meeting adopted the "
                             "resolution. The Secretariat prepared the note.", ""]),
])
def test_move_a_sentence(review, row, button, lang, en_texts):
    store, rid = review
    at = open_review(rid)
    at.button(key=f"ua_sel_{row}").click().run()
    at.selectbox(key=f"ua_mlang_{row}").set_value(lang)
    at.button(key=button).click().run()
    al = stored(store, rid)
    assert [al.text(r, "en") for r in al.rows[:2]] == en_texts


def test_mark_untranslated(review):
    store, rid = review
    at = open_review(rid)
    at.button(key="ua_sel_2").click().run()
    at.selectbox(key="ua_ulang_2").set_value("fr")
    at.button(key="ua_unlink").click().run()
    al = stored(store, rid)
    assert len(al.rows) == 9
    assert set(al.rows[2].cells) == {"zh", "en"} and set(al.rows[3].cells) == {"fr"}


def test_edit_text(review):
    store, rid = review
    at = open_review(rid)
    at.button(key="ua_sel_3").click().run()
    at.selectbox(key="ua_elang_3").set_value("en").run()
    version = store.version(rid)
    at.text_area(key=f"ua_text_3_en_{version}").input("The working group met three times.")
    at.button(key="ua_save").click().run()
    al = stored(store, rid)
    assert al.text(al.rows[3], "en") == "The working group met three times."
    assert al.rows[3].status == "edited"


def test_bad_operation_shows_a_message_and_changes_nothing(review):
    store, rid = review
    at = open_review(rid)
    version = store.version(rid)
    for lang in ("zh", "en", "fr"):
        at.selectbox(key=f"ua_cut_0_{lang}_{version}").set_value(0)
    at.button(key="ua_split").click().run()
    assert any("both halves" in plain(e.value) for e in at.error)
    assert store.version(rid) == version


def test_filter_and_next(review):
    store, rid = review
    at = open_review(rid)
    at.radio(key="ua_filter").set_value("flagged").run()
    html = rows_html(at)
    assert len(html) == 3  # the two flagged rows and the selected one
    at.button(key="ua_next").click().run()
    assert at.session_state["ua_cursor"] == 2
    at.button(key="ua_next").click().run()
    assert at.session_state["ua_cursor"] == 6  # the next flagged row
    at.radio(key="ua_filter").set_value("all").run()
    at.button(key="ua_next").click().run()
    assert at.session_state["ua_cursor"] == 7  # next to review (auto or flagged)


def test_second_tab_sees_the_first_tabs_change(review):
    store, rid = review
    tab1, tab2 = open_review(rid), open_review(rid)
    tab1.button(key="ua_merge").click().run()
    # tab2 still shows 8 rows; its confirm of row 1 targets a row that changed
    tab2.button(key="ua_confirm").click().run()
    assert any("another window" in plain(e.value) for e in tab2.error)
    al = stored(store, rid)
    assert len(al.rows) == 7 and al.rows[0].status == "edited"
    assert len(rows_html(tab2)) == 7  # reloaded


def test_reopening_finds_the_review(review):
    store, rid = review
    at = open_review(rid)
    at.button(key="ua_confirm").click().run()
    again = open_review(rid)  # a new session: a reload of the page
    assert "confirmed" in rows_html(again)[0]


def test_no_review_open():
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page("pages/review.py")
    at.run()
    assert not at.exception
    assert "No review is open" in plain(at.info[0].value)


def test_glossary_terms_are_highlighted(review):
    pytest.importorskip("align.terms.highlight")
    store, rid = review
    at = open_review(rid)
    assert '<mark class="ua-term"' in rows_html(at)[0]
    at.toggle(key="ua_terms").set_value(False).run()
    assert "<mark" not in rows_html(at)[0]


def test_realign_rows_below_keeps_confirmed_rows(monkeypatch, embedder):
    import copy

    from align.ui import state

    monkeypatch.setattr(state, "embedder", lambda: embedder)
    good = make_alignment(2)
    bad = copy.deepcopy(good)
    for r, row in enumerate(bad.rows):  # en one row too high from row 1 on
        row.cells["en"] = [0, 1] if r == 0 else ([r + 1] if r + 1 < len(bad.rows) else [])
    store = ReviewStore(storage.connect())
    rid = store.create("set-2", bad)
    at = open_review(rid)
    # fix row 1 by hand: move its last en sentence down, confirm it, realign below
    at.selectbox(key="ua_mlang_0").set_value("en")
    at.button(key="ua_move_down").click().run()
    at.button(key="ua_sel_0").click().run()
    at.button(key="ua_confirm").click().run()
    at.button(key="ua_sel_0").click().run()
    at.button(key="ua_realign").click().run()
    assert not at.exception, at.exception
    assert any("realigned" in plain(s.value) for s in at.success)
    al = stored(store, rid)
    assert al.rows[0].status == "confirmed"
    assert [al.text(r, "en") for r in al.rows] == [good.text(r, "en") for r in good.rows]
    assert [h["op"]["op"] for h in store.history(rid)][-1] == "realign"
    at.button(key="ua_undo").click().run()  # a realignment is one step to undo
    assert stored(store, rid).text(stored(store, rid).rows[2], "en") == good.text(good.rows[3], "en")


def test_bulk_confirm_is_one_undoable_step(review):
    store, rid = review
    at = open_review(rid)
    at.slider(key="ua_bulk_floor").set_value(0.5).run()
    assert at.button(key="ua_bulk").label == "Confirm 6 rows"
    at.button(key="ua_bulk").click().run()
    al = stored(store, rid)
    assert [r.status for r in al.rows].count("confirmed") == 6
    assert [r.status for r in al.rows].count("flagged") == 2
    at.button(key="ua_undo").click().run()
    assert [r.status for r in stored(store, rid).rows].count("confirmed") == 0
