"""Bad input ends in a typed error with a one-line message naming the file; the CLI
exits non-zero with that message and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from align.errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    ReadError,
    UnsupportedFormatError,
    UnsupportedLanguageError,
)
from align.io import read_document

ROOT = Path(__file__).resolve().parents[1]
GERMAN = ("Die Kommission für Suchtstoffe hat den Bericht angenommen und die Mitgliedstaaten "
          "aufgefordert, die Empfehlungen umzusetzen. Der Ausschuss wird im nächsten Jahr "
          "über die Umsetzung berichten.\n")


def _zip(names: dict[str, bytes]) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buf.getvalue()


CASES = [
    ("empty.txt", b"", EmptyDocumentError),
    ("blank.txt", b"  \n\n\t \r\n", EmptyDocumentError),
    ("random.bin", bytes(range(256)) * 40, UnsupportedFormatError),
    ("random.txt", os.urandom(0) + bytes((i * 7919) % 256 for i in range(20000)), UnsupportedFormatError),
    ("german.txt", GERMAN.encode(), UnsupportedLanguageError),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, UnsupportedFormatError),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFormatError),
    ("archive.zip", _zip({"a.txt": b"hello"}), UnsupportedFormatError),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 50, CorruptFileError),
    ("fake.pdf", b"\x00\x01\x02binary junk" * 10, CorruptFileError),
    ("furniture.txt", b"E/CN.7/2022/3\nV.22-22288 2/4\n*2222288*\n", EmptyDocumentError),
]


@pytest.mark.parametrize(("name", "data", "error"), CASES, ids=[c[0] for c in CASES])
def test_bad_bytes_raise_typed_one_line_errors(name, data, error):
    with pytest.raises(error) as info:
        read_document(data, name=name)
    message = str(info.value)
    assert name in message and "\n" not in message and len(message) < 300


def test_too_large_by_path_and_by_bytes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The Commission adopted the report. " * 100)
    with pytest.raises(FileTooLargeError, match="big.txt"):
        read_document(path, max_bytes=1000)
    with pytest.raises(FileTooLargeError, match="upload.txt"):
        read_document(path.read_bytes(), name="upload.txt", max_bytes=1000)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReadError, match="nothing.txt: file not found"):
        read_document(tmp_path / "nothing.txt")
    with pytest.raises(ReadError, match="folder"):
        read_document(tmp_path)


def test_bad_language_override():
    with pytest.raises(UnsupportedLanguageError, match="supported: zh, en, fr, es, ru, ar"):
        read_document(b"1. The Commission adopted the report.", name="x.txt", lang="de")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [("委员会通过了报告。".encode("utf-16"), "utf-16 BOM"),
     ("委员会通过了报告。".encode("utf-8-sig"), "utf-8 BOM"),
     ("委员会通过了报告。".encode("gb18030"), "gb18030")],
)
def test_text_encodings(data, encoding):
    doc = read_document(data, name="zh.txt")
    assert doc.lang == "zh", encoding
    assert "委员会通过了报告。" in " ".join(s.text for s in doc.segments)


def test_utf16_without_bom():
    doc = read_document("1. The Commission adopted the report.\n".encode("utf-16-le"), name="en.txt")
    assert doc.lang == "en" and doc.paragraph_numbers() == ["1"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "align", "inspect", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize(("name", "data", "error"), [CASES[0], CASES[2], CASES[4]],
                         ids=["empty", "random", "german"])
def test_cli_exits_non_zero_with_one_line(tmp_path, name, data, error):
    path = tmp_path / name
    path.write_bytes(data)
    result = _cli(str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: error: ") and name in lines[0]
    assert result.stdout == ""
