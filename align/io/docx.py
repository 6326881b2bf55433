"""DOCX reader: Word paragraphs, recovered auto-numbering, footnotes, tables.

The package is opened with ``align.io.safezip`` (capped decompression, no DTDs or
entities) and the WordprocessingML walked directly with lxml, in body order:

- one ``para`` block per paragraph, ``label`` = the Word auto-number it shows
  (``align.io.docx_numbering``), ``style`` = the paragraph style's name;
- one ``table`` block per paragraph inside a table cell;
- one ``footnote`` block per footnote (``word/footnotes.xml``, separators skipped),
  ``label`` = its number in reference order, placed after the paragraph that cites it;
  reference marks are removed from the body text;
- fields keep their result and drop their instructions; deletions (track changes) are
  dropped, insertions kept; text boxes become paragraphs of their own;
- running headers and footers are not body: only the first page's (where UN templates
  put the masthead and the job number) is read, as ``header``/``footer`` blocks;
- paragraphs typed as notes (``*`` in a frame, the footnote style) are footnotes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from align.errors import CorruptFileError
from align.io.docx_numbering import WQ, Numberer
from align.io.docx_styles import Styles, on_off, val
from align.io.raw import Block, RawDocument
from align.io.safezip import Limits, SafeZip, parse_xml

STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_R = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
TRANSITIONAL_R = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
REL_OFFICE_DOC = "/officeDocument"

#: elements whose whole subtree is never text: deletions, field instructions, drawings'
#: alternative descriptions, properties, the paragraph mark's properties
SKIP_TAGS = frozenset(f"{WQ}{t}" for t in (
    "del", "delText", "instrText", "delInstrText", "pPr", "rPr", "tblPr", "trPr", "tcPr",
    "sectPr", "moveFrom", "commentReference", "annotationRef", "footnoteRef", "endnoteRef",
    "separator", "continuationSeparator", "proofErr", "bookmarkStart", "bookmarkEnd",
))
#: a paragraph that starts with a typed note mark (``*``, ``**``, ``a``) then a tab
TYPED_NOTE_RE = re.compile(r"^\s*(\*{1,3}|[a-z]|\d{1,2})\t+(?=\S)")
SPACES_RE = re.compile(r"[ \t\u00a0]+")
CJK_BREAK_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


@dataclass
class _Para:
    """Text and facts collected from one paragraph while walking it."""

    parts: list[str] = field(default_factory=list)
    bold_chars: int = 0
    chars: int = 0
    sizes: dict[float, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    page_breaks: int = 0
    rendered_breaks: int = 0
    leading_breaks: int = 0
    boxes: list[etree._Element] = field(default_factory=list)
    in_field: list[bool] = field(default_factory=list)  # stack: True while in instructions
    custom_mark: bool = False


class _Reader:
    def __init__(self, pkg: SafeZip, name: str) -> None:
        self.pkg = pkg
        self.name = name
        self.main = self._main_part()
        rels = self._rels(self.main)
        self.rel_ids = self._rels(self.main, by_id=True)
        self.styles = Styles(self._part(rels.get("styles")))
        self.numberer = Numberer(self._part(rels.get("numbering")))
        self.footnotes = self._footnotes(self._part(rels.get("footnotes")))
        self.note_numbers: dict[str, str] = {}
        self._next_note = 1
        self.blocks: list[Block] = []
        self.page = 1
        self._just_broke = False

    # --- package -----------------------------------------------------------------

    def _main_part(self) -> str:
        if self.pkg.has("_rels/.rels"):
            root = parse_xml(self.pkg.read("_rels/.rels"), self.name, "_rels/.rels")
            for rel in root.iter(f"{REL_NS}Relationship"):
                if rel.get("Type", "").endswith(REL_OFFICE_DOC):
                    target = rel.get("Target", "").lstrip("/")
                    if self.pkg.has(target):
                        return target
        if self.pkg.has("word/document.xml"):
            return "word/document.xml"
        raise CorruptFileError(
            f"{self.name} has no word/document.xml: it is not a Word document or is damaged"
        )

    def _rels(self, part: str, by_id: bool = False) -> dict[str, str]:
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, str] = {}
        if not self.pkg.has(rels_name):
            return out
        root = parse_xml(self.pkg.read(rels_name), self.name, rels_name)
        for rel in root.iter(f"{REL_NS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Id", "") if by_id else rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out.setdefault(kind, path)
        return out

    def _part(self, path: str | None) -> etree._Element | None:
        if not path or not self.pkg.has(path):
            return None
        return parse_xml(_transitional(self.pkg.read(path)), self.name, path)

    def _footnotes(self, root: etree._Element | None) -> dict[str, etree._Element]:
        out: dict[str, etree._Element] = {}
        if root is None:
            return out
        for fn in root.iter(f"{WQ}footnote"):
            if fn.get(f"{WQ}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            out[fn.get(f"{WQ}id", "")] = fn
        return out

    # --- body --------------------------------------------------------------------

    def read(self) -> list[Block]:
        root = parse_xml(_transitional(self.pkg.read(self.main)), self.name, self.main)
        body = root.find(f"{WQ}body")
        if body is None:
            raise CorruptFileError(f"{self.name}: word/document.xml has no body: damaged file")
        self._section_starts = [val(sp.find(f"{WQ}type"), "nextPage") or "nextPage"
                                for sp in body.iter(f"{WQ}sectPr")] or ["nextPage"]
        self._section = 0
        self._first_page_furniture(body)
        self._container(body, in_table=False)
        return self.blocks

    def _first_page_furniture(self, body: etree._Element) -> None:
        """The first page's header and footer as ``header``/``footer`` blocks.

        UN templates print the masthead (symbol, distribution, date, ``Original:``) and
        the job number there; they are not body, but the metadata lives in them.
        """
        sect = next(body.iter(f"{WQ}sectPr"), None)
        if sect is None:
            return
        first = sect.find(f"{WQ}titlePg") is not None and on_off(sect.find(f"{WQ}titlePg"))
        for kind, role in (("headerReference", "header"), ("footerReference", "footer")):
            refs = {r.get(f"{WQ}type", "default"): r.get(f"{R_NS}id")
                    for r in sect.iter(f"{WQ}{kind}")}
            rid = refs.get("first") if first else refs.get("default")
            root = self._part(self.rel_ids.get(rid or ""))
            if root is not None:
                self._container(root, in_table=False, role=role)

    def _container(self, el: etree._Element, in_table: bool, role: str | None = None) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{WQ}p":
                self._paragraph(child, in_table, role)
            elif tag == f"{WQ}tbl":
                for tc in child.iter(f"{WQ}tc"):
                    if _nearest_table(tc) is child:
                        self._container(tc, in_table=True, role=role)
            elif tag in (f"{WQ}sdt", f"{WQ}customXml"):
                content = child.find(f"{WQ}sdtContent") if tag == f"{WQ}sdt" else child
                if content is not None:
                    self._container(content, in_table, role)
            elif tag == f"{MC}AlternateContent":
                choice = _rendition(child)
                if choice is not None:
                    self._container(choice, in_table, role)

    def _paragraph(self, p: etree._Element, in_table: bool, role: str | None = None) -> None:
        ppr = p.find(f"{WQ}pPr")
        sid = val(ppr.find(f"{WQ}pStyle")) if ppr is not None else None
        sid = sid or self.styles.default_para
        if role is not None:  # first-page header/footer: text only, no counters
            para = _Para()
            self._runs(p, para, sid)
            text = _finish("".join(para.parts))
            if text:
                self.blocks.append(Block(text=text, page=1, role=role))  # type: ignore[arg-type]
            for box in para.boxes:
                self._container(box, in_table, role)
            return
        if ppr is not None and on_off(ppr.find(f"{WQ}pageBreakBefore")):
            if not self._just_broke:
                self.page += 1
            self._just_broke = True
        para = _Para()
        self._runs(p, para, sid)
        # a rendered break right after an explicit one is the same page turn
        if not self._just_broke:
            self.page += min(para.leading_breaks, 1)
        page = self.page
        self.page += para.rendered_breaks + para.page_breaks
        self._just_broke = para.page_breaks > 0 and not para.rendered_breaks
        if ppr is not None and ppr.find(f"{WQ}sectPr") is not None:
            # the section ends here; the next section's type says how it starts
            self._section += 1
            kind = self._section_starts[min(self._section, len(self._section_starts) - 1)]
            if kind in ("nextPage", "oddPage", "evenPage"):
                self.page += 1
                self._just_broke = True
        raw = "".join(para.parts)
        text = _finish(raw)
        label = self._label(ppr, sid, bool(text))
        style = self.styles.by_id[sid].name if sid in self.styles.by_id else sid
        size = max(para.sizes, key=para.sizes.get) if para.sizes else self.styles.default_size
        bold = para.chars > 0 and para.bold_chars * 2 > para.chars
        if text:
            kind = "table" if in_table else "para"
            note = None if in_table else self._typed_note(ppr, style, raw)
            if note is not None:
                kind, label, text = "footnote", note[0], note[1]
            self.blocks.append(Block(text=text, page=page, role=kind, label=label, size=size,
                                     bold=bold, style=style))
        for box in para.boxes:
            self._container(box, in_table)
        for ref in para.notes:
            self._footnote(ref, page)

    def _label(self, ppr: etree._Element | None, sid: str | None, has_text: bool) -> str | None:
        num_id = ilvl = None
        numpr = ppr.find(f"{WQ}numPr") if ppr is not None else None
        if numpr is not None:
            num_id = val(numpr.find(f"{WQ}numId"))
            lv = val(numpr.find(f"{WQ}ilvl"))
            ilvl = int(lv) if lv and lv.isdigit() else None
        if num_id is None:
            num_id = self.styles.first(sid, "num_id")
        if ilvl is None:
            ilvl = self.styles.first(sid, "ilvl") or 0
        if num_id is None or not has_text:
            return None
        return self.numberer.label(num_id, ilvl)

    def _typed_note(self, ppr, style: str | None, raw: str) -> tuple[str, str] | None:
        """First-page ``*`` notes in a frame, and table notes in the footnote style."""
        framed = ppr is not None and ppr.find(f"{WQ}framePr") is not None
        note_style = bool(style) and "footnote" in style.lower()
        if not (framed or note_style):
            return None
        m = TYPED_NOTE_RE.match(raw)
        if m is None or (framed and not note_style and not m.group(1).startswith("*")):
            return None
        return m.group(1), _finish(raw[m.end():])

    def _footnote(self, ref: str, page: int) -> None:
        fn = self.footnotes.get(ref)
        if fn is None:
            return
        if ref not in self.note_numbers:
            self.note_numbers[ref] = str(self._next_note)
            self._next_note += 1
        texts = []
        for p in fn.iter(f"{WQ}p"):
            para = _Para()
            self._runs(p, para, None)
            texts.append(_finish("".join(para.parts)))
        text = " ".join(t for t in texts if t)
        self.blocks.append(Block(text=text, page=page, role="footnote",
                                 label=self.note_numbers[ref], style="footnote"))

    # --- runs --------------------------------------------------------------------

    def _runs(self, el: etree._Element, para: _Para, sid: str | None) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP_TAGS:
                continue
            if tag == f"{WQ}r":
                self._run(child, para, sid)
            elif tag == f"{WQ}fldSimple":
                self._runs(child, para, sid)  # its runs are the result
            elif tag == f"{MC}AlternateContent":
                choice = _rendition(child)
                if choice is not None:
                    self._runs(choice, para, sid)
            elif tag in (f"{WQ}txbxContent",):
                para.boxes.append(child)
            elif tag == f"{WQ}p":  # a paragraph nested in a run (text box): its own block
                para.boxes.append(child.getparent())
                return
            else:  # hyperlink, ins, smartTag, sdt/sdtContent, customXml, moveTo, ...
                self._runs(child, para, sid)

    def _run(self, r: etree._Element, para: _Para, sid: str | None) -> None:
        rpr = r.find(f"{WQ}rPr")
        bold = on_off(rpr.find(f"{WQ}b")) if rpr is not None else None
        rstyle = val(rpr.find(f"{WQ}rStyle")) if rpr is not None else None
        if bold is None:
            bold = self.styles.first(rstyle, "bold")
        if bold is None:
            bold = bool(self.styles.first(sid, "bold"))
        sz = val(rpr.find(f"{WQ}sz")) if rpr is not None else None
        size = int(sz) / 2 if sz and sz.isdigit() else (
            self.styles.first(rstyle, "size") or self.styles.first(sid, "size")
            or self.styles.default_size)
        for child in r:
            tag = child.tag
            if tag == f"{WQ}fldChar":
                kind = child.get(f"{WQ}fldCharType")
                if kind == "begin":
                    para.in_field.append(True)
                elif kind == "separate" and para.in_field:
                    para.in_field[-1] = False
                elif kind == "end" and para.in_field:
                    para.in_field.pop()
                continue
            if any(para.in_field):
                continue  # field instructions between begin and separate
            text = None
            if tag == f"{WQ}t":
                text = child.text or ""
                if para.custom_mark:  # the typed mark of a custom footnote reference
                    para.custom_mark = False
                    if para.notes:
                        self.note_numbers.setdefault(para.notes[-1], text.strip())
                    continue
            elif tag == f"{WQ}tab" or tag == f"{WQ}ptab":
                text = "\t"
            elif tag == f"{WQ}br":
                if child.get(f"{WQ}type") == "page":
                    para.page_breaks += 1
                    text = ""
                else:
                    text = "\n"
            elif tag == f"{WQ}cr":
                text = "\n"
            elif tag == f"{WQ}noBreakHyphen":
                text = "-"
            elif tag == f"{WQ}sym":
                code = child.get(f"{WQ}char", "")
                text = _sym(code)
            elif tag == f"{WQ}lastRenderedPageBreak":
                if para.chars:
                    para.rendered_breaks += 1
                else:  # before any text: the paragraph starts on the next page
                    para.leading_breaks += 1
            elif tag in (f"{WQ}footnoteReference", f"{WQ}endnoteReference"):
                if tag == f"{WQ}footnoteReference":
                    para.notes.append(child.get(f"{WQ}id", ""))
                para.custom_mark = child.get(f"{WQ}customMarkFollows") in ("1", "true", "on")
            elif tag in (f"{WQ}drawing", f"{WQ}pict", f"{MC}AlternateContent", f"{WQ}object"):
                para.boxes.extend(child.iter(f"{WQ}txbxContent"))
                if tag == f"{MC}AlternateContent":
                    choice = _rendition(child)
                    # keep only one rendition of a text box (Choice and Fallback repeat it)
                    para.boxes[:] = [b for b in para.boxes if choice is None
                                     or _inside(b, choice) or not _inside(b, child)]
            if text:
                para.parts.append(text)
                n = len(text.strip())
                para.chars += n
                if bold:
                    para.bold_chars += n
                if size:
                    para.sizes[size] = para.sizes.get(size, 0) + n


def _transitional(data: bytes) -> bytes:
    """Word's "Strict Open XML" names the same elements in another namespace."""
    if STRICT_W in data:
        return data.replace(STRICT_W, TRANSITIONAL_W).replace(STRICT_R, TRANSITIONAL_R)
    return data


def _rendition(alternate: etree._Element) -> etree._Element | None:
    """The one rendition of ``mc:AlternateContent`` to read: its Choice, else its Fallback."""
    choice = alternate.find(f"{MC}Choice")
    return choice if choice is not None else alternate.find(f"{MC}Fallback")


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _nearest_table(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != f"{WQ}tbl":
        node = node.getparent()
    return node


def _sym(code: str) -> str:
    try:
        cp = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= cp <= 0xF0FF:  # symbol-font private range: not text
        return ""
    return chr(cp)


def _finish(text: str) -> str:
    """Tabs and line breaks to spaces, runs of spaces collapsed, CJK breaks closed."""
    text = text.replace("\n", " ").replace("\u00ad", "")
    text = SPACES_RE.sub(" ", text).strip()
    return CJK_BREAK_RE.sub("", text)


def read_docx(data: bytes, name: str, limits: Limits | None = None) -> RawDocument:
    """Read a Word (.docx) file into paragraph, table and footnote blocks.

    Args:
        data: the file's bytes.
        name: the file name, for messages.
        limits: decompression caps (defaults: ``align.io.safezip``).

    Returns:
        A ``RawDocument`` in body order.

    Raises:
        CorruptFileError: not a ZIP/Word package, a missing or malformed part, or a part
            declaring a DTD or entities.
        FileTooLargeError: a zip bomb (too many parts, too large, too compressed).
    """
    pkg = SafeZip(data, name, limits)
    reader = _Reader(pkg, name)
    blocks = reader.read()
    pages = max((b.page for b in blocks), default=1)
    return RawDocument(blocks=blocks, fmt="docx", name=name, page_count=pages)
