"""Working records of the extractor (one draft per event) and their output as :class:`Event`.

A draft carries tokens and mentions; :func:`to_event` turns it into the published row:
canonical names, the taxonomy, the place with its coordinates and precision, the date
with its precision and reason, the tolls with their bounds, and the character offsets of
the trigger and of every filled argument. Ids: sha1 of doc id, sentence start, trigger
offset and event type (plus the place key for the second and further towns split off
one trigger), first 16 hex digits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from nightwire.casualties import Casualty, Count, count_bounds
from nightwire.event_actors import Actor, phrase_tokens
from nightwire.event_context import PARTY_PATTERN
from nightwire.event_lexicon import is_place_word
from nightwire.event_model import Event
from nightwire.event_places import DocPlaces, PlaceMention
from nightwire.event_taxonomy import classify
from nightwire.event_victims import Target, object_heads, undergoer
from nightwire.eventdates import DateMention
from nightwire.gazetteer import Place, get_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Precision of coordinates taken from another place than the event's own mention.
PRECISION_ORDER = ("town", "district", "admin1", "country")


@dataclass
class Trigger:
    token: Token
    kind: str
    frame: list[Token]
    region: dict[int, int]
    place: PlaceMention | None  # best place tied to this trigger (level >= 2)
    casualties: list[Casualty] = field(default_factory=list)


@dataclass
class Draft:
    unit: Span
    triggers: list[Trigger]
    kind: str  # trigger class of the main trigger (event_lexicon.TRIGGERS key)
    main: Token
    event_type: str = "violence_against_civilians"
    sub_event_type: str = "attack"
    actor: Actor | None = None
    target: Target | None = None
    place: PlaceMention | None = None
    place_how: str | None = None  # "tied", "sentence", "discourse", "country", "document"
    geo: Place | None = None  # where the coordinates come from
    geo_precision: str | None = None
    date: DateMention | None = None
    date_tied: bool = False
    killed: Count | None = None
    wounded: Count | None = None
    attackers_killed: Count | None = None
    split_key: str | None = None  # set on the 2nd+ event split off one trigger
    irrealis: bool = False


@dataclass
class Context:
    doc: Doc
    doc_id: str
    places: DocPlaces
    dates: list[DateMention]
    group: str | None
    published: bool
    recent: list[PlaceMention] = field(default_factory=list)
    # Token index -> event type of every trigger word (event_lexicon.doc_triggers), found
    # once per document instead of testing every token of every sentence.
    triggers: dict[int, str] = field(default_factory=dict)


_PLACE_SCORE = {"tied": 0.15, "sentence": 0.08, "discourse": 0.03, "country": 0.02}


def confidence(draft: Draft) -> float:
    """More filled arguments, and arguments read closer to the trigger, score higher."""
    score = 0.3
    if draft.place is not None:
        score += _PLACE_SCORE.get(draft.place_how or "", 0.0)
        if draft.geo_precision == "town":
            score += 0.05
    if draft.actor is not None:
        score += 0.12 if draft.actor.named else 0.06
    if draft.target is not None:
        score += 0.08
    if draft.date is not None and draft.date.date is not None:
        score += 0.1 if draft.date_tied else 0.06
    if draft.killed is not None or draft.wounded is not None:
        score += 0.12
    if draft.split_key is not None:
        score -= 0.05
    return round(min(max(score, 0.05), 0.95), 3)


def classify_draft(draft: Draft) -> None:
    """Set ``event_type``/``sub_event_type`` (:func:`nightwire.event_taxonomy.classify`)."""
    victims: list[str] = []
    for trig in draft.triggers:
        for casualty in trig.casualties:
            for group in casualty.groups:
                victims += [t.lower_ for t in group.tokens if t.pos_ in NOUNS]
    if not victims:  # "An NGO worker was attacked", "a patrol team of the BGB was shot at"
        heads = [u for t in draft.triggers if (u := undergoer(t.frame)) and not is_place_word(u)]
        victims = [t.lower_ for u in heads[:1] for t in phrase_tokens(u) if t.pos_ in NOUNS]
    objects = [h.lower_ for t in draft.triggers for h in object_heads(t.token)]
    if draft.target is not None:
        objects += draft.target.name.lower().split()
    capture = [t.token.lower_ for t in draft.triggers if t.kind == "capture"]
    kinds = {draft.kind, *(t.kind for t in draft.triggers)}
    if draft.kind == "clash":
        kinds = {"clash"}
    actor = draft.actor.name if draft.actor else None
    draft.event_type, draft.sub_event_type = classify(
        kinds,
        (t.lower_ for t in draft.unit),
        actor,
        victims,
        objects,
        capture,
        state_actor=actor is not None and get_gazetteer().country_code(actor) is not None,
        # an organisation as the target is an armed one, not a political party ("a local
        # leader of the Awami League was hacked to death": violence against civilians)
        target_named=draft.target is not None
        and draft.target.named
        and PARTY_PATTERN.search(draft.target.name) is None,
    )


NOUNS = ("NOUN", "PROPN")


def event_id(
    doc_id: str, sentence_start: int, trigger_start: int, event_type: str, extra: str | None = None
) -> str:
    """Stable id: sha1 of doc id, sentence offset, trigger offset, type (and split key)."""
    parts = [doc_id, str(sentence_start), str(trigger_start), event_type]
    if extra:
        parts.append(extra)
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


class _Toll(NamedTuple):
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    start: int | None = None
    end: int | None = None


def _toll(count: Count | None) -> _Toll:
    if count is None:
        return _Toll()
    low, high = count_bounds(count)
    return _Toll(count.value, low, high, count.qualifier, count.start, count.end)


def _date_reason(draft: Draft, ctx: Context) -> str:
    if draft.date is None:
        return "no_date_phrase"
    return draft.date.reason


def to_event(draft: Draft, ctx: Context) -> Event:
    unit, place, geo, doc = draft.unit, draft.place, draft.geo, ctx.doc
    location_span = doc[place.start : place.end] if place is not None else None
    killed, wounded = _toll(draft.killed), _toll(draft.wounded)
    date = draft.date
    return Event(
        event_id=event_id(
            ctx.doc_id, unit.start_char, draft.main.idx, draft.sub_event_type, draft.split_key
        ),
        doc_id=ctx.doc_id,
        event_type=draft.event_type,
        sub_event_type=draft.sub_event_type,
        trigger=draft.main.text,
        trigger_start=draft.main.idx,
        trigger_end=draft.main.idx + len(draft.main.text),
        actor=draft.actor.name if draft.actor else None,
        actor_start=draft.actor.start if draft.actor else None,
        actor_end=draft.actor.end if draft.actor else None,
        target=draft.target.name if draft.target else None,
        target_start=draft.target.start if draft.target else None,
        target_end=draft.target.end if draft.target else None,
        location=place.text if place else (geo.name if geo else None),
        location_start=location_span.start_char if location_span is not None else None,
        location_end=location_span.end_char if location_span is not None else None,
        admin1=geo.admin1 if geo else None,
        country=geo.country if geo else (place.country if place else None),
        country_code=geo.country_code if geo else None,
        latitude=geo.latitude if geo and geo.longitude is not None else None,
        longitude=geo.longitude if geo and geo.latitude is not None else None,
        geo_precision=draft.geo_precision if geo and geo.latitude is not None else None,
        geonameid=geo.geonameid if geo and place and geo is place.place else None,
        event_date=date.date if date else None,
        date_precision=date.precision if date and date.date else None,
        date_phrase=date.text if date else None,
        date_start=date.start_char if date else None,
        date_end=date.end_char if date else None,
        date_reason=_date_reason(draft, ctx),
        killed=killed.value,
        killed_min=killed.low,
        killed_max=killed.high,
        killed_qualifier=killed.qualifier,
        killed_start=killed.start,
        killed_end=killed.end,
        wounded=wounded.value,
        wounded_min=wounded.low,
        wounded_max=wounded.high,
        wounded_qualifier=wounded.qualifier,
        wounded_start=wounded.start,
        wounded_end=wounded.end,
        attackers_killed=draft.attackers_killed.value if draft.attackers_killed else None,
        sentence=unit.text,
        start_char=unit.start_char,
        end_char=unit.end_char,
        confidence=confidence(draft),
    )
