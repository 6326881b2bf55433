"""What the glossary page shows, computed outside Streamlit (labels, evidence, tables)."""

from __future__ import annotations

from align.terms.glossary import Concept

STATUS_MARK = {"accepted": "✓", "candidate": "?", "rejected": "✗"}


def concept_label(c: Concept, langs: list[str]) -> str:
    """``麻醉药品委员会 — Commission on Narcotic Drugs · 0.93 · accepted`` for an expander."""
    names = [c.preferred(lang) for lang in langs]
    names = [n for n in names if n] or [t.text for t in c.terms[:2]]
    score = f" · {c.score:.2f}" if c.score else ""
    return f"{STATUS_MARK.get(c.status, '')} {' — '.join(names)}{score} · {c.status}"


def evidence_lines(c: Concept) -> list[str]:
    """One line per language pair of a suggestion: score, counts, similarity."""
    out = []
    for lang, ev in sorted(c.evidence.items()):
        out.append(
            f"**{ev.get('src', '')} → {ev.get('tgt', '')}** ({lang}): score {ev.get('score', 0):.3f}, "
            f"together in {ev.get('cooc', 0)} unit(s) (source in {ev.get('src_freq', 0)}, "
            f"target in {ev.get('tgt_freq', 0)}), logDice {ev.get('log_dice', 0):.1f}, "
            f"similarity {ev.get('similarity', 0):.2f}, margin {ev.get('margin', 0):.2f}"
            + (", acronym" if ev.get("acronym") else ""))
    return out


def contexts(c: Concept) -> list[dict]:
    """Example contexts of a suggestion: language, symbol, paragraph, both sides."""
    rows = []
    for lang, ev in sorted(c.evidence.items()):
        for ctx in ev.get("contexts", []):
            rows.append({"pair": f"→{lang}", "symbol": ctx.get("symbol", ""),
                         "para.": ctx.get("paragraph") or "", "source": ctx.get("src", ""),
                         "target": ctx.get("tgt", "")})
    return rows


def term_rows(c: Concept) -> list[dict]:
    """The concept's terms as table rows, every field."""
    return [{"id": t.id, "lang": t.lang, "term": t.text, "type": t.term_type, "pos": t.pos,
             "status": t.status, "note": t.note, "source": t.source, "para.": t.paragraph,
             "context": t.context, "created": f"{t.created_by} {t.created_at}".strip(),
             "modified": f"{t.modified_by} {t.modified_at}".strip()} for t in c.terms]
