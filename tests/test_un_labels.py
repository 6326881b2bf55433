"""Labels in every language's convention normalise to the same numbers; the named
patterns stay linear on long input."""

from __future__ import annotations

import re
import time

import pytest

from align.un import clean, labels
from align.un import patterns as P

LABELS = [
    ("1. The Commission", "en", ("paragraph", "1", 0, "The Commission")),
    ("12. Text", "fr", ("paragraph", "12", 0, "Text")),
    ("1．在 2022 年", "zh", ("paragraph", "1", 0, "在 2022 年")),
    ("1.在 2022 年", "zh", ("paragraph", "1", 0, "在 2022 年")),
    ("16.1   The Office", "en", ("paragraph", "16.1", 0, "The Office")),
    ("16.12. The Office", "en", ("paragraph", "16.12", 0, "The Office")),
    ("1 - اعتمدت اللجنة", "ar", ("paragraph", "1", 0, "اعتمدت اللجنة")),
    ("١٢ - اعتمدت", "ar", ("paragraph", "12", 0, "اعتمدت")),
    ("I. Introduction", "en", ("heading", "I", 1, "Introduction")),
    ("XIV. Other matters", "fr", ("heading", "XIV", 1, "Other matters")),
    ("一. 审议情况", "zh", ("heading", "I", 1, "审议情况")),
    ("十二、其他事项", "zh", ("heading", "XII", 1, "其他事项")),
    ("أولا - مقدمة", "ar", ("heading", "I", 1, "مقدمة")),
    ("ثالثاً - مسائل", "ar", ("heading", "III", 1, "مسائل")),
    ("A. Drugs", "en", ("heading", "A", 2, "Drugs")),
    ("ألف - المخدرات", "ar", ("heading", "A", 2, "المخدرات")),
    ("جيم - الجريمة", "ar", ("heading", "C", 2, "الجريمة")),
    ("(a) Normative work;", "en", ("subitem", "a", 0, "Normative work;")),
    ("(a)毒品", "zh", ("subitem", "a", 0, "毒品")),
    ("a) Les travaux", "fr", ("subitem", "a", 0, "Les travaux")),
    ("b) Работа", "ru", ("subitem", "b", 0, "Работа")),
    ("(أ) العمل", "ar", ("subitem", "a", 0, "العمل")),
    ("(هـ) العمل", "ar", ("subitem", "e", 0, "العمل")),
    ("(ii) Training", "en", ("subitem", "ii", 0, "Training")),
    ("iii) Formation", "fr", ("subitem", "iii", 0, "Formation")),
    ("’2‘ التدريب", "ar", ("subitem", "ii", 0, "التدريب")),
    ("㈢ 培训", "zh", ("subitem", "iii", 0, "培训")),
]

NOT_LABELS = [
    ("2022 年 12 月", "zh"), ("2025 年战略》", "zh"), ("4 “预防", "zh"), ("The Commission", "en"),
    ("2022. The", "en"), ("1“处理和应对", "zh"), ("U.S. dollars", "en"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), LABELS)
def test_label_forms(text, lang, expected):
    label = labels.parse_label(text, lang)
    assert label is not None
    assert (label.kind, label.number, label.level, label.rest) == expected


@pytest.mark.parametrize(("text", "lang"), NOT_LABELS)
def test_not_labels(text, lang):
    label = labels.parse_label(text, lang)
    assert label is None or label.kind != "paragraph"


@pytest.mark.parametrize(("label", "previous", "expected"), [
    ("(i) x", None, ("i", True)), ("(i) x", "h", ("i", False)), ("(v) x", "u", ("v", False)),
    ("(v) x", None, ("v", True)), ("(x) x", "w", ("x", False)),
])
def test_ambiguous_roman_or_letter(label, previous, expected):
    assert labels.resolve_subitem(labels.parse_label(label, "en"), previous) == expected


@pytest.mark.parametrize(("value", "roman"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL")])
def test_roman_round_trip(value, roman):
    assert labels.to_roman(value) == roman and labels.roman_value(roman) == value


@pytest.mark.parametrize(("line", "furniture"), [
    ("V.22-22288 2/4", True), ("http://undocs.org/E/CN.7/2022/3-E/CN.15/2022/3", True),
    ("E/CN.15/2022/3/Add.1", True), ("26-03369 (E)     240426", True), ("*2603369*", True),
    ("2/67      26-03369", True), ("A/81/6 (Sect. 16)/Part A*", True), ("3", True),
    ("E/CN.7/2022/3-E/CN.15/2022/3.", False), ("1. The Commission", False), ("议程项目 4(a)", False),
    ("Section 16        International drug control", False),
])
def test_page_furniture(line, furniture):
    assert clean.is_furniture(line) is furniture


def test_symbols_and_joint_symbols():
    assert clean.symbols_in("E/CN.7/2022/3–E/CN.15/2022/3") == ["E/CN.7/2022/3", "E/CN.15/2022/3"]
    assert clean.symbols_in("A/81/6 (Sect. 16)") == ["A/81/6 (Sect. 16)"]
    assert clean.symbols_in("A/RES/70/1 and S/2022/123/Corr.1") == ["A/RES/70/1", "S/2022/123/Corr.1"]
    assert clean.symbols_in("CTOC/COP/2022/5/Rev.2") == ["CTOC/COP/2022/5/Rev.2"]


@pytest.mark.parametrize(("lines", "lang", "expected"), [
    (["implementa-", "tion of the plan"], "en", "implementation of the plan"),
    (["the anti-", "corruption work"], "en", "the anti-corruption work"),
    (["the 2021-", "2025 strategy"], "en", "the 2021-2025 strategy"),
    (["South-", "South cooperation"], "en", "South-South cooperation"),
    (["犯罪问题办公室", "（毒品）治理"], "zh", "犯罪问题办公室（毒品）治理"),
    (["第 29/1", "号决议"], "zh", "第 29/1 号决议"),
    (["اعتمدت", "اللجنة"], "ar", "اعتمدت اللجنة"),
])
def test_join_lines(lines, lang, expected):
    assert clean.join_lines(lines, lang) == expected


def _named_patterns():
    return [(name, value) for name, value in vars(P).items() if isinstance(value, re.Pattern)]


@pytest.mark.parametrize(("name", "pattern"), _named_patterns(), ids=[n for n, _ in _named_patterns()])
def test_patterns_do_not_backtrack_catastrophically(name, pattern):
    hostile = ["1" * 100_000, "A/" * 50_000, ". " * 50_000, "-" * 100_000, "(" * 100_000,
               "E/CN.7" * 20_000, " " * 100_000 + "x", "a" * 100_000 + "-"]
    for text in hostile:
        start = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        assert time.perf_counter() - start < 2, (name, text[:10])


@pytest.mark.parametrize(("text", "expected"), [
    ("第42146号。27-05812", "第42146号。"),
    ("resolution S-32/1, annex. 27-05812 3/4", "resolution S-32/1, annex."),
    ("See resolution 64/7", "See resolution 64/7"),
    ("See annex. 3/4 V.22-22288 (E)", "See annex."),
])
def test_footnote_tails(text, expected):
    assert clean.strip_trailing_furniture(text) == expected


@pytest.mark.parametrize(("texts", "numbers", "lang", "expected"), [
    (["Pursuant to resolution 30/3.1 It reviews."], ["1"], "en", ["Pursuant to resolution 30/3. It reviews."]),
    (["It was 1,2 million.1 Next"], ["1"], "en", ["It was 1,2 million. Next"]),
    (["决议1提交。次级方案1下"], ["1"], "zh", ["决议提交。次级方案1下"]),
    (["ما قدره 398,2 مليون دولار6، أي"], ["6"], "ar", ["ما قدره 398,2 مليون دولار، أي"]),
    (["the G20 and COVID-19 countries2."], ["2"], "en", ["the G20 and COVID-19 countries."]),
])
def test_footnote_markers(texts, numbers, lang, expected):
    assert clean.strip_footnote_markers(texts, numbers, lang) == expected
