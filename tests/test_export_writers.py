"""One suite every writer passes: empty input, six scripts, hostile characters, read back."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree
from openpyxl import load_workbook
from translate.storage import tmx as tt_tmx

from align.alignment import MultiAlignment, Row, Unit
from align.export.jsonio import alignment_from_dict, json_bytes
from align.export.tabular import csv_bytes, xlsx_bytes
from align.export.tmx import tmx_bytes

SIX = {
    "zh": "会员国重申《联合国打击跨国有组织犯罪公约》。",
    "en": "Member States reaffirmed the Convention.",
    "fr": "Les États Membres ont réaffirmé la Convention « UNTOC ».",
    "es": "Los Estados Miembros reafirmaron la Convención (núm. 5).",
    "ru": "Государства-члены подтвердили Конвенцию.",
    "ar": "أكدت الدول الأعضاء من جديد الاتفاقية.",
}
HOSTILE = "\x00\x0b<&>\"'\ufffe\ud800]]>\u3000\u202e"


def alignment(texts: dict[str, list[str]]) -> MultiAlignment:
    langs = list(texts)
    n = len(texts[langs[0]])
    return MultiAlignment(
        pivot=langs[0], unit="paragraph", langs=langs,
        units={lang: [Unit(t) for t in ts] for lang, ts in texts.items()},
        rows=[Row(cells={lang: [i] for lang in langs}) for i in range(n)])


def read_tmx(data: bytes) -> list[dict[str, str]]:
    etree.fromstring(data)
    root = etree.fromstring(data)
    out = []
    for tu in root.iter("tu"):
        out.append({tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): tuv.findtext("seg")
                    for tuv in tu.findall("tuv")})
    tt_tmx.tmxfile.parsestring(data)
    return out


def read_json(data: bytes) -> list[dict[str, str]]:
    al = alignment_from_dict(json.loads(data))
    return [{lang: al.text(row, lang) for lang in al.langs} for row in al.rows]


def read_csv(data: bytes) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [{k: v for k, v in r.items() if len(k) == 2} for r in rows]


def read_xlsx(data: bytes) -> list[dict[str, str]]:
    ws = load_workbook(io.BytesIO(data))["alignment"]
    header = [c.value for c in ws[1]]
    return [{h: (c.value or "") for h, c in zip(header, row, strict=True) if len(h) == 2}
            for row in ws.iter_rows(min_row=2)]


WRITERS = {
    "tmx": (tmx_bytes, read_tmx),
    "json": (json_bytes, read_json),
    "csv": (csv_bytes, read_csv),
    "xlsx": (xlsx_bytes, read_xlsx),
}
TMX_CODES = {"zh": "zh-CN"}


def as_codes(rows: list[dict[str, str]], fmt: str) -> list[dict[str, str]]:
    """Key the TMX rows by our language names again."""
    if fmt != "tmx":
        return rows
    back = {v: k for k, v in TMX_CODES.items()}
    return [{back.get(k, k): v for k, v in r.items()} for r in rows]


@pytest.mark.parametrize("fmt", WRITERS)
def test_empty_alignment(fmt):
    write, read = WRITERS[fmt]
    al = alignment({"zh": [], "en": []})
    assert read(write(al)) == []


@pytest.mark.parametrize("fmt", WRITERS)
def test_six_scripts_survive(fmt):
    write, read = WRITERS[fmt]
    al = alignment({lang: [text] for lang, text in SIX.items()})
    assert as_codes(read(write(al)), fmt) == [SIX]


@pytest.mark.parametrize("fmt", WRITERS)
def test_hostile_characters(fmt):
    """Control characters, surrogates, markup and bidi marks never break a file."""
    write, read = WRITERS[fmt]
    al = alignment({"zh": [f"中文{HOSTILE}中文"], "en": [f"{HOSTILE} English"]})
    rows = as_codes(read(write(al)), fmt)
    assert len(rows) == 1
    if fmt == "json":       # the store keeps the text as given, bar what UTF-8 cannot hold
        assert rows[0]["en"] == f"{HOSTILE} English".replace("\ud800", "\ufffd")
        return
    for text in rows[0].values():
        assert "\x00" not in text and "\x0b" not in text and "\ufffe" not in text
        assert "\ud800" not in text
    assert rows[0]["en"].lstrip("'").startswith("<&>\"'")
    assert rows[0]["zh"].startswith("中文<&>")


@pytest.mark.parametrize("hostile", [
    "a-" * 500_000 + "!",
    "\u3000 " * 500_000 + "x",
    "x." + " " * 1_000_000 + "y",
    "/" * 1_000_000,
], ids=["dashes", "ideographic-spaces", "dot-spaces", "slashes"])
def test_patterns_stay_linear_on_long_input(hostile):
    """clean_text, safe_name and the language-code check on 1 MB of hostile text."""
    import time

    from align.errors import ExportError
    from align.export.common import clean_text, safe_name
    from align.export.tmx import lang_code_map

    start = time.perf_counter()
    clean_text(hostile)
    try:
        safe_name(hostile)
    except ExportError:
        pass
    with pytest.raises(ExportError):
        lang_code_map({"zh": hostile})
    assert time.perf_counter() - start < 2.0
