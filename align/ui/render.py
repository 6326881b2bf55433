"""HTML for the review rows (pure functions: strings in, escaped HTML out).

The review page shows one row per aligned unit: the row number and paragraph number, a
status stripe coloured by status, the confidence, and one column per language with
glossary terms highlighted and number/date/symbol mismatches listed under the row.
"""

from __future__ import annotations

import re
from html import escape

from align.alignment import MultiAlignment, Row
from align.review.checks import Mismatch

STATUS_COLOURS: dict[str, str] = {
    "auto": "#8a94a6", "flagged": "#d97706", "confirmed": "#15803d", "edited": "#2563eb",
}
STATUS_LABELS: dict[str, str] = {
    "auto": "automatic", "flagged": "flagged", "confirmed": "confirmed", "edited": "edited",
}
RTL_LANGS: frozenset[str] = frozenset({"ar"})
LANG_LABELS: dict[str, str] = {"zh": "中文", "en": "English", "fr": "Français",
                               "es": "Español", "ru": "Русский", "ar": "العربية"}

CSS = """
<style>
.block-container {padding-top: 2.2rem; max-width: 1600px;}
.ua-row {display:grid; gap:.6rem; padding:.45rem .6rem; border-left:6px solid var(--st);
  border-bottom:1px solid rgba(128,128,128,.18); border-radius:4px; margin:0;}
.ua-row.ua-sel {background:rgba(37,99,235,.07); box-shadow:0 0 0 2px rgba(37,99,235,.45) inset;}
.ua-cell {font-size:.93rem; line-height:1.45; white-space:pre-wrap; overflow-wrap:anywhere;}
.ua-cell.ua-rtl {direction:rtl; text-align:right; font-family:'Noto Naskh Arabic','Noto Sans Arabic',serif;}
.ua-cell.ua-zh {font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;}
.ua-empty {color:#9ca3af; font-style:italic;}
.ua-meta {font-size:.78rem; color:#6b7280; display:flex; gap:.5rem; flex-wrap:wrap;
  align-items:center; grid-column:1/-1;}
.ua-badge {display:inline-block; padding:0 .45rem; border-radius:999px; color:#fff;
  background:var(--st); font-size:.72rem; font-weight:600;}
.ua-num {font-weight:700; color:#111827;}
.ua-conf {display:inline-block; width:46px; height:6px; background:#e5e7eb; border-radius:3px;
  vertical-align:middle; overflow:hidden;}
.ua-conf > span {display:block; height:100%;}
.ua-warn {color:#b45309; font-weight:600;}
.ua-head {display:grid; gap:.6rem; padding:.2rem .6rem; font-size:.8rem; font-weight:700;
  color:#374151; border-bottom:2px solid #d1d5db;}
mark.ua-term {background:#fef3c7; padding:0 .1em; border-radius:2px;}
</style>
"""


#: characters Streamlit's Markdown would interpret (links, emphasis, LaTeX, HTML, lists)
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Text from a file or a user, escaped for ``st.markdown`` / alerts (shown literally)."""
    return _MD_SPECIAL_RE.sub(r"\\\1", str(text))


def _conf_colour(conf: float) -> str:
    if conf >= 0.8:
        return "#16a34a"
    if conf >= 0.5:
        return "#ca8a04"
    return "#dc2626"


def highlight(text: str, spans: list[tuple[int, int, str]] | None = None) -> str:
    """Escape ``text`` and wrap glossary-term spans ``(start, end, concept)`` in ``<mark>``."""
    if not spans:
        return escape(text)
    out, pos = [], 0
    for start, end, concept in sorted(spans):
        if start < pos or end <= start or end > len(text):
            continue  # overlapping or out-of-range span: skip it
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="ua-term" title="{escape(str(concept))}">'
                   f"{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def spans_per_text(texts: list[str], find) -> list[list[tuple[int, int, str]]]:
    """Run a term finder once over several texts (joined by NUL, which no term pattern
    crosses) and give each text its own spans, offsets relative to that text."""
    if not texts:
        return []
    sep = "\x00"
    joined = sep.join(t.replace(sep, " ") for t in texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    k = 0
    for start, end, concept in sorted(find(joined)):
        while k + 1 < len(starts) and starts[k + 1] <= start:
            k += 1
        if end <= starts[k] + len(texts[k]):
            out[k].append((start - starts[k], end - starts[k], concept))
    return out


class SpanCache:
    """Glossary spans per ``(lang, text)``, found once (term regexes are costly) and kept
    while the term list is the same object."""

    def __init__(self, limit: int = 20000):
        self.limit = limit
        self.terms: object = None
        self.seen: dict[tuple[str, str], list[tuple[int, int, str]]] = {}

    def spans(self, texts: list[str], lang: str, terms: dict,
              find) -> list[list[tuple[int, int, str]]]:
        """Spans of each text; ``find(text, lang, entries)`` is the glossary's finder."""
        if terms is not self.terms or len(self.seen) > self.limit:
            self.terms, self.seen = terms, {}
        todo = [t for t in dict.fromkeys(texts) if (lang, t) not in self.seen]
        found = spans_per_text(todo, lambda text: find(text, lang, terms.get(lang, [])))
        self.seen.update({(lang, t): f for t, f in zip(todo, found)})
        return [self.seen[(lang, t)] for t in texts]


def grid_style(n_langs: int) -> str:
    return f"grid-template-columns:repeat({n_langs}, minmax(0, 1fr));"


def legend_html(counts: dict[str, int]) -> str:
    """The status colours with their counts, as one line."""
    parts = [f'<span class="ua-badge" style="--st:{STATUS_COLOURS[k]}">{STATUS_LABELS[k]}'
             f" {counts.get(k, 0)}</span>" for k in STATUS_COLOURS]
    return ('<div class="ua-meta" style="margin:.2rem 0 .6rem">' + " ".join(parts)
            + " · confidence bar: green ≥ 0.8, amber ≥ 0.5, red below</div>")


def header_html(langs: list[str]) -> str:
    cols = "".join(f"<div>{escape(LANG_LABELS.get(lang, lang))} · {escape(lang)}</div>"
                   for lang in langs)
    return f'<div class="ua-head" style="{grid_style(len(langs))}">{cols}</div>'


def row_html(al: MultiAlignment, index: int, row: Row, langs: list[str], *,
             selected: bool = False, mismatches: list[Mismatch] | None = None,
             terms: dict[str, list[tuple[int, int, str]]] | None = None) -> str:
    """One review row as HTML (every text escaped)."""
    colour = STATUS_COLOURS.get(row.status, "#8a94a6")
    conf = min((row.confidence.get(lang, 1.0) for lang in langs if lang != al.pivot
                and lang in row.confidence), default=1.0)
    cells = []
    for lang in langs:
        text = al.text(row, lang)
        cls = "ua-cell" + (" ua-rtl" if lang in RTL_LANGS else "") + (" ua-zh" if lang == "zh" else "")
        attrs = f' lang="{escape(lang)}"' + (' dir="rtl"' if lang in RTL_LANGS else "")
        if text:
            body = highlight(text, (terms or {}).get(lang))
        else:
            body = '<span class="ua-empty">— no counterpart —</span>'
        cells.append(f'<div class="{cls}"{attrs}>{body}</div>')
    flags = sorted({f for lang, fl in row.flags.items() if lang in langs for f in fl})
    meta = [f'<span class="ua-num">#{index + 1}</span>']
    if row.number:
        meta.append(f"¶ {escape(row.number)}")
    meta.append(f'<span class="ua-badge">{STATUS_LABELS.get(row.status, row.status)}</span>')
    meta.append(f'<span class="ua-conf" title="confidence {conf:.2f}"><span style="width:'
                f'{max(0.0, min(conf, 1.0)) * 100:.0f}%;background:{_conf_colour(conf)}">'
                f"</span></span> {conf:.2f}")
    if flags:
        meta.append(escape(", ".join(f.replace("_", " ") for f in flags)))
    for m in mismatches or []:
        if m.lang in langs:
            meta.append(f'<span class="ua-warn">≠ {escape(str(m))}</span>')
    sel = " ua-sel" if selected else ""
    return (f'<div class="ua-row{sel}" style="--st:{colour};{grid_style(len(langs))}">'
            f'<div class="ua-meta">{" · ".join(meta)}</div>{"".join(cells)}</div>')
