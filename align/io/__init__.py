"""Format readers: TXT, PDF, DOCX in; ``RawDocument`` out (see ``align.io.raw``).

``read_document`` is the one entry point: a path or the bytes of an upload in, an
``align.document.Document`` out. The format is told from the bytes (the name's
extension is only a hint); the PDF and DOCX readers are imported only when needed.
"""

from __future__ import annotations

import os
from pathlib import Path

from align.document import Document
from align.errors import AlignError, EmptyDocumentError, FileTooLargeError, ReadError
from align.io.raw import Block, RawDocument
from align.io.sniff import FORMATS, sniff_format
from align.un.lang import normalize_lang

__all__ = ["Block", "RawDocument", "read_document", "read_raw", "DEFAULT_MAX_BYTES"]

#: the default size limit of one input file
DEFAULT_MAX_BYTES = 64 * 2**20


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _load(source: str | os.PathLike | bytes | bytearray | memoryview, name: str | None,
          max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = name or "document"
    else:
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise ReadError(f"{name}: file not found") from exc
        except OSError as exc:
            raise ReadError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
        if path.is_dir():
            raise ReadError(f"{name}: is a folder, not a document")
        if size > max_bytes:
            raise FileTooLargeError(
                f"{name}: the file is {_megabytes(size)}; the limit is {_megabytes(max_bytes)}"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ReadError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"{name}: the file is {_megabytes(len(data))}; the limit is {_megabytes(max_bytes)}"
        )
    if not data.strip():
        raise EmptyDocumentError(f"{name}: the file is empty")
    return data, name


def _with_name(exc: AlignError, name: str) -> AlignError:
    """The same error type, its message prefixed with the file name if it lacks it."""
    message = " ".join(str(exc).split())
    if name in message:
        return exc if message == str(exc) else type(exc)(message)
    return type(exc)(f"{name}: {message}")


def read_raw(data: bytes, name: str, fmt: str | None = None) -> RawDocument:
    """Run the reader for ``fmt`` (sniffed when None) on ``data``."""
    fmt = (fmt or sniff_format(data, name)).lower().lstrip(".")
    if fmt == "txt":
        from align.io.txt import read_txt

        return read_txt(data, name)
    if fmt == "pdf":
        from align.io.pdf import read_pdf

        return read_pdf(data, name)
    if fmt == "docx":
        from align.io.docx import read_docx

        return read_docx(data, name)
    raise ReadError(f"{name}: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def read_document(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    lang: str | None = None,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one language version of a UN document.

    Args:
        source: a path, or the file's bytes (an upload).
        name: the file name to show in messages and provenance (defaults to the path's).
        lang: the language (``zh``, ``en``, ``fr``, ``es``, ``ru``, ``ar``) to skip detection.
        fmt: ``txt`` | ``pdf`` | ``docx`` to skip format sniffing.
        max_bytes: refuse larger files.

    Returns:
        the structured document.

    Raises:
        ReadError: and its subclasses (empty, unsupported format or language, corrupt,
            encrypted, no text layer, too large), each with a one-line message naming the file.
    """
    display = name or (Path(source).name if isinstance(source, (str, os.PathLike)) else "document")
    try:
        if lang is not None:
            lang = normalize_lang(lang)
        data, display = _load(source, name, max_bytes)
        raw = read_raw(data, display, fmt)
        raw.name = raw.name or display
        from align.un.parse import build_document

        doc = build_document(raw, lang=lang)
    except AlignError as exc:
        named = _with_name(exc, display)
        if named is exc:
            raise
        raise named from exc
    except RecursionError as exc:  # pathological nesting in a container
        raise ReadError(f"{display}: the file is too deeply nested to read") from exc
    doc.name = display
    doc.fmt = raw.fmt
    return doc
