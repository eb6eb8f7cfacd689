"""Boilerplate removal and metadata recovery for scraped plain-text news articles.

Plain text has no DOM, so every line (a paragraph in most scrapes) is classified from
features: its length, terminal punctuation, stop words, position (header zone before the
first body paragraph, tail after a comment/sidebar marker), call-to-action and donation
vocabulary, caption/credit shapes, and whether it repeats across the night's documents.

Pipeline per document:

1. split lines; split glued sentences ("difference.Gangs") when one half is boilerplate;
2. classify each unit on its own (``_strong_reason``) and smooth boilerplate blocks;
3. find the byline, the first body paragraph and the title (header zone = before the body);
4. walk the units: header leftovers, duplicates, fragments and everything after a
   comment/sidebar marker are dropped, the rest is the article body.

``clean_text`` is pure and deterministic; regexes are compiled once at import.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from nightwire.clean_meta import (
    Byline,
    date_only_line,
    find_publisher,
    parse_byline,
    parse_dateline,
    wordset,
)
from nightwire.models import CleanResult

__all__ = ["clean_text", "find_repeated_lines", "normalise_line"]

# Reasons whose appearance after the body has started means the article is over.
TAIL_REASONS = frozenset({"comment_section", "sidebar", "footer"})
# Boilerplate blocks (a long line between two of these is part of the block).
BLOCK_REASONS = frozenset({"donation", "cta", "comment_section"})
# Boilerplate that may be glued to an article sentence and cut off it.
GLUE_REASONS = frozenset({"donation", "cta", "comment_section", "sidebar", "footer", "advert"})

_STOP_WORDS = wordset(
    """a about after all also an and any are as at be been before but by can could did do
    does for from had has have he her his how i if in into is it its may more most no not of
    on or our out over said says she so some than that the their them then there these they
    this those to up was we were what when where which while who will with would you"""
)

_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SENT_END_RE = re.compile(r"[.?!…][\"'”’)\]]*$")
_PERIOD_END_RE = re.compile(r"[.…][\"'”’)\]]*$|[.?!…][\"'”’)\]]+$")
_SINGLE_PERIOD_END_RE = re.compile(r"(?<![.…])\.[\"'”’)\]]*$")
_WORD_RE = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Reader/publisher voice; "US" (the country) is not "us".
_YOU_WE_RE = re.compile(r"\b(?:[Yy]ou|[Yy]ours?|YOUR?|[Ww]e|WE|[Uu]s|[Oo]urs?|OUR)\b")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+")
# "difference.Gangs" / "storyGangs": a sentence glued to the next without a space.
_GLUE_HINT_RE = re.compile(r"[a-z](?:[.!?]|[a-z])[A-Z][a-z]")
_GLUE_RE = re.compile(r"(?<=[a-z][.!?])(?=[A-Z][a-z])|(?<=[a-z]{2})(?=[A-Z][a-z]{2})")

# Appeals to the reader; they count only where the text also says you/your/we/us/our.
_DONATION_RE = re.compile(
    r"\b(?:your (?:support|donation|contribution|generosity)|support (?:us|our (?:work|"
    r"journalism|reporting|newsroom))|paywalls?|quality journalism|independent journalism|"
    r"reader[- ]funded|become an? (?:member|supporter|subscriber|patron)|"
    r"make an? (?:donation|contribution)|donate (?:now|today|here|to us)|"
    r"contribute (?:now|today)|chip in|patreon|those who can afford)\b",
    re.I,
)
_DONATE_WORD_RE = re.compile(r"\bdonat(?:e|es|ed|ing|ion|ions)\b", re.I)
_DONATION_KEYS = (
    "support",
    "donat",
    "paywall",
    "journalism",
    "funded",
    "member",
    "subscriber",
    "patron",
    "contribut",
    "chip in",
    "patreon",
    "afford",
)
_CTA_RE = re.compile(
    r"\b(?:sign(?:ing|ed)?[ -]?(?:in|up|out)|log(?:ging|ged)?[ -]?(?:in|out)|register(?:ed)?|"
    r"subscri(?:be|ption|ber)s?|newsletters?|mailing list|password|cookies?|"
    r"privacy (?:policy|notice|settings)|terms (?:of|and) (?:use|service|conditions)|"
    r"click here|tap here|read more|continue reading|download (?:our|the) app|follow us|"
    r"like us on|share (?:this|on|via|your)|email us|your email|not a member|as a guest|"
    r"connect using|forgot(?:ten)? (?:your )?password|unsubscribe|notifications?|"
    r"get (?:the|our) (?:app|newsletter))\b",
    re.I,
)
_ADVERT_RE = re.compile(
    r"\b(?:buy (?:it|now|here|online|tickets)|shop now|order now|% off|free shipping|"
    r"advertisement|sponsored(?: content)?|promoted|affiliate link)\b",
    re.I,
)
_CTA_VERB_START_RE = re.compile(
    r"^(?:join|sign|subscribe|follow|share|click|tap|log|register|download|watch|listen|"
    r"leave|add|buy|get|support|donate|comment|visit|read)\b",
    re.I,
)
# Comment-form furniture: anchored shapes (match) and phrases anywhere (search, keyword-gated).
_COMMENT_START_RE = re.compile(
    r"(?:\d+\s+)?(?:no\s+)?comments?(?:\s*\(\d+\))?\s*:?$|leave a (?:reply|comment)|"
    r"(?:join|view|show|hide|read|add|post|write|submit|load)\s.{0,30}\b(?:comment|"
    r"conversation|discussion|contribution)|comment as\b|be the first to comment|"
    r"(?:log|sign) in to (?:comment|reply)",
    re.I,
)
_COMMENT_ANY_RE = re.compile(
    r"\byour email (?:address )?will not be (?:published|displayed)|\brequired fields are marked|"
    r"\bakismet\b|\byour comment data\b|\bcomment(?:s|ing)? (?:policy|guidelines|forum|section)|"
    r"\b(?:readers|users|members)\b.{0,40}\breplies\b|personali[sz]e comment",
    re.I,
)
_COMMENT_KEYS = ("comment", "your email", "required fields", "akismet", "replies")
# "Richard Ledford | 15/5/2016" / "JJ | 4/29/2017 8:32:21 PM": a reader comment's header.
_COMMENT_HEADER_RE = re.compile(
    r"^[^|]{1,60}?\s*\|\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*$",
    re.I,
)
# A site name after "Elsewhere on", "More from", "Be part of (your)" must be capitalised.
_SITE = r"(?-i:[A-Z])\S*(?: (?-i:[A-Z])\S*){0,2}"
_SIDEBAR_MARKER_RE = re.compile(
    rf"^(?:elsewhere on {_SITE}|more from {_SITE}|be part of (?:your |the )?{_SITE}|what you say|"
    r"related(?: (?:stories|articles|news|content|topics|posts|coverage|links|reading))?|"
    r"more (?:on this story|stories|news)|(?:most|more) (?:read|popular|viewed|shared|watched)|"
    r"you (?:may|might) (?:also )?"
    r"(?:like|be interested in)|recommended(?: for you| stories| reading)?|(?:top|latest|"
    r"trending) (?:stories|news|videos)|trending(?: now)?|read next|up next|"
    r"share this (?:article|story|page|post))\s*[:!.]?$",
    re.I,
)
# "| yesterday at 10:20 | (1)", "...regulations   20 hours ago |": related-headline furniture.
_SIDEBAR_ITEM_RE = re.compile(
    r"\|\s*(?:yesterday|today|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b|\|\s*\(\d+\)\s*$|\s\|\s*$|^\|",
    re.I,
)
_AGENCY = r"(?:AP|AFP|Reuters|EPA|PA|Getty|UPI|Xinhua|Anadolu|Shutterstock|Alamy|Sipa|DPA)"
_CAPTION_RE = re.compile(
    r"(?i:\b(?:credit|courtesy)s?\s*:)\s*\S.{0,60}$|"
    r"(?i:\b(?:photo(?:graph)?|image|picture|illustration)\s*(?:by\b|:))\s*"
    r"[A-Z][\w.'’&/-]*(?:\s+[A-Z][\w.'’&/-]*){0,4}\.?$|"
    rf"\b{_AGENCY}\s+(?i:photo|images?|pictures?)\.?$|\bGetty Images\.?$|"
    rf"\b[A-Z][\w.'’-]*/{_AGENCY}(?:/[A-Z][\w ]*)*\.?$|"
    r"^(?i:image|photo|picture) (?i:copyright|caption|source)\b"
)
_CAPTION_KEYS = ("credit", "courtesy", "photo", "image", "picture", "getty", "illustration", "/")
_FOOTER_START_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:seconds?|secs?|ms)\.?$|©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4})|"
    r"back to top$|"
    r"page \d+ of \d+$|\(?(?:additional )?(?:reporting|writing|editing) by\b",
    re.I,
)
_META_LABEL_RE = re.compile(
    r"^(?:(?:first )?published|updated|posted|last updated|advertisement|advertising|"
    r"sponsored(?: content)?|share|tweet|email|print|image caption|image copyright|"
    r"media caption|listen|watch|close|menu|skip to (?:main )?content|loading\.*|"
    r"(?:updated |published |posted )?(?:(?:\d+|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?) ago|yesterday|today|just now))\s*:?$",
    re.I,
)
_PLACE_TAG_RE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}(?:,\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})?$"
)
_NON_WORD_RE = re.compile(r"[^\w\s]+")


def normalise_line(line: str) -> str:
    """Lower-cased, whitespace-collapsed, stripped: the key for cross-document repeats."""
    return " ".join(_ZERO_WIDTH_RE.sub("", line).split()).lower()


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


def _unquoted(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


def _is_sentence(text: str, n_words: int) -> bool:
    """Body-paragraph shape: ends like a sentence, has a few words and some stop words."""
    if n_words < 5 or not _SENT_END_RE.search(text[-8:]):
        return False
    words = _WORD_RE.findall(text.lower())
    return any(w in _STOP_WORDS for w in words)


def _title_like(unit: _Unit) -> bool:
    if unit.n_words < 2 or unit.n_words > 30 or len(unit.text) > 220:
        return False
    if _SINGLE_PERIOD_END_RE.search(unit.text[-8:]):
        return False
    return not (unit.text.endswith(("?", "!")) and unit.n_words > 15)


def _has_any(text: str, keys: tuple[str, ...]) -> bool:
    return any(k in text for k in keys)


def _strong_reason(text: str, n_words: int) -> str | None:
    """Boilerplate class from the line alone (no position, no neighbours), or None.

    Cheap gates (word counts, substring keys) run before the regexes: most lines are
    article sentences and must cost little.
    """
    if n_words > 120:
        return None
    low = text.lower()
    tail = text[-8:]
    if "|" in text:
        if _COMMENT_HEADER_RE.match(text):
            return "comment_section"
        if _SIDEBAR_ITEM_RE.search(text):
            return "sidebar"
    if n_words <= 8 and _SIDEBAR_MARKER_RE.match(text):
        return "sidebar"
    if n_words <= 10 and _META_LABEL_RE.match(text):
        return "meta_label"
    if n_words <= 40 and (_FOOTER_START_RE.match(text) or "all rights reserved" in low):
        return "footer"
    if (
        n_words <= 12 and not _SINGLE_PERIOD_END_RE.search(tail) and _COMMENT_START_RE.match(text)
    ) or (n_words <= 40 and _has_any(low, _COMMENT_KEYS) and _COMMENT_ANY_RE.search(text)):
        return "comment_section"
    if n_words <= 70 and _has_any(low, _CAPTION_KEYS) and _CAPTION_RE.search(text):
        return "caption"
    donation_hint = _has_any(low, _DONATION_KEYS)
    if n_words > 30 and not donation_hint:
        return None
    bare = _unquoted(text) if ('"' in text or "“" in text) else text
    you_we = _YOU_WE_RE.search(bare) is not None
    if donation_hint and you_we:
        if _DONATION_RE.search(bare):
            return "donation"
        if n_words <= 60 and _DONATE_WORD_RE.search(bare):
            for sentence in _SENTENCE_SPLIT_RE.split(bare):
                if _DONATE_WORD_RE.search(sentence) and _YOU_WE_RE.search(sentence):
                    return "donation"
    if n_words > 30:
        return None
    non_sentence = not _PERIOD_END_RE.search(tail)
    if n_words <= 14 and (non_sentence or you_we) and _ADVERT_RE.search(bare):
        return "advert"
    verb_start = _CTA_VERB_START_RE.match(text) is not None
    if (
        (n_words <= 14 and (non_sentence or you_we or verb_start)) or (you_we and verb_start)
    ) and _CTA_RE.search(bare):
        return "cta"
    return None


def _split_glued(line: str) -> list[str]:
    """Split "difference.Gangs" only when a glued piece is boilerplate and another is not.

    A cut after sentence punctuation stands when either side is boilerplate; a cut with no
    punctuation ("storyGangs", but also "PlayStation") only when the piece before it is.
    """
    if not _GLUE_HINT_RE.search(line):
        return [line]
    cuts = [m.start() for m in _GLUE_RE.finditer(line)]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    pieces = [line[a:b].strip() for a, b in pairwise(bounds)]
    flags = [_strong_reason(p, len(p.split())) in GLUE_REASONS for p in pieces]
    if not any(flags):
        return [line]
    segments: list[str] = []
    start = 0
    for k, cut in enumerate(cuts):
        if flags[k] or (line[cut - 1] in ".!?" and flags[k + 1]):
            segments.append(line[start:cut].strip())
            start = cut
    segments.append(line[start:].strip())
    segments = [seg for seg in segments if seg]
    seg_flags = [_strong_reason(seg, len(seg.split())) in GLUE_REASONS for seg in segments]
    kept_words = sum(len(seg.split()) for seg, f in zip(segments, seg_flags, strict=True) if not f)
    if all(seg_flags) or not any(seg_flags) or kept_words < 4:
        return [line]
    return segments


def _units(raw_text: str, repeated_lines: frozenset[str]) -> list[_Unit]:
    units: list[_Unit] = []
    for raw_line in _ZERO_WIDTH_RE.sub("", raw_text).splitlines():
        line = " ".join(raw_line.split())
        if not line:
            continue
        whole_repeated = bool(repeated_lines) and line.lower() in repeated_lines
        for piece in [line] if whole_repeated else _split_glued(line):
            norm = piece.lower()
            n_words = len(piece.split())
            unit = _Unit(piece, norm, n_words, _strong_reason(piece, n_words))
            unit.repeated = whole_repeated or norm in repeated_lines
            units.append(unit)
    return units


def _overlap(a: str, b: str) -> float:
    wa, wb = set(_WORD_RE.findall(a)), set(_WORD_RE.findall(b))
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
    body = [u for u in units if _is_sentence(u.text, u.n_words) and u.n_words >= 8]
    repeated = sum(1 for u in body if u.repeated)
    return repeated >= 2 and repeated * 2 > len(body)


def _lead_without_period(unit: _Unit) -> bool:
    if unit.reason is not None or unit.n_words < 12 or _SENT_END_RE.search(unit.text[-8:]):
        return False
    return sum(1 for w in _WORD_RE.findall(unit.norm) if w in _STOP_WORDS) >= 2


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
        and not _SENT_END_RE.search(prev.text[-8:])
    ):
        return True
    nxt = units[i + 1] if i + 1 < len(units) else None
    return nxt is not None and nxt.text[0].islower()


def _header_reason(unit: _Unit) -> str:
    if unit.n_words <= 3:
        return "short_fragment"
    return "section_label" if unit.n_words <= 6 else "standfirst"


def _dup_key(norm: str) -> str:
    return " ".join(_NON_WORD_RE.sub("", norm).split())


def _find_byline(units: list[_Unit]) -> tuple[int | None, Byline | None]:
    """The first "By Name [date]" line near the top."""
    for i, u in enumerate(units[:25]):
        if u.reason is None and u.text[0] in "BbWwAaRrSs":
            byline = parse_byline(u.text)
            if byline is not None:
                return i, byline
    return None, None


def _find_body_start(units: list[_Unit], byline_idx: int | None) -> int:
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
        if _is_sentence(u.text, u.n_words) and date_only_line(u.text) is None:
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
    """
    units = _units(raw_text, repeated_lines)
    if not units:
        return CleanResult(text="")
    if repeated_lines:
        keep_long = _syndicated(units)
        for u in units:
            if u.repeated and not (keep_long and u.n_words >= 8 and _is_sentence(u.text, 8)):
                u.reason = "repeated_across_documents"
    _smooth(units)

    byline_idx, byline = _find_byline(units)
    body_start = _find_body_start(units, byline_idx)
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
            if i > body_start and reason in TAIL_REASONS and kept:
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
        elif u.n_words >= 8 and (key := _dup_key(u.norm)) in kept_keys:
            reason = "duplicate_paragraph"
        elif u.n_words <= 3 and not _SENT_END_RE.search(u.text[-8:]) and not _continues(units, i):
            if _PLACE_TAG_RE.match(u.text) and (u.n_words <= 2 or "," in u.text):
                reason = "place_tag"
            elif u.n_words <= 2:
                reason = "short_fragment"
        if reason is None:
            kept.append(u.text)
            seen.add(u.norm)
            kept_keys += (key or _dup_key(u.norm)) + "\n"
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
