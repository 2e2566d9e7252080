"""Named thresholds live in pulse/settings.toml only: the rollups bind them, the texts state
them, and no query or module types one again."""

from __future__ import annotations

import re
import shutil
import tomllib

import pytest

from pulse import ROOT, build, catalog, i18n, rollups, settings
from pulse.store import Store

# Files allowed to type a threshold while they are being converted: none now. A file on it
# that no longer types one fails the test, so the list never hides a new literal.
PENDING: set[str] = set()

# Threshold positions, wherever the number: an inequality on a score, a wait or answer time
# "within" a bound (<=), a duration measured with epoch() and compared, a Python constant
# named after a promise, deadline or cut-off. Wait bands (`wait_min < 10 then 8`), score
# buckets (`score_overall = 7`) and unit conversions (/ 3600) are not threshold positions.
ALWAYS = [
    re.compile(r"\bscore_\w+\s*(<=|>=|<|>)\s*\d"),
    re.compile(r"\bscore_\w+\s+between\s+(?!0 and 10\b)\d"),  # 0-10 is the scale
    re.compile(r"\b\w*(wait|answer)\w*\s*<=\s*\d"),
    re.compile(r"\bepoch\([^()]*\)\s*(<=|>=|<|>)\s*\d"),
    re.compile(r"\[\"\w*(score|wait|answer)\w*\"\]\s*(<=|>=|<|>)\s*\d"),
    re.compile(
        r"^\s*[A-Z_]*(PROMISE|SERVICE_LEVEL|ABANDON|DEADLINE|CSAT|PROMOTER|DETRACTOR|REPEAT)"
        r"[A-Z_]*\s*=\s*[\d{(]",
        re.M,
    ),
]
# Durations are thresholds only at a setting's own value in its own unit: `interval 1 day`
# (the next day) and `interval 30 minute` (the half-hour grid) are arithmetic.
UNITS = {"_s": "second", "_min": "minute", "_h": "hour", "_days": "day"}


def _durations() -> list[re.Pattern]:
    defaults = tomllib.loads(settings.DEFAULT_PATH.read_text(encoding="utf-8"))
    known: set[tuple[int, str]] = set()
    for section in defaults.values():
        for name, value in section.items():
            for suffix, unit in UNITS.items():
                if name.endswith(suffix):
                    known.add((int(value), unit))
                    if unit == "second" and value % 60 == 0:
                        known.add((int(value) // 60, "minute"))
    found = []
    for value, unit in sorted(known):
        found.append(re.compile(rf"\binterval\s+'?{value}\s*{unit}s?\b", re.I))
        found.append(re.compile(rf"\btimedelta\([^)]*\b{unit}s={value}\b"))
    return found


def _sources() -> list[str]:
    paths = [
        *ROOT.glob("queries/**/*.sql"),
        *ROOT.glob("queries/**/*.sql.j2"),
        *ROOT.glob("pulse/**/*.py"),
        *ROOT.glob("pages/*.py"),
        ROOT / "app.py",
    ]
    return sorted(str(p.relative_to(ROOT)) for p in paths)


def _typed_thresholds(text: str) -> list[str]:
    # SQL comments and Python comments may name a threshold in words
    code = "\n".join(re.sub(r"(--|#).*$", "", line) for line in text.splitlines())
    return [m.group(0) for p in [*ALWAYS, *_durations()] for m in p.finditer(code)]


def test_no_threshold_is_typed_outside_the_settings():
    found = {}
    for path in _sources():
        hits = _typed_thresholds((ROOT / path).read_text(encoding="utf-8"))
        if hits:
            found[path] = hits
    unexpected = {p: h for p, h in found.items() if p not in PENDING}
    assert unexpected == {}
    # a converted file leaves the list, so the list never hides a new literal
    assert sorted(PENDING - set(found)) == []


@pytest.mark.parametrize(
    "line",
    [
        "count(*) filter (where s.score_overall >= 8) as n_overall_top,",
        "count(*) filter (where s.score_recommend between 7 and 8) as n_passives,",
        "count(*) filter (where t.wait_s <= 600) as n_within_10min,",
        "h.outcome = 'abandoned' and epoch(h.ended_at - h.queued_at) < 5 as is_short_abandon",
        "and p.received_at >= c.received_at - interval 30 day",
        "and p.received_at >= c.received_at - interval '30 days'",
        "PROMISE_S = 600",
        '    "from_at": around - dt.timedelta(days=30),',
        'keep = frame["wait_s"] <= 20',
    ],
)
def test_the_scan_catches_a_typed_threshold(line):
    assert _typed_thresholds(line)


@pytest.mark.parametrize(
    "line",
    [
        "when tw.wait_min < 10 then 8",  # a band edge of the experience chart
        "count(*) filter (where s.score_overall = 7) as n_overall_7,",  # a score bucket
        "epoch(m.resolved_at - m.received_at) / 3600 as resolution_h,",  # seconds per hour
        "cast(max(cast(received_at as date)) + interval 1 day as timestamp)",  # the next day
        "interval_start + interval 30 minute as half_start,",  # the half-hour grid
        "when r.hours < 360 then 48 + floor((r.hours - 48) / 6) * 6",  # bucket ranges
        "count(*) filter (where s.score_overall >= $csat_top) as n_overall_top,",
    ],
)
def test_the_scan_leaves_band_edges_and_arithmetic_alone(line):
    assert _typed_thresholds(line) == []


def test_every_setting_has_a_comment_saying_what_it_is():
    for line in settings.DEFAULT_PATH.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\w+\s*=", line):
            assert re.search(r"#\s*\w", line), line


def test_every_placeholder_in_a_definition_names_a_setting():
    known = settings.text_values()
    for metric in catalog.metrics().values():
        for lang in ("en", "zh"):
            text = metric.definition(lang) + metric.label(lang)
            assert not re.findall(r"\{(\w+)\}", text), (metric.id, lang, known)


def _survey_counts(store) -> list:
    return store.df(
        "select sum(n_overall_top), sum(n_promoters), sum(n_passives), sum(n_detractors) "
        "from survey_daily"
    ).values.tolist()[0]


def _due_soon(store) -> list:
    return store.df(
        "select is_due_24h, sum(n_open) as n from complaint_backlog group by all order by 1"
    ).values.tolist()


def test_a_changed_setting_changes_the_definitions_and_the_rollups(handmade, tmp_path, monkeypatch):
    # the hand-made responses score overall 9, 6, 8, 10 and recommend 10, 5, 8, 9; the one
    # open complaint (C2) is due 9 hours after the end of the extract
    assert _survey_counts(handmade) == [3, 2, 1, 1]
    assert _due_soon(handmade) == [[True, 1]]
    csat = catalog.metric("csat")
    assert "8 or more out of 10" in csat.definition("en")
    assert "within 10 minutes" in catalog.metric("queue_within_10min").definition("en")

    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    for old, new in [
        ("csat_top = 8", "csat_top = 9"),
        ("promoter_min = 9", "promoter_min = 8"),
        ("detractor_max = 6", "detractor_max = 5"),
        ("due_soon_h = 24", "due_soon_h = 6"),
        ("promise_s = 600", "promise_s = 900"),
    ]:
        assert old in text
        text = text.replace(old, new)
    changed = tmp_path / "settings.toml"
    changed.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PULSE_SETTINGS", str(changed))

    assert "9 or more out of 10" in csat.definition("en")
    assert "9 or more out of 10" not in csat.definition_en  # the catalogue keeps its placeholder
    assert "总体满意度打分为9分及以上" in csat.definition("zh")
    assert "within 15 minutes" in catalog.metric("queue_within_10min").definition("en")
    assert "promoters (8–10" in catalog.metric("nps").definition("en")
    i18n.set_language("en")  # another test may have left this thread in Chinese
    assert i18n.t("surveys.part.passives") == "Passives (6–7)"
    assert i18n.t("complaint_lifecycle.state.due_24h") == "Due within 6 h"

    with handmade.cursor() as cur:
        for rollup in ("survey_daily", "complaint_backlog"):
            rollups.refresh(cur, rollup)
    # top: 9 and 10; promoters 10, 8, 9; passives none (6-7); detractor the 5
    assert _survey_counts(handmade) == [2, 3, 0, 1]
    assert _due_soon(handmade) == [[False, 1]]


def test_the_rebuild_command_applies_a_changed_setting(handmade_path, tmp_path, monkeypatch):
    store_path = tmp_path / "deployed.duckdb"
    shutil.copy(handmade_path, store_path)
    changed = tmp_path / "settings.toml"
    text = settings.DEFAULT_PATH.read_text(encoding="utf-8")
    changed.write_text(text.replace("csat_top = 8", "csat_top = 10"), encoding="utf-8")
    monkeypatch.setenv("PULSE_SETTINGS", str(changed))
    assert build.main(["--rebuild-rollups", "--path", str(store_path)]) == 0
    store = Store(store_path)
    try:
        assert _survey_counts(store) == [1, 2, 1, 1]  # only the 10 is top now
    finally:
        store.close()
