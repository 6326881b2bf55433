"""The glossary store: concepts and terms in the tool's SQLite database.

Tables (prefixed ``gl_``, beside the review tables, see :mod:`align.storage`):

- ``gl_concepts``: one row per concept: domain, definition, origin (seed, suggested,
  manual), the best pairing score and its evidence (JSON), who and when;
- ``gl_terms``: one row per term: language, text, type, part of speech, status, note,
  source symbol and paragraph, context sentence, who and when.

Every write is one ``BEGIN IMMEDIATE`` transaction, so two browser tabs (WAL mode, a
busy timeout) never interleave half-written entries, and nothing is lost on restart.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from align.errors import StoreError
from align.terms.extract import term_key
from align.terms.glossary import POS_VALUES, STATUSES, TERM_TYPES, Concept, Term
from align.terms.pair import TermPair

SCHEMA = """
CREATE TABLE IF NOT EXISTS gl_concepts (
    id TEXT PRIMARY KEY,
    domain TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'manual',
    score REAL NOT NULL DEFAULT 0,
    evidence TEXT NOT NULL DEFAULT '{}',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    modified_by TEXT NOT NULL DEFAULT '',
    modified_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS gl_terms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    concept_id TEXT NOT NULL REFERENCES gl_concepts(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    term_type TEXT NOT NULL DEFAULT 'fullForm',
    pos TEXT NOT NULL DEFAULT 'noun',
    status TEXT NOT NULL DEFAULT 'candidate'
        CHECK (status IN ('candidate', 'accepted', 'rejected')),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    paragraph TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    modified_by TEXT NOT NULL DEFAULT '',
    modified_at TEXT NOT NULL DEFAULT '',
    UNIQUE (concept_id, lang, text)
);
CREATE INDEX IF NOT EXISTS gl_terms_lang ON gl_terms(lang, status);
"""

#: term fields a user may edit
EDITABLE = ("text", "term_type", "pos", "status", "note", "source", "paragraph", "context")


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def suggestion_id(src_lang: str, src_key: str) -> str:
    """The concept id of suggestions sharing one source (pivot) term."""
    digest = hashlib.sha1(f"{src_lang}\x00{src_key}".encode()).hexdigest()[:12]
    return f"s-{digest}"


class GlossaryStore:
    """Glossary entries in one SQLite connection (see :func:`align.storage.connect`)."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.con.row_factory = sqlite3.Row
        try:
            have = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE name IN ('gl_concepts', 'gl_terms')")}
            if len(have) < 2:  # executescript commits: only when the tables are missing
                self.con.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot create the glossary tables: {exc}") from exc

    @classmethod
    def open(cls, path: str | Path | None = None) -> GlossaryStore:
        """A store on the tool's database (``align.storage.default_db_path()`` by default)."""
        from align.storage import connect

        return cls(connect(path))

    @contextmanager
    def _write(self):
        if self.con.in_transaction:  # a caller's pending statement: finish it first
            self.con.commit()
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"the glossary database is busy or read-only: {exc}") from exc
        try:
            yield self.con
        except BaseException:
            self.con.rollback()
            raise
        else:
            self.con.commit()

    # --- reading ---------------------------------------------------------------------
    def _concepts(self, where: str = "", args: Sequence = ()) -> list[Concept]:
        rows = self.con.execute(f"SELECT * FROM gl_concepts {where} ORDER BY score DESC, id",
                                args).fetchall()
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        terms: dict[str, list[Term]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            for t in self.con.execute(
                    f"SELECT * FROM gl_terms WHERE concept_id IN ({marks}) ORDER BY id", part):
                terms[t["concept_id"]].append(_term(t))
        return [Concept(id=r["id"], terms=terms[r["id"]], domain=r["domain"],
                        definition=r["definition"], origin=r["origin"], score=r["score"],
                        evidence=json.loads(r["evidence"] or "{}"),
                        created_by=r["created_by"], created_at=r["created_at"],
                        modified_by=r["modified_by"], modified_at=r["modified_at"])
                for r in rows]

    def entries(self, *, status: str | None = None, lang: str | None = None,
                search: str | None = None, origin: str | None = None) -> list[Concept]:
        """Concepts, best score first, filtered by term status, language, text or origin.

        A concept matches when one of its terms has the status (and language); ``search``
        matches any term, note or definition, case-insensitively.
        """
        clauses, args = [], []
        term_clauses, term_args = [], []
        if status:
            term_clauses.append("status = ?")
            term_args.append(status)
        if lang:
            term_clauses.append("lang = ?")
            term_args.append(lang)
        if search:
            term_clauses.append("(text LIKE ? OR note LIKE ?)")
            term_args += [f"%{search}%", f"%{search}%"]
        if term_clauses:
            sub = "SELECT concept_id FROM gl_terms WHERE " + " AND ".join(term_clauses)
            if search and not (status or lang):
                clauses.append(f"(id IN ({sub}) OR definition LIKE ?)")
                args += term_args + [f"%{search}%"]
            else:
                clauses.append(f"id IN ({sub})")
                args += term_args
        if origin:
            clauses.append("origin = ?")
            args.append(origin)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._concepts(where, args)

    def get(self, concept_id: str) -> Concept | None:
        found = self._concepts("WHERE id = ?", (concept_id,))
        return found[0] if found else None

    def count(self) -> int:
        return int(self.con.execute("SELECT COUNT(*) FROM gl_concepts").fetchone()[0])

    # --- writing ---------------------------------------------------------------------
    def save(self, concept: Concept, *, by: str = "") -> str:
        """Insert or replace one concept with all its terms."""
        with self._write():
            self._save(concept, by)
        return concept.id

    def _save(self, c: Concept, by: str) -> None:
        when = now_iso()
        self.con.execute(
            "INSERT INTO gl_concepts (id, domain, definition, origin, score, evidence, "
            "created_by, created_at, modified_by, modified_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET domain=excluded.domain, "
            "definition=excluded.definition, origin=excluded.origin, score=excluded.score, "
            "evidence=excluded.evidence, modified_by=excluded.modified_by, "
            "modified_at=excluded.modified_at",
            (c.id, c.domain, c.definition, c.origin, c.score, json.dumps(c.evidence,
             ensure_ascii=False), c.created_by or by, c.created_at or when,
             by or c.modified_by, when))
        self.con.execute("DELETE FROM gl_terms WHERE concept_id = ?", (c.id,))
        for t in c.terms:
            self._insert_term(c.id, t, by, when)

    def _insert_term(self, cid: str, t: Term, by: str, when: str) -> None:
        _check_term(t)
        self.con.execute(
            "INSERT OR IGNORE INTO gl_terms (concept_id, lang, text, term_type, pos, status, "
            "note, source, paragraph, context, created_by, created_at, modified_by, "
            "modified_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (cid, t.lang, t.text.strip(), t.term_type, t.pos, t.status, t.note, t.source,
             t.paragraph, t.context, t.created_by or by, t.created_at or when,
             t.modified_by or by, t.modified_at or when))

    def import_concepts(self, concepts: Iterable[Concept], *, by: str = "seed",
                        replace: bool = False) -> int:
        """Add concepts (e.g. the seed); existing ids are kept unless ``replace``."""
        n = 0
        with self._write():
            for c in concepts:
                exists = self.con.execute("SELECT 1 FROM gl_concepts WHERE id = ?",
                                          (c.id,)).fetchone()
                if exists and not replace:
                    continue
                self._save(c, by)
                n += 1
        return n

    def add_suggestions(self, pairs: Iterable[TermPair], *, by: str = "") -> list[str]:
        """Store suggested pairs as candidate terms; returns the concept ids touched.

        A pair joins the concept that already holds its source term (a seed entry or an
        earlier suggestion, so one Chinese term gathers its renderings in every
        language); otherwise a new ``suggested`` concept is created. Terms already
        present keep their status.
        """
        touched: list[str] = []
        when = now_iso()
        with self._write():
            owner: dict[tuple[str, str], str] = {}
            present: set[tuple[str, str, str]] = set()
            for r in self.con.execute("SELECT concept_id, lang, text, status FROM gl_terms "
                                      "ORDER BY id"):
                key = term_key(r["text"], r["lang"])
                present.add((r["concept_id"], r["lang"], key))
                if r["status"] != "rejected":
                    owner.setdefault((r["lang"], key), r["concept_id"])
            for p in pairs:
                cid = owner.get((p.src_lang, p.src_key)) or suggestion_id(p.src_lang, p.src_key)
                row = self.con.execute("SELECT evidence, score FROM gl_concepts WHERE id = ?",
                                       (cid,)).fetchone()
                ctx = p.contexts[0] if p.contexts else None
                ev = json.loads(row["evidence"]) if row else {}
                ev[p.tgt_lang] = {
                    "src": p.src, "tgt": p.tgt, "score": p.score, "cooc": p.cooc,
                    "src_freq": p.src_freq, "tgt_freq": p.tgt_freq, "log_dice": p.log_dice,
                    "similarity": p.similarity, "margin": p.margin, "acronym": p.acronym,
                    "contexts": [{"src": c.src, "tgt": c.tgt, "symbol": c.symbol,
                                  "paragraph": c.paragraph} for c in p.contexts],
                }
                score = max(p.score, row["score"] if row else 0.0)
                if row:
                    self.con.execute(
                        "UPDATE gl_concepts SET evidence=?, score=?, modified_by=?, "
                        "modified_at=? WHERE id=?",
                        (json.dumps(ev, ensure_ascii=False), score, by, when, cid))
                else:
                    self.con.execute(
                        "INSERT INTO gl_concepts (id, origin, score, evidence, created_by, "
                        "created_at, modified_by, modified_at) VALUES (?,?,?,?,?,?,?,?)",
                        (cid, "suggested", score, json.dumps(ev, ensure_ascii=False), by,
                         when, by, when))
                for lang, text, context in ((p.src_lang, p.src, ctx.src if ctx else ""),
                                            (p.tgt_lang, p.tgt, ctx.tgt if ctx else "")):
                    key = term_key(text, lang)
                    if (cid, lang, key) in present:
                        continue
                    present.add((cid, lang, key))
                    owner.setdefault((lang, key), cid)
                    self._insert_term(cid, Term(
                        lang=lang, text=text, status="candidate",
                        source=ctx.symbol if ctx else "",
                        paragraph=(ctx.paragraph or "") if ctx else "", context=context),
                        by, when)
                touched.append(cid)
        return touched

    def set_status(self, concept_id: str, status: str, *, lang: str | None = None,
                   by: str = "") -> int:
        """Accept or reject a concept's terms (all, or those of one language)."""
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        sql = "UPDATE gl_terms SET status=?, modified_by=?, modified_at=? WHERE concept_id=?"
        args: list = [status, by, now_iso(), concept_id]
        if lang:
            sql += " AND lang=?"
            args.append(lang)
        with self._write():
            n = self.con.execute(sql, args).rowcount
            self._touch(concept_id, by)
        return n

    def update_term(self, term_id: int, *, by: str = "", **fields) -> None:
        """Edit fields of one term (text, term_type, pos, status, note, source, ...)."""
        bad = set(fields) - set(EDITABLE)
        if bad:
            raise StoreError(f"these term fields cannot be edited: {', '.join(sorted(bad))}")
        if "text" in fields and not str(fields["text"]).strip():
            raise StoreError("a term cannot be empty: reject it instead")
        probe = Term(lang="en", text="x", **{k: v for k, v in fields.items() if k != "text"})
        _check_term(probe)
        sets = ", ".join(f"{k}=?" for k in fields)
        with self._write():
            row = self.con.execute("SELECT concept_id FROM gl_terms WHERE id=?",
                                   (term_id,)).fetchone()
            if row is None:
                raise StoreError(f"term {term_id} no longer exists: reload the glossary")
            try:
                self.con.execute(
                    f"UPDATE gl_terms SET {sets}, modified_by=?, modified_at=? WHERE id=?",
                    [*(str(v).strip() for v in fields.values()), by, now_iso(), term_id])
            except sqlite3.IntegrityError as exc:
                raise StoreError("this concept already has that term in that language") from exc
            self._touch(row["concept_id"], by)

    def add_term(self, concept_id: str, term: Term, *, by: str = "") -> None:
        with self._write():
            if not self.con.execute("SELECT 1 FROM gl_concepts WHERE id=?",
                                    (concept_id,)).fetchone():
                raise StoreError(f"concept {concept_id!r} no longer exists: reload the glossary")
            self._insert_term(concept_id, term, by, now_iso())
            self._touch(concept_id, by)

    def update_concept(self, concept_id: str, *, by: str = "", domain: str | None = None,
                       definition: str | None = None) -> None:
        with self._write():
            if domain is not None:
                self.con.execute("UPDATE gl_concepts SET domain=? WHERE id=?",
                                 (domain, concept_id))
            if definition is not None:
                self.con.execute("UPDATE gl_concepts SET definition=? WHERE id=?",
                                 (definition, concept_id))
            self._touch(concept_id, by)

    def delete(self, concept_id: str) -> None:
        with self._write():
            self.con.execute("DELETE FROM gl_concepts WHERE id=?", (concept_id,))

    def _touch(self, concept_id: str, by: str) -> None:
        self.con.execute("UPDATE gl_concepts SET modified_by=?, modified_at=? WHERE id=?",
                         (by, now_iso(), concept_id))


def _check_term(t: Term) -> None:
    if t.status not in STATUSES:
        raise StoreError(f"unknown status {t.status!r}: use one of {', '.join(STATUSES)}")
    if t.term_type not in TERM_TYPES:
        raise StoreError(f"unknown term type {t.term_type!r}: use one of {', '.join(TERM_TYPES)}")
    if t.pos and t.pos not in POS_VALUES:
        raise StoreError(f"unknown part of speech {t.pos!r}: use one of {', '.join(POS_VALUES)}")


def _term(r: sqlite3.Row) -> Term:
    return Term(lang=r["lang"], text=r["text"], term_type=r["term_type"], pos=r["pos"],
                status=r["status"], note=r["note"], source=r["source"],
                paragraph=r["paragraph"], context=r["context"], created_by=r["created_by"],
                created_at=r["created_at"], modified_by=r["modified_by"],
                modified_at=r["modified_at"], id=r["id"])
