"""The create path's triggers: app events named in "when" and "if" clauses and in noun
phrases ("every new message in our #x Slack channel"), the event an unnamed change picks,
services the catalog has no events for, and what a trigger clause says of its item.

Sentences of our own; the rules are general (catalog words only).
"""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import ServiceStep, walk
from tests.planner.frames import first_branch, frame
from tests.planner.frames import needs as _needs


def test_if_clause_naming_a_new_app_item_is_the_trigger_and_its_qualifier_the_condition() -> None:
    _needs("github", "discord")
    f = frame(
        "If a new GitHub issue is opened with label Security, alert the team on Discord; "
        "otherwise do nothing"
    )
    assert (f.trigger.kind, f.trigger.app) == ("app_event", "github")
    cond = first_branch(f).cases[0].condition
    assert cond is not None and (cond.field, cond.value) == ("label", "Security")


def test_a_field_of_the_new_item_stays_as_the_condition_subject() -> None:
    _needs("hubspot", "slack")
    f = frame("If the amount of a new HubSpot deal is over 5000, post it to Slack #sales")
    assert f.trigger.app == "hubspot" and f.trigger.event == "deal_created"
    cond = first_branch(f).cases[0].condition
    assert cond is not None and (cond.field, cond.op, cond.value) == ("amount", "gt", 5000)


def test_when_clause_qualifier_guards_the_actions() -> None:
    _needs("zendesk", "telegram")
    f = frame("When a Zendesk ticket is created with priority 2, message me on Telegram")
    assert f.trigger.app == "zendesk"
    branch = first_branch(f)
    cond = branch.cases[0].condition
    assert cond is not None and cond.field == "priority"
    assert any(isinstance(s, ServiceStep) and s.app == "telegram" for s in branch.cases[0].steps)


def test_a_change_picks_the_update_event_of_the_named_resource() -> None:
    _needs("salesforce", "slack")
    f = frame("Whenever an opportunity in Salesforce moves to Negotiation, tell Slack #deals")
    assert f.trigger.event == "opportunity_updated"
    cond = first_branch(f).cases[0].condition
    assert cond is not None and cond.value == "Negotiation"


def test_new_item_held_in_a_named_channel_is_an_event() -> None:
    _needs("slack", "notion")
    f = frame("Save every new message in our #ideas Slack channel to a Notion page")
    assert (f.trigger.app, f.trigger.event) == ("slack", "new_message")
    apps = {s.app for s in walk(f.steps) if isinstance(s, ServiceStep)}
    assert "notion" in apps


def test_adding_new_items_to_an_app_is_no_event() -> None:
    _needs("hubspot", "google_sheets")
    f = frame("Add new leads in our HubSpot from the Google Sheet 'Leads'")
    assert f.trigger.kind != "app_event"


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("When a Freshdesk ticket is created, post it to Slack", "freshdesk"),
        ("If an uploaded Dropbox file is larger than 10 MB, email me", "dropbox"),
    ],
)
def test_a_service_without_events_sends_them_to_a_webhook(text: str, app: str) -> None:
    _needs(app)
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app) == ("webhook", app)


def test_a_data_store_without_events_is_polled() -> None:
    _needs("mysql", "slack")
    f = frame("When a new row is added to our MySQL 'signups' table, post it to Slack")
    assert f.trigger.kind == "schedule" and f.trigger.params.get("assumed")
    reads = [s for s in walk(f.steps) if isinstance(s, ServiceStep) and s.app == "mysql"]
    assert reads


def test_a_when_clause_without_a_comma_ends_at_its_action() -> None:
    _needs("gitlab", "discord")
    f = frame("when a new release is published in GitLab post it to Discord")
    assert (f.trigger.app, f.trigger.event) == ("gitlab", "release")
    assert any(isinstance(s, ServiceStep) and s.app == "discord" for s in walk(f.steps))


def test_an_incoming_item_of_a_named_resource_picks_its_event() -> None:
    _needs("telegram")
    f = frame("Translate each incoming Telegram message to Spanish and reply with it")
    assert (f.trigger.app, f.trigger.event) == ("telegram", "message")
    replies = [s for s in walk(f.steps) if isinstance(s, ServiceStep) and s.app == "telegram"]
    assert replies and replies[0].operation != "getAll"


def test_moved_to_a_list_keeps_only_the_list_name() -> None:
    _needs("trello", "slack")
    f = frame("Whenever a card is moved to Shipped in Trello, post a message to Slack")
    cond = first_branch(f).cases[0].condition
    assert cond is not None and cond.value == "Shipped"


def test_a_chinese_if_clause_keeps_its_condition_after_the_event() -> None:
    _needs("shopify", "dingtalk", "google_sheets")
    f = frame("如果新的Shopify订单金额超过500元，就发钉钉通知，否则写入Google表格")
    assert (f.trigger.app, f.trigger.event) == ("shopify", "order_created")
    branch = first_branch(f)
    cond = branch.cases[0].condition
    assert cond is not None and (cond.field, cond.op, cond.value) == ("amount", "gt", 500)
    assert branch.cases[-1].condition is None and branch.cases[-1].steps


def test_for_every_new_item_is_no_loop() -> None:
    _needs("github", "discord")
    f = frame("For every new GitHub release, post the changelog to Discord")
    assert f.trigger.app == "github"
    assert not any(type(s).__name__ == "Loop" for s in walk(f.steps))


def test_a_leading_new_item_phrase_keeps_its_qualifier() -> None:
    _needs("shopify", "slack")
    f = frame("New Shopify orders over 300 dollars should be posted to Slack #vip")
    assert f.trigger.app == "shopify"
    cond = first_branch(f).cases[0].condition
    assert cond is not None and (cond.op, cond.value) == ("gt", 300)


@pytest.mark.parametrize(
    "text",
    [
        "When a message mentioning 'refund' is posted in our Slack #help channel, create a ticket in Zendesk",
        "当有人在Discord服务器发消息提到'发票'时，在Linear里创建问题",
    ],
)
def test_a_mention_in_the_trigger_clause_is_a_condition(text: str) -> None:
    _needs("slack", "zendesk", "discord", "linear")
    f = frame(text)
    assert f.trigger.kind in ("app_event", "webhook")
    cond = first_branch(f).cases[0].condition
    assert cond is not None and cond.op == "contains"


def test_someone_messaging_a_chat_app_without_events_comes_by_webhook() -> None:
    _needs("wecom")
    f = frame("每当企业微信群里有人@机器人时，用AI回复")
    assert (f.trigger.kind, f.trigger.app) == ("webhook", "wecom")
    assert any(isinstance(s, ServiceStep) and s.app == "wecom" for s in walk(f.steps))


def test_new_content_of_an_app_without_events_is_read_from_its_feed() -> None:
    _needs("medium", "slack")
    f = frame("When a new story is published on our Medium blog, share it in Slack #marketing")
    assert (f.trigger.kind, f.trigger.app) == ("rss", "medium")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("Create a new Jira issue for each new Zendesk ticket", "zendesk"),
        ("Open a new Linear issue for every new GitHub issue", "github"),
    ],
)
def test_a_new_item_a_step_creates_is_no_event(text: str, app: str) -> None:
    _needs("jira", "zendesk", "linear", "github")
    f = frame(text)
    assert f.trigger.app == app
