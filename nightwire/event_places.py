"""Place mentions in a Doc, resolved with the gazetteer and the document's own context.

The small English model often labels towns as PERSON/ORG/NORP ("the Kirkuk attack",
"the town of Tel Skof", "the mayor of Rutba"), so a mention is accepted when

* it is a GPE/LOC/FAC entity (not an actor alias such as "IS", nor a demonym); or
* any entity or proper noun sits in place syntax: "the town/city/village of X",
  "X province", "X city", "the X attack" or after "in/near/at" -- and the gazetteer or
  the syntax says it is a town; or
* its text is labelled GPE/LOC elsewhere in the same document.

Each mention gets a level: 3 town/city, 2 region/province/unknown named place,
1 country. Town names are resolved against the document's countries: country names and
demonyms ("Iraqi") and unambiguous towns weigh in (see :meth:`Gazetteer.resolve`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nightwire.event_lexicon import ADMIN_NOUNS, PLACE_NOUNS, TRIGGER_TYPE
from nightwire.gazetteer import Gazetteer, Place, get_gazetteer
from nightwire.nlp import ACTOR_ALIASES, canonical_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
OTHER_LABELS = ("PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT")
LOCATIVE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "on", "into"})
COUNTRY_PREPS = LOCATIVE_PREPS | {"across", "throughout", "of", "from", "to", "within"}
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_DASHES = frozenset({"–", "—", "-", "--"})
# Words of one country's administration: evidence of where a story happens.
ADMIN_VOCABULARY: dict[str, tuple[str, float]] = {
    "upazila": ("BD", 1.0),
    "upazilla": ("BD", 1.0),
    "uapzila": ("BD", 1.0),
    "union parishad": ("BD", 1.0),
    "tambon": ("TH", 1.0),
    "amphoe": ("TH", 1.0),
    "vdc": ("NP", 1.0),
    "panchayat": ("IN", 0.5),
    "taluk": ("IN", 0.5),
    "mandal": ("IN", 0.5),
    "township": ("MM", 0.25),
    "khasadar": ("PK", 1.0),
    "levies": ("PK", 0.5),
    "governorate": ("IQ", 0.25),
}
GROUP_NOUNS = frozenset(
    ["militants", "militant", "rebels", "rebel", "separatists", "separatist", "insurgents",
     "people", "community", "communities", "villagers", "leader", "leaders", "groups", "group",
     "tribesmen", "nationalists", "fighters", "youths", "men", "women", "students"]
)  # fmt: skip
DIRECTION_WORDS = frozenset(
    ["north", "south", "east", "west", "upper", "lower", "central", "northern", "southern",
     "eastern", "western"]
)  # fmt: skip
# Words that end a place name inside an entity: "Nazirabazar under Bangshal Police Station".
CUTS = frozenset({"under", "(", ","})
# Nouns after a name that make it a local place: "Bangla Motor intersection", "X bazar".
LOCAL_NOUNS = frozenset(
    ["intersection", "road", "bazar", "bazaar", "market", "chowk", "crossing", "highway",
     "area", "village", "union", "thana", "para", "haat", "camp", "campus", "stand", "more",
     "junction", "square", "bridge", "mouza", "block", "tehsil"]
)  # fmt: skip


@dataclass(frozen=True)
class PlaceMention:
    text: str  # tidied surface form, e.g. "Rutba"
    start: int  # token span in the Doc
    end: int
    level: int  # 3 town/city, 2 region or unknown named place, 1 country
    place: Place | None  # gazetteer city or country
    country: str | None  # country name: the place's, else the document's main country
    dateline: bool = False  # "ERBIL, Kurdistan Region –": where the reporter filed from

    @property
    def key(self) -> str:
        """Identity of the place (resolved GeoNames id, else the folded text)."""
        if self.place is not None and self.place.geonameid is not None:
            return f"gn:{self.place.geonameid}"
        return self.text.lower()


@dataclass
class DocPlaces:
    mentions: list[PlaceMention] = field(default_factory=list)
    by_token: dict[int, PlaceMention] = field(default_factory=dict)
    context: dict[str, float] = field(default_factory=dict)  # ISO code -> weight
    main_country: str | None = None
    # Where the document as a whole is: its strongest admin1, else its main country.
    hint: Place | None = None

    def at(self, token: Token) -> PlaceMention | None:
        return self.by_token.get(token.i)


def tidy_place_text(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return _POSSESSIVE.sub("", text).strip()


def _trim(span: Span) -> Span:
    """Cut a span at its first line break and drop a leading "the"."""
    doc = span.doc
    end = next((t.i for t in span if t.is_space or "\n" in t.text or t.lower_ in CUTS), span.end)
    start = span.start
    while start < end and doc[start].lower_ in ("the", "’s", "'s"):
        start += 1
    while end > start and doc[end - 1].lower_ in ("’s", "'s", "’", "'"):
        end -= 1
    return doc[start:end]


def _is_actor(text: str) -> bool:
    return canonical_name(text) in ACTOR_ALIASES


def _admin_context(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ADMIN_NOUNS:
        return True
    if span[-1].lower_ in ADMIN_NOUNS:  # "Kurdistan Region", "Anbar Province"
        return True
    before = [t.lower_ for t in doc[max(0, span.start - 3) : span.start]]
    return len(before) >= 2 and before[-1] == "of" and before[-2] in ADMIN_NOUNS


def _town_syntax(span: Span) -> bool:
    """ "the town of X", "X city"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if len(before) == 2 and before[1] == "of" and before[0] in PLACE_NOUNS - ADMIN_NOUNS:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.lower_ in ("city", "town", "village")


def _local_syntax(span: Span) -> bool:
    """ "at X intersection", "near X bazar": a proper name before a local place noun,
    after a locative preposition."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    return (
        nxt is not None
        and nxt.lower_ in LOCAL_NOUNS
        and prev is not None
        and prev.lower_ in LOCATIVE_PREPS | {"of"}
    )


def _age_follows(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end : span.end + 3]
    return len(nxt) >= 2 and nxt[0].text == "," and nxt[1].like_num


def _modifies_trigger(span: Span) -> bool:
    """ "the Kirkuk attack" (only trusted when the gazetteer knows the town)."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    root = span.root
    return (
        nxt is not None
        and nxt.lower_ in TRIGGER_TYPE
        and root.dep_ == "compound"
        and root.head.i == nxt.i
    )


def _locative(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def _datelines(doc: Doc) -> set[int]:
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


def _candidate_spans(doc: Doc) -> list[tuple[Span, str]]:
    spans: list[tuple[Span, str]] = []
    in_ent: set[int] = set()
    for ent in doc.ents:
        span = _trim(ent)
        if len(span) and ent.label_ in (*PLACE_LABELS, *OTHER_LABELS):
            spans.append((span, ent.label_))
            in_ent.update(range(ent.start, ent.end))
    # Proper nouns the recogniser missed, in "the town of X".
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ == "PROPN" and tok.i not in in_ent:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in in_ent:
                j += 1
            span = doc[i : j + 1]
            if _town_syntax(span):
                spans.append((span, ""))
            i = j + 1
        else:
            i += 1
    return spans


def collect_place_mentions(doc: Doc, gazetteer: Gazetteer | None = None) -> DocPlaces:
    """Every place mention in ``doc`` with level, gazetteer place and country."""
    gaz = gazetteer or get_gazetteer()
    spans = _candidate_spans(doc)
    known = {
        tidy_place_text(s.text).lower()
        for s, label in spans
        if label in ("GPE", "LOC") or _town_syntax(s)
    }
    weights = _context(doc, spans, known, gaz)
    countries = [code for code in weights if "." not in code]
    main_code = max(countries, key=weights.__getitem__) if countries else None
    main_country = gaz.country_name(main_code) if main_code else None
    dateline = _datelines(doc)

    result = DocPlaces(context=weights, main_country=main_country)
    regions = [c for c in weights if "." in c and c.split(".")[0] == main_code]
    if regions and weights[best := max(regions, key=weights.__getitem__)] >= 0.5:
        result.hint = gaz.region(best)
    elif main_country is not None:
        result.hint = gaz.country(main_country)
    for span, label in spans:
        mention = _mention(span, label, known, gaz, weights, main_country, dateline)
        if mention is None:
            continue
        result.mentions.append(mention)
        for i in range(mention.start, mention.end):
            result.by_token[i] = mention
    return result


def _weigh(context: defaultdict[str, float], places: list[Place], weight: float) -> None:
    """Add ``weight`` to the country (and admin1) all ``places`` share, if they share one."""
    codes = {p.country_code for p in places}
    if len(codes) != 1:
        return
    context[codes.pop()] += weight
    regions = {p.admin1_code for p in places}
    if len(regions) == 1 and (region := regions.pop()) is not None:
        context[region] += weight  # "Quetta" weighs Balochistan's other towns


def _dominant(places: list[Place]) -> Place | None:
    """The town a name means wherever it is written: at least 100,000 people and ten
    times the largest namesake in any other country ("Dhaka", "Quetta", "Khulna")."""
    towns = [p for p in places if p.feature in ("city", "city_alt")]
    primary = [p for p in towns if p.feature == "city"]  # "Tirah" is not Tehran's alias
    if not primary:
        return None
    best = max(primary, key=lambda p: p.population)
    rival = max((p.population for p in towns if p.country_code != best.country_code), default=0)
    return best if best.population >= 100_000 and best.population >= 10 * rival else None


def _context(
    doc: Doc, spans: list[tuple[Span, str]], known: set[str], gaz: Gazetteer
) -> dict[str, float]:
    """Where the story happens: weights of ISO country codes and admin1 codes.

    Countries named as places ("in Syria", "Iraq's Anbar province", "Kirkuk, Iraq"), not
    as actors ("US officials"); demonyms a little; places whose name exists in one
    country (or one admin1) only; big towns that dominate their namesakes ("Dhaka"), also
    inside other names ("Dhaka University", "the Dhaka-Rangpur highway").
    """
    context: defaultdict[str, float] = defaultdict(float)
    for span, label in spans:
        text = tidy_place_text(span.text)
        country = gaz.country(text)
        if country is not None and label in ("GPE", "LOC"):
            root = span.root
            as_place = (root.dep_ == "pobj" and root.head.lower_ in COUNTRY_PREPS) or root.dep_ in (
                "poss", "appos", "conj"
            )  # fmt: skip
            context[country.country_code] += 1.0 if as_place else 0.25
        elif label == "NORP" and (code := gaz.country_code(text)) is not None:
            context[code] += 0.25
    for tok in doc:
        if tok.lower_ in ADMIN_VOCABULARY:  # "upazila" is written of Bangladesh only
            code, weight = ADMIN_VOCABULARY[tok.lower_]
            context[code] += weight
        if tok.pos_ != "PROPN" or not tok.is_title or len(tok) < 4:
            continue
        named = gaz.country(tok.text) if tok.ent_type_ == "ORG" else None
        if named is not None:
            context[named.country_code] += 0.5  # "Jama'atul Mujahideen Bangladesh"
        big = _dominant(list(gaz.candidates(tok.text)))
        regions = [p for p in gaz.admin_candidates(tok.text) if p.feature == "admin1"]
        _weigh(context, [big] if big is not None else regions, 0.5)
    for span, _ in spans:  # "Khyber Agency", "Kupwara district", "Balochistan"
        _weigh(context, gaz.admin_candidates(tidy_place_text(span.text)), 0.5)
    # Towns of one country only count when they agree with the evidence above.
    strong = {code for code, w in context.items() if w > 0 and "." not in code}
    for span, label in spans:
        text = tidy_place_text(span.text)
        if label in ("GPE", "LOC") or text.lower() in known:
            cands = [*gaz.candidates(text), *gaz.admin_candidates(text)]
            if not strong or {c.country_code for c in cands} <= strong:
                _weigh(context, cands, 0.5)
    return {code: w for code, w in context.items() if w > 0}


def _mention(
    span: Span,
    label: str,
    known: set[str],
    gaz: Gazetteer,
    weights: dict[str, float],
    main_country: str | None,
    dateline: set[int],
) -> PlaceMention | None:
    text = tidy_place_text(span.text)
    if not text or not text[0].isupper() or _is_actor(text):
        return None
    if text.isupper() and len(text) <= 5 and label not in PLACE_LABELS:
        return None  # an acronym ("the BLA attacked") is an organisation, not a town
    if gaz.country_code(text) is not None and gaz.country(text) is None:
        return None  # a demonym ("Iraqi")
    if _age_follows(span):
        return None  # "Murad, 20, of Jessore"
    root = span.root
    if root.dep_ in ("compound", "amod") and root.head.lower_ in GROUP_NOUNS:
        return None  # "Baloch separatist militants", "Naga rebels": people, not a place
    admin = _admin_context(span)
    town = _town_syntax(span)
    accepted = label in PLACE_LABELS or text.lower() in known or town or admin
    place = gaz.resolve(text, weights, admin=admin)
    words = text.split()
    if place is None and len(words) > 1 and words[0].lower() in DIRECTION_WORDS:
        place = gaz.resolve(" ".join(words[1:]), weights, admin=admin)  # "South Sunamganj"
    if not accepted and place is not None and place.feature == "city":
        accepted = _locative(span) or _modifies_trigger(span)
    if not accepted and _local_syntax(span):
        accepted, town = True, True  # "at Bangla Motor intersection", "in Kalitala area"
    if not accepted:
        return None
    if place is not None and place.feature == "country":
        level = 1
    elif admin or (place is not None and place.feature == "admin1"):
        level = 2
    elif place is not None or town:
        level = 3
    else:
        level = 2
    # An unknown name gets the document's main country only when its syntax says it is a
    # town or province here ("the town of Tel Skof"), not for any GPE the model guessed.
    country = place.country if place is not None else (main_country if town or admin else None)
    return PlaceMention(
        text=text,
        start=span.start,
        end=span.end,
        level=level,
        place=place,
        country=country,
        dateline=span.start in dateline,
    )
