"""The alignment map of one language pair: similarity heat map, chosen path, anchors.

The reviewer sees at a glance where the path leaves the diagonal (a missing or extra
paragraph, a wrong merge) and clicks there to jump to the rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from align.alignment import MultiAlignment
from align.review.ops import compact

#: the heat map is binned so that neither axis has more cells than this
MAX_CELLS_AXIS = 120


@dataclass
class PairMap:
    """Everything the chart needs for the pair pivot × ``lang``.

    Attributes:
        lang: the other language.
        sim: (n, m) cosine similarities between pivot units and ``lang`` units.
        path: (i, j) unit pairs linked by the rows.
        anchors: (i, j) pairs of the path whose paragraph numbers agree.
        src_row: pivot unit index -> row index; tgt_row likewise for ``lang``.
    """

    lang: str
    sim: np.ndarray
    path: list[tuple[int, int]]
    anchors: list[tuple[int, int]]
    src_row: list[int]
    tgt_row: list[int]

    def row_at(self, i: int | None, j: int | None) -> int | None:
        """The review row to jump to for a clicked cell (pivot unit first)."""
        if i is not None and 0 <= i < len(self.src_row):
            return self.src_row[i]
        if j is not None and 0 <= j < len(self.tgt_row):
            return self.tgt_row[j]
        return None


def pair_map(al: MultiAlignment, lang: str, encode) -> PairMap:
    """Build the map of pivot × ``lang``; ``encode(list[str]) -> (k, d)`` normalised rows."""
    tidy = compact(al)
    pivot = tidy.pivot
    src = [u.text for u in tidy.units[pivot]]
    tgt = [u.text for u in tidy.units[lang]]
    a = np.asarray(encode(src)) if src else np.zeros((0, 1))
    b = np.asarray(encode(tgt)) if tgt else np.zeros((0, a.shape[1]))
    sim = (a @ b.T).astype(np.float32) if len(src) and len(tgt) else np.zeros((len(src), len(tgt)))
    src_row = [0] * len(src)
    tgt_row = [0] * len(tgt)
    path, anchors = [], []
    for r, row in enumerate(tidy.rows):
        si, ti = row.cells.get(pivot, []), row.cells.get(lang, [])
        for i in si:
            src_row[i] = r
        for j in ti:
            tgt_row[j] = r
        for i in si:
            for j in ti:
                path.append((i, j))
                ni, nj = tidy.units[pivot][i].number, tidy.units[lang][j].number
                if ni and ni == nj:
                    anchors.append((i, j))
    return PairMap(lang=lang, sim=sim, path=path, anchors=anchors, src_row=src_row,
                   tgt_row=tgt_row)


def binned(sim: np.ndarray, max_cells: int = MAX_CELLS_AXIS) -> tuple[np.ndarray, int]:
    """Max-pool the matrix so that no axis exceeds ``max_cells``; returns it and the factor."""
    n, m = sim.shape
    f = max(1, math.ceil(max(n, m) / max_cells))
    if f == 1:
        return sim, 1
    nb, mb = math.ceil(n / f), math.ceil(m / f)
    out = np.full((nb, mb), -1.0, dtype=np.float32)
    for bi in range(nb):
        for bj in range(mb):
            block = sim[bi * f:(bi + 1) * f, bj * f:(bj + 1) * f]
            if block.size:
                out[bi, bj] = float(block.max())
    return out, f


def relative(sim: np.ndarray) -> np.ndarray:
    """Similarity relative to its row and column means (a margin, as the aligner scores):
    cosines of one model all sit in a narrow band; the margin makes the diagonal stand out."""
    if sim.size == 0:
        return sim
    return sim - 0.5 * (sim.mean(axis=1, keepdims=True) + sim.mean(axis=0, keepdims=True))


def chart(pm: PairMap, pivot: str):
    """An Altair layered chart: margin heat map (click a cell to select it), path, anchors."""
    import altair as alt
    import pandas as pd

    grid, f = binned(relative(pm.sim))
    raw, _ = binned(pm.sim)
    n, m = grid.shape
    cells = pd.DataFrame(
        [(i * f, j * f, i * f - 0.5, (i + 1) * f - 0.5, j * f - 0.5, (j + 1) * f - 0.5,
          round(float(grid[i, j]), 3), round(float(raw[i, j]), 3))
         for i in range(n) for j in range(m)],
        columns=["i", "j", "i0", "i1", "j0", "j1", "margin", "cosine"])
    path = pd.DataFrame(sorted(set(pm.path)), columns=["i", "j"])
    anchors = pd.DataFrame(sorted(set(pm.anchors)), columns=["i", "j"])
    x_scale = alt.Scale(domain=[-0.5, m * f - 0.5], nice=False, zero=False)
    y_scale = alt.Scale(domain=[n * f - 0.5, -0.5], nice=False, zero=False)
    pick = alt.selection_point(name="cell", fields=["i", "j"], on="click", clear="dblclick")
    heat = alt.Chart(cells).mark_rect().encode(
        x=alt.X("j0:Q", title=f"{pm.lang} unit", scale=x_scale),
        x2="j1:Q",
        y=alt.Y("i0:Q", title=f"{pivot} unit", scale=y_scale),
        y2="i1:Q",
        color=alt.Color("margin:Q", title="relative similarity",
                        scale=alt.Scale(scheme="blues", domainMin=0)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=[alt.Tooltip("i:Q", title=f"{pivot} unit"),
                 alt.Tooltip("j:Q", title=f"{pm.lang} unit"),
                 alt.Tooltip("cosine:Q", title="cosine"),
                 alt.Tooltip("margin:Q", title="relative")],
    ).add_params(pick)
    size = max(12, min(60, 3000 // max(n * f, m * f, 1)))
    line = alt.Chart(path).mark_line(color="#dc2626", strokeWidth=1.5).encode(
        x=alt.X("j:Q", scale=x_scale), y=alt.Y("i:Q", scale=y_scale), order="i:Q")
    dots = alt.Chart(path).mark_circle(color="#dc2626", size=size).encode(
        x=alt.X("j:Q", scale=x_scale), y=alt.Y("i:Q", scale=y_scale))
    marks = alt.Chart(anchors).mark_point(shape="diamond", color="#111827", filled=False,
                                          size=size * 3, strokeWidth=1.2).encode(
        x=alt.X("j:Q", scale=x_scale), y=alt.Y("i:Q", scale=y_scale))
    return (heat + line + dots + marks).properties(height=620, title=f"{pivot} × {pm.lang}")
