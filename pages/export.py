"""Export: TMX per language pair and multilingual, CSV, XLSX and JSON of the reviewed state."""

import io
import zipfile

import streamlit as st

from align.errors import AlignError
from align.review import ops
from align.ui import state
from align.ui.render import md

state.page_setup("Export")


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


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
st.caption(f"{md(info.name)} · {len(al.rows)} rows at {level} level · "
           f"{counts['confirmed']} confirmed, {counts['edited']} edited")
name = next((d.symbols[0] for d in al.docs.values() if d.symbols), None) or "alignment"
try:
    from align.export.common import safe_name

    base = safe_name(name)
except (ImportError, AlignError):
    base = "alignment"
suffix = "" if level == "paragraph" else ".sent"
if only and counts["confirmed"] + counts["edited"] == 0:
    st.warning("No row is confirmed or edited yet: with this choice the files hold no units.",
               icon=":material/warning:")

try:
    from align.export import jsonio, tabular, tmx

    pairs = [x for x in al.langs if x != al.pivot]
    tmx_files = {"Multilingual TMX": (f"{base}{suffix}.tmx", tmx.tmx_bytes(al, only_confirmed=only))}
    for lang in pairs:
        tmx_files[f"{al.pivot}–{lang} TMX"] = (
            f"{base}{suffix}.{al.pivot}-{lang}.tmx",
            tmx.tmx_bytes(al, langs=[al.pivot, lang], only_confirmed=only))
    tables = {
        "CSV (Excel, UTF-8)": (f"{base}{suffix}.csv", tabular.csv_bytes(al, only_confirmed=only),
                               "text/csv", ":material/table:"),
        "XLSX workbook": (f"{base}{suffix}.xlsx", tabular.xlsx_bytes(al, only_confirmed=only),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          ":material/grid_on:"),
        "JSON (full alignment)": (f"{base}{suffix}.json", jsonio.json_bytes(al),
                                  "application/json", ":material/data_object:"),
    }
except AlignError as exc:
    st.error(md(exc))
    st.stop()

st.subheader("Translation memories (TMX 1.4b)")
cols = st.columns(3)
for k, (label, (filename, data)) in enumerate(tmx_files.items()):
    cols[k % 3].download_button(label, data, filename, "application/x-tmx+xml",
                                key=f"ua_dl_{filename}", width="stretch",
                                icon=":material/translate:" if k == 0 else None)
st.subheader("Tables and data")
cols = st.columns(3)
for col, (label, (filename, data, mime, icon)) in zip(cols, tables.items()):
    col.download_button(label, data, filename, mime, key=f"ua_dl_{filename}", icon=icon,
                        width="stretch")
everything = {name: data for name, data in tmx_files.values()}
everything.update({name: data for name, data, _, _ in tables.values()})
st.download_button("Everything (ZIP)", zip_bytes(everything), f"{base}{suffix}.zip",
                   "application/zip", key="ua_dl_zip", icon=":material/folder_zip:",
                   type="primary")
st.caption("JSON always holds every row with its status; the other files follow the choice "
           "above. Paragraph numbers, the document symbol and job numbers are written as TMX "
           "properties.")
