"""Accuracy on the project's gold corpora (``corpora/<doc>/gold/zh-<x>/``).

Three figures per zh–X pair:
- ``para``: paragraphs aligned exactly as in ``para.beads``, documents built from the
  source units (numbers, headings, sub-items) and aligned with ``align_pair``;
- ``sent_doc``: sentence strict/lax F1 of ``align_pair(unit="sentence")`` (paragraphs
  first, then sentences inside each paragraph bead), when our sentence splitter
  reproduces the gold sentences (else reported as ``split differs``);
- ``sent_list``: sentence strict/lax F1 of ``align_sentence_lists`` on ``zh.sent`` and
  ``<x>.sent`` alone (what ``align sentences`` does: no paragraphs, no anchors).

The seed's Chinese text is not in the repository: it is read from
``../shared/seed`` at run time (the document is skipped when that is absent).

Usage: ``python bench/eval_corpora.py [--corpora corpora] [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from align.document import DocMeta, Document, Segment  # noqa: E402
from align.eval import parse_beads, score_many  # noqa: E402

GOLD_KINDS = ("body", "heading", "paragraph", "subitem")
FOOTNOTE_MARK = re.compile(r"\[\^\d+\]")
SEED_ZH = Path("seed") / "000_e90bbdd4b5905527.txt"


class Unavailable(Exception):
    """A document cannot be evaluated here (e.g. the seed without ../shared)."""


@dataclass
class PairData:
    """One zh–X pair of one document."""

    doc_id: str
    lang: str
    zh_sents: list[str]
    x_sents: list[str]
    sent_beads: list[tuple[list[int], list[int]]]
    para_beads: list[tuple[list[int], list[int]]]
    zh_doc: Document
    x_doc: Document
    zh_counts: list[int] = field(default_factory=list)


def gold_documents(corpora: Path) -> list[str]:
    """Ids of the documents that have gold files."""
    return sorted(p.parent.parent.name for p in corpora.glob("*/gold/zh-*/sent.beads")
                  if (p.parent.parent.parent / "gold").is_dir()) and sorted(
        {p.parent.parent.parent.name for p in corpora.glob("*/gold/zh-*/sent.beads")})


def _join(sents: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(FOOTNOTE_MARK.sub("", s).strip() for s in sents)


def _document(units: list[dict], texts: list[list[str]], lang: str, symbols: list[str],
              name: str) -> Document:
    segments = [Segment(kind=u["kind"], number=u.get("number"), text=_join(t, lang),
                        level=int(u.get("level") or 0), parent=u.get("parent"))
                for u, t in zip(units, texts)]
    return Document(lang=lang, meta=DocMeta(symbols=symbols), segments=segments, name=name,
                    fmt="json")


def _seed_zh_units(shared: Path, counts: list[int]) -> list[list[str]]:
    """The seed's Chinese body units as sentence lists, read from ../shared at run time."""
    path = shared / SEED_ZH
    if not path.is_file():
        raise Unavailable(f"{path} is absent")
    try:
        from align.io import read_document
        from align.un.sentences import split_sentences
    except ImportError as exc:
        raise Unavailable(f"the reader is not available: {exc}") from exc
    doc = read_document(path, lang="zh")
    units = [split_sentences(s.text, "zh") for s in doc.body if s.text.strip()]
    got = [len(u) for u in units]
    if got != counts:
        raise Unavailable(f"the reader's zh units/sentences {got} differ from the gold counts {counts}")
    return units


def load_pair(corpora: Path, doc_id: str, lang: str, shared: Path | None) -> PairData:
    """Read the gold of one pair and build its two documents."""
    gold = corpora / doc_id / "gold" / f"zh-{lang}"
    src = json.loads((corpora / "src" / f"{doc_id}.json").read_text(encoding="utf-8"))
    units = [u for u in src["units"] if u["kind"] in GOLD_KINDS]

    def lines(name: str) -> list[str]:
        return (gold / name).read_text(encoding="utf-8").splitlines()

    x_sents = lines(f"{lang}.sent")
    x_units, k = [], 0
    for u in units:
        n = len(u["text"][lang])
        x_units.append(x_sents[k:k + n])
        k += n
    if (gold / "zh.sent").is_file():
        zh_sents = lines("zh.sent")
        zh_units, k = [], 0
        for u in units:
            n = len(u["text"]["zh"])
            zh_units.append(zh_sents[k:k + n])
            k += n
    else:
        counts = [int(c) for c in lines("zh.counts")]
        if shared is None:
            raise Unavailable("the zh side lives in ../shared, which is absent")
        zh_units = _seed_zh_units(shared, counts)
        zh_sents = [s for u in zh_units for s in u]
    sym = {lg: m.get("symbols", []) for lg, m in src.get("langs", {}).items()}
    symbols = sym.get(lang, [])
    return PairData(
        doc_id=doc_id, lang=lang, zh_sents=zh_sents, x_sents=x_sents,
        sent_beads=parse_beads(lines("sent.beads")), para_beads=parse_beads(lines("para.beads")),
        zh_doc=_document(units, zh_units, "zh", sym.get("zh", symbols), f"{doc_id}.zh"),
        x_doc=_document(units, x_units, lang, symbols, f"{doc_id}.{lang}"),
        zh_counts=[len(u) for u in zh_units])


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evaluate_pair(data: PairData, embedder) -> dict:
    """The three figures of one pair (see the module docstring)."""
    from align.aligners import align_pair, align_sentence_lists

    out: dict = {"doc": data.doc_id, "lang": data.lang}
    pa = align_pair(data.zh_doc, data.x_doc, unit="paragraph", embedder=embedder)
    test = {(tuple(b.src), tuple(b.tgt)) for b in pa.beads}
    hits = sum((tuple(s), tuple(t)) in test for s, t in data.para_beads)
    out["para"] = (hits, len(data.para_beads))
    ps = align_pair(data.zh_doc, data.x_doc, unit="sentence", embedder=embedder)
    if [_norm(u.text) for u in ps.src] == [_norm(s) for s in data.zh_sents] and \
            [_norm(u.text) for u in ps.tgt] == [_norm(s) for s in data.x_sents]:
        out["sent_doc"] = ([(b.src, b.tgt) for b in ps.beads], data.sent_beads)
    else:
        out["sent_doc"] = None
    sl = align_sentence_lists(data.zh_sents, data.x_sents, src_lang="zh", tgt_lang=data.lang,
                              embedder=embedder)
    out["sent_list"] = ([(b.src, b.tgt) for b in sl.beads], data.sent_beads)
    return out


def evaluate(corpora: Path, shared: Path | None, embedder) -> tuple[list[dict], list[str]]:
    """All pairs of all gold documents; returns (results, skipped-document notes)."""
    results, skipped = [], []
    for doc_id in gold_documents(corpora):
        for gold in sorted((corpora / doc_id / "gold").glob("zh-*")):
            lang = gold.name.split("-", 1)[1]
            try:
                data = load_pair(corpora, doc_id, lang, shared)
            except Unavailable as exc:
                skipped.append(f"{doc_id}: {exc}")
                break
            results.append(evaluate_pair(data, embedder))
    return results, skipped


def summary_lines(results: list[dict]) -> list[str]:
    """One line per pair and one per language over all documents."""
    lines = []
    by_lang: dict[str, list[dict]] = {}
    for r in results:
        by_lang.setdefault(r["lang"], []).append(r)
        doc = score_many([r["sent_list"][0]], [r["sent_list"][1]])
        sd = (f"{score_many([r['sent_doc'][0]], [r['sent_doc'][1]])['f1_strict']:.4f}"
              if r["sent_doc"] else "split differs")
        lines.append(f"{r['doc']} zh-{r['lang']}: para {r['para'][0]}/{r['para'][1]}  "
                     f"sent_doc strict F1 {sd}  sent_list strict/lax F1 "
                     f"{doc['f1_strict']:.4f}/{doc['f1_lax']:.4f}")
    for lang, rs in by_lang.items():
        sl = score_many([r["sent_list"][0] for r in rs], [r["sent_list"][1] for r in rs])
        docs = [r for r in rs if r["sent_doc"]]
        sd = score_many([r["sent_doc"][0] for r in docs], [r["sent_doc"][1] for r in docs]) \
            if docs else None
        para = (sum(r["para"][0] for r in rs), sum(r["para"][1] for r in rs))
        lines.append(f"ALL zh-{lang}: para {para[0]}/{para[1]}  sent_doc strict F1 "
                     f"{sd['f1_strict']:.4f}" if sd else f"ALL zh-{lang}: para {para[0]}/{para[1]}"
                     f"  sent_doc n/a")
        lines[-1] += f"  sent_list strict/lax F1 {sl['f1_strict']:.4f}/{sl['f1_lax']:.4f}"
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--model", default=None)
    args = parser.parse_args(argv)
    from align.embed import get_embedder

    start = time.perf_counter()
    results, skipped = evaluate(args.corpora, args.shared if args.shared.is_dir() else None,
                                get_embedder(args.model))
    for line in summary_lines(results):
        print(line)
    for note in skipped:
        print(f"skipped {note}")
    print(f"{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
