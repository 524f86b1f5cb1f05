"""Bank for the filters14 round (sentences of our own, written before the fix): a qualifier on
what is read or on the trigger's item, and counts and totals.

Constructions: a relative clause or participle on a read noun ("the Jira issues that are
marked blocked", "issues labelled 'regression'", "状态是已阻塞的", "带'bug'标签的"); an age
said of the rows a change acts on ("records that are older than 30 days", "超过30天的记录");
a trigger item said without a field ("added without a project", "没有电话号码的联系人"), said
to start with a word ("starts with '!ticket'", "以 #bug 开头的消息", "/help 开头的消息") or
assigned to the user ("assigned to me", "分配给我"); a count or a total of the read items
("count how many", "统计…数", "按地区汇总销售额"); items already saved skipped.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, order, svc

AGG: Check = {"any": [{"core": "aggregate"}, {"core": "code"}]}
ONCE: Check = {"any": [{"core": "remove_duplicates"}, {"condition_node": True}]}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook"], "verb": "create"},
    ]
}


def cond(*words: str) -> Check:
    """A condition node (IF, Switch or Filter) whose parameters say one of ``words``."""
    return {"condition_node": True, "text": list(words)}


def kept(words: list[str], read: Check, dst: Check) -> list[Check]:
    """A condition saying one of ``words`` after ``read`` and before ``dst``."""
    c = cond(*words)
    return [c, order(read, c), order(c, dst)]


def on_trigger(dst: Check, *words: str) -> Check:
    """``dst`` guarded by a condition on one of ``words``, or the trigger itself says one."""
    return {
        "any": [
            {"guarded": dst, "by_field": list(words)},
            {"trigger_node": True, "text": list(words)},
        ]
    }


BANK: list[tuple[str, list[Check]]] = [
    # ---- a qualifier on a read noun -----------------------------------------------------------
    (
        "Every morning fetch the Jira issues that are marked blocked and post them to Slack #eng",
        kept(["blocked"], svc("jira", "read"), svc("slack", "create")),
    ),
    (
        "Each Monday pull the GitHub issues in acme/app labelled 'regression' and email them "
        "to qa@acme.io",
        kept(["regression"], svc("github", "read"), MAIL),
    ),
    (
        "every hour get the Asana tasks, keep only the ones tagged 'urgent', then send them to "
        "Telegram",
        kept(["urgent"], svc("asana", "read"), svc("telegram", "create")),
    ),
    (
        "Every evening grab the Trello cards on my 'Sprint' board that are marked as done and "
        "post them to Discord",
        kept(["done"], svc("trello", "read"), svc("discord", "create")),
    ),
    (
        "每天早上拉取Jira里状态是已阻塞的问题，发到钉钉群",
        kept(["已阻塞"], svc("jira", "read"), svc("dingtalk", "create")),
    ),
    (
        "每周一把GitHub acme/web 仓库里带'bug'标签的issue 发到飞书群",
        kept(["bug"], svc("github", "read"), svc(["lark", "feishu"], "create")),
    ),
    (
        "每天下午从Airtable读取订单，只保留标记为已付款的，同步到Google表格",
        kept(["已付款"], svc("airtable", "read"), svc("google_sheets", "create")),
    ),
    # ---- an age said of the rows a change acts on --------------------------------------------
    (
        "every Friday night delete the Airtable records that are older than 30 days",
        [
            {
                "any": [
                    cond("30"),
                    svc("airtable", "delete", "30"),
                ]
            },
            svc("airtable", "delete"),
        ],
    ),
    (
        "每天晚上把Google表格'日志'里超过30天的行删掉",
        [
            {"any": [cond("30"), svc("google_sheets", "delete", "30")]},
            svc("google_sheets", "delete"),
        ],
    ),
    # ---- a trigger item said without a field ---------------------------------------------------
    (
        "When a new Toggl time entry is added without a project, message me on Slack",
        [on_trigger(svc("slack", "create"), "project")],
    ),
    (
        "When a HubSpot contact is created without a phone number, create a task in Asana",
        [on_trigger(svc("asana", "create"), "phone")],
    ),
    (
        "HubSpot新建了没有电话号码的联系人时，在Slack里提醒销售",
        [on_trigger(svc("slack", "create"), "phone", "电话")],
    ),
    # ---- a trigger message that starts with a word ----------------------------------------------
    (
        "Whenever a Discord message starts with '!ticket', create a Zendesk ticket",
        [on_trigger(svc("zendesk", "create"), "!ticket")],
    ),
    (
        "有人在Slack频道发了以 #bug 开头的消息时，在Linear里建一个issue",
        [on_trigger(svc("linear", "create"), "#bug")],
    ),
    (
        "Telegram机器人收到 /note 开头的消息，就把内容存到Google表格里",
        [on_trigger(svc("google_sheets", "create"), "/note")],
    ),
    # ---- a trigger item assigned to the user ---------------------------------------------------
    (
        "When an Asana task is assigned to me, send me a Pushover notification",
        [on_trigger(svc("pushover", "create"), "assign", "member")],
    ),
    (
        "Trello里有卡片分配给我时，用钉钉提醒我",
        [on_trigger(svc("dingtalk", "create"), "assign", "member")],
    ),
    # ---- counts and totals --------------------------------------------------------------------
    (
        "Every evening count how many Stripe charges failed today and post the number to Slack",
        [AGG, order(AGG, svc("slack", "create"))],
    ),
    (
        "Each week total the HubSpot deal amounts per owner and email the totals to sales@acme.io",
        [AGG, order(svc("hubspot", "read"), AGG), order(AGG, MAIL)],
    ),
    (
        "每天晚上统计一下Shopify今天的订单数，发到企业微信群",
        [AGG, order(svc("shopify", "read"), AGG), order(AGG, svc(["wecom", "wechat_work"]))],
    ),
    (
        "每周五把Trello看板上本周完成的卡片数统计一下，发到Slack #team",
        [AGG, order(svc("trello", "read"), AGG), order(AGG, svc("slack", "create"))],
    ),
    (
        "每月1号从MySQL读取上个月的销售记录，按地区汇总销售额，发邮件给 cfo@acme.cn",
        [AGG, order(svc("mysql", "read"), AGG), order(AGG, MAIL)],
    ),
    (
        "每周五从 https://api.shop.example/sales 拉取本周销售数据，按门店汇总销售额，发邮件给 "
        "md@acme.cn",
        [
            {"core": "http_request", "text": "api.shop.example"},
            order({"core": "http_request"}, AGG),
            order(AGG, MAIL),
            {"core": "aggregate", "text": "销售额"},
        ],
    ),
    # ---- items already saved are skipped ------------------------------------------------------
    (
        "every 15 minutes search Gmail for emails from billing@vendor.com and save them to "
        "Airtable, skipping the ones already saved",
        [ONCE, order(ONCE, svc("airtable", "create"))],
    ),
    (
        "每小时从RSS https://blog.example.cn/feed 读取文章存到Notion，已经存过的跳过",
        [ONCE, order(ONCE, svc("notion", "create"))],
    ),
]

_OPEN: dict[str, str] = {
    "Whenever a Discord message starts with": "the trigger phrase ends at the quote before '!'",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_filters14_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
