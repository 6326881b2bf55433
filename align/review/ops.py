"""Pure review operations on a :class:`~align.alignment.MultiAlignment`.

Every operation takes an alignment and an operation dict and returns a NEW alignment;
the input is never mutated. Units are append-only: an operation that changes a text
(edit, split inside a paragraph, move one sentence of a paragraph) appends new units and
points the row cells at them, so that an undo only has to restore rows (see
:func:`diff` / :func:`apply_patch`). :func:`compact` rebuilds tidy unit lists in row
order for export.

An operation is a plain dict (it is written to the review log as JSON)::

    {"op": "confirm", "row": 12, "expect": {"zh": [12], "en": [12]}}

``expect`` (optional) is the cells of the target row as the client saw them: when the
row no longer looks like that (another tab changed the review), :class:`StaleOperation`
is raised instead of changing the wrong row.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

from align.alignment import MultiAlignment, Row, Unit
from align.errors import AlignError

STATUSES: tuple[str, ...] = ("auto", "flagged", "confirmed", "edited")
OPS: tuple[str, ...] = (
    "confirm", "confirm_auto", "unconfirm", "merge", "split", "move", "untranslated", "edit",
)

#: a fallback sentence splitter, used only when align.un.sentences is unavailable
_FALLBACK_SENT_RE = re.compile(r"(?<=[.!?;؟])\s+(?=\S)|(?<=[。！？；])")


class ReviewError(AlignError):
    """A review operation cannot be applied (one line a translator can act on)."""


class StaleOperation(ReviewError):
    """The row an operation targets changed since the client last saw it."""


# --- helpers -------------------------------------------------------------------
def _split_sentences(text: str, lang: str) -> list[str]:
    try:
        from align.un.sentences import split_sentences
    except ImportError:  # the reader package is optional for the review model
        parts = [p.strip() for p in _FALLBACK_SENT_RE.split(text)]
        return [p for p in parts if p] or [text]
    parts = [p for p in split_sentences(text, lang) if p.strip()]
    return parts or [text]


def joiner(lang: str) -> str:
    """How two pieces of text are joined in ``lang`` (no space in Chinese)."""
    return "" if lang == "zh" else " "


def initial_status(row: Row) -> str:
    """``flagged`` for rows the aligner flagged, else ``auto``."""
    return "flagged" if row.flagged else "auto"


def prepare(al: MultiAlignment) -> MultiAlignment:
    """A copy of a fresh aligner result with every row's review status set."""
    out = copy.deepcopy(al)
    for row in out.rows:
        if row.status not in ("confirmed", "edited"):
            row.status = initial_status(row)
    return out


def _clone(al: MultiAlignment) -> MultiAlignment:
    """A shallow copy: new rows list and units lists, rows/units shared until replaced."""
    return replace(al, rows=list(al.rows), units={k: list(v) for k, v in al.units.items()})


def _row_at(al: MultiAlignment, op: dict, key: str = "row") -> int:
    try:
        index = int(op[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise ReviewError(f"operation {op.get('op')!r} needs a row number") from exc
    expect = op.get("expect")
    if expect is not None:
        want = _cells_from(expect)
        if not (0 <= index < len(al.rows) and _cells(al.rows[index]) == want):
            # another window inserted or removed rows above: find the same row again
            found = [i for i, row in enumerate(al.rows) if _cells(row) == want]
            if len(found) != 1:
                raise StaleOperation(f"row {index + 1} was changed in another window: "
                                     "check it and repeat your action")
            index = found[0]
    if not 0 <= index < len(al.rows):
        raise ReviewError(f"row {index + 1} does not exist (the review has {len(al.rows)} rows)")
    return index


def _cells(row: Row) -> dict[str, list[int]]:
    return {k: list(v) for k, v in row.cells.items() if v}


def _cells_from(expect: dict) -> dict[str, list[int]]:
    return {k: [int(i) for i in v] for k, v in expect.items() if v}


def fingerprint(row: Row) -> dict[str, list[int]]:
    """The ``expect`` value of an operation on ``row``."""
    return _cells(row)


def _edited(row: Row, cells: dict[str, list[int]], **changes) -> Row:
    """A new row with ``cells`` and status ``edited``; manual links count as certain."""
    conf = {lang: 1.0 for lang, idx in cells.items() if idx}
    return replace(row, cells=cells, confidence=conf, flags={}, status="edited", **changes)


def _lang_of(al: MultiAlignment, op: dict) -> str:
    lang = op.get("lang")
    if lang not in al.langs:
        raise ReviewError(f"language {lang!r} is not in this review ({', '.join(al.langs)})")
    return lang


def _atoms(al: MultiAlignment, lang: str, cell: list[int]) -> list[tuple[int, str]]:
    """The sentences of one cell as ``(unit index, sentence text)``, in order."""
    out: list[tuple[int, str]] = []
    for ui in cell:
        unit = al.units[lang][ui]
        if al.unit == "sentence":
            out.append((ui, unit.text))
        else:
            out.extend((ui, s) for s in _split_sentences(unit.text, lang))
    return out


def _cut(al: MultiAlignment, lang: str, cell: list[int], k: int) -> tuple[list[int], list[int]]:
    """Cut a cell after its ``k``-th sentence; a unit cut in the middle becomes two new units."""
    atoms = _atoms(al, lang, cell)
    if not 0 <= k <= len(atoms):
        raise ReviewError(f"{lang}: cannot cut after sentence {k}, the cell has {len(atoms)}")
    head = [ui for ui in dict.fromkeys(a[0] for a in atoms[:k])]
    tail = [ui for ui in dict.fromkeys(a[0] for a in atoms[k:])]
    shared = set(head) & set(tail)
    if not shared:
        return head, tail
    (ui,) = shared
    unit = al.units[lang][ui]
    sep = joiner(lang)
    first = sep.join(t for u, t in atoms[:k] if u == ui)
    second = sep.join(t for u, t in atoms[k:] if u == ui)
    units = al.units[lang]
    units.append(replace(unit, text=first))
    a = len(units) - 1
    units.append(replace(unit, text=second, page=None))
    b = len(units) - 1
    return [a if u == ui else u for u in head], [b if u == ui else u for u in tail]


# --- operations ------------------------------------------------------------------
def _confirm(al: MultiAlignment, op: dict) -> None:
    r = _row_at(al, op)
    al.rows[r] = replace(al.rows[r], status="confirmed")


def _confirm_auto(al: MultiAlignment, op: dict) -> None:
    """Confirm every unflagged automatic row whose confidence reaches ``min_confidence``."""
    floor = float(op.get("min_confidence", 0.0))
    count = 0
    for r, row in enumerate(al.rows):
        if row.status == "auto" and row.min_confidence >= floor:
            al.rows[r] = replace(row, status="confirmed")
            count += 1
    if not count:
        raise ReviewError("no automatic row left to confirm at this confidence")


def _unconfirm(al: MultiAlignment, op: dict) -> None:
    r = _row_at(al, op)
    row = al.rows[r]
    if row.status != "confirmed":
        raise ReviewError(f"row {r + 1} is not confirmed")
    al.rows[r] = replace(row, status=initial_status(row))


def _merge(al: MultiAlignment, op: dict) -> None:
    r = _row_at(al, op)
    if r + 1 >= len(al.rows):
        raise ReviewError("the last row has no next row to merge with")
    a, b = al.rows[r], al.rows[r + 1]
    cells = {lang: list(a.cells.get(lang, [])) + list(b.cells.get(lang, []))
             for lang in al.langs if a.cells.get(lang) or b.cells.get(lang)}
    al.rows[r:r + 2] = [_edited(a, cells, number=a.number or b.number)]


def _split(al: MultiAlignment, op: dict) -> None:
    r = _row_at(al, op)
    row = al.rows[r]
    cuts = op.get("cuts") or {}
    first: dict[str, list[int]] = {}
    second: dict[str, list[int]] = {}
    for lang in al.langs:
        cell = list(row.cells.get(lang, []))
        if not cell:
            continue
        k = int(cuts.get(lang, len(_atoms(al, lang, cell))))
        first[lang], second[lang] = _cut(al, lang, cell, k)
    first = {k: v for k, v in first.items() if v}
    second = {k: v for k, v in second.items() if v}
    if not first or not second:
        raise ReviewError(f"row {r + 1}: choose a cut that leaves text in both halves")
    al.rows[r:r + 1] = [_edited(row, first), _edited(row, second)]


def _move(al: MultiAlignment, op: dict) -> None:
    """Move one sentence of one language across the boundary with the row above/below."""
    r = _row_at(al, op)
    lang = _lang_of(al, op)
    direction = op.get("direction")
    if direction not in ("up", "down"):
        raise ReviewError("move needs direction 'up' or 'down'")
    other = r - 1 if direction == "up" else r + 1
    if not 0 <= other < len(al.rows):
        raise ReviewError(f"row {r + 1} has no row {'above' if direction == 'up' else 'below'}")
    row, nb = al.rows[r], al.rows[other]
    cell = list(row.cells.get(lang, []))
    if not cell:
        raise ReviewError(f"row {r + 1} has no {lang} text to move")
    n = len(_atoms(al, lang, cell))
    if direction == "up":
        moved, rest = _cut(al, lang, cell, 1)
        nb_cell = list(nb.cells.get(lang, [])) + moved
    else:
        rest, moved = _cut(al, lang, cell, n - 1)
        nb_cell = moved + list(nb.cells.get(lang, []))
    cells = {**_cells(row), lang: rest}
    nb_cells = {**_cells(nb), lang: nb_cell}
    new_row = _edited(row, {k: v for k, v in cells.items() if v})
    new_nb = _edited(nb, {k: v for k, v in nb_cells.items() if v})
    al.rows[r], al.rows[other] = new_row, new_nb
    if not new_row.cells:
        del al.rows[r]


def _untranslated(al: MultiAlignment, op: dict) -> None:
    """Unlink one language's text from the row: a 1-0 row and a 0-1 row."""
    r = _row_at(al, op)
    lang = _lang_of(al, op)
    row = al.rows[r]
    cell = list(row.cells.get(lang, []))
    if not cell:
        raise ReviewError(f"row {r + 1} has no {lang} text to unlink")
    rest = {k: v for k, v in _cells(row).items() if k != lang}
    if not rest:
        raise ReviewError(f"row {r + 1} holds only {lang} text: it is already unlinked")
    orphan = Row(cells={lang: cell}, confidence={lang: 1.0}, number=row.number, status="edited")
    al.rows[r:r + 1] = [_edited(row, rest), orphan]


def _edit(al: MultiAlignment, op: dict) -> None:
    r = _row_at(al, op)
    lang = _lang_of(al, op)
    text = str(op.get("text", "")).strip()
    if not text:
        raise ReviewError("the new text is empty: use 'untranslated' to unlink a cell instead")
    row = al.rows[r]
    cell = list(row.cells.get(lang, []))
    base = al.units[lang][cell[0]] if cell else Unit(text="", number=row.number)
    al.units[lang].append(replace(base, text=text, sentence=None))
    cells = {**_cells(row), lang: [len(al.units[lang]) - 1]}
    al.rows[r] = _edited(row, cells)


_APPLY = {
    "confirm": _confirm, "confirm_auto": _confirm_auto, "unconfirm": _unconfirm,
    "merge": _merge, "split": _split, "move": _move, "untranslated": _untranslated,
    "edit": _edit,
}


def apply(al: MultiAlignment, op: dict) -> MultiAlignment:
    """Apply one operation; returns a new alignment (``al`` is left unchanged).

    Raises:
        ReviewError: the operation does not fit the alignment (message names the row).
        StaleOperation: ``op["expect"]`` no longer matches the row.
    """
    fn = _APPLY.get(op.get("op", ""))
    if fn is None:
        raise ReviewError(f"unknown review operation {op.get('op')!r}")
    out = _clone(al)
    fn(out, op)
    return out


# --- patches (for the operation log) ----------------------------------------------
def row_to_dict(row: Row) -> dict:
    """A row as plain JSON-ready data (hand-written: ``asdict`` is 20x slower)."""
    return {"cells": {k: list(v) for k, v in row.cells.items()},
            "confidence": dict(row.confidence),
            "flags": {k: list(v) for k, v in row.flags.items()},
            "number": row.number, "status": row.status}


def row_from_dict(d: dict) -> Row:
    return Row(cells={k: list(v) for k, v in d["cells"].items()},
               confidence=dict(d.get("confidence", {})),
               flags={k: list(v) for k, v in d.get("flags", {}).items()},
               number=d.get("number"), status=d.get("status", "auto"))


def unit_to_dict(unit: Unit) -> dict:
    return dict(vars(unit))


def unit_from_dict(d: dict) -> Unit:
    return Unit(**d)


def diff(old: MultiAlignment, new: MultiAlignment) -> dict:
    """The change from ``old`` to ``new``: one replaced slice of rows + appended units."""
    a, b = old.rows, new.rows
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) - p and s < len(b) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    units = {lang: [unit_to_dict(u) for u in new.units[lang][len(old.units.get(lang, [])):]]
             for lang in new.units}
    return {
        "start": p,
        "old": [row_to_dict(r) for r in a[p:len(a) - s]],
        "new": [row_to_dict(r) for r in b[p:len(b) - s]],
        "units": {k: v for k, v in units.items() if v},
        "base": {lang: len(old.units.get(lang, [])) for lang in new.units},
    }


def apply_patch(al: MultiAlignment, patch: dict, *, reverse: bool = False) -> MultiAlignment:
    """Replay a patch forwards (redo) or backwards (undo); units are never removed."""
    out = _clone(al)
    for lang, added in patch.get("units", {}).items():
        base = patch.get("base", {}).get(lang, 0)
        have = len(out.units.setdefault(lang, []))
        # forward replay after a reload: append what is missing
        for i, u in enumerate(added):
            if base + i >= have:
                out.units[lang].append(unit_from_dict(u))
    start = patch["start"]
    remove, insert = ("new", "old") if reverse else ("old", "new")
    count = len(patch[remove])
    current = [row_to_dict(r) for r in out.rows[start:start + count]]
    if current != patch[remove]:
        raise StaleOperation("the review changed underneath this step: reload it")
    out.rows[start:start + count] = [row_from_dict(d) for d in patch[insert]]
    return out


def compact(al: MultiAlignment) -> MultiAlignment:
    """Unit lists rebuilt in row order, holding only units that rows use (for export)."""
    units: dict[str, list[Unit]] = {lang: [] for lang in al.langs}
    moved: dict[str, dict[int, int]] = {lang: {} for lang in al.langs}
    rows: list[Row] = []
    for row in al.rows:
        cells: dict[str, list[int]] = {}
        for lang, idx in row.cells.items():
            new = []
            for i in idx:
                units[lang].append(al.units[lang][i])
                new.append(len(units[lang]) - 1)
                moved[lang][i] = new[-1]
            cells[lang] = new
        rows.append(replace(row, cells=cells))
    # the aligner's pair beads follow their units; a bead with a unit no row uses goes
    pairs = {}
    for lang, beads in al.pairs.items():
        src_map, tgt_map = moved.get(al.pivot, {}), moved.get(lang, {})
        pairs[lang] = [replace(b, src=[src_map[i] for i in b.src], tgt=[tgt_map[j] for j in b.tgt])
                       for b in beads
                       if all(i in src_map for i in b.src) and all(j in tgt_map for j in b.tgt)]
    return replace(al, rows=rows, units=units, pairs=pairs)


def counts(al: MultiAlignment) -> dict[str, int]:
    """How many rows have each status."""
    out = dict.fromkeys(STATUSES, 0)
    for row in al.rows:
        out[row.status] = out.get(row.status, 0) + 1
    return out


def cell_sentences(al: MultiAlignment, row: Row, lang: str) -> list[str]:
    """The sentences of one cell, as the split and move operations count them."""
    return [text for _, text in _atoms(al, lang, list(row.cells.get(lang, [])))]


def next_to_review(al: MultiAlignment, after: int, *, flagged_only: bool = False) -> int | None:
    """The first row after ``after`` still to review (wrapping around), or None."""
    wanted = ("flagged",) if flagged_only else ("flagged", "auto")
    n = len(al.rows)
    for k in range(1, n + 1):
        i = (after + k) % n
        if al.rows[i].status in wanted:
            return i
    return None


def weak_rows(al: MultiAlignment, lang: str, *, below: float = 0.8,
              limit: int = 8) -> list[tuple[float, int]]:
    """``(confidence, row)`` of the unreviewed links pivot↔``lang`` to check first:
    flagged or under ``below``, weakest first."""
    found = [(row.confidence.get(lang, 1.0), i) for i, row in enumerate(al.rows)
             if row.cells.get(lang) and row.status not in ("confirmed", "edited")
             and (row.confidence.get(lang, 1.0) < below or row.flags.get(lang))]
    return sorted(found)[:limit]
