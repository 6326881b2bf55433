"""Glossary: suggested term pairs with their evidence; accept, edit, reject; export."""

import streamlit as st

from align.errors import AlignError
from align.storage import connect, default_db_path
from align.terms import view
from align.terms.export import FORMATS, glossary_bytes
from align.terms.glossary import POS_VALUES, STATUSES, TERM_TYPES
from align.terms.seed import load_seed
from align.terms.store import GlossaryStore
from align.ui import state

LANG_NAMES = {"zh": "Chinese", "en": "English", "fr": "French", "es": "Spanish",
              "ru": "Russian", "ar": "Arabic"}
PAGE_SIZE = 20

state.page_setup("Glossary")
st.title("Glossary")


def glossary() -> GlossaryStore:
    """This tab's glossary store (its own connection: two tabs never share a transaction)."""
    db = str(default_db_path())
    if st.session_state.get("_gl_db") != db or "_gl_store" not in st.session_state:
        st.session_state["_gl_store"] = GlossaryStore(connect(db))
        st.session_state["_gl_db"] = db
    return st.session_state["_gl_store"]


gs = glossary()
user = st.sidebar.text_input("Your name (recorded with each change)", key="gl_user")


def act(fn, *args, **kwargs) -> None:
    try:
        fn(*args, **kwargs)
    except AlignError as exc:
        st.session_state["gl_msg"] = ("error", str(exc))


top = st.columns([1, 1, 2])
if top[0].button("Load the seed UNODC glossary", key="gl_seed", icon=":material/library_add:"):
    try:
        n = gs.import_concepts(load_seed(), by=user or "seed")
        st.session_state["gl_msg"] = ("success", f"{n} seed concepts added.")
    except AlignError as exc:
        st.session_state["gl_msg"] = ("error", str(exc))

sess = state.current()
if sess is not None and top[1].button("Suggest term pairs from the open document",
                                      key="gl_suggest", icon=":material/auto_awesome:"):
    from align.terms.pipeline import suggest_from_alignment

    try:
        with st.spinner("Extracting and pairing terms …"):
            sugg = suggest_from_alignment(sess.al, embedder=state.embedder(),
                                          glossary=gs.entries(status="accepted"), top=100)
            gs.add_suggestions(sugg.all_pairs(), by=user)
        st.session_state["gl_msg"] = ("success", f"{len(sugg.all_pairs())} pairs suggested.")
    except AlignError as exc:
        st.session_state["gl_msg"] = ("error", str(exc))
elif sess is None:
    top[1].caption("Open a review to get suggestions from its document.")

msg = st.session_state.pop("gl_msg", None)
if msg:
    getattr(st, msg[0])(msg[1])

f1, f2, f3, f4 = st.columns([2, 1, 1, 1])
search = f1.text_input("Search terms, notes, definitions", key="gl_search")
lang = f2.selectbox("Language", ["", *LANG_NAMES], key="gl_lang",
                    format_func=lambda x: LANG_NAMES.get(x, "All languages"))
status = f3.selectbox("Status", ["", *STATUSES], key="gl_status",
                      format_func=lambda x: x.capitalize() if x else "Any status")
origin = f4.selectbox("Origin", ["", "suggested", "seed", "manual"], key="gl_origin",
                      format_func=lambda x: x.capitalize() if x else "Any origin")
entries = gs.entries(status=status or None, lang=lang or None, search=search or None,
                     origin=origin or None)
shown_langs = [lang] if lang else ["zh", "en"]
if lang and lang != "zh":
    shown_langs = ["zh", lang]
pages = max(1, -(-len(entries) // PAGE_SIZE))
page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="gl_page") if pages > 1 else 1
st.caption(f"{len(entries)} concept(s) · {gs.count()} in the glossary")

for c in entries[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
    with st.expander(view.concept_label(c, shown_langs), expanded=c.origin == "suggested"
                     and c.status == "candidate" and page == 1):
        for line in view.evidence_lines(c):
            st.markdown(line)
        ctx = view.contexts(c)
        if ctx:
            st.dataframe(ctx, hide_index=True, width="stretch")
        st.dataframe(view.term_rows(c), hide_index=True, width="stretch")
        b1, b2, b3 = st.columns(3)
        b1.button("Accept", key=f"gl_acc_{c.id}", icon=":material/check:",
                  on_click=act, args=(gs.set_status, c.id, "accepted"), kwargs={"by": user})
        b2.button("Reject", key=f"gl_rej_{c.id}", icon=":material/close:",
                  on_click=act, args=(gs.set_status, c.id, "rejected"), kwargs={"by": user})
        b3.button("Delete", key=f"gl_del_{c.id}", icon=":material/delete:",
                  on_click=act, args=(gs.delete, c.id))
        terms = {t.id: t for t in c.terms}
        tid = st.selectbox("Term to edit", list(terms), key=f"gl_tid_{c.id}",
                           format_func=lambda i, terms=terms: f"{terms[i].lang}: {terms[i].text}")
        t = terms[tid]
        with st.form(f"gl_form_{c.id}_{tid}"):
            e1, e2, e3, e4 = st.columns([3, 1, 1, 1])
            text = e1.text_input("Term", t.text, key=f"gl_text_{c.id}_{tid}")
            pos = e2.selectbox("Part of speech", POS_VALUES, key=f"gl_pos_{c.id}_{tid}",
                               index=POS_VALUES.index(t.pos) if t.pos in POS_VALUES else 0)
            ttype = e3.selectbox("Type", TERM_TYPES, index=TERM_TYPES.index(t.term_type),
                                 key=f"gl_type_{c.id}_{tid}")
            tstat = e4.selectbox("Status", STATUSES, index=STATUSES.index(t.status),
                                 key=f"gl_tstat_{c.id}_{tid}")
            note = st.text_input("Note", t.note, key=f"gl_note_{c.id}_{tid}")
            s1, s2 = st.columns(2)
            source = s1.text_input("Source symbol", t.source, key=f"gl_src_{c.id}_{tid}")
            para = s2.text_input("Paragraph", t.paragraph, key=f"gl_para_{c.id}_{tid}")
            context = st.text_area("Context sentence", t.context, key=f"gl_ctx_{c.id}_{tid}")
            definition = st.text_area("Definition (concept)", c.definition,
                                      key=f"gl_def_{c.id}")
            if st.form_submit_button("Save", icon=":material/save:"):
                act(gs.update_term, tid, by=user, text=text, pos=pos, term_type=ttype,
                    status=tstat, note=note, source=source, paragraph=para, context=context)
                if definition != c.definition:
                    act(gs.update_concept, c.id, by=user, definition=definition)
                st.rerun()

st.subheader("Export")
x1, x2 = st.columns(2)
scope = x1.radio("Entries", ["accepted", "all"], horizontal=True, key="gl_scope",
                 format_func=lambda s: "Accepted only" if s == "accepted" else
                 "Accepted and candidates")
to_export = gs.entries(status="accepted") if scope == "accepted" else gs.entries()
if scope == "accepted":
    for c in to_export:
        c.terms = [t for t in c.terms if t.status == "accepted"]
x2.caption(f"{len(to_export)} concept(s) will be exported.")
cols = st.columns(len(FORMATS))
labels = {"tbx": "TBX-Basic (v2)", "tbx3": "TBX v3", "tmx": "TMX glossary", "csv": "CSV",
          "xlsx": "XLSX"}
for col, (fmt, (ext, mime)) in zip(cols, FORMATS.items()):
    col.download_button(labels[fmt], glossary_bytes(to_export, fmt),
                        f"glossary{'-v3' if fmt == 'tbx3' else ''}{ext}", mime,
                        key=f"gl_dl_{fmt}", icon=":material/download:", width="stretch")

if sess is not None:
    from align.terms.consistency import find_inconsistencies
    from align.terms.pair import units_from_alignment

    st.subheader("Consistency in the open document")
    units = units_from_alignment(sess.al)
    accepted = gs.entries(status="accepted")
    found = [inc for other in sess.al.langs if other != sess.al.pivot
             for inc in find_inconsistencies(units, sess.al.pivot, other, accepted)]
    if not found:
        st.caption("Every known Chinese term is rendered one way throughout.")
    for inc in found:
        st.markdown(f"- **{inc.tgt_lang}** · {inc.describe()}")
