"""Everything the fact generators share for one run: scale, halls, cities, subscribers, seeds."""

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .customers import subscriber_cube
from .geography import Halls, build_halls, city_weights
from .scales import Scale, months

TABLE_CODES = {
    "customer_base": 1,
    "queue_ticket": 2,
    "hotline_call": 3,
    "complaint": 4,
    "survey_response": 5,
}


@dataclass
class World:
    """One run's fixed inputs and the state carried from one month to the next."""

    scale: Scale
    seed: int
    halls: Halls
    cities: tuple[str, ...]
    city_w: np.ndarray
    month_starts: list[date]
    subscribers: np.ndarray  # (months, cities, segments, brands)
    next_id: dict[str, int] = field(default_factory=dict)
    carry: dict[str, object] = field(default_factory=dict)

    def rng(self, table: str, month: int) -> np.random.Generator:
        """An independent generator per table and month, so chunks do not depend on each other."""
        return np.random.default_rng([self.seed, TABLE_CODES[table], month])

    def take_ids(self, table: str, n: int, first: int) -> np.ndarray:
        """The next n ids of a running sequence."""
        start = self.next_id.get(table, first)
        self.next_id[table] = start + n
        return np.arange(start, start + n, dtype=np.int64)

    def city_index(self, city_ids: np.ndarray) -> np.ndarray:
        """Positions of city ids in self.cities."""
        names = np.array(self.cities)
        order = np.argsort(names)
        return order[np.searchsorted(names[order], city_ids)]


def build_world(scale: Scale, seed: int) -> World:
    """Halls, city weights and subscriber counts for a scale and seed."""
    halls = build_halls(scale)
    w = city_weights(scale)
    ms = months(scale)
    cube = subscriber_cube(
        scale.subscribers, w, len(ms), np.random.default_rng([seed, TABLE_CODES["customer_base"]])
    )
    return World(scale, seed, halls, scale.cities, w, ms, cube)
