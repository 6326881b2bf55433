"""A paragraph missing in one language: every SDG target dropped in turn.

For each goal, documents of the goal title and its targets only (no indicators: short
documents of paragraphs on one topic, where a missing paragraph is easiest to hide in a
merge), numbered ``1.``, ``2.`` ... as the reader sees a plain text file (``seq``) or
without numbers (``none``). Each target in turn is removed from the other language; a
case counts as correct when the zh–X ``align_pair`` beads hold every gold bead: the
removed target 1-0, every other paragraph 1-1.

Usage: ``python bench/eval_drops.py [--shared ../shared] [--langs en,fr] [--goals 1-17]
[--variants seq,none]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from eval_sdg import LANGS, _order, load_sdg  # noqa: E402

from align.document import DocMeta, Document, Segment  # noqa: E402


def goal_document(sdg: dict, lang: str, goal: int, keys: list[str], variant: str,
                  drop: str | None) -> Document:
    """The goal title and its targets (``drop`` left out) as one document."""
    segs = [Segment("heading", None, sdg["goals"][lang][str(goal)], level=1)]
    for n, key in enumerate(keys, start=1):
        if key != drop:
            segs.append(Segment("paragraph", str(n) if variant == "seq" else None,
                                sdg["targets"][lang][key]))
    return Document(lang=lang, meta=DocMeta(symbols=[f"SDG/GOAL/{goal}"]), segments=segs,
                    name=f"goal{goal}.{lang}.txt", fmt="txt")


def evaluate(shared: Path, embedder, langs, goals, variants) -> dict:
    """Per language and variant: [correct cases, cases] and the failures."""
    from align.aligners import align_pair

    sdg = load_sdg(shared)
    out: dict = {"counts": {}, "failures": []}
    for lang in langs:
        for variant in variants:
            ok = total = 0
            for goal in goals:
                keys = sorted((k for k in sdg["targets"]["zh"] if k.split("-")[0] == str(goal)
                               and all(k in sdg["targets"][x] for x in LANGS)), key=_order)
                zh = goal_document(sdg, "zh", goal, keys, variant, None)
                for drop in keys:
                    pa = align_pair(zh, goal_document(sdg, lang, goal, keys, variant, drop),
                                    unit="paragraph", embedder=embedder)
                    got = {(tuple(b.src), tuple(b.tgt)) for b in pa.beads}
                    gold, x = [((0,), (0,))], 1
                    for z, key in enumerate(keys, start=1):
                        if key == drop:
                            gold.append(((z,), ()))
                        else:
                            gold.append(((z,), (x,)))
                            x += 1
                    hit = all(g in got for g in gold)
                    ok += hit
                    total += 1
                    if not hit:
                        out["failures"].append((lang, variant, drop, sorted(got - set(gold))))
            out["counts"][(lang, variant)] = (ok, total)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--langs", default="en,fr,es,ru,ar")
    parser.add_argument("--goals", default="1-17", help="e.g. 1-17 or 1,5,9")
    parser.add_argument("--variants", default="seq,none")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    if "-" in args.goals:
        a, b = args.goals.split("-")
        goals = list(range(int(a), int(b) + 1))
    else:
        goals = [int(g) for g in args.goals.split(",")]
    from align.embed import get_embedder

    start = time.perf_counter()
    res = evaluate(args.shared, get_embedder(args.model), args.langs.split(","), goals,
                   args.variants.split(","))
    for lang, variant, drop, wrong in res["failures"]:
        print(f"  zh-{lang} {variant} without {drop}: {wrong}")
    for (lang, variant), (ok, total) in res["counts"].items():
        print(f"zh-{lang} {variant}: {ok}/{total} cases right")
    print(f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
