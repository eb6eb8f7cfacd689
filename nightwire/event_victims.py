"""Whom an event is against: its target, and who the victims of a casualty count are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nightwire.casualties import VictimGroup, is_number_token
from nightwire.event_actors import actor_from_phrase, named_in, phrase_tokens
from nightwire.event_args import VERBAL, is_verbal, mention_span
from nightwire.event_context import PROTEST_WORDS
from nightwire.event_lexicon import (
    CANDIDATE_WORDS,
    COMBATANT_NOUNS,
    GENERIC_VICTIMS,
    PERPETRATOR_NOUNS,
    PLACE_NOUNS,
    TARGET_NOUNS,
    TRIGGER_TYPE,
    UNDER_VERBS,
    _words,
)
from nightwire.nlp import ACTOR_ALIASES, canonical_name

if TYPE_CHECKING:
    from spacy.tokens import Token

    from nightwire.event_places import DocPlaces


def victims_head(victims: tuple[Token, ...]) -> Token | None:
    """The head noun of a victims phrase ("soldiers" in "30 Syrian soldiers",
    "Peshmerga" in "Scores of Peshmerga")."""
    inside = {t.i for t in victims}
    nouns = [t for t in victims if t.pos_ in ("NOUN", "PROPN")]
    tops = [t for t in nouns if t.head.i not in inside or t.head.i == t.i]
    head = tops[0] if tops else (nouns[-1] if nouns else None)
    if head is not None and is_number_token(head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), head)
    return head


def victim_name(group: VictimGroup, places: DocPlaces, armed_group: str | None) -> str | None:
    """Who the victims are, as an actor name: an organisation in the phrase ("48 IS
    militants" -> Islamic State), or the document's armed group for a bare "militants",
    "insurgents" ...; else ``None``."""
    for tok in group.tokens:
        if tok.ent_type_ in ("ORG", "NORP"):
            actor = actor_from_phrase(tok, places, None)
            if actor is not None:
                return actor.name
    head = victims_head(group.tokens)
    if head is not None and head.lower_ in PERPETRATOR_NOUNS - {"group", "cell", "cells"}:
        return armed_group
    return None


def are_combatants(groups: Iterable[VictimGroup]) -> bool:
    """Were the dead combatants: an armed organisation, militants, soldiers, police?"""
    for group in groups:
        if any(t.ent_type_ == "ORG" for t in group.tokens):
            return True
        head = victims_head(group.tokens)
        if head is not None and head.lower_ in COMBATANT_NOUNS:
            return True
    return False


@dataclass(frozen=True)
class Target:
    name: str
    named: bool  # an organisation, not a noun phrase ("police officers")
    start: int  # character offsets of the mention
    end: int


def _target(name: str, named: bool, tok: Token) -> Target:
    start, end = mention_span(tok)
    return Target(name, named, start, end)


def target_name(head: Token, places: DocPlaces) -> Target | None:
    """The target/victims phrase headed by ``head``; places and bare generic nouns give None.

    An organisation in the phrase names the target ("IS positions" -> Islamic State,
    "Iraqi Army positions" -> Iraqi Security Forces); otherwise a target noun keeps its
    modifiers ("Syrian soldiers", "police officers"); "people" defers to "including X".
    """
    if places.at(head) is not None or head.pos_ == "PRON" or head.lower_ in PLACE_NOUNS:
        return None
    tokens = phrase_tokens(head)
    words = [t for t in tokens if t.dep_ in ("compound", "amod") or t.i == head.i]
    whole = canonical_name(" ".join(t.text for t in words))
    if whole in ACTOR_ALIASES:
        return _target(whole, True, head)
    orgs = [t for t in tokens if t.ent_type_ == "ORG" or (t.i == head.i and t.ent_type_ == "NORP")]
    if orgs:
        name = named_in(orgs, places)
        if name is not None:
            return _target(name, True, orgs[0])
    if head.lower_ in GENERIC_VICTIMS:
        for prep in head.children:  # "19 people, including 6 police officers"
            if prep.dep_ == "prep" and prep.lower_ == "including":
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    return target_name(inner, places)
        return None
    if head.lower_ in TARGET_NOUNS or head.ent_type_ == "NORP":
        mods = [
            t for t in head.children
            if t.dep_ in ("compound", "amod") and t.i < head.i and t.pos_ not in VERBAL
            and t.lower_ not in ("more", "other", "several", "various", "frequent")
        ]  # fmt: skip
        phrase = sorted([*mods, head], key=lambda t: t.i)
        start = phrase[0].idx
        return Target(" ".join(t.text for t in phrase), False, start, head.idx + len(head.text))
    return None


def object_heads(trigger: Token) -> list[Token]:
    """Heads of what an event word is directed at: "attack on/against X", "attacked X"."""
    heads: list[Token] = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting", "upon", "at"):
            heads += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "obj") and is_verbal(trigger):
            heads.append(child)
    return heads


def target_of(trigger: Token, places: DocPlaces) -> Target | None:
    """Whom or what the event was against: "attack on/against X", "attacked X"."""
    for head in object_heads(trigger):
        if head.lower_ == "at" or (trigger.lower_ in ("fired", "firing") and head.dep_ == "dobj"):
            continue
        found = target_name(head, places)
        if found is not None:
            return found
    return None


WEAPON_VERBS = _words("fired firing fire hurled hurling hurl threw throwing throw exploded blasted")
CROWD_SUBJECTS = PROTEST_WORDS | _words(
    "activists activist supporters supporter students villagers locals residents workers "
    "mob crowd crowds youths cadres followers"
)
PROPERTY_NOUNS = _words(
    "car cars vehicle vehicles bus buses truck trucks house houses home homes shop shops "
    "office offices building buildings bogies train property properties motorcycle "
    "motorcycles"
)


UNDERGOER_DEPS = frozenset({"nsubjpass", "dobj"})


def _subject_undergoes(verb: Token) -> bool:
    if verb.lower_ == "succumbed":
        return True
    return verb.lower_ in UNDER_VERBS and any(c.lower_ == "under" for c in verb.children)


def undergoer(frame: list[Token]) -> Token | None:
    """Who the event befell, named as the passive subject or the object of its verb ("An
    NGO worker was attacked in his house", "A man was hospitalized after being beaten"),
    or as the subject of "came under" ("A convoy came under fire") and of "succumbed"
    ("The boy later succumbed to his injuries"): a victim even when no noun list knows it.

    Not the object of "fired"/"exploded" (the weapon: "fired rubber bullets", "exploded
    crude bombs"), not property ("cars were attacked"), and not what a crowd did ("the
    party workers beat up some tourists"): vandalism and scuffles around a protest are
    riots, which the sentence alone often does not tell.
    """
    inside = {t.i for t in frame}
    for tok in frame:
        if (
            not is_verbal(tok)
            or tok.lower_ in WEAPON_VERBS
            or TRIGGER_TYPE.get(tok.lower_) == "bombing"
        ):
            continue
        killing = TRIGGER_TYPE.get(tok.lower_) == "killing"  # "The protesters lynched a driver"
        if not killing and any(
            c.dep_ == "nsubj" and c.lower_ in CROWD_SUBJECTS for c in tok.children
        ):
            continue
        deps = UNDERGOER_DEPS | ({"nsubj"} if _subject_undergoes(tok) else set())
        for child in tok.children:
            if (
                child.dep_ in deps
                and child.pos_ in ("NOUN", "PROPN")
                and child.i not in inside
                and child.lower_ not in CANDIDATE_WORDS  # "set fire to", "exploded bombs"
                and child.lower_ not in PROPERTY_NOUNS
            ):
                return child
    return None
