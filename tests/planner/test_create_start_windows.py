"""The create path's start and the conditions tied to it, in sentences of our own:

* an app whose trigger fires on any change ("a new card is added to Trello", "Asana任务完成时")
  gets a filter on the kind of change the catalog says the payload names;
* a condition joined to the start ("a new order comes in and it is over $100") guards the
  actions with an IF;
* a time-of-day or weekday window ("only during business hours", "周末不要发") is an IF on
  ``$now`` (or the schedule's own days when the start is a schedule);
* a comparison with the previous run ("when the price drops", "价格下降时") remembers the last
  value in a Code step before the IF.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import graph


@dataclass(frozen=True)
class Want:
    text: str
    trigger: str  # the first node's subtype
    act: str  # the subtype of the action the guard must sit before
    guard: tuple[str, ...] = ()  # words the guarding IF/filter's parameters must all hold
    cron: str | None = None  # the schedule's cron must hold this
    remembers: bool = False  # a Code step keeps the last value before the guard


def upstream(wf: Workflow, node: Node) -> set[str]:
    seen: set[str] = set()
    todo = [node.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                todo.append(c.from_node)
    return seen


def gates(wf: Workflow, act: Node) -> list[Node]:
    ups = upstream(wf, act)
    return [n for n in wf.nodes if n.id in ups and n.subtype in ("if", "filter", "switch")]


def check(w: Want) -> None:
    wf = graph(w.text)
    first = wf.nodes[0]
    assert first.subtype == w.trigger, [(n.subtype, n.parameters) for n in wf.nodes]
    acts = [n for n in wf.nodes if n.subtype == w.act]
    assert acts, [(n.subtype, n.parameters) for n in wf.nodes]
    act = acts[-1]
    if w.cron is not None:
        assert w.cron in str(first.parameters.get("cron", "")), first.parameters
    if w.guard:
        found = [
            g
            for g in gates(wf, act)
            if all(word in json.dumps(g.parameters, ensure_ascii=False) for word in w.guard)
        ]
        assert found, [(n.subtype, n.parameters) for n in wf.nodes]
        if w.remembers:
            code = [
                n
                for n in wf.nodes
                if n.subtype == "code"
                and n.id in upstream(wf, found[0])
                and "getWorkflowStaticData" in str(n.parameters.get("code"))
            ]
            assert code, [(n.subtype, n.parameters) for n in wf.nodes]


KINDS = [
    Want(
        "When a new card is added to Trello, post it to Slack #dev",
        "trello_trigger",
        "slack",
        ("action.type", "createCard"),
    ),
    Want(
        "When a card is moved in Trello, send me a Telegram message",
        "trello_trigger",
        "telegram",
        ("action_move_card_from_list_to_list",),
    ),
    Want(
        "When someone comments on a Trello card, email me",
        "trello_trigger",
        "send_email",
        ("commentCard",),
    ),
    Want("每当Trello有新卡片，发消息到钉钉", "trello_trigger", "dingtalk", ("createCard",)),
    Want(
        "Trello卡片被移动时，通知Slack #ops",
        "trello_trigger",
        "slack",
        ("action_move_card_from_list_to_list",),
    ),
    Want("Trello有新评论时发邮件给我", "trello_trigger", "send_email", ("commentCard",)),
    Want(
        "When a task is completed in Asana, send me an email",
        "asana_trigger",
        "send_email",
        ("change.field", "completed"),
    ),
    Want(
        "When a new task is created in Asana, add a row to Google Sheets",
        "asana_trigger",
        "google_sheets",
        ("action", "added", "task"),
    ),
    Want("Asana任务完成时，在Slack通知我", "asana_trigger", "slack", ("completed",)),
    Want("Asana有新任务时，发邮件给我", "asana_trigger", "send_email", ("added",)),
    Want("当有人在Asana任务上评论时，通知Slack #team", "asana_trigger", "slack", ("story",)),
    Want(
        "When a Linear issue is created, post to Discord",
        "linear_trigger",
        "discord",
        ("action", "create"),
    ),
    Want("Linear有新问题时，发到钉钉", "linear_trigger", "dingtalk", ("create",)),
]

JOINED = [
    Want(
        "When a new Shopify order comes in and it is over $100, post to Slack #sales",
        "shopify_trigger",
        "slack",
        ("greater_than", "100"),
    ),
    Want(
        "When a Zendesk ticket is created and its priority is urgent, text me on Twilio",
        "zendesk_trigger",
        "twilio",
        ("priority", "urgent"),
    ),
    Want(
        "每当Shopify有新订单并且金额超过1000时，发邮件给我",
        "shopify_trigger",
        "send_email",
        ("greater_than", "1000"),
    ),
    Want(
        "当Typeform表单提交且答案是是的时候，添加到Google Sheets",
        "typeform_trigger",
        "google_sheets",
        ("equals", "是"),
    ),
    Want(
        "When a HubSpot deal is created and the amount is above 5000, notify #sales on Slack",
        "hubspot_trigger",
        "slack",
        ("amount", "5000"),
    ),
    Want(
        "当Jira有新问题并且优先级是最高时，发钉钉消息",
        "jira_trigger",
        "dingtalk",
        ("priority", "最高"),
    ),
    Want(
        "每当收到Stripe付款且金额大于500时，在Slack #finance通知",
        "stripe_trigger",
        "slack",
        ("greater_than", "500"),
    ),
    Want(
        "When a Typeform is submitted and the score is greater than 8, add the contact to HubSpot",
        "typeform_trigger",
        "hubspot",
        ("score", "8"),
    ),
]

WINDOWS = [
    Want(
        "When a new Slack message arrives, only during business hours (9am-5pm), forward it "
        "to Telegram",
        "slack_trigger",
        "telegram",
        ("$now.hour", "17"),
    ),
    Want(
        "When a Gmail email arrives outside working hours, forward it to Telegram",
        "gmail_trigger",
        "telegram",
        ("$now.hour",),
    ),
    Want("每当收到新邮件，只在工作日转发到钉钉", "email_trigger", "dingtalk", ("$now.weekday",)),
    Want("每天早上9点发送日报到Slack，周末不要发", "schedule_trigger", "slack", cron="1-5"),
    Want(
        "When a new Typeform response comes in, only on weekdays, add it to Google Sheets",
        "typeform_trigger",
        "google_sheets",
        ("$now.weekday",),
    ),
    Want(
        "新的Shopify订单到来时，只在上班时间（9点到18点）发短信通知我",
        "shopify_trigger",
        "twilio",
        ("$now.hour", "18"),
    ),
    Want(
        "Zendesk有新工单时，非工作时间发Telegram提醒我",
        "zendesk_trigger",
        "telegram",
        ("$now.hour",),
    ),
    Want(
        "When a Stripe payment succeeds on a weekend, email me",
        "stripe_trigger",
        "send_email",
        ("$now.weekday",),
    ),
    Want("周末收到新的Slack消息时，转发到钉钉", "slack_trigger", "dingtalk", ("$now.weekday",)),
    Want(
        "Every morning at 8am post the weather from https://example.com/api to Slack, but not "
        "on weekends",
        "schedule_trigger",
        "slack",
        cron="1-5",
    ),
    Want(
        "每天下午5点把Google Sheets的新行发到Slack，只在工作日",
        "schedule_trigger",
        "slack",
        cron="1-5",
    ),
    Want(
        "收到新的HubSpot联系人时，只在工作时间发邮件给销售",
        "hubspot_trigger",
        "send_email",
        ("$now.hour",),
    ),
]

PREVIOUS = [
    Want(
        "Every hour check the price on https://example.com/api/price and when the price drops, "
        "email me",
        "schedule_trigger",
        "send_email",
        ("price", "previous"),
        remembers=True,
    ),
    Want(
        "Every 30 minutes count the rows in Google Sheets and if the count changed since the "
        "last check, post to Slack",
        "schedule_trigger",
        "slack",
        ("previous",),
        remembers=True,
    ),
    Want(
        "每小时检查一下 https://example.com/api/price 的价格，价格下降时发邮件给我",
        "schedule_trigger",
        "send_email",
        ("price", "previous"),
        remembers=True,
    ),
    Want(
        "每天检查 https://example.com/stock.json 的库存数量，如果和上次不一样就发钉钉消息",
        "schedule_trigger",
        "dingtalk",
        ("previous",),
        remembers=True,
    ),
    Want(
        "Check https://example.com/api/rate every 15 minutes and notify me on Telegram when the "
        "rate goes up",
        "schedule_trigger",
        "telegram",
        ("rate", "previous"),
        remembers=True,
    ),
    Want(
        "每30分钟读取一次Airtable的记录，数量比上次多时在Slack通知",
        "schedule_trigger",
        "slack",
        ("previous",),
        remembers=True,
    ),
    Want(
        "每小时查询一次汇率 https://example.com/fx ，汇率上涨时发邮件",
        "schedule_trigger",
        "send_email",
        ("previous",),
        remembers=True,
    ),
    Want(
        "Every day read the follower count from https://example.com/stats and if it changed "
        "since yesterday post it to Slack",
        "schedule_trigger",
        "slack",
        ("previous",),
        remembers=True,
    ),
    Want(
        "每小时看一下 https://example.com/queue 的数量，比上次少的时候发Telegram给我",
        "schedule_trigger",
        "telegram",
        ("previous",),
        remembers=True,
    ),
]

BANK = KINDS + JOINED + WINDOWS + PREVIOUS


@pytest.mark.parametrize("want", BANK, ids=[w.text[:40] for w in BANK])
def test_start_and_its_conditions(want: Want) -> None:
    check(want)
