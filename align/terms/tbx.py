"""TBX export and import: TBX-Basic v2 (``martif``) and TBX v3 (``tbx``, DCA style).

Both carry, per concept, its subject field and definition, and per term its part of
speech, term type, administrative status, working status (our candidate/accepted),
context sentence, source (document symbol and paragraph), note, and who created and
modified it when. :func:`read_tbx` reads either version back into concepts.

Status mapping: accepted → ``preferredTerm-admn-sts`` (first of its language) or
``admittedTerm-admn-sts``; candidate → ``admittedTerm-admn-sts``; rejected →
``deprecatedTerm-admn-sts``; the exact status also travels as
``<admin type="elementWorkingStatus">`` (candidate: starterElement, accepted:
consolidatedElement, rejected: archiveElement).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone

from lxml import etree

from align import __version__
from align.errors import ExportError, ReadError
from align.terms.glossary import Concept, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NS = "urn:iso:std:iso:30042:ed-2"
TBX3_MODEL = ('href="https://raw.githubusercontent.com/LTAC-Global/TBX-Core_dialect/master/'
              'Schemas/TBX-Core.rng" type="application/xml" '
              'schematypens="http://relaxng.org/ns/structure/1.0"')
#: our language codes -> xml:lang in exports
LANG_CODES: dict[str, str] = {"zh": "zh-CN", "en": "en", "fr": "fr", "es": "es",
                              "ru": "ru", "ar": "ar"}
WORKING_STATUS = {"candidate": "starterElement", "accepted": "consolidatedElement",
                  "rejected": "archiveElement"}
STATUS_OF_WORKING = {v: k for k, v in WORKING_STATUS.items()}
SOURCE_RE = re.compile(r"^(?P<symbol>.*?)(?:,?\s*para\.\s+(?P<para>\S+))?$")
XML_BAD_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return XML_BAD_CHARS_RE.sub("", text or "")


def _admin_status(term: Term, first: bool) -> str:
    if term.status == "rejected":
        return "deprecatedTerm-admn-sts"
    if term.status == "accepted" and first:
        return "preferredTerm-admn-sts"
    return "admittedTerm-admn-sts"


def _source(term: Term) -> str:
    if term.paragraph:
        return f"{term.source}, para. {term.paragraph}" if term.source else f"para. {term.paragraph}"
    return term.source


def _sub(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, tag, {k.replace("_", ""): v for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _transac(parent, ns: str, kind: str, date: str, who: str) -> None:
    if not date and not who:
        return
    grp = _sub(parent, f"{ns}transacGrp")
    _sub(grp, f"{ns}transac", kind, type="transactionType")
    if date:
        _sub(grp, f"{ns}date", date)
    if who:
        _sub(grp, f"{ns}transacNote", who, type="responsibility")


def _term_body(parent, ns: str, t: Term, first: bool) -> None:
    _sub(parent, f"{ns}term", t.text)
    if t.pos:
        _sub(parent, f"{ns}termNote", t.pos, type="partOfSpeech")
    _sub(parent, f"{ns}termNote", t.term_type, type="termType")
    _sub(parent, f"{ns}termNote", _admin_status(t, first), type="administrativeStatus")
    _sub(parent, f"{ns}admin", WORKING_STATUS[t.status], type="elementWorkingStatus")
    if t.context:
        _sub(parent, f"{ns}descrip", t.context, type="context")
    if t.source or t.paragraph:
        _sub(parent, f"{ns}admin", _source(t), type="source")
    if t.note:
        _sub(parent, f"{ns}note", t.note)
    _transac(parent, ns, "origination", t.created_at, t.created_by)
    _transac(parent, ns, "modification", t.modified_at, t.modified_by)


def _entries(parent, ns: str, concepts: Iterable[Concept], entry: str, lang_tag: str,
             term_tag: str, include_rejected: bool, codes: dict[str, str]) -> int:
    n = 0
    for c in concepts:
        terms = [t for t in c.terms if include_rejected or t.status != "rejected"]
        if not terms:
            continue
        n += 1
        el = _sub(parent, f"{ns}{entry}", id=_xml_id(c.id))
        if c.domain:
            _sub(el, f"{ns}descrip", c.domain, type="subjectField")
        if c.definition:
            _sub(el, f"{ns}descrip", c.definition, type="definition")
        if c.origin:
            _sub(el, f"{ns}admin", c.origin, type="projectSubset")
        _transac(el, ns, "origination", c.created_at, c.created_by)
        _transac(el, ns, "modification", c.modified_at, c.modified_by)
        langs: dict[str, list[Term]] = {}
        for t in terms:
            langs.setdefault(t.lang, []).append(t)
        for lang, group in langs.items():
            ls = _sub(el, f"{ns}{lang_tag}")
            ls.set(XML_LANG, codes.get(lang, lang))
            for i, t in enumerate(group):
                _term_body(_sub(ls, f"{ns}{term_tag}"), ns, t, i == 0)
    return n


def _xml_id(cid: str) -> str:
    safe = re.sub(r"[^\w.\-]", "_", cid)
    return safe if re.match(r"^[A-Za-z_]", safe) else f"c-{safe}"


def _stamp(when: datetime | None) -> str:
    return (when or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")


def tbx_bytes(concepts: Iterable[Concept], *, version: int = 2, title: str = "UNODC glossary",
              include_rejected: bool = False, lang_codes: dict[str, str] | None = None,
              created: datetime | None = None) -> bytes:
    """Serialise concepts as TBX-Basic v2 (``version=2``) or TBX v3 DCA (``version=3``)."""
    codes = {**LANG_CODES, **(lang_codes or {})}
    made_by = f"un-align {__version__}, exported {_stamp(created)}"
    if version == 2:
        root = etree.Element("martif", type="TBX-Basic-V1")
        root.set(XML_LANG, "en")
        header = _sub(root, "martifHeader")
        fdesc = _sub(header, "fileDesc")
        _sub(_sub(fdesc, "titleStmt"), "title", title)
        _sub(_sub(fdesc, "sourceDesc"), "p", made_by)
        _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
        body = _sub(_sub(root, "text"), "body")
        _entries(body, "", concepts, "termEntry", "langSet", "tig", include_rejected, codes)
        doctype = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                              pretty_print=True, doctype=doctype)
    if version == 3:
        ns = f"{{{TBX3_NS}}}"
        root = etree.Element(f"{ns}tbx", type="TBX-Core", style="dca", nsmap={None: TBX3_NS})
        root.set(XML_LANG, "en")
        fdesc = _sub(_sub(root, f"{ns}tbxHeader"), f"{ns}fileDesc")
        _sub(_sub(fdesc, f"{ns}titleStmt"), f"{ns}title", title)
        _sub(_sub(fdesc, f"{ns}sourceDesc"), f"{ns}p", made_by)
        body = _sub(_sub(root, f"{ns}text"), f"{ns}body")
        _entries(body, ns, concepts, "conceptEntry", "langSec", "termSec", include_rejected,
                 codes)
        pi = etree.ProcessingInstruction("xml-model", TBX3_MODEL)
        xml = etree.tostring(root, encoding="UTF-8", pretty_print=True)
        return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                + etree.tostring(pi, encoding="UTF-8") + b"\n" + xml)
    raise ExportError(f"unknown TBX version {version}: use 2 (TBX-Basic) or 3 (TBX v3)")


def write_tbx(concepts: Iterable[Concept], path, **kwargs) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(tbx_bytes(concepts, **kwargs))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _read_transac(grp, term: Term) -> None:
    kind = date = who = ""
    for ch in grp:
        name = _local(ch)
        if name == "transac":
            kind = ch.text or ""
        elif name == "date":
            date = ch.text or ""
        elif name == "transacNote":
            who = ch.text or ""
    if kind == "origination":
        term.created_at, term.created_by = date, who
    elif kind == "modification":
        term.modified_at, term.modified_by = date, who


def _read_term(el, lang: str) -> Term:
    t = Term(lang=lang, text="", pos="")
    status_admin = ""
    for ch in el:
        name, typ, text = _local(ch), ch.get("type", ""), ch.text or ""
        if name == "term":
            t.text = "".join(ch.itertext())
        elif name == "termNote" and typ == "partOfSpeech":
            t.pos = text
        elif name == "termNote" and typ == "termType":
            t.term_type = text
        elif name == "termNote" and typ == "administrativeStatus":
            status_admin = text
        elif name == "admin" and typ == "elementWorkingStatus":
            t.status = STATUS_OF_WORKING.get(text, t.status)
        elif name == "admin" and typ == "source":
            m = SOURCE_RE.match(text)
            t.source = (m.group("symbol") or "").strip() if m else text
            t.paragraph = (m.group("para") or "") if m else ""
        elif name == "descrip" and typ == "context":
            t.context = text
        elif name == "note":
            t.note = text
        elif name == "transacGrp":
            _read_transac(ch, t)
    if not any(_local(c) == "admin" and c.get("type") == "elementWorkingStatus" for c in el):
        t.status = "rejected" if status_admin.startswith("deprecated") else "accepted"
    return t


def read_tbx(data: bytes, *, lang_codes: dict[str, str] | None = None) -> list[Concept]:
    """Concepts of a TBX-Basic v2 or TBX v3 file (as written by :func:`tbx_bytes`)."""
    codes = {v: k for k, v in {**LANG_CODES, **(lang_codes or {})}.items()}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not a well-formed TBX file: {exc}") from exc
    out: list[Concept] = []
    for entry in root.iter():
        if _local(entry) not in ("termEntry", "conceptEntry"):
            continue
        c = Concept(id=entry.get("id", ""))
        for ch in entry:
            name, typ = _local(ch), ch.get("type", "")
            if name == "descrip" and typ == "subjectField":
                c.domain = ch.text or ""
            elif name == "descrip" and typ == "definition":
                c.definition = ch.text or ""
            elif name == "admin" and typ == "projectSubset":
                c.origin = ch.text or ""
            elif name == "transacGrp":
                holder = Term(lang="", text="")
                _read_transac(ch, holder)
                c.created_at = holder.created_at or c.created_at
                c.created_by = holder.created_by or c.created_by
                c.modified_at = holder.modified_at or c.modified_at
                c.modified_by = holder.modified_by or c.modified_by
            elif name in ("langSet", "langSec"):
                lang = ch.get(XML_LANG, "")
                lang = codes.get(lang, lang)
                for tel in ch:
                    if _local(tel) in ("tig", "termSec", "ntig"):
                        c.terms.append(_read_term(tel, lang))
        out.append(c)
    return out
