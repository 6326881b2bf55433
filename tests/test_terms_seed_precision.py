"""Must-show: top-30 precision of the suggested pairs on the project's seed renditions.

The Chinese seed is read from ../shared (skipped when absent); the other languages are
the project's renditions in corpora/seed; the gold term lists are
corpora/glossary/gold/seed.zh-<x>.tsv. Figures per language are written to
test-artifacts/terms-seed-precision.txt.
"""

from __future__ import annotations

import pytest

from align.terms.evaluate import precision_at, read_gold
from align.terms.pair import units_from_alignment
from align.terms.pipeline import align_for_terms, suggest_from_units
from align.terms.seed import load_seed

LANGS = ("en", "fr", "es", "ru", "ar")
TOP = 30


@pytest.fixture(scope="module")
def seed_units(shared_dir, corpora_dir, embedder):
    zh = shared_dir / "seed" / "000_e90bbdd4b5905527.txt"
    others = [corpora_dir / "seed" / f"seed.{lang}.txt" for lang in LANGS]
    if not zh.is_file() or not all(p.is_file() for p in others):
        pytest.skip("the seed document or its renditions are missing")
    al = align_for_terms([zh, *others], embedder=embedder, langs={zh.name: "zh"})
    return units_from_alignment(al)


@pytest.mark.slow
def test_top30_precision_every_language_pair(seed_units, embedder, corpora_dir, artifacts_dir):
    sugg = suggest_from_units(seed_units, ("zh", *LANGS), embedder=embedder,
                              glossary=load_seed(), top=None)
    lines, figures = [], {}
    for lang in LANGS:
        gold = read_gold(corpora_dir / "glossary" / "gold" / f"seed.zh-{lang}.tsv", "zh", lang)
        pairs = sugg.pairs[lang]
        report = precision_at(pairs, gold, TOP)
        new = precision_at([p for p in pairs if not p.concept], gold, TOP)
        figures[lang] = report.precision
        lines.append(f"zh-{lang}: P@{TOP} {report.precision:.3f} ({report.correct}/{report.n}); "
                     f"pairs not already in the seed glossary: P@{TOP} {new.precision:.3f}; "
                     f"wrong in top {TOP}: {report.wrong}")
    (artifacts_dir / "terms-seed-precision.txt").write_text("\n".join(lines) + "\n",
                                                             encoding="utf-8")
    assert figures["en"] >= 0.9, lines[0]
    assert all(v >= 0.9 for v in figures.values()), lines
