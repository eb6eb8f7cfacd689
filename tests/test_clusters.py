"""Merging event reports into real-world events: rules on hand-made events, then the seeds."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nightwire.clusters import assign_clusters, latest_clusters
from nightwire.events import extract_events
from nightwire.ingest import ingest
from nightwire.models import Event, EventCluster
from nightwire.nlp import load_nlp
from nightwire.prepare import clean_documents
from nightwire.tables import to_arrow
from schemas.events import EVENT_CLUSTERS

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
NIGHT1, NIGHT2 = date(2016, 10, 25), date(2016, 10, 26)
# Coordinates and GeoNames ids of the real places.
KIRKUK = {
    "location": "Kirkuk",
    "geonameid": 94787,
    "latitude": 35.468,
    "longitude": 44.392,
    "admin1": "Kirkūk",
    "country": "Iraq",
    "country_code": "IQ",
    "geo_precision": "town",
}
DIBIS = {
    "location": "Dibis",
    "geonameid": 97001,
    "latitude": 35.675,
    "longitude": 44.071,
    "admin1": "Kirkūk",
    "country": "Iraq",
    "country_code": "IQ",
    "geo_precision": "town",
}
RUTBA = {
    "location": "Rutba",
    "geonameid": 98677,
    "latitude": 33.037,
    "longitude": 40.286,
    "admin1": "Al Anbār",
    "country": "Iraq",
    "country_code": "IQ",
    "geo_precision": "town",
}
ANBAR = {
    "location": "Anbar",
    "geonameid": 99592,
    "latitude": 33.421,
    "longitude": 43.308,
    "admin1": "Al Anbār",
    "country": "Iraq",
    "country_code": "IQ",
    "geo_precision": "admin1",
}
IRAQ = {
    "location": "Iraq",
    "geonameid": 99237,
    "latitude": 33.34,
    "longitude": 44.40,
    "admin1": None,
    "country": "Iraq",
    "country_code": "IQ",
    "geo_precision": "country",
}


def event(n: int, doc: str, place: dict[str, Any], day: date | None, **fields: Any) -> Event:
    base: dict[str, Any] = {
        "event_id": f"e{n:015d}", "doc_id": doc, "event_type": "battles",
        "sub_event_type": "attack_on_location", "trigger": "attack", "trigger_start": 0,
        "trigger_end": 6, "actor": "Islamic State", "actor_start": None, "actor_end": None,
        "target": None, "target_start": None, "target_end": None, "location_start": None,
        "location_end": None, "event_date": day, "date_precision": "day" if day else None,
        "date_phrase": None, "date_start": None, "date_end": None,
        "date_reason": "explicit" if day else "no_publication_date", "killed": None,
        "killed_min": None, "killed_max": None, "killed_qualifier": None,
        "killed_start": None, "killed_end": None, "wounded": None, "wounded_min": None,
        "wounded_max": None, "wounded_qualifier": None, "wounded_start": None,
        "wounded_end": None, "attackers_killed": None, "sentence": "s", "start_char": n,
        "end_char": n + 1, "confidence": 0.5,
    }  # fmt: skip
    base.update(place)
    base.update(fields)
    return Event(**base)


FRIDAY, SUNDAY = date(2016, 10, 21), date(2016, 10, 23)


def test_reports_of_one_attack_merge_and_tolls_span_the_reports() -> None:
    events = [
        event(1, "a", KIRKUK, FRIDAY, killed=19, killed_min=19),
        event(2, "b", KIRKUK, date(2016, 10, 22), killed=101, killed_min=101),
        event(3, "c", KIRKUK, FRIDAY, killed=46, killed_min=46, killed_max=None),
    ]
    out, clusters = assign_clusters(events, [], night=NIGHT1)
    assert len(clusters) == 1
    c = clusters[0]
    assert {e.cluster_id for e in out} == {c.cluster_id} == {"e000000000000001"}
    assert (c.n_events, c.n_docs, c.killed_min, c.killed_max) == (3, 3, 19, 101)
    assert (c.location, c.event_date, c.date_precision, c.first_reported) == (
        "Kirkuk",
        FRIDAY,
        "day",
        NIGHT1,
    )


def test_known_dates_more_than_a_day_apart_stay_apart() -> None:
    _, clusters = assign_clusters(
        [event(1, "a", KIRKUK, FRIDAY), event(2, "b", KIRKUK, SUNDAY)], [], night=NIGHT1
    )
    assert len(clusters) == 2


def test_nearby_towns_are_different_places_unless_close() -> None:
    # Kirkuk and Dibis are 40 km apart: two attacks the same day, two events.
    _, clusters = assign_clusters(
        [event(1, "a", KIRKUK, FRIDAY), event(2, "a", DIBIS, FRIDAY)], [], night=NIGHT1
    )
    assert len(clusters) == 2


def test_province_report_joins_the_town_in_it() -> None:
    events = [event(1, "a", RUTBA, SUNDAY), event(2, "b", ANBAR, None)]
    out, clusters = assign_clusters(events, [], night=NIGHT1)
    assert len(clusters) == 1 and clusters[0].location == "Rutba"  # the most precise place
    assert out[0].cluster_id == out[1].cluster_id == clusters[0].cluster_id
    assert clusters[0].geo_precision == "town"


def test_country_level_reports_are_never_merged() -> None:
    _, clusters = assign_clusters(
        [event(1, "a", IRAQ, FRIDAY), event(2, "b", IRAQ, FRIDAY)], [], night=NIGHT1
    )
    assert len(clusters) == 2


def test_actors_must_be_compatible_but_sides_of_a_battle_are() -> None:
    other = event(2, "b", KIRKUK, FRIDAY, actor="Peshmerga")
    _, clusters = assign_clusters([event(1, "a", KIRKUK, FRIDAY), other], [], night=NIGHT1)
    assert len(clusters) == 2
    reply = event(
        3, "b", KIRKUK, FRIDAY, actor="Iraqi Security Forces", target="Islamic State",
        sub_event_type="armed_clash",
    )  # fmt: skip
    _, clusters = assign_clusters([event(1, "a", KIRKUK, FRIDAY), reply], [], night=NIGHT1)
    assert len(clusters) == 1


def test_stand_off_strikes_are_another_family() -> None:
    strike = event(2, "b", KIRKUK, FRIDAY, event_type="explosions_remote_violence",
                   sub_event_type="air_drone_strike")  # fmt: skip
    _, clusters = assign_clusters([event(1, "a", KIRKUK, FRIDAY), strike], [], night=NIGHT1)
    assert len(clusters) == 2
    suicide = replace(strike, sub_event_type="suicide_bomb")
    _, clusters = assign_clusters([event(1, "a", KIRKUK, FRIDAY), suicide], [], night=NIGHT1)
    assert len(clusters) == 1


def test_a_later_report_joins_the_published_cluster_and_keeps_its_id() -> None:
    first, published = assign_clusters([event(1, "a", KIRKUK, FRIDAY, killed=19)], [], night=NIGHT1)
    later = event(7, "z", KIRKUK, date(2016, 10, 22), killed=46, killed_min=46)
    out, touched = assign_clusters([later], published, night=NIGHT2)
    assert out[0].cluster_id == first[0].cluster_id == touched[0].cluster_id
    c = touched[0]
    assert (c.n_events, c.n_docs, c.killed_min, c.killed_max) == (2, 2, 19, 46)
    assert (c.first_reported, c.last_reported) == (NIGHT1, NIGHT2)


def test_undated_report_joins_only_clusters_of_the_same_night() -> None:
    _, published = assign_clusters([event(1, "a", KIRKUK, FRIDAY)], [], night=NIGHT1)
    undated = event(2, "b", KIRKUK, None)
    out, touched = assign_clusters([undated], published, night=NIGHT2)
    assert out[0].cluster_id != published[0].cluster_id  # across nights: its own cluster
    assert [c.cluster_id for c in touched] == [out[0].cluster_id]  # the prior one untouched
    same_night, clusters = assign_clusters(
        [event(1, "a", KIRKUK, FRIDAY), undated], [], night=NIGHT1
    )
    assert len(clusters) == 1 and len({e.cluster_id for e in same_night}) == 1


def test_reruns_give_the_same_ids_whatever_the_input_order() -> None:
    events = [event(i, d, p, day) for i, (d, p, day) in enumerate(
        [("a", KIRKUK, FRIDAY), ("b", RUTBA, SUNDAY), ("c", KIRKUK, None), ("d", ANBAR, None)]
    )]  # fmt: skip
    one, c1 = assign_clusters(events, [], night=NIGHT1)
    two, c2 = assign_clusters(list(reversed(events)), [], night=NIGHT1)
    assert {e.event_id: e.cluster_id for e in one} == {e.event_id: e.cluster_id for e in two}
    assert sorted(c1, key=lambda c: c.cluster_id) == sorted(c2, key=lambda c: c.cluster_id)


def test_latest_clusters_reads_published_rows_and_the_table_shape() -> None:
    _, night1 = assign_clusters([event(1, "a", KIRKUK, FRIDAY)], [], night=NIGHT1)
    _, night2 = assign_clusters([event(2, "b", KIRKUK, FRIDAY)], night1, night=NIGHT2)
    rows = [asdict(c) for c in night1 + night2]
    (current,) = latest_clusters(rows)
    assert current == night2[0] and current.n_docs == 2
    table = to_arrow(EVENT_CLUSTERS, night2)
    assert table.num_rows == 1 and table.column("n_docs").to_pylist() == [2]
    assert set(EVENT_CLUSTERS.column_names) - {"ingest_date"} == {
        f for f in EventCluster.__dataclass_fields__
    }


# -- the seeds -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_clusters() -> tuple[list[Event], list[EventCluster], dict[str, str]]:
    nlp = load_nlp()
    raw = ingest(SAMPLE_DIR, max_bytes=10_000_000)
    docs = clean_documents(raw.documents, min_clean_chars=200).documents
    events = [e for d in docs for e in extract_events(nlp(d.text), d.doc_id, d.published_date)]
    out, clusters = assign_clusters(events, [], night=NIGHT1)
    return out, clusters, {d.doc_id: d.source_file[:3] for d in docs}


def test_seeds_give_one_kirkuk_and_one_rutba_cluster(
    seed_clusters: tuple[list[Event], list[EventCluster], dict[str, str]],
) -> None:
    events, clusters, seed_of = seed_clusters
    by_place = {
        c.location: c for c in clusters if c.n_docs > 1 and c.location in ("Kirkuk", "Rutba")
    }
    kirkuk, rutba = by_place["Kirkuk"], by_place["Rutba"]
    assert sorted(seed_of[d] for d in kirkuk.doc_ids.split(",")) == ["000", "001", "002", "003"]
    assert sorted(seed_of[d] for d in rutba.doc_ids.split(",")) == ["000", "001", "003"]
    assert (kirkuk.event_date, rutba.event_date) == (FRIDAY, SUNDAY)
    assert kirkuk.actor == rutba.actor == "Islamic State"
    assert (kirkuk.killed_min, kirkuk.killed_max) == (19, 101)  # 19, 46, 101 reported
    # No other cluster holds a Kirkuk or Rutba report: one real event each.
    others = [c for c in clusters if c not in (kirkuk, rutba)]
    assert not [c for c in others if c.location in ("Kirkuk", "Rutba")]
    assert {e.cluster_id for e in events} == {c.cluster_id for c in clusters}
