"""pulse.ui.tabs on a small script driven by AppTest: only the open tab is built, the open tab
survives a language switch, a click in one tab can open another, and the values a reader set
in a tab's widgets are there again when the tab is reopened."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests import apptest


def script():
    import streamlit as st

    from pulse import i18n
    from pulse.ui import context, fragment, tabs

    i18n.set_language(st.session_state.get("lang", "en"))
    zh = i18n.language() == "zh"

    def first():
        st.markdown("built: first")
        if st.button("plan", key="go"):
            st.session_state["amount"] = 7
            tabs.open_next("demo", "second")
            st.rerun()

    def second():
        st.markdown("built: second")
        st.session_state.setdefault("amount", 5)
        st.number_input("amount", key="amount")
        st.selectbox("colour", ["red", "green", "blue"], key="colour")

    # as the shell runs a page: the tab bar is a section (pulse.ui.fragment), which in a
    # whole run draws as part of it and reads nothing from the shell's context
    context.publish(object())
    with fragment.page_run():
        tabs.lazy(
            "demo",
            [
                tabs.Section("first", "甲" if zh else "First", first),
                tabs.Section("second", "乙" if zh else "Second", second, ("amount", "colour")),
            ],
        )


def built(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("built")]


def test_only_the_open_tab_is_built():
    at = AppTest.from_function(script).run()
    assert built(at) == ["built: first"]
    assert apptest.tab_labels(at) == ["First", "Second"]
    apptest.open_tab(at, "demo", "Second")
    assert built(at) == ["built: second"]


def test_a_language_switch_keeps_the_open_tab():
    at = AppTest.from_function(script).run()
    apptest.open_tab(at, "demo", "Second")
    at.session_state["lang"] = "zh"
    at.run()
    assert apptest.tab_labels(at) == ["甲", "乙"]
    assert built(at) == ["built: second"]


def test_widget_values_outlive_a_closed_tab():
    at = AppTest.from_function(script).run()
    apptest.open_tab(at, "demo", "Second")
    at.number_input(key="amount").set_value(42)
    at.selectbox(key="colour").select("blue").run()
    apptest.open_tab(at, "demo", "First")
    assert "amount" not in at.session_state  # Streamlit forgot the widget's value
    apptest.open_tab(at, "demo", "Second")
    assert at.number_input(key="amount").value == 42
    assert at.selectbox(key="colour").value == "blue"


def test_a_click_in_one_tab_opens_another_with_what_it_set():
    at = AppTest.from_function(script).run()
    at.button(key="go").click().run()
    assert not at.exception
    assert built(at) == ["built: second"]
    assert at.number_input(key="amount").value == 7
