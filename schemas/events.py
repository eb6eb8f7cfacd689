"""Tables about violent events: ``events`` (one row per mention) and ``event_clusters``
(one row per real-world event, merged across reports; see ``docs/taxonomy.md``)."""

from __future__ import annotations

from nightwire.event_taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from schemas.base import INGEST_DATE, Column, Rule, TableSchema

GEO_PRECISIONS = ("town", "district", "admin1", "country")
DATE_PRECISIONS = ("day", "week", "month")
DATE_REASONS = ("explicit", "relative", "no_publication_date", "vague", "no_date_phrase")
COUNT_QUALIFIERS = (
    "at_least",
    "more_than",
    "at_most",
    "approx",
    "range",
    "tens",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "several",
)
MAX_TOLL = 100_000


def _offsets(prefix: str, what: str) -> tuple[Column, Column]:
    return (
        Column(f"{prefix}_start", "int64", min=0, description=f"offset of the {what} in text"),
        Column(f"{prefix}_end", "int64", min=1, description=f"end offset of the {what}"),
    )


def _toll(kind: str) -> tuple[Column, ...]:
    return (
        Column(kind, "int32", min=0, max=MAX_TOLL, description="conservative figure"),
        Column(f"{kind}_min", "int32", min=0, max=MAX_TOLL, description="lowest stated"),
        Column(f"{kind}_max", "int32", min=0, max=MAX_TOLL, description="highest stated"),
        Column(f"{kind}_qualifier", "string", allowed=COUNT_QUALIFIERS),
        *_offsets(kind, f"{kind} figure"),
    )


def _pair_rules(*prefixes: str) -> tuple[Rule, ...]:
    return tuple(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {
                "column_A": f"{p}_end",
                "column_B": f"{p}_start",
                "ignore_row_if": "either_value_is_missing",
            },
            why=f"the {p} span has positive length",
        )
        for p in prefixes
    )


# Columns events and event_clusters share (one declaration each).
LATITUDE = Column("latitude", "float64", min=-90, max=90)
LONGITUDE = Column("longitude", "float64", min=-180, max=180)
GEO_PRECISION = Column("geo_precision", "string", allowed=GEO_PRECISIONS)
GEONAMEID = Column("geonameid", "int64", min=1)
DATE_PRECISION = Column("date_precision", "string", allowed=DATE_PRECISIONS)
SUB_EVENT_TYPE = Column("sub_event_type", "string", nullable=False, allowed=tuple(SUB_EVENT_TYPES))

EVENTS = TableSchema(
    name="events",
    description="Violent events, one per sentence mention, with provenance.",
    key=("event_id",),
    columns=(
        Column("event_id", "string", nullable=False),
        Column("doc_id", "string", nullable=False),
        Column("cluster_id", "string", description="event_clusters.cluster_id"),
        Column("event_type", "string", nullable=False, allowed=EVENT_TYPES),
        SUB_EVENT_TYPE,
        Column("trigger", "string", nullable=False),
        Column("trigger_start", "int64", nullable=False, min=0),
        Column("trigger_end", "int64", nullable=False, min=1),
        Column("actor", "string"),
        *_offsets("actor", "actor mention"),
        Column("target", "string"),
        *_offsets("target", "target mention"),
        Column("location", "string", description="the most specific place, as written"),
        *_offsets("location", "place mention"),
        Column("admin1", "string"),
        Column("country", "string"),
        Column("country_code", "string", description="ISO 3166-1 alpha-2"),
        LATITUDE,
        LONGITUDE,
        GEO_PRECISION,
        GEONAMEID,
        Column("event_date", "date"),
        DATE_PRECISION,
        Column("date_phrase", "string"),
        *_offsets("date", "date phrase"),
        Column("date_reason", "string", nullable=False, allowed=DATE_REASONS),
        *_toll("killed"),
        *_toll("wounded"),
        Column("attackers_killed", "int32", min=0, max=MAX_TOLL),
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
        *_pair_rules("trigger", "actor", "target", "location", "date", "killed", "wounded"),
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "killed", "min_value": 0, "max_value": 5000},
            severity="warning",
            why="tolls above 5,000 in one report are implausible for one event",
        ),
    ),
)

EVENT_CLUSTERS = TableSchema(
    name="event_clusters",
    description=(
        "Real-world events: the reports of one event merged across articles and nights. "
        "A night's partition holds every cluster created or joined that night, with its "
        "state after the night; the latest row of a cluster_id is its current state."
    ),
    key=("cluster_id",),
    latest_by=("cluster_id", "last_reported"),
    columns=(
        Column("cluster_id", "string", nullable=False),
        Column("event_type", "string", nullable=False, allowed=EVENT_TYPES),
        SUB_EVENT_TYPE,
        Column("location", "string"),
        Column("admin1", "string"),
        Column("country", "string"),
        LATITUDE,
        LONGITUDE,
        GEO_PRECISION,
        GEONAMEID,
        Column("event_date", "date"),
        DATE_PRECISION,
        Column("actor", "string"),
        Column("n_events", "int32", nullable=False, min=1),
        Column("n_docs", "int32", nullable=False, min=1),
        Column("killed_min", "int32", min=0, max=MAX_TOLL),
        Column("killed_max", "int32", min=0, max=MAX_TOLL),
        Column("wounded_min", "int32", min=0, max=MAX_TOLL),
        Column("wounded_max", "int32", min=0, max=MAX_TOLL),
        Column("first_reported", "date", description="night the cluster was created"),
        Column("last_reported", "date", description="night a member last joined"),
        Column("doc_ids", "string", nullable=False, description="member documents, sorted"),
        INGEST_DATE,
    ),
    rules=(
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {
                "column_A": "killed_max",
                "column_B": "killed_min",
                "or_equal": True,
                "ignore_row_if": "either_value_is_missing",
            },
            why="the highest toll reported is at least the lowest",
        ),
        Rule(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            {"column_A": "n_events", "column_B": "n_docs", "or_equal": True},
            why="every document contributes at least one event",
        ),
    ),
)
