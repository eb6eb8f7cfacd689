"""Sentences that mention violence without reporting a violent event.

* :func:`is_referenced`: the event word is what people protest, condemn, investigate or
  try someone for ("protested against the murder of three authors", "arrested in
  connection with the killing") -- an earlier event is referred to, not reported;
* :func:`is_disaster`: deaths of an earthquake, a crash, an epidemic;
* :func:`is_riot`: a clash or scuffle of crowds -- protesters, party activists and
  supporters, students, villagers, a mob -- with each other or the police, with no
  weapon of war: ACLED codes these as riots/protests, not as armed violence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REFERENCE_WORDS = _words(
    "protest protests protested protesting condemn condemned condemning condemns condemnation "
    "demand demanded demanding demands justice mourn mourned mourning commemorate "
    "commemorated commemorating anniversary memorial probe investigation investigating "
    "inquiry trial verdict sentenced convicted arrested arrest detained charged "
    "charges case hearing remembrance vigil denounced denouncing blamed"
)
PROTEST_WORDS = _words(
    "protest protests protested protesting protester protesters protestors demonstration "
    "demonstrations demonstrators demonstrated rally rallies procession processions "
    "processionists agitation agitators agitating rioters riot riots rioting mob mobs sit-in "
    "gherao picketers pickets picketing vandalised vandalized vandalism brickbats "
    "lathi-charge lathicharge lathi-charged baton-charged"
)
CROWD_WORDS = _words(
    "activists activist supporters supporter students student villagers locals residents "
    "workers worker mob crowd men groups group followers leaders leader cadres members "
    "traders people youths"
)
PARTY_PATTERN = re.compile(
    r"\b(?:League|Dal|Party|Congress|Jamaat|Shibir|BNP|BJP|TMC|Trinamool|PTI|MQM|PPP|"
    r"PML|CPI|CPM|AIADMK|DMK|ANP|JUI|BCL|JCD|AL|Sena|Samaj|Morcha|Chhatra|Jubo|Juba|"
    r"Swechchhasebak|Swechchha|Sangh|Parishad)\b"
)
WAR_WORDS = _words(
    "militants militant insurgents insurgent rebels rebel terrorists terrorist maoists maoist "
    "naxals naxal ultras jihadists gunmen army soldiers troops military tanks artillery "
    "mortar mortars rockets airstrike airstrikes taliban gunfight gunfights shootout "
    "crossfire encounter gunbattle firefight shot gun guns bullet rifle rifles pistol"
)
RIOT_KINDS = frozenset({"clash", "attack", "killing"})
POLICE_WORDS = _words("police policemen forces personnel")
DISASTER_WORDS = _words(
    "earthquake earthquakes quake flood floods flooding volcano eruption erupted landslide "
    "landslides cyclone hurricane typhoon tornado avalanche lightning stampede "
    "accident accidents crash crashed collision collided derailed derailment drowned "
    "pandemic epidemic virus covid outbreak heatwave wildfire wildfires"
)
VIOLENCE_WORDS = WAR_WORDS | _words(
    "attack attacked attackers gunmen bomb bombs bomber explosive explosives ied grenade "
    "landmine mine mines shot shooting assailants killers insurgents blast blasts sabotage"
)


def is_referenced(frame: Iterable[Token]) -> bool:
    """Is the event word (or its clause) the object of protest, condemnation or a trial?"""
    for tok in frame:
        node = tok
        for _ in range(5):
            head = node.head
            if head.i == node.i:
                break
            if head.lower_ in REFERENCE_WORDS:
                if _own_clause(node):
                    break
                return True
            if head.lower_ in ("against", "over", "for") and _protested(head.head):
                return True
            if head.lower_ == "connection":  # "arrested in connection with the killing"
                return True
            node = head
    return False


DEMONSTRATIVES = frozenset({"these", "those", "this", "that"})


def is_anaphoric(trigger: Token) -> bool:
    """ "These attacks come amid peace talks in Yangon": an event noun pointing back to the
    event already reported, not a new one (nor one placed at the talks)."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in trigger.children
    )


def _protested(word: Token) -> bool:
    """A reference word ("protested against"), or a verb whose subject is a protest
    ("Protest demonstrations were held ... against gunning down of 20 woodcutters")."""
    if word.lower_ in REFERENCE_WORDS:
        return True
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PROTEST_WORDS for c in word.children
    )


def _own_clause(node: Token) -> bool:
    """A verb coordinated with the reference word ("were arrested by the army and killed",
    "detained and tortured") or a clause before it ("A civilian was killed when ..., the
    police arrested six men") reports its own event: the reference word is not about it.
    Past tense only: a present-tense "verb" there is usually a mis-parsed noun ("the
    hanging of 1993 Mumbai blasts convict Yakub Memon")."""
    if node.tag_ not in ("VBD", "VBN"):
        return False
    return node.dep_ == "conj" or (node.dep_ == "ccomp" and node.i < node.head.i)


def is_riot(unit: Span, kinds: set[str], deaths: bool = False, sides: Sequence[Token] = ()) -> bool:
    """A crowd clash (see the module docstring), judged on the sentence's words and on the
    sides of the fight, if named ("clashes between strike supporters and police").

    A clash or protest that killed someone is violence whoever fought ("a man was killed
    in a clash between two rival groups", "police shot dead two protesters").
    """
    if not kinds or not kinds <= RIOT_KINDS:
        return False
    words = {t.lower_ for t in unit}
    if words & WAR_WORDS:
        return False
    if deaths or "killing" in kinds:
        return False  # a protest where people were killed is violence against them
    if words & PROTEST_WORDS:
        return True
    # Crowds against the police; two groups or factions fighting each other are not a riot
    # ("a clash between two factions of Jubo League": ACLED codes a battle).
    police = [s for s in sides if s.lower_ in POLICE_WORDS]
    return (
        bool(police)
        and all(s in police or _is_crowd(s) for s in sides)
        and len(police) < len(sides)
    )


def _is_crowd(side: Token) -> bool:
    """Protesters, party workers, supporters, students, youths, a party named."""
    if side.lower_ in CROWD_WORDS or side.lower_ in PROTEST_WORDS:
        return True
    phrase = side.doc[side.left_edge.i : side.right_edge.i + 1].text
    return PARTY_PATTERN.search(phrase) is not None


def is_disaster(unit: Span) -> bool:
    """Deaths of an earthquake, a flood, a crash or an epidemic, with no weapon or attacker
    in the sentence: not political violence ("an earthquake killed eight people")."""
    words = {t.lower_ for t in unit}
    return bool(words & DISASTER_WORDS) and not words & VIOLENCE_WORDS
