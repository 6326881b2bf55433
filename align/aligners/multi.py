"""Several language versions at once: every language aligned to the pivot, rows merged."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from align.aligners.core import signature
from align.aligners.paragraph import PARAGRAPH_PARAMS, SENTENCE_PARAMS, align_pair
from align.alignment import (
    FLAG_SYMBOL_MISMATCH,
    FLAG_UNALIGNED,
    DocInfo,
    MultiAlignment,
    PairAlignment,
    Row,
)
from align.document import BODY_KINDS, Document
from align.embed.base import Embedder
from align.errors import AlignmentInputError

LANG_NAMES = {"zh": "Chinese", "en": "English", "fr": "French", "es": "Spanish",
              "ru": "Russian", "ar": "Arabic"}
COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
#: flag put on every row of a language whose document symbol differs from the pivot's


def _name(doc: Document) -> str:
    return doc.name or f"the {LANG_NAMES.get(doc.lang, doc.lang)} document"


def check_inputs(docs: Sequence[Document], pivot: str) -> None:
    """Raise AlignmentInputError for a set of documents that cannot be aligned."""
    if len(docs) < 2:
        raise AlignmentInputError(
            "give at least two language versions of the document (e.g. Chinese and English)")
    seen: dict[str, list[Document]] = {}
    for doc in docs:
        seen.setdefault(doc.lang, []).append(doc)
    for lang, group in seen.items():
        if len(group) > 1:
            names = ", ".join(_name(d) for d in group)
            count = COUNT_WORDS.get(len(group), str(len(group)))
            raise AlignmentInputError(
                f"{count} files are in {LANG_NAMES.get(lang, lang)}: {names}; give one per language")
    if pivot not in seen:
        present = ", ".join(sorted(seen))
        raise AlignmentInputError(
            f"no {LANG_NAMES.get(pivot, pivot)} version among the files (languages: {present}); "
            f"add it or choose another pivot")
    for doc in docs:
        if not any(s.kind in BODY_KINDS and s.text.strip() for s in doc.segments):
            raise AlignmentInputError(f"{_name(doc)} ({doc.lang}) has no body text to align: "
                                      "is it empty or a scan without text?")


def symbol_warnings(pivot_doc: Document, others: Sequence[Document]) -> dict[str, str]:
    """Language -> warning for documents whose symbols differ from the pivot's."""
    out = {}
    base = {s.replace(" ", "").upper() for s in pivot_doc.meta.symbols}
    for doc in others:
        mine = {s.replace(" ", "").upper() for s in doc.meta.symbols}
        if base and mine and not base & mine:
            out[doc.lang] = (f"{_name(doc)} has symbol {', '.join(doc.meta.symbols)} but "
                             f"{_name(pivot_doc)} has {', '.join(pivot_doc.meta.symbols)}: "
                             "are they versions of the same document?")
    return out


def merge_rows(pivot: str, n_pivot: int, pairs: dict[str, PairAlignment]) -> list[Row]:
    """One row per group of pivot units (merged where any language links them together);
    a unit of another language with no pivot counterpart gets a row of its own."""
    parent = list(range(n_pivot))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pa in pairs.values():
        for bead in pa.beads:
            for i in bead.src[1:]:
                parent[find(i)] = find(bead.src[0])
    group_of = [find(i) for i in range(n_pivot)]
    groups: list[list[int]] = []
    index: dict[int, int] = {}
    for i, g in enumerate(group_of):
        if g not in index:
            index[g] = len(groups)
            groups.append([])
        groups[index[g]].append(i)
    # groups are contiguous because beads are monotone; row r holds groups[r]
    row_of_unit = {i: r for r, grp in enumerate(groups) for i in grp}
    rows = [Row(cells={pivot: list(grp)}) for grp in groups]
    orphans: dict[int, list[Row]] = {}
    for lang, pa in pairs.items():
        last_row = -1
        for bead in pa.beads:
            if bead.src:
                r = row_of_unit[bead.src[0]]
                row = rows[r]
                row.cells.setdefault(lang, []).extend(bead.tgt)
                row.confidence[lang] = min(row.confidence.get(lang, 1.0), bead.confidence)
                flags = row.flags.setdefault(lang, [])
                flags.extend(f for f in bead.flags if f not in flags)
                last_row = max(last_row, r)
            else:
                orphans.setdefault(last_row, []).append(Row(
                    cells={pivot: [], lang: list(bead.tgt)}, confidence={lang: bead.confidence},
                    flags={lang: list(bead.flags)}))
    for row in rows:
        for lang in pairs:
            row.cells.setdefault(lang, [])
            if not row.cells[lang]:
                flags = row.flags.setdefault(lang, [])
                if FLAG_UNALIGNED not in flags:
                    flags.append(FLAG_UNALIGNED)
        row.flags = {k: v for k, v in row.flags.items() if v}
    out: list[Row] = list(orphans.get(-1, []))
    for r, row in enumerate(rows):
        out.append(row)
        out.extend(orphans.get(r, []))
    return out


def align_documents(docs: list[Document], *, unit: str = "paragraph", embedder: Embedder,
                    pivot: str = "zh", progress: Callable[[str, float], None] | None = None
                    ) -> MultiAlignment:
    """Align the language versions of one document, the pivot against each other language.

    Args:
        docs: one document per language, the pivot among them.
        unit: ``paragraph`` or ``sentence``.
        embedder: the sentence embedder.
        pivot: the language every other one is aligned to.
        progress: called with (stage, fraction done).

    Raises:
        AlignmentInputError: fewer than two documents, a language given twice, no pivot
            version, or a document without body text.
    """
    check_inputs(docs, pivot)
    t0 = time.perf_counter()
    pivot_doc = next(d for d in docs if d.lang == pivot)
    others = [d for d in docs if d.lang != pivot]
    warnings = symbol_warnings(pivot_doc, others)
    pairs: dict[str, PairAlignment] = {}
    embed_s = align_s = 0.0
    for k, doc in enumerate(others):
        if progress:
            progress(f"aligning {pivot}-{doc.lang}", k / len(others))
        pa = align_pair(pivot_doc, doc, unit=unit, embedder=embedder)
        pairs[doc.lang] = pa
        embed_s += pa.signature.get("timing", {}).get("embed_s", 0.0)
        align_s += pa.signature.get("timing", {}).get("align_s", 0.0)
    if progress:
        progress("merging languages", 1.0)
    pivot_units = next(iter(pairs.values())).src
    rows = merge_rows(pivot, len(pivot_units), pairs)
    for row in rows:
        for lang in warnings:
            if row.cells.get(lang):
                flags = row.flags.setdefault(lang, [])
                if FLAG_SYMBOL_MISMATCH not in flags:
                    flags.append(FLAG_SYMBOL_MISMATCH)
        if row.flagged:
            row.status = "flagged"
        pn = [pivot_units[i].number for i in row.cells.get(pivot, []) if pivot_units[i].number]
        if pn:
            row.number = pn[0]
        else:
            for lang, pa in pairs.items():
                nums = [pa.tgt[i].number for i in row.cells.get(lang, []) if pa.tgt[i].number]
                if nums:
                    row.number = nums[0]
                    break
    units = {pivot: pivot_units} | {lang: pa.tgt for lang, pa in pairs.items()}
    sig = signature(embedder, PARAGRAPH_PARAMS if unit == "paragraph" else SENTENCE_PARAMS,
                    unit=unit, pivot=pivot)
    sig["warnings"] = list(warnings.values())
    sig["timing"] = {"embed_s": round(embed_s, 3), "align_s": round(align_s, 3),
                     "total_s": round(time.perf_counter() - t0, 3)}
    docs_info = {d.lang: DocInfo(lang=d.lang, name=d.name, symbols=list(d.meta.symbols),
                                 job_number=d.meta.job_number, title=d.meta.title) for d in docs}
    return MultiAlignment(pivot=pivot, unit=unit, langs=[pivot] + [d.lang for d in others],
                          units=units, rows=rows, docs=docs_info, signature=sig,
                          pairs={lang: list(pa.beads) for lang, pa in pairs.items()})
