"""Masthead metadata: symbols, job number, date, distribution, original language,
issuing bodies, session, agenda item and title, in the six languages."""

from __future__ import annotations

import re

from align.document import DocMeta
from align.un import patterns as P
from align.un.clean import is_furniture, is_symbol_line, symbols_in

DISTRIBUTION = re.compile(
    r"(?:^|Distr\.?\s?:?\s?)(General|Limited|Restricted|générale|limitée|restreinte|general"
    r"|limitada|reservada|Общий|Общая|Ограниченный|Ограниченная|Для служебного пользования"
    r"|普遍|限制分发|限制|内部|عام|محدود|مقيد)\.?$",
    re.IGNORECASE,
)
_DISTR_VALUES = {
    "general": "General", "générale": "General", "общий": "General", "общая": "General",
    "普遍": "General", "عام": "General",
    "limited": "Limited", "limitée": "Limited", "limitada": "Limited", "ограниченный": "Limited",
    "ограниченная": "Limited", "限制分发": "Limited", "限制": "Limited", "محدود": "Limited",
    "restricted": "Restricted", "restreinte": "Restricted", "reservada": "Restricted",
    "для служебного пользования": "Restricted", "内部": "Restricted", "مقيد": "Restricted",
}
ORIGINAL = re.compile(
    r"^(?:Original|Язык оригинала|原文|الأصل)\s?[:：]\s?([^\W\d_][^\d:：]{0,40}?)\.?$", re.IGNORECASE
)
_LANGUAGE_WORDS = (
    ("en", ("english", "anglais", "inglés", "ingles", "английский", "英文", "英语", "الإنكليزية",
            "الإنجليزية", "بالإنكليزية", "بالإنجليزية")),
    ("fr", ("french", "français", "francais", "francés", "frances", "французский", "法文", "法语",
            "الفرنسية", "بالفرنسية")),
    ("es", ("spanish", "espagnol", "español", "espanol", "испанский", "西班牙文", "西班牙语",
            "الإسبانية", "بالإسبانية")),
    ("ru", ("russian", "russe", "ruso", "русский", "俄文", "俄语", "الروسية", "بالروسية")),
    ("zh", ("chinese", "chinois", "chino", "китайский", "中文", "汉语", "الصينية", "بالصينية")),
    ("ar", ("arabic", "arabe", "árabe", "арабский", "阿拉伯文", "阿拉伯语", "العربية", "بالعربية")),
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    "|diciembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
DATE = re.compile(
    rf"^(?:\d{{1,2}}(?:er)?\s(?:de\s)?(?:{_MONTHS})\s(?:de\s)?\d{{4}}(?:\s(?:года|г\.))?"
    r"|\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|\d{1,2}\s[\u0600-\u06ff/ ]{3,40}\s\d{4}(?:\sم)?)$",
    re.IGNORECASE,
)
SESSION = re.compile(
    r"(?:\bsession\b|período de sesiones|сесси[яи]|届会议|届会|الدورة)", re.IGNORECASE
)
AGENDA = re.compile(
    r"(?:^(?:Provisional agenda |Agenda )?items?\s+(?P<en>.{1,40}?)(?:\s+of the (?:provisional|"
    r"preliminary) (?:agenda|list)\**)?$"
    r"|^Points?\s+(?P<fr>.{1,40}?)\s+de l[’']ordre du jour"
    r"|^Temas?\s+(?P<es>.{1,40}?)\s+del programa"
    r"|^Пункты?\s+(?P<ru>.{1,40}?)\s+(?:предварительной\s+)?повестки дня"
    r"|^(?:临时)?议程项目\s?(?P<zh>.{1,40})$"
    r"|^(?:البند|البنود)\s+(?P<ar>.{1,40}?)\s+من جدول الأعمال)",
    re.IGNORECASE,
)
SUBTITLE = re.compile(
    r"^(?:Note by the Secretariat|Note by the Secretary-General|Report of the .{3,80}|Addendum"
    r"|Corrigendum|Note du Secrétariat|Note du Secrétaire général|Rapport (?:du|de la|de l’|de l'|d’|d') ?.{3,80}|Additif|Rectificatif"
    r"|Nota de la Secretaría|Nota del Secretario General|Informe del? .{3,80}|Adición|Corrección"
    r"|Записка Секретариата|Записка Генерального секретаря|Доклад .{3,80}|Добавление|Исправление"
    r"|秘书处的说明|秘书长的说明|.{2,40}的报告|增编|更正"
    r"|مذكرة من الأمانة(?: العامة)?|مذكرة من الأمين العام|تقرير .{3,80}|إضافة|تصويب"
    r"|.{3,300}?[:：] ?(?:draft resolution|revised draft resolution|projet de résolution"
    r"|proyecto de resolución|проект резолюции|决议草案|订正决议草案|مشروع قرار))\**$",
    re.IGNORECASE,
)
#: a masthead line that ends with the symbol: ``United Nations  E/CN.7/2022/3/Add.1``
_MASTHEAD_SYMBOL = re.compile(r"^(?:United Nations|Nations Unies|Naciones Unidas|Организация Объединенных Наций"
                              r"|联合国|الأمم المتحدة)\s")
#: the organization's name alone, printed above the organ in the masthead
_ORGANIZATION = re.compile(r"^(?:United Nations|Nations Unies|Naciones Unidas"
                           r"|Организация Объединенных Наций|联合国|الأمم المتحدة)$")
_AR_LETTERS = "أبجد"  # (أ) (ب) (ج) (د): enough for agenda items
_AGENDA_LETTER = re.compile(r"\(?\s?([a-z]|[أبجد])\s?\)")
_AGENDA_NUMBER = re.compile(r"\d{1,3}")
#: between the items of one agenda line: ``138 and 139``, ``3, 4 et 5``, ``5 和 6``
_AGENDA_SPLIT = re.compile(r"\s?(?:,|;|\band\b|\bet\b|\by\b|\bи\b|和|及|、|(?<=\s)و(?=\s?[\d(]))\s?")


def language_code(word: str) -> str | None:
    """``English``, ``anglais``, ``英文``, ``بالإنكليزية`` ... -> ``en``."""
    key = word.strip().strip(".").lower()
    for code, words in _LANGUAGE_WORDS:
        if any(key == w or key.startswith(w) for w in words):
            return code
    return None


def _agenda_number(raw: str) -> str:
    raw = raw.replace("*", "").strip()
    num = _AGENDA_NUMBER.search(raw)
    if not num:
        return raw
    letter = _AGENDA_LETTER.search(raw, num.end())
    if not letter:
        return num.group()
    ch = letter.group(1)
    if ch in _AR_LETTERS:
        ch = "abcd"[_AR_LETTERS.index(ch)]
    return f"{num.group()} ({ch})"


def agenda_items(raw: str) -> list[str]:
    """``138 and 139`` -> ``["138", "139"]``; ``4 (a) and (b)`` -> ``["4 (a)", "4 (b)"]``."""
    items: list[str] = []
    number = None
    for part in _AGENDA_SPLIT.split(raw):
        if not part.strip():
            continue
        if number is not None and not _AGENDA_NUMBER.search(part):
            part = f"{number} {part}"  # a letter alone belongs to the last number
        item = _agenda_number(part)
        if (num := _AGENDA_NUMBER.search(item)) is not None:
            number = num.group()
        items.append(item)
    return items or [_agenda_number(raw)]


def find_symbols(lines: list[str]) -> list[str]:
    """Document symbols from lines that print nothing else (page headers, masthead)."""
    found: list[str] = []
    candidates = [
        ln for i, ln in enumerate(lines)
        if not ln.startswith("*") and (is_symbol_line(ln) or (
            i < 15 and not P.UNDOCS_URL.search(ln) and _MASTHEAD_SYMBOL.search(ln)))
    ]
    for line in candidates:
        for sym in symbols_in(line):
            if sym not in found:
                found.append(sym)
    return found


def find_job_number(lines: list[str]) -> str | None:
    """The first job number printed on a furniture line (``V.22-22288``, ``26-03369 (E)``)."""
    for line in lines:
        if is_furniture(line) or len(line) < 60:
            m = P.JOB_NUMBER.search(line)
            if m:
                return re.sub(r"\s?\(", " (", m.group())
    return None


def extract_meta(all_lines: list[str], front: list[str]) -> DocMeta:
    """Read the masthead.

    Args:
        all_lines: every line of the document, furniture included, in order.
        front: the front-matter units (masthead and title block), in order.
    """
    meta = DocMeta(symbols=find_symbols(all_lines), job_number=find_job_number(all_lines))
    sessions: list[str] = []
    agendas: list[str] = []
    subtitle_at = None
    used: set[int] = set()
    for i, unit in enumerate(front):
        text = unit.strip()
        if meta.distribution is None and (m := DISTRIBUTION.search(text)):
            meta.distribution = _DISTR_VALUES.get(m.group(1).lower(), m.group(1))
            used.add(i)
        elif meta.original_language is None and (m := ORIGINAL.match(text)):
            meta.original_language = language_code(m.group(1))
            used.add(i)
        elif meta.date is None and DATE.match(text):
            meta.date = text
            used.add(i)
        elif len(text) < 80 and SESSION.search(text):
            if text not in sessions:
                sessions.append(text)
            used.add(i)
            j = _body_before(front, i, used)
            if j is not None:
                body = front[j].strip()
                if body not in meta.bodies:
                    meta.bodies.append(body)
                used.add(j)
        elif (m := AGENDA.match(text)) and len(text) < 80:
            raw = next(g for g in m.groups() if g is not None)
            for item in agenda_items(raw):
                if item not in agendas:
                    agendas.append(item)
            used.add(i)
        elif subtitle_at is None and SUBTITLE.match(text) and i > 0:
            subtitle_at = i
    meta.session = "; ".join(sessions) or None
    meta.agenda_item = "; ".join(agendas) or None
    meta.title = _title(front, used, subtitle_at)
    return meta


def _right_column(text: str) -> bool:
    """A masthead line beside the organ's name: distribution, date, ``Original:``,
    the language of the version, symbols, job number or barcode."""
    text = text.strip()
    return bool(DISTRIBUTION.search(text) or ORIGINAL.match(text) or DATE.match(text)
                or is_furniture(text) or (len(text) <= 20 and language_code(text) is not None))


def _body_before(front: list[str], i: int, used: set[int]) -> int | None:
    """The issuing body printed before the session line at ``i``: the unit right before
    it, or, across the masthead's right column (distribution, date, ``Original:``,
    symbols, job number), the organ named after "United Nations"."""
    j = i - 1
    while j >= 0 and _right_column(front[j]):
        j -= 1
    if j < 0 or j in used:
        return None  # nothing before, or a session or agenda line of another body
    text = front[j].strip()
    if DATE.match(text) or _ORGANIZATION.match(text) or SESSION.search(text):
        return None
    if j != i - 1 and (len(text) > 80 or text.endswith((".", ":", "："))):
        return None
    return j


def _title(front: list[str], used: set[int], subtitle_at: int | None) -> str | None:
    """The unit just before the subtitle, else the last unit not claimed by the masthead."""
    if subtitle_at is not None:
        for j in range(subtitle_at - 1, -1, -1):
            if j not in used and not is_furniture(front[j]) and not SUBTITLE.match(front[j]):
                return front[j].strip()
    for j in range(len(front) - 1, -1, -1):
        text = front[j].strip()
        if j in used or is_furniture(text) or SUBTITLE.match(text) or len(text) < 4:
            continue
        return text
    return None
