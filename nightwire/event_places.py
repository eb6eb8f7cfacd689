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

    def at(self, token: Token) -> PlaceMention | None:
        return self.by_token.get(token.i)


def tidy_place_text(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return _POSSESSIVE.sub("", text).strip()


def _trim(span: Span) -> Span:
    """Cut a span at its first line break and drop a leading "the"."""
    doc = span.doc
    end = next((t.i for t in span if t.is_space or "\n" in t.text), span.end)
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
    # Country context: where the story happens. Countries named as places ("in Syria",
    # "Iraq's Anbar province", "Kirkuk, Iraq"), not as actors ("US officials"); demonyms a
    # little; towns whose name exists in one country only.
    context: defaultdict[str, float] = defaultdict(float)
    for span, label in spans:
        text = tidy_place_text(span.text)
        country = gaz.country(text)
        if country is not None and label in ("GPE", "LOC"):
            root = span.root
            as_place = (root.dep_ == "pobj" and root.head.lower_ in COUNTRY_PREPS) or root.dep_ in (
                "poss", "appos", "conj"
            )  # fmt: skip
            context[country.country_code] += 1.0 if as_place else 0.0
        elif label == "NORP" and (code := gaz.country_code(text)) is not None:
            context[code] += 0.25
    for span, label in spans:
        text = tidy_place_text(span.text)
        if label in ("GPE", "LOC") or text.lower() in known:
            codes = {c.country_code for c in gaz.candidates(text)}
            if len(codes) == 1:
                context[codes.pop()] += 0.5
    weights = {code: w for code, w in context.items() if w > 0}
    main_code = max(weights, key=weights.__getitem__) if weights else None
    main_country = gaz.country_name(main_code) if main_code else None
    dateline = _datelines(doc)

    result = DocPlaces(context=weights, main_country=main_country)
    for span, label in spans:
        mention = _mention(span, label, known, gaz, weights, main_country, dateline)
        if mention is None:
            continue
        result.mentions.append(mention)
        for i in range(mention.start, mention.end):
            result.by_token[i] = mention
    return result


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
    admin = _admin_context(span)
    town = _town_syntax(span)
    accepted = label in PLACE_LABELS or text.lower() in known or town or admin
    place = None if admin else gaz.resolve(text, weights)
    if not accepted and place is not None and place.feature == "city":
        accepted = _locative(span) or _modifies_trigger(span)
    if not accepted:
        return None
    if place is not None and place.feature == "country":
        level = 1
    elif admin:
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
