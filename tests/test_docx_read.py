"""DOCX reader: numbering, footnotes, fields, track changes, text boxes, tables, pages.

The packages are built here from WordprocessingML snippets (no binary fixtures).
"""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def p(text: str = "", ppr: str = "", runs: str | None = None) -> str:
    """A paragraph: plain text in one run, or the given run XML."""
    body = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def numbered(text: str, num_id: int, ilvl: int = 0, extra: str = "") -> str:
    return p(text, f'{extra}<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """abstracts: id -> level XML; nums: numId -> (abstractNumId, override XML)."""
    out = [f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>']
    for aid, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
    for nid, (aid, over) in nums.items():
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def build(body: str, *, numbering_xml: str | None = None, styles_xml: str | None = None,
          footnotes_xml: str | None = None, headers: dict[str, str] | None = None,
          sect: str = "", extra_parts: dict[str, bytes] | None = None,
          document_xml: str | None = None) -> bytes:
    """A .docx package (bytes) with the given body XML and optional parts."""
    rels = [f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>']
    parts: dict[str, bytes] = {}
    if numbering_xml is not None:
        rels.append(f'<Relationship Id="rIdNum" Type="{REL}/numbering" Target="numbering.xml"/>')
        parts["word/numbering.xml"] = numbering_xml.encode()
    if footnotes_xml is not None:
        rels.append(f'<Relationship Id="rIdFn" Type="{REL}/footnotes" Target="footnotes.xml"/>')
        parts["word/footnotes.xml"] = footnotes_xml.encode()
    for rid, xml in (headers or {}).items():
        kind = "footer" if "footer" in rid else "header"
        rels.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{rid}.xml"/>')
        parts[f"word/{rid}.xml"] = xml.encode()
    parts["word/styles.xml"] = (styles_xml or f'<?xml version="1.0"?><w:styles {NS}/>').encode()
    doc = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
        f"{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    )
    parts["word/document.xml"] = doc.encode()
    parts["word/_rels/document.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/relationships">{"".join(rels)}</Relationships>'
    ).encode()
    parts.update(extra_parts or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def footnotes(notes: dict[int, str]) -> str:
    seps = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            "</w:r></w:p></w:footnote>")
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {t}</w:t></w:r></w:p></w:footnote>'
        for i, t in notes.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>{seps}{body}</w:footnotes>'


# --- tests ----------------------------------------------------------------------------

import pytest  # noqa: E402

from align.io.docx import read_docx  # noqa: E402


def _blocks(data: bytes, role: str | None = None):
    raw = read_docx(data, "t.docx")
    return [b for b in raw.blocks if role is None or b.role == role]


def _labels(body: str, numbering_xml: str, styles_xml: str | None = None) -> list[str | None]:
    return [b.label for b in _blocks(build(body, numbering_xml=numbering_xml,
                                            styles_xml=styles_xml), "para")]


# numbering: (levels of abstract 1, overrides per numId, paragraphs as (numId, ilvl), labels)
NUMBERING_CASES = [
    ("budget 16.%1", [level(0, "decimal", "16.%1")], {1: ""}, [(1, 0)] * 3, ["16.1", "16.2", "16.3"]),
    ("outline %1.%2", [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2")], {1: ""},
     [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)], ["1.", "1.1", "1.2", "2.", "2.1"]),
    ("sub-items (a)", [level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)")], {1: ""},
     [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)], ["1.", "(a)", "(b)", "2.", "(a)"]),
    ("roman (i)", [level(0, "lowerRoman", "(%1)")], {1: ""}, [(1, 0)] * 4,
     ["(i)", "(ii)", "(iii)", "(iv)"]),
    ("chapters I.", [level(0, "upperRoman", "%1.")], {1: ""}, [(1, 0)] * 3, ["I.", "II.", "III."]),
    ("start 5", [level(0, "decimal", "%1.", start=5)], {1: ""}, [(1, 0)] * 2, ["5.", "6."]),
    ("letters past z", [level(0, "lowerLetter", "%1)", start=26)], {1: ""}, [(1, 0)] * 2,
     ["z)", "aa)"]),
    ("chinese 一.", [level(0, "chineseCounting", "%1.")], {1: ""}, [(1, 0)] * 3, ["一.", "二.", "三."]),
    ("chinese 十一", [level(0, "chineseCounting", "%1、", start=10)], {1: ""}, [(1, 0)] * 2,
     ["十、", "十一、"]),
    ("arabic (أ)", [level(0, "arabicAlpha", "(%1)")], {1: ""}, [(1, 0)] * 2, ["(أ)", "(ب)"]),
    ("russian а)", [level(0, "russianLower", "%1)")], {1: ""}, [(1, 0)] * 2, ["а)", "б)"]),
    ("two nums share one list", [level(0, "decimal", "%1.")], {1: "", 2: ""},
     [(1, 0), (2, 0), (1, 0)], ["1.", "2.", "3."]),
    ("startOverride restarts", [level(0, "decimal", "%1.")],
     {1: "", 2: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'},
     [(1, 0), (1, 0), (2, 0), (2, 0)], ["1.", "2.", "1.", "2."]),
    ("override to 16", [level(0, "decimal", "%1.")],
     {3: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="16"/></w:lvlOverride>'},
     [(3, 0), (3, 0)], ["16.", "17."]),
    ("legal numbering", [level(0, "upperRoman", "%1."),
                         level(1, "decimal", "%1.%2", extra="<w:isLgl/>")], {1: ""},
     [(1, 0), (1, 1), (1, 0), (1, 1)], ["I.", "1.1", "II.", "2.1"]),
    ("no restart", [level(0, "decimal", "%1."),
                    level(1, "decimal", "%2)", extra='<w:lvlRestart w:val="0"/>')], {1: ""},
     [(1, 1), (1, 0), (1, 1)], ["1)", "1.", "2)"]),
    ("bullets have no label", [level(0, "bullet", "\uf0b7")], {1: ""}, [(1, 0)], [None]),
    ("numId 0 switches off", [level(0, "decimal", "%1.")], {1: ""}, [(0, 0), (1, 0)], [None, "1."]),
]


@pytest.mark.parametrize("case, levels, nums, paras, expected", NUMBERING_CASES,
                         ids=[c[0] for c in NUMBERING_CASES])
def test_word_auto_numbering_is_recovered(case, levels, nums, paras, expected):
    xml = numbering({1: levels}, {nid: (1, over) for nid, over in nums.items()})
    body = "".join(numbered(f"text {i}", nid, ilvl) for i, (nid, ilvl) in enumerate(paras))
    assert _labels(body, xml) == expected


def test_numbering_through_the_paragraph_style():
    styles = (f'<?xml version="1.0"?><w:styles {NS}>'
              '<w:style w:type="paragraph" w:styleId="Para"><w:name w:val="Numbered Para"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Child"/>'
              '<w:basedOn w:val="Para"/></w:style></w:styles>')
    xml = numbering({1: [level(0, "decimal", "16.%1")]}, {1: (1, "")})
    body = (p("one", '<w:pStyle w:val="Para"/>') + p("plain") + p("two", '<w:pStyle w:val="Child"/>')
            + p("", '<w:pStyle w:val="Para"/>') + p("three", '<w:pStyle w:val="Para"/>'))
    blocks = _blocks(build(body, numbering_xml=xml, styles_xml=styles), "para")
    assert [(b.label, b.text, b.style) for b in blocks] == [
        ("16.1", "one", "Numbered Para"), (None, "plain", None), ("16.2", "two", "Child"),
        ("16.3", "three", "Numbered Para")]


def test_footnotes_apart_from_body_in_reference_order():
    body = p(runs='<w:r><w:t xml:space="preserve">Body text</w:t></w:r>'
                  '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                  '<w:footnoteReference w:id="7"/></w:r><w:r><w:t xml:space="preserve"> and more'
                  '</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t>.</w:t></w:r>')
    body += p("Next paragraph.")
    data = build(body, footnotes_xml=footnotes({3: "Second note.", 7: "See resolution 64/7."}))
    blocks = _blocks(data)
    assert [(b.role, b.label, b.text) for b in blocks] == [
        ("para", None, "Body text and more."),
        ("footnote", "1", "See resolution 64/7."),
        ("footnote", "2", "Second note."),
        ("para", None, "Next paragraph."),
    ]


def test_custom_footnote_mark_becomes_the_label():
    body = p(runs='<w:r><w:t>Title</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" '
                  'w:id="1"/><w:t>*</w:t></w:r>')
    blocks = _blocks(build(body, footnotes_xml=footnotes({1: "Reissued for technical reasons."})))
    assert [(b.role, b.label, b.text) for b in blocks] == [
        ("para", None, "Title"), ("footnote", "*", "Reissued for technical reasons.")]


RUN_CASES = [
    ("tab and soft break", '<w:r><w:t>16.1</w:t><w:tab/><w:t>The</w:t><w:br/><w:t>Office</w:t></w:r>',
     "16.1 The Office"),
    ("complex field keeps result",
     '<w:r><w:t xml:space="preserve">see </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
     '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://undocs.org" </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>A/81/6</w:t></w:r>'
     '<w:r><w:fldChar w:fldCharType="end"/></w:r>', "see A/81/6"),
    ("simple field", '<w:fldSimple w:instr=" PAGE "><w:r><w:t>12</w:t></w:r></w:fldSimple>', "12"),
    ("track changes", '<w:r><w:t xml:space="preserve">kept </w:t></w:r><w:ins w:id="1"><w:r><w:t>'
     'inserted</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>deleted</w:delText></w:r></w:del>',
     "kept inserted"),
    ("hyperlink and smart tag", '<w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r></w:hyperlink>'
     '<w:smartTag w:element="place"><w:r><w:t xml:space="preserve"> Vienna</w:t></w:r></w:smartTag>',
     "link Vienna"),
    ("hyphens", '<w:r><w:t>State</w:t><w:noBreakHyphen/><w:t>driven co</w:t><w:softHyphen/>'
     '<w:t>operation</w:t></w:r>', "State-driven cooperation"),
    ("content control", '<w:sdt><w:sdtContent><w:r><w:t>inside</w:t></w:r></w:sdtContent></w:sdt>',
     "inside"),
    ("comment marks", '<w:r><w:t>a</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>b</w:t></w:r>'
     '<w:r><w:commentReference w:id="0"/></w:r>', "ab"),
    ("chinese soft break", '<w:r><w:t>麻醉药品</w:t><w:br/><w:t>委员会</w:t></w:r>', "麻醉药品委员会"),
]


@pytest.mark.parametrize("case, runs, expected", RUN_CASES, ids=[c[0] for c in RUN_CASES])
def test_run_content(case, runs, expected):
    assert [b.text for b in _blocks(build(p(runs=runs)))] == [expected]


def test_text_box_is_its_own_paragraph_once():
    box = ('<w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent>')
    runs = ('<w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>'
            f'<wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape>'
            '</w:pict></mc:Fallback></mc:AlternateContent></w:r>')
    assert [b.text for b in _blocks(build(p(runs=runs)))] == ["Anchor", "Box text"]


def test_tables_are_table_blocks_in_order():
    cell = lambda t: f"<w:tc>{p(t)}</w:tc>"  # noqa: E731
    inner = f"<w:tbl><w:tr>{cell('nested')}</w:tr></w:tbl>"
    table = (f"<w:tbl><w:tr>{cell('Year')}{cell('2025')}</w:tr>"
             f"<w:tr><w:tc>{p('Total')}{inner}</w:tc>{cell('12')}</w:tr></w:tbl>")
    blocks = _blocks(build(p("Before.") + table + p("After.")))
    assert [(b.role, b.text) for b in blocks] == [
        ("para", "Before."), ("table", "Year"), ("table", "2025"), ("table", "Total"),
        ("table", "nested"), ("table", "12"), ("para", "After.")]


def test_pages_from_page_breaks():
    body = (p("one") + p(runs='<w:r><w:t>two</w:t><w:br w:type="page"/></w:r>') + p("three")
            + p("four", "<w:pageBreakBefore/>"))
    assert [(b.page, b.text) for b in _blocks(build(body))] == [
        (1, "one"), (1, "two"), (2, "three"), (3, "four")]


def test_pages_from_rendered_breaks():
    body = (p("one") + p(runs="<w:r><w:lastRenderedPageBreak/><w:t>two</w:t></w:r>")
            + p(runs='<w:r><w:t>three</w:t><w:br w:type="page"/></w:r>')
            + p(runs="<w:r><w:lastRenderedPageBreak/><w:t>four</w:t></w:r>"))
    raw = read_docx(build(body), "t.docx")
    assert [(b.page, b.text) for b in raw.blocks] == [(1, "one"), (2, "two"), (2, "three"), (3, "four")]
    assert raw.page_count == 3


def test_bold_and_size():
    styles = (f'<?xml version="1.0"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>'
              '<w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="_ H_1"/><w:rPr><w:b/>'
              '<w:sz w:val="24"/></w:rPr></w:style></w:styles>')
    body = (p("Heading", '<w:pStyle w:val="H1"/>')
            + p(runs='<w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r><w:r><w:t> plain text</w:t></w:r>')
            + p(runs='<w:r><w:rPr><w:b w:val="0"/><w:sz w:val="17"/></w:rPr><w:t>Small</w:t></w:r>'))
    blocks = _blocks(build(body, styles_xml=styles))
    assert [(b.bold, b.size, b.style) for b in blocks] == [
        (True, 12.0, "_ H_1"), (False, 10.0, None), (False, 8.5, None)]


def test_first_page_header_and_footer_as_furniture():
    hdr = (f'<?xml version="1.0"?><w:hdr {NS}>{p("United Nations")}{p("E/CN.7/2022/3/Add.1")}</w:hdr>')
    ftr = f'<?xml version="1.0"?><w:ftr {NS}>{p("V.22-22288 (E)")}</w:ftr>'
    other = f'<?xml version="1.0"?><w:hdr {NS}>{p("running title")}</w:hdr>'
    sect = ('<w:headerReference w:type="default" r:id="header2"/>'
            '<w:headerReference w:type="first" r:id="header1"/>'
            '<w:footerReference w:type="first" r:id="footer1"/><w:titlePg/>')
    data = build(p("Body."), headers={"header1": hdr, "footer1": ftr, "header2": other}, sect=sect)
    assert [(b.role, b.text) for b in _blocks(data)] == [
        ("header", "United Nations"), ("header", "E/CN.7/2022/3/Add.1"),
        ("footer", "V.22-22288 (E)"), ("para", "Body.")]


def test_typed_notes_in_a_frame_are_footnotes():
    frame = '<w:framePr w:w="9792" w:vAnchor="page" w:hAnchor="page" w:y="12961"/>'
    body = (p("Title**") + p(runs='<w:r><w:tab/><w:t>**</w:t><w:tab/><w:t>A/81/50.</w:t></w:r>',
                             ppr=frame))
    assert [(b.role, b.label, b.text) for b in _blocks(build(body))] == [
        ("para", None, "Title**"), ("footnote", "**", "A/81/50.")]


def test_empty_paragraphs_are_skipped_and_document_order_kept():
    body = p("") + p("   ") + p("a") + p("") + p("b")
    assert [b.text for b in _blocks(build(body))] == ["a", "b"]


def test_strict_open_xml_is_read_like_transitional():
    body = p("16.1 Strict paragraph.") + p(runs='<w:r><w:t>two</w:t></w:r>')
    doc = (f'<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>')
    strict = doc.replace(W_NS, "http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships")
    assert [b.text for b in _blocks(build("", document_xml=strict))] == ["16.1 Strict paragraph.", "two"]
