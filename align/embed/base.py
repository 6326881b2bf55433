"""The embedder interface every backend implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors.

    Attributes:
        model_id: a stable identifier of the model (used in signatures and cache keys).
        dim: the embedding dimension.
    """

    model_id: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts, any length (an empty list is allowed).

        Returns:
            float32 array of shape (len(texts), dim), rows L2-normalised.
        """
        ...


def normalise_rows(vecs: np.ndarray) -> np.ndarray:
    """L2-normalise the rows of ``vecs`` (n, d) as float32; zero rows stay zero."""
    vecs = np.asarray(vecs, dtype=np.float32)
    if vecs.ndim != 2:
        vecs = vecs.reshape(len(vecs), -1)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vecs / norms).astype(np.float32, copy=False)


def dedupe(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in first-seen order and, for each input, its index among them."""
    index: dict[str, int] = {}
    inverse = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        inverse[i] = index.setdefault(text, len(index))
    return list(index), inverse
