"""A pair export keeps the pair's own beads inside rows that other languages merged."""

from __future__ import annotations

from lxml import etree

from align.alignment import Bead, MultiAlignment, Row, Unit
from align.export.common import pair_rows
from align.export.jsonio import alignment_from_dict, alignment_to_dict
from align.export.tmx import tmx_bytes
from align.review import ops


def _alignment() -> MultiAlignment:
    """zh has three sentences; French merges the first two, English keeps all 1-1."""
    units = {
        "zh": [Unit("第一句。", "1"), Unit("第二句。", "1"), Unit("第三句。", "2")],
        "en": [Unit("One.", "1"), Unit("Two.", "1"), Unit("Three.", "2")],
        "fr": [Unit("Un et deux.", "1"), Unit("Trois.", "2")],
    }
    rows = [
        Row(cells={"zh": [0, 1], "en": [0, 1], "fr": [0]}, number="1"),
        Row(cells={"zh": [2], "en": [2], "fr": [1]}, confidence={"en": 0.95, "fr": 1.0},
            number="2"),
    ]
    pairs = {
        "en": [Bead([0], [0], confidence=0.9), Bead([1], [1], confidence=0.8),
               Bead([2], [2], confidence=0.95)],
        "fr": [Bead([0, 1], [0], confidence=0.7, flags=["not_1to1"]), Bead([2], [1])],
    }
    return MultiAlignment(pivot="zh", unit="sentence", langs=["zh", "en", "fr"], units=units,
                          rows=rows, pairs=pairs)


def _tus(data: bytes) -> list[dict[str, str]]:
    root = etree.fromstring(data)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return [{tuv.get(lang): tuv.findtext("seg") for tuv in tu.iter("tuv")}
            for tu in root.iter("tu")]


def test_pair_tmx_splits_rows_back_into_the_pairs_beads():
    al = _alignment()
    assert _tus(tmx_bytes(al, langs=["zh", "en"])) == [
        {"zh-CN": "第一句。", "en": "One."}, {"zh-CN": "第二句。", "en": "Two."},
        {"zh-CN": "第三句。", "en": "Three."}]
    assert len(_tus(tmx_bytes(al, langs=["zh", "fr"]))) == 2
    # the multilingual TMX keeps the shared rows
    assert len(_tus(tmx_bytes(al))) == 2


def test_pair_rows_carry_each_beads_confidence_and_flags():
    rows = pair_rows(_alignment(), "en")
    assert [(r.cells["zh"], r.cells["en"]) for r in rows] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert [r.confidence["en"] for r in rows] == [0.9, 0.8, 0.95]


def test_an_edited_row_stays_whole():
    al = _alignment()
    al.rows[0].status = "edited"
    assert len(pair_rows(al, "en")) == 2


def test_beads_that_do_not_fit_the_row_leave_it_whole():
    al = _alignment()
    al.rows[0].cells["en"] = [0]  # the row no longer holds what the beads say
    assert pair_rows(al, "en")[0].cells["en"] == [0]


def test_pairs_survive_json_and_compaction():
    al = _alignment()
    back = alignment_from_dict(alignment_to_dict(al))
    assert [(b.src, b.tgt) for b in back.pairs["en"]] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert back.pairs["fr"][0].flags == ["not_1to1"]
    al.rows.reverse()  # compaction renumbers units in row order: beads follow them
    compacted = ops.compact(al)
    texts = [(compacted.units["zh"][b.src[0]].text, compacted.units["en"][b.tgt[0]].text)
             for b in compacted.pairs["en"]]
    assert sorted(texts) == sorted([("第一句。", "One."), ("第二句。", "Two."), ("第三句。", "Three.")])
