"""Operational tables: quarantined inputs and data-quality results."""

from __future__ import annotations

from schemas.base import INGEST_DATE, RUN_ID, Column, TableSchema

QUARANTINE_STAGES = ("ingest", "clean", "extract", "events", "validate", "publish")

# Where an expectation comes from: derived from the schema ("table" columns, "key",
# "column"), a rule beside the schema ("rule"), a domain rule in schemas/rules.py ("domain":
# GX, "check": computed across tables, "history": night over night).
DQ_SOURCES = ("table", "key", "column", "rule", "domain", "check", "history")

QUARANTINE = TableSchema(
    name="quarantine",
    description="Every input that could not be processed, and why.",
    columns=(
        Column("source_file", "string", nullable=False),
        Column("source_sha256", "string"),
        Column("stage", "string", nullable=False, allowed=QUARANTINE_STAGES),
        Column("reason", "string", nullable=False),
        INGEST_DATE,
        RUN_ID,
    ),
)

DQ_RESULTS = TableSchema(
    name="dq_results",
    description="One row per expectation per table per run.",
    columns=(
        RUN_ID,
        Column("table_name", "string", nullable=False),
        Column("expectation", "string", nullable=False),
        Column("column_name", "string"),
        Column("severity", "string", nullable=False, allowed=("critical", "warning")),
        Column("success", "bool", nullable=False),
        Column("observed", "string", description="JSON: observed value, unexpected count"),
        Column("expected", "string", description="JSON: what the expectation requires"),
        Column(
            "source",
            "string",
            allowed=DQ_SOURCES,
            description="where the expectation is declared (see schemas/rules.py)",
        ),
        INGEST_DATE,
    ),
)
