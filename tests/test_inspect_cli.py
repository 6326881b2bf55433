"""``align inspect``: the outline and the JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = """\
Distr.: General
Original: English

Commission on Narcotic Drugs

Note by the Secretariat

The present note is submitted pursuant to resolution 64/7 of the Commission on Narcotic Drugs.

I. Introduction

1. The Commission adopted the report on 12 March 2026.

2. The Office supported Member States in the following areas:

(a) Alternative development;

(b) Forensic science.
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "align", "inspect", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_outline(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(DOC, encoding="utf-8")
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "language     en" in out and "distribution General" in out
    assert "heading   I" in out and "paragraph 1" in out and "subitem   2(a)" in out
    assert "Alternative development;" in out


def test_json(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(DOC, encoding="utf-8")
    result = _run(str(path), "--json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("lang", "symbols", "job_number", "original_language", "title", "segments"):
        assert key in data
    assert data["lang"] == "en" and data["original_language"] == "en"
    body = [(s["kind"], s["number"]) for s in data["segments"] if s["kind"] != "front"]
    assert body == [("body", None), ("heading", "I"), ("paragraph", "1"), ("paragraph", "2"),
                    ("subitem", "a"), ("subitem", "b")]
    assert all(set(s) >= {"kind", "number", "text", "page"} for s in data["segments"])
    assert data["segments"][-1]["parent"] == "2"


def test_seed_outline(shared_dir):
    result = _run(str(shared_dir / "seed" / "000_e90bbdd4b5905527.txt"))
    assert result.returncode == 0, result.stderr
    assert "E/CN.7/2022/3/Add.1, E/CN.15/2022/3/Add.1" in result.stdout
    assert "V.22-22288" in result.stdout
