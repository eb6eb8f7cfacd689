"""Event records: one :class:`Event` per event mention, one :class:`EventCluster` per
real-world event (the reports of it merged across articles and nights).

Pure data. Offsets (``*_start``/``*_end``) are character offsets into ``documents.text``
(the clean text the parse ran on); an argument that is not filled has null offsets. The
taxonomy behind ``event_type``/``sub_event_type`` is in ``docs/taxonomy.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Event:
    """One violent event mentioned in one sentence of one document."""

    event_id: str
    doc_id: str
    event_type: str  # battles | explosions_remote_violence | violence_against_civilians
    sub_event_type: str  # e.g. armed_clash, suicide_bomb, air_drone_strike, attack
    trigger: str
    trigger_start: int
    trigger_end: int
    actor: str | None
    actor_start: int | None
    actor_end: int | None
    target: str | None
    target_start: int | None
    target_end: int | None
    location: str | None  # the place as written ("Rutba", "Anbar province")
    location_start: int | None
    location_end: int | None
    admin1: str | None  # first-order division of the place ("Al Anbār")
    country: str | None
    country_code: str | None  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    geo_precision: str | None  # town | district | admin1 | country
    geonameid: int | None  # GeoNames id of the resolved place (town, admin1 or country)
    event_date: date | None
    date_precision: str | None  # day | week | month
    date_phrase: str | None
    date_start: int | None
    date_end: int | None
    date_reason: str | None  # how the date was found, or why it is null
    killed: int | None  # the conservative figure
    killed_min: int | None
    killed_max: int | None
    killed_qualifier: str | None
    killed_start: int | None
    killed_end: int | None
    wounded: int | None
    wounded_min: int | None
    wounded_max: int | None
    wounded_qualifier: str | None
    wounded_start: int | None
    wounded_end: int | None
    attackers_killed: int | None  # the actor's own dead: not victims
    sentence: str
    start_char: int
    end_char: int
    confidence: float
    cluster_id: str | None = None  # set by :func:`nightwire.clusters.assign_clusters`


@dataclass(frozen=True)
class EventCluster:
    """Reports of the same real-world event, merged (see :mod:`nightwire.clusters`)."""

    cluster_id: str  # the first member's event_id: stable once published
    event_type: str
    sub_event_type: str
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    geonameid: int | None
    event_date: date | None
    date_precision: str | None  # day | week | month
    actor: str | None
    n_events: int
    n_docs: int
    killed_min: int | None  # lowest conservative toll among the reports
    killed_max: int | None  # highest toll stated by any report
    wounded_min: int | None
    wounded_max: int | None
    first_reported: date | None  # night the cluster was created
    last_reported: date | None  # night a member last joined
    doc_ids: str  # member documents, sorted, comma-separated (keeps n_docs exact)
