"""Paragraph, heading and sub-item labels, normalised so every language agrees.

``1.`` ``1．`` ``1 -`` ``16.1`` -> ``"1"``/``"16.1"``; ``I.`` ``一.`` ``أولا -`` -> ``"I"``;
``A.`` ``ألف -`` -> ``"A"``; ``(a)`` ``a)`` ``(أ)`` -> ``"a"``; ``(i)`` ``i)`` ``㈠`` ``’1‘`` -> ``"i"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from align.un import patterns as P

LabelKind = Literal["paragraph", "heading", "subitem"]

_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_AR_ORDINALS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا",
                "عاشرا", "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر", "خامس عشر", "سادس عشر",
                "سابع عشر", "ثامن عشر", "تاسع عشر", "عشرون")
_AR_LETTER_NAMES = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء", "كاف",
                    "لام", "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء", "شين", "تاء",
                    "ثاء", "خاء", "ذال", "ضاد")
#: Arabic sub-item letters in the order that matches (a), (b), (c) ... (abjad order)
_AR_SUBITEM_LETTERS = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن",
                       "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض")
_ROMAN_VALUES = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90),
                 ("l", 50), ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))
_ROMAN_CHARS = frozenset("ivxlc")
#: letters that are also roman numerals, with the letter that precedes them in a list
_AMBIGUOUS_ROMAN = {"i": "h", "v": "u", "x": "w", "l": "k", "c": "b"}


@dataclass(frozen=True)
class Label:
    """A label found at the start of a paragraph.

    Attributes:
        kind: paragraph | heading | subitem.
        number: normalised number (``"1"``, ``"16.1"``, ``"I"``, ``"A"``, ``"a"``, ``"i"``).
        level: heading level (1 chapter, 2 section), 0 otherwise.
        rest: the text after the label.
        roman: for sub-items, True when the label is (or may be) a roman numeral.
        alt: for ambiguous sub-items (``i``, ``v``, ``x``), the other reading.
    """

    kind: LabelKind
    number: str
    level: int
    rest: str
    roman: bool = False
    alt: str | None = None


def to_roman(value: int) -> str:
    """Upper-case roman numeral of ``value`` (1..3999)."""
    out = []
    for sym, val in _ROMAN_VALUES:
        while value >= val:
            out.append(sym)
            value -= val
    return "".join(out).upper()


def roman_value(text: str) -> int | None:
    """Integer value of a roman numeral, None when ``text`` is not a canonical one."""
    low = text.lower()
    if not low or any(c not in _ROMAN_CHARS for c in low):
        return None
    total, i = 0, 0
    for sym, val in _ROMAN_VALUES:
        while low.startswith(sym, i):
            total += val
            i += len(sym)
    if i != len(low) or to_roman(total).lower() != low:
        return None
    return total


def zh_numeral(text: str) -> int | None:
    """Value of a Chinese numeral 一..九十九."""
    if not text:
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _ZH_DIGITS.get(tens, 0) if tens else 1
        o = _ZH_DIGITS.get(ones, 0) if ones else 0
        if (tens and not t) or (ones and not o):
            return None
        return t * 10 + o
    return _ZH_DIGITS.get(text) if len(text) == 1 else None


def letter_index(letter: str) -> int:
    """0-based position of a Latin letter label (``a`` -> 0, ``aa`` -> 26)."""
    letter = letter.lower()
    return (ord(letter[0]) - 97) + 26 * (len(letter) - 1)


def _rest(text: str, end: int) -> str:
    return text[end:].strip()


def parse_label(text: str, lang: str) -> Label | None:
    """Read the label at the start of ``text`` (already stripped), if any.

    The caller decides whether the label is believable in context (see ``parse``):
    this function only reads forms.
    """
    if not text:
        return None
    first = text[0]
    if first.isdigit():
        return _numbered(text, lang)
    if first in "(（":
        return _subitem_paren(text, lang)
    if lang == "ar":
        return _arabic(text)
    if lang == "zh":
        m = P.HEADING_ZH.match(text)
        if m and zh_numeral(m.group(1)):
            return Label("heading", to_roman(zh_numeral(m.group(1)) or 0), 1, _rest(text, m.end()))
        m = P.SUBITEM_ZH_ROMAN.match(text)
        if m and m.group(1):
            return Label("subitem", to_roman(ord(m.group(1)) - 0x3220 + 1).lower(), 0,
                         _rest(text, m.end()), roman=True)
    m = P.HEADING_ROMAN.match(text)
    if m and m.group(1):
        number = m.group(1)
        if len(number) == 1 and number in "IVXLC":
            # a single letter that is also a roman numeral: the caller picks by context
            return Label("heading", number, 1, _rest(text, m.end()), alt=number)
        return Label("heading", number, 1, _rest(text, m.end()))
    m = P.HEADING_LETTER.match(text)
    if m:
        return Label("heading", m.group(1), 2, _rest(text, m.end()))
    m = P.SUBITEM_HALF.match(text)
    if m and lang in ("fr", "es", "ru", "en", "zh"):
        return _subitem(m.group(1), _rest(text, m.end()))
    return None


def _numbered(text: str, lang: str) -> Label | None:
    if lang == "ar" and (m := P.PARA_NUMBER_AR_DOTTED.match(text)):
        major, minor = (g.translate(_ARABIC_INDIC) for g in m.groups())
        return Label("paragraph", f"{int(major)}.{int(minor)}", 0, _rest(text, m.end()))
    if lang == "ar" or not P.PARA_NUMBER.match(text):
        m = P.PARA_NUMBER_AR.match(text)
        if m:
            major = m.group(1).translate(_ARABIC_INDIC)
            minor = (m.group(2) or "").translate(_ARABIC_INDIC)
            number = f"{int(major)}.{int(minor)}" if minor else str(int(major))
            return Label("paragraph", number, 0, _rest(text, m.end()))
    m = P.PARA_NUMBER.match(text)
    if m:
        if m.group(3):
            number = str(int(m.group(3)))
        else:
            number = f"{int(m.group(1))}.{int(m.group(2))}"
        return Label("paragraph", number, 0, _rest(text, m.end()))
    return None


def _subitem(raw: str, rest: str) -> Label:
    raw = raw.lower()
    if raw in _AMBIGUOUS_ROMAN:
        return Label("subitem", raw, 0, rest, roman=True, alt=raw)
    value = roman_value(raw)
    if value and len(raw) > 1 and value < 40:
        return Label("subitem", raw, 0, rest, roman=True)
    return Label("subitem", raw, 0, rest)


def _subitem_paren(text: str, lang: str) -> Label | None:
    m = P.SUBITEM_PAREN.match(text)
    if m:
        return _subitem(m.group(1), _rest(text, m.end()))
    if lang == "ar":
        m = P.SUBITEM_AR.match(text)
        if m:
            letter = "هـ" if m.group(1) == "ه" else m.group(1)
            return Label("subitem", chr(97 + _AR_SUBITEM_LETTERS.index(letter)), 0, _rest(text, m.end()))
    if lang == "zh":
        m = P.SUBITEM_ZH_ROMAN.match(text)
        if m and m.group(2) and zh_numeral(m.group(2)):
            return Label("subitem", to_roman(zh_numeral(m.group(2)) or 0).lower(), 0,
                         _rest(text, m.end()), roman=True)
    return None


def _arabic(text: str) -> Label | None:
    m = P.HEADING_AR_ORDINAL.match(text)
    if m:
        return Label("heading", to_roman(_AR_ORDINALS.index(m.group(1)) + 1), 1, _rest(text, m.end()))
    m = P.HEADING_AR_LETTER.match(text)
    if m:
        return Label("heading", chr(65 + _AR_LETTER_NAMES.index(m.group(1))), 2, _rest(text, m.end()))
    m = P.SUBITEM_AR_ROMAN.match(text)
    if m:
        value = int(m.group(1).translate(_ARABIC_INDIC))
        if value:
            return Label("subitem", to_roman(value).lower(), 0, _rest(text, m.end()), roman=True)
    return None


def resolve_subitem(label: Label, previous_letter: str | None) -> tuple[str, bool]:
    """Pick letter or roman reading of an ambiguous sub-item label.

    Args:
        label: a sub-item label.
        previous_letter: the last letter sub-item seen under the same paragraph.

    Returns:
        (number, is_roman).
    """
    if label.alt is None:
        return label.number, label.roman
    if previous_letter is not None and _AMBIGUOUS_ROMAN.get(label.alt) == previous_letter:
        return label.alt, False
    return label.alt, True
