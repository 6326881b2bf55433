"""PDF cells: a line's glyphs in reading order, spaced into words and cut into cells.

Spacing and cell breaks are decided on the visual order (gaps between boxes); a
right-to-left cell is then put in logical order the way the bidi algorithm laid it out
(Latin runs, Arabic numbers, mirrored brackets); raised footnote markers are taken out.
"""

from __future__ import annotations

import re
import unicodedata

from align.io.pdf_glyphs import (
    CELL_GAP_EM,
    SUPERSCRIPT_RATIO,
    PdfCell,
    PdfChar,
    PdfLine,
    is_cjk_char,
    is_rtl_char,
)


#: a word space is inserted between two glyphs further apart than this (in ems)
SPACE_GAP_EM = 0.18
#: a justified line stretches its word gaps evenly and never this wide (in ems)
JUSTIFIED_MAX_GAP_EM = 4.0
JUSTIFIED_UNIFORMITY = 0.5
#: two copies of one glyph are this close (in ems)
DUPLICATE_TOL_EM = 0.15
#: footnote reference markers printed as superscripts: 1, 12, *, a, iv, †
FOOTNOTE_MARK_RE = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z]|[ivx]{1,4}|[†‡§])[,]?$")
#: signs that keep digits in one number inside Arabic text (common separators)
NUMBER_JOINERS = frozenset("/.,:")
#: brackets whose right-to-left glyph is the mirror image (mapped by shape in PDFs);
#: LibreOffice draws Arabic double quotes mirrored too
MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
            "\u201c": "\u201d", "\u201d": "\u201c", "\u2018": "\u2019", "\u2019": "\u2018"}
#: each bracket with its pair: (opening, closing)
BRACKET_PAIRS = {b: pair for pair in (("(", ")"), ("[", "]"), ("{", "}")) for b in pair}
#: a Latin list label in brackets at the start of a right-to-left line, either way round
RTL_LATIN_LABEL_RE = re.compile(r"^[()]([a-z]{1,4})[()](?=\s|$)")
MULTISPACE_RE = re.compile(r"\s{2,}")


def _visual_order(line: PdfLine) -> list[PdfChar]:
    """Glyphs as they sit on the page: left to right, or right to left for an RTL line."""
    groups: list[list[PdfChar]] = []
    marks: list[PdfChar] = []
    for c in line.chars:
        if c.ch >= "\u0300" and unicodedata.combining(c.ch):
            marks.append(c)  # Arabic harakat: placed on their letter below
        else:
            groups.append([c])
    tol = DUPLICATE_TOL_EM * line.size
    unique: list[PdfChar] = []
    for m in marks:  # a mark drawn twice in one place counts once
        if not any(u.ch == m.ch and abs(u.x0 - m.x0) < tol and abs(u.x1 - m.x1) < tol
                   for u in unique):
            unique.append(m)
    for m in unique:  # the letter a mark sits on is the one its box overlaps most
        centre = (m.x0 + m.x1) / 2
        best = min((g for g in groups if not g[0].space),
                   key=lambda g: abs((g[0].x0 + g[0].x1) / 2 - centre), default=None)
        if best is None:
            groups.append([m])
        else:
            best.append(m)
    if line.rtl:
        groups.sort(key=lambda g: -(g[0].x0 + g[0].x1))
    else:
        groups.sort(key=_group_x0)
    # a glyph drawn twice in one place (fake bold, a letter repeated by the renderer)
    kept: list[list[PdfChar]] = []
    for g in groups:
        c = g[0]
        twin = None
        if not c.space:
            for k in kept[-3:]:
                d = k[0]
                if d.ch == c.ch and -tol < d.x0 - c.x0 < tol and -tol < d.x1 - c.x1 < tol:
                    twin = k
                    break
        if twin is None:
            kept.append(g)
        elif len(g) > 1:
            have = {m.ch for m in twin[1:]}
            twin.extend(m for m in g[1:] if m.ch not in have)  # keep either copy's marks
    if len(kept) == len(line.chars):
        return [g[0] for g in kept]
    return [c for g in kept for c in g]


def _group_x0(group: list[PdfChar]) -> float:
    return group[0].x0


def _is_ltr_strong(ch: str) -> bool:
    return ch.isdigit() or (ch.isalpha() and not is_rtl_char(ch))


def _logical(items: list[str | PdfChar]) -> list[str | PdfChar]:
    """Right-to-left visual order -> logical: digit and Latin runs read left to right.

    Items are glyphs or ``" "`` word spaces. A run holding Latin letters reads left to
    right across the spaces and signs between its strong characters. Digits after
    Arabic letters are Arabic numbers to the bidi algorithm: only ``/ . , :`` hold two
    of them together, so ``2021-2025`` and ``58 400`` are drawn as separate runs in
    right-to-left order and are put back run by run.
    """
    out: list[str | PdfChar] = []
    i, n = 0, len(items)
    after_arabic = False  # the last strong character read was an Arabic letter
    after_latin = False  # the last thing read was a Latin run (spaces aside)
    while i < n:
        it = items[i]
        if isinstance(it, str) or not _is_ltr_strong(it.ch):
            if not isinstance(it, str) and it.ch in BRACKET_PAIRS:
                it.ch = _bracket(it.ch, items, i, after_latin)
            elif not isinstance(it, str) and it.ch in MIRRORED:
                it.ch = MIRRORED[it.ch]  # quotes drawn mirrored
            if not isinstance(it, str):
                after_latin = False
                if is_rtl_char(it.ch) and it.ch.isalpha():
                    after_arabic = True
            out.append(it)
            i += 1
            continue
        latin = _latin_run_ahead(items, i)
        # digits after Arabic letters are "Arabic numbers": "-" no longer joins them
        joiners = NUMBER_JOINERS if after_arabic else NUMBER_JOINERS | {"-", "+"}
        j, last = i, i
        while j < n:
            jt = items[j]
            if isinstance(jt, str):
                if not latin:
                    break
            elif _is_ltr_strong(jt.ch):
                if not latin and not jt.ch.isdigit():
                    break
                last = j
            elif is_rtl_char(jt.ch) or jt.ch in "()[]":
                break
            elif not latin and jt.ch not in joiners:
                break
            j += 1
        run = items[i:last + 1]
        if latin and _is_line_end(items, last + 1) and i > 0 \
                and not isinstance(items[i - 1], str) and items[i - 1].ch in "-\u2010" and out:
            # a Latin word broken at its hyphen at the end of the line: the hyphen is drawn
            # at the run's right edge, read first; it belongs after the run
            run = [out.pop()] + run
        out.extend(reversed(run))
        if latin:
            after_arabic = False
        after_latin = latin
        i = last + 1
    return out


def _is_line_end(items: list[str | PdfChar], k: int) -> bool:
    return all(isinstance(it, str) for it in items[k:])


def _bracket(ch: str, items: list[str | PdfChar], i: int, after_latin: bool) -> str:
    """The logical bracket for a bracket glyph on a right-to-left line.

    Around a Latin run (a symbol, a URL) fonts map both glyphs to one shape, so the
    side decides: just before the run it opens, just after it closes. Elsewhere the
    glyph is the mirror image of the character.
    """
    opening, closing = BRACKET_PAIRS[ch]
    if _latin_next(items, i):
        return opening
    if after_latin:
        return closing
    return MIRRORED[ch]


def _latin_next(items: list[str | PdfChar], i: int) -> bool:
    """Whether the next letter read after item ``i`` (signs skipped) is Latin."""
    for it in items[i + 1:]:
        if isinstance(it, str) or not it.ch.isalnum():
            continue
        return it.ch.isalpha() and not is_rtl_char(it.ch)
    return False


def _pair_brackets(text: str) -> str:
    """Right-to-left text whose two brackets both came out as "(" (or both ")"): fonts
    map a mirrored glyph by its shape, so one of the pair is really the other."""
    for opening, closing in (("(", ")"), ("[", "]")):
        if text.count(opening) == 2 and closing not in text:
            second = text.index(opening, text.index(opening) + 1)
            text = text[:second] + closing + text[second + 1:]
        elif text.count(closing) == 2 and opening not in text:
            text = opening + text[1:] if text[0] == closing else text.replace(closing, opening, 1)
    return text


def _latin_run_ahead(items: list[str | PdfChar], i: int) -> bool:
    """Whether the left-to-right run starting at ``i`` holds a Latin letter."""
    for it in items[i:]:
        if isinstance(it, str):
            continue
        ch = it.ch
        if is_rtl_char(ch) or ch in "()[]":
            return False
        if ch.isalpha():
            return True
    return False


def _is_kashida_junk(chars: list[PdfChar], i: int) -> bool:
    """LibreOffice maps justification kashidas to a Latin letter between Arabic ones."""
    c = chars[i]
    return (c.ch.isascii() and c.ch.isalpha() and 0 < i < len(chars) - 1
            and is_rtl_char(chars[i - 1].ch) and is_rtl_char(chars[i + 1].ch))


def line_cells(line: PdfLine) -> None:
    """Fill ``line.cells`` and ``line.marks`` (dropped superscript markers).

    Spacing and cell breaks are decided on the visual order (gaps between boxes);
    right-to-left cells are then put in logical order.
    """
    chars = _visual_order(line)
    if line.rtl:
        chars = [c for c in chars if not c.space]
        junk = [i for i in range(len(chars)) if _is_kashida_junk(chars, i)]
        for i in junk:
            chars[i].ch = ""  # keeps its box: the gap it bridges is not a space
    # one pass: each glyph with the gap before it and whether a space glyph came between
    glyphs: list[tuple[PdfChar, float, bool]] = []
    prev: PdfChar | None = None
    spaced = False
    for c in chars:
        if c.space:
            spaced = True
            continue
        if prev is not None and c.ch >= "\u0300" and unicodedata.combining(c.ch):
            glyphs.append((c, 0.0, False))  # a mark sits on its letter: never a gap
            continue
        gap = 0.0 if prev is None else max(c.x0 - prev.x1, prev.x0 - c.x1)
        glyphs.append((c, gap, spaced))
        prev, spaced = c, False
    size = line.size
    word_gap = SPACE_GAP_EM * size
    split_at = CELL_GAP_EM * size
    gaps = [g for c, g, _ in glyphs[1:] if g > word_gap and c.ch]
    if gaps:
        widest = max(gaps)
        if widest < JUSTIFIED_MAX_GAP_EM * size and min(gaps) >= JUSTIFIED_UNIFORMITY * widest:
            split_at = float("inf")  # a justified line: evenly stretched, no columns
    cells: list[tuple[list[str | PdfChar], float, float]] = []
    items: list[str | PdfChar] = []
    x0 = x1 = 0.0
    prev = None
    for c, gap, spaced in glyphs:
        if prev is not None:
            if gap > split_at and not (c.sup or prev.sup):
                cells.append((items, x0, x1))
                items = []
            elif c.ch and prev.ch and (spaced or (gap > word_gap and not (
                    is_cjk_char(prev.ch) or is_cjk_char(c.ch)))):
                if items and items[-1] != " ":
                    items.append(" ")
        if not items:
            x0, x1 = c.x0, c.x1
        if c.ch:
            items.append(c)
        if c.x0 < x0:
            x0 = c.x0
        if c.x1 > x1:
            x1 = c.x1
        prev = c
    if items:
        cells.append((items, x0, x1))
    out: list[PdfCell] = []
    for k, (cell_items, cx0, cx1) in enumerate(cells):
        if line.rtl:
            glyphs_in = [it.ch for it in cell_items if not isinstance(it, str)]
            latin = any(ch.isalpha() and not is_rtl_char(ch) for ch in glyphs_in)
            if latin and not any(is_rtl_char(ch) for ch in glyphs_in):
                cell_items = cell_items[::-1]  # a Latin cell (symbol, date) on an RTL line
            else:  # Arabic text, or numbers and signs ("1 -") in right-to-left order
                cell_items = _logical(cell_items)
        if k == 0:
            line.lead_typed = _typed_lead(cell_items)
        text = _cell_text(line, cell_items, first=not out and k == 0)
        if line.rtl:
            if k == 0:  # "(c)" "(iv)" before Arabic text: brackets drawn mirrored
                text = RTL_LATIN_LABEL_RE.sub(r"(\1)", text)
            text = _pair_brackets(text)
        if text:
            out.append(PdfCell(text=text, x0=cx0, x1=cx1))
    line.cells = out


def _typed_lead(items: list[str | PdfChar]) -> str | None:
    """A footnote number typed before its text: ``1`` then a space, a size change or
    (Chinese) the first character. Only read inside a footnote area."""
    lead: list[PdfChar] = []
    for it in items:
        if isinstance(it, str) or it.sup or not (it.ch.isdigit() or it.ch == "*"):
            break
        lead.append(it)
    if not 0 < len(lead) <= 3 or len(lead) == len(items):
        return None
    nxt = items[len(lead)]
    if isinstance(nxt, str):
        return "".join(c.ch for c in lead)
    size = lead[0].size
    if is_cjk_char(nxt.ch) or min(size, nxt.size) < SUPERSCRIPT_RATIO * max(size, nxt.size):
        return "".join(c.ch for c in lead)
    return None


def _cell_text(line: PdfLine, items: list[str | PdfChar], first: bool) -> str:
    """Text of a cell, raised footnote markers taken out into ``line.marks``."""
    parts: list[str] = []
    i, n = 0, len(items)
    while i < n:
        it = items[i]
        if isinstance(it, str):
            parts.append(it)
            i += 1
            continue
        if not it.sup:
            parts.append(it.ch)
            i += 1
            continue
        j = i
        while j < n and not isinstance(items[j], str) and items[j].sup:
            j += 1
        mark = "".join(x.ch for x in items[i:j])
        if FOOTNOTE_MARK_RE.match(mark):
            if first and not "".join(parts).strip():
                line.lead_mark = mark
            else:
                line.marks.append(mark)
        else:
            parts.append(mark)
        i = j
    return _clean("".join(parts))


def _clean(text: str) -> str:
    return MULTISPACE_RE.sub(" ", text).strip()
