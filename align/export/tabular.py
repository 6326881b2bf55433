"""CSV and XLSX tables of an alignment, for reviewers who work in a spreadsheet.

One row per aligned row: row number, paragraph number, status, confidence, flags,
then one text column per language (pivot first).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from align.alignment import MultiAlignment
from align.export.common import (
    cell_text,
    clean_text,
    check_langs,
    document_symbol,
    iter_rows,
    row_confidence,
    row_flags,
    signature_text,
    write_bytes,
)

#: the columns before the text columns
META_COLUMNS: tuple[str, ...] = ("row", "number", "status", "confidence", "flags")
#: a cell starting with one of these is a formula to Excel: prefix it with ``'``
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: the most characters Excel keeps in one cell
EXCEL_CELL_MAX = 32_767
#: languages written right to left
RTL_LANGS: frozenset[str] = frozenset({"ar"})


def table_rows(al: MultiAlignment, *, langs: list[str] | None = None,
               only_confirmed: bool = False) -> tuple[list[str], list[list]]:
    """The header and the rows of the table (texts cleaned, numbers as numbers)."""
    chosen = check_langs(al, langs)
    header = [*META_COLUMNS, *chosen]
    linked = [lang for lang in chosen if lang != al.pivot]
    rows: list[list] = []
    for index, row in iter_rows(al, only_confirmed=only_confirmed):
        rows.append([
            index + 1,
            row.number or "",
            row.status,
            round(row_confidence(row, linked), 3),
            " ".join(row_flags(row, linked)),
            *(cell_text(al, row, lang) for lang in chosen),
        ])
    return header, rows


def _defuse(value: object) -> object:
    """Keep a text that looks like a formula a text in a spreadsheet."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(al: MultiAlignment, *, langs: list[str] | None = None,
              only_confirmed: bool = False) -> bytes:
    """The table as CSV: UTF-8 with a BOM (Excel then reads it as UTF-8), CRLF lines."""
    header, rows = table_rows(al, langs=langs, only_confirmed=only_confirmed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_defuse(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(al: MultiAlignment, path: str | Path, *, langs: list[str] | None = None,
              only_confirmed: bool = False) -> Path:
    """Write :func:`csv_bytes` to ``path``; returns the path."""
    return write_bytes(path, csv_bytes(al, langs=langs, only_confirmed=only_confirmed))


def xlsx_bytes(al: MultiAlignment, *, langs: list[str] | None = None,
               only_confirmed: bool = False) -> bytes:
    """The table as an XLSX workbook: sheet ``alignment`` and sheet ``about``.

    Text columns wrap; the header row is frozen and filterable; the Arabic column is
    right to left; flagged rows are shaded; ``about`` holds the documents and the
    signature. Cells are always written as text, never as formulas. The workbook is
    streamed (openpyxl's write-only mode), so thousands of rows stay quick.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header, rows = table_rows(al, langs=langs, only_confirmed=only_confirmed)
    chosen = header[len(META_COLUMNS):]
    ltr = Alignment(wrap_text=True, vertical="top")
    rtl = Alignment(wrap_text=True, vertical="top", horizontal="right", readingOrder=2)
    shade = PatternFill("solid", start_color="FFF4CE")
    bold = Font(bold=True)
    aligns = [None] * len(META_COLUMNS) + [rtl if lang in RTL_LANGS else ltr for lang in chosen]

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("alignment")
    for c, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(c)].width = 60 if name in chosen else 12
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"

    def cell(value: object, align: Alignment | None, fill: PatternFill | None,
             font: Font | None = None) -> object:
        if align is None and fill is None and font is None and not (
                isinstance(value, str) and value.startswith("=")):
            return value                          # a plain value: much quicker to write
        out = WriteOnlyCell(ws, value=value[:EXCEL_CELL_MAX] if isinstance(value, str) else value)
        if isinstance(value, str):
            out.data_type = "s"  # never a formula, whatever the text starts with
        if align is not None:
            out.alignment = align
        if fill is not None:
            out.fill = fill
        if font is not None:
            out.font = font
        return out

    ws.append([cell(name, rtl if name in RTL_LANGS else None, None, bold) for name in header])
    for values in rows:
        fill = shade if values[4] else None       # flags
        ws.append([cell(v, a, fill) for v, a in zip(values, aligns, strict=True)])
    _about_sheet(wb.create_sheet("about"), al)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _about_sheet(ws, al: MultiAlignment) -> None:
    """Provenance: symbol, unit, signature, warnings and one line per document."""
    from openpyxl.cell import WriteOnlyCell

    lines: list[list[str]] = [
        ["symbol", document_symbol(al) or ""],
        ["unit", al.unit],
        ["pivot", al.pivot],
        ["signature", signature_text(al.signature)],
        *(["warning", str(w)] for w in al.signature.get("warnings", []) or []),
        [],
        ["language", "file", "symbols", "job number", "title"],
    ]
    for lang in al.langs:
        info = al.docs.get(lang)
        if info:
            lines.append([lang, info.name, " – ".join(info.symbols), info.job_number or "",
                          info.title or ""])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 60
    for line in lines:
        cells = []
        for text in line:
            cell = WriteOnlyCell(ws, value=clean_text(str(text))[:EXCEL_CELL_MAX])
            cell.data_type = "s"
            cells.append(cell)
        ws.append(cells)


def write_xlsx(al: MultiAlignment, path: str | Path, *, langs: list[str] | None = None,
               only_confirmed: bool = False) -> Path:
    """Write :func:`xlsx_bytes` to ``path``; returns the path."""
    return write_bytes(path, xlsx_bytes(al, langs=langs, only_confirmed=only_confirmed))
