"""The analyst queries, and timing them through the DuckDB catalogue.

Split from ``bench.analyst_queries`` (the command that generates a warehouse and prints
the timings). Each query is what an analyst asks of the events and documents views; each
is timed on a fresh read-only connection (first run: no DuckDB caches) and warm (best of
``repeats``), and should answer in under a second.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
SECOND_MS = 1000.0

# What the analyst asks about: the most reported country; Aleppo (15 towns within 50 km).
QUERY_COUNTRY = "Nigeria"
QUERY_POINT = (36.20124, 37.16117)
RADIUS_KM = 50.0


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
