"""Browser tests: the app started on a free localhost port with its own database,
driven by Debian's chromium through Playwright (never ``playwright install``).

Fixtures: ``browser`` (skips when /usr/bin/chromium or playwright is absent),
``app_home`` and ``app_url`` (one app server per test module).
"""

from __future__ import annotations

import pytest
from browser_util import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium (/usr/bin/chromium) is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_home(tmp_path_factory):
    return tmp_path_factory.mktemp("app-home")


@pytest.fixture(scope="module")
def app_url(app_home):
    proc, url = start_app(app_home)
    yield url
    stop_app(proc)
