"""Term candidates per language: tables of sentences and the keys they must (not) yield."""

from __future__ import annotations

import time
import unicodedata

import pytest

from align.errors import UnsupportedLanguageError
from align.terms.extract import (
    NOT_TEXT_RE,
    candidates,
    normalize,
    term_key,
    zh_segmenter,
)
from align.terms.highlight import term_pattern
from align.terms.pair import ACRONYM_DEF_RE


def keys(text: str, lang: str, known=()) -> set[str]:
    return {c.key for c in candidates(text, lang, known=known)}


@pytest.mark.parametrize("text, lang, present, absent", [
    ("The working group held three regular meetings with Member States.", "en",
     {"working group", "regular meeting", "member state"},
     {"the working group", "held", "three regular meeting", "group held"}),
    ("The working group was given comprehensive updates.", "en",
     {"working group", "comprehensive update"}, {"working group was given comprehensive"}),
    ("la Commission des stupéfiants et les États Membres", "fr",
     {"commission des stupéfiant", "état membre"}, {"la commission", "et"}),
    ("la Comisión de Estupefacientes y los Estados Miembros", "es",
     {"comisión de estupefaciente", "estado miembro"}, {"y los estado"}),
    ("Комиссии по наркотическим средствам и государствам-членам", "ru",
     {term_key("Комиссия по наркотическим средствам", "ru"), term_key("государства-члены", "ru")},
     {"и"}),
    ("قدمت لجنة المخـدرات تقريرا إلى الدول الأعضاء", "ar",
     {term_key("لجنة المخدرات", "ar"), term_key("الدول الأعضاء", "ar")}, {"الى"}),
    ("see www.unodc.org/unodc/en/commissions/FINGOV/FINGOV-index.html and E/CN.7/2022/3", "en",
     set(), {"www", "fingov", "unodc", "cn", "html"}),
    ("会员国专用的安全网页（www.unodc.org/missions/en/wggf/index.html）", "zh",
     {"会员国", "安全网页"}, {"wggf", "missions"}),
    # a capitalised name is not cut: West Africa, United Nations, but no "West", "Nations"
    ("improving access to legal aid for women in West Africa and the United Nations system",
     "en", {"west africa", "united nation", "legal aid", "united nation system"},
     {"west", "nation", "access to legal aid for women in west africa"}),
    ("l'Office des Nations Unies contre la drogue et le crime", "fr",
     {"nation unie", "office des nation unie"}, {"unie", "office des nation"}),
])
def test_candidates_table(text, lang, present, absent):
    found = keys(text, lang)
    assert present <= found, present - found
    assert not (absent & found), absent & found


def test_known_chinese_terms_stay_whole():
    text = "不限成员名额常设政府间工作组举行了三次常会。"
    assert "不限成员名额" not in keys(text, "zh")
    assert "不限成员名额" in keys(text, "zh", known=["不限成员名额"])


def test_known_long_names_are_candidates_in_spaced_languages():
    name = ("standing open-ended intergovernmental working group on improving the governance "
            "and financial situation of the United Nations Office on Drugs and Crime")
    text = f"The {name} met three times."
    assert term_key(name, "en") not in keys(text, "en")  # longer than any n-gram
    assert term_key(name, "en") in keys(text, "en", known=[name])


def test_known_acronyms_match_only_in_capitals():
    found = candidates("people who work with WHO", "en", known=["WHO"])
    assert [c.surface for c in found if c.key == "who"] == ["WHO"]


def test_chinese_coordinations_are_not_candidates_but_headed_ones_are():
    found = keys("讨论了价值观和目标以及毒品和犯罪问题办公室的工作", "zh")
    assert "价值观和目标" not in found
    assert "毒品和犯罪问题办公室" in found


def test_decomposed_unicode_gives_the_same_keys():
    text = "les États Membres et la prévention du crime"
    nfd = unicodedata.normalize("NFD", text)
    assert keys(nfd, "fr") == keys(text, "fr")


@pytest.mark.parametrize("a, b, lang", [
    ("لجنة المخدرات", "ولجنة المخـدرات", "ar"),
    ("للمخدرات", "المخدرات", "ar"),
    ("Member States", "member state", "en"),
    ("Комиссия по наркотическим средствам", "Комиссии по наркотическим средствам", "ru"),
    ("毒品和犯罪问题办公室", "毒品和犯罪问题 办公室", "zh"),
])
def test_term_keys_ignore_inflection_clitics_and_tatweel(a, b, lang):
    assert term_key(a, lang) == term_key(b, lang)


def test_arabic_normalisation():
    assert normalize("الصـحية", "ar") == "الصحية"
    assert normalize("إِدارة", "ar") == "ادارة"


def test_unknown_language_is_refused():
    with pytest.raises(UnsupportedLanguageError):
        candidates("Hallo Welt", "de")


def test_specificity_does_not_depend_on_the_user_dictionary():
    plain = zh_segmenter()
    with_terms = zh_segmenter([f"术语{i}" for i in range(300)])
    for word in ("改善", "开展", "洗钱"):
        assert with_terms.specificity(word) == pytest.approx(plain.specificity(word))


def test_specificity_ranks_common_words_low():
    seg = zh_segmenter()
    assert seg.specificity("发展") < 0.2
    assert seg.specificity("洗钱") > 0.8
    assert seg.specificity("会员国专用网页", ("会员国", "网页")) > 0.8


@pytest.mark.parametrize("regex, text", [
    (NOT_TEXT_RE, "www." + "a." * 20000 + "b"),
    (NOT_TEXT_RE, "x" + "a." * 20000 + "b"),
    (NOT_TEXT_RE, "E/" + "CN/" * 20000),
    (NOT_TEXT_RE, "a" * 30000 + "@" + "b" * 30000),
    (ACRONYM_DEF_RE, "(" + "A" * 50000),
    (ACRONYM_DEF_RE, "(" * 50000),
], ids=["www", "dots", "symbol", "email", "acronym", "parens"])
def test_patterns_do_not_backtrack_catastrophically(regex, text):
    t0 = time.perf_counter()
    list(regex.finditer(text))
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize("term, lang", [
    ("Commission on Narcotic Drugs", "en"), ("Комиссия по наркотическим средствам", "ru"),
    ("لجنة المخدرات", "ar"), ("麻醉药品委员会", "zh"), ("États Membres", "fr"),
], ids=["en", "ru", "ar", "zh", "fr"])
def test_term_patterns_do_not_backtrack_catastrophically(term, lang):
    import re

    rx = re.compile(term_pattern(term, lang), re.IGNORECASE)
    text = (term[: len(term) // 2] + " ") * 20000
    t0 = time.perf_counter()
    list(rx.finditer(text))
    assert time.perf_counter() - t0 < 2.0
