"""Turn a pairwise alignment into the multilingual form every writer takes."""

from __future__ import annotations

from align.alignment import MultiAlignment, PairAlignment, Row
from align.errors import ExportError


def pair_to_multi(pa: PairAlignment) -> MultiAlignment:
    """A two-language :class:`MultiAlignment` with one row per bead, source as pivot.

    The bead's confidence and flags become the target language's link; the row number
    is the first source unit's number (else the target's); a flagged bead gets the
    status ``flagged``.
    """
    if pa.src_lang == pa.tgt_lang:
        raise ExportError(
            f"both sides are in {pa.src_lang}: a translation memory needs two languages")
    rows: list[Row] = []
    for bead in pa.beads:
        numbers = [pa.src[i].number for i in bead.src] + [pa.tgt[j].number for j in bead.tgt]
        rows.append(Row(
            cells={pa.src_lang: list(bead.src), pa.tgt_lang: list(bead.tgt)},
            confidence={pa.tgt_lang: float(bead.confidence)},
            flags={pa.tgt_lang: list(bead.flags)},
            number=next((n for n in numbers if n), None),
            status="flagged" if bead.flags else "auto",
        ))
    return MultiAlignment(
        pivot=pa.src_lang,
        unit=pa.unit,
        langs=[pa.src_lang, pa.tgt_lang],
        units={pa.src_lang: list(pa.src), pa.tgt_lang: list(pa.tgt)},
        rows=rows,
        signature=dict(pa.signature),
    )
