"""Tell a file's format from its bytes; the name's extension is only a hint."""

from __future__ import annotations

import io
import os
import zipfile

from align.errors import CorruptFileError, UnsupportedFormatError

FORMATS: tuple[str, ...] = ("txt", "pdf", "docx")

_PDF_MAGIC = b"%PDF"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF_MAGIC = b"{\\rtf"
_IMAGE_MAGICS = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
)
_OTHER_MAGICS = (
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"), (b"MZ", "a program"),
)
#: how far into the file a PDF header may start (some generators put junk first)
_PDF_SEARCH = 1024


def extension(name: str | None) -> str:
    """The lower-case extension of ``name`` without the dot (``""`` if none)."""
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _zip_kind(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptFileError(f"{name}: the file is damaged (broken ZIP/DOCX container)") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise UnsupportedFormatError(
            f"{name}: an Excel or PowerPoint file; save the document as .docx, .pdf or .txt"
        )
    if "content.xml" in names:
        raise UnsupportedFormatError(f"{name}: an OpenDocument file; save it as .docx or .pdf")
    raise UnsupportedFormatError(f"{name}: a ZIP archive, not a Word .docx; unpack it first")


def sniff_format(data: bytes, name: str = "document") -> str:
    """``pdf``, ``docx`` or ``txt``, from the content.

    Raises:
        UnsupportedFormatError: an image, an archive, an old .doc, RTF, a program.
        CorruptFileError: a damaged ZIP container.
    """
    head = data[:_PDF_SEARCH]
    if head.startswith(_PDF_MAGIC) or _PDF_MAGIC in head:
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(data, name)
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(
            f"{name}: an old Word .doc (or other Office 97-2003) file; save it as .docx or .pdf"
        )
    if head.startswith(_RTF_MAGIC):
        raise UnsupportedFormatError(f"{name}: an RTF file; save it as .docx, .pdf or .txt")
    for magic, what in _IMAGE_MAGICS:
        if head.startswith(magic):
            raise UnsupportedFormatError(f"{name}: {what}, not a document; run OCR first")
    ext = extension(name)
    for magic, what in _OTHER_MAGICS:
        if head.startswith(magic) and not (magic == b"MZ" and ext == "txt"):
            raise UnsupportedFormatError(f"{name}: {what}, not a TXT, PDF or DOCX document")
    if ext == "pdf":
        raise CorruptFileError(f"{name}: not a valid PDF (no %PDF header); the file may be damaged")
    if ext == "docx":
        raise CorruptFileError(f"{name}: not a valid DOCX (no ZIP container); the file may be damaged")
    return "txt"
