"""What a night costs when there is nothing new to do, beside an empty Prefect flow.

    .venv/bin/python -m bench.rerun [--repeat N] [--input DIR]

Publishes the input (default: the sample) once into a throw-away warehouse, then times, each
as a fresh process the way the scheduler starts them, ``--repeat`` runs of

* an empty Prefect flow (``bench.rerun empty``: a ``@flow`` that returns at once), and
* ``nightwire run`` on the night that is already published (it must end "up_to_date"),

and prints the median wall clock and CPU time (user + system of the process tree) of each
and their ratio. Issue #6's floor: the re-run costs at most 2x the empty flow.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nightwire.settings import DEFAULT_SAMPLE_DIR

NIGHT = "2016-10-25"


def empty() -> None:
    """The reference: an empty flow, with the same imports Prefect itself needs."""
    from prefect import flow

    @flow(name="empty")
    def nothing() -> None:
        return None

    nothing()


def timed(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child tree, stdout) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 3):  # 3: published, with quarantined input
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall, cpu, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=("empty",), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--input", type=Path, default=DEFAULT_SAMPLE_DIR)
    args = parser.parse_args(argv)
    if args.command == "empty":
        empty()
        return 0
    os.environ.setdefault("DO_NOT_TRACK", "1")
    with tempfile.TemporaryDirectory() as warehouse:
        run = [
            str(Path(sys.executable).parent / "nightwire"), "run",
            "--input", str(args.input), "--warehouse", warehouse, "--run-date", NIGHT,
        ]  # fmt: skip
        timed(run)  # publish the night once (not timed)
        empties = [
            timed([sys.executable, "-m", "bench.rerun", "empty"]) for _ in range(args.repeat)
        ]
        reruns = [timed(run) for _ in range(args.repeat)]
    if not all("up_to_date" in out.lower() for _, _, out in reruns):
        raise SystemExit("the re-run did work: it did not report up_to_date")
    rows = [("empty Prefect flow", empties), ("re-run, nothing new", reruns)]
    print(f"median of {args.repeat} fresh processes each (no Prefect server: ephemeral API)")
    print(f"{'':22}{'wall s':>8}{'CPU s':>8}")
    medians = {}
    for name, runs in rows:
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        medians[name] = (wall, cpu)
        print(f"{name:22}{wall:8.1f}{cpu:8.1f}")
    wall_ratio = medians[rows[1][0]][0] / medians[rows[0][0]][0]
    cpu_ratio = medians[rows[1][0]][1] / medians[rows[0][0]][1]
    verdict = "met" if wall_ratio <= 2 else "NOT MET"
    print(
        f"re-run / empty flow: wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x (floor <= 2x {verdict})"
    )
    return 0 if wall_ratio <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
