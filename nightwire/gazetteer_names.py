"""Name keys of the gazetteer: normalisation and transliteration-insensitive folding.

:func:`fold_name`: case, diacritics, apostrophes and punctuation removed, a leading Arabic
article dropped (``al-``, ``ar`` ...), spaces removed, doubled letters collapsed,
``ou``/``oo`` -> ``u``, ``ee`` -> ``i``, ``q`` -> ``k`` and a final ``h`` after a vowel
dropped: ``Rutba`` meets ``Ar Ruţbah``. The ``_many`` forms work on many names in one pass.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nightwire.event_geo_names import (
    ADMIN_SUFFIXES,
    ARABIC_ARTICLES,
    SUFFIX_COUNTRIES,
    TRANSLATE,
    Subdivision,
)

_NON_ALNUM = re.compile(r"[^a-z0-9\n]+")
_EDGE_SPACES = re.compile(r"(?m)^ +| +$")
_ARTICLE = re.compile(r"(?m)^(?:" + "|".join(sorted(ARABIC_ARTICLES)) + r") (?=[a-z0-9])")
_DOUBLED = re.compile(r"([a-z0-9])\1+")
_FINAL_H = re.compile(r"(?m)(?<=[aeiou])h$")


def _normalize_many(names: list[str]) -> list[str]:
    """:func:`normalize_name` over many names at once (one pass of C-level string ops)."""
    if not names:
        return []
    text = "\n".join(n.replace("\n", " ") for n in names).translate(TRANSLATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _EDGE_SPACES.sub("", _NON_ALNUM.sub(" ", text)).split("\n")


def _fold_many(names: list[str]) -> list[str]:
    """:func:`fold_name` over many names at once; non-Latin names fold to ``""``."""
    if not names:
        return []
    text = _ARTICLE.sub("", "\n".join(_normalize_many(names))).replace(" ", "")
    text = text.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("q", "k")
    return _FINAL_H.sub("", _DOUBLED.sub(r"\1", text)).split("\n")


# Memoised: event extraction asks for the same few names tens of thousands of times a night.
@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Lower-case ASCII with diacritics and apostrophes removed, punctuation -> spaces."""
    return _normalize_many([text])[0]


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Transliteration-insensitive key of a name (see the module docstring)."""
    return _fold_many([text])[0]


def strip_admin_suffix(text: str) -> str:
    """ "Sindh Province" -> "Sindh", "Shan State" -> "Shan" (normalised); else the name."""
    return " ".join(_strip_words([normalize_name(text)])[0])


def suffix_countries(text: str) -> frozenset[str] | None:
    """The countries an admin word closing ``text`` belongs to ("Safi Tehsil": PK, IN)."""
    words = normalize_name(text).split()
    return SUFFIX_COUNTRIES.get(words[-1]) if len(words) > 1 else None


def lookup_keys(text: str) -> list[str]:
    """Keys to look a name up by, in order: the name, then the name without its admin
    suffix ("Kutkai Township" -> "Kutkai") when it has one."""
    keys = [fold_name(text)]
    stripped = strip_admin_suffix(text)
    if stripped != normalize_name(text):
        keys.append(fold_name(stripped))
    return keys


def _admin_keys(subs: list[Subdivision]) -> list[set[str]]:
    """Folded keys of each division: its names and aliases, with and without "Province"."""
    names = [[n for n in (s.name, *s.aliases) if n[:1].isascii()] for s in subs]
    flat = [n for group in names for n in group]
    stripped = [" ".join(w) for w in _strip_words(_normalize_many(flat))]
    keys = _fold_many(flat + stripped)
    out: list[set[str]] = []
    pos = 0
    for group in names:
        n = len(group)
        both = keys[pos : pos + n] + keys[len(flat) + pos : len(flat) + pos + n]
        out.append({k for k in both if len(k) >= 3})
        pos += n
    return out


def _strip_words(normalized: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    for text in normalized:
        words = text.split()
        for n in (3, 2, 1):
            if len(words) > n and " ".join(words[-n:]) in ADMIN_SUFFIXES:
                words = words[:-n]
                break
        out.append(words)
    return out
