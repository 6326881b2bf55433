"""Load and validate the corpora source JSON (see corpora/README.md for the format)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from conventions import FOOTNOTE_MARK_RE, LANGS

UNIT_KINDS = ("body", "heading", "paragraph", "subitem", "footnote")
#: kinds whose sentences make up the gold (footnotes and front matter are left out)
GOLD_KINDS = ("body", "heading", "paragraph", "subitem")
META_KEYS = ("symbols", "job_number", "date", "distribution", "original", "title")


def load(path: Path) -> dict:
    """Read one source document; raise ValueError naming every problem found."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems = validate(doc)
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems[:20]))
    return doc


def zh_external(doc: dict) -> bool:
    """True when the zh text is not stored (the seed): units carry ``zh_count`` instead."""
    return any("zh_count" in u for u in doc["units"])


def doc_langs(doc: dict) -> list[str]:
    """The languages of a document, zh first, in the order of ``LANGS``."""
    present = set(doc["langs"])
    if zh_external(doc):
        present.add("zh")
    return [lang for lang in LANGS if lang in present]


def rendered_langs(doc: dict) -> list[str]:
    """The languages whose files are rendered (all but an external zh)."""
    return [lang for lang in doc_langs(doc) if not (lang == "zh" and zh_external(doc))]


def sentence_count(unit: dict, lang: str) -> int:
    if lang == "zh" and "zh_count" in unit:
        return int(unit["zh_count"])
    return len(unit["text"].get(lang, []))


def beads_of(unit: dict, lang: str) -> list[tuple[list[int], list[int]]]:
    """The zh–``lang`` sentence beads of a unit, unit-local (1-1 when not declared)."""
    declared = unit.get("beads", {}).get(lang)
    if declared is not None:
        return [(list(z), list(x)) for z, x in declared]
    n = sentence_count(unit, "zh")
    return [([i], [i]) for i in range(n)]


def check_beads(beads: list, n_zh: int, n_x: int) -> str | None:
    """None when the beads cover both sides in order without overlap, else why not."""
    zh_seen: list[int] = []
    x_seen: list[int] = []
    for bead in beads:
        if len(bead) != 2 or not (bead[0] or bead[1]):
            return f"bad bead {bead!r}"
        zh_seen += list(bead[0])
        x_seen += list(bead[1])
    if zh_seen != list(range(n_zh)):
        return f"zh side {zh_seen} does not cover 0..{n_zh - 1} in order"
    if x_seen != list(range(n_x)):
        return f"target side {x_seen} does not cover 0..{n_x - 1} in order"
    return None


def _check_meta(doc: dict, problems: list[str]) -> None:
    jobs: dict[str, str] = {}
    for lang, meta in doc["langs"].items():
        if lang not in LANGS:
            problems.append(f"unknown language {lang!r}")
            continue
        missing = [k for k in META_KEYS if not meta.get(k)]
        if missing:
            problems.append(f"{lang}: masthead lacks {', '.join(missing)}")
        job = meta.get("job_number")
        if job in jobs.values():
            problems.append(f"{lang}: job number {job} is also another language's")
        jobs[lang] = job


def _check_unit(doc: dict, i: int, unit: dict, langs: list[str], problems: list[str]) -> None:
    where = f"unit {i} ({unit.get('kind')} {unit.get('number')})"
    if unit.get("kind") not in UNIT_KINDS:
        problems.append(f"{where}: unknown kind")
        return
    for lang in langs:
        if lang == "zh" and "zh_count" in unit:
            continue
        sents = unit.get("text", {}).get(lang)
        if not sents:
            problems.append(f"{where}: no {lang} text")
            continue
        for s in sents:
            if not s.strip() or s != s.strip() or unicodedata.normalize("NFC", s) != s:
                problems.append(f"{where}: {lang} sentence empty, padded or not NFC: {s[:30]!r}")
    if unit["kind"] == "footnote" or "zh" not in langs:
        return
    n_zh = sentence_count(unit, "zh")
    for lang in langs:
        if lang == "zh":
            continue
        declared = unit.get("beads", {}).get(lang)
        n_x = sentence_count(unit, lang)
        if declared is None:
            if n_x != n_zh:
                problems.append(f"{where}: zh has {n_zh} sentences, {lang} {n_x}, and no beads")
            continue
        why = check_beads(declared, n_zh, n_x)
        if why:
            problems.append(f"{where}: zh-{lang} beads: {why}")


def _check_footnotes(doc: dict, langs: list[str], problems: list[str]) -> None:
    notes = [u["number"] for u in doc["units"] if u["kind"] == "footnote"]
    for lang in langs:
        if lang == "zh" and zh_external(doc):
            continue
        marks = [m.group(1) for u in doc["units"] if u["kind"] != "footnote"
                 for s in u["text"].get(lang, []) for m in FOOTNOTE_MARK_RE.finditer(s)]
        if marks != notes:
            problems.append(f"{lang}: footnote references {marks} differ from footnotes {notes}")


def validate(doc: dict) -> list[str]:
    """Every problem of a source document, one short line each (empty when valid)."""
    problems: list[str] = []
    for key in ("id", "langs", "units"):
        if key not in doc:
            problems.append(f"missing {key!r}")
    if problems:
        return problems
    _check_meta(doc, problems)
    langs = doc_langs(doc)
    if len(langs) < 2 or "zh" not in langs:
        problems.append(f"languages {langs}: zh and at least one other are needed")
    for i, unit in enumerate(doc["units"]):
        _check_unit(doc, i, unit, langs, problems)
    _check_footnotes(doc, langs, problems)
    return problems
