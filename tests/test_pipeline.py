"""The pipeline: input checks, output names and files (readers and aligners stubbed here;
tests/test_documents_cli.py runs the real ones end to end)."""

from __future__ import annotations

import csv
import json
import sys
import types

import pytest
from lxml import etree
from openpyxl import load_workbook
from translate.storage import tmx as tt_tmx

from align.alignment import DocInfo, MultiAlignment, Row, Unit
from align.document import DocMeta, Document, Segment
from align.errors import AlignmentInputError, ExportError, ModelError, ReadError
from align.export.jsonio import read_json
from align.pipeline import align_files, check_documents, output_name, write_outputs

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def doc(lang: str, name: str = "", symbols: tuple[str, ...] = ("E/CN.7/2022/3",),
        warnings: tuple[str, ...] = ()) -> Document:
    return Document(lang=lang, meta=DocMeta(symbols=list(symbols), job_number=f"V.1 ({lang})"),
                    segments=[Segment("paragraph", "1", f"text {lang}")],
                    name=name or f"d.{lang}.txt", fmt="txt", warnings=list(warnings))


def three(symbols: list[str] | None = None, names: tuple[str, ...] = ("a.zh.pdf", "a.en.pdf",
                                                                         "a.fr.pdf")):
    langs = ["zh", "en", "fr"]
    texts = {"zh": ["一. 导言", "会员国。", "只有中文。"], "en": ["I. Introduction", "Member States.", ""],
             "fr": ["I. Introduction", "États Membres.", "Seulement."]}
    units = {lang: [Unit(t, number=str(i)) for i, t in enumerate(ts) if t]
             for lang, ts in texts.items()}
    rows = [Row(cells={"zh": [0], "en": [0], "fr": [0]}, confidence={"en": 0.9, "fr": 0.9},
                number="I"),
            Row(cells={"zh": [1], "en": [1], "fr": [1]}, confidence={"en": 0.9, "fr": 0.8},
                number="1"),
            Row(cells={"zh": [2], "en": [], "fr": [2]}, confidence={"en": 0.0, "fr": 0.7},
                flags={"en": ["unaligned"]}, number="2")]
    docs = {lang: DocInfo(lang, name, list(symbols if symbols is not None else
                                           ["E/CN.7/2022/3/Add.1", "E/CN.15/2022/3/Add.1"]),
                          f"V.22-2228{i} ({lang})")
            for i, (lang, name) in enumerate(zip(langs, names, strict=True))}
    return MultiAlignment(pivot="zh", unit="paragraph", langs=langs, units=units, rows=rows,
                          docs=docs, signature={"aligner": "t", "model": "m"})


@pytest.mark.parametrize(("symbols", "names", "expected"), [
    (["E/CN.7/2022/3/Add.1", "E/CN.15/2022/3/Add.1"], None, "E-CN.7-2022-3-Add.1"),
    (["A/81/6 (Sect. 16)"], None, "A-81-6-Sect.16"),
    (["A/RES/70/1"], None, "A-RES-70-1"),
    (["E/CN.7/2026/5–E/CN.15/2026/5"], None, "E-CN.7-2026-5-E-CN.15-2026-5"),
    ([], ("report.zh.docx", "report.en.docx", "x.fr.pdf"), "report.zh"),
    ([], ("", "", ""), "alignment"),
    ([], ("../../etc/passwd", "", ""), "passwd"),
])
def test_output_name(symbols, names, expected):
    al = three(symbols, names) if names else three(symbols)
    assert output_name(al) == expected


def test_write_outputs_all_formats(tmp_path):
    al = three()
    paths = write_outputs(al, tmp_path / "out", lang_codes={"zh": "zh-Hans"})
    stem = "E-CN.7-2022-3-Add.1"
    assert [p.name for p in paths] == [f"{stem}.zh-en.tmx", f"{stem}.zh-fr.tmx", f"{stem}.tmx",
                                       f"{stem}.json", f"{stem}.csv", f"{stem}.xlsx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)
    for path in paths[:3]:
        data = path.read_bytes()
        etree.fromstring(data)                                # well-formed
        store = tt_tmx.tmxfile.parsestring(data)
        assert store.sourcelanguage == "zh-Hans"
    zh_en = tt_tmx.tmxfile.parsestring(paths[0].read_bytes())
    assert [(u.source, u.target) for u in zh_en.units] == [("一. 导言", "I. Introduction"),
                                                           ("会员国。", "Member States.")]
    multi = etree.fromstring(paths[2].read_bytes())
    assert [len(tu.findall("tuv")) for tu in multi.iter("tu")] == [3, 3, 2]
    # one creation date for the whole set
    dates = {etree.fromstring(p.read_bytes()).find("header").get("creationdate")
             for p in paths[:3]}
    assert len(dates) == 1
    assert read_json(paths[3]).units == al.units
    rows = list(csv.reader(paths[4].read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][-3:] == ["zh", "en", "fr"] and len(rows) == 4
    assert load_workbook(paths[5])["alignment"].max_row == 4


@pytest.mark.parametrize(("formats", "suffixes"), [
    (("json",), [".json"]),
    (("csv", "tmx"), [".zh-en.tmx", ".zh-fr.tmx", ".tmx", ".csv"]),
])
def test_write_outputs_formats(tmp_path, formats, suffixes):
    paths = write_outputs(three(), tmp_path, "my/name", formats=formats)
    assert [p.name for p in paths] == [f"my-name{s}" for s in suffixes]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"formats": ("tmx", "pdf")}, "unknown format pdf"),
    ({"lang_codes": {"zh": "zh CN"}}, "not a language code"),
    ({"name": "///"}, "cannot make a file name"),
])
def test_write_outputs_refuses_before_writing(tmp_path, kwargs, message):
    out = tmp_path / "out"
    with pytest.raises(ExportError, match=message):
        write_outputs(three(), out, **kwargs)
    assert not out.exists() or not any(out.iterdir())


def test_write_outputs_into_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        write_outputs(three(), target)


@pytest.mark.parametrize(("docs", "pivot", "message"), [
    ([doc("zh")], "zh", "at least two"),
    ([doc("zh", "a.pdf"), doc("fr", "b.pdf"), doc("fr", "c.pdf")], "zh",
     "2 files are in French: b.pdf, c.pdf"),
    ([doc("en", "a.pdf"), doc("fr", "b.pdf")], "zh", "no Chinese file among a.pdf, b.pdf"),
])
def test_check_documents(docs, pivot, message):
    with pytest.raises(AlignmentInputError, match=message):
        check_documents(docs, pivot=pivot)


def test_check_documents_accepts_another_pivot():
    check_documents([doc("en"), doc("fr")], pivot="en")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"unit": "word"}, "unknown unit"),
    ({"pivot": "de"}, "unknown pivot"),
])
def test_align_files_bad_options(tmp_path, kwargs, message):
    with pytest.raises(AlignmentInputError, match=message):
        align_files([tmp_path / "a", tmp_path / "b"], **kwargs)


def test_align_files_needs_two_files(tmp_path):
    with pytest.raises(AlignmentInputError, match="at least two"):
        align_files([tmp_path / "a"])


@pytest.fixture()
def stubbed(monkeypatch):
    """Stub reader and aligner: records what the pipeline passes them."""
    calls: dict = {"read": [], "align": []}

    def fake_read(source, *, name=None, lang=None, **_):
        calls["read"].append((name, lang, type(source).__name__))
        detected = lang or name.split(".")[-2]
        return doc(detected, name, warnings=("page 3 has no text",) if detected == "fr" else ())

    def fake_align(docs, *, unit, embedder, pivot, progress):
        calls["align"].append(([d.lang for d in docs], unit, embedder, pivot))
        progress("aligning", 0.5)
        al = three()
        al.signature["warnings"] = ["the documents have different symbols"]
        return al

    stub_modules(monkeypatch, fake_read, fake_align)
    return calls


def stub_modules(monkeypatch, read_document, align_documents) -> None:
    """Stand-ins for ``align.io`` and ``align.aligners`` (whatever state those are in)."""
    monkeypatch.setitem(sys.modules, "align.io",
                        types.SimpleNamespace(read_document=read_document))
    monkeypatch.setitem(sys.modules, "align.aligners",
                        types.SimpleNamespace(align_documents=align_documents))


def test_align_files_wiring(stubbed, tmp_path):
    for name in ("x.en.txt", "x.zh.txt", "x.fr.txt"):
        (tmp_path / name).write_text("t")
    seen = []
    al = align_files([tmp_path / "x.en.txt", str(tmp_path / "x.zh.txt"), ("x.fr.txt", b"t")],
                     unit="sentence", embedder="EMB",
                     langs={"x.fr.txt": "fr"}, progress=lambda s, f: seen.append((s, f)))
    assert stubbed["read"] == [("x.en.txt", None, "PosixPath"), ("x.zh.txt", None, "PosixPath"),
                               ("x.fr.txt", "fr", "bytes")]
    assert stubbed["align"] == [(["zh", "en", "fr"], "sentence", "EMB", "zh")]   # pivot first
    assert al.signature["warnings"] == ["the documents have different symbols",
                                        "x.fr.txt: page 3 has no text"]
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert ("aligning", pytest.approx(0.55)) in seen


@pytest.mark.parametrize(("files", "langs", "error", "message"), [
    (["missing.zh.txt", "x.en.txt"], None, ReadError, "missing.zh.txt does not exist"),
    (["folder", "x.en.txt"], None, ReadError, "is a folder"),
    (["x.zh.txt", "x.en.txt"], {"x.en.txt": "de"}, AlignmentInputError, "not a UN language"),
    (["x.zh.txt", "x.en.txt"], {"y.txt": "en"}, AlignmentInputError, "not among the files"),
    (["x.zh.txt", "x.en.txt"], {"x.en.txt": "zh"}, AlignmentInputError,
     "2 files are in Chinese"),
])
def test_align_files_input_errors(stubbed, tmp_path, files, langs, error, message):
    (tmp_path / "folder").mkdir()
    for name in ("x.zh.txt", "x.en.txt"):
        (tmp_path / name).write_text("t")
    with pytest.raises(error, match=message):
        align_files([tmp_path / f for f in files], langs=langs, embedder="EMB")
    assert stubbed["align"] == []                         # refused before aligning


@pytest.mark.parametrize("key", ["x.fr.txt", "{tmp}/x.fr.txt", "{tmp}/../{tmpname}/x.fr.txt"])
def test_lang_keys(stubbed, tmp_path, key):
    for name in ("x.zh.txt", "x.fr.txt"):
        (tmp_path / name).write_text("t")
    key = key.format(tmp=tmp_path, tmpname=tmp_path.name)
    align_files([tmp_path / "x.zh.txt", tmp_path / "x.fr.txt"], langs={key: "en"},
                embedder="EMB")
    assert stubbed["read"][1][:2] == ("x.fr.txt", "en")


def test_a_bad_model_fails_before_reading(stubbed, tmp_path):
    with pytest.raises(ModelError):
        align_files([tmp_path / "a.zh.txt", tmp_path / "b.en.txt"], model=str(tmp_path / "no"))
    assert stubbed["read"] == []


def test_json_of_outputs_carries_the_signature(tmp_path):
    al = three()
    path = write_outputs(al, tmp_path, formats=("json",))[0]
    assert json.loads(path.read_text("utf-8"))["signature"] == {"aligner": "t", "model": "m"}
