"""A TMX 1.4b glossary: one ``<tu>`` per concept, one ``<tuv>`` per language.

Each ``<tuv>`` holds the concept's preferred (first live) term in that language; the
other terms, the status and the source travel as props, so a CAT tool's TM lookup finds
the glossary and nothing is lost. Header as DESIGN.md asks: ``srclang`` a real code
(``zh-CN``), ``segtype="phrase"``, ``YYYYMMDDThhmmssZ`` dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone

from lxml import etree

from align import __version__
from align.errors import ExportError
from align.terms.glossary import Concept
from align.terms.tbx import LANG_CODES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_INVALID_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
TMX_DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def _clean(text: str) -> str:
    return XML_INVALID_RE.sub("", text or "").strip().strip("\u3000")


def _tmx_date(iso: str) -> str | None:
    """``2026-11-27T20:00:00Z`` -> ``20261127T200000Z``; None when unparseable."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime(TMX_DATE_FORMAT)


def _prop(parent, kind: str, value: str) -> None:
    if value:
        etree.SubElement(parent, "prop", type=kind).text = _clean(value)


def tmx_glossary_bytes(concepts: Iterable[Concept], *, srclang: str = "zh",
                       langs: list[str] | None = None, include_rejected: bool = False,
                       lang_codes: dict[str, str] | None = None,
                       created: datetime | None = None) -> bytes:
    """Serialise concepts as a multilingual TMX glossary (one unit per concept).

    Concepts with fewer than two languages, or without the source language, are left
    out: a TMX unit needs a source and a target.
    """
    codes = {**LANG_CODES, **(lang_codes or {})}
    if srclang not in codes:
        raise ExportError(f"unknown source language {srclang!r}")
    now = (created or datetime.now(timezone.utc)).astimezone(timezone.utc)
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "un-align", "creationtoolversion": __version__,
        "segtype": "phrase", "o-tmf": "un-align-glossary", "adminlang": "en",
        "srclang": codes[srclang], "datatype": "plaintext",
        "creationdate": now.strftime(TMX_DATE_FORMAT),
    })
    body = etree.SubElement(root, "body")
    for c in concepts:
        live = [t for t in c.terms if include_rejected or t.status != "rejected"]
        by_lang: dict[str, list] = {}
        for t in live:
            if _clean(t.text) and (langs is None or t.lang in langs):
                by_lang.setdefault(t.lang, []).append(t)
        if srclang not in by_lang or len(by_lang) < 2:
            continue
        tu = etree.SubElement(body, "tu", tuid=c.id)
        changed = _tmx_date(c.modified_at)
        if changed:
            tu.set("changedate", changed)
        _prop(tu, "x-concept", c.id)
        _prop(tu, "x-domain", c.domain)
        _prop(tu, "x-origin", c.origin)
        if c.definition:
            etree.SubElement(tu, "note").text = _clean(c.definition)
        order = [srclang] + [lang for lang in by_lang if lang != srclang]
        for lang in order:
            terms = by_lang[lang]
            first = terms[0]
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(XML_LANG, codes.get(lang, lang))
            if first.created_by:
                tuv.set("creationid", _clean(first.created_by))
            created_at = _tmx_date(first.created_at)
            if created_at:
                tuv.set("creationdate", created_at)
            _prop(tuv, "x-status", first.status)
            _prop(tuv, "x-term-type", first.term_type)
            _prop(tuv, "x-pos", first.pos)
            _prop(tuv, "x-symbol", first.source)
            _prop(tuv, "x-paragraph", first.paragraph)
            _prop(tuv, "x-context", first.context)
            _prop(tuv, "x-note", first.note)
            for other in terms[1:]:
                _prop(tuv, "x-synonym", f"{other.text}\t{other.term_type}\t{other.status}")
            etree.SubElement(tuv, "seg").text = _clean(first.text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tmx_glossary(concepts: Iterable[Concept], path, **kwargs) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(tmx_glossary_bytes(concepts, **kwargs))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
