"""Boilerplate removal and metadata recovery for scraped plain-text news articles.

Plain text has no DOM, so every line (a paragraph in most scrapes) is classified from
features: its length, terminal punctuation, stop words, position (header zone before the
first body paragraph, tail after a comment/sidebar marker), call-to-action and donation
vocabulary, caption/credit shapes, and whether it repeats across the night's documents.

Pipeline per document:

1. split lines; split glued sentences ("difference.Gangs") when one half is boilerplate;
2. classify each unit on its own (``clean_patterns.line_reason``) and smooth boilerplate blocks;
3. find the byline, the first body paragraph and the title (header zone = before the body);
4. walk the units: header leftovers, duplicates, fragments and everything after a
   comment/sidebar marker are dropped, the rest is the article body.

``clean_text`` is pure and deterministic; regexes are compiled once at import.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from nightwire.clean_meta import (
    Byline,
    date_only_line,
    find_publisher,
    parse_byline,
    parse_dateline,
)
from nightwire.clean_patterns import (
    BLOCK_REASONS,
    NON_WORD_RE,
    PLACE_TAG_RE,
    SENT_END_RE,
    SINGLE_PERIOD_END_RE,
    STOP_WORDS,
    TAIL_REASONS,
    WORD_RE,
    ZERO_WIDTH_RE,
    english_share,
    is_sentence,
    line_reason,
    split_glued,
)
from nightwire.models import CleanResult

__all__ = ["clean_text", "find_repeated_lines", "normalise_line"]

# A comment/sidebar/footer marker ends the article only once this many words of
# sentence-shaped body are kept: above that, it is page furniture before the story.
MIN_BODY_WORDS_FOR_TAIL = 15
# Below this share of English stop words the text is not English (English prose: ~0.4,
# German or French: < 0.1): sentences are then found by their punctuation alone.
MIN_ENGLISH_SHARE = 0.2


def normalise_line(line: str) -> str:
    """Lower-cased, whitespace-collapsed, stripped: the key for cross-document repeats."""
    return " ".join(ZERO_WIDTH_RE.sub("", line).split()).lower()


def find_repeated_lines(
    texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.0
) -> frozenset[str]:
    """Normalised lines found in at least ``min_docs`` documents (and ``min_share`` of them).

    A line counts once per document. Feed the result to ``clean_text(repeated_lines=...)``.
    """
    if min_docs < 1:
        raise ValueError("min_docs must be >= 1")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError("min_share must be within [0, 1]")
    counts: Counter[str] = Counter()
    n_docs = 0
    for text in texts:
        n_docs += 1
        counts.update({normalise_line(line) for line in text.splitlines()} - {""})
    threshold = max(min_docs, math.ceil(min_share * n_docs))
    return frozenset(line for line, count in counts.items() if count >= threshold)


@dataclass(slots=True)
class _Unit:
    text: str
    norm: str
    n_words: int
    reason: str | None = None  # boilerplate class found on the unit's own features
    repeated: bool = False


def _title_like(unit: _Unit) -> bool:
    if unit.n_words < 2 or unit.n_words > 30 or len(unit.text) > 220:
        return False
    if SINGLE_PERIOD_END_RE.search(unit.text[-8:]):
        return False
    return not (unit.text.endswith(("?", "!")) and unit.n_words > 15)


def _units(raw_text: str, repeated_lines: frozenset[str]) -> list[_Unit]:
    units: list[_Unit] = []
    for raw_line in ZERO_WIDTH_RE.sub("", raw_text).splitlines():
        line = " ".join(raw_line.split())
        if not line:
            continue
        whole_repeated = bool(repeated_lines) and line.lower() in repeated_lines
        for piece in [line] if whole_repeated else split_glued(line):
            norm = piece.lower()
            n_words = len(piece.split())
            unit = _Unit(piece, norm, n_words, line_reason(piece, n_words))
            unit.repeated = whole_repeated or norm in repeated_lines
            units.append(unit)
    return units


def _overlap(a: str, b: str) -> float:
    wa, wb = set(WORD_RE.findall(a)), set(WORD_RE.findall(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _smooth(units: list[_Unit]) -> None:
    """Fill boilerplate blocks and pair captions with their near-duplicate twin."""
    for i in range(1, len(units) - 1):
        prev, cur, nxt = units[i - 1], units[i], units[i + 1]
        if (
            cur.reason is None
            and cur.n_words >= 15
            and prev.reason in BLOCK_REASONS
            and prev.reason == nxt.reason
        ):
            cur.reason = prev.reason
    for i, unit in enumerate(units):
        if unit.reason != "caption":
            continue
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(units)
                and units[j].reason is None
                and 5 <= units[j].n_words <= 70
                and _overlap(units[j].norm, unit.norm) >= 0.6
            ):
                units[j].reason = "caption"


def _syndicated(units: list[_Unit]) -> bool:
    """Most body-shaped lines repeat across documents: a syndicated copy, not boilerplate."""
    body = [u for u in units if is_sentence(u.text, u.n_words) and u.n_words >= 8]
    repeated = sum(1 for u in body if u.repeated)
    return repeated >= 2 and repeated * 2 > len(body)


def _lead_without_period(unit: _Unit) -> bool:
    if unit.reason is not None or unit.n_words < 12 or SENT_END_RE.search(unit.text[-8:]):
        return False
    return sum(1 for w in WORD_RE.findall(unit.norm) if w in STOP_WORDS) >= 2


def _continues(units: list[_Unit], i: int) -> bool:
    """A short line that is part of a paragraph broken across lines ("...revealed Real Madrid /
    did / ask for an option...")."""
    cur = units[i]
    if cur.text[-1] in ",;:" or cur.text[0].islower():
        return True
    prev = units[i - 1] if i > 0 else None
    if (
        prev is not None
        and prev.reason is None
        and prev.n_words >= 6
        and not SENT_END_RE.search(prev.text[-8:])
    ):
        return True
    nxt = units[i + 1] if i + 1 < len(units) else None
    return nxt is not None and nxt.text[0].islower()


def _header_reason(unit: _Unit) -> str:
    if unit.n_words <= 3:
        return "short_fragment"
    return "section_label" if unit.n_words <= 6 else "standfirst"


def _dup_key(norm: str) -> str:
    return " ".join(NON_WORD_RE.sub("", norm).split())


def _find_byline(units: list[_Unit]) -> tuple[int | None, Byline | None]:
    """The first "By Name [date]" line near the top."""
    for i, u in enumerate(units[:25]):
        if u.reason is None and u.text[0] in "BbWwAaRrSs":
            byline = parse_byline(u.text)
            if byline is not None:
                return i, byline
    return None, None


def _find_body_start(units: list[_Unit], byline_idx: int | None, *, english: bool) -> int:
    """Index of the first body paragraph; everything before it is the header zone.

    The body starts at the first sentence-shaped unit that is not boilerplate. A short top
    line ending in "?"/"!" ("Could Yukos be a blessing in disguise?") is a headline.
    """
    seen_candidate = False
    for i, u in enumerate(units):
        if u.reason is not None or i == byline_idx:
            continue
        if not seen_candidate and _title_like(u) and date_only_line(u.text) is None:
            seen_candidate = True
            continue
        seen_candidate = True
        if is_sentence(u.text, u.n_words, english=english) and date_only_line(u.text) is None:
            # A long sentence right above is the first paragraph missing its full stop (a
            # standfirst set apart from the body by boilerplate is dropped instead).
            return i - 1 if i >= 2 and _lead_without_period(units[i - 1]) else i
    # Nothing sentence-shaped: keep whatever is not boilerplate, after a headline.
    start = next((i for i, u in enumerate(units) if u.reason is None), len(units))
    return start + 1 if start < len(units) and _title_like(units[start]) else start


def _choose_title(
    units: list[_Unit], body_start: int, byline_idx: int | None
) -> tuple[int | None, str | None]:
    """The headline right before the byline, else the first headline-shaped header line."""
    candidates = [
        i
        for i in range(body_start)
        if units[i].reason is None
        and i != byline_idx
        and _title_like(units[i])
        and date_only_line(units[i].text) is None
    ]
    if not candidates:
        return None, None
    before_byline = [i for i in candidates if byline_idx is not None and i < byline_idx]
    if before_byline:
        chosen_norm = units[before_byline[-1]].norm
        idx = next(i for i in candidates if units[i].norm == chosen_norm)  # first printing
        how = "before_byline"
    else:
        idx, how = candidates[0], "header_line"
    return idx, "first_line" if idx == 0 else how


def clean_text(raw_text: str, *, repeated_lines: frozenset[str] = frozenset()) -> CleanResult:
    """The article body of one scraped plain-text article plus its title, author, date, site.

    ``repeated_lines`` holds ``normalise_line`` keys seen across the night's documents
    (see ``find_repeated_lines``); such lines are dropped as "repeated_across_documents".
    Header lines that read as sentences above the first body paragraph are the article's
    standfirst and are kept: they often carry facts the body does not repeat (seed 000 names
    the town only there).
    """
    units = _units(raw_text, repeated_lines)
    if not units:
        return CleanResult(text="")
    if repeated_lines:
        keep_long = _syndicated(units)
        for u in units:
            if u.repeated and not (keep_long and u.n_words >= 8 and is_sentence(u.text, 8)):
                u.reason = "repeated_across_documents"
    _smooth(units)

    byline_idx, byline = _find_byline(units)
    # Stop words find sentences in English; other languages fall back on punctuation.
    english = english_share([u.text for u in units]) >= MIN_ENGLISH_SHARE
    body_start = _find_body_start(units, byline_idx, english=english)
    title_idx, title_how = _choose_title(units, body_start, byline_idx)
    provenance: dict[str, str] = {"title": title_how} if title_how else {}
    published: date | None = None
    if byline is not None:
        provenance["author"] = "byline"
        if byline.published is not None:
            published = byline.published
            provenance["published_date"] = "byline"

    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    seen: set[str] = {units[title_idx].norm} if title_idx is not None else set()
    kept_keys = ""  # punctuation-free kept paragraphs, for "contained in an earlier one"
    tail: str | None = None  # set once a comment/sidebar/footer marker ends the article
    body_words = 0  # words of sentence-shaped paragraphs kept so far
    date_zone = max(body_start + 6, 25)
    for i, u in enumerate(units):
        reason: str | None = None
        key = ""
        if i == title_idx:
            reason = "title"
        elif i == byline_idx:
            reason = "byline"
        elif tail is not None:
            if u.reason in TAIL_REASONS:
                tail = u.reason
            reason = tail if u.reason is None or u.reason == "advert" else u.reason
        elif u.reason is not None:
            reason = u.reason
            if i > body_start and reason in TAIL_REASONS and body_words >= MIN_BODY_WORDS_FOR_TAIL:
                tail = reason
        elif i < date_zone and (line_date := date_only_line(u.text)):
            reason = "date_line"
            if published is None:
                published = line_date
                provenance["published_date"] = "date_line"
        elif u.norm in seen:
            reason = "duplicate_paragraph"
        elif i < body_start:
            reason = _header_reason(u)
            if reason == "standfirst":
                reason = None  # editorial summary: article content, kept
        elif u.n_words >= 8 and (key := _dup_key(u.norm)) in kept_keys:
            reason = "duplicate_paragraph"
        elif u.n_words <= 3 and not SENT_END_RE.search(u.text[-8:]) and not _continues(units, i):
            if PLACE_TAG_RE.match(u.text) and (u.n_words <= 2 or "," in u.text):
                reason = "place_tag"
            elif u.n_words <= 2:
                reason = "short_fragment"
        if reason is None:
            kept.append(u.text)
            seen.add(u.norm)
            kept_keys += (key or _dup_key(u.norm)) + "\n"
            if is_sentence(u.text, u.n_words, english=english):
                body_words += u.n_words
        else:
            dropped.append((u.text, reason))

    # Dateline ("LONDON, Oct 25, 2016 (Reuters) - ...") in the first body paragraphs.
    agency: str | None = None
    for para in kept[:3]:
        dateline = parse_dateline(para)
        if dateline is not None:
            agency = dateline.agency
            if published is None and dateline.published is not None:
                published = dateline.published
                provenance["published_date"] = "dateline"
            break
    publisher: str | None = None
    found = find_publisher((t for t, r in dropped if r != "title"), kept, agency)
    if found is not None:
        publisher, provenance["publisher"] = found

    return CleanResult(
        text="\n\n".join(kept),
        title=units[title_idx].text if title_idx is not None else None,
        author=byline.author if byline is not None else None,
        publisher=publisher,
        published_date=published,
        provenance=provenance,
        dropped=dropped,
    )
