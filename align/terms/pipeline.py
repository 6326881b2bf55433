"""From documents to term suggestions: read, align at sentence level, pair.

Used by ``align glossary`` and the glossary page; the steps are the library's own
(:func:`align.io.read_document`, :func:`align.aligners.align_documents`,
:func:`align.terms.pair.pair_terms`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from align.alignment import MultiAlignment
from align.terms.glossary import Concept, known_terms
from align.terms.pair import AlignedUnit, TermPair, pair_terms, units_from_alignment


@dataclass
class Suggestions:
    """Term pairs per target language, with how they were made."""

    pivot: str
    pairs: dict[str, list[TermPair]] = field(default_factory=dict)
    units: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    signature: dict = field(default_factory=dict)

    def all_pairs(self) -> list[TermPair]:
        return [p for lang in self.pairs for p in self.pairs[lang]]


def suggest_from_units(units: Sequence[AlignedUnit], langs: Iterable[str], *, embedder,
                       glossary: Iterable[Concept] = (), pivot: str = "zh",
                       top: int | None = None,
                       progress: Callable[[str, float], None] | None = None) -> Suggestions:
    """Pair the pivot with each other language over already aligned units."""
    known = list(known_terms(glossary))
    targets = [lang for lang in langs if lang != pivot]
    out = Suggestions(pivot=pivot, units=len(units), signature={
        "extractor": "jieba+sacremoses n-grams", "pairing": "logDice+embedding margin+linking",
        "model": getattr(embedder, "model_id", type(embedder).__name__),
        "glossary_terms": len(known), "top": top})
    for k, lang in enumerate(targets):
        if progress:
            progress(f"pairing {pivot}-{lang}", k / max(1, len(targets)))
        t0 = time.perf_counter()
        out.pairs[lang] = pair_terms(units, pivot, lang, embedder=embedder, known=known,
                                     top=top)
        out.seconds[f"pair_{lang}"] = round(time.perf_counter() - t0, 3)
    return out


def align_for_terms(sources: Sequence[str | os.PathLike | tuple[str, bytes]], *, embedder,
                    pivot: str = "zh", langs: dict[str, str] | None = None) -> MultiAlignment:
    """Read the files of one document and align them sentence by sentence.

    Args:
        sources: paths, or ``(name, bytes)`` pairs (uploads).
        embedder: the sentence embedder.
        pivot: the pivot language.
        langs: optional name -> language overrides.
    """
    from align.aligners import align_documents
    from align.io import read_document

    docs = []
    for src in sources:
        if isinstance(src, tuple):
            name, data = src
            docs.append(read_document(data, name=name, lang=(langs or {}).get(name)))
        else:
            name = os.path.basename(os.fspath(src))
            docs.append(read_document(src, lang=(langs or {}).get(name)))
    return align_documents(docs, unit="sentence", embedder=embedder, pivot=pivot)


def suggest_from_alignment(al: MultiAlignment, *, embedder, glossary: Iterable[Concept] = (),
                           top: int | None = None) -> Suggestions:
    """Term suggestions for every language of a sentence-level alignment."""
    units = units_from_alignment(al)
    return suggest_from_units(units, al.langs, embedder=embedder, glossary=glossary,
                              pivot=al.pivot, top=top)
