"""The readers' named patterns: what they match, and no catastrophic backtracking."""

from __future__ import annotations

import re
import time

import pytest

from align.io import docx as docx_mod
from align.io import pdf as pdf_top
from align.io import pdf_cells as pdf_mod
from align.io import pdf_glyphs, pdf_lines, safezip
from align.io import pdf_layout as L

PATTERNS = {name: obj for mod in (pdf_top, pdf_glyphs, pdf_lines, pdf_mod, L, docx_mod, safezip)
            for name, obj in vars(mod).items() if isinstance(obj, re.Pattern)}

ADVERSARIAL = [
    "A/" + "a" * 5000 + "!",
    "A/" + "a/" * 3000 + "!",
    ". " * 5000 + "x",
    "." * 10000 + "x",
    "1" * 10000 + "x",
    "(" * 5000 + "a",
    " " * 10000 + "x",
    "\t" * 5000 + "x",
    "*" * 5000 + "x",
    "<!" + " " * 10000,
    "a-" * 5000 + "!",
    "中 " * 5000,
]


def test_patterns_found():
    assert len(PATTERNS) >= 20


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_catastrophic_backtracking(name):
    pattern = PATTERNS[name]
    for text in ADVERSARIAL:
        subject = text.encode() if isinstance(pattern.pattern, bytes) else text
        start = time.perf_counter()
        pattern.search(subject)
        pattern.match(subject)
        assert time.perf_counter() - start < 0.5, (name, text[:20])


@pytest.mark.parametrize("pattern, text, hit", [
    (L.PAGE_COUNTER_RE, "3/67", True),
    (L.PAGE_COUNTER_RE, "Page 3 of 67", True),
    (L.PAGE_COUNTER_RE, "16.3", False),
    (L.JOB_NUMBER_RE, "26-03369 (E)", True),
    (L.JOB_NUMBER_RE, "V.22-22288", True),
    (L.JOB_NUMBER_RE, "26-03369 (E) 240426", True),
    (L.JOB_NUMBER_RE, "2026-2030", False),
    (L.BARCODE_RE, "*2603369*", True),
    (L.SYMBOL_LINE_RE, "E/CN.7/2022/3/Add.1", True),
    (L.SYMBOL_LINE_RE, "A/81/6 (Sect. 16)", True),
    (L.SYMBOL_LINE_RE, "A/81/6 (Sect. 16)/Part A", True),
    (L.SYMBOL_LINE_RE, "Member States", False),
    (L.TOC_LEADER_RE, "Overall orientation . . . . . . . 3", True),
    (L.TOC_LEADER_RE, "概述……………… 12", True),
    (L.TOC_LEADER_RE, "See paragraph 3.", False),
    (L.LABEL_CELL_RE, "16.1", True),
    (L.LABEL_CELL_RE, "(a)", True),
    (L.LABEL_CELL_RE, "(iv)", True),
    (L.LABEL_CELL_RE, "IV.", True),
    (L.LABEL_CELL_RE, "一.", True),
    (L.LABEL_CELL_RE, "16-1", True),
    (L.LABEL_CELL_RE, "(أ)", True),
    (L.LABEL_CELL_RE, "Mozambique", False),
    (L.NUMERIC_LINE_RE, "1 085 740", True),
    (L.NUMERIC_LINE_RE, "– –", True),
    (L.NUMERIC_LINE_RE, "2023 (actual)", False),
    (L.SEPARATOR_RE, "__________________", True),
    (pdf_mod.FOOTNOTE_MARK_RE, "12", True),
    (pdf_mod.FOOTNOTE_MARK_RE, "***", True),
    (pdf_mod.FOOTNOTE_MARK_RE, "th", False),
    (pdf_mod.RTL_LATIN_LABEL_RE, "(c( تعزيز", True),
    (docx_mod.TYPED_NOTE_RE, "\t**\tA/81/50.", True),
    (docx_mod.TYPED_NOTE_RE, "Plain text", False),
])
def test_pattern_table(pattern, text, hit):
    assert (pattern.search(text) is not None) is hit
