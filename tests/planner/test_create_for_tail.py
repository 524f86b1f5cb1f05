"""The items an action is for, said after it ("… for any ticket with more than 5 replies"),
and a weekday said as a plural opening the request ("Fridays at 3pm, …"): sentences of our
own, with the frame's structure asserted."""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import Branch, CoreStep, Loop, ServiceStep, walk
from flowsmith.planner.parse import parse_request


@pytest.mark.parametrize(
    ("text", "field", "op", "value", "app"),
    [
        (
            "Every hour get the open Zendesk tickets and create a Jira issue for any ticket "
            "with more than 5 replies",
            "replies",
            "gt",
            5,
            "jira",
        ),
        (
            "Every morning read the HubSpot deals and send a Slack message for every deal "
            "worth over 10000",
            "value",
            "gt",
            10000,
            "slack",
        ),
        (
            "Each day check Airtable and email me about each record whose status is overdue",
            "status",
            "eq",
            "overdue",
            None,
        ),
        (
            "Every Monday pull the Pipedrive deals and open a Trello card for each deal older "
            "than 30 days",
            None,
            None,
            None,
            "trello",
        ),
    ],
)
def test_a_qualifier_after_the_action_guards_it(
    text: str, field: str | None, op: str | None, value: object, app: str | None
) -> None:
    """Regression: the qualifier was dropped (the action ran for every item) or read as a
    loop over every item."""
    frame = parse_request(text)
    assert frame is not None and frame.trigger.kind == "schedule"
    assert isinstance(frame.steps[0], ServiceStep)  # the read comes first
    branches = [s for s in walk(frame.steps) if isinstance(s, Branch)]
    assert len(branches) == 1 and not any(isinstance(s, Loop) for s in walk(frame.steps))
    case = branches[0].cases[0]
    assert case.condition is not None
    if field is not None:
        assert (case.condition.field, case.condition.op, case.condition.value) == (
            field,
            op,
            value,
        )
    action = case.steps[0]
    if app is None:
        assert isinstance(action, CoreStep) and action.subtype == "send_email"
    else:
        assert isinstance(action, ServiceStep) and action.app == app


def test_for_every_item_without_a_qualifier_is_not_a_condition() -> None:
    frame = parse_request(
        "Every day get the Airtable records and send a Slack message for each one"
    )
    assert frame is not None
    assert not any(isinstance(s, Branch) for s in walk(frame.steps))


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("Fridays at 3pm post a reminder in Slack", "0 15 * * 5"),
        ("Mondays at 8am, post the Jira sprint summary to Slack", "0 8 * * 1"),
        ("Send the Mondays report to Slack every day", "0 9 * * *"),
    ],
)
def test_a_plural_weekday_opening_the_request_is_weekly(text: str, cron: str) -> None:
    frame = parse_request(text)
    assert frame is not None and frame.trigger.params.get("cron") == cron


@pytest.mark.parametrize(
    ("text", "app", "operation"),
    [
        (
            "at 6pm on weekdays fetch the pull requests merged today in our Bitbucket repo and "
            "post a changelog to Discord",
            "bitbucket",
            "getAll",
        ),
        ("Every day get the closed Jira issues and email them to me", "jira", "getAll"),
        ("每周五从Todoist取出本周完成的任务，发到Slack", "todoist", "getAll"),
        ("每周一早上从GitLab拉取上周关闭的issue，发到飞书群", "gitlab", "get"),
    ],
)
def test_a_state_said_of_the_items_a_read_wants_is_no_operation(
    text: str, app: str, operation: str
) -> None:
    """Regression: "merged", "closed", "完成的" named the merge/close operation, so the
    workflow merged or closed things instead of reading them."""
    frame = parse_request(text)
    assert frame is not None
    first = frame.steps[0]
    assert isinstance(first, ServiceStep)
    assert (first.app, first.operation) == (app, operation)


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        ("每天在Todoist完成任务", "close"),
        ("Every evening close the done tasks in Todoist", "close"),
    ],
)
def test_the_same_word_as_the_verb_is_still_the_operation(text: str, operation: str) -> None:
    frame = parse_request(text)
    assert frame is not None
    first = frame.steps[0]
    assert isinstance(first, ServiceStep) and first.operation == operation


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("If a Stripe payment fails, post the customer's email to Slack", "stripe"),
        ("If someone stars my GitHub repo, thank them on Discord", "github"),
        ("If a Jira issue is marked as Blocker, page the on-call engineer in PagerDuty", "jira"),
        ("In case a Stripe payment fails, open a ticket in Zendesk", "stripe"),
        ("If a GitHub issue is closed, post it to Slack", "github"),
    ],
)
def test_a_request_opening_with_if_and_an_app_event_starts_on_it(text: str, app: str) -> None:
    """Regression: "If <event>, …" started by hand, and a create session answered "there is
    no workflow to change yet" when its action was a delete or a removal."""
    frame = parse_request(text)
    assert frame is not None
    assert (frame.trigger.kind, frame.trigger.app) == ("app_event", app)


def test_a_state_after_a_leading_if_stays_a_condition() -> None:
    frame = parse_request("If the HubSpot deal amount is over 1000, post it to Slack")
    assert frame is not None and frame.trigger.kind != "app_event"
    assert any(isinstance(s, Branch) for s in walk(frame.steps))


def test_a_leading_if_event_with_a_delete_builds_a_workflow() -> None:
    from flowsmith.planner.offline import decide

    decision = decide(
        "If a Cal.com booking is cancelled, remove the matching event from Google Calendar",
        [],
        None,
    )
    assert decision.kind == "generate"


def test_a_chinese_verb_opening_the_text_is_no_state() -> None:
    """Regression: a verb at the very start counted as "after 已/被" (an empty string is in
    every string), so "完成Todoist里的任务" read as finished tasks."""
    from flowsmith.planner.op_choice import said_as_state

    assert not said_as_state("complete", "完成todoist里的任务")
    assert said_as_state("complete", "取出已完成的任务")
