"""Term candidates per language: noun-phrase-like n-grams of one sentence.

Chinese is segmented with jieba (a private tokenizer whose user dictionary holds the
glossary's own terms, so known terms stay whole) and filtered by part-of-speech
patterns; English, French, Spanish and Russian are tokenised with sacremoses; Arabic
with a word regex, tatweel and diacritics removed and clitics handled in the key.
Every candidate has a ``key`` (what is counted and compared) and a ``surface`` (the
text as written). The text is NFC-normalised first.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from align.errors import UnsupportedLanguageError
from align.terms.stopwords import CONNECTORS, STOPWORDS

TERM_LANGS: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")

#: longest candidate, in tokens
MAX_TOKENS = 7
#: most prepositions inside one candidate of a spaced language (``Office on Drugs and Crime``)
MAX_PREPOSITIONS = 2
#: longest Chinese candidate built from tokens, in characters (known terms may be longer)
MAX_ZH_CHARS = 16

TATWEEL_RE = re.compile("\u0640+")
ARABIC_MARKS_RE = re.compile("[\u064b-\u0652\u0670]")
ALEF_RE = re.compile("[\u0622\u0623\u0625]")
ARABIC_WORD_RE = re.compile(r"[\w\u064b-\u0652]+(?:-[\w\u064b-\u0652]+)*")
HAS_LETTER_RE = re.compile(r"[^\W\d_]")
DIGITS_ONLY_RE = re.compile(r"^[\d.,/–\-]+$")
APOSTROPHE_RE = re.compile("[’ʼ]")
#: Arabic proclitics stripped from a word's key: conjunctions, prepositions + article
AR_PROCLITIC_RE = re.compile(r"^(?:و|ف)?(?:(?:ب|ك|ل)?ال|لل|ب|ل)(?=\w{3,})")
AR_CONJ_RE = re.compile(r"^(?:و|ف)(?=\w{3,})")
#: crude Russian inflection endings, longest first (keys only: never shown)
RU_ENDING_RE = re.compile(
    r"и?(?:ами|ями|ого|его|ому|ему|ыми|ими|ях|ах|ов|ев|ей|ий|ый|ой|ая|яя|ое|ее|ые|ие|"
    r"ых|их|ым|им|ую|юю|ом|ем|ам|ям|а|я|о|е|и|ы|у|ю|ь|й)$"
)
LATIN_PLURAL_RE = re.compile(r"(?<=[^s])s$")
#: URLs, e-mail addresses and document symbols: never terms, blanked before extraction
NOT_TEXT_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,6}"
    r"|\b[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,6}\.(?:org|int|com|net|html?)\b\S*"
    r"|\b[A-Z]{1,2}(?:/[\w.\-]{1,12}){1,8}"
)
#: an acronym (two capitals or more: WHO, UNODC, FinGov, UN-Women); matched case-sensitively
ACRONYM_RE = re.compile(r"^(?=(?:.*[A-ZА-ЯЁ]){2})[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё\-]{1,11}$")
ACRONYM_MARK = "\x00"
CJK_RE = re.compile(r"[\u3400-\u9fff]")
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")

#: log10(total / frequency) of a word as common as 发展 (specificity 0) and of a rare one (1)
SPEC_COMMON = 3.2
SPEC_RARE = 5.0
#: a candidate may start with a verb only this specialised (预防 yes, 开展 and 支持 no)
VERB_START_SPEC = 0.6
#: a verb alone is a candidate when it is at least this specialised (洗钱 yes, 举行 no)
VERB_TERM_SPEC = 0.8

#: jieba part-of-speech tags allowed inside a Chinese candidate
ZH_INNER_POS = frozenset(
    "n nr ns nt nz nl ng vn an j l b v vd vi a ad eng i nrt nrfg g x_term".split()
)
#: tags a Chinese candidate may end with
ZH_END_POS = frozenset("n nr ns nt nz nl ng vn an j l b eng i nrt nrfg x_term".split())
#: verbs that UN texts use as nouns (预算 "budget", 回收 "recovery"): tagged as ``vn``
ZH_NOMINAL_VERBS = frozenset(
    "预算 回收 治理 管理 改革 评价 监测 协调 合作 援助 贩运 洗钱 培训 执法 审计 采购 筹资 "
    "供资 问责 治疗 康复 监督 报告 规划 执行 实施 审议 监管".split()
)
#: heads that coordinated modifiers share in names (毒品和犯罪问题办公室, 预防犯罪和刑事司法委员会)
ZH_COORD_HEADS = frozenset(
    "委员会 办公室 公约 议定书 战略 方案 机制 大会 理事会 基金 署 组织 工作组 支柱 政策 框架 "
    "议程 计划 宣言 会议 小组 司 处 中心 网络 系统 制度 领域".split()
)
#: conjunctions allowed inside (not at the edges of) a Chinese candidate
ZH_INNER_CONJ = frozenset({"和", "与", "及"})


@dataclass(frozen=True)
class Candidate:
    """One term candidate occurrence in a sentence.

    Attributes:
        key: normalised form used for counting and comparison.
        surface: the candidate as written in the sentence.
        start: character offset in the NFC text.
        end: end offset (exclusive).
        ntok: number of tokens.
        parts: the Chinese words it is made of (empty for other languages).
    """

    key: str
    surface: str
    start: int
    end: int
    ntok: int = 1
    parts: tuple[str, ...] = ()


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is one of the six UN languages, else raise."""
    if lang not in TERM_LANGS:
        raise UnsupportedLanguageError(
            f"terminology needs one of {', '.join(TERM_LANGS)}; got {lang!r}"
        )
    return lang


def normalize(text: str, lang: str) -> str:
    """NFC, unified apostrophes; for Arabic also no tatweel, no diacritics, bare alef."""
    text = unicodedata.normalize("NFC", text)
    text = APOSTROPHE_RE.sub("'", text)
    if lang == "ar":
        text = TATWEEL_RE.sub("", text)
        text = ARABIC_MARKS_RE.sub("", text)
        text = ALEF_RE.sub("\u0627", text)
    return text


def _word_key(word: str, lang: str) -> str:
    w = word.casefold()
    if lang in ("en", "fr", "es") and len(w) > 3 and not w.endswith(("ss", "us", "is")):
        w = LATIN_PLURAL_RE.sub("", w)
    elif lang == "ru":
        w = "-".join((RU_ENDING_RE.sub("", p) or p) if len(p) > 4 else p for p in w.split("-"))
    elif lang == "ar":
        stripped = AR_PROCLITIC_RE.sub("", w)
        w = stripped if stripped != w else AR_CONJ_RE.sub("", w)
    return w


def term_key(text: str, lang: str) -> str:
    """The comparison key of a term: what a candidate's ``key`` would be."""
    text = normalize(text, lang).strip()
    if lang == "zh":
        return re.sub(r"\s+", "", text)
    words = _tokens(text, lang)
    return " ".join(_word_key(w, lang) for w, _, _ in words)


@lru_cache(maxsize=8)
def _moses(lang: str):
    from sacremoses import MosesTokenizer

    return MosesTokenizer(lang=lang)


def _tokens(text: str, lang: str) -> list[tuple[str, int, int]]:
    """Tokens with their character spans in ``text``."""
    if lang == "ar":
        return [(m.group(), m.start(), m.end()) for m in ARABIC_WORD_RE.finditer(text)]
    toks = _moses(lang).tokenize(text, escape=False, aggressive_dash_splits=False)
    out: list[tuple[str, int, int]] = []
    pos = 0
    for tok in toks:
        idx = text.find(tok, pos)
        if idx < 0:  # the tokenizer rewrote the token; skip it
            continue
        out.append((tok, idx, idx + len(tok)))
        pos = idx + len(tok)
    return out


def _stop(lang: str) -> frozenset[str]:
    return _STOP[lang]


_CONN: dict[str, frozenset[str]] = {
    lang: frozenset(normalize(w, lang).casefold() for w in words)
    for lang, words in CONNECTORS.items()
}


#: conjunctions and articles among the connectors; the others are prepositions
_COORD: dict[str, frozenset[str]] = {
    "en": frozenset({"and", "the"}),
    "fr": frozenset({"et", "la", "le", "les", "l'"}),
    "es": frozenset({"y", "e", "la", "el", "los", "las"}),
    "ru": frozenset({"и"}),
    "ar": frozenset({"و"}),
}

_STOP: dict[str, frozenset[str]] = {
    lang: frozenset(normalize(w, lang).casefold() for w in words)
    for lang, words in STOPWORDS.items()
}


def _is_word(tok: str, lang: str = "") -> bool:
    if lang == "ar" and (len(tok) < 2 or not ARABIC_LETTER_RE.search(tok)):
        return False
    return bool(HAS_LETTER_RE.search(tok)) and not DIGITS_ONLY_RE.match(tok)


@lru_cache(maxsize=32)
def _known_index(known: frozenset[str], lang: str) -> dict[str, list[tuple[str, ...]]]:
    """Known terms as token-key tuples, indexed by their first token key."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for term in known:
        toks = _tokens(normalize(term, lang), lang)
        if len(toks) == 1 and ACRONYM_RE.match(toks[0][0]):
            keys = (ACRONYM_MARK + toks[0][0],)  # WHO the acronym, never "who"
        else:
            keys = tuple(_word_key(w, lang) for w, _, _ in toks)
        if keys:
            index.setdefault(keys[0], []).append(keys)
    for seqs in index.values():
        seqs.sort(key=len, reverse=True)
    return index


def _known_candidates(text: str, lang: str, toks: list[tuple[str, int, int]],
                      known: frozenset[str]) -> list[Candidate]:
    """Occurrences of glossary terms, whatever their length."""
    index = _known_index(known, lang)
    keys = [_word_key(t[0], lang) for t in toks]
    out = []
    for i, k in enumerate(keys):
        if ACRONYM_MARK + toks[i][0] in index:
            start, end = toks[i][1], toks[i][2]
            out.append(Candidate(_word_key(toks[i][0], lang), text[start:end], start, end, 1))
        for seq in index.get(k, ()):
            if tuple(keys[i:i + len(seq)]) == seq:
                start, end = toks[i][1], toks[i + len(seq) - 1][2]
                out.append(Candidate(" ".join(seq), text[start:end], start, end, len(seq)))
    return out


def _spaced_candidates(text: str, lang: str, max_tokens: int,
                       known: frozenset[str] = frozenset()) -> list[Candidate]:
    stop = _stop(lang)
    conn = _CONN.get(lang, frozenset())
    preps = conn - _COORD.get(lang, frozenset())
    toks = _tokens(text, lang)
    # chunks of consecutive word tokens (punctuation and numbers break a chunk)
    chunks: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    for tok in toks:
        if _is_word(tok[0], lang):
            cur.append(tok)
        else:
            if cur:
                chunks.append(cur)
            cur = []
    if cur:
        chunks.append(cur)
    out: list[Candidate] = _known_candidates(text, lang, toks, known) if known else []
    for chunk in chunks:
        words = [t for t in chunk if t[0] != "'"]
        folded = [w.casefold() for w, _, _ in words]
        for i in range(len(words)):
            if folded[i] in stop or folded[i].endswith("'"):
                continue
            for j in range(i, min(len(words), i + max_tokens)):
                if folded[j] in stop:
                    if folded[j] not in conn:
                        break  # a verb or pronoun inside: no longer a noun phrase
                    continue
                if j > i and sum(f in stop for f in folded[i:j + 1]) * 2 > j - i + 1:
                    continue
                if sum(f in preps for f in folded[i:j + 1]) > MAX_PREPOSITIONS:
                    break  # "legal aid for women in West Africa": a phrase, not a term
                if j > i or not ACRONYM_RE.match(words[i][0]):
                    if _name_fragment(words, folded, i, j, stop):
                        continue
                start, end = words[i][1], words[j][2]
                key = " ".join(_word_key(w, lang) for w, _, _ in words[i:j + 1])
                out.append(Candidate(key, text[start:end], start, end, j - i + 1))
    return out


def _name_word(tok: str, folded: str, stop: frozenset[str]) -> bool:
    """A capitalised content word that is no acronym: part of a proper name."""
    return (tok[:1].isupper() and folded not in stop and not ACRONYM_RE.match(tok)
            and HAS_LETTER_RE.match(tok) is not None)


def _name_fragment(words: list[tuple[str, int, int]], folded: list[str], i: int, j: int,
                   stop: frozenset[str]) -> bool:
    """True when ``words[i..j]`` cuts a capitalised name (``West`` of ``West Africa``).

    A candidate starting after or ending before a capitalised content word that is not
    the first word of the text is a fragment of a longer name (``Nations`` of ``United
    Nations``, ``Middle`` of ``Middle East``); the whole name is another candidate.
    """
    if not (words[i][0][:1].isupper() or words[j][0][:1].isupper()):
        return False
    before = i > 0 and words[i - 1][1] > 0 and _name_word(words[i - 1][0], folded[i - 1], stop)
    after = j + 1 < len(words) and _name_word(words[j + 1][0], folded[j + 1], stop)
    return (before and words[i][0][:1].isupper()) or (after and words[j][0][:1].isupper())


class _ZhSegmenter:
    """A jieba POS tokenizer with its own dictionary (jieba's global one stays untouched)."""

    def __init__(self, user_terms: Sequence[str]):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        # general frequencies: the user terms' own large counts must not inflate the total
        self._base_total = self._tok.total
        for term in user_terms:
            self._tok.add_word(term, freq=200000, tag="x_term")
        self._pos = jieba.posseg.POSTokenizer(self._tok)
        self.user_terms = frozenset(user_terms)
        self._lock = threading.Lock()

    def specificity(self, word: str, parts: Sequence[str] = ()) -> float:
        """How specialised a Chinese word is, in [0, 1], from jieba's general frequencies.

        A word as common as 发展 or 工作 scores 0, one as rare as 洗钱 scores 1; glossary
        terms score 1; a phrase scores as its most specialised word (``parts``).
        """
        if word in self.user_terms:
            return 1.0
        freq = self._tok.FREQ.get(word, 0)
        if not freq:
            if len(parts) > 1:
                return max(self.specificity(p) for p in parts)
            return 1.0
        rarity = math.log10(self._base_total / freq)
        return min(1.0, max(0.0, (rarity - SPEC_COMMON) / (SPEC_RARE - SPEC_COMMON)))

    def cut(self, text: str) -> list[tuple[str, str]]:
        with self._lock:
            return [(p.word, "vn" if p.flag.startswith("v") and p.word in ZH_NOMINAL_VERBS
                     else p.flag) for p in self._pos.cut(text)]


_ZH_CACHE: dict[frozenset[str], _ZhSegmenter] = {}
_ZH_LOCK = threading.Lock()


def zh_segmenter(user_terms: Iterable[str] = ()) -> _ZhSegmenter:
    """A cached Chinese segmenter whose dictionary includes ``user_terms``."""
    terms = frozenset(t.strip() for t in user_terms if t and t.strip())
    with _ZH_LOCK:
        seg = _ZH_CACHE.get(terms)
        if seg is None:
            if len(_ZH_CACHE) > 4:
                _ZH_CACHE.clear()
            seg = _ZH_CACHE[terms] = _ZhSegmenter(sorted(terms))
        return seg


def _zh_candidates(text: str, seg: _ZhSegmenter, max_tokens: int) -> list[Candidate]:
    stop = _STOP["zh"]
    toks = seg.cut(text)
    spans: list[tuple[str, str, int, int]] = []
    pos = 0
    for word, flag in toks:
        spans.append((word, flag, pos, pos + len(word)))
        pos += len(word)
    out: list[Candidate] = []
    n = len(spans)
    for i in range(n):
        w0, f0 = spans[i][0], spans[i][1]
        if f0 == "x_term":
            out.append(Candidate(w0, w0, spans[i][2], spans[i][3], 1, (w0,)))
        if w0 in stop or f0 not in ZH_INNER_POS or not HAS_LETTER_RE.search(w0):
            continue
        if f0.startswith("v") and seg.specificity(w0) < VERB_START_SPEC:
            continue  # 改善人才培养, 开展活动: a common verb heads a clause, not a term
        conj_at = -1
        for j in range(i, min(n, i + max_tokens)):
            wj, fj = spans[j][0], spans[j][1]
            is_conj = j > i and wj in ZH_INNER_CONJ
            if is_conj:
                conj_at = j
            if not (fj in ZH_INNER_POS or is_conj) or (wj in stop and not is_conj):
                break
            if fj not in ZH_END_POS:
                # a rare verb alone may be a term (洗钱 "money-laundering"), a common one not
                if not (j == i and fj.startswith("v") and seg.specificity(wj) >= VERB_TERM_SPEC):
                    continue
            if conj_at >= 0 and (j - conj_at < 2 or wj not in ZH_COORD_HEADS):
                continue  # "X和Y" is a coordination; "X和Y问题办公室" (a shared head) a term
            start, end = spans[i][2], spans[j][3]
            surface = text[start:end]
            if j == i and f0 == "x_term":
                continue  # already added
            if len(surface) < 2 or (end - start > MAX_ZH_CHARS and j > i):
                continue
            if not CJK_RE.search(surface):
                continue
            parts = tuple(sp[0] for sp in spans[i:j + 1] if sp[0] not in ZH_INNER_CONJ)
            out.append(Candidate(surface, surface, start, end, j - i + 1, parts))
    return out


def candidates(
    text: str,
    lang: str,
    *,
    known: Iterable[str] = (),
    max_tokens: int = MAX_TOKENS,
) -> list[Candidate]:
    """Term candidates of one sentence (or short text), in order of appearance.

    Args:
        text: the sentence.
        lang: its language (zh, en, fr, es, ru, ar).
        known: terms of the glossary: they are candidates whatever their length, and
            for Chinese they join the segmenter's user dictionary so they stay whole.
        max_tokens: the longest n-gram considered, in tokens.

    Returns:
        Candidates with spans relative to ``normalize(text, lang)``; overlapping
        n-grams are all returned (the pairing step chooses among them).
    """
    check_lang(lang)
    text = NOT_TEXT_RE.sub(lambda m: " " * len(m.group()), normalize(text, lang))
    if not text.strip():
        return []
    if lang == "zh":
        return _zh_candidates(text, zh_segmenter(known), max_tokens)
    known = [k for k in known if k]
    return _spaced_candidates(text, lang, max_tokens, frozenset(known))
