"""Glossary as a table (CSV or XLSX): one row per term, every field, lossless.

Rows of one concept are consecutive; concept fields repeat on each of its rows.
:func:`read_csv` and :func:`read_xlsx` read the table back into concepts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from align.errors import ExportError, ReadError
from align.terms.glossary import Concept, Term

CONCEPT_COLUMNS: tuple[str, ...] = (
    "concept_id", "domain", "definition", "origin", "score", "concept_created_by",
    "concept_created_at", "concept_modified_by", "concept_modified_at",
)
TERM_COLUMNS: tuple[str, ...] = (
    "lang", "term", "term_type", "pos", "status", "note", "source", "paragraph", "context",
    "created_by", "created_at", "modified_by", "modified_at",
)
COLUMNS: tuple[str, ...] = CONCEPT_COLUMNS + TERM_COLUMNS
#: spreadsheet applications run cells starting with these as formulas
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(concepts: Iterable[Concept], include_rejected: bool) -> Iterable[list[str]]:
    for c in concepts:
        for t in c.terms:
            if t.status == "rejected" and not include_rejected:
                continue
            yield [c.id, c.domain, c.definition, c.origin, f"{c.score:g}", c.created_by,
                   c.created_at, c.modified_by, c.modified_at, t.lang, t.text,
                   t.term_type, t.pos, t.status, t.note, t.source, t.paragraph, t.context,
                   t.created_by, t.created_at, t.modified_by, t.modified_at]


def _safe(cell: str) -> str:
    """Neutralise spreadsheet formula injection (a leading apostrophe)."""
    return "'" + cell if cell.startswith(FORMULA_START) and not cell.lstrip("-").replace(
        ".", "", 1).isdigit() else cell


def csv_bytes(concepts: Iterable[Concept], *, include_rejected: bool = False) -> bytes:
    """UTF-8 CSV with a BOM (Excel opens it with the right encoding)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in _rows(concepts, include_rejected):
        writer.writerow([_safe(c) for c in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(concepts: Iterable[Concept], *, include_rejected: bool = False) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "glossary"
    ws.append(list(COLUMNS))
    for row in _rows(concepts, include_rejected):
        ws.append([_safe(c) for c in row])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception as exc:  # openpyxl raises several types for bad cell values
        raise ExportError(f"cannot write the XLSX glossary: {exc}") from exc
    return buf.getvalue()


def _unsafe(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _from_records(records: Iterable[dict]) -> list[Concept]:
    out: dict[str, Concept] = {}
    for r in records:
        r = {k: _unsafe("" if v is None else str(v)) for k, v in r.items()}
        cid = r.get("concept_id", "")
        if not cid:
            continue
        c = out.get(cid)
        if c is None:
            c = out[cid] = Concept(id=cid, domain=r.get("domain", ""),
                                   definition=r.get("definition", ""),
                                   origin=r.get("origin", "") or "manual",
                                   score=float(r.get("score") or 0),
                                   created_by=r.get("concept_created_by", ""),
                                   created_at=r.get("concept_created_at", ""),
                                   modified_by=r.get("concept_modified_by", ""),
                                   modified_at=r.get("concept_modified_at", ""))
        c.terms.append(Term(lang=r.get("lang", ""), text=r.get("term", ""),
                            **{k: r.get(k, "") for k in TERM_COLUMNS if k not in ("lang", "term")}))
    return list(out.values())


def read_csv(data: bytes) -> list[Concept]:
    """Concepts of a CSV written by :func:`csv_bytes`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError("the glossary CSV is not UTF-8: save it as UTF-8 and retry") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "concept_id" not in reader.fieldnames:
        raise ReadError("the glossary CSV has no concept_id column")
    return _from_records(reader)


def read_xlsx(data: bytes) -> list[Concept]:
    """Concepts of an XLSX written by :func:`xlsx_bytes`."""
    from openpyxl import load_workbook

    try:
        ws = load_workbook(io.BytesIO(data), read_only=True).active
    except Exception as exc:
        raise ReadError(f"not a readable XLSX workbook: {exc}") from exc
    rows = ws.iter_rows(values_only=True)
    header = [str(h) for h in next(rows, ())]
    if "concept_id" not in header:
        raise ReadError("the glossary workbook has no concept_id column")
    return _from_records(dict(zip(header, row)) for row in rows)
