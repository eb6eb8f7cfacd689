"""The violent-event extractor, on the seed articles and on single sentences.

Everything runs the real pipeline (``load_nlp()``: en_core_web_sm + the alias ruler) and
the real GeoNames gazetteer. The seeds are parsed from their raw text, boilerplate
included (the cleaner is tested elsewhere): boilerplate lines carry no events.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from nightwire.casualties import find_casualties, parse_count
from nightwire.event_lexicon import is_instrument, trigger_type
from nightwire.event_places import collect_place_mentions
from nightwire.eventdates import collect_date_mentions, resolve_date_phrase
from nightwire.events import event_id, extract_events, sentence_units
from nightwire.models import Event
from nightwire.nlp import load_nlp
from schemas.tables import EVENT_TYPES

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
PUBLISHED = {
    "000": date(2016, 10, 23),  # The Independent, Sunday
    "001": date(2016, 10, 25),  # VOA, Tuesday
    "002": date(2016, 10, 21),  # Friday
    "003": date(2016, 10, 23),  # Sunday
    "004": date(2016, 5, 15),  # Rudaw, Sunday
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def seeds(nlp: Language) -> dict[str, tuple[Doc, list[Event]]]:
    out: dict[str, tuple[Doc, list[Event]]] = {}
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        seed = path.name[:3]
        doc = nlp(path.read_text(encoding="utf-8"))
        out[seed] = (doc, extract_events(doc, path.stem, PUBLISHED[seed]))
    return out


@pytest.fixture(scope="module")
def events_of(nlp: Language) -> Callable[..., list[Event]]:
    def run(text: str, published: date | None = date(2016, 10, 25)) -> list[Event]:
        return extract_events(nlp(text), "t", published)

    return run


def find(events: list[Event], sentence_part: str, **fields: object) -> list[Event]:
    """Events whose sentence contains ``sentence_part`` and whose fields equal ``fields``."""
    return [
        e
        for e in events
        if sentence_part in e.sentence and all(getattr(e, k) == v for k, v in fields.items())
    ]


def one(events: list[Event], sentence_part: str, **fields: object) -> Event:
    found = find(events, sentence_part, **fields)
    assert found, f"no event for {sentence_part!r} with {fields}: {events}"
    return found[0]


# -- casualty numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("at least 19", 19, "at_least"),
        ("At least 14", 14, "at_least"),
        ("More than 100", 101, "more_than"),
        ("over 50", 51, "more_than"),
        ("nearly 48", 48, "at_most"),
        ("up to 20", 20, "at_most"),
        ("fewer than 10", 9, "at_most"),
        ("around 30", 30, "approx"),
        ("80 or so", 80, "approx"),
        ("Fourteen", 14, None),
        ("twenty-five", 25, None),
        ("one hundred and twenty", 120, None),
        ("1,200", 1200, None),
        ("two dozen", 24, None),
        ("a dozen", 12, "approx"),
        ("more than a dozen", 13, "more_than"),
        ("tens", 10, "tens"),
        ("dozens", 12, "dozens"),
        ("scores", 20, "scores"),
        ("hundreds", 100, "hundreds"),
        ("thousands", 1000, "thousands"),
        ("several", 3, "several"),
        ("at least six", 6, "at_least"),
    ],
)
def test_parse_count(phrase: str, value: int, qualifier: str | None) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.value, count.qualifier) == (value, qualifier)


@pytest.mark.parametrize("phrase", ["", "people", "the Islamic State", "a"])
def test_parse_count_rejects_non_numbers(phrase: str) -> None:
    assert parse_count(phrase) is None


@pytest.mark.parametrize(
    ("sentence", "word", "kind", "value", "qualifier"),
    [
        (  # seed 002, with its typo
            "At least 19 people, including 6 police officers, will killed in a predawn attack.",
            "killed", "killed", 19, "at_least",
        ),
        (  # seed 001
            "More than 100 people, including security personnel, were killed in the attack.",
            "killed", "killed", 101, "more_than",
        ),
        (  # seed 004
            "Fourteen Peshmerga were wounded when ISIS used heavy weapons.",
            "wounded", "wounded", 14, None,
        ),
        (  # seed 004
            "ISIS seized the gas field after killing 30 Syrian soldiers in a three-day assault.",
            "killing", "killed", 30, None,
        ),
        (  # seed 003
            "The extremists stormed it, killing at least 46 people and injuring dozens more.",
            "injuring", "wounded", 12, "dozens",
        ),
        (  # seed 000
            "Iraqi state television said the fighting had led to at least 10 police deaths.",
            "deaths", "killed", 10, "at_least",
        ),
        (  # seed 004
            "Scores of Peshmerga were killed in that attack.",
            "killed", "killed", 20, "scores",
        ),
        ("The blast killed 5 soldiers and 3 civilians.", "killed", "killed", 8, None),
        ("The death toll rose to 35 on Monday.", "toll", "killed", 35, None),
        ("The bombing left 7 people dead.", "dead", "killed", 7, None),
        ("Two policemen were shot dead in Quetta.", "dead", "killed", 2, None),
        ("A soldier was killed in the ambush.", "killed", "killed", 1, None),
        ("The suicide blast resulted in the death of 3 people.", "death", "killed", 3, None),
    ],
)  # fmt: skip
def test_find_casualties(
    nlp: Language, sentence: str, word: str, kind: str, value: int, qualifier: str | None
) -> None:
    doc = nlp(sentence)
    pred = next(t for t in doc if t.lower_ == word)
    casualty = find_casualties(pred, doc[:])
    assert casualty is not None and casualty.count is not None
    assert (casualty.kind, casualty.count.value, casualty.count.qualifier) == (
        kind,
        value,
        qualifier,
    )


def test_find_casualties_keeps_conjoined_victim_groups_apart(nlp: Language) -> None:
    doc = nlp("Iraqi forces killed nearly 48 IS militants in Kirkuk.")
    casualty = find_casualties(next(t for t in doc if t.lower_ == "killed"), doc[:])
    assert casualty is not None and casualty.count is not None
    assert (casualty.count.value, casualty.count.qualifier) == (48, "at_most")
    assert "militants" in [t.text for t in casualty.victims]


# -- dates -------------------------------------------------------------------------------


TUESDAY = date(2016, 10, 25)
SUNDAY = date(2016, 10, 23)


@pytest.mark.parametrize(
    ("phrase", "published", "anchor", "expected"),
    [
        ("Friday", TUESDAY, None, date(2016, 10, 21)),
        ("on Friday", SUNDAY, None, date(2016, 10, 21)),
        # A weekday equal to the publication's is that same day (seeds 000/003).
        ("the early hours of Sunday morning", SUNDAY, None, SUNDAY),
        ("last Sunday", SUNDAY, None, date(2016, 10, 16)),
        ("next Friday", TUESDAY, None, None),
        ("yesterday", TUESDAY, None, date(2016, 10, 24)),
        ("last night", TUESDAY, None, date(2016, 10, 24)),
        ("today", TUESDAY, None, TUESDAY),
        ("3 days ago", TUESDAY, None, date(2016, 10, 22)),
        ("Two days later", TUESDAY, date(2016, 10, 21), date(2016, 10, 23)),
        ("Two days later", TUESDAY, None, None),
        ("the next day", TUESDAY, date(2016, 10, 21), date(2016, 10, 22)),
        ("a day earlier", TUESDAY, date(2016, 10, 21), date(2016, 10, 20)),
        ("October 21, 2016", None, None, date(2016, 10, 21)),
        ("the morning of October 21, 2016", None, None, date(2016, 10, 21)),
        ("21 October 2016", None, None, date(2016, 10, 21)),
        ("Oct. 21", TUESDAY, None, date(2016, 10, 21)),
        ("December 30", date(2016, 1, 5), None, date(2015, 12, 30)),
        ("15/5/2016", None, None, date(2016, 5, 15)),
        ("2016-10-21", None, None, date(2016, 10, 21)),
        ("Friday", None, None, None),
        ("last week", TUESDAY, None, None),
        ("June 2014", TUESDAY, None, None),
    ],
)
def test_resolve_date_phrase(
    phrase: str, published: date | None, anchor: date | None, expected: date | None
) -> None:
    assert resolve_date_phrase(phrase, published, anchor) == expected


def test_relative_date_is_anchored_on_the_previous_mention(nlp: Language) -> None:
    doc = nlp("IS fighters attacked Kirkuk on Friday. Two days later, IS fighters attacked Rutba.")
    mentions = collect_date_mentions(doc, TUESDAY)
    assert [(m.text, m.date) for m in mentions] == [
        ("Friday", date(2016, 10, 21)),
        ("Two days later", date(2016, 10, 23)),
    ]


# -- triggers, sentences, places ------------------------------------------------------------


def test_trigger_guards(nlp: Language) -> None:
    doc = nlp(
        "He made offensive remarks. Women are fighting for their rights. "
        "Around 30 insurgents launched a surprise attack, using car suicide bombs."
    )
    words = {t.text: t for t in doc}
    assert trigger_type(words["offensive"]) is None
    assert trigger_type(words["fighting"]) is None
    assert trigger_type(words["attack"]) == "attack"
    assert trigger_type(words["bombs"]) == "bombing"
    assert is_instrument(words["bombs"])  # a weapon used in the attack, not an event


def test_sentence_units_never_cross_line_breaks(nlp: Language) -> None:
    doc = nlp("Islamic State stages attack in Kirkuk\n\nAt least 19 people were killed.\nCredit")
    assert [u.text for u in sentence_units(doc)] == [
        "Islamic State stages attack in Kirkuk",
        "At least 19 people were killed.",
        "Credit",
    ]


def test_place_mentions_outside_gpe_labels(nlp: Language) -> None:
    doc = nlp(
        "IS fighters attacked the town of Rutba. More than 100 people were killed in the "
        "Kirkuk attack. It began with an attack in the town of Tel Skof. Kirkuk is in Iraq."
    )
    places = collect_place_mentions(doc)
    found = {m.text: m for m in places.mentions}
    assert found["Rutba"].level == 3 and found["Rutba"].place is not None
    assert found["Tel Skof"].level == 3 and found["Tel Skof"].place is None
    assert found["Tel Skof"].country == "Iraq"  # the document's country
    assert found["Iraq"].level == 1
    assert any(m.text == "Kirkuk" and m.start < 20 for m in places.mentions)


# -- the seeds: what the spine issue requires -------------------------------------------------


def test_seed_002_kirkuk_attack_by_islamic_state_killed_19(seeds: dict) -> None:
    _, events = seeds["002"]
    e = one(events, "At least 19 people", location="Kirkuk", killed=19)
    assert e.killed_qualifier == "at_least"
    assert e.actor == "Islamic State"
    assert e.target == "police officers"
    assert e.country == "Iraq"
    assert (e.latitude, e.longitude) == pytest.approx((35.47, 44.39), abs=0.01)
    friday = one(events, "mounted a counter-attack", location="Kirkuk")
    assert friday.event_date == date(2016, 10, 21)  # published that Friday


def test_seed_001_kirkuk_dibis_and_rutba(seeds: dict) -> None:
    _, events = seeds["001"]
    kirkuk = one(events, "More than 100 people", location="Kirkuk")
    assert (kirkuk.killed, kirkuk.killed_qualifier) == (101, "more_than")
    assert kirkuk.actor == "Islamic State"  # "which Kurdish officials blamed on an IS ... cell"
    dibis = one(events, "At least 14 people", location="Dibis")
    assert (dibis.killed, dibis.killed_qualifier) == (14, "at_least")
    assert dibis.country == "Iraq" and dibis.latitude is not None
    rutba = one(events, "Two days later", location="Rutba")
    assert rutba.actor == "Islamic State"
    assert rutba.event_type == "attack"
    assert rutba.event_date == date(2016, 10, 23)  # two days after Friday 21 October
    assert rutba.date_phrase == "Two days later"
    assert (rutba.latitude, rutba.longitude) == pytest.approx((33.04, 40.28), abs=0.01)
    # "attacks on the oil-rich city of Kirkuk and in the town of Dibis": two events.
    split = find(events, "carrying out attacks")
    assert {e.location for e in split} == {"Kirkuk", "Dibis"}
    assert {e.event_date for e in split} == {date(2016, 10, 21)}
    assert len({e.event_id for e in split}) == 2


def test_seed_001_generic_and_expected_attacks_are_not_events(seeds: dict) -> None:
    _, events = seeds["001"]
    assert not find(events, "more such attacks are only a matter of time")
    assert not find(events, "suicide bombings in major cities")
    assert not find(events, "absolutely expected")
    assert not find(events, "guerrilla-style attacks")


def test_seed_003_kirkuk_toll_and_rutba(seeds: dict) -> None:
    _, events = seeds["003"]
    kirkuk = find(events, "killing at least 46 people", location="Kirkuk")
    assert len(kirkuk) == 2  # the article prints the sentence twice
    for e in kirkuk:
        assert (e.killed, e.killed_qualifier) == (46, "at_least")
        assert (e.wounded, e.wounded_qualifier) == (12, "dozens")
        assert e.actor == "Islamic State"  # "The extremists": the document's armed group
    mayor = one(events, "The mayor of Rutba", location="Rutba")
    assert mayor.actor == "Islamic State"
    sunday = one(events, "Around 30 insurgents", location="Rutba")  # from the discourse
    assert sunday.event_date == date(2016, 10, 23)
    both = find(events, "has attacked Kirkuk and now the town of Rutba")
    assert {e.location for e in both} == {"Kirkuk", "Rutba"}


def test_seed_003_attackers_killed_are_a_separate_clash(seeds: dict) -> None:
    _, events = seeds["003"]
    clash = one(events, "Iraqi forces killed nearly 48 IS militants")
    assert clash.event_type == "clash"
    assert clash.actor == "Iraqi Security Forces"
    assert clash.target == "Islamic State"
    assert (clash.killed, clash.killed_qualifier) == (48, "at_most")
    assert clash.location == "Kirkuk"
    # ... and the 48 never count as victims of an Islamic State attack.
    assert not [e for e in events if e.actor == "Islamic State" and e.killed == 48]


def test_seed_000_rutba_police_deaths_and_kirkuk_friday(seeds: dict) -> None:
    _, events = seeds["000"]
    police = one(events, "at least 10 police deaths")
    assert (police.killed, police.killed_qualifier) == (10, "at_least")
    assert police.target == "police"
    assert police.location == "Rutba"  # no place in the sentence: the article's Rutba attack
    assert police.event_type == "clash"
    kirkuk = one(events, "in the town of Kirkuk on Friday", location="Kirkuk")
    assert kirkuk.event_date == date(2016, 10, 21)
    assert kirkuk.actor == "Islamic State"
    sunday = one(events, "surprise attack on the town", location="Rutba")
    assert sunday.event_date == date(2016, 10, 23)
    assert sunday.actor == "Islamic State"  # "around 30 members of Isis"
    # Boilerplate ("American women fighting for reproductive rights") is not an event.
    assert not find(events, "reproductive rights")


def test_seed_004_peshmerga_palmyra_and_sadr_city(seeds: dict) -> None:
    _, events = seeds["004"]
    wounded = one(events, "Fourteen Peshmerga were wounded")
    assert (wounded.wounded, wounded.killed) == (14, None)
    assert wounded.target == "Peshmerga" and wounded.actor == "Islamic State"
    assert wounded.event_date == date(2016, 5, 14)  # Saturday before Sunday 15 May
    palmyra = one(events, "killing 30 Syrian soldiers")
    assert (palmyra.killed, palmyra.target, palmyra.country) == (30, "Syrian soldiers", "Syria")
    sadr = one(events, "car bombing in Baghdad", event_type="bombing", killed=93)
    assert sadr.killed_qualifier == "at_least"
    assert sadr.location in ("Sadr City", "Baghdad") and sadr.country == "Iraq"
    scores = one(events, "Scores of Peshmerga")
    assert scores.killed_qualifier == "scores" and scores.location == "Tel Skof"


def test_seed_events_are_well_formed(seeds: dict) -> None:
    ids: set[str] = set()
    for doc, events in seeds.values():
        assert events
        for e in events:
            assert e.event_type in EVENT_TYPES
            assert 0.0 <= e.confidence <= 1.0
            assert doc.text[e.start_char : e.end_char] == e.sentence
            assert "\n" not in e.sentence
            assert len(e.event_id) == 16 and e.event_id not in ids
            ids.add(e.event_id)
            assert (e.latitude is None) == (e.longitude is None)
            if e.latitude is not None:
                assert -90 <= e.latitude <= 90 and e.country is not None
            for n in (e.killed, e.wounded):
                assert n is None or 0 <= n <= 5000


def test_extraction_is_deterministic(seeds: dict, nlp: Language) -> None:
    doc, events = seeds["001"]
    again = extract_events(nlp(doc.text), next(iter(events)).doc_id, PUBLISHED["001"])
    assert again == events


def test_event_id_is_a_stable_sha1_prefix() -> None:
    a = event_id("doc", 10, 42, "attack")
    assert a == event_id("doc", 10, 42, "attack") and len(a) == 16
    assert a != event_id("doc", 10, 42, "bombing")
    assert a != event_id("doc", 10, 42, "attack", "gn:94787")
    int(a, 16)


# -- single sentences ----------------------------------------------------------------------


def test_one_event_per_sentence_for_a_trigger_cluster(events_of: Callable) -> None:
    events = events_of(
        "Militants attacked a checkpoint in Kirkuk on Monday, killing five soldiers, "
        "and the attack was claimed by the Islamic State."
    )
    assert len(events) == 1
    e = events[0]
    assert (e.location, e.killed, e.event_date) == ("Kirkuk", 5, date(2016, 10, 24))


def test_bombing_with_yesterday_and_conjoined_tolls(events_of: Callable) -> None:
    events = events_of("A car bomb exploded in Baghdad yesterday, killing 12 people.")
    e = one(events, "car bomb", event_type="bombing")
    assert (e.location, e.killed, e.event_date, e.date_phrase) == (
        "Baghdad",
        12,
        date(2016, 10, 24),
        "yesterday",
    )


def test_agent_possessive_and_compound_actors(events_of: Callable) -> None:
    by = events_of("Dozens were killed in an attack by the Islamic State in Mosul.")
    assert one(by, "attack").actor == "Islamic State"
    poss = events_of("ISIL's attack on Kirkuk reflects a battlefield tactic.")
    assert one(poss, "attack").actor == "Islamic State"
    compound = events_of("The Daesh assault on Ramadi began at dawn on Friday.")
    assert one(compound, "assault").actor == "Islamic State"


def test_hypothetical_and_generic_sentences_give_no_event(events_of: Callable) -> None:
    assert events_of("U.S. officials say more such attacks are only a matter of time.") == []
    assert events_of("Attacks on Baghdad are expected in the coming weeks.") == []
    assert events_of("Officials feared that militants would attack Kirkuk.") == []
    # Habitual or cumulative statements are not events, even with a number.
    generic = "Drivers cause most of the crashes that kill 30,000 people in the US every year."
    assert events_of(generic) == []
    assert events_of("Drug wars have killed more than 100,000 people in Mexico since 2007.") == []


def test_no_published_date_means_no_relative_date(events_of: Callable) -> None:
    events = events_of("IS fighters attacked the town of Rutba on Sunday.", published=None)
    e = one(events, "Rutba", location="Rutba")
    assert e.event_date is None and e.date_phrase == "Sunday"
    explicit = events_of("IS fighters attacked Kirkuk on October 21, 2016.", published=None)
    assert one(explicit, "Kirkuk").event_date == date(2016, 10, 21)


def test_more_filled_arguments_mean_higher_confidence(events_of: Callable) -> None:
    rich = one(events_of("IS fighters killed 12 soldiers in Kirkuk on Friday."), "Kirkuk")
    poor = one(events_of("At least 12 people were killed."), "killed")
    assert rich.confidence > poor.confidence
