"""Unit-list alignment: embeddings -> features -> band -> DP -> beads with confidence and flags.

``align_units`` and ``align_sentence_lists`` are the entry points for plain lists; the
paragraph and multilingual aligners build on :func:`align_features`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

import numpy as np

from align.aligners.band import coarse_band
from align.aligners.dp import Band, Params, RawBead, run_dp
from align.aligners.features import SideFeatures, build_features, label_ids
from align.aligners.refine import refine
from align.alignment import (
    FLAG_LABEL_MISMATCH,
    FLAG_LENGTH_OUTLIER,
    FLAG_LOW_MARGIN,
    FLAG_NOT_ONE_TO_ONE,
    FLAG_NUMBER_MISMATCH,
    FLAG_UNALIGNED,
    Bead,
    PairAlignment,
    Unit,
)
from align.embed.base import Embedder
from align.errors import AlignmentInputError
from align.signature import Signature

ALIGNER_NAME = "un-align-dp"
#: margin at which a 1-1 bead is a coin toss, and the margin scale of the confidence
#: sigmoid (calibrated on the gold corpora and SDG documents: bench/eval_confidence.py)
MARGIN_MID = 0.02
MARGIN_SCALE = 0.03
#: the same for an n:m bead, whose margin is lowered by merging (the parts' neighbours add up)
MERGE_MARGIN_MID = -0.01
#: added to the sigmoid's argument when both neighbouring beads are sure 1-1 beads: the
#: bead is then pinned between two fixed points, and a wrong one there is rare
CONTEXT_BOOST = 1.5
#: below this margin a bead is flagged low_margin
LOW_MARGIN = 0.06
#: |log length ratio error| above this is a length outlier (about a factor 2)
LENGTH_OUTLIER = math.log(2.2)
#: confidence given to a unit left unaligned
UNALIGNED_CONFIDENCE = 0.5


def align_features(src: SideFeatures, tgt: SideFeatures, *, params: Params = Params(),
                   band: Band | None = None, ratio: float | None = None,
                   knn: tuple[np.ndarray, np.ndarray] | None = None) -> list[RawBead]:
    """The DP with a coarse-to-fine band when the inputs are long (see ``band.coarse_band``)."""
    if band is None:
        band = coarse_band(src, tgt, params, run_dp, ratio=ratio)
    return run_dp(src, tgt, params=params, band=band, ratio=ratio, knn=knn)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))


def finish(raw: Sequence[RawBead]) -> list[Bead]:
    """Beads with a confidence in [0, 1] and flags.

    The confidence is a sigmoid of the bead's margin (shifted for n:m beads), raised by
    an agreeing label and by sure 1-1 neighbours on both sides, and scaled down by each
    flag of a doubt (label or number mismatch, length outlier). A 1-0/0-1 bead gets
    ``UNALIGNED_CONFIDENCE`` (about half of them are right on the SDG variants).
    """
    sure = [len(rb.src) == 1 and len(rb.tgt) == 1 and
            (rb.margin >= LOW_MARGIN or rb.label == "agree") for rb in raw]
    beads = []
    for k, rb in enumerate(raw):
        flags: list[str] = []
        if not rb.src or not rb.tgt:
            beads.append(Bead(list(rb.src), list(rb.tgt), score=rb.score,
                              confidence=UNALIGNED_CONFIDENCE,
                              flags=[FLAG_UNALIGNED, FLAG_NOT_ONE_TO_ONE]))
            continue
        merge = len(rb.src) != 1 or len(rb.tgt) != 1
        z = (rb.margin - (MERGE_MARGIN_MID if merge else MARGIN_MID)) / MARGIN_SCALE
        if 0 < k < len(raw) - 1 and sure[k - 1] and sure[k + 1]:
            z += CONTEXT_BOOST
        factor = 1.0
        if rb.label == "agree":
            z += 2.0
        elif rb.label == "differ":
            flags.append(FLAG_LABEL_MISMATCH)
            factor *= 0.5
        if rb.numbers == "differ":
            flags.append(FLAG_NUMBER_MISMATCH)
            factor *= 0.6
        if abs(rb.len_error) > LENGTH_OUTLIER:
            flags.append(FLAG_LENGTH_OUTLIER)
            factor *= 0.8
        if merge:
            flags.append(FLAG_NOT_ONE_TO_ONE)
        if rb.margin < LOW_MARGIN and rb.label != "agree":
            flags.append(FLAG_LOW_MARGIN)
        conf = round(_sigmoid(z) * factor, 4)
        beads.append(Bead(list(rb.src), list(rb.tgt), score=round(rb.score, 4),
                          confidence=conf, flags=flags))
    return beads


def embed_texts(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embeddings (n, d) of texts; empty texts are embedded as a single space."""
    return embedder.encode([t if t.strip() else " " for t in texts])


def align_units(src: list[Unit], tgt: list[Unit], *, src_lang: str, tgt_lang: str,
                embedder: Embedder, fixed: Sequence[Bead] = (),
                params: Params = Params()) -> list[Bead]:
    """Align two unit lists, keeping the ``fixed`` beads (e.g. confirmed by a reviewer).

    Fixed beads with both sides split the problem into independent gaps; a fixed 1-0 or
    0-1 bead takes its unit out of the search. Everything else is realigned.

    Raises:
        AlignmentInputError: fixed beads overlap, cross, or point outside the lists.
    """
    n, m = len(src), len(tgt)
    fixed = sorted(fixed, key=lambda b: (min(b.src, default=-1), min(b.tgt, default=-1)))
    used_s: set[int] = set()
    used_t: set[int] = set()
    for bead in fixed:
        if any(i < 0 or i >= n for i in bead.src) or any(j < 0 or j >= m for j in bead.tgt):
            raise AlignmentInputError(
                f"fixed bead {bead} points outside the texts ({n} x {m} units)")
        if used_s.intersection(bead.src) or used_t.intersection(bead.tgt):
            raise AlignmentInputError(f"fixed bead {bead} overlaps another fixed bead")
        used_s.update(bead.src)
        used_t.update(bead.tgt)
    texts_s = [u.text for u in src]
    texts_t = [u.text for u in tgt]
    lab_s, lab_t = label_ids([_unit_key(u) for u in src], [_unit_key(u) for u in tgt])
    fs = build_features(texts_s, embed_texts(embedder, texts_s), lab_s)
    ft = build_features(texts_t, embed_texts(embedder, texts_t), lab_t)
    return align_with_fixed(fs, ft, fixed, params=params, texts=(texts_s, texts_t),
                            langs=(src_lang, tgt_lang),
                            encode=lambda texts: embed_texts(embedder, texts))


def _unit_key(unit: Unit) -> str | None:
    """Equal for units carrying the same paragraph number (a soft label in the DP)."""
    return f"{unit.kind}:{unit.number}" if unit.number else None


def align_with_fixed(fs: SideFeatures, ft: SideFeatures, fixed: Sequence[Bead], *,
                     params: Params = Params(),
                     texts: tuple[Sequence[str], Sequence[str]] | None = None,
                     langs: tuple[str, str] = ("", ""),
                     encode: Callable[[list[str]], np.ndarray] | None = None) -> list[Bead]:
    """Align feature arrays around fixed beads; with ``texts`` and ``encode`` the
    second pass (``refine``) runs in each gap too."""
    n, m = len(fs), len(ft)
    full = [b for b in fixed if b.src and b.tgt]
    drop_s = {i for b in fixed if not b.tgt for i in b.src}
    drop_t = {j for b in fixed if not b.src for j in b.tgt}
    cuts = [(min(b.src), max(b.src) + 1, min(b.tgt), max(b.tgt) + 1) for b in full]
    for (_, s1, _, t1), (s0n, _, t0n, _) in zip(cuts, cuts[1:]):
        if s0n < s1 or t0n < t1:
            raise AlignmentInputError("fixed beads cross each other: they must keep the text order")
    out: list[Bead] = []
    a = b = 0
    for bead, (s0, s1, t0, t1) in zip(full + [None], cuts + [(n, n, m, m)]):
        src_idx = [i for i in range(a, s0) if i not in drop_s]
        tgt_idx = [j for j in range(b, t0) if j not in drop_t]
        if src_idx or tgt_idx:
            sub_s, sub_t = fs.subset(src_idx), ft.subset(tgt_idx)
            raw = align_features(sub_s, sub_t, params=params, ratio=_ratio(fs, ft))
            if texts is not None and encode is not None and src_idx and tgt_idx:
                raw = refine(raw, sub_s, sub_t, [texts[0][i] for i in src_idx],
                             [texts[1][j] for j in tgt_idx], src_lang=langs[0],
                             tgt_lang=langs[1], encode=encode, ratio=_ratio(fs, ft),
                             len_smooth=params.len_smooth)
            for rb in finish(raw):
                rb.src = [src_idx[i] for i in rb.src]
                rb.tgt = [tgt_idx[j] for j in rb.tgt]
                out.append(rb)
        if bead is not None:
            out.append(Bead(list(bead.src), list(bead.tgt), score=bead.score,
                            confidence=bead.confidence, flags=list(bead.flags)))
        a, b = s1, t1
    out.extend(Bead(list(x.src), list(x.tgt), score=x.score, confidence=x.confidence,
                    flags=list(x.flags)) for x in fixed if not (x.src and x.tgt))
    return order_beads(out)


def order_beads(beads: Sequence[Bead]) -> list[Bead]:
    """Beads in text order: by first source unit; a 0-1 bead right after the bead holding
    the target unit before it."""
    with_src = sorted((b for b in beads if b.src), key=lambda b: min(b.src))
    keys = [(float(min(b.src)), 0.0) for b in with_src]
    ends = sorted((max(b.tgt), max(b.src)) for b in with_src if b.tgt)
    tgt_ends = np.array([t for t, _ in ends], dtype=np.int64)
    # the last source unit of any bead ending before each target position
    src_before = np.maximum.accumulate(np.array([s for _, s in ends], dtype=np.int64)) \
        if ends else np.zeros(0, dtype=np.int64)
    out = list(zip(keys, range(len(with_src)), with_src))
    for k, bead in enumerate(b for b in beads if not b.src):
        j = min(bead.tgt)
        pos = int(np.searchsorted(tgt_ends, j)) - 1
        anchor = int(src_before[pos]) if pos >= 0 else -1
        out.append(((anchor + 0.5, float(j)), len(with_src) + k, bead))
    out.sort(key=lambda x: (x[0], x[1]))
    return [b for _, _, b in out]


def _ratio(fs: SideFeatures, ft: SideFeatures) -> float:
    s, t = float(fs.lens.sum()), float(ft.lens.sum())
    return t / s if s > 0 and t > 0 else 1.0


def align_sentence_lists(src: list[str], tgt: list[str], *, src_lang: str, tgt_lang: str,
                         embedder: Embedder, params: Params = Params()) -> PairAlignment:
    """Align two sentence lists without anchors (coarse-to-fine for long inputs).

    Blank lines are never merged with a sentence: each becomes a 1-0 or 0-1 bead.

    Returns:
        A :class:`PairAlignment` whose beads cover every line of both lists in order; its
        signature records the model, parameters and the seconds spent embedding/aligning.
    """
    if not any(t.strip() for t in src) and not any(t.strip() for t in tgt):
        raise AlignmentInputError("both texts are empty: nothing to align")
    keep_s = [i for i, t in enumerate(src) if t.strip()]
    keep_t = [j for j, t in enumerate(tgt) if t.strip()]
    texts_s = [src[i] for i in keep_s]
    texts_t = [tgt[j] for j in keep_t]
    t0 = time.perf_counter()
    vs = embed_texts(embedder, texts_s)
    vt = embed_texts(embedder, texts_t)
    t1 = time.perf_counter()
    fs, ft = build_features(texts_s, vs), build_features(texts_t, vt)
    raw = align_features(fs, ft, params=params)
    t2 = time.perf_counter()
    raw = refine(raw, fs, ft, texts_s, texts_t, src_lang=src_lang, tgt_lang=tgt_lang,
                 encode=lambda texts: embed_texts(embedder, texts), ratio=_ratio(fs, ft),
                 len_smooth=params.len_smooth)
    t3 = time.perf_counter()
    beads = finish(raw)
    for bead in beads:
        bead.src = [keep_s[i] for i in bead.src]
        bead.tgt = [keep_t[j] for j in bead.tgt]
    blank = [i for i, t in enumerate(src) if not t.strip()]
    blank_t = [j for j, t in enumerate(tgt) if not t.strip()]
    beads += [Bead([i], [], confidence=1.0, flags=[FLAG_UNALIGNED]) for i in blank]
    beads += [Bead([], [j], confidence=1.0, flags=[FLAG_UNALIGNED]) for j in blank_t]
    beads = order_beads(beads)
    t4 = time.perf_counter()
    sig = signature(embedder, params, unit="sentence")
    sig["timing"] = {"embed_s": round(t1 - t0, 3), "align_s": round(t2 - t1 + t4 - t3, 3),
                     "refine_s": round(t3 - t2, 3)}
    return PairAlignment(src_lang=src_lang, tgt_lang=tgt_lang,
                         src=[Unit(text=t, kind="body", sentence=i) for i, t in enumerate(src)],
                         tgt=[Unit(text=t, kind="body", sentence=i) for i, t in enumerate(tgt)],
                         beads=beads, unit="sentence", signature=sig)


def signature(embedder: Embedder, params: Params, **extra) -> dict:
    """The signature dict of a result made with this embedder and these parameters."""
    p = {"skip": params.skip, "len_weight": params.len_weight, "num_weight": params.num_weight,
         "label_weight": params.label_weight, "knn": params.knn,
         "part_floor": params.part_floor, "part_weight": params.part_weight,
         "beads": ",".join(f"{s}-{t}" for s, t, _ in params.types) + ",1-0,0-1"}
    p.update({k: v for k, v in extra.items() if v is not None})
    return Signature(aligner=ALIGNER_NAME, model=getattr(embedder, "model_id", "unknown"),
                     params=p).to_dict()
