"""Realign the rows after a manual fix, keeping the reviewer's rows fixed.

For each non-pivot language, the pivot units and that language's units of the rows
after the fix are realigned with :func:`align.aligners.align_units`; rows the reviewer
confirmed are passed as fixed beads, so they come back unchanged. The pivot
side of the rows never moves: a realignment only redistributes the other languages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from align.alignment import Bead, MultiAlignment, Row
from align.review.ops import ReviewError, initial_status

FIXED_STATUSES: tuple[str, ...] = ("confirmed",)


def _realign_lang(al: MultiAlignment, start: int, lang: str, embedder,
                  align_units: Callable) -> list[Row]:
    pivot = al.pivot
    tail = al.rows[start:]
    src_units, tgt_units = [], []
    src_row: list[int] = []          # local pivot unit -> local row
    tgt_global: list[int] = []       # local lang unit -> index in al.units[lang]
    fixed: list[Bead] = []
    for r, row in enumerate(tail):
        s0, t0 = len(src_units), len(tgt_units)
        for i in row.cells.get(pivot, []):
            src_units.append(al.units[pivot][i])
            src_row.append(r)
        for i in row.cells.get(lang, []):
            tgt_units.append(al.units[lang][i])
            tgt_global.append(i)
        if row.status in FIXED_STATUSES and (len(src_units) > s0 or len(tgt_units) > t0):
            fixed.append(Bead(src=list(range(s0, len(src_units))),
                              tgt=list(range(t0, len(tgt_units))), confidence=1.0))
    if not tgt_units or not src_units:
        return list(tail)
    beads = align_units(src_units, tgt_units, src_lang=pivot, tgt_lang=lang,
                        embedder=embedder, fixed=fixed)
    assigned: dict[int, tuple[list[int], float, list[str]]] = {}
    orphans: dict[int, list[tuple[list[int], float, list[str]]]] = {}
    fixed_keys = {(tuple(b.src), tuple(b.tgt)) for b in fixed}
    last_row = -1
    for bead in beads:
        tgt = [tgt_global[t] for t in bead.tgt]
        if (tuple(bead.src), tuple(bead.tgt)) in fixed_keys:  # a reviewer's row, kept as is
            if bead.src:
                last_row = max(last_row, src_row[bead.src[-1]])
            continue
        if bead.src:
            r = src_row[bead.src[0]]
            prev = assigned.get(r, ([], 1.0, []))
            assigned[r] = (prev[0] + tgt, min(prev[1], bead.confidence),
                           prev[2] + [f for f in bead.flags if f not in prev[2]])
            last_row = max(last_row, src_row[bead.src[-1]])
        elif tgt:
            orphans.setdefault(last_row, []).append((tgt, bead.confidence, list(bead.flags)))
    out: list[Row] = []
    for (tgt, conf, flags) in orphans.get(-1, []):
        out.append(Row(cells={lang: tgt}, confidence={lang: conf}, flags={lang: flags},
                       status="flagged" if flags else "auto"))
    for r, row in enumerate(tail):
        if row.status in FIXED_STATUSES:
            out.append(row)
        elif row.cells.get(pivot):
            tgt, conf, flags = assigned.get(r, ([], 0.0, []))
            if tgt == list(row.cells.get(lang, [])):  # unchanged link: keep the row as is
                out.append(row)
                for orphan in orphans.get(r, []):
                    out.append(Row(cells={lang: orphan[0]}, confidence={lang: orphan[1]},
                                   flags={lang: orphan[2]},
                                   status="flagged" if orphan[2] else "auto"))
                continue
            cells = {k: v for k, v in row.cells.items() if k != lang and v}
            confidence = {k: v for k, v in row.confidence.items() if k != lang}
            row_flags = {k: v for k, v in row.flags.items() if k != lang}
            if tgt:
                cells[lang], confidence[lang] = tgt, conf
                if flags:
                    row_flags[lang] = flags
            new = replace(row, cells=cells, confidence=confidence, flags=row_flags)
            if new != row:
                new = replace(new, status=initial_status(new))
            out.append(new)
        else:  # an unfixed row without pivot: keep its other languages, drop this one
            cells = {k: v for k, v in row.cells.items() if k != lang and v}
            if cells:
                out.append(replace(row, cells=cells))
        for (tgt, conf, flags) in orphans.get(r, []):
            out.append(Row(cells={lang: tgt}, confidence={lang: conf}, flags={lang: flags},
                           status="flagged" if flags else "auto"))
    return out


def realign_after(al: MultiAlignment, row: int, *, embedder,
                  align_units: Callable | None = None) -> MultiAlignment:
    """A new alignment whose rows after ``row`` are realigned (``al`` is unchanged).

    Args:
        al: the reviewed alignment.
        row: the row of the manual fix; rows ``row + 1 ...`` are realigned.
        embedder: the embedder (see ``align.embed``).
        align_units: the aligner (default ``align.aligners.align_units``).
    """
    if not 0 <= row < len(al.rows):
        raise ReviewError(f"row {row + 1} does not exist")
    if align_units is None:
        from align.aligners import align_units
    out = replace(al, rows=list(al.rows))
    for lang in al.langs:
        if lang == al.pivot:
            continue
        out.rows = out.rows[:row + 1] + _realign_lang(out, row + 1, lang, embedder, align_units)
    return out
