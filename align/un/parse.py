"""From a reader's blocks to a ``Document``: clean, reflow, segment, read the masthead.

The steps, in order:

1. drop what is not text: header/footer/table blocks, page furniture (symbols, job
   numbers, page counters, barcodes, links), running titles, contents lines;
2. detect the language (unless given);
3. group physical lines into units: a unit starts at a believable label (the next
   paragraph number, chapter or section heading, a sub-item that starts its own line) or
   after a paragraph break (blank line, vertical gap, a short line that ends a sentence);
   blocks that are whole paragraphs (DOCX, one-paragraph-per-line text) are units as is;
4. classify the units: front matter until the text begins, then headings, paragraphs,
   sub-items, unnumbered body text, footnotes;
5. read the masthead metadata from the front matter and the furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.document import Document, Segment
from align.errors import EmptyDocumentError
from align.io.raw import RawDocument
from align.un import clean, labels
from align.un import patterns as P
from align.un.lang import detect_language, normalize_lang
from align.un.lines import Line, ends_sentence, keep_lines
from align.un.meta import AGENDA, DATE, DISTRIBUTION, ORIGINAL, SESSION, SUBTITLE, extract_meta
from align.un.sequence import Sequence

_DRAFT_RESOLUTION = re.compile(r"(?:resolution|résolution|resolución|резолюц|决议|قرار)", re.IGNORECASE)
_NOT_HEADING_END = (".", "!", "?", "。", "！", "？", "؟", ";", "；", "؛", ",", "，", "،", ":", "：", "…",
                    ")", "）", "”", "»", "\"")
_PROSE_END = ("。", ".", "!", "?", "！", "？", "؟", "”", "»", ")", "）", "\"")


@dataclass
class _Unit:
    lines: list[str]
    page: int
    kind: str  # "text" | "footnote"
    label: labels.Label | None = None
    number: str | None = None
    front: bool = False
    resolved: tuple[str, int] | None = None  # heading/subitem number and level chosen


def _masthead_line(text: str) -> bool:
    """Distribution, original language, date, session, agenda item or a subtitle line."""
    return bool(DISTRIBUTION.search(text) or ORIGINAL.match(text) or DATE.match(text)
                or (len(text) < 80 and (SESSION.search(text) or AGENDA.match(text)))
                or SUBTITLE.match(text))


def _open_end(text: str, nxt: str) -> bool:
    """``text`` cannot end a paragraph: it ends with an opening bracket or quote, a slash,
    or a web address that ``nxt`` goes on with (wrapped without a hyphen)."""
    if P.LINE_END_OPEN.search(text):
        return True
    return bool(P.LINE_END_URL.search(text[-300:]) and P.URL_CONTINUATION.match(nxt))


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


class _Grouper:
    """Groups lines into units, deciding which labels to believe."""

    def __init__(self, lines: list[Line], lang: str) -> None:
        self.lines = lines
        self.lang = lang
        widths = sorted(ln.width for ln in lines if ln.role == "line")
        self.wrap = widths[int(0.9 * (len(widths) - 1))] if widths else 0
        pairs = [ln for ln in lines[1:] if ln.role == "line" and not ln.page_break]
        spaced = sum(1 for ln in pairs if ln.blanks >= 1)
        self.double_spaced = bool(pairs) and spaced >= 0.6 * len(pairs)
        self.points = any(ln.x0 is not None for ln in lines)
        self.seq = Sequence()
        self.units: list[_Unit] = []
        self.in_front = True
        self.body_next = False  # the unit after "...: draft resolution" opens the text

    # -- break rules ---------------------------------------------------------------
    def _short(self, line: Line, share: float) -> bool:
        if self.points:  # justified PDF lines measured in points: only the last is short
            share = min(0.92, share + 0.1)
        return self.wrap > 0 and line.width < share * self.wrap

    def _title_line(self, cur: Line, nxt: Line | None) -> bool:
        """A short unpunctuated line right before a numbered paragraph: a subheading."""
        if nxt is None or not self._short(cur, 0.7) or ends_sentence(cur.text):
            return False
        if cur.text.endswith((",", "，", "、", "-")) or _starts_lower(cur.text):
            return False
        label = labels.parse_label(nxt.text, self.lang)
        return label is not None and label.kind in ("paragraph", "heading")

    def _breaks(self, prev: Line, cur: Line, unit: _Unit, nxt: Line | None = None) -> bool:
        """Whether unlabelled ``cur`` starts a new unit after ``prev``."""
        if cur.role != "line" or prev.role != "line":
            return True
        if unit.label is not None and not unit.lines:
            return False  # a number alone on its line ("16.1"): the text follows
        if cur.after_table:
            return True  # a caption before a dropped table does not run into what follows
        if P.CAPTION.match(cur.text) or (P.CAPTION.match(prev.text) and len(prev.text) < 40):
            return True
        if ends_sentence(prev.text) and self._title_line(cur, nxt):
            return True
        if cur.footnote_zone != prev.footnote_zone:
            return True
        if prev.text.endswith(("-", "\u00ad")) and not cur.page_break:
            return False
        if _open_end(prev.text, cur.text):
            return False
        if cur.gap:
            return True
        if self.lang not in ("zh", "ar") and _starts_lower(cur.text):
            # a continuation, unless a short line ended a clause (Russian preambular
            # paragraphs start in lower case: "ссылаясь на ...")
            return self._short(prev, 0.7) and prev.text.endswith((",", ";", ":", "."))
        if unit.label and unit.label.kind == "heading":
            if not unit.label.rest:
                return False  # "I." alone on its line: the title follows
            # a long heading line that does not end wraps onto the next line
            return self._short(prev, 0.8) or ends_sentence(prev.text)
        blank_break = cur.blanks >= (2 if self.double_spaced else 1)
        if self.in_front:
            if blank_break or cur.indent or _masthead_line(cur.text) or _masthead_line(prev.text):
                return True
            return (ends_sentence(prev.text) and self._short(prev, 0.8)) or self._short(prev, 0.7)
        if blank_break and (not self.double_spaced or ends_sentence(prev.text)):
            return True
        if cur.font != prev.font and prev.font[0] is not None and ends_sentence(prev.text):
            return True  # a heading in another size or weight after a paragraph
        if cur.font != prev.font and prev.font[0] is not None and self._short(prev, 0.7) \
                and not prev.text.endswith(_NOT_HEADING_END) and not _starts_lower(cur.text):
            return True  # text in another size or slant after a short heading line
        if ends_sentence(prev.text) and self._short(prev, 0.8):
            return True
        if prev.text.endswith((",", "，", "،")) and self._short(prev, 0.7):
            return True  # the end of a preambular paragraph
        if not cur.page_break and self._short(prev, 0.6) and not ends_sentence(prev.text) \
                and not prev.text.endswith((",", "，", "、")):
            return True
        return False

    # -- labels ----------------------------------------------------------------------
    def _clean_break(self, prev: Line | None, cur: Line, strong: bool = False) -> bool:
        """A paragraph break before ``cur``; ``strong``: not merely a sentence end, but
        a short line, a vertical gap or a blank line (what a list item needs)."""
        if prev is None or cur.role != "line" or prev.role != "line":
            return True
        if self._short(prev, 0.8) or cur.gap or cur.after_table or self.in_front:
            return True
        if strong and cur.x0 is not None and prev.x0 is not None and cur.x0 > prev.x0 + 4:
            return True  # an indented list item in a PDF
        if cur.blanks >= (2 if self.double_spaced else 1):
            return True
        return not strong and ends_sentence(prev.text)

    def _label(self, prev: Line | None, cur: Line) -> labels.Label | None:
        text = f"{cur.label} {cur.text}" if cur.label else cur.text
        label = labels.parse_label(text, self.lang)
        if label is None:
            return None
        trusted = cur.label is not None or cur.role == "para"
        # a label alone on its line ("(a)", "16.1") starts its own paragraph by definition
        clean_break = not label.rest or self._clean_break(prev, cur, strong=label.kind == "subitem")
        if self.seq.accept(label, trusted=trusted, clean=clean_break, line_start=cur.role == "line"):
            return label
        return None

    # -- main loop -------------------------------------------------------------------
    def run(self) -> list[_Unit]:
        prev: Line | None = None
        unit: _Unit | None = None
        note: _Unit | None = None  # the footnote being read; text units run on around it
        notes: list[_Unit] = []
        for k, cur in enumerate(self.lines):
            if cur.role == "footnote" or (cur.role != "para" and self._footnote_start(cur)):
                m = P.FOOTNOTE_LINE.match(cur.text)
                number = cur.label or (m.group(1) if m else None)
                text = cur.text[m.end():] if (m and not cur.label) else cur.text
                note = _Unit([text], cur.page, "footnote", number=number)
                notes.append(note)
                continue
            if note is not None and cur.footnote_zone and cur.role == "line":
                note.lines.append(cur.text)  # a footnote's next line
                continue
            note = None
            label = self._label(prev, cur)
            if label is not None:
                unit = self._close(unit)
                unit = _Unit([label.rest] if label.rest else [], cur.page, "text", label=label,
                             resolved=self.seq.last_resolved)
            elif unit is None or prev is None or self._breaks(prev, cur, unit, self._next_text(k)):
                unit = self._close(unit)
                unit = _Unit([cur.text], cur.page, "text", front=self.in_front)
            else:
                unit.lines.append(cur.text)
            prev = cur
        self._close(unit)
        return self.units + notes

    def _next_text(self, k: int) -> Line | None:
        for line in self.lines[k + 1:k + 4]:
            if line.role != "footnote":
                return line
        return None

    def _footnote_start(self, cur: Line) -> bool:
        m = P.FOOTNOTE_LINE.match(cur.text)
        if not m:
            return False
        if m.group(1).startswith("*"):
            return True
        return cur.footnote_zone

    def _close(self, unit: _Unit | None) -> None:
        if unit is None:
            return None
        if unit.kind == "text" and unit.label is None and self.in_front:
            text = clean.join_lines(unit.lines, self.lang)
            unit.front = not (self.body_next or self._is_prose(text, len(unit.lines)))
            self.body_next = unit.front and bool(_DRAFT_RESOLUTION.search(text)) and bool(SUBTITLE.match(text))
        if unit.label is not None or (unit.kind == "text" and not unit.front):
            self.in_front = False
        if unit.kind == "text" and unit.label is None and not self.in_front and unit.front is False:
            unit.front = False
        self.units.append(unit)
        return None

    def _is_prose(self, text: str, n_lines: int) -> bool:
        """Running text, not a masthead or title line: a sentence, or a long clause
        (a resolution's preambular paragraph ends with a comma)."""
        if _masthead_line(text):
            return False
        minimum = 25 if self.lang == "zh" else 60
        if text.endswith((",", ";", "，", "；", "،", "؛")):
            return len(text) >= minimum
        if not text.endswith(_PROSE_END):
            return False
        if text.endswith(("”", "»", ")", "）", "\"")) and not ends_sentence(text):
            return False
        return len(text) >= minimum or n_lines > 1


def _subheading(text: str, lang: str) -> bool:
    """An unnumbered heading: a short line of text that ends without punctuation."""
    if len(text) > (40 if lang == "zh" else 110) or text.endswith(_NOT_HEADING_END):
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or (
        not first.isascii() and first.isalpha() and not first.islower())


def _trailing_footnotes(units: list[_Unit]) -> None:
    """One-paragraph-per-line text: ``1 text`` units at the very end are footnotes."""
    tail: list[_Unit] = []
    for unit in reversed(units):
        if unit.kind != "text" or unit.label is not None or unit.front:
            break
        m = P.FOOTNOTE_LINE.match(unit.lines[0]) if unit.lines else None
        if not m or not m.group(1).isdigit():
            break
        tail.append(unit)
    tail.reverse()
    numbers = [int(P.FOOTNOTE_LINE.match(u.lines[0]).group(1)) for u in tail]
    if not tail or numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
        return
    for unit in tail:
        m = P.FOOTNOTE_LINE.match(unit.lines[0])
        unit.kind, unit.number = "footnote", m.group(1)
        unit.lines[0] = unit.lines[0][m.end():]


def _segments(units: list[_Unit], lang: str, vocabulary: set[str], zh_space: bool) -> list[Segment]:
    segments: list[Segment] = []
    paragraph: str | None = None
    for unit in units:
        text = clean.join_lines(unit.lines, lang, vocabulary, zh_space)
        if unit.kind == "footnote":
            text = clean.JOINT_SYMBOL_SPACE.sub("", clean.strip_trailing_furniture(text))
            segments.append(Segment("footnote", unit.number, text, unit.page))
        elif unit.label is None:
            if text and not unit.front and _subheading(text, lang):
                segments.append(Segment("heading", None, text, unit.page, level=3))
            elif text:
                segments.append(Segment("front" if unit.front else "body", None, text, unit.page))
        elif unit.label.kind == "paragraph":
            paragraph = unit.label.number
            segments.append(Segment("paragraph", unit.label.number, text, unit.page))
        elif unit.label.kind == "heading":
            number, level = unit.resolved or (unit.label.number, unit.label.level)
            paragraph = None
            segments.append(Segment("heading", number, text, unit.page, level=level))
        else:
            number = unit.resolved[0] if unit.resolved else unit.label.number
            segments.append(Segment("subitem", number, text, unit.page, parent=paragraph))
    return segments


def _page_one_furniture(raw: RawDocument) -> list[str]:
    """The first page's header and footer texts, where a DOCX keeps its masthead
    (distribution, date, ``Original:``); in the order the reader gave them."""
    return [b.text.strip() for b in raw.blocks
            if b.page == 1 and b.role in ("header", "footer") and b.text.strip()]


def build_document(raw: RawDocument, *, lang: str | None = None) -> Document:
    """Turn a reader's blocks into a structured UN document.

    Args:
        raw: the reader's output.
        lang: the language, to skip detection (``zh``, ``en`` ... or an alias).

    Raises:
        EmptyDocumentError: nothing but page furniture.
        UnsupportedLanguageError: not one of the six UN languages, or a bad override.
    """
    code = normalize_lang(lang) if lang else None
    lines, all_texts = keep_lines(raw)
    body_text = "\n".join(ln.text for ln in lines)
    if not body_text.strip():
        raise EmptyDocumentError(f"{raw.name or 'document'}: no text (only page furniture or nothing)")
    code = code or detect_language(body_text)
    units = _Grouper(lines, code).run()
    _trailing_footnotes(units)
    hyphens = code != "zh" and any(ln.text.endswith("-") for ln in lines)
    vocabulary = clean.vocabulary_of([ln.text for ln in lines]) if hyphens else set()
    zh_space = code == "zh" and clean.zh_spaces_numbers([ln.text for ln in lines])
    segments = _segments(units, code, vocabulary, zh_space)
    footnotes = [s for s in segments if s.kind == "footnote"]
    segments = [s for s in segments if s.kind != "footnote"]
    if raw.fmt == "txt" and footnotes:
        body = [s for s in segments if s.kind in ("heading", "paragraph", "subitem", "body")]
        for seg, text in zip(body, clean.strip_footnote_markers(
                [s.text for s in body], [f.number or "" for f in footnotes], code)):
            seg.text = text
    segments += footnotes  # footnotes apart, after the text, in the same order in every format
    front = [s.text for s in segments if s.kind == "front"]
    meta = extract_meta([t for t in all_texts if t], _page_one_furniture(raw) + front)
    warnings = list(raw.warnings)
    if not any(s.kind in ("paragraph", "body", "subitem", "heading") for s in segments):
        warnings.append("no body text found: everything was read as front matter")
    return Document(lang=code, meta=meta, segments=segments, name=raw.name, fmt=raw.fmt,
                    warnings=warnings)
