"""Documents: upload the language versions, check what the reader found, align."""

import streamlit as st

from align.review import ingest
from align.ui import state
from align.ui.render import md

state.page_setup("Documents")
st.title("Align the language versions of a UN document")
st.caption("Drop the Chinese version and any of English, French, Spanish, Russian and Arabic "
           "(PDF, DOCX or plain text). Files stay on this computer.")
state.show_message()

server_mb = int(st.get_option("server.maxUploadSize") or 50)
limit = min(ingest.MAX_UPLOAD_BYTES, server_mb * 2**20)
reads: dict = st.session_state.setdefault("ua_reads", {})


def read(name: str, data: bytes, lang: str | None):
    key = (ingest.content_hash(data), lang)
    if key not in reads:
        reads[key] = ingest.read_card(data, name, lang=lang, max_bytes=limit)
    return reads[key]


def open_sample() -> None:
    files = ingest.sample_files(state.CORPORA)
    if not files:
        state.say("warning", "No bundled sample was found in corpora/.")
        return
    st.session_state["ua_sample"] = files
    st.session_state["ua_auto_align"] = True


# `align app --sample`: open the bundled sample once per browser session
if state.sample_requested() and not st.session_state.get("ua_sample_done"):
    st.session_state["ua_sample_done"] = True
    if state.current() is None:
        open_sample()

top_left, top_right = st.columns([4, 1.3], vertical_alignment="bottom")
with top_left:
    uploads = st.file_uploader(
        "Language versions of one document", type=["pdf", "docx", "txt"],
        accept_multiple_files=True, key="ua_upload",
        help=f"Several files at once; at most {ingest.human_size(limit)} each.")
with top_right:
    st.button("Open the bundled sample", icon=":material/auto_stories:",
              on_click=open_sample, width="stretch",
              help="Six language versions of a UNODC report written for this tool.")

overrides: dict = st.session_state.setdefault("ua_lang_override", {})
sources = [(f.name, f.getvalue()) for f in uploads or []]
sources += [s for s in st.session_state.get("ua_sample", []) if s not in sources]
cards = []
for name, data in sources:
    sha = ingest.content_hash(data)
    if len(data) > limit:
        cards.append(ingest.FileCard(
            sha=sha, name=ingest.safe_display_name(name), size=len(data),
            error=f"{ingest.safe_display_name(name)}: {ingest.human_size(len(data))} is over "
                  f"the {ingest.human_size(limit)} limit for one file"))
        continue
    card = read(name, data, overrides.get(sha))
    if card.sha not in {c.sha for c in cards}:
        cards.append(card)

if not cards:
    st.info("Drop files above, or open the bundled sample to see the tool at work.")
else:
    set_warnings = ingest.check_set(cards)
    st.subheader(f"{len(cards)} file{'s' if len(cards) != 1 else ''}")
    columns = st.columns(3)
    for n, card in enumerate(cards):
        with columns[n % 3].container(border=True, key=f"ua_card_{card.sha}"):
            size = ingest.human_size(card.size)
            ext = card.name.rsplit(".", 1)[-1].lower() if "." in card.name else "?"
            fmt = card.fmt or ext
            st.markdown(f"**{md(card.name)}**  \n`{fmt}` · {size}")
            options = ["(not set)", *ingest.LANGS]
            current_lang = card.lang if card.lang in ingest.LANGS else "(not set)"
            choice = st.selectbox(
                "Language", options, index=options.index(current_lang), key=f"ua_lang_{card.sha}",
                format_func=lambda c: c if c == "(not set)" else f"{ingest.LANG_NAMES[c]} ({c})")
            if choice != current_lang and choice != "(not set)":
                overrides[card.sha] = choice
                st.rerun()
            if card.error:
                st.error(md(card.error), icon=":material/error:")
            else:
                st.markdown(
                    f"Symbol: **{md(', '.join(card.symbols)) or '—'}**  \n"
                    f"Job number: **{md(card.job_number or '—')}**  \n"
                    f"Numbered paragraphs: **{card.paragraphs}**"
                    + (f"  \nTitle: {md(card.title[:90])}{'…' if len(card.title) > 90 else ''}"
                       if card.title else ""))
            for w in card.warnings + set_warnings.get(card.sha, []):
                st.warning(md(w), icon=":material/warning:")

    good = ingest.usable(cards)
    if len(good) > 1 and not any(set_warnings.get(c.sha) for c in good):
        st.success(f"{len(good)} readable files: the same symbol in each, every language once, "
                   "no numbered paragraph missing.", icon=":material/task_alt:")
    st.divider()
    langs = [c.lang for c in good]
    if len(good) < 2:
        st.info("At least two readable files in different languages are needed to align.")
    else:
        key = ingest.set_key([c.sha for c in good])
        c1, c2, c3 = st.columns([1.2, 1.4, 3], vertical_alignment="bottom")
        pivot = c1.selectbox("Pivot language", langs,
                             index=langs.index("zh") if "zh" in langs else 0, key="ua_pivot",
                             format_func=lambda c: f"{ingest.LANG_NAMES[c]} ({c})")
        unit = c2.radio("Align by", ["paragraph", "sentence"], horizontal=True, key="ua_unit",
                        format_func=lambda u: u.capitalize() + "s")
        store = state.store()
        existing = store.find(key, unit)
        auto = st.session_state.pop("ua_auto_align", False)
        with c3:
            if existing is not None:
                info = store.info(existing)
                st.success(f"A review of these files exists: {info.confirmed} of {info.rows} "
                           f"rows confirmed, last change {info.updated}.",
                           icon=":material/history:")
                b1, b2 = st.columns(2)
                resume = b1.button("Resume the review", type="primary", key="ua_resume",
                                   width="stretch")
                restart = b2.button("Start over", key="ua_restart", width="stretch",
                                    help="Align again; the earlier review of this level is replaced.")
            else:
                resume, restart = False, False
                start = st.button(f"Align {len(good)} documents", type="primary", key="ua_align",
                                  icon=":material/join_inner:", width="stretch")
                restart = start
        if resume or (auto and existing is not None):
            state.open_review(existing)
            st.switch_page("pages/review.py")
        if restart or auto:
            sess = state.align_and_open(cards, unit=unit, pivot=pivot, restart=True)
            if sess is not None:
                state.say("success", f"Aligned {len(good)} documents: {len(sess.al.rows)} rows.")
                st.switch_page("pages/review.py")

recent = state.store().recent(8)
if recent:
    with st.expander("Recent reviews", expanded=not cards, icon=":material/history:"):
        for info in recent:
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.markdown(f"**{md(info.name)}** · {info.unit} level · {info.confirmed}/{info.rows} "
                        f"confirmed · {info.updated}")
            if c2.button("Open", key=f"ua_open_{info.id}", width="stretch"):
                state.open_review(info.id)
                st.switch_page("pages/review.py")
