"""Document pairs: units from segments, number/heading anchors, paragraph and sentence DP."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from align.aligners.band import anchor_band, coarse_band, intersect, make_monotone, monotone_chain
from align.aligners.core import embed_texts, finish, signature
from align.aligners.dp import Band, Params, RawBead, run_dp
from align.aligners.features import SideFeatures, build_features, label_ids
from align.aligners.refine import refine
from align.alignment import Bead, PairAlignment, Unit
from align.document import BODY_KINDS, Document
from align.embed.base import Embedder
from align.errors import AlignmentInputError
from align.un.sentences import split_sentences

UNIT_KINDS = ("paragraph", "sentence")
#: an anchor candidate must have at least this 1-1 cosine margin over its neighbourhood
ANCHOR_MIN_MARGIN = -0.05
#: labels repeated more often than this on one side are not anchor candidates
MAX_LABEL_REPEATS = 3
#: sentence DP: a paragraph pair is aligned against the neighbours within this many sentences
SENTENCE_CONTEXT = 30
#: weights of paragraph-level scoring (labels count a lot; long units, smooth lengths less;
#: each part of a merge must match the other side by itself)
PARAGRAPH_PARAMS = Params(label_weight=0.3, len_smooth=30.0, part_weight=2.0)
SENTENCE_PARAMS = Params()
#: paragraphs are only ever detached from a merge by the second pass: a paragraph
#: absorbed by a neighbour on the same topic would dilute it too little to be refused
PARAGRAPH_MOVES = ("detach",)
#: a paragraph is detached from a merge as soon as the merge's real cosine rises without
#: it (no absorb move at this level, so no back and forth)
PARAGRAPH_DETACH_MIN_GAIN = 0.0


def document_units(doc: Document, unit: str) -> list[Unit]:
    """The alignable units of a document.

    Args:
        doc: the document.
        unit: ``paragraph`` (one unit per heading/paragraph/sub-item/body segment) or
            ``sentence`` (the sentences of each of those segments).
    """
    if unit not in UNIT_KINDS:
        raise AlignmentInputError(f"unknown unit {unit!r}: use paragraph or sentence")
    units: list[Unit] = []
    for idx, seg in enumerate(doc.segments):
        if seg.kind not in BODY_KINDS or not seg.text.strip():
            continue
        if unit == "paragraph":
            units.append(Unit(text=seg.text.strip(), number=seg.number, kind=seg.kind,
                              segment=idx, page=seg.page))
            continue
        for k, sent in enumerate(split_sentences(seg.text, doc.lang) or [seg.text]):
            if sent.strip():
                units.append(Unit(text=sent.strip(), number=seg.number, kind=seg.kind,
                                  segment=idx, sentence=k, page=seg.page))
    return units


def label_keys(doc: Document, units: Sequence[Unit]) -> list[str | None]:
    """A key per unit that equals across languages for the same numbered segment.

    Headings are keyed under their chapter (``h:II/A``), sub-items under their paragraph
    (``s:3/b``), paragraphs by number (``p:16.1``); unnumbered units get None.
    """
    chapter = None
    last_para = None
    seg_keys: dict[int, str | None] = {}
    for idx, seg in enumerate(doc.segments):
        key = None
        if seg.kind == "heading" and seg.number:
            if seg.level <= 1:
                chapter = seg.number
                key = f"h:{seg.number}"
            else:
                key = f"h:{chapter}/{seg.number}"
        elif seg.kind == "paragraph" and seg.number:
            last_para = seg.number
            key = f"p:{seg.number}"
        elif seg.kind == "subitem" and seg.number:
            key = f"s:{seg.parent or last_para}/{seg.number}"
        seg_keys[idx] = key
    return [seg_keys.get(u.segment) if u.segment is not None else None for u in units]


def find_anchors(keys_s: Sequence[str | None], keys_t: Sequence[str | None],
                 sims: np.ndarray) -> list[tuple[int, int]]:
    """Hard anchors: label matches forming the heaviest monotone chain.

    Only labels that occur once on each side become hard anchors; a repeated, missing or
    misread number leaves its paragraphs to the DP (where equal labels still count).

    Args:
        keys_s, keys_t: label keys (None = unlabelled).
        sims: (n, m) margins of the 1-1 pairs (cosine minus neighbourhood mean).
    """
    count_s = Counter(k for k in keys_s if k)
    count_t = Counter(k for k in keys_t if k)
    where_t: dict[str, list[int]] = {}
    for j, k in enumerate(keys_t):
        if k:
            where_t.setdefault(k, []).append(j)
    cands = []
    for i, k in enumerate(keys_s):
        if not k or count_s[k] > MAX_LABEL_REPEATS or count_t[k] > MAX_LABEL_REPEATS:
            continue            # a label seen many times anchors nothing (soft label only)
        for j in where_t.get(k, []):
            if sims[i, j] >= ANCHOR_MIN_MARGIN:
                unique = count_s[k] == 1 and count_t[k] == 1
                cands.append((i, j, (2.0 if unique else 1.0) + float(sims[i, j]), unique))
    chain = monotone_chain([(i, j, w) for i, j, w, _ in cands])
    unique_pairs = {(i, j) for i, j, _, u in cands if u}
    return [p for p in chain if p in unique_pairs]


def _margins(fs: SideFeatures, ft: SideFeatures, k: int = 4) -> np.ndarray:
    """(n, m) cosine margins (for anchor selection on paragraph-sized inputs)."""
    sims = fs.vecs @ ft.vecs.T
    kk_s = min(k, sims.shape[1])
    kk_t = min(k, sims.shape[0])
    ks = np.sort(sims, axis=1)[:, -kk_s:].mean(axis=1)
    kt = np.sort(sims, axis=0)[-kk_t:, :].mean(axis=0)
    return sims - 0.5 * (ks[:, None] + kt[None, :])


def align_paragraph_features(fs: SideFeatures, ft: SideFeatures, keys_s, keys_t,
                             params: Params = PARAGRAPH_PARAMS) -> list[RawBead]:
    """Paragraph DP with hard anchors from unique labels (pure)."""
    n, m = len(fs), len(ft)
    if n == 0 or m == 0:
        return run_dp(fs, ft, params=params)
    margins = _margins(fs, ft) if n * m <= 4_000_000 else np.zeros((n, m), np.float32)
    anchors = find_anchors(keys_s, keys_t, margins)
    ratio = None
    if anchors:
        ls = sum(fs.lens[i] for i, _ in anchors)
        lt = sum(ft.lens[j] for _, j in anchors)
        ratio = lt / ls if ls > 0 and lt > 0 else None
    band = coarse_band(fs, ft, params, run_dp, ratio=ratio)
    if anchors:
        band = intersect(band, anchor_band(n, m, anchors), m)
    return run_dp(fs, ft, params=params, band=band, ratio=ratio)


def _ratio_of(fs: SideFeatures, ft: SideFeatures) -> float:
    s, t = float(fs.lens.sum()), float(ft.lens.sum())
    return t / s if s > 0 and t > 0 else 1.0


def _features(units: list[Unit], vecs: np.ndarray, labels: np.ndarray) -> SideFeatures:
    return build_features([u.text for u in units], vecs, labels)


def align_pair(src: Document, tgt: Document, *, unit: str = "paragraph", embedder: Embedder,
               progress: Callable[[str, float], None] | None = None) -> PairAlignment:
    """Align two language versions of one document.

    Paragraphs first (anchors from numbers and headings, then the DP); for
    ``unit="sentence"`` the sentences inside each paragraph bead are aligned next.

    Raises:
        AlignmentInputError: a document has no body text, or the unit is unknown.
    """
    for doc in (src, tgt):
        if not any(s.kind in BODY_KINDS and s.text.strip() for s in doc.segments):
            name = f" {doc.name}" if doc.name else ""
            raise AlignmentInputError(f"the {doc.lang} document{name} has no body text to align")
    t0 = time.perf_counter()
    pu_s, pu_t = document_units(src, "paragraph"), document_units(tgt, "paragraph")
    keys_s, keys_t = label_keys(src, pu_s), label_keys(tgt, pu_t)
    lab_s, lab_t = label_ids(keys_s, keys_t)
    fs = _features(pu_s, embed_texts(embedder, [u.text for u in pu_s]), lab_s)
    ft = _features(pu_t, embed_texts(embedder, [u.text for u in pu_t]), lab_t)
    t1 = time.perf_counter()
    raw = align_paragraph_features(fs, ft, keys_s, keys_t)
    raw = refine(raw, fs, ft, [u.text for u in pu_s], [u.text for u in pu_t],
                 src_lang=src.lang, tgt_lang=tgt.lang,
                 encode=lambda texts: embed_texts(embedder, texts),
                 ratio=_ratio_of(fs, ft), len_smooth=PARAGRAPH_PARAMS.len_smooth,
                 moves=PARAGRAPH_MOVES, detach_min_gain=PARAGRAPH_DETACH_MIN_GAIN)
    t2 = time.perf_counter()
    embed_s, align_s = t1 - t0, t2 - t1
    if unit == "paragraph":
        beads = finish(raw)
        su, tu = pu_s, pu_t
    else:
        if progress:
            progress(f"sentences {src.lang}-{tgt.lang}", 0.5)
        su, tu = document_units(src, "sentence"), document_units(tgt, "sentence")
        t3 = time.perf_counter()
        vs = embed_texts(embedder, [u.text for u in su])
        vt = embed_texts(embedder, [u.text for u in tu])
        t4 = time.perf_counter()
        beads = align_sentences_in_paragraphs(
            pu_s, pu_t, raw, su, tu, vs, vt, langs=(src.lang, tgt.lang),
            encode=lambda texts: embed_texts(embedder, texts))
        embed_s += t4 - t3
        align_s += time.perf_counter() - t4
    sig = signature(embedder, PARAGRAPH_PARAMS if unit == "paragraph" else SENTENCE_PARAMS,
                    unit=unit)
    sig["timing"] = {"embed_s": round(embed_s, 3), "align_s": round(align_s, 3)}
    return PairAlignment(src_lang=src.lang, tgt_lang=tgt.lang, src=su, tgt=tu, beads=beads,
                         unit=unit, signature=sig)


def align_sentences_in_paragraphs(pu_s: list[Unit], pu_t: list[Unit], para_beads: list[RawBead],
                                  su: list[Unit], tu: list[Unit], vs: np.ndarray,
                                  vt: np.ndarray, params: Params = SENTENCE_PARAMS, *,
                                  langs: tuple[str, str] = ("", ""),
                                  encode: Callable[[list[str]], np.ndarray] | None = None
                                  ) -> list[Bead]:
    """Sentence beads inside each paragraph bead.

    The nearest-neighbour means of the margin come from a band around the paragraph
    alignment (a paragraph's few sentences are too small a neighbourhood). With
    ``encode``, the second pass (``refine``) embeds candidate merges inside each bead.
    """
    seg_s = _sentences_by_segment(su)
    seg_t = _sentences_by_segment(tu)
    fs = build_features([u.text for u in su], vs)
    ft = build_features([u.text for u in tu], vt)
    groups = []  # (source sentence indices, target sentence indices) per paragraph bead
    for pb in para_beads:
        s_idx = [k for i in pb.src for k in seg_s.get(pu_s[i].segment, [])]
        t_idx = [k for j in pb.tgt for k in seg_t.get(pu_t[j].segment, [])]
        groups.append((s_idx, t_idx))
    n, m = len(su), len(tu)
    knn = _context_knn(fs, ft, groups, n, m, params.knn)
    ratio = float(ft.lens.sum() / fs.lens.sum()) if fs.lens.sum() > 0 and ft.lens.sum() > 0 else 1.0
    out: list[Bead] = []
    for s_idx, t_idx in groups:
        if not s_idx or not t_idx:
            raw = [RawBead([i], []) for i in range(len(s_idx))] + \
                  [RawBead([], [j]) for j in range(len(t_idx))]
        else:
            sub_s, sub_t = fs.subset(s_idx), ft.subset(t_idx)
            raw = run_dp(sub_s, sub_t, params=params, ratio=ratio,
                         knn=(knn[0][s_idx], knn[1][t_idx]))
            if encode is not None:
                raw = refine(raw, sub_s, sub_t, [su[i].text for i in s_idx],
                             [tu[j].text for j in t_idx], src_lang=langs[0], tgt_lang=langs[1],
                             encode=encode, ratio=ratio, len_smooth=params.len_smooth)
        for bead in finish(raw):
            bead.src = [s_idx[i] for i in bead.src]
            bead.tgt = [t_idx[j] for j in bead.tgt]
            out.append(bead)
    return out


def _sentences_by_segment(units: Sequence[Unit]) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    for k, u in enumerate(units):
        out.setdefault(u.segment, []).append(k)
    return out


def _context_knn(fs: SideFeatures, ft: SideFeatures, groups, n: int, m: int, k: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Nearest-neighbour means within ``SENTENCE_CONTEXT`` sentences of the paragraph path."""
    from align.aligners.dp import BandedSims, knn_means

    if n == 0 or m == 0:
        return np.zeros(n), np.zeros(m)
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    a = b = 0
    for s_idx, t_idx in groups:
        a1, b1 = a + len(s_idx), b + len(t_idx)
        r0, r1 = max(a - SENTENCE_CONTEXT, 0), min(a1 + SENTENCE_CONTEXT, n)
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], max(b - SENTENCE_CONTEXT, 0))
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], min(b1 + SENTENCE_CONTEXT, m))
        a, b = a1, b1
    band: Band = make_monotone(lo, hi, m)
    rows = np.arange(n)
    sims = BandedSims(fs.vecs, ft.vecs, band.lo[rows], np.maximum(band.hi[rows + 1], band.lo[rows]))
    return knn_means(sims, m, k)
