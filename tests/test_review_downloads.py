"""Downloads from the reviewed state: every file there, read back, confirmed-only filter."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from lxml import etree

from align.review import ops
from align.review.downloads import downloads, zip_all
from align.review.synthetic import make_alignment

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def reviewed():
    al = ops.prepare(make_alignment(2, langs=("zh", "en", "fr")))
    al = ops.apply(al, {"op": "merge", "row": 0})
    al = ops.apply(al, {"op": "edit", "row": 1, "lang": "en", "text": "The budget is $12.4m."})
    return ops.apply(al, {"op": "confirm", "row": 2})


def test_every_file_of_the_reviewed_state(reviewed):
    files = {f.filename: f for f in downloads(reviewed)}
    assert set(files) == {"E-CN.7-2026-5.tmx", "E-CN.7-2026-5.zh-en.tmx",
                          "E-CN.7-2026-5.zh-fr.tmx", "E-CN.7-2026-5.csv",
                          "E-CN.7-2026-5.xlsx", "E-CN.7-2026-5.json"}
    tree = etree.fromstring(files["E-CN.7-2026-5.zh-en.tmx"].data)
    segs = [{tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
            for tu in tree.iter("tu")]
    assert len(segs) == 7
    assert segs[0]["en"].startswith("The Commission considered") and "Secretariat" in segs[0]["en"]
    assert segs[1]["en"] == "The budget is $12.4m."
    data = json.loads(files["E-CN.7-2026-5.json"].data)
    assert len(data["rows"]) == 7
    rows = list(csv.reader(io.StringIO(files["E-CN.7-2026-5.csv"].data.decode("utf-8-sig"))))
    assert len(rows) == 8  # header + 7 rows


def test_only_reviewed_rows(reviewed):
    files = {f.filename: f for f in downloads(reviewed, only_reviewed=True)}
    tree = etree.fromstring(files["E-CN.7-2026-5.zh-fr.tmx"].data)
    assert len(list(tree.iter("tu"))) == 3  # edited, edited, confirmed; 4 automatic left out
    fresh = {f.filename: f for f in downloads(ops.prepare(make_alignment()), only_reviewed=True)}
    assert len(list(etree.fromstring(fresh["E-CN.7-2026-5.tmx"].data).iter("tu"))) == 0


def test_sentence_level_name_and_zip(reviewed):
    reviewed.unit = "sentence"
    files = downloads(reviewed)
    assert files[0].filename == "E-CN.7-2026-5.sent.tmx"
    bundle = zip_all(files, "E-CN.7-2026-5.sent")
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as zf:
        assert sorted(zf.namelist()) == sorted(f.filename for f in files)
