"""Event typing against CASE 2021 task 2 (ACLED-derived sub-types of news snippets).

    .venv/bin/python -m bench.case_eval [--tsv PATH] [--show N]

Gold: ``case2021-task2/test_set_final_release_with_labels.tsv`` (1,019 snippets, one
sub-type each; see ``../shared/dev/README.md``). The extractor runs on each snippet (no
publication date); its *primary* event (most confident, earliest on ties) is compared with
the gold sub-type mapped to this project's taxonomy (``GOLD``; ``docs/taxonomy.md``).

Figures, split dev/held-out by the parity of the first byte of sha1(id) as in
``bench.acled_eval``: for the violent sub-types, the share of snippets with an event, the
``event_type`` accuracy and the ``sub_event_type`` accuracy (over snippets with an event);
for the other sub-types (protests, riots, arrests, agreements, disasters, crime ...) the
share left without a violent event.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.acled_eval import primary

DEFAULT_TSV = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "dev"
    / "case2021-task2"
    / "test_set_final_release_with_labels.tsv"
)
# CASE sub-type -> (event_type, sub_event_types that count as right).
GOLD: dict[str, tuple[str, frozenset[str]]] = {
    "ARMED_CLASH": ("battles", frozenset({"armed_clash", "attack_on_location"})),
    "GOV_REGAINS_TERIT": ("battles", frozenset({"government_regains_territory"})),
    "NON_STATE_ACTOR_OVERTAKES_TER": (
        "battles",
        frozenset({"non_state_actor_overtakes_territory"}),
    ),
    "AIR_STRIKE": ("explosions_remote_violence", frozenset({"air_drone_strike"})),
    "ART_MISS_ATTACK": ("explosions_remote_violence", frozenset({"shelling_artillery_missile"})),
    "SUIC_BOMB": ("explosions_remote_violence", frozenset({"suicide_bomb"})),
    "REM_EXPLOS": ("explosions_remote_violence", frozenset({"remote_explosive", "car_bomb"})),
    "GRENADE": ("explosions_remote_violence", frozenset({"grenade"})),
    "CHEM_WEAP": ("explosions_remote_violence", frozenset({"chemical_weapon"})),
    "ATTACK": ("violence_against_civilians", frozenset({"attack"})),
    "ABDUCT_DISSAP": ("violence_against_civilians", frozenset({"abduction"})),
    "SEX_VIOL": ("violence_against_civilians", frozenset({"sexual_violence"})),
}


@dataclass(frozen=True)
class Snippet:
    sid: str
    split: str
    label: str
    text: str


@dataclass
class Tally:
    violent: int = 0
    found: int = 0
    type_right: int = 0
    sub_right: int = 0
    quiet_total: int = 0
    quiet: int = 0
    per_label: Counter[str] = field(default_factory=Counter)
    per_label_right: Counter[str] = field(default_factory=Counter)

    def line(self, name: str) -> str:
        def rate(a: int, b: int) -> float:
            return a / b if b else float("nan")

        return (
            f"{name:8s} violent={self.violent:4d} found={rate(self.found, self.violent):.3f} "
            f"type_acc={rate(self.type_right, self.found):.3f} "
            f"sub_type_acc={rate(self.sub_right, self.found):.3f} "
            f"quiet={rate(self.quiet, self.quiet_total):.3f} (other n={self.quiet_total})"
        )


def read_snippets(path: Path) -> list[Snippet]:
    out: list[Snippet] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            sid = row["id"]
            split = "dev" if hashlib.sha1(sid.encode()).digest()[0] % 2 == 0 else "heldout"
            out.append(Snippet(sid, split, row["SubType"].strip(), row["EventSnippet"]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--show", type=int, default=0, help="print N dev errors")
    args = parser.parse_args(argv)
    if not args.tsv.is_file():
        print(f"CASE 2021 gold not found at {args.tsv}", file=sys.stderr)
        return 2
    from nightwire.events import extract_events
    from nightwire.nlp import load_nlp

    snippets = read_snippets(args.tsv)
    nlp = load_nlp()
    tallies = {"dev": Tally(), "heldout": Tally(), "all": Tally()}
    errors: list[str] = []
    start = time.perf_counter()
    docs = nlp.pipe((s.text for s in snippets), batch_size=64)
    for snippet, doc in zip(snippets, docs, strict=True):
        main_event = primary(extract_events(doc, snippet.sid, None))
        gold = GOLD.get(snippet.label)
        for key in (snippet.split, "all"):
            t = tallies[key]
            if gold is None:
                t.quiet_total += 1
                t.quiet += main_event is None
                continue
            t.violent += 1
            t.per_label[snippet.label] += 1
            if main_event is None:
                continue
            t.found += 1
            t.type_right += main_event.event_type == gold[0]
            right = main_event.sub_event_type in gold[1]
            t.sub_right += right
            t.per_label_right[snippet.label] += right
        if args.show and snippet.split == "dev" and len(errors) < args.show:
            got = main_event and f"{main_event.event_type}/{main_event.sub_event_type}"
            if (gold is None) != (main_event is None) or (
                gold and main_event and main_event.sub_event_type not in gold[1]
            ):
                errors.append(
                    f"[{snippet.sid}] {snippet.label} got {got} :: {snippet.text[:200]!r}"
                )
    seconds = time.perf_counter() - start
    print(f"CASE 2021 task 2: {len(snippets)} snippets in {seconds:.0f} s (split by sha1 of id)")
    for name, tally in tallies.items():
        print(tally.line(name))
    held = tallies["heldout"]
    print(
        "held-out sub-type accuracy by gold label: "
        + ", ".join(
            f"{label} {held.per_label_right[label]}/{n}"
            for label, n in sorted(held.per_label.items())
        )
    )
    if errors:
        print("\n-- dev errors\n" + "\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
