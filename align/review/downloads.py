"""The files a reviewer downloads: TMX per pair and multilingual, CSV, XLSX, JSON, a ZIP.

Built from the reviewed state (units in row order, see :func:`align.review.ops.compact`)
with the writers of ``align.export``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from align.alignment import MultiAlignment
from align.review.ops import compact

TMX_MIME = "application/x-tmx+xml"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Download:
    """One file offered for download."""

    label: str
    filename: str
    data: bytes
    mime: str
    kind: str  # "tmx" or "table"


def base_name(al: MultiAlignment) -> str:
    """The file-name stem: the document symbol made safe (``E-CN.7-2026-5``)."""
    from align.export.common import safe_name

    symbol = next((d.symbols[0] for d in al.docs.values() if d.symbols), None)
    return safe_name(symbol) if symbol else "alignment"


def downloads(al: MultiAlignment, *, only_reviewed: bool = False) -> list[Download]:
    """Every export of a reviewed alignment.

    Args:
        al: the review's alignment (any unit level).
        only_reviewed: TMX/CSV/XLSX hold only confirmed and edited rows (the JSON always
            holds every row with its status).

    Raises:
        ExportError: a writer failed (the message says why).
    """
    from align.export import jsonio, tabular, tmx

    tidy = compact(al)
    stem = base_name(tidy) + ("" if tidy.unit == "paragraph" else ".sent")
    out = [Download("Multilingual TMX", f"{stem}.tmx",
                    tmx.tmx_bytes(tidy, only_confirmed=only_reviewed), TMX_MIME, "tmx")]
    for lang in (x for x in tidy.langs if x != tidy.pivot):
        out.append(Download(f"{tidy.pivot}–{lang} TMX", f"{stem}.{tidy.pivot}-{lang}.tmx",
                            tmx.tmx_bytes(tidy, langs=[tidy.pivot, lang],
                                          only_confirmed=only_reviewed), TMX_MIME, "tmx"))
    out += [
        Download("CSV (Excel, UTF-8)", f"{stem}.csv",
                 tabular.csv_bytes(tidy, only_confirmed=only_reviewed), "text/csv", "table"),
        Download("XLSX workbook", f"{stem}.xlsx",
                 tabular.xlsx_bytes(tidy, only_confirmed=only_reviewed), XLSX_MIME, "table"),
        Download("JSON (full alignment)", f"{stem}.json", jsonio.json_bytes(tidy),
                 "application/json", "table"),
    ]
    return out


def zip_all(files: list[Download], stem: str) -> Download:
    """All downloads in one ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.writestr(f.filename, f.data)
    return Download("Everything (ZIP)", f"{stem}.zip", buffer.getvalue(), "application/zip",
                    "zip")
