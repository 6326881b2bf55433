"""Export: TMX per language pair and multilingual, CSV, XLSX and JSON of the reviewed state."""

import streamlit as st

from align.errors import AlignError
from align.review import downloads, ops
from align.ui import state
from align.ui.render import md

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
if len(levels) == 1:
    c1.caption("For sentence pairs too, switch the review to sentences first."
               if "sentence" not in levels else "Only the sentence level has been aligned.")
al = sess.al if levels[level] == sess.id else sess.store.load(levels[level])[0]
only = scope == "reviewed"
counts = ops.counts(al)
st.caption(f"{md(info.name)} · {len(al.rows)} rows at {level} level · "
           f"{counts['confirmed']} confirmed, {counts['edited']} edited")
if only and counts["confirmed"] + counts["edited"] == 0:
    st.warning("No row is confirmed or edited yet: with this choice the files hold no units.",
               icon=":material/warning:")
try:
    files = downloads.downloads(al, only_reviewed=only)
    bundle = downloads.zip_all(files, files[0].filename.removesuffix(".tmx"))
except AlignError as exc:
    st.error(md(exc))
    st.stop()

icons = {"CSV (Excel, UTF-8)": ":material/table:", "XLSX workbook": ":material/grid_on:",
         "JSON (full alignment)": ":material/data_object:",
         "Multilingual TMX": ":material/translate:"}
for kind, title in (("tmx", "Translation memories (TMX 1.4b)"), ("table", "Tables and data")):
    st.subheader(title)
    cols = st.columns(3)
    for k, f in enumerate(x for x in files if x.kind == kind):
        cols[k % 3].download_button(f.label, f.data, f.filename, f.mime,
                                    key=f"ua_dl_{f.filename}", width="stretch",
                                    icon=icons.get(f.label))
st.download_button(bundle.label, bundle.data, bundle.filename, bundle.mime, key="ua_dl_zip",
                   icon=":material/folder_zip:", type="primary")
st.caption("JSON always holds every row with its status; the other files follow the choice "
           "above. Paragraph numbers, the document symbol and job numbers are written as TMX "
           "properties.")
