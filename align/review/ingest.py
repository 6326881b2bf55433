"""From uploaded files to a document set: file cards, warnings, the set key, aligning.

Uploaded bytes are kept under ``<data dir>/uploads/<sha256>``: the name a browser sends
is shown to the user but never becomes a path. The document-set key is a hash of the
sorted content hashes, so re-uploading the same files (in any order, under any names)
finds the same review.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from align.alignment import MultiAlignment
from align.document import Document
from align.errors import AlignmentInputError, FileTooLargeError, ReadError, StoreError
from align.storage import data_dir

LANGS: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")
LANG_NAMES: dict[str, str] = {"zh": "Chinese", "en": "English", "fr": "French",
                              "es": "Spanish", "ru": "Russian", "ar": "Arabic"}
#: default cap on one uploaded file (the app also has Streamlit's server.maxUploadSize)
MAX_UPLOAD_BYTES = 50 * 2**20
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
#: characters never shown from an uploaded name: controls, bidi overrides, separators
_UNSAFE_NAME_RE = re.compile(r"[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\]")
SAMPLE_EXTS: tuple[str, ...] = (".docx", ".pdf", ".txt")


@dataclass
class FileCard:
    """What the reader found in one uploaded file (a card in the upload view).

    Attributes:
        sha: SHA-256 of the content (the file's identity and storage name).
        name: the uploaded name, for display only.
        size: bytes.
        lang: the language used (the user's choice, else the detected one).
        symbols, job_number, paragraphs, fmt: what the reader found.
        error: the reader's one-line message when the file cannot be used.
        warnings: reader warnings and set-level warnings (symbol differs, ...).
        doc: the read document (not stored).
    """

    sha: str
    name: str
    size: int
    lang: str | None = None
    lang_fixed: bool = False
    symbols: list[str] = field(default_factory=list)
    job_number: str | None = None
    paragraphs: int = 0
    fmt: str = ""
    title: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    doc: Document | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.doc is not None

    def to_record(self) -> dict:
        """What the review store keeps about the file."""
        return {"sha": self.sha, "name": self.name, "size": self.size, "lang": self.lang,
                "lang_fixed": self.lang_fixed}


def human_size(n: int) -> str:
    """``812 bytes``, ``46 KB``, ``3.2 MB``."""
    if n < 1024:
        return f"{n:,} bytes"
    if n < 2**20:
        return f"{n / 1024:,.0f} KB"
    if n % 2**20 == 0:
        return f"{n // 2**20:,} MB"
    return f"{n / 2**20:,.1f} MB"


def safe_display_name(name: str) -> str:
    """The base name of an upload, without path parts or control/bidi characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE_NAME_RE.sub("", unicodedata.normalize("NFC", base)).strip()
    return (base or "unnamed")[:120]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload_dir() -> Path:
    path = data_dir() / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_upload(data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Keep uploaded bytes under their content hash; returns the hash.

    Raises:
        FileTooLargeError: over ``max_bytes``.
    """
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"the file is {human_size(len(data))}; the limit is {human_size(max_bytes)}")
    sha = content_hash(data)
    path = upload_dir() / sha
    if not path.exists():
        tmp = path.with_suffix(".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            raise StoreError(f"cannot keep the uploaded file in {upload_dir()}: {exc}") from exc
    return sha


def load_upload(sha: str) -> bytes:
    """The bytes of a kept upload (the hash is checked: no path can be smuggled in)."""
    if not SHA_RE.match(sha or ""):
        raise StoreError("not a file identifier")
    path = upload_dir() / sha
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StoreError("the uploaded file is no longer in the data directory: upload it "
                         "again") from exc


def read_card(data: bytes, name: str, *, lang: str | None = None,
              max_bytes: int = MAX_UPLOAD_BYTES) -> FileCard:
    """Keep the bytes and read them; a read error goes on the card, never raised."""
    name = safe_display_name(name)
    card = FileCard(sha=content_hash(data), name=name, size=len(data), lang=lang,
                    lang_fixed=lang is not None)
    try:
        card.sha = save_upload(data, max_bytes=max_bytes)
        from align.io import read_document

        doc = read_document(data, name=name, lang=lang)
    except ReadError as exc:
        card.error = str(exc)
        return card
    card.doc = doc
    card.lang = doc.lang
    card.symbols = list(doc.meta.symbols)
    card.job_number = doc.meta.job_number
    card.paragraphs = len(doc.paragraph_numbers())
    card.fmt = doc.fmt
    card.title = doc.meta.title
    card.warnings = list(doc.warnings)
    if not doc.body:
        card.error = f"{name}: no body text was found in this file"
    return card


def check_set(cards: list[FileCard], pivot: str = "zh") -> dict[str, list[str]]:
    """Set-level warnings per file (by sha): symbol differs, language twice, paragraphs missing."""
    good = [c for c in cards if c.ok]
    out: dict[str, list[str]] = {c.sha: [] for c in cards}
    symbols = Counter(c.symbols[0] for c in good if c.symbols)
    if len(symbols) > 1:
        common = symbols.most_common(1)[0][0]
        for c in good:
            if c.symbols and c.symbols[0] != common:
                out[c.sha].append(f"symbol {c.symbols[0]} differs from the others' {common}")
    langs = Counter(c.lang for c in good)
    for c in good:
        if langs[c.lang] > 1:
            others = ", ".join(o.name for o in good if o.lang == c.lang and o is not c)
            out[c.sha].append(f"{LANG_NAMES.get(c.lang, c.lang)} is given twice (also {others})")
    ref = next((c for c in good if c.lang == pivot), None)
    if ref is not None:
        ref_numbers = ref.doc.paragraph_numbers()
        for c in good:
            if c is ref:
                continue
            have = set(c.doc.paragraph_numbers())
            missing = [n for n in ref_numbers if n not in have]
            if missing:
                shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
                what = f"paragraph {shown} is" if len(missing) == 1 else f"paragraphs {shown} are"
                out[c.sha].append(f"{what} missing compared with the "
                                  f"{LANG_NAMES.get(pivot, pivot)}")
    return out


def set_key(shas: list[str]) -> str:
    """The document-set key: a hash of the sorted content hashes."""
    return hashlib.sha256("\n".join(sorted(set(shas))).encode()).hexdigest()


def set_name(cards: list[FileCard]) -> str:
    """A display name for a set: its document symbol, else the first file's name."""
    for c in cards:
        if c.ok and c.symbols:
            return c.symbols[0]
    return cards[0].name if cards else "documents"


def usable(cards: list[FileCard]) -> list[FileCard]:
    """The cards that can be aligned: read without error, first file of each language."""
    seen: set[str] = set()
    out = []
    for c in cards:
        if c.ok and c.lang not in seen:
            seen.add(c.lang)
            out.append(c)
    return out


def align_cards(cards: list[FileCard], *, unit: str, embedder, pivot: str = "zh",
                progress: Callable[[str, float], None] | None = None) -> MultiAlignment:
    """Align the usable documents of a set (the pivot must be among them).

    Raises:
        AlignmentInputError: fewer than two usable files, or no pivot file.
    """
    docs = [c.doc for c in usable(cards)]
    if len(docs) < 2:
        raise AlignmentInputError("at least two readable files in different languages "
                                  "are needed to align")
    if pivot not in {d.lang for d in docs}:
        raise AlignmentInputError(f"no {LANG_NAMES.get(pivot, pivot)} file: add one or "
                                  "choose another pivot language")
    from align.aligners import align_documents

    return align_documents(docs, unit=unit, embedder=embedder, pivot=pivot, progress=progress)


def sample_dir(corpora: Path, docid: str | None = None) -> Path | None:
    """The bundled sample's folder: ``docid`` or the first corpora folder with a zh file."""
    if not corpora.is_dir():
        return None
    names = [docid] if docid else ["unodc-strategy-2026"] + sorted(
        p.name for p in corpora.iterdir() if p.is_dir())
    for name in names:
        folder = corpora / name
        if folder.is_dir() and any(folder.glob(f"{name}.zh.*")):
            return folder
    return None


def sample_files(corpora: Path, docid: str | None = None,
                 exts: tuple[str, ...] = SAMPLE_EXTS) -> list[tuple[str, bytes]]:
    """The six language files of the bundled sample, one per language, as (name, bytes)."""
    folder = sample_dir(corpora, docid)
    if folder is None:
        return []
    out = []
    for lang in LANGS:
        for ext in exts:
            path = folder / f"{folder.name}.{lang}{ext}"
            if path.is_file():
                out.append((path.name, path.read_bytes()))
                break
    return out
