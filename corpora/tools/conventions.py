"""Each UN language's conventions for labels and masthead words, as named data."""

from __future__ import annotations

import re

LANGS: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")

#: a footnote reference written in the running text of a source unit: ``[^1]``
FOOTNOTE_MARK_RE = re.compile(r"\[\^(\w+)\]")
ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
DIGITS_RE = re.compile(r"^\d+$")

ZH_NUMERALS = "一二三四五六七八九十"
AR_ORDINALS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا", "تاسعا", "عاشرا")
AR_SECTION_LETTERS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء")
AR_ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن")
UPPER_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

UNITED_NATIONS = {
    "en": "United Nations", "fr": "Nations Unies", "es": "Naciones Unidas",
    "ru": "Организация Объединенных Наций", "zh": "联合国", "ar": "الأمم المتحدة",
}
#: principal organ by the first element of the document symbol
ORGANS = {
    "E": {"en": "Economic and Social Council", "fr": "Conseil économique et social",
          "es": "Consejo Económico y Social", "ru": "Экономический и Социальный Совет",
          "zh": "经济及社会理事会", "ar": "المجلس الاقتصادي والاجتماعي"},
    "A": {"en": "General Assembly", "fr": "Assemblée générale", "es": "Asamblea General",
          "ru": "Генеральная Ассамблея", "zh": "大会", "ar": "الجمعية العامة"},
}
#: the language line of the masthead (ru, zh and ar keep the English masthead block)
LANGUAGE_LINE = {"en": None, "fr": "Français", "es": "Español", "ru": "Russian",
                 "zh": "Chinese", "ar": "Arabic"}
DISTRIBUTION_WORDS = {
    "fr": {"General": "générale", "Limited": "limitée", "Restricted": "restreinte"},
    "es": {"General": "general", "Limited": "limitada", "Restricted": "reservada"},
}
ORIGINAL_LOCAL = {"zh": "原文：{}", "ru": "Язык оригинала: {}", "ar": "الأصل: {}"}
SENTENCE_JOINER = {"zh": ""}


def join_sentences(sentences: list[str], lang: str) -> str:
    """The running text of a unit: its sentences joined as the language writes them."""
    return SENTENCE_JOINER.get(lang, " ").join(s.strip() for s in sentences)


def strip_marks(text: str) -> str:
    """Text with the ``[^n]`` footnote references removed."""
    return FOOTNOTE_MARK_RE.sub("", text)


def distribution_line(value: str, lang: str) -> str:
    """``Distr.: General`` / ``Distr. générale`` / ``Distr. general``."""
    if value.startswith("Distr"):
        return value
    if lang in DISTRIBUTION_WORDS:
        return "Distr. " + DISTRIBUTION_WORDS[lang].get(value, value)
    return "Distr.: " + value


def original_line(value: str, lang: str) -> str:
    """``Original: English`` in the masthead's convention for ``lang``."""
    if lang == "fr":
        return f"Original : {value}"
    if lang in ORIGINAL_LOCAL and not value.isascii():
        return ORIGINAL_LOCAL[lang].format(value)
    return f"Original: {value}"


def organ(symbols: list[str], lang: str, meta: dict) -> str | None:
    """The principal organ named in the masthead (``Economic and Social Council``)."""
    if meta.get("organ"):
        return meta["organ"]
    prefix = symbols[0].split("/", 1)[0] if symbols else ""
    return ORGANS.get(prefix, {}).get(lang)


def barcode(job_number: str) -> str:
    """``V.22-22288 (E)`` -> ``*2222288*`` (the digits under the first-page barcode)."""
    core = job_number.split("(")[0]
    return "*" + "".join(ch for ch in core if ch.isdigit()) + "*"


def running_job(job_number: str) -> str:
    """The job number as running footers print it, without the language letter."""
    return job_number.split("(")[0].strip()


def _roman_index(number: str) -> int:
    return UPPER_ROMANS.index(number.upper())


def heading_label(number: str, level: int, lang: str) -> str:
    """``I.`` / ``一.`` / ``أولا -`` for chapters, ``A.`` / ``ألف -`` for sections."""
    if level == 1 and number.upper() in UPPER_ROMANS:
        i = _roman_index(number)
        if lang == "zh":
            return f"{ZH_NUMERALS[i]}."
        if lang == "ar":
            return f"{AR_ORDINALS[i]} -"
        return f"{number}."
    if level == 2 and len(number) == 1 and number.isalpha():
        if lang == "ar":
            return f"{AR_SECTION_LETTERS[ord(number.upper()) - ord('A')]} -"
        return f"{number}."
    return f"{number} -" if lang == "ar" else f"{number}."


def paragraph_label(number: str, lang: str) -> str:
    """``1.`` everywhere, ``1 -`` in Arabic; budget numbers ``16.1`` as they are (ar ``16-1``)."""
    if "." in number:
        return number.replace(".", "-") if lang == "ar" else number
    return f"{number} -" if lang == "ar" else f"{number}."


def numbering_pattern(numbers: list[str], lang: str) -> tuple[str, int] | None:
    """Word's ``lvlText`` and start value that print ``numbers``, or None if no single
    list can (``1.``..``n.`` -> ``("%1.", 1)``; ``16.1``..``16.n`` -> ``("16.%1", 1)``)."""
    if not numbers:
        return None
    prefixes = {n.rpartition(".")[0] for n in numbers}
    tails = [n.rpartition(".")[2] for n in numbers]
    if len(prefixes) != 1 or not all(DIGITS_RE.match(t) for t in tails):
        return None
    first = int(tails[0])
    if [int(t) for t in tails] != list(range(first, first + len(tails))):
        return None
    prefix = prefixes.pop()
    if prefix:
        return (f"{prefix}-%1" if lang == "ar" else f"{prefix}.%1"), first
    return ("%1 -" if lang == "ar" else "%1."), first


def subitem_depths(units: list[dict]) -> list[int]:
    """1 for ``(a)`` sub-items, 2 for ``(i)`` sub-items under them, 0 for other units.

    ``i`` is a letter after ``h`` and a roman numeral after any other letter; the
    ``parent`` of a second-level sub-item may name the paragraph or the lettered item.
    """
    depths: list[int] = []
    last_letter: str | None = None
    for unit in units:
        number = unit.get("number") or ""
        if unit["kind"] != "subitem":
            depths.append(0)
            if unit["kind"] in ("paragraph", "heading"):
                last_letter = None
            continue
        parent = unit.get("parent")
        under_letter = bool(parent) and not DIGITS_RE.match(parent) and not ROMAN_RE.match(parent)
        follows_letter = last_letter is not None and chr(ord(last_letter) + 1) != number
        if ROMAN_RE.match(number) and (under_letter or follows_letter):
            depths.append(2)
        else:
            depths.append(1)
            last_letter = number
    return depths


def subitem_label(number: str, lang: str, depth: int = 1) -> str:
    """``(a)`` en/zh, ``a)`` fr/es/ru, ``(أ)`` ar; then ``(i)`` / ``i)``."""
    if lang == "ar" and depth == 1:
        return f"({AR_ABJAD[ord(number) - ord('a')]})"
    if lang in ("fr", "es", "ru"):
        return f"{number})"
    return f"({number})"


def unit_label(unit: dict, lang: str, depth: int = 1) -> str | None:
    """The printed label of a unit in ``lang`` (None for unnumbered units)."""
    number = unit.get("number")
    if number is None:
        return None
    kind = unit["kind"]
    if kind == "heading":
        return heading_label(number, unit.get("level", 1), lang)
    if kind == "paragraph":
        return paragraph_label(number, lang)
    if kind == "subitem":
        return subitem_label(number, lang, depth)
    return number


def unit_labels(units: list[dict], lang: str) -> list[str | None]:
    """The printed labels of a sequence of units (sub-item depth read from context)."""
    return [unit_label(u, lang, d) for u, d in zip(units, subitem_depths(units))]
