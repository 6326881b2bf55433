"""An on-disk embedding cache keyed by model id and text (one SQLite file per model)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import numpy as np

from align.embed.base import Embedder, dedupe
from align.errors import ModelError
from align.storage import connect, data_dir

#: characters allowed in a cache file name derived from a model id
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._@-]+")
#: SQLite limits the number of bound parameters; query keys in chunks of this size
_CHUNK = 500


def cache_dir() -> Path:
    """``<data_dir>/cache`` (``$UN_ALIGN_HOME`` respected)."""
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()[:20]


class CachedEmbedder:
    """Wraps an embedder: texts already embedded by the same model are read from disk.

    Args:
        inner: the embedder to wrap.
        path: the SQLite file (default ``cache_dir()/<model id>.sqlite3``).
    """

    def __init__(self, inner: Embedder, path: str | Path | None = None) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        name = _UNSAFE_NAME.sub("_", self.model_id) + ".sqlite3"
        self.path = Path(path) if path else cache_dir() / name
        self._con: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            con = connect(self.path)
            con.execute("CREATE TABLE IF NOT EXISTS emb (model TEXT NOT NULL, key BLOB NOT NULL, "
                        "vec BLOB NOT NULL, PRIMARY KEY (model, key))")
            self._con = con
        return self._con

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts -> float32 (n, dim), rows L2-normalised; only unseen texts reach the model."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        uniq, inverse = dedupe(texts)
        keys = [_key(t) for t in uniq]
        found: dict[bytes, np.ndarray] = {}
        try:
            con = self._db()
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = con.execute(f"SELECT key, vec FROM emb WHERE model=? AND key IN ({marks})",
                                   [self.model_id, *chunk])
                for key, blob in rows:
                    found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as exc:
            raise ModelError(f"the embedding cache {self.path} cannot be read: {exc}") from exc
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(uniq) - len(missing)
        self.misses += len(missing)
        if missing:
            new = self.inner.encode([uniq[i] for i in missing])
            try:
                with con:
                    con.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
                                    [(self.model_id, keys[i], new[r].astype(np.float32).tobytes())
                                     for r, i in enumerate(missing)])
            except sqlite3.Error as exc:
                raise ModelError(f"the embedding cache {self.path} cannot be written: {exc}") from exc
            for r, i in enumerate(missing):
                found[keys[i]] = new[r]
        out = np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
        return out[inverse]

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
