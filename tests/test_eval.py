"""Bead parsing and strict/lax scoring (vecalign/bertalign definitions)."""

from __future__ import annotations

import pytest

from align.eval import format_bead, parse_beads, score, score_many


@pytest.mark.parametrize("line, bead", [
    ("[0]:[0]", ([0], [0])),
    ("[0,1]:[2]", ([0, 1], [2])),
    ("[0, 1]:[2, 3]", ([0, 1], [2, 3])),
    ("[3]:[]", ([3], [])),
    ("[]:[4]", ([], [4])),
    ("  [5 ,6] : [7]  ", ([5, 6], [7])),
])
def test_parse_beads(line, bead):
    assert parse_beads([line]) == [bead]


def test_parse_skips_blank_lines_and_rejects_garbage():
    assert parse_beads(["[0]:[0]", "", "  ", "[1]:[1]"]) == [([0], [0]), ([1], [1])]
    with pytest.raises(ValueError, match="line 2"):
        parse_beads(["[0]:[0]", "0-0"])


def test_format_bead_round_trip():
    beads = [([0, 1], [2]), ([2], []), ([], [3])]
    assert parse_beads([format_bead(s, t) for s, t in beads]) == beads
    assert format_bead([0, 1], [2]) == "[0,1]:[2]"


GOLD = [([0], [0]), ([1], [1, 2]), ([2], []), ([3], [3])]


@pytest.mark.parametrize("test, expected", [
    # identical: everything 1
    (GOLD, {"precision_strict": 1.0, "recall_strict": 1.0, "precision_lax": 1.0,
            "recall_lax": 1.0}),
    # 1-2 split into 1-1 + 0-1; the 1-0 merged into a 2-1:
    # precision: test beads [0]:[0] hit, [1]:[1] lax, []:[2] miss (no source), [2,3]:[3] lax
    # recall (no empty sides): gold [0]:[0] hit, [1]:[1,2] lax, [3]:[3] lax
    ([([0], [0]), ([1], [1]), ([], [2]), ([2, 3], [3])],
     {"precision_strict": 1 / 4, "recall_strict": 1 / 3, "precision_lax": 3 / 4,
      "recall_lax": 1.0}),
    # everything shifted by one: no lax hit except where the sets overlap
    ([([0], [1]), ([1], [2]), ([2], [3]), ([3], []), ([], [0])],
     {"precision_strict": 0.0, "recall_strict": 0.0, "precision_lax": 1 / 5,
      "recall_lax": 1 / 3}),
])
def test_score_table(test, expected):
    got = score(test, GOLD)
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key
    p, r = got["precision_strict"], got["recall_strict"]
    assert got["f1_strict"] == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_counts_are_summed_over_documents():
    doc1 = [([0], [0]), ([1], [1])]
    doc2 = [([0], [0])]
    bad2 = [([0], []), ([], [0])]
    got = score_many([doc1, bad2], [doc1, doc2])
    # precision: 2 hits of 4 test beads; recall: 2 hits of 3 gold beads
    assert got["precision_strict"] == pytest.approx(2 / 4)
    assert got["recall_strict"] == pytest.approx(2 / 3)  # doc2's gold bead is not found
    assert got["test_beads"] == 4 and got["gold_beads"] == 3
    with pytest.raises(ValueError):
        score_many([doc1], [doc1, doc2])
