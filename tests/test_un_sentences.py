"""Sentence splitting in the six languages: tables of cases, and linear time on 1 MB."""

from __future__ import annotations

import time

import pytest

from align.un.sentences import load_prefixes, split_sentences

CASES = [
    # English: UN abbreviations, references and symbols do not end sentences
    ("en", "Mr. Smith met the delegation. It left.", ["Mr. Smith met the delegation.", "It left."]),
    ("en", "See para. 5 of the report. It was noted.", ["See para. 5 of the report.", "It was noted."]),
    ("en", "See paras. 5-7 and No. 12. Done.", ["See paras. 5-7 and No. 12.", "Done."]),
    ("en", "It is contained in document E/CN.7/2022/3/Add.1. The Commission took note.",
     ["It is contained in document E/CN.7/2022/3/Add.1.", "The Commission took note."]),
    ("en", "Adopted in resolution 64/7. The Council agreed.",
     ["Adopted in resolution 64/7.", "The Council agreed."]),
    ("en", "See A/RES/70/1. Next, the item.", ["See A/RES/70/1.", "Next, the item."]),
    ("en", "Some States, e.g. Austria, agreed. Others, i.e. the rest, did not.",
     ["Some States, e.g. Austria, agreed.", "Others, i.e. the rest, did not."]),
    ("en", "The U.S. delegation spoke. The rate was 12.5 per cent. Done.",
     ["The U.S. delegation spoke.", "The rate was 12.5 per cent.", "Done."]),
    ("en", "See art. 5 and Vol. 2. The end.", ["See art. 5 and Vol. 2.", "The end."]),
    ("en", "It covers (a) drugs and (b) crime. It ends.", ["It covers (a) drugs and (b) crime.", "It ends."]),
    ("en", "It is set out in annex I. The annex follows.",
     ["It is set out in annex I.", "The annex follows."]),
    ("en", "Is it agreed? Yes! It is.", ["Is it agreed?", "Yes!", "It is."]),
    ("en", "He said: “It is done.” Then he left.", ["He said: “It is done.”", "Then he left."]),
    ("en", "Drugs (see below). Crime.", ["Drugs (see below).", "Crime."]),
    ("en", "", []),
    # French
    ("fr", "M. Dupont a parlé. La séance est levée.", ["M. Dupont a parlé.", "La séance est levée."]),
    ("fr", "Voir l'art. 5 et p. 12 du rapport. Adopté.", ["Voir l'art. 5 et p. 12 du rapport.", "Adopté."]),
    ("fr", "Voir le document E/CN.7/2022/3. La Commission a pris note.",
     ["Voir le document E/CN.7/2022/3.", "La Commission a pris note."]),
    ("fr", "Elle a noté a) les progrès et b) les défis. Fin.",
     ["Elle a noté a) les progrès et b) les défis.", "Fin."]),
    ("fr", "Mme Martin a répondu. « Merci. » Puis elle est partie.",
     ["Mme Martin a répondu.", "« Merci. »", "Puis elle est partie."]),
    # Spanish
    ("es", "El Sr. López habló. La Comisión aprobó el texto.",
     ["El Sr. López habló.", "La Comisión aprobó el texto."]),
    ("es", "Véase la resolución núm. 5. Se aprobó.", ["Véase la resolución núm. 5.", "Se aprobó."]),
    ("es", "¿Se aprueba? Sí. Queda aprobado.", ["¿Se aprueba?", "Sí.", "Queda aprobado."]),
    ("es", "Los EE. UU. votaron. Fin.", ["Los EE. UU. votaron.", "Fin."]),
    ("es", "La Sra. Pérez y el Dr. Ruiz asistieron. Fin.", ["La Sra. Pérez y el Dr. Ruiz asistieron.", "Fin."]),
    # Russian: "2022 г." ends a sentence only before a capital
    ("ru", "В 2022 г. была принята резолюция. Она вступила в силу.",
     ["В 2022 г. была принята резолюция.", "Она вступила в силу."]),
    ("ru", "Она была принята в 2022 г. Комиссия приняла к сведению.",
     ["Она была принята в 2022 г.", "Комиссия приняла к сведению."]),
    ("ru", "Речь идет о ЮНОДК, т.е. Управлении. См. стр. 5. Конец.",
     ["Речь идет о ЮНОДК, т.е. Управлении.", "См. стр. 5.", "Конец."]),
    ("ru", "См. п. 3 доклада. Принято.", ["См. п. 3 доклада.", "Принято."]),
    ("ru", "Взносы составили 398,2 млн долл. США, что меньше. Конец.",
     ["Взносы составили 398,2 млн долл. США, что меньше.", "Конец."]),
    # Chinese: 。！？； and closing quotes/brackets after them
    ("zh", "委员会通过了决议。会议结束！", ["委员会通过了决议。", "会议结束！"]),
    ("zh", "审议了以下问题：(a)毒品；(b)犯罪。", ["审议了以下问题：(a)毒品；", "(b)犯罪。"]),
    ("zh", "他说：“好。”然后离开。", ["他说：“好。”", "然后离开。"]),
    ("zh", "见第 E/CN.7/2022/3 号文件。是吗？是的", ["见第 E/CN.7/2022/3 号文件。", "是吗？", "是的"]),
    ("zh", "（见第 5 段。）下一句。", ["（见第 5 段。）", "下一句。"]),
    # Arabic: . ؟ ! ؛
    ("ar", "اعتمدت اللجنة القرار 64/7. وأحاطت علما بالتقرير.",
     ["اعتمدت اللجنة القرار 64/7.", "وأحاطت علما بالتقرير."]),
    ("ar", "هل وافقت اللجنة؟ نعم! وذلك؛ ثم انتهى.", ["هل وافقت اللجنة؟", "نعم!", "وذلك؛", "ثم انتهى."]),
    ("ar", "انظر الوثيقة E/CN.7/2022/3/Add.1 والقرار 12.5 في المائة.",
     ["انظر الوثيقة E/CN.7/2022/3/Add.1 والقرار 12.5 في المائة."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split_sentences(lang, text, expected):
    assert split_sentences(text, lang) == expected


def test_language_alias_and_refusal():
    assert split_sentences("第一句。第二句。", "zh-CN") == ["第一句。", "第二句。"]
    from align.errors import UnsupportedLanguageError

    with pytest.raises(UnsupportedLanguageError):
        split_sentences("Ein Satz.", "de")


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru"])
def test_abbreviation_lists_load(lang):
    prefixes = load_prefixes(lang)
    assert prefixes.always or prefixes.numeric


@pytest.mark.parametrize(
    "text",
    [
        "The Commission adopted resolution 64/7 on 1 January. " * 19_000,  # about 1 MB of prose
        "." * 1_000_000,
        ". " * 500_000,
        "Mr. " * 250_000,
        "a" * 1_000_000,
        "。" * 1_000_000,
        "E/CN.7/2022/3/Add.1." * 50_000,
    ],
    ids=["prose", "dots", "dot-space", "titles", "no-space", "zh-marks", "symbols"],
)
def test_one_megabyte_is_linear(text):
    for lang in ("en", "zh", "ar"):
        start = time.perf_counter()
        split_sentences(text, lang)
        assert time.perf_counter() - start < 10, lang
