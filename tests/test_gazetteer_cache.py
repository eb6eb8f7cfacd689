"""The on-disk gazetteer: built once, loaded after, rebuilt when the file is damaged."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from nightwire.gazetteer import Gazetteer
from nightwire.gazetteer_cache import cache_path, load_gazetteer


@pytest.mark.timeout(600)
def test_built_once_then_loaded_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIGHTWIRE_CACHE_DIR", str(tmp_path / "cache"))
    path = cache_path()
    assert path.parent == tmp_path / "cache" and not path.exists()
    stale = path.parent / "gazetteer-0000000000000000.pickle"  # an older version's index
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")

    built = load_gazetteer()
    assert path.is_file() and path.stat().st_size > 1_000_000
    assert not stale.exists()
    rutba = built.resolve("Rutba")
    assert rutba is not None and rutba.country_code == "IQ"

    stamp = path.stat().st_mtime_ns
    loaded = load_gazetteer()
    assert path.stat().st_mtime_ns == stamp  # read, not rebuilt
    assert loaded.resolve("Rutba") == rutba
    assert len(loaded) == len(built)

    path.write_bytes(b"not a pickle")
    rebuilt = load_gazetteer()
    assert rebuilt.resolve("Kirkuk") == built.resolve("Kirkuk")
    with path.open("rb") as handle:
        assert isinstance(pickle.load(handle), Gazetteer)
