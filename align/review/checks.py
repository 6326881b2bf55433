"""Number, date and document-symbol agreement inside one aligned row.

Embedding models do not tell 2022 from 2023 or "12.4 million" from "14.2 million"; the
reviewer is shown the values that appear on one side of a row and not on the other.
Values are compared, not strings: ``1240万`` (zh) equals ``12.4 million`` (en) and
``12,4 millions`` (fr); ``1 240`` equals ``1,240``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

#: document symbols such as E/CN.7/2022/3/Add.1, A/RES/70/1, A/81/6 (Sect. 16)
SYMBOL_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,3}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+")
#: a number with optional thousands groups and decimals, and an optional scale word
NUMBER_RE = re.compile(
    r"(?<![A-Za-z\d])(?<!\d[.,])(\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+|\d+)([.,]\d+)?(?![\d])"
    r"\s*(million|millions|millones|millón|миллиона|миллионов|миллион|млн\.?|مليون|ملايين"
    r"|billion|billions|milliards?|mil millones|миллиарда|миллиардов|млрд\.?|مليار|万|亿)?",
    re.IGNORECASE)
#: a Chinese month number (月 follows it): the other languages spell months out
ZH_MONTH_RE = re.compile(r"\d{1,2}\s*月")
#: Arabic-Indic and full-width digits, mapped to ASCII
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９",
                        "012345678901234567890123456789")
_SCALES = {
    "million": 1e6, "millions": 1e6, "millones": 1e6, "millón": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "миллион": 1e6, "млн": 1e6, "млн.": 1e6, "مليون": 1e6, "ملايين": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliards": 1e9, "mil millones": 1e9,
    "миллиарда": 1e9, "миллиардов": 1e9, "млрд": 1e9, "млрд.": 1e9, "مليار": 1e9,
    "万": 1e4, "亿": 1e8,
}


@dataclass
class Mismatch:
    """Values found on one side of a pivot↔language link only."""

    lang: str
    pivot_only: list[str]
    lang_only: list[str]

    def __str__(self) -> str:
        parts = []
        if self.pivot_only:
            parts.append("not in " + self.lang + ": " + ", ".join(self.pivot_only))
        if self.lang_only:
            parts.append("only in " + self.lang + ": " + ", ".join(self.lang_only))
        return "; ".join(parts)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.6g}"


def values(text: str, lang: str) -> Counter:
    """The numbers (scaled) and document symbols of a text, as a multiset of strings."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    out: Counter = Counter()
    for sym in SYMBOL_RE.findall(text):
        out["§" + sym.rstrip(".")] += 1
    text = SYMBOL_RE.sub(" ", text)
    if lang == "zh":
        text = ZH_MONTH_RE.sub(" ", text)
    for m in NUMBER_RE.finditer(text):
        whole = re.sub(r"[,\u00a0\u202f\u2009 ]", "", m.group(1))
        frac = (m.group(2) or "")[1:]
        value = float(f"{whole}.{frac}" if frac else whole)
        scale = (m.group(3) or "").lower()
        value *= _SCALES.get(scale, 1.0)
        out[_fmt(round(value, 6))] += 1
    return out


def _show(c: Counter) -> list[str]:
    return [k[1:] if k.startswith("§") else k for k in sorted(c.elements())]


def row_mismatches(texts: dict[str, str], pivot: str) -> list[Mismatch]:
    """For each language of a row, the values that differ from the pivot's.

    Args:
        texts: language -> text of the row's cell (empty cells are skipped).
        pivot: the pivot language.
    """
    base_text = texts.get(pivot, "")
    if not base_text:
        return []
    base = values(base_text, pivot)
    out = []
    for lang, text in texts.items():
        if lang == pivot or not text:
            continue
        other = values(text, lang)
        if base != other:
            out.append(Mismatch(lang, _show(base - other), _show(other - base)))
    return out
