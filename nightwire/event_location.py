"""The location resolver: which place mention an event happened at.

Order of preference for one event in one sentence:

1. ``tied``: a town/province reached from the trigger's region (see
   :func:`nightwire.event_args.region`); a known place over its possessor ("Songkhla's
   Thepha district", :func:`possessor`); towns (level 3) over provinces/regions (2),
   a district over its state ("Chhattisgarh's Sukma district", :func:`specificity`),
   then the shallowest in the tree ("Sadr City" over its possessor "Baghdad");
2. ``sentence``: the most specific place anywhere in the sentence, nearest the trigger
   ("According to early estimates from Kirkuk, 19 people were killed");
3. ``discourse``: the place of one of the last events of the document ("... on the town",
   "in the Kurdish-controlled city"), a town before a province;
4. ``country``: a country named in the sentence (no coordinates).

Datelines ("ERBIL, Kurdistan Region –") are never event places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nightwire.event_lexicon import PLACE_NOUNS
from nightwire.event_places import DocPlaces, PlaceMention, lies_in
from nightwire.gazetteer import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Words between a trigger's region and a place it governs ("in the town of X").
LINK_WORDS = frozenset({"the", "a", "an", "of", "in", "near", "at", "on", "outside", "around"})


@dataclass(frozen=True)
class Location:
    mention: PlaceMention | None
    how: str | None  # "tied", "sentence", "discourse", "country" or None
    coordinated: tuple[PlaceMention, ...] = ()  # further towns of the same event sentence


def tie_depth(mention: PlaceMention, reach: dict[int, int], doc: Doc) -> int | None:
    """Depth of a place in a trigger's region; else of the words leading to it.

    The second clause handles broken trees ("fighting in town of Rutba" with "Rutba"
    attached elsewhere): it walks left over "in/the/town/of" words to one in the region.
    """
    depths = [reach[i] for i in range(mention.start, mention.end) if i in reach]
    if depths:
        return min(depths)
    i, steps = mention.start - 1, 1
    while i >= 0 and steps <= 5:
        tok = doc[i]
        if tok.lower_ not in LINK_WORDS and tok.lower_ not in PLACE_NOUNS and tok.pos_ != "ADJ":
            return None
        if tok.i in reach and tok.lower_ not in ("the", "a", "an"):
            return reach[tok.i] + steps
        i, steps = i - 1, steps + 1
    return None


def specificity(mention: PlaceMention) -> int:
    """Rank within a level: a known town or district (2) over an unknown named place (1)
    over a first-order division (0): "Chhattisgarh's Sukma district" is in Sukma."""
    if mention.place is None:
        return 1
    return 0 if mention.place.feature in ("admin1", "country") else 2


def _in_sentence(mention: PlaceMention, start: int, end: int) -> bool:
    return start <= mention.start < end and not mention.dateline


def possessor(mention: PlaceMention, others: Sequence[PlaceMention], doc: Doc) -> bool:
    """Is ``mention`` the possessor of a phrase holding another known place of ``others``
    ("in Songkhla's Thepha district", "Sylhet's Companiganj area")? It is then the
    container, not the place: the possessed one is more specific, whatever their levels.
    (An unknown possessed place keeps its possessor: "Orangi Town's Mominabad area".)"""
    if len(others) < 2 or all(doc[i].dep_ != "poss" for i in range(mention.start, mention.end)):
        return False  # (cheap test first: this runs for every candidate of every trigger)
    root = doc[mention.start : mention.end].root
    if root.dep_ != "poss":
        return False
    head = root.head  # the possessed phrase up to its head: not "in Karachi" after it
    return any(
        o.place is not None and o.key != mention.key and mention.end <= o.start <= head.i
        for o in others
    )


def best_tied_place(
    places: DocPlaces, start: int, end: int, reach: dict[int, int], doc: Doc
) -> PlaceMention | None:
    """The most specific town/province of the sentence tokens ``[start, end)`` in ``reach``."""
    best: tuple[bool, int, int, int, PlaceMention] | None = None
    tied: list[tuple[PlaceMention, int]] = []
    for mention in places.mentions:
        if not _in_sentence(mention, start, end) or mention.level < 2:
            continue
        depth = tie_depth(mention, reach, doc)
        if depth is not None:
            tied.append((mention, depth))
    others = [m for m, _ in tied]
    for mention, depth in tied:
        rank = (not possessor(mention, others, doc), mention.level, specificity(mention), -depth)
        if best is None or rank > best[:4]:
            best = (*rank, mention)
    return best[4] if best else None


def coordinated_places(
    best: PlaceMention,
    places: DocPlaces,
    start: int,
    end: int,
    regions: Sequence[dict[int, int]],
    doc: Doc,
) -> list[PlaceMention]:
    """Other tied places joined to ``best`` by a conjunction ("Kirkuk and ... Dibis").

    Walking up from the other place, the first token on ``best``'s line of ancestors is
    where they meet; they are coordinated if the step into it is a ``conj``.
    """
    best_root = doc[best.start : best.end].root
    best_line = {best_root.i, *(a.i for a in best_root.ancestors)}
    out: list[PlaceMention] = []
    seen = {best.key} | {m.key for m in _comma_chain(best, places, doc)}
    for mention in places.mentions:
        if not _in_sentence(mention, start, end) or mention.level != best.level:
            continue
        if mention.key in seen or not any(mention.start in r for r in regions):
            continue
        tok = doc[mention.start : mention.end].root
        while tok.i not in best_line and tok.head.i != tok.i:
            if tok.dep_ == "conj" and tok.head.i in best_line:
                out.append(mention)
                seen.add(mention.key)
                break
            tok = tok.head
    return out


def _comma_chain(best: PlaceMention, places: DocPlaces, doc: Doc) -> list[PlaceMention]:
    """Places written as one address with ``best`` ("Janglat, Noshki, Balochistan")."""
    by_start = {m.start: m for m in places.mentions}
    by_end = {m.end: m for m in places.mentions}
    chain: list[PlaceMention] = []
    cur = best
    while cur.end < len(doc) and doc[cur.end].text == "," and cur.end + 1 in by_start:
        cur = by_start[cur.end + 1]
        chain.append(cur)
    cur = best
    while cur.start >= 2 and doc[cur.start - 1].text == "," and cur.start - 1 in by_end:
        cur = by_end[cur.start - 1]
        chain.append(cur)
    return chain


def _rank(
    mention: PlaceMention, pool: Sequence[PlaceMention], anchor: int, doc: Doc
) -> tuple[bool, int, int, int]:
    """Contained over container, town over province, known over unknown, nearest."""
    return (
        not possessor(mention, pool, doc),
        mention.level,
        specificity(mention),
        -abs(mention.start - anchor),
    )


def choose_location(
    places: DocPlaces,
    start: int,
    end: int,
    anchor: int,
    tied: Sequence[PlaceMention],
    regions: Sequence[dict[int, int]],
    doc: Doc,
) -> Location:
    """Location of an event whose main trigger is token ``anchor`` (see the module doc).

    ``tied`` are the places tied to the event's triggers, ``regions`` their regions. The
    discourse fallback is left to the caller (:func:`discourse_place`): it depends on the
    events kept before this one.
    """
    if tied:
        best = max(tied, key=lambda p: _rank(p, tied, anchor, doc))
        extra = coordinated_places(best, places, start, end, regions, doc)
        return Location(best, "tied", tuple(extra))
    in_sentence = [m for m in places.mentions if _in_sentence(m, start, end)]
    local = [m for m in in_sentence if m.level >= 2]
    if local:
        best = max(local, key=lambda p: _rank(p, local, anchor, doc))
        return Location(best, "sentence")
    countries = [m for m in in_sentence if m.level == 1]
    hint = places.hint
    # "The troops of India and Pakistan exchanged fire": the country of the story's town.
    home = [m for m in countries if m.place and hint is not None and _inside(hint, m.place)]
    if countries:
        return Location(min(home or countries, key=lambda p: abs(p.start - anchor)), "country")
    return Location(None, None)


def discourse_place(recent: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place a placeless event most likely shares: the latest town, else province."""
    for level in (3, 2):
        for mention in reversed(recent):
            if mention.level == level:
                return mention
    return None


def _precision(mention: PlaceMention) -> int:
    """0 town ... 3 country: the containers of an unknown place, most specific first."""
    return PRECISION_RANK[mention.place.precision] if mention.place is not None else 3


def _coarser(precision: str, floor: str) -> str:
    return max(precision, floor, key=PRECISION_RANK.__getitem__)


PRECISION_RANK = {"town": 0, "district": 1, "admin1": 2, "country": 3}


def coordinates_for(
    mention: PlaceMention, places: DocPlaces, start: int, end: int
) -> tuple[Place | None, str | None]:
    """Where to put an event at ``mention`` on a map, and how precisely.

    The mention's own gazetteer place if it has coordinates; else, for a place the
    gazetteer does not know ("Baromoha village in South Sunamganj upazila"), the most
    precise known place written just after it in the sentence (its container: "X village
    in Jharkhand's Latehar district" -> Latehar), nearest first, else any known place of
    the sentence, else the document's most mentioned known place (datelines included:
    "Sunamganj, Jan 2 (UNB)"). Borrowed coordinates are at best district-precise.
    """
    own = mention.place
    hint = places.hint
    if own is not None and own.latitude is not None:
        if own.precision in ("admin1", "country") and hint is not None and _inside(hint, own):
            return hint, _coarser(hint.precision, "district")  # the document's own town
        return own, own.precision
    known = [m for m in places.mentions if m.place is not None and m.place.latitude is not None]
    after = [
        m for m in known if start <= m.start < end and mention.end <= m.start <= mention.end + 8
    ]
    pool = after or [m for m in known if start <= m.start < end and m.level >= 2]
    if pool:
        best = min(pool, key=lambda m: (_precision(m), abs(m.start - mention.end), -m.level))
    else:
        counts: dict[str, tuple[int, PlaceMention]] = {}
        for m in known:
            if m.level >= 2:
                n, _ = counts.get(m.key, (0, m))
                counts[m.key] = (n + 1, m)
        if not counts:
            hint = places.hint
            if hint is not None and hint.latitude is not None:
                return hint, hint.precision  # the document's region or country
            return (own, "country") if own is not None else (None, None)
        best = max(counts.values(), key=lambda c: (c[0], c[1].level))[1]
    geo = best.place
    assert geo is not None
    if geo.precision in ("admin1", "country") and hint is not None and _inside(hint, geo):
        geo = hint  # "near Kyepa in Shan State" in a Kokang story: its home, not Shan's seat
    return geo, _coarser(geo.precision, "district")


def _inside(hint: Place, area: Place) -> bool:
    """Is the document's own town or district (its hint) inside a region or country?"""
    if hint.precision not in ("town", "district") or hint.latitude is None:
        return False
    return lies_in(hint, area)
