"""Which clusters an event could join, without scoring every cluster.

:func:`nightwire.clusters.assign_clusters` joins an event to a cluster only when some
member's place scores above zero (:func:`nightwire.clusters.place_score`). Every way to
score is one of: the same place name (borrowed coordinates), the same GeoNames id, the
same (country, admin1) for a province and what lies in it, or two points within
``radius_km`` (nearby towns, a district and its towns). :class:`PlaceIndex` keys the
clusters' placed members by each of these, so the candidates it returns are a superset
of the clusters that can score: the result is the same as scoring every cluster, at a
cost that grows with the clusters near the event instead of all of them (a 10x night has
~47,000 events).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable
from typing import Protocol

CELL_DEG = 0.5  # grid cell side; 0.5 degree of latitude is ~55 km
KM_PER_DEG = 111.32
SLACK = 1.25  # great-circle distance is a little shorter than along a parallel


class Placed(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def geonameid(self) -> int | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def placed(self) -> bool: ...


class PlaceIndex:
    """Cluster numbers keyed by their members' names, ids, provinces and grid cells."""

    def __init__(self, radius_km: float) -> None:
        self.radius_km = radius_km
        self._keys: dict[Hashable, set[int]] = defaultdict(set)
        self._lon_cells = round(360 / CELL_DEG)

    def add(self, point: Placed, cluster: int) -> None:
        if not point.placed:
            return  # an unplaced member never makes a place score above zero
        for key in self._point_keys(point):
            self._keys[key].add(cluster)
        assert point.latitude is not None and point.longitude is not None
        self._keys[("cell", *self._cell(point.latitude, point.longitude))].add(cluster)

    def candidates(self, point: Placed) -> set[int]:
        """Every cluster with a member that may score with ``point`` (and possibly more)."""
        if not point.placed:
            return set()
        found: set[int] = set()
        for key in self._point_keys(point):
            found |= self._keys.get(key, set())
        assert point.latitude is not None and point.longitude is not None
        for cell in self._cells_near(point.latitude, point.longitude):
            found |= self._keys.get(("cell", *cell), set())
        return found

    @staticmethod
    def _point_keys(point: Placed) -> list[Hashable]:
        keys: list[Hashable] = [("name", point.name)] if point.name else []
        if point.geonameid is not None:
            keys.append(("id", point.geonameid))
        if point.admin1:
            keys.append(("admin1", point.country, point.admin1))
        return keys

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG) % self._lon_cells

    def _cells_near(self, lat: float, lon: float) -> list[tuple[int, int]]:
        reach = SLACK * self.radius_km / KM_PER_DEG  # degrees of latitude
        low, high = math.floor((lat - reach) / CELL_DEG), math.floor((lat + reach) / CELL_DEG)
        widest = math.cos(math.radians(min(90.0, abs(lat) + reach)))
        if widest * 360 <= 2 * reach:  # near a pole: every longitude
            columns = range(self._lon_cells)
        else:
            lon_reach = reach / widest
            first = math.floor((lon - lon_reach) / CELL_DEG)
            last = math.floor((lon + lon_reach) / CELL_DEG)
            columns = (
                range(first, last + 1) if last - first < self._lon_cells else range(self._lon_cells)
            )
        return [(row, col % self._lon_cells) for row in range(low, high + 1) for col in columns]
