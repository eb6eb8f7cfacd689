"""The ACLED-like taxonomy of violent events (``docs/taxonomy.md``) and the rules that
type one event from its sentence.

``event_type`` is one of ACLED's three violent event types; ``sub_event_type`` refines it
(ACLED's sub-event types, plus ``car_bomb`` and ``attack_on_location`` that analysts of
this project asked for). The rules read the event's trigger words, the weapon words in
the sentence, the actor and the victims, in this order:

1. a weapon word in the sentence: chemical > suicide > car bomb > air/drone strike >
   grenade > shelling/artillery/missile > remote explosive (IED, landmine, bomb, blast)
   -> ``explosions_remote_violence`` (only when an explosive trigger is in the event, or
   the weapon is the instrument of its attack: "an attack using car suicide bombs");
2. a taking of territory ("seized the gas field", "retook Ramadi") -> ``battles``:
   ``government_regains_territory`` when the actor is a state force (or the verb says
   *re*-take and no actor is known), else ``non_state_actor_overtakes_territory``;
3. abduction / sexual violence -> ``violence_against_civilians``;
4. a fight ("clash", "gunfight", "encounter", "battle") -> ``battles/armed_clash``;
5. an attack or a killing: against civilians (civilian victims or a civilian place) ->
   ``violence_against_civilians/attack``; against combatants -> ``battles/armed_clash``;
   against a town or a military/police place -> ``battles/attack_on_location``; unknown
   victims ("19 people") -> ``violence_against_civilians/attack``.
"""

from __future__ import annotations

from collections.abc import Iterable

EVENT_TYPES = ("battles", "explosions_remote_violence", "violence_against_civilians")
SUB_EVENT_TYPES: dict[str, str] = {
    "armed_clash": "battles",
    "attack_on_location": "battles",
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "suicide_bomb": "explosions_remote_violence",
    "car_bomb": "explosions_remote_violence",
    "remote_explosive": "explosions_remote_violence",
    "shelling_artillery_missile": "explosions_remote_violence",
    "air_drone_strike": "explosions_remote_violence",
    "chemical_weapon": "explosions_remote_violence",
    "grenade": "explosions_remote_violence",
    "attack": "violence_against_civilians",
    "abduction": "violence_against_civilians",
    "sexual_violence": "violence_against_civilians",
}
# Families for merging reports (``nightwire.clusters``): outlets type one assault as a
# battle, a killing or a suicide bombing; strikes from a distance are another kind of event.
STANDOFF = frozenset({"air_drone_strike", "shelling_artillery_missile", "chemical_weapon"})


def family(sub_event_type: str) -> str:
    return "standoff" if sub_event_type in STANDOFF else "ground"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Weapon words (lower-case tokens of the sentence), in precedence order.
WEAPONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("chemical_weapon", _words("chemical chlorine mustard sarin toxic poison poisonous nerve")),
    ("suicide_bomb", _words("suicide")),
    ("car_bomb", _words("car-bomb vbied vbieds vehicle-borne truck-bomb")),
    (
        "air_drone_strike",
        _words(
            "airstrike airstrikes air-strike air-strikes drone drones warplane warplanes jets "
            "aircraft helicopter helicopters gunship gunships aerial"
        ),
    ),
    ("grenade", _words("grenade grenades")),
    (
        "shelling_artillery_missile",
        _words(
            "shelling shelled shells shell mortar mortars artillery rocket rockets missile "
            "missiles howitzer"
        ),
    ),
    (
        "remote_explosive",
        _words(
            "ied ieds landmine landmines mine mines roadside explosive explosives bomb bombs "
            "bombing bombings bombed blast blasts explosion explosions exploded detonated "
            "cocktail cocktails crude improvised booby-trapped remote-controlled blasted "
            "went explode exploding bomber bombers blew blown vest"
        ),
    ),
)
# A petrol bomb is an incendiary thrown by hand: ACLED codes its attacks as violence
# against civilians, not as explosions (unless a crude bomb, an IED ... is also named).
INCENDIARY = _words("petrol molotov incendiary firebomb firebombs fire-bomb fire-bombs")
FIRE_BOMB = _words("bomb bombs bombing bombings bombed exploded explosion blast went")
CAR_WORDS = _words("car vehicle truck motorcycle motorbike van")
REGAIN_VERBS = _words("recaptured retook retaken regained liberated")
# Actors that are state forces (canonical names and words in them).
STATE_WORDS = _words(
    "army military forces force police troops soldiers government regime security peshmerga "
    "coalition rifles battalion paramilitary guards tatmadaw navy bsf rab crpf frontier "
    "constabulary rangers commandos"
)
CIVILIAN_WORDS = _words(
    "civilian civilians people persons person man men woman women child children boy boys "
    "girl girls villagers villager residents resident workers worker farmers farmer traders "
    "trader students student teacher teachers journalist journalists pilgrims worshippers "
    "family passengers passenger driver drivers shopkeeper activist activists leader leaders "
    "doctor nurse businessman labourer labourers youth youths elderly couple wife husband "
    "son daughter tourists official officials councillor chairman"
)
COMBATANT_WORDS = _words(
    "soldiers soldier troops troop police policemen policeman officers officer personnel "
    "guards guard militants militant insurgents insurgent rebels rebel fighters fighter "
    "jihadists extremists terrorists gunmen attackers cadres cadre ultras maoists naxals "
    "peshmerga militiamen jawans jawan commandos commander commanders army forces constable "
    "constables rangers inspector sub-inspector superintendent"
)
CIVILIAN_PLACES = _words(
    "school schools market markets mosque mosques church churches temple temples hotel "
    "hospital house houses home homes shop shops bus buses residence office restaurant "
    "wedding funeral shrine bazaar village"
)
MILITARY_PLACES = _words(
    "checkpoint checkpoints post posts outpost base bases camp camps station stations "
    "convoy convoys patrol compound headquarters barracks positions position town city "
    "towns cities"
)


def weapon_of(words: Iterable[str]) -> str | None:
    """The sub-event type named by the weapon words of a sentence, if any."""
    bag = {w.lower() for w in words}
    for sub, vocab in WEAPONS:
        if bag & vocab:
            if sub == "suicide_bomb" and not bag & (WEAPONS[-1][1] | _words("attack attacks")):
                continue  # "a suicide mission" alone is no bombing
            if sub == "remote_explosive" and bag & INCENDIARY and not (bag & vocab) - FIRE_BOMB:
                continue  # "hurled a petrol bomb at a bus": arson, not an explosive
            if sub == "remote_explosive" and bag & _words("bomb bombs") and bag & CAR_WORDS:
                return "car_bomb"  # "a car bomb exploded"
            return sub
    return None


def is_state_actor(name: str | None) -> bool:
    return name is not None and bool(set(name.lower().replace("-", " ").split()) & STATE_WORDS)


def classify(
    kinds: set[str],
    sentence_words: Iterable[str],
    actor: str | None,
    victims: Iterable[str],
    target_words: Iterable[str],
    capture_verbs: Iterable[str] = (),
    *,
    state_actor: bool = False,
    target_named: bool = False,
) -> tuple[str, str]:
    """``(event_type, sub_event_type)`` of one event (rules in the module docstring).

    ``kinds`` are the trigger classes of the event (``event_lexicon.TRIGGERS`` keys),
    ``victims`` the head words of its casualty phrases, ``target_words`` the words of
    its target, ``capture_verbs`` the territory verbs among its triggers; ``state_actor``
    marks a national force named by its country ("an Iraqi offensive"), ``target_named``
    an organisation as the target (an armed group: a battle).
    """
    words = [w.lower() for w in sentence_words]
    weapon = weapon_of(words)
    if weapon is not None and ("bombing" in kinds or "attack" in kinds):
        if weapon == "car_bomb" and "suicide" in words:
            weapon = "suicide_bomb"
        return SUB_EVENT_TYPES[weapon], weapon
    if "capture" in kinds:
        regain = (
            state_actor
            or is_state_actor(actor)
            or (actor is None and any(v.lower() in REGAIN_VERBS for v in capture_verbs))
        )
        sub = "government_regains_territory" if regain else "non_state_actor_overtakes_territory"
        return "battles", sub
    if "abduction" in kinds:
        return "violence_against_civilians", "abduction"
    if "sexual" in kinds:
        return "violence_against_civilians", "sexual_violence"
    if "clash" in kinds:
        return "battles", "armed_clash"
    victim_words = {v.lower() for v in victims}
    target = {t.lower() for t in target_words}
    if victim_words & COMBATANT_WORDS and victim_words & CIVILIAN_WORDS:
        return "violence_against_civilians", "attack"  # "police officers and civilians"
    if victim_words & COMBATANT_WORDS or target & COMBATANT_WORDS or target_named:
        return "battles", "armed_clash"
    if victim_words & CIVILIAN_WORDS or target & CIVILIAN_WORDS or target & CIVILIAN_PLACES:
        return "violence_against_civilians", "attack"
    if target & MILITARY_PLACES:
        return "battles", "attack_on_location"
    if "bombing" in kinds:
        return "explosions_remote_violence", "remote_explosive"
    if victim_words or not kinds & {"attack"}:
        return "violence_against_civilians", "attack"  # "19 people were killed"
    return "battles", "attack_on_location"  # an assault, an offensive, a raid
