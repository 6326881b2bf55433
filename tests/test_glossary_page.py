"""AppTest of the glossary page: seed import, accept/edit/reject, filters, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from align.terms.pair import Context, TermPair
from align.terms.store import GlossaryStore
from align.terms.tabular import read_csv
from align.terms.tbx import read_tbx

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "glossary.py")


def suggestion(src: str, tgt: str, lang: str = "en", score: float = 0.9) -> TermPair:
    return TermPair("zh", lang, src, tgt, src, tgt.casefold(), score, 3, 3, 4, 13.7, 0.88, 1.3,
                    contexts=[Context(f"……{src}……", f"... {tgt} ...", "E/CN.7/2022/3/Add.1", "4")])


@pytest.fixture()
def store() -> GlossaryStore:
    return GlossaryStore.open()


def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_empty_glossary_then_seed_import(store):
    at = page()
    assert at.title[0].value == "Glossary"
    assert "0 in the glossary" in at.caption[-1].value or any(
        "0 in the glossary" in c.value for c in at.caption)
    at.button(key="gl_seed").click().run()
    assert not at.exception, at.exception
    assert any("seed concepts added" in s.value for s in at.success)
    assert store.count() >= 60
    # importing twice adds nothing
    at.button(key="gl_seed").click().run()
    assert any("0 seed concepts added" in s.value for s in at.success)


def test_accept_and_reject_a_suggestion(store):
    ids = store.add_suggestions([suggestion("合并预算", "consolidated budget"),
                                 suggestion("实例", "examples", score=0.5)])
    at = page()
    at.text_input(key="gl_user").input("terminologist").run()
    at.button(key=f"gl_acc_{ids[0]}").click().run()
    at.button(key=f"gl_rej_{ids[1]}").click().run()
    assert not at.exception, at.exception
    accepted, rejected = store.get(ids[0]), store.get(ids[1])
    assert {t.status for t in accepted.terms} == {"accepted"}
    assert {t.status for t in rejected.terms} == {"rejected"}
    assert {t.modified_by for t in accepted.terms} == {"terminologist"}
    # the status filter shows only the rejected one
    at.selectbox(key="gl_status").set_value("rejected").run()
    labels = [e.label for e in at.expander]
    assert len(labels) == 1 and "实例" in labels[0]


def test_edit_a_term_in_the_form(store):
    cid = store.add_suggestions([suggestion("会员国", "Member State")])[0]
    term = next(t for t in store.get(cid).terms if t.lang == "en")
    at = page()
    at.selectbox(key=f"gl_tid_{cid}").set_value(term.id).run()
    at.text_input(key=f"gl_text_{cid}_{term.id}").input("Member States")
    at.selectbox(key=f"gl_tstat_{cid}_{term.id}").set_value("accepted")
    at.text_input(key=f"gl_note_{cid}_{term.id}").input("always plural, capital M and S")
    at.text_area(key=f"gl_def_{cid}").input("States members of the United Nations")
    at.button[[b.label for b in at.button].index("Save")].click().run()
    assert not at.exception, at.exception
    c = store.get(cid)
    en = next(t for t in c.terms if t.lang == "en")
    assert (en.text, en.status, en.note) == ("Member States", "accepted",
                                             "always plural, capital M and S")
    assert en.source == "E/CN.7/2022/3/Add.1" and en.paragraph == "4"
    assert c.definition == "States members of the United Nations"


def test_search_and_language_filter(store):
    store.add_suggestions([suggestion("合并预算", "budget consolidé", "fr"),
                           suggestion("洗钱", "money-laundering")])
    at = page()
    at.text_input(key="gl_search").input("laundering").run()
    assert [e.label for e in at.expander] and all("洗钱" in e.label for e in at.expander)
    at.text_input(key="gl_search").input("").run()
    at.selectbox(key="gl_lang").set_value("fr").run()
    assert len(at.expander) == 1 and "budget consolidé" in at.expander[0].label


def test_export_buttons_carry_the_accepted_glossary(store):
    ids = store.add_suggestions([suggestion("合并预算", "consolidated budget"),
                                 suggestion("实例", "examples")])
    store.set_status(ids[0], "accepted", by="t")
    at = page()
    keys = [b.key for b in at.get("download_button")]
    assert {"gl_dl_tbx", "gl_dl_tbx3", "gl_dl_tmx", "gl_dl_csv", "gl_dl_xlsx"} <= set(keys)
    # the page exports what glossary_bytes makes of the accepted entries: check the data
    from align.terms.export import glossary_bytes

    accepted = store.entries(status="accepted")
    assert [c.id for c in accepted] == [ids[0]]
    back = read_tbx(glossary_bytes(accepted, "tbx"))
    assert {t.text for t in back[0].terms} == {"合并预算", "consolidated budget"}
    assert {c.id for c in read_csv(glossary_bytes(accepted, "csv"))} == {ids[0]}
