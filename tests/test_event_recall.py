"""Events the extractor used to miss (issue 4: ACLED notes with no event found).

Each rule is pinned with a sentence written in the style of a wire report, run through the
real pipeline (``load_nlp()``) and the real gazetteer, with no publication date (as in the
ACLED evaluation) unless stated.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from nightwire.events import extract_events
from nightwire.models import Event
from nightwire.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def events_of(nlp: Language) -> Callable[[str], list[Event]]:
    def run(text: str) -> list[Event]:
        return extract_events(nlp(text), "t", None)

    return run


# -- a verb coordinated with "arrested" reports its own event ------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        ("Three farmers were arrested by the army and killed near their village.", "killed"),
        ("Two traders were detained and tortured by soldiers in Sittwe.", "tortured"),
        (
            # a comma splice: spaCy makes the first clause a complement of "arrested"
            "A shopkeeper was killed when a bomb went off in a market in Quetta, police "
            "arrested four men soon after.",
            "bomb",
        ),
    ],
)
def test_verb_coordinated_with_an_arrest_is_an_event(
    events_of: Callable[[str], list[Event]], sentence: str, trigger: str
) -> None:
    assert [e.trigger for e in events_of(sentence)] == [trigger]


def test_arrest_for_a_killing_is_still_a_reference(
    events_of: Callable[[str], list[Event]],
) -> None:
    assert events_of("Police arrested two men in connection with the killing of a trader.") == []


# -- a fight between two named sides ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "target"),
    [
        # a gerund subject reads through its verb ("was reported" is a past report)
        ("Fighting between army troops and the KIA was reported.",
         "Kachin Independence Army", "army troops"),
        ("Fighting broke out between the TNLA and the Myanmar Armed Forces.",
         "Ta'ang National Liberation Army", "Myanmar Armed Forces"),
        ("There was a shootout between government forces and an armed group.",
         None, "government forces"),
    ],
)  # fmt: skip
def test_a_fight_between_two_sides_is_an_event(
    events_of: Callable[[str], list[Event]], sentence: str, actor: str | None, target: str | None
) -> None:
    (event,) = events_of(sentence)
    assert event.event_type == "battles"
    assert (event.actor, event.target) == (actor, target)


def test_crowds_against_the_police_are_a_riot_but_two_factions_fight_a_battle(
    events_of: Callable[[str], list[Event]],
) -> None:
    assert (
        events_of("Clashes between strike supporters and police were reported in Srinagar.") == []
    )
    assert events_of("Clashes broke out between youths and security forces in Anantnag.") == []
    factions = events_of(
        "Five people were injured in a clash between two factions of Jubo League in Rajshahi."
    )
    assert [e.event_type for e in factions] == ["battles"]


# -- the one the event befell is an argument -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A local journalist was attacked by unidentified men outside his home.",
        "A farmer was hospitalized after being brutally beaten at a police camp.",
        "A gas pipeline was blown up by unknown men using explosives.",
    ],
)
def test_a_named_victim_makes_a_past_report_concrete(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    (event,) = events_of(sentence)
    assert event.location is None  # no place, no date, no actor: the victim alone


def test_the_victim_types_the_event(events_of: Callable[[str], list[Event]]) -> None:
    (worker,) = events_of("An NGO worker was allegedly attacked in his house by two men.")
    assert worker.event_type == "violence_against_civilians"
    (patrol,) = events_of("A patrol team of Border Guard Bangladesh was shot at in Teknaf.")
    assert patrol.event_type == "battles"


@pytest.mark.parametrize(
    "sentence",
    [
        # the object of "fired" or "exploded" is the weapon, not a victim
        "Police fired rubber bullets to disperse the crowd.",
        "They exploded some crude bombs in front of the office.",
        # what a crowd did around a protest is a riot, which one sentence does not tell
        "The party workers allegedly beat up some tourists as well.",
    ],
)
def test_weapons_and_crowds_are_no_victims(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    assert events_of(sentence) == []


def test_a_day_of_the_month_without_a_year_is_no_trend(
    events_of: Callable[[str], list[Event]],
) -> None:
    # No publication date: "on 2 March" cannot be resolved, but it names one day.
    (event,) = events_of(
        "Around 40 crude bombs were set off in different areas of Comilla on 2 March."
    )
    assert event.event_type == "explosions_remote_violence"
    assert events_of("Militants have stepped up bombings in Comilla in recent weeks.") == []


def test_the_attackers_own_dead_make_the_clash_concrete(
    events_of: Callable[[str], list[Event]],
) -> None:
    (event,) = events_of(
        "Three militants of the Baloch Liberation Army were killed in an exchange of fire."
    )
    assert (event.event_type, event.killed, event.attackers_killed) == ("battles", None, 3)


# -- words and constructions the lexicon missed --------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "event_type"),
    [
        ("Unidentified assailants slew a union council member in Quetta on Sunday.",
         "slew", None),
        # "shot" tagged as a noun, with a subject and an object
        ("Armed extremists of the banned Naxal outfit TPC shot Munda, a contractor, dead in "
         "Bishunpur village under Chainpur police station late last night.", "shot", None),
        ("Unidentified assailants burnt alive two children in Faridabad on 23 October.",
         "burnt", "violence_against_civilians"),
        ("Government troops seized a strategic hilltop, the last stronghold of the rebels.",
         "seized", "battles"),
        ("The Baloch Liberation Army claims responsibility for blasting two gas pipelines "
         "in Dera Bugti.", "blasting", "explosions_remote_violence"),
        ("Army and police forces engaged the KPLT in Karbi Anglong district on Tuesday.",
         "engaged", "battles"),
    ],
)  # fmt: skip
def test_new_trigger_words(
    events_of: Callable[[str], list[Event]], sentence: str, trigger: str, event_type: str | None
) -> None:
    events = events_of(sentence)
    assert [e.trigger for e in events] == [trigger]
    if event_type is not None:
        assert events[0].event_type == event_type


@pytest.mark.parametrize(
    "sentence",
    [
        "Police recovered a gun and two magazines from the house.",
        "The two leaders engaged in talks in Kathmandu on Monday.",
        "The workers burned tyres on the highway.",
    ],
)
def test_new_trigger_words_keep_their_guards(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    assert events_of(sentence) == []


# -- the verb that reports an event noun or participle --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor"),
    [
        ("Insurgents carried out a series of coordinated attacks across three provinces, "
         "mostly targeting power poles.", "attacks", "Unidentified armed group"),
        ("The Baloch Liberation Front has claimed responsibility for the kidnapping of a "
         "district council chairman.", "kidnapping", "Baloch Liberation Front"),
        ("A convoy of trucks carrying prisoners came under fire near a village.", "fire", None),
        ("The district president of the party was found murdered.", "murdered", None),
        ("The boy later succumbed to his injuries in hospital.", "succumbed", None),
    ],
)  # fmt: skip
def test_the_reporting_verb_makes_the_event_concrete(
    events_of: Callable[[str], list[Event]], sentence: str, trigger: str, actor: str | None
) -> None:
    (event,) = events_of(sentence)
    assert (event.trigger, event.actor) == (trigger, actor)


def test_an_explosive_that_went_off_is_an_event(events_of: Callable[[str], list[Event]]) -> None:
    (event,) = events_of("A bomb planted by suspected separatists went off, damaging power poles.")
    assert event.event_type == "explosions_remote_violence"
    assert events_of("A bomb could go off at any time, officials warned.") == []


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("A local leader of the Awami League was hacked to death in Feni on Saturday.",
         "violence_against_civilians"),
        ("Unidentified assailants shot dead a Trinamool Congress worker in Nadia on Friday.",
         "violence_against_civilians"),
        # an armed organisation as the target is still a battle
        ("Army troops attacked a camp of the Kachin Independence Army near Hpakant.",
         "battles"),
    ],
)  # fmt: skip
def test_a_party_member_is_a_civilian(
    events_of: Callable[[str], list[Event]], sentence: str, event_type: str
) -> None:
    (event,) = events_of(sentence)
    assert event.event_type == event_type


def test_a_petrol_bomb_attack_is_arson_not_an_explosion(
    events_of: Callable[[str], list[Event]],
) -> None:
    (arson,) = events_of(
        "Four passengers received burn injuries as assailants hurled a petrol bomb at a bus "
        "in Feni on Sunday night."
    )
    assert (arson.event_type, arson.sub_event_type) == ("violence_against_civilians", "attack")
    (crude,) = events_of(
        "Four passengers were injured as assailants hurled a petrol bomb and two crude bombs "
        "at a bus in Feni on Sunday night."
    )
    assert crude.event_type == "explosions_remote_violence"


# -- past reports the parse hides (ACLED notes) ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        # a participle sharing the passive auxiliary of the verb before it
        ("Two ethnic Shan villagers were detained and tortured by Burma Army troops believing "
         "them to be rebel soldiers.", "tortured"),
        # "were" parsed as the main verb, the participle as its complement
        ("At least 10 activists of Bangladesh Chhatra League (BCL) were bullet-injured in a "
         "clash between its two factions over establishing supremacy in Sylhet on Sunday.",
         "injured"),
        # the event as what a weapon was used for
        ("Naxals used 100 kg of explosives and an under barrel grenade launcher (UPGL) to blow "
         "up an armoured anti-landmine vehicle.", "grenade"),
        # the explosive as the subject, a Molotov cocktail too
        ("Two cocktails were exploded inside the city under pass at Kawranbazar around "
         "9:30pm (12/02)", "exploded"),
        # a day named by its rank is a day, not a trend
        ("On the 11th day (16/01) of the countrywide indefinite blockade enforced by the "
         "BNP-led 20-party alliance, and five more crude bombs went off at Mirpur-10 at "
         "7:15pm", "bombs"),
        # a fight with an armed group named as the other side
        ("Government troops clashed with the MNDAA.", "clashed"),
    ],
)  # fmt: skip
def test_past_reports_the_parse_hides(
    events_of: Callable[[str], list[Event]], sentence: str, trigger: str
) -> None:
    assert [e.trigger for e in events_of(sentence)] == [trigger]


@pytest.mark.parametrize(
    "sentence",
    [
        # an infinitive that is not what a weapon was used for
        "After the police arrest Mohammad, people from the community began to attack the police.",
        "On Monday, traffic came to a halt in Dhaka, when Awami League held a rally in "
        "Dhaka's Suhrawardy Udyan to mark the Jail Killing Day.",
        # a crowd against the police after a protest is a riot
        "United Democratic Madhesi Front staged a peaceful protest. They also clashed with "
        "the police at several places in the city.",
        # in recent weeks: still a trend
        "Militants have stepped up suicide bombings in recent weeks.",
    ],
)
def test_past_report_rules_keep_their_guards(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    assert events_of(sentence) == []


def test_gun_down_is_a_killing(events_of: Callable[[str], list[Event]]) -> None:
    (event,) = events_of(
        "Policemen gun down two militants suspected of killing police  officers in nazimabad"
    )
    assert (event.trigger, event.killed) == ("gun", 2)
    assert events_of("Police seized two guns and a pistol from the house.") == []


def test_killed_by_their_own_side_are_victims(events_of: Callable[[str], list[Event]]) -> None:
    (event,) = events_of(
        "Four Maoist leaders were killed by other Maoist leaders in the last 10 days in Sukma "
        "and Dantewada district of Chhattisgarh."
    )
    assert event.killed == 4


def test_a_protest_held_against_a_killing_is_a_reference(
    events_of: Callable[[str], list[Event]],
) -> None:
    assert (
        events_of(
            "Protest demonstrations were held in various locations in Tamil Nadu against "
            "gunning down of 20 woodcutters by Andhra Pradesh police."
        )
        == []
    )


@pytest.mark.parametrize(
    ("sentence", "trigger"),
    [
        # a verb with death as its result, whoever the parse lost as its subject
        ("In Pir Colony Peshawar, an ASWJ activist (Mohammad Zahid) was shot dead in a "
         "targeted killing right outside his house.", "shot"),
        # "between" hung under a noun of the clause
        ("Fighting continued for a second day between the KIA and government troops about 20 "
         "miles east of Hpakant, forcing about 100 villagers to flee their homes.", "Fighting"),
        # a person burnt
        ("A transport worker was burnt when the BNP milita torched two  parked buses in "
         "Jaypurhat distric on Monday.", "burnt"),
    ],
)  # fmt: skip
def test_more_reports_the_parse_hides(
    events_of: Callable[[str], list[Event]], sentence: str, trigger: str
) -> None:
    assert [e.trigger for e in events_of(sentence)][:1] == [trigger]


@pytest.mark.parametrize(
    "sentence",
    [
        "Effigies of Elangovan were burnt in Salem and Coimbatore.",
        "A BJP office was burned in Salem.",
        "Clashes continued for a second day between protesters and the police in Birgunj.",
    ],
)
def test_burnt_property_and_crowd_clashes_are_no_event(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    assert events_of(sentence) == []


def test_a_bombardment_fired_is_the_event_not_a_weapon(
    events_of: Callable[[str], list[Event]],
) -> None:
    (event,) = events_of(
        "The military fired a massive artillery bombardment from a base in Mongnwang directed "
        "at SSA-N factions in nearby villages."
    )
    assert event.trigger == "bombardment"
    (attack,) = events_of("Militants attacked the convoy using car bombs.")
    assert attack.trigger == "attacked"  # a bomb used is still the weapon


def test_a_crowd_that_killed_is_no_riot(events_of: Callable[[str], list[Event]]) -> None:
    (event,) = events_of("The protesters lynched a truck driver and resorted to arson.")
    assert event.trigger == "lynched"
    assert events_of("The party workers beat up some tourists.") == []


def test_demonstrative_names_the_event_already_reported(nlp: Language) -> None:
    # "These attacks" is the attack of the sentence before, not a new one in Yangon.
    text = (
        "The Myanmar military attacked a KIA base in Mathet Yan village in Mansi Township. "
        "These attacks come amid peace talks between the KIO and the government in Yangon."
    )
    events = extract_events(nlp(text), "t", None)
    assert events and all(e.location != "Yangon" for e in events)


# -- a body found with the marks of a killing ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Police recovered the bullet-riddled body of a Jubo Dal leader from a field in Jhenaidah.",
        "The bullet riddled body of an officer was found near a village in Qila Saifullah.",
        "The body of a trader with bullet wounds was found in a drain in Quetta.",
    ],
)
def test_body_with_the_marks_of_a_killing(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    events = events_of(sentence)
    assert [e.event_type for e in events] == ["violence_against_civilians"]
    assert events[0].trigger.lower() == "body"


@pytest.mark.parametrize(
    "sentence",
    [
        "The body of a drowned child was found in the river on Sunday.",
        "Police sent the body to the morgue for an autopsy.",
    ],
)
def test_body_without_marks_is_no_event(
    events_of: Callable[[str], list[Event]], sentence: str
) -> None:
    assert events_of(sentence) == []
