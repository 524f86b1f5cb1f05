"""Regression: a bad rating said of an event whose catalog kinds name ratings (Help Scout's
``satisfaction_rating``: "Not Good") got both the kind's filter and a numeric ``rating < 3``
test, so nothing could ever pass both. The kinds' filter alone stays; an event without
kinds still gets the numeric test."""

from __future__ import annotations

import pytest

from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_request


def _rating_tests(text: str) -> list[object]:
    frame = parse_request(text)
    assert frame is not None
    workflow, _ = compile_frame(frame)
    return [
        (c["operator"], c["right"])
        for n in workflow.nodes
        if n.subtype in ("if", "filter")
        for c in n.parameters.get("conditions", [])
        if "rating" in str(c.get("left"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "客户在Help Scout里给了差评的话，就在ClickUp建个任务让客服主管跟进",
        "when a customer leaves a bad rating in Help Scout, create a ClickUp task",
    ],
)
def test_the_events_own_rating_kind_is_the_only_test(text: str) -> None:
    assert _rating_tests(text) == [("equals", "Not Good")]


@pytest.mark.parametrize(
    "text",
    [
        "when someone gives a bad rating in our Typeform survey, email me",
        "有人在Typeform问卷里给了差评就发邮件给我",
    ],
)
def test_an_event_without_rating_kinds_tests_the_number(text: str) -> None:
    assert _rating_tests(text) == [("less_than", 3)]
