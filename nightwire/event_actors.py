"""Who carried out an event: :func:`actor_of`, from the dependency parse around a trigger.

Patterns: the subject of the verb that reports the event ("IS fighters attacked", "Isis
launched an attack"), the agent of a passive or of a noun ("were killed by militants",
"an attack by the Islamic State"), the possessor or modifier of the event noun ("ISIL's
attack", "the IS attack"), the sides of a fight ("fighting between the KIA and government
troops"). Names are canonical (:func:`nightwire.nlp.canonical_name`); a generic
"militants" is read as the document's dominant armed group (:func:`dominant_armed_group`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nightwire.event_args import VERBAL, inside, is_verbal, mention_span, subject_chain
from nightwire.event_lexicon import ARMED_GROUP_WORDS, LIGHT_VERBS, PERPETRATOR_NOUNS
from nightwire.nlp import ACTOR_ALIASES, canonical_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from nightwire.event_places import DocPlaces

PARTICIPATE_VERBS = frozenset({"participated", "participate", "involved", "joined", "took"})
ACTOR_LABELS = frozenset({"ORG", "NORP"})
UNIDENTIFIED = "Unidentified armed group"
SKIPPABLE = frozenset({"AUX", "ADV", "PUNCT", "PART"})


@dataclass(frozen=True)
class Actor:
    name: str
    named: bool  # False when a generic noun ("the militants") was read as the armed group
    token: int  # token index of the phrase head
    start: int = 0  # character offsets of the mention (entity, or head with its modifiers)
    end: int = 0


def _actor(name: str, named: bool, tok: Token) -> Actor:
    start, end = mention_span(tok)
    return Actor(name, named, tok.i, start, end)


def dominant_armed_group(doc: Doc, triggers: Mapping[int, str] | None = None) -> str | None:
    """The most mentioned armed group, to read "the militants" as.

    Armed groups: the Islamic State aliases, organisations named like one ("... Front",
    "Taliban", "militia"), and organisations that are the subject or possessor of a
    violent-event word somewhere in the document ("TTP militants attacked"). ``triggers``
    (token index -> type, from ``event_lexicon.doc_triggers``) saves finding them again.
    """
    if triggers is None:
        from nightwire.event_lexicon import doc_triggers

        triggers = doc_triggers(doc)
    agents: set[str] = set()
    for i in triggers:
        tok = doc[i]
        heads = [tok, tok.head] if tok.dep_ in ("dobj", "pobj") else [tok]
        for head in heads:
            for child in head.children:
                if child.dep_ in ("nsubj", "poss", "compound") and child.ent_type_ == "ORG":
                    agents.add(canonical_name(child.text))
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        name = canonical_name(ent.text.split("\n")[0])
        words = set(name.lower().replace("-", " ").split())
        state = (name in ACTOR_ALIASES and name != "Islamic State") or _state_force(words)
        if not state and (name == "Islamic State" or words & ARMED_GROUP_WORDS or name in agents):
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


_FORCE_WORDS = frozenset({"the", "army", "armed", "forces", "military", "pak", "burma"})


def _state_force(words: set[str]) -> bool:
    """ "The Army", "Pak Army", "Indian Army": a state's army, not an armed group."""
    from nightwire.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    return "army" in words and all(w in _FORCE_WORDS or gaz.country_code(w) for w in words)


def phrase_tokens(head: Token) -> list[Token]:
    """The head with its nominal modifiers and "of" complements ("Gangs of Isis fighters")."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod", "appos", "poss", "nummod", "pobj"):
                if child.pos_ not in VERBAL:
                    out.append(child)
                    stack.append(child)
            elif child.dep_ == "prep" and child.lower_ == "of":
                out.append(child)
                stack.append(child)
    # A mis-parsed entity right before the phrase ("IS fighters" with "IS" as a verb).
    left = min(out, key=lambda t: t.i)
    if left.i > 0:
        prev = head.doc[left.i - 1]
        if prev.ent_type_ in ACTOR_LABELS and prev.dep_ not in ("nsubj", "dobj"):
            out.append(prev)
    return sorted(out, key=lambda t: t.i)


def named_in(tokens: list[Token], places: DocPlaces) -> str | None:
    """Canonical name of the ORG/NORP entity in a phrase (alias table first)."""
    words = [t for t in tokens if t.dep_ not in ("det", "poss") or t.ent_type_]
    head_text = " ".join(
        t.text for t in words if t.dep_ in ("compound", "amod") or t.i == words[-1].i
    )
    whole = canonical_name(head_text)
    if whole in ACTOR_ALIASES:
        return whole
    seen: set[int] = set()
    for tok in tokens:
        if tok.ent_type_ in ACTOR_LABELS and tok.i not in seen and places.at(tok) is None:
            ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
            seen.update(range(ent.start, ent.end))
            name = canonical_name(ent.text.split("\n")[0])
            if name and name[0].isupper():
                return name
    return None


def _in_dateline(tok: Token) -> bool:
    """ "UNITED NATIONS – ...": an upper-case place or agency before a dash."""
    doc = tok.doc
    after = doc[tok.i + 1 : tok.i + 3]
    return tok.is_upper and any(t.text in ("–", "—", "-", "--") for t in after)


def actor_from_phrase(head: Token, places: DocPlaces, group: str | None) -> Actor | None:
    if head.pos_ == "PRON" or head.lower_ in ("who", "which", "that") or head.ent_type_ == "PERSON":
        return None
    if _in_dateline(head):
        return None
    tokens = phrase_tokens(head)
    name = named_in(tokens, places)
    if name is not None:
        entity = next((t for t in tokens if t.ent_type_ in ACTOR_LABELS), head)
        return _actor(name, True, entity)
    mention = places.at(head)
    if mention is not None and mention.level == 1 and head.dep_ == "nsubj":
        return _actor(mention.text, True, head)  # a country as the subject: "Turkey bombed"
    if head.lower_ in PERPETRATOR_NOUNS and group is not None:
        return _actor(group, False, head)
    if head.lower_ in PERPETRATOR_NOUNS and head.lower_ not in ("group", "cell", "cells"):
        return _actor(UNIDENTIFIED, False, head)  # "unknown assailants", no group in the text
    return None


def by_agent(tok: Token) -> Token | None:
    """ "by X" under a noun or a passive verb."""
    for child in tok.children:
        if child.dep_ in ("agent", "prep") and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def actor_of(
    trigger: Token,
    frame: list[Token],
    places: DocPlaces,
    group: str | None,
    unit: Span | None = None,
) -> Actor | None:
    """Who carried out the event (see the module docstring for the patterns)."""
    candidates: list[Token] = []
    if not is_verbal(trigger):
        for child in trigger.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in ACTOR_LABELS
            ):
                candidates.append(child)  # "ISIL's attack", "the IS attack", "Iraqi offensive"
        if (agent := by_agent(trigger)) is not None:
            candidates.append(agent)  # "an attack by the Islamic State"
        for child in trigger.children:  # "assaults ISIS has mounted", "which X blamed on Y"
            if child.dep_ in ("relcl", "acl"):
                if child.lower_ in LIGHT_VERBS:
                    candidates += [c for c in child.children if c.dep_ == "nsubj"]
                candidates += _blamed_on(child)
    candidates += fight_sides(trigger, frame)  # "fighting between the KIA and the army"
    verbs = [*frame, *subject_chain(frame, unit)]
    # "Knight sees in the attack ...": the subject of a verb the trigger is only a
    # prepositional complement of did not attack (unless "took part in", "joined in",
    # "claimed responsibility for").
    verbs = [
        v for k, v in enumerate(verbs)
        if is_verbal(v)
        and (k == 0 or verbs[k - 1].dep_ != "pobj" or v.lower_ in PARTICIPATE_VERBS
             or verbs[k - 1].head.head.lower_ == "responsibility")
    ]  # fmt: skip
    for verb in verbs:
        if (agent := by_agent(verb)) is not None:
            candidates.append(agent)  # "were killed by militants"
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i not in {f.i for f in frame}:
                candidates.append(child)  # "IS fighters attacked", "Isis launched an attack"
    for cand in candidates:
        if not inside(cand, unit):
            continue
        if cand.lower_ in ("who", "which", "that") and cand.head.dep_ == "relcl":
            cand = cand.head.head  # "the militants who launched the attack"
        actor = actor_from_phrase(cand, places, group)
        if actor is not None:
            return actor
    # Mis-parsed subject: an organisation right before the verb ("Daesh (Isis) has
    # attacked", "after IS launched" with "IS" read as an auxiliary).
    for verb in verbs:
        if any(c.dep_ == "nsubj" and inside(c, unit) for c in verb.children):
            continue
        i = verb.i - 1
        while i >= 0 and not verb.doc[i].ent_type_ and verb.doc[i].pos_ in SKIPPABLE:
            i -= 1
        tok = verb.doc[i] if i >= 0 else None
        if tok is None or not inside(tok, unit) or places.at(tok) is not None:
            continue
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in ("–", "—", "-", "--"):
            continue  # a dateline ("UNITED NATIONS – The Islamic State mounted ...")
        if tok.ent_type_ == "ORG":
            ent = next(e for e in verb.doc.ents if e.start <= tok.i < e.end)
            return _actor(canonical_name(ent.text), True, tok)
    return None


def fight_sides(trigger: Token, frame: list[Token]) -> list[Token]:
    """The sides of "between X and Y" under the trigger or its verb, in order ("fighting
    between the KIA and government troops", "clashes broke out between X and Y")."""
    for tok in [trigger, *frame[1:]]:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                first = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if first is not None:
                    return [first, *(c for c in first.conjuncts if c.i > first.i)]
    return []


def _blamed_on(verb: Token) -> list[Token]:
    if verb.lower_ not in ("blamed", "blames", "blame", "claimed", "claims"):
        return []
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("on", "by"):
            out += [c for c in child.children if c.dep_ == "pobj"]
    return out
