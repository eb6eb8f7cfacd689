"""Places written with their container ("Kandi village under Kotalipara upazila",
"Shamshabad, a village near Agra"): a town resolved far from its container is resolved
again inside it, or left unknown (and so placed at its container)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from nightwire.place_syntax import LOCAL_NOUNS, OF_NOUNS

_LOCALITY_NOUNS = OF_NOUNS | LOCAL_NOUNS  # "X village in Y", "Y area of Z"

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from nightwire.event_places import DocPlaces, PlaceMention
    from nightwire.gazetteer import Gazetteer, Place


def far(a: Place, b: Place, degrees: float = 0.6) -> bool:
    """More than about 60 km apart (in latitude or longitude), or ``degrees``."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return (
        abs((a.latitude or 0) - (b.latitude or 0)) > degrees
        or abs((a.longitude or 0) - (b.longitude or 0)) > degrees
    )


def fit_containers(places: DocPlaces, gaz: Gazetteer, doc: Doc) -> None:
    """A town written with its container ("Kandi village under Kotalipara upazila",
    "Sherpur Upazila of Bogra district", "Khost area of Harnai") must lie near it: else it
    is re-resolved in the container's admin1, and left unknown (so placed at its container)
    if still far, unless it is a populated town of the container's admin1. A supplementary
    place (a village, a post office) must lie near a town written as its container too
    ("Yakatoot area of Peshawar": within ~30 km), and so must its other mentions. A
    container the gazetteer does not know passes the test on to its own container
    ("Bandar village in Shamshan ghat area of Meherpur")."""
    by_start = {m.start: m for m in places.mentions}
    refitted: dict[str, Place | None] = {}
    for k, m in enumerate(places.mentions):
        if m.place is None or m.place.precision not in ("town", "district") or m.dateline:
            continue
        container = _container(m, by_start)
        apposed = False
        if container is None:  # "Shamshabad, a village near Agra"
            container = _apposed_container(m, by_start, doc)
            apposed = container is not None
        if container is not None and container.place is None:
            # "Badarpur village of Kaijuri Union under Faridpur Sadar Upazila", "Bandar
            # village in Shamshan ghat area of Meherpur": the union or locality is not
            # known, the upazila or town it lies in is.
            container = _container(container, by_start)
        if container is None or container.place is None:
            continue
        # "X village in Y", "Silimpur Durarghat area in Rangpur": a locality noun between.
        part_of = apposed or any(t.lower_ in _LOCALITY_NOUNS for t in doc[m.end : container.start])
        extra = m.place.feature == "extra"
        if container.level != 2 and not (container.level == 3 and part_of):
            continue  # "Mekhtar, Loralai, Balochistan": an address, Loralai is the district
        reach = 0.3 if extra and container.level == 3 else 0.6  # "X area of Peshawar"
        if container.place.precision in ("admin1", "country") or not far(
            m.place, container.place, reach
        ):
            continue
        weights = dict(places.context)
        code = container.place.admin1_code
        if code:
            weights[code] = weights.get(code, 0.0) + 5.0
        again = gaz.resolve(m.text, weights)
        fitted = again if again is not None and not far(again, container.place, reach) else None
        if fitted is None and m.place.admin1_code == code and m.place.population > 0:
            continue  # a town of the same admin1 ("Teknaf in Cox's Bazar district")
        set_place(places, k, fitted)
        if extra:
            refitted[m.text] = fitted
    for k, m in enumerate(places.mentions):  # "... patrolling in Saranda" after "Saranda of X"
        if m.place is not None and m.place.feature == "extra" and m.text in refitted:
            set_place(places, k, refitted[m.text])


def _container(m: PlaceMention, by_start: dict[int, PlaceMention]) -> PlaceMention | None:
    """The place mention written within a few words after ``m`` ("X village in Y")."""
    for j in range(m.end, m.end + 4):
        if (c := by_start.get(j)) is not None:
            return c
    return None


# ", a village near", ", a small town in": the words between a place and its container.
_APPOSITION = re.compile(
    r",\s*an?\s+(?:\w+\s+)?(?:village|town|city|suburb|hamlet|locality|area)\s+"
    r"(?:in|near|of|outside|close\s+to)",
    re.IGNORECASE,
)


def _apposed_container(
    m: PlaceMention, by_start: dict[int, PlaceMention], doc: Doc
) -> PlaceMention | None:
    """The place an apposition puts ``m`` in or near ("Shamshabad, a village near Agra")."""
    for j in range(m.end + 4, min(m.end + 8, len(doc))):
        if (c := by_start.get(j)) is not None:
            return c if _APPOSITION.fullmatch(doc[m.end : j].text) else None
    return None


def set_place(places: DocPlaces, k: int, place: Place | None) -> None:
    m = places.mentions[k] = replace(places.mentions[k], place=place)
    for i in range(m.start, m.end):
        places.by_token[i] = m
