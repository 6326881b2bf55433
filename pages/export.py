"""Export: TMX per language pair and multilingual, CSV, XLSX and JSON of the reviewed state."""

import streamlit as st

from align.errors import AlignError
from align.review import ingest, ops
from align.ui import render, state

state.page_setup("Export")
sess = state.current()
st.title("Export")
if sess is None:
    st.info("No review is open: upload documents or open a recent review.")
    st.page_link("pages/documents.py", label="Go to Documents", icon=":material/upload_file:")
    st.stop()

info = sess.store.info(sess.id)
levels = {u: sess.store.find(info.set_key, u) for u in ("paragraph", "sentence")}
levels = {u: rid for u, rid in levels.items() if rid is not None}
c1, c2 = st.columns(2)
level = c1.radio("Units", list(levels), index=list(levels).index(sess.al.unit), horizontal=True,
                 key="ua_x_level", format_func=lambda u: u.capitalize() + "s")
scope = c2.radio("Rows", ["all", "reviewed"], horizontal=True, key="ua_x_scope",
                 format_func=lambda s: "All rows" if s == "all" else "Confirmed and edited only")
al = sess.al if levels[level] == sess.id else sess.store.load(levels[level])[0]
al = ops.compact(al)
only = scope == "reviewed"
counts = ops.counts(al)
st.caption(f"{info.name} · {len(al.rows)} rows at {level} level · "
           f"{counts['confirmed']} confirmed, {counts['edited']} edited")
name = next((d.symbols[0] for d in al.docs.values() if d.symbols), None) or "alignment"
try:
    from align.export.common import safe_name

    base = safe_name(name)
except (ImportError, AlignError):
    base = "alignment"
suffix = "" if level == "paragraph" else ".sent"

try:
    from align.export import jsonio, tabular, tmx

    st.subheader("Translation memories (TMX 1.4b)")
    cols = st.columns(3)
    cols[0].download_button(
        "Multilingual TMX", tmx.tmx_bytes(al, only_confirmed=only), f"{base}{suffix}.tmx",
        "application/x-tmx+xml", key="ua_dl_tmx", icon=":material/translate:",
        width="stretch")
    for k, lang in enumerate(l for l in al.langs if l != al.pivot):
        cols[(k + 1) % 3].download_button(
            f"{al.pivot}–{lang} TMX", tmx.tmx_bytes(al, langs=[al.pivot, lang], only_confirmed=only),
            f"{base}{suffix}.{al.pivot}-{lang}.tmx", "application/x-tmx+xml",
            key=f"ua_dl_tmx_{lang}", width="stretch")
    st.subheader("Tables and data")
    t1, t2, t3 = st.columns(3)
    t1.download_button("CSV (Excel, UTF-8)", tabular.csv_bytes(al, only_confirmed=only),
                       f"{base}{suffix}.csv", "text/csv", key="ua_dl_csv",
                       icon=":material/table:", width="stretch")
    t2.download_button("XLSX workbook", tabular.xlsx_bytes(al, only_confirmed=only),
                       f"{base}{suffix}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="ua_dl_xlsx", icon=":material/grid_on:", width="stretch")
    t3.download_button("JSON (full alignment)", jsonio.json_bytes(al), f"{base}{suffix}.json",
                       "application/json", key="ua_dl_json", icon=":material/data_object:",
                       width="stretch")
    st.caption("JSON always holds every row with its status; the other files follow the "
               "choice above. Paragraph numbers, the document symbol and job numbers are "
               "written as TMX properties.")
except AlignError as exc:
    st.error(str(exc))
