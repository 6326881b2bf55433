"""Unit accuracy on documents built from the official SDG texts (six languages).

For each of the 17 goals, a document per language: the goal title as a heading, each
target as a numbered paragraph (``1.1``, ``1.a``) followed by its indicators as
unnumbered body paragraphs. Variants: ``numbered``; ``unnumbered`` (every number
removed); ``mixed`` (numbers kept in Chinese only); ``deleted`` (one target and its
indicators deleted in one language, a different one per goal). Every document set is
aligned with ``align_documents`` (Chinese pivot) and each gold link zh<->X (including
deletions) counts as correct when one row holds exactly its units.

Usage: ``python bench/eval_sdg.py [--shared ../shared] [--goals 1,2] [--variants numbered]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from align.alignment import MultiAlignment  # noqa: E402
from align.document import DocMeta, Document, Segment  # noqa: E402

LANGS = ("zh", "en", "fr", "es", "ru", "ar")
VARIANTS = ("numbered", "unnumbered", "mixed", "deleted")
TATWEEL = "\u0640"


def clean(text: str) -> str:
    """NFC, tatweel removed, spaces trimmed."""
    return unicodedata.normalize("NFC", text).replace(TATWEEL, "").strip()


def load_sdg(shared: Path) -> dict[str, dict[str, dict[str, str]]]:
    """kind (goals|targets|indicators) -> lang -> key -> text."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for kind in ("goals", "targets", "indicators"):
        out[kind] = {}
        for lang in LANGS:
            table = {}
            path = shared / "un-real" / "sdg" / f"global_{kind}.{lang}.tsv"
            for line in path.read_text(encoding="utf-8").splitlines():
                key, _, text = line.partition("\t")
                if text.strip():
                    table[key.removesuffix("-title")] = clean(text)
            out[kind][lang] = table
    return out


def _order(key: str) -> list[tuple[int, int, str]]:
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in key.split("-")]


def goal_units(sdg: dict, goal: int) -> list[tuple[str, str, str | None]]:
    """(kind, key, number) of the units of one goal, in order, present in every language."""
    def everywhere(kind: str, key: str) -> bool:
        return all(key in sdg[kind][lang] for lang in LANGS)

    units: list[tuple[str, str, str | None]] = [("goals", str(goal), None)]
    targets = sorted((k for k in sdg["targets"]["zh"] if k.split("-")[0] == str(goal)
                      and everywhere("targets", k)), key=_order)
    for t in targets:
        units.append(("targets", t, t.replace("-", ".")))
        inds = sorted((k for k in sdg["indicators"]["zh"] if k.rsplit("-", 1)[0] == t
                       and everywhere("indicators", k)), key=_order)
        units.extend(("indicators", k, None) for k in inds)
    return units


def build_goal(sdg: dict, goal: int, variant: str, rng: random.Random
               ) -> tuple[list[Document], dict[str, list[tuple[list[int], list[int]]]]]:
    """The documents of one goal (one per language) and the gold beads zh->X."""
    units = goal_units(sdg, goal)
    deleted: dict[str, set[int]] = {lang: set() for lang in LANGS}
    if variant == "deleted":
        lang = LANGS[1 + goal % 5]
        targets = [i for i, u in enumerate(units) if u[0] == "targets"]
        first = rng.choice(targets)
        last = first + 1
        while last < len(units) and units[last][0] == "indicators":
            last += 1
        deleted[lang] = set(range(first, last))
    docs = []
    for lang in LANGS:
        segments = []
        for i, (kind, key, number) in enumerate(units):
            if i in deleted[lang]:
                continue
            keep_number = variant in ("numbered", "deleted") or (variant == "mixed" and lang == "zh")
            text = sdg[kind][lang][key]
            if kind == "goals":
                segments.append(Segment("heading", str(goal) if keep_number else None, text,
                                        level=1))
            elif kind == "targets":
                segments.append(Segment("paragraph", number if keep_number else None, text))
            else:
                segments.append(Segment("body", None, text))
        docs.append(Document(lang=lang, meta=DocMeta(symbols=[f"SDG/GOAL/{goal}"]),
                             segments=segments, name=f"goal{goal}.{lang}.txt", fmt="txt"))
    gold: dict[str, list[tuple[list[int], list[int]]]] = {}
    for lang in LANGS[1:]:
        beads = []
        z = x = 0
        for i in range(len(units)):
            if i in deleted[lang]:
                beads.append(([z], []))
                z += 1
            else:
                beads.append(([z], [x]))
                z += 1
                x += 1
        gold[lang] = beads
    return docs, gold


def row_links(al: MultiAlignment, lang: str) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(pivot units, lang units) of every row that has units on either side."""
    out = set()
    for row in al.rows:
        src, tgt = tuple(row.cells.get(al.pivot, [])), tuple(row.cells.get(lang, []))
        if src or tgt:
            out.add((src, tgt))
    return out


def evaluate(shared: Path, embedder, goals=range(1, 18), variants=VARIANTS, seed: int = 7,
             unit: str = "paragraph") -> dict:
    """Per pair: correct gold links / gold links, over all goals and variants."""
    from align.aligners import align_documents

    sdg = load_sdg(shared)
    rng = random.Random(seed)
    correct = {lang: 0 for lang in LANGS[1:]}
    total = {lang: 0 for lang in LANGS[1:]}
    per_variant: dict[str, dict[str, list[int]]] = {}
    start = time.perf_counter()
    for variant in variants:
        per_variant[variant] = {lang: [0, 0] for lang in LANGS[1:]}
        for goal in goals:
            docs, gold = build_goal(sdg, goal, variant, rng)
            al = align_documents(docs, unit=unit, embedder=embedder, pivot="zh")
            for lang in LANGS[1:]:
                links = row_links(al, lang)
                hits = sum((tuple(s), tuple(t)) in links for s, t in gold[lang])
                correct[lang] += hits
                total[lang] += len(gold[lang])
                per_variant[variant][lang][0] += hits
                per_variant[variant][lang][1] += len(gold[lang])
    return {"accuracy": {lang: correct[lang] / total[lang] for lang in correct},
            "links": total, "per_variant": per_variant,
            "seconds": round(time.perf_counter() - start, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--goals", default="1-17", help="e.g. 1-17 or 1,5,9")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    if "-" in args.goals:
        a, b = args.goals.split("-")
        goals = range(int(a), int(b) + 1)
    else:
        goals = [int(g) for g in args.goals.split(",")]
    from align.embed import get_embedder

    res = evaluate(args.shared, get_embedder(args.model), goals=goals,
                   variants=args.variants.split(","))
    print(f"SDG unit accuracy (zh pivot, {len(list(goals))} goals, variants {args.variants}, "
          f"{res['seconds']} s)")
    for lang, acc in res["accuracy"].items():
        detail = "  ".join(f"{v}={c}/{t}" for v, d in res["per_variant"].items()
                           for c, t in [d[lang]])
        print(f"zh-{lang}: {acc:.4f} ({res['links'][lang]} links)  {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
