"""Streamlit glue shared by the pages: the store, the embedder, the open review.

Each browser tab (Streamlit session) gets its own database connection, so two tabs
behave like two writers (see ``align.review.session``). The open review's id is kept in
the URL (``?review=ID``): reloading the page finds the review again.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

import align
from align.errors import AlignError, StoreError
from align.review import ingest
from align.review.session import ReviewSession
from align.review.store import ReviewStore
from align.storage import connect, default_db_path

ROOT = Path(align.__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
PAGES = ROOT / "pages"
ENV_SAMPLE = "UN_ALIGN_SAMPLE"

K_REVIEW = "ua_review"
K_CURSOR = "ua_cursor"
K_CARDS = "ua_cards"
K_MESSAGE = "ua_message"
K_SCROLL = "ua_scroll"


def store() -> ReviewStore:
    """This session's review store (reopened when ``UN_ALIGN_DB`` changes)."""
    db = str(default_db_path())
    if st.session_state.get("_ua_db") != db or "_ua_store" not in st.session_state:
        st.session_state["_ua_store"] = ReviewStore(connect(db))
        st.session_state["_ua_db"] = db
    return st.session_state["_ua_store"]


@st.cache_resource(show_spinner="Loading the sentence encoder …")
def embedder():
    """The default embedder, loaded once per server process."""
    from align.embed import get_embedder

    return get_embedder()


def current() -> ReviewSession | None:
    """The review open in this tab (from the session, else from ``?review=ID``)."""
    sess: ReviewSession | None = st.session_state.get(K_REVIEW)
    if sess is not None and sess.store is not store():
        sess = None
    if sess is None:
        rid = st.query_params.get("review", "")
        if rid.isdigit():
            try:
                sess = ReviewSession(store(), int(rid))
            except StoreError:
                sess = None
            st.session_state[K_REVIEW] = sess
    else:
        try:
            if sess.is_stale():
                sess.reload()
        except StoreError:  # the review was started over in another window
            st.session_state[K_REVIEW] = sess = None
            st.query_params.pop("review", None)
            say("warning", "The review open in this window was started over elsewhere: "
                           "open it again from Documents.")
    if sess is not None:
        st.query_params["review"] = str(sess.id)
    return sess


def open_review(review_id: int) -> ReviewSession:
    """Open a review in this tab; the cursor goes to the first row still to review."""
    sess = ReviewSession(store(), review_id)
    st.session_state[K_REVIEW] = sess
    st.session_state[K_CURSOR] = next(
        (i for i, r in enumerate(sess.al.rows) if r.status in ("flagged", "auto")), 0)
    st.query_params["review"] = str(review_id)
    return sess


def say(kind: str, text: str) -> None:
    """Show a message on the next run (after ``st.rerun`` / ``st.switch_page``)."""
    st.session_state[K_MESSAGE] = (kind, text)


def show_message() -> None:
    msg = st.session_state.pop(K_MESSAGE, None)
    if msg:
        from align.ui.render import md

        getattr(st, msg[0], st.info)(md(msg[1]))


def align_and_open(cards: list[ingest.FileCard], *, unit: str, pivot: str = "zh",
                   restart: bool = False) -> ReviewSession | None:
    """Find or create the review of a set of cards at ``unit`` level and open it."""
    good = ingest.usable(cards)
    key = ingest.set_key([c.sha for c in good])
    st_ = store()
    st_.save_set(key, ingest.set_name(good), [c.to_record() for c in good])
    rid = None if restart else st_.find(key, unit)
    if rid is None:
        bar = st.progress(0.0, text="Aligning …")

        def progress(stage: str, fraction: float) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=stage)

        try:
            al = ingest.align_cards(good, unit=unit, embedder=embedder(), pivot=pivot,
                                    progress=progress)
        except AlignError as exc:
            bar.empty()
            from align.ui.render import md

            st.error(md(exc))
            return None
        bar.empty()
        rid = st_.create(key, al)
    return open_review(rid)


def cards_of_set(key: str) -> list[ingest.FileCard]:
    """Re-read the stored files of a set (to align it at another level)."""
    info = store().get_set(key) or {"files": []}
    cards = []
    for rec in info["files"]:
        try:
            data = ingest.load_upload(rec["sha"])
        except StoreError as exc:
            cards.append(ingest.FileCard(sha=rec["sha"], name=rec["name"], size=0,
                                         error=str(exc)))
            continue
        cards.append(ingest.read_card(data, rec["name"],
                                      lang=rec["lang"] if rec.get("lang_fixed") else None))
    return cards


def sample_requested() -> bool:
    return os.environ.get(ENV_SAMPLE, "") not in ("", "0")


def sample_cards() -> list[ingest.FileCard]:
    return [ingest.read_card(data, name) for name, data in ingest.sample_files(CORPORA)]


def nav_pages() -> list:
    """The app's pages, in menu order (a glossary page in ``pages/`` joins them)."""
    pages = [
        st.Page("pages/documents.py", title="Documents", icon=":material/upload_file:",
                default=True),
        st.Page("pages/review.py", title="Review", icon=":material/fact_check:"),
        st.Page("pages/alignment_map.py", title="Alignment map", icon=":material/grid_on:"),
        st.Page("pages/export.py", title="Export", icon=":material/download:"),
    ]
    for path in sorted(PAGES.glob("*lossary*.py")):
        pages.append(st.Page(f"pages/{path.name}", title="Glossary", icon=":material/menu_book:"))
    return pages


def page_setup(title: str) -> None:
    """Page config and styles; every page calls it, so a page also works when Streamlit
    runs it directly (the first run after a server start, on a deep link)."""
    from align.ui import render

    st.set_page_config(page_title=f"{title} · un-align", page_icon=":material/translate:",
                       layout="wide")
    st.markdown(render.CSS, unsafe_allow_html=True)


def scroll_to(selector: str) -> None:
    """Scroll the page so that the first element matching ``selector`` is centred."""
    import json

    from streamlit.components.v1 import html

    html(f"""<script>
    const go = () => {{
      const el = window.parent.document.querySelector({json.dumps(selector)});
      if (el) {{ el.scrollIntoView({{block: "center"}}); }} else {{ setTimeout(go, 150); }}
    }};
    setTimeout(go, 200);
    </script>""", height=0)


def glossary_terms() -> dict[str, list[tuple[str, str, str]]]:
    """Per language, the ``(concept, lang, term)`` triples to highlight: accepted entries
    of the database plus the shipped UNODC seed glossary (cached for a few seconds)."""
    return _glossary_terms(str(default_db_path()))


@st.cache_resource(ttl=15, show_spinner=False)
def _glossary_terms(db: str) -> dict[str, list[tuple[str, str, str]]]:
    """Accepted glossary terms and the seed glossary, per language (candidates are not)."""
    from align.terms.highlight import highlight_terms
    from align.terms.store import GlossaryStore

    con = connect(db)
    try:
        return highlight_terms(GlossaryStore(con).entries(status="accepted"))
    finally:
        con.close()
