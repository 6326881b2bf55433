"""TMX 1.4b translation memories that CAT tools (OmegaT, Trados, memoQ, eLUNa) import.

What the writer guarantees (see DESIGN.md, "What a real CAT tool needs from our TMX"):
UTF-8; a header with ``creationtool``, ``creationtoolversion``, ``segtype``
(``paragraph`` for paragraph units, else ``sentence``), ``o-tmf``, ``adminlang``,
``srclang`` (the pivot's real code, never ``*all*``), ``datatype`` and
``creationdate`` (``YYYYMMDDThhmmssZ``); the signature as a header prop; one ``<tu>``
per aligned row with ``x-symbol``, ``x-paragraph``, ``x-confidence``, ``x-status``
(and ``x-flags`` when flagged) props, and ``x-job-number`` on each ``<tuv>``;
``xml:lang`` in hyphen form (``zh-CN`` by default); characters outside XML 1.0
stripped; segments trimmed; no empty ``<seg>``; a TU always holds two languages or more.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from align import __version__
from align.alignment import MultiAlignment, PairAlignment, Row
from align.errors import ExportError
from align.export.common import (
    cell_text,
    check_langs,
    document_symbol,
    iter_rows,
    pair_rows,
    row_confidence,
    row_flags,
    signature_text,
    write_bytes,
)
from align.export.convert import pair_to_multi

#: the ``xml:lang`` written for each UN language unless the caller maps it otherwise
DEFAULT_LANG_CODES: dict[str, str] = {
    "zh": "zh-CN", "en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar",
}
#: a language tag CAT tools match: ``zh``, ``zh-CN``, ``zh-Hans``, ``sr-Latn-RS``
LANG_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
#: the TMX date format
TMX_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lang_code_map(lang_codes: dict[str, str] | None = None) -> dict[str, str]:
    """The default codes updated with the user's map, validated and in hyphen form.

    ``zh_CN`` becomes ``zh-CN`` (OmegaT matches only the hyphen form); anything that
    is not a language tag (``zho``-style three-letter codes are accepted) is refused.
    """
    codes = dict(DEFAULT_LANG_CODES)
    for lang, code in (lang_codes or {}).items():
        tag = str(code).strip().replace("_", "-")
        if not LANG_TAG_RE.match(tag):
            raise ExportError(
                f"{code!r} is not a language code for {lang}: use a form like zh-CN, zh-Hans or zh")
        codes[lang] = tag
    return codes


def tmx_date(moment: datetime | None = None) -> str:
    """``YYYYMMDDThhmmssZ`` in UTC (a naive datetime is taken as UTC)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(TMX_DATE_FORMAT)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = value


def _header(body_parent: etree._Element, al: MultiAlignment, srclang: str,
            created: str) -> None:
    header = etree.SubElement(body_parent, "header", {
        "creationtool": "un-align",
        "creationtoolversion": __version__,
        "segtype": "paragraph" if al.unit == "paragraph" else "sentence",
        "o-tmf": "un-align",
        "adminlang": "en",
        "srclang": srclang,
        "datatype": "plaintext",
        "creationdate": created,
    })
    signature = signature_text(al.signature)
    if signature:
        _prop(header, "x-signature", signature)
    symbol = document_symbol(al)
    if symbol:
        _prop(header, "x-symbol", symbol)


def _tu(body: etree._Element, al: MultiAlignment, index: int, row: Row, langs: list[str],
        codes: dict[str, str], symbol: str | None, created: str) -> bool:
    """Append the TU of one row; False (nothing added) when fewer than two sides have text."""
    texts = {lang: cell_text(al, row, lang) for lang in langs}
    present = [lang for lang in langs if texts[lang]]
    if len(present) < 2:
        return False
    tu = etree.SubElement(body, "tu", tuid=str(index + 1), creationdate=created)
    if al.pivot not in present:
        tu.set("srclang", codes[present[0]])
    if symbol:
        _prop(tu, "x-symbol", symbol)
    if row.number:
        _prop(tu, "x-paragraph", str(row.number))
    linked = [lang for lang in present if lang != al.pivot]
    _prop(tu, "x-confidence", f"{row_confidence(row, linked):.3f}")
    _prop(tu, "x-status", row.status)
    flags = row_flags(row, linked)
    if flags:
        _prop(tu, "x-flags", " ".join(flags))
    for lang in present:
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, codes[lang])
        info = al.docs.get(lang)
        if info and info.job_number:
            _prop(tuv, "x-job-number", info.job_number)
        seg = etree.SubElement(tuv, "seg")
        seg.text = texts[lang]
    return True


def tmx_bytes(al: MultiAlignment, *, langs: list[str] | None = None,
              lang_codes: dict[str, str] | None = None, only_confirmed: bool = False,
              creation_date: datetime | None = None) -> bytes:
    """The TMX 1.4b file of an alignment, as UTF-8 bytes.

    Args:
        al: the alignment.
        langs: the languages to write: a pair such as ``["zh", "en"]`` or several for a
            multilingual TMX; default all of ``al.langs``.
        lang_codes: overrides of the ``xml:lang`` codes, e.g. ``{"zh": "zh-Hans"}``.
        only_confirmed: write only rows a reviewer confirmed or edited.
        creation_date: the date written in the header and TUs (default: now, UTC).

    Raises:
        ExportError: unknown or repeated language, invalid language code, fewer than
            two languages, or an alignment that points at missing units.
    """
    chosen = check_langs(al, langs)
    if len(chosen) < 2:
        raise ExportError("a TMX needs two languages or more: choose a target language")
    codes = lang_code_map(lang_codes)
    missing = [lang for lang in chosen if lang not in codes]
    if missing:
        raise ExportError(f"no language code for {', '.join(missing)}: give one with lang_codes")
    source = al.pivot if al.pivot in chosen else chosen[0]
    created = tmx_date(creation_date)
    symbol = document_symbol(al)

    root = etree.Element("tmx", version="1.4")
    _header(root, al, codes[source], created)
    body = etree.SubElement(root, "body")
    rows = None
    if len(chosen) == 2 and al.pivot in chosen:  # a pair: its own, finer beads
        rows = pair_rows(al, next(lang for lang in chosen if lang != al.pivot))
    for index, row in iter_rows(al, only_confirmed=only_confirmed, rows=rows):
        _tu(body, al, index, row, chosen, codes, symbol, created)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def write_tmx(al: MultiAlignment, path: str | Path, **kwargs) -> Path:
    """Write :func:`tmx_bytes` to ``path`` (same keyword arguments); returns the path."""
    return write_bytes(path, tmx_bytes(al, **kwargs))


def pair_tmx_bytes(pa: PairAlignment, *, lang_codes: dict[str, str] | None = None,
                   creation_date: datetime | None = None) -> bytes:
    """The TMX of a pairwise alignment (e.g. from ``align_sentence_lists``).

    Each bead with text on both sides becomes one TU; insertions and deletions are
    left out.
    """
    return tmx_bytes(pair_to_multi(pa), lang_codes=lang_codes, creation_date=creation_date)
