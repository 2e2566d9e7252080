"""Subscribers by month, city, segment and brand (customer_base), and the mixes facts draw from."""

import numpy as np

from .dimensions import BRAND_IDS, SEGMENT_IDS

SEGMENT_SHARE = np.array([0.800, 0.085, 0.045, 0.012, 0.013, 0.021, 0.024])
# brand given segment (gotone, mzone, easyown): high-value customers are mostly GoTone
BRAND_GIVEN_SEGMENT = np.array(
    [
        [0.18, 0.34, 0.48],
        [0.62, 0.23, 0.15],
        [0.85, 0.10, 0.05],
        [0.96, 0.03, 0.01],
        [0.80, 0.12, 0.08],
        [0.68, 0.18, 0.14],
        [0.52, 0.24, 0.24],
    ]
)
VIP_OR_GROUP = np.array([False, True, True, True, True, True, True])


def subscriber_cube(total: float, city_w: np.ndarray, n_months: int, rng) -> np.ndarray:
    """Subscribers, shape (months, cities, segments, brands), growing slowly with noise."""
    t = np.arange(n_months)[:, None, None, None]
    growth = 1.0025**t
    drift = np.array([1.0, 1.004, 0.995])[None, None, None, :] ** t  # M-Zone up, EasyOwn down
    base = (
        total
        * city_w[None, :, None, None]
        * SEGMENT_SHARE[None, None, :, None]
        * BRAND_GIVEN_SEGMENT[None, None, :, :]
    )
    city_trend = rng.normal(1.0, 0.0015, (1, len(city_w), 1, 1)) ** t
    noise = rng.normal(1.0, 0.002, base.shape[:2] + base.shape[2:])
    return np.round(base * growth * drift * city_trend * noise).astype(np.int64)


def customer_base_rows(cube: np.ndarray, month_starts, cities) -> list[dict]:
    """Rows of customer_base from the cube."""
    m, c, s, b = np.indices(cube.shape).reshape(4, -1)
    values = cube.reshape(-1)
    return [
        {
            "month_start": month_starts[m[i]].isoformat(),
            "city_id": cities[c[i]],
            "segment": SEGMENT_IDS[s[i]],
            "brand": BRAND_IDS[b[i]],
            "subscribers": int(values[i]),
        }
        for i in range(len(values))
    ]


def draw_brand(segment: np.ndarray, rng) -> np.ndarray:
    """A brand index for each segment index, from the brand-given-segment mix."""
    cdf = np.cumsum(BRAND_GIVEN_SEGMENT, axis=1)[segment]
    return (rng.random(len(segment))[:, None] > cdf).sum(axis=1).clip(0, 2)


def draw_segment(shares: np.ndarray, n: int, rng) -> np.ndarray:
    """Segment indices from a (segments,) or (n, segments) share array."""
    p = shares / shares.sum(axis=-1, keepdims=True)
    cdf = np.cumsum(p, axis=-1)
    u = rng.random(n)
    if cdf.ndim == 1:
        return np.searchsorted(cdf, u, side="right").clip(0, len(p) - 1)
    return (u[:, None] > cdf).sum(axis=1).clip(0, p.shape[-1] - 1)
