"""Word automatic numbering (``word/numbering.xml``): the label each paragraph shows.

Word stores ``16.1`` not as text but as a list level (``lvlText="16.%1"``, decimal,
start 1) and a counter the layout engine advances paragraph by paragraph. ``Numberer``
replays those counters in body order so the label a reader saw can be recovered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WQ = f"{{{W}}}"

LEVEL_REF_RE = re.compile(r"%([1-9])")

ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
RUSSIAN_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"
CHINESE_DIGITS = "〇一二三四五六七八九"
IDEOGRAPH_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(f"{WQ}val", default)


def roman(n: int) -> str:
    """Lower-case Roman numeral (``4 -> "iv"``)."""
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a..z, then aa..zz (the letter repeated)."""
    if n <= 0:
        return str(n)
    k = len(alphabet)
    return alphabet[(n - 1) % k] * ((n - 1) // k + 1)


def chinese_counting(n: int) -> str:
    """一, 二 ... 十, 十一 ... 二十 (Word's ``chineseCounting``)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else CHINESE_DIGITS[tens]
        return head + "十" + (CHINESE_DIGITS[ones] if ones else "")
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word number format ``fmt`` (unknown formats: decimal)."""
    if fmt in ("lowerLetter",):
        return letters(n, "abcdefghijklmnopqrstuvwxyz")
    if fmt == "upperLetter":
        return letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "ideographTraditional":
        return letters(n, IDEOGRAPH_TRADITIONAL)
    if fmt == "arabicAlpha":
        return letters(n, ARABIC_ALPHA)
    if fmt == "arabicAbjad":
        return letters(n, ARABIC_ABJAD)
    if fmt == "russianLower":
        return letters(n, RUSSIAN_LOWER)
    if fmt == "russianUpper":
        return letters(n, RUSSIAN_LOWER.upper())
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    """One level of an abstract list: how its counter starts and prints."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (0-based) level; None: after any upper
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _level(el: etree._Element) -> Level:
    lvl = Level()
    start = _val(el.find(f"{WQ}start"))
    if start is not None and start.lstrip("-").isdigit():
        lvl.start = int(start)
    lvl.fmt = _val(el.find(f"{WQ}numFmt"), "decimal") or "decimal"
    text = el.find(f"{WQ}lvlText")
    lvl.text = _val(text, "") if text is not None else ""
    restart = _val(el.find(f"{WQ}lvlRestart"))
    if restart is not None and restart.isdigit():
        lvl.restart = int(restart) - 1 if int(restart) > 0 else -1
    legal = el.find(f"{WQ}isLgl")
    lvl.legal = legal is not None and _val(legal, "1") not in ("0", "false")
    return lvl


class Numberer:
    """Replays Word list counters in body order.

    Counters belong to the abstract list, so two ``w:num`` sharing one ``abstractNum``
    continue each other; a ``startOverride`` restarts the level the first time its
    ``w:num`` is used.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is None:
            return
        for ab in root.iter(f"{WQ}abstractNum"):
            aid = ab.get(f"{WQ}abstractNumId")
            levels = {int(lv.get(f"{WQ}ilvl", "0")): _level(lv) for lv in ab.iter(f"{WQ}lvl")}
            self._abstract[aid] = levels
            link = _val(ab.find(f"{WQ}numStyleLink"))
            if link:
                self._abstract.setdefault(f"style:{link}", levels)
        for num in root.iter(f"{WQ}num"):
            nid = num.get(f"{WQ}numId")
            entry = _Num(abstract=_val(num.find(f"{WQ}abstractNumId"), "") or "")
            for ov in num.iter(f"{WQ}lvlOverride"):
                ilvl = int(ov.get(f"{WQ}ilvl", "0"))
                so = _val(ov.find(f"{WQ}startOverride"))
                if so is not None and so.lstrip("-").isdigit():
                    entry.starts[ilvl] = int(so)
                lv = ov.find(f"{WQ}lvl")
                if lv is not None:
                    entry.levels[ilvl] = _level(lv)
                    if so is None and lv.find(f"{WQ}start") is not None:
                        entry.starts[ilvl] = entry.levels[ilvl].start
            self._nums[nid] = entry

    def _levels(self, num: _Num) -> dict[int, Level]:
        levels = dict(self._abstract.get(num.abstract, {}))
        levels.update(num.levels)
        return levels

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the label it prints.

        Returns None when the paragraph is not numbered (numId 0 or unknown) or the
        level prints nothing; bullets return None too (no number to recover).
        """
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        num = self._nums[num_id]
        levels = self._levels(num)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        key = num.abstract or f"num:{num_id}"
        counters = self._counters.setdefault(key, [None] * 9)
        if ilvl in num.starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = num.starts[ilvl] - 1
        current = counters[ilvl]
        counters[ilvl] = (lvl.start if current is None else current + 1)
        for deeper in range(ilvl + 1, 9):
            dl = levels.get(deeper)
            if dl is None or dl.restart is None or dl.restart >= ilvl:
                counters[deeper] = None
        if lvl.fmt == "bullet":
            return None
        return self._render(lvl, levels, counters) or None

    def _render(self, lvl: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, Level())
            value = counters[k] if counters[k] is not None else other.start
            fmt = "decimal" if lvl.legal and other.fmt != "none" else other.fmt
            return format_number(value, fmt)

        return LEVEL_REF_RE.sub(sub, lvl.text).strip()
