"""Domain rules beside the table declarations: what "plausible" means for a night's data.

Three kinds, all reported like schema expectations (one ``dq_results`` row each, with a
severity: ``critical`` keeps the table's partition out of the warehouse, ``warning``
publishes and alerts):

``GX_RULES``
    More Great Expectations expectations on one table, added to the suite derived from the
    table's schema (``nightwire.validate_suite``).
``CHECKS``
    Rules GX cannot express on one batch (they join tables or aggregate the night), computed
    over the night's Arrow tables by ``nightwire.dq_rules``.
``HISTORY``
    Night-over-night rules comparing the night with the published history in the warehouse
    (``nightwire.history``): row counts against the trailing nights, shares of quarantined
    inputs and of documents without entities, freshness.

Thresholds live here, in one place, so a change of policy is a one-line diff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.base import Rule, Severity

# --------------------------------------------------------------------------- GX rules

GX_RULES: dict[str, tuple[Rule, ...]] = {
    "documents": (
        Rule(
            "ExpectColumnValuesToNotBeInSet",
            {"column": "language", "value_set": ["und"], "mostly": 0.9},
            severity="warning",
            why="language identification failed ('und') for more than 1 document in 10",
        ),
    ),
    "events": (
        Rule(
            "ExpectColumnValuesToBeBetween",
            {"column": "wounded", "min_value": 0, "max_value": 10_000},
            severity="warning",
            why="more than 10,000 wounded in one report is implausible for one event",
        ),
    ),
}


def gx_rules(table_name: str) -> tuple[Rule, ...]:
    return GX_RULES.get(table_name, ())


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Check:
    """A rule computed over the night's tables (``nightwire.dq_rules`` implements ``name``)."""

    name: str  # the dq_results ``expectation``, e.g. "expect_event_date_not_after_publication"
    table: str  # the table the outcome belongs to (blocked when a critical check fails)
    column: str | None
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict)
    why: str = ""


CHECKS: tuple[Check, ...] = (
    # Referential integrity and offsets: analysts join on them, so breaking them is critical.
    Check(
        "expect_column_values_to_reference_documents",
        "events",
        "doc_id",
        "critical",
        why="every event comes from a document published the same night",
    ),
    Check(
        "expect_column_values_to_reference_documents",
        "entities",
        "doc_id",
        "critical",
        why="every entity comes from a document published the same night",
    ),
    Check(
        "expect_offsets_within_document_text",
        "events",
        "start_char,end_char",
        "critical",
        # <name>_start / <name>_end spans checked too where the events table has them.
        {"optional_spans": ["trigger", "actor", "target", "location", "date", "killed", "wounded"]},
        why="0 <= start < end <= length(documents.text) for the sentence and every span",
    ),
    Check(
        "expect_offsets_within_document_text",
        "entities",
        "start_char,end_char",
        "critical",
        why="0 <= start_char < end_char <= length(documents.text)",
    ),
    Check(
        "expect_span_to_match_document_text",
        "events",
        "sentence",
        "warning",
        {"span_column": "sentence"},
        why="the sentence is the slice of documents.text its offsets point at",
    ),
    Check(
        "expect_span_to_match_document_text",
        "entities",
        "text",
        "warning",
        {"span_column": "text"},
        why="the entity text is the slice of documents.text its offsets point at",
    ),
    # A table whose documents are blocked would point at nothing: it is blocked as well.
    Check(
        "expect_parent_table_published",
        "events",
        "doc_id",
        "critical",
        {"parent": "documents"},
        why="events of a blocked documents partition would reference unpublished documents",
    ),
    Check(
        "expect_parent_table_published",
        "entities",
        "doc_id",
        "critical",
        {"parent": "documents"},
        why="entities of a blocked documents partition would reference unpublished documents",
    ),
    Check(
        "expect_parent_table_published",
        "event_clusters",
        "cluster_id",
        "critical",
        {"parent": "events"},
        why="clusters summarise the night's events: blocked events leave them unsupported",
    ),
    # Dates and places.
    Check(
        "expect_event_date_not_after_publication",
        "events",
        "event_date",
        "warning",
        {"tolerance_days": 1},
        why="an article reports past events: event_date <= published_date (else the night) "
        "+ 1 day for time zones",
    ),
    Check(
        "expect_event_date_within_years_of_publication",
        "events",
        "event_date",
        "warning",
        {"max_years": 30},
        why="news reports recent events; dates decades back are mis-resolved date phrases",
    ),
    Check(
        "expect_coordinates_paired",
        "events",
        "latitude,longitude",
        "critical",
        why="a point has both coordinates or neither",
    ),
    Check(
        "expect_coordinates_within_country",
        "events",
        "latitude,longitude,country",
        "warning",
        {"margin_degrees": 1.0},
        why="the point lies inside the bounding box of the GeoNames cities of its country "
        "(plus 1 degree, about 110 km); unknown country names are not checked",
    ),
    # Cleaning: a night whose documents are mostly boilerplate means the cleaner (or the
    # scraper feeding it) broke.
    Check(
        "expect_clean_text_not_mostly_removed",
        "documents",
        "clean_chars,raw_chars",
        "warning",
        {"min_ratio": 0.10, "max_share": 0.5, "exempt_formats": ["html", "html.gz"]},
        why="at most half the documents may keep less than 10% of their raw characters "
        "(HTML is exempt: its raw text is markup)",
    ),
    Check(
        "expect_boilerplate_share_below",
        "documents",
        "boilerplate_lines",
        "warning",
        {"max_line_share": 0.8, "max_share": 0.5},
        why="at most half the documents may have more than 80% of their lines removed as "
        "boilerplate",
    ),
)


# --------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryRule:
    """A night-over-night rule (``nightwire.history`` implements ``name``). Always a warning:
    the night is published, and the on-call engineer is told."""

    name: str
    table: str
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    why: str = ""
    severity: Severity = "warning"


# Trailing window: the last 7 published nights before the night (not calendar days, so a
# pipeline outage does not empty the window); no alert until 3 nights of history exist.
WINDOW_NIGHTS = 7
MIN_HISTORY_NIGHTS = 3
ROW_COUNT = {"window": WINDOW_NIGHTS, "min_nights": MIN_HISTORY_NIGHTS, "low": 0.25, "high": 4.0}
# Shares alert above an absolute ceiling (no history needed), or above the trailing median
# plus a margin once there is enough history.
SHARE = {
    "window": WINDOW_NIGHTS,
    "min_nights": MIN_HISTORY_NIGHTS,
    "max_share": 0.5,
    "max_increase": 0.25,
}

HISTORY: tuple[HistoryRule, ...] = (
    *(
        HistoryRule(
            "expect_row_count_near_trailing_median",
            table,
            params=ROW_COUNT,
            why="rows between 0.25x and 4x the median of the trailing 7 nights "
            "(after 3 nights of history)",
        )
        for table in ("documents", "entities", "events")
    ),
    HistoryRule(
        "expect_quarantine_share_below",
        "quarantine",
        "source_file",
        SHARE,
        why="at most half the night's inputs quarantined, and no more than the trailing "
        "median + 0.25",
    ),
    HistoryRule(
        "expect_zero_entity_share_below",
        "entities",
        "doc_id",
        SHARE,
        why="at most half the English documents without any entity, and no more than the "
        "trailing median + 0.25",
    ),
    HistoryRule(
        "expect_new_documents",
        "documents",
        None,
        {"min_documents": 1},
        why="a scheduled night brings new articles (an empty or stale input folder means the "
        "feed stopped)",
    ),
    HistoryRule(
        "expect_no_missed_nights",
        "documents",
        None,
        {"max_gap_days": 1},
        why="the nightly schedule publishes a partition every night",
    ),
)
