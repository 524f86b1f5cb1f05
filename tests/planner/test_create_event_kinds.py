"""The create path's start: the kind of change a request says ("fails", "is cancelled",
"is refunded", "is assigned", "gets a comment") picks the app's event of that kind over
one a bare "new" or a partial name fits; and a chain written with arrows ("new Sentry
error -> create a Linear issue") starts with its first link.

Sentences of our own, over several apps; the rules read only catalog words.
"""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import CoreStep, Frame, ServiceStep, walk
from tests.planner.frames import APPS, frame


def step_apps(f: Frame) -> list[str]:
    """The apps of the frame's service steps, in order ("core" for a core service)."""
    out: list[str] = []
    for s in walk(f.steps):
        if isinstance(s, ServiceStep):
            out.append(s.app)
        elif isinstance(s, CoreStep):
            out.append("core")
    return out


KINDS = [
    ("When a new Stripe payment fails, post it to Slack #billing", "stripe", "payment_failed"),
    ("Stripe 付款失败时，发邮件给我", "stripe", "payment_failed"),
    ("When a Calendly booking is cancelled, email me", "calendly", "invitee_canceled"),
    ("Calendly 上的预约被取消时，发 Telegram 通知我", "calendly", "invitee_canceled"),
    ("When a Jira issue is assigned, send me a Telegram message", "jira", "issue_updated"),
    ("Jira 问题被分配时，在 Slack 通知我", "jira", "issue_updated"),
    ("When someone comments on a GitHub issue, post it to Discord", "github", "issue_comment"),
    ("GitHub issue 有新评论时，发到钉钉", "github", "issue_comment"),
    ("When a Jira issue gets a comment, post to Slack", "jira", "comment_created"),
    # no refund event: a refund changes the order
    ("When a WooCommerce order is refunded, email the customer", "woocommerce", "order_updated"),
]


@pytest.mark.parametrize(("text", "app", "event"), KINDS)
def test_the_change_said_picks_the_event_of_that_kind(text: str, app: str, event: str) -> None:
    if app not in APPS:
        pytest.skip(f"catalog lacks {app}")
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app, f.trigger.event) == ("app_event", app, event)


def test_a_new_item_without_a_change_stays_a_created_event() -> None:
    f = frame("When a new Stripe payment comes in, post it to Slack #billing")
    assert f.trigger.event == "payment_succeeded"
    f = frame("When a Calendly meeting is booked, add the invitee to HubSpot")
    assert f.trigger.event == "invitee_created"


ARROWS = [
    ("new HubSpot deal -> post to Slack #sales", "app_event", "hubspot", ["slack"]),
    ("Shopify 新订单 → 发到钉钉", "app_event", "shopify", ["dingtalk"]),
    ("new Sentry error -> create Linear issue", "webhook", "sentry_io", ["linear"]),
    (
        "a new Stripe payment => add a row to Google Sheets => email me",
        "app_event",
        "stripe",
        ["google_sheets", "core"],
    ),
    ("Typeform 提交 → 用 OpenAI 总结 → 存到 Notion", "app_event", "typeform", ["openai", "notion"]),
]


@pytest.mark.parametrize(("text", "kind", "app", "steps"), ARROWS)
def test_an_arrow_chain_starts_with_its_first_link(
    text: str, kind: str, app: str, steps: list[str]
) -> None:
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app) == (kind, app)
    assert step_apps(f) == steps


def test_an_arrow_chain_whose_first_link_is_a_step_keeps_every_link_as_a_step() -> None:
    f = frame("every monday 9am -> list Jira issues -> email me")
    assert f.trigger.kind == "schedule"
    assert step_apps(f) == ["jira", "core"]
    f = frame("fetch https://example.com/api -> post to Discord")
    assert f.trigger.kind == "manual"
    assert step_apps(f)[-1] == "discord"


DOTTED = [
    ("When a Monday.com item is created, create a Trello card", "monday_com", ["trello"]),
    ("When a new item is added to monday.com, create a Trello card", "monday_com", ["trello"]),
    ("当 monday.com 新建项目时，在 Slack 通知我", "monday_com", ["slack"]),
    ("Whenever a Rocket.Chat message mentions me, add a Todoist task", "rocketchat", ["todoist"]),
    ("Rocket.Chat 消息提到我时，在 Todoist 加任务", "rocketchat", ["todoist"]),
]


@pytest.mark.parametrize(("text", "app", "steps"), DOTTED)
def test_a_service_name_with_a_dot_starts_the_when_clause(
    text: str, app: str, steps: list[str]
) -> None:
    f = frame(text)
    assert f.trigger.app == app and f.trigger.kind in ("app_event", "webhook")
    assert step_apps(f) == steps
    assert app not in step_apps(f)  # the start is not also a write to it


PLUS = [
    ("When a Typeform is submitted, add a row to Airtable + post to Slack", ["airtable", "slack"]),
    ("新 Shopify 订单 → 写入 Google Sheets + 发钉钉通知", ["google_sheets", "dingtalk"]),
    ("Every day at 9 get Jira issues + email me", ["jira", "core"]),
    ("shopify order cancelled -> refund in Stripe + email the customer", ["stripe", "core"]),
]


@pytest.mark.parametrize(("text", "steps"), PLUS)
def test_a_plus_between_steps_joins_them_like_and(text: str, steps: list[str]) -> None:
    assert step_apps(frame(text)) == steps
