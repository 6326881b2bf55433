"""Helpers shared by the writers: cleaning text, choosing rows, naming files."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from align.alignment import MultiAlignment, Row
from align.errors import ExportError
from align.signature import Signature

#: characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF)
XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: whitespace (U+3000 and NBSP included) and invisible marks (zero-width, BOM) that must
#: not start or end a segment
EDGE_INVISIBLE = (" \t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                  "\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2028\u2029\u202f\u205f"
                  "\u2060\u3000\ufeff")
#: characters not allowed in an output file name (parentheses and spaces included)
UNSAFE_NAME_RE = re.compile(r"[^\w.\-+]+", re.UNICODE)
#: ``Sect. 16`` -> ``Sect.16`` in a file name
DOT_SPACE_RE = re.compile(r"\.\s+")
#: a run of separators to collapse in a file name
NAME_SEP_RUN_RE = re.compile(r"[-_]{2,}")

#: review statuses that count as checked by a person
CONFIRMED_STATUSES: frozenset[str] = frozenset({"confirmed", "edited"})


def clean_text(text: str) -> str:
    """NFC, without the characters XML 1.0 forbids, ends trimmed (U+3000, NBSP, ZWSP too).

    NFC because CAT tools compare segments code point by code point: a decomposed ``é``
    in the memory would not match the composed one in the document.
    """
    return unicodedata.normalize("NFC", XML_INVALID_RE.sub("", text)).strip(EDGE_INVISIBLE)


def check_langs(al: MultiAlignment, langs: list[str] | None) -> list[str]:
    """The languages to export, validated against the alignment (default: all of it)."""
    chosen = list(al.langs) if langs is None else list(langs)
    unknown = [lang for lang in chosen if lang not in al.langs]
    if unknown:
        raise ExportError(
            f"language {', '.join(unknown)} is not in this alignment "
            f"(it has {', '.join(al.langs)})")
    if len(set(chosen)) != len(chosen):
        raise ExportError(f"a language is listed twice: {', '.join(chosen)}")
    if not chosen:
        raise ExportError("no language chosen to export")
    return chosen


def iter_rows(al: MultiAlignment, *, only_confirmed: bool = False,
              rows: list[Row] | None = None) -> Iterator[tuple[int, Row]]:
    """``(index, row)`` of the rows to export, in order (``rows`` default ``al.rows``)."""
    for index, row in enumerate(al.rows if rows is None else rows):
        if only_confirmed and row.status not in CONFIRMED_STATUSES:
            continue
        yield index, row


def pair_rows(al: MultiAlignment, lang: str, rows: list[Row] | None = None) -> list[Row]:
    """Rows of the pivot↔``lang`` pair at the pair's own granularity.

    A multilingual row is as coarse as the coarsest language makes it (when French
    merges two Chinese sentences, the row holds both for every language). For a
    two-language output, a row the review has not edited is split back into the
    pair's own beads (``al.pairs[lang]``) when they cover the row's two cells exactly;
    an edited row, or one whose beads do not fit, is kept whole.

    Args:
        al: the alignment.
        lang: the other language of the pair.
        rows: the rows to expand (default: all of ``al.rows``).
    """
    rows = al.rows if rows is None else rows
    beads = al.pairs.get(lang) or []
    if not beads or lang == al.pivot:
        return list(rows)
    by_src: dict[int, int] = {}
    for k, bead in enumerate(beads):
        for i in bead.src:
            by_src[i] = k
    out: list[Row] = []
    for row in rows:
        src = row.cells.get(al.pivot, [])
        tgt = row.cells.get(lang, [])
        ks = list(dict.fromkeys(by_src[i] for i in src if i in by_src))
        fits = (row.status != "edited" and len(ks) > 1
                and len(ks) == len(set(ks))
                and sorted(i for k in ks for i in beads[k].src) == sorted(src)
                and sorted(j for k in ks for j in beads[k].tgt) == sorted(tgt))
        if not fits:
            out.append(row)
            continue
        for k in ks:
            bead = beads[k]
            number = next((al.units[al.pivot][i].number for i in bead.src
                           if al.units[al.pivot][i].number), row.number)
            out.append(Row(cells={al.pivot: list(bead.src), lang: list(bead.tgt)},
                           confidence={lang: bead.confidence}, flags={lang: list(bead.flags)},
                           number=number, status=row.status))
    return out


def cell_text(al: MultiAlignment, row: Row, lang: str) -> str:
    """The cleaned text of one cell (empty when the language has no counterpart).

    Each unit is cleaned and trimmed before they are joined as ``MultiAlignment.text``
    joins them (no space in Chinese), so no double space appears at a join.
    """
    sep = "" if lang == "zh" else " "
    try:
        units = al.units[lang] if row.cells.get(lang) else []
        parts = []
        for i in row.cells.get(lang, []):
            if i < 0:
                raise IndexError(i)
            parts.append(clean_text(units[i].text))
        return sep.join(part for part in parts if part)
    except (IndexError, KeyError, TypeError) as exc:
        raise ExportError(
            f"row {row.number or '?'} points at a {lang} unit that does not exist: "
            "the alignment is damaged, realign the documents") from exc


def row_flags(row: Row, langs: list[str]) -> list[str]:
    """Flags of a row as ``lang:flag`` strings, for the chosen languages, sorted."""
    return sorted(f"{lang}:{flag}" for lang in langs for flag in row.flags.get(lang, []))


def row_confidence(row: Row, langs: list[str]) -> float:
    """The lowest link confidence among the chosen languages (1.0 when none is given)."""
    values = [row.confidence[lang] for lang in langs if lang in row.confidence]
    return float(min(values, default=1.0))


def document_symbol(al: MultiAlignment) -> str | None:
    """The document symbol(s), from the pivot's document first, joint symbols joined."""
    order = [al.pivot, *[lang for lang in al.docs if lang != al.pivot]]
    for lang in order:
        info = al.docs.get(lang)
        if info and info.symbols:
            return " – ".join(info.symbols)
    return None


def signature_text(signature: dict) -> str:
    """A one-line signature (``un-align:0.1.0|aligner:...|model:...|k:v``)."""
    if not signature:
        return ""
    sig = Signature(
        aligner=str(signature.get("aligner", "unknown")),
        model=str(signature.get("model", "unknown")),
        params=dict(signature.get("params") or {}),
    )
    if signature.get("tool"):
        sig.tool = str(signature["tool"])
    if signature.get("version"):
        sig.version = str(signature["version"])
    return str(sig)


def safe_name(name: str) -> str:
    """A file-name stem from a symbol or a file name: ``E/CN.7/2022/3`` -> ``E-CN.7-2022-3``."""
    stem = DOT_SPACE_RE.sub(".", name.replace("/", "-").replace("\\", "-").strip())
    stem = UNSAFE_NAME_RE.sub("-", stem)
    stem = NAME_SEP_RUN_RE.sub("-", stem).strip("-._")
    if not stem:
        raise ExportError(f"cannot make a file name from {name!r}: give a name with --name")
    return stem[:120]


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write a whole file at once (a temporary file renamed), raising ExportError."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
