"""Precision of suggested term pairs against a gold term list.

Gold files (``corpora/glossary/gold/<doc>.<src>-<tgt>.tsv``): one source term a line,
a tab, then the accepted target renderings separated by ``|``; ``#`` starts a comment.
A suggestion is correct when its source term is listed and its target matches one of
the renderings by :func:`align.terms.extract.term_key` (case, plural, inflection and
Arabic clitics ignored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.errors import ReadError
from align.terms.extract import term_key
from align.terms.pair import TermPair


@dataclass
class Gold:
    """Accepted target keys per source key."""

    src_lang: str
    tgt_lang: str
    pairs: dict[str, set[str]]

    def correct(self, src: str, tgt: str) -> bool:
        return term_key(tgt, self.tgt_lang) in self.pairs.get(term_key(src, self.src_lang), set())


def read_gold(path: str | Path, src_lang: str, tgt_lang: str) -> Gold:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReadError(f"cannot read the gold term list {path}: {exc.strerror or exc}") from exc
    pairs: dict[str, set[str]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" not in line:
            raise ReadError(f"{path}:{n}: expected 'source<TAB>target|target...'")
        src, tgts = line.split("\t", 1)
        key = term_key(src, src_lang)
        pairs.setdefault(key, set()).update(
            term_key(t, tgt_lang) for t in tgts.split("|") if t.strip())
    return Gold(src_lang, tgt_lang, pairs)


@dataclass
class PrecisionReport:
    n: int
    correct: int
    wrong: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        return self.correct / self.n if self.n else 0.0


def precision_at(pairs: Sequence[TermPair], gold: Gold, n: int = 30) -> PrecisionReport:
    """Precision of the first ``n`` suggestions (fewer if fewer were made)."""
    top = list(pairs)[:n]
    wrong = [(p.src, p.tgt) for p in top if not gold.correct(p.src, p.tgt)]
    return PrecisionReport(len(top), len(top) - len(wrong), wrong)
