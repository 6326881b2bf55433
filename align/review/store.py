"""The review store: every review action written at once to SQLite.

Tables (all prefixed ``review_``, in the tool's one database, see ``align.storage``):

- ``review_sets``: one document set, keyed by the content hashes of its files
  (re-uploading the same files finds the same set), with its files' names and languages.
- ``review_alignments``: the current state of one review (one per set and unit level):
  the rows (zlib JSON), a version number bumped by every write (optimistic concurrency:
  a writer that read version N can only write if the version is still N).
- ``review_units``: the units of a review, append-only.
- ``review_log``: the operation log; each entry holds the operation and the patch it
  made (``align.review.ops.diff``), so undo and redo replay the log.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone

from align.alignment import DocInfo, MultiAlignment
from align.errors import ExportError, StoreError
from align.export.jsonio import beads_from_list, beads_to_list
from align.review import ops

SCHEMA = """
CREATE TABLE IF NOT EXISTS review_sets (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    files TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_alignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    set_key TEXT NOT NULL REFERENCES review_sets(key) ON DELETE CASCADE,
    unit TEXT NOT NULL,
    version INTEGER NOT NULL,
    meta TEXT NOT NULL,
    rows BLOB NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (set_key, unit)
);
CREATE TABLE IF NOT EXISTS review_units (
    review_id INTEGER NOT NULL REFERENCES review_alignments(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    idx INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (review_id, lang, idx)
);
CREATE TABLE IF NOT EXISTS review_log (
    review_id INTEGER NOT NULL REFERENCES review_alignments(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts TEXT NOT NULL,
    op TEXT NOT NULL,
    patch BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped')),
    PRIMARY KEY (review_id, seq)
);
"""


class ConflictError(StoreError):
    """The review was written by someone else (another tab) since it was read."""


@dataclass
class ReviewInfo:
    """A summary of one stored review, for lists and the resume prompt."""

    id: int
    set_key: str
    unit: str
    version: int
    name: str
    rows: int
    confirmed: int
    updated: str


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pack(obj) -> bytes:
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _unpack(blob: bytes):
    return json.loads(zlib.decompress(blob).decode())


class ReviewStore:
    """Reviews in the tool's SQLite database.

    Args:
        con: a connection from :func:`align.storage.connect`.
    """

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        try:
            con.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot prepare the review tables: {exc}") from exc

    # --- document sets -------------------------------------------------------------
    def save_set(self, key: str, name: str, files: list[dict]) -> None:
        """Create or update a document set (files: sha, name, lang, size ...)."""
        now = _now()
        with self._tx():
            self.con.execute(
                "INSERT INTO review_sets (key, name, files, created, updated) VALUES (?,?,?,?,?)"
                " ON CONFLICT(key) DO UPDATE SET name=excluded.name, files=excluded.files,"
                " updated=excluded.updated",
                (key, name, json.dumps(files, ensure_ascii=False), now, now))

    def get_set(self, key: str) -> dict | None:
        row = self.con.execute("SELECT * FROM review_sets WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        return {"key": row["key"], "name": row["name"], "files": json.loads(row["files"]),
                "created": row["created"], "updated": row["updated"]}

    # --- reviews ---------------------------------------------------------------------
    def create(self, set_key: str, al: MultiAlignment) -> int:
        """Store a fresh alignment as the review of ``set_key`` at its unit level.

        An existing review of the same set and level is replaced (start over).
        """
        al = ops.prepare(al)
        meta = {"pivot": al.pivot, "langs": al.langs, "signature": al.signature,
                "docs": {k: vars(v) for k, v in al.docs.items()},
                "pairs": {k: beads_to_list(v) for k, v in al.pairs.items()}}
        now = _now()
        name = next((d.symbols[0] for d in al.docs.values() if d.symbols), "") or set_key[:12]
        with self._tx():
            self.con.execute(
                "INSERT OR IGNORE INTO review_sets (key, name, files, created, updated)"
                " VALUES (?,?,?,?,?)", (set_key, name, "[]", now, now))
            self.con.execute("DELETE FROM review_alignments WHERE set_key=? AND unit=?",
                             (set_key, al.unit))
            cur = self.con.execute(
                "INSERT INTO review_alignments (set_key, unit, version, meta, rows, created,"
                " updated) VALUES (?,?,?,?,?,?,?)",
                (set_key, al.unit, 1, json.dumps(meta, ensure_ascii=False),
                 _pack([ops.row_to_dict(r) for r in al.rows]), now, now))
            rid = int(cur.lastrowid)
            self.con.executemany(
                "INSERT INTO review_units (review_id, lang, idx, data) VALUES (?,?,?,?)",
                [(rid, lang, i, json.dumps(ops.unit_to_dict(u), ensure_ascii=False))
                 for lang, units in al.units.items() for i, u in enumerate(units)])
        return rid

    def find(self, set_key: str, unit: str) -> int | None:
        row = self.con.execute("SELECT id FROM review_alignments WHERE set_key=? AND unit=?",
                               (set_key, unit)).fetchone()
        return int(row["id"]) if row else None

    def version(self, review_id: int) -> int:
        return int(self._head(review_id)["version"])

    def load(self, review_id: int) -> tuple[MultiAlignment, int]:
        """The current state of a review and its version."""
        head = self._head(review_id)
        meta = json.loads(head["meta"])
        units: dict[str, list] = {lang: [] for lang in meta["langs"]}
        for r in self.con.execute(
                "SELECT lang, data FROM review_units WHERE review_id=? ORDER BY lang, idx",
                (review_id,)):
            units.setdefault(r["lang"], []).append(ops.unit_from_dict(json.loads(r["data"])))
        al = MultiAlignment(
            pivot=meta["pivot"], unit=head["unit"], langs=list(meta["langs"]), units=units,
            rows=[ops.row_from_dict(d) for d in _unpack(head["rows"])],
            docs={k: DocInfo(**v) for k, v in meta.get("docs", {}).items()},
            signature=meta.get("signature", {}))
        # the aligner's pair beads point at the units it made, which the review never
        # renumbers (edits append units): restore them for pair exports
        pivot_n = len(units.get(al.pivot, []))
        try:
            al.pairs = {k: beads_from_list(v, pivot_n, len(units.get(k, [])))
                        for k, v in meta.get("pairs", {}).items()}
        except (ExportError, ValueError, TypeError):
            al.pairs = {}
        return al, int(head["version"])

    def info(self, review_id: int) -> ReviewInfo:
        head = self._head(review_id)
        rows = _unpack(head["rows"])
        name = self.con.execute("SELECT name FROM review_sets WHERE key=?",
                                (head["set_key"],)).fetchone()
        return ReviewInfo(
            id=review_id, set_key=head["set_key"], unit=head["unit"],
            version=int(head["version"]), name=name["name"] if name else "",
            rows=len(rows), confirmed=sum(r.get("status") == "confirmed" for r in rows),
            updated=head["updated"])

    def recent(self, limit: int = 20) -> list[ReviewInfo]:
        """Reviews, most recently changed first."""
        ids = [r["id"] for r in self.con.execute(
            "SELECT id FROM review_alignments ORDER BY updated DESC, id DESC LIMIT ?",
            (limit,))]
        return [self.info(i) for i in ids]

    # --- writing -----------------------------------------------------------------------
    def commit(self, review_id: int, expected_version: int, op: dict,
               old: MultiAlignment, new: MultiAlignment) -> int:
        """Write the change ``old -> new`` made by ``op``; returns the new version.

        Raises:
            ConflictError: the stored version is no longer ``expected_version``.
        """
        patch = ops.diff(old, new)
        with self._tx():
            self._check(review_id, expected_version)
            seq = self._next_seq(review_id)
            self.con.execute("UPDATE review_log SET state='dropped' WHERE review_id=? AND"
                             " state='undone'", (review_id,))
            self.con.execute(
                "INSERT INTO review_log (review_id, seq, ts, op, patch, state)"
                " VALUES (?,?,?,?,?,'done')",
                (review_id, seq, _now(), json.dumps(op, ensure_ascii=False), _pack(patch)))
            self._write_state(review_id, new, patch)
        return expected_version + 1

    def undo(self, review_id: int, expected_version: int,
             current: MultiAlignment | None = None) -> tuple[MultiAlignment, int, dict]:
        """Undo the last done operation; returns the state, its version and the op.

        ``current`` is the caller's copy of the state at ``expected_version`` (saves a
        load; the version check makes sure it is the stored state).
        """
        return self._step(review_id, expected_version, current, undo=True)

    def redo(self, review_id: int, expected_version: int,
             current: MultiAlignment | None = None) -> tuple[MultiAlignment, int, dict]:
        """Redo the last undone operation; returns the state, its version and the op."""
        return self._step(review_id, expected_version, current, undo=False)

    def can_undo(self, review_id: int) -> bool:
        return self._pick(review_id, undo=True) is not None

    def can_redo(self, review_id: int) -> bool:
        return self._pick(review_id, undo=False) is not None

    def history(self, review_id: int) -> list[dict]:
        """The operation log, oldest first: seq, ts, op, state."""
        return [{"seq": r["seq"], "ts": r["ts"], "op": json.loads(r["op"]), "state": r["state"]}
                for r in self.con.execute(
                    "SELECT seq, ts, op, state FROM review_log WHERE review_id=? ORDER BY seq",
                    (review_id,))]

    # --- internals ----------------------------------------------------------------------
    def _tx(self):
        return _Transaction(self.con)

    def _head(self, review_id: int) -> sqlite3.Row:
        head = self.con.execute("SELECT * FROM review_alignments WHERE id=?",
                                (review_id,)).fetchone()
        if head is None:
            raise StoreError(f"review {review_id} does not exist (was it started over?)")
        return head

    def _check(self, review_id: int, expected_version: int) -> None:
        current = self.version(review_id)
        if current != expected_version:
            raise ConflictError(
                "this review was changed in another window: it has been reloaded, "
                "check the row and repeat your action")

    def _next_seq(self, review_id: int) -> int:
        row = self.con.execute("SELECT MAX(seq) AS m FROM review_log WHERE review_id=?",
                               (review_id,)).fetchone()
        return int(row["m"] or 0) + 1

    def _write_state(self, review_id: int, new: MultiAlignment, patch: dict) -> None:
        for lang, added in patch.get("units", {}).items():
            base = patch["base"].get(lang, 0)
            self.con.executemany(
                "INSERT OR IGNORE INTO review_units (review_id, lang, idx, data) VALUES (?,?,?,?)",
                [(review_id, lang, base + i, json.dumps(u, ensure_ascii=False))
                 for i, u in enumerate(added)])
        self.con.execute(
            "UPDATE review_alignments SET rows=?, version=version+1, updated=? WHERE id=?",
            (_pack([ops.row_to_dict(r) for r in new.rows]), _now(), review_id))
        self.con.execute(
            "UPDATE review_sets SET updated=? WHERE key=(SELECT set_key FROM"
            " review_alignments WHERE id=?)", (_now(), review_id))

    def _pick(self, review_id: int, *, undo: bool) -> sqlite3.Row | None:
        if undo:
            sql = ("SELECT * FROM review_log WHERE review_id=? AND state='done'"
                   " ORDER BY seq DESC LIMIT 1")
        else:
            sql = ("SELECT * FROM review_log WHERE review_id=? AND state='undone'"
                   " ORDER BY seq ASC LIMIT 1")
        return self.con.execute(sql, (review_id,)).fetchone()

    def _step(self, review_id: int, expected_version: int, current: MultiAlignment | None,
              *, undo: bool):
        with self._tx():
            self._check(review_id, expected_version)
            entry = self._pick(review_id, undo=undo)
            if entry is None:
                raise ops.ReviewError("nothing to undo" if undo else "nothing to redo")
            al = current if current is not None else self.load(review_id)[0]
            patch = _unpack(entry["patch"])
            new = ops.apply_patch(al, patch, reverse=undo)
            self.con.execute("UPDATE review_log SET state=? WHERE review_id=? AND seq=?",
                             ("undone" if undo else "done", review_id, entry["seq"]))
            self._write_state(review_id, new, {"units": {}, "base": {}})
        return new, expected_version + 1, json.loads(entry["op"])


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``: the version check and the write are atomic."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def __enter__(self):
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"the review database is busy or read-only: {exc}") from exc
        return self.con

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            try:
                self.con.execute("COMMIT")
            except sqlite3.Error as err:
                self.con.execute("ROLLBACK")
                raise StoreError(f"cannot write the review database: {err}") from err
        else:
            self.con.execute("ROLLBACK")
        return False
