"""Alignment scoring: the bead notation and strict/lax precision, recall and F1.

The definitions are those of vecalign and bertalign, so that our figures compare with
the published ones: precision counts every test bead (insertions and deletions
included); a bead is a *strict* hit when it equals a gold bead and a *lax* hit when one
of its target sentences is linked in gold to one of its source sentences; recall is the
same computation with test and gold swapped, after leaving out the beads with an empty
side. Counts are summed over all documents before dividing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

BeadT = tuple[list[int], list[int]]

#: one bead a line: ``[0, 1]:[2]``, ``[3]:[]``, ``[]:[4]`` (spaces optional)
BEAD_LINE = re.compile(r"^\s*\[\s*([\d,\s]*)\]\s*:\s*\[\s*([\d,\s]*)\]\s*$")
_INT_LIST = re.compile(r"\d+")


def parse_beads(lines: Iterable[str]) -> list[BeadT]:
    """Parse bead lines (``[i,j]:[k]``); blank lines are skipped.

    Raises:
        ValueError: a line is not in the bead notation.
    """
    beads: list[BeadT] = []
    for num, line in enumerate(lines, 1):
        if not line.strip():
            continue
        match = BEAD_LINE.match(line)
        if not match:
            raise ValueError(f"line {num} is not a bead like [0,1]:[2]: {line.strip()[:60]!r}")
        beads.append(([int(x) for x in _INT_LIST.findall(match.group(1))],
                      [int(x) for x in _INT_LIST.findall(match.group(2))]))
    return beads


def format_bead(src: Sequence[int], tgt: Sequence[int]) -> str:
    """The bead notation of ``DESIGN.md`` without spaces: ``[0,1]:[2]``."""
    return f"[{','.join(map(str, src))}]:[{','.join(map(str, tgt))}]"


def _counts(gold: Sequence[BeadT], test: Sequence[BeadT]) -> list[int]:
    """[strict hits, strict misses, lax hits, lax misses] of ``test`` against ``gold``."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    linked: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for i in src:
            linked[i].update(tgt)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for bead in test_set:
        if bead in gold_set:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        targets = set().union(*(linked.get(i, set()) for i in bead[0])) if bead[0] else set()
        if targets.intersection(bead[1]):
            lax_hit += 1
        else:
            lax_miss += 1
    return [strict_hit, strict_miss, lax_hit, lax_miss]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(test_beads: Sequence[BeadT], gold_beads: Sequence[BeadT]) -> dict:
    """Strict and lax precision, recall and F1 of one document's test beads against gold.

    Returns:
        ``{"precision_strict", "recall_strict", "f1_strict", "precision_lax",
        "recall_lax", "f1_lax", "test_beads", "gold_beads"}``.
    """
    return score_many([test_beads], [gold_beads])


def score_many(tests: Sequence[Sequence[BeadT]], golds: Sequence[Sequence[BeadT]]) -> dict:
    """Like :func:`score` over several documents, counts summed before dividing."""
    if len(tests) != len(golds):
        raise ValueError(f"{len(tests)} test documents but {len(golds)} gold documents")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    n_test = n_gold = 0
    for test, gold in zip(tests, golds):
        n_test += len(test)
        n_gold += len(gold)
        p = [a + b for a, b in zip(p, _counts(gold, test))]
        test_full = [(s, t) for s, t in test if s and t]
        gold_full = [(s, t) for s, t in gold if s and t]
        r = [a + b for a, b in zip(r, _counts(test_full, gold_full))]
    ps, pl = _ratio(p[0], p[0] + p[1]), _ratio(p[2], p[2] + p[3])
    rs, rl = _ratio(r[0], r[0] + r[1]), _ratio(r[2], r[2] + r[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": _f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": _f1(pl, rl),
            "test_beads": n_test, "gold_beads": n_gold}
