"""Who a story names, as evidence of where it happens: parties, forces, armed groups and
words of one country ("BNP activists", "a CRPF jawan"), and of one region within it
("Trinamool supporters": West Bengal; "the KIA": Kachin State).

Read by :func:`nightwire.gazetteer_context.document_context`: a country cue adds its weight
to the country, a region cue 0.5 to the region (a GeoNames admin1 code, checked against the
gazetteer by ``tests/test_gazetteer.py``). Entries are general knowledge of the region's
politics and conflicts (2010s), not fitted to any evaluation file. A token that names
groups in several countries ("PLA", "AA", "Lashkar") is left out, and so is one that is also
a common word or name, since a cue is read on any token ("CPI", "PPP", "MPa", "bra", "Lei",
"Karen"); one active in several regions of a country ("Maoists", "NSCN") gets no region.
"""

from __future__ import annotations

# token (lower case) -> (ISO country code, weight, admin1 code or None)
_ACTORS: dict[str, tuple[str, float, str | None]] = {
    # Bangladesh: parties and their wings, forces, the press's words.
    "bnp": ("BD", 1.0, None),
    "awami": ("BD", 1.0, None),
    "jamaat": ("BD", 0.5, None),
    "shibir": ("BD", 1.0, None),
    "jubo": ("BD", 1.0, None),
    "chhatra": ("BD", 0.5, None),
    "bcl": ("BD", 1.0, None),
    "jcd": ("BD", 1.0, None),
    "swechchhasebak": ("BD", 1.0, None),
    "sramik": ("BD", 1.0, None),
    "hefazat": ("BD", 1.0, None),
    "jmb": ("BD", 1.0, None),
    "hartal": ("BD", 0.5, None),
    "bgb": ("BD", 1.0, None),
    "rab": ("BD", 0.5, None),
    "dmch": ("BD", 1.0, None),
    "dmp": ("BD", 1.0, "BD.81"),  # Dhaka Metropolitan Police
    "thana": ("BD", 0.25, None),
    "cht": ("BD", 1.0, "BD.84"),  # the Chittagong Hill Tracts, and their parties
    "jss": ("BD", 1.0, "BD.84"),
    "updf": ("BD", 1.0, "BD.84"),
    "cocktail": ("BD", 0.5, None),  # the Bangladeshi press's word for a hand bomb
    "cocktails": ("BD", 0.5, None),
    # Pakistan.
    "mqm": ("PK", 1.0, "PK.05"),  # Karachi's Muttahida Qaumi Movement: Sindh
    "lyari": ("PK", 1.0, "PK.05"),
    "jsmm": ("PK", 1.0, "PK.05"),  # Sindhi nationalist groups
    "jsqm": ("PK", 1.0, "PK.05"),
    "anp": ("PK", 1.0, None),
    "pti": ("PK", 1.0, None),
    "pml": ("PK", 1.0, None),
    "jui": ("PK", 1.0, None),
    "ispr": ("PK", 1.0, None),
    "baloch": ("PK", 1.0, None),  # Baloch live in Karachi too
    "bla": ("PK", 0.5, "PK.02"),
    "blf": ("PK", 0.5, "PK.02"),
    "uba": ("PK", 0.5, "PK.02"),
    "nwa": ("PK", 1.0, None),
    "swa": ("PK", 1.0, None),
    "kpk": ("PK", 1.0, None),
    "dik": ("PK", 1.0, None),
    "fata": ("PK", 1.0, "PK.03"),  # the tribal areas, in Khyber Pakhtunkhwa since 2018
    "waziristan": ("PK", 1.0, "PK.03"),
    "ttp": ("PK", 0.5, None),
    "ahrar": ("PK", 1.0, None),  # Jamaat-ul-Ahrar
    "lej": ("PK", 1.0, None),
    "aswj": ("PK", 1.0, None),
    "zarb": ("PK", 1.0, None),  # operation Zarb-e-Azb
    "imambargah": ("PK", 1.0, None),
    "khasadars": ("PK", 1.0, None),
    "sindhi": ("PK", 0.5, "PK.05"),
    "pashtun": ("PK", 0.5, None),
    "pakhtun": ("PK", 0.5, None),
    "ctd": ("PK", 0.5, None),  # Counter Terrorism Department
    # India: forces, parties, armed groups.
    "crpf": ("IN", 1.0, None),
    "itbp": ("IN", 1.0, None),
    "cisf": ("IN", 1.0, None),
    "bsf": ("IN", 0.5, None),  # also on Bangladesh's border, reported from there
    "jawan": ("IN", 0.5, None),
    "jawans": ("IN", 0.5, None),
    "sarpanch": ("IN", 1.0, None),
    "bjp": ("IN", 1.0, None),
    "rss": ("IN", 1.0, None),
    "vhp": ("IN", 1.0, None),
    "bajrang": ("IN", 1.0, None),
    "abvp": ("IN", 1.0, None),
    "bsp": ("IN", 0.5, None),
    "shiv": ("IN", 1.0, None),  # Shiv Sena
    "aap": ("IN", 0.5, None),  # Aam Aadmi Party
    "mla": ("IN", 0.5, None),
    "mlas": ("IN", 0.5, None),
    "adivasi": ("IN", 1.0, None),
    "adivasis": ("IN", 1.0, None),
    "maoist": ("IN", 0.5, None),  # Nepal's Maoists too
    "maoists": ("IN", 0.5, None),
    "naxal": ("IN", 1.0, None),
    "naxals": ("IN", 1.0, None),
    "naxalites": ("IN", 1.0, None),
    "nscn": ("IN", 1.0, None),
    "dalit": ("IN", 0.5, None),
    "dalits": ("IN", 0.5, None),
    "trinamool": ("IN", 1.0, "IN.28"),  # West Bengal
    "trinamul": ("IN", 1.0, "IN.28"),
    "tmc": ("IN", 1.0, "IN.28"),
    "gjm": ("IN", 1.0, "IN.28"),  # Gorkha Janmukti Morcha
    "aiadmk": ("IN", 1.0, "IN.25"),  # Tamil Nadu
    "dmk": ("IN", 1.0, "IN.25"),
    "pmk": ("IN", 1.0, "IN.25"),
    "trs": ("IN", 1.0, "IN.40"),  # Telangana
    "bjd": ("IN", 1.0, "IN.21"),  # Odisha
    "akali": ("IN", 1.0, "IN.23"),  # Punjab
    "inld": ("IN", 1.0, "IN.10"),  # Haryana
    "rjd": ("IN", 1.0, "IN.34"),  # Bihar
    "jmm": ("IN", 1.0, "IN.38"),  # Jharkhand, and its armed groups
    "plfi": ("IN", 1.0, "IN.38"),
    "tpc": ("IN", 1.0, "IN.38"),
    "jjmp": ("IN", 1.0, "IN.38"),
    "ulfa": ("IN", 1.0, "IN.03"),  # Assam
    "ndfb": ("IN", 1.0, "IN.03"),
    "aiudf": ("IN", 1.0, "IN.03"),
    "bpf": ("IN", 1.0, "IN.03"),
    "bodo": ("IN", 0.5, "IN.03"),
    "bodos": ("IN", 0.5, "IN.03"),
    "gnla": ("IN", 1.0, "IN.18"),  # Meghalaya
    "amef": ("IN", 1.0, "IN.18"),
    "hnlc": ("IN", 1.0, "IN.18"),
    "unlf": ("IN", 1.0, "IN.17"),  # Manipur
    "kykl": ("IN", 1.0, "IN.17"),
    "prepak": ("IN", 1.0, "IN.17"),
    "kcp": ("IN", 1.0, "IN.17"),
    "ipft": ("IN", 1.0, "IN.26"),  # Tripura
    "hurriyat": ("IN", 1.0, "IN.12"),  # Jammu and Kashmir
    "hizbul": ("IN", 1.0, "IN.12"),
    "drg": ("IN", 1.0, "IN.37"),  # Chhattisgarh's District Reserve Guard
    "iuml": ("IN", 1.0, "IN.13"),  # Kerala
    # Myanmar.
    "tatmadaw": ("MM", 1.0, None),
    "nld": ("MM", 1.0, None),
    "usdp": ("MM", 1.0, None),
    "bgf": ("MM", 0.5, None),
    "kia": ("MM", 1.0, "MM.04"),  # Kachin
    "kio": ("MM", 1.0, "MM.04"),
    "kokang": ("MM", 1.0, None),
    "mndaa": ("MM", 1.0, None),
    "tnla": ("MM", 1.0, "MM.11"),  # Shan
    "palaung": ("MM", 1.0, "MM.11"),
    "ssa": ("MM", 1.0, "MM.11"),
    "rcss": ("MM", 1.0, "MM.11"),
    "sspp": ("MM", 1.0, "MM.11"),
    "uwsa": ("MM", 1.0, "MM.11"),
    "ndaa": ("MM", 1.0, "MM.11"),
    "dkba": ("MM", 1.0, "MM.05"),  # Kayin
    "knu": ("MM", 1.0, "MM.05"),
    "knla": ("MM", 1.0, "MM.05"),
    "knpp": ("MM", 1.0, "MM.06"),  # Kayah
    "karenni": ("MM", 1.0, "MM.06"),
    "arakan": ("MM", 1.0, "MM.01"),  # Rakhine
    # Thailand, Sri Lanka, Nepal.
    "brn": ("TH", 1.0, None),
    "rkk": ("TH", 1.0, None),
    "pulo": ("TH", 1.0, None),
    "isoc": ("TH", 1.0, None),
    "ncpo": ("TH", 1.0, None),
    "pheu": ("TH", 1.0, None),  # Pheu Thai
    "udd": ("TH", 1.0, None),
    "pdrc": ("TH", 1.0, None),
    "ltte": ("LK", 1.0, None),
    "cmev": ("LK", 1.0, None),  # Centre for Monitoring Election Violence
    "unp": ("LK", 1.0, None),
    "slfp": ("LK", 1.0, None),
    "upfa": ("LK", 1.0, None),
    "madhesi": ("NP", 1.0, None),
    "madhesis": ("NP", 1.0, None),
    "tharuhat": ("NP", 1.0, None),
    "madhes": ("NP", 1.0, None),
    "terai": ("NP", 0.5, None),
    "cpn": ("NP", 1.0, None),
}

# Forces named after a region they do not serve in: "the Assam Rifles" patrol Manipur and
# Nagaland. Their region name says the country only.
MISNAMED_FORCES = frozenset({("assam", "rifles")})

# Parties, forces and armed groups of one country: token -> (country, weight).
ACTOR_VOCABULARY: dict[str, tuple[str, float]] = {
    token: (country, weight) for token, (country, weight, _) in _ACTORS.items()
}
# Those of one region: token -> GeoNames admin1 code.
GROUP_REGIONS: dict[str, str] = {
    token: region for token, (_, _, region) in _ACTORS.items() if region is not None
}
