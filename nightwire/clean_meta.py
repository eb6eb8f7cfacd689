"""Metadata recovery for the cleaner: dates, bylines, datelines and publisher names.

Everything here works on a handful of candidate strings per document (a byline, a date line,
the first body paragraphs, the boilerplate lines), never on every line, so the slow
``dateparser`` call stays off the hot path. Common date shapes are read by compiled regexes
first; ``dateparser`` handles whatever else a candidate holds (results are cached).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import dateparser


def wordset(text: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``text`` (for word-list constants)."""
    return frozenset(text.split())


_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = wordset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun"
)
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

_ISO_DATE_RE = re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")
_NUM_DATE_RE = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d{2}|\d{2})\b")
_MDY_TEXT_RE = re.compile(
    rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.I
)
_DMY_TEXT_RE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\.?,?\s+((?:19|20)\d{{2}})\b",
    re.I,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\b", re.I)
_DATE_LABEL_RE = re.compile(
    r"^(?:(?:first\s+)?published|updated|last\s+updated|posted|date)\b\s*(?:on|at)?\s*:?\s*",
    re.I,
)
_DATEPARSER_SETTINGS: dict[str, object] = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
MIN_YEAR = 1900
MAX_YEAR = 2100


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateMatch(NamedTuple):
    value: date
    start: int
    end: int


def _fast_date(text: str) -> DateMatch | None:
    """Common shapes by regex: ISO, numeric d/m/y (day first unless impossible), month names."""
    m = _ISO_DATE_RE.search(text)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return DateMatch(d, m.start(), m.end()) if d else None
    m = _NUM_DATE_RE.search(text)
    if m:
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        if year < 100:
            year += 2000 if year < 70 else 1900
        # Day first (non-US) unless the first number cannot be a day's month partner:
        # 15/5/2016 -> 15 May; 4/30/2017 -> 30 April; 5/4/2016 (ambiguous) -> 5 April.
        if second > 12 >= first:
            day, month = second, first
        else:
            day, month = first, second
        d = _safe_date(year, month, day)
        return DateMatch(d, m.start(), m.end()) if d else None
    m = _MDY_TEXT_RE.search(text)
    if m:
        d = _safe_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
        return DateMatch(d, m.start(), m.end()) if d else None
    m = _DMY_TEXT_RE.search(text)
    if m:
        d = _safe_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        return DateMatch(d, m.start(), m.end()) if d else None
    return None


@lru_cache(maxsize=4096)
def _dateparser_date(text: str) -> date | None:
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return _safe_date(parsed.year, parsed.month, parsed.day)


def parse_date(text: str) -> date | None:
    """An absolute calendar date in ``text`` (a byline/dateline fragment), or None.

    Only strings naming a year are read, so relative words ("yesterday") never produce a
    date that depends on the clock. Ambiguous numeric dates are read day first.
    """
    text = text.strip()
    if not text or len(text) > 80 or not (_YEAR_RE.search(text) or _NUM_DATE_RE.search(text)):
        return None
    fast = _fast_date(text)
    if fast is not None:
        return fast.value
    if _NUM_DATE_RE.search(text) or _ISO_DATE_RE.search(text):
        return None  # numeric shape but impossible values: dateparser would only guess
    return _dateparser_date(text)


def date_only_line(line: str) -> date | None:
    """The date of a line that holds nothing but a date ("Published 25 October 2016 14:05")."""
    if len(line) > 70 or len(line.split()) > 9:
        return None
    fast = _fast_date(line)
    if fast is None:
        return None
    rest = line[: fast.start] + " " + line[fast.end :]
    rest = _TIME_RE.sub(" ", _DATE_LABEL_RE.sub("", rest.strip()))
    leftover = [
        w for w in re.split(r"[\s,|•·–—-]+", rest) if w and w.lower().strip(".") not in _WEEKDAYS
    ]
    return fast.value if not leftover else None


# --- bylines -------------------------------------------------------------------------

_BYLINE_START_RE = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|author\s*:|reporter\s*:)\s*:?\s+(?=[A-Z])",
    re.I,
)
_NAME_TOKEN_RE = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:al|el|ad|ar|as|ash|at|abu|bin|ibn|d|de|di|da)[-'’][A-Z][\w'’.-]*)$"
)
_NAME_PARTICLES = wordset(
    "al el de da das do dos du di del della van von der den ter bin ibn abu la le st"
)
_NAME_JOINERS = frozenset({"and", "&"})
_BYLINE_SEP_RE = re.compile(r"\s*(?:[|•·,;/]|\s[–—-]\s|[–—])\s*")
_SENTENCE_WORDS = wordset(
    "the a an had has have was were is are will would could should said says it they he she "
    "we this that to after before when"
)
_ORG_WORDS = wordset(
    "news correspondent reporter editor staff writer bureau agency contributor press times "
    "post journal daily"
)


class Byline(NamedTuple):
    author: str
    published: date | None


def _tidy_name(tokens: list[str]) -> str:
    name = " ".join(tokens).strip(" ,.;:-")
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        name = name.title()
    return name


def parse_byline(line: str) -> Byline | None:
    """``"By Jeff Seldin October 25, 2016"`` -> Byline("Jeff Seldin", 2016-10-25), else None."""
    if len(line) > 140 or len(line.split()) > 16:
        return None
    m = _BYLINE_START_RE.match(line)
    if not m:
        return None
    rest = line[m.end() :].strip()
    tokens = rest.split()
    name: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        bare = tok.rstrip(",;:|")
        low = bare.lower().rstrip(".")
        if low in _MONTHS or low in _WEEKDAYS or any(c.isdigit() for c in bare):
            break
        if low in {"published", "updated", "posted"}:
            break
        if _NAME_TOKEN_RE.match(bare) or (name and low in _NAME_PARTICLES):
            if low in _ORG_WORDS and len(name) >= 2:
                break
            if bare.isupper() and len(bare) > 1 and len(name) >= 2 and not tokens[0].isupper():
                break  # "By Jo Twist BBC News": an all-caps organisation after a mixed-case name
            name.append(bare)
        elif name and low in _NAME_JOINERS and i + 1 < len(tokens):
            name.append(bare)
        else:
            break
        i += 1
        if bare != tok:  # a separator glued to the token ends the name
            break
    while name and name[-1].lower() in _NAME_JOINERS | _NAME_PARTICLES:
        name.pop()
    capitalised = [t for t in name if t.lower() not in _NAME_JOINERS | _NAME_PARTICLES]
    if len(capitalised) < 2 or len(name) > 7:
        return None
    remainder = " ".join(tokens[i:])
    rem_words = {
        word.strip(".,;:").lower()
        for piece in _BYLINE_SEP_RE.split(remainder)
        for word in piece.split()
    }
    lower_words = rem_words & _SENTENCE_WORDS
    if lower_words and remainder[:1].islower():
        return None  # "By Christmas Day the company had sold ..." is a sentence
    if lower_words and not _YEAR_RE.search(remainder):
        return None
    return Byline(_tidy_name(name), parse_date(remainder) if remainder else None)


# --- datelines -----------------------------------------------------------------------

_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})\b(?P<mid>[^–—]{0,70}?)"
    r"\s*(?:[–—]|--?)\s+(?=\S)"
)
_AGENCY_RE = re.compile(r"\((?P<agency>[A-Z][A-Za-z.&' ]{1,25})\)")


class Dateline(NamedTuple):
    place: str
    published: date | None
    agency: str | None


def parse_dateline(paragraph: str) -> Dateline | None:
    """``"LONDON, Oct 25, 2016 (Reuters) - ..."`` -> place, date (if a year is named), agency."""
    m = _DATELINE_RE.match(paragraph)
    if not m or len(m["place"]) < 3:
        return None
    mid = m["mid"]
    if mid and not mid.lstrip().startswith((",", "(")):
        return None
    agency_m = _AGENCY_RE.search(mid)
    return Dateline(
        place=m["place"],
        published=parse_date(mid) if mid.strip() else None,
        agency=agency_m["agency"].strip() if agency_m else None,
    )


# --- publisher -----------------------------------------------------------------------

_PUB_WORD = r"[A-Z][\w&'’-]*(?:\.(?=\w)[\w&'’-]*)*"
_PUB = rf"(?P<pub>(?:The )?{_PUB_WORD}(?: {_PUB_WORD}){{0,2}})"
_PUBLISHER_BOILERPLATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\belsewhere on {_PUB}", re.I),
    re.compile(rf"\bbe part of (?:your |the )?{_PUB}", re.I),
    re.compile(rf"{_PUB} (?:is|are) (?:on the ground|trusted|committed|reader[- ]funded)"),
    re.compile(rf"\b(?:other|fellow) {_PUB} (?:readers|subscribers|members)\b"),
    re.compile(rf"\b(?:support|subscribe to|sign up to|donate to) {_PUB}"),
    re.compile(rf"\bshare your [\w ,]{{1,40}} with {_PUB}"),
    re.compile(rf"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{{2}}\s*)?{_PUB}", re.I),
)
_TOLD_OUTLET_RE = re.compile(r"\btold (?P<pub>[A-Z]{2,6})\b")
_WIRE_AGENCIES = frozenset({"AP", "AFP", "DPA", "EFE", "ANSA", "UPI", "IANS", "PTI", "ANI"})
_NOT_PUBLISHERS = wordset(
    "the us our your we facebook twitter google apple instagram youtube whatsapp linkedin "
    "tiktok x email comments readers"
)


_GLUED_YEAR_RE = re.compile(r"(?<=[A-Za-z])(?:19|20)\d{2}.*$")


def _clean_publisher(name: str) -> str | None:
    # "©Reuters2008All rights reserved": a year glued to the name ends it.
    name = _GLUED_YEAR_RE.sub("", name).strip(" .,!’'")
    if name.lower() in _NOT_PUBLISHERS or name.lower().removeprefix("the ") in _NOT_PUBLISHERS:
        return None
    return name or None


def find_publisher(
    boilerplate: Iterable[str], body: Iterable[str], dateline_agency: str | None
) -> tuple[str, str] | None:
    """(publisher, how) from site names in boilerplate, a dateline agency or "told VOA" twice."""
    for line in boilerplate:
        for pattern in _PUBLISHER_BOILERPLATE_RES:
            m = pattern.search(line)
            if m:
                name = _clean_publisher(m["pub"])
                if name:
                    return name, "boilerplate"
    if dateline_agency:
        return dateline_agency, "dateline"
    told = Counter(
        m["pub"] for para in body if "told " in para for m in _TOLD_OUTLET_RE.finditer(para)
    )
    for outlet, count in told.most_common():
        if count >= 2 and outlet not in _WIRE_AGENCIES:
            return outlet, "told_outlet"
    return None
