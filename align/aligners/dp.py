"""The pure dynamic programme: feature arrays and a search band in, beads out.

State ``(a, b)`` means the first ``a`` source and ``b`` target units are consumed. A
*band* restricts, for every row ``a`` (0..n), the columns to ``lo[a] <= b <= hi[a]``
(both arrays non-decreasing, ``lo[0] == 0``, ``hi[n] == m``); a full band makes the
search exhaustive, a narrow one makes time and memory linear.

Each bead of ``ns`` source and ``nt`` target units scores ``(ns + nt) * q`` plus a
number and label term counted once per bead, where the per-unit quality ``q`` is the
cosine margin of the merged units (the 1-1 margins, weighted by the parts' lengths
``** weight_power``, summed and divided by the norms of the weighted vector sums),
minus a length-ratio penalty; a prior per bead type is subtracted once per bead; a 1-0
or 0-1 bead scores ``skip`` per unit. Merged units are never
re-embedded: the cosine of two sums is computed from the 1-1 cosines, so a 1-2 bead
is judged by how well both target parts match the source together, which suits
models that embed concatenations poorly. With ``part_weight`` (paragraphs) each part of
a merge must also match the other side by itself, so a short unrelated unit cannot ride
on a strong neighbour. A span's label is its first label, and a span holding two
different labels never agrees with the other side (paragraphs 4 + 5 against 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from align.aligners.features import SideFeatures

NEG = -1e18
#: the margin's nearest neighbours are searched this many units beyond the band
KNN_CONTEXT = 250


@dataclass(frozen=True)
class Params:
    """Weights of the bead score (in cosine-margin units per unit of text).

    Attributes:
        types: allowed beads ``(ns, nt, prior penalty)``; 1-0 and 0-1 are always allowed.
        skip: score per unit left unaligned (1-0 / 0-1).
        len_weight: weight of the squared log length-ratio error.
        len_smooth: characters added to both lengths before the log ratio.
        len_cap: the squared log error is capped here (a translation may add a gloss).
        num_weight: reward (agreement) or penalty (disagreement) of numbers.
        num_missing: penalty when only one side has numbers.
        label_weight: reward for equal paragraph labels, penalty for different ones.
        knn: neighbours averaged for the margin.
        weight_power: parts of a merge weigh ``length ** weight_power``.
        part_floor: each part of a merge should match the other side by at least this
            margin (its own cosine to the other side minus its neighbourhood mean).
        part_weight: penalty per unit of the bead and per unit of margin below the floor:
            a short unrelated unit cannot ride on a strong neighbour into a merge. Off
            for sentences (list items cut at a semicolon are weak parts of a real
            merge); on for paragraphs, which a translation rarely merges.
    """

    types: tuple[tuple[int, int, float], ...] = (
        (1, 1, 0.0), (1, 2, 0.03), (2, 1, 0.03), (1, 3, 0.05), (3, 1, 0.05), (2, 2, 0.08),
        (2, 3, 0.08), (3, 2, 0.08), (1, 4, 0.06), (4, 1, 0.06), (1, 5, 0.07), (5, 1, 0.07),
        (1, 6, 0.08), (6, 1, 0.08))
    skip: float = -0.12
    len_weight: float = 0.08
    len_smooth: float = 12.0
    len_cap: float = 1.0
    num_weight: float = 0.08
    num_missing: float = 0.02
    label_weight: float = 0.3
    knn: int = 4
    weight_power: float = 0.5
    part_floor: float = 0.08
    part_weight: float = 0.0

    @property
    def max_span(self) -> int:
        return max(max(s, t) for s, t, _ in self.types)


@dataclass
class Band:
    """Columns ``lo[a]..hi[a]`` allowed in row ``a``; arrays of shape (n + 1,)."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


@dataclass
class RawBead:
    """A bead found by the DP with the parts of its score (for confidence and flags)."""

    src: list[int]
    tgt: list[int]
    score: float = 0.0
    margin: float = 0.0
    cosine: float = 0.0
    len_error: float = 0.0
    numbers: str = "none"    # none | agree | differ | one_side
    label: str = "none"      # none | agree | differ
    extra: dict = field(default_factory=dict)


class BandedSims:
    """1-1 cosines inside a band: row ``i`` holds ``cos(src i, tgt wlo[i]..whi[i]-1)``.

    Args:
        src: (n, d) and tgt: (m, d) L2-normalised vectors.
        wlo, whi: (n,) the target window of each source unit.
    """

    BLOCK = 256

    def __init__(self, src: np.ndarray, tgt: np.ndarray, wlo: np.ndarray, whi: np.ndarray):
        self.wlo = wlo
        self.rows: list[np.ndarray] = []
        for i0 in range(0, len(src), self.BLOCK):
            i1 = min(i0 + self.BLOCK, len(src))
            c0, c1 = int(wlo[i0:i1].min()), int(whi[i0:i1].max())
            block = src[i0:i1] @ tgt[c0:c1].T if c1 > c0 else np.zeros((i1 - i0, 0), np.float32)
            for i in range(i0, i1):
                self.rows.append(block[i - i0, wlo[i] - c0:whi[i] - c0])

    def weighted(self, ws: np.ndarray, wt: np.ndarray) -> BandedSims:
        """The same band with row ``i`` multiplied by ``ws[i] * wt[window]`` (n,), (m,)."""
        out = BandedSims.__new__(BandedSims)
        out.wlo = self.wlo
        out.rows = [ws[i] * wt[self.wlo[i]:self.wlo[i] + len(row)] * row
                    for i, row in enumerate(self.rows)]
        return out

    def get(self, i: int, t0: int, count: int) -> np.ndarray:
        """cos(src i, tgt t0..t0+count-1), shape (count,)."""
        off = t0 - int(self.wlo[i])
        return self.rows[i][off:off + count]


def windows(band: Band, m: int, span: int) -> tuple[np.ndarray, np.ndarray]:
    """Target window (wlo, whi) of each source unit: every column a bead may touch."""
    n = len(band.lo) - 1
    rows = np.arange(n)
    wlo = np.maximum(band.lo[rows + 1] - span, 0)
    whi = np.minimum(band.hi[np.minimum(rows + span, n)], m)
    return wlo.astype(np.int64), np.maximum(whi, wlo).astype(np.int64)


def knn_means(sims: BandedSims, m: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean of the ``k`` best cosines of each source unit and each target unit in the band.

    Returns:
        (n,) and (m,) float64 arrays (0 for a unit with no neighbour in the band).
    """
    src = np.zeros(len(sims.rows))
    top = np.full((m, k), -np.inf)
    for i, row in enumerate(sims.rows):
        width = len(row)
        if not width:
            continue
        kk = min(k, width)
        src[i] = np.partition(row, width - kk)[width - kk:].mean()
        cur = top[sims.wlo[i]:sims.wlo[i] + width]          # a view: updated in place
        worst = cur.argmin(axis=1)
        idx = np.arange(width)
        take = row > cur[idx, worst]
        cur[idx[take], worst[take]] = row[take]
    finite = np.isfinite(top)
    count = finite.sum(axis=1)
    tgt = np.where(finite, top, 0.0).sum(axis=1) / np.maximum(count, 1)
    return src, tgt


class _Spans:
    """Precomputed sums over spans of 1..max units of one side.

    Merged units are weighted by ``length ** power``: the embedding of a concatenation is
    closer to a length-weighted mean of its parts than to their plain mean.
    """

    def __init__(self, side: SideFeatures, knn: np.ndarray, span: int, power: float):
        n = len(side)
        self.w = np.maximum(side.lens, 1.0) ** power
        self.norm: dict[int, np.ndarray] = {}
        self.wsum: dict[int, np.ndarray] = {}
        self.wknn: dict[int, np.ndarray] = {}
        self.lens: dict[int, np.ndarray] = {}
        self.nums: dict[int, np.ndarray] = {}
        self.numc: dict[int, np.ndarray] = {}
        self.label: dict[int, np.ndarray] = {}
        self.nlabels: dict[int, np.ndarray] = {}
        wv = side.vecs.astype(np.float64) * self.w[:, None]
        for s in range(1, span + 1):
            if n < s:
                break
            cnt = n - s + 1
            vsum = sum(wv[x:x + cnt] for x in range(s))
            self.norm[s] = np.maximum(np.linalg.norm(vsum, axis=1), 1e-9)
            self.wsum[s] = sum(self.w[x:x + cnt] for x in range(s))
            self.wknn[s] = sum((self.w * knn)[x:x + cnt] for x in range(s))
            self.lens[s] = sum(side.lens[x:x + cnt] for x in range(s))
            nums = np.minimum(sum(side.nums[x:x + cnt] for x in range(s)), 1.0)
            self.nums[s] = nums
            self.numc[s] = nums.sum(axis=1)
            lab = np.full(cnt, -1, dtype=np.int64)
            for x in reversed(range(s)):  # the first labelled unit of the span
                part = side.labels[x:x + cnt]
                lab = np.where(part >= 0, part, lab)
            self.label[s] = lab
            distinct = np.zeros(cnt, dtype=np.int64)  # labels seen for the first time
            for x in range(s):
                part = side.labels[x:x + cnt]
                new = part >= 0
                for y in range(x):
                    new &= part != side.labels[y:y + cnt]
                distinct += new
            self.nlabels[s] = distinct


class _Scorer:
    """Bead scores for one source span against a range of target spans (vectorised)."""

    def __init__(self, src: SideFeatures, tgt: SideFeatures, sims: BandedSims,
                 knn_s: np.ndarray, knn_t: np.ndarray, ratio: float, params: Params):
        span = params.max_span
        self.sims = sims
        self.S = _Spans(src, knn_s, span, params.weight_power)
        self.T = _Spans(tgt, knn_t, span, params.weight_power)
        self.wsims = sims.weighted(self.S.w, self.T.w)
        self.knn_s, self.knn_t = knn_s, knn_t
        self.ratio = ratio
        self.p = params

    def parts(self, s0: int, ns: int, t0: int, t1: int, nt: int) -> dict[str, np.ndarray]:
        """Score parts for source span ``s0..s0+ns-1`` and target spans starting t0..t1-1."""
        count = t1 - t0
        num = self.wsims.get(s0, t0, count).astype(np.float64)
        for x in range(ns):
            for y in range(nt):
                if x or y:
                    num += self.wsims.get(s0 + x, t0 + y, count)
        norms = self.S.norm[ns][s0] * self.T.norm[nt][t0:t1]
        cos = num / norms
        # the margin of a merge is the weighted sum of the 1-1 margins over the same norms:
        # the cosine of two sums is inflated by averaging, and so is their neighbourhood
        base = 0.5 * (self.T.wsum[nt][t0:t1] * self.S.wknn[ns][s0]
                      + self.S.wsum[ns][s0] * self.T.wknn[nt][t0:t1])
        margin = (num - base) / norms
        ls, lt = self.S.lens[ns][s0], self.T.lens[nt][t0:t1]
        c = self.p.len_smooth
        len_err = np.log((lt + c) / (self.ratio * ls + c))
        cs, ct = self.S.numc[ns][s0], self.T.numc[nt][t0:t1]
        dice = None
        if cs > 0:
            overlap = self.T.nums[nt][t0:t1] @ self.S.nums[ns][s0]
            dice = 2 * overlap / np.maximum(cs + ct, 1)
            num_term = np.where(ct > 0, self.p.num_weight * (2 * dice - 1), -self.p.num_missing)
        else:
            num_term = np.where(ct > 0, -self.p.num_missing, 0.0)
        ls_lab, lt_lab = self.S.label[ns][s0], self.T.label[nt][t0:t1]
        if ls_lab >= 0:
            # two numbered paragraphs against one (or 5+6 against 5) is a label conflict
            single = (self.S.nlabels[ns][s0] == 1) & (self.T.nlabels[nt][t0:t1] == 1)
            lab = np.where(lt_lab < 0, 0.0, np.where((lt_lab == ls_lab) & single, 1.0, -1.0))
        else:
            lab = np.zeros(count)
        return {"cos": cos, "margin": margin, "len_err": len_err, "num": num_term, "lab": lab,
                "num_dice": dice if dice is not None else np.zeros(count), "cs": cs, "ct": ct,
                "part": self._part_margin(s0, ns, t0, t1, nt)}

    def _part_margin(self, s0: int, ns: int, t0: int, t1: int, nt: int) -> np.ndarray:
        """The weakest part of a merge: min over the units of its merged side(s) of the
        unit's cosine to the whole other side minus the unit's neighbourhood mean
        (``inf`` for a 1-1 bead)."""
        count = t1 - t0
        worst = np.full(count, np.inf)
        if ns > 1:
            for x in range(ns):
                num = sum(self.wsims.get(s0 + x, t0 + y, count) for y in range(nt))
                cos = num / (self.S.w[s0 + x] * self.T.norm[nt][t0:t1])
                worst = np.minimum(worst, cos - self.knn_s[s0 + x])
        if nt > 1:
            for y in range(nt):
                num = sum(self.wsims.get(s0 + x, t0 + y, count) for x in range(ns))
                cos = num / (self.T.w[t0 + y:t1 + y] * self.S.norm[ns][s0])
                worst = np.minimum(worst, cos - self.knn_t[t0 + y:t1 + y])
        return worst

    def scores(self, s0: int, ns: int, t0: int, t1: int, nt: int, prior: float) -> np.ndarray:
        """``(ns + nt) * q`` for the target starts t0..t1-1, shape (t1 - t0,)."""
        pt = self.parts(s0, ns, t0, t1, nt)
        q = pt["margin"] - self.p.len_weight * np.minimum(pt["len_err"] ** 2, self.p.len_cap)
        if ns > 1 or nt > 1:
            q = q - self.p.part_weight * np.maximum(self.p.part_floor - pt["part"], 0.0)
        # the prior, numbers and labels count once per bead (as for a 1-1 bead), so they
        # never reward merging a labelled unit with its neighbours
        return (ns + nt) * q + 2.0 * (pt["num"] + self.p.label_weight * pt["lab"] - prior)


def length_ratio(src_lens: np.ndarray, tgt_lens: np.ndarray) -> float:
    """Expected target/source length ratio (total characters; 1.0 when a side is empty)."""
    s, t = float(np.sum(src_lens)), float(np.sum(tgt_lens))
    return t / s if s > 0 and t > 0 else 1.0


def run_dp(src: SideFeatures, tgt: SideFeatures, *, params: Params = Params(),
           band: Band | None = None, ratio: float | None = None,
           knn: tuple[np.ndarray, np.ndarray] | None = None) -> list[RawBead]:
    """Best monotone alignment of two unit sequences.

    Args:
        src: features of n source units; tgt: features of m target units.
        params: score weights.
        band: the search band (default: full, i.e. exhaustive).
        ratio: expected target/source length ratio (default: from the totals).
        knn: per-unit mean nearest-neighbour cosines ((n,), (m,)) computed over a wider
            context; default: computed inside the band.

    Returns:
        Beads covering every unit of both sides in order, with their score parts.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return ([RawBead([i], []) for i in range(n)] + [RawBead([], [j]) for j in range(m)])
    band = band or Band.full(n, m)
    span = params.max_span
    wlo, whi = windows(band, m, span)
    sims = BandedSims(src.vecs, tgt.vecs, wlo, whi)
    if knn is None:   # neighbours from a wider window than the band: a narrow band is too local
        wide = BandedSims(src.vecs, tgt.vecs, np.maximum(wlo - KNN_CONTEXT, 0),
                          np.minimum(whi + KNN_CONTEXT, m))
        knn = knn_means(wide, m, params.knn)
    knn_s, knn_t = knn
    ratio = ratio if ratio is not None else length_ratio(src.lens, tgt.lens)
    scorer = _Scorer(src, tgt, sims, knn_s, knn_t, ratio, params)
    lo, hi = band.lo, band.hi
    types = [(1, 0, 0.0)] + [t for t in params.types if t[0] <= n and t[1] <= m]
    D: list[np.ndarray] = []
    BP: list[np.ndarray] = []
    skip = params.skip
    ins_type = len(types)  # index used for 0-1 beads
    for a in range(n + 1):
        width = int(hi[a] - lo[a] + 1)
        row = np.full(width, NEG)
        bp = np.full(width, -1, dtype=np.int16)
        if a == 0:
            row[0 - lo[a]] = 0.0 if lo[a] == 0 else NEG
        for ti, (ns, nt, prior) in enumerate(types):
            pa = a - ns
            if pa < 0:
                continue
            b0 = max(int(lo[a]), int(lo[pa]) + nt)
            b1 = min(int(hi[a]), int(hi[pa]) + nt)
            if b1 < b0:
                continue
            prev = D[pa][b0 - nt - lo[pa]:b1 - nt - lo[pa] + 1]
            if nt == 0:
                cand = prev + skip
            else:
                cand = prev + scorer.scores(pa, ns, b0 - nt, b1 - nt + 1, nt, prior)
            seg = row[b0 - lo[a]:b1 - lo[a] + 1]
            better = cand > seg
            seg[better] = cand[better]
            bp[b0 - lo[a]:b1 - lo[a] + 1][better] = ti
        # 0-1 beads along the row: best[b] = max_k<=b row[k] + (b - k) * skip
        if width > 1:
            k = np.arange(width)
            closed = np.maximum.accumulate(row - k * skip) + k * skip
            better = closed > row + 1e-12
            row[better] = closed[better]
            bp[better] = ins_type
        D.append(row)
        BP.append(bp)
    if D[n][m - lo[n]] <= NEG / 2:
        raise ValueError("the search band does not reach the end of both texts")
    return _backtrace(BP, lo, n, m, types, ins_type, scorer)


def _backtrace(BP, lo, n, m, types, ins_type, scorer: _Scorer) -> list[RawBead]:
    beads: list[RawBead] = []
    a, b = n, m
    while a > 0 or b > 0:
        ti = int(BP[a][b - lo[a]])
        if ti == ins_type:
            beads.append(RawBead([], [b - 1], score=0.0))
            b -= 1
            continue
        if ti < 0:
            raise ValueError(f"broken back-pointer at ({a}, {b})")
        ns, nt, prior = types[ti]
        src = list(range(a - ns, a))
        tgt = list(range(b - nt, b))
        if nt == 0:
            beads.append(RawBead(src, [], score=0.0))
        else:
            pt = scorer.parts(a - ns, ns, b - nt, b - nt + 1, nt)
            num_state = "none"
            if pt["cs"] > 0 and pt["ct"][0] > 0:
                num_state = "agree" if pt["num_dice"][0] >= 0.999 else "differ"
            elif pt["cs"] > 0 or pt["ct"][0] > 0:
                num_state = "one_side"
            lab = pt["lab"][0]
            beads.append(RawBead(
                src, tgt,
                score=float(scorer.scores(a - ns, ns, b - nt, b - nt + 1, nt, prior)[0]),
                margin=float(pt["margin"][0]), cosine=float(pt["cos"][0]),
                len_error=float(pt["len_err"][0]), numbers=num_state,
                label="agree" if lab > 0 else "differ" if lab < 0 else "none",
                extra={"part": float(pt["part"][0])} if ns > 1 or nt > 1 else {}))
        a -= ns
        b -= nt
    beads.reverse()
    return beads
