"""Gold sentence and paragraph alignments for every zh–X pair of a source document."""

from __future__ import annotations

from conventions import join_sentences, strip_marks, unit_labels
from source import GOLD_KINDS, beads_of, doc_langs, sentence_count, zh_external


def _bead_line(zh: list[int], x: list[int]) -> str:
    return "[" + ",".join(map(str, zh)) + "]:[" + ",".join(map(str, x)) + "]"


def _para_line(unit: dict, label: str | None, lang: str) -> str:
    text = strip_marks(join_sentences(unit["text"][lang], lang))
    return f"{label} {text}" if label else text


def gold_files(doc: dict) -> dict[str, dict[str, str]]:
    """``{"zh-en": {"en.sent": ..., "sent.beads": ..., ...}, ...}``, file name -> content.

    Sentences and paragraphs come from the heading, paragraph, sub-item and body units
    in order; footnote references are removed. When the zh text is not stored (the
    seed), ``zh.counts`` gives each unit's number of zh sentences instead of ``zh.sent``
    and ``zh.para``.
    """
    units = [u for u in doc["units"] if u["kind"] in GOLD_KINDS]
    external = zh_external(doc)
    out: dict[str, dict[str, str]] = {}
    for x in doc_langs(doc):
        if x == "zh":
            continue
        zh_off = x_off = 0
        sent_beads: list[str] = []
        x_sents: list[str] = []
        for unit in units:
            for zh, xs in beads_of(unit, x):
                sent_beads.append(_bead_line([zh_off + i for i in zh], [x_off + i for i in xs]))
            x_sents += [strip_marks(s).strip() for s in unit["text"][x]]
            zh_off += sentence_count(unit, "zh")
            x_off += sentence_count(unit, x)
        files = {
            f"{x}.sent": x_sents,
            "sent.beads": sent_beads,
            f"{x}.para": [_para_line(u, lab, x) for u, lab in zip(units, unit_labels(units, x))],
            "para.beads": [_bead_line([i], [i]) for i in range(len(units))],
        }
        if external:
            files["zh.counts"] = [str(sentence_count(u, "zh")) for u in units]
        else:
            files["zh.sent"] = [strip_marks(s).strip() for u in units for s in u["text"]["zh"]]
            files["zh.para"] = [_para_line(u, lab, "zh") for u, lab in zip(units, unit_labels(units, "zh"))]
        out[f"zh-{x}"] = {name: "\n".join(lines) + "\n" for name, lines in files.items()}
    return out
