"""The alignment as JSON: a versioned schema that round-trips a :class:`MultiAlignment`.

The file carries the signature (how the result was made) and, for people reading it,
each row's text per language; :func:`alignment_from_dict` rebuilds the object from
``units`` and ``rows`` and ignores the texts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, fields
from pathlib import Path

from align.alignment import Bead, DocInfo, MultiAlignment, Row, Unit
from align.errors import ExportError
from align.export.common import write_bytes

#: a UTF-16 surrogate on its own, which UTF-8 cannot encode
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
SCHEMA = "un-align/alignment"
SCHEMA_VERSION = 1
_UNIT_FIELDS = frozenset(f.name for f in fields(Unit))
_DOC_FIELDS = frozenset(f.name for f in fields(DocInfo))


def _row_dict(al: MultiAlignment, row: Row) -> dict:
    return {
        "number": row.number,
        "status": row.status,
        "cells": {lang: list(map(int, idx)) for lang, idx in row.cells.items()},
        "confidence": {lang: _finite(c) for lang, c in row.confidence.items()},
        "flags": {lang: list(f) for lang, f in row.flags.items() if f},
        "text": {lang: al.text(row, lang) for lang in al.langs if row.cells.get(lang)},
    }


def _finite(value: float) -> float:
    value = float(value)
    return value if math.isfinite(value) else 0.0


def alignment_to_dict(al: MultiAlignment) -> dict:
    """A JSON-ready dict (schema ``un-align/alignment``, version 1)."""
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "signature": al.signature,
        "pivot": al.pivot,
        "unit": al.unit,
        "langs": list(al.langs),
        "docs": {lang: asdict(info) for lang, info in al.docs.items()},
        "units": {lang: [asdict(u) for u in units] for lang, units in al.units.items()},
        "rows": [_row_dict(al, row) for row in al.rows],
        "pairs": {lang: beads_to_list(beads) for lang, beads in al.pairs.items()},
    }


def beads_to_list(beads: list[Bead]) -> list[list]:
    """Beads as compact JSON lists ``[src, tgt, confidence, flags]``."""
    return [[list(b.src), list(b.tgt), round(float(b.confidence), 4), list(b.flags)]
            for b in beads]


def beads_from_list(items: list, n_src: int, n_tgt: int) -> list[Bead]:
    """Beads back from :func:`beads_to_list`; indices are checked against the unit counts."""
    out = []
    for item in items:
        src, tgt, conf, flags = item
        if any(not isinstance(i, int) or not 0 <= i < n_src for i in src) or any(
                not isinstance(j, int) or not 0 <= j < n_tgt for j in tgt):
            raise _fail("a pair bead points at a unit that does not exist")
        out.append(Bead(src=list(src), tgt=list(tgt), confidence=float(conf), flags=list(flags)))
    return out


def _fail(what: str) -> ExportError:
    return ExportError(f"not a valid un-align alignment JSON: {what}")


def _unit(d: dict) -> Unit:
    if not isinstance(d, dict) or not isinstance(d.get("text"), str):
        raise _fail("a unit has no text")
    return Unit(**{k: v for k, v in d.items() if k in _UNIT_FIELDS})


def _row(d: dict, units: dict[str, list[Unit]]) -> Row:
    if not isinstance(d, dict) or not isinstance(d.get("cells"), dict):
        raise _fail("a row has no cells")
    cells: dict[str, list[int]] = {}
    for lang, idx in d["cells"].items():
        if lang not in units or not isinstance(idx, list):
            raise _fail(f"a row points at language {lang!r}, which has no units")
        if any(not isinstance(i, int) or not 0 <= i < len(units[lang]) for i in idx):
            raise _fail(f"a row points at a {lang} unit that does not exist")
        cells[lang] = list(idx)
    return Row(
        cells=cells,
        confidence={k: float(v) for k, v in (d.get("confidence") or {}).items()},
        flags={k: list(v) for k, v in (d.get("flags") or {}).items()},
        number=d.get("number"),
        status=str(d.get("status") or "auto"),
    )


def alignment_from_dict(d: dict) -> MultiAlignment:
    """Rebuild the alignment written by :func:`alignment_to_dict`.

    Raises:
        ExportError: not this schema, a newer version, or rows pointing at missing units.
    """
    if not isinstance(d, dict) or d.get("schema") != SCHEMA:
        raise _fail(f"the schema is not {SCHEMA!r}")
    version = d.get("version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ExportError(
            f"this alignment JSON has schema version {version}; this un-align reads "
            f"version {SCHEMA_VERSION} and older: update un-align")
    try:
        units = {lang: [_unit(u) for u in us] for lang, us in d["units"].items()}
        docs = {lang: DocInfo(**{k: v for k, v in info.items() if k in _DOC_FIELDS})
                for lang, info in (d.get("docs") or {}).items()}
        langs = list(d["langs"])
        pivot, unit = str(d["pivot"]), str(d["unit"])
        rows = [_row(r, units) for r in d["rows"]]
        pairs = {lang: beads_from_list(items, len(units[pivot]), len(units[lang]))
                 for lang, items in (d.get("pairs") or {}).items() if lang in units}
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise _fail(f"missing or malformed field ({exc})") from exc
    if pivot not in langs or any(lang not in units for lang in langs):
        raise _fail("the languages, the pivot and the units disagree")
    return MultiAlignment(pivot=pivot, unit=unit, langs=langs, units=units, rows=rows,
                          docs=docs, signature=dict(d.get("signature") or {}), pairs=pairs)


def json_bytes(al: MultiAlignment) -> bytes:
    """The alignment as UTF-8 JSON, non-ASCII kept as is, one unit or row per line."""
    try:
        text = _dump(alignment_to_dict(al), 0)
    except (TypeError, ValueError) as exc:
        raise ExportError(f"the alignment cannot be written as JSON: {exc}") from exc
    # a lone surrogate (from a broken extraction) cannot be encoded: show it as U+FFFD
    return LONE_SURROGATE_RE.sub("\ufffd", text).encode("utf-8")


def _dump(value: object, depth: int) -> str:
    """JSON laid out for people and diffs: the outer dicts (depth < 2) and lists
    (depth < 3) one item a line, everything deeper on one line."""
    pretty = (isinstance(value, dict) and depth < 2) or (isinstance(value, list) and depth < 3)
    if not pretty or not value:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_plain)
    pad = " " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, depth + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    items = [f"{pad}{_dump(v, depth + 1)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"


def _plain(value: object) -> object:
    """numpy scalars and arrays (e.g. in signature params) as plain JSON values."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def write_json(al: MultiAlignment, path: str | Path) -> Path:
    """Write the alignment as JSON to ``path``; returns the path."""
    return write_bytes(path, json_bytes(al) + b"\n")


def read_json(path: str | Path) -> MultiAlignment:
    """Read an alignment JSON written by :func:`write_json`."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _fail(f"{Path(path).name} is not UTF-8 JSON ({exc})") from exc
    return alignment_from_dict(data)
