"""Calibration of bead confidence, and a literary-style stress set.

Calibration: every bead produced on the gold corpora (``align sentences`` path, i.e.
``align_sentence_lists``, and paragraphs of ``align_pair``) and on the SDG goal documents
(``align_pair`` paragraphs, variants of ``eval_sdg.py``) is bucketed by its confidence;
a bead is correct when the gold holds exactly that bead. The table gives the accuracy
per bucket, for all beads and for n:m merges (2+ units on a side) alone.

Stress (``--stress``): the English/French/Spanish sentences of 1-1 gold beads cut at
commas/semicolons into up to three pieces (each at least ``MIN_PIECE`` characters),
which turns those beads into 1-2/1-3 ones, and every 17th Chinese sentence dropped
(its pieces become 0-1 beads); strict and lax F1 of ``align_sentence_lists`` against
the transformed gold.

Usage: ``python bench/eval_confidence.py [--corpora corpora] [--shared ../shared]
[--no-sdg] [--stress]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from align.eval import score_many  # noqa: E402

BUCKETS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))
#: commas and semicolons where an English sentence may be cut into pieces
CUT = re.compile(r"(?<=[,;])\s+")
MIN_PIECE = 25
DROP_EVERY = 17

Record = tuple[float, bool, bool]  # confidence, correct, merge


def _records(beads, gold) -> list[Record]:
    gold_set = {(tuple(s), tuple(t)) for s, t in gold}
    return [(b.confidence, (tuple(b.src), tuple(b.tgt)) in gold_set,
             len(b.src) > 1 or len(b.tgt) > 1) for b in beads]


def corpora_records(corpora: Path, shared: Path | None, embedder) -> list[Record]:
    """Records of the corpora: sentence lists and paragraphs, every zh–X pair."""
    from eval_corpora import Unavailable, gold_documents, load_pair

    from align.aligners import align_pair, align_sentence_lists

    out: list[Record] = []
    for doc_id in gold_documents(corpora):
        for gold in sorted((corpora / doc_id / "gold").glob("zh-*")):
            lang = gold.name.split("-", 1)[1]
            try:
                data = load_pair(corpora, doc_id, lang, shared)
            except Unavailable:
                break
            sl = align_sentence_lists(data.zh_sents, data.x_sents, src_lang="zh",
                                      tgt_lang=lang, embedder=embedder)
            out += _records(sl.beads, data.sent_beads)
            pa = align_pair(data.zh_doc, data.x_doc, unit="paragraph", embedder=embedder)
            out += _records(pa.beads, data.para_beads)
    return out


def sdg_records(shared: Path, embedder) -> list[Record]:
    """Records of the SDG goal documents (paragraphs), zh against each language."""
    from eval_sdg import LANGS, VARIANTS, build_goal, load_sdg

    from align.aligners import align_pair

    sdg = load_sdg(shared)
    rng = random.Random(7)
    out: list[Record] = []
    for variant in VARIANTS:
        for goal in range(1, 18):
            docs, gold = build_goal(sdg, goal, variant, rng)
            for k, lang in enumerate(LANGS[1:], start=1):
                pa = align_pair(docs[0], docs[k], unit="paragraph", embedder=embedder)
                out += _records(pa.beads, gold[lang])
    return out


def table(records: list[Record]) -> list[str]:
    lines = ["| confidence | beads | correct | accuracy | merges | merges correct |",
             "|------------|------:|--------:|---------:|-------:|---------------:|"]
    for lo, hi in BUCKETS:
        sel = [r for r in records if lo <= r[0] < hi]
        mer = [r for r in sel if r[2]]
        ok = sum(r[1] for r in sel)
        acc = f"{ok / len(sel):.3f}" if sel else "-"
        lines.append(f"| [{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'} | {len(sel)} | "
                     f"{ok} | {acc} | {len(mer)} | {sum(r[1] for r in mer)} |")
    return lines


def stress_pair(zh: list[str], x: list[str], gold) -> tuple[list[str], list[str], list]:
    """Cut the target sentences at commas, drop every ``DROP_EVERY``-th source sentence."""
    one_to_one = {t[0] for s, t in gold if len(s) == 1 and len(t) == 1}
    pieces: list[list[int]] = []
    new_x: list[str] = []
    for j, sent in enumerate(x):
        # only sentences of 1-1 beads are cut: cutting one side of a 2-1 bead would make
        # a 2-2 gold bead whose finer 1-1 + 1-1 alignment is just as right
        parts = [p for p in CUT.split(sent) if p] if j in one_to_one else [sent]
        merged: list[str] = []
        for p in parts:   # glue short pieces to the previous one, at most three pieces
            if merged and (len(p) < MIN_PIECE or len(merged[-1]) < MIN_PIECE or len(merged) == 3):
                merged[-1] = merged[-1] + " " + p
            else:
                merged.append(p)
        pieces.append(list(range(len(new_x), len(new_x) + len(merged))))
        new_x += merged
    drop = {i for i in range(len(zh)) if i % DROP_EVERY == DROP_EVERY - 1}
    keep = [i for i in range(len(zh)) if i not in drop]
    new_index = {i: k for k, i in enumerate(keep)}
    new_gold = []
    for s, t in gold:
        s2 = [new_index[i] for i in s if i in new_index]
        t2 = [j for i in t for j in pieces[i]]
        if s2 or t2:
            if not s2:        # the source side was dropped: each piece is unaligned
                new_gold += [([], [j]) for j in t2]
            else:
                new_gold.append((s2, t2))
    return [zh[i] for i in keep], new_x, new_gold


def stress(corpora: Path, shared: Path | None, embedder) -> list[str]:
    from eval_corpora import Unavailable, gold_documents, load_pair

    from align.aligners import align_sentence_lists

    lines = []
    tests, golds = {}, {}
    for doc_id in gold_documents(corpora):
        for gold in sorted((corpora / doc_id / "gold").glob("zh-*")):
            lang = gold.name.split("-", 1)[1]
            if lang not in ("en", "fr", "es"):
                continue
            try:
                data = load_pair(corpora, doc_id, lang, shared)
            except Unavailable:
                break
            zh, x, g = stress_pair(data.zh_sents, data.x_sents, data.sent_beads)
            sl = align_sentence_lists(zh, x, src_lang="zh", tgt_lang=lang, embedder=embedder)
            tests.setdefault(lang, []).append([(b.src, b.tgt) for b in sl.beads])
            golds.setdefault(lang, []).append(g)
    for lang in tests:
        sc = score_many(tests[lang], golds[lang])
        merges = sum(1 for g in golds[lang] for s, t in g if len(t) > 1 or len(s) > 1)
        lines.append(f"stress zh-{lang}: {sum(map(len, golds[lang]))} gold beads ({merges} n:m)"
                     f"  strict F1 {sc['f1_strict']:.4f}  lax F1 {sc['f1_lax']:.4f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-sdg", action="store_true")
    parser.add_argument("--stress", action="store_true")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    from align.embed import get_embedder

    embedder = get_embedder(args.model)
    shared = args.shared if args.shared.is_dir() else None
    start = time.perf_counter()
    if args.stress:
        print("\n".join(stress(args.corpora, shared, embedder)))
    else:
        recs = corpora_records(args.corpora, shared, embedder)
        print("corpora (sentence lists + paragraphs):")
        print("\n".join(table(recs)))
        if shared is not None and not args.no_sdg:
            sdg = sdg_records(shared, embedder)
            print("SDG goal documents (paragraphs, four variants):")
            print("\n".join(table(sdg)))
            print("all:")
            print("\n".join(table(recs + sdg)))
    print(f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
