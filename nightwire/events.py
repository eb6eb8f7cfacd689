"""Violent events from a parsed article: one :class:`Event` per event mention per sentence.

``extract_events(doc, doc_id, published_date)`` works on the spaCy Doc of one article
(no re-parsing). For each sentence -- spaCy's sentences, further cut at line breaks,
since a headline or caption never continues into the next line -- it:

1. finds trigger words (:mod:`nightwire.event_lexicon`); weapons named as instruments
   ("using car suicide bombs") are not triggers;
2. ties places, dates, actors and casualty counts to each trigger through the dependency
   parse (:mod:`nightwire.event_args`, :mod:`nightwire.event_actors`), and groups the
   sentence's triggers into events: one event per sentence, unless triggers are tied to
   different places ("mount attacks in Anbar and launched a car bombing in Sadr City") or
   one trigger to coordinated towns ("attacks on Kirkuk and in the town of Dibis"), which
   are distinct events;
3. picks the event's location: the most specific place tied to the trigger (town >
   province/region > country), else the most specific place in the sentence, else the
   place of one of the last three events in the document ("the town", "the city");
4. keeps only concrete, reported events (:mod:`nightwire.event_concrete`); the coordinates come
   from the place or, for a place the gazetteer does not know, from its container
   (:func:`nightwire.event_location.coordinates_for`).

Casualties (:mod:`nightwire.casualties`): ``killed``/``wounded`` are the *victims* of the
event. The dead of the event's own actor are not victims: "the 80 or so militants who
launched the attack had been driven out or killed" adds nothing to an Islamic State
attack (an actorless attack/killing is assumed to be by the document's armed group).
They are counted in ``attackers_killed``. When a named other actor killed them ("Iraqi
forces killed nearly 48 IS militants" next to an IS attack) the kill is also emitted as a
separate armed clash: actor the killer, target the attackers' group, ``killed`` their dead.

Typing (:mod:`nightwire.event_taxonomy`) follows an ACLED-like taxonomy; mentions that
only refer to violence (protests against a killing, a trial) and crowd clashes (riots)
are not events (:mod:`nightwire.event_context`). Output: :mod:`nightwire.event_draft`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from nightwire.casualties import (
    Casualty,
    Count,
    casualty_kind,
    find_casualties,
    sum_counts,
)
from nightwire.event_actors import (
    Actor,
    actor_from_phrase,
    actor_of,
    by_agent,
    dominant_armed_group,
    fight_sides,
)
from nightwire.event_args import event_frame, is_habitual, is_irrealis, region
from nightwire.event_concrete import is_concrete
from nightwire.event_context import is_anaphoric, is_disaster, is_referenced, is_riot
from nightwire.event_draft import (
    Context,
    Draft,
    Trigger,
    classify_draft,
    event_id,
    to_event,
)
from nightwire.event_lexicon import TYPE_PRECEDENCE, doc_triggers, is_instrument
from nightwire.event_location import (
    best_tied_place,
    choose_location,
    coordinates_for,
    discourse_place,
)
from nightwire.event_model import Event
from nightwire.event_places import PlaceMention, collect_place_mentions
from nightwire.event_victims import (
    Target,
    are_combatants,
    target_name,
    target_of,
    victim_name,
    victims_head,
)
from nightwire.eventdates import choose_date, collect_date_mentions

__all__ = ["event_id", "extract_events", "sentence_units"]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# How many previous events may lend their place to a placeless one.
DISCOURSE_WINDOW = 3


def extract_events(doc: Doc, doc_id: str, published_date: date | None) -> list[Event]:
    """Violent events reported in ``doc`` (see the module docstring)."""
    triggers = doc_triggers(doc)
    ctx = Context(
        doc=doc,
        doc_id=doc_id,
        places=collect_place_mentions(doc),
        dates=collect_date_mentions(doc, published_date),
        group=dominant_armed_group(doc, triggers),
        published=published_date is not None,
        triggers=triggers,
    )
    events: list[Event] = []
    for unit in sentence_units(doc):
        for draft in _unit_drafts(unit, ctx):
            if draft.place_how in (None, "country"):  # no town or region in the sentence
                fallback = discourse_place(ctx.recent)
                if fallback is not None:
                    draft.place, draft.place_how = fallback, "discourse"
            if not is_concrete(draft):
                continue
            if draft.place is not None:
                draft.geo, draft.geo_precision = coordinates_for(
                    draft.place, ctx.places, unit.start, unit.end
                )
            elif ctx.places.hint is not None:  # no place in the text: the document's region
                draft.geo, draft.place_how = ctx.places.hint, "document"
                draft.geo_precision = ctx.places.hint.precision
            classify_draft(draft)
            events.append(to_event(draft, ctx))
            if draft.place is not None and draft.place.level >= 2:
                ctx.recent = [*ctx.recent, draft.place][-DISCOURSE_WINDOW:]
    return events


def sentence_units(doc: Doc) -> list[Span]:
    """spaCy sentences cut at line breaks, without surrounding whitespace tokens."""
    from spacy.attrs import IS_SPACE

    if not len(doc):
        return []
    # Whitespace flags read in one pass over the Doc's arrays: a Token object per word
    # (the obvious loop) costs more than the rest of this function.
    space = doc.to_array(IS_SPACE).astype(bool)
    breaks = [i for i in np.flatnonzero(space).tolist() if "\n" in doc[i].text]
    is_space = space.tolist()
    units: list[Span] = []
    for sent in doc.sents:
        pieces: list[tuple[int, int]] = []
        start = sent.start
        for i in breaks[bisect_left(breaks, sent.start) : bisect_left(breaks, sent.end)]:
            pieces.append((start, i))
            start = i + 1
        pieces.append((start, sent.end))
        for begin, end in pieces:
            while begin < end and is_space[begin]:
                begin += 1
            while end > begin and is_space[end - 1]:
                end -= 1
            if end > begin:
                units.append(doc[begin:end])
    return units


# -- per sentence --------------------------------------------------------------------------


def _unit_drafts(unit: Span, ctx: Context) -> list[Draft]:
    doc = unit.doc
    trigger_tokens = [
        doc[i] for i in ctx.triggers if unit.start <= i < unit.end and not is_instrument(doc[i])
    ]
    if not trigger_tokens:
        return []
    indices = {t.i for t in trigger_tokens}
    triggers: list[Trigger] = []
    for tok in trigger_tokens:
        frame = event_frame(tok, unit)
        reach = region(frame, indices, unit)
        kind = ctx.triggers[tok.i]
        tied = best_tied_place(ctx.places, unit.start, unit.end, reach, ctx.doc)
        triggers.append(Trigger(tok, kind, frame, reach, tied))
    _attach_casualties(unit, triggers)
    drafts: list[Draft] = []
    for group in _group_by_place(triggers):
        drafts.extend(_group_drafts(unit, group, ctx))
    return sorted(drafts, key=lambda d: d.main.i)


def _attach_casualties(unit: Span, triggers: list[Trigger]) -> None:
    """Casualty words go to themselves if triggers, else to the nearest trigger."""
    by_index = {t.token.i: t for t in triggers}
    for tok in unit:
        if casualty_kind(tok) is None:
            continue
        casualty = find_casualties(tok, unit)
        if casualty is None:
            continue
        owner = by_index.get(tok.i) or min(triggers, key=lambda t: abs(t.token.i - tok.i))
        owner.casualties.append(casualty)


def _split_attackers_killed(
    group: list[Trigger], actor: Actor | None, unit: Span, ctx: Context
) -> tuple[list[Trigger], list[Draft], Count | None]:
    """Take the attackers' own dead out of the event's toll.

    Victims named like the event's actor are not victims: "the 80 or so militants who
    launched the attack had been ... killed" (actor: the document's armed group, also
    assumed for an actorless attack/killing). When another named actor killed them
    ("Iraqi forces killed nearly 48 IS militants" next to an IS attack), that is a
    separate ``clash`` draft: actor the killer, target the attackers, ``killed`` their dead.
    A kill word left with no victims leaves the event.
    Returns (triggers, clashes, the attackers' dead).
    """
    attacker = actor.name if actor is not None else ctx.group
    if attacker is None:
        return group, [], None
    kinds = {t.kind for t in group}
    if actor is None and kinds & {"bombing", "clash"}:
        return group, [], None  # an air strike or battle that killed militants: victims
    kept_triggers: list[Trigger] = []
    clashes: list[Draft] = []
    own_dead: list[Count | None] = []
    for trig in group:
        kept: list[Casualty] = []
        removed = False
        feud = _killed_by_own(trig.token, attacker, ctx)  # once per trigger, not per casualty
        for casualty in trig.casualties:
            mine = [g for g in casualty.groups if victim_name(g, ctx.places, ctx.group) == attacker]
            if not mine or feud:
                kept.append(casualty)
                continue
            removed = True
            rest = tuple(g for g in casualty.groups if g not in mine)
            if rest:
                total = sum_counts([g.count for g in rest])
                kept.append(replace(casualty, count=total, victims=rest[0].tokens, groups=rest))
            dead = sum_counts([g.count for g in mine])
            if casualty.kind == "killed":
                own_dead.append(dead)
            killer = actor_of(trig.token, trig.frame, ctx.places, None, unit)
            if (
                casualty.kind == "killed"
                and dead is not None
                and killer is not None
                and killer.named
                and killer.name != attacker
                and trig.token.i == casualty.predicate.i
            ):
                clash = Draft(unit, [trig], "clash", trig.token, actor=killer, killed=dead)
                phrase = [t for g in mine for t in g.tokens]
                start = min(t.idx for t in phrase)
                end = max(t.idx + len(t.text) for t in phrase)
                clash.target = Target(attacker, True, start, end)
                _choose_date(clash, [trig], ctx)
                _choose_place(clash, [trig], ctx)
                clashes.append(clash)
        trig.casualties = kept
        if not (removed and trig.kind == "killing" and not kept):
            kept_triggers.append(trig)
    return kept_triggers, clashes, sum_counts(own_dead)


def _killed_by_own(trigger: Token, attacker: str, ctx: Context) -> bool:
    """Killed by their own side, named as the passive's agent ("Four Maoist leaders were
    killed by other Maoist leaders"): a feud's victims, not the attackers' own losses."""
    agent = by_agent(trigger)
    if agent is None:
        return False
    killer = actor_from_phrase(agent, ctx.places, None)
    return killer is not None and killer.named and killer.name == attacker


def _group_by_place(triggers: list[Trigger]) -> list[list[Trigger]]:
    """Triggers tied to different places are different events; the rest join the nearest."""
    groups: dict[str, list[Trigger]] = {}
    placeless: list[Trigger] = []
    for trig in triggers:
        if trig.place is None:
            placeless.append(trig)
        else:
            groups.setdefault(trig.place.key, []).append(trig)
    if not groups:
        return [placeless] if placeless else []
    for trig in placeless:
        nearest = min(groups.values(), key=lambda g: min(abs(t.token.i - trig.token.i) for t in g))
        nearest.append(trig)
    return list(groups.values())


def _group_drafts(unit: Span, group: list[Trigger], ctx: Context) -> list[Draft]:
    group = [
        t
        for t in group
        if not is_habitual(t.frame)
        and not is_referenced(t.frame)
        and not (is_anaphoric(t.token) and not t.casualties)  # unless it gives the toll
    ]
    deaths = any(c.kind == "killed" for t in group for c in t.casualties)
    sides = [s for t in group for s in fight_sides(t.token, t.frame)]
    if not group or is_riot(unit, {t.kind for t in group}, deaths, sides) or is_disaster(unit):
        return []
    realis = [t for t in group if not is_irrealis(t.frame)]
    if realis and len(realis) < len(group) and not any(t.casualties for t in group):
        group = realis  # "... he said, imagining today's attack": only the realis mention
    # The main trigger: foreground first ("militants who launched the attack" is background
    # to "bursts of fighting"), then by type precedence, then reading order.
    group = sorted(
        group,
        key=lambda t: (
            _in_relative_clause(t.token, unit),
            TYPE_PRECEDENCE.index(t.kind),
            t.token.i,
        ),
    )
    actor: Actor | None = None
    for trig in group:
        actor = actor or actor_of(trig.token, trig.frame, ctx.places, ctx.group, unit)
    group, clashes, own_dead = _split_attackers_killed(group, actor, unit, ctx)
    if not group:
        return clashes
    main = group[0].token
    draft = Draft(unit, group, group[0].kind, main, actor=actor, attackers_killed=own_dead)
    draft.irrealis = all(is_irrealis(t.frame) for t in group)
    _choose_date(draft, group, ctx)
    places = _choose_place(draft, group, ctx)
    _choose_target(draft, group, ctx)
    _choose_casualties(draft, group)
    dead = [g for t in group for c in t.casualties if c.kind == "killed" for g in c.groups]
    if draft.kind == "killing" and draft.actor is not None and are_combatants(dead):
        draft.kind = "clash"  # "Iraqi forces killed nearly 48 IS militants"
    drafts = [draft]
    for extra in places[1:]:  # coordinated towns: "attacks on Kirkuk and in Dibis"
        drafts.append(replace(draft, place=extra, split_key=extra.key, killed=None, wounded=None))
    if len(places) > 1:
        draft.killed = draft.wounded = None  # a shared toll cannot be split between towns
    return drafts + clashes


def _in_relative_clause(token: Token, unit: Span) -> bool:
    node = token
    while node.head.i != node.i and unit.start <= node.head.i < unit.end:
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False


def _choose_target(draft: Draft, group: list[Trigger], ctx: Context) -> None:
    for trig in group:
        found = target_of(trig.token, ctx.places)
        if found is not None:
            draft.target = found
            return
    for trig in group:
        for casualty in trig.casualties:
            head = victims_head(casualty.victims)
            if head is not None:
                found = target_name(head, ctx.places)
                if found is not None:
                    draft.target = found
                    return
    for trig in group:  # the other side of a fight: "between the KIA and government troops"
        for side in fight_sides(trig.token, trig.frame):
            found = target_name(side, ctx.places)
            if found is not None and (draft.actor is None or draft.actor.name != found.name):
                draft.target = found
                return


def _choose_casualties(draft: Draft, group: list[Trigger]) -> None:
    for trig in group:
        for casualty in trig.casualties:
            if casualty.count is None:
                continue
            current = draft.killed if casualty.kind == "killed" else draft.wounded
            if current is None or casualty.count.value > current.value:
                if casualty.kind == "killed":
                    draft.killed = casualty.count
                else:
                    draft.wounded = casualty.count


def _choose_date(draft: Draft, group: list[Trigger], ctx: Context) -> None:
    reach: set[int] = set().union(*(t.region.keys() for t in group))
    unit = draft.unit
    draft.date, draft.date_tied = choose_date(ctx.dates, unit.start, unit.end, reach, draft.main.i)


def _choose_place(draft: Draft, group: list[Trigger], ctx: Context) -> list[PlaceMention]:
    """Set the draft's place; return every place to emit (coordinated towns split)."""
    tied = [t.place for t in group if t.place is not None]
    regions = [t.region for t in group]
    unit = draft.unit
    loc = choose_location(ctx.places, unit.start, unit.end, draft.main.i, tied, regions, ctx.doc)
    draft.place, draft.place_how = loc.mention, loc.how
    return [loc.mention, *loc.coordinated] if loc.mention is not None else []
