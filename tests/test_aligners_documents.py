"""Paragraph anchors, document pairs and the multilingual rows."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligners import align_documents, align_pair, document_units
from align.alignment import FLAG_LABEL_MISMATCH, FLAG_UNALIGNED
from align.document import DocMeta, Document, Segment
from align.errors import AlignmentInputError
try:                                      # `python -m pytest` (the repo root on sys.path)
    from tests.test_aligners_dp import BagEmbedder, sentences
except ImportError:                       # plain `pytest` (tests/ on sys.path)
    from test_aligners_dp import BagEmbedder, sentences

SYMBOL = ["E/CN.7/2026/5"]


def make_doc(lang: str, paras: list[tuple[str, str | None, str]], symbols=SYMBOL,
             name: str | None = None) -> Document:
    """paras: (kind, number, text)."""
    segs = [Segment("front", None, "Commission on Narcotic Drugs")]
    for kind, number, text in paras:
        segs.append(Segment(kind, number, text, level=1 if kind == "heading" else 0))
    segs.append(Segment("footnote", "1", "A footnote that is never aligned."))
    return Document(lang=lang, meta=DocMeta(symbols=list(symbols)), segments=segs,
                    name=name or f"doc.{lang}.txt", fmt="txt")


def base_paras(n: int = 12) -> list[tuple[str, str | None, str]]:
    texts = sentences(n + 2, seed=42, words=10)
    paras = [("body", None, texts[0]), ("heading", "I", texts[1])]
    paras += [("paragraph", str(i + 1), texts[i + 2]) for i in range(n)]
    return paras


def pairs(pa) -> list[tuple[list[int], list[int]]]:
    return [(b.src, b.tgt) for b in pa.beads]


def test_document_units_skip_front_and_footnotes():
    doc = make_doc("en", base_paras(3))
    units = document_units(doc, "paragraph")
    assert [u.kind for u in units] == ["body", "heading", "paragraph", "paragraph", "paragraph"]
    assert [u.number for u in units] == [None, "I", "1", "2", "3"]
    assert all(doc.segments[u.segment].text == u.text for u in units)
    sents = document_units(make_doc("en", [("paragraph", "1", "One. Two. Three.")]), "sentence")
    assert [u.text for u in sents] == ["One.", "Two.", "Three."]
    assert [u.sentence for u in sents] == [0, 1, 2] and {u.number for u in sents} == {"1"}
    with pytest.raises(AlignmentInputError):
        document_units(doc, "word")


def _variant(kind: str):
    paras = base_paras()
    tgt = list(paras)
    expected = [([i], [i]) for i in range(len(paras))]
    if kind == "missing number":            # the reader missed paragraph 5's number
        k, p, t = tgt[6]
        tgt[6] = ("body", None, t)
    elif kind == "repeated number":         # 6 misread as a second 5
        k, p, t = tgt[7]
        tgt[7] = (k, "5", t)
    elif kind == "paragraph deleted":       # paragraph 7 missing in the translation
        del tgt[8]
        expected = [([i], [i]) for i in range(8)] + [([8], [])] + \
                   [([i], [i - 1]) for i in range(9, len(paras))]
    elif kind == "paragraph split":         # paragraph 4 split in two in the translation
        k, p, t = tgt[5]
        words = t.split()
        tgt[5:6] = [(k, p, " ".join(words[:5])), ("body", None, " ".join(words[5:]))]
        expected = [([i], [i]) for i in range(5)] + [([5], [5, 6])] + \
                   [([i], [i + 1]) for i in range(6, len(paras))]
    return paras, tgt, expected


@pytest.mark.parametrize("kind", ["identical", "missing number", "repeated number",
                                  "paragraph deleted", "paragraph split"])
def test_paragraph_alignment_is_robust_to_numbering_problems(kind):
    src, tgt, expected = _variant(kind)
    pa = align_pair(make_doc("zh", src), make_doc("fr", tgt), embedder=BagEmbedder())
    assert pairs(pa) == expected
    if kind == "repeated number":
        bead = pa.beads[7]
        assert FLAG_LABEL_MISMATCH in bead.flags


def test_labels_separate_identical_texts():
    """Two paragraphs with the same text are told apart by their numbers."""
    same = "the commission took note of the report"
    paras = [("paragraph", "1", same), ("paragraph", "2", "w1 w2 w3 w4 w5"),
             ("paragraph", "3", same)]
    tgt = [("paragraph", "2", "w1 w2 w3 w4 w5"), ("paragraph", "3", same)]
    pa = align_pair(make_doc("zh", paras), make_doc("en", tgt), embedder=BagEmbedder())
    assert pairs(pa) == [([0], []), ([1], [0]), ([2], [1])]


def test_sentence_unit_aligns_inside_paragraphs():
    src = [("paragraph", "1", "Aa bb cc dd. Ee ff gg hh."), ("paragraph", "2", "Ii jj kk ll.")]
    tgt = [("paragraph", "1", "Aa bb cc dd ee ff gg hh."), ("paragraph", "2", "Ii jj kk ll.")]
    pa = align_pair(make_doc("en", src), make_doc("fr", tgt), unit="sentence",
                    embedder=BagEmbedder())
    assert [u.text for u in pa.src] == ["Aa bb cc dd.", "Ee ff gg hh.", "Ii jj kk ll."]
    assert pairs(pa) == [([0, 1], [0]), ([2], [1])]
    assert pa.unit == "sentence"


def test_align_documents_rows_and_orphans():
    paras = base_paras(6)
    docs = [make_doc("zh", paras)]
    fr = list(paras)
    del fr[3]                                            # fr lacks paragraph 2
    es = list(paras)
    es.insert(5, ("body", None, "z1 z2 z3 z4 z5 z6 z7 z8"))   # es has an extra paragraph
    docs += [make_doc("fr", fr), make_doc("es", es), make_doc("en", paras)]
    seen = []
    al = align_documents(docs, embedder=BagEmbedder(), progress=lambda s, f: seen.append(f))
    assert al.langs == ["zh", "fr", "es", "en"] and al.pivot == "zh"
    assert seen and seen[-1] == 1.0
    zh_rows = [r for r in al.rows if r.cells["zh"]]
    assert [r.cells["zh"] for r in zh_rows] == [[i] for i in range(len(paras))]
    assert all(r.cells["en"] == r.cells["zh"] for r in zh_rows)
    missing = zh_rows[3]
    assert missing.cells["fr"] == [] and FLAG_UNALIGNED in missing.flags["fr"]
    assert missing.status == "flagged"
    orphan = [r for r in al.rows if not r.cells["zh"]]
    assert len(orphan) == 1 and orphan[0].cells["es"] == [5]
    assert al.rows.index(orphan[0]) == al.rows.index(zh_rows[4]) + 1
    assert [r.number for r in zh_rows[2:4]] == ["1", "2"]
    assert al.docs["fr"].symbols == SYMBOL
    assert al.signature["model"] == "fake-bag" and al.signature["params"]["pivot"] == "zh"
    assert al.signature["warnings"] == []


def test_other_pivot():
    paras = base_paras(3)
    al = align_documents([make_doc("zh", paras), make_doc("en", paras)], embedder=BagEmbedder(),
                         pivot="en")
    assert al.langs == ["en", "zh"]


@pytest.mark.parametrize("docs, message", [
    (lambda: [make_doc("zh", base_paras(2))], "at least two"),
    (lambda: [make_doc("zh", base_paras(2)), make_doc("fr", base_paras(2), name="a.pdf"),
              make_doc("fr", base_paras(2), name="b.pdf")], "two files are in French: a.pdf, b.pdf"),
    (lambda: [make_doc("en", base_paras(2)), make_doc("fr", base_paras(2))], "no Chinese"),
    (lambda: [make_doc("zh", base_paras(2)), make_doc("fr", [], name="empty.pdf")], "empty.pdf"),
])
def test_bad_document_sets(docs, message):
    with pytest.raises(AlignmentInputError, match=message):
        align_documents(docs(), embedder=BagEmbedder())


def test_different_symbols_warn_and_flag():
    paras = base_paras(3)
    docs = [make_doc("zh", paras), make_doc("en", paras, symbols=["A/81/6"], name="other.pdf")]
    al = align_documents(docs, embedder=BagEmbedder())
    assert len(al.signature["warnings"]) == 1 and "other.pdf" in al.signature["warnings"][0]
    assert all("symbol_mismatch" in r.flags["en"] for r in al.rows if r.cells["en"])
    assert all(r.status == "flagged" for r in al.rows)


def test_wildly_different_lengths_do_not_crash():
    short = base_paras(1)
    long = base_paras(40)
    al = align_documents([make_doc("zh", short), make_doc("en", long)], embedder=BagEmbedder())
    n_en = sum(len(r.cells["en"]) for r in al.rows)
    assert n_en == len(long)


ZH = [("heading", "I", "导言"),
      ("paragraph", "1", "麻醉药品委员会于2022年12月8日和9日在维也纳举行了第六十五届会议续会。"),
      ("paragraph", "2", "工作组审议了毒品和犯罪问题办公室的财务状况。会员国对预算削减表示关切。"),
      ("paragraph", "3", "委员会建议大会核准该战略。")]
EN = [("heading", "I", "Introduction"),
      ("paragraph", "1", "The Commission on Narcotic Drugs held its reconvened sixty-fifth session "
                         "in Vienna on 8 and 9 December 2022."),
      ("paragraph", "2", "The working group considered the financial situation of the United "
                         "Nations Office on Drugs and Crime. Member States expressed concern "
                         "about the budget cuts."),
      ("paragraph", "3", "The Commission recommended that the General Assembly approve the "
                         "strategy.")]
FR = [("heading", "I", "Introduction"),
      ("paragraph", "1", "La Commission des stupéfiants a tenu la reprise de sa soixante-cinquième "
                         "session à Vienne les 8 et 9 décembre 2022."),
      ("paragraph", "2", "Le groupe de travail a examiné la situation financière de l’Office des "
                         "Nations Unies contre la drogue et le crime. Les États Membres se sont "
                         "dits préoccupés par les réductions budgétaires."),
      ("paragraph", "3", "La Commission a recommandé que l’Assemblée générale approuve la "
                         "stratégie.")]


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_real_model_end_to_end(embedder, unit):
    docs = [make_doc("zh", ZH), make_doc("en", EN), make_doc("fr", FR)]
    al = align_documents(docs, unit=unit, embedder=embedder)
    n = len(al.units["zh"])
    assert n == (4 if unit == "paragraph" else 5)
    for lang in ("en", "fr"):
        assert [r.cells[lang] for r in al.rows] == [[i] for i in range(n)], lang
        assert min(r.confidence[lang] for r in al.rows) > 0.5
    assert np.isclose(sum(1 for r in al.rows if r.flagged), 0)
