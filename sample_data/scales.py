"""The three scales: which cities, halls, queues, dates and volumes each one generates."""

from dataclasses import dataclass, field, replace
from datetime import date

DATA_END = date(2026, 10, 31)


@dataclass(frozen=True)
class Scale:
    """Everything that differs between tiny, demo and province."""

    name: str
    start: date
    cities: tuple[str, ...]
    # halls per city as (flagship, standard, community, rural); None: allocate by population
    halls: dict[str, tuple[int, int, int, int]] | None
    total_halls: int
    queues: tuple[str, ...]
    hall_volume: float  # multiplier on the tier's weekday ticket volume
    ticket_sample: float  # share of simulated tickets written (the queue still sees all of them)
    calls_per_day: float
    subscribers: float  # company total at the start; complaint volumes follow from it
    complaints_per_million: float  # per month
    hall_survey_rate: float
    call_survey_rate: float
    complaint_survey_rate: float
    relationship_surveys: int  # per month
    weak_halls: tuple[str, ...]
    weak_share: float  # province: share of halls drawn as weak instead of named ones
    new_halls: dict[str, date] = field(default_factory=dict)
    outage: tuple[str, date, date] = ("DG", date(2026, 3, 17), date(2026, 3, 19))
    initiative: tuple[str, date] = ("HZ", date(2025, 9, 1))
    end: date = DATA_END


GD_CITIES = (
    "GZ", "SZ", "DG", "FS", "ZH", "ST", "SG", "ZJG", "ZQ", "JM", "MM",
    "HUZ", "MZ", "SW", "HY", "YJ", "QY", "ZS", "CZ", "JY", "YF",
)  # fmt: skip

TINY = Scale(
    name="tiny",
    start=date(2026, 9, 1),
    cities=("GZ", "SZ"),
    halls={"GZ": (1, 0, 0, 1), "SZ": (0, 1, 1, 0)},
    total_halls=4,
    queues=("general", "vip", "complaints"),
    hall_volume=1.0,
    ticket_sample=0.07,
    calls_per_day=64.0,
    subscribers=171_500,
    complaints_per_million=300.0,
    hall_survey_rate=0.035,
    call_survey_rate=0.035,
    complaint_survey_rate=0.30,
    relationship_surveys=55,
    weak_halls=("SZ-002",),
    weak_share=0.0,
    outage=("SZ", date(2026, 10, 20), date(2026, 10, 22)),
    initiative=("GZ", date(2026, 10, 12)),
)

DEMO = Scale(
    name="demo",
    start=date(2024, 11, 1),
    cities=("GZ", "SZ", "DG", "FS", "HZ", "NB", "WZ"),
    halls={
        "GZ": (1, 1, 3, 3),
        "SZ": (1, 1, 3, 2),
        "DG": (0, 1, 2, 2),
        "FS": (0, 1, 2, 2),
        "HZ": (1, 1, 2, 2),
        "NB": (0, 1, 2, 2),
        "WZ": (0, 1, 2, 2),
    },
    total_halls=41,
    queues=("general", "vip", "complaints"),
    hall_volume=1.0,
    ticket_sample=1.0,
    calls_per_day=4_750.0,
    subscribers=12_480_000,
    complaints_per_million=280.0,
    hall_survey_rate=0.029,
    call_survey_rate=0.031,
    complaint_survey_rate=0.25,
    relationship_surveys=2_150,
    weak_halls=("SZ-002", "FS-003", "WZ-001"),
    weak_share=0.0,
    new_halls={"SZ-005": date(2025, 4, 18)},
)

PROVINCE = Scale(
    name="province",
    start=date(2023, 11, 1),
    cities=GD_CITIES,
    halls=None,
    total_halls=2_000,
    queues=("general", "billing", "technical", "vip", "complaints"),
    hall_volume=1.0,
    ticket_sample=0.45,
    calls_per_day=92_000.0,
    subscribers=121_000_000,
    complaints_per_million=560.0,
    hall_survey_rate=0.055,
    call_survey_rate=0.05,
    complaint_survey_rate=0.25,
    relationship_surveys=25_000,
    weak_halls=(),
    weak_share=0.012,
    initiative=("GZ", date(2025, 9, 1)),
)

SCALES = {s.name: s for s in (TINY, DEMO, PROVINCE)}


def months(scale: Scale) -> list[date]:
    """First days of every month from start to end."""
    out, d = [], scale.start.replace(day=1)
    while d <= scale.end:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


# One province of the national scale (sample_data/national.py): the demo's seven cities and 41
# halls over two years, drawn again with another seed for each of NATIONAL_PROVINCES
# provinces and written straight to the lake's Parquet, a province and a month at a time.
NATIONAL = replace(DEMO, name="national")
NATIONAL_PROVINCES = 31
