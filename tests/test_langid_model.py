"""py3langid's model mapped from the cache folder classifies exactly as the package's own."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from nightwire.langid_model import _mapped_identifier, _unpacked_model, language_identifier
from nightwire.settings import PROJECT_ROOT

TEXTS = [
    *(p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "data" / "sample").iterdir())),
    "Des manifestants ont été blessés samedi à Paris lors d'affrontements avec la police.",
    "Bei einem Anschlag in Kabul wurden am Montag mindestens zwölf Menschen getötet.",
    "قتل خمسة أشخاص في هجوم انتحاري استهدف سوقا في بغداد",
    "В результате взрыва в центре города погибли три человека.",
    "警方表示，爆炸造成至少十人死亡。",
    "ok",
    "",
]


def test_mapped_model_classifies_as_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIGHTWIRE_CACHE_DIR", str(tmp_path))
    folder = _unpacked_model()
    assert folder.parent == tmp_path and (folder / "classes.json").is_file()
    assert _unpacked_model() == folder  # made once, then reused

    mapped = _mapped_identifier(folder)
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    assert isinstance(mapped.nb_ptc.base, np.memmap)  # shared pages, not a private copy
    for text in TEXTS:
        assert mapped.classify(text) == reference.classify(text), text[:40]


def test_an_unwritable_cache_falls_back_to_the_package_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("NIGHTWIRE_CACHE_DIR", str(blocker / "cache"))

    identifier = language_identifier()

    assert not isinstance(getattr(identifier.nb_ptc, "base", None), np.memmap)
    assert identifier.classify(TEXTS[0])[0] == "en"
