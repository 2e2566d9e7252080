"""The lake: facts as hive-partitioned Parquet and the rollups built from them by DuckDB or
Apache Spark from the same definitions (queries/rollups), landed in the dashboard's store."""
