"""Sentence splitting for the six UN languages.

Chinese ends sentences on 。！？； (and the closing quotes or brackets after them); Arabic
on . ؟ ! ؛; English, French, Spanish and Russian on . ! ? followed by a space and a word
that may start a sentence, with per-language abbreviation lists in
``align/un/data/abbreviations/<lang>.txt`` (the format of sacremoses' nonbreaking
prefixes: a plain entry never ends a sentence, ``#NUMERIC_ONLY#`` only before a number).

The scan is linear: one regular expression finds candidate ends, and each candidate is
decided from a bounded look at the word before and the character after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from align.un.lang import UN_LANGUAGES, normalize_lang

#: candidate end in alphabetic languages: a run of final marks, closing quotes, then space
CANDIDATE_ALPHA = re.compile(
    r"(?<![.!?…])([.!?…]++)(?:[\"'”’»)\]]|[ \u00a0\u202f]»)*+(?=\s)(\s++[\"'“‘«(¿¡\[„]{0,3}+)(.?)",
    re.DOTALL,
)
#: candidate end in Arabic: also the Arabic question mark and semicolon
CANDIDATE_AR = re.compile(
    r"(?<![.!?…؟؛])([.!?…؟؛]++)[\"'”’»«)\]]*+(?=\s)(\s++[\"'“‘«(¿¡\[„]{0,3}+)(.?)", re.DOTALL
)
#: candidate end in Chinese: full-width marks (or ! ?), closing quotes and brackets after
CANDIDATE_ZH = re.compile(r"[。！？；!?]++[”’」』）)》〉】\"']*+")
#: opening marks that may come before the first letter of a sentence
_OPENERS = "\"'“‘«(¿¡[„"
#: words after which a single capital letter is a numbered thing, not an initial
_SINGLE_LETTER_CONTEXT = frozenset(
    "annex annexes chapter section part table figure appendix schedule option category "
    "group phase list volume tier stage level box annexe chapitre partie tableau figure "
    "anexo capítulo sección parte cuadro gráfico приложение глава раздел часть таблица "
    "диаграмма".split()
)
#: how far back to look for the word before a period
_MAX_TOKEN = 40


@dataclass(frozen=True)
class Prefixes:
    """A language's non-breaking prefixes."""

    always: frozenset[str]
    numeric: frozenset[str]


@cache
def load_prefixes(lang: str) -> Prefixes:
    """Read ``data/abbreviations/<lang>.txt`` (empty for Chinese)."""
    always: set[str] = set()
    numeric: set[str] = set()
    path = resources.files("align.un").joinpath("data", "abbreviations", f"{lang}.txt")
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            word, _, flag = line.partition(" ")
            (numeric if flag.strip() == "#NUMERIC_ONLY#" else always).add(word)
    return Prefixes(frozenset(always), frozenset(numeric))


def _token_before(text: str, pos: int) -> str:
    """The word that ends at ``pos`` (bounded look back), without opening marks or elision."""
    lo = max(0, pos - _MAX_TOKEN)
    cut = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos), text.rfind("\u00a0", lo, pos),
              text.rfind("\t", lo, pos))
    token = text[max(cut + 1, lo):pos].lstrip(_OPENERS)
    if "'" in token or "’" in token:  # French elision: l'art., d'env.
        token = token.replace("’", "'").rpartition("'")[2]
    return token


def _word_before(text: str, pos: int) -> str:
    """The word before the token that ends at ``pos`` (bounded), lower-cased."""
    words = text[max(0, pos - 2 * _MAX_TOKEN):pos].split()
    return words[-2].lower().strip(_OPENERS) if len(words) >= 2 else ""


def _lower_first(token: str) -> str:
    return token[:1].lower() + token[1:]


def _is_break(text: str, m: re.Match, prefixes: Prefixes) -> bool:
    """Whether candidate ``m`` (marks, space, next character) ends a sentence."""
    nxt = m.group(3)
    if not nxt or nxt.islower():
        return not nxt
    marks = m.group(1)
    if marks[0] != "." or len(marks) > 1:
        return True
    token = _token_before(text, m.start())
    if not token:
        return True
    if token in prefixes.always or _lower_first(token) in prefixes.always:
        return False
    if nxt.isdigit() and (token in prefixes.numeric or _lower_first(token) in prefixes.numeric):
        return False
    if len(token) == 1 and token.isupper():
        return _word_before(text, m.start()) in _SINGLE_LETTER_CONTEXT
    return True


def split_sentences(text: str, lang: str) -> list[str]:
    """Split one paragraph's text into sentences.

    Args:
        text: the paragraph text (line breaks already reflowed).
        lang: one of zh, en, fr, es, ru, ar (aliases such as ``zh-CN`` accepted).

    Returns:
        the sentences in order, stripped; an empty list for blank text.
    """
    lang = lang if lang in UN_LANGUAGES else normalize_lang(lang)
    if not text or text.isspace():
        return []
    if lang == "zh":
        ends = [m.end() for m in CANDIDATE_ZH.finditer(text)]
    else:
        pattern = CANDIDATE_AR if lang == "ar" else CANDIDATE_ALPHA
        prefixes = load_prefixes(lang)
        ends = [m.start(2) for m in pattern.finditer(text) if _is_break(text, m, prefixes)]
    sentences: list[str] = []
    start = 0
    for end in ends:
        piece = text[start:end].strip()
        if piece:
            sentences.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        if sentences and not any(ch.isalnum() for ch in tail):
            sentences[-1] = f"{sentences[-1]}{tail}"
        else:
            sentences.append(tail)
    return sentences
