"""Service Pulse: service quality of a mobile operator, from one DuckDB store."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
