"""Page furniture and reflow: what is not text, and how broken lines join again.

Running headers and footers (document symbols, job numbers, page counters, barcodes,
undocs.org links, repeated running titles) and table-of-contents lines are recognised
here; ``join_lines`` rejoins a paragraph's physical lines the way each script needs.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from align.un import patterns as P

_FURNITURE_PATTERNS = (P.UNDOCS_URL, P.BARCODE, P.JOB_NUMBER, P.PAGE_COUNTER, P.RECYCLE)
_LEFTOVER = re.compile(r"[^\W_]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9%]")
#: second halves of words cut by automatic hyphenation (en, fr, es, ru)
_SUFFIX_AFTER_BREAK = re.compile(
    r"^(?:tions?|sions?|ments?|ings?|ances?|ences?|ity|ities|ness|ally|ical(?:ly)?|atives?"
    r"|ated|ating|[iy]s(?:ed|ing|ation)|[iy]z(?:ed|ing|ation)|ous|ible|able|ably|ures?|ial(?:ly)?"
    r"|ists?|ism|ité|ités|ement|ements|ción|ciones|mente|idad|idades|ния|ниям?|ство|ства|ции|ций"
    r"|ный|ная|ное|ные|ных|ского|ской)\b",
)
#: brackets and quotes that take no space inside them (not French « », spaced)
_OPENERS = ("(", "[", "“", "‘", "„")
_CLOSERS = (")", "]", "”")
#: the conjunction "و" alone at the end of a line (not the end of a word like نحو)
_AR_LONE_WAW = re.compile(r"(?:^|\s)و$")
_DIGIT_START = re.compile(r"^[0-9٠-٩]")
_SPACES = re.compile(r"[ \t\u00a0]{2,}+")
_WORD_TAIL = re.compile(r"([^\W\d_]{1,40})-$")
_WORD_HEAD = re.compile(r"^([^\W\d_]{1,40})")


_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
#: a plain word (three letters or more): page furniture has hardly any
_PLAIN_WORD = re.compile(r"(?<![/\w])[^\W\d_]{3,}(?![/\w])")


def text_width(text: str) -> int:
    """Display width: wide (CJK) characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def is_symbol(candidate: str) -> bool:
    """A UN document symbol needs a slash and a digit."""
    return "/" in candidate and any(ch.isdigit() for ch in candidate)


def symbols_in(text: str) -> list[str]:
    """Document symbols in ``text``, in order, normalised (no trailing stars)."""
    out = []
    for m in P.SYMBOL.finditer(text):
        sym = m.group().rstrip("*")
        if is_symbol(sym):
            out.append(re.sub(r"\s*\(Sect\.\s?", " (Sect. ", sym))
    return out


def is_symbol_line(text: str) -> bool:
    """True when ``text`` holds only document symbols (one, or a joint symbol)."""
    syms = [m for m in P.SYMBOL.finditer(text) if is_symbol(m.group())]
    if not syms:
        return False
    rest = P.SYMBOL.sub(" ", text)
    return bool(P.SYMBOL_LINE_SEPARATORS.match(rest))


@lru_cache(maxsize=1 << 16)
def is_furniture(text: str) -> bool:
    """True when a whole line is page furniture: symbols, job number, page counter,
    barcode, undocs.org link, print date, page number, recycling note."""
    text = text.strip()
    if not text or len(text) > 200 or len(_PLAIN_WORD.findall(text)) > 4:
        return False
    if P.PAGE_WORD.match(text):
        return True
    if text[-1] in ".,;:。，；":  # a symbol that ends a sentence is text, not a header
        return False
    found = False
    rest = text
    for pattern in _FURNITURE_PATTERNS:
        rest, n = pattern.subn(" ", rest)
        found = found or n > 0
    syms = [m.group() for m in P.SYMBOL.finditer(rest)]
    if any(is_symbol(s) for s in syms):
        found = True
        rest = P.SYMBOL.sub(" ", rest)
    if not found:
        return False
    rest = P.PRINT_DATE.sub(" ", rest)
    return not _LEFTOVER.search(rest)


_SEP = r"(?:\s++|(?<=[。；！？）]))"
_JOB = r"(?:[A-Z]{1,2}\.)?\d{2}-\d{5}(?:\s?\([A-Z]\))?"
_PIECE = r"(?:\d{1,4}/\d{1,4}|\*\d{6,9}\*)"
#: a job number (with its page counter, barcode) glued to the end of a footnote
_TRAILING_FURNITURE = re.compile(rf"(?:{_SEP}{_PIECE}){{0,2}}{_SEP}{_JOB}(?:\s++{_PIECE}){{0,2}}$")


#: a space after the dash of a joint symbol, left by a reader that joined two lines
JOINT_SYMBOL_SPACE = re.compile(r"(?<=\d–) (?=[A-Z]{1,6}[./])")


def strip_trailing_furniture(text: str) -> str:
    """Remove a job number / page counter / barcode glued to the end of a footnote."""
    return _TRAILING_FURNITURE.sub("", text)


def is_toc_entry(text: str) -> bool:
    """A contents entry: dot leaders or a far-away page number at the end."""
    return text[-1:].isdigit() and bool(P.TOC_LEADER.search(text[-400:]))


#: how many lines away from page furniture a running title may sit
RUNNING_TITLE_REACH = 2


def near_furniture(furniture: list[bool], reach: int = RUNNING_TITLE_REACH) -> list[bool]:
    """For each line, whether a furniture line is at most ``reach`` lines away."""
    n = len(furniture)
    near = [False] * n
    for i, f in enumerate(furniture):
        if f:
            for j in range(max(0, i - reach), min(n, i + reach + 1)):
                near[j] = True
    return near


def running_titles(lines: list[str], furniture: list[bool], pages: list[int] | None = None) -> set[str]:
    """Lines repeated next to page furniture: running section titles.

    A heading that happens to sit near a page end a few times ("Deliverables") is not
    one: a running title sits next to furniture in most of its occurrences and, where
    pages are known, on at least two pages and a quarter of them.

    Args:
        lines: stripped non-blank lines in order.
        furniture: ``is_furniture`` of each line.
        pages: the page of each line, if known.
    """
    near_pages: dict[str, set[int]] = {}
    counts: Counter = Counter()
    totals: Counter = Counter()
    for k, (line, f, near) in enumerate(zip(lines, furniture, near_furniture(furniture))):
        if f or len(line) > 160:
            continue
        key = _key(line)
        totals[key] += 1
        if near:
            counts[key] += 1
            near_pages.setdefault(key, set()).add(pages[k] if pages else k)
    n_pages = len(set(pages)) if pages else 0
    return {k for k, n in counts.items()
            if n >= 2 and 2 * n >= totals[k] and len(near_pages[k]) >= max(2, n_pages / 4)}


def _key(line: str) -> str:
    return " ".join(line.split())


def is_running_title(line: str, titles: set[str]) -> bool:
    return _key(line) in titles


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _dehyphenate(prev: str, nxt: str, vocabulary: set[str] | None) -> tuple[str, str] | None:
    """Decide a line-end hyphen: return (left, joiner) or None to keep ``prev`` as is."""
    if prev.endswith("\u00ad"):
        return prev[:-1], ""
    tail = _WORD_TAIL.search(prev)
    head = _WORD_HEAD.match(nxt)
    if not tail or not head:
        return None  # 2021-\n2025, COVID-\n19: keep the hyphen, no space
    left, right = tail.group(1), head.group(1)
    if not right[0].islower() or not left[-1].islower():
        return None  # South-\nSouth, State-\ndriven
    if vocabulary is not None:
        joined, hyphened = (left + right).lower(), f"{left}-{right}".lower()
        if hyphened in vocabulary and joined not in vocabulary:
            return None
        if joined in vocabulary and hyphened not in vocabulary:
            return prev[:-1], ""
    if _SUFFIX_AFTER_BREAK.match(right):
        return prev[:-1], ""
    return None


#: a Chinese character next to a Latin letter or digit, with or without a space between
_ZH_SPACED = re.compile(r"[\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u4e00-\u9fff]")
_ZH_TIGHT = re.compile(r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]")


def zh_spaces_numbers(lines: list[str]) -> bool:
    """Whether a Chinese text prints a space between Chinese and Latin/digits (UN style)."""
    sample = "\n".join(lines)[:200_000]
    return len(_ZH_SPACED.findall(sample)) >= len(_ZH_TIGHT.findall(sample))


def join_lines(lines: list[str], lang: str, vocabulary: set[str] | None = None,
               zh_space: bool = True) -> str:
    """Rejoin the physical lines of one paragraph.

    Chinese: no space (but a space between a CJK character and a Latin letter or digit,
    as UN Chinese prints numbers); Arabic, Latin and Cyrillic: one space, and a line-end
    hyphen is removed only where it is a break (soft hyphen, the unbroken word used
    elsewhere in the document, or a suffix such as ``-tion`` after it). No space inside
    brackets and quotes (``(`` then ``www...``), within a web address wrapped without a
    hyphen, or after an Arabic ``و`` alone before a number (``و26/1``).
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if lang == "zh":
            a, b = out[-1], line[0]
            if zh_space and ((_ASCII_ALNUM.match(a) and _is_cjk(b) and b not in "，。；：、）》”") or (
                _is_cjk(a) and _ASCII_ALNUM.match(b) and a not in "（《“，。；：、"
            )):
                out = f"{out} {line}"
            elif _ASCII_ALNUM.match(a) and _ASCII_ALNUM.match(b):
                out = f"{out} {line}"
            else:
                out = out + line
            continue
        if out.endswith(("–", "/")) and len(out) > 1 and not out[-2].isspace():
            out = out + line  # a joint symbol or a range cut after its dash or slash
            continue
        if out.endswith(_OPENERS) or line.startswith(_CLOSERS) or (
                P.LINE_END_URL.search(out[-300:]) and P.URL_CONTINUATION.match(line)):
            out = out + line  # "(" then a web address on the next line; a wrapped address
            continue
        if lang == "ar" and _AR_LONE_WAW.search(out[-2:]) and _DIGIT_START.match(line):
            out = out + line  # "و" is written against the number it joins: و26/1
            continue
        if out.endswith(("-", "\u00ad")):
            decided = _dehyphenate(out, line, vocabulary)
            out = out + line if decided is None else decided[0] + decided[1] + line
            continue
        out = f"{out} {line}"
    return _SPACES.sub(" ", out)


def vocabulary_of(lines: list[str]) -> set[str]:
    """Lower-cased words (hyphenated ones whole) of a document, for ``join_lines``."""
    words: set[str] = set()
    for line in lines:
        for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line[:2000]):
            words.add(w.lower())
    return words


#: a footnote reference typed as plain digits after a word or punctuation (TXT exports)
MARKER_ALPHA = re.compile(
    r"(?:(?<=[^\W\d_]|[.,;:)\]”’\"»])|(?<=(?<!\d)(?:19|20)\d\d))(\d{1,3})(?=[\s.,;:)،؛]|$)"
)
_NUMBER_BEFORE = re.compile(r"[\d/]{1,15}$")
#: the same between Chinese characters: 决议1提交
MARKER_ZH = re.compile(r"(?<=[\u4e00-\u9fff。，；：”）》])(\d{1,3})(?=[\u4e00-\u9fff。，；：“（《]|$)")
#: characters after a number in Chinese that make it a quantity, not a footnote marker
_ZH_MEASURE = frozenset("号年月日个次项名届卷条款段章节页%亿万千百倍岁人国家份件")
#: where a glued digit in Chinese is a footnote reference: before clause punctuation ...
_ZH_CLAUSE_END = frozenset("。，；：、）”")
#: ... or right after a document-like noun (决议1提交)
_ZH_MARKED_NOUNS = ("决议", "决定", "公约", "文件", "报告", "宣言", "议定书", "附件", "评价", "建议")


def _is_marker(text: str, m: re.Match, lang: str) -> bool:
    start, end = m.start(), m.end()
    before = text[start - 1] if start else ""
    after = text[end:end + 2]
    if lang == "zh":
        if text[start - 1:start] == "第" or after[:1] in _ZH_MEASURE:
            return False
        return (after[:1] in _ZH_CLAUSE_END or text[start - 1:start] in "》”）"
                or text[max(0, start - 3):start].endswith(_ZH_MARKED_NOUNS))
    if before in ".," and start >= 2 and text[start - 2].isdigit():
        # 3.1, 1,2: a decimal, unless the number is a reference (resolution 30/3.1) or a
        # new sentence follows (... 2025.1 The)
        number = _NUMBER_BEFORE.search(text, max(0, start - 20), start - 1)
        if number and "/" in number.group():
            return True
        nxt = after.strip()[:1]
        return lang != "ar" and (not nxt or nxt.isupper())
    if before.isascii() and before.isupper() and start >= 2 and text[start - 2].isupper():
        return False  # G20, H1N1 style codes
    return True


def strip_footnote_markers(texts: list[str], numbers: list[str], lang: str) -> list[str]:
    """Remove plain-digit footnote references from body texts, in footnote order.

    Args:
        texts: the body segments' texts in reading order.
        numbers: the footnote numbers in order (``["1", "2", ...]``).
        lang: the document language.

    Returns:
        the texts with each footnote's first reference (after the previous one) removed.
    """
    pattern = MARKER_ZH if lang == "zh" else MARKER_ALPHA
    wanted = [n for n in numbers if n.isdigit()]
    out = list(texts)
    k = 0
    for i, text in enumerate(out):
        pos = 0
        while k < len(wanted):
            m = next((m for m in pattern.finditer(text, pos)
                      if m.group(1) == wanted[k] and _is_marker(text, m, lang)), None)
            if m is None:
                break
            text = text[:m.start()] + text[m.end():]
            pos = m.start()
            k += 1
        out[i] = _SPACES.sub(" ", text)
    return out
