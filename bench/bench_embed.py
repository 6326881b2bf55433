"""Embedding throughput: sentences per second, cold (model) and warm (disk cache).

Texts: the unique SDG goals, targets and indicators in the six languages (../shared).

Usage: ``python bench/bench_embed.py [--n 2000] [--model PATH]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sdg_texts(shared: Path) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from eval_sdg import LANGS, load_sdg

    sdg = load_sdg(shared)
    seen: dict[str, None] = {}
    for kind in ("targets", "indicators", "goals"):
        for lang in LANGS:
            for text in sdg[kind][lang].values():
                seen.setdefault(text, None)
    return list(seen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    os.environ["UN_ALIGN_HOME"] = tempfile.mkdtemp(prefix="un-align-bench-")
    from align.embed import get_embedder

    texts = sdg_texts(args.shared)[:args.n]
    chars = sum(len(t) for t in texts) / len(texts)
    t0 = time.perf_counter()
    emb = get_embedder(args.model)
    emb.encode(["warm-up"])
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    emb.encode(texts)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    emb.encode(texts)
    warm = time.perf_counter() - t0
    print(f"model {emb.model_id}: load {load:.2f} s; {len(texts)} unique sentences "
          f"(mean {chars:.0f} chars): {len(texts) / cold:.0f} sentences/s embedding "
          f"({cold:.2f} s wall, {cold_cpu:.2f} s CPU), {len(texts) / warm:.0f} sentences/s "
          f"from the disk cache ({warm:.2f} s); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
