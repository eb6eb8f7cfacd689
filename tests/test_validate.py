"""Suites derived from the table contract, run with real Great Expectations (no mocks)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from schema_rows import allowed_or, complete

from nightwire.validate import (
    ExpectationOutcome,
    TableValidation,
    outcomes_to_rows,
    validate_table,
)
from nightwire.validate_frame import arrow_to_pandas
from nightwire.validate_suite import build_suite
from schemas.rules import gx_rules
from schemas.tables import (
    DOCUMENTS,
    DQ_RESULTS,
    ENTITIES,
    EVENTS,
    PARTITION_COLUMN,
    QUARANTINE,
    TABLES,
    Rule,
    TableSchema,
)

NIGHT = date(2024, 5, 1)
SHA = "a" * 64


def document(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": "d1",
        "source_file": "000_a.txt",
        "source_sha256": SHA,
        "title": "Blast in the market",
        "author": None,
        "publisher": "Wire",
        "published_date": date(2024, 4, 30),
        "language": "en",
        "text": "A blast killed three people.",
        "raw_chars": 40,
        "clean_chars": 28,
        "encoding": "utf-8",
        "metadata_sources": '{"title": "first line"}',
        "boilerplate_lines": 2,
        "run_id": "run-1",
    }
    return {**row, **over}


def entity(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": "d1",
        "text": "Kabul",
        "label": "GPE",
        "canonical": "Kabul",
        "start_char": 10,
        "end_char": 15,
    }
    return {**row, **over}


def event(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": "e1",
        "doc_id": "d1",
        "event_type": allowed_or(EVENTS, "event_type", "bombing"),
        "trigger": "blast",
        "actor": None,
        "target": "market",
        "location": "Kabul",
        "country": "AF",
        "latitude": 34.5,
        "longitude": 69.2,
        "event_date": date(2024, 4, 30),
        "date_phrase": "on Tuesday",
        "killed": 3,
        "killed_qualifier": allowed_or(EVENTS, "killed_qualifier", "at least"),
        "wounded": None,
        "wounded_qualifier": None,
        "sentence": "A blast killed three people.",
        "start_char": 0,
        "end_char": 28,
        "confidence": 0.9,
    }
    return {**row, **over}


def quarantined(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "source_file": "bad.bin",
        "source_sha256": None,
        "stage": "ingest",
        "reason": "not text",
        "run_id": "run-1",
    }
    return {**row, **over}


def dq_result(**over: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "run_id": "run-1",
        "table_name": "events",
        "expectation": "expect_column_values_to_not_be_null",
        "column_name": "event_id",
        "severity": "critical",
        "success": True,
        "observed": '{"unexpected_count":0}',
    }
    return {**row, **over}


VALID: dict[str, list[dict[str, Any]]] = {
    "documents": [document(), document(doc_id="d2", title=None, published_date=None)],
    "entities": [entity(), entity(start_char=20, end_char=25), entity(label="LOC")],
    "events": [event(), event(event_id="e2", killed=None, event_date=None, latitude=None)],
    "quarantine": [quarantined(), quarantined(stage="clean", source_sha256=SHA)],
    "dq_results": [dq_result(), dq_result(success=False, column_name=None, observed=None)],
}


def frame(schema: TableSchema, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows -> Arrow (the table's own schema) -> pandas convention, plus the partition key."""
    rows = [complete(schema, row) for row in rows]  # required columns a test does not set
    table = pa.Table.from_pylist(rows, schema=schema.arrow_schema())
    return arrow_to_pandas(table, ingest_date=NIGHT)


def failures(v: TableValidation) -> list[ExpectationOutcome]:
    return [o for o in v.outcomes if not o.success]


def only_failure(v: TableValidation) -> ExpectationOutcome:
    failed = failures(v)
    assert len(failed) == 1, failed
    return failed[0]


# --------------------------------------------------------------------------- suites


@pytest.mark.parametrize("schema", TABLES.values(), ids=TABLES.keys())
def test_suite_is_derived_from_the_schema(schema: TableSchema) -> None:
    suite = build_suite(schema)
    types = [e.configuration.type for e in suite.expectations]
    columns = [e.configuration.kwargs.get("column") for e in suite.expectations]

    assert types.count("expect_table_columns_to_match_set") == 1
    table_check = suite.expectations[0]
    assert set(table_check.configuration.kwargs["column_set"]) == set(schema.column_names)
    import great_expectations.expectations as gxe  # after nightwire.settings (telemetry off)

    assert isinstance(table_check, gxe.ExpectTableColumnsToMatchSet)
    assert table_check.exact_match is True
    for col in schema.columns:
        assert ("expect_column_values_to_be_in_type_list", col.name) in zip(
            types, columns, strict=True
        )
        not_null = ("expect_column_values_to_not_be_null", col.name) in zip(
            types, columns, strict=True
        )
        assert not_null is (not col.nullable)
    n_nullable = sum(not c.nullable for c in schema.columns)
    n_allowed = sum(c.allowed is not None for c in schema.columns)
    n_range = sum(c.min is not None or c.max is not None for c in schema.columns)
    n_key = 1 if schema.key else 0
    expected = 1 + len(schema.columns) + n_nullable + n_allowed + n_range + n_key
    assert len(suite.expectations) == expected + len(schema.rules) + len(gx_rules(schema.name))
    for e in suite.expectations:
        assert e.meta is not None
        assert e.meta["severity"] in ("critical", "warning")
        assert e.meta["source"] in ("table", "column", "key", "rule", "domain")
    domain = [e for e in suite.expectations if e.meta and e.meta["source"] == "domain"]
    assert [(type(e).__name__, e.meta and e.meta["severity"]) for e in domain] == [
        (r.expectation, r.severity) for r in gx_rules(schema.name)
    ]


def test_key_and_rule_expectations() -> None:
    ent = build_suite(ENTITIES)
    (compound,) = [
        e
        for e in ent.expectations
        if e.configuration.type == "expect_compound_columns_to_be_unique"
    ]
    assert compound.configuration.kwargs["column_list"] == list(ENTITIES.key)
    (pair,) = [
        e
        for e in ent.expectations
        if e.configuration.type == "expect_column_pair_values_a_to_be_greater_than_b"
    ]
    assert (pair.configuration.kwargs["column_A"], pair.configuration.kwargs["column_B"]) == (
        "end_char",
        "start_char",
    )
    assert pair.meta is not None
    assert pair.meta["why"] == "a span has positive length"

    ev = build_suite(EVENTS)
    assert any(
        e.configuration.type == "expect_column_values_to_be_unique"
        and e.configuration.kwargs["column"] == "event_id"
        for e in ev.expectations
    )
    warning = [e for e in ev.expectations if e.meta and e.meta["severity"] == "warning"]
    assert [
        (w.configuration.type, w.configuration.kwargs, w.meta and w.meta["source"]) for w in warning
    ] == [
        (
            "expect_column_values_to_be_between",
            {"column": "killed", "min_value": 0, "max_value": 5000},
            "rule",
        ),
        (  # schemas/rules.py
            "expect_column_values_to_be_between",
            {"column": "wounded", "min_value": 0, "max_value": 10_000},
            "domain",
        ),
    ]
    assert not any("unique" in e.configuration.type for e in build_suite(QUARANTINE).expectations)


def test_unknown_rule_expectation_is_rejected() -> None:
    bad = dataclasses.replace(
        QUARANTINE, name="quarantine_bad_rule", rules=(Rule("ExpectNoSuchThing", {}),)
    )
    with pytest.raises(ValueError, match="ExpectNoSuchThing"):
        build_suite(bad)


# --------------------------------------------------------------------------- valid data


@pytest.mark.parametrize("name", VALID.keys())
def test_valid_data_passes(name: str) -> None:
    schema = TABLES[name]
    v = validate_table(schema, frame(schema, VALID[name]))

    assert v.table_name == name
    assert v.critical_failures == []
    assert v.passed
    assert failures(v) == []
    assert len(v.outcomes) == len(build_suite(schema).expectations)
    assert {o.table_name for o in v.outcomes} == {name}


@pytest.mark.parametrize("name", VALID.keys())
def test_empty_frame_passes(name: str) -> None:
    schema = TABLES[name]
    df = frame(schema, [])
    assert len(df) == 0
    assert list(df.columns) == [*(c.name for c in schema.stored_columns), PARTITION_COLUMN]

    v = validate_table(schema, df)

    assert v.passed
    assert failures(v) == []


def test_revalidating_the_same_table_works_and_follows_schema_changes() -> None:
    rows = [entity(), entity(start_char=20, end_char=25)]
    assert validate_table(ENTITIES, frame(ENTITIES, rows)).passed
    assert validate_table(ENTITIES, frame(ENTITIES, rows)).passed

    # Same table name, different contract: doc_id alone as the key.
    stricter = dataclasses.replace(ENTITIES, key=("doc_id",))
    failed = only_failure(validate_table(stricter, frame(stricter, rows)))
    assert failed.expectation == "expect_column_values_to_be_unique"
    assert failed.column_name == "doc_id"

    assert validate_table(ENTITIES, frame(ENTITIES, rows)).passed


# --------------------------------------------------------------------------- failures


def test_null_in_non_nullable_column_fails_critically() -> None:
    v = validate_table(DOCUMENTS, frame(DOCUMENTS, [document(), document(doc_id="d2", text=None)]))

    failed = only_failure(v)
    assert failed.expectation == "expect_column_values_to_not_be_null"
    assert failed.column_name == "text"
    assert failed.severity == "critical"
    assert v.critical_failures == [failed]
    assert not v.passed
    assert failed.observed is not None
    assert json.loads(failed.observed)["unexpected_count"] == 1


def test_null_in_partition_column_fails() -> None:
    df = frame(QUARANTINE, [quarantined()])
    df[PARTITION_COLUMN] = pd.Series([pd.NaT], dtype="datetime64[ms]")

    failed = only_failure(validate_table(QUARANTINE, df))
    assert (failed.expectation, failed.column_name) == (
        "expect_column_values_to_not_be_null",
        PARTITION_COLUMN,
    )


def test_duplicate_single_column_key_fails() -> None:
    v = validate_table(EVENTS, frame(EVENTS, [event(), event(killed=4)]))

    failed = only_failure(v)
    assert failed.expectation == "expect_column_values_to_be_unique"
    assert failed.column_name == "event_id"
    assert not v.passed
    assert failed.observed is not None
    assert '"e1"' in failed.observed


def test_duplicate_compound_key_fails() -> None:
    v = validate_table(ENTITIES, frame(ENTITIES, [entity(), entity(canonical="Kabul City")]))

    failed = only_failure(v)
    assert failed.expectation == "expect_compound_columns_to_be_unique"
    assert failed.column_name == "doc_id,start_char,end_char,label"
    assert failed.severity == "critical"
    assert not v.passed


@pytest.mark.parametrize(
    ("schema", "rows", "column", "bad"),
    [
        (EVENTS, [event(), event(event_id="e2", event_type="riot")], "event_type", "riot"),
        (QUARANTINE, [quarantined(stage="deploy")], "stage", "deploy"),
        (DQ_RESULTS, [dq_result(severity="fatal")], "severity", "fatal"),
    ],
    ids=["events", "quarantine", "dq_results"],
)
def test_value_outside_allowed_fails(
    schema: TableSchema, rows: list[dict[str, Any]], column: str, bad: str
) -> None:
    v = validate_table(schema, frame(schema, rows))

    failed = only_failure(v)
    assert failed.expectation == "expect_column_values_to_be_in_set"
    assert failed.column_name == column
    assert failed.severity == "critical"
    assert not v.passed
    assert failed.observed is not None
    observed = json.loads(failed.observed)
    assert observed["unexpected_count"] == 1
    assert observed["examples"] == [bad]


def test_negative_killed_fails_critically() -> None:
    v = validate_table(EVENTS, frame(EVENTS, [event(killed=-3)]))

    assert not v.passed
    (critical,) = v.critical_failures
    assert critical.expectation == "expect_column_values_to_be_between"
    assert critical.column_name == "killed"
    assert critical.observed is not None
    assert json.loads(critical.observed)["examples"] == [-3]
    # The warning rule (0..5000) trips as well, but only the column range is critical.
    assert [o.severity for o in failures(v)] == ["critical", "warning"]


def test_span_end_before_start_fails_the_rule() -> None:
    v = validate_table(ENTITIES, frame(ENTITIES, [entity(), entity(start_char=30, end_char=20)]))

    failed = only_failure(v)
    assert failed.expectation == "expect_column_pair_values_a_to_be_greater_than_b"
    assert failed.column_name == "end_char,start_char"
    assert failed.severity == "critical"
    assert not v.passed
    assert failed.observed is not None
    observed = json.loads(failed.observed)
    assert observed["unexpected_count"] == 1
    assert observed["examples"] == [[20, 30]]


def test_equal_offsets_fail_but_documents_allow_equal_chars() -> None:
    assert not validate_table(ENTITIES, frame(ENTITIES, [entity(end_char=10)])).passed
    # documents: raw_chars >= clean_chars (or_equal=True) ...
    assert validate_table(DOCUMENTS, frame(DOCUMENTS, [document(raw_chars=28)])).passed
    # ... but cleaning never adds text.
    failed = only_failure(validate_table(DOCUMENTS, frame(DOCUMENTS, [document(raw_chars=20)])))
    assert failed.column_name == "raw_chars,clean_chars"


def test_warning_failure_is_reported_but_does_not_fail_the_table() -> None:
    v = validate_table(EVENTS, frame(EVENTS, [event(), event(event_id="e2", killed=6000)]))

    assert v.passed
    assert v.critical_failures == []
    failed = only_failure(v)
    assert failed.severity == "warning"
    assert failed.expectation == "expect_column_values_to_be_between"
    assert failed.column_name == "killed"
    assert failed.observed is not None
    assert json.loads(failed.observed)["examples"] == [6000]
    assert failed in v.warnings
    # The critical 0..100000 range on the same column passes.
    critical_range = [
        o
        for o in v.outcomes
        if o.column_name == "killed"
        and o.expectation == "expect_column_values_to_be_between"
        and o.severity == "critical"
    ]
    assert [o.success for o in critical_range] == [True]


def test_column_severity_applies_to_its_expectations() -> None:
    # documents.language is non-nullable with severity "warning".
    v = validate_table(DOCUMENTS, frame(DOCUMENTS, [document(language=None)]))

    failed = only_failure(v)
    assert (failed.column_name, failed.severity) == ("language", "warning")
    assert v.passed


def test_sha256_length_rule() -> None:
    failed = only_failure(
        validate_table(DOCUMENTS, frame(DOCUMENTS, [document(source_sha256="abc")]))
    )
    assert failed.expectation == "expect_column_value_lengths_to_equal"
    assert failed.column_name == "source_sha256"


def test_missing_and_extra_columns_fail_without_raising() -> None:
    df = frame(ENTITIES, [entity()]).drop(columns=["label"]).assign(extra=1)

    v = validate_table(ENTITIES, df)

    assert not v.passed
    by_type = {(o.expectation, o.column_name): o for o in failures(v)}
    column_set = by_type[("expect_table_columns_to_match_set", None)]
    assert column_set.observed is not None
    assert json.loads(column_set.observed)["mismatched"] == {
        "missing": ["label"],
        "unexpected": ["extra"],
    }
    type_check = by_type[("expect_column_values_to_be_in_type_list", "label")]
    assert type_check.observed is not None
    assert "label" in json.loads(type_check.observed)["error"]
    assert all(o.severity == "critical" for o in failures(v))


# --------------------------------------------------------------------------- dtypes


def test_arrow_to_pandas_convention_is_stable_with_and_without_nulls() -> None:
    no_nulls = frame(EVENTS, [event(wounded=1)])
    with_nulls = frame(EVENTS, [event(wounded=None, event_date=None)])

    for df in (no_nulls, with_nulls):
        assert df["killed"].dtype == pd.Int32Dtype()
        assert df["wounded"].dtype == pd.Int32Dtype()
        assert df["start_char"].dtype == pd.Int64Dtype()
        assert df["event_id"].dtype == pd.StringDtype()
        assert df["latitude"].dtype == "float64"
        assert df["event_date"].dtype == "datetime64[ms]"
        assert df[PARTITION_COLUMN].dtype == "datetime64[ms]"
    assert (no_nulls[PARTITION_COLUMN] == pd.Timestamp(NIGHT)).all()
    assert frame(DQ_RESULTS, [dq_result()])["success"].dtype == pd.BooleanDtype()


def test_arrow_to_pandas_timestamps_become_naive_utc() -> None:
    ts = pd.Timestamp("2024-05-01 12:00", tz="Europe/Berlin")
    table = pa.table({"at": pa.array([ts.to_pydatetime()], pa.timestamp("us", tz="UTC"))})

    df = arrow_to_pandas(table)

    assert df["at"].dtype == "datetime64[us]"
    assert df["at"].iloc[0] == pd.Timestamp("2024-05-01 10:00")


def test_plain_to_pandas_floats_for_nullable_ints_fail_the_type_check() -> None:
    row = complete(EVENTS, event(killed=None, wounded=2))
    table = pa.Table.from_pylist([row], schema=EVENTS.arrow_schema())
    df = table.to_pandas()  # not the convention: killed becomes float64 (NaN)
    df[PARTITION_COLUMN] = NIGHT

    failed = {o.column_name: o for o in failures(validate_table(EVENTS, df))}
    killed = failed["killed"]
    assert killed.expectation == "expect_column_values_to_be_in_type_list"
    assert killed.observed is not None
    assert json.loads(killed.observed)["dtype"] == "float64"
    # Only all-null integer columns flip (wounded = 2 stays an integer).
    assert "wounded" not in failed
    assert {o.expectation for o in failed.values()} == {"expect_column_values_to_be_in_type_list"}
    ints = ("int32", "int64")
    assert all(row.get(c) is None and EVENTS.column(c).type in ints for c in failed if c)


def test_other_representations_of_the_same_types_are_accepted() -> None:
    # Hand-built pandas frame: pandas' default ``str`` dtype, NumPy int64, datetime.date
    # objects in object columns.
    df = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "text": ["Kabul"],
            "label": ["GPE"],
            "canonical": ["Kabul"],
            "start_char": [10],
            "end_char": [15],
            PARTITION_COLUMN: [NIGHT],
        }
    )
    assert df[PARTITION_COLUMN].dtype == object

    assert failures(validate_table(ENTITIES, df)) == []


def test_wrong_type_fails() -> None:
    df = frame(ENTITIES, [entity()])
    df["start_char"] = df["start_char"].astype("string")

    failed = [o for o in failures(validate_table(ENTITIES, df)) if o.column_name == "start_char"]
    assert failed[0].expectation == "expect_column_values_to_be_in_type_list"
    assert failed[0].severity == "critical"


# --------------------------------------------------------------------------- dq_results


def test_outcomes_to_rows_fit_the_dq_results_table() -> None:
    v = validate_table(EVENTS, frame(EVENTS, [event(), event(event_id="e2", killed=6000)]))

    rows = outcomes_to_rows(v)

    assert len(rows) == len(v.outcomes)
    assert all(
        set(r)
        == {
            "table_name",
            "expectation",
            "column_name",
            "severity",
            "success",
            "observed",
            "expected",
            "source",
        }
        for r in rows
    )
    (failed,) = [r for r in rows if not r["success"]]
    assert json.loads(failed["expected"]) == {"min_value": 0, "max_value": 5000}
    assert failed["source"] == "rule"
    assert sum(not r["success"] for r in rows) == 1
    # The caller adds run_id (and ingest_date): the result is a valid dq_results table.
    table = pa.Table.from_pylist(
        [{**r, "run_id": "run-1"} for r in rows], schema=DQ_RESULTS.arrow_schema()
    )
    dq = validate_table(DQ_RESULTS, arrow_to_pandas(table, ingest_date=NIGHT))
    assert failures(dq) == []
