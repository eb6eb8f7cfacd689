"""Vocabulary and line shapes of web boilerplate, and the per-line classifier.

``line_reason`` labels one line from its own features (no position, no neighbours): donation
appeals, calls to action, adverts, comment-form furniture, sidebar markers and items,
captions, footers and meta labels. ``split_glued`` cuts a boilerplate sentence off an article
sentence it was glued to ("difference.Gangs"). ``nightwire.clean`` adds position and context.
"""

from __future__ import annotations

import re
from itertools import pairwise

from nightwire.clean_meta import wordset

# Reasons whose appearance after the body has started means the article is over.
TAIL_REASONS = frozenset({"comment_section", "sidebar", "footer"})
# Boilerplate blocks (a long line between two of these is part of the block).
BLOCK_REASONS = frozenset({"donation", "cta", "comment_section"})
# Boilerplate that may be glued to an article sentence and cut off it.
GLUE_REASONS = frozenset({"donation", "cta", "comment_section", "sidebar", "footer", "advert"})

STOP_WORDS = wordset(
    """a about after all also an and any are as at be been before but by can could did do
    does for from had has have he her his how i if in into is it its may more most no not of
    on or our out over said says she so some than that the their them then there these they
    this those to up was we were what when where which while who will with would you"""
)

ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
SENT_END_RE = re.compile(r"[.?!…][\"'”’)\]]*$")
_PERIOD_END_RE = re.compile(r"[.…][\"'”’)\]]*$|[.?!…][\"'”’)\]]+$")
SINGLE_PERIOD_END_RE = re.compile(r"(?<![.…])\.[\"'”’)\]]*$")
WORD_RE = re.compile(r"[a-z0-9][a-z0-9'’-]*")
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
PLACE_TAG_RE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}(?:,\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})?$"
)
NON_WORD_RE = re.compile(r"[^\w\s]+")


def _unquoted(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


def is_sentence(text: str, n_words: int, *, english: bool = True) -> bool:
    """Body-paragraph shape: ends like a sentence, has a few words and (in English text)
    some stop words; the stop-word test is skipped for text in another language."""
    if n_words < 5 or not SENT_END_RE.search(text[-8:]):
        return False
    if not english:
        return True
    return not STOP_WORDS.isdisjoint(WORD_RE.findall(text.lower()))


def english_share(texts: list[str]) -> float:
    """Share of English stop words among the words of ``texts`` (English prose: ~0.4)."""
    words = WORD_RE.findall("\n".join(texts).lower())  # the lines' words, in one call
    return sum(map(STOP_WORDS.__contains__, words)) / len(words) if words else 0.0


def _has_any(text: str, keys: tuple[str, ...]) -> bool:
    return any(k in text for k in keys)


def line_reason(text: str, n_words: int) -> str | None:
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
        n_words <= 12 and not SINGLE_PERIOD_END_RE.search(tail) and _COMMENT_START_RE.match(text)
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


def split_glued(line: str) -> list[str]:
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
    flags = [line_reason(p, len(p.split())) in GLUE_REASONS for p in pieces]
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
    seg_flags = [line_reason(seg, len(seg.split())) in GLUE_REASONS for seg in segments]
    kept_words = sum(len(seg.split()) for seg, f in zip(segments, seg_flags, strict=True) if not f)
    if all(seg_flags) or not any(seg_flags) or kept_words < 4:
        return [line]
    return segments
