"""Aligner speed and memory.

1. ``seed``: the six-language seed document end to end (read, align, paragraph and
   sentence units), cold (fresh cache, model loaded) and warm (realigning: every text
   already in the embedding cache).
2. ``long``: a 5,000 x 6,000-sentence zh–en pair without anchors, synthesised from the
   SDG texts (../shared): random blocks of consecutive targets/indicators in shuffled
   order, 1,000 blocks' worth of Chinese sentences deleted in runs. Reports seconds and
   peak memory (tracemalloc) of the aligner, the time spent embedding, and the strict
   F1 against the known beads.

Wall seconds depend on the machine's load; CPU seconds are given too.

3. ``band``: the coarse-to-fine search forced on 1,000 x 1,200 and 1,500 x 1,600 pairs
   made the same way, against the exhaustive DP.

Usage: ``python bench/bench_align.py [seed|long|band|all] [--src 5000] [--tgt 6000]``
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

LANGS = ("zh", "en", "fr", "es", "ru", "ar")


class TimedEmbedder:
    """Wraps an embedder and adds up the time spent in ``encode``."""

    def __init__(self, inner):
        self.inner = inner
        self.model_id = inner.model_id
        self.seconds = 0.0
        self.cpu = 0.0
        self.texts = 0

    @property
    def dim(self):
        return self.inner.dim

    def encode(self, texts):
        t0, c0 = time.perf_counter(), time.process_time()
        out = self.inner.encode(texts)
        self.seconds += time.perf_counter() - t0
        self.cpu += time.process_time() - c0
        self.texts += len(texts)
        return out


def _clock():
    return time.perf_counter(), time.process_time()


def bench_seed(shared: Path) -> list[str]:
    from align.aligners import align_documents
    from align.embed import get_embedder
    from align.io import read_document

    files = [shared / "seed" / "000_e90bbdd4b5905527.txt"] + \
        [ROOT / "corpora" / "seed" / f"seed.{lang}.txt" for lang in LANGS[1:]]
    lines = []
    for run in ("cold", "warm"):
        for unit in ("paragraph", "sentence"):
            if run == "cold":
                os.environ["UN_ALIGN_HOME"] = tempfile.mkdtemp(prefix="un-align-bench-")
            t0, c0 = _clock()
            docs = [read_document(f, lang=lang) for f, lang in zip(files, LANGS)]
            t1, _ = _clock()
            emb = TimedEmbedder(get_embedder())
            al = align_documents(docs, unit=unit, embedder=emb)
            t2, c2 = _clock()
            flagged = sum(1 for r in al.rows if r.flagged)
            lines.append(f"seed, six languages, {unit}, {run}: {t2 - t0:.2f} s wall "
                         f"({c2 - c0:.2f} s CPU): reading {t1 - t0:.2f} s, embedding "
                         f"{emb.seconds:.2f} s ({emb.texts} texts asked), rest of aligning "
                         f"{t2 - t1 - emb.seconds:.2f} s; {len(al.rows)} rows, {flagged} flagged")
    return lines


def synth_pair(shared: Path, n_src: int, n_tgt: int, seed: int = 13):
    """Chinese and English sentence lists of the asked sizes and their gold beads."""
    from eval_sdg import load_sdg

    sdg = load_sdg(shared)
    items = []
    for kind in ("goals", "targets", "indicators"):
        keys = [k for k in sdg[kind]["zh"] if k in sdg[kind]["en"]]
        items += [(sdg[kind]["zh"][k], sdg[kind]["en"][k]) for k in sorted(keys)]
    rng = random.Random(seed)
    pairs = []
    while len(pairs) < n_tgt:
        start = rng.randrange(len(items))
        pairs += items[start:start + rng.randint(5, 30)]
    pairs = pairs[:n_tgt]
    deleted: set[int] = set()
    while len(pairs) - len(deleted) > n_src:          # deletions in runs of 1-3
        start = rng.randrange(len(pairs))
        deleted.update(range(start, min(start + rng.randint(1, 3), len(pairs))))
    while len(pairs) - len(deleted) < n_src:
        deleted.pop()
    src, tgt, gold = [], [], []
    for k, (zh, en) in enumerate(pairs):
        tgt.append(en)
        if k in deleted:
            gold.append(([], [len(tgt) - 1]))
        else:
            src.append(zh)
            gold.append(([len(src) - 1], [len(tgt) - 1]))
    return src, tgt, gold


def bench_long(shared: Path, n_src: int, n_tgt: int) -> list[str]:
    from align.aligners import align_sentence_lists
    from align.embed import get_embedder
    from align.eval import score

    src, tgt, gold = synth_pair(shared, n_src, n_tgt)
    os.environ["UN_ALIGN_HOME"] = tempfile.mkdtemp(prefix="un-align-bench-")
    base = get_embedder()
    emb = TimedEmbedder(base)
    unique = list(dict.fromkeys(src + tgt))
    emb.encode(unique)                                # every distinct sentence, once
    per_sentence = emb.seconds / len(unique)
    per_sentence_cpu = emb.cpu / len(unique)
    embed_first, embed_first_cpu = emb.seconds, emb.cpu
    t0, c0 = _clock()
    pa = align_sentence_lists(src, tgt, src_lang="zh", tgt_lang="en", embedder=emb)
    t1, c1 = _clock()
    extra_embed = emb.seconds - embed_first
    extra_cpu = emb.cpu - embed_first_cpu
    align_s = t1 - t0 - extra_embed
    align_cpu = c1 - c0 - extra_cpu
    tracemalloc.start()
    align_sentence_lists(src, tgt, src_lang="zh", tgt_lang="en", embedder=emb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sc = score([(b.src, b.tgt) for b in pa.beads], gold)
    all_once = per_sentence * (len(src) + len(tgt))
    all_once_cpu = per_sentence_cpu * (len(src) + len(tgt))
    share = align_s / (align_s + all_once)
    share_cpu = align_cpu / (align_cpu + all_once_cpu)
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"long pair {len(src)} x {len(tgt)} sentences ({len(unique)} distinct texts), "
        f"no anchors: aligner {align_s:.2f} s wall ({align_cpu:.2f} s CPU), embedding "
        f"excluded; peak traced memory {peak / 2**20:.0f} MiB, process max RSS {rss:.0f} MiB",
        f"  embedding: {per_sentence * 1000:.1f} ms wall / {per_sentence_cpu * 1000:.1f} ms CPU "
        f"per distinct sentence measured ({embed_first:.1f} s for {len(unique)}); embedding "
        f"all {len(src) + len(tgt)} sentences once would take {all_once:.0f} s wall "
        f"({all_once_cpu:.0f} s CPU) at that rate",
        f"  the second pass embedded candidate merges for {extra_embed:.1f} s wall "
        f"({extra_cpu:.1f} s CPU; cache reads included); share of time outside embedding: "
        f"{share:.1%} wall, {share_cpu:.1%} CPU (aligner / (aligner + embedding every "
        f"sentence once))",
        f"  accuracy against the synthetic gold: strict F1 {sc['f1_strict']:.4f}, "
        f"lax F1 {sc['f1_lax']:.4f}",
    ]


def bench_band(shared: Path) -> list[str]:
    """Coarse-to-fine (forced) against the exhaustive DP on mid-sized synthetic pairs."""
    from align.aligners.band import coarse_band
    from align.aligners.dp import Band, Params, run_dp
    from align.aligners.features import build_features
    from align.embed import get_embedder
    from align.eval import score

    emb = get_embedder()
    lines = []
    for n, m, seed in ((1000, 1200, 13), (1500, 1600, 5)):
        src, tgt, gold = synth_pair(shared, n, m, seed=seed)
        fs, ft = build_features(src, emb.encode(src)), build_features(tgt, emb.encode(tgt))
        c0 = time.process_time()
        band = coarse_band(fs, ft, Params(), run_dp, max_cells=250_000)
        coarse = run_dp(fs, ft, band=band)
        c1 = time.process_time()
        full = run_dp(fs, ft, band=Band.full(n, m))
        c2 = time.process_time()
        f_c = score([(b.src, b.tgt) for b in coarse], gold)["f1_strict"]
        f_f = score([(b.src, b.tgt) for b in full], gold)["f1_strict"]
        lines.append(f"{n} x {m}: coarse-to-fine {band.cells() / ((n + 1) * (m + 1)):.1%} of the "
                     f"cells, strict F1 {f_c:.4f}, {c1 - c0:.1f} s CPU; exhaustive strict F1 "
                     f"{f_f:.4f}, {c2 - c1:.1f} s CPU (DP only, no second pass)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=("seed", "long", "band", "all"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--src", type=int, default=5000)
    parser.add_argument("--tgt", type=int, default=6000)
    args = parser.parse_args(argv)
    lines = []
    if args.what in ("seed", "all"):
        lines += bench_seed(args.shared)
    if args.what in ("long", "all"):
        lines += bench_long(args.shared, args.src, args.tgt)
    if args.what in ("band", "all"):
        lines += bench_band(args.shared)
    for line in lines:
        print(line)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
