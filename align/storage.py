"""Where the tool keeps its state: one SQLite file (reviews, glossary, caches).

All database access goes through :func:`connect`, so that a shared server database
can replace the embedded default later without touching the callers.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from align.errors import StoreError

ENV_DB = "UN_ALIGN_DB"
ENV_HOME = "UN_ALIGN_HOME"


def data_dir() -> Path:
    """The user's data directory for the tool (``$UN_ALIGN_HOME`` overrides it)."""
    env = os.environ.get(ENV_HOME)
    if env:
        path = Path(env)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("un-align", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """``$UN_ALIGN_DB`` if set, else ``review.sqlite3`` in the data directory."""
    env = os.environ.get(ENV_DB)
    return Path(env) if env else data_dir() / "review.sqlite3"


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """Open (creating if needed) the tool's database with safe concurrent settings.

    WAL journaling lets two browser tabs read while one writes; ``busy_timeout`` makes
    a writer wait for the other instead of failing.
    """
    db = Path(path) if path else default_db_path()
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(db, timeout=10.0, check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA busy_timeout=10000")
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot open the review database {db}: {exc}") from exc
    return con
