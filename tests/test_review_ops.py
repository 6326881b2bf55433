"""The pure review operations: each one as a table of (operation, expected rows)."""

from __future__ import annotations

import copy

import pytest

from align.review import ops
from align.review.synthetic import make_alignment


def texts(al, lang):
    return [al.text(r, lang) for r in al.rows]


def test_prepare_sets_flagged_status():
    al = ops.prepare(make_alignment())
    assert [r.status for r in al.rows] == ["auto", "auto", "flagged", "auto"]


def test_apply_never_mutates_input():
    al = ops.prepare(make_alignment())
    before = copy.deepcopy(al)
    for op in ({"op": "merge", "row": 0}, {"op": "edit", "row": 1, "lang": "en", "text": "X."},
               {"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}},
               {"op": "move", "row": 1, "lang": "en", "direction": "up"},
               {"op": "untranslated", "row": 2, "lang": "fr"}, {"op": "confirm", "row": 3}):
        ops.apply(al, op)
        assert al == before, op


def test_confirm_and_unconfirm():
    al = ops.prepare(make_alignment())
    al = ops.apply(al, {"op": "confirm", "row": 2})
    assert al.rows[2].status == "confirmed"
    al = ops.apply(al, {"op": "unconfirm", "row": 2})
    assert al.rows[2].status == "flagged"
    with pytest.raises(ops.ReviewError, match="not confirmed"):
        ops.apply(al, {"op": "unconfirm", "row": 2})


def test_merge_joins_each_language():
    al = ops.apply(ops.prepare(make_alignment()), {"op": "merge", "row": 1})
    assert len(al.rows) == 3
    assert al.rows[1].status == "edited"
    assert texts(al, "zh")[1] == "秘书处编写了说明。预算为1240万美元。"
    assert texts(al, "en")[1] == "The Secretariat prepared the note. The budget is US$ 12.4 million."
    with pytest.raises(ops.ReviewError, match="last row"):
        ops.apply(al, {"op": "merge", "row": 2})


@pytest.mark.parametrize("cuts, first_en, second_en", [
    ({"zh": 1, "en": 1, "fr": 1}, "The Commission considered the report.",
     "The meeting adopted the resolution."),
    # zh and fr split, en stays whole in the first half (a 1-0 second half for en)
    ({"zh": 1, "en": 2, "fr": 1},
     "The Commission considered the report. The meeting adopted the resolution.", ""),
])
def test_split_inside_a_paragraph(cuts, first_en, second_en):
    al = ops.apply(ops.prepare(make_alignment()), {"op": "split", "row": 0, "cuts": cuts})
    assert len(al.rows) == 5
    assert texts(al, "zh")[:2] == ["委员会审议了报告。", "会议通过了决议。"]
    assert texts(al, "en")[:2] == [first_en, second_en]
    assert [r.status for r in al.rows[:2]] == ["edited", "edited"]


def test_split_must_leave_text_in_both_halves():
    al = ops.prepare(make_alignment())
    with pytest.raises(ops.ReviewError, match="both halves"):
        ops.apply(al, {"op": "split", "row": 0, "cuts": {"zh": 2, "en": 2, "fr": 2}})


def test_split_then_merge_restores_text():
    al = ops.prepare(make_alignment())
    split = ops.apply(al, {"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}})
    merged = ops.apply(split, {"op": "merge", "row": 0})
    for lang in al.langs:
        assert texts(merged, lang) == texts(al, lang)


@pytest.mark.parametrize("row, direction, expect_en", [
    (0, "down", ["The Commission considered the report.",
                 "The meeting adopted the resolution. The Secretariat prepared the note."]),
    (1, "up", ["The Commission considered the report. The meeting adopted the resolution. "
               "The Secretariat prepared the note.", ""]),
])
def test_move_a_sentence_across_a_boundary(row, direction, expect_en):
    al = ops.apply(ops.prepare(make_alignment()),
                   {"op": "move", "row": row, "lang": "en", "direction": direction})
    got = texts(al, "en")
    if direction == "up":  # row 1 lost its only en sentence: en cell now empty, row kept
        assert got[:2] == expect_en
        assert al.rows[1].cells.get("en") in (None, [])
    else:
        assert got[:2] == expect_en
    assert texts(al, "zh") == texts(make_alignment(), "zh")


def test_move_at_the_edges_is_refused():
    al = ops.prepare(make_alignment())
    with pytest.raises(ops.ReviewError, match="no row above"):
        ops.apply(al, {"op": "move", "row": 0, "lang": "en", "direction": "up"})
    with pytest.raises(ops.ReviewError, match="no row below"):
        ops.apply(al, {"op": "move", "row": 3, "lang": "en", "direction": "down"})


def test_untranslated_makes_a_1_0_and_a_0_1_row():
    al = ops.apply(ops.prepare(make_alignment()), {"op": "untranslated", "row": 1, "lang": "fr"})
    assert len(al.rows) == 5
    assert "fr" not in al.rows[1].cells and set(al.rows[1].cells) == {"zh", "en"}
    assert set(al.rows[2].cells) == {"fr"}
    assert al.text(al.rows[2], "fr") == "Le Secrétariat a établi la note."


def test_edit_replaces_one_cell_and_keeps_the_number():
    al = ops.apply(ops.prepare(make_alignment()),
                   {"op": "edit", "row": 2, "lang": "en", "text": "  The budget is $12.4 million. "})
    assert al.text(al.rows[2], "en") == "The budget is $12.4 million."
    assert al.units["en"][al.rows[2].cells["en"][0]].number == "3"
    assert al.rows[2].status == "edited" and al.rows[2].flags == {}
    with pytest.raises(ops.ReviewError, match="empty"):
        ops.apply(al, {"op": "edit", "row": 2, "lang": "en", "text": "  "})


@pytest.mark.parametrize("op, message", [
    ({"op": "fly", "row": 0}, "unknown review operation"),
    ({"op": "confirm", "row": 9}, "row 10 does not exist"),
    ({"op": "confirm"}, "needs a row number"),
    ({"op": "edit", "row": 0, "lang": "de", "text": "x"}, "language 'de'"),
    ({"op": "move", "row": 1, "lang": "en", "direction": "left"}, "direction"),
])
def test_bad_operations(op, message):
    with pytest.raises(ops.ReviewError, match=message):
        ops.apply(ops.prepare(make_alignment()), op)


def test_expect_detects_a_changed_row():
    al = ops.prepare(make_alignment())
    fp = ops.fingerprint(al.rows[1])
    merged = ops.apply(al, {"op": "merge", "row": 0})
    with pytest.raises(ops.StaleOperation, match="another window"):
        ops.apply(merged, {"op": "confirm", "row": 1, "expect": fp})
    assert ops.apply(al, {"op": "confirm", "row": 1, "expect": fp}).rows[1].status == "confirmed"


@pytest.mark.parametrize("op", [
    {"op": "merge", "row": 1},
    {"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}},
    {"op": "edit", "row": 3, "lang": "zh", "text": "新的文字。"},
    {"op": "untranslated", "row": 0, "lang": "en"},
    {"op": "move", "row": 0, "lang": "fr", "direction": "down"},
])
def test_diff_and_patch_round_trip(op):
    al = ops.prepare(make_alignment(3))
    new = ops.apply(al, op)
    patch = ops.diff(al, new)
    assert len(patch["old"]) <= 2 and len(patch["new"]) <= 2  # a local change stays local
    assert ops.apply_patch(al, patch).rows == new.rows
    back = ops.apply_patch(new, patch, reverse=True)
    assert back.rows == al.rows
    for lang in al.langs:
        assert texts(back, lang) == texts(al, lang)


def test_compact_rebuilds_units_in_row_order():
    al = ops.prepare(make_alignment())
    al = ops.apply(al, {"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}})
    al = ops.apply(al, {"op": "edit", "row": 2, "lang": "en", "text": "Edited."})
    tidy = ops.compact(al)
    for lang in al.langs:
        assert texts(tidy, lang) == texts(al, lang)
        used = [i for r in tidy.rows for i in r.cells.get(lang, [])]
        assert used == list(range(len(tidy.units[lang])))


def test_counts():
    al = ops.apply(ops.prepare(make_alignment()), {"op": "confirm", "row": 0})
    assert ops.counts(al) == {"auto": 2, "flagged": 1, "confirmed": 1, "edited": 0}


@pytest.mark.parametrize("floor, confirmed", [(0.0, [0, 1, 3]), (0.95, [])])
def test_confirm_auto_leaves_flagged_rows(floor, confirmed):
    al = ops.prepare(make_alignment())
    if not confirmed:
        with pytest.raises(ops.ReviewError, match="no automatic row"):
            ops.apply(al, {"op": "confirm_auto", "min_confidence": floor})
        return
    out = ops.apply(al, {"op": "confirm_auto", "min_confidence": floor})
    assert [i for i, r in enumerate(out.rows) if r.status == "confirmed"] == confirmed
    assert out.rows[2].status == "flagged"


def test_weak_rows_weakest_first_and_skips_reviewed():
    al = ops.prepare(make_alignment(2))
    al.rows[5].confidence["en"] = 0.3
    al.rows[1].confidence["en"] = 0.6
    assert ops.weak_rows(al, "en") == [(0.3, 5), (0.6, 1), (0.9, 2), (0.9, 6)]
    al = ops.apply(al, {"op": "confirm", "row": 5})
    assert ops.weak_rows(al, "en", limit=2) == [(0.6, 1), (0.9, 2)]
    assert ops.weak_rows(al, "fr") == []  # fr links are 0.9 and unflagged
