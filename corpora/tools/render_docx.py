"""Render a source document as a UN-style Word document (python-docx plus raw OOXML).

python-docx has no API for footnotes, numbering definitions or fields: those parts and
elements are written here with lxml, into the package python-docx saves.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor
from lxml import etree

import toc

from conventions import (FOOTNOTE_MARK_RE, LANGUAGE_LINE, UNITED_NATIONS, barcode,
                         distribution_line, join_sentences, organ, original_line,
                         numbering_pattern, running_job, subitem_depths, unit_labels)

FIXED_TIME = datetime(2026, 1, 15, 9, 0, 0, tzinfo=timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TEXT_WIDTH_CM = 16.0
NUM_ID = 90
ARABIC_RE = re.compile(r"[\u0600-\u06ff]")

FONTS = {  # (latin, east asian, complex script) for body text and for headings
    "zh": (("Times New Roman", "Noto Serif CJK SC", "Times New Roman"),
           ("Times New Roman", "Noto Sans CJK SC", "Times New Roman")),
    "ar": (("Times New Roman", "Times New Roman", "Noto Naskh Arabic"),
           ("Times New Roman", "Times New Roman", "Noto Naskh Arabic")),
}
LATIN_FONTS = (("Times New Roman",) * 3, ("Times New Roman",) * 3)
#: (font size, exact line height) in points
SIZES = {"zh": (10.5, 16.0), "ar": (12.0, 18.0)}
LATIN_SIZE = (10.0, 12.0)
LANG_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "en-GB", "ar": "en-GB"}

# child order of w:pPr / w:rPr after the elements added here (schema order matters to Word)
AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
              "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


class DocxWriter:
    """Builds one language version; ``render_docx`` is the entry point."""

    def __init__(self, doc: dict, lang: str, auto_numbering: bool, pages: dict[str, int]) -> None:
        self.pages = pages
        self.src = doc
        self.lang = lang
        self.meta = doc["langs"][lang]
        self.auto = auto_numbering
        self.rtl = lang == "ar"
        self.doc = new_document()
        self.footnotes: list[tuple[str, str]] = []  # (number, text)
        self.size, self.line = SIZES.get(lang, LATIN_SIZE)
        self.body_fonts, self.head_fonts = FONTS.get(lang, LATIN_FONTS)

    # ----- low-level helpers -------------------------------------------------
    def _fonts(self, rpr, fonts: tuple[str, str, str]) -> None:
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in list(rfonts.attrib):
            if attr.endswith("Theme"):
                del rfonts.attrib[attr]
        latin, east, cs = fonts
        for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", cs)):
            rfonts.set(qn(attr), value)

    def _run(self, para, text: str, *, bold: bool = False, size: float | None = None,
             heading: bool = False):
        run = para.add_run(text)
        run.bold = bold or None
        if bold:
            run._r.get_or_add_rPr().insert_element_before(
                OxmlElement("w:bCs"), "w:i", "w:sz", "w:szCs", "w:vertAlign", "w:rtl", *AFTER_RTL)
        if size:
            run.font.size = Pt(size)
            szcs = OxmlElement("w:szCs")
            szcs.set(qn("w:val"), str(int(size * 2)))
            run._r.get_or_add_rPr().insert_element_before(
                szcs, "w:highlight", "w:u", "w:effect", "w:vertAlign", "w:rtl", *AFTER_RTL)
        if heading:
            self._fonts(run._r.get_or_add_rPr(), self.head_fonts)
        if self.rtl and ARABIC_RE.search(text):
            run._r.get_or_add_rPr().insert_element_before(OxmlElement("w:rtl"), *AFTER_RTL)
        return run

    def _note_ref(self, para, number: str) -> None:
        self.footnotes.append((number, ""))
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        if self.rtl:
            rpr.append(OxmlElement("w:rtl"))
        r.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(len(self.footnotes)))
        r.append(ref)
        para._p.append(r)

    def _para(self, *, align=None, left: float = 0.0, first: float = 0.0, right: float = 0.0,
              before: float = 0.0, after: float = 0.0, tabs: tuple = (), keep_next: bool = False,
              container=None, bidi: bool | None = None):
        para = (container or self.doc).add_paragraph()
        fmt = para.paragraph_format
        fmt.left_indent, fmt.right_indent = Cm(left), Cm(right)
        fmt.first_line_indent = Cm(first)
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = keep_next or None
        fmt.widow_control = True
        for pos, kind in tabs:
            fmt.tab_stops.add_tab_stop(Cm(pos), kind)
        if align is not None:
            para.alignment = align
        if self.rtl if bidi is None else bidi:
            para._p.get_or_add_pPr().insert_element_before(OxmlElement("w:bidi"), *AFTER_BIDI)
        return para

    def _text_with_notes(self, para, text: str, **run_args) -> None:
        pos = 0
        for m in FOOTNOTE_MARK_RE.finditer(text):
            if m.start() > pos:
                self._run(para, text[pos:m.start()], **run_args)
            self._note_ref(para, m.group(1))
            pos = m.end()
        if pos < len(text):
            self._run(para, text[pos:], **run_args)

    # ----- document setup --------------------------------------------------------
    def setup(self) -> None:
        style = self.doc.styles["Normal"]
        rpr = style.element.get_or_add_rPr()
        self._fonts(rpr, self.body_fonts)
        style.font.size = Pt(self.size)
        for tag in ("w:szCs",):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.insert_element_before(el, "w:highlight", "w:u", "w:effect", "w:vertAlign", "w:rtl", *AFTER_RTL)
            el.set(qn("w:val"), str(int(self.size * 2)))
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is None:
            lang_el = OxmlElement("w:lang")
            rpr.append(lang_el)
        lang_el.set(qn("w:val"), LANG_TAGS[self.lang])
        lang_el.set(qn("w:eastAsia"), "zh-CN")
        lang_el.set(qn("w:bidi"), "ar-SA")
        pf = style.paragraph_format
        pf.space_after = Pt(0)
        pf.line_spacing = Pt(self.line)
        for name in ("Header", "Footer"):
            self._fonts(self.doc.styles[name].element.get_or_add_rPr(), self.body_fonts)

        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Cm(2.5)
        sec.top_margin, sec.bottom_margin = Cm(2.6), Cm(2.4)
        sec.header_distance, sec.footer_distance = Cm(1.2), Cm(1.0)
        sec.different_first_page_header_footer = True
        self.doc.settings.odd_and_even_pages_header_footer = True

        core = self.doc.core_properties
        core.author = core.last_modified_by = "United Nations"
        core.created = core.modified = core.last_printed = FIXED_TIME
        core.revision = 1
        core.title = self.meta["title"][:250]
        core.subject = " ".join(self.meta["symbols"])
        core.identifier = self.meta["job_number"]
        core.language = LANG_TAGS[self.lang] if self.lang not in ("zh", "ar") else {"zh": "zh-CN", "ar": "ar-SA"}[self.lang]
        core.keywords = core.comments = core.category = core.content_status = ""

    def headers_footers(self) -> None:
        sec = self.doc.sections[0]
        symbols = self.meta["symbols"]
        job = running_job(self.meta["job_number"])
        start, end = (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT) if self.rtl else (
            WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT)
        for header, align in ((sec.even_page_header, start), (sec.header, end)):
            header.is_linked_to_previous = False
            first = True
            for symbol in symbols:
                para = header.paragraphs[0] if first else header.add_paragraph()
                first = False
                para.alignment = align
                run = para.add_run(symbol)
                run.bold = True
                run.font.size = Pt(10)
            rule = header.add_paragraph()
            rule.paragraph_format.space_after = Pt(4)
        for footer, align, counter_first in ((sec.even_page_footer, start, True),
                                             (sec.footer, end, False)):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            para.alignment = align
            if counter_first:
                self._counter(para)
                para.add_run("\u2003" + job).font.size = Pt(8)
            else:
                para.add_run(job + "\u2003").font.size = Pt(8)
                self._counter(para)
        first_footer = sec.first_page_footer
        first_footer.is_linked_to_previous = False
        para = first_footer.paragraphs[0]
        para.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        para.add_run(self.meta["job_number"]).font.size = Pt(8)
        para.add_run("\t" + barcode(self.meta["job_number"])).font.size = Pt(8)
        sec.first_page_header.is_linked_to_previous = False

    @staticmethod
    def _counter(para) -> None:
        """``PAGE/NUMPAGES`` as two simple fields with their last computed result."""
        for i, instr in enumerate((" PAGE ", " NUMPAGES ")):
            if i:
                para.add_run("/").font.size = Pt(8)
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), instr)
            r = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), "16")
            rpr.append(sz)
            t = OxmlElement("w:t")
            t.text = "1"
            r.extend([rpr, t])
            fld.append(r)
            para._p.append(fld)

    # ----- content ---------------------------------------------------------------
    def masthead(self) -> None:
        meta, lang = self.meta, self.lang
        tab_kind = WD_TAB_ALIGNMENT.RIGHT
        right = list(meta["symbols"]) + [distribution_line(meta["distribution"], lang), meta["date"], ""]
        if LANGUAGE_LINE[lang]:
            right.append(LANGUAGE_LINE[lang])
        right.append(original_line(meta["original"], lang))
        left = {0: UNITED_NATIONS[lang], len(meta["symbols"]): organ(meta["symbols"], lang, meta) or ""}
        for i, value in enumerate(right):
            is_symbol = i < len(meta["symbols"])
            if self.rtl and not left.get(i):
                # the English masthead block of an Arabic document: left-to-right, on the left
                para = self._para(bidi=False)
                if value:
                    self._run(para, value, bold=is_symbol, size=12 if is_symbol else None)
                continue
            para = self._para(tabs=((TEXT_WIDTH_CM, tab_kind),))
            if left.get(i):
                self._run(para, left[i], bold=True, size=14 if i == 0 else 12, heading=True)
            if value:
                self._run(para, "\t" + value, bold=is_symbol, size=12 if is_symbol else None)
        self._para(after=18)
        for i, body in enumerate(meta.get("bodies", [])):
            for key, bold in (("name", True), ("session", False), ("place_date", False),
                              ("agenda_item", False), ("agenda_title", True)):
                values = meta.get(key) or []
                value = body if key == "name" else (values[i] if i < len(values) else "")
                if value:
                    para = self._para(left=1.25, right=5.0, before=12 if key == "name" and i else 0)
                    self._run(para, value, bold=bold)
        para = self._para(left=1.25, right=1.25, before=24, after=12, keep_next=True)
        self._run(para, meta["title"], bold=True, size=14, heading=True)
        for subtitle in meta.get("subtitle", []):
            para = self._para(left=1.25, before=6, after=6, keep_next=True)
            self._run(para, subtitle, bold=True, size=12, heading=True)
        self._para(after=6)

    def unit(self, unit: dict, label: str | None, depth: int, numbered: set[str]) -> None:
        lang = self.lang
        text = join_sentences(unit["text"][lang], lang)
        kind = unit["kind"]
        # LibreOffice justifies Arabic with kashida glyphs that its PDF export maps to
        # "=", "<" or ">": Arabic is set flush right (ragged left) instead.
        justify = WD_ALIGN_PARAGRAPH.RIGHT if self.rtl else WD_ALIGN_PARAGRAPH.JUSTIFY
        if kind == "heading":
            level = unit.get("level", 1)
            size = 12 if level == 1 else None
            bold = level < 4
            tabs = ((1.25, WD_TAB_ALIGNMENT.LEFT),) if label else ()
            para = self._para(left=1.25, first=-1.25 if label else 0, before=12 if level == 1 else 8,
                              after=6, keep_next=True, tabs=tabs)
            if label:
                self._run(para, f"{label}\t", bold=bold, size=size, heading=True)
            self._text_with_notes(para, text, bold=bold, size=size, heading=True)
            if level >= 4:
                for run in para.runs:
                    run.italic = True
            return
        if kind == "subitem":
            indent = 1.25 + 0.6 * (depth - 1)
            para = self._para(align=justify, left=indent, right=1.25, first=0.6, after=6,
                              tabs=((indent + 1.25, WD_TAB_ALIGNMENT.LEFT),))
        else:
            para = self._para(align=justify, left=1.25, right=1.25, after=6,
                              tabs=((2.0, WD_TAB_ALIGNMENT.LEFT),))
        if kind == "paragraph" and unit["number"] in numbered:
            num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = NUM_ID
        elif label:
            self._run(para, f"{label}\t")
        self._text_with_notes(para, text)

    def contents(self) -> None:
        """The table of contents: a TOC field whose last result is written out."""
        para = self._para(left=1.25, before=12, after=6)
        para.style = self.doc.styles["TOC Heading"]
        para.style.font.color.rgb = RGBColor(0, 0, 0)
        self._run(para, toc.CONTENTS[self.lang], bold=True, size=12, heading=True)
        para = self._para(tabs=((TEXT_WIDTH_CM, WD_TAB_ALIGNMENT.RIGHT),), after=4)
        self._run(para, "\t" + toc.PAGE[self.lang], size=8)
        listed = toc.entries(self.src, self.lang)
        for n, (index, level, text) in enumerate(listed):
            para = self._para(left=1.25 + 0.5 * (level - 1), right=1.5, after=4)
            para.style = self._toc_style(level)
            para.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT,
                                                         WD_TAB_LEADER.DOTS)
            if n == 0:
                self._field_char(para, "begin")
                instr = OxmlElement("w:r")
                it = OxmlElement("w:instrText")
                it.set(qn("xml:space"), "preserve")
                it.text = ' TOC \\o "1-3" \\h \\z \\u '
                instr.append(it)
                para._p.append(instr)
                self._field_char(para, "separate")
            self._run(para, text + "\t" + str(self.pages.get(str(index), 1)))
            if n == len(listed) - 1:
                self._field_char(para, "end")

    @staticmethod
    def _field_char(para, kind: str) -> None:
        r = OxmlElement("w:r")
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r.append(fc)
        para._p.append(r)

    def _toc_style(self, level: int):
        name = f"toc {level}"
        try:
            return self.doc.styles[name]
        except KeyError:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            return style

    # ----- package parts -----------------------------------------------------
    def numbering(self, text: str, first: int) -> None:
        """One numbering definition for the paragraph numbers (``1.``, ``16.1``, Arabic ``1 -``)."""
        numbering = self.doc.part.numbering_part.element
        abstract = etree.fromstring(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUM_ID}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{first}"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="tab"/>'
            '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>'
            '<w:ind w:left="709" w:firstLine="0"/></w:pPr></w:lvl></w:abstractNum>')
        num = etree.fromstring(f'<w:num {nsdecls("w")} w:numId="{NUM_ID}">'
                               f'<w:abstractNumId w:val="{NUM_ID}"/></w:num>')
        nums = numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(num)

    def footnotes_part(self, texts: dict[str, str]) -> None:
        """Write word/footnotes.xml (separators + one note per reference) and relate it."""
        rtl = "<w:bidi/>" if self.rtl else ""
        rrtl = "<w:rtl/>" if self.rtl else ""
        xml = [f'<w:footnotes {nsdecls("w")}>',
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        size = int(max(self.size - 2, 8) * 2)
        for i, (number, _) in enumerate(self.footnotes, start=1):
            body = escape(" " + texts[number])
            xml.append(
                f'<w:footnote w:id="{i}"><w:p><w:pPr>{rtl}<w:spacing w:after="40" w:line="{size * 12}" w:lineRule="exact"/>'
                f'<w:ind w:left="1247" w:right="1247" w:hanging="240"/><w:jc w:val="{"right" if self.rtl else "both"}"/></w:pPr>'
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{rrtl}</w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{rrtl}</w:rPr>'
                f'<w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:footnote>')
        xml.append("</w:footnotes>")
        blob = etree.tostring(etree.fromstring("".join(xml)), xml_declaration=True,
                              encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self.doc.settings.element
        pr = etree.fromstring(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(pr)
        else:
            settings.append(pr)

    def build(self) -> bytes:
        self.setup()
        self.headers_footers()
        self.masthead()
        if self.src.get("toc"):
            self.contents()
        units = self.src["units"]
        paras = [u["number"] for u in units if u["kind"] == "paragraph"]
        numbered: set[str] = set()
        pattern = numbering_pattern(paras, self.lang) if self.auto else None
        if pattern:
            numbered = set(paras)
            self.numbering(*pattern)
        notes = {u["number"]: join_sentences(u["text"][self.lang], self.lang)
                 for u in units if u["kind"] == "footnote"}
        labels = unit_labels(units, self.lang)
        for unit, label, depth in zip(units, labels, subitem_depths(units)):
            if unit["kind"] != "footnote":
                self.unit(unit, label, depth, numbered)
        if self.footnotes:
            self.footnotes_part(notes)
        out = io.BytesIO()
        self.doc.save(out)
        return normalise_zip(out.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, so that rebuilding gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def render_docx(doc: dict, lang: str, *, auto_numbering: bool = False,
                pages: dict[str, int] | None = None) -> bytes:
    """The .docx bytes of one language version.

    Args:
        doc: the source document (validated).
        lang: the language to render.
        auto_numbering: number the paragraphs with Word auto-numbering (numbering.xml)
            instead of typing ``1.`` into the text.
        pages: page of each heading listed in the contents (``toc.find_pages``).
    """
    return DocxWriter(doc, lang, auto_numbering, pages or {}).build()
