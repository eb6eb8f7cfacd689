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
from typing import TYPE_CHECKING

from nightwire.gazetteer import fold_name

if TYPE_CHECKING:
    from spacy.tokens import Span

# Each district's sectors, "|"-separated (spellings of the press included).
_SECTORS: dict[tuple[str, str], str] = {
    # India, Jammu and Kashmir (Kargil: Ladakh).
    ("IN", "Poonch"): (
        "Balakote|Balakot|Balkot|Mendhar|Krishna Ghati|Krishnaghati|Krishnagati|"
        "Bhimber Gali|Bhimbergali|Mankote|Salotri|Jhalas|Shahpur|Kerni|Qasba|Degwar|"
        "Gulpur|Saujian|Khari Karmara|Hamirpur"
    ),
    ("IN", "Rajouri"): (
        "Nowshera|Naushera|Sunderbani|Keri|Manjakote|Bhawani|Kalal|Lam|Jhangar|Pukharni"
    ),
    ("IN", "Jammu"): (
        "Akhnoor|Pallanwala|Khour|Chhamb|Chamb|RS Pura|R S Pura|R.S. Pura|"
        "Ranbir Singh Pura|Arnia|Kanachak|Pargwal|Suchetgarh"
    ),
    ("IN", "Samba"): "Ramgarh",
    ("IN", "Kathua"): "Hiranagar|Bobiya|Pansar",
    ("IN", "Baramulla"): "Uri|Rampur|Boniyar|Kamalkote",
    ("IN", "Kupwara"): "Keran|Machil|Tangdhar|Karnah|Nowgam|Naugam",
    ("IN", "Bandipora"): "Gurez|Tulail",
    ("IN", "Kargil"): "Drass|Dras|Kaksar|Batalik|Mushkoh",
    # Pakistan: Azad Jammu and Kashmir, and Punjab's Working Boundary.
    ("PK", "Kotli"): "Nakyal|Khuiratta|Chirikot|Tatta Pani|Jandrot|Sehra",
    ("PK", "Poonch"): "Battal|Nezapir|Hajira|Abbaspur|Rawalakot",
    ("PK", "Bhimber"): "Samahni|Barnala|Bhimber",
    ("PK", "Hattian Bala"): "Leepa|Chakothi",
    ("PK", "Neelum"): "Athmuqam|Kel|Neelum",
    ("PK", "Sialkot"): "Charwah|Charwa|Harpal|Chaprar|Bajwat|Sucheit Garh",
    ("PK", "Narowal"): "Zafarwal|Shakargarh",
}
SECTOR_DISTRICTS: dict[str, tuple[str, str]] = {
    fold_name(name): where for where, names in _SECTORS.items() for name in names.split("|")
}
# A story of the front: the Line of Control, the border's ceasefire.
_FRONT = re.compile(
    r"\bline of control\b|\bLoC\b|\bworking boundary\b|\binternational border\b"
    r"|\bcease-?fire violation",
    re.IGNORECASE,
)


def sector_district(span: Span) -> tuple[str, str] | None:
    """(country, district) of the border sector ``span`` names: "the Balakote sector", or a
    listed sector in a story of the Line of Control ("firing along the LoC in Mankote")."""
    where = SECTOR_DISTRICTS.get(fold_name(span.text))
    if where is None:
        return None
    doc = span.doc
    k = span.end  # past other names: "in R S Pura and Arnia sectors", "Salotri (Jhalas) sector"
    while k < min(len(doc), span.end + 6) and (
        doc[k].pos_ in ("PROPN", "CCONJ") or doc[k].text in (",", "(", ")")
    ):
        k += 1
    nxt = doc[k].lower_ if k < len(doc) else ""
    return where if nxt in ("sector", "sectors") or _FRONT.search(doc.text) else None
