"""The analyst-query bench on a small warehouse: the queries answer what the rows say.

Expected answers are computed in Python from the rows handed to the publisher, not with
DuckDB; timings are the bench's business (``bench.analyst_queries``), not asserted here.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bench.analyst_sql import (
    EARTH_RADIUS_KM,
    QUERY_COUNTRY,
    QUERY_POINT,
    RADIUS_KM,
    AnalystQuery,
    analyst_queries,
    bounding_box,
    fetch,
    time_queries,
    timing_table,
)
from bench.analyst_warehouse import Generated, generate_warehouse
from bench.synthetic_columns import build_table
from nightwire.publish import PART_FILE, Warehouse, partition_dir
from schemas.base import Column, TableSchema
from schemas.tables import TABLES

EVENTS = 20_000
NIGHTS = 5
Row = dict[str, Any]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    root = tmp_path_factory.mktemp("warehouse")
    return generate_warehouse(root, events=EVENTS, nights=NIGHTS, seed=11, collect=True)


@pytest.fixture(scope="module")
def events(generated: Generated) -> list[Row]:
    return pa.concat_tables(generated.tables["events"]).to_pylist()


@pytest.fixture(scope="module")
def documents(generated: Generated) -> dict[str, Row]:
    rows = pa.concat_tables(generated.tables["documents"]).to_pylist()
    return {r["doc_id"]: r for r in rows}


@pytest.fixture(scope="module")
def queries(generated: Generated) -> dict[str, AnalystQuery]:
    return {q.key: q for q in analyst_queries(week=generated.nights[2])}


def total(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def test_the_warehouse_is_what_the_pipeline_publishes(
    generated: Generated, events: list[Row], documents: dict[str, Row]
) -> None:
    warehouse = Warehouse(generated.root)
    for table in ("events", "documents"):
        assert warehouse.published_nights(table) == generated.nights
        for night in generated.nights:
            assert (partition_dir(generated.root, table, night) / PART_FILE).exists()
    assert len(events) == EVENTS and generated.events == EVENTS
    assert len(documents) == generated.documents == pytest.approx(EVENTS / 5, rel=0.01)
    assert generated.catalogue.exists() and generated.bytes > 0
    count, nights = fetch(
        generated.catalogue, "SELECT count(*), count(DISTINCT ingest_date) FROM events"
    )[0]
    assert (count, nights) == (EVENTS, NIGHTS)
    assert {r["doc_id"] for r in events} <= set(documents)


def test_every_declared_column_gets_values_its_declaration_accepts(
    generated: Generated,
) -> None:
    for name in ("events", "documents"):
        schema = TABLES[name]
        table = pa.concat_tables(generated.tables[name])
        for col in schema.stored_columns:
            values = table.column(col.name)
            present = [v for v in values.to_pylist() if v is not None]
            assert present, f"{name}.{col.name} is all null"
            if not col.nullable:
                assert values.null_count == 0, f"{name}.{col.name} has nulls"
            if col.allowed:
                assert set(present) <= set(col.allowed), f"{name}.{col.name}"
            if col.min is not None and col.type in ("int32", "int64", "float64"):
                assert min(present) >= col.min, f"{name}.{col.name}"
            if col.max is not None and col.type in ("int32", "int64", "float64"):
                assert max(present) <= col.max, f"{name}.{col.name}"


def test_columns_added_to_a_schema_are_filled_by_type() -> None:
    schema = TableSchema(
        name="future",
        description="a table with a column of every kind the schemas declare",
        columns=(
            Column("known", "string", nullable=False),
            Column("kind", "string", nullable=False, allowed=("a", "b", "c")),
            Column("note", "string"),
            Column("score", "float64", min=0, max=1),
            Column("hits", "int32", nullable=False, min=1, max=5),
            Column("span_start", "int64", min=0),
            Column("span_end", "int64", min=1),
            Column("flag", "bool"),
            Column("seen", "date"),
            Column("at", "timestamp", nullable=False),
        ),
    )
    rng = np.random.default_rng(0)
    night = date(2016, 3, 1)
    table = build_table(schema, {"known": pa.array(["k"] * 500)}, 500, rng, night)
    assert table.schema == schema.arrow_schema()
    rows = table.to_pylist()
    assert {r["known"] for r in rows} == {"k"}
    assert {r["kind"] for r in rows} <= {"a", "b", "c"}
    assert all(1 <= r["hits"] <= 5 for r in rows)
    assert all(0 <= r["score"] <= 1 for r in rows if r["score"] is not None)
    spans = [(r["span_start"], r["span_end"]) for r in rows]
    assert all((s is None) == (e is None) for s, e in spans)
    assert all(e > s for s, e in spans if s is not None)
    assert all(night - timedelta(days=7) <= r["seen"] <= night for r in rows if r["seen"])
    assert all(r["at"].date() == night for r in rows)
    assert 0 < table.column("note").null_count < 500


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a = generate_warehouse(tmp_path / "a", events=300, nights=2, seed=3, collect=True)
    b = generate_warehouse(tmp_path / "b", events=300, nights=2, seed=3, collect=True)
    for name in ("events", "documents"):
        assert pa.concat_tables(a.tables[name]).equals(pa.concat_tables(b.tables[name]))
    part = partition_dir(a.root, "events", a.nights[0]) / PART_FILE
    assert pq.read_table(part).equals(pq.read_table(b.root / part.relative_to(a.root)))


def test_counts_by_location_and_week(
    generated: Generated, events: list[Row], queries: dict[str, AnalystQuery]
) -> None:
    groups: dict[tuple[str, str, date], list[int | None]] = defaultdict(list)
    for r in events:
        if r["location"] is not None and r["event_date"] is not None:
            monday = r["event_date"] - timedelta(days=r["event_date"].weekday())
            groups[(r["country"], r["location"], monday)].append(r["killed"])
    expected = sorted((*k, len(v), total(v)) for k, v in groups.items())
    got = fetch(generated.catalogue, queries["a"].sql)
    assert got == expected
    assert len({r[1] for r in got}) > 300  # many towns, several weeks each


def test_top_actors_for_a_country(
    generated: Generated, events: list[Row], queries: dict[str, AnalystQuery]
) -> None:
    per_actor: dict[str, list[int | None]] = defaultdict(list)
    for r in events:
        if r["country"] == QUERY_COUNTRY and r["actor"] is not None:
            per_actor[r["actor"]].append(r["killed"])
    ranked = sorted(per_actor.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]
    expected = [(actor, len(v), total(v)) for actor, v in ranked]
    got = fetch(generated.catalogue, queries["b"].sql)
    assert got == expected
    assert got[0][0].startswith(QUERY_COUNTRY)  # home actors lead


def test_events_within_50_km_of_a_point(
    generated: Generated, events: list[Row], queries: dict[str, AnalystQuery]
) -> None:
    lat, lon = QUERY_POINT
    lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(lat, lon, RADIUS_KM)
    expected, in_box = {}, 0
    for r in events:  # every event, no bounding box: the query's prefilter must lose none
        if r["latitude"] is not None:
            km = km_between(lat, lon, r["latitude"], r["longitude"])
            if km <= RADIUS_KM:
                expected[r["event_id"]] = km
            in_box += lat_lo <= r["latitude"] <= lat_hi and lon_lo <= r["longitude"] <= lon_hi
    assert in_box > len(expected)  # the box alone would answer wrongly: the distance matters
    got = fetch(generated.catalogue, queries["c"].sql)
    assert {row[0] for row in got} == set(expected)
    assert all(row[4] == pytest.approx(expected[row[0]], abs=1e-6) for row in got)
    assert len({row[2] for row in got}) > 1  # the town and its neighbours
    assert [row[4] for row in got] == sorted(row[4] for row in got)


def test_bounding_box_holds_the_whole_circle() -> None:
    for lat, lon in (QUERY_POINT, (60.0, 30.0), (-33.9, 151.2), (0.0, 179.9)):
        lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(lat, lon, RADIUS_KM)
        for bearing in range(0, 360, 5):
            b = math.radians(bearing)
            d = RADIUS_KM / EARTH_RADIUS_KM * 0.999
            p1 = math.radians(lat)
            p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
            dl = math.atan2(
                math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
            )
            assert lat_lo <= math.degrees(p2) <= lat_hi
            assert lon_lo <= lon + math.degrees(dl) <= lon_hi


def test_events_of_a_week_joined_to_their_articles(
    generated: Generated,
    events: list[Row],
    documents: dict[str, Row],
    queries: dict[str, AnalystQuery],
) -> None:
    night = generated.nights[2]
    monday = night - timedelta(days=night.weekday())
    expected = sorted(
        (
            r["event_id"],
            r["event_date"],
            r["location"],
            documents[r["doc_id"]]["title"],
            documents[r["doc_id"]]["publisher"],
            documents[r["doc_id"]]["published_date"],
        )
        for r in events
        if r["event_date"] is not None and monday <= r["event_date"] <= monday + timedelta(6)
    )
    got = fetch(generated.catalogue, queries["d1"].sql)
    assert got == expected and got


def test_events_per_publisher(
    generated: Generated,
    events: list[Row],
    documents: dict[str, Row],
    queries: dict[str, AnalystQuery],
) -> None:
    per_publisher: dict[str, list[int | None]] = defaultdict(list)
    for r in events:
        per_publisher[documents[r["doc_id"]]["publisher"]].append(r["killed"])
    counts = Counter({p: len(v) for p, v in per_publisher.items()})
    expected = sorted(
        ((p, n, total(per_publisher[p])) for p, n in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )
    assert fetch(generated.catalogue, queries["d2"].sql) == expected


def test_timings_report_every_query(generated: Generated, queries: dict[str, AnalystQuery]) -> None:
    timings = time_queries(generated.catalogue, list(queries.values()), repeats=1)
    assert [t.query.key for t in timings] == list(queries)
    assert timings[1].rows == 10
    assert all(t.first_ms > 0 and t.warm_ms > 0 for t in timings)
    text = timing_table(timings)
    assert "(d2)" in text and "under 1 s" in text
