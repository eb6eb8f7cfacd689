"""Alerts through Apprise to a real HTTP receiver on 127.0.0.1, and the Prefect event specs."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from webhook import WebhookReceiver, webhook_receiver

from nightwire.alerts import Alert, build_alert, dq_events, send_alert
from nightwire.dq_outcome import ExpectationOutcome
from nightwire.report import NightSummary, dq_failure, render_markdown
from nightwire.settings import Settings

RUN = "3f1c9a4e-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def hook() -> Iterator[WebhookReceiver]:
    with webhook_receiver() as receiver:
        yield receiver


@pytest.fixture(autouse=True)
def _fresh(hook: WebhookReceiver) -> None:
    hook.clear()


def summary(*outcomes: ExpectationOutcome, blocked: tuple[str, ...] = ()) -> NightSummary:
    s = NightSummary(
        run_id=RUN,
        night="2016-10-26",
        input_dir="/in",
        warehouse_dir="/srv/warehouse",
        files_seen=6,
        documents=6,
        events=34,
        tables_blocked=list(blocked),
        rows={"documents": 6, "entities": 290, "events": 34, "quarantine": 0},
        dq_failures=[dq_failure(o) for o in outcomes],
        report_file=f"/srv/warehouse/_reports/runs/2016-10-26/{RUN}.md",
        data_docs="/srv/warehouse/_reports/data_docs/index.html",
        data_docs_pages={"events": "/srv/warehouse/_reports/data_docs/validations/x/events.html"},
        rejected={t: f"/srv/warehouse/_rejected/{RUN}/{t}/ingest_date=2016-10-26" for t in blocked},
    )
    s.finalise()
    return s


TOLL = ExpectationOutcome(
    table_name="events",
    expectation="expect_column_values_to_be_between",
    column_name="killed",
    severity="critical",
    success=False,
    observed='{"examples":[250000],"unexpected_count":1,"unexpected_percent":2.94}',
    expected='{"max_value":100000,"min_value":0}',
    source="column",
)
PLAUSIBLE = ExpectationOutcome(
    table_name="events",
    expectation="expect_column_values_to_be_between",
    column_name="killed",
    severity="warning",
    success=False,
    observed='{"examples":[250000],"unexpected_count":1}',
    expected='{"max_value":5000,"min_value":0}',
    source="rule",
    why="tolls above 5,000 in one report are implausible for one event",
)
DROP = ExpectationOutcome(
    table_name="documents",
    expectation="expect_row_count_near_trailing_median",
    column_name=None,
    severity="warning",
    success=False,
    observed='{"observed_value":0,"trailing_median":5}',
    expected='{"max_value":20,"min_value":1.25}',
    source="history",
)


def test_clean_night_has_no_alert() -> None:
    assert build_alert(summary()) is None


def test_blocked_night_alert_says_what_where_and_observed_vs_expected() -> None:
    alert = build_alert(summary(TOLL, PLAUSIBLE, blocked=("events",)))

    assert alert is not None
    assert alert.severity == "critical"
    assert alert.title == (
        "[Nightwire] night 2016-10-26: events BLOCKED (1 critical, 1 warning; tables: events)"
    )
    body = alert.body.splitlines()
    assert body[0] == f"Night 2016-10-26, run {RUN}, status BLOCKED."
    # Critical first, each with observed and expected values.
    first = body.index(
        "CRITICAL table=events night=2016-10-26: expect_column_values_to_be_between(killed)"
    )
    assert "250000" in body[first + 1] and body[first + 1].startswith("  observed: ")
    assert body[first + 2] == '  expected: {"max_value": 100000, "min_value": 0}'
    assert "WARNING table=events night=2016-10-26" in alert.body
    assert "rule: tolls above 5,000" in alert.body
    # Where to look.
    assert f"run report: /srv/warehouse/_reports/runs/2016-10-26/{RUN}.md" in alert.body
    assert "Data Docs (events): /srv/warehouse/_reports/data_docs/validations/x/events.html" in (
        alert.body
    )
    assert f"kept aside (events): /srv/warehouse/_rejected/{RUN}/events/" in alert.body
    assert f"run_id = '{RUN}' AND NOT success" in alert.body


def test_warning_only_night_alert() -> None:
    alert = build_alert(summary(DROP))

    assert alert is not None
    assert alert.severity == "warning"
    assert alert.title.startswith("[Nightwire] night 2016-10-26: 1 data-quality warning (")
    assert "BLOCKED" not in alert.body
    assert "expect_row_count_near_trailing_median" in alert.body


def test_long_failure_lists_are_cut_in_the_alert_not_in_the_report() -> None:
    many = [
        ExpectationOutcome("documents", f"expect_{i}", None, "warning", False, "{}", None)
        for i in range(30)
    ]
    s = summary(*many)
    alert = build_alert(s)
    assert alert is not None
    assert "... and 18 more (see the report)" in alert.body
    assert all(f"expect_{i}" in render_markdown(s) for i in range(30))


def test_alert_is_posted_once_to_a_json_webhook(hook: WebhookReceiver) -> None:
    alert = build_alert(summary(TOLL, blocked=("events",)))
    assert alert is not None

    delivery = send_alert(alert, [hook.apprise_url("/nightwire")])

    assert delivery.ok and delivery.sent == 1
    (received,) = hook.wait_for(1)
    assert received.path == "/nightwire"
    assert received.body["type"] == "failure"
    assert received.title == alert.title
    assert received.message == alert.body


def test_one_bad_destination_does_not_hide_the_others(hook: WebhookReceiver) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        dead = f"json://127.0.0.1:{closed.getsockname()[1]}/x"
        alert = Alert("t", "b", "warning")
        delivery = send_alert(alert, [dead, "slack://SECRETTOKEN", hook.apprise_url()])

    assert delivery.sent == 1
    assert delivery.failed == ["#1 (json://…)", "#2 (slack://…)"]
    assert "SECRET" not in " ".join(delivery.failed)
    (received,) = hook.wait_for(1)
    assert received.body["type"] == "warning"


def test_receiver_errors_are_reported_as_failed_delivery() -> None:
    with webhook_receiver(status=500) as failing:
        delivery = send_alert(Alert("t", "b", "warning"), [failing.apprise_url()])
        assert len(failing.wait_for(1)) == 1
    assert not delivery.ok
    assert delivery.sent == 0


def test_alert_urls_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "NIGHTWIRE_ALERT_URLS", " json://127.0.0.1:9/a,slack://A/B/C\n mailtos://u:p@example.com "
    )
    assert Settings().alert_urls == (
        "json://127.0.0.1:9/a",
        "slack://A/B/C",
        "mailtos://u:p@example.com",
    )
    monkeypatch.delenv("NIGHTWIRE_ALERT_URLS")
    assert Settings().alert_urls == ()


def test_prefect_event_per_failing_table_and_one_per_night() -> None:
    specs = dq_events(summary(TOLL, PLAUSIBLE, DROP, blocked=("events",)))

    assert [s["event"] for s in specs] == [
        "nightwire.dq.warning",
        "nightwire.dq.failed",
        "nightwire.night.processed",
    ]
    documents, events, night = specs
    assert documents["resource"]["prefect.resource.id"] == "nightwire.table.documents"
    assert events["resource"]["prefect.resource.id"] == "nightwire.table.events"
    assert events["resource"]["nightwire.blocked"] == "true"
    assert events["payload"]["failed_expectations"] == 2
    assert events["payload"]["failures"][0]["observed"] == TOLL.observed
    assert events["payload"]["rejected"].endswith("/events/ingest_date=2016-10-26")
    assert night["payload"]["status"] == "blocked"
    assert all(isinstance(v, str) for s in specs for v in s["resource"].values())
    assert [s["event"] for s in dq_events(summary())] == ["nightwire.night.processed"]
