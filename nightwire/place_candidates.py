"""Spans of a Doc that may name a place: the recogniser's place entities and the names it
tags as people or organisations, and proper nouns it missed that sit in place syntax ("the
town of X", "X Agency", "in X", "X sector", "X University"). Which of them are places, and
where, is decided in :mod:`nightwire.event_places`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nightwire.border_sectors import sector_district
from nightwire.event_lexicon import ADMIN_NOUNS
from nightwire.gazetteer_context import PLACE_LABELS
from nightwire.place_syntax import (
    OTHER_LABELS,
    admin_context,
    bare_locative,
    local_syntax,
    town_syntax,
    trim_name,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A university or college named after its town: a clash "on the campus" is in that town.
CAMPUS_WORDS = frozenset({"university", "college"})


def candidate_spans(doc: Doc) -> list[tuple[Span, str]]:
    """(span, entity label) of every possible place mention; label "" for a proper noun
    the recogniser missed."""
    spans: list[tuple[Span, str]] = []
    in_ent: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in (*PLACE_LABELS, *OTHER_LABELS):
            continue
        start = ent.start  # "Dera Ghazi" + "Khan" (PERSON): the whole name
        while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
            start -= 1
        span = trim_name(doc[start : ent.end])
        if len(span):
            spans.extend((part, ent.label_) for part in _listed_sectors(span) or [span])
            in_ent.update(range(start, ent.end))
        # The container the recogniser swallowed: "Chassad Police Station in Ukhrul District"
        cut = next((t.i for t in doc[span.end : ent.end] if t.lower_ in ("in", "under")), None)
        if cut is not None and cut + 1 < ent.end and doc[cut + 1].pos_ == "PROPN":
            rest = trim_name(doc[cut + 1 : ent.end])
            if len(rest):
                spans.append((rest, ent.label_))
    # Proper nouns the recogniser missed, in "the town of X" or "X Agency".
    i = 0
    while i < len(doc):
        tok = doc[i]
        if _named_subdivision(tok) and tok.i not in in_ent:
            spans.append((doc[i : i + 1], ""))  # "in Pabna sadar upazila" (Pabna tagged ADJ)
            i += 1
        elif tok.pos_ == "PROPN" and tok.i not in in_ent:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].i not in in_ent:
                j += 1
            span = doc[i : j + 1]
            if (
                town_syntax(span)
                or admin_context(span)
                or bare_locative(span)
                or (
                    local_syntax(span)
                    and span[-1].i + 1 < len(doc)
                    and doc[span.end].lower_ == "sector"
                )
                or sector_district(span) is not None  # "in R S Pura and Arnia sectors"
                or span[-1].lower_ in CAMPUS_WORDS  # "Comilla University (CU) unit"
            ):
                spans.append((span, ""))  # "Khyber Agency", "in Turbat" (tagged a DATE)
            i = j + 1
        else:
            i += 1
    return spans


def _listed_sectors(span: Span) -> list[Span]:
    """The border sectors one entity lists ("R S Pura and Arnia" sectors), apart."""
    parts: list[Span] = []
    start: int | None = None
    for t in [*span, None]:
        if t is not None and t.pos_ == "PROPN":
            start = t.i if start is None else start
        elif start is not None:
            parts.append(span.doc[start : t.i if t is not None else span.end])
            start = None
    if len(parts) > 1 and all(sector_district(p) is not None for p in parts):
        return parts
    return []


def _named_subdivision(tok: Token) -> bool:
    """A capitalised word the tagger did not take for a name, before a subdivision noun
    ("in Pabna sadar upazila", "Jessore Sadar"), not at the start of a sentence."""
    doc = tok.doc
    return (
        tok.pos_ in ("ADJ", "NOUN", "VERB")
        and tok.is_title
        and not tok.is_sent_start
        and tok.i + 1 < len(doc)
        and doc[tok.i + 1].lower_ in ADMIN_NOUNS
    )
