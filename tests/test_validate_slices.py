"""A night validated slice by slice reports what the whole tables would have (real GX suites,
real Arrow tables, no mocks): ``SlicedValidation`` against ``validate_table`` and
``SlicedChecks`` against ``run_checks``."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
import test_dq_rules as checks_rows
import test_validate as suite_rows

from nightwire.dq_outcome import ExpectationOutcome, TableValidation, compact_json
from nightwire.dq_rules import SlicedChecks, run_checks
from nightwire.validate import validate_table
from nightwire.validate_slices import SlicedValidation, empty_frame
from schemas.tables import DOCUMENTS, ENTITIES, EVENTS, TABLES, TableSchema

document, entity, event, frame = (
    suite_rows.document,
    suite_rows.entity,
    suite_rows.event,
    suite_rows.frame,
)
SLICES = [1, 2, 3]


def split(rows: list[Any], n: int) -> list[list[Any]]:
    """``rows`` in ``n`` consecutive slices of near-equal size (some may be empty)."""
    size, extra = divmod(len(rows), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(rows[start:end])
        start = end
    return out


def sliced(schema: TableSchema, slices: list[list[dict[str, Any]]]) -> TableValidation:
    validation = SlicedValidation(schema)
    for rows in slices:
        validation.add(frame(schema, rows))
    return validation.result()


def gx_view(v: TableValidation) -> tuple[Any, ...]:
    """What Data Docs renders from the GX result: per expectation its success and result."""
    res = v.gx_result
    per_expectation = sorted(
        (
            r.expectation_config.type,
            compact_json(r.expectation_config.kwargs, max_chars=10_000),
            bool(r.success),
            compact_json(dict(r.result), max_chars=10_000),
        )
        for r in res.results
    )
    return bool(res.success), res.statistics, per_expectation


def assert_same(whole: TableValidation, merged: TableValidation) -> None:
    assert merged.outcomes == whole.outcomes
    assert merged.passed == whole.passed
    assert gx_view(merged) == gx_view(whole)


def observed(o: ExpectationOutcome) -> dict[str, Any]:
    assert o.observed is not None
    parsed: dict[str, Any] = json.loads(o.observed)
    return parsed


def the(v: TableValidation, expectation: str, column: str | None) -> ExpectationOutcome:
    (found,) = [o for o in v.outcomes if (o.expectation, o.column_name) == (expectation, column)]
    return found


# --------------------------------------------------------------------------- GX suites


@pytest.mark.parametrize("n", SLICES)
@pytest.mark.parametrize("name", suite_rows.VALID.keys())
def test_passing_tables_give_the_whole_table_outcomes(name: str, n: int) -> None:
    schema = TABLES[name]
    rows = suite_rows.VALID[name]
    whole = validate_table(schema, frame(schema, rows))

    merged = sliced(schema, split(rows, n))  # 3 slices of 2 rows: one slice is empty

    assert_same(whole, merged)
    assert merged.passed and merged.failures == []
    counts = {(r.result or {}).get("element_count") for r in merged.gx_result.results}
    assert len(rows) in counts  # the counts are the whole table's, not a slice's


@pytest.mark.parametrize("n", SLICES)
def test_null_in_a_non_nullable_column_of_the_second_slice(n: int) -> None:
    rows = [document(doc_id=f"d{i}") for i in range(6)]
    rows[4] = document(doc_id="d4", text=None)
    whole = validate_table(DOCUMENTS, frame(DOCUMENTS, rows))
    slices = split(rows, n)

    merged = sliced(DOCUMENTS, slices)

    assert_same(whole, merged)
    (failed,) = merged.failures
    assert (failed.expectation, failed.column_name) == (
        "expect_column_values_to_not_be_null",
        "text",
    )
    assert observed(failed) == {
        "unexpected_count": 1,
        "unexpected_percent": round(100 / 6, 2),
        "examples": [None],
    }
    assert not merged.passed
    if n > 1:  # the failure is in a later slice: the first passes alone
        assert validate_table(DOCUMENTS, frame(DOCUMENTS, slices[0])).passed


@pytest.mark.parametrize("n", SLICES)
def test_values_outside_their_set_keep_the_first_examples_in_row_order(n: int) -> None:
    types = ["riot", "coup", "flood", "strike", "hail", "fire", "war"]
    ok = event()["event_type"]
    rows = [event(event_id=f"e{i}", event_type=types[i // 2] if i % 2 else ok) for i in range(14)]
    whole = validate_table(EVENTS, frame(EVENTS, rows))

    merged = sliced(EVENTS, split(rows, n))

    assert_same(whole, merged)
    (failed,) = merged.failures
    assert failed.column_name == "event_type"
    assert observed(failed)["unexpected_count"] == 7
    assert observed(failed)["examples"] == types[:5]  # capped, whole-table row order


def _languages(*counts: tuple[int, int]) -> list[list[dict[str, Any]]]:
    """Slices of documents with (English, 'und') counts each."""
    slices, i = [], 0
    for english, und in counts:
        part = []
        for language in ["en"] * english + ["und"] * und:
            part.append(document(doc_id=f"d{i}", language=language))
            i += 1
        slices.append(part)
    return slices


UND = "expect_column_values_to_not_be_in_set"


@pytest.mark.parametrize(
    ("counts", "overall"),
    [
        (((10, 0), (3, 2)), False),  # passes in slice 1, fails in slice 2 and overall (2/15)
        (((20, 0), (1, 1)), True),  # fails in slice 2 (1/2) but passes overall (1/22)
    ],
    ids=["fails-overall", "passes-overall"],
)
def test_mostly_is_recomputed_from_the_summed_counts(
    counts: tuple[tuple[int, int], ...], overall: bool
) -> None:
    slices = _languages(*counts)
    whole = validate_table(DOCUMENTS, frame(DOCUMENTS, [r for s in slices for r in s]))
    per_slice = [
        the(validate_table(DOCUMENTS, frame(DOCUMENTS, s)), UND, "language").success for s in slices
    ]

    merged = sliced(DOCUMENTS, slices)

    assert_same(whole, merged)
    assert per_slice == [True, False]
    und = the(merged, UND, "language")
    assert und.success is overall
    assert und.severity == "warning"
    assert observed(und)["unexpected_count"] == sum(u for _, u in counts)


def test_mostly_counts_nulls_apart_across_slices() -> None:
    # 'und' over the non-null languages: 1 of 9 fails 'mostly' (0.9); over all 12 rows it
    # would pass: the nulls must be set apart in the summed counts.
    slices = [
        [document(doc_id="a", language=None), document(doc_id="b", language="und")],
        [document(doc_id=f"c{i}", language="en") for i in range(8)]
        + [document(doc_id="n1", language=None), document(doc_id="n2", language=None)],
    ]
    whole = validate_table(DOCUMENTS, frame(DOCUMENTS, [r for s in slices for r in s]))

    merged = sliced(DOCUMENTS, slices)

    assert_same(whole, merged)
    und = the(merged, UND, "language")
    assert und.success is False
    assert observed(und)["unexpected_percent"] == round(100 / 9, 2)
    assert the(merged, "expect_column_values_to_not_be_null", "language").success is False


@pytest.mark.parametrize(
    ("ids", "cuts", "examples"),
    [
        (["e1", "e2", "e3", "e3", "e4"], [3], ["e3", "e3"]),  # across two unique slices
        (["a", "b", "c", "c", "a"], [3], ["a", "c", "c", "a"]),  # first occurrences first
        (["b", "a", "b", "c", "a", "c", "d"], [2, 5], ["b", "a", "b", "c", "a"]),  # capped
    ],
)
def test_duplicate_keys_across_slices_fail_like_the_whole_table(
    ids: list[str], cuts: list[int], examples: list[str]
) -> None:
    rows = [event(event_id=e) for e in ids]
    bounds = [0, *cuts, len(rows)]
    slices = [rows[a:b] for a, b in itertools.pairwise(bounds)]
    whole = validate_table(EVENTS, frame(EVENTS, rows))

    merged = sliced(EVENTS, slices)

    assert_same(whole, merged)
    unique = the(merged, "expect_column_values_to_be_unique", "event_id")
    assert not unique.success and not merged.passed
    assert observed(unique)["examples"] == examples
    if ids[:3] == ["e1", "e2", "e3"]:  # each slice is unique on its own
        assert all(validate_table(EVENTS, frame(EVENTS, s)).passed for s in slices)


@pytest.mark.parametrize("n", SLICES)
def test_duplicate_compound_key_across_slices(n: int) -> None:
    rows = [entity(start_char=s, end_char=s + 5) for s in (0, 10, 20, 30, 40)]
    rows.append(entity(start_char=10, end_char=15, canonical="again"))  # duplicates row 2
    rows.append(entity(start_char=10, end_char=15, label="LOC"))  # another label: unique
    whole = validate_table(ENTITIES, frame(ENTITIES, rows))

    merged = sliced(ENTITIES, split(rows, n))

    assert_same(whole, merged)
    compound = the(
        merged, "expect_compound_columns_to_be_unique", "doc_id,start_char,end_char,label"
    )
    assert not compound.success
    key = {"doc_id": "d1", "start_char": 10, "end_char": 15, "label": "GPE"}
    assert observed(compound)["examples"] == [key, key]
    assert observed(compound)["unexpected_count"] == 2


@pytest.mark.parametrize("name", TABLES.keys())
def test_a_night_without_slices_is_an_empty_table(name: str) -> None:
    schema = TABLES[name]
    whole = validate_table(schema, frame(schema, []))

    merged = SlicedValidation(schema).result()

    assert_same(whole, merged)
    assert merged.passed
    assert list(empty_frame(schema).columns) == list(frame(schema, []).columns)


def test_table_level_failure_in_one_slice_fails_the_night() -> None:
    good = frame(ENTITIES, [entity()])
    bad = frame(ENTITIES, [entity(start_char=20, end_char=25)])
    bad["start_char"] = bad["start_char"].astype("float64")  # wrong type in slice 2 only
    validation = SlicedValidation(ENTITIES)
    validation.add(good)
    validation.add(bad)

    merged = validation.result()

    failed = the(merged, "expect_column_values_to_be_in_type_list", "start_char")
    assert not failed.success and not merged.passed
    assert observed(failed)["dtype"] == "float64"  # the failing slice's observation
    assert the(merged, "expect_column_values_to_not_be_null", "start_char").success
    assert observed(the(merged, "expect_column_values_to_not_be_null", "doc_id")) == {
        "unexpected_count": 0
    }
    assert merged.gx_result.statistics["unsuccessful_expectations"] == 1


def test_result_can_be_taken_again_after_more_slices() -> None:
    validation = SlicedValidation(EVENTS)
    validation.add(frame(EVENTS, [event()]))
    assert validation.result().passed
    validation.add(frame(EVENTS, [event(killed=4)]))  # same event_id
    assert not validation.result().passed
    assert not validation.result().passed  # taking the result changes nothing


def test_merged_gx_result_renders_as_data_docs(tmp_path: Any) -> None:
    from datetime import datetime

    from nightwire.dq_docs import build_data_docs

    rows = [event(event_id=e) for e in ("e1", "e2", "e1")]
    merged = sliced(EVENTS, [rows[:2], rows[2:]])
    docs = build_data_docs(
        tmp_path, suite_rows.NIGHT, "run-1", {"events": merged}, datetime(2024, 5, 1, 3)
    )
    text = " ".join(re.sub(r"<[^>]+>", " ", docs.pages["events"].read_text()).split())
    # Each slice is unique on its own: the page shows the whole night's duplicates.
    assert "values must be unique. 2 unexpected values found. ≈66.67% of 3 total rows" in text


# --------------------------------------------------------------------------- checks


def night_slices(
    documents: list[dict[str, Any]],
    events: list[dict[str, Any]],
    entities: list[dict[str, Any]],
    n: int,
) -> tuple[dict[str, pa.Table], list[dict[str, pa.Table]]]:
    """The whole night's tables, and the night in ``n`` slices of documents, each with
    their events and entities (as the flow slices it)."""
    whole = checks_rows.night(documents, events, entities)
    slices = []
    for docs in split(documents, n):
        ids = {d["doc_id"] for d in docs}
        slices.append(
            checks_rows.night(
                docs,
                [e for e in events if e["doc_id"] in ids],
                [e for e in entities if e["doc_id"] in ids],
            )
        )
    return whole, slices


def sliced_checks(slices: list[dict[str, pa.Table]]) -> dict[str, list[ExpectationOutcome]]:
    checks = SlicedChecks()
    for tables in slices:
        checks.add(tables, checks_rows.NIGHT)
    return checks.outcomes()


def four_documents(**over: dict[str, Any]) -> tuple[list[dict[str, Any]], ...]:
    """Documents d1..d4, each with one event and one entity; ``over``: per doc_id changes."""
    docs = [checks_rows.document(doc_id=f"d{i}", **over.get(f"d{i}", {})) for i in range(1, 5)]
    events = [checks_rows.event(event_id=f"e{i}", doc_id=f"d{i}") for i in range(1, 5)]
    entities = [checks_rows.entity(doc_id=f"d{i}") for i in range(1, 5)]
    return docs, events, entities


@pytest.mark.parametrize("n", SLICES)
def test_clean_night_checks_match(n: int) -> None:
    whole, slices = night_slices(*four_documents(), n)

    merged = sliced_checks(slices)

    assert merged == run_checks(whole, checks_rows.NIGHT)
    assert checks_rows.failed(merged) == []
    element_counts = {observed(o).get("element_count") for items in merged.values() for o in items}
    assert 4 in element_counts


@pytest.mark.parametrize("n", SLICES)
def test_event_offsets_beyond_the_text_in_slice_two(n: int) -> None:
    docs, events, entities = four_documents()
    size = len(checks_rows.TEXT)
    events[2] = checks_rows.event(event_id="e3", doc_id="d3", end_char=size + 5)
    whole, slices = night_slices(docs, events, entities, n)

    merged = sliced_checks(slices)

    assert merged == run_checks(whole, checks_rows.NIGHT)
    o = checks_rows.the(merged, "events", "expect_offsets_within_document_text")
    assert not o.success and o.severity == "critical"
    assert observed(o) == {
        "element_count": 4,
        "unexpected_count": 1,
        "unexpected_percent": 25.0,
        "examples": [
            {"event_id": "e3", "start_char": 0, "end_char": size + 5, "text_length": size}
        ],
    }


SHARE = "expect_clean_text_not_mostly_removed"


@pytest.mark.parametrize(
    ("flagged", "overall"),
    [
        (("d2", "d3", "d4"), False),  # slice 1 passes (1 of 2), the night fails (3 of 4)
        (("d3", "d4"), True),  # slice 2 fails (2 of 2), the night passes (2 of 4)
    ],
)
def test_clean_ratio_share_is_recomputed_over_the_night(
    flagged: tuple[str, ...], overall: bool
) -> None:
    over = {d: {"raw_chars": 9000} for d in flagged}  # keeps < 10% of its raw characters
    whole, slices = night_slices(*four_documents(**over), 2)
    per_slice = [
        checks_rows.the(run_checks(s, checks_rows.NIGHT), "documents", SHARE) for s in slices
    ]

    merged = sliced_checks(slices)

    assert merged == run_checks(whole, checks_rows.NIGHT)
    o = checks_rows.the(merged, "documents", SHARE)
    assert o.success is overall
    assert observed(o)["observed_value"] == len(flagged) / 4
    assert [s.success for s in per_slice] == [True, False]
    assert [e["doc_id"] for e in observed(o)["examples"]] == list(flagged)


def test_distinct_and_unchecked_values_merge_sorted() -> None:
    docs, events, entities = four_documents()
    events[0] = checks_rows.event(event_id="e1", doc_id="zz-ghost", country="Mu")
    events[3] = checks_rows.event(event_id="e4", doc_id="aa-ghost", country="Atlantis")
    events.append(checks_rows.event(event_id="e5", doc_id="d4", country="Lemuria"))
    whole = checks_rows.night(docs, events, entities)
    # The ghosts travel with the slices of the documents they were listed beside.
    slices = [
        checks_rows.night(docs[:2], [events[0], events[1]], entities[:2]),
        checks_rows.night(docs[2:], [events[2], events[3], events[4]], entities[2:]),
    ]

    merged = sliced_checks(slices)

    assert merged == run_checks(whole, checks_rows.NIGHT)
    refs = observed(
        checks_rows.the(merged, "events", "expect_column_values_to_reference_documents")
    )
    assert refs == {"element_count": 5, "unexpected_count": 2, "examples": ["aa-ghost", "zz-ghost"]}
    within = observed(checks_rows.the(merged, "events", "expect_coordinates_within_country"))
    assert within["unchecked_countries"] == ["Atlantis", "Lemuria", "Mu"]


def test_missing_column_is_an_error_in_the_merged_outcome() -> None:
    whole, slices = night_slices(*four_documents(), 2)
    whole["events"] = whole["events"].drop_columns(["latitude"])
    for tables in slices:
        tables["events"] = tables["events"].drop_columns(["latitude"])

    merged = sliced_checks(slices)

    assert merged == run_checks(whole, checks_rows.NIGHT)
    assert observed(checks_rows.the(merged, "events", "expect_coordinates_paired")) == {
        "error": "missing column(s): ['events.latitude']"
    }


def test_parent_checks_are_not_run_per_slice() -> None:
    _, slices = night_slices(*four_documents(), 2)
    merged = sliced_checks(slices)
    names = {o.expectation for items in merged.values() for o in items}
    assert "expect_parent_table_published" not in names
    assert "expect_offsets_within_document_text" in names


def test_checks_of_a_night_without_slices_are_those_of_empty_tables() -> None:
    empty = {
        name: checks_rows.table(schema, [])
        for name, schema in [("documents", DOCUMENTS), ("events", EVENTS), ("entities", ENTITIES)]
    }
    merged = SlicedChecks().outcomes()

    assert merged == run_checks(empty, checks_rows.NIGHT)
    assert set(merged) == {"documents", "events", "entities"}
    assert checks_rows.failed(merged) == []


def test_frames_of_slices_need_no_fresh_index() -> None:
    rows = [event(event_id=f"e{i}") for i in range(4)] + [event(event_id="e0")]
    df = frame(EVENTS, rows)
    validation = SlicedValidation(EVENTS)
    validation.add(df.iloc[:2])
    validation.add(df.iloc[2:])  # index 2..4, as a slice of a bigger frame keeps it
    assert validation.result().outcomes == validate_table(EVENTS, df).outcomes
    assert isinstance(df.index, pd.RangeIndex)


def test_entities_disjoint_by_document_keep_only_the_current_slice_keys() -> None:
    # Each document's entities in one slice (as the flow slices a night): same outcomes as
    # the whole table, with a duplicate inside a slice still found.
    rows = [entity(doc_id=f"d{d}", start_char=s, end_char=s + 5) for d in range(4) for s in (0, 10)]
    rows.append(entity(doc_id="d3", start_char=10, end_char=15, canonical="again"))
    whole = validate_table(ENTITIES, frame(ENTITIES, rows))
    validation = SlicedValidation(ENTITIES, disjoint_on="doc_id")
    for part in (rows[:4], rows[4:]):
        validation.add(frame(ENTITIES, part))

    merged = validation.result()

    assert_same(whole, merged)
    keys = validation._keys.values()
    assert all(len(k.first) <= 5 for k in keys)  # the last slice's keys only
    compound = the(
        merged, "expect_compound_columns_to_be_unique", "doc_id,start_char,end_char,label"
    )
    assert observed(compound)["unexpected_count"] == 2


def test_a_document_spanning_slices_is_a_duplicate_when_disjoint() -> None:
    # The premise broken (d1 in both slices): its later rows are counted, never missed.
    validation = SlicedValidation(ENTITIES, disjoint_on="doc_id")
    validation.add(frame(ENTITIES, [entity(doc_id="d1", start_char=0, end_char=5)]))
    validation.add(frame(ENTITIES, [entity(doc_id="d1", start_char=0, end_char=5)]))

    compound = the(
        validation.result(),
        "expect_compound_columns_to_be_unique",
        "doc_id,start_char,end_char,label",
    )

    assert not compound.success
    assert observed(compound)["unexpected_count"] == 2
