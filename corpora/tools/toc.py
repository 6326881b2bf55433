"""The table of contents of documents that ask for one (``"toc": true``).

The page numbers come from the rendered PDF: ``build.py`` converts once, finds the page
of every listed heading, stores them in ``<docid>.pages.json`` and renders again.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from conventions import join_sentences, strip_marks, unit_labels

MAX_LEVEL = 3
CONTENTS = {"en": "Contents", "fr": "Table des matières", "es": "Índice", "ru": "Содержание",
            "zh": "目录", "ar": "المحتويات"}
PAGE = {"en": "Page", "fr": "Page", "es": "Página", "ru": "Стр.", "zh": "页次", "ar": "الصفحة"}
LEADER_WIDTH = 92


def _listed(doc: dict, lang: str) -> list[tuple[int, int, str | None, str]]:
    units = doc["units"]
    out = []
    for i, (unit, label) in enumerate(zip(units, unit_labels(units, lang))):
        if unit["kind"] == "heading" and unit.get("level", 1) <= MAX_LEVEL:
            text = strip_marks(join_sentences(unit["text"][lang], lang))
            out.append((i, unit.get("level", 1), label, text))
    return out


def entries(doc: dict, lang: str) -> list[tuple[int, int, str]]:
    """``(unit index, depth from 1, printed heading)`` for the headings the contents lists."""
    listed = _listed(doc, lang)
    top = min((level for _, level, _, _ in listed), default=1)
    return [(i, level - top + 1, f"{label} {text}" if label else text) for i, level, label, text in listed]


def txt_lines(doc: dict, lang: str, pages: dict[str, int]) -> list[str]:
    """The contents block of the text export: entries with dot leaders and page numbers."""
    lines = [CONTENTS[lang], " " * (LEADER_WIDTH - len(PAGE[lang])) + PAGE[lang]]
    for index, level, text in entries(doc, lang):
        page = str(pages.get(str(index), 1))
        head = "   " * (level - 1) + text
        dots = max(3, LEADER_WIDTH - len(head) - len(page) - 2)
        lines.append(f"{head} {'.' * dots} {page}")
    return lines + [""]


KEY_CHARS = 16


def _key(text: str) -> str:
    """The start of a heading without spaces: long headings wrap, and a wrapped Arabic
    line may come out of the PDF in another order."""
    return "".join(unicodedata.normalize("NFKC", text).split())[:KEY_CHARS]


def find_pages(doc: dict, lang: str, pdf_path: Path) -> dict[str, int]:
    """Page (1-based) of every listed heading in the body of the rendered PDF.

    The headings are looked up in order, first through the contents block itself and
    then again after it; a heading not found keeps the page of the one before.
    """
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(pdf_path))
    try:
        texts = ["".join(unicodedata.normalize("NFKC", page.get_textpage().get_text_range()).split())
                 for page in pdf]
    finally:
        pdf.close()
    starts, pos = [], 0
    for text in texts:
        starts.append(pos)
        pos += len(text)
    full = "".join(texts)

    def page_at(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset) + 1

    listed = [(i, text) for i, _, _, text in _listed(doc, lang)]
    pos = 0
    for _, text in listed:  # skip the contents block
        found = full.find(_key(text), pos)
        if found >= 0:
            pos = found + len(_key(text))
    pages: dict[str, int] = {}
    page = page_at(pos)
    for index, text in listed:
        found = full.find(_key(text), pos)
        if found >= 0:
            pos = found + len(_key(text))
            page = page_at(found)
        pages[str(index)] = page
    return pages


def load_pages(path: Path, lang: str) -> dict[str, int]:
    """The stored heading pages of one language ({} when none are stored)."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get(lang, {})
