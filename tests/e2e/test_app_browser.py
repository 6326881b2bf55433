"""End to end in headless Chromium: upload six language versions, review, export, reload.

Screenshots of every step go to test-artifacts/ (the artifacts_dir fixture).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import expect

from browser_util import start_app, stop_app, wait_idle

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "corpora" / "unodc-strategy-2026"
#: one format per language, as a translator's folder would hold them
FILES = {"zh": "pdf", "en": "docx", "fr": "txt", "es": "pdf", "ru": "docx", "ar": "docx"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def sample_paths():
    paths = [DOC / f"{DOC.name}.{lang}.{ext}" for lang, ext in FILES.items()]
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"corpora files missing: {', '.join(missing)}")
    return [str(p) for p in paths]


def shot(page, artifacts_dir, name: str) -> None:
    page.screenshot(path=str(artifacts_dir / f"app-{name}.png"), full_page=True)


def rows(page):
    return page.locator(".ua-row")


def click(page, key: str) -> None:
    page.locator(f".st-key-{key} button").first.click()
    wait_idle(page)


def test_upload_review_export_reload(browser, app_url, sample_paths, artifacts_dir, tmp_path):
    page = browser.new_page(viewport={"width": 1600, "height": 1100}, accept_downloads=True)
    page.goto(app_url)
    wait_idle(page)
    shot(page, artifacts_dir, "01-start")

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(sample_paths)
    page.get_by_text("Numbered paragraphs").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.get_by_text("E/CN.7/2026/5").count() >= 6
    assert page.locator('[data-testid="stAlert"]').filter(has_text="error").count() == 0
    shot(page, artifacts_dir, "02-cards")

    click(page, "ua_align")
    page.get_by_text("Review · E/CN.7/2026/5").wait_for(timeout=120_000)
    wait_idle(page)
    n_rows = int(page.locator('[data-testid="stMetricValue"]').first.inner_text())
    assert n_rows >= 40
    first = rows(page).first
    assert "二" in first.inner_text() or first.inner_text()  # Chinese pivot shown
    assert page.locator('.ua-cell[lang="ar"][dir="rtl"]').count() > 0
    shot(page, artifacts_dir, "03-aligned")

    # confirm the first row
    click(page, "ua_sel_0")
    click(page, "ua_confirm")
    assert "confirmed" in rows(page).nth(0).inner_text()
    shot(page, artifacts_dir, "04-confirmed")

    # merge rows 3 and 4
    third = rows(page).nth(2).locator('.ua-cell[lang="en"]').inner_text()
    fourth = rows(page).nth(3).locator('.ua-cell[lang="en"]').inner_text()
    click(page, "ua_sel_2")
    click(page, "ua_merge")
    assert int(page.locator('[data-testid="stMetricValue"]').first.inner_text()) == n_rows - 1
    merged = rows(page).nth(2).locator('.ua-cell[lang="en"]').inner_text()
    assert third in merged and fourth in merged
    assert "edited" in rows(page).nth(2).inner_text()
    shot(page, artifacts_dir, "05-merged")

    # export the zh-en TMX
    page.get_by_role("link", name="Export").click()
    wait_idle(page)
    page.get_by_text("Translation memories").wait_for()
    shot(page, artifacts_dir, "06-export")
    with page.expect_download() as info:
        page.get_by_role("button", name="zh–en TMX").click()
    path = tmp_path / "zh-en.tmx"
    info.value.save_as(str(path))
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    header = tree.find("header")
    assert header.get("srclang") == "zh-CN" and header.get("segtype") == "paragraph"
    tus = tree.findall("body/tu")
    assert len(tus) >= n_rows - 5
    segs = [{tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.findall("tuv")} for tu in tus]
    assert all(set(s) == {"zh-CN", "en"} for s in segs)
    assert any(third in s["en"] and fourth in s["en"] for s in segs)  # the merged unit

    # reload the review page: the review is intact
    page.get_by_role("link", name="Review").click()
    wait_idle(page)
    page.reload()
    wait_idle(page)
    page.get_by_text("Review · E/CN.7/2026/5").wait_for(timeout=60_000)
    assert int(page.locator('[data-testid="stMetricValue"]').first.inner_text()) == n_rows - 1
    assert "confirmed" in rows(page).nth(0).inner_text()
    assert third in rows(page).nth(2).locator('.ua-cell[lang="en"]').inner_text()
    shot(page, artifacts_dir, "07-reloaded")

    # the alignment map: a click in the middle of the zh-en heat map opens those rows
    page.get_by_role("link", name="Alignment map").click()
    wait_idle(page)
    canvas = page.locator('[data-testid="stVegaLiteChart"] canvas').first
    canvas.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    shot(page, artifacts_dir, "08-map")
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
    page.get_by_text("Review · E/CN.7/2026/5").wait_for(timeout=60_000)
    wait_idle(page)
    selected = int(page.locator('.ua-row.ua-sel .ua-num').inner_text().lstrip("#"))
    assert n_rows * 0.25 < selected < n_rows * 0.75
    page.wait_for_timeout(800)  # the selected row is scrolled into view
    box = page.locator(".ua-row.ua-sel").bounding_box()
    assert 0 <= box["y"] < 1100
    shot(page, artifacts_dir, "09-jumped-from-map")
    page.close()


def test_bad_files_get_a_message_and_the_rest_stays_usable(browser, app_url, sample_paths,
                                                           artifacts_dir, tmp_path):
    bad_pdf = tmp_path / "damaged.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer")
    german = tmp_path / "bericht.txt"
    german.write_text("Die Kommission hat den Bericht des Exekutivdirektors geprüft und die "
                      "Entschließung angenommen. Der Haushalt wurde von den Mitgliedstaaten "
                      "genehmigt, und die Arbeitsgruppe hat dreimal getagt.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    page.goto(app_url)
    wait_idle(page)
    files = [sample_paths[0], sample_paths[1], str(bad_pdf), str(german), str(empty)]
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    page.get_by_text("Numbered paragraphs").first.wait_for(timeout=60_000)
    wait_idle(page)
    shot(page, artifacts_dir, "10-bad-files")
    cards = page.locator('[class*="st-key-ua_card_"]')
    assert cards.count() == 5
    for name in ("damaged.pdf", "bericht.txt", "empty.txt"):
        card = cards.filter(has_text=name)
        alert = card.locator('[data-testid="stAlert"]')
        assert alert.count() == 1, name
        assert name in alert.inner_text()
    assert "Align 2 documents" in page.locator(".st-key-ua_align button").inner_text()
    assert page.locator(".st-key-ua_align button").is_enabled()
    page.close()


def test_align_app_sample_opens_the_bundled_sample(browser, sample_paths, artifacts_dir,
                                                   app_home):
    """The README's main job: `align app --sample` shows an aligned sample at once.

    A second server on the same data directory (as after a restart): the embedding cache
    the first test filled makes it quick."""
    proc, url = start_app(app_home, sample=True)
    try:
        page = browser.new_page(viewport={"width": 1600, "height": 1100})
        page.goto(url)
        page.get_by_text("Review · E/CN.7/2026/5").wait_for(timeout=150_000)
        wait_idle(page)
        expect(rows(page)).to_have_count(25, timeout=30_000)
        assert "English" in page.locator(".ua-head").inner_text()
        shot(page, artifacts_dir, "11-sample")
        page.close()
    finally:
        stop_app(proc)


def test_two_tabs_on_one_review(browser, app_url, app_home, artifacts_dir):
    """Two tabs: the second one's stale action is refused with a message, nothing is lost."""
    from align import storage
    from align.review.store import ReviewStore
    from align.review.synthetic import make_alignment

    store = ReviewStore(storage.connect(app_home / "review.sqlite3"))
    rid = store.create("two-tabs", make_alignment(2, langs=("zh", "en", "fr", "es", "ru", "ar")))
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    tab1, tab2 = context.new_page(), context.new_page()
    for tab in (tab1, tab2):
        tab.goto(f"{app_url}/review?review={rid}")
        tab.get_by_text("Review · ").wait_for(timeout=60_000)
        wait_idle(tab)
    click(tab1, "ua_merge")  # tab 1 merges rows 1 and 2
    expect(rows(tab1)).to_have_count(7, timeout=30_000)
    click(tab2, "ua_confirm")  # tab 2 still shows row 1 as it was
    tab2.get_by_text("changed in another window").wait_for(timeout=10_000)
    expect(rows(tab2)).to_have_count(7, timeout=30_000)  # it reloaded the review
    shot(tab2, artifacts_dir, "12-second-tab")
    al, version = store.load(rid)
    assert len(al.rows) == 7 and al.rows[0].status == "edited" and version == 2
    click(tab2, "ua_confirm")  # now on the fresh state
    tab2.wait_for_function("() => true")  # let the page settle
    for _ in range(60):  # the write lands when the script run ends; allow for a slow machine
        if store.load(rid)[0].rows[0].status == "confirmed":
            break
        tab2.wait_for_timeout(500)
    assert store.load(rid)[0].rows[0].status == "confirmed"
    context.close()
