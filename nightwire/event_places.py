"""Place mentions in a Doc, resolved with the gazetteer and the document's own context.

The small English model often labels towns as PERSON/ORG/NORP ("the Kirkuk attack",
"the town of Tel Skof", "the mayor of Rutba"), so a mention is accepted when

* it is a GPE/LOC/FAC entity (not an actor alias such as "IS", nor a demonym); or
* any entity or proper noun sits in place syntax: "the town/city/village of X",
  "X province", "X city", "the X attack" or after "in/near/at" -- and the gazetteer or
  the syntax says it is a town; or
* its text is labelled GPE/LOC elsewhere in the same document.

Names the recogniser cut ("Dera" + "Ismail Khan") are joined, press abbreviations
expanded ("DIK"), landmarks of a distance ("125 km north of Ranchi") skipped.

Each mention gets a level: 3 town/city, 2 region/province/unknown named place,
1 country. Town names are resolved against the document's countries and regions
(:mod:`nightwire.gazetteer_context`; see :meth:`Gazetteer.resolve`); a town written with
its container ("X village in Y upazila") must lie near it. The document's hint, for
events it names no place for, is its own town or district, else the home of its conflict
("MNDAA" -> Laukkai), else its strongest admin1, else its main country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from nightwire.border_sectors import namesake_of_sector, sector_district
from nightwire.event_geo_names import CONFLICT_HOMES, PLACE_ABBREVIATIONS
from nightwire.event_lexicon import ADMIN_NOUNS
from nightwire.gazetteer import Gazetteer, Place, get_gazetteer
from nightwire.gazetteer_context import (
    PLACE_LABELS,
    document_context,
    merge_names,
    tidy_place_text,
)
from nightwire.gazetteer_local import LOADERS
from nightwire.nlp import ACTOR_ALIASES, canonical_name
from nightwire.place_candidates import CAMPUS_WORDS, candidate_spans
from nightwire.place_containers import far, fit_containers
from nightwire.place_syntax import (
    DIRECTION_WORDS,
    GROUP_NOUNS,
    address_syntax,
    admin_context,
    age_follows,
    city_quarter,
    datelines,
    distance_reference,
    local_syntax,
    locative,
    modifies_trigger,
    route_endpoint,
    town_syntax,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "Jessore Sadar" upazila is the district's own town.
_SADAR = re.compile(r"(?<=\S)\s+sadar$", re.IGNORECASE)


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


def _is_actor(text: str) -> bool:
    return canonical_name(text) in ACTOR_ALIASES


def _leading_word(word: str, gaz: Gazetteer) -> bool:
    """A word before a place's name that is not part of it: a direction ("South
    Sunamganj") or a country ("Bangladesh Dinajpur District", a lost comma)."""
    return word.lower() in DIRECTION_WORDS or gaz.country(word) is not None


def collect_place_mentions(doc: Doc, gazetteer: Gazetteer | None = None) -> DocPlaces:
    """Every place mention in ``doc`` with level, gazetteer place and country."""
    gaz = gazetteer or get_gazetteer()
    spans = merge_names(candidate_spans(doc), gaz)
    known = {
        tidy_place_text(s.text).lower()
        for s, label in spans
        if label in ("GPE", "LOC") or town_syntax(s)
    }
    weights = document_context(doc, spans, known, gaz)
    main_code = _main_code(weights)
    main_country = gaz.country_name(main_code) if main_code else None
    dateline = datelines(doc)

    result = DocPlaces(context=weights, main_country=main_country)
    regions = [c for c in weights if "." in c and c.split(".")[0] == main_code]
    if regions and weights[best := max(regions, key=weights.__getitem__)] >= 0.5:
        result.hint = gaz.region(best)
    elif main_country is not None:
        result.hint = gaz.country(main_country)
    home = _conflict_home(doc, main_code, gaz)
    region = result.hint.admin1_code if result.hint is not None else None
    if home is not None and region in (None, home.admin1_code):
        result.hint = home  # no admin1 named, or the conflict's own
    landmark: Place | None = None  # "20 miles east of Hpakant": near, if nothing closer
    for span, label in spans:
        mention = _mention(span, label, known, gaz, weights, main_country, dateline)
        if mention is None:
            if landmark is None and distance_reference(span) and label in PLACE_LABELS:
                found = gaz.resolve(tidy_place_text(span.text), weights)
                landmark = found if found is not None and found.precision == "town" else None
            continue
        result.mentions.append(mention)
        for i in range(mention.start, mention.end):
            result.by_token[i] = mention
    fit_containers(result, gaz, doc)
    result.hint = _document_place(result.mentions, main_code) or result.hint
    if landmark is not None and (result.hint is None or lies_in(landmark, result.hint)):
        result.hint = landmark
    return result


def lies_in(town: Place, area: Place) -> bool:
    """A town (or district) inside a region or country (not a town or district itself)."""
    if area.precision not in ("admin1", "country") or town.country_code != area.country_code:
        return False
    return area.precision == "country" or town.admin1_code == area.admin1_code


def _local_place(
    text: str, weights: dict[str, float], gaz: Gazetteer, *, everywhere: bool = False
) -> Place | None:
    """The local place (union, thana) of the document's countries called ``text`` (or,
    ``everywhere``, of the other countries with local places), in the best-weighted
    admin1."""
    codes = [cc for cc in LOADERS if cc not in weights] if everywhere else weights
    local = [p for cc in codes if "." not in cc for p in gaz.local_candidates(text, cc)]
    if not local:
        return None
    best = max(local, key=lambda p: weights.get(p.admin1_code or "", 0.0))
    return replace(best, feature="city")


def _main_code(weights: dict[str, float]) -> str | None:
    """The document's main country: its best-weighted ISO code."""
    countries = [code for code in weights if "." not in code]
    return max(countries, key=weights.__getitem__) if countries else None


def _village_abroad(place: Place, weights: dict[str, float]) -> bool:
    """A village or post office (no population) of a country hardly attested but by the
    village itself, in a story well attested to be in another (a named country or region)."""
    main_code = _main_code(weights)
    if place.population or place.precision != "town" or main_code is None:
        return False
    return weights[main_code] >= 1.0 and weights.get(place.country_code, 0.0) < 1.0


def _town_named_near(place: Place, span: Span, gaz: Gazetteer) -> bool:
    """Does the story name, outside ``span``, a town near ``place`` ("in the city's
    Sonadanga area, Khulna Metropolitan Police said": the city is Khulna)?"""
    return any(
        tok.pos_ == "PROPN"
        and not span.start <= tok.i < span.end
        and any(t.population > 0 and not far(t, place, 0.3) for t in gaz.candidates(tok.text))
        for tok in span.doc
    )


def _capital_seat(weights: dict[str, float], gaz: Gazetteer) -> Place | None:
    """The capital of the document's main country, unless another region of that country
    weighs more (then "the city" is that region's town)."""
    code = _main_code(weights)
    seat = gaz.capital(code) if code is not None else None
    if seat is None or seat.admin1_code is None:
        return None
    own = weights.get(seat.admin1_code, 0.0)
    prefix = seat.country_code + "."
    others = (w for c, w in weights.items() if c.startswith(prefix) and c != seat.admin1_code)
    return seat if all(w <= own for w in others) else None


def _document_place(mentions: list[PlaceMention], main_code: str | None) -> Place | None:
    """The document's own town or district (not its datelines): the most precise, then the
    most often named, then the first."""
    seen: dict[str, tuple[int, int, Place]] = {}  # key -> (count, first index, place)
    for i, m in enumerate(mentions):
        p = m.place
        if m.dateline or p is None or p.latitude is None:
            continue
        if main_code is not None and p.country_code != main_code:
            continue
        if p.precision in ("town", "district"):
            count, first, _ = seen.get(m.key, (0, i, p))
            seen[m.key] = (count + 1, first, p)
    if not seen:
        return None
    _, _, best = min(seen.values(), key=lambda c: (c[2].precision != "town", -c[0], c[1]))
    return best


def _conflict_home(doc: Doc, main_code: str | None, gaz: Gazetteer) -> Place | None:
    """The town where the document's conflict happens (:data:`CONFLICT_HOMES`), if any."""
    text = doc.text.lower()
    for pattern, code, town in CONFLICT_HOMES:
        if code == main_code and pattern.search(text):
            return gaz.resolve(town, {code: 1.0})
    return None


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
    text = _SADAR.sub("", text)  # "Jessore Sadar" upazila: the district's own town
    if (
        text.isupper()
        and len(text) <= 5
        and label not in PLACE_LABELS
        and text not in (PLACE_ABBREVIATIONS)
    ):
        return None  # an acronym ("the BLA attacked") is an organisation, not a town
    if gaz.country_code(text) is not None and gaz.country(text) is None:
        return None  # a demonym ("Iraqi")
    if age_follows(span):
        return None  # "Murad, 20, of Jessore"
    if distance_reference(span):
        return None  # "around 125km north of Ranchi": a landmark, not the place
    if route_endpoint(span):
        return None  # "on the Dhaka-Rangpur highway under Gobindaganj upazila"
    root = span.root
    # "Comilla University (CU) unit", "... clashed on the campus": the campus, not people.
    campus = root.lower_ in CAMPUS_WORDS and (
        root.head.lower_ in ("unit", "units") or "campus" in span.sent.text.lower()
    )
    if root.dep_ in ("compound", "amod") and root.head.lower_ in GROUP_NOUNS and not campus:
        return None  # "Baloch separatist militants", "Naga rebels": people, not a place
    admin = admin_context(span)
    town = town_syntax(span)
    accepted = label in PLACE_LABELS or text.lower() in known or town or admin
    place = gaz.resolve(PLACE_ABBREVIATIONS.get(text, text), weights, admin=admin)
    words = text.split()
    if place is None and len(words) > 1 and _leading_word(words[0], gaz):
        place = gaz.resolve(" ".join(words[1:]), weights, admin=admin)
    if place is None and len(words) > 1 and words[0].lower() in ADMIN_NOUNS:
        place = gaz.resolve(" ".join(words[1:]), weights, admin=True)  # "District Nasirabad"
        admin = admin or place is not None
    if place is None and len(words) > 1 and words[-1].lower() in CAMPUS_WORDS:
        head = gaz.resolve(" ".join(words[:-1]), weights)  # "Comilla University": its campus
        if (
            head is not None
            and head.precision == "town"
            and head.population > 0  # a town, not a village called alike
            and head.country_code in weights  # "Victoria College" is no Hong Kong story
        ):
            place, town, accepted = head, True, True
    for cut in range(len(words) - 1, 0, -1):  # "Loralai Balochistan": a town, its province
        if place is not None or (tail := gaz.resolve(" ".join(words[cut:]), weights)) is None:
            break
        head = gaz.resolve(" ".join(words[:cut]), weights, admin=admin)
        if head is not None and far(head, tail) and tail.precision == "town":
            head = tail  # "Karimabad Karachi": not another Karimabad, Karachi
        place = head
    if place is not None and _village_abroad(place, weights):
        place = None  # "Kuchai forest" in a Jharkhand story: not a union of Sylhet
    if local_syntax(span):  # "the city's Hazaribagh area": a local place, not a town abroad
        local = _local_place(text, weights, gaz)
        if place is None or main_country not in (None, place.country):
            # Not abroad ("the capital's Gulistan area" of Dhaka, not Afghanistan's), but
            # maybe a local place of a country the document does not name ("Gulshan").
            place = local or _local_place(text, weights, gaz, everywhere=True)
        place = local or place
    if (sector := sector_district(span)) is not None:
        accepted = True
        district = gaz.resolve(sector.district, {sector.country: 1.0}, admin=True)
        if district is not None and namesake_of_sector(place, district, sector):
            place = district  # "the Balakote sector": Poonch's, not a namesake
    seat = _capital_seat(weights, gaz) if city_quarter(span) else None
    if (
        seat is not None
        and place is not None
        and far(place, seat, 0.3)
        and not _town_named_near(place, span, gaz)
    ):
        # A quarter the gazetteer has only as a namesake elsewhere ("the city's Matikata
        # area", "the capital's Mohammadpur"), in a story that names no town near it.
        place, accepted = seat, True
    if not accepted and place is not None and place.feature in ("city", "extra"):
        accepted = locative(span) or modifies_trigger(span)
    elif not accepted and place is not None and place.feature == "district":
        accepted = locative(span)  # "in central Orakzai" (tagged as a person)
    if not accepted and place is not None and place.feature in ("city", "extra", "district"):
        accepted = place.country_code in weights and address_syntax(span)  # "Hangu, KPK"
    if not accepted and local_syntax(span):
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
