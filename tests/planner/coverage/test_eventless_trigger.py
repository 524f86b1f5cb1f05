"""A request naming an event of an app the catalog has no events for is met by the
webhook the app calls, by its feed, or by polling it; not by a manual start."""

from __future__ import annotations

from flowsmith.planner.coverage import TRIGGER_MISMATCH, check_request
from flowsmith.planner.frame import CoreStep, Frame, Trigger
from tests.planner.coverage.support import chain, node

EVENT = Trigger(kind="webhook", app="servicenow", phrase="a ServiceNow incident is created")
MAIL = node("send_email:mail", to="me@example.com", subject="Hi", body="{{ $json.title }}")
FRAME = Frame(EVENT, (CoreStep("send_email", phrase="email me"),))


def mismatches(trigger_node: object) -> list[str]:
    findings = check_request(FRAME, chain(trigger_node, MAIL))  # type: ignore[arg-type]
    return [f.code for f in findings if f.code == TRIGGER_MISMATCH]


def test_polling_the_app_meets_its_event() -> None:
    assert mismatches(node("schedule_trigger:poll", interval="hours", every=1)) == []


def test_its_webhook_meets_its_event() -> None:
    assert mismatches(node("webhook_trigger:hook", path="sn", method="POST")) == []


def test_a_manual_start_does_not() -> None:
    assert mismatches(node("manual_trigger:go")) == [TRIGGER_MISMATCH]
