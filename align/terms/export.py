"""One entry point for every glossary export format (used by the CLI and the page)."""

from __future__ import annotations

from collections.abc import Iterable

from align.errors import ExportError
from align.terms.glossary import Concept
from align.terms.tabular import csv_bytes, xlsx_bytes
from align.terms.tbx import tbx_bytes
from align.terms.tmx_glossary import tmx_glossary_bytes

#: format -> (file extension, MIME type)
FORMATS: dict[str, tuple[str, str]] = {
    "tbx": (".tbx", "application/x-tbx"),
    "tbx3": (".tbx", "application/x-tbx"),
    "tmx": (".tmx", "application/x-tmx+xml"),
    "csv": (".csv", "text/csv"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def glossary_bytes(concepts: Iterable[Concept], fmt: str, *, srclang: str = "zh",
                   include_rejected: bool = False) -> bytes:
    """The glossary in ``fmt``: tbx (TBX-Basic v2), tbx3 (TBX v3), tmx, csv or xlsx."""
    concepts = list(concepts)
    if fmt == "tbx":
        return tbx_bytes(concepts, version=2, include_rejected=include_rejected)
    if fmt == "tbx3":
        return tbx_bytes(concepts, version=3, include_rejected=include_rejected)
    if fmt == "tmx":
        return tmx_glossary_bytes(concepts, srclang=srclang, include_rejected=include_rejected)
    if fmt == "csv":
        return csv_bytes(concepts, include_rejected=include_rejected)
    if fmt == "xlsx":
        return xlsx_bytes(concepts, include_rejected=include_rejected)
    raise ExportError(f"unknown glossary format {fmt!r}: use one of {', '.join(FORMATS)}")
