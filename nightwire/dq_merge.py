"""Counts of one expectation over part of a table, merged slice by slice.

A night validated in slices (``nightwire.validate_slices`` for the GX suites,
``nightwire.dq_rules.SlicedChecks`` for the cross-table checks) must report what the whole
tables would have. Row-level results merge exactly: the rows considered, the unexpected rows
and the nulls set apart add up; the examples are the first ``EXAMPLES`` unexpected values in
row order, so the slices' examples concatenated in slice order and capped are the whole
table's (or, for checks that list the smallest distinct values, the capped sorted union).
Success is then recomputed from the sums (``mostly_success``), never combined from the
slices' verdicts: a share can pass in every slice but one and still fail overall.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Unexpected values reported per failed expectation (nightwire.validate, nightwire.dq_rules).
EXAMPLES = 5


@dataclass(frozen=True)
class Tally:
    """What a row-level expectation counted over some rows.

    ``elements``: rows in the domain; ``unexpected``: rows that fail; ``missing``: rows set
    apart as null (GX map expectations that count them; ``None`` where nothing is set apart);
    ``examples``: the first ``EXAMPLES`` unexpected values in row order or, with
    ``distinct``, the smallest distinct ones (sorted by their text).
    """

    elements: int = 0
    unexpected: int = 0
    examples: list[Any] = field(default_factory=list)
    missing: int | None = None
    distinct: bool = False

    def __add__(self, other: Tally) -> Tally:
        missing = (
            None
            if self.missing is None or other.missing is None
            else (self.missing + other.missing)
        )
        return Tally(
            elements=self.elements + other.elements,
            unexpected=self.unexpected + other.unexpected,
            examples=merge_examples(self.examples, other.examples, distinct=self.distinct),
            missing=missing,
            distinct=self.distinct,
        )

    @property
    def considered(self) -> int:
        """Rows the success ratio is taken over: the non-null ones where nulls are set apart."""
        return self.elements - (self.missing or 0)

    def success(self, mostly: float = 1.0) -> bool:
        return mostly_success(self.considered, self.unexpected, mostly)


def merge_examples(
    first: Iterable[Any], second: Iterable[Any], *, distinct: bool = False, cap: int = EXAMPLES
) -> list[Any]:
    """Examples of two consecutive slices as the two together would list them."""
    if distinct:
        return sorted({*first, *second}, key=str)[:cap]
    return [*first, *second][:cap]


def mostly_success(considered: int, unexpected: int, mostly: float = 1.0) -> bool:
    """GX's rule for map expectations: vacuously true without rows, else the expected share
    of the rows considered is at least ``mostly`` (same arithmetic as GX's
    ``_mostly_success``, so a share exactly at the threshold agrees)."""
    if considered <= 0:
        return True
    return (float(considered) - float(unexpected)) / float(considered) >= mostly


# --------------------------------------------------------------------------- checks

Result = tuple[bool, dict[str, Any], dict[str, Any]]  # success, observed, expected


@dataclass(frozen=True)
class CheckTally:
    """What one cross-table check (``nightwire.dq_rules``) counted over some of the night.

    ``kind`` says how the outcome is finished from the counts:

    ``rows``        unexpected rows: ``element_count``, ``unexpected_count``,
                    ``unexpected_percent`` and ``examples`` (row order)
    ``references``  the same without the percent, examples the smallest distinct values
    ``share``       the share of flagged documents against ``expected["max_share"]``
    ``error``       the check could not run (``error``), e.g. a missing column

    ``unchecked``: values the check could not judge (``unchecked_countries``), sorted,
    capped. Tallies of the same check over consecutive slices add up (``+``); an error wins.
    """

    kind: str
    tally: Tally = field(default_factory=Tally)
    expected: dict[str, Any] = field(default_factory=dict)
    unchecked: list[Any] = field(default_factory=list)
    error: str | None = None

    @classmethod
    def rows(cls, n: int, bad: list[Any], expected: dict[str, Any]) -> CheckTally:
        """``n`` rows checked, ``bad`` the failing ones (their examples, in row order)."""
        return cls("rows", Tally(n, len(bad), bad[:EXAMPLES]), expected)

    @classmethod
    def share(
        cls, n: int, bad: list[Any], max_share: float, expected: dict[str, Any]
    ) -> CheckTally:
        """``n`` documents, ``bad`` the flagged ones; at most ``max_share`` may be flagged."""
        return cls(
            "share", Tally(n, len(bad), bad[:EXAMPLES]), {**expected, "max_share": max_share}
        )

    def __add__(self, other: CheckTally) -> CheckTally:
        if self.kind == "error" or other.kind == "error":
            return self if self.kind == "error" else other
        return CheckTally(
            kind=self.kind,
            tally=self.tally + other.tally,
            expected=self.expected,
            unchecked=merge_examples(self.unchecked, other.unchecked, distinct=True),
        )

    def finish(self) -> Result:
        """The check's success, observed and expected values (as ``dq_results`` holds them)."""
        if self.kind == "error":
            return False, {"error": self.error}, {}
        t = self.tally
        if self.kind == "share":
            share = round(t.unexpected / t.elements, 4) if t.elements else 0.0
            observed: dict[str, Any] = {
                "observed_value": share,
                "documents": t.elements,
                "flagged": t.unexpected,
            }
            if t.unexpected:
                observed["examples"] = t.examples
            return share <= float(self.expected["max_share"]), observed, self.expected
        observed = {"element_count": t.elements, "unexpected_count": t.unexpected}
        if t.unexpected:
            if self.kind == "rows":
                observed["unexpected_percent"] = round(100 * t.unexpected / t.elements, 2)
            observed["examples"] = t.examples
        if self.unchecked:
            observed["unchecked_countries"] = self.unchecked
        return not t.unexpected, observed, self.expected
