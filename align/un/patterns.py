"""Named regular expressions for UN document conventions.

Every pattern here is linear on long input: no nested unbounded quantifiers, bounded
repetition counts, possessive quantifiers where a run could be re-scanned.
``tests/test_un_patterns.py`` runs each of them on long adversarial strings.
"""

from __future__ import annotations

import re

# --- document symbols, job numbers, page furniture -------------------------------

#: one UN document symbol: ``E/CN.7/2022/3/Add.1``, ``A/81/6 (Sect. 16)``, ``A/RES/70/1``,
#: ``CTOC/COP/2022/5``, ``A/HRC/51/L.1``; at least one slash; checked for a digit later.
SYMBOL = re.compile(
    r"(?<![\w/.])[A-Z]{1,10}(?:\.\d{1,3})?(?:/[A-Z0-9]{1,12}(?:\.\d{1,4})?){1,8}"
    r"(?:\s?\(Sect\.\s?\d{1,3}\))?(?:/(?:Part\s?[A-Z]|Add\.\d{1,3}|Corr\.\d{1,3}|Rev\.\d{1,3}"
    r"|Amend\.\d{1,3}))*+\*{0,3}(?![\w/])"
)
#: a line that holds only document symbols (one, or a joint symbol) and separators
SYMBOL_LINE_SEPARATORS = re.compile(r"^[\s\-–—/,;]*$")
#: job number: ``V.22-22288``, ``26-03369 (E)``, ``GE.22-12345(F)``, ``V.22-22288 (C)``
JOB_NUMBER = re.compile(
    r"(?<![\w.-])(?:[A-Z]{1,2}\.)?\d{2}-\d{5}(?:\s?\([A-Z]\))?(?![\w-])"
)
#: page counter ``2/4``, ``12/67`` (only meaningful on a header/footer line)
PAGE_COUNTER = re.compile(r"(?<![\w/.])(\d{1,4})\s?/\s?(\d{1,4})(?![\w/.])")
#: a six-digit print date as printed beside the job number (``240426``)
PRINT_DATE = re.compile(r"(?<!\d)\d{6}(?!\d)")
#: barcode ``*2603369*``
BARCODE = re.compile(r"\*\d{6,9}\*")
#: links to the UN document system, printed in footers
UNDOCS_URL = re.compile(r"(?:https?://)?(?:www\.)?undocs\.org/\S{0,120}", re.IGNORECASE)
#: the recycling mark and its text
RECYCLE = re.compile(r"(?:♲|Please recycle|Merci de recycler|Sírvase reciclar|Просьба отправить на вторичную переработку)",
                     re.IGNORECASE)
#: ``Page 2``, ``- 2 -``, a bare page number
PAGE_WORD = re.compile(r"^(?:(?:Page|Página|Страница|页|صفحة)\s?\d{1,4}|[-–]\s?\d{1,4}\s?[-–]|\d{1,4})$",
                       re.IGNORECASE)

# --- table of contents and separators ---------------------------------------------

#: a contents line: dot leaders then a page number, or text then a far-away page number
TOC_LEADER = re.compile(
    r"(?:(?<![.\s])\s?(?:\.\s?){4,}+|(?<!…)…{2,}+|(?<!\s)[ \t\u00a0]{4,}+)\s?\d{1,4}\s*+$"
)
#: a ``Contents`` title in the six languages
TOC_TITLE = re.compile(
    r"^(?:Contents|Table des matières|Índice|Содержание|目录|المحتويات|Page|Pages|Página|Páginas"
    r"|Pág\.|Страница|Стр\.|页次|页码|الصفحة)$",
    re.IGNORECASE,
)
#: the rule printed above footnotes
FOOTNOTE_RULE = re.compile(r"^[_\-—–─]{5,}+$")
#: a footnote line in plain text: ``1 Text``, ``12 Text``, ``* Text``
FOOTNOTE_LINE = re.compile(r"^(\d{1,3}|\*{1,3})[ \t\u00a0]++(?=\S)")

# --- labels -------------------------------------------------------------------------

#: paragraph number ``1.`` ``1．`` ``16.1`` ``16.1.`` at the start of a paragraph
PARA_NUMBER = re.compile(
    r"^(?:(\d{1,3})[.．](\d{1,3})[.．]?|(\d{1,3})[.．])"
    r"(?=[ \t\u00a0\u3000]|$|(?<=[.．\d])[\u3400-\u9fff“（(《])"
)
#: Arabic paragraph number ``1 -`` (also with Arabic-Indic digits)
PARA_NUMBER_AR = re.compile(
    r"^([0-9٠-٩]{1,3})(?:\.([0-9٠-٩]{1,3}))?[ \t\u00a0]?[-–—](?:[ \t\u00a0]|(?=[^\d\s]))"
)
#: Arabic budget paragraph number ``16-1`` (the decimal point printed as a hyphen)
PARA_NUMBER_AR_DOTTED = re.compile(r"^([0-9٠-٩]{1,3})[-.]([0-9٠-٩]{1,3})(?=[ \t\u00a0])")
#: roman chapter heading ``I.`` ``XIV.``
HEADING_ROMAN = re.compile(
    r"^((?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))[.．](?:[ \t\u00a0\u3000]|(?=[\u3400-\u9fff]))"
)
#: lettered section heading ``A.``
HEADING_LETTER = re.compile(r"^([A-Z])[.．](?:[ \t\u00a0\u3000]|(?=[\u3400-\u9fff]))")
#: Chinese chapter heading ``一.`` ``十二、``
HEADING_ZH = re.compile(r"^([一二三四五六七八九十]{1,3})[.．、][ \t\u00a0\u3000]?")
#: Arabic chapter heading ``أولا -`` (ordinal word, tanween optional)
HEADING_AR_ORDINAL = re.compile(
    r"^(أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا"
    r"|حادي عشر|ثاني عشر|ثالث عشر|رابع عشر|خامس عشر|سادس عشر|سابع عشر|ثامن عشر|تاسع عشر|عشرون)"
    r"ً?[ \t\u00a0]?[-–—][ \t\u00a0]?"
)
#: Arabic section heading ``ألف -`` ``باء -``
HEADING_AR_LETTER = re.compile(
    r"^(ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|كاف|لام|ميم|نون|سين|عين|فاء|صاد|قاف|راء"
    r"|شين|تاء|ثاء|خاء|ذال|ضاد)[ \t\u00a0]?[-–—][ \t\u00a0]?"
)
#: sub-item ``(a)`` ``(aa)`` ``(i)`` ``(iv)``
SUBITEM_PAREN = re.compile(r"^[(（]([a-z]{1,2}|[ivxl]{1,6})[)）][ \t\u00a0\u3000]?")
#: sub-item ``a)`` ``iv)`` (fr, es, ru)
SUBITEM_HALF = re.compile(r"^([a-z]{1,2}|[ivxl]{1,6})\)[ \t\u00a0]")
#: Arabic sub-item ``(أ)`` ``(هـ)``
SUBITEM_AR = re.compile(r"^\((أ|ب|ج|د|هـ|ه|و|ز|ح|ط|ي|ك|ل|م|ن|س|ع|ف|ص|ق|ر|ش|ت|ث|خ|ذ|ض|ظ|غ)\)[ \t\u00a0]?")
#: Arabic roman-level sub-item ``’1‘`` ``(1)``
SUBITEM_AR_ROMAN = re.compile(r"^[‘’'`]([0-9٠-٩]{1,2})[‘’'`][ \t\u00a0]?")
#: Chinese roman-level sub-item ``㈠`` or ``(一)`` ``（一）``
SUBITEM_ZH_ROMAN = re.compile(r"^(?:([㈠-㈩])|[(（]([一二三四五六七八九十]{1,3})[)）])[ \t\u00a0\u3000]?")

#: a figure or table caption label: ``Figure 16.X``, ``Table 16.11``, ``图 16.X``
CAPTION = re.compile(
    r"^(?:Figure|Table|Graphique|Tableau|Gráfico|Cuadro|Рисунок|Диаграмма|Таблица|图|表|الشكل|الجدول)"
    r"[ \u00a0]?\d{1,3}(?:\.[0-9IVXL]{1,6})?\b"
)

# --- sentence ends ------------------------------------------------------------------

#: a line that ends a sentence (for reflow): final punctuation, then closing quotes
LINE_END_SENTENCE = re.compile(r"[.!?。！？؟؛…:：;；][\"'”’»」』）)\]]{0,3}$")
#: a line that cannot end a paragraph: an opening bracket, quote or a slash at its end
LINE_END_OPEN = re.compile(r"[(\[（«“„‘/]$")
#: a web address running to the end of the line, not closed by punctuation: wrapped
LINE_END_URL = re.compile(r"(?:https?://|www\.)[^\s()\[\]]{1,300}+(?<![.,;:!?])$", re.IGNORECASE)
#: what a wrapped web address goes on with at the start of the next line: a word with
#: a dot, slash or query sign in it (``index.html``, ``en/wggf``), not a plain word
URL_CONTINUATION = re.compile(r"^[\w~%+-]{0,80}+[./#?=&_][\w.~%#?=&+/-]")
#: a line-break hyphen: a letter, a hyphen, end of line
LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")
