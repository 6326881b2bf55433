"""Second pass: fix the DP's beads around unaligned and doubtful units with real embeddings.

The DP judges a merge from the parts' vectors, which cannot see that a list item cut off
by a semicolon belongs to the long sentence next to it. Around each 1-0/0-1, n:m or
low-margin bead this pass embeds the actual concatenations of a few candidate beads
and applies these moves while they raise the cosines:

- *absorb*: an unaligned unit joins the adjacent bead when that bead's cosine does not
  drop (a fragment of the same sentence), and stays unaligned when it would (a real
  insertion dilutes the concatenation);
- *detach*: the reverse, an edge unit of a merge is left unaligned when the bead's
  cosine rises clearly without it;
- *shift*: one or two units at the border of two adjacent beads move to the other bead
  when the sum of the two cosines rises clearly; also across an unaligned unit between
  them, which then joins one of the two.

A bead whose one side ends a sentence (。, a full stop) while the other ends a clause (a
comma, a semicolon) scores ``PUNCT_PENALTY`` below its cosine in these comparisons: a
comma piece rarely ends a bead, so it goes to the sentence it belongs to.

Only the texts of candidate beads are embedded (a few per doubtful bead), never the
overlapping windows of the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from align.aligners.dp import RawBead
from align.aligners.features import SideFeatures

#: an unaligned unit joins a bead when the bead's cosine drops by less than this
ABSORB_TOLERANCE = 0.05
#: an edge unit of a merge is left unaligned when the cosine rises by more than this
DETACH_MIN_GAIN = ABSORB_TOLERANCE + 0.01  # above the tolerance: no back and forth
#: a border unit moves when the two beads' cosines rise together by more than this
SHIFT_MIN_GAIN = 0.03
#: below this margin a 1-1 bead counts as doubtful
DOUBTFUL_MARGIN = 0.06
#: largest side of a bead built by the moves
MAX_SIDE = 8
ROUNDS = 4
#: units moved at once by a shift (a sentence cut in three hands over two pieces)
SHIFT_UNITS = 2
#: subtracted from a bead's cosine when one side ends a sentence and the other a clause
PUNCT_PENALTY = 0.1
#: a unit ending a sentence: full stop, question or exclamation mark (closing quotes after)
SENTENCE_END = re.compile(r"[。！？.!?…][\"'”’」』）)]*\s*$")
#: a unit ending a clause: comma, semicolon, enumeration comma
CLAUSE_END = re.compile(r"[,;，；、]\s*$")


@dataclass(frozen=True)
class Move:
    kind: str                  # absorb | detach | shift
    beads: tuple[int, ...]     # indices of the beads replaced (consecutive)
    new: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # their replacements


def _join(texts: Sequence[str], idx: Sequence[int], lang: str) -> str:
    sep = "" if lang in ("zh", "ja") else " "
    return sep.join(texts[i].strip() for i in idx)


def _doubtful(bead: RawBead) -> bool:
    return (not bead.src or not bead.tgt or len(bead.src) != 1 or len(bead.tgt) != 1
            or bead.margin < DOUBTFUL_MARGIN)


def _candidates(beads: list[RawBead]) -> list[Move]:
    moves: list[Move] = []
    n = len(beads)
    for k, bead in enumerate(beads):
        if not bead.src or not bead.tgt:        # absorb into the previous or next bead
            side = "src" if bead.src else "tgt"
            unit = (bead.src or bead.tgt)[0]
            for nb in (k - 1, k + 1):
                if not 0 <= nb < n or not beads[nb].src or not beads[nb].tgt:
                    continue
                other = beads[nb]
                span = getattr(other, side)
                if unit not in (span[0] - 1, span[-1] + 1) or len(span) >= MAX_SIDE:
                    continue
                grown = tuple(sorted(span + [unit]))
                new = (grown, tuple(other.tgt)) if side == "src" else (tuple(other.src), grown)
                lo, hi = min(k, nb), max(k, nb)
                moves.append(Move("absorb", (lo, hi), (new,)))
    moves += _bridges(beads)
    for k, bead in enumerate(beads):            # detach an edge unit of a merge
        for side in ("src", "tgt"):
            span = list(getattr(bead, side))
            if len(span) < 2 or not bead.src or not bead.tgt:
                continue
            for unit, rest in ((span[0], span[1:]), (span[-1], span[:-1])):
                kept = (tuple(rest), tuple(bead.tgt)) if side == "src" else \
                    (tuple(bead.src), tuple(rest))
                alone = ((unit,), ()) if side == "src" else ((), (unit,))
                new = (alone, kept) if unit == span[0] else (kept, alone)
                moves.append(Move("detach", (k,), new))
    for k in range(n - 1):
        b1, b2 = beads[k], beads[k + 1]
        if not (b1.src and b1.tgt and b2.src and b2.tgt):
            continue
        if not (_doubtful(b1) or _doubtful(b2)):
            continue
        for side in ("src", "tgt"):
            s1, s2 = list(getattr(b1, side)), list(getattr(b2, side))
            options = []
            for u in range(1, SHIFT_UNITS + 1):
                if len(s1) > u and len(s2) + u <= MAX_SIDE:
                    options.append((s1[:-u], s1[-u:] + s2))
                if len(s2) > u and len(s1) + u <= MAX_SIDE:
                    options.append((s1 + s2[:u], s2[u:]))
            for n1, n2 in options:
                if side == "src":
                    new = ((tuple(n1), tuple(b1.tgt)), (tuple(n2), tuple(b2.tgt)))
                else:
                    new = ((tuple(b1.src), tuple(n1)), (tuple(b2.src), tuple(n2)))
                moves.append(Move("shift", (k, k + 1), new))
    return moves


def _bridges(beads: list[RawBead]) -> list[Move]:
    """Shifts across an unaligned unit: it joins one neighbour, which hands over to the
    other neighbour one or two units of the other side (a dropped clause of a sentence
    whose translation was cut at commas)."""
    moves: list[Move] = []
    for k in range(1, len(beads) - 1):
        b0, bead, b1 = beads[k - 1], beads[k], beads[k + 1]
        if (bead.src and bead.tgt) or not (b0.src and b0.tgt and b1.src and b1.tgt):
            continue
        side, other = ("src", "tgt") if bead.src else ("tgt", "src")
        unit = getattr(bead, side)[0]
        a0, a1 = list(getattr(b0, side)), list(getattr(b1, side))
        o0, o1 = list(getattr(b0, other)), list(getattr(b1, other))
        if a0[-1] + 1 != unit or unit + 1 != a1[0]:
            continue
        options = []
        for u in range(1, SHIFT_UNITS + 1):
            if len(o0) > u:     # the unit joins the previous bead, which hands units on
                options.append((a0 + [unit], o0[:-u], a1, o0[-u:] + o1))
            if len(o1) > u:     # the unit joins the next bead, which hands units back
                options.append((a0, o0 + o1[:u], [unit] + a1, o1[u:]))
        for n0, m0, n1, m1 in options:
            if max(len(n0), len(m0), len(n1), len(m1)) > MAX_SIDE:
                continue
            pair0 = (tuple(n0), tuple(m0)) if side == "src" else (tuple(m0), tuple(n0))
            pair1 = (tuple(n1), tuple(m1)) if side == "src" else (tuple(m1), tuple(n1))
            moves.append(Move("shift", (k - 1, k, k + 1), (pair0, pair1)))
    return moves


class _Cosines:
    """Cosines of (source span, target span) pairs from embeddings of the joined texts."""

    def __init__(self, src_texts, tgt_texts, src_lang, tgt_lang, encode):
        self.st, self.tt = src_texts, tgt_texts
        self.sl, self.tl = src_lang, tgt_lang
        self.encode = encode
        self.vec: dict[tuple[str, tuple[int, ...]], np.ndarray] = {}

    def prepare(self, pairs) -> None:
        need: dict[tuple[str, tuple[int, ...]], str] = {}
        for s, t in pairs:
            for key, text in ((("s", s), (self.st, s, self.sl)), (("t", t), (self.tt, t, self.tl))):
                if key not in self.vec and key not in need:
                    need[key] = _join(*text)
        if need:
            keys = list(need)
            vecs = self.encode([need[k] for k in keys])
            self.vec.update(zip(keys, vecs))

    def cos(self, s: tuple[int, ...], t: tuple[int, ...]) -> float:
        return float(self.vec[("s", s)] @ self.vec[("t", t)])

    def score(self, s: tuple[int, ...], t: tuple[int, ...]) -> float:
        """The cosine less ``PUNCT_PENALTY`` when the two sides end differently."""
        return self.cos(s, t) - PUNCT_PENALTY * _ends_differ(self.st[s[-1]], self.tt[t[-1]])


def _ends_differ(src_last: str, tgt_last: str) -> bool:
    """True when one side's last unit ends a sentence and the other's a clause."""
    return bool((SENTENCE_END.search(src_last) and CLAUSE_END.search(tgt_last))
                or (CLAUSE_END.search(src_last) and SENTENCE_END.search(tgt_last)))


def refine(beads: list[RawBead], src: SideFeatures, tgt: SideFeatures,
           src_texts: Sequence[str], tgt_texts: Sequence[str], *, src_lang: str,
           tgt_lang: str, encode: Callable[[list[str]], np.ndarray], ratio: float,
           len_smooth: float = 12.0, moves: Sequence[str] = ("absorb", "detach", "shift"),
           detach_min_gain: float = DETACH_MIN_GAIN) -> list[RawBead]:
    """Improve beads around doubtful ones (see the module docstring).

    Args:
        beads: the DP's beads, in order, covering both sides.
        src, tgt: the features the DP used (lengths and numbers are read).
        src_texts, tgt_texts: the unit texts.
        encode: texts -> (k, d) L2-normalised embeddings (the embedder's ``encode``).
        ratio: the expected target/source length ratio.
        moves: the kinds of move allowed.
        detach_min_gain: the cosine gain that detaches an edge unit; it must stay above
            ``ABSORB_TOLERANCE`` when absorbing is allowed too (no back and forth).

    Returns:
        The new beads; changed beads get their cosine, margin, length and numbers redone.
    """
    beads = list(beads)
    allowed = set(moves)
    cos = _Cosines(src_texts, tgt_texts, src_lang, tgt_lang, encode)
    for _ in range(ROUNDS):
        candidates = [m for m in _candidates(beads) if m.kind in allowed]
        if not candidates:
            break
        pairs = {(tuple(beads[i].src), tuple(beads[i].tgt)) for m in candidates for i in m.beads
                 if beads[i].src and beads[i].tgt}
        pairs |= {p for m in candidates for p in m.new if p[0] and p[1]}
        cos.prepare(sorted(pairs))
        scored = []
        for move in candidates:
            old = sum(cos.score(tuple(beads[i].src), tuple(beads[i].tgt)) for i in move.beads
                      if beads[i].src and beads[i].tgt)
            new = sum(cos.score(s, t) for s, t in move.new if s and t)
            gain = new - old
            if (move.kind == "absorb" and gain > -ABSORB_TOLERANCE) or \
                    (move.kind == "detach" and gain > detach_min_gain) or \
                    (move.kind == "shift" and gain > SHIFT_MIN_GAIN):
                scored.append((gain, move))
        if not scored:
            break
        scored.sort(key=lambda x: -x[0])
        touched: set[int] = set()
        replace: dict[int, Move] = {}
        for _, move in scored:
            if touched.intersection(move.beads):
                continue
            touched.update(move.beads)
            replace[move.beads[0]] = move
        out: list[RawBead] = []
        k = 0
        while k < len(beads):
            move = replace.get(k)
            if move is None:
                out.append(beads[k])
                k += 1
                continue
            keep = beads[move.beads[0]] if beads[move.beads[0]].src and beads[move.beads[0]].tgt \
                else beads[move.beads[-1]]
            baseline = keep.cosine - keep.margin
            for s, t in move.new:
                if s and t:
                    out.append(_describe(list(s), list(t), cos.cos(s, t), baseline, src, tgt,
                                         ratio, len_smooth))
                else:
                    out.append(RawBead(list(s), list(t), extra={"refined": True}))
            k = move.beads[-1] + 1
        beads = out
    return beads


def _describe(s: list[int], t: list[int], cosine: float, baseline: float, src: SideFeatures,
              tgt: SideFeatures, ratio: float, len_smooth: float) -> RawBead:
    ls, lt = float(src.lens[s].sum()), float(tgt.lens[t].sum())
    len_err = float(np.log((lt + len_smooth) / (ratio * ls + len_smooth)))
    ns_ = np.minimum(src.nums[s].sum(axis=0), 1.0)
    nt_ = np.minimum(tgt.nums[t].sum(axis=0), 1.0)
    numbers = "none"
    if ns_.any() and nt_.any():
        numbers = "agree" if np.array_equal(ns_, nt_) else "differ"
    elif ns_.any() or nt_.any():
        numbers = "one_side"
    ls_lab = [x for x in src.labels[s] if x >= 0]
    lt_lab = [x for x in tgt.labels[t] if x >= 0]
    label = "none"
    if ls_lab and lt_lab:   # two numbered paragraphs against one is a conflict too
        label = "agree" if set(ls_lab) == set(lt_lab) and len(set(ls_lab)) == 1 else "differ"
    return RawBead(s, t, score=0.0, margin=cosine - baseline, cosine=cosine, len_error=len_err,
                   numbers=numbers, label=label, extra={"refined": True})
