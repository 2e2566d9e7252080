"""The national scale: many provinces, each the demo's cities and halls drawn with its own
seed, generated a province and a month at a time and written straight to the lake's Parquet
(fact=<table>/month=YYYY-MM/province=<id>), never all in memory. Dimensions are written as
CSV files beside it (_load/), in load order, for the dashboard's store.

    python -m sample_data.national --lake DIR [--provinces 31] [--template national|tiny]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from . import DIMENSIONS, generate
from .scales import NATIONAL, NATIONAL_PROVINCES, SCALES

# province id, English and Chinese name: the 31 provinces, regions and municipalities
PROVINCES = (
    ("BJ", "Beijing", "北京"), ("TJ", "Tianjin", "天津"), ("HE", "Hebei", "河北"),
    ("SX", "Shanxi", "山西"), ("NM", "Inner Mongolia", "内蒙古"), ("LN", "Liaoning", "辽宁"),
    ("JL", "Jilin", "吉林"), ("HL", "Heilongjiang", "黑龙江"), ("SH", "Shanghai", "上海"),
    ("JS", "Jiangsu", "江苏"), ("ZJ", "Zhejiang", "浙江"), ("AH", "Anhui", "安徽"),
    ("FJ", "Fujian", "福建"), ("JX", "Jiangxi", "江西"), ("SD", "Shandong", "山东"),
    ("HA", "Henan", "河南"), ("HB", "Hubei", "湖北"), ("HN", "Hunan", "湖南"),
    ("GD", "Guangdong", "广东"), ("GX", "Guangxi", "广西"), ("HI", "Hainan", "海南"),
    ("CQ", "Chongqing", "重庆"), ("SC", "Sichuan", "四川"), ("GZ", "Guizhou", "贵州"),
    ("YN", "Yunnan", "云南"), ("XZ", "Tibet", "西藏"), ("SN", "Shaanxi", "陕西"),
    ("GS", "Gansu", "甘肃"), ("QH", "Qinghai", "青海"), ("NX", "Ningxia", "宁夏"),
    ("XJ", "Xinjiang", "新疆"),
)  # fmt: skip
# the numeric ids of province k start at k * ID_STRIDE, so no two provinces share one
ID_STRIDE = 10**11
LAKE_FACTS = {
    "queue_ticket": "issued_at",
    "hotline_call": "arrived_at",
    "complaint": "received_at",
    "survey_response": "responded_at",
}
# dimensions that differ by province (renamed); the others are the same everywhere
PLACED = ("city", "branch", "customer_base")


def _prefix(code: str) -> Callable[[pa.Array], pa.Array]:
    return lambda col: pc.binary_join_element_wise(pa.scalar(code + "."), col, "")


def _offset(k: int) -> Callable[[pa.Array], pa.Array]:
    return lambda col: pc.add(col, pa.scalar(k * ID_STRIDE, col.type))


def _remap(table: pa.Table, k: int) -> pa.Table:
    """A province's rows with its own ids: places and text keys prefixed, numbers offset."""
    code = PROVINCES[k][0]
    rules = {
        "city_id": _prefix(code),
        "branch_id": _prefix(code),
        "complaint_id": _prefix(code),
        "customer_key": _prefix(code),
        "ticket_id": _offset(k),
        "call_id": _offset(k),
        "response_id": _offset(k),
    }
    for name, rule in rules.items():
        if name in table.column_names:
            i = table.column_names.index(name)
            table = table.set_column(i, table.field(i), rule(table.column(name)))
    return table


def _cities(table: pa.Table, k: int) -> pa.Table:
    code, en, zh = PROVINCES[k]
    n = table.num_rows
    table = _remap(table, k)
    for name, value in (("province_id", code), ("province_en", en), ("province_zh", zh)):
        i = table.column_names.index(name)
        table = table.set_column(i, name, pa.array([value] * n, pa.string()))
    for name, text in (("city_en", f", {en}"), ("city_zh", "")):
        i = table.column_names.index(name)
        column = table.column(name)
        if name == "city_zh":
            renamed = pc.binary_join_element_wise(pa.scalar(zh), column, "")
        else:
            renamed = pc.binary_join_element_wise(column, pa.scalar(text), "")
        table = table.set_column(i, name, renamed)
    return table


def _write_fact(lake: Path, table_name: str, table: pa.Table, code: str) -> int:
    """Split a month's chunk by the month of its own timestamp and write each partition."""
    months = pc.strftime(table.column(LAKE_FACTS[table_name]), format="%Y-%m")
    for month in pc.unique(months).to_pylist():
        part = lake / f"fact={table_name}" / f"month={month}" / f"province={code}"
        part.mkdir(parents=True, exist_ok=True)
        rows = table.filter(pc.equal(months, month))
        pq.write_table(rows, part / f"part-{len(list(part.glob('*.parquet')))}.parquet")
    return table.num_rows


def generate_national(
    lake: Path,
    provinces: int = NATIONAL_PROVINCES,
    template: str = "national",
    seed: int = 20261123,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write `provinces` provinces of the template scale to the lake; returns rows per fact."""
    scale = NATIONAL if template == "national" else SCALES[template]
    lake = Path(lake)
    load = lake / "_load"
    load.mkdir(parents=True, exist_ok=True)
    dims: dict[str, list[pa.Table]] = {}
    written = dict.fromkeys(LAKE_FACTS, 0)
    for k in range(provinces):
        code = PROVINCES[k][0]
        with tempfile.TemporaryDirectory(prefix="pulse-national-") as scratch:
            for table, path in generate(scale, Path(scratch), seed=seed + k):
                if table in LAKE_FACTS:
                    chunk = _remap(pq.read_table(path), k)
                    written[table] += _write_fact(lake, table, chunk, code)
                elif table in PLACED:
                    rows = pcsv.read_csv(path, convert_options=_as_text())
                    dims.setdefault(table, []).append(
                        _cities(rows, k) if table == "city" else _remap(rows, k)
                    )
                elif table in DIMENSIONS and k == 0:
                    shutil.copy(path, load / path.name)
                Path(path).unlink()
        if progress:
            progress(f"{code}: {sum(written.values()):,} rows so far")
    for table, parts in dims.items():
        pcsv.write_csv(pa.concat_tables(parts), load / f"{table}.csv")
    return written


def _as_text() -> pcsv.ConvertOptions:
    """Read dimension CSVs as text, so ids and dates are written back unchanged."""
    return pcsv.ConvertOptions(
        column_types={
            c: pa.string()
            for c in ("city_id", "branch_id", "province_id", "opened_on", "month_start")
        },
        strings_can_be_null=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: write the national scale's lake."""
    parser = argparse.ArgumentParser(description="Write the national scale to a lake.")
    parser.add_argument("--lake", type=Path, required=True)
    parser.add_argument("--provinces", type=int, default=NATIONAL_PROVINCES)
    parser.add_argument("--template", choices=("national", *SCALES), default="national")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = generate_national(args.lake, args.provinces, args.template, args.seed, print)
    for table, rows in written.items():
        print(f"{table}: {rows:,} rows")
    print(f"written in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
