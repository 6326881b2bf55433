"""Render a source document as a UN-style plain-text export (UTF-8)."""

from __future__ import annotations

import toc
from conventions import (FOOTNOTE_MARK_RE, LANGUAGE_LINE, UNITED_NATIONS, distribution_line,
                         join_sentences, organ, original_line, unit_labels)

COLUMN = 56
FOOTNOTE_RULE = "__________________"


def _columns(left: str, right: str) -> str:
    if not left:
        return " " * COLUMN + right
    return left + " " * max(2, COLUMN - len(left)) + right


def masthead_lines(meta: dict, lang: str) -> list[str]:
    """The first-page masthead: organisation and organ left, symbols and dates right."""
    left = [UNITED_NATIONS[lang], organ(meta["symbols"], lang, meta) or ""]
    right = list(meta["symbols"])
    right.append(distribution_line(meta["distribution"], lang))
    right.append(meta["date"])
    right.append("")
    if LANGUAGE_LINE[lang]:
        right.append(LANGUAGE_LINE[lang])
    right.append(original_line(meta["original"], lang))
    # the organ sits beside the distribution line
    left_at = {0: left[0], len(meta["symbols"]): left[1]}
    return [_columns(left_at.get(i, ""), r).rstrip() for i, r in enumerate(right)]


def title_block(meta: dict) -> list[str]:
    """Issuing bodies (session, place and dates, agenda item), then title and subtitles."""
    blocks: list[list[str]] = []
    for i, body in enumerate(meta.get("bodies", [])):
        block = [body]
        for key in ("session", "place_date", "agenda_item", "agenda_title"):
            values = meta.get(key) or []
            if i < len(values) and values[i]:
                block.append(values[i])
        blocks.append(block)
    blocks.append([meta["title"]])
    blocks += [[s] for s in meta.get("subtitle", [])]
    lines: list[str] = []
    for block in blocks:
        lines += block + [""]
    return lines


def unit_text(unit: dict, lang: str, marker=lambda n: n) -> str:
    """A unit's running text, footnote references rendered by ``marker``."""
    text = join_sentences(unit["text"][lang], lang)
    return FOOTNOTE_MARK_RE.sub(lambda m: marker(m.group(1)), text)


def render_txt(doc: dict, lang: str, pages: dict[str, int] | None = None) -> str:
    """The whole text export for one language.

    Args:
        doc: the source document (validated).
        lang: the language to render.
        pages: page of each heading listed in the contents (``toc.find_pages``).
    """
    meta = doc["langs"][lang]
    lines = masthead_lines(meta, lang) + ["", meta["job_number"], ""] + title_block(meta)
    if doc.get("toc"):
        lines += toc.txt_lines(doc, lang, pages or {})
    footnotes: list[str] = []
    for unit, label in zip(doc["units"], unit_labels(doc["units"], lang)):
        if unit["kind"] == "footnote":
            footnotes.append(f"{unit['number']} {unit_text(unit, lang)}")
            continue
        text = unit_text(unit, lang)
        lines += [f"{label} {text}" if label else text, ""]
    if footnotes:
        lines += [FOOTNOTE_RULE, ""]
        for note in footnotes:
            lines += [note, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
