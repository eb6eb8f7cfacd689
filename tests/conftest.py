"""Shared fixtures. Tests run the real stack: spaCy model, DuckDB files, GX suites, Prefect."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language

    from nightwire.event_model import Event

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
SHARED_DIR = PROJECT_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared corpora; tests that need them skip cleanly where absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED_DIR


@pytest.fixture(scope="module")
def nlp() -> Language:
    from nightwire.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def placed(nlp: Language) -> Callable[[str], Event]:
    """The report's most precisely placed event (as the ACLED benchmark scores it)."""
    from nightwire.events import extract_events

    rank = {"town": 0, "district": 1, "admin1": 2, "country": 3}

    def run(text: str) -> Event:
        events = [e for e in extract_events(nlp(text), "t", None) if e.latitude is not None]
        assert events, f"no placed event in {text!r}"
        return min(events, key=lambda e: rank.get(e.geo_precision or "", 4))

    return run


@pytest.fixture(scope="module")
def nlp_events(nlp: Language) -> Callable[[str], list[Event]]:
    """Every event the extractor finds in a text."""
    from nightwire.events import extract_events

    return lambda text: extract_events(nlp(text), "t", None)


@pytest.fixture(scope="session")
def prefect_api() -> object:
    """A real, temporary Prefect server (SQLite in a temp dir) for flows run in-process."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield None
