"""Tables about violent events."""

from __future__ import annotations

from schemas.base import INGEST_DATE, Column, Rule, TableSchema

EVENT_TYPES = ("attack", "bombing", "killing", "clash")

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
        INGEST_DATE,
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
