"""How a name is resolved to one place of the gazetteer, given where the document is.

Split from :mod:`nightwire.gazetteer` (the index: towns, regions, districts, countries and
their lookups) so that the ranking of namesakes reads on its own: a country is a country; a
region first for "X province"; towns and the local places of the document's countries,
ranked by the context's weights; abroad only big towns; then regions, spelling variants and
supplementary places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from nightwire.gazetteer_extra import EXTRA_COUNTRIES, near_one
from nightwire.gazetteer_local import LOADERS, Place, unambiguous

if TYPE_CHECKING:
    from nightwire.gazetteer import Gazetteer


def resolve_name(
    gaz: Gazetteer,
    text: str,
    weights: Mapping[str, float],
    *,
    admin: bool = False,
    min_foreign_population: int = 500_000,
    min_alternate_population: int = 10_000,
) -> Place | None:
    """Best place for ``text`` given the document's context weights (module doc of
    :mod:`nightwire.gazetteer`).

    Countries are returned as such. ``admin`` (the text reads "X province", "X
    district") looks for a region first. Among towns the ranking is: context weight of
    the town's country and admin1, primary-name match, population. When the document
    names countries and the best town lies in none of them, it is only accepted if it is
    large (``min_foreign_population``); a match on an alternate name only, outside the
    document's countries, needs ``min_alternate_population`` people. A region is
    preferred to a town matched on an alternate name only ("Bihar").
    """
    country = gaz.country(text)
    if country is not None:
        return country
    # A document that names no country may still name a local place ("in Binodpur").
    codes = [cc for cc in weights if "." not in cc] or list(LOADERS)
    local = [p for cc in codes for p in gaz.local_candidates(text, cc)]
    if admin and (units := [p for p in local if p.kind in ("upazila", "district")]):
        local = units  # "Sreepur upazila": the upazila, not a union called alike
    regions = rank(gaz.admin_candidates(text), weights)
    if admin and regions is not None and (not weights or regions.country_code in weights):
        best = rank([regions, *local], weights)
        return regions if best is regions or best is None else replace(best, feature="city")
    town = rank([*gaz.candidates(text), *local], weights)
    if town is not None:
        foreign = bool(weights) and town.country_code not in weights
        alternate_only = town.feature == "city_alt"
        if foreign and (alternate_only or town.population < min_foreign_population):
            town = None  # abroad, only a big city under its own name is taken
        elif alternate_only and regions is not None:
            return regions
        elif alternate_only and not foreign and town.country_code not in weights:
            town = None if town.population < min_alternate_population else town
    if town is not None:
        return replace(town, feature="city")
    if regions is not None and (not weights or regions.country_code in weights):
        return regions
    if regions is not None and len({p.country_code for p in gaz.admin_candidates(text)}) == 1:
        return regions  # a region name of one country only ("Nagaland")
    countries = [cc for cc in weights if "." not in cc]
    alike = [p for cc in countries for p in gaz.spelling_candidates(text, cc)]
    found = unambiguous(alike, weights)  # "Mansehera" (Mansehra) in a KP story
    found = found or gaz._extra.resolve(text, countries, weights)  # "Mansi township"
    weak = bool(countries) and max(weights[cc] for cc in countries) < 1.0
    if found is None and weak and len(text.split()) > 1:
        # Only a weak cue of where the story is ("rangers"): a name of several words,
        # exactly as the supplementary places of some other country write it, may still
        # say it ("a raid in Orangi Town", Karachi). Not a short name ("Talo", "Sako": deep
        # south villages are also Indian post offices), nor a spelling alike.
        others = [cc for cc in EXTRA_COUNTRIES if cc not in countries]
        found = near_one([p for cc in others for p in gaz.extra_candidates(text, cc)], weights)
    return found


def rank(places: list[Place], weights: Mapping[str, float]) -> Place | None:
    """The best-weighted of ``places``: context weight of its country and admin1, then a
    primary name, then population."""
    if not places:
        return None
    return max(
        places,
        key=lambda p: (
            weights.get(p.country_code, 0.0) + weights.get(p.admin1_code or "", 0.0),
            p.feature in ("city", "admin1", "local"),
            p.population,
        ),
    )
