"""Who the victims of a casualty count are: head noun, actor name, combatant or not."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from nightwire.casualties import VictimGroup, is_number_token
from nightwire.event_args import actor_from_phrase
from nightwire.event_lexicon import COMBATANT_NOUNS, PERPETRATOR_NOUNS

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
