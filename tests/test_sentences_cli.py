"""``align sentences``: one bead a line covering every line of both files."""

from __future__ import annotations

import pytest

import align.embed
from align.cli import main
from align.eval import parse_beads

ZH = ["麻醉药品委员会举行了会议。", "会议在维也纳举行。", "", "委员会通过了三项决议。"]
EN = ["The Commission on Narcotic Drugs held a meeting.", "The meeting took place in Vienna.",
      "The Commission adopted three resolutions."]


@pytest.fixture
def files(tmp_path):
    src, tgt = tmp_path / "zh.txt", tmp_path / "en.txt"
    src.write_text("\ufeff" + "\n".join(ZH) + "\n", encoding="utf-8")
    tgt.write_text("\r\n".join(EN), encoding="utf-8")
    return src, tgt


def test_prints_beads_covering_both_files(files, embedder, monkeypatch, capsys):
    monkeypatch.setattr(align.embed, "get_embedder", lambda *a, **k: embedder)
    rc = main(["sentences", str(files[0]), str(files[1]), "--src-lang", "zh", "--tgt-lang", "en"])
    out, err = capsys.readouterr()
    assert rc == 0
    lines = out.splitlines()
    assert all(" " not in line for line in lines)          # [i,j]:[k], no spaces
    beads = parse_beads(lines)
    assert [i for s, _ in beads for i in s] == list(range(len(ZH)))
    assert [j for _, t in beads for j in t] == list(range(len(EN)))
    assert beads == [([0], [0]), ([1], [1]), ([2], []), ([3], [2])]
    assert "4 + 3 sentences" in err and "flagged" in err and "signature: un-align" in err
    assert "model:usem3" in err


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.txt", "file not found"),
    (lambda p: (p / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1")) and p / "latin1.txt",
     "not UTF-8"),
])
def test_bad_input_is_a_one_line_error(tmp_path, files, make, message, capsys, monkeypatch):
    monkeypatch.setattr(align.embed, "get_embedder", lambda *a, **k: None)
    bad = make(tmp_path)
    rc = main(["sentences", str(bad), str(files[1]), "--src-lang", "zh", "--tgt-lang", "en"])
    err = capsys.readouterr().err
    assert rc == 1 and message in err and len(err.strip().splitlines()) == 1


def test_unknown_model_is_a_one_line_error(files, tmp_path, capsys):
    rc = main(["sentences", str(files[0]), str(files[1]), "--src-lang", "zh", "--tgt-lang", "en",
               "--model", str(tmp_path / "no-such-model")])
    err = capsys.readouterr().err
    assert rc == 1 and "unknown model" in err
