"""un-align review app: the Streamlit entry point (run it with ``align app``).

A thin face: the pages hold widgets and session state; the work is done by ``align.*``.
"""

import streamlit as st

from align.ui import state

st.set_page_config(page_title="un-align · UN document alignment", page_icon=":material/translate:",
                   layout="wide")
st.navigation(state.nav_pages()).run()
