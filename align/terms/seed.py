"""The seed UNODC glossary shipped in ``corpora/glossary/unodc-seed.tsv``.

One concept a line: ``id  domain  zh  en  fr  es  ru  ar  note``; a language cell may
hold several terms separated by ``|`` (preferred first, then acronyms and short forms).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from align.errors import ReadError
from align.terms.glossary import Concept, Term, guess_term_type

LANG_COLUMNS: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")
SEED_PATH = Path(__file__).resolve().parents[2] / "corpora" / "glossary" / "unodc-seed.tsv"
SEED_SOURCE = "UNODC seed glossary"


def parse_seed(text: str, *, by: str = "seed", when: str = "") -> list[Concept]:
    """Concepts of a seed TSV given as text (all terms ``accepted``)."""
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = {"id", *LANG_COLUMNS} - set(reader.fieldnames or ())
    if missing:
        raise ReadError(f"the seed glossary lacks the column(s) {', '.join(sorted(missing))}")
    out: list[Concept] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        cid = (row.get("id") or "").strip()
        if not cid or cid.startswith("#"):
            continue
        if cid in seen:
            raise ReadError(f"the seed glossary repeats the id {cid!r} (line {n})")
        seen.add(cid)
        concept = Concept(id=cid, domain=(row.get("domain") or "").strip(),
                          definition=(row.get("note") or "").strip(), origin="seed",
                          created_by=by, created_at=when, modified_by=by, modified_at=when)
        for lang in LANG_COLUMNS:
            cell = unicodedata.normalize("NFC", row.get(lang) or "")
            for i, term in enumerate(t.strip() for t in cell.split("|") if t.strip()):
                ttype = guess_term_type(term, i)
                concept.terms.append(Term(
                    lang=lang, text=term, term_type=ttype,
                    pos="properNoun" if concept.domain in _PROPER_DOMAINS else "noun",
                    status="accepted", source=SEED_SOURCE, created_by=by, created_at=when,
                    modified_by=by, modified_at=when))
        out.append(concept)
    return out


_PROPER_DOMAINS = frozenset({"governing body", "body", "organization", "convention"})


def load_seed(path: str | Path | None = None) -> list[Concept]:
    """The seed glossary (the shipped one by default)."""
    p = Path(path) if path else SEED_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReadError(f"cannot read the seed glossary {p}: {exc.strerror or exc}") from exc
    return parse_seed(text)
