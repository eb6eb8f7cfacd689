"""The syntax of place names in a Doc: which proper names sit where a place is written.

Predicates on spaCy spans used by :mod:`nightwire.event_places`: "the town of X", "X
province", "at X intersection", "in the X sector", "the Kulsumpura section of X", an
address ("Hangu, KPK"), a locative ("in X"), a distance landmark ("125 km north of X"),
an age after a name ("Murad, 20, of Jessore"), and the datelines of a story.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nightwire.event_lexicon import ADMIN_NOUNS, PLACE_NOUNS, TRIGGER_TYPE
from nightwire.gazetteer_context import LOCATIVE_PREPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

OTHER_LABELS = ("PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT")
_DASHES = frozenset({"–", "—", "-", "--"})
GROUP_NOUNS = frozenset(
    ["militants", "militant", "rebels", "rebel", "separatists", "separatist", "insurgents",
     "people", "community", "communities", "villagers", "leader", "leaders", "groups", "group",
     "tribesmen", "nationalists", "fighters", "youths", "men", "women", "students"]
)  # fmt: skip
DIRECTION_WORDS = frozenset(
    ["north", "south", "east", "west", "upper", "lower", "central", "northern", "southern",
     "eastern", "western"]
)  # fmt: skip
CALENDAR_WORDS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
     "saturday", "sunday", "ramadan", "eid"]
)  # fmt: skip
# Words that end a place name inside an entity: "Nazirabazar under Bangshal Police Station".
CUTS = frozenset({"under", "in", "(", ","})
# Nouns after a name that make it a local place: "Bangla Motor intersection", "X bazar".
LOCAL_NOUNS = frozenset(
    ["intersection", "road", "bazar", "bazaar", "market", "chowk", "crossing", "highway",
     "area", "village", "union", "thana", "para", "haat", "camp", "campus", "stand", "more",
     "junction", "square", "bridge", "mouza", "block", "tehsil", "sector", "border"]
)  # fmt: skip


# Nouns of a part of a town: "the Kulsumpura section of Hyderabad".
OF_NOUNS = frozenset(
    ["area", "areas", "locality", "section", "outskirts", "suburb", "suburbs", "part", "parts"]
)


def trim_name(span: Span) -> Span:
    """Cut a span at its first line break (or "Police Station": "Senapati Police Station" is
    the station of Senapati) and drop a leading "the"."""
    doc = span.doc
    end = next((t.i for t in span if t.is_space or "\n" in t.text or t.lower_ in CUTS), span.end)
    end = next((t.i for t in doc[span.start + 1 : end] if _police_station(t)), end)
    start = span.start
    while start < end and doc[start].lower_ in ("the", "a", "an", "’s", "'s"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("’s", "'s", "’", "'"):
        end -= 1
    return doc[start:end]


def _police_station(tok: Token) -> bool:
    return (
        tok.lower_ == "police"
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].lower_ == "station"
    )


def admin_context(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ADMIN_NOUNS:
        return True
    if span[-1].lower_ in ADMIN_NOUNS:  # "Kurdistan Region", "Anbar Province"
        return True
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    return len(before) >= 2 and before[-1] == "of" and before[-2] in ADMIN_NOUNS


def town_syntax(span: Span) -> bool:
    """ "the town of X", "X city"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if len(before) == 2 and before[1] == "of" and before[0] in PLACE_NOUNS - ADMIN_NOUNS:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and _police_station(nxt):
        return True  # "under Chainpur police station": the police station of a town
    return nxt is not None and nxt.lower_ in ("city", "town", "village")


def local_syntax(span: Span) -> bool:
    """ "at X intersection", "near X bazar", "the city's X area": a proper name before a
    local place noun, after a locative preposition or a town's possessive."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if nxt is None or nxt.lower_ not in LOCAL_NOUNS or prev is None:
        return False
    if prev.lower_ in ("'s", "’s") and span.start > 1:
        return doc[span.start - 2].lower_ in ("city", "capital", "town")
    if prev.lower_ == "the" and span.start > 1:  # "in the Tasp area", "in the Balakote sector"
        prev = doc[span.start - 2]
    return prev.lower_ in LOCATIVE_PREPS | {"of"}


def city_quarter(span: Span) -> bool:
    """ "the capital's X", "the city's X area", "X area of the city", "X in the capital": a
    quarter of the city the story is about (the capital, in a national daily)."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    if before[-3:] in (["the", "city", "'s"], ["the", "city", "’s"]) or before[-3:] in (
        ["the", "capital", "'s"],
        ["the", "capital", "’s"],
    ):
        return True
    k = span.end
    while k < len(doc) and doc[k].lower_ in LOCAL_NOUNS:
        k += 1
    after = [t.lower_ for t in doc[k : k + 4]]
    return (
        len(after) >= 3
        and after[0] in ("of", "in")
        and after[1] == "the"
        and after[2] in ("city", "capital")
        and after[3:] != ["of"]
    )


def distance_reference(span: Span) -> bool:
    """ "125 km north of X", "20 miles east of X", "50 kilometres from X"."""
    before = [t.lower_ for t in span.doc[max(0, span.start - 4) : span.start]]
    if not before or before[-1] not in ("of", "from"):
        return False
    return any(w.endswith(("km", "kms", "kilometres", "kilometers", "miles")) for w in before)


ROUTE_NOUNS = frozenset(
    {"highway", "road", "route", "railway", "expressway", "motorway", "rail", "bypass"}
)


def route_endpoint(span: Span) -> bool:
    """An end of a route named by its two towns ("on the Dhaka-Rangpur highway", "the
    Laxmipur-Moju Chowdhurir Haat road"): the road runs there, the event need not."""
    doc = span.doc
    k = span.end
    if k < len(doc) and doc[k].text in _DASHES:
        k += 1
        while k < min(len(doc), span.end + 5) and (doc[k].is_title or doc[k].pos_ == "PROPN"):
            k += 1
        if k > span.end + 1 and k < len(doc) and doc[k].lower_ in ROUTE_NOUNS:
            return True
    return (
        span.start > 0
        and doc[span.start - 1].text in _DASHES
        and span.end < len(doc)
        and doc[span.end].lower_ in ROUTE_NOUNS
    )


def age_follows(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end : span.end + 3]  # "Murad, 20, of Jessore", not "In Bannu, one ..."
    return len(nxt) == 3 and nxt[0].text == "," and nxt[1].is_digit and nxt[2].text in (",", ")")


def modifies_trigger(span: Span) -> bool:
    """ "the Kirkuk attack" (only trusted when the gazetteer knows the town)."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    root = span.root
    return (
        nxt is not None
        and nxt.lower_ in TRIGGER_TYPE
        and root.dep_ == "compound"
        and root.head.i == nxt.i
    )


def address_syntax(span: Span) -> bool:
    """Written as part of an address: "Pir Koh, Dera Bugti, Balochistan", "Hangu, KPK",
    "Balochistan's Chaman", "Rawalpindi's UC 86" -- a comma or a possessive joins it to
    another name."""
    doc = span.doc
    after = doc[span.end : span.end + 2]
    before = doc[max(0, span.start - 2) : span.start]
    if len(after) == 2 and after[0].text == "," and after[1].pos_ == "PROPN":
        return True
    if len(before) == 2 and before[1].text == "," and before[0].pos_ == "PROPN":
        return True
    if len(after) == 2 and after[0].lower_ in ("'s", "’s") and after[1].pos_ == "PROPN":
        end = after[1].i
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
        # Not the state of a district ("Narathiwat's Sukhirin district"): it would outrank it.
        return end == len(doc) or doc[end].lower_ not in ADMIN_NOUNS
    return len(before) == 2 and before[1].lower_ in ("'s", "’s") and before[0].pos_ == "PROPN"


def locative(span: Span) -> bool:
    """ "in X", "at X"; "the Dillighat locality of X", "the Kulsumpura section of X"."""
    root = span.root
    head = root.head
    if root.dep_ == "appos" and head.dep_ == "pobj" and head.ent_type_ not in ("DATE", "TIME"):
        root = head  # "in Madina Colony, Nowshera": the town of a locality
    if root.dep_ != "pobj":
        return False
    head = root.head
    if head.lower_ in LOCATIVE_PREPS or head.lower_ == "between":  # "between Laukkai and"
        return True
    return head.lower_ == "of" and head.head.lower_ in OF_NOUNS


def bare_locative(span: Span) -> bool:
    return locative(span) and not any(t.lower_ in CALENDAR_WORDS for t in span)


def datelines(doc: Doc) -> set[int]:
    """Tokens of datelines: a line opening in capitals and closed by a dash."""
    tokens: set[int] = set()
    line_starts = [0] + [t.i + 1 for t in doc if "\n" in t.text and t.i + 1 < len(doc)]
    for start in line_starts:
        first = doc[start]
        if not (first.is_upper and first.is_alpha and len(first) > 1):
            continue
        for tok in doc[start : min(start + 10, len(doc))]:
            if tok.text in _DASHES:
                tokens.update(range(start, tok.i))
                break
    return tokens
