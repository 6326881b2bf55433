"""Exports read back: TBX-Basic v2 and TMX by translate-toolkit, TBX v3 by a RELAX NG
schema written here, every format by our own readers with every field intact."""

from __future__ import annotations

import pytest
from lxml import etree

from align.terms.export import glossary_bytes
from align.terms.glossary import Concept, Term
from align.terms.seed import load_seed
from align.terms.tabular import read_csv, read_xlsx
from align.terms.tbx import read_tbx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CODES = {"zh": "zh-CN", "en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}


def full_concept() -> Concept:
    """A concept using every field, with characters that stress XML and spreadsheets."""
    t = dict(created_by="Li Wei", created_at="2026-11-27T10:00:00Z", modified_by="Ana",
             modified_at="2026-11-27T11:30:00Z")
    return Concept(
        id="s-test", domain="budget", definition="Costs <recovered> & \"shared\"",
        origin="suggested", score=0.875, created_by="bot", created_at="2026-11-27T09:00:00Z",
        modified_by="Ana", modified_at="2026-11-27T11:30:00Z",
        terms=[
            Term("zh", "方案支助费用", status="accepted", source="E/CN.7/2022/3/Add.1",
                 paragraph="9", context="灵活运用和分配方案支助费用。", **t),
            Term("en", "programme support cost", status="accepted", note="=SUM(A1) is not a formula",
                 source="E/CN.7/2022/3/Add.1", paragraph="9", context="… support cost funds.", **t),
            Term("en", "PSC", term_type="acronym", status="candidate", **t),
            Term("fr", "dépenses d'appui aux programmes", status="candidate", pos="noun", **t),
            Term("es", "gastos de apoyo a los programas", status="accepted", **t),
            Term("ru", "расходы на поддержку программ", status="accepted", **t),
            Term("ar", "تكاليف دعم البرامج", status="accepted", **t),
            Term("ar", "تكاليف الدعم", term_type="variant", status="rejected", **t),
        ])


def exported(c: Concept, fmt: str, *, rejected: bool = False) -> Concept:
    """What a format keeps: everything but the app's evidence (and, in TBX, the score)."""
    terms = [t for t in c.terms if rejected or t.status != "rejected"]
    score = 0.0 if fmt.startswith("tbx") else c.score
    return Concept(**{**c.__dict__, "terms": terms, "evidence": {}, "score": score})


@pytest.mark.parametrize("fmt", ["tbx", "tbx3", "csv", "xlsx"])
def test_round_trip_keeps_every_field(fmt):
    c = full_concept()
    reader = {"tbx": read_tbx, "tbx3": read_tbx, "csv": read_csv, "xlsx": read_xlsx}[fmt]
    assert reader(glossary_bytes([c], fmt)) == [exported(c, fmt)]
    back_all = reader(glossary_bytes([c], fmt, include_rejected=True))
    assert back_all == [exported(c, fmt, rejected=True)]


@pytest.mark.parametrize("fmt", ["tbx", "tbx3", "csv", "xlsx"])
def test_round_trip_of_the_whole_seed(fmt):
    seed = load_seed()
    reader = {"tbx": read_tbx, "tbx3": read_tbx, "csv": read_csv, "xlsx": read_xlsx}[fmt]
    assert reader(glossary_bytes(seed, fmt)) == seed


def test_translate_toolkit_reads_tbx_v2_with_every_language():
    from translate.storage import tbx

    seed = load_seed()
    data = glossary_bytes(seed, "tbx")
    assert b"<martif" in data and b'type="TBX-Basic-V1"' in data
    for lang in ("en", "fr", "es", "ru", "ar"):
        store = tbx.tbxfile.parsestring(data, sourcelanguage="zh-CN", targetlanguage=CODES[lang])
        assert len(store.units) == len(seed)
        for unit, c in zip(store.units, seed):
            assert unit.getid() == c.id
            assert [t.text for t in unit.get_source_terms()] == [t.text for t in c.terms_in("zh")]
            assert [t.text for t in unit.get_target_terms()] == [t.text for t in c.terms_in(lang)]
    unit = tbx.tbxfile.parsestring(data, sourcelanguage="zh-CN").units[0]
    langs = [n.get(XML_LANG) for n in unit.getlanguageNodes()]
    assert langs == ["zh-CN", "en", "fr", "es", "ru", "ar"]


def test_translate_toolkit_reads_tbx_v2_fields():
    from translate.storage import tbx

    data = glossary_bytes([full_concept()], "tbx")
    unit = tbx.tbxfile.parsestring(data, sourcelanguage="zh-CN", targetlanguage="en").units[0]
    src = unit.get_source_terms()[0]
    assert src.text == "方案支助费用" and src.administrative_status == "preferredTerm-admn-sts"
    notes = {(n.category, n.text) for n in src.notes}
    assert ("subjectField", "budget") in notes
    assert ("definition", 'Costs <recovered> & "shared"') in notes
    assert [t.text for t in unit.get_target_terms()] == ["programme support cost", "PSC"]


def test_translate_toolkit_reads_the_tmx_glossary():
    from translate.storage import tmx

    seed = load_seed()
    data = glossary_bytes(seed, "tmx")
    header = etree.fromstring(data).find("header")
    assert header.get("srclang") == "zh-CN" and header.get("segtype") == "phrase"
    assert len(header.get("creationdate")) == 16 and header.get("creationdate").endswith("Z")
    store = tmx.tmxfile.parsestring(data)
    assert len(store.units) == len(seed)
    for unit, c in zip(store.units, seed):
        got = {n.get(XML_LANG): unit.getNodeText(n) for n in unit.getlanguageNodes()}
        assert got == {CODES[lang]: c.preferred(lang) for lang in CODES}


def test_tmx_keeps_synonyms_status_and_source_as_props():
    root = etree.fromstring(glossary_bytes([full_concept()], "tmx"))
    tu = root.find("body/tu")
    assert tu.get("tuid") == "s-test" and tu.get("changedate") == "20261127T113000Z"
    en = next(t for t in tu.findall("tuv") if t.get(XML_LANG) == "en")
    props = {p.get("type"): p.text for p in en.findall("prop")}
    assert props["x-status"] == "accepted" and props["x-symbol"] == "E/CN.7/2022/3/Add.1"
    assert props["x-paragraph"] == "9" and props["x-synonym"] == "PSC\tacronym\tcandidate"
    assert en.find("seg").text == "programme support cost"


def test_tmx_leaves_out_concepts_without_the_source_language():
    only_en = Concept("x", [Term("en", "alpha"), Term("fr", "alpha")])
    root = etree.fromstring(glossary_bytes([only_en, full_concept()], "tmx"))
    assert [tu.get("tuid") for tu in root.iter("tu")] == ["s-test"]


#: the TBX v3 (ISO 30042:2019) DCA structure our exports must follow
TBX3_RNG = """
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:iso:std:iso:30042:ed-2"
         datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="tbx"/></start>
  <define name="lang"><attribute name="xml:lang" ns="http://www.w3.org/XML/1998/namespace">
    <data type="language"/></attribute></define>
  <define name="typed"><attribute name="type"><text/></attribute><text/></define>
  <define name="transacGrp"><element name="transacGrp">
    <element name="transac"><ref name="typed"/></element>
    <optional><element name="date"><text/></element></optional>
    <optional><element name="transacNote"><ref name="typed"/></element></optional>
  </element></define>
  <define name="tbx"><element name="tbx">
    <attribute name="type"><value>TBX-Core</value></attribute>
    <attribute name="style"><value>dca</value></attribute>
    <ref name="lang"/>
    <element name="tbxHeader"><element name="fileDesc">
      <optional><element name="titleStmt"><element name="title"><text/></element></element></optional>
      <element name="sourceDesc"><oneOrMore><element name="p"><text/></element></oneOrMore></element>
    </element></element>
    <element name="text"><element name="body"><zeroOrMore><ref name="conceptEntry"/></zeroOrMore>
    </element></element>
  </element></define>
  <define name="conceptEntry"><element name="conceptEntry">
    <attribute name="id"><data type="ID"/></attribute>
    <zeroOrMore><choice>
      <element name="descrip"><ref name="typed"/></element>
      <element name="admin"><ref name="typed"/></element>
      <ref name="transacGrp"/>
    </choice></zeroOrMore>
    <oneOrMore><element name="langSec"><ref name="lang"/>
      <oneOrMore><element name="termSec">
        <element name="term"><text/></element>
        <zeroOrMore><choice>
          <element name="termNote"><ref name="typed"/></element>
          <element name="descrip"><ref name="typed"/></element>
          <element name="admin"><ref name="typed"/></element>
          <element name="note"><text/></element>
          <ref name="transacGrp"/>
        </choice></zeroOrMore>
      </element></oneOrMore>
    </element></oneOrMore>
  </element></define>
</grammar>
"""


def test_tbx_v3_validates_against_the_structure_schema():
    schema = etree.RelaxNG(etree.fromstring(TBX3_RNG.encode()))
    for concepts in (load_seed(), [full_concept()]):
        doc = etree.fromstring(glossary_bytes(concepts, "tbx3"))
        assert schema.validate(doc), schema.error_log.last_error
    data = glossary_bytes(load_seed(), "tbx3")
    assert b'<?xml-model href=' in data
    root = etree.fromstring(data)
    langs = {ls.get(XML_LANG) for ls in root.iter("{urn:iso:std:iso:30042:ed-2}langSec")}
    assert langs == set(CODES.values())


def test_characters_outside_xml_are_dropped():
    c = Concept("bad", [Term("zh", "会员国\x0b"), Term("en", "Member\x00 States")])
    for fmt in ("tbx", "tbx3", "tmx"):
        data = glossary_bytes([c], fmt)
        etree.fromstring(data)
        assert "Member States" in data.decode()


def test_csv_neutralises_formulas_and_keeps_text():
    data = glossary_bytes([full_concept()], "csv")
    assert "'=SUM(A1)" in data.decode("utf-8-sig")
    assert read_csv(data)[0].terms[1].note == "=SUM(A1) is not a formula"


def test_unknown_format_is_refused():
    from align.errors import ExportError

    with pytest.raises(ExportError):
        glossary_bytes([], "docx")
