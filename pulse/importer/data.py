"""What the Data page's import wizard does, without Streamlit: read an uploaded file and say
what was found, suggest or pick a mapping profile, dry-run and load it through the one loader
with a rejection threshold, save the profile for next month, and list what the dashboard's
inbox is doing. The page (pulse.importer.sections) only draws these steps."""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pulse import ROOT, inbox, ingest, profile, profiles, undo
from pulse.profiles import reading
from pulse.store import Store

KINDS = ("csv", "tsv", "txt", "xlsx", "parquet")
PREVIEW_ROWS = 10
DRY_RUN_REJECTS = 10_000  # a dry run lists this many rejected rows, for the download
SHIPPED = ROOT / "docs" / "profiles"  # the documented example profiles


@contextmanager
def as_file(name: str, content: bytes) -> Iterator[Path]:
    """An upload as a file with its own name (the loader logs it and reads by its suffix)."""
    with tempfile.TemporaryDirectory(prefix="pulse-upload-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        yield path


@dataclass(frozen=True)
class Look:
    """What reading a file found, and its first rows."""

    found: reading.Found | None
    preview: pd.DataFrame
    rows: int
    error: str | None = None


def look(path: Path, options: reading.FileOptions | None = None) -> Look:
    """Read the file as the loader would (encoding, delimiter and header found when not
    given) and keep its first rows; a file that cannot be read says why."""
    try:
        frame, found = reading.read(path, options or reading.FileOptions())
    except reading.ReadError as err:
        return Look(None, pd.DataFrame(), 0, str(err))
    return Look(found, frame.drop(columns="_row").head(PREVIEW_ROWS), len(frame))


def profile_folder(store: Store) -> Path:
    """Where the store's saved profiles live: profiles/ beside the store's file."""
    return store.path.resolve().parent / "profiles"


def saved_profiles(store: Store, table: str) -> dict[str, Path]:
    """Saved profiles for a table, by name: the store's own, then the documented examples."""
    found = {}
    for folder in (profile_folder(store), SHIPPED):
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
            try:
                if tomllib.loads(path.read_text(encoding="utf-8")).get("table") == table:
                    found.setdefault(path.stem, path)
            except (OSError, tomllib.TOMLDecodeError):
                continue  # a broken file is not offered; loading it would say why
    return found


def suggestion(table: str, path: Path) -> str:
    """A first profile for the file, from its header and first values (pulse.profile)."""
    return profile.suggest(table, path)


def parse(text: str, table: str) -> tuple[profiles.Profile | None, str | None]:
    """A profile from its TOML text, or the reason it is not one."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return None, f"TOML: {err}"
    try:
        parsed = profiles.from_dict(raw, "profile")
    except profiles.ProfileError as err:
        return None, str(err)
    if parsed.table != table:
        return None, f"the profile maps files onto {parsed.table}, not {table}"
    return parsed, None


def save_profile(store: Store, name: str, text: str) -> Path:
    """Keep a profile for next month's file under a plain name (letters, digits, - and _)."""
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "profile"
    folder = profile_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{clean}.toml"
    target.write_text(text, encoding="utf-8")
    return target


def dry_run(store: Store, table: str, path: Path, mapped: profiles.Profile | None):
    """What a load would do, every rejected row listed up to DRY_RUN_REJECTS; nothing changes."""
    return ingest.load_file(
        store,
        table,
        path,
        profile=mapped,
        dry_run=True,
        rejects_shown=DRY_RUN_REJECTS,
        in_child=True,  # the dashboard's process serves pages meanwhile
    )


def load(
    store: Store,
    table: str,
    path: Path,
    mapped: profiles.Profile | None,
    *,
    loaded_by: str,
    max_rejected: float,
    replaces: int | None = None,
):
    """Load for real: all or nothing unless max_rejected allows a share of bad rows."""
    return ingest.load_file(
        store,
        table,
        path,
        profile=mapped,
        loaded_by=loaded_by,
        max_rejected=max_rejected,
        replaces=replaces,
        in_child=True,
    )


def rejects_frame(result) -> pd.DataFrame:
    """A result's rejected rows (row number and reason) as a table to show and download."""
    return pd.DataFrame(result.rejects, columns=["row_number", "reason"])


def undo_load(store: Store, load_id: int, by: str):
    """Undo one load (pulse.undo); an UndoError says why not."""
    return undo.undo(store, load_id, by)


def inbox_status(store: Store, recent: int = 20) -> tuple[list[str], pd.DataFrame]:
    """Files waiting in the dashboard's inbox, and the latest results, newest first."""
    folder = inbox.folder_for(store.path)
    waiting = (
        sorted(p.name.removesuffix(inbox.REQUEST) for p in folder.glob(f"*{inbox.REQUEST}"))
        if folder.is_dir()
        else []
    )
    done = folder / inbox.DONE
    rows = []
    results = sorted(done.glob(f"*{inbox.RESULT}"), reverse=True)[:recent] if done.is_dir() else []
    for path in results:
        try:
            outcome = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        rows.append(
            {
                "file": outcome.get("file", ""),
                "table": outcome.get("table", ""),
                "status": outcome.get("status", ""),
                "load_id": outcome.get("load_id"),
                "detail": " ".join(outcome.get("lines", [])[:2]),
            }
        )
    columns = ["file", "table", "status", "load_id", "detail"]
    return waiting, pd.DataFrame(rows, columns=columns)
