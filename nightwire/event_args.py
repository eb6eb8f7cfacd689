"""Arguments of a trigger from the dependency parse: its clause and region, its mood.

* :func:`event_frame`: the trigger plus the verb it is an argument of ("launched an
  *attack*", "killed in the *attack*") or the participle's head ("..., *killing* 46");
* :func:`region`: tokens reachable from the frame through non-clausal dependencies,
  not through "from/for/to/like/since..." (``BLOCK_PREPS``): the event's own places
  and dates live there, "away from Mosul" or "the struggle for Mosul" do not;
* :func:`is_irrealis` / :func:`is_habitual`: hypothetical, negated or generic mentions.

Who acted is read in :mod:`nightwire.event_actors`, against whom in
:mod:`nightwire.event_victims`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nightwire.event_lexicon import BLOCK_PREPS, CAPTURE_VERBS, IRREALIS, NEGATIONS, UNDER_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

VERBAL = frozenset({"VERB", "AUX"})
CLAUSAL_DEPS = frozenset(
    {"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"}
)
FRAME_PREPS = frozenset({"in", "during", "amid", "inside"})
SERIES_NOUNS = frozenset({"series", "wave", "spate", "string", "chain", "volley", "barrage"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
HABITUAL_WORDS = frozenset({"often", "usually", "regularly", "annually", "frequently", "year"})
HABITUAL_MODIFIERS = frozenset(
    {"frequent", "regular", "repeated", "daily", "routine", "occasional"}
)
MAX_DEPTH = 8
# "just north of Mosul": a reference point, not the place of the event.
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)


def mention_span(tok: Token) -> tuple[int, int]:
    """Character offsets of the entity holding ``tok``, else of ``tok`` with its left
    compound/adjective modifiers ("police officers", "Syrian soldiers")."""
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                text = ent.text.split("\n")[0]
                return ent.start_char, ent.start_char + len(text.rstrip())
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i >= tok.i - 3]
    start = min([tok.idx, *(c.idx for c in left)])
    return start, tok.idx + len(tok.text)


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in VERBAL or (tok.tag_.startswith("VB") and tok.dep_ != "amod")


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "agent" for c in tok.children)


def inside(tok: Token, unit: Span | None) -> bool:
    return unit is None or unit.start <= tok.i < unit.end


def event_frame(trigger: Token, unit: Span | None = None) -> list[Token]:
    """The trigger and the verbs whose clause reports it (see the module docstring)."""
    frame = [trigger]
    tok = trigger
    for _ in range(3):
        if is_verbal(tok) and _has_subject(tok):
            break
        head = tok.head
        if head.i == tok.i or not inside(head, unit):
            break
        nxt: Token | None = None
        if not is_verbal(tok):
            if tok.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd") and is_verbal(
                head
            ):
                nxt = head
            elif tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lower_ in UNDER_VERBS:
                nxt = head.head  # "a convoy came under fire"
            elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in FRAME_PREPS:
                verb = head.head  # "killed in the attack"
                nxt = verb if is_verbal(verb) and inside(verb, unit) else None
            elif tok.dep_ in ("compound", "amod") and not is_verbal(head):
                nxt = head  # "counter-offensive strategy"
            elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SERIES_NOUNS:
                nxt = head.head  # "coordinated a series of attacks": the series' verb
            elif (
                tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lower_ == "responsibility"
            ):
                verb = head.head.head  # "claimed responsibility for the kidnapping"
                nxt = verb if is_verbal(verb) and inside(verb, unit) else None
        elif tok.dep_ == "advcl" and tok.tag_ == "VBG":
            nxt = head  # "..., killing at least 46 people"
        elif tok.dep_ in ("xcomp", "oprd", "acomp") and head.lower_ == "found":
            nxt = head  # "was found murdered"
        elif tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "VBG" and is_verbal(head):
            nxt = head  # a gerund as subject: "Fighting between X and Y was reported"
        elif tok.dep_ == "pcomp" and head.dep_ == "prep" and inside(head.head, unit):
            nxt = head.head  # "after killing 30 soldiers"
        if nxt is None or nxt in frame:
            break
        frame.append(nxt)
        tok = nxt
    return frame


def subject_chain(frame: list[Token], unit: Span | None = None) -> list[Token]:
    """Verbs above the frame that share its subject (xcomp, conjoined and participle verbs)."""
    chain: list[Token] = []
    tok = frame[-1]
    for _ in range(4):
        if is_verbal(tok) and _has_subject(tok):
            break
        if tok.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "acl") or tok.head.i == tok.i:
            break
        tok = tok.head.head if tok.dep_ == "pcomp" else tok.head
        if not inside(tok, unit):
            break
        chain.append(tok)
    return chain


def region(frame: list[Token], triggers: set[int], unit: Span | None = None) -> dict[int, int]:
    """Token index -> depth for tokens tied to the frame (see the module docstring)."""
    in_frame = {t.i for t in frame}
    depth: dict[int, int] = {t.i: 0 for t in frame}
    queue = list(frame)
    while queue:
        tok = queue.pop(0)
        d = depth[tok.i]
        if d >= MAX_DEPTH:
            continue
        for child in tok.children:
            if child.i in depth or not inside(child, unit):
                continue
            if child.dep_ == "prep" and child.lower_ in BLOCK_PREPS:
                continue
            if child.lower_ in ("away", "according") or child.lower_ in DIRECTIONS:
                continue  # "away from Mosul", "just north of Mosul"
            clausal = child.dep_ in CLAUSAL_DEPS or (child.dep_ == "conj" and is_verbal(child))
            passable = child.i in in_frame or child.i in triggers or child.lower_ in CAPTURE_VERBS
            if (clausal or child.pos_ in VERBAL) and not passable:
                continue
            depth[child.i] = d + 1
            queue.append(child)
    return depth


def is_irrealis(frame: list[Token]) -> bool:
    """Expected, feared, prevented, negated or hypothetical ("attacks are expected")."""
    for tok in frame:
        for child in tok.children:
            if child.dep_ in ("aux", "neg") and child.lower_ in IRREALIS | NEGATIONS:
                return True
        if tok.lower_ in IRREALIS:
            return True
    for anc in frame[-1].ancestors:
        if anc.lower_ in IRREALIS:
            return True
        if any(c.dep_ == "neg" for c in anc.children) and anc.dep_ != "ROOT":
            return True
    return False


def is_habitual(frame: list[Token]) -> bool:
    """A generic or cumulative statement, not one event: "crashes that kill 30,000 people
    a year", "battles that have killed more than 100,000 people since 2007"."""
    for tok in frame:
        if any(c.dep_ == "amod" and c.lower_ in HABITUAL_MODIFIERS for c in tok.children):
            return True  # "continues to mount frequent suicide bomb attacks"
        if not is_verbal(tok):
            continue
        aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if tok.dep_ == "relcl" and (tok.tag_ in ("VBP", "VBZ") or aux & {"have", "has"}):
            return True
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "since" and aux & {"have", "has"}:
                return True
            if child.dep_ in ("advmod", "npadvmod") and child.lower_ in HABITUAL_WORDS:
                return True
    return False
