"""Small UN documents written here in English, French, Spanish, Russian and Arabic:
masthead, headings, paragraphs, sub-items, footnotes, page furniture."""

from __future__ import annotations

import pytest

from align.io import read_document

EN_WRAPPED = """\
United Nations                                          E/CN.7/2026/5
Economic and Social Council                             Distr.: General
                                                        19 December 2025
                                                        Original: English

Commission on Narcotic Drugs
Sixty-ninth session
Vienna, 9-13 March 2026
Item 5 (b) of the provisional agenda

Implementation of the strategy of the Office

Report of the Executive Director

The present report reviews the implementation of the strategy in its final year and sets out the
lessons learned for the next period.

I. Introduction

1. The strategy was launched in 2021 and was welcomed by Member States at the sixty-fourth
session of the Commission on Narcotic Drugs and in resolution 64/7. It organized the work of the
Office around five thematic areas.
2. The present report covers the period from 1 January to 31 October 2025. The Office supported
the following:
(a) Alternative development programmes in four countries, for about 34,000 farming households;
(b) The monitoring of illicit crop cultivation through national surveys in six countries and the
implementa-
tion of early warning systems;
(c) Forensic capacity in 74 laboratories.
E/CN.7/2026/5
V.25-21437 (E) 2/3
3. Cooperation with the World Health Organization continued, in particular on the treat-
ment of drug use disorders, in 2025
and 2026. The anti-
corruption work of the Office is described in annex I. The annex follows.
II. Organizational matters
4. The Commission may wish to take note of the report.
"""

FR_PARAS = """\
Commission des stupéfiants

Soixante-neuvième session

Point 5 b) de l’ordre du jour provisoire

Mise en œuvre de la stratégie

Rapport de la Directrice exécutive

Le présent rapport examine la mise en œuvre de la stratégie au cours de sa dernière année.

I. Introduction

1. La stratégie a été lancée en 2021 et accueillie favorablement par les États Membres.

2. L’Office a appuyé :

a) Des programmes de développement alternatif ;

b) La surveillance des cultures illicites.

A. Gestion

3. La Commission voudra peut-être prendre note du rapport.
"""

ES_PARAS = """\
Distr. general

19 de diciembre de 2025

Original: inglés

Comisión de Estupefacientes

Informe de la Directora Ejecutiva

I. Introducción

1. La estrategia fue presentada en 2021 y acogida con beneplácito por los Estados Miembros.

2. La Oficina prestó apoyo a:

a) Programas de desarrollo alternativo;

b) La vigilancia de los cultivos ilícitos.

1 Véase la resolución 64/7 de la Comisión.
"""

RU_PARAS = """\
Язык оригинала: английский

Комиссия по наркотическим средствам

Шестьдесят девятая сессия

Доклад Директора-исполнителя

I. Введение

1. Стратегия была представлена в 2021 г. и одобрена государствами-членами.

2. ЮНОДК оказывало поддержку в следующих областях:

a) программы альтернативного развития;

b) мониторинг незаконного культивирования.
"""

AR_PARAS = """\
الأصل: بالإنكليزية

لجنة المخدرات

الدورة التاسعة والستون

البند 5 (ب) من جدول الأعمال المؤقت

تقرير المديرة التنفيذية

أولا - مقدمة

1 - أطلقت الاستراتيجية في عام 2021 ورحبت بها الدول الأعضاء في لجنة المخدرات.

2 - وقدم المكتب الدعم في المجالات التالية:

(أ) برامج التنمية البديلة؛

(ب) رصد زراعة المحاصيل غير المشروعة.

ألف - الإدارة

3 - قد ترغب اللجنة في الإحاطة علما بالتقرير.
"""


def _outline(doc):
    return [(s.kind, s.number) for s in doc.segments if s.kind != "front"]


def test_english_wrapped_text_reflows_and_drops_furniture():
    doc = read_document(EN_WRAPPED.encode(), name="en.txt")
    assert doc.lang == "en"
    assert doc.meta.symbols == ["E/CN.7/2026/5"]
    assert doc.meta.job_number == "V.25-21437 (E)"
    assert doc.meta.distribution == "General"
    assert doc.meta.date == "19 December 2025"
    assert doc.meta.original_language == "en"
    assert doc.meta.bodies == ["Commission on Narcotic Drugs"]
    assert doc.meta.session == "Sixty-ninth session"
    assert doc.meta.agenda_item == "5 (b)"
    assert doc.meta.title == "Implementation of the strategy of the Office"
    assert _outline(doc) == [
        ("body", None), ("heading", "I"), ("paragraph", "1"), ("paragraph", "2"),
        ("subitem", "a"), ("subitem", "b"), ("subitem", "c"), ("paragraph", "3"),
        ("heading", "II"), ("paragraph", "4"),
    ]
    seg = {(s.kind, s.number): s for s in doc.segments}
    assert seg[("paragraph", "1")].text.endswith("around five thematic areas.")
    assert "sixty-fourth session" in seg[("paragraph", "1")].text
    assert seg[("subitem", "b")].parent == "2"
    assert "and the implementation of early warning systems;" in seg[("subitem", "b")].text
    three = seg[("paragraph", "3")].text
    assert "treatment of drug use disorders, in 2025 and 2026." in three
    assert "The anti-corruption work" in three and "annex I. The annex follows." in three
    for s in doc.body:
        assert "V.25-21437" not in s.text and "2/3" not in s.text and "E/CN.7/2026/5" not in s.text


def test_french_paragraph_per_line():
    doc = read_document(FR_PARAS.encode(), name="fr.txt")
    assert doc.lang == "fr"
    assert doc.meta.agenda_item == "5 (b)"
    assert doc.meta.title == "Mise en œuvre de la stratégie"
    assert _outline(doc) == [
        ("body", None), ("heading", "I"), ("paragraph", "1"), ("paragraph", "2"),
        ("subitem", "a"), ("subitem", "b"), ("heading", "A"), ("paragraph", "3"),
    ]
    assert [s.level for s in doc.segments if s.kind == "heading"] == [1, 2]


def test_spanish_masthead_and_trailing_footnote():
    doc = read_document(ES_PARAS.encode(), name="es.txt")
    assert doc.lang == "es"
    assert (doc.meta.distribution, doc.meta.date, doc.meta.original_language) == (
        "General", "19 de diciembre de 2025", "en")
    assert _outline(doc)[-1] == ("footnote", "1")
    assert doc.footnotes[0].text == "Véase la resolución 64/7 de la Comisión."


def test_russian_subitems_and_original():
    doc = read_document(RU_PARAS.encode(), name="ru.txt")
    assert doc.lang == "ru" and doc.meta.original_language == "en"
    assert _outline(doc) == [("heading", "I"), ("paragraph", "1"), ("paragraph", "2"),
                             ("subitem", "a"), ("subitem", "b")]


def test_arabic_conventions_normalise():
    doc = read_document(AR_PARAS.encode(), name="ar.txt")
    assert doc.lang == "ar" and doc.meta.original_language == "en"
    assert doc.meta.agenda_item == "5 (b)"
    assert _outline(doc) == [("heading", "I"), ("paragraph", "1"), ("paragraph", "2"),
                             ("subitem", "a"), ("subitem", "b"), ("heading", "A"), ("paragraph", "3")]
    assert doc.segments[-1].text == "قد ترغب اللجنة في الإحاطة علما بالتقرير."


def test_inline_subitems_stay_in_the_paragraph():
    text = ("1. The working group received updates on: (a) the strategy; (b) the budget; and\n"
            "(c) human resources. It also heard a briefing on the evaluation of the programme.\n"
            "2. Next paragraph of the report, which is long enough to wrap onto the next line of\n"
            "the text here.\n") * 1
    doc = read_document(text.encode(), name="inline.txt", lang="en")
    assert _outline(doc) == [("paragraph", "1"), ("paragraph", "2")]
    assert "(c) human resources." in doc.segments[0].text


def test_lang_override_skips_detection():
    doc = read_document("1. Short.\n\n2. Text.\n".encode(), name="x.txt", lang="fr-FR")
    assert doc.lang == "fr"


def test_footnote_markers_in_text_export_are_removed():
    text = ("1. Pursuant to resolution 30/3.1 It reviews the strategy.\n\n"
            "2. The evaluation was completed in September 20252 and the Office agreed.\n\n"
            "1 See E/CN.7/2025/4.\n\n2 The evaluation covered 2021-2025.\n")
    doc = read_document(text.encode(), name="fn.txt", lang="en")
    assert [s.text for s in doc.body] == [
        "Pursuant to resolution 30/3. It reviews the strategy.",
        "The evaluation was completed in September 2025 and the Office agreed.",
    ]
    assert [(s.number, s.text) for s in doc.footnotes] == [
        ("1", "See E/CN.7/2025/4."), ("2", "The evaluation covered 2021-2025.")]


@pytest.mark.parametrize("layout", ["wrapped", "paragraphs"])
def test_contents_lines_are_not_paragraphs(layout):
    sep = "\n" if layout == "wrapped" else " "
    text = "\n".join([
        "Contents", "Page", "I. Introduction . . . . . . . . . . . . 3",
        "II. Progress . . . . . . . . . . . . . . 5", "I. Introduction",
        "1. The strategy was launched in 2021 and was welcomed by the Member States of the"
        + sep + "Commission at its session.", "II. Progress",
        "2. The Office supported many States in the period under review and reported on it"
        + sep + "in the annual report."])
    doc = read_document(text.encode(), name="toc.txt", lang="en")
    assert [(s.kind, s.number) for s in doc.body] == [
        ("heading", "I"), ("paragraph", "1"), ("heading", "II"), ("paragraph", "2")]


def test_numbers_alone_on_their_line_and_running_titles():
    """Text as ``pdftotext`` gives it: the number on its own line, running titles and
    page furniture between pages, a table row that starts with ``1.``."""
    page = ("Section 16     International drug control\n\n"
            "{num}\n\nThe Office will continue to support Member States in the implementation of the\n"
            "conventions and to report on progress to the Commission on Narcotic Drugs in its\n"
            "annual report{end}\n\n"
            "1. The Fifth Committee              1        1        1\n\n"
            "26-03369                                    {p}/67\n")
    text = "".join(page.format(num=f"16.{i}", end="." if i % 2 else " for", p=i + 1) for i in range(1, 7))
    doc = read_document(text.encode(), name="pdftotext.txt", lang="en")
    assert doc.paragraph_numbers() == [f"16.{i}" for i in range(1, 7)]
    for seg in doc.body:
        assert "Section 16" not in seg.text and "26-03369" not in seg.text
