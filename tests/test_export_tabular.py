"""CSV and XLSX tables, read back with csv and openpyxl."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from align.alignment import DocInfo, MultiAlignment, Row, Unit
from align.errors import ExportError
from align.export.tabular import EXCEL_CELL_MAX, csv_bytes, write_csv, write_xlsx

HEADER = ["row", "number", "status", "confidence", "flags", "zh", "en", "ar"]


@pytest.fixture()
def al() -> MultiAlignment:
    zh = ["一. 导言", "会员国决定，\x0b“毒品”。", "只有中文。"]
    en = ["I. Introduction", "=HYPERLINK(\"http://x\") Member States decided.", ""]
    ar = ["أولا - مقدمة", "قررت الدول الأعضاء.", ""]
    return MultiAlignment(
        pivot="zh", unit="paragraph", langs=["zh", "en", "ar"],
        units={"zh": [Unit(t) for t in zh], "en": [Unit(t) for t in en[:2]],
               "ar": [Unit(t) for t in ar[:2]]},
        rows=[
            Row(cells={"zh": [0], "en": [0], "ar": [0]}, confidence={"en": 0.91, "ar": 0.88},
                number="I", status="confirmed"),
            Row(cells={"zh": [1], "en": [1], "ar": [1]}, confidence={"en": 0.4, "ar": 0.95},
                flags={"en": ["number_mismatch"]}, number="1", status="flagged"),
            Row(cells={"zh": [2], "en": [], "ar": []}, confidence={"en": 0.0, "ar": 0.0},
                flags={"en": ["unaligned"], "ar": ["unaligned"]}, number="2"),
        ],
        docs={"zh": DocInfo("zh", "d.zh.pdf", ["E/CN.7/2022/3"], "V.22-1 (C)", "标题"),
              "ar": DocInfo("ar", "d.ar.pdf", ["E/CN.7/2022/3"], "V.22-1 (A)", "=عنوان")},
        signature={"aligner": "a", "model": "usem3", "warnings": ["symbols differ"]},
    )


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")                  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_rows(al):
    rows = read_csv(csv_bytes(al))
    assert rows[0] == HEADER
    assert rows[1] == ["1", "I", "confirmed", "0.88", "", "一. 导言", "I. Introduction",
                       "أولا - مقدمة"]
    assert rows[2][:5] == ["2", "1", "flagged", "0.4", "en:number_mismatch"]
    assert rows[2][5] == "会员国决定，“毒品”。"                   # \x0b stripped
    assert rows[3][4] == "ar:unaligned en:unaligned"
    assert rows[3][6:] == ["", ""]
    assert len(rows) == 4


def test_csv_formula_is_defused(al):
    rows = read_csv(csv_bytes(al))
    assert rows[2][6] == "'=HYPERLINK(\"http://x\") Member States decided."


@pytest.mark.parametrize(("kwargs", "count", "columns"), [
    ({"only_confirmed": True}, 1, HEADER),
    ({"langs": ["zh", "ar"]}, 3, [*HEADER[:5], "zh", "ar"]),
    ({"langs": ["ar", "en"]}, 3, [*HEADER[:5], "ar", "en"]),
])
def test_csv_options(al, kwargs, count, columns):
    rows = read_csv(csv_bytes(al, **kwargs))
    assert rows[0] == columns and len(rows) == count + 1


def test_csv_unknown_language(al):
    with pytest.raises(ExportError, match="not in this alignment"):
        csv_bytes(al, langs=["zh", "fr"])


def test_write_csv(al, tmp_path):
    path = write_csv(al, tmp_path / "x.csv")
    assert path.read_bytes() == csv_bytes(al)


def test_xlsx(al, tmp_path):
    path = write_xlsx(al, tmp_path / "x.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["alignment", "about"]
    ws = wb["alignment"]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H4"
    assert ws["F2"].value == "一. 导言" and ws["F2"].alignment.wrap_text
    ar = ws["H3"]
    assert ar.value == "قررت الدول الأعضاء."
    assert ar.alignment.horizontal == "right" and ar.alignment.readingOrder == 2
    assert ws["G3"].alignment.horizontal != "right"
    # a text that starts like a formula stays text
    assert ws["G3"].value.startswith("=HYPERLINK") and ws["G3"].data_type == "s"
    assert ws["D3"].value == 0.4 and ws["A3"].value == 2
    assert ws["A3"].fill.start_color.rgb.endswith("FFF4CE")   # flagged row shaded
    assert ws["A2"].fill.fill_type is None
    about = {r[0].value: r[1].value for r in wb["about"].iter_rows() if r[0].value}
    assert about["signature"].startswith("un-align:") and "model:usem3" in about["signature"]
    assert about["warning"] == "symbols differ"
    assert about["symbol"] == "E/CN.7/2022/3"
    assert about["ar"] == "d.ar.pdf"
    titles = [r[4].value for r in wb["about"].iter_rows(min_row=7)]
    assert "=عنوان" in titles


def test_xlsx_truncates_a_giant_cell(al, tmp_path):
    al.units["en"][0].text = "x" * (EXCEL_CELL_MAX + 10)
    wb = load_workbook(write_xlsx(al, tmp_path / "big.xlsx"))
    assert len(wb["alignment"]["G2"].value) == EXCEL_CELL_MAX
