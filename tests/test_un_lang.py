"""Language detection: the six UN languages in, everything else refused by name."""

from __future__ import annotations

import pytest

from align.errors import UnsupportedLanguageError
from align.un.lang import detect_language, normalize_lang

DETECTED = [
    ("Commission on Narcotic Drugs", "en"),
    ("Note by the Secretariat", "en"),
    ("Report of the Executive Director", "en"),
    ("Strategic management, budgetary and administrative questions", "en"),
    ("Commission des stupéfiants", "fr"),
    ("Rapport du Directeur exécutif", "fr"),
    ("Questions de gestion stratégique, de budget et d’administration", "fr"),
    ("Comisión de Estupefacientes", "es"),
    ("Nota de la Secretaría", "es"),
    ("Informe del Director Ejecutivo", "es"),
    ("Cuestiones de gestión estratégica, presupuestarias y administrativas", "es"),
    ("Комиссия по наркотическим средствам", "ru"),
    ("Записка Секретариата", "ru"),
    ("Доклад Директора-исполнителя", "ru"),
    ("麻醉药品委员会", "zh"),
    ("秘书处的说明", "zh"),
    ("لجنة المخدرات", "ar"),
    ("مذكرة من الأمانة", "ar"),
    # a Chinese text full of Latin symbols and numbers is still Chinese
    ("工作组上一阶段的工作情况见 E/CN.7/2022/3-E/CN.15/2022/3 号文件。", "zh"),
    ("أحاطت اللجنة علما بالوثيقة E/CN.7/2022/3/Add.1 والقرار 64/7.", "ar"),
    ("Заболеваемость туберкулезом на 100 000 че\u00adловек", "ru"),
]

REFUSED = [
    ("Die Kommission hat den Bericht angenommen und die Mitgliedstaaten aufgefordert.", "German"),
    ("A Comissão aprovou o relatório e solicitou aos Estados-Membros que não o façam.", "Portuguese"),
    ("会議は東京で開催されました。委員会は報告書を採択した。", "Japanese"),
    ("위원회는 보고서를 채택하였다.", "Korean"),
    ("Комісія з наркотичних засобів ухвалила рішення і звернулася до держав-членів", "Ukrainian"),
    ("کمیسیون مواد مخدر گزارش را تصویب کرد و از کشورهای عضو خواست", "Persian"),
    ("Η Επιτροπή ενέκρινε την έκθεση.", "Greek"),
]


@pytest.mark.parametrize(("text", "lang"), DETECTED)
def test_detects_un_languages(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "name"), REFUSED)
def test_refuses_other_languages_by_name(text, name):
    with pytest.raises(UnsupportedLanguageError) as info:
        detect_language(text)
    message = str(info.value)
    assert name in message and "supported: zh, en, fr, es, ru, ar" in message
    assert "\n" not in message


def test_no_letters():
    with pytest.raises(UnsupportedLanguageError):
        detect_language("12345 67/89 ...")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh", "zh"), ("zh-CN", "zh"), ("zh_Hans", "zh"), ("ZH", "zh"), ("en-US", "en"), ("eng", "en"),
     ("fra", "fr"), ("es-419", "es"), ("rus", "ru"), ("ar-SA", "ar")],
)
def test_normalize_override(code, expected):
    assert normalize_lang(code) == expected


@pytest.mark.parametrize("code", ["de", "pt-BR", "ja", "xx", ""])
def test_override_outside_the_six_is_refused(code):
    with pytest.raises(UnsupportedLanguageError):
        normalize_lang(code)
