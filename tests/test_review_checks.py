"""Number/date/symbol mismatches shown to the reviewer: a table of rows."""

from __future__ import annotations

import time

import pytest

from align.review.checks import row_mismatches, values


@pytest.mark.parametrize("texts, expected", [
    # same amounts written the way each language writes them
    ({"zh": "预算为1240万美元。", "en": "The budget is US$ 12.4 million.",
      "fr": "Le budget est de 12,4 millions de dollars.", "ru": "Бюджет составляет 12,4 млн долл. США.",
      "ar": "تبلغ الميزانية 12.4 مليون دولار."}, {}),
    # dates: zh month digits vs a spelled month; the days must agree
    ({"zh": "2022年11月9日举行。", "en": "Held on 9 November 2022."}, {}),
    ({"zh": "2025年1月1日至10月31日", "en": "from 1 January to 31 October 2025",
      "fr": "du 1er janvier au 31 octobre 2025", "ru": "с 1 января по 31 октября 2025 года"}, {}),
    ({"zh": "2022年11月8日", "en": "on 9 November 2022"}, {"en": ("8", "9")}),
    ({"zh": "第一千二百四十次会议，38%的会员国。", "en": "38 per cent of Member States."}, {}),
    ({"zh": "见E/CN.7/2022/3/Add.1。", "en": "See E/CN.7/2022/3/Add.1."}, {}),
    ({"zh": "见E/CN.7/2022/3。", "en": "See E/CN.7/2023/3."},
     {"en": ("E/CN.7/2022/3", "E/CN.7/2023/3")}),
    ({"zh": "2022年", "en": "in 2023"}, {"en": ("2,022", "2,023")}),
    ({"zh": "1 240人", "en": "1,240 people", "fr": "1 240 personnes"}, {}),
    ({"zh": "第６４／７号决议", "en": "resolution 64/7", "ar": "القرار ٦٤/٧"}, {}),
    ({"zh": "", "en": "2022"}, {}),
])
def test_row_mismatches(texts, expected):
    got = {m.lang: (", ".join(m.pivot_only), ", ".join(m.lang_only))
           for m in row_mismatches(texts, "zh")}
    assert got == expected


def test_mismatch_message_names_the_values():
    (m,) = row_mismatches({"zh": "2022年", "en": "in 2023"}, "zh")
    assert str(m) == "not in en: 2,022; only in en: 2,023"


def test_values_does_not_backtrack_on_long_input():
    text = ("1 2 3 4 " * 20000) + "x" + ("1,000," * 20000)
    start = time.perf_counter()
    values(text, "en")
    assert time.perf_counter() - start < 2.0
