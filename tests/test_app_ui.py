"""The review app's pure helpers: row HTML (escaping, RTL, terms), the alignment map,
and the ``align app`` command line."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

from align.alignment import Row
from align.cli import build_parser
from align.cli.app_cmd import app_path, streamlit_command
from align.review import ops
from align.review.checks import Mismatch
from align.review.synthetic import make_alignment
from align.ui import heatmap, render


def test_row_html_escapes_every_text():
    al = make_alignment(langs=("zh", "en", "ar"))
    al.units["en"][0].text = '<script>alert("x")</script> & co'
    html = render.row_html(al, 0, al.rows[0], ["zh", "en", "ar"],
                           mismatches=[Mismatch("en", ["<b>1</b>"], [])])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; co" in html
    assert "&lt;b&gt;1&lt;/b&gt;" in html
    assert 'lang="ar" dir="rtl"' in html


def test_row_html_status_number_and_empty_cell():
    al = ops.prepare(make_alignment())
    al = ops.apply(al, {"op": "untranslated", "row": 2, "lang": "fr"})
    html = render.row_html(al, 2, al.rows[2], al.langs, selected=True)
    assert "ua-sel" in html and "#3" in html and "¶ 3" in html
    assert render.STATUS_COLOURS["edited"] in html and "no counterpart" in html


@pytest.mark.parametrize("text, spans, expected", [
    ("UNODC and CND", [(0, 5, "c1"), (10, 13, "c2")],
     '<mark class="ua-term" title="c1">UNODC</mark> and <mark class="ua-term" title="c2">CND</mark>'),
    ("a<b", [(0, 1, "x")], '<mark class="ua-term" title="x">a</mark>&lt;b'),
    ("overlap", [(0, 4, "a"), (2, 6, "b")], '<mark class="ua-term" title="a">over</mark>lap'),
    ("short", [(3, 99, "bad")], "short"),
    ("none", None, "none"),
])
def test_highlight(text, spans, expected):
    assert render.highlight(text, spans) == expected


def fake_encode(texts):
    """Deterministic vectors: the same paragraph number gives the same vector."""
    out = []
    for t in texts:
        v = np.zeros(16)
        v[sum(map(ord, t)) % 16] = 1.0
        v[len(t) % 16] += 1.0
        out.append(v / np.linalg.norm(v))
    return np.array(out)


def test_pair_map_path_and_anchors():
    al = ops.prepare(make_alignment(2))
    al = ops.apply(al, {"op": "untranslated", "row": 1, "lang": "en"})
    pm = heatmap.pair_map(al, "en", fake_encode)
    assert pm.sim.shape == (8, 8)
    assert len(pm.path) == 7 and len(pm.anchors) == 7
    assert pm.row_at(1, None) == 1
    assert pm.row_at(None, 1) == 2  # the unlinked en unit has a row of its own
    assert pm.row_at(None, None) is None


def test_binned_keeps_the_maximum():
    sim = np.arange(250 * 130, dtype=np.float32).reshape(250, 130) / (250 * 130)
    grid, f = heatmap.binned(sim, max_cells=120)
    assert f == 3 and grid.shape == (84, 44)
    assert grid[0, 0] == sim[:3, :3].max()
    assert heatmap.binned(sim[:10, :10])[1] == 1


def test_chart_is_a_clickable_vega_lite_spec():
    al = ops.prepare(make_alignment(2))
    spec = heatmap.chart(heatmap.pair_map(al, "fr", fake_encode), "zh").to_dict()
    assert len(spec["layer"]) == 4
    params = spec.get("params") or spec["layer"][0]["params"]
    assert params[0]["name"] == "cell" and params[0]["select"]["fields"] == ["i", "j"]


def parse(argv):
    return build_parser().parse_args(["app", *argv])


def test_app_command_is_local_and_headless_by_default():
    args = parse([])
    cmd = streamlit_command(args)
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--server.headless") + 1] == "true"
    assert cmd[cmd.index("--browser.gatherUsageStats") + 1] == "false"
    assert cmd[cmd.index("--server.port") + 1] == "8501"
    assert cmd[4] == str(app_path()) and app_path().is_file()
    assert not args.sample and args.db is None


def test_app_command_options():
    args = parse(["--sample", "--db", "/tmp/x.sqlite3", "--host", "0.0.0.0", "--port", "9000",
                  "--max-upload-mb", "20"])
    assert isinstance(args, argparse.Namespace) and args.sample and args.db == "/tmp/x.sqlite3"
    cmd = streamlit_command(args)
    assert cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == "20"


def test_app_row_status_colours_cover_every_status():
    assert set(render.STATUS_COLOURS) == set(ops.STATUSES) == set(render.STATUS_LABELS)
    assert Row(cells={}).status in ops.STATUSES


def test_spans_per_text_maps_offsets_back():
    import re

    def find(text):
        return [(m.start(), m.end(), "t") for m in re.finditer(r"UNODC|毒品", text)]

    texts = ["UNODC x", "", "a 毒品 and UNODC", "none\x00UNODC"]
    got = render.spans_per_text(texts, find)
    assert got == [[(0, 5, "t")], [], [(2, 4, "t"), (9, 14, "t")], [(5, 10, "t")]]
    for text, spans in zip(texts, got):
        for start, end, _ in spans:
            assert text[start:end] in ("UNODC", "毒品")


@pytest.mark.parametrize("text", [
    "[click](javascript:alert(1))", "**bold** _it_ `code`", "$x^2$", "<b>html</b>",
    ":material/home: :smile:", "# heading", "E/CN.7/2026/5 (Add.1) - 12.4", "a\\b",
])
def test_md_escapes_everything_markdown_would_interpret(text):
    import re

    escaped = render.md(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # shown literally
    for ch in "[]()*_`$<>:#":
        assert ch not in re.sub(r"\\.", "", escaped)  # no unescaped special left


def test_legend_lists_every_status_with_its_count():
    html = render.legend_html({"auto": 3, "flagged": 1, "confirmed": 2, "edited": 0})
    for label, n in (("automatic", 3), ("flagged", 1), ("confirmed", 2), ("edited", 0)):
        assert f"{label} {n}</span>" in html


def test_span_cache_finds_each_text_once():
    calls = []

    def find(text, lang, entries):
        calls.append(text)
        return [(i, i + len(e), e) for e in entries for i in range(len(text))
                if text.startswith(e, i)]

    terms = {"en": ["UNODC"]}
    cache = render.SpanCache()
    assert cache.spans(["UNODC a", "b"], "en", terms, find) == [[(0, 5, "UNODC")], []]
    assert cache.spans(["b", "UNODC a"], "en", terms, find) == [[], [(0, 5, "UNODC")]]
    assert len(calls) == 1  # both texts in one joined call, then from the cache
    cache.spans(["b"], "en", {"en": ["b"]}, find)  # a new term list: found again
    assert len(calls) == 2


def test_app_run_passes_db_and_sample_to_the_server(monkeypatch, tmp_path):
    import subprocess

    from align.cli import app_cmd

    seen = {}

    def fake_call(cmd, cwd, env):
        seen.update(cmd=cmd, cwd=cwd, env=env)
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    args = parse(["--sample", "--db", str(tmp_path / "team.sqlite3")])
    assert app_cmd.run(args) == 0
    assert seen["env"]["UN_ALIGN_DB"] == str((tmp_path / "team.sqlite3").resolve())
    assert seen["env"]["UN_ALIGN_SAMPLE"] == "1"
    assert seen["cwd"] == app_path().parent  # so .streamlit/config.toml applies
    assert (app_path().parent / ".streamlit" / "config.toml").is_file()
