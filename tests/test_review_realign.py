"""Realign after a manual fix: rows after it are realigned, reviewer rows stay fixed."""

from __future__ import annotations

import copy

import pytest

from align.alignment import Bead
from align.review import ops
from align.review.realign import realign_after
from align.review.synthetic import make_alignment


def by_number(src, tgt, *, src_lang, tgt_lang, embedder, fixed=()):
    """A stand-in aligner: links units with the same number, keeps fixed beads."""
    fixed = list(fixed)
    taken_s = {i for b in fixed for i in b.src}
    taken_t = {i for b in fixed for i in b.tgt}
    beads = list(fixed)
    free_t = [j for j in range(len(tgt)) if j not in taken_t]
    for i, u in enumerate(src):
        if i in taken_s:
            continue
        match = [j for j in free_t if tgt[j].number == u.number]
        beads.append(Bead(src=[i], tgt=match[:1], confidence=0.8))
        free_t = [j for j in free_t if j not in match[:1]]
    beads += [Bead(src=[], tgt=[j], confidence=0.2, flags=["unaligned"]) for j in free_t]
    beads.sort(key=lambda b: (min(b.src) if b.src else 10**9, min(b.tgt) if b.tgt else -1))
    return beads


def shifted(al):
    """The en column off by one from row 1 on (a typical aligner error), status auto."""
    out = copy.deepcopy(al)
    n = len(out.rows)
    for r, row in enumerate(out.rows):
        en = [0, 1] if r == 0 else ([r + 1] if r + 1 < n else [])
        row.cells["en"] = en
    return out


def test_realign_restores_the_diagonal_and_keeps_fixed_rows():
    good = ops.prepare(make_alignment(2))
    bad = shifted(good)
    en_bad = [bad.text(r, "en") for r in bad.rows]
    assert en_bad != [good.text(r, "en") for r in good.rows]
    # the reviewer fixes row 0 (splits off the wrongly attached sentence) and confirms it
    fixed = ops.apply(bad, {"op": "move", "row": 0, "lang": "en", "direction": "down"})
    fixed = ops.apply(fixed, {"op": "confirm", "row": 0})
    out = realign_after(fixed, 0, embedder=None, align_units=by_number)
    assert out.rows[0] == fixed.rows[0]
    assert [out.text(r, "en") for r in out.rows] == [good.text(r, "en") for r in good.rows]
    assert [out.text(r, "zh") for r in out.rows] == [good.text(r, "zh") for r in good.rows]


def test_confirmed_rows_after_the_fix_stay_fixed():
    al = ops.prepare(make_alignment(2))
    al = ops.apply(al, {"op": "untranslated", "row": 3, "lang": "en"})  # 1-0 + 0-1 rows
    al = ops.apply(al, {"op": "confirm", "row": 3})
    al = ops.apply(al, {"op": "confirm", "row": 4})
    out = realign_after(al, 0, embedder=None, align_units=by_number)
    assert out.rows[3] == al.rows[3] and out.rows[4] == al.rows[4]
    assert len(out.rows) == len(al.rows)


def test_orphans_get_rows_of_their_own():
    al = ops.prepare(make_alignment(1))
    al.units["en"][2].number = "99"  # the aligner finds no partner for it
    out = realign_after(al, 0, embedder=None, align_units=by_number)
    assert len(out.rows) == 5
    assert "en" not in out.rows[2].cells
    assert set(out.rows[4].cells) == {"en"} and out.rows[4].status == "flagged"


def test_bad_row():
    with pytest.raises(ops.ReviewError, match="does not exist"):
        realign_after(make_alignment(), 7, embedder=None, align_units=by_number)
