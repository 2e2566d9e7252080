"""Cities and business halls: the `city` and `branch` dimensions plus each hall's hidden traits."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .places import CITIES, PROVINCES, STREETS, TOWNS, districts
from .scales import Scale

TIERS = ("flagship", "standard", "community", "rural")
COUNTERS = {"flagship": (12, 20), "standard": (6, 10), "community": (3, 5), "rural": (2, 3)}
# weekday tickets of a hall of the tier (before seasonality); the draw is uniform in the range
VOLUME = {"flagship": (400, 560), "standard": (200, 300), "community": (80, 130), "rural": (30, 55)}
# names and traits of halls do not depend on the caller's seed, so the README can name them
GEO_SEED = 8613


@dataclass
class Halls:
    """The branch table as arrays, plus the traits that drive its queues."""

    branch_id: np.ndarray
    name_en: np.ndarray
    name_zh: np.ndarray
    city_id: np.ndarray
    district_en: np.ndarray
    district_zh: np.ndarray
    tier: np.ndarray
    opened_on: np.ndarray  # datetime64[D]
    counters: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    volume: np.ndarray  # weekday tickets
    weak: np.ndarray  # bool: persistently understaffed

    def rows(self) -> list[dict]:
        """Rows of the branch dimension."""
        cols = [
            "branch_id",
            "name_en",
            "name_zh",
            "city_id",
            "district_en",
            "district_zh",
            "tier",
            "opened_on",
            "counters",
            "latitude",
            "longitude",
        ]
        values = [getattr(self, c) for c in cols]
        return [
            dict(zip(cols, (_plain(v[i]) for v in values), strict=False))
            for i in range(len(self.tier))
        ]


def _plain(value):
    """A numpy scalar as a plain Python value for the CSV writer."""
    if isinstance(value, np.datetime64):
        return str(value)
    return value.item() if isinstance(value, np.generic) else value


def city_rows(scale: Scale) -> list[dict]:
    """Rows of the city dimension."""
    rows = []
    for cid in scale.cities:
        prov, en, zh = CITIES[cid][:3]
        rows.append(
            {
                "city_id": cid,
                "province_id": prov,
                "city_en": en,
                "city_zh": zh,
                "province_en": PROVINCES[prov][0],
                "province_zh": PROVINCES[prov][1],
            }
        )
    return rows


def city_weights(scale: Scale) -> np.ndarray:
    """Each city's share of subscribers, from population."""
    pop = np.array([CITIES[c][5] for c in scale.cities])
    return pop / pop.sum()


def _allocate(scale: Scale) -> dict[str, tuple[int, int, int, int]]:
    """Halls per city and tier for the province scale: proportional to population."""
    if scale.halls is not None:
        return scale.halls
    w = city_weights(scale)
    n = np.floor(w * scale.total_halls).astype(int)
    n[np.argsort(-(w * scale.total_halls - n))[: scale.total_halls - n.sum()]] += 1
    out = {}
    for cid, k in zip(scale.cities, n, strict=False):
        flag = 3 if CITIES[cid][5] > 15 else 2 if CITIES[cid][5] > 5 else 1
        std = round(k * 0.10)
        com = round(k * 0.42)
        out[cid] = (flag, std, com, int(k) - flag - std - com)
    return out


def build_halls(scale: Scale) -> Halls:
    """Draw every hall's name, place, size and traits from the fixed geography seed."""
    rng = np.random.default_rng(GEO_SEED)
    cols: dict[str, list] = {k: [] for k in Halls.__dataclass_fields__}
    for cid, per_tier in _allocate(scale).items():
        _, en, zh, lat, lon, _, urban, outer = CITIES[cid]
        urban, outer = districts(urban), districts(outer)
        streets = [(d, s) for d in urban for s in STREETS]
        towns = [(d, t) for d in outer + urban for t in TOWNS]
        street_pick = rng.permutation(len(streets))
        town_pick = rng.permutation(len(towns))
        seq = 0
        for tier, count in zip(TIERS, per_tier, strict=False):
            for i in range(count):
                seq += 1
                if tier == "flagship":
                    d = urban[i % len(urban)]
                    name = (f"{en} {d[0]} Flagship Hall", f"{zh}{d[1]}中心营业厅")
                elif tier == "rural":
                    d, t = towns[town_pick[i]]
                    name = (f"{en} {d[0]} {t[0]} Town Hall", f"{zh}{d[1]}{t[1]}镇营业厅")
                else:
                    # outer districts' streets only once the urban ones run out
                    spill = [(d, s) for d in outer for s in STREETS]
                    j = seq - len(streets)
                    d, s = streets[street_pick[seq]] if j < 0 else spill[j % len(spill)]
                    kind = (
                        ("Community Hall", "社区营业厅")
                        if tier == "community"
                        else ("Hall", "营业厅")
                    )
                    name = (f"{en} {d[0]} {s[0]} Road {kind[0]}", f"{zh}{d[1]}{s[1]}{kind[1]}")
                spread = 0.30 if tier == "rural" else 0.07
                lo, hi = COUNTERS[tier]
                vlo, vhi = VOLUME[tier]
                age = {"flagship": 15, "standard": 12, "community": 8, "rural": 10}[tier]
                opened = date(2021, 6, 1) - timedelta(days=int(rng.integers(0, age * 365)))
                cols["branch_id"].append(f"{cid}-{seq:03d}")
                cols["name_en"].append(name[0])
                cols["name_zh"].append(name[1])
                cols["city_id"].append(cid)
                cols["district_en"].append(d[0])
                cols["district_zh"].append(d[1])
                cols["tier"].append(tier)
                cols["opened_on"].append(np.datetime64(opened, "D"))
                vol = rng.uniform(vlo, vhi)
                size = (vol - vlo) / (vhi - vlo) * (hi - lo) + rng.uniform(-0.5, 1.2)
                cols["counters"].append(int(np.clip(np.round(lo + size), lo, hi)))
                cols["latitude"].append(round(lat + rng.normal(0, spread), 5))
                cols["longitude"].append(round(lon + rng.normal(0, spread), 5))
                cols["volume"].append(vol * scale.hall_volume)
                cols["weak"].append(False)
    halls = Halls(**{k: np.array(v) for k, v in cols.items()})
    _mark_traits(scale, halls, rng)
    return halls


def _mark_traits(scale: Scale, halls: Halls, rng: np.random.Generator) -> None:
    """Weak halls and halls that open during the data range."""
    ids = list(halls.branch_id)
    for bid in scale.weak_halls:
        halls.weak[ids.index(bid)] = True
    if scale.weak_share:
        pool = np.flatnonzero(np.isin(halls.tier, ("standard", "community")))
        k = round(scale.weak_share * len(ids))
        halls.weak[rng.choice(pool, k, replace=False)] = True
    for bid, day in scale.new_halls.items():
        halls.opened_on[ids.index(bid)] = np.datetime64(day, "D")
    if scale.halls is None:
        pool = np.flatnonzero((halls.tier == "community") & ~halls.weak)
        late = rng.choice(pool, len(pool) // 25, replace=False)
        span = (scale.end - scale.start).days - 60
        start = np.datetime64(scale.start, "D")
        halls.opened_on[late] = start + rng.integers(30, span, len(late)).astype("timedelta64[D]")
