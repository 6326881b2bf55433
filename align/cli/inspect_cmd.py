"""``align inspect FILE [--json] [--lang L]``: what the reader found in one document."""

from __future__ import annotations

import argparse
import json
import sys

from align.document import Document

#: characters of segment text shown per outline line
PREVIEW = 80


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "inspect",
        help="show the metadata and segment outline of one document",
        description="Read one document (TXT, PDF or DOCX) and show its metadata and the "
        "outline of its segments: kind, number, page and the start of the text.",
    )
    parser.add_argument("file", help="the document to read")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--lang", help="the document's language (zh, en, fr, es, ru, ar); "
                        "default: detected")
    parser.set_defaults(func=run)


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


def outline(doc: Document) -> str:
    """The human-readable outline printed by ``align inspect``."""
    meta = doc.meta
    rows = [
        ("file", f"{doc.name} ({doc.fmt})"),
        ("language", doc.lang),
        ("symbols", ", ".join(meta.symbols) or "-"),
        ("job number", meta.job_number or "-"),
        ("date", meta.date or "-"),
        ("distribution", meta.distribution or "-"),
        ("original", meta.original_language or "-"),
        ("bodies", "; ".join(meta.bodies) or "-"),
        ("session", meta.session or "-"),
        ("agenda item", meta.agenda_item or "-"),
        ("title", meta.title or "-"),
    ]
    lines = [f"{key:<13}{value}" for key, value in rows]
    counts: dict[str, int] = {}
    for seg in doc.segments:
        counts[seg.kind] = counts.get(seg.kind, 0) + 1
    lines.append(f"{'segments':<13}" + ", ".join(f"{n} {k}" for k, n in counts.items()))
    for warning in doc.warnings:
        lines.append(f"{'warning':<13}{warning}")
    lines.append("")
    for seg in doc.segments:
        number = seg.number or ""
        if seg.kind == "subitem" and seg.parent:
            number = f"{seg.parent}({number})"
        page = f"p{seg.page}" if seg.page else ""
        lines.append(f"{seg.kind:<10}{number:<9}{page:<5}{_preview(seg.text)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from align.io import read_document

    doc = read_document(args.file, lang=args.lang)
    if args.json:
        json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(outline(doc) + "\n")
    return 0
