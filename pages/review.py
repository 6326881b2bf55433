"""Review: one row per aligned unit, the pivot and the chosen languages side by side."""

import streamlit as st

from align.errors import AlignError
from align.review import checks, ingest, ops
from align.review.realign import realign_after
from align.ui import render, state

state.page_setup("Review")
sess = state.current()
if sess is None:
    st.title("Review")
    st.info("No review is open: upload documents or open a recent review.")
    st.page_link("pages/documents.py", label="Go to Documents", icon=":material/upload_file:")
    st.stop()

al = sess.al
info = sess.store.info(sess.id)
counts = ops.counts(al)
n_rows = len(al.rows)
cursor = min(max(int(st.session_state.get(state.K_CURSOR, 0)), 0), max(n_rows - 1, 0))
st.session_state[state.K_CURSOR] = cursor


# --- actions (callbacks run before the page is drawn) ---------------------------------
def act(op: dict, advance: bool = False) -> None:
    try:
        reapplied = sess.apply(op)
    except AlignError as exc:
        state.say("error", str(exc))
        return
    if reapplied:
        state.say("info", "Another window had changed this review: your action was applied "
                          "to the fresh state.")
    if advance:
        nxt = ops.next_to_review(sess.al, op["row"])
        st.session_state[state.K_CURSOR] = nxt if nxt is not None else op["row"]
        st.session_state[state.K_SCROLL] = True
    else:
        st.session_state[state.K_CURSOR] = min(op["row"], len(sess.al.rows) - 1)


def act_from(op: dict, fields: dict) -> None:
    """Like :func:`act`, with some operation fields read from widgets at click time."""
    op = dict(op)
    for name, key in fields.items():
        if isinstance(key, dict):
            op[name] = {k: st.session_state.get(v) for k, v in key.items()}
        else:
            op[name] = st.session_state.get(key)
    act(op)


def step(undo: bool) -> None:
    try:
        op = sess.undo() if undo else sess.redo()
    except AlignError as exc:
        state.say("error", str(exc))
        return
    state.say("info", f"{'Undone' if undo else 'Redone'}: {op.get('op')} (row {op.get('row', 0) + 1})")
    if "row" in op:
        st.session_state[state.K_CURSOR] = min(op["row"], len(sess.al.rows) - 1)


def select(i: int) -> None:
    st.session_state[state.K_CURSOR] = i


def jump_next() -> None:
    flagged_only = st.session_state.get("ua_filter") == "flagged"
    nxt = ops.next_to_review(sess.al, st.session_state.get(state.K_CURSOR, 0),
                             flagged_only=flagged_only)
    if nxt is None:
        state.say("success", "Nothing left to review." if not flagged_only else "No flagged rows left.")
    else:
        st.session_state[state.K_CURSOR] = nxt
        st.session_state[state.K_SCROLL] = True


def realign(i: int) -> None:
    try:
        new = realign_after(sess.al, i, embedder=state.embedder())
        changed = sum(1 for a, b in zip(sess.al.rows, new.rows) if a.cells != b.cells)
        changed += abs(len(new.rows) - len(sess.al.rows))
        if not changed:
            state.say("info", f"Realigning the rows after row {i + 1} changed nothing.")
            return
        sess.replace(new, {"op": "realign", "row": i})
    except AlignError as exc:
        state.say("error", str(exc))
        return
    state.say("success", f"Rows after row {i + 1} were realigned ({changed} rows changed); "
                         "confirmed rows kept.")


# --- header ---------------------------------------------------------------------------
st.title(f"Review · {render.md(info.name)}")
state.show_message()
done = counts["confirmed"] + counts["edited"]
m1, m2, m3, m4, m5 = st.columns(5)
m1.metric("Rows", n_rows)
m2.metric("Confirmed", counts["confirmed"])
m3.metric("Edited", counts["edited"])
m4.metric("Flagged", counts["flagged"])
m5.metric("Automatic", counts["auto"])
st.progress(done / n_rows if n_rows else 0.0,
            text=f"{done} of {n_rows} rows reviewed (confirmed or edited)")
st.markdown(render.legend_html(counts), unsafe_allow_html=True)

c_level, c_langs, c_filter = st.columns([1.1, 3, 2.4], vertical_alignment="bottom")
level = c_level.radio("Units", ["paragraph", "sentence"], index=["paragraph", "sentence"].index(al.unit),
                      horizontal=True, key=f"ua_level_{sess.id}",
                      format_func=lambda u: u.capitalize() + "s")
others = [lang for lang in al.langs if lang != al.pivot]
shown = c_langs.multiselect("Languages beside the pivot", others, default=others,
                            key="ua_langs", format_func=lambda c: ingest.LANG_NAMES.get(c, c))
langs = [al.pivot] + [lang for lang in others if lang in shown]
flt = c_filter.radio("Show", ["all", "to review", "flagged"], horizontal=True, key="ua_filter",
                     format_func=str.capitalize)
n1, n2, n3, n_bulk, n_page, n_terms = st.columns([1.9, 1.35, 1.35, 1.5, 1.1, 1.7],
                                                 vertical_alignment="bottom")
n1.button("Next to review", icon=":material/skip_next:", on_click=jump_next, key="ua_next",
          width="stretch", shortcut="Alt+N", help="Next row to review (next flagged row when "
          "showing flagged rows)")
n2.button("Undo", icon=":material/undo:", on_click=step, args=(True,), key="ua_undo",
          disabled=not sess.can_undo(), width="stretch", shortcut="Ctrl+Z")
n3.button("Redo", icon=":material/redo:", on_click=step, args=(False,), key="ua_redo",
          disabled=not sess.can_redo(), width="stretch", shortcut="Ctrl+Y")
n_terms.toggle("Highlight glossary terms", value=True, key="ua_terms")
with n_bulk.popover("Bulk confirm", icon=":material/done_all:", width="stretch"):
    floor = st.slider("Lowest confidence", 0.0, 1.0, 0.8, 0.05, key="ua_bulk_floor")
    n_auto = sum(1 for r in al.rows if r.status == "auto" and r.min_confidence >= floor)
    st.caption(f"Confirms the {n_auto} automatic (unflagged) rows at or above this "
               "confidence; flagged rows stay for you. One step to undo.")
    st.button(f"Confirm {n_auto} rows", key="ua_bulk", disabled=not n_auto, on_click=act_from,
              args=({"op": "confirm_auto", "row": cursor}, {"min_confidence": "ua_bulk_floor"}))

if level != al.unit:  # switch level: open (or make) the review of the other level
    other = sess.store.find(info.set_key, level)
    if other is None:
        with st.spinner(f"Aligning at {level} level …"):
            cards = state.cards_of_set(info.set_key)
            opened = state.align_and_open(cards, unit=level, pivot=al.pivot)
    else:
        opened = state.open_review(other)
    if opened is not None:
        st.session_state.pop(f"ua_level_{sess.id}", None)  # coming back shows this level
        st.rerun()
    st.stop()

# --- rows ----------------------------------------------------------------------------------
wanted = {"all": None, "to review": ("auto", "flagged"), "flagged": ("flagged",)}[flt]
visible = [i for i, r in enumerate(al.rows) if wanted is None or r.status in wanted or i == cursor]
page_size = 25
pages = max(1, -(-len(visible) // page_size))
pos = visible.index(cursor) if cursor in visible else 0
page_no = pos // page_size
if pages > 1:
    page_no = n_page.number_input(
        f"Page (of {pages})", 1, pages, page_no + 1, key=f"ua_page_{cursor}_{flt}") - 1
page_rows = visible[page_no * page_size:(page_no + 1) * page_size]

terms_by_row: dict[int, dict] = {}
if st.session_state.get("ua_terms", True):
    try:  # glossary terms (accepted entries + the UNODC seed), when the glossary part is there
        from align.terms.highlight import find_terms

        by_lang = state.glossary_terms()
        cache = st.session_state.setdefault("ua_term_spans", render.SpanCache())
        terms_by_row = {i: {} for i in page_rows}
        for lang in langs:
            texts = [al.text(al.rows[i], lang) for i in page_rows]
            for i, found in zip(page_rows, cache.spans(texts, lang, by_lang, find_terms)):
                terms_by_row[i][lang] = found
    except Exception:  # noqa: BLE001 - highlighting is optional; never break the review
        terms_by_row = {}

st.markdown(f'<div style="display:grid;grid-template-columns:0.07fr 0.93fr">'
            f'<div></div>{render.header_html(langs)}</div>', unsafe_allow_html=True)
for i in page_rows:
    row = al.rows[i]
    texts = {lang: al.text(row, lang) for lang in langs}
    mism = checks.row_mismatches(texts, al.pivot)
    c_sel, c_row = st.columns([0.07, 0.93], gap="small")
    c_sel.button(f"{i + 1}", key=f"ua_sel_{i}", on_click=select, args=(i,),
                 type="primary" if i == cursor else "secondary", width="stretch",
                 help="Select this row")
    c_row.markdown(render.row_html(al, i, row, langs, selected=i == cursor, mismatches=mism,
                                   terms=terms_by_row.get(i)), unsafe_allow_html=True)
    if i != cursor:
        continue
    fp = ops.fingerprint(row)
    with c_row.container(border=True):
        b = st.columns([1.7, 1.7, 1.5, 1.35, 1.35])
        if row.status == "confirmed":
            b[0].button("Unconfirm", icon=":material/remove_done:", key="ua_unconfirm",
                        on_click=act, args=({"op": "unconfirm", "row": i, "expect": fp},),
                        width="stretch")
        else:
            b[0].button("Confirm", icon=":material/check:", type="primary", key="ua_confirm",
                        on_click=act, args=({"op": "confirm", "row": i, "expect": fp}, True),
                        width="stretch", shortcut="Ctrl+Enter",
                        help="Confirm this row and go to the next one")
        b[1].button("Merge with next", icon=":material/vertical_align_bottom:", key="ua_merge",
                    on_click=act, args=({"op": "merge", "row": i, "expect": fp},),
                    disabled=i + 1 >= n_rows, width="stretch", shortcut="Alt+M")
        b[2].button("Realign rows below", icon=":material/autorenew:", key="ua_realign",
                    on_click=realign, args=(i,), disabled=i + 1 >= n_rows,
                    width="stretch", help="Realign the rows after this one; confirmed "
                    "rows stay as they are")
        b[3].button("Up", icon=":material/arrow_upward:", key="ua_prev_row",
                    on_click=select, args=(max(i - 1, 0),), width="stretch",
                    shortcut="Alt+Up")
        b[4].button("Down", icon=":material/arrow_downward:", key="ua_next_row",
                    on_click=select, args=(min(i + 1, n_rows - 1),), width="stretch",
                    shortcut="Alt+Down")
        with_text = [lang for lang in langs if texts.get(lang)]
        t_split, t_move, t_edit, t_unlink = st.tabs(
            ["Split", "Move a sentence", "Edit text", "No counterpart"])
        with t_split:
            cut_keys = {}
            cols = st.columns(max(len(with_text), 1))
            for col, lang in zip(cols, with_text):
                sents = ops.cell_sentences(al, row, lang)
                cut_keys[lang] = f"ua_cut_{i}_{lang}_{sess.version}"
                col.selectbox(
                    f"{lang}: first part ends after", list(range(len(sents) + 1)),
                    index=min(1, len(sents)), key=cut_keys[lang],
                    format_func=lambda k, s=sents: "nothing (all below)" if k == 0 else
                    f"sentence {k}: …{s[k - 1][-40:]}")
            st.button("Split the row", icon=":material/call_split:", key="ua_split",
                      on_click=act_from, args=({"op": "split", "row": i, "expect": fp},
                                               {"cuts": cut_keys}))
        with t_move:
            c1, c2, c3 = st.columns([1, 1.3, 1.3], vertical_alignment="bottom")
            c1.selectbox("Language", with_text or langs, key=f"ua_mlang_{i}",
                         format_func=lambda c: ingest.LANG_NAMES.get(c, c))
            c2.button("First sentence ↑ to the row above", key="ua_move_up", disabled=i == 0,
                      on_click=act_from, args=({"op": "move", "row": i, "direction": "up",
                                                "expect": fp}, {"lang": f"ua_mlang_{i}"}),
                      width="stretch")
            c3.button("Last sentence ↓ to the row below", key="ua_move_down",
                      disabled=i + 1 >= n_rows, on_click=act_from,
                      args=({"op": "move", "row": i, "direction": "down", "expect": fp},
                            {"lang": f"ua_mlang_{i}"}), width="stretch")
        with t_edit:
            elang = st.selectbox("Language", langs, key=f"ua_elang_{i}",
                                 format_func=lambda c: ingest.LANG_NAMES.get(c, c))
            text_key = f"ua_text_{i}_{elang}_{sess.version}"
            st.text_area("Text", texts.get(elang, ""), height=120, key=text_key)
            st.button("Save the text", icon=":material/save:", key="ua_save", on_click=act_from,
                      args=({"op": "edit", "row": i, "lang": elang, "expect": fp},
                            {"text": text_key}))
        with t_unlink:
            st.selectbox("Language whose text has no counterpart", with_text or langs,
                         index=min(1, max(len(with_text) - 1, 0)), key=f"ua_ulang_{i}",
                         format_func=lambda c: ingest.LANG_NAMES.get(c, c))
            st.caption("Moves that language's text to a row of its own (1-0 / 0-1).")
            st.button("Mark as untranslated", icon=":material/link_off:", key="ua_unlink",
                      on_click=act_from, args=({"op": "untranslated", "row": i, "expect": fp},
                                               {"lang": f"ua_ulang_{i}"}))
st.caption(f"Rows {page_rows[0] + 1 if page_rows else 0}–{page_rows[-1] + 1 if page_rows else 0} "
           f"of {n_rows} · pivot {al.pivot} · {al.signature.get('aligner', '')} "
           f"{al.signature.get('model', '')} · every change is saved at once")

if st.session_state.pop(state.K_SCROLL, False):  # bring a row reached by a jump into view
    state.scroll_to(".ua-row.ua-sel")
