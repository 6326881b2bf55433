"""The glossary page in headless Chromium: seed import, accept, reject, edit, TBX download.

Screenshots go to test-artifacts/glossary-*.png.
"""

from __future__ import annotations

import pytest
from browser_util import wait_idle

from align.storage import connect
from align.terms.pair import Context, TermPair
from align.terms.store import GlossaryStore
from align.terms.tbx import read_tbx

pytestmark = pytest.mark.browser


def suggestion(src: str, tgt: str, score: float) -> TermPair:
    return TermPair("zh", "en", src, tgt, src, tgt.casefold(), score, 2, 2, 2, 14.0, 0.9, 1.4,
                    contexts=[Context(f"{src}。", f"{tgt}.", "E/CN.7/2022/3/Add.1", "10")])


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)


def shot(page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"glossary-{name}.png"), full_page=True)


def test_glossary_page_accept_reject_edit_export(browser, app_url, app_home, artifacts_dir):
    store = GlossaryStore(connect(app_home / "review.sqlite3"))
    keep, drop = store.add_suggestions([suggestion("知识差距", "knowledge gaps", 0.9),
                                        suggestion("实例", "examples", 0.5)], by="test")
    page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    page.goto(f"{app_url}/glossary")
    wait_idle(page)
    assert page.get_by_role("heading", name="Glossary").count() == 1
    assert page.get_by_text("知识差距").count() >= 1
    shot(page, artifacts_dir, "01-suggestions")

    page.locator(".st-key-gl_user input").fill("reviser")
    page.locator(".st-key-gl_user input").press("Enter")
    wait_idle(page)
    click(page, "gl_seed")
    assert page.get_by_text("seed concepts added").count() == 1
    click(page, f"gl_acc_{keep}")
    click(page, f"gl_rej_{drop}")
    shot(page, artifacts_dir, "02-accepted")
    terms = {t.lang: t for t in store.get(keep).terms}
    assert {t.status for t in terms.values()} == {"accepted"}
    assert terms["en"].modified_by == "reviser"
    assert {t.status for t in store.get(drop).terms} == {"rejected"}

    # edit the English term of the accepted pair: choose it, change it, save
    page.locator(".st-key-gl_search input").fill("知识差距")
    page.locator(".st-key-gl_search input").press("Enter")
    wait_idle(page)
    page.get_by_text(f"✓ 知识差距").first.click()
    wait_idle(page)
    page.locator(f".st-key-gl_tid_{keep}").click()
    page.get_by_role("option", name="en: knowledge gaps").click()
    wait_idle(page)
    field = page.locator(f".st-key-gl_text_{keep}_{terms['en'].id} input")
    field.fill("gaps in knowledge")
    page.locator(f".st-key-gl_note_{keep}_{terms['en'].id} input").fill("UNODC usage")
    page.get_by_role("button", name="Save").first.click()
    wait_idle(page)
    en = next(t for t in store.get(keep).terms if t.lang == "en")
    assert (en.text, en.note) == ("gaps in knowledge", "UNODC usage")
    shot(page, artifacts_dir, "03-edited")

    with page.expect_download() as dl:
        page.locator(".st-key-gl_dl_tbx button").click()
    concepts = read_tbx(open(dl.value.path(), "rb").read())
    got = {c.id: c for c in concepts}
    assert keep in got and drop not in got
    assert {t.text for t in got[keep].terms} == {"知识差距", "gaps in knowledge"}
    assert "cnd" in got and len(got["cnd"].langs) == 6
    page.close()
