"""The Data page's loading sections: the import wizard (upload, what was found, the mapping
profile, dry run, load with a rejection threshold, save the profile), undo and replace of a
past load, and the dashboard's inbox."""

from __future__ import annotations

import hashlib

import streamlit as st

from pulse import ingest, tables, undo
from pulse.i18n import t
from pulse.importer import data
from pulse.ui import format as fmt
from pulse.ui import trail

NO_PROFILE, SUGGEST = "", "__suggest__"


def table_label(name: str) -> str:
    """A loadable table's name in the reader's language."""
    return t(f"data.table_name.{name}")


def wizard(store, who: str) -> None:
    """Upload → found → profile → dry run → load → save the profile."""
    st.caption(t("importer.help"))
    table = st.selectbox(
        t("data.table"), tables.LOAD_ORDER, format_func=table_label, key="imp_table"
    )
    upload = st.file_uploader(t("data.file"), type=list(data.KINDS), key="imp_file")
    if upload is None:
        return
    content = upload.getvalue()
    with data.as_file(upload.name, content) as path:
        seen = data.look(path)
        if seen.error:
            st.error(t("importer.unreadable", reason=seen.error), icon=":material/block:")
            return
        found = seen.found
        st.markdown(
            t(
                "importer.found",
                format=found.format.upper(),
                encoding=found.encoding or "—",
                delimiter=_delimiter(found.delimiter),
                rows=fmt.count(seen.rows),
                columns=fmt.count(len(found.columns)),
            )
        )
        st.dataframe(seen.preview, hide_index=True, width="stretch")
        mapped, text = _profile_step(store, table, path, content)
        if mapped is False:
            return
        _dry_run_step(store, table, path, mapped, content, text)
        _load_step(store, table, path, mapped, who)
        if text:
            _save_step(store, table, upload.name, text)


def _delimiter(value: str | None) -> str:
    return {"\t": t("importer.tab"), ",": ",", ";": ";", "|": "|", None: "—"}.get(value, value)


def _profile_step(store, table: str, path, content: bytes):
    """The mapping: none (the file has the table's columns), a saved one, or a suggestion."""
    saved = data.saved_profiles(store, table)
    choices = [NO_PROFILE, SUGGEST, *saved]
    names = {NO_PROFILE: t("importer.no_profile"), SUGGEST: t("importer.suggest")}
    choice = st.selectbox(
        t("importer.profile"), choices, format_func=lambda c: names.get(c, c), key="imp_choice"
    )
    if choice == NO_PROFILE:
        return None, ""
    start = data.suggestion(table, path) if choice == SUGGEST else saved[choice].read_text("utf-8")
    digest = hashlib.sha256(content).hexdigest()[:12]
    text = st.text_area(
        t("importer.profile_text"), value=start, height=320, key=f"imp_text_{choice}_{digest}"
    )
    st.caption(t("importer.profile_help"))
    mapped, problem = data.parse(text, table)
    if problem:
        st.error(t("importer.bad_profile", reason=problem), icon=":material/rule:")
        return False, text
    return mapped, text


def _dry_run_step(store, table: str, path, mapped, content: bytes, text: str) -> None:
    key = hashlib.sha256(content + text.encode("utf-8") + table.encode()).hexdigest()
    if st.button(t("importer.dry_run"), key="imp_dry", icon=":material/science:"):
        try:
            st.session_state["imp_dry_result"] = (key, data.dry_run(store, table, path, mapped))
        except ingest.LoadError as err:
            st.session_state["imp_dry_result"] = (key, str(err))
    held = st.session_state.get("imp_dry_result")
    if not held or held[0] != key:
        st.caption(t("importer.dry_run_first"))
        return
    result = held[1]
    if isinstance(result, str):
        st.error(t("data.refused", reason=result), icon=":material/block:")
        return
    words = t(
        "importer.would",
        loaded=fmt.count(result.rows_loaded),
        total=fmt.count(result.rows_in),
        rejected=fmt.count(result.rows_rejected),
        share=fmt.share(result.rows_rejected / result.rows_in if result.rows_in else 0),
        table=table_label(table),
    )
    (st.warning if result.rows_rejected else st.success)(words)
    for dimension, n in result.created:
        st.caption(t("importer.created", n=fmt.count(n), table=table_label(dimension)))
    if result.rows_rejected:
        frame = data.rejects_frame(result)
        shown = frame.rename(columns=lambda c: t(f"data.col.{c}"))
        st.dataframe(shown.head(200), hide_index=True, width="stretch")
        st.download_button(
            t("importer.download_rejects"),
            frame.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"rejected-{path.stem}.csv",
            mime="text/csv",
            key="imp_rejects_csv",
        )


def _load_step(store, table: str, path, mapped, who: str) -> None:
    share = st.number_input(
        t("importer.max_rejected"),
        min_value=0.0,
        max_value=100.0,
        value=0.0,
        step=0.5,
        key="imp_max_rejected",
    )
    st.caption(t("importer.max_rejected_help"))
    if not st.button(t("data.load"), type="primary", key="imp_load", disabled=not who):
        return
    detail = {"table": table, "file": path.name, "max_rejected_pct": share}
    try:
        result = data.load(store, table, path, mapped, loaded_by=who, max_rejected=share / 100)
    except ingest.LoadError as err:
        trail.record("load", {**detail, "refused": str(err)})
        st.error(t("data.refused", reason=str(err)), icon=":material/block:")
        return
    trail.record("load", {**detail, **_counts(result)})
    trail.record_changes(result)
    st.success(
        t(
            "data.loaded",
            loaded=fmt.count(result.rows_loaded),
            total=fmt.count(result.rows_in),
            table=table_label(table),
            load_id=result.load_id,
        )
    )
    if result.rows_rejected:
        st.warning(t("data.some_rejected", n=fmt.count(result.rows_rejected)))


def _save_step(store, table: str, file_name: str, text: str) -> None:
    default = f"{table}-{file_name.rsplit('.', 1)[0]}"
    name = st.text_input(t("importer.profile_name"), value=default, key="imp_profile_name")
    if st.button(t("importer.save"), key="imp_save", icon=":material/save:"):
        saved = data.save_profile(store, name, text)
        st.success(t("importer.saved", name=saved.stem))


def undo_and_replace(store, load_id: int, table: str, who: str) -> None:
    """Undo one load, or replace it with a corrected file, in one transaction each."""
    st.caption(t("importer.undo_help"))
    sure = st.checkbox(t("importer.undo_confirm", load_id=load_id), key=f"imp_undo_ok_{load_id}")
    if st.button(
        t("importer.undo", load_id=load_id), disabled=not (sure and who), key=f"imp_undo_{load_id}"
    ):
        try:
            done = data.undo_load(store, load_id, who)
        except undo.UndoError as err:
            trail.record("undo", {"load_id": load_id, "refused": str(err)})
            st.error(t("importer.undo_refused", reason=str(err)), icon=":material/block:")
        else:
            trail.record(
                "undo",
                {"load_id": load_id, "removed": done.rows_removed, "restored": done.rows_restored},
            )
            st.success(
                t(
                    "importer.undone",
                    load_id=load_id,
                    removed=fmt.count(done.rows_removed),
                    restored=fmt.count(done.rows_restored),
                )
            )
    corrected = st.file_uploader(
        t("importer.corrected", load_id=load_id), type=list(data.KINDS), key=f"imp_fix_{load_id}"
    )
    if corrected is not None and st.button(
        t("importer.replace", load_id=load_id), disabled=not who, key=f"imp_replace_{load_id}"
    ):
        detail = {"table": table, "file": corrected.name, "replaces": load_id}
        with data.as_file(corrected.name, corrected.getvalue()) as path:
            try:
                result = data.load(
                    store, table, path, None, loaded_by=who, max_rejected=0, replaces=load_id
                )
            except ingest.LoadError as err:
                trail.record("load", {**detail, "refused": str(err)})
                st.error(t("data.refused", reason=str(err)), icon=":material/block:")
                return
        trail.record("load", {**detail, **_counts(result)})
        trail.record_changes(result)
        st.success(t("importer.replaced", load_id=load_id, new_id=result.load_id))


def _counts(result) -> dict:
    return {k: getattr(result, k) for k in ("load_id", "rows_in", "rows_loaded", "rows_rejected")}


def inbox(store) -> None:
    """What the dashboard's inbox holds and did lately (files handed in by the command line)."""
    waiting, recent = data.inbox_status(store)
    st.caption(t("importer.inbox_help"))
    if waiting:
        st.info(t("importer.inbox_waiting", n=fmt.count(len(waiting)), files=", ".join(waiting)))
    if recent.empty:
        st.caption(t("importer.inbox_empty"))
        return
    shown = recent.assign(
        table=recent["table"].map(lambda n: table_label(n) if n in tables.SPECS else n),
        status=recent["status"].map(lambda s: t(f"importer.status.{s}")),
    ).rename(columns=lambda c: t(f"importer.col.{c}"))
    st.dataframe(shown, hide_index=True, width="stretch")
