"""Where a document is: weights of countries and admin1 regions, from its place names,
its administration's words ("upazila") and its actors ("BNP", "MNDAA").

The weights rank namesakes in :meth:`nightwire.gazetteer.Gazetteer.resolve` and give the
document's hint (:mod:`nightwire.event_places`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from nightwire.actor_regions import ACTOR_VOCABULARY, GROUP_REGIONS, MISNAMED_FORCES
from nightwire.event_geo_names import ADMIN_VOCABULARY, PHRASE_VOCABULARY, SUFFIX_COUNTRIES
from nightwire.gazetteer import Gazetteer, Place
from nightwire.gazetteer_local import LOADERS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE_PREPS = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "on", "into", "along"}
)
# "along the Pakistan border" is not in Pakistan.
COUNTRY_PREPS = (LOCATIVE_PREPS - {"along"}) | {
    "across",
    "throughout",
    "of",
    "from",
    "to",
    "within",
}
_POSSESSIVE = re.compile(r"\s*['’]s?$")


def tidy_place_text(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip()).replace(" & ", " and ")  # "Jammu & Kashmir"
    return _POSSESSIVE.sub("", text).strip()


def merge_names(spans: list[tuple[Span, str]], gaz: Gazetteer) -> list[tuple[Span, str]]:
    """Join names the recogniser cut in two when the whole is a place: "Dera" + "Ismail
    Khan", "Jammu" and "Kashmir"."""
    spans = sorted(spans, key=lambda sl: sl[0].start)
    out: list[tuple[Span, str]] = []
    for span, label in spans:
        if out:
            prev, prev_label = out[-1]
            gap = span.doc[prev.end : span.start]
            if len(gap) == 0 or (len(gap) == 1 and gap[0].lower_ == "and"):
                whole = span.doc[prev.start : span.end]
                if gaz.admin_candidates(whole.text) or gaz.candidates(whole.text):
                    out[-1] = (whole, prev_label if prev_label in PLACE_LABELS else label)
                    continue
        out.append((span, label))
    return out


def _weigh(
    context: defaultdict[str, float], places: list[Place], weight: float, *, region: bool = True
) -> None:
    """Add ``weight`` to the country (and, if ``region``, the admin1) all ``places`` share,
    if they share one."""
    codes = {p.country_code for p in places}
    if len(codes) != 1:
        return
    context[codes.pop()] += weight
    if not region:
        return
    regions = {p.admin1_code for p in places}
    if len(regions) == 1 and (code := regions.pop()) is not None:
        context[code] += weight  # "Quetta" weighs Balochistan's other towns


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


_HOSPITAL_WORDS = frozenset({"hospital", "medical", "clinic", "infirmary"})


def _country_only(tok: Token) -> bool:
    """Does a town or region named by ``tok`` say its country but not its region? So in a
    hospital's name ("died at Dhaka Medical College Hospital": the wounded are moved to big
    towns) and in a force named after a region it does not serve in ("the Assam Rifles")."""
    doc = tok.doc
    after = [doc[j].lower_ for j in range(tok.i + 1, min(tok.i + 4, len(doc)))]
    if not after:
        return False
    return not _HOSPITAL_WORDS.isdisjoint(after) or (tok.lower_, after[0]) in MISNAMED_FORCES


def _local_namesakes(text: str, gaz: Gazetteer) -> list[Place]:
    """Local places called ``text`` (a union, a thana): a name that is also a district of
    Azad Kashmir ("the city's Mirpur") or a town's alias in Iran ("Gulshan") is no evidence
    of either country."""
    return [p for cc in LOADERS for p in gaz.local_candidates(text, cc)]


def document_context(
    doc: Doc, spans: list[tuple[Span, str]], known: set[str], gaz: Gazetteer
) -> dict[str, float]:
    """Where the story happens: weights of ISO country codes and admin1 codes.

    Countries named as places ("in Syria", "Iraq's Anbar province", "Kirkuk, Iraq"), not
    as actors ("US officials"); demonyms a little; places whose name exists in one
    country (or one admin1) only; big towns that dominate their namesakes ("Dhaka"), also
    inside other names ("Dhaka University", "the Dhaka-Rangpur highway").
    """
    context: defaultdict[str, float] = defaultdict(float)
    for pattern, cc, weight in PHRASE_VOCABULARY:  # "Muslim separatists"
        if pattern.search(doc.text):
            context[cc] += weight
    for span, label in spans:
        text = tidy_place_text(span.text)
        country = gaz.country(text)
        if country is not None and label in ("GPE", "LOC"):
            root = span.root
            as_place = (root.dep_ == "pobj" and root.head.lower_ in COUNTRY_PREPS) or root.dep_ in (
                "poss", "appos", "conj"
            )  # fmt: skip
            context[country.country_code] += 1.0 if as_place else 0.25
        elif label in ("NORP", "GPE", "LOC") and (code := gaz.country_code(text)) is not None:
            context[code] += 0.25  # a demonym, also when tagged a place ("a Sri Lankan rally")
    for tok in doc:
        cue = ADMIN_VOCABULARY.get(tok.lower_) or ACTOR_VOCABULARY.get(tok.lower_)
        if cue is not None:  # "upazila" is written of Bangladesh only
            context[cue[0]] += cue[1]
        region = GROUP_REGIONS.get(tok.lower_)
        if region is not None and tok.ent_type_ != "PERSON":  # not "Uzair Baloch"
            context[region] += 0.5  # "the KIA": Kachin State
        if tok.pos_ != "PROPN" or not tok.is_title or len(tok) < 4 or tok.ent_type_ == "PERSON":
            continue  # "Sajin Vass Gunawardena" is a man, not Hungary's Vas
        named = gaz.country(tok.text) if tok.ent_type_ == "ORG" else None
        if named is not None:
            context[named.country_code] += 0.5  # "Jama'atul Mujahideen Bangladesh"
        name = tok.text
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in SUFFIX_COUNTRIES:
            name = f"{name} {doc[tok.i + 1].text}"  # "Safi Tehsil": not Morocco's Safi
        big = _dominant(list(gaz.candidates(name)))
        admins = gaz.admin_candidates(name)
        if big is not None and any(p.country_code != big.country_code for p in admins):
            big = None  # "Samba sector": Samba is a district of India too
        towns = [big] if big is not None else [p for p in admins if p.feature == "admin1"]
        if towns:  # "Dhaka Medical College Hospital", "Assam Rifles": the country only
            _weigh(context, towns, 0.5, region=not _country_only(tok))
    tidied = [(tidy_place_text(span.text), label) for span, label in spans]
    namesakes = [_local_namesakes(text, gaz) for text, _ in tidied]
    for (text, _), alike in zip(tidied, namesakes, strict=True):  # "Khyber Agency", "Kupwara
        _weigh(context, [*gaz.admin_candidates(text), *alike], 0.5)  # district", "Balochistan"
    # Towns of one country only count when they agree with the evidence above.
    strong = {code for code, w in context.items() if w > 0 and "." not in code}
    for (text, label), alike in zip(tidied, namesakes, strict=True):
        if label in ("GPE", "LOC") or text.lower() in known:
            cands = [*gaz.candidates(text), *gaz.admin_candidates(text), *alike]
            if not strong or {c.country_code for c in cands} <= strong:
                _weigh(context, cands, 0.5)
            for code in strong:  # "Bogra": a district of Bangladesh's local places
                local = {p.admin1_code for p in gaz.local_candidates(text, code)}
                if len(local) == 1 and (region := local.pop()) is not None:
                    context[region] += 0.5
    _capital_cue(doc.text, context, gaz)
    return {code: w for code, w in context.items() if w > 0}


# "the capital" (not a state's or a province's, nor "the capital of X"), "the city": in a
# story that names no other, the country's capital ("in the capital's Lalbagh area").
_CAPITAL = re.compile(
    r"(?<!state )(?<!provincial )(?<!district )(?<!divisional )\bthe capital(?!\s+of\b)"
    r"|\bthe city(?:'s|’s)?\b(?!\s+of\b)",
    re.IGNORECASE,
)


def _capital_cue(text: str, context: defaultdict[str, float], gaz: Gazetteer) -> None:
    """Weigh the capital's region of the story's main country by "the capital"/"the city"."""
    countries = [code for code, w in context.items() if w > 0 and "." not in code]
    found = _CAPITAL.search(text)
    if not countries or found is None:
        return
    capital = gaz.capital(max(countries, key=context.__getitem__))
    if capital is not None and (region := capital.admin1_code) is not None:
        context[region] += 1.0 if "capital" in found.group(0).lower() else 0.5
