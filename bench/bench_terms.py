"""Benchmark of term extraction and pairing; writes bench/results/terms.md.

Run: ``python bench/bench_terms.py [--pages 100] [--out bench/results/terms.md]``

1. Six-language sample: the seed document (Chinese from ../shared/seed, the other five
   languages from corpora/seed) and corpora/unodc-strategy-2026 when built: seconds to
   read and align (sentence level), then to extract and pair zh with each language;
   top-30 precision against corpora/glossary/gold for the seed, with the seed glossary,
   for pairs not already in it, and with no glossary at all.
2. A 100-page zh–en document pair synthesised from the SDG goals, targets and indicators
   (../shared/un-real/sdg, key-aligned, so no alignment step), repeated until the
   English side reaches the page count (3,500 characters a page), each repetition
   numbered as further paragraphs: seconds to extract and pair.

The embedder runs without its disk cache, so every phrase is really encoded.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.embed import get_embedder  # noqa: E402
from align.terms.evaluate import precision_at, read_gold  # noqa: E402
from align.terms.glossary import known_terms  # noqa: E402
from align.terms.pair import AlignedUnit, pair_terms, units_from_alignment  # noqa: E402
from align.terms.pipeline import align_for_terms  # noqa: E402
from align.terms.seed import load_seed  # noqa: E402

SHARED = ROOT.parent / "shared"
LANGS = ("en", "fr", "es", "ru", "ar")
CHARS_PER_PAGE = 3500


def six_language(name: str, files: list[Path], zh_name: str | None, embedder, seed, gold: bool):
    rows = []
    t0 = time.perf_counter()
    al = align_for_terms(files, embedder=embedder, langs={zh_name: "zh"} if zh_name else None)
    t_align = time.perf_counter() - t0
    units = units_from_alignment(al)
    known = list(known_terms(seed))
    total = 0.0
    for lang in [lg for lg in al.langs if lg != "zh"]:
        t1 = time.perf_counter()
        pairs = pair_terms(units, "zh", lang, embedder=embedder, known=known)
        dt = time.perf_counter() - t1
        total += dt
        prec = ""
        if gold:
            g = read_gold(ROOT / "corpora" / "glossary" / "gold" / f"seed.zh-{lang}.tsv", "zh", lang)
            new = [p for p in pairs if not p.concept]
            t2 = time.perf_counter()
            bare = pair_terms(units, "zh", lang, embedder=embedder)
            t_bare = time.perf_counter() - t2
            prec = (f"{precision_at(pairs, g).precision:.3f} | {precision_at(new, g).precision:.3f}"
                    f" | {precision_at(bare, g).precision:.3f} ({t_bare:.1f} s)")
        rows.append(f"| {name} | zh–{lang} | {len(units)} | {dt:.1f} | {len(pairs)} | {prec} |")
    return t_align, total, rows


def sdg_units(pages: int) -> tuple[list[AlignedUnit], int]:
    base: list[tuple[str, str]] = []
    for part in ("goals", "targets", "indicators"):
        zh = dict(l.rstrip("\n").split("\t", 1) for l in
                  (SHARED / "un-real" / "sdg" / f"global_{part}.zh.tsv").open(encoding="utf-8"))
        en = dict(l.rstrip("\n").split("\t", 1) for l in
                  (SHARED / "un-real" / "sdg" / f"global_{part}.en.tsv").open(encoding="utf-8"))
        base += [(zh[k], en[k]) for k in zh if k in en]
    units, chars, rep = [], 0, 0
    while chars < pages * CHARS_PER_PAGE:
        rep += 1
        for i, (zh, en) in enumerate(base):
            units.append(AlignedUnit({"zh": zh, "en": en}, "A/RES/71/313", f"{rep}.{i + 1}"))
            chars += len(en)
    return units, chars


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "terms.md"))
    args = ap.parse_args()

    embedder = get_embedder(cache=False)
    embedder.encode(["warm up"])
    seed = load_seed()
    lines = [
        "# Terminology extraction and pairing: timings and precision",
        "",
        f"Command: `python bench/bench_terms.py --pages {args.pages}`  ",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPU cores "
        "(shared with other jobs while measured), Python "
        f"{platform.python_version()}; embedder `{embedder.model_id}` without disk cache; "
        f"seed glossary of {len(seed)} concepts as jieba user dictionary and known pairs.",
        "",
        "## Six-language documents (read, align at sentence level, extract and pair)",
        "",
        "Precision columns: top-30 pairs against `corpora/glossary/gold/seed.zh-<x>.tsv`: "
        "all suggestions (seed glossary in use) | suggestions not already in the seed "
        "glossary | no glossary at all (its pairing time).",
        "",
        "| document | pair | units | extract+pair s | pairs | P@30 all | P@30 new | P@30 no glossary |",
        "|---|---|---|---|---|---|---|---|",
    ]
    summary = []
    zh_seed = SHARED / "seed" / "000_e90bbdd4b5905527.txt"
    seed_files = [ROOT / "corpora" / "seed" / f"seed.{lg}.txt" for lg in LANGS]
    if zh_seed.is_file() and all(p.is_file() for p in seed_files):
        t_align, total, rows = six_language("seed", [zh_seed, *seed_files], zh_seed.name,
                                            embedder, seed, gold=True)
        lines += rows
        summary.append(f"- seed (6 languages): read + align {t_align:.1f} s; extract + pair "
                       f"all five pairs {total:.1f} s")
    strat = ROOT / "corpora" / "unodc-strategy-2026"
    strat_files = [strat / f"unodc-strategy-2026.{lg}.txt" for lg in ("zh", *LANGS)]
    if all(p.is_file() for p in strat_files):
        t_align, total, rows = six_language("unodc-strategy-2026", strat_files, None, embedder,
                                            seed, gold=False)
        lines += [r.replace("|  |", "| – | – | – |") for r in rows]
        summary.append(f"- unodc-strategy-2026 (6 languages): read + align {t_align:.1f} s; "
                       f"extract + pair all five pairs {total:.1f} s")
    lines += ["", *summary, ""]

    if (SHARED / "un-real" / "sdg").is_dir():
        units, chars = sdg_units(args.pages)
        t0 = time.perf_counter()
        pairs = pair_terms(units, "zh", "en", embedder=embedder, known=list(known_terms(seed)))
        dt = time.perf_counter() - t0
        lines += [
            f"## A {args.pages}-page zh–en document pair (synthesised from the SDG texts)",
            "",
            f"{len(units)} aligned units, {chars:,} English characters "
            f"(≈{chars / CHARS_PER_PAGE:.0f} pages of {CHARS_PER_PAGE:,}): extract and pair "
            f"**{dt:.1f} s**, {len(pairs)} linked pairs; top 5: "
            + "; ".join(f"{p.src} = {p.tgt}" for p in pairs[:5]) + ".",
            "",
        ]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
