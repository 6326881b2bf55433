"""Render the corpora: every corpora/src/<docid>.json into txt, docx, pdf and gold files.

Usage: ``python corpora/tools/build.py [docid ...] [--no-pdf] [--force-pdf]``

Writes ``corpora/<docid>/<docid>.<lang>.txt|.docx|.pdf`` and
``corpora/<docid>/gold/zh-<x>/``. The .docx files are byte-for-byte reproducible; a
.pdf (LibreOffice embeds its creation time) is converted again only when its .docx
changed or it is missing, so a rebuild leaves unchanged documents untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import toc
from gold import gold_files
from render_docx import render_docx
from render_txt import render_txt
from source import load, rendered_langs

CORPORA = Path(__file__).resolve().parents[1]
SRC = CORPORA / "src"
SOFFICE_TIMEOUT_S = 300


def _write(path: Path, data: bytes) -> bool:
    """Write when the content differs; True when the file changed."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def to_pdf(docx_files: list[Path], outdir: Path) -> None:
    """Convert .docx files with LibreOffice (a private profile, so parallel runs don't clash)."""
    with tempfile.TemporaryDirectory(prefix="un_align_build_") as tmp:
        profile = Path(tmp) / "profile"
        cmd = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, *map(str, docx_files)]
        subprocess.run(cmd, check=True, timeout=SOFFICE_TIMEOUT_S, capture_output=True)
        for docx in docx_files:
            pdf = Path(tmp) / (docx.stem + ".pdf")
            if not pdf.exists():
                raise RuntimeError(f"LibreOffice did not convert {docx.name}")
            shutil.copyfile(pdf, outdir / pdf.name)


def _render(doc: dict, docid: str, langs: list[str], pages: dict[str, dict[str, int]],
            force_pdf: bool) -> tuple[list[Path], list[Path]]:
    """Write the .txt and .docx of ``langs``; returns (files changed, .docx to convert)."""
    outdir = CORPORA / docid
    auto = doc.get("docx_numbering", "auto") == "auto"
    changed: list[Path] = []
    to_convert: list[Path] = []
    for lang in langs:
        txt = outdir / f"{docid}.{lang}.txt"
        if _write(txt, render_txt(doc, lang, pages.get(lang)).encode("utf-8")):
            changed.append(txt)
        docx = outdir / f"{docid}.{lang}.docx"
        if _write(docx, render_docx(doc, lang, auto_numbering=auto, pages=pages.get(lang))):
            changed.append(docx)
            to_convert.append(docx)
        elif force_pdf or not (outdir / f"{docid}.{lang}.pdf").exists():
            to_convert.append(docx)
    return changed, to_convert


def build(docid: str, *, pdf: bool = True, force_pdf: bool = False) -> list[str]:
    """Render one document; returns the paths written (relative to corpora/)."""
    doc = load(SRC / f"{docid}.json")
    outdir = CORPORA / docid
    langs = rendered_langs(doc)
    pages_path = outdir / f"{docid}.pages.json"
    pages = {lang: toc.load_pages(pages_path, lang) for lang in langs}
    changed, to_convert = _render(doc, docid, langs, pages, force_pdf)
    for pair, files in gold_files(doc).items():
        for name, content in files.items():
            path = outdir / "gold" / pair / name
            if _write(path, content.encode("utf-8")):
                changed.append(path)
    if pdf and to_convert:
        to_pdf(to_convert, outdir)
        changed += [d.with_name(d.stem + ".pdf") for d in to_convert]
    if pdf and doc.get("toc"):
        # the contents lists pages: read them off the PDF, then render again if they moved
        found = {lang: toc.find_pages(doc, lang, outdir / f"{docid}.{lang}.pdf") for lang in langs}
        moved = [lang for lang in langs if found[lang] != pages[lang]]
        if moved:
            text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            if _write(pages_path, text.encode("utf-8")):
                changed.append(pages_path)
            again, to_convert = _render(doc, docid, moved, found, force_pdf=False)
            changed += again
            if to_convert:
                to_pdf(to_convert, outdir)
    return sorted({str(p.relative_to(CORPORA)) for p in changed})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docids", nargs="*", help="documents to build (default: all in corpora/src)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice conversion")
    parser.add_argument("--force-pdf", action="store_true", help="convert every .docx again")
    args = parser.parse_args(argv)
    docids = args.docids or sorted(p.stem for p in SRC.glob("*.json"))
    status = 0
    for docid in docids:
        try:
            written = build(docid, pdf=not args.no_pdf, force_pdf=args.force_pdf)
        except (ValueError, OSError, RuntimeError, subprocess.SubprocessError) as exc:
            print(f"{docid}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"{docid}: {len(written)} files written")
        for path in written:
            print(f"  {path}")
    return status


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main())
