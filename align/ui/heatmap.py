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


def chart(pm: PairMap, pivot: str):
    """An Altair layered chart: heat map (clickable), path, anchors."""
    import altair as alt
    import pandas as pd

    grid, f = binned(pm.sim)
    n, m = grid.shape
    cells = pd.DataFrame([(i * f, j * f, round(float(grid[i, j]), 3))
                          for i in range(n) for j in range(m)], columns=["i", "j", "sim"])
    path = pd.DataFrame(sorted({(i // f * f, j // f * f) for i, j in pm.path}),
                        columns=["i", "j"])
    anchors = pd.DataFrame(sorted({(i // f * f, j // f * f) for i, j in pm.anchors}),
                           columns=["i", "j"])
    size = max(4, min(14, 560 // max(n, m, 1)))
    x = alt.X("j:Q", title=f"{pm.lang} unit", scale=alt.Scale(domain=[-f, m * f]))
    y = alt.Y("i:Q", title=f"{pivot} unit", scale=alt.Scale(domain=[n * f, -f]))
    pick = alt.selection_point(name="cell", fields=["i", "j"], on="click", clear="dblclick")
    heat = alt.Chart(cells).mark_square(size=size * size, opacity=0.95).encode(
        x=x, y=y,
        color=alt.Color("sim:Q", title="similarity", scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("i:Q", title=pivot), alt.Tooltip("j:Q", title=pm.lang),
                 alt.Tooltip("sim:Q", title="similarity")],
    ).add_params(pick)
    line = alt.Chart(path).mark_line(color="#dc2626", strokeWidth=1.5, point=alt.OverlayMarkDef(
        color="#dc2626", size=max(10, size * 2))).encode(x="j:Q", y="i:Q", order="i:Q")
    marks = alt.Chart(anchors).mark_point(shape="diamond", color="#111827", filled=False,
                                          size=max(30, size * 6)).encode(x="j:Q", y="i:Q")
    return (heat + line + marks).properties(height=560, title=f"{pivot} × {pm.lang}")
