"""Sentence embedders: the default usem3 model, local sentence-transformers folders, a disk cache.

Use :func:`get_embedder`; pass the result to the aligners (never a global).
"""

from __future__ import annotations

from pathlib import Path

from align.embed.base import Embedder, normalise_rows
from align.embed.cache import CachedEmbedder
from align.embed.st import SentenceTransformerEmbedder
from align.embed.use import USEM3_ID, USEEmbedder
from align.errors import ModelError

__all__ = ["Embedder", "get_embedder", "normalise_rows", "CachedEmbedder",
           "USEEmbedder", "SentenceTransformerEmbedder", "DEFAULT_MODEL"]

DEFAULT_MODEL = USEM3_ID


def get_embedder(model: str | None = None, *, device: str | None = None,
                 cache: bool = True) -> Embedder:
    """The embedder for ``model``, created lazily (nothing is loaded until the first encode).

    Args:
        model: None or ``"usem3"`` for the default model; otherwise the path of a local
            sentence-transformers model folder.
        device: ``cpu`` or ``cuda`` for sentence-transformers (default: CUDA when present).
        cache: wrap it in the on-disk cache keyed by model id and text.

    Raises:
        ModelError: the model name is neither ``usem3`` nor an existing folder.
    """
    if model is None or model == USEM3_ID:
        inner: Embedder = USEEmbedder()
    elif Path(model).expanduser().is_dir():
        inner = SentenceTransformerEmbedder(model, device=device)
    else:
        raise ModelError(f"unknown model {model!r}: give 'usem3' or the folder of a "
                         "sentence-transformers model")
    return CachedEmbedder(inner) if cache else inner
