"""Building blocks of the table declarations (``schemas.tables`` holds the registry).

``ingest_date`` is the hive partition key: it lives in the folder name
(``<table>/ingest_date=YYYY-MM-DD/``), not inside the Parquet files, and the DuckDB view
exposes it as a DATE column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pyarrow as pa

Severity = Literal["critical", "warning"]

ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
}

PARTITION_COLUMN = "ingest_date"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True
    description: str = ""
    allowed: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    # Severity of the expectations derived from this column.
    severity: Severity = "critical"

    @property
    def arrow_type(self) -> pa.DataType:
        return ARROW_TYPES[self.type]


@dataclass(frozen=True)
class Rule:
    """A domain expectation beside the schema: a GX expectation class name and its kwargs."""

    expectation: str
    kwargs: dict[str, Any]
    severity: Severity = "critical"
    why: str = ""


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    # (key column, ordering column): the catalogue also gets a ``<name>_latest`` view with the
    # newest row per key, for tables that re-publish a row each night it changes.
    latest_by: tuple[str, str] | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def stored_columns(self) -> tuple[Column, ...]:
        """Columns written into the Parquet files (the partition key lives in the path)."""
        return tuple(c for c in self.columns if c.name != PARTITION_COLUMN)

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable) for c in self.stored_columns]
        )

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")


# Columns shared by several tables.
INGEST_DATE = Column(PARTITION_COLUMN, "date", nullable=False, description="night processed")
RUN_ID = Column("run_id", "string", nullable=False, description="pipeline run identifier")
