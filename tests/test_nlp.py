"""The spaCy loader and the actor alias table (real model, loaded once per process)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from nightwire.nlp import ACTOR_ALIASES, canonical_name, load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_pipeline_is_loaded_once_with_the_alias_ruler(nlp: Language) -> None:
    assert load_nlp() is nlp
    assert nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    assert "lemmatizer" not in nlp.pipe_names


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("Islamic State", "Islamic State"),
        ("IS", "Islamic State"),
        ("ISIS", "Islamic State"),
        ("Isis", "Islamic State"),
        ("ISIL's", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("the Islamic State group", "Islamic State"),
        ("Isis fighters", "Islamic State"),
        ("Kurdish Peshmerga", "Peshmerga"),
        ("Iraqi army", "Iraqi Security Forces"),
        ("ISF", "Iraqi Security Forces"),
        ("Hashd al-Shaabi", "Popular Mobilization Forces"),
        ("al-Qaida", "Al-Qaeda"),
        ("Pakistani Taliban", "Tehrik-i-Taliban Pakistan"),
        ("TTP", "Tehrik-i-Taliban Pakistan"),
        ("Burma Army", "Myanmar Armed Forces"),
        ("Tatmadaw", "Myanmar Armed Forces"),
        ("Naxals", "CPI (Maoist)"),
        ("RAB", "Rapid Action Battalion"),
        ("Lashkar-e-Toiba", "Lashkar-e-Taiba"),
    ],
)
def test_aliases_canonicalise(mention: str, canonical: str) -> None:
    assert canonical_name(mention) == canonical


@pytest.mark.parametrize("word", ["is", "rab", "let", "Let", "Is"])
def test_short_aliases_only_in_capitals(word: str) -> None:
    assert canonical_name(word) not in ACTOR_ALIASES


def test_ruler_tags_aliases_as_organisations(nlp: Language) -> None:
    doc = nlp("IS fighters attacked Kirkuk. The Burma Army fought the KIA. Daesh denied it.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("IS", "ORG"), ("Burma Army", "ORG"), ("KIA", "ORG"), ("Daesh", "ORG")} <= ents
    # "is" the verb is not the Islamic State.
    assert not [e for e in nlp("This is the place.").ents if e.text == "is"]


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("Islamic State group fighters", "Islamic State"),  # longest alias, then a group noun
        ("the Islamic State of Iraq and Syria's", "Islamic State"),
        ("Isis  fighters", "Islamic State"),  # any run of spaces after the alias
        ("Kurdish Peshmerga forces", "Peshmerga"),
        ("IS fighters", "IS fighters"),  # a short alias only counts alone
        ("Islamic Statehood", "Islamic Statehood"),  # an alias must end at a word boundary
        ("the", "the"),
    ],
)
def test_alias_followed_by_a_group_noun(mention: str, canonical: str) -> None:
    assert canonical_name(mention) == canonical
