"""Alignment map: each language pair's similarity matrix with the chosen path and anchors."""

import streamlit as st

from align.errors import AlignError
from align.review import ingest, ops
from align.ui import heatmap, state
from align.ui.render import md

state.page_setup("Alignment map")
sess = state.current()
st.title("Alignment map")
if sess is None:
    st.info("No review is open: upload documents or open a recent review.")
    st.page_link("pages/documents.py", label="Go to Documents", icon=":material/upload_file:")
    st.stop()
al = sess.al
others = [lang for lang in al.langs if lang != al.pivot]
st.caption("Darker cells: more similar units. The red line is the alignment the review holds; "
           "diamonds mark links whose paragraph numbers agree. Where the line leaves the dark "
           "diagonal, look closer: click a cell to open its rows in the review.")
lang = st.radio("Pair", others, horizontal=True, key="ua_map_lang",
                format_func=lambda c: f"{al.pivot}–{c} ({ingest.LANG_NAMES.get(c, c)})")

cache = st.session_state.setdefault("ua_maps", {})
key = (sess.id, sess.version, lang)
if key not in cache:
    try:
        with st.spinner("Comparing the units …"):
            cache.clear()
            cache[key] = heatmap.pair_map(al, lang, state.embedder().encode)
    except AlignError as exc:
        st.error(md(exc))
        st.stop()
pm = cache[key]
n, m = pm.sim.shape
off = sum(1 for r in al.rows if r.cells.get(lang) and r.cells.get(al.pivot)
          and r.confidence.get(lang, 1.0) < 0.5)
c1, c2, c3 = st.columns(3)
c1.metric(f"{al.pivot} units × {lang} units", f"{n} × {m}")
c2.metric("Links on the path", len(pm.path))
c3.metric("Anchored by paragraph number", len(pm.anchors))
if off:
    st.warning(f"{off} links have a confidence under 0.5.", icon=":material/warning:")

event = st.altair_chart(heatmap.chart(pm, al.pivot), on_select="rerun", key=f"ua_map_{lang}",
                        width="stretch")
weak = ops.weak_rows(al, lang)
if weak:
    st.subheader("Where to look first")
    for conf, i in weak:
        c1, c2 = st.columns([6, 1], vertical_alignment="center")
        flags = ", ".join(f.replace("_", " ") for f in al.rows[i].flags.get(lang, []))
        c1.markdown(f"Row **{i + 1}** · confidence {conf:.2f}" + (f" · {md(flags)}" if flags else "")
                    + f"  \n{md(al.text(al.rows[i], lang)[:140])}")
        if c2.button("Open", key=f"ua_map_open_{lang}_{i}", width="stretch"):
            st.session_state[state.K_CURSOR] = i
            st.session_state[state.K_SCROLL] = True
            st.switch_page("pages/review.py")

picked = (event.selection.get("cell") if event and getattr(event, "selection", None) else None) or []
if picked:
    cell = picked[0]
    row = pm.row_at(cell.get("i"), cell.get("j"))
    if row is not None:
        st.session_state[state.K_CURSOR] = row
        st.session_state[state.K_SCROLL] = True
        st.switch_page("pages/review.py")
