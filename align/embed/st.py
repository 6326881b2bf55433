"""Any local sentence-transformers model folder (LaBSE, multilingual-e5, ...), CPU or CUDA."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from align.embed.base import dedupe, normalise_rows
from align.errors import ModelError

INSTALL_HINT = "pip install 'un-align[st]'"
#: files whose bytes identify a model folder (hashed into the model id)
_ID_FILES = ("config.json", "modules.json", "config_sentence_transformers.json",
             "sentence_bert_config.json")
BATCH = 32


def folder_model_id(folder: Path) -> str:
    """A stable id for a model folder: ``st:<name>@<hash of its config files and weights size>``."""
    digest = hashlib.sha256()
    for name in _ID_FILES:
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"st:{folder.name}@{digest.hexdigest()[:12]}"


def pick_device(device: str | None) -> str:
    """``device`` if given, else ``cuda`` when torch sees a GPU, else ``cpu``."""
    if device:
        return device
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


def _quiet_transformers() -> None:
    """Library code does not print: turn off transformers' loading progress bars."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - comes with sentence-transformers
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder (never from the network).

    Args:
        folder: the model folder (holding ``modules.json`` or ``config.json``).
        device: ``cpu``, ``cuda``, ``cuda:1`` ...; default: CUDA when present.
    """

    def __init__(self, folder: str | os.PathLike, device: str | None = None) -> None:
        self.folder = Path(folder).expanduser().resolve()
        if not self.folder.is_dir():
            raise ModelError(f"model folder not found: {folder}")
        if not any((self.folder / n).is_file() for n in ("modules.json", "config.json")):
            raise ModelError(
                f"{folder} is not a sentence-transformers model folder (no modules.json or config.json)")
        self.model_id = folder_model_id(self.folder)
        self.device = device
        self._model = None
        self._dim: int | None = None

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelError(
                    f"sentence-transformers is not installed, needed for --model {self.folder}: "
                    f"{INSTALL_HINT}") from exc
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            _quiet_transformers()
            try:
                self._model = SentenceTransformer(str(self.folder), device=pick_device(self.device),
                                                  local_files_only=True)
            except Exception as exc:  # noqa: BLE001 - any loader failure is a model problem
                raise ModelError(f"cannot load the model in {self.folder}: {exc}") from exc
        return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            model = self._load()
            get = getattr(model, "get_sentence_embedding_dimension", None)
            self._dim = int(get()) if get and get() else int(self.encode(["a"]).shape[1])
        return self._dim

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts -> float32 (n, dim), rows L2-normalised."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        uniq, inverse = dedupe(texts)
        model = self._load()
        vecs = model.encode(uniq, batch_size=BATCH, convert_to_numpy=True,
                            normalize_embeddings=True, show_progress_bar=False)
        return normalise_rows(vecs)[inverse]
