"""Sectors of Kashmir's Line of Control and of Jammu's border (the International Border in
Indian reports, the Working Boundary in Pakistani ones).

Firing across the border is reported by sector ("in the Balakote sector", "along the LoC in
Krishna Ghati"): a name the gazetteer lacks, or holds only as a namesake hundreds of km
away. Each sector is listed with the district it lies in, on its own side of the line:
general knowledge of the front, names only. The district is found in the gazetteer and
placed at its headquarters, where ACLED codes an event known only by its district.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from nightwire.gazetteer import fold_name
from nightwire.place_containers import far

if TYPE_CHECKING:
    from spacy.tokens import Span

    from nightwire.gazetteer import Place

# Each district's sectors, "|"-separated (spellings of the press included).
_SECTORS: dict[tuple[str, str], str] = {
    # India, Jammu and Kashmir (Kargil: Ladakh).
    ("IN", "Poonch"): (
        "Balakote|Balakot|Balkot|Mendhar|Krishna Ghati|Krishnagati|"
        "Bhimber Gali|Mankote|Salotri|Jhalas|Shahpur|Kerni|Qasba|Degwar|"
        "Gulpur|Saujian|Khari Karmara"
    ),
    ("IN", "Rajouri"): ("Nowshera|Naushera|Sunderbani|Manjakote|Bhawani|Kalal|Jhangar|Pukharni"),
    ("IN", "Jammu"): (
        "Akhnoor|Pallanwala|Khour|Chhamb|RS Pura|R.S. Pura|"
        "Ranbir Singh Pura|Arnia|Kanachak|Pargwal|Suchetgarh"
    ),
    ("IN", "Kathua"): "Hiranagar|Bobiya|Pansar",
    ("IN", "Baramulla"): "Uri|Boniyar|Kamalkote",
    ("IN", "Kupwara"): "Keran|Machil|Tangdhar|Karnah",
    ("IN", "Bandipora"): "Gurez|Tulail",
    ("IN", "Kargil"): "Drass|Kaksar|Batalik|Mushkoh",
    # Pakistan: Azad Jammu and Kashmir, and Punjab's Working Boundary.
    ("PK", "Kotli"): "Nakyal|Khuiratta|Chirikot|Tatta Pani|Jandrot|Sehra",
    ("PK", "Poonch"): "Battal|Nezapir|Hajira|Abbaspur|Rawalakot",
    ("PK", "Bhimber"): "Samahni|Bhimber",
    ("PK", "Hattian Bala"): "Leepa|Chakothi",
    ("PK", "Neelum"): "Athmuqam|Neelum",
    ("PK", "Sialkot"): "Charwah|Harpal|Chaprar|Bajwat|Sucheit Garh",
    ("PK", "Narowal"): "Zafarwal|Shakargarh",
}
SECTOR_DISTRICTS: dict[str, tuple[str, str]] = {
    fold_name(name): where for where, names in _SECTORS.items() for name in names.split("|")
}
# The front, said in the sector's own sentence (a story may mention the LoC and report a
# shooting in another Rampur): the Line of Control, the Working Boundary, a ceasefire
# violation. ("International border" is not enough: it is also India's border with
# Bangladesh and Nepal.)
_FRONT = re.compile(
    r"\bline of control\b|\bLoC\b|\bworking boundary\b|\bcease-?fire violation",
    re.IGNORECASE,
)


class Sector(NamedTuple):
    country: str
    district: str
    written: bool  # "X sector": the text says it is a sector


def sector_district(span: Span) -> Sector | None:
    """The border sector ``span`` names: "the Balakote sector", "in R S Pura and Arnia
    sectors", or a listed sector in a sentence of the front ("firing along the LoC in
    Mankote")."""
    where = SECTOR_DISTRICTS.get(fold_name(span.text))
    if where is None:
        return None
    doc = span.doc
    k = span.end  # past other names: "in R S Pura and Arnia sectors", "Salotri (Jhalas) sector"
    while k < min(len(doc), span.end + 6) and (
        doc[k].pos_ in ("PROPN", "CCONJ") or doc[k].text in (",", "(", ")")
    ):
        k += 1
    written = k < len(doc) and doc[k].lower_ in ("sector", "sectors")
    if written or _FRONT.search(span.sent.text):
        return Sector(*where, written)
    return None


def namesake_of_sector(place: Place | None, district: Place, sector: Sector) -> bool:
    """Is ``place`` (what the sector's name resolved to) not the sector? None found; a
    namesake elsewhere in the sector's country ("Mankote" in another state); across the
    border only when the text says "X sector" ("Charwah sector": Sialkot's, not an
    Indian post office). A town of the other country named on the front ("struck a camp
    in Balakot" of Khyber Pakhtunkhwa) stays."""
    if place is None:
        return True
    if place.country_code != district.country_code:
        return sector.written
    return place.admin1_code != district.admin1_code or far(place, district, 1.0)
