"""Number phrases of casualty counts: "at least 19", "dozens", "80 to 100".

Conventions for a :class:`Count` (``value`` is always a conservative integer):

=====================  ===========  =====================================================
phrase                 value        qualifier
=====================  ===========  =====================================================
"19", "Fourteen"       19, 14       ``None``
"at least 19"          19           ``"at_least"`` (also "no fewer than", "N or more")
"more than 100"        101          ``"more_than"`` (also "over"): the smallest integer
                                    strictly above
"nearly 48"            48           ``"at_most"`` (also "almost", "up to", "as many as")
"fewer than 10"        9            ``"at_most"`` (also "less than")
"around 30"            30           ``"approx"`` (also "about", "some", "N or so")
"tens"                 10           ``"tens"``
"dozens", "a dozen"    12           ``"dozens"`` / ``"approx"``
"scores"               20           ``"scores"``
"hundreds"             100          ``"hundreds"``
"thousands"            1000         ``"thousands"``
"several", "a few"     3            ``"several"``
=====================  ===========  =====================================================

The vague words follow ACLED's published convention (code the smallest value the word
names: "tens" 10, "dozens" 12, "hundreds" 100); "scores" (20), "thousands" (1000) and
"several" (3) extend it the same way. The qualifier keeps the vagueness visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantity words: (value, qualifier).
VAGUE: dict[str, tuple[int, str]] = {
    "tens": (10, "tens"),
    "dozens": (12, "dozens"),
    "scores": (20, "scores"),
    "hundreds": (100, "hundreds"),
    "thousands": (1000, "thousands"),
    "several": (3, "several"),
    "few": (3, "several"),
    "many": (3, "several"),
    "numerous": (3, "several"),
}
# Qualifier prefixes, longest first: (words, qualifier, adjustment to the value).
_PREFIXES: tuple[tuple[str, str, int], ...] = (
    ("no fewer than", "at_least", 0),
    ("no less than", "at_least", 0),
    ("a minimum of", "at_least", 0),
    ("at least", "at_least", 0),
    ("upwards of", "more_than", 1),
    ("in excess of", "more_than", 1),
    ("more than", "more_than", 1),
    ("over", "more_than", 1),
    ("as many as", "at_most", 0),
    ("at most", "at_most", 0),
    ("up to", "at_most", 0),
    ("close to", "at_most", 0),
    ("nearly", "at_most", 0),
    ("almost", "at_most", 0),
    ("just under", "at_most", 0),
    ("fewer than", "at_most", -1),
    ("less than", "at_most", -1),
    ("an estimated", "approx", 0),
    ("approximately", "approx", 0),
    ("roughly", "approx", 0),
    ("around", "approx", 0),
    ("about", "approx", 0),
    ("some", "approx", 0),
    ("estimated", "approx", 0),
)
_SUFFIXES: tuple[tuple[str, str | None], ...] = (
    (" or so", "approx"),
    (" or more", "at_least"),
    (" more", None),  # "injuring dozens more"
)
_RANGE = re.compile(r"^(?:between )?(\d+|[a-z]+)\s*(?:-|–|to|and|or)\s*(\d+|[a-z]+)$")
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(million|thousand|hundred)?$")


@dataclass(frozen=True)
class Count:
    value: int  # the conservative figure
    qualifier: str | None
    text: str
    high: int | None = None  # upper end of a range ("80 to 100")
    start: int | None = None  # character offsets of the number phrase in the Doc
    end: int | None = None


# Qualifiers whose figure is a floor (the real number may be higher).
_FLOORS = frozenset(
    {"at_least", "more_than", "tens", "dozens", "scores", "hundreds", "thousands", "several"}
)


def count_bounds(count: Count) -> tuple[int | None, int | None]:
    """(lowest, highest) number the phrase allows, ``None`` where it says nothing.

    "19" -> (19, 19); "at least 19" -> (19, None); "more than 100" -> (101, None);
    "nearly 48" -> (None, 48); "80 to 100" -> (80, 100); "around 30" -> (None, None);
    "dozens" -> (12, None) (ACLED's lowest value for the word).
    """
    if count.qualifier is None:
        return count.value, count.value
    if count.qualifier == "range":
        return count.value, count.high
    if count.qualifier in _FLOORS:
        return count.value, None
    if count.qualifier == "at_most":
        return None, count.value
    return None, None


def _words_to_int(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    if words and words[-1] in ("a", "an"):
        return None  # "a" is only a number before a scale word ("a hundred", "a dozen")
    for word in words:
        if word in ("and", ""):
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_count(text: str) -> Count | None:
    """Parse a number phrase; ``None`` if it does not state a quantity.

    >>> parse_count("More than 100")
    Count(value=101, qualifier='more_than', text='More than 100')
    """
    ranged = _RANGE.match(re.sub(r"\s+", " ", text.lower()).strip(" ,.;:"))
    if ranged:
        low, high = parse_count(ranged.group(1)), parse_count(ranged.group(2))
        if low is not None and high is not None and low.value < high.value:
            return Count(low.value, "range", text.strip(), high=high.value)
    phrase = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip(" ,.;:")
    phrase = re.sub(r"^the ", "", phrase)
    qualifier: str | None = None
    adjust = 0
    for prefix, qual, delta in _PREFIXES:
        if phrase == prefix or phrase.startswith(prefix + " "):
            rest = phrase[len(prefix) :].strip()
            if rest:
                phrase, qualifier, adjust = rest, qual, delta
            break
    for suffix, suffix_qualifier in _SUFFIXES:
        if phrase.endswith(suffix):
            phrase = phrase[: -len(suffix)].strip()
            qualifier = qualifier or suffix_qualifier
            break
    phrase = re.sub(r"^(?:a|an) (?=few|dozen)", "", phrase)
    phrase = re.sub(r"(\d)(million|thousand)$", r"\1 \2", phrase)
    if phrase in VAGUE:
        value, vague = VAGUE[phrase]
        return Count(value, vague if qualifier in (None, "approx") else qualifier, text.strip())
    if phrase == "dozen":
        return Count(12 + adjust, qualifier or "approx", text.strip())
    match = _DIGITS.match(phrase)
    if match:
        whole = int(match.group(1).replace(",", ""))
        frac = match.group(2)
        scale = _SCALES.get(match.group(3) or "", 1)
        value = whole * scale + (int(frac) * scale // 10 ** len(frac) if frac else 0)
        return Count(value + adjust, qualifier, text.strip())
    value_words = _words_to_int(phrase.split())
    if value_words is None:
        return None
    return Count(value_words + adjust, qualifier, text.strip())


def sum_counts(counts: list[Count | None]) -> Count | None:
    """Sum of the known counts (qualifier of the first qualified one), ``None`` if none."""
    known = [c for c in counts if c is not None]
    if not known:
        return None
    if len(known) == 1:
        return known[0]
    qualifier = next((c.qualifier for c in known if c.qualifier), None)
    if qualifier == "range":
        qualifier = "at_least"
    starts = [c.start for c in known if c.start is not None]
    ends = [c.end for c in known if c.end is not None]
    return Count(
        sum(c.value for c in known),
        qualifier,
        " + ".join(c.text for c in known),
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
    )
