"""The second pass's punctuation cue and two-unit shifts (``align.aligners.refine``).

With a constant encoder every bead has cosine 1, so the moves are decided by the
punctuation cue alone: a bead whose source ends a sentence (。) while its target ends a
clause (a comma) loses ``PUNCT_PENALTY``, and the comma piece moves to the bead it
belongs to.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from align.aligners.dp import RawBead
from align.aligners.features import build_features
from align.aligners.refine import _ends_differ, refine


@pytest.mark.parametrize(("src", "tgt", "differ"), [
    ("他来了。", "He came,", True),
    ("他来了。", "He came;", True),
    ("他来了，", "He came.", True),
    ("他来了。", "He came.", False),
    ("他来了；", "He came;", False),
    ("他来了；", "and he left", False),
    ("他说：“来吧。”", "come,", True),
    ("标题", "Title,", False),
    ("Il est venu.", "他来了，", True),
])
def test_ends_differ(src: str, tgt: str, differ: bool) -> None:
    assert _ends_differ(src, tgt) is differ


def _constant(texts: list[str]) -> np.ndarray:
    vec = np.zeros((len(texts), 4), dtype=np.float32)
    vec[:, 0] = 1.0
    return vec


def _run(src: list[str], tgt: list[str], beads: list[tuple[list[int], list[int]]]):
    fs = build_features(src, _constant(src))
    ft = build_features(tgt, _constant(tgt))
    raw = [RawBead(list(s), list(t), cosine=1.0, margin=0.0) for s, t in beads]
    out = refine(raw, fs, ft, src, tgt, src_lang="zh", tgt_lang="en", encode=_constant,
                 ratio=1.0, moves=("shift",))
    return [(b.src, b.tgt) for b in out]


ONE = ["He came,", "at last.", "She left."]
TWO = ["He came,", "at last.", "She left,", "slowly,", "quietly."]


@pytest.mark.parametrize(("tgt", "beads", "expected"), [
    # one comma piece given to the next bead comes back
    (ONE, [([0], [0]), ([1], [1, 2])], [([0], [0, 1]), ([1], [2])]),
    # two comma pieces at the end of the previous bead go to the next one at once
    (TWO, [([0], [0, 1, 2, 3]), ([1], [4])], [([0], [0, 1]), ([1], [2, 3, 4])]),
    # already right: nothing moves
    (ONE, [([0], [0, 1]), ([1], [2])], [([0], [0, 1]), ([1], [2])]),
    (TWO, [([0], [0, 1]), ([1], [2, 3, 4])], [([0], [0, 1]), ([1], [2, 3, 4])]),
])
def test_shift_follows_punctuation(tgt, beads, expected) -> None:
    assert _run(["他来了。", "她走了。"], tgt, beads) == expected


CONCEPTS = ("甲a", "乙b", "丙c", "丁d")
WORD = re.compile(r"[a-z]+")


def _concepts(texts: list[str]) -> np.ndarray:
    """Toy embedding: counts of concepts (甲 = a, 乙 = b, ...), L2-normalised."""
    vec = np.array([[WORD.findall(text).count(c[1]) + text.count(c[0]) for c in CONCEPTS]
                    for text in texts], dtype=np.float32)
    return vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)


@pytest.mark.parametrize(("src", "tgt", "beads", "expected"), [
    # a source clause left unaligned joins the previous bead, whose last target piece
    # goes to the next bead (seed zh 8, the English cut at commas)
    (["甲乙，", "丙。", "丁。"], ["a b c.", "d,", "d."],
     [([0], [0, 1]), ([1], []), ([2], [2])], [([0, 1], [0]), ([2], [1, 2])]),
    # the mirror image: it joins the next bead, which hands its first piece back
    (["甲。", "乙", "丙丁。"], ["a,", "a.", "b c d."],
     [([0], [0]), ([1], []), ([2], [1, 2])], [([0], [0, 1]), ([1, 2], [2])]),
])
def test_shift_across_unaligned_unit(src, tgt, beads, expected) -> None:
    fs, ft = build_features(src, _concepts(src)), build_features(tgt, _concepts(tgt))
    raw = [RawBead(list(s), list(t), cosine=1.0, margin=0.0) for s, t in beads]
    out = refine(raw, fs, ft, src, tgt, src_lang="zh", tgt_lang="en", encode=_concepts,
                 ratio=1.0, moves=("shift",))
    assert [(b.src, b.tgt) for b in out] == expected
