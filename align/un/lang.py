"""Which of the six UN languages a text is in: script counts, then stop words.

Only the six official languages are accepted; a text in another language is refused
with a message that names what it looks like.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from align.errors import UnsupportedLanguageError

UN_LANGUAGES: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")
SUPPORTED = ", ".join(UN_LANGUAGES)

LANGUAGE_NAMES = {
    "zh": "Chinese", "en": "English", "fr": "French", "es": "Spanish", "ru": "Russian",
    "ar": "Arabic", "de": "German", "pt": "Portuguese", "it": "Italian", "nl": "Dutch",
    "ja": "Japanese", "ko": "Korean", "uk": "Ukrainian", "fa": "Persian", "el": "Greek",
    "he": "Hebrew", "hi": "Hindi", "th": "Thai", "tr": "Turkish", "pl": "Polish",
    "bg": "Bulgarian", "sr": "Serbian", "ur": "Urdu",
}

#: aliases accepted by the ``lang`` override (lower-case; region/script tags stripped)
_ALIASES = {
    "zh": "zh", "zho": "zh", "chi": "zh", "cmn": "zh", "chinese": "zh",
    "en": "en", "eng": "en", "english": "en",
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr",
    "es": "es", "spa": "es", "spanish": "es",
    "ru": "ru", "rus": "ru", "russian": "ru",
    "ar": "ar", "ara": "ar", "arabic": "ar",
}
_TAG_SPLIT = re.compile(r"[-_]")
_WORD = re.compile(r"[^\W\d_]{1,40}")

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is on for that with by as are was be this from at which "
                    "its an it have has were been their or not shall should would will also "
                    "including through between".split()),
    "fr": frozenset("le la les des du de et en un une est dans pour que qui sur par au aux "
                    "avec ce cette ont été sont son ses leur il elle ne pas plus être".split()),
    "es": frozenset("el la los las del de y en un una es por para que con se su sus al "
                    "como más ha han fue sobre entre este esta lo".split()),
    "pt": frozenset("o a os as do da dos das de e em um uma é por para que com se seu sua "
                    "não ao como mais foi são pelo pela nos nas".split()),
    "de": frozenset("der die das und zu den von mit ist des im dem nicht ein eine auf für "
                    "sich auch es wird werden sind zur zum bei aus wurde".split()),
    "it": frozenset("il lo la gli le di e che è per un una del della dei con non sono nel "
                    "nella alla al si da come anche".split()),
    "nl": frozenset("de het een en van is dat op te zijn voor met niet aan er ook als bij "
                    "worden wordt door".split()),
    "tr": frozenset("ve bir bu da de için ile olarak olan daha çok gibi".split()),
    "pl": frozenset("i w na z do się że nie jest to od przez dla oraz jak".split()),
    "ru": frozenset("и в на с по не что для о от к из за как это его ее их был была были "
                    "также а или при года г".split()),
    "uk": frozenset("і в на з що не та для до як це від його її їх був була також або".split()),
    "bg": frozenset("и в на с за не че от да се това като по са е".split()),
    "sr": frozenset("и у на са за не да се је од као то".split()),
}
#: letters that mark one Latin-script language
_MARKERS = {
    "es": "ñ¿¡", "fr": "çœèêëîïûù", "pt": "ãõ", "de": "äöüß", "tr": "ğışİ", "pl": "ąęłńśźż",
}
_MARKERS_CYR = {"uk": "іїєґ", "sr": "ђјљњћџ", "ru": "ыэъё"}


def normalize_lang(code: str) -> str:
    """Map an override such as ``zh-CN``, ``ZH``, ``eng`` to one of the six codes.

    Raises:
        UnsupportedLanguageError: for any other language.
    """
    key = _TAG_SPLIT.split(code.strip().lower(), maxsplit=1)[0] if code else ""
    if key in _ALIASES:
        return _ALIASES[key]
    shown = LANGUAGE_NAMES.get(key, code)
    raise UnsupportedLanguageError(f"language {shown!r} is not supported; supported: {SUPPORTED}")


_SCRIPTS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"),
    "kana": re.compile(r"[\u3040-\u30ff]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
    "arabic": re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
    "persian": re.compile(r"[پچژگکی]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebrew": re.compile(r"[\u05d0-\u05ea]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
}


def _script_counts(text: str) -> Counter:
    """Letters per script (``persian`` counts Persian-only letters among the Arabic ones)."""
    return Counter({name: len(pattern.findall(text)) for name, pattern in _SCRIPTS.items()})


def _refuse(code: str) -> UnsupportedLanguageError:
    return UnsupportedLanguageError(
        f"text looks like {LANGUAGE_NAMES.get(code, code)}; supported: {SUPPORTED}"
    )


#: frequent words of UN texts that are specific to one language (beyond stop words)
_VOCABULARY: dict[str, frozenset[str]] = {
    "en": frozenset("report united nations assembly drugs office work working questions end "
                    "achieve ensure promote countries women children human rights strengthen take "
                    "increase reduce number per people who through all poverty hunger health water "
                    "energy growth sustainable note addendum secretariat secretary proposed "
                    "provisional item executive".split()),
    "fr": frozenset("rapport unies assemblée conseil secrétariat secrétaire général générale "
                    "stupéfiants développement pays d l qu objectif cible indicateur nombre faire "
                    "assurer promouvoir réduire renforcer durable toutes tous femmes enfants droits "
                    "additif note".split()),
    "es": frozenset("informe naciones unidas asamblea consejo secretaría secretario "
                    "estupefacientes comisión delito oficina cuestiones desarrollo países objetivo "
                    "meta indicador proporción número garantizar promover reducir fortalecer "
                    "sostenible todas todos mujeres niños derechos adición nota".split()),
}
#: accented letters and the languages they point to, with a weight
_ACCENTS = {
    "á": ("es", "pt"), "í": ("es", "pt"), "ó": ("es", "pt"), "ú": ("es", "pt"),
    "à": ("fr", "pt"), "è": ("fr", "it"), "ù": ("fr",), "â": ("fr", "pt"), "ê": ("fr", "pt"),
    "î": ("fr",), "ô": ("fr", "pt"), "û": ("fr",), "é": ("fr",),
}


def _winner(scores: Counter, default: str, own: tuple[str, ...]) -> str:
    """Best-scoring language; another language must beat the UN ones clearly."""
    scores = Counter({k: v for k, v in scores.items() if v > 0})
    if not scores:
        return default
    best_own = max((scores[c] for c in own), default=0)
    best, score = scores.most_common(1)[0]
    clear = (score >= 2 and best_own == 0) or (score >= 3 and score > 1.5 * best_own)
    if best in own or clear:
        if best not in own:
            return best
        ties = [c for c in own if scores[c] == best_own]
        return default if default in ties else ties[0]
    return max(own, key=lambda c: (scores[c], c == default))


def _stopword_scores(words: list[str], candidates: tuple[str, ...]) -> Counter:
    scores: Counter = Counter()
    for w in words:
        for code in candidates:
            if w in _STOPWORDS[code]:
                scores[code] += 1
            if w in _VOCABULARY.get(code, ()):
                scores[code] += 1
    return scores


def _marker_scores(text: str, markers: dict[str, str]) -> Counter:
    scores: Counter = Counter()
    for code, letters in markers.items():
        n = sum(text.count(c) for c in letters)
        if n:
            scores[code] += 2 * n
    return scores


def _latin_suffix_votes(words: list[str]) -> Counter:
    votes: Counter = Counter()
    for w in words:
        if w.endswith(("ción", "ciones", "idad", "mente")):
            votes["es"] += 2
        elif w.endswith(("ção", "ções")):
            votes["pt"] += 3
        elif w.endswith(("ung", "keit", "heit", "schaft")):
            votes["de"] += 3
        elif w.endswith(("eur", "aux", "ées", "ée", "ique")):
            votes["fr"] += 1
        elif w.endswith(("ing", "ly")):
            votes["en"] += 1
        elif w.endswith(("zione", "zioni")):
            votes["it"] += 3
        elif len(w) > 3 and w.endswith(("o", "os", "as", "ado", "ada")) and w not in ("also", "into"):
            votes["es"] += 1
    return votes


def detect_language(text: str) -> str:
    """The UN language ``text`` is written in.

    Args:
        text: any amount of text; a few words (a UN title) are enough.

    Returns:
        one of ``zh``, ``en``, ``fr``, ``es``, ``ru``, ``ar``.

    Raises:
        UnsupportedLanguageError: the text is in another language, or has no letters.
    """
    if len(text) > 60_000:  # the start, the middle and the end are enough
        mid = len(text) // 2
        text = "\n".join((text[:20_000], text[mid:mid + 20_000], text[-20_000:]))
    sample = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    counts = _script_counts(sample)
    letters = sum(v for k, v in counts.items() if k != "persian")
    if not letters:
        raise UnsupportedLanguageError(f"no letters to tell the language from; supported: {SUPPORTED}")
    cjk = counts["han"] + counts["kana"]
    if cjk * 2 >= letters * 0.3 or counts["han"] >= 0.5 * letters:
        if counts["kana"] > 0.05 * cjk:
            raise _refuse("ja")
        return "zh"
    if counts["hangul"] >= 0.3 * letters:
        raise _refuse("ko")
    script = max(("arabic", "cyrillic", "latin", "greek", "hebrew", "devanagari", "thai"),
                 key=lambda k: counts[k])
    if script == "arabic":
        if counts["persian"] > 0.02 * counts["arabic"]:
            raise _refuse("fa")
        return "ar"
    if script in ("greek", "hebrew", "devanagari", "thai"):
        raise _refuse({"greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th"}[script])
    words = [w.lower() for w in _WORD.findall(sample[:50_000])]
    joined = "".join(words)
    if script == "cyrillic":
        cyr = ("ru", "uk", "bg", "sr")
        scores = _stopword_scores(words, cyr) + _marker_scores(joined, _MARKERS_CYR)
        code = _winner(scores, "ru", ("ru",))
        if code != "ru":
            raise _refuse(code)
        return "ru"
    candidates = ("en", "fr", "es", "pt", "de", "it", "nl", "tr", "pl")
    scores = _stopword_scores(words, candidates) + _marker_scores(joined, _MARKERS)
    scores.update(_latin_suffix_votes(words))
    for ch in joined:
        for code in _ACCENTS.get(ch, ()):
            scores[code] += 1
    code = _winner(scores, "en", ("en", "fr", "es"))
    if code not in UN_LANGUAGES:
        raise _refuse(code)
    return code
