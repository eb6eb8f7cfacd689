"""Reports of the same real-world event, merged across articles and nights.

:func:`assign_clusters` (pure) gives every event of the night a ``cluster_id`` and returns
the clusters created or joined that night. ``prior`` are the clusters already published
(their latest state); a later article about an earlier event joins its cluster, which
keeps its id. A cluster's id is the ``event_id`` of its first member, so ids are stable
across re-runs of the same input.

An event joins a cluster when all of these hold (else it starts a new one):

* **type family**: the same family of :func:`nightwire.event_taxonomy.family` -- ground
  violence (battles, violence against civilians, bombings and suicide attacks: outlets
  call one assault any of these) or stand-off strikes (air/drone, artillery, chemical);
* **place**: the same GeoNames place; or two towns within ``NEAR_KM`` (Sadr City and
  Baghdad); or one is a district/region/admin1 and the other lies in it ("a town in Anbar
  province" and Rutba). An event without coordinates, or placed only at country level,
  is never merged: it is its own cluster;
* **date**: when both dates are known, they overlap within ``DAY_SLACK`` days (a week or a
  month precision date covers its whole week or month). When either is unknown (an
  article without a publication date says "on Friday"), the event may only join a
  cluster that has members from the same night: reports published together about the
  same place, type and actors are taken to be about the same event; across nights, an
  undated report starts its own cluster rather than risk merging two attacks on one town;
* **actors**: either actor unknown, the same actor, or one event's actor is the other's
  target (the two sides of one battle).

Coordinates borrowed from a container (the gazetteer does not know "Tel Skof", the event
is put at Mosul) only match the same place name. Among compatible clusters the event
joins the one with the closest place (same place > nearby town > containment), then the
one sharing its document, then the one reported by more documents, then the oldest.
Dated events are assigned first (in date order), then undated ones; within each, events
at a town before events at a province.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any

from nightwire.cluster_index import PlaceIndex
from nightwire.event_model import Event, EventCluster
from nightwire.event_taxonomy import family
from nightwire.gazetteer import fold_name

NEAR_KM = 15.0
DISTRICT_KM = 3 * NEAR_KM  # a district's towns lie this close to its centre
DAY_SLACK = 1
PRECISION_RANK = {"town": 0, "district": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True)
class _Point:
    """What matching needs of an event or a published cluster."""

    sub_event_type: str
    name: str  # folded place name
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    precision: str | None
    admin1: str | None
    country: str | None
    actors: frozenset[str]
    start: date | None  # date range covered by the event's date
    end: date | None

    @property
    def placed(self) -> bool:
        return self.latitude is not None and self.precision in ("town", "district", "admin1")

    @property
    def borrowed(self) -> bool:
        """Coordinates of a container: the gazetteer does not know the place itself."""
        return self.geonameid is None


def _date_range(day: date | None, precision: str | None) -> tuple[date | None, date | None]:
    if day is None:
        return None, None
    if precision == "week":
        return day, day + timedelta(days=6)
    if precision == "month":
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return day, nxt - timedelta(days=1)
    return day, day


def _point(item: Event | EventCluster) -> _Point:
    """What clustering compares; events and clusters carry the same field names."""
    start, end = _date_range(item.event_date, item.date_precision)
    return _Point(
        item.sub_event_type,
        fold_name(item.location or ""),
        item.geonameid,
        item.latitude,
        item.longitude,
        item.geo_precision,
        item.admin1,
        item.country,
        frozenset(a for a in (item.actor,) if a),
        start,
        end,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def place_score(a: _Point, b: _Point) -> int:
    """3 same place, 2 nearby towns, 1 one contains the other, 0 incompatible."""
    if not (a.placed and b.placed):
        return 0
    if a.borrowed or b.borrowed:  # only the same unknown place: "Tel Skof" and "Tel Skof"
        return 3 if a.name and a.name == b.name else 0
    if a.geonameid is not None and a.geonameid == b.geonameid and a.precision == b.precision:
        return 3
    if a.precision == b.precision == "town":
        assert a.latitude is not None and a.longitude is not None
        assert b.latitude is not None and b.longitude is not None
        return 2 if haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= NEAR_KM else 0
    coarse, fine = sorted((a, b), key=lambda p: -PRECISION_RANK[p.precision or "country"])
    if coarse.precision == "admin1" and coarse.admin1 and coarse.admin1 == fine.admin1:
        return 1 if coarse.country == fine.country else 0
    if coarse.precision == "district" and coarse.latitude is not None:
        assert fine.latitude is not None and fine.longitude is not None
        assert coarse.longitude is not None
        near = haversine_km(coarse.latitude, coarse.longitude, fine.latitude, fine.longitude)
        return 1 if near <= DISTRICT_KM and coarse.admin1 == fine.admin1 else 0
    return 0


def dates_compatible(a: _Point, b: _Point) -> bool | None:
    """True/False when both dates are known, ``None`` when either is unknown."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return None
    slack = timedelta(days=DAY_SLACK)
    return a.start - slack <= b.end and b.start - slack <= a.end


@dataclass
class _Work:
    cluster_id: str
    prior: EventCluster | None
    order: int  # creation order: older clusters win ties
    points: list[_Point] = field(default_factory=list)
    members: list[Event] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.prior is not None:
            self.docs.update(self.prior.doc_ids.split(","))
        for point in self.points:
            self.actors.update(point.actors)

    def add(self, point: _Point, event: Event) -> None:
        self.points.append(point)
        self.members.append(event)
        self.actors.update(point.actors)
        self.docs.add(event.doc_id)
        if event.target:
            self.targets.add(event.target)

    def score(self, point: _Point, event: Event) -> tuple[int, int, int, int] | None:
        fam = family(point.sub_event_type)
        best = 0
        for other in self.points:
            if family(other.sub_event_type) != fam:
                return None
            dated = dates_compatible(point, other)
            if dated is False or (dated is None and not self.members):
                return None  # an undated report joins only a cluster of the same night
            best = max(best, place_score(point, other))
        if best == 0:
            return None
        actors, targets = self.actors, self.targets
        swapped = event.target is not None and event.target in actors  # the other side
        if point.actors and actors and not (point.actors & (actors | targets)) and not swapped:
            return None
        same_doc = any(m.doc_id == event.doc_id for m in self.members)
        return best, int(same_doc), len(self.docs), -self.order


def _order(events: Sequence[Event]) -> list[Event]:
    """Dated events first, by date; then undated ones; within each, precise places first
    (a report naming the town decides the cluster a report naming its province joins)."""

    def key(e: Event) -> tuple[object, ...]:
        rank = PRECISION_RANK.get(e.geo_precision or "", 4) + (e.geonameid is None)
        return (e.event_date is None, e.event_date or date.min, rank, e.doc_id, e.start_char,
                e.trigger_start)  # fmt: skip

    return sorted(events, key=key)


def assign_clusters(
    events: list[Event],
    prior: list[EventCluster],
    *,
    night: date | None = None,
    index_places: bool = True,
) -> tuple[list[Event], list[EventCluster]]:
    """Give every event a ``cluster_id``; return (events, clusters created or joined).

    ``events`` keep their order. ``night`` stamps ``first_reported``/``last_reported``.
    ``index_places=False`` scores every cluster instead of those nearby: the same result,
    slower (what the index is tested against).
    """
    works = [_Work(c.cluster_id, c, i, [_point(c)]) for i, c in enumerate(prior)]
    # Only clusters with a member nearby can score (see cluster_index): the rest are skipped.
    index = PlaceIndex(radius_km=DISTRICT_KM)
    for work in works:
        index.add(work.points[0], work.order)
    assigned: dict[str, str] = {}
    for event in _order(events):
        point = _point(event)
        nearby = (works[i] for i in sorted(index.candidates(point))) if index_places else works
        scored = [(s, w) for w in nearby if (s := w.score(point, event)) is not None]
        if scored:
            work = max(scored, key=lambda sw: sw[0])[1]
        else:
            work = _Work(event.event_id, None, len(works))
            works.append(work)
        work.add(point, event)
        index.add(point, work.order)
        assigned[event.event_id] = work.cluster_id
    out_events = [replace(e, cluster_id=assigned[e.event_id]) for e in events]
    touched = [w for w in works if w.members]
    return out_events, [_summarise(w, night) for w in touched]


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _lowest(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _highest(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _summarise(work: _Work, night: date | None) -> EventCluster:
    members, prior = work.members, work.prior
    sub = _most_common(e.sub_event_type for e in members) or members[0].sub_event_type
    etype = next(e.event_type for e in members if e.sub_event_type == sub)
    placed = [e for e in members if e.latitude is not None and e.geo_precision]
    geo_counts = Counter(e.geonameid for e in placed)
    best = min(
        placed,
        key=lambda e: (PRECISION_RANK[e.geo_precision or "country"], -geo_counts[e.geonameid]),
        default=None,
    )
    days = Counter(e.event_date for e in members if e.event_date and e.date_precision == "day")
    dated = sorted(
        ((e.event_date, e.date_precision) for e in members if e.event_date is not None),
        key=lambda d: (["day", "week", "month"].index(d[1] or "month"), d[0]),
    )
    day, precision = (
        (days.most_common(1)[0][0], "day") if days else (dated[0] if dated else (None, None))
    )
    doc_ids = {e.doc_id for e in members} | set(prior.doc_ids.split(",") if prior else ())
    doc_ids.discard("")
    killed_lo = [e.killed for e in members] + [prior.killed_min if prior else None]
    killed_hi = [e.killed_max or e.killed for e in members] + [prior.killed_max if prior else None]
    wounded_lo = [e.wounded for e in members] + [prior.wounded_min if prior else None]
    hi = [e.wounded_max or e.wounded for e in members] + [prior.wounded_max if prior else None]
    cluster = EventCluster(
        cluster_id=work.cluster_id,
        event_type=etype,
        sub_event_type=sub,
        location=best.location if best else None,
        admin1=best.admin1 if best else None,
        country=best.country if best else members[0].country,
        latitude=best.latitude if best else None,
        longitude=best.longitude if best else None,
        geo_precision=best.geo_precision if best else None,
        geonameid=best.geonameid if best else None,
        event_date=day,
        date_precision=precision,
        actor=_most_common(e.actor for e in members),
        n_events=len(members) + (prior.n_events if prior else 0),
        n_docs=len(doc_ids),
        killed_min=_lowest(killed_lo),
        killed_max=_highest(killed_hi),
        wounded_min=_lowest(wounded_lo),
        wounded_max=_highest(hi),
        first_reported=prior.first_reported if prior else night,
        last_reported=night,
        doc_ids=",".join(sorted(doc_ids)),
    )
    return _keep_prior(cluster, prior) if prior else cluster


def _keep_prior(new: EventCluster, prior: EventCluster) -> EventCluster:
    """A published cluster keeps its canonical fields unless the new reports are more
    precise (a town where it had a province) or fill a gap (a date, an actor)."""
    more_precise = prior.geo_precision is None or (
        new.geo_precision is not None
        and PRECISION_RANK[new.geo_precision] < PRECISION_RANK[prior.geo_precision]
    )
    geo = new if more_precise else prior
    return replace(
        new,
        event_type=prior.event_type,
        sub_event_type=prior.sub_event_type,
        location=geo.location,
        admin1=geo.admin1,
        country=geo.country,
        latitude=geo.latitude,
        longitude=geo.longitude,
        geo_precision=geo.geo_precision,
        geonameid=geo.geonameid,
        event_date=prior.event_date or new.event_date,
        date_precision=prior.date_precision if prior.event_date else new.date_precision,
        actor=prior.actor or new.actor,
    )


def latest_clusters(rows: Iterable[Mapping[str, Any]]) -> list[EventCluster]:
    """The current state of each published cluster from ``event_clusters`` rows (e.g. every
    row of the partitions of earlier nights, ``pa.Table.to_pylist()``): per ``cluster_id``
    the row with the latest ``last_reported`` (later rows win ties)."""
    names = {f.name for f in fields(EventCluster)}
    latest: dict[str, EventCluster] = {}
    for row in rows:
        cluster = EventCluster(**{k: v for k, v in row.items() if k in names})
        held = latest.get(cluster.cluster_id)
        if held is None or (cluster.last_reported or date.min) >= (held.last_reported or date.min):
            latest[cluster.cluster_id] = cluster
    return sorted(latest.values(), key=lambda c: (c.first_reported or date.min, c.cluster_id))
