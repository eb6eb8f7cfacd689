"""py3langid's model mapped from disk, shared by the worker processes.

Loaded the package's way, the model (LZMA-packed) unpacks into ~75 MiB of private memory
in every worker process. Unpacked once per machine into plain arrays (``.npy`` files in
``NIGHTWIRE_CACHE_DIR``) and memory-mapped, its pages are the page cache's: shared by all
the workers. The arrays are the same, so are the results (``bench/langid_mapped_check.py``
compares both loaders on news2016 and bbc: no difference in language or probability).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier


def language_identifier() -> LanguageIdentifier:
    """py3langid's identifier over its model memory-mapped from the cache folder, else (no
    writable cache, an unexpected py3langid) loaded the package's way.

    Loaded the package's way, the model (LZMA-packed) unpacks into ~75 MiB of private
    memory in every worker process. Unpacked once per machine into plain arrays and mapped,
    its pages are the page cache's: shared by all the workers, read in as touched, and
    dropped by the kernel instead of swapped. The arrays are the same, so are the results.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return _mapped_identifier(_unpacked_model())
    except (ImportError, OSError, ValueError, TypeError, AttributeError, KeyError):
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# The arrays of the unpacked model, each an .npy file (see ``_unpacked_model``).
_MODEL_ARRAYS = ("ptc", "pc", "nextmove", "rowbase", "output")
# Texts the mapped identifier must classify exactly as the package's own before it is used.
_PROBES = (
    "The minister said on Tuesday that the talks would resume next week.",
    "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine.",
    "Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt.",
    "وقال الوزير يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل",
    "Министр заявил во вторник, что переговоры возобновятся на следующей неделе.",
    "12 34 -- ## !!",
    "",
)


def _unpacked_model() -> Path:
    """The folder of the unpacked model, made first when missing (atomically: a folder is
    renamed into place complete, so concurrent workers at worst both make one)."""
    import hashlib
    import os
    import shutil
    import tempfile
    from importlib import metadata

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from nightwire.gazetteer_cache import cache_dir

    model = MODEL_DIR / MODEL_FILE
    digest = hashlib.sha256(f"v1 py3langid {metadata.version('py3langid')}".encode())
    digest.update(model.read_bytes())
    folder = cache_dir() / f"py3langid-{digest.hexdigest()[:16]}"
    if (folder / "classes.json").is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        _unpack(model, building)
        try:
            os.rename(building, folder)
        except OSError:  # another process put its folder there first
            if not (folder / "classes.json").is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return folder


def _unpack(model: Path, folder: Path) -> None:
    """Write the model's arrays as .npy files, then check the mapped identifier classifies
    the probe texts exactly as the package's own (else ValueError: not used)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(model)
    rows = np.frombuffer(row, dtype=f"u{row.itemsize}").astype(np.uint64) << 8
    arrays = {
        "ptc": np.asarray(ptc),
        "pc": np.asarray(pc),
        "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
        "rowbase": rows.astype(np.uint32 if rows.max(initial=0) < 2**32 else np.uint64),
        "output": np.asarray(output, dtype=np.int64).astype(np.int32),
    }
    for name in _MODEL_ARRAYS:
        np.save(folder / f"{name}.npy", arrays[name], allow_pickle=False)
    reference = LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )
    del ptc, pc, nextmove, row, output, arrays
    (folder / "classes.json.tmp").write_text(json.dumps(classes), encoding="utf-8")
    mapped = _mapped_identifier(folder, classes_file="classes.json.tmp")
    for text in _PROBES:
        if mapped.classify(text) != reference.classify(text):
            raise ValueError("the unpacked py3langid model does not classify as the package's")
    (folder / "classes.json.tmp").rename(folder / "classes.json")


def _mapped_identifier(folder: Path, classes_file: str = "classes.json") -> LanguageIdentifier:
    """The identifier over the memory-mapped arrays of ``folder``: the DFA tables as
    memoryviews (indexed like the package's array/list, yielding the same ints)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    mapped = {
        name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        for name in _MODEL_ARRAYS
    }
    classes = json.loads((folder / classes_file).read_text(encoding="utf-8"))
    identifier = LanguageIdentifier(
        np.asarray(mapped["ptc"]),
        np.array(mapped["pc"]),
        classes,
        memoryview(mapped["nextmove"]),
        memoryview(mapped["output"]),
        norm_probs=True,
        tk_row=(),
    )
    identifier._rowbase = memoryview(mapped["rowbase"])  # what __init__ derives from tk_row
    return identifier
