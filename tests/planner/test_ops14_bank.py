"""Bank for the ops14 round (sentences of our own, written before the fix): a named service
whose operation node was missing or of the wrong verb.

Constructions: a bulk act on the items of a container ("grab all X in Y and archive them",
"把Y里的X全部归档", "把表里…的记录都删掉"): read them, then act on each; an act on "them"
after a read of an app ("…, and delete them"); an app's operation said by its own word in
either language ("archive"/"归档" a card, "mark as read"/"标为已读" mail, "DM"/"私信" a
person); "同步到X" / "记一笔" / "在X建卡片" write to X; an item re-read after a wait when
"still" asks whether it changed; a service the catalog lacks named with its own verb ("toot
it on Mastodon") is an HTTP Request named for it.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, order, svc

ACT = ["update", "delete"]


def read_then(app: str, verb: str | list[str] = ACT) -> list[Check]:
    """A read of ``app`` and, after it, the act on what was read."""
    act: Check = {"service": app, "verb": verb}
    return [svc(app, "read"), act, order(svc(app, "read"), act)]


def http(word: str) -> Check:
    return {"core": "http_request", "text": word}


BANK: list[tuple[str, list[Check]]] = [
    # ---- bulk: read the container's items, then act on them -----------------------------------
    (
        "Every Monday at 7am find all cards in the 'Archive me' list on Trello and archive them",
        read_then("trello"),
    ),
    (
        "每周一早上8点，把Trello上'待清理'列表里的卡片全部归档",
        read_then("trello"),
    ),
    (
        "Every evening pull all records from my Airtable 'Leads' table whose status is lost and "
        "delete them",
        read_then("airtable", "delete"),
    ),
    (
        "每天凌晨2点，把Airtable'订单'表里状态为已取消的记录都删掉",
        read_then("airtable", "delete"),
    ),
    (
        "每晚11点，把Notion'任务'数据库里已完成的页面全部归档",
        read_then("notion"),
    ),
    (
        "every friday get all pages in my notion 'Drafts' database and archive them",
        read_then("notion"),
    ),
    (
        "每天晚上把Gmail里来自billing@x.com的未读邮件全部标为已读",
        read_then("gmail", "update"),
    ),
    (
        "every morning at 6 mark all unread gmail from alerts@datadog.com as read",
        [svc("gmail", "update")],
    ),
    (
        "每小时清理一下Google表格'临时'表里的所有行",
        [svc("google_sheets", "delete")],
    ),
    # ---- an app's operation said by its own word -----------------------------------------------
    (
        "When a new HubSpot contact is created, DM them on Slack with our welcome doc",
        [svc("slack", "create")],
    ),
    (
        "When someone joins our Slack workspace, DM them the handbook link",
        [svc("slack", "create")],
    ),
    (
        "有新员工加入Slack工作区时，私信他入职手册的链接",
        [svc("slack", "create")],
    ),
    (
        "有人提交Typeform问卷，就同步到Airtable，然后发邮件给我",
        [svc("airtable", "create"), {"absent": {"service": "airtable", "verb": "read"}}],
    ),
    (
        "Jotform有新提交时，同步到Notion数据库，再发到飞书群",
        [svc("notion", "create")],
    ),
    (
        "Asana有新任务时，用AI拆成子任务，逐条在Trello建卡片",
        [svc("trello", "create"), order({"ai": "any"}, svc("trello", "create"))],
    ),
    (
        "Stripe有新的退款时，在Airtable里记一笔",
        [svc("airtable", "create")],
    ),
    (
        "每周一汇总上周的Stripe收入，结果写一份到Coda的'财务'表里",
        [svc("coda", "create")],
    ),
    (
        "Pipedrive里成交的交易，用lemlist把联系人加到'客户回访'活动里",
        [svc("lemlist", "create")],
    ),
    (
        "webhook收到新的报名数据，就同步到Airtable，再发Slack通知",
        [svc("airtable", "create"), {"absent": {"service": "airtable", "verb": "read"}}],
    ),
    (
        "When a new Gmail email arrives, if it mentions a refund it should become a Freshdesk "
        "ticket",
        [svc("freshdesk", "create")],
    ),
    (
        "When a Typeform is submitted, add an event to my Google Calender for the date they chose",
        [svc("google_calendar", "create")],
    ),
    # ---- a re-read after a wait ----------------------------------------------------------------
    (
        "When a Zendesk ticket is created, wait 30 minutes, and if it's still unassigned post "
        "it in Slack #triage",
        [
            svc("zendesk", "read"),
            order({"core": "wait"}, svc("zendesk", "read")),
            order(svc("zendesk", "read"), svc("slack", "create")),
        ],
    ),
    (
        "Jira新建issue后等2小时，如果还是没人处理，就发邮件给 lead@acme.com",
        [svc("jira", "read"), order({"core": "wait"}, svc("jira", "read"))],
    ),
    # ---- a service the catalog lacks, said with its own verb -----------------------------------
    (
        "When I publish a new WordPress post, toot it on my Mastodon account",
        [http("mastodon")],
    ),
    (
        "新用户注册的webhook进来时，先用Hunter.io的邮箱验证API检查邮箱，再存进Postgres",
        [http("hunter"), order(http("hunter"), svc("postgres"))],
    ),
    (
        "每30分钟检查一下 https://api.example.cn/stock 库存接口，库存低于5件的商品就在Slack提醒我",
        [http("api.example.cn/stock"), order(http("api.example.cn/stock"), svc("slack"))],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_ops14_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
