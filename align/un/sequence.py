"""Which labels to believe: paragraph, heading and sub-item numbering in sequence.

A number at the start of a line is a label only if it fits the numbering so far
(``3.`` after ``2.``; ``II.`` after ``I.``; ``(b)`` after a ``(a)`` that also started its
own line), or, at a clean paragraph break, a plausible jump. Otherwise it is text: a
wrapped line may begin with ``2022.`` or with an inline ``(d)``.
"""

from __future__ import annotations

from align.un import labels

#: the largest forward jump in numbering believed at a clean break
_MAX_JUMP = 5
#: longest text after a heading label (a heading is a title, not a paragraph)
_MAX_HEADING = 250


def _para_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


class Sequence:
    """Numbering state of one document while it is read."""

    def __init__(self) -> None:
        self.last_para: tuple[int, ...] | None = None
        self.last_chapter = 0
        self.last_section = -1
        self.last_letter: int | None = None
        self.last_roman = 0
        self.letters_at_line_start = False
        self.romans_at_line_start = False
        self.last_resolved: tuple[str, int] | None = None

    # -- paragraphs ------------------------------------------------------------------
    def _next_paras(self) -> set[tuple[int, ...]]:
        last = self.last_para
        if last is None:
            return set()
        if len(last) == 1:
            return {(last[0] + 1,)}
        return {(last[0], last[1] + 1), (last[0] + 1, 1)}

    def _paragraph(self, key: tuple[int, ...], trusted: bool, clean: bool) -> bool:
        if trusted or key in self._next_paras():
            return True
        if not clean:
            return False
        last = self.last_para
        if last is None:
            return True
        if (key == (1,) and len(last) == 1 and last != key) or (len(key) == len(last) == 2 and key[1] == 1
                                                             and key[0] != last[0]):
            return True  # numbering restarts (an annex) or a new budget section
        if len(key) == len(last) == 1:
            return 0 < key[0] - last[0] <= _MAX_JUMP
        if len(key) == len(last) == 2 and key[0] == last[0]:
            return 0 < key[1] - last[1] <= _MAX_JUMP
        return False

    # -- headings --------------------------------------------------------------------
    def _chapter_ok(self, value: int, trusted: bool, clean: bool) -> bool:
        if trusted or value == self.last_chapter + 1:
            return True
        return clean and (0 < value - self.last_chapter <= 3 or value == 1)

    def _section_ok(self, index: int, trusted: bool, clean: bool) -> bool:
        if trusted or index == self.last_section + 1:
            return True
        return clean and (0 < index - self.last_section <= 3 or index == 0)

    def _heading(self, label: labels.Label, trusted: bool, clean: bool) -> bool:
        if not trusted and len(label.rest) > _MAX_HEADING:
            return False
        if label.level == 2:
            index = ord(label.number) - 65
            if not self._section_ok(index, trusted, clean):
                return False
            self.last_section = index
            self.last_resolved = (label.number, 2)
            return True
        value = labels.roman_value(label.number) or 0
        as_chapter = True
        if label.alt is not None:  # I, V, X, L, C: chapter or section letter?
            index = ord(label.alt) - 65
            if value == self.last_chapter + 1:
                as_chapter = True
            elif index == self.last_section + 1 and self.last_section >= 0:
                as_chapter = False
            elif self.last_chapter == 0 and value == 1:
                as_chapter = True
            else:
                as_chapter = not self._section_ok(index, trusted, clean)
            if not as_chapter:
                if not self._section_ok(index, trusted, clean):
                    return False
                self.last_section = index
                self.last_resolved = (label.alt, 2)
                return True
        if not value or not self._chapter_ok(value, trusted, clean):
            return False
        self.last_chapter, self.last_section = value, -1
        self.last_resolved = (label.number, 1)
        return True

    # -- sub-items -------------------------------------------------------------------
    def _subitem(self, label: labels.Label, trusted: bool, clean: bool, line_start: bool) -> bool:
        previous = chr(97 + self.last_letter) if self.last_letter is not None and self.last_letter < 26 else None
        number, roman = labels.resolve_subitem(label, previous)
        if roman:
            value = labels.roman_value(number) or 0
            ok = trusted or (value == 1 and clean) or (
                value == self.last_roman + 1 and (self.romans_at_line_start or not line_start))
            if not ok:
                return False
            self.last_roman = value
            self.romans_at_line_start = line_start
        else:
            index = labels.letter_index(number)
            nxt = 0 if self.last_letter is None else self.last_letter + 1
            ok = trusted or (index == 0 and clean) or (
                index == nxt and (self.letters_at_line_start or not line_start))
            if not ok:
                return False
            self.last_letter, self.last_roman = index, 0
            self.letters_at_line_start = line_start
        self.last_resolved = (number, 0)
        return True

    def accept(self, label: labels.Label, *, trusted: bool, clean: bool, line_start: bool) -> bool:
        """Whether to believe ``label`` here; updates the state when it is believed.

        Args:
            label: the label read at the start of a line or paragraph.
            trusted: the label comes from a whole paragraph (DOCX, Word numbering).
            clean: the line follows a paragraph break (sentence end, blank, gap).
            line_start: the label starts a physical line (line-mode text).
        """
        self.last_resolved = None
        if label.kind == "paragraph":
            key = _para_key(label.number)
            if not self._paragraph(key, trusted, clean):
                return False
            self.last_para = key
            self.last_letter, self.last_roman = None, 0
            self.letters_at_line_start = self.romans_at_line_start = False
            return True
        if label.kind == "heading":
            ok = self._heading(label, trusted, clean)
            if ok:
                self.last_letter, self.last_roman = None, 0
            return ok
        return self._subitem(label, trusted, clean, line_start)
