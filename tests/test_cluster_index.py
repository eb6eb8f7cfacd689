"""The place index only skips clusters that could not score: clustering with it gives the
same clusters as scoring every cluster, and no point within reach is ever missed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from test_clusters import event  # a sibling, as conftest's helpers are

from nightwire.cluster_index import PlaceIndex
from nightwire.clusters import DISTRICT_KM, assign_clusters, haversine_km
from nightwire.models import Event

NIGHT = date(2016, 10, 25)


# Towns a few km to a few hundred km apart, one province, and borrowed coordinates.
PLACES: list[dict[str, Any]] = [
    {"location": name, "geonameid": gid, "latitude": lat, "longitude": lon,
     "admin1": admin1, "country": country, "country_code": "XX", "geo_precision": precision}
    for name, gid, lat, lon, admin1, country, precision in [
        ("Kirkuk", 1, 35.468, 44.392, "Kirkuk", "Iraq", "town"),
        ("Dibis", 2, 35.675, 44.071, "Kirkuk", "Iraq", "town"),
        ("Taza", 3, 35.30, 44.33, "Kirkuk", "Iraq", "town"),
        ("Hawija", 4, 35.32, 43.77, "Kirkuk", "Iraq", "district"),
        ("Kirkuk province", 5, 35.40, 44.30, "Kirkuk", "Iraq", "admin1"),
        ("Tel Skof", None, 35.468, 44.392, "Kirkuk", "Iraq", "town"),
        ("Rutba", 6, 33.037, 40.286, "Anbar", "Iraq", "town"),
        ("Anbar", 7, 33.421, 43.308, "Anbar", "Iraq", "admin1"),
        ("Qaim", 8, 34.37, 41.09, "Anbar", "Iraq", "district"),
        ("Iraq", 9, 33.34, 44.40, None, "Iraq", "country"),
        ("Nowhere", None, None, None, None, None, None),
        ("Border town", 10, 35.50, 44.50, "Sulaymaniyah", "Iraq", "town"),
    ]
]  # fmt: skip
ACTORS = [None, "Islamic State", "Peshmerga", "Iraqi security forces"]
SUBTYPES = ["attack_on_location", "armed_clash", "suicide_bomb", "air_drone_strike", "shelling"]


def random_events(rng: random.Random, n: int, start: int) -> list[Event]:
    out = []
    for i in range(start, start + n):
        day = None if rng.random() < 0.15 else NIGHT - timedelta(days=rng.randrange(6))
        out.append(
            event(
                i, f"d{rng.randrange(n // 3 + 1)}", rng.choice(PLACES), day,
                sub_event_type=rng.choice(SUBTYPES), actor=rng.choice(ACTORS),
                target=rng.choice(ACTORS),
                date_precision=rng.choice(["day", "day", "week", "month"]) if day else None,
            )
        )  # fmt: skip
    return out


@pytest.mark.parametrize("seed", range(8))
def test_indexed_clustering_equals_scoring_every_cluster(seed: int) -> None:
    rng = random.Random(seed)
    first = random_events(rng, 150, 0)
    _, prior = assign_clusters(first, [], night=NIGHT)
    tonight = random_events(rng, 250, 1000)
    indexed = assign_clusters(tonight, prior, night=NIGHT)
    assert indexed == assign_clusters(tonight, prior, night=NIGHT, index_places=False)
    # The test means something: events join prior clusters and each other.
    joined = {e.cluster_id for e in indexed[0]}
    assert len(joined) < len(tonight)
    assert joined & {c.cluster_id for c in prior}


@dataclass(frozen=True)
class _At:
    name: str
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    country: str | None
    placed: bool = True


@pytest.mark.parametrize("centre_lat", [0.0, 35.0, 64.0, 78.0, 89.7, -60.0])
@pytest.mark.parametrize("centre_lon", [0.0, 179.9, -179.9])
def test_every_point_within_reach_is_a_candidate(centre_lat: float, centre_lon: float) -> None:
    rng = random.Random(f"{centre_lat},{centre_lon}")
    index = PlaceIndex(radius_km=DISTRICT_KM)
    points = []
    for n in range(600):
        lat = max(-90.0, min(90.0, centre_lat + rng.uniform(-1.5, 1.5)))
        lon = (centre_lon + rng.uniform(-6, 6) + 180) % 360 - 180
        point = _At(f"p{n}", n, lat, lon, f"a{n}", "c")
        points.append(point)
        index.add(point, n)
    probe = _At("probe", None, centre_lat, centre_lon, None, None)
    near = {
        n for n, p in enumerate(points)
        if haversine_km(centre_lat, centre_lon, p.latitude or 0, p.longitude or 0) <= DISTRICT_KM
    }  # fmt: skip
    found = index.candidates(probe)
    assert near <= found
    assert len(found) < len(points) or abs(centre_lat) > 85  # it does skip far clusters


def test_name_id_and_province_keys_find_clusters_out_of_reach() -> None:
    index = PlaceIndex(radius_km=DISTRICT_KM)
    index.add(_At("tel skof", None, 10.0, 10.0, "x", "c"), 1)
    index.add(_At("mosul", 42, 20.0, 20.0, "y", "c"), 2)
    index.add(_At("anbar", 7, 30.0, 30.0, "anbar", "iraq"), 3)
    index.add(_At("nowhere", None, None, None, None, None, placed=False), 4)
    assert index.candidates(_At("tel skof", None, 50.0, 50.0, None, None)) == {1}
    assert index.candidates(_At("other", 42, 50.0, 50.0, None, None)) == {2}
    assert index.candidates(_At("rutba", 6, 50.0, 50.0, "anbar", "iraq")) == {3}
    assert index.candidates(_At("rutba", 6, 50.0, 50.0, "anbar", "syria")) == set()
    assert index.candidates(_At("nowhere", None, None, None, None, None, placed=False)) == set()
