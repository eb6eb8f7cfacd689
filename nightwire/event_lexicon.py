"""Word lists for the event extractor, and trigger detection on single tokens.

The pipeline has no lemmatizer, so triggers are matched on ``token.lower_`` surface
forms, with a few part-of-speech / dependency guards where a word is ambiguous.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from nightwire.event_taxonomy import CIVILIAN_WORDS

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# event_type -> surface forms
TRIGGERS: dict[str, frozenset[str]] = {
    "bombing": _words(
        "bombing bombings bomb bombs bombed bomber bombers explosion explosions exploded "
        "blast blasts blasted detonated detonation shelling shelled mortar mortars airstrike "
        "airstrikes bombard bombarded bombarding bombardment ied ieds grenade grenades "
        "landmine landmines explode explodes exploding went blasting"
    ),
    "attack": _words(
        "attack attacks attacked attacking counterattack counterattacks counterattacked "
        "assault assaults assaulted offensive offensives raid raids raided ambush ambushed "
        "ambushes storm stormed storming overran overrun wounded wounding injured injuring "
        "shooting shootings shootout shootouts shot stabbed stabbing hacked gunfire firing "
        "fired beaten beat beating tortured torture chopped slaughtered burnt burned injuries"
    ),
    "clash": _words(
        "clash clashes clashed fighting fought battle battles battled firefight firefights "
        "gunfight gunfights skirmish skirmishes encounter encounters gunbattle gunbattles"
    ),
    "killing": _words(
        "killed killing killings kill kills dead deaths death massacre massacred massacres "
        "executed execution executions murdered murder slain beheaded assassinated "
        "assassination lynched gunned succumbed slew slay slays slaying"
    ),
    "abduction": _words("abducted abduction abductions kidnapped kidnapping kidnappings"),
    "sexual": _words("raped rape rapes gang-raped molested"),
    "capture": _words("seized captured overran recaptured retook retaken regained liberated"),
}
TRIGGER_TYPE: dict[str, str] = {w: t for t, words in TRIGGERS.items() for w in words}
# When one event has several triggers, its type is the first present in this order.
TYPE_PRECEDENCE = ("bombing", "capture", "abduction", "sexual", "attack", "clash", "killing")
WOUND_TRIGGERS = _words("wounded wounding injured injuring")
# "air strike(s)", "drone strike(s)", "car bomb" spread over two tokens.
STRIKE_MODIFIERS = _words("air drone missile rocket")
NON_EVENT_MODIFIERS = _words("heart panic asthma anxiety cyber verbal")

UNDER_VERBS = _words("came come comes coming was were is are")
# Verbs whose object is the attack itself: "launched an attack", "carried out attacks".
LIGHT_VERBS = _words(
    "launch launched launches launching mount mounted mounts mounting stage staged stages "
    "staging carry carried carries carrying conduct conducted conducts conducting claim "
    "claimed claims claiming perpetrate perpetrated commit committed committing "
    "step stepped stepping unleash unleashed begin began begun continue continued lead led"
)
# Verbs of taking a place: their object is the attack's place ("offensive to retake Mosul").
CAPTURE_VERBS = _words(
    "retake retook retaken retaking capture captured capturing recapture recaptured seize "
    "seized seizing take took taken liberate liberated liberating storm stormed overrun overran"
)
# Verbs whose object is the instrument, not an event ("using car bombs").
INSTRUMENT_VERBS = _words("use used using uses fire fired firing fitted equipped armed")
# Words that make the event hypothetical, expected, denied or prevented.
IRREALIS = _words(
    "will would could may might should must can expect expected expects expecting brace "
    "bracing fear fears feared threaten threatens threatened threat threats warn warns warned "
    "warning plan plans planned planning plot plots plotted likely possible potential "
    "imagine imagining imagined prevent prevented thwart thwarted foil foiled avert averted "
    "if unless hypothetical risk"
)
NEGATIONS = _words("not n't never no")
# Nouns naming attackers without naming the group: resolved to the document's armed group.
PERPETRATOR_NOUNS = _words(
    "militants militant insurgents insurgent jihadists jihadist extremists extremist "
    "attackers attacker gunmen gunman terrorists terrorist bombers bomber fighters group "
    "cell cells assailants assailant miscreants criminals"
)
# Nouns naming victims or targets worth reporting as the target when no entity is there.
TARGET_NOUNS = _words(
    "police policemen policeman officers officer soldiers soldier troops troop forces army "
    "personnel guards guard workers worker civilians civilian villagers residents pilgrims "
    "worshippers children women students journalists officials official peshmerga militiamen "
    "positions position checkpoint checkpoints convoy convoys base bases compound station "
    "stations hospital school mosque market church plant hotel headquarters building "
    "buildings refinery barracks patrol prisoners protesters tribesmen"
)
# Victims whose death makes a "killing" a "clash" when the killer is known.
COMBATANT_NOUNS = PERPETRATOR_NOUNS | _words(
    "soldiers soldier troops troop forces army policemen policeman police officers officer "
    "personnel guards guard peshmerga militiamen commanders commander"
)
GENERIC_VICTIMS = _words("people persons others individuals")
# Nouns that carry a place through them: "the town of X", "positions in X".
PLACE_NOUNS = _words(
    "town towns city cities village villages province provinces district districts region "
    "regions governorate area areas outskirts suburb suburbs neighbourhood neighborhood "
    "centre center capital desert front frontline frontlines countryside border upazila "
    "upazilas tehsil intersection bazar bazaar market"
)
ADMIN_NOUNS = _words(
    "province governorate region district state county prefecture upazila upazilla tehsil "
    "agency township division municipality oblast mandal taluk taluka thana sadar districts "
    "subdivision block"
)
# Prepositions through which a place is *not* the event's place ("away from Mosul").
BLOCK_PREPS = _words(
    "from for to toward towards like unlike about despite than according as since until "
    "after before during"
)
# Non-state armed groups: a generic "militants" is read as the most mentioned of these.
ARMED_GROUP_WORDS = _words(
    "state isis isil daesh qaeda taliban shabaab boko haram hezbollah hamas pkk ypg houthis "
    "houthi front brigade brigades militia militias army movement jihad ansar"
)


# Every word trigger_type can accept: the lexicon plus the heads of the multi-word
# constructions it recognises ("air strike", "opened fire", "blown up", "targeted").
CANDIDATE_WORDS = frozenset(TRIGGER_TYPE) | _words(
    "strike strikes fire fires blown blew blow targeted engaged gun guns gunning body bodies"
)
# A body found with the marks of a killing ("the bullet-riddled body of a Jubo Dal leader
# was recovered", "a body with bullet wounds"): words before it, and wounds after it.
KILLED_BODY_WORDS = _words(
    "riddled ridden bullet-riddled bullet-ridden bullet-hit hacked mutilated decapitated "
    "headless beheaded charred tortured"
)
BODY_WOUNDS = ("bullet wound", "bullet injur", "gunshot wound", "torture mark", "stab wound")


@lru_cache(maxsize=16)
def _lower_ids(words: frozenset[str]) -> np.ndarray:
    import numpy as np
    from spacy.strings import get_string_id

    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def tokens_among(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices, in order, of the tokens whose lower-cased form is one of ``words``.

    One vectorised pass over the Doc's LOWER column: making a Token object for every word
    of an article costs more than all the extractor does with the few that matter.
    """
    import numpy as np
    from spacy.attrs import LOWER

    if not len(doc):
        return []
    lowers = doc.to_array(LOWER)
    ids = _lower_ids(words)
    # Membership by binary search in the sorted ids (cheaper than np.isin for short lists).
    at = np.minimum(np.searchsorted(ids, lowers), len(ids) - 1)
    return np.flatnonzero(ids[at] == lowers).tolist()


def doc_triggers(doc: Doc) -> dict[int, str]:
    """Token index -> event type of every trigger token of ``doc`` (see trigger_type)."""
    found: dict[int, str] = {}
    for i in tokens_among(doc, CANDIDATE_WORDS):
        kind = trigger_type(doc[i])
        if kind is not None:
            found[i] = kind
    return found


def trigger_type(token: Token) -> str | None:
    """The event type a token triggers, or ``None`` (with guards for ambiguous words)."""
    word = token.lower_
    doc = token.doc
    prev = doc[token.i - 1].lower_ if token.i > 0 else ""
    if word in ("strike", "strikes") and prev in STRIKE_MODIFIERS:
        return "bombing"
    if word == "fire" and token.head.lower_ in ("opened", "open", "opening", "opens"):
        return "attack"  # "militants opened fire on a police van"
    if word in ("fire", "fires") and token.head.lower_ in ("exchanged", "exchange", "exchanging"):
        return "clash"  # "Rangers and BSF troops exchanged fire"
    if word == "fire" and prev == "of" and doc[token.i - 2].lower_ in ("exchange", "exchanges"):
        return "clash"  # "an exchange of fire"
    if word in ("fire", "attack") and prev == "under" and token.head.head.lower_ in UNDER_VERBS:
        return "attack"  # "a convoy came under fire"
    if word == "engaged" and any(_is_armed(c) for c in token.children if c.dep_ == "dobj"):
        return "clash"  # "Army and police forces engaged the KPLT"
    if word in ("blown", "blew", "blow") and "up" in _children(token):
        return "bombing"  # "a railway track was blown up by an IED"
    if word == "targeted" and any(c.dep_ in ("dobj", "obj") for c in token.children):
        return "attack"  # "Pakistani troops targeted an Indian post"
    if word in ("body", "bodies"):
        return "killing" if _killed_body(token) else None
    if word in ("gunned", "gun", "guns", "gunning"):
        # "gunned down", "Policemen gun down two militants"; not "a gun", "guns were seized"
        return "killing" if any(c.lower_ == "down" for c in token.children) else None
    kind = TRIGGER_TYPE.get(word)
    if kind is None or prev in NON_EVENT_MODIFIERS:
        return None
    if word in ("offensive", "offensives") and token.dep_ == "amod":
        return None  # "offensive remarks"
    if word in ("storm", "storming") and token.pos_ != "VERB":
        return None  # the weather
    if word == "fighting" and token.pos_ == "VERB" and token.dep_ not in ("nsubj", "dobj", "pobj"):
        # "women fighting for their rights", "they're fighting back"; but "fighting in X",
        # "Fighting between the KIA and government troops"
        located = any(
            c.dep_ == "prep" and c.lower_ in ("in", "near", "between") for c in token.children
        )
        if not located:
            return None
    if word in ("shot", "hacked") and token.pos_ != "VERB" and not _verb_like(token):
        return None  # "a shot", "a hacked account" (as verbs: "shot dead", "hacked to death")
    if word in ("bomber", "bombers") and prev != "suicide":
        return None
    if not _guarded(token, word):
        return None
    if word in ("dead", "death") and token.dep_ == "amod":
        return None  # "a dead end"
    if word in WOUND_TRIGGERS and token.dep_ == "amod":
        return None  # "wounded soldiers were evacuated"
    return kind


# Objects that make "fired" a shooting ("fired shots"), and places that make "captured" a
# taking of territory rather than of people.
FIRED_OBJECTS = _words("shots shot bullets rounds rockets rocket mortars mortar shells missiles")
TERRITORY_NOUNS = PLACE_NOUNS | _words(
    "control territory base bases post posts outpost outposts positions position checkpoint "
    "camp camps hill hills villages village town city airport airbase field oilfield hilltop "
    "hilltops stronghold strongholds"
)


def _killed_body(token: Token) -> bool:
    """A body with the marks of a killing: "bullet-riddled", "hacked", "with bullet wounds"."""
    doc = token.doc
    before = {t.lower_ for t in doc[max(token.sent.start, token.i - 4) : token.i]}
    if before & KILLED_BODY_WORDS or ("bullet" in before and before & {"hit", "riddled"}):
        return True
    after = doc[token.i : min(token.sent.end, token.i + 12)].text.lower()
    return any(wound in after for wound in BODY_WOUNDS)


def _next(token: Token) -> str:
    return token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""


def _is_armed(token: Token) -> bool:
    """An armed organisation or force as the object of "engaged" ("the KPLT")."""
    return (
        token.ent_type_ == "ORG"
        or (token.pos_ == "PROPN" and token.is_upper and len(token) > 1)
        or token.lower_ in COMBATANT_NOUNS
    )


def _verb_like(token: Token) -> bool:
    """A verb the tagger took for a noun: it has a subject and an object ("extremists of
    the banned outfit shot Yadav, a contractor, dead")."""
    deps = {c.dep_ for c in token.children}
    return token.dep_ == "ROOT" and "nsubj" in deps and "dobj" in deps


def is_place_word(token: Token) -> bool:
    """A place named (GPE, LOC, FAC) or a territory noun ("the town", "a checkpoint")."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lower_ in TERRITORY_NOUNS


# People who can be burnt in an attack: the taxonomy's civilians, pronouns, and the crews and
# policemen of torched vehicles.
BURNT_PEOPLE = (
    GENERIC_VICTIMS
    | CIVILIAN_WORDS
    | _words("he she they helper helpers assistant assistants policeman policemen")
)


def _person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lower_ in BURNT_PEOPLE


def _children(token: Token) -> set[str]:
    return {c.lower_ for c in token.children}


def _guarded(token: Token, word: str) -> bool:
    """Guards for words that are violent only in some constructions."""
    kids = _children(token)
    if word == "went":
        return "off" in kids  # "bombs went off"
    if word == "fired":
        objects = {c.lower_ for c in token.children if c.dep_ in ("dobj", "obj")}
        return bool(kids & {"on", "upon", "at"} or objects & FIRED_OBJECTS)
    if word == "beat":
        return bool(kids & {"up", "death"}) or any(c.lower_ == "to" for c in token.children)
    if word in ("burnt", "burned"):
        if kids & {"alive", "death", "to"} or _next(token) == "alive":  # "burnt alive two"
            return True
        # "A transport worker was burnt when ... torched two buses"; not "Effigies were burnt"
        return any(c.dep_ == "nsubjpass" and _person(c) for c in token.children)
    if word in ("injuries", "injury"):
        return token.head.lower_ in ("sustained", "received", "suffered", "sustaining")
    if word in TRIGGERS["capture"]:
        for child in token.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass") and is_place_word(child):
                return True
        return False
    return True


# Bombing words that name the event, never the weapon.
BOMBING_EVENTS = _words(
    "bombing bombings bombardment shelling explosion explosions blast blasts airstrike "
    "airstrikes detonation blasting"
)


def is_instrument(token: Token) -> bool:
    """A bombing word naming a weapon used in another event ("using car suicide bombs")."""
    if TRIGGER_TYPE.get(token.lower_) != "bombing" or token.lower_ in BOMBING_EVENTS:
        return False  # "fired a massive artillery bombardment": the event, not a weapon
    node = token
    while node.dep_ in ("compound", "amod", "conj") and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("dobj", "obj") and node.head.lower_ in INSTRUMENT_VERBS:
        return True
    return node.dep_ == "pobj" and node.head.lower_ == "with"
