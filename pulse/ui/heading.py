"""The head every page opens with: its title, the filter in words with the data's date, and
the notes on URL values the filter could not use."""

from __future__ import annotations

import streamlit as st

from pulse import describe
from pulse.i18n import t
from pulse.ui.context import Context


def heading(ctx: Context, page: str, captioned: bool = True) -> str:
    """Draw the title of `page` (its key under page.*), the caption (unless the page writes
    its own) and the URL notices; return the filter's caption for an empty-state note."""
    st.title(t(f"page.{page}"))
    caption = describe.caption(ctx.filter, ctx.period, ctx.dims) if captioned else ""
    if captioned:
        st.caption(f"{caption} · {t('shell.as_of', date=ctx.as_of.isoformat())}")
    for notice in ctx.notices:
        st.warning(notice, icon=":material/link_off:")
    return caption
