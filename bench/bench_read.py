"""Benchmark: seconds to read the 67-page A/81/6 (Sect. 16) PDF and DOCX.

Not a test. Times ``align.io.read_document`` (format reader + UN structure parser) and
the format reader alone (``read_pdf`` / ``read_docx``), median of N runs each, and
writes a Markdown table to ``bench/results/read.md``.

Usage::

    python bench/bench_read.py [--shared ../shared] [--runs 3] [--out bench/results/read.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.io import read_document  # noqa: E402
from align.io.docx import read_docx  # noqa: E402
from align.io.pdf import read_pdf  # noqa: E402

STEM = "un-real/A-81-6-Sect16/A_81_6_Sect16.en"


def _median_seconds(fn, runs: int) -> tuple[float, list[float], float]:
    """Median wall-clock seconds, every run's, and the median CPU seconds of this process."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), times, statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "read.md")
    args = ap.parse_args(argv)
    rows = []
    for fmt, reader in (("pdf", read_pdf), ("docx", read_docx)):
        path = args.shared / f"{STEM}.{fmt}"
        if not path.is_file():
            print(f"missing {path}: nothing to benchmark", file=sys.stderr)
            return 1
        data = path.read_bytes()
        doc = read_document(path)  # warm-up (imports, fonts) and a sanity check
        paragraphs = sum(1 for s in doc.segments if s.kind == "paragraph")
        full, full_runs, full_cpu = _median_seconds(lambda p=path: read_document(p), args.runs)
        raw, raw_runs, raw_cpu = _median_seconds(
            lambda d=data, n=path.name, r=reader: r(d, n), args.runs)
        rows.append((fmt, path.name, len(data), paragraphs, full, full_runs, full_cpu,
                     raw, raw_runs, raw_cpu))
        print(f"{fmt}: read_document {full:.2f} s (CPU {full_cpu:.2f} s), reader alone "
              f"{raw:.2f} s (CPU {raw_cpu:.2f} s), {paragraphs} numbered paragraphs")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    lines = [
        "# Reading benchmark: A/81/6 (Sect. 16), 67 pages",
        "",
        f"Command: `python bench/bench_read.py --runs {args.runs}`  ",
        f"Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (the CPUs are shared: timings rise with load).",
        "",
        "| format | file | bytes | numbered paragraphs | `read_document` median s (CPU s) | "
        "runs | reader alone median s (CPU s) | runs |",
        "|---|---|---:|---:|---:|---|---:|---|",
    ]
    for fmt, name, size, paras, full, full_runs, full_cpu, raw, raw_runs, raw_cpu in rows:
        lines.append(
            f"| {fmt} | {name} | {size} | {paras} | {full:.2f} ({full_cpu:.2f}) | "
            f"{', '.join(f'{t:.2f}' for t in full_runs)} | {raw:.2f} ({raw_cpu:.2f}) | "
            f"{', '.join(f'{t:.2f}' for t in raw_runs)} |"
        )
    lines += ["", "Target: under 3 s each (issue 2). Wall-clock seconds are what a user waits; "
              "CPU seconds are this process's own time, which other jobs on shared CPUs "
              "inflate far less.", ""]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
