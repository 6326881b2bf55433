"""Hostile or broken DOCX input ends in a typed error with a one-line message."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from align.errors import CorruptFileError, FileTooLargeError, ReadError
from align.io.docx import read_docx
from align.io.safezip import Limits, SafeZip, parse_xml
from test_docx_read import NS, build, p

GOOD = build(p("Paragraph."))

XXE_DOC = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
)
LAUGHS = "".join(f'<!ENTITY lol{i} "{"&lol%d;" % (i - 1) * 10}">' for i in range(1, 10))
BILLION_LAUGHS_DOC = (
    f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{LAUGHS}]>'
    f'<w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bomb() -> bytes:
    # 8 MB of zeros deflate to about 8 KB: ratio ~1000:1, far above the cap; the
    # footnotes part is one the reader must decompress
    blob = b"\0" * (8 * 2**20)
    return build(p("x"), footnotes_xml="", extra_parts={"word/footnotes.xml": blob})


def _bomb_document() -> bytes:
    filler = b"<w:p/>" * (2 * 2**20)  # 12 MB of XML, highly repetitive
    doc = (f'<?xml version="1.0"?><w:document {NS}><w:body>'.encode() + filler
           + b"</w:body></w:document>")
    return _zip({"word/document.xml": doc})


CASES = [
    ("random bytes", lambda: b"\x13\x37" * 400, CorruptFileError, "not a valid Word/ZIP"),
    ("empty file", lambda: b"", CorruptFileError, "not a valid Word/ZIP"),
    ("truncated zip", lambda: GOOD[: len(GOOD) // 2], CorruptFileError, "t.docx"),
    ("zip without document.xml", lambda: _zip({"hello.txt": b"hi"}), CorruptFileError,
     "no word/document.xml"),
    ("malformed document.xml", lambda: build("", document_xml="<w:document><w:body>"),
     CorruptFileError, "not well-formed"),
    ("document without body", lambda: build("", document_xml=f"<w:document {NS}/>"),
     CorruptFileError, "no body"),
    ("external entity (XXE)", lambda: build("", document_xml=XXE_DOC), CorruptFileError, "DTD"),
    ("billion laughs", lambda: build("", document_xml=BILLION_LAUGHS_DOC), CorruptFileError, "DTD"),
    ("entity in styles part", lambda: build(p("a"), styles_xml=XXE_DOC.replace("w:document", "w:styles")),
     CorruptFileError, "styles.xml"),
    ("zip bomb in footnotes", _bomb, FileTooLargeError, "zip bomb"),
    ("zip bomb document", _bomb_document, FileTooLargeError, "zip bomb"),
    ("too many members", lambda: _zip({f"f{i}": b"" for i in range(5001)}, zipfile.ZIP_STORED),
     FileTooLargeError, "5001 parts"),
]


@pytest.mark.parametrize("case, make, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_docx_raises_typed_error(case, make, error, words):
    data = make()
    start = time.perf_counter()
    with pytest.raises(error) as info:
        read_docx(data, "t.docx")
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert isinstance(info.value, ReadError)
    assert words in message and "\n" not in message, message
    assert "root:" not in message  # nothing of /etc/passwd leaks


def test_bomb_parts_that_are_never_read_do_not_matter():
    # an image part is never decompressed: the reader reads only the parts it needs
    data = build(p("Body."), extra_parts={"word/media/big.bin": b"\0" * (2 * 2**20)})
    pkg = SafeZip(data, "t.docx")
    assert pkg.read("word/document.xml").startswith(b"<?xml")
    with pytest.raises(FileTooLargeError):
        pkg.read("word/media/big.bin")


@pytest.mark.parametrize("limits, words", [
    (Limits(member_bytes=100), "decompresses to more than"),
    (Limits(total_bytes=300), "decompresses to more than"),
    (Limits(members=3), "parts (limit 3)"),
])
def test_limits_are_configurable(limits, words):
    with pytest.raises(FileTooLargeError) as info:
        read_docx(GOOD, "t.docx", limits=limits)
    assert words in str(info.value)


def test_parse_xml_accepts_plain_parts_and_refuses_doctype_late_in_the_part():
    assert parse_xml(b"<a><b>x</b></a>", "t", "p").tag == "a"
    late = b"<a>" + b" " * 5000 + b"<!DOCTYPE x></a>"
    with pytest.raises(CorruptFileError):
        parse_xml(late, "t", "p")
