"""Search bands: coarse-to-fine for long texts without anchors, hard anchors for documents.

All functions are pure: feature arrays and indices in, a :class:`Band` out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from align.aligners.dp import Band, Params, RawBead
from align.aligners.features import SideFeatures

#: the exhaustive DP is used up to this many cells; above it, coarse-to-fine
MAX_FULL_CELLS = 2_500_000
#: units per block of a coarse level
MAX_FACTOR = 8


def downsample(side: SideFeatures, factor: int) -> SideFeatures:
    """Blocks of ``factor`` consecutive units: summed vectors (re-normalised), summed lengths."""
    n = len(side)
    starts = np.arange(0, n, factor)
    vecs = np.add.reduceat(side.vecs.astype(np.float64), starts, axis=0)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    return SideFeatures(
        vecs=vecs.astype(np.float32),
        lens=np.add.reduceat(side.lens, starts),
        nums=np.zeros((len(starts), side.nums.shape[1]), dtype=np.float32),
        labels=np.full(len(starts), -1, dtype=np.int64),
    )


def band_from_beads(beads: Sequence[RawBead], factor: int, n: int, m: int, slack: int) -> Band:
    """The fine band around a coarse path: each coarse bead's rectangle, widened by ``slack``."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    a = b = 0  # coarse position
    for bead in beads:
        a1, b1 = a + len(bead.src), b + len(bead.tgt)
        s0, s1 = min(a * factor, n), min(a1 * factor, n)
        t0, t1 = min(b * factor, m), min(b1 * factor, m)
        r0, r1 = max(s0 - slack, 0), min(s1 + slack, n)
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], max(t0 - slack, 0))
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], min(t1 + slack, m))
        a, b = a1, b1
    return make_monotone(lo, hi, m)


def make_monotone(lo: np.ndarray, hi: np.ndarray, m: int) -> Band:
    """Repair a band: non-decreasing bounds, ends pinned, each row reachable from the last."""
    lo = np.minimum.accumulate(np.clip(lo, 0, m)[::-1])[::-1].copy()
    hi = np.maximum.accumulate(np.clip(hi, 0, m)).copy()
    lo[0], hi[-1] = 0, m
    hi = np.maximum(hi, lo)
    lo[1:] = np.minimum(lo[1:], hi[:-1] + 1)  # some bead must lead from each row to the next
    return Band(lo, hi)


def coarse_band(src: SideFeatures, tgt: SideFeatures, params: Params,
                run: Callable[..., list[RawBead]], *, max_cells: int = MAX_FULL_CELLS,
                ratio: float | None = None) -> Band:
    """A band for ``run`` (the DP): full when small, else from a DP over blocks (recursive).

    Args:
        src, tgt: the features (n and m units).
        params: the DP parameters (the coarse pass keeps 1-1, 1-2, 2-1 and skips).
        run: the DP function (``align.aligners.dp.run_dp``), passed in to keep this pure.
        max_cells: the largest exhaustive search.
        ratio: expected target/source length ratio.
    """
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= max_cells:
        return Band.full(n, m)
    # a bounded factor keeps the fine band narrow (linear cost); a coarse level that is
    # still too large recurses instead
    factor = min(MAX_FACTOR, max(2, math.ceil(math.sqrt((n + 1) * (m + 1) / max_cells))))
    cs, ct = downsample(src, factor), downsample(tgt, factor)
    coarse_params = Params(types=((1, 1, 0.0), (1, 2, 0.02), (2, 1, 0.02)), skip=params.skip,
                           len_weight=params.len_weight, len_smooth=params.len_smooth * factor,
                           num_weight=0.0, num_missing=0.0, label_weight=0.0, knn=params.knn)
    inner = coarse_band(cs, ct, coarse_params, run, max_cells=max_cells, ratio=ratio)
    beads = run(cs, ct, params=coarse_params, band=inner, ratio=ratio)
    return band_from_beads(beads, factor, n, m, slack=3 * factor + 8)


def anchor_band(n: int, m: int, anchors: Sequence[tuple[int, int]]) -> Band:
    """The band forcing each anchor ``(i, j)`` into one bead (source i with target j).

    Rows ``a <= i`` may only reach columns ``<= j``; rows ``a > i`` must be past ``j``.
    Anchors must be strictly increasing on both sides.
    """
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.full(n + 1, m, dtype=np.int64)
    for i, j in anchors:
        hi[:i + 1] = np.minimum(hi[:i + 1], j)
        lo[i + 1:] = np.maximum(lo[i + 1:], j + 1)
    return Band(lo, hi)


def intersect(a: Band, b: Band, m: int) -> Band:
    """Cells allowed by both bands (repaired to stay connected)."""
    return make_monotone(np.maximum(a.lo, b.lo), np.minimum(a.hi, b.hi), m)


def monotone_chain(candidates: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The heaviest chain of candidate matches strictly increasing on both sides.

    A weighted longest increasing subsequence in O(k log k) (a Fenwick tree of prefix
    maxima over the target index).

    Args:
        candidates: ``(i, j, weight)`` with positive weights.

    Returns:
        The chosen ``(i, j)`` pairs in order.
    """
    cands = sorted(candidates)
    if not cands:
        return []
    size = max(j for _, j, _ in cands) + 2
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)

    def query(j: int) -> tuple[float, int]:   # best chain ending at a target index < j
        best, arg = 0.0, -1
        # target t is stored at position t + 1, so the prefix of length j holds targets < j
        while j > 0:
            if tree_val[j] > best:
                best, arg = tree_val[j], tree_arg[j]
            j -= j & -j
        return best, arg

    def update(j: int, val: float, arg: int) -> None:
        j += 1
        while j <= size:
            if val > tree_val[j]:
                tree_val[j], tree_arg[j] = val, arg
            j += j & -j

    best = [0.0] * len(cands)
    prev = [-1] * len(cands)
    start = 0
    while start < len(cands):                  # one source index at a time: strict in i
        end = start
        while end < len(cands) and cands[end][0] == cands[start][0]:
            end += 1
        for x in range(start, end):
            val, arg = query(cands[x][1])
            best[x], prev[x] = val + cands[x][2], arg
        for x in range(start, end):
            update(cands[x][1], best[x], x)
        start = end
    x = max(range(len(cands)), key=best.__getitem__)
    chain = []
    while x >= 0:
        chain.append((cands[x][0], cands[x][1]))
        x = prev[x]
    return chain[::-1]
