"""Golden test: the Chinese seed document (../shared/seed), read from its PDF-extracted text."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from align.io import read_document

GOLDEN = Path(__file__).parent / "golden" / "seed_zh_outline.json"
RESIDUE = ("V.22-22288", "2/4", "4/4", "E/CN.7/2022/3/Add.1", "E/CN.15/2022/3/Add.1", "undocs.org")


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


@pytest.fixture(scope="module")
def seed(shared_dir):
    path = shared_dir / "seed" / "000_e90bbdd4b5905527.txt"
    if not path.is_file():
        pytest.skip("the seed document is not in ../shared")
    return read_document(path)


def test_masthead(seed):
    assert seed.lang == "zh"
    assert seed.meta.symbols == ["E/CN.7/2022/3/Add.1", "E/CN.15/2022/3/Add.1"]
    assert seed.meta.job_number == "V.22-22288"
    assert seed.meta.bodies == ["麻醉药品委员会", "预防犯罪和刑事司法委员会"]
    assert seed.meta.agenda_item == "4 (a)"
    assert seed.meta.title == "改进联合国毒品和犯罪问题办公室治理和财务状况不限成员名额常设政府间工作组的工作"


def test_paragraphs_one_to_thirteen_in_order(seed):
    assert seed.paragraph_numbers() == [str(n) for n in range(1, 14)]


def test_chapter_headings_and_intro(seed):
    headings = [(s.number, s.text) for s in seed.segments if s.kind == "heading"]
    assert headings == [("I", "审议情况"), ("II", "组织和行政事项")]
    body = [s for s in seed.segments if s.kind == "body"]
    assert len(body) == 1 and body[0].text.startswith("本说明系依据")
    assert body[0].text.endswith("E/CN.7/2022/3-E/CN.15/2022/3 号文件。")
    kinds = [s.kind for s in seed.segments]
    assert kinds.index("body") < kinds.index("heading") < kinds.index("paragraph")


def test_no_header_residue_in_text(seed):
    for seg in seed.body:
        for residue in RESIDUE:
            assert residue not in seg.text, (seg.number, residue)


def test_paragraph_six_is_whole_across_the_page_break(seed):
    six = next(s for s in seed.segments if s.kind == "paragraph" and s.number == "6")
    assert "涉及的内容包括秘书长题为“我们的共同议程”的报告" in six.text
    assert six.text.endswith("（2022-2026 年）。")
    assert "\n" not in six.text and "  " not in six.text


def test_matches_golden_outline(seed):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    got = [s for s in seed.segments if s.kind != "front"]
    assert [(s.kind, s.number, s.level) for s in got] == [
        (g["kind"], g["number"], g["level"]) for g in golden["segments"]
    ]
    for seg, want in zip(got, golden["segments"]):
        assert seg.text.startswith(want["head"]) and seg.text.endswith(want["tail"]), seg.number
        assert len(seg.text) == want["chars"], seg.number
        assert _hash(seg.text) == want["sha256_16"], seg.number


def test_sentences_of_seed_paragraphs_end_on_chinese_marks(seed):
    from align.un.sentences import split_sentences

    for seg in seed.body:
        for sentence in split_sentences(seg.text, "zh")[:-1]:
            assert sentence[-1] in "。！？；", sentence
