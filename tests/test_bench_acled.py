"""The ACLED benchmark's per-country report (arithmetic only; the benchmark itself runs on
../shared, outside the test suite)."""

from __future__ import annotations

from bench.acled_eval import Tally, country_report, floor_line, floors_met


def test_country_report_keeps_countries_with_enough_notes() -> None:
    india = Tally(violent=25, found=20, within_50km=10, ceiling_resolved=15)
    lines = country_report({("India", "heldout"): india, ("Laos", "dev"): Tally(violent=3)})
    assert len(lines) == 1
    assert "India" in lines[0] and "heldout n=25" in lines[0]
    assert "found=0.800" in lines[0] and "within_50km=0.400" in lines[0]
    assert "(ceiling 0.600)" in lines[0]


def test_floor_line_says_which_floors_are_met() -> None:
    tally = Tally(violent=100, found=95, within_50km=64, fat_written=10, fat_written_exact=8)
    tally.quiet, tally.quiet_total = 9, 10
    met = floors_met(tally)
    assert met == {"found": True, "within_50km": False, "fatalities_exact": True, "quiet": True}
    assert "within_50km>=0.65 NOT MET" in floor_line(met) and "found>=0.9 met" in floor_line(met)
