"""Casualty counts: number phrases ("at least 19", "dozens") and whom they count.

Two layers, both pure:

* :func:`parse_count` reads a number phrase (a string) into a :class:`Count`.
* :func:`find_casualties` reads, from the dependency parse around one casualty word
  ("killed", "injuring", "deaths" ...), how many people it counts and who they are.

Number phrases are read by :mod:`nightwire.event_counts` (conventions there).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from nightwire.event_counts import VAGUE, Count, count_bounds, parse_count, sum_counts

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["VAGUE", "Count", "count_bounds", "parse_count", "sum_counts"]

Kind = Literal["killed", "wounded"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KILL_WORDS = _words(
    "killed killing kill kills slain slew murdered massacred executed beheaded assassinated "
    "died die dies dead deaths death fatalities lives"
)
WOUND_WORDS = _words(
    "wounded wounding wound wounds injured injuring injure injures injuries hurt maimed"
)
# "gunned down", "Policemen gun down two militants" (a headline's present tense).
GUN_DOWN = _words("gun guns gunned gunning")
_PASSIVE_TAGS = {"VBN"}
# Singular nouns that are not one person killed or wounded.
NOT_PEOPLE = _words(
    "attack blast explosion bombing incident violence clash fighting firing shooting fire "
    "area village town city district one nobody none no"
)
INJURY_VERBS = _words("sustained received suffered sustaining receiving suffering")
LEAVE_VERBS = _words("leaving left leave leaves")
# Singular nouns that name a group, not one person ("the police were killed").
COLLECTIVE_NOUNS = _words(
    "police army military crowd family group force personnel staff public convoy unit "
    "patrol team gang mob"
)
_PHRASE_DEPS = frozenset(
    {"compound", "amod", "nummod", "quantmod", "poss", "nmod", "advmod", "det", "case", "prep"}
    | {"pobj", "appos"}
)
_NUMBER_CONTEXT = _words(
    "at least more than over nearly almost around about some up to as many no fewer less "
    "approximately roughly estimated"
)


@dataclass(frozen=True)
class VictimGroup:
    """One conjunct of a victims phrase: "two militants" in "two militants and a soldier"."""

    count: Count | None
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Casualty:
    """A count of killed or wounded people attached to one casualty word."""

    kind: Kind
    count: Count | None  # all groups summed
    predicate: Token
    victims: tuple[Token, ...]  # the first group's phrase (may be empty)
    groups: tuple[VictimGroup, ...] = ()


def casualty_kind(token: Token) -> Kind | None:
    word = token.lower_
    if word in KILL_WORDS:
        return "killed"
    if word in WOUND_WORDS:
        return "wounded"
    if word == "toll" and any(c.lower_ == "death" for c in token.children):
        return "killed"
    if word in GUN_DOWN and any(c.lower_ == "down" for c in token.children):
        return "killed"
    return None


def is_number_token(token: Token) -> bool:
    return bool(token.like_num) or token.lower_ in VAGUE or token.lower_ == "dozen"


def count_at(number: Token) -> Count | None:
    """The count stated by a number token with its qualifiers ("at least", "or so")."""
    doc = number.doc
    last = number  # the phrase's last token
    if number.i + 2 < len(doc) and doc[number.i + 1].lower_ == "or":
        follow = doc[number.i + 2]
        if follow.lower_ in ("so", "more"):
            last = follow
    if number.i + 2 < len(doc) and doc[number.i + 1].text in ("-", "–", "to"):
        upper = doc[number.i + 2]  # "80 to 100", "10-12"
        if upper.like_num:
            last = upper
    end = last.idx + len(last.text)
    left = number.left_edge if number.left_edge.i >= number.i - 4 else number
    for first in (left, number):
        # The span's text is doc.text[first.idx:end] without rebuilding the whole text.
        found = parse_count(doc[first.i : last.i + 1].text)
        if found is not None:
            return replace(found, start=first.idx, end=end)
    return None


def count_of_phrase(head: Token, singular: bool = False) -> tuple[Count | None, Token | None]:
    """Count of a noun phrase: the head itself ("dozens"), else a ``nummod`` on it or on
    one of its compounds ("Two security forces personnel"). With ``singular``, a singular
    noun with an article counts one ("a soldier", "the driver")."""
    if is_number_token(head) and head.pos_ != "VERB":
        return count_at(head), head
    for node in (head, *(c for c in head.children if c.dep_ == "compound")):
        for child in node.children:
            if child.dep_ in ("nummod", "quantmod") and is_number_token(child):
                return count_at(child), child
    if singular and head.tag_ in ("NN", "NNP") and head.lower_ not in COLLECTIVE_NOUNS:
        det = next((c for c in head.children if c.dep_ == "det"), None)
        if det is not None and det.lower_ in ("a", "an", "the", "another", "one"):
            return Count(
                1, None, f"{det.text} {head.text}", start=det.idx, end=head.idx + len(head)
            ), det
        if det is None and head.lower_ not in NOT_PEOPLE:  # "Sub-inspector ... was shot dead"
            return Count(1, None, head.text, start=head.idx, end=head.idx + len(head)), head
    return None, None


def noun_phrase(head: Token) -> tuple[Token, ...]:
    """The head with its compound/amod/nummod/poss/"of" modifiers (no clauses).

    When the head is a bare number ("killed nearly 48 IS militants" mis-parsed so that
    "48" is the object), the nominal words right after it are taken as the phrase.
    """
    tokens = {head}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _PHRASE_DEPS and child.pos_ != "VERB":
                if child.dep_ == "prep" and child.lower_ != "of":
                    continue
                tokens.add(child)
                stack.append(child)
    if is_number_token(head) and head.pos_ == "NUM":
        nxt = head.i + 1
        while nxt < len(head.doc) and nxt - head.i <= 4:
            tok = head.doc[nxt]
            if not (tok.pos_ in ("NOUN", "PROPN", "ADJ") or tok.ent_type_ in ("ORG", "NORP")):
                break
            tokens.add(tok)
            nxt += 1
    return tuple(sorted(tokens, key=lambda t: t.i))


def _conjuncts(head: Token) -> list[Token]:
    return [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ != "VERB")]


def _summed(heads: list[Token]) -> Count | None:
    return sum_counts([count_of_phrase(h)[0] for h in heads])


def _victims(kind: Kind, pred: Token, head: Token) -> Casualty:
    """Casualty whose victims phrase is headed by ``head`` (conjuncts are separate groups)."""
    groups = tuple(
        VictimGroup(count_of_phrase(h, singular=True)[0], noun_phrase(h)) for h in _conjuncts(head)
    )
    total = sum_counts([g.count for g in groups])
    return Casualty(kind, total, pred, groups[0].tokens, groups)


def _subject(pred: Token, span: Span | None) -> Token | None:
    lo, hi = (span.start, span.end) if span is not None else (0, len(pred.doc))
    for dep in ("nsubjpass", "nsubj"):
        for child in pred.children:
            if child.dep_ == dep and lo <= child.i < hi:
                return child
    if pred.dep_ == "conj" and pred.head.pos_ in ("VERB", "AUX"):  # "driven out or killed"
        return _subject(pred.head, span)
    # The parse joined this line to the previous one: the subject hangs off a token
    # outside the line. Take a counted noun before the verb whose head is outside.
    for tok in pred.doc[lo : pred.i]:
        orphan = not lo <= tok.head.i < hi and tok.pos_ in ("NOUN", "PROPN", "NUM")
        if orphan and count_of_phrase(tok)[0] is not None:
            return tok
    return None


def _object_after(pred: Token) -> Token | None:
    """A number right after the predicate ("killing at least 46 ..."), if the parse lost it."""
    for tok in pred.doc[pred.i + 1 : pred.i + 5]:
        if is_number_token(tok) and tok.pos_ in ("NUM", "NOUN"):
            return tok
        if tok.lower_ not in _NUMBER_CONTEXT:
            return None
    return None


def find_casualties(pred: Token, span: Span | None = None) -> Casualty | None:
    """Who and how many the casualty word ``pred`` counts, from the parse around it.

    * active verb  ("killing at least 46 people", "injuring dozens more"): the object;
    * passive verb ("19 people were killed", "Fourteen Peshmerga were wounded"): the subject,
      also when the auxiliary is garbled ("19 people will killed");
    * noun         ("10 police deaths", "the death toll rose to 30", "5 dead"): its number.

    Conjoined objects are summed ("killing 5 soldiers and 3 civilians" -> 8). Counts of
    people who are only *included* in a larger group ("including 6 police officers") are
    not read: the group's count is the toll. ``span`` (the sentence) bounds the search.
    """
    if pred.lower_ == "death" and pred.dep_ == "compound" and pred.head.lower_ == "toll":
        pred = pred.head  # "the death toll rose to 30"
    kind = casualty_kind(pred)
    if kind is None:
        return None
    manner = _killing_verb(pred)
    if manner is not None:  # "shot dead", "hacked to death": the verb holds the victims
        found = find_casualties_of_verb(manner, "killed", span)
        return replace(found, predicate=pred)
    if pred.lower_ == "dead" and pred.head.lower_ in LEAVE_VERBS:
        leave = pred.head  # "leaving two people dead", "left 7 dead"
        obj = next((c for c in leave.children if c.dep_ in ("dobj", "obj")), None)
        subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
        victims_head = obj if obj is not None else subj
        if victims_head is not None:
            return _victims("killed", pred, victims_head)
    if pred.lower_ in GUN_DOWN:  # "gun down two militants", parsed "down" a preposition
        down = next(c for c in pred.children if c.lower_ == "down")
        for head in (*pred.children, *down.children):
            if head.dep_ in ("dobj", "obj", "pobj") and head.pos_ in ("NOUN", "PROPN", "NUM"):
                return _victims("killed", pred, head)
    if pred.pos_ in ("NOUN", "PROPN") or pred.lower_ in ("dead", "toll"):
        return _nominal(pred, kind)
    return find_casualties_of_verb(pred, kind, span)


def _killing_verb(pred: Token) -> Token | None:
    """The verb of "shot dead", "hacked to death", "beat him to death"."""
    if pred.lower_ == "dead" and pred.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp"):
        head = pred.head
    elif pred.lower_ == "death" and pred.dep_ == "pobj" and pred.head.lower_ == "to":
        head = pred.head.head
    else:
        return None
    if head.pos_ in ("VERB", "AUX") and head.lower_ not in LEAVE_VERBS:
        return head
    return None


def find_casualties_of_verb(pred: Token, kind: Kind, span: Span | None = None) -> Casualty:
    """Victims of a casualty verb: its object if active, its subject if passive."""
    subject = _subject(pred, span)
    obj = next((c for c in pred.children if c.dep_ in ("dobj", "obj")), None)
    passive = (
        any(c.dep_ == "auxpass" for c in pred.children)
        or (subject is not None and subject.dep_ == "nsubjpass")
        or (pred.tag_ in _PASSIVE_TAGS and obj is None)
        or pred.lower_ in ("died", "die", "dies")
    )
    if obj is None and not passive:
        obj = _object_after(pred)
    if obj is not None:
        return _victims(kind, pred, obj)
    if subject is not None and subject.lower_ not in ("who", "which", "that"):
        found = _victims(kind, pred, subject)
        along = [  # "Two soldiers were killed along with 15 militants"
            VictimGroup(count_of_phrase(h, singular=True)[0], noun_phrase(h))
            for prep in pred.children
            if prep.dep_ == "prep" and prep.lower_ in ("along", "alongside")
            for h in [*prep.subtree]
            if h.dep_ == "pobj"
        ]
        if along:
            groups = (*found.groups, *along)
            total = sum_counts([g.count for g in groups])
            return Casualty(kind, total, pred, found.victims, groups)
        return found
    if subject is not None and subject.head.dep_ == "relcl":  # "militants who were killed"
        return _victims(kind, pred, subject.head.head)
    if pred.dep_ in ("acl", "amod") and pred.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return _victims(kind, pred, pred.head)
    if passive:  # a broken parse: "21 suspected TTP and LeI militants were killed"
        lo = span.start if span is not None else 0
        for tok in reversed(pred.doc[max(lo, pred.i - 8) : pred.i]):
            if tok.pos_ == "VERB" and tok.lower_ != "suspected":
                break
            if is_number_token(tok) and tok.pos_ == "NUM":
                count = count_at(tok)
                return Casualty(
                    kind, count, pred, noun_phrase(tok), (VictimGroup(count, noun_phrase(tok)),)
                )
    return Casualty(kind, None, pred, ())


def _nominal(pred: Token, kind: Kind) -> Casualty:
    if pred.dep_ in ("dobj", "obj") and pred.head.lower_ in INJURY_VERBS:
        subject = _subject(pred.head, None)  # "At least 2 persons sustained injuries"
        if subject is not None:
            return _victims(kind, pred, subject)
    count, _ = count_of_phrase(pred)
    victims = tuple(c for c in pred.children if c.dep_ == "compound" and c.lower_ != "death")
    if count is None and pred.lower_ in ("death", "deaths", "killing", "killings", "murder"):
        for child in pred.children:  # "the death of 3 people", "the killing of 18 soldiers"
            if child.dep_ == "prep" and child.lower_ == "of":
                heads = [c for c in child.children if c.dep_ == "pobj"]
                if heads:
                    return _victims(kind, pred, heads[0])
    if count is None and pred.lower_ == "toll":
        # "a death toll of 30", "the toll rose to 30", "the toll reached 30"
        for child in pred.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                count = _summed([c for c in child.children if c.dep_ == "pobj"])
        verb = pred.head
        if count is None and pred.dep_ == "nsubj":
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in ("to", "at"):
                    count = _summed([c for c in child.children if c.dep_ == "pobj"])
                elif child.dep_ in ("dobj", "attr"):
                    count = _summed([child])
    if count is None and pred.i > 0 and is_number_token(pred.doc[pred.i - 1]):
        count = count_at(pred.doc[pred.i - 1])  # "5 dead", "10 killed and 20 wounded"
    if count is None and pred.lower_ == "dead":
        subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            count = _summed([subj])  # "leaving five people dead"
    return Casualty(kind, count, pred, victims, (VictimGroup(count, victims),))
