"""The DP, bands, anchors chain, refinement and unit realignment, with a fake embedder.

The fake embedder hashes each token into a vector and sums them (a bag of words), so a
"translation" made of the same tokens has cosine 1 and a concatenation embeds exactly
as the sum of its parts: the tests check the search logic, not a model.
"""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest

from align.aligners import align_sentence_lists, align_units
from align.aligners.band import anchor_band, coarse_band, monotone_chain
from align.aligners.core import align_features, order_beads
from align.aligners.dp import Band, Params, run_dp
from align.aligners.features import build_features, numbers_in
from align.alignment import FLAG_NOT_ONE_TO_ONE, FLAG_UNALIGNED, Bead, Unit
from align.errors import AlignmentInputError

DIM = 256


class BagEmbedder:
    """Deterministic bag-of-tokens embedder; counts the texts it embeds."""

    model_id = "fake-bag"
    dim = DIM

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for tok in text.lower().split():
                h = zlib.crc32(tok.encode())
                out[i, h % DIM] += 1.0 if (h >> 16) % 2 else -1.0
            norm = np.linalg.norm(out[i])
            out[i] = out[i] / norm if norm else out[i]
        return out


VOCAB = [f"w{i}" for i in range(4000)]


def sentences(n: int, seed: int = 0, words: int = 8) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.sample(VOCAB, words)) for _ in range(n)]


def beads_of(pa) -> list[tuple[list[int], list[int]]]:
    return [(b.src, b.tgt) for b in pa.beads]


def test_identical_lists_align_one_to_one():
    src = sentences(40)
    pa = align_sentence_lists(src, list(src), src_lang="en", tgt_lang="fr",
                              embedder=BagEmbedder())
    assert beads_of(pa) == [([i], [i]) for i in range(40)]
    assert all(b.confidence > 0.9 and not b.flags for b in pa.beads)
    assert pa.signature["model"] == "fake-bag" and "timing" in pa.signature


def _merge(items: list[str], a: int, b: int) -> list[str]:
    return items[:a] + [" ".join(items[a:b])] + items[b:]


@pytest.mark.parametrize("case, make, expected_special", [
    ("1-0", lambda s: (s, s[:5] + s[6:]), ([5], [])),
    ("0-1", lambda s: (s[:5] + s[6:], s), ([], [5])),
    ("1-2", lambda s: (_merge(s, 5, 7), s), ([5], [5, 6])),
    ("2-1", lambda s: (s, _merge(s, 5, 7)), ([5, 6], [5])),
    ("1-3", lambda s: (_merge(s, 5, 8), s), ([5], [5, 6, 7])),
    ("3-1", lambda s: (s, _merge(s, 5, 8)), ([5, 6, 7], [5])),
])
def test_special_beads(case, make, expected_special):
    src, tgt = make(sentences(12, seed=3))
    pa = align_sentence_lists(src, tgt, src_lang="zh", tgt_lang="en", embedder=BagEmbedder())
    beads = beads_of(pa)
    assert expected_special in beads, (case, beads)
    special = next(b for b in pa.beads if (b.src, b.tgt) == expected_special)
    assert FLAG_NOT_ONE_TO_ONE in special.flags
    if not special.src or not special.tgt:
        assert FLAG_UNALIGNED in special.flags
    assert sum(len(s) for s, _ in beads) == len(src)
    assert sum(len(t) for _, t in beads) == len(tgt)
    others = [b for b in beads if b != expected_special]
    assert all(len(s) == 1 and len(t) == 1 for s, t in others), (case, beads)


def test_fragment_is_absorbed_by_the_second_pass():
    """A sentence cut in two on one side ends up in one bead, not as a deletion."""
    base = sentences(10, seed=5, words=12)
    long = base[4]
    words = long.split()
    src = base[:4] + [" ".join(words[:10]), " ".join(words[10:])] + base[5:]
    pa = align_sentence_lists(src, base, src_lang="en", tgt_lang="fr", embedder=BagEmbedder())
    assert ([4, 5], [4]) in beads_of(pa)


def test_numbers_decide_between_twins():
    """Two sentences the model cannot tell apart but for a year: the number decides."""
    src = ["the session of 2022 was held", "the session of 2023 was held"]
    tgt = ["the session of 2023 was held"]
    strip = lambda texts: [t.replace("2022", "").replace("2023", "") for t in texts]  # noqa: E731
    e = BagEmbedder()
    fs = build_features(src, e.encode(strip(src)))
    ft = build_features(tgt, e.encode(strip(tgt)))
    beads = run_dp(fs, ft)
    assert [(b.src, b.tgt) for b in beads] == [([0], []), ([1], [0])]
    assert beads[1].numbers == "agree"


def test_empty_sides():
    e = BagEmbedder()
    pa = align_sentence_lists(["a b"], [], src_lang="en", tgt_lang="fr", embedder=e)
    assert beads_of(pa) == [([0], [])]
    pa = align_sentence_lists([], ["a b", "c d"], src_lang="en", tgt_lang="fr", embedder=e)
    assert beads_of(pa) == [([], [0]), ([], [1])]
    with pytest.raises(AlignmentInputError):
        align_sentence_lists([], [], src_lang="en", tgt_lang="fr", embedder=e)


def test_coarse_to_fine_matches_the_exhaustive_search():
    rng = random.Random(11)
    base = sentences(700, seed=11)
    src = list(base)
    tgt = [s for i, s in enumerate(base) if i % 97 != 5]          # deletions
    for k in range(50, 600, 120):                                   # merges
        tgt = _merge(tgt, k, k + 2)
    rng.shuffle([])  # keep the generator in the signature of the test data
    e = BagEmbedder()
    fs, ft = build_features(src, e.encode(src)), build_features(tgt, e.encode(tgt))
    params = Params()
    small = coarse_band(fs, ft, params, run_dp, max_cells=20_000)
    assert small.cells() < 0.2 * (len(src) + 1) * (len(tgt) + 1)
    fine = run_dp(fs, ft, params=params, band=small)
    full = run_dp(fs, ft, params=params, band=Band.full(len(src), len(tgt)))
    assert [(b.src, b.tgt) for b in fine] == [(b.src, b.tgt) for b in full]


def test_band_grows_linearly():
    e = BagEmbedder()
    cells = []
    for n in (1500, 3000):
        s = sentences(n, seed=n, words=4)
        fs = build_features(s, e.encode(s))
        band = coarse_band(fs, fs, Params(), run_dp, max_cells=50_000)
        cells.append(band.cells())
    assert cells[1] < 2.6 * cells[0]


def test_monotone_chain_and_anchor_band():
    chain = monotone_chain([(0, 0, 1.0), (1, 3, 1.0), (2, 1, 1.0), (3, 2, 1.0), (4, 4, 1.0)])
    assert chain == [(0, 0), (2, 1), (3, 2), (4, 4)]
    band = anchor_band(5, 5, [(2, 1)])
    assert band.hi[2] == 1 and band.lo[3] == 2


def _brute_chain_weight(cands):
    import itertools

    best = 0.0
    for r in range(1, len(cands) + 1):
        for comb in itertools.combinations(sorted(cands), r):
            if all(a[0] < b[0] and a[1] < b[1] for a, b in zip(comb, comb[1:])):
                best = max(best, sum(c[2] for c in comb))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_monotone_chain_is_the_heaviest(seed):
    rng = random.Random(seed)
    cands = list({(rng.randrange(6), rng.randrange(6)): rng.random() + 0.1
                  for _ in range(rng.randint(1, 8))}.items())
    cands = [(i, j, w) for (i, j), w in cands]
    chain = monotone_chain(cands)
    weight = dict(((i, j), w) for i, j, w in cands)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:]))
    assert sum(weight[p] for p in chain) == pytest.approx(_brute_chain_weight(cands))


def test_many_repeated_labels_stay_fast():
    """Hundreds of (a) sub-items without parents: no quadratic blow-up of anchors."""
    import time

    from align.aligners.paragraph import find_anchors

    keys = ["s:None/a", "s:None/b"] * 400 + ["p:7"]
    t0 = time.perf_counter()
    anchors = find_anchors(keys, keys, np.zeros((len(keys), len(keys))))
    assert anchors == [(800, 800)] and time.perf_counter() - t0 < 5


def test_anchor_band_forces_the_pair():
    src = sentences(6, seed=9)
    tgt = [src[0], src[1], src[3], src[2], src[4], src[5]]    # two swapped
    e = BagEmbedder()
    fs, ft = build_features(src, e.encode(src)), build_features(tgt, e.encode(tgt))
    beads = run_dp(fs, ft, band=anchor_band(6, 6, [(2, 3)]))
    assert any(2 in b.src and 3 in b.tgt for b in beads)


@pytest.mark.parametrize("text, numbers", [
    ("By 2030, reduce by 1.25 dollars", {"2030", "125"}),
    ("D’ici à 2030, 1,25 dollar", {"2030", "125"}),
    ("到２０３０年", {"2030"}),
    ("بحلول عام ٢٠٣٠", {"2030"}),
    ("1 250 000 people and 1,250,000 people", {"1250000"}),
    ("three of 5 items", set()),
    ("2022年12月8日和20日", {"2022", "20"}),
    ("2019冠状病毒病（COVID-19）危机", {"19"}),
])
def test_numbers_in(text, numbers):
    assert numbers_in(text) == numbers


def test_align_units_keeps_fixed_beads():
    src_t = sentences(8, seed=21)
    tgt_t = list(src_t)
    src = [Unit(text=t) for t in src_t]
    tgt = [Unit(text=t) for t in tgt_t]
    # a reviewer linked 3 with 4 (wrongly, but it is theirs) and 5 with nothing
    fixed = [Bead([3], [4], confidence=1.0), Bead([5], [], confidence=1.0)]
    beads = align_units(src, tgt, src_lang="en", tgt_lang="fr", embedder=BagEmbedder(),
                        fixed=fixed)
    pairs = [(b.src, b.tgt) for b in beads]
    assert ([3], [4]) in pairs and ([5], []) in pairs
    assert sorted(i for s, _ in pairs for i in s) == list(range(8))
    assert sorted(j for _, t in pairs for j in t) == list(range(8))
    assert pairs[:3] == [([0], [0]), ([1], [1]), ([2], [2])]


@pytest.mark.parametrize("fixed", [
    [Bead([1], [1]), Bead([1], [2])],        # overlap
    [Bead([1], [3]), Bead([2], [2])],        # crossing
    [Bead([9], [0])],                        # outside
])
def test_align_units_rejects_bad_fixed_beads(fixed):
    units = [Unit(text=t) for t in sentences(4, seed=2)]
    with pytest.raises(AlignmentInputError):
        align_units(units, units, src_lang="en", tgt_lang="fr", embedder=BagEmbedder(),
                    fixed=fixed)


def test_order_beads_places_insertions_after_their_neighbour():
    beads = [Bead([2], [2, 3]), Bead([], [1]), Bead([0], [0]), Bead([], [4]), Bead([1], [])]
    assert [str(b) for b in order_beads(beads)] == \
        ["[0]:[0]", "[]:[1]", "[1]:[]", "[2]:[2, 3]", "[]:[4]"]


def test_dp_is_pure_and_deterministic():
    s = sentences(30, seed=4)
    e = BagEmbedder()
    fs, ft = build_features(s, e.encode(s)), build_features(s[::-1][::-1], e.encode(s))
    calls = e.calls
    a = align_features(fs, ft)
    b = align_features(fs, ft)
    assert e.calls == calls
    assert [(x.src, x.tgt, round(x.score, 9)) for x in a] == [(x.src, x.tgt, round(x.score, 9)) for x in b]
