"""Event dates: resolve date phrases against the publication date and earlier mentions.

:func:`resolve_date_phrase` is the pure rule set; :func:`collect_date_mentions` walks a
Doc once, in reading order, so that "two days later" can lean on the last date resolved
before it. Rules (``published`` = publication date, ``anchor`` = last resolved date):

* explicit: "October 21, 2016", "21 October 2016", "Oct. 21", "2016-10-21", "21/10/2016"
  (numeric d/m vs m/d only when one part exceeds 12); a missing year is the latest such
  date on or before ``published``;
* "today", "tonight", "this morning" -> ``published``; "yesterday", "last night" -> the
  day before; "N days ago" -> ``published`` - N;
* a weekday ("on Friday", "Friday's attack", "the early hours of Sunday") -> the most
  recent such day *on or before* ``published``. The seeds show why the same day counts:
  pieces published on Sunday 23 October 2016 report "the early hours of Sunday" for an
  attack that morning. "last Friday" is strictly before ``published``;
* "two days later", "the next day" -> ``anchor`` + N; "a day earlier" -> ``anchor`` - N;
* anything vaguer ("last week", "this month", "in recent weeks", "June 2014") -> ``None``
  (the phrase is still reported so a later stage can use month/year precision).

dateparser is only a fallback for phrases that name a month with a day number the
regular expressions could not read; it never sees ordinary sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from nightwire.event_lexicon import tokens_among

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
# Day words the entity recogniser may miss (see collect_date_mentions).
_DAY_WORDS = frozenset((*WEEKDAYS, "yesterday", "today", "tonight"))
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b" + _YEAR)
_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _YEAR)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b")
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_AGO = re.compile(_N + r"\s+(?P<unit>days?|weeks?)\s+ago\b")
_LATER = re.compile(_N + r"\s+(?P<unit>days?|weeks?)\s+(?:later|after(?:wards)?)\b")
_EARLIER = re.compile(_N + r"\s+(?P<unit>days?|weeks?)\s+(?:earlier|before)\b")
_NEXT_DAY = re.compile(r"\b(?:the\s+)?(?:next|following)\s+day\b|\bthe\s+day\s+after\b")
_PREV_DAY = re.compile(r"\b(?:the\s+)?(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b")
_TODAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b")
_YESTERDAY = re.compile(r"\b(?:yesterday|last\s+night)\b")
_WEEKDAY = re.compile(r"\b(?P<last>last\s+|next\s+)?(?P<day>" + "|".join(WEEKDAYS) + r")\b")
# A bare duration ("three-day", "two weeks"), not a point in time.
_DURATION = re.compile(
    r"^(?:a|an|the|\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
    r"[\s-]+(?:days?|weeks?|months?|years?|hours?)$"
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in a Doc, resolved (``date``) where the rules allow."""

    text: str
    start_char: int
    end_char: int
    start: int  # token offsets in the Doc
    end: int
    date: date | None
    precision: str | None = None  # "day", "week" (date = its Monday), "month" (the 1st)
    reason: str = "vague"  # see :func:`resolve_date`


_WEEK = re.compile(r"\b(?P<which>last|this|past|previous|earlier this)\s+week\b")
_MONTH_REL = re.compile(r"\b(?P<which>last|this|past|previous|earlier this)\s+month\b")
_MONTH_YEAR = re.compile(_MONTH + r"(?:\s+of)?\s+(?P<year>\d{4})\b")
_MONTH_ONLY = re.compile(r"^(?:in\s+|early\s+|late\s+|mid-?\s*|the\s+end\s+of\s+)*" + _MONTH + "$")
# Phrases that need the publication date to mean a day, week or month.
_RELATIVE = re.compile(
    r"\b(?:today|tonight|yesterday|ago|last|this|next|later|earlier|previous|following|"
    + "|".join(WEEKDAYS)
    + r")\b"
)


def resolve_date(
    phrase: str, published: date | None, anchor: date | None = None
) -> tuple[date | None, str | None, str]:
    """``(date, precision, reason)`` of a date phrase.

    ``reason`` says how the date was found or why there is none: ``explicit`` (the phrase
    names the calendar date), ``relative`` (resolved against the publication date or the
    previous date of the text), ``no_publication_date`` (a relative phrase, "on Friday",
    in an article without a publication date: no guess), ``vague`` ("in recent weeks").
    Week precision dates to the Monday of the week, month precision to the 1st.
    """
    text = re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()
    day = resolve_date_phrase(phrase, published, anchor)
    if day is not None:
        explicit = _explicit(text, None) is not None or bool(_ISO.search(text))
        return day, "day", "explicit" if explicit else "relative"
    match = _MONTH_YEAR.search(text)
    if match:
        return (
            date(int(match.group("year")), _MONTHS[match.group("month")[:3]], 1),
            "month",
            "explicit",
        )
    if published is not None:
        if (match := _WEEK.search(text)) is not None:
            monday = published - timedelta(days=published.weekday())
            back = 0 if match.group("which") in ("this", "earlier this") else 7
            return monday - timedelta(days=back), "week", "relative"
        if (match := _MONTH_REL.search(text)) is not None:
            first = published.replace(day=1)
            if match.group("which") not in ("this", "earlier this"):
                first = (first - timedelta(days=1)).replace(day=1)
            return first, "month", "relative"
        if (match := _MONTH_ONLY.match(text)) is not None:
            month = _MONTHS[match.group("month")[:3]]
            year = published.year if month <= published.month else published.year - 1
            return date(year, month, 1), "month", "relative"
    elif _RELATIVE.search(text) or _MONTH_ONLY.match(text) or _WEEK.search(text):
        return None, None, "no_publication_date"
    return None, None, "vague"


def weekday_on_or_before(published: date, weekday: int, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` (0 = Monday) on (or strictly before) ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - timedelta(days=back)


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _SMALL[text]


def _days(match: re.Match[str]) -> int:
    return _n(match.group("n")) * (7 if match.group("unit").startswith("week") else 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(phrase: str, published: date | None) -> date | None:
    for pattern in (_ISO, _MDY, _DMY):
        match = pattern.search(phrase)
        if not match:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3]]
        day = int(match.group("day"))
        if match.group("year"):
            return _safe_date(int(match.group("year")), month, day)
        if published is None:
            return None
        found = _safe_date(published.year, month, day)
        if found is not None and found > published:
            found = _safe_date(published.year - 1, month, day)
        return found
    match = _NUMERIC.search(phrase)
    if match:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
        if a > 12 >= b:
            return _safe_date(year, b, a)
        if b > 12 >= a:
            return _safe_date(year, a, b)
        if a == b:
            return _safe_date(year, a, b)
    return None


def _dateparser_fallback(phrase: str, published: date | None) -> date | None:
    """Last resort for a phrase naming a month and a day number the regexes missed."""
    import dateparser

    base = datetime.combine(published or date.today(), datetime.min.time())
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if parsed is None or (published is None and not re.search(r"\d{4}", phrase)):
        return None
    return parsed.date()


def resolve_date_phrase(
    phrase: str, published: date | None, anchor: date | None = None
) -> date | None:
    """The calendar day a date phrase denotes, or ``None`` if it is vague or unanchored."""
    text = re.sub(r"\s+", " ", phrase.lower().replace("’", "'"))
    found = _explicit(text, published)
    if found is not None:
        return found
    if published is not None:
        if re.search(r"\bthe day before yesterday\b", text):
            return published - timedelta(days=2)
        if _TODAY.search(text):
            return published
        if _YESTERDAY.search(text):
            return published - timedelta(days=1)
        match = _AGO.search(text)
        if match:
            return published - timedelta(days=_days(match))
    if anchor is not None:
        match = _LATER.search(text)
        if match:
            return anchor + timedelta(days=_days(match))
        if _NEXT_DAY.search(text):
            return anchor + timedelta(days=1)
        match = _EARLIER.search(text)
        if match:
            return anchor - timedelta(days=_days(match))
        if _PREV_DAY.search(text):
            return anchor - timedelta(days=1)
    match = _WEEKDAY.search(text)
    if match and published is not None:
        modifier = (match.group("last") or "").strip()
        if modifier != "next":  # "next Friday" is a future day: not an event date
            day = WEEKDAYS[match.group("day")]
            return weekday_on_or_before(published, day, strictly_before=modifier == "last")
    if re.search(_MONTH, text) and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text):
        return _dateparser_fallback(phrase, published)
    return None


def _trim_at_newline(span: Span) -> Span:
    for tok in span:
        if tok.is_space and "\n" in tok.text:
            return span.doc[span.start : tok.i]
    return span


def collect_date_mentions(doc: Doc, published: date | None) -> list[DateMention]:
    """Every date expression in ``doc`` in reading order, resolved with a running anchor.

    Sources: DATE/TIME entities, plus weekday names and "yesterday"/"today" tokens the
    entity recogniser missed.
    """
    spans: list[Span] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            span = _trim_at_newline(ent)
            if len(span) and not _DURATION.match(span.text.lower()):
                spans.append(span)
                covered.update(range(span.start, span.end))
    for i in tokens_among(doc, _DAY_WORDS):
        if i not in covered:
            spans.append(doc[i : i + 1])
    spans.sort(key=lambda s: s.start)
    mentions: list[DateMention] = []
    anchor: date | None = None
    for span in spans:
        resolved, precision, reason = resolve_date(span.text, published, anchor)
        if resolved is not None and precision == "day":
            anchor = resolved
        mentions.append(
            DateMention(
                span.text,
                span.start_char,
                span.end_char,
                span.start,
                span.end,
                resolved,
                precision,
                reason,
            )
        )
    return mentions


def choose_date(
    mentions: list[DateMention], start: int, end: int, reach: set[int], anchor: int
) -> tuple[DateMention | None, bool]:
    """The date of an event in sentence ``[start, end)`` whose trigger region is ``reach``.

    Returns ``(mention, tied)``. Preference: a resolved date tied to the trigger, then a
    resolved date anywhere in the sentence, then an unresolved tied phrase ("last week"),
    each time the one nearest the trigger token ``anchor``.
    """
    in_sentence = [m for m in mentions if start <= m.start < end]
    tied = [m for m in in_sentence if any(i in reach for i in range(m.start, m.end))]
    for pool, is_tied in (
        ([m for m in tied if m.date and m.precision == "day"], True),
        ([m for m in in_sentence if m.date and m.precision == "day"], False),
        ([m for m in tied if m.date], True),
        ([m for m in in_sentence if m.date], False),
        (tied, True),
    ):
        if pool:
            return min(pool, key=lambda m: abs(m.start - anchor)), is_tied
    return None, False
