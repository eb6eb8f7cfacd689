"""The table contract analysts and later stages rely on.

Each table is declared once here. From the declaration we derive:
- the Arrow/Parquet schema (``TableSchema.arrow_schema``),
- the DuckDB view (``nightwire.publish``),
- the Great Expectations suite (``nightwire.validate``): types, nullability, keys,
  enumerations and ranges from the columns, plus the domain ``rules`` written beside them.

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


EVENT_TYPES = ("attack", "bombing", "killing", "clash")
QUARANTINE_STAGES = ("ingest", "clean", "extract", "events", "validate", "publish")

_ingest_date = Column(PARTITION_COLUMN, "date", nullable=False, description="night processed")
_run_id = Column("run_id", "string", nullable=False, description="pipeline run identifier")

DOCUMENTS = TableSchema(
    name="documents",
    description="One cleaned article per row.",
    key=("doc_id",),
    columns=(
        Column("doc_id", "string", nullable=False, description="sha256 prefix of the raw bytes"),
        Column("source_file", "string", nullable=False, description="path relative to input"),
        Column("source_sha256", "string", nullable=False),
        Column("title", "string", severity="warning"),
        Column("author", "string"),
        Column("publisher", "string"),
        Column("published_date", "date", min=None),
        Column("language", "string", nullable=False, severity="warning"),
        Column("text", "string", nullable=False, description="clean article body"),
        Column("raw_chars", "int64", nullable=False, min=1),
        Column("clean_chars", "int64", nullable=False, min=1),
        Column("encoding", "string", nullable=False),
        Column("metadata_sources", "string", description="JSON: field -> how it was found"),
        Column("boilerplate_lines", "int64", nullable=False, min=0),
        _ingest_date,
        _run_id,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "raw_chars", "column_B": "clean_chars", "or_equal": True},
            severity="warning",
            why="cleaning removes text (paragraph breaks may add a few characters)",
        ),
        Rule(
            "ExpectColumnValueLengthsToEqual",
            {"column": "source_sha256", "value": 64},
            why="a sha256 hex digest",
        ),
    ),
)

ENTITIES = TableSchema(
    name="entities",
    description="Named entities found in the clean text, with offsets into documents.text.",
    key=("doc_id", "start_char", "end_char", "label"),
    columns=(
        Column("doc_id", "string", nullable=False),
        Column("text", "string", nullable=False),
        Column("label", "string", nullable=False),
        Column("canonical", "string", nullable=False),
        Column("start_char", "int64", nullable=False, min=0),
        Column("end_char", "int64", nullable=False, min=1),
        _ingest_date,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "end_char", "column_B": "start_char"},
            why="a span has positive length",
        ),
    ),
)

EVENTS = TableSchema(
    name="events",
    description="Violent events, one per sentence mention, with provenance.",
    key=("event_id",),
    columns=(
        Column("event_id", "string", nullable=False),
        Column("doc_id", "string", nullable=False),
        Column("event_type", "string", nullable=False, allowed=EVENT_TYPES),
        Column("trigger", "string", nullable=False),
        Column("actor", "string"),
        Column("target", "string"),
        Column("location", "string"),
        Column("country", "string"),
        Column("latitude", "float64", min=-90, max=90),
        Column("longitude", "float64", min=-180, max=180),
        Column("event_date", "date"),
        Column("date_phrase", "string"),
        Column("killed", "int32", min=0, max=100_000),
        Column("killed_qualifier", "string"),
        Column("wounded", "int32", min=0, max=100_000),
        Column("wounded_qualifier", "string"),
        Column("sentence", "string", nullable=False),
        Column("start_char", "int64", nullable=False, min=0),
        Column("end_char", "int64", nullable=False, min=1),
        Column("confidence", "float64", nullable=False, min=0, max=1),
        _ingest_date,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "end_char", "column_B": "start_char"},
            why="a sentence has positive length",
        ),
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "killed", "min_value": 0, "max_value": 5000},
            severity="warning",
            why="tolls above 5,000 in one report are implausible for one event",
        ),
    ),
)

QUARANTINE = TableSchema(
    name="quarantine",
    description="Every input that could not be processed, and why.",
    columns=(
        Column("source_file", "string", nullable=False),
        Column("source_sha256", "string"),
        Column("stage", "string", nullable=False, allowed=QUARANTINE_STAGES),
        Column("reason", "string", nullable=False),
        _ingest_date,
        _run_id,
    ),
)

DQ_RESULTS = TableSchema(
    name="dq_results",
    description="One row per expectation per table per run.",
    columns=(
        _run_id,
        Column("table_name", "string", nullable=False),
        Column("expectation", "string", nullable=False),
        Column("column_name", "string"),
        Column("severity", "string", nullable=False, allowed=("critical", "warning")),
        Column("success", "bool", nullable=False),
        Column("observed", "string"),
        _ingest_date,
    ),
)

TABLES: dict[str, TableSchema] = {
    t.name: t for t in (DOCUMENTS, ENTITIES, EVENTS, QUARANTINE, DQ_RESULTS)
}


def table(name: str) -> TableSchema:
    return TABLES[name]
