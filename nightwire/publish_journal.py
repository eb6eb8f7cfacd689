"""The all-or-nothing swap of a local warehouse: journaled directory renames, and their undo.

Split from ``nightwire.publish`` (the ``Warehouse``, which plans the swaps and clears the
staging and backup folders around them) so that the crash-safety protocol can be read in
one place. ``swap_in`` first writes the journal (``_journal/<run_id>.json``, one ``Swap``
per table: staged, target and backup folders), then per table moves the published
partition to its backup and the staged one into place, and removes the journal once every
table is swapped. ``roll_back_journals`` undoes whatever a journal left behind after a
crash, newest table first. Object storage has the same protocol with per-object copies
(``nightwire.storage.commit_files`` / ``roll_back``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Swap", "roll_back_journals", "swap_in"]


@dataclass(frozen=True)
class Swap:
    table: str
    staged: str
    target: str
    backup: str


def swap_in(journal: Path, swaps: list[Swap], move: Callable[[Path, Path], None]) -> None:
    """Journal ``swaps``, then do them with ``move`` (one directory rename each), then drop
    the journal: the night is published."""
    journal.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(journal, json.dumps([s.__dict__ for s in swaps]).encode())
    for swap in swaps:
        target, backup = Path(swap.target), Path(swap.backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            backup.parent.mkdir(parents=True, exist_ok=True)
            move(target, backup)
        move(Path(swap.staged), target)
    journal.unlink()


def roll_back_journals(journal_dir: Path) -> list[str]:
    """Undo the swaps of every journal in ``journal_dir``; returns their run ids."""
    rolled_back: list[str] = []
    journals = sorted(journal_dir.glob("*.json")) if journal_dir.is_dir() else []
    for journal in journals:
        run_id = journal.stem
        for raw in reversed(json.loads(journal.read_text())):
            swap = Swap(**raw)
            target, backup, staged = Path(swap.target), Path(swap.backup), Path(swap.staged)
            if not staged.exists() and target.exists():
                # The new partition went in: move it back out of sight.
                staged.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, staged)
            if backup.exists() and not target.exists():
                os.replace(backup, target)
        journal.unlink()
        rolled_back.append(run_id)
    return rolled_back


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
