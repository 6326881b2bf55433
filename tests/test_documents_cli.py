"""``align documents``: options, error lines, and end to end on the project's corpora.

The end-to-end tests read real files with the real readers and align them with the real
default model (the session ``embedder``); they skip while the corpora or the readers and
aligners are not there yet.
"""

from __future__ import annotations

import csv
import importlib
import json
import subprocess
import sys
import types
import unicodedata
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from translate.storage import tmx as tt_tmx

from align.cli import main
from align.cli.documents_cmd import parse_pairs
from align.document import DocMeta, Document, Segment
from align.errors import AlignmentInputError
from align.export.jsonio import read_json

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OTHER_LANGS = ("en", "fr", "es", "ru", "ar")


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- options and errors (no reader or aligner needed) ----------------------------------
@pytest.mark.parametrize(("items", "key_is_lang", "expected"), [
    (["a.pdf=fr"], False, {"a.pdf": "fr"}),
    (["we=ird.txt=ru", "b.docx = ar"], False, {"we=ird.txt": "ru", "b.docx": "ar"}),
    (["zh=zh-Hans", "en=en-GB"], True, {"zh": "zh-Hans", "en": "en-GB"}),
])
def test_parse_pairs(items, key_is_lang, expected):
    assert parse_pairs(items, "x", key_is_lang=key_is_lang) == expected


@pytest.mark.parametrize(("items", "key_is_lang", "message"), [
    (["a.pdf"], False, "FILE=LANG"),
    (["=fr"], False, "FILE=LANG"),
    (["a.pdf=de"], False, "not a UN language"),
    (["zh"], True, "LANG=CODE"),
    (["jp=ja"], True, "not a UN language"),
])
def test_parse_pairs_errors(items, key_is_lang, message):
    with pytest.raises(AlignmentInputError, match=message):
        parse_pairs(items, "x", key_is_lang=key_is_lang)


def test_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["documents", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--unit", "--model", "--pivot", "--lang", "--lang-code", "--name", "-o"):
        assert option in out


@pytest.mark.parametrize(("extra", "message"), [
    (["--lang", "a.txt"], "align: error: --lang 'a.txt': write it as FILE=LANG"),
    (["--lang-code", "zh=zh CN"], "align: error: 'zh CN' is not a language code for zh"),
    (["--formats", "tmx,doc"], "align: error: --formats 'tmx,doc': choose among"),
])
def test_option_errors_are_one_line(capsys, tmp_path, extra, message):
    code, out, err = run_cli(capsys, "documents", "a.txt", "b.txt", "-o", tmp_path, *extra)
    assert code == 1 and out == ""
    assert err.strip() == err.strip().splitlines()[0]            # one line
    assert err.startswith(message)


def test_progress_bar_on_a_terminal(monkeypatch, capsys):
    from align.cli.documents_cmd import ProgressBar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("align.cli.documents_cmd.BAR_DELAY_TTY_S", 0)
    monkeypatch.setattr("align.cli.documents_cmd.BAR_INTERVAL_TTY_S", 0)
    bar = ProgressBar()
    for i in range(5):
        bar(f"aligning zh-en {i}", i / 4)
    bar.close()
    err = capsys.readouterr().err
    assert "aligning zh-en" in err and "100%" in err


# --- the command with stubbed reader and aligner ---------------------------------------
def _doc(lang: str, name: str) -> Document:
    return Document(lang=lang, meta=DocMeta(symbols=["E/CN.7/2022/3"]), name=name,
                    segments=[Segment("paragraph", "1", f"text {lang}")])


def test_command_writes_and_reports(capsys, tmp_path, monkeypatch):
    from align.alignment import DocInfo, MultiAlignment, Row, Unit

    def fake_align(docs, *, unit, embedder, pivot, progress):
        units = {d.lang: [Unit(d.segments[0].text, number="1")] for d in docs}
        langs = [d.lang for d in docs]
        return MultiAlignment(
            pivot=pivot, unit=unit, langs=langs, units=units,
            rows=[Row(cells={lang: [0] for lang in langs},
                      confidence={lang: 0.5 for lang in langs[1:]},
                      flags={langs[1]: ["number_mismatch"]}, number="1")],
            docs={d.lang: DocInfo(d.lang, d.name, d.meta.symbols) for d in docs},
            signature={"aligner": "fake", "model": embedder.model_id,
                       "warnings": ["symbols differ"]})

    def fake_read(src, *, name, lang=None, **_):
        return _doc(lang or name[:2], name)

    monkeypatch.setitem(sys.modules, "align.io", types.SimpleNamespace(read_document=fake_read))
    monkeypatch.setitem(sys.modules, "align.aligners",
                        types.SimpleNamespace(align_documents=fake_align))
    monkeypatch.setitem(sys.modules, "align.embed", types.SimpleNamespace(
        get_embedder=lambda model=None, **_: types.SimpleNamespace(model_id="usem3")))
    for name in ("zh.txt", "en.txt", "ar.txt"):
        (tmp_path / name).write_text("x")
    code, out, err = run_cli(capsys, "documents", tmp_path / "zh.txt", tmp_path / "en.txt",
                             tmp_path / "ar.txt", "-o", tmp_path / "out", "--unit", "sentence",
                             "--lang-code", "zh=zh-Hans", "--formats", "tmx,json")
    assert code == 0
    assert [Path(p).name for p in out.split()] == [
        "E-CN.7-2022-3.zh-en.tmx", "E-CN.7-2022-3.zh-ar.tmx", "E-CN.7-2022-3.tmx",
        "E-CN.7-2022-3.json"]
    lines = err.splitlines()
    assert lines[0] == ("align: document E/CN.7/2022/3: 3 languages, sentence units "
                        "(zh 1, en 1, ar 1)")
    assert lines[1] == "align: 1 rows, 1 flagged (100.0%; by language: en 1, ar 0)"
    assert lines[2].startswith("align: ") and lines[2].endswith(" s")
    assert lines[3].startswith("align: signature un-align:") and "model:usem3" in lines[3]
    assert lines[4] == "align: warning: symbols differ"
    header = etree.parse(str(tmp_path / "out" / "E-CN.7-2022-3.tmx")).find("header")
    assert header.get("segtype") == "sentence" and header.get("srclang") == "zh-Hans"


def test_an_unexpected_error_is_one_line(capsys, tmp_path, monkeypatch):
    def broken_align(docs, **_):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(sys.modules, "align.io", types.SimpleNamespace(
        read_document=lambda src, *, name, lang=None, **_: _doc(name[:2], name)))
    monkeypatch.setitem(sys.modules, "align.aligners",
                        types.SimpleNamespace(align_documents=broken_align))
    for name in ("zh.txt", "en.txt"):
        (tmp_path / name).write_text("x")
    code, out, err = run_cli(capsys, "documents", tmp_path / "zh.txt", tmp_path / "en.txt",
                             "-o", tmp_path / "out")
    assert code == 1 and out == ""
    assert err.startswith("align: error: unexpected ZeroDivisionError: division by zero")
    assert len(err.strip().splitlines()) == 1


# --- end to end on the corpora ---------------------------------------------------------
def _real_parts_or_skip() -> None:
    for module, name in (("align.io", "read_document"), ("align.aligners", "align_documents")):
        try:
            found = hasattr(importlib.import_module(module), name)
        except ImportError as exc:
            pytest.skip(f"{module} cannot be imported yet ({exc})")
        if not found:
            pytest.skip(f"{module}.{name} is not there yet")


@pytest.fixture()
def real(monkeypatch, embedder):
    """The real readers and aligners, with the session's embedder (loaded once)."""
    _real_parts_or_skip()
    monkeypatch.setattr("align.embed.get_embedder", lambda model=None, **_: embedder)
    return embedder


def corpus_files(corpora_dir: Path, docid: str) -> dict[str, dict[str, Path]]:
    """lang -> {ext: path} of one rendered corpus document."""
    folder = corpora_dir / docid
    files: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.glob(f"{docid}.*.*")):
        lang, ext = path.suffixes[-2].lstrip("."), path.suffix.lstrip(".")
        files.setdefault(lang, {})[ext] = path
    return files


def corpus_or_skip(corpora_dir: Path, docid: str, shared: Path | None = None):
    files = corpus_files(corpora_dir, docid)
    if docid == "seed" and shared is not None:
        files["zh"] = {"txt": shared / "seed" / "000_e90bbdd4b5905527.txt"}
    if "zh" not in files or len(files) < 2:
        pytest.skip(f"corpora/{docid} is not rendered yet")
    return files


def tmx14_dtd() -> etree.DTD | None:
    """The TMX 1.4 DTD from Debian's OmegaT jar, when installed."""
    import io
    import zipfile

    jar = Path("/usr/share/omegat/OmegaT.jar")
    if not jar.exists():
        return None
    with zipfile.ZipFile(jar) as z:
        return etree.DTD(io.BytesIO(z.read("schemas/tmx14.dtd")))


def read_back(out_dir: Path, stem: str, langs: list[str]) -> dict:
    """Read every output back; checks well-formedness (and validity against the TMX 1.4
    DTD when OmegaT is installed) and returns what a test needs."""
    result: dict = {"pairs": {}}
    dtd = tmx14_dtd()
    for name in [f"{stem}.zh-{lang}.tmx" for lang in langs[1:]] + [f"{stem}.tmx"]:
        if dtd is not None:
            assert dtd.validate(etree.parse(str(out_dir / name))), name
    for lang in langs[1:]:
        data = (out_dir / f"{stem}.zh-{lang}.tmx").read_bytes()
        root = etree.fromstring(data)
        assert root.find("header").get("srclang") == "zh-CN"
        assert root.find("header").get("segtype") == "paragraph"
        store = tt_tmx.tmxfile.parsestring(data)
        assert all(u.source.strip() == u.source and u.target for u in store.units)
        result["pairs"][lang] = (root, store)
    multi = etree.fromstring((out_dir / f"{stem}.tmx").read_bytes())
    assert all(len(tu.findall("tuv")) >= 2 for tu in multi.iter("tu"))
    result["multi"] = multi
    result["json"] = read_json(out_dir / f"{stem}.json")
    with open(out_dir / f"{stem}.csv", encoding="utf-8-sig", newline="") as fh:
        result["csv"] = list(csv.reader(fh))
    result["xlsx"] = load_workbook(out_dir / f"{stem}.xlsx")
    return result


@pytest.mark.slow
@pytest.mark.parametrize(("docid", "only"), [
    ("unodc-strategy-2026", OTHER_LANGS),
    ("seed", OTHER_LANGS),
    ("unodc-budget-2028", ("ru", "ar")),          # 16.1 numbering, a contents table
])
def test_end_to_end_mixed_formats(capsys, tmp_path, corpora_dir, request, real, docid, only):
    shared = request.getfixturevalue("shared_dir") if docid == "seed" else None
    files = corpus_or_skip(corpora_dir, docid, shared)
    langs = ["zh", *[lang for lang in only if lang in files]]
    # each language in another format where there is one: the readers all get exercised
    order = ("pdf", "docx", "txt")
    chosen = [files["zh"].get("txt") or next(iter(files["zh"].values()))]
    for i, lang in enumerate(langs[1:]):
        fmt = next((f for f in order[i % 3:] + order[:i % 3] if f in files[lang]), None)
        chosen.append(files[lang][fmt])
    code, out, err = run_cli(capsys, "documents", *chosen, "-o", tmp_path, "--name", docid)
    assert code == 0, err
    assert len(out.split()) == len(langs) - 1 + 4
    got = read_back(tmp_path, docid, langs)
    al = got["json"]
    assert al.langs == langs and al.unit == "paragraph"
    n_zh = len(al.units["zh"])
    for lang, (root, store) in got["pairs"].items():
        # a TU per row that has both sides, and most zh paragraphs have a counterpart
        both = [r for r in al.rows if r.cells.get("zh") and r.cells.get(lang)]
        assert len(store.units) == len(both)
        assert len(both) >= 0.9 * n_zh, (lang, len(both), n_zh)
        numbered = [tu for tu in root.iter("tu")
                    if any(p.get("type") == "x-paragraph" for p in tu.findall("prop"))]
        assert numbered, "paragraph numbers are written as x-paragraph props"
        jobs = [p.text for p in root.iter("prop") if p.get("type") == "x-job-number"]
        assert len(set(jobs)) <= 2
    assert len(got["csv"]) == len(al.rows) + 1
    assert got["xlsx"]["alignment"].max_row == len(al.rows) + 1
    assert "rows" in err and "signature un-align:" in err


def sdg_documents(shared: Path, out: Path, goal: str, *, drop: dict[str, str]) -> dict:
    """One text document per language from the official SDG targets of one goal (built in
    tmp, never in the repository): the goal title, then the targets numbered ``1.`` ...
    (Arabic ``1 -``); ``drop`` leaves target ``drop[lang]`` out of that language."""
    folder = shared / "un-real" / "sdg"
    targets: dict[str, list[tuple[str, str]]] = {}
    files = {}
    for lang in ("zh", *OTHER_LANGS):
        goals = dict(line.rstrip("\n").split("\t", 1) for line in
                     (folder / f"global_goals.{lang}.tsv").read_text("utf-8").splitlines())
        rows = [line.split("\t", 1) for line in
                (folder / f"global_targets.{lang}.tsv").read_text("utf-8").splitlines()]
        targets[lang] = [(k, v) for k, v in rows if k.startswith(f"{goal}-")]
        lines = [goals[f"{goal}-title"], ""]
        for number, (key, text) in enumerate(targets[lang], start=1):
            if drop.get(lang) != key:
                lines += [f"{number} - {text}" if lang == "ar" else f"{number}. {text}", ""]
        files[lang] = out / f"goal{goal}.{lang}.txt"
        files[lang].write_text("\n".join(lines), encoding="utf-8")
    return {"files": files, "targets": targets}


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def official_group(pair: tuple[str, str], official: list[tuple[str, str]]) -> bool:
    """True when a TU is one official pair or a run of consecutive ones joined (a 2-2
    unit is still a correct translation pair, only coarser)."""
    for i in range(len(official)):
        for k in range(1, 4):
            run = official[i:i + k]
            if (norm("".join(z for z, _ in run)), norm(" ".join(t for _, t in run))) == pair:
                return True
    return False


@pytest.mark.slow
def test_end_to_end_real_six_language_text(capsys, tmp_path, shared_dir, real):
    """Real UN text in six languages (SDG targets of goal 16), one target missing in
    English. Every TU of every pair TMX is an official pair (or a run of them), or is
    flagged for the reviewer; the complete pairs hold all their targets in order; the
    multilingual TMX has one TU per row with one TUV per language present."""
    missing = "16-5-title"
    sdg = sdg_documents(shared_dir, tmp_path, "16", drop={"en": missing})
    code, out, err = run_cli(capsys, "documents", *sdg["files"].values(), "-o", tmp_path / "o",
                             "--name", "g16")
    assert code == 0, err
    zh = [norm(t) for _, t in sdg["targets"]["zh"]]
    for lang in OTHER_LANGS:
        data = (tmp_path / "o" / f"g16.zh-{lang}.tmx").read_bytes()
        root = etree.fromstring(data)
        pairs = [(norm(u.source), norm(u.target)) for u in tt_tmx.tmxfile.parsestring(data).units]
        flagged = ["x-flags" in {p.get("type") for p in tu.findall("prop")}
                   for tu in root.iter("tu")]
        official = [(z, norm(t)) for z, (key, t) in zip(zh, sdg["targets"][lang], strict=True)
                    if lang != "en" or key != missing]
        good = [official_group(pair, official) for pair in pairs]
        assert all(g or f for g, f in zip(good, flagged, strict=True)), lang
        if lang != "en":
            assert all(good), lang
            assert "".join(z for z, _ in pairs) == "".join(z for z, _ in official), lang
        assert sum(good) >= len(official) - 2, (lang, sum(good), len(official))
    al = read_json(tmp_path / "o" / "g16.json")
    multi = etree.fromstring((tmp_path / "o" / "g16.tmx").read_bytes())
    assert [len(tu.findall("tuv")) for tu in multi.iter("tu")] == [
        sum(1 for lang in al.langs if r.cells.get(lang)) for r in al.rows]


@pytest.mark.slow
def test_end_to_end_sentences(capsys, tmp_path, corpora_dir, real):
    files = corpus_or_skip(corpora_dir, "unodc-strategy-2026")
    code, out, err = run_cli(capsys, "documents", files["zh"]["txt"], files["en"]["docx"],
                             "-o", tmp_path, "--unit", "sentence", "--name", "s",
                             "--formats", "tmx,json", "--lang-code", "zh=zh-Hans")
    assert code == 0, err
    al = read_json(tmp_path / "s.json")
    assert al.unit == "sentence"
    data = (tmp_path / "s.zh-en.tmx").read_bytes()
    root = etree.fromstring(data)
    header = root.find("header")
    assert header.get("segtype") == "sentence" and header.get("srclang") == "zh-Hans"
    store = tt_tmx.tmxfile.parsestring(data)
    zh_sentences = len(al.units["zh"])
    assert len(store.units) >= 0.9 * len([r for r in al.rows if r.cells.get("zh")])
    assert len(al.units["en"]) >= 0.8 * zh_sentences
    # sentence TUs carry the number of the paragraph they come from
    numbers = [p.text for p in root.iter("prop") if p.get("type") == "x-paragraph"]
    assert "1" in numbers and len(numbers) > len(set(numbers))


@pytest.mark.slow
def test_mismatched_documents_warn_and_flag(capsys, tmp_path, corpora_dir, shared_dir, real):
    seed = corpus_or_skip(corpora_dir, "seed", shared_dir)
    other = corpus_or_skip(corpora_dir, "unodc-strategy-2026")
    code, out, err = run_cli(capsys, "documents", seed["zh"]["txt"], other["en"]["txt"],
                             "-o", tmp_path, "--name", "mix")
    assert code == 0, err
    assert "warning:" in err
    al = read_json(tmp_path / "mix.json")
    assert al.signature.get("warnings")
    flagged = sum(1 for r in al.rows if r.flags.get("en"))
    assert flagged >= 0.5 * len(al.rows), (flagged, len(al.rows))


@pytest.mark.slow
def test_wildly_different_lengths_are_flagged(capsys, tmp_path, corpora_dir, real):
    files = corpus_or_skip(corpora_dir, "unodc-strategy-2026")
    en = files["en"]["txt"].read_text("utf-8")
    short = tmp_path / "short.en.txt"
    short.write_text(en[: len(en) // 6], "utf-8")
    code, out, err = run_cli(capsys, "documents", files["zh"]["txt"], short, "-o", tmp_path,
                             "--name", "short", "--formats", "json")
    assert code == 0, err
    al = read_json(tmp_path / "short.json")
    unmatched = sum(1 for r in al.rows if r.cells.get("zh") and not r.cells.get("en"))
    assert unmatched >= 0.5 * len(al.units["zh"])
    assert all(r.flags.get("en") for r in al.rows if r.cells.get("zh") and not r.cells.get("en"))


@pytest.mark.slow
@pytest.mark.parametrize("case", ["twice", "empty", "missing", "pivot", "one"])
def test_bad_input_is_one_line(capsys, tmp_path, corpora_dir, real, case):
    files = corpus_or_skip(corpora_dir, "unodc-strategy-2026")
    zh, en = files["zh"]["txt"], files["en"]["txt"]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    argv, expected = {
        "twice": ([zh, en, files["en"].get("docx", en)], "files are in English"),
        "empty": ([zh, empty], "empty.txt"),
        "missing": ([zh, tmp_path / "nope.pdf"], "nope.pdf does not exist"),
        "pivot": ([en, files["fr"]["txt"]], "no Chinese file"),
        "one": ([zh], "at least two"),
    }[case]
    if case == "twice" and argv[1] == argv[2]:
        argv[2] = tmp_path / "copy.en.txt"
        argv[2].write_bytes(en.read_bytes())
    code, out, err = run_cli(capsys, "documents", *argv, "-o", tmp_path / "out")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("align: error: ")
    assert expected in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_subprocess_entry_point(tmp_path, corpora_dir):
    """The real command in a fresh process: paths on stdout, summary on stderr."""
    _real_parts_or_skip()
    files = corpus_or_skip(corpora_dir, "unodc-strategy-2026")
    proc = subprocess.run(
        [sys.executable, "-m", "align", "documents", str(files["zh"]["txt"]),
         str(files["en"]["txt"]), "-o", str(tmp_path), "--formats", "tmx,json"],
        capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    outs = [Path(p) for p in proc.stdout.split()]
    assert all(p.exists() for p in outs) and len(outs) == 3
    assert "Traceback" not in proc.stderr and "signature un-align:" in proc.stderr
    data = json.loads(outs[-1].read_text("utf-8"))
    assert data["schema"] == "un-align/alignment"
