"""Bank for the asbuilt round (sentences of our own, written before the fix): workflows whose
shape passes the evaluation's checks but whose nodes do not do what was said.

* a state said for an update ("archive the cards", "mark the tasks as complete", "close the
  ticket", "归档", "标记为完成") sets the operation's field the catalog describes as that
  state (Trello ``closed`` "Archive the card.", Asana ``completed``, a status enum);
* a direct message to a person on a chat app ("DM them", "私信他", "DM me") addresses the
  person (the trigger item's user id, or a ``YOUR_…`` placeholder), never ``#general``;
* a bulk read said with a filter ("unread gmail from x@y.com", "状态为已完成的记录") carries
  the filter into the read operation's own filter fields.

Rows assert on node parameters, through the planner's public entry (``outcome``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.planner.eval_checks import outcome

Params = dict[str, Any]


def step(text: str, app: str, operation: str) -> Params:
    """The parameters of the one ``app`` node running ``operation`` in ``text``'s workflow."""
    wf = outcome(text)["workflow"]
    assert wf is not None, text
    found = [
        n["parameters"]
        for n in wf["nodes"]
        if n["subtype"] == app and n["parameters"].get("operation") == operation
    ]
    assert len(found) == 1, [(n["subtype"], n["parameters"]) for n in wf["nodes"]]
    return dict(found[0])


def is_(key: str, value: Any) -> Callable[[Params], bool]:
    return lambda p: p.get(key) == value


def says(key: str, *words: str) -> Callable[[Params], bool]:
    """``key`` holds each of ``words`` (case-insensitive)."""
    return lambda p: all(w.lower() in str(p.get(key, "")).lower() for w in words)


def person(key: str, value: str) -> Callable[[Params], bool]:
    return lambda p: p.get(key) == value and "#general" not in str(p)


def held(key: str) -> Callable[[Params], bool]:
    """``key`` is a placeholder the user fills (never ``#general``)."""
    return lambda p: str(p.get(key, "")).startswith("YOUR_")


def sender_and_unread(address: str) -> Callable[[Params], bool]:
    """Gmail's read says the sender and unread, as fields or in its query."""

    def ok(p: Params) -> bool:
        q = str(p.get("query", ""))
        sender = p.get("sender") == address or f"from:{address}" in q
        unread = p.get("read_status") == "unread" or "is:unread" in q
        return sender and unread

    return ok


BANK: list[tuple[str, str, str, Callable[[Params], bool]]] = [
    # ---- a state said for an update -----------------------------------------------------------
    (
        "archive all cards in the Trello 'Done' list every Sunday",
        "trello",
        "update",
        is_("closed", True),
    ),
    ("每周日把Trello 'Done' 列表里的卡片全部归档", "trello", "update", is_("closed", True)),
    (
        "Every day archive the Trello cards older than 30 days",
        "trello",
        "update",
        is_("closed", True),
    ),
    (
        "Every Friday mark all Asana tasks in project 1234 as complete",
        "asana",
        "update",
        is_("completed", True),
    ),
    ("每周五把Asana里的任务都标记为已完成", "asana", "update", is_("completed", True)),
    (
        "When a Stripe payment succeeds, mark the Pipedrive activity as done",
        "pipedrive",
        "update",
        is_("done", True),
    ),
    ("当Stripe付款成功时，把Pipedrive里的活动标记为完成", "pipedrive", "update", is_("done", True)),
    (
        "When a Typeform response arrives, close the Zendesk ticket 123",
        "zendesk",
        "update",
        is_("status", "closed"),
    ),
    (
        "每天晚上把Google Tasks里的任务都标记为完成",
        "google_tasks",
        "update",
        is_("status", "completed"),
    ),
    # ---- a direct message to a person -----------------------------------------------------------
    (
        "Whenever someone joins our Slack workspace, DM them the guide link",
        "slack",
        "post",
        person("channel", "{{ $json.user.id }}"),
    ),
    (
        "有新成员加入Slack时，私信他新人指南链接",
        "slack",
        "post",
        person("channel", "{{ $json.user.id }}"),
    ),
    (
        "When someone mentions the bot in Slack, send them a direct message with the FAQ link",
        "slack",
        "post",
        person("channel", "{{ $json.user }}"),
    ),
    (
        "有人在Slack里@机器人时，私信他常见问题链接",
        "slack",
        "post",
        person("channel", "{{ $json.user }}"),
    ),
    ("When a new Typeform response comes in, DM me on Slack", "slack", "post", held("channel")),
    ("有新的Typeform提交时，在Slack上私信我", "slack", "post", held("channel")),
    (
        "Every weekday at 9am DM me on Slack the list of open Jira issues",
        "slack",
        "post",
        held("channel"),
    ),
    ("每个工作日早上9点在Slack上私信我Jira里未解决的问题", "slack", "post", held("channel")),
    # ---- a filter said on a bulk read -----------------------------------------------------------
    (
        "every night mark all unread gmail from x@y.com as read",
        "gmail",
        "getAll",
        sender_and_unread("x@y.com"),
    ),
    (
        "每晚把来自 x@y.com 的未读Gmail邮件标记为已读",
        "gmail",
        "getAll",
        sender_and_unread("x@y.com"),
    ),
    (
        "every hour get all unread emails in Gmail from notifications@github.com and post them "
        "to Slack #dev",
        "gmail",
        "getAll",
        sender_and_unread("notifications@github.com"),
    ),
    (
        "每天早上读取Gmail里来自 boss@acme.com 的未读邮件，发到钉钉",
        "gmail",
        "getAll",
        sender_and_unread("boss@acme.com"),
    ),
    (
        "每天早上获取Airtable里状态为已完成的记录，发邮件给 a@b.com",
        "airtable",
        "search",
        says("formula", "status", "已完成"),
    ),
    (
        "Every morning search Airtable for records whose status is Shipped and email them to "
        "ops@acme.io",
        "airtable",
        "search",
        says("formula", "status", "shipped"),
    ),
    (
        "Every Monday list the Zendesk tickets with status pending and post them to Slack #support",
        "zendesk",
        "getAll",
        is_("status", "pending"),
    ),
    (
        "每周一获取Zendesk里状态为 pending 的工单，发到Slack #support",
        "zendesk",
        "getAll",
        is_("status", "pending"),
    ),
]


@pytest.mark.parametrize(("text", "app", "operation", "ok"), BANK, ids=[r[0][:60] for r in BANK])
def test_asbuilt(text: str, app: str, operation: str, ok: Callable[[Params], bool]) -> None:
    params = step(text, app, operation)
    assert ok(params), params
