"""Which drafts are reported, specific events (:func:`is_concrete`), and which are not.

A sentence with an event word is not always a report of one event: a forecast ("attacks
are expected"), a trend ("stepped up suicide bombings in recent weeks"), a war's running
toll ("has killed more than 250,000"). A draft is kept when it is tied to a place, carries
a toll, or has enough arguments to be one occurrence (see :func:`is_concrete`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nightwire.casualties import Count, count_bounds
from nightwire.event_actors import fight_sides
from nightwire.event_args import is_verbal
from nightwire.event_context import POLICE_WORDS, WAR_WORDS
from nightwire.event_draft import Draft, Trigger
from nightwire.event_lexicon import INSTRUMENT_VERBS, TRIGGER_TYPE
from nightwire.event_victims import undergoer
from nightwire.eventdates import DateMention

if TYPE_CHECKING:
    from spacy.tokens import Token


def has_argument(draft: Draft) -> bool:
    """Any argument filled: a place, a date, an actor, a target or a victims phrase."""
    return (
        draft.place is not None
        or draft.date is not None
        or draft.actor is not None
        or draft.target is not None
        or any(c.victims for t in draft.triggers for c in t.casualties)
        or any(undergoer(t.frame) is not None for t in draft.triggers)
        or any(_explosive_subject(t.frame) for t in draft.triggers)
        or any(_opponent(t) for t in draft.triggers)
        or any(_killed_outright(t.frame) for t in draft.triggers)
    )


def _killed_outright(frame: list[Token]) -> bool:
    """A verb with death as its result ("an ASWJ activist was shot dead", "was hacked to
    death"): someone was killed even when the parse lost who."""
    for verb in frame:
        if not is_verbal(verb):
            continue
        for child in verb.children:
            if child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp"):
                return True
            to_death = child.dep_ == "prep" and child.lower_ == "to"
            if to_death and any(c.lower_ == "death" for c in child.children):
                return True
    return False


# Explosives and projectiles that are not trigger words themselves ("Two cocktails were
# exploded": Molotov cocktails, as South Asian reports call petrol bombs).
EXPLOSIVE_NOUNS = frozenset(
    {
        "cocktail", "cocktails", "explosive", "explosives", "shell", "shells", "rocket",
        "rockets", "missile", "missiles", "device", "devices",
    }
)  # fmt: skip


def _explosive_subject(frame: list[Token]) -> bool:
    """The explosive itself as the subject: "A bomb went off", "Two cocktails were
    exploded near the gate", "five more crude bombs went off at 7:15pm"."""
    return any(
        tok.dep_ in ("nsubj", "nsubjpass")
        and (TRIGGER_TYPE.get(tok.lower_) == "bombing" or tok.lower_ in EXPLOSIVE_NOUNS)
        for verb in frame
        if is_verbal(verb)
        for tok in [verb, *verb.children]
    )


def _opponent(trig: Trigger) -> bool:
    """A fight with its sides named: "troops clashed with the MNDAA", "fighting between
    the KIA and government troops", also with "between" hung elsewhere in the clause
    ("Fighting continued for a second day between the KIA and government troops")."""
    trigger = trig.token
    if TRIGGER_TYPE.get(trigger.lower_) != "clash":
        return False
    if fight_sides(trigger, trig.frame):
        return True
    preps = [*trigger.children, *_betweens(trig.frame)]
    return any(
        prep.dep_ == "prep" and prep.lower_ in ("with", "against", "between")
        and any(c.dep_ == "pobj" and _armed(c) for c in prep.children)
        for prep in preps
    )  # fmt: skip


def _betweens(frame: list[Token]) -> list[Token]:
    """ "between" within three steps below the frame's verb, through nouns only."""
    found: list[Token] = []
    verb = frame[-1]
    for tok in verb.subtree:
        if tok.lower_ != "between":
            continue
        node = tok.head
        for _ in range(3):
            if node.i == verb.i:
                found.append(tok)
                break
            if is_verbal(node) or node.head.i == node.i:
                break
            node = node.head
    return found


def _armed(side: Token) -> bool:
    """An armed group or force as a fight's other side ("clashed with the MNDAA", "with
    militants"); not the police, officials or a crowd: "They also clashed with the police"
    after a protest is a riot, which the sentence alone does not tell."""
    if side.lower_ in POLICE_WORDS:
        return False
    return (
        side.ent_type_ in ("ORG", "NORP")
        or (side.pos_ == "PROPN" and side.is_upper and len(side) > 1)
        or side.lower_ in WAR_WORDS
    )


PAST_AUX = frozenset({"was", "were", "has", "have", "had"})


def reported_past(draft: Draft) -> bool:
    """A past-tense report of one occurrence ("three cocktails were blasted at ...")."""
    return any(
        _past(tok) or (tok is trig.token and _past_purpose(tok))
        for trig in draft.triggers
        for tok in trig.frame
    )


def _past(tok: Token) -> bool:
    """A past verb (see :func:`reported_past`), also as a past participle that shares the
    auxiliary of the verb before it ("were detained and tortured by troops") or that the
    parser hung under "was/were" ("were bullet-injured")."""
    if tok.tag_ == "VBD" or (tok.tag_ == "VBN" and _aux(tok) & PAST_AUX):
        return True
    head = tok.head
    if tok.tag_ == "VBN" and tok.dep_ == "conj" and head.tag_ == "VBN":
        return bool(_aux(head) & PAST_AUX)
    return tok.tag_ == "VBN" and tok.dep_ in ("acomp", "attr") and head.lower_ in ("was", "were")


def _past_purpose(trigger: Token) -> bool:
    """The event word as what a weapon was used for, in the past ("Naxals used 100 kg of
    explosives to blow up a vehicle"); not any infinitive ("began to attack the police",
    "held a rally to mark Jail Killing Day" are not reports of the event)."""
    head = trigger.head
    return (
        trigger.tag_ == "VB"
        and "to" in _aux(trigger)
        and trigger.dep_ in ("xcomp", "advcl")
        and head.tag_ == "VBD"
        and head.lower_ in INSTRUMENT_VERBS
    )


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


# A figure above this in a sentence about a war, a year or an era is its running total, not one
# event's toll. Elsewhere a huge figure is kept: it is the events table's DQ gate that judges
# an implausible toll (and blocks the night), not the extractor that hides it.
MAX_EVENT_TOLL = 10_000
CUMULATIVE_WORDS = frozenset(
    {
        # the perfect tells a running total: "has killed", "have been killed"
        "has", "have",
        "war", "wars", "conflict", "fighting", "violence", "insurgency", "uprising", "crisis",
        "since", "total", "toll", "decade", "years", "globally", "worldwide",
    }
)  # fmt: skip


RATE_WORDS = frozenset({"a", "an", "each", "every", "per"})  # "... 725,000 people a year"


def is_running_toll(draft: Draft) -> bool:
    """A toll too large for one event in a sentence that reads as a running total: a war's,
    a year's ("kill around 725,000 people a year"), or an era's ("in 1937 killed 300,000")."""
    if all(_largest(count) <= MAX_EVENT_TOLL for count in (draft.killed, draft.wounded)):
        return False
    return any(
        token.lower_ in CUMULATIVE_WORDS
        or token.lower_ in ("annually", "yearly")
        or (token.lower_ == "year" and token.i > 0 and token.nbor(-1).lower_ in RATE_WORDS)
        or (token.shape_ == "dddd" and 1800 <= int(token.text) <= 2100)  # a year named
        for token in draft.unit
    )


def _largest(count: Count | None) -> int:
    if count is None:
        return 0
    return max(v for v in (count.value, *count_bounds(count)) if v is not None)


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# "1 February", "June 3rd", "16/01": a day of the month, with or without a year.
_DAY_OF_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}\b",
    re.IGNORECASE,
)


_NTH_DAY = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+day\b",
    re.IGNORECASE,
)


def _vague(mention: DateMention | None) -> bool:
    """A vague date phrase ("in recent weeks"); a day named by its number ("on 1 February",
    unresolved for want of a year) or by its rank ("On the 11th day of the blockade") is a
    day, not a trend."""
    return (
        mention is not None
        and mention.reason == "vague"
        and not _DAY_OF_MONTH.search(mention.text)
        and not _NTH_DAY.search(mention.text)
    )


def is_concrete(draft: Draft) -> bool:
    """Keep reported, specific events.

    Kept when any of: a town/province tied to the trigger; a casualty count; an actor and
    a resolved date tied to the trigger; a named actor and a named target.
    Hypothetical, expected, prevented or negated mentions are dropped unless they carry a
    count ("19 people will killed" is a typo, not a forecast).
    """
    if is_running_toll(draft):
        return False  # a war's running toll ("has killed more than 250,000"), not one event
    # The attackers' own dead are a toll too ("three militants were killed in an exchange
    # of fire": the clash is concrete though nobody else died).
    has_toll = any(c is not None for c in (draft.killed, draft.wounded, draft.attackers_killed))
    if draft.irrealis and not has_toll:
        return False
    if _vague(draft.date) and draft.main.tag_ == "NNS":
        return has_toll  # "stepped up suicide bombings ... in recent weeks": a trend
    tied_place = draft.place_how == "tied" and draft.place is not None and draft.place.level >= 2
    dated = draft.date is not None and draft.date_tied
    named_actor = draft.actor is not None and draft.actor.named
    named_target = draft.target is not None and draft.target.named
    local = draft.place_how == "sentence" and (
        draft.actor is not None or dated or draft.target is not None
    )
    return (
        tied_place
        or has_toll
        or local
        or (draft.actor is not None and dated)
        or (named_actor and named_target)
        or (reported_past(draft) and has_argument(draft))
    )
