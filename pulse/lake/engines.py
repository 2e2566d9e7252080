"""The two engines a lake build runs on, behind one small interface: DuckDB runs the rollup
SQL as written; Spark runs the same SQL transpiled by pulse.lake.portable."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import duckdb
import sqlglot

from pulse import sql
from pulse.lake import portable

PARTITION_COLUMNS = ("month", "province")


def _rename(select: str, rename: dict[str, str] | None) -> str:
    """A DuckDB SELECT reading other views (through sqlglot, only when there are any)."""
    if not rename:
        return select
    tree = sqlglot.parse_one(select, read="duckdb")
    for table in tree.find_all(sqlglot.exp.Table):
        if table.name in rename:
            table.set("this", sqlglot.exp.to_identifier(rename[table.name]))
    return tree.sql("duckdb")


def _used(select: str, params: dict) -> dict:
    return sql.used_params(select, params or {})


class DuckEngine:
    """DuckDB in memory over the lake's Parquet: the embedded engine, as a lake builder."""

    name = "duckdb"

    def __init__(self, threads: int | None = None, memory_limit: str = "4GB"):
        self.master = "embedded"
        self.bound: dict[str, tuple[str, ...]] = {}
        # DuckDB takes up to 80 % of the machine's memory unless told otherwise (a province
        # build took 21 GB of 24); with a limit it spills to a scratch folder instead
        self.scratch = tempfile.TemporaryDirectory(prefix="pulse-duck-")
        config = {"memory_limit": memory_limit, "temp_directory": self.scratch.name}
        self.con = duckdb.connect(config=config | ({"threads": threads} if threads else {}))
        for statement in portable.macro_statements():  # hours_bucket, as in the store
            self.con.execute(statement)

    def table(self, name: str, files: list[str]) -> None:
        """Bind a table name to Parquet files (their partition keys left out)."""
        if self.bound.get(name) == tuple(files):
            return
        sql.ident(name)
        self.con.read_parquet(files, hive_partitioning=False).create_view(name, replace=True)
        self.bound[name] = tuple(files)

    def view(self, name: str, select: str, rename: dict[str, str] | None = None) -> None:
        """Bind a view name to a SELECT."""
        self.con.sql(_rename(select, rename)).create_view(sql.ident(name), replace=True)

    def scalar(self, select: str, params: dict | None = None):
        """The first value of a query's first row."""
        return self.con.execute(select, _used(select, params)).fetchall()[0][0]

    def write(self, select: str, params: dict, out: Path, by: tuple[str, ...], rename=None) -> None:
        """Write a query's rows to Parquet under `out`, partitioned by month (and province)."""
        select = _rename(select, rename)
        relation = self.con.sql(select, params=_used(select, params))
        extra = {
            "month": duckdb.FunctionExpression(
                "strftime", duckdb.ColumnExpression("day"), duckdb.ConstantExpression("%Y-%m")
            ).alias("month"),
            "province": duckdb.ColumnExpression("province_id").alias("province"),
        }
        relation = relation.select(duckdb.StarExpression(), *(extra[c] for c in by))
        relation.to_parquet(str(out), partition_by=list(by), overwrite=True)

    def close(self) -> None:
        """Close the connection and remove what it spilled."""
        self.con.close()
        self.scratch.cleanup()


def spark_session(
    master: str = "local[2]", app: str = "pulse-lake", partitions: int = 8, adaptive: bool = True
):
    """A Spark session for rollup builds: UTC, few shuffle partitions (rollups are small; a
    cluster's spark-submit --conf overrides it). Adaptive execution off saves a tiny build
    (the tests) a planning round per query."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.adaptive.enabled", str(adaptive).lower())
        .config("spark.ui.enabled", "false")
        .config("spark.sql.sources.partitionOverwriteMode", "static")
        .getOrCreate()
    )


class SparkEngine:
    """Apache Spark on any master (local[n], spark://, yarn, k8s://) over the same Parquet."""

    name = "spark"

    def __init__(self, master: str = "local[2]", session=None):
        self.spark = session or spark_session(master)
        self.master = self.spark.sparkContext.master
        # a rebound table costs Spark a job (its schema from the files): bind each list once
        self.bound: dict[str, tuple[str, ...]] = {}

    def table(self, name: str, files: list[str]) -> None:
        """Bind a table name to Parquet files (their partition keys left out)."""
        if self.bound.get(name) == tuple(files):
            return
        frame = self.spark.read.parquet(*files).drop(*PARTITION_COLUMNS)
        frame.createOrReplaceTempView(sql.ident(name))
        self.bound[name] = tuple(files)

    def view(self, name: str, select: str, rename: dict[str, str] | None = None) -> None:
        """Bind a view name to a SELECT, transpiled to Spark SQL."""
        self.spark.sql(portable.to_spark(select, rename)).createOrReplaceTempView(sql.ident(name))

    def scalar(self, select: str, params: dict | None = None):
        """The first value of a query's first row."""
        text = portable.to_spark(select)
        return self.spark.sql(text, args=_spark_args(text, params)).first()[0]

    def write(self, select: str, params: dict, out: Path, by: tuple[str, ...], rename=None) -> None:
        """Write a query's rows to Parquet under `out`, partitioned by month (and province)."""
        from pyspark.sql import functions as F

        text = portable.to_spark(select, rename)
        frame = self.spark.sql(text, args=_spark_args(text, params))
        frame = frame.withColumn("month", F.date_format("day", "yyyy-MM"))
        if "province" in by:
            frame = frame.withColumn("province", F.col("province_id"))
        frame.write.mode("overwrite").partitionBy(*by).parquet(str(out))

    def close(self) -> None:
        """Leave the session running: Spark starts slowly and a process keeps one."""


def _spark_args(text: str, params: dict | None) -> dict:
    """The parameters a Spark statement names (:name), which Spark binds as literals."""
    return {k: v for k, v in (params or {}).items() if re.search(rf":{k}\b", text)}
