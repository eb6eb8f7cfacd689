"""Domain checks across the night's Arrow tables (real pyarrow tables, real GeoNames data)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pyarrow as pa
import pytest
from schema_rows import allowed_or, complete

from nightwire.dq_checks import _IMPLEMENTATIONS, country_boxes
from nightwire.dq_outcome import ExpectationOutcome, TableValidation
from nightwire.dq_rules import (
    PARENT_CHECK,
    apply_parent_checks,
    combine,
    run_checks,
)
from schemas.rules import CHECKS, GX_RULES
from schemas.tables import DOCUMENTS, ENTITIES, EVENTS, TABLES, TableSchema

NIGHT = date(2016, 10, 26)
TEXT = "A suicide bomber killed 19 people in Kirkuk on Friday. Police said more were hurt."
SENTENCE = TEXT[:54]


def document(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": "d1",
        "source_file": "a.txt",
        "source_sha256": "a" * 64,
        "published_date": date(2016, 10, 25),
        "language": "en",
        "text": TEXT,
        "raw_chars": 120,
        "clean_chars": len(TEXT),
        "encoding": "utf-8",
        "boilerplate_lines": 2,
        "run_id": "r",
    }
    return {**row, **over}


def event(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": "e1",
        "doc_id": "d1",
        "event_type": allowed_or(EVENTS, "event_type", "bombing"),
        "trigger": "killed",
        "location": "Kirkuk",
        "country": "Iraq",
        "latitude": 35.468,
        "longitude": 44.392,
        "event_date": date(2016, 10, 21),
        "killed": 19,
        "sentence": SENTENCE,
        "start_char": 0,
        "end_char": len(SENTENCE),
        "confidence": 0.9,
    }
    return {**row, **over}


def entity(**over: Any) -> dict[str, Any]:
    start = TEXT.index("Kirkuk")
    row: dict[str, Any] = {
        "doc_id": "d1",
        "text": "Kirkuk",
        "label": "GPE",
        "canonical": "Kirkuk",
        "start_char": start,
        "end_char": start + 6,
    }
    return {**row, **over}


def table(schema: TableSchema, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([complete(schema, r) for r in rows], schema=schema.arrow_schema())


def night(
    documents: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> dict[str, pa.Table]:
    return {
        "documents": table(DOCUMENTS, documents if documents is not None else [document()]),
        "events": table(EVENTS, events if events is not None else [event()]),
        "entities": table(ENTITIES, entities if entities is not None else [entity()]),
    }


def with_column(t: pa.Table, name: str, values: list[Any], type_: pa.DataType) -> pa.Table:
    """``t`` with column ``name`` set to ``values`` (replaced when the schema has it)."""
    if name in t.column_names:
        t = t.drop_columns([name])
    return t.append_column(name, pa.array(values, type=type_))


def failed(outcomes: dict[str, list[ExpectationOutcome]]) -> list[tuple[str, str, str]]:
    return sorted(
        (o.table_name, o.expectation, o.severity)
        for items in outcomes.values()
        for o in items
        if not o.success
    )


def the(outcomes: dict[str, list[ExpectationOutcome]], table: str, name: str) -> ExpectationOutcome:
    (found,) = [o for o in outcomes[table] if o.expectation == name]
    return found


def observed(o: ExpectationOutcome) -> dict[str, Any]:
    assert o.observed is not None
    parsed: dict[str, Any] = json.loads(o.observed)
    return parsed


def test_every_declared_check_is_implemented_and_runs_on_a_clean_night() -> None:
    assert {c.name for c in CHECKS} - {PARENT_CHECK} <= set(_IMPLEMENTATIONS)
    assert {c.table for c in CHECKS} | set(GX_RULES) <= set(TABLES)
    outcomes = run_checks(night(), NIGHT)

    assert failed(outcomes) == []
    n = sum(len(v) for v in outcomes.values())
    assert n == sum(1 for c in CHECKS if c.name != PARENT_CHECK)
    assert all(o.source == "check" and o.expected for v in outcomes.values() for o in v)


def test_event_of_an_unknown_document_is_critical() -> None:
    outcomes = run_checks(night(events=[event(), event(event_id="e2", doc_id="ghost")]), NIGHT)

    assert failed(outcomes) == [
        ("events", "expect_column_values_to_reference_documents", "critical")
    ]
    o = the(outcomes, "events", "expect_column_values_to_reference_documents")
    assert observed(o) == {"element_count": 2, "unexpected_count": 1, "examples": ["ghost"]}


def test_offsets_beyond_the_text_are_critical_for_events_and_entities() -> None:
    size = len(TEXT)
    outcomes = run_checks(
        night(
            events=[event(end_char=size + 5, sentence=SENTENCE)],
            entities=[entity(), entity(start_char=size - 2, end_char=size + 3, text="x")],
        ),
        NIGHT,
    )
    o = the(outcomes, "events", "expect_offsets_within_document_text")
    assert not o.success and o.severity == "critical"
    assert observed(o)["examples"] == [
        {"event_id": "e1", "start_char": 0, "end_char": size + 5, "text_length": size}
    ]
    assert not the(outcomes, "entities", "expect_offsets_within_document_text").success
    # The slice no longer matches either: a warning on top.
    assert not the(outcomes, "events", "expect_span_to_match_document_text").success


def test_other_event_spans_are_checked_where_the_table_has_them() -> None:
    tables = night(events=[event(), event(event_id="e2")])
    size = len(TEXT)
    for name, values in [("trigger_start", [5, size]), ("trigger_end", [11, size + 4])]:
        tables["events"] = with_column(tables["events"], name, values, pa.int64())
    tables["events"] = with_column(tables["events"], "actor_start", [None, None], pa.int64())

    o = the(run_checks(tables, NIGHT), "events", "expect_offsets_within_document_text")

    assert not o.success
    assert observed(o)["examples"] == [
        {"event_id": "e2", "text_length": size, "trigger_start": size, "trigger_end": size + 4}
    ]
    assert observed(o)["unexpected_count"] == 1
    assert "trigger_start..trigger_end" in json.loads(o.expected or "{}")["spans"]


def test_span_drift_is_a_warning() -> None:
    outcomes = run_checks(night(entities=[entity(start_char=1, end_char=7)]), NIGHT)

    assert failed(outcomes) == [("entities", "expect_span_to_match_document_text", "warning")]
    assert observed(the(outcomes, "entities", "expect_span_to_match_document_text"))[
        "examples"
    ] == [{"doc_id": "d1", "text": "Kirkuk", "text_slice": TEXT[1:7]}]


@pytest.mark.parametrize(
    ("published", "event_date", "ok"),
    [
        (date(2016, 10, 25), date(2016, 10, 26), True),  # one day of tolerance
        (date(2016, 10, 25), date(2016, 10, 27), False),
        (None, date(2016, 10, 27), True),  # no publication date: the night (+1 day)
        (None, date(2016, 10, 28), False),
    ],
)
def test_event_date_not_after_publication(
    published: date | None, event_date: date, ok: bool
) -> None:
    outcomes = run_checks(
        night(
            documents=[document(published_date=published)], events=[event(event_date=event_date)]
        ),
        NIGHT,
    )
    o = the(outcomes, "events", "expect_event_date_not_after_publication")
    assert (o.success, o.severity) == (ok, "warning")


def test_event_date_decades_before_publication_is_a_warning() -> None:
    outcomes = run_checks(night(events=[event(event_date=date(1980, 1, 1))]), NIGHT)

    assert failed(outcomes) == [
        ("events", "expect_event_date_within_years_of_publication", "warning")
    ]


def test_half_a_coordinate_is_critical() -> None:
    outcomes = run_checks(night(events=[event(longitude=None)]), NIGHT)

    assert failed(outcomes) == [("events", "expect_coordinates_paired", "critical")]


def test_coordinates_must_lie_in_their_country() -> None:
    lat, lon, lat_max, lon_max = *country_boxes()["iraq"][::2], *country_boxes()["iraq"][1::2]
    assert 29 < lat < 30.5 and 37 < lat_max < 38 and 38 < lon < 41 and 48 < lon_max < 49
    events = [
        event(),
        event(event_id="e2", country="France"),  # Kirkuk's coordinates, labelled France
        event(event_id="e3", country="Atlantis"),  # unknown: not checked
        event(event_id="e4", latitude=None, longitude=None),  # no point: not checked
    ]
    outcomes = run_checks(night(events=events), NIGHT)

    assert failed(outcomes) == [("events", "expect_coordinates_within_country", "warning")]
    o = observed(the(outcomes, "events", "expect_coordinates_within_country"))
    assert o["element_count"] == 3
    assert [e["event_id"] for e in o["examples"]] == ["e2"]
    assert o["unchecked_countries"] == ["Atlantis"]


def test_mostly_removed_text_on_most_documents_is_a_warning() -> None:
    docs = [
        document(doc_id="d1"),
        document(doc_id="d2", raw_chars=5000),  # keeps 1.7%
        document(doc_id="d3", raw_chars=9000),
    ]
    outcomes = run_checks(night(documents=docs), NIGHT)
    o = the(outcomes, "documents", "expect_clean_text_not_mostly_removed")
    assert not o.success
    assert observed(o)["observed_value"] == round(2 / 3, 4)

    # One such document in three is tolerated ...
    assert the(
        run_checks(night(documents=[*docs[:2], document(doc_id="d3")]), NIGHT),
        "documents",
        "expect_clean_text_not_mostly_removed",
    ).success
    # ... and HTML (raw text is markup) is exempt when the column exists.
    html = night(documents=docs)
    html["documents"] = with_column(
        html["documents"], "source_format", ["txt", "html", "html.gz"], pa.string()
    )
    assert the(run_checks(html, NIGHT), "documents", "expect_clean_text_not_mostly_removed").success


def test_boilerplate_share() -> None:
    docs = [document(doc_id="d1", boilerplate_lines=50), document(doc_id="d2")]
    o = the(run_checks(night(documents=docs), NIGHT), "documents", "expect_boilerplate_share_below")
    assert o.success  # one document in two
    docs.append(document(doc_id="d3", boilerplate_lines=9))
    o = the(run_checks(night(documents=docs), NIGHT), "documents", "expect_boilerplate_share_below")
    assert not o.success
    assert observed(o)["flagged"] == 2


def test_missing_column_fails_without_raising_and_extra_columns_are_ignored() -> None:
    tables = night()
    tables["events"] = (
        tables["events"].drop_columns(["latitude"]).append_column("new_column", pa.array([1]))
    )
    outcomes = run_checks(tables, NIGHT)

    assert failed(outcomes) == [
        ("events", "expect_coordinates_paired", "critical"),
        ("events", "expect_coordinates_within_country", "warning"),
    ]
    assert observed(the(outcomes, "events", "expect_coordinates_paired")) == {
        "error": "missing column(s): ['events.latitude']"
    }


def test_blocked_documents_block_their_entities_and_events() -> None:
    def validation(table: str, *outcomes: ExpectationOutcome) -> TableValidation:
        return TableValidation(table, list(outcomes))

    bad = ExpectationOutcome(
        "documents",
        "expect_column_values_to_be_unique",
        "doc_id",
        "critical",
        False,
        '{"unexpected_count":2}',
    )
    validations = {
        "documents": validation("documents", bad),
        "events": validation("events"),
        "entities": validation("entities"),
        "quarantine": validation("quarantine"),
    }
    result = apply_parent_checks(validations)

    assert not result["events"].passed and not result["entities"].passed
    assert result["quarantine"].outcomes == []
    (cascade,) = result["events"].critical_failures
    assert cascade.expectation == "expect_parent_table_published"
    assert observed(cascade)["parent_failures"] == ["expect_column_values_to_be_unique(doc_id)"]

    clean = apply_parent_checks({**validations, "documents": validation("documents")})
    assert clean["events"].passed
    assert [o.success for o in clean["events"].outcomes] == [True]


def test_combine_appends_to_validated_tables_only() -> None:
    validations = {"events": TableValidation("events", [])}
    extra = run_checks(night(), NIGHT)
    combined = combine(validations, extra)
    assert set(combined) == {"events"}
    assert len(combined["events"].outcomes) == len(extra["events"])
