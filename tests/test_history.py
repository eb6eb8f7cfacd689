"""Night-over-night checks against real published partitions (written by ``Warehouse``)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
from schema_rows import complete

from nightwire.dq_outcome import ExpectationOutcome
from nightwire.history import NightInputs, history_outcomes
from nightwire.publish import Warehouse
from schemas.tables import TABLES

D0 = date(2016, 10, 20)


def tables(
    documents: int, *, quarantined: int = 0, entity_docs: int | None = None, events: int = 0
) -> dict[str, pa.Table]:
    """A night: ``documents`` English documents, entities for the first ``entity_docs``."""
    docs = [
        {
            "doc_id": f"d{i}",
            "source_file": f"{i}.txt",
            "source_sha256": f"{i:064d}",
            "language": "en",
            "text": "x" * 300,
            "raw_chars": 400,
            "clean_chars": 300,
            "encoding": "utf-8",
            "boilerplate_lines": 1,
            "run_id": "r",
        }
        for i in range(documents)
    ]
    ents = [
        {
            "doc_id": f"d{i}",
            "text": "x",
            "label": "GPE",
            "canonical": "x",
            "start_char": j,
            "end_char": j + 1,
        }
        for i in range(documents if entity_docs is None else entity_docs)
        for j in range(3)
    ]
    evs = [
        {
            "event_id": f"e{i}",
            "doc_id": "d0",
            "event_type": "attack",
            "trigger": "attack",
            "sentence": "x",
            "start_char": 0,
            "end_char": 1,
            "confidence": 0.5,
        }
        for i in range(events)
    ]
    bad = [
        {"source_file": f"bad{i}.bin", "stage": "ingest", "reason": "binary file", "run_id": "r"}
        for i in range(quarantined)
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": docs,
        "entities": ents,
        "events": evs,
        "quarantine": bad,
    }
    return {
        t: pa.Table.from_pylist(
            [complete(TABLES[t], row) for row in r], schema=TABLES[t].arrow_schema()
        )
        for t, r in rows.items()
    }


def publish(root: Path, night: date, night_tables: dict[str, pa.Table]) -> None:
    warehouse = Warehouse(root)
    for name, table in night_tables.items():
        warehouse.stage("run", TABLES[name], night, table)
    warehouse.commit("run", night, list(night_tables))


def history(root: Path, *nights: dict[str, pa.Table], start: date = D0) -> date:
    """Publish consecutive nights from ``start``; returns the night after the last."""
    for i, night_tables in enumerate(nights):
        publish(root, start + timedelta(days=i), night_tables)
    return start + timedelta(days=len(nights))


def outcome(
    root: Path,
    night: date,
    tonight: dict[str, pa.Table],
    table: str,
    name: str,
    inputs: NightInputs | None = None,
) -> tuple[ExpectationOutcome, dict[str, Any], dict[str, Any]]:
    (found,) = [
        o for o in history_outcomes(root, night, tonight, inputs)[table] if o.expectation == name
    ]
    assert found.source == "history" and found.severity == "warning"
    return found, json.loads(found.observed or "{}"), json.loads(found.expected or "{}")


ROWS = "expect_row_count_near_trailing_median"


def test_first_nights_never_alert_on_row_counts(tmp_path: Path) -> None:
    night = history(tmp_path, tables(10), tables(10))  # two nights: not enough

    o, observed, _ = outcome(tmp_path, night, tables(0), "documents", ROWS)

    assert o.success
    assert observed == {"observed_value": 0, "history_nights": 2, "note": "not enough history yet"}


def test_row_count_drop_and_spike_against_the_trailing_median(tmp_path: Path) -> None:
    night = history(tmp_path, tables(10), tables(8), tables(12), tables(10))  # median 10

    for rows, ok in [(2, False), (3, True), (40, True), (41, False)]:
        o, observed, expected = outcome(tmp_path, night, tables(rows), "documents", ROWS)
        assert o.success is ok, rows
        assert observed["trailing_median"] == 10
        assert observed["history_nights"] == 4
        assert expected["min_value"] == 2.5 and expected["max_value"] == 40


def test_the_window_is_the_last_seven_published_nights(tmp_path: Path) -> None:
    # Three huge old nights, then seven of 10 documents: the old ones fall out of the window.
    night = history(tmp_path, *[tables(1000)] * 3, *[tables(10)] * 7)

    o, observed, _ = outcome(tmp_path, night, tables(10), "documents", ROWS)

    assert o.success
    assert observed["trailing_median"] == 10
    assert observed["history_nights"] == 7
    assert observed["since"] == str(D0 + timedelta(days=3))


def test_blocked_partitions_are_not_history(tmp_path: Path) -> None:
    night = history(tmp_path, tables(10, events=10), tables(10, events=10))
    only_some = tables(10, events=10)
    del only_some["events"]  # events blocked that night: never published
    publish(tmp_path, night, only_some)

    o, observed, _ = outcome(
        tmp_path, night + timedelta(days=1), tables(10, events=0), "events", ROWS
    )
    assert o.success and observed["history_nights"] == 2


def test_quarantine_share_has_an_absolute_ceiling_and_a_relative_one(tmp_path: Path) -> None:
    name = "expect_quarantine_share_below"
    # No history: only the absolute ceiling (half the inputs).
    o, observed, expected = outcome(tmp_path, D0, tables(4, quarantined=6), "quarantine", name)
    assert not o.success
    assert observed["observed_value"] == 0.6 and expected["max_value"] == 0.5
    assert observed["examples"] == ["binary file"]
    assert outcome(tmp_path, D0, tables(5, quarantined=5), "quarantine", name)[0].success

    # Three clean nights: the ceiling drops to median (0) + 0.25.
    night = history(tmp_path, tables(10), tables(10), tables(10))
    o, observed, expected = outcome(tmp_path, night, tables(7, quarantined=3), "quarantine", name)
    assert not o.success
    assert observed["trailing_median"] == 0 and expected["max_value"] == 0.25
    # Nothing came in at all: nothing to measure (freshness says so).
    assert outcome(tmp_path, night, tables(0), "quarantine", name)[0].success


def test_zero_entity_share(tmp_path: Path) -> None:
    name = "expect_zero_entity_share_below"
    night = history(tmp_path, *[tables(10, entity_docs=9)] * 3)  # median share 0.1

    o, observed, expected = outcome(tmp_path, night, tables(10, entity_docs=6), "entities", name)
    assert not o.success  # 0.4 > 0.1 + 0.25
    assert observed["observed_value"] == 0.4 and observed["trailing_median"] == 0.1
    assert expected["max_value"] == 0.35
    assert outcome(tmp_path, night, tables(10, entity_docs=7), "entities", name)[0].success


def test_no_new_documents_on_a_night_is_a_freshness_warning(tmp_path: Path) -> None:
    night = history(tmp_path, tables(10), tables(0))

    o, observed, expected = outcome(
        tmp_path,
        night,
        tables(0),
        "documents",
        "expect_new_documents",
        NightInputs(files_seen=5, skipped_published=5),
    )

    assert not o.success
    assert observed["files_seen"] == 5 and observed["already_published"] == 5
    assert observed["last_night_with_documents"] == str(D0)  # the empty night does not count
    assert expected == {"min_value": 1}
    assert outcome(tmp_path, night, tables(1), "documents", "expect_new_documents")[0].success


def test_missed_nights(tmp_path: Path) -> None:
    name = "expect_no_missed_nights"
    night = history(tmp_path, tables(10), tables(10))  # D0, D0+1

    assert outcome(tmp_path, night, tables(10), "documents", name)[0].success
    o, observed, _ = outcome(tmp_path, night + timedelta(days=3), tables(10), "documents", name)
    assert not o.success
    assert observed["observed_value"] == 4
    assert observed["missed_nights"] == 3
    assert observed["examples"] == [str(night + timedelta(days=d)) for d in range(3)]
    # A backfill of an older night, or a first night ever, says nothing.
    assert outcome(tmp_path, D0 - timedelta(days=9), tables(10), "documents", name)[0].success
    assert outcome(tmp_path / "empty", D0, tables(10), "documents", name)[0].success
