"""Benchmark of the review app.

1. Seconds from the upload of the six-language sample to the aligned review view, in
   headless Chromium against a freshly started app (cold: new data directory, so no
   embedding cache), split into reading (upload -> file cards) and aligning (click ->
   rows shown).
2. Milliseconds per review operation on a 500-row, six-language document (the sample's
   rows repeated): the stored operation alone (``ReviewSession``: apply + SQLite write)
   and the whole page rerun a click causes (``AppTest``: callback, store, redraw).

Run from the repository root::

    python bench/bench_app.py [--rows 500] [--repeat 15] [--no-browser] [--out bench/results/app.md]
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

SAMPLE = ROOT / "corpora" / "unodc-strategy-2026"
FILES = {"zh": "pdf", "en": "docx", "fr": "txt", "es": "pdf", "ru": "docx", "ar": "docx"}


def fresh_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="bench-app-"))
    os.environ["UN_ALIGN_HOME"] = str(home)
    os.environ["UN_ALIGN_DB"] = str(home / "review.sqlite3")
    return home


def bench_browser() -> dict:
    """Upload -> cards -> aligned rows, timed in Chromium against a fresh app."""
    from browser_util import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app, wait_idle
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        return {}
    home = Path(tempfile.mkdtemp(prefix="bench-app-server-"))
    proc, url = start_app(home)
    paths = [str(SAMPLE / f"{SAMPLE.name}.{lang}.{ext}") for lang, ext in FILES.items()]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1100})
            page.goto(url)
            wait_idle(page)
            t0 = time.perf_counter()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(paths)
            page.locator('[class*="st-key-ua_card_"]').nth(5).get_by_text(
                "Numbered paragraphs").wait_for(timeout=120_000)
            t1 = time.perf_counter()
            page.locator(".st-key-ua_align button").click()
            page.locator(".ua-row").first.wait_for(timeout=300_000)
            t2 = time.perf_counter()
            wait_idle(page)
            t3 = time.perf_counter()
            browser.close()
    finally:
        stop_app(proc)
    return {"read": t1 - t0, "align": t2 - t1, "total_first_row": t2 - t0,
            "total_idle": t3 - t0}


def sample_alignment():
    from align.embed import get_embedder
    from align.review import ingest

    cards = [ingest.read_card((SAMPLE / f"{SAMPLE.name}.{lang}.{ext}").read_bytes(),
                              f"{SAMPLE.name}.{lang}.{ext}") for lang, ext in FILES.items()]
    return ingest.align_cards(cards, unit="paragraph", embedder=get_embedder())


def repeated(al, n_rows: int):
    """The alignment's rows repeated (units offset) until it has ``n_rows`` rows."""
    out = copy.deepcopy(al)
    out.rows = []
    out.units = {lang: [] for lang in al.langs}
    while len(out.rows) < n_rows:
        base = {lang: len(out.units[lang]) for lang in al.langs}
        for lang in al.langs:
            out.units[lang].extend(al.units[lang])
        for row in al.rows:
            cells = {lang: [i + base[lang] for i in idx] for lang, idx in row.cells.items()}
            out.rows.append(replace(copy.deepcopy(row), cells=cells))
            if len(out.rows) == n_rows:
                break
    return out


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f}"


def op_cases(al, i: int) -> list[tuple[str, dict]]:
    row = al.rows[i]
    langs = [lang for lang in al.langs if row.cells.get(lang)]
    return [
        ("confirm", {"op": "confirm", "row": i}),
        ("merge with next", {"op": "merge", "row": i}),
        ("split", {"op": "split", "row": i, "cuts": {lang: 1 for lang in langs}}),
        ("move a sentence down", {"op": "move", "row": i, "lang": "en", "direction": "down"}),
        ("mark untranslated", {"op": "untranslated", "row": i, "lang": "fr"}),
        ("edit text", {"op": "edit", "row": i, "lang": "en", "text": "Edited text."}),
    ]


def bench_store(al, repeat: int) -> dict[str, list[float]]:
    """apply + write per operation, and undo/redo, on a ``ReviewSession``."""
    from align import storage
    from align.review.session import ReviewSession
    from align.review.store import ReviewStore

    fresh_home()
    store = ReviewStore(storage.connect())
    rid = store.create("bench", al)
    sess = ReviewSession(store, rid)
    times: dict[str, list[float]] = {}
    n = len(al.rows)
    for k in range(repeat):
        i = 40 + (k * 37) % (n - 80)
        for name, op in op_cases(sess.al, i):
            if name == "split" and len(sess.al.rows[i].cells) < 2:
                continue
            t = time.perf_counter()
            try:
                sess.apply(op)
            except Exception:  # noqa: BLE001 - a row that does not allow the op
                continue
            times.setdefault(name, []).append(time.perf_counter() - t)
            t = time.perf_counter()
            sess.undo()
            times.setdefault("undo", []).append(time.perf_counter() - t)
            t = time.perf_counter()
            sess.redo()
            times.setdefault("redo", []).append(time.perf_counter() - t)
    return times


def bench_page(al, repeat: int) -> dict[str, list[float]]:
    """The full page rerun (AppTest) that a click on the review page causes."""
    from streamlit.testing.v1 import AppTest

    from align import storage
    from align.review.store import ReviewStore

    fresh_home()
    store = ReviewStore(storage.connect())
    rid = store.create("bench", al)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["review"] = str(rid)
    at.switch_page("pages/review.py")
    at.run()
    times: dict[str, list[float]] = {}

    def timed(name: str, action) -> None:
        t = time.perf_counter()
        action()
        if at.exception:
            raise RuntimeError(at.exception)
        times.setdefault(name, []).append(time.perf_counter() - t)

    def select(i: int) -> None:
        at.session_state["ua_cursor"] = i
        at.run()

    for k in range(repeat):
        i = 40 + (k * 37) % (len(al.rows) - 80)
        timed("select a row", lambda i=i: select(i))
        timed("confirm", lambda: at.button(key="ua_confirm").click().run())
        select(i)
        timed("merge with next", lambda: at.button(key="ua_merge").click().run())
        timed("undo", lambda: at.button(key="ua_undo").click().run())
        timed("redo", lambda: at.button(key="ua_redo").click().run())
        timed("next to review", lambda: at.button(key="ua_next").click().run())
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "app.md"))
    args = ap.parse_args()

    browser = {} if args.no_browser else bench_browser()
    fresh_home()
    t = time.perf_counter()
    al = sample_alignment()
    lib_align = time.perf_counter() - t
    big = repeated(al, args.rows)
    store_t = bench_store(big, args.repeat)
    page_t = bench_page(big, max(3, args.repeat // 3))

    lines = [
        "# Review app benchmark",
        "",
        f"Command: `python bench/bench_app.py --rows {args.rows} --repeat {args.repeat}`"
        + (" --no-browser" if args.no_browser else ""),
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU cores visible, Python "
        f"{platform.python_version()}; shared with other jobs while measured.",
        "",
        "## Upload of the six-language sample to the aligned view",
        "",
        f"Sample: `{SAMPLE.name}` ({', '.join(f'{k}.{v}' for k, v in FILES.items())}), "
        "paragraph level, fresh app and data directory (no embedding cache).",
        "",
    ]
    if browser:
        lines += [
            "| step (headless Chromium) | seconds |", "|---|---:|",
            f"| upload → six file cards (reading) | {browser['read']:.1f} |",
            f"| click Align → first row shown (model load + aligning) | {browser['align']:.1f} |",
            f"| **upload → aligned view** | **{browser['total_first_row']:.1f}** |",
            f"| upload → page idle (all rows drawn) | {browser['total_idle']:.1f} |", "",
        ]
    else:
        lines += ["(browser part skipped)", ""]
    lines += [
        f"Library only, same files, in this process (read + model load + "
        f"`align_documents`, fresh data directory): {lib_align:.1f} s for {len(al.rows)} rows.",
        "",
        f"## Review operations on a {len(big.rows)}-row, {len(big.langs)}-language document",
        "",
        "Median milliseconds. *Stored*: `ReviewSession.apply` (pure operation + diff + "
        "SQLite write, WAL) or `undo`/`redo`. *Page*: the whole Streamlit rerun a click "
        "causes on the review page (callback, store, redraw of 25 rows), via `AppTest`.",
        "",
        "| operation | stored (ms) | n | page rerun (ms) | n |", "|---|---:|---:|---:|---:|",
    ]
    names = list(dict.fromkeys(list(store_t) + list(page_t)))
    for name in names:
        s, p = store_t.get(name), page_t.get(name)
        lines.append(f"| {name} | {ms(s) if s else '—'} | {len(s) if s else 0} | "
                     f"{ms(p) if p else '—'} | {len(p) if p else 0} |")
    lines.append("")
    text = "\n".join(lines)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
