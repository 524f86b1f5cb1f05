"""Bank for the fix2-steps round (sentences of our own, written before the fix).

Constructions: a bare ask for "notifications"/"alerts" for a team, with only words of setting
something up ("set up some notifications for the team", "给团队设置一些通知"), gets a question;
a bot named as a heading and then pointed at ("Slack bot: when someone messages it a ticket
id, …") starts on that app's message, and a lookup then reply stays a plain read then send (no
chat agent); a value written back to the run's own item ("write the invoice number back to the
deal", "把发票号写回这个deal") updates the trigger's app, not the app of the thing just made;
a review asked of someone whose outcome is said ("发邮件给X审核；审核通过以后…") is an approval, and
"set its status to X"/"把状态改成X" with no app named updates the run's own item.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, asks, failures, order, svc

NOQ: Check = {"no_question": True}
APPROVAL: Check = {"approval": True}
NO_AGENT: Check = {"absent": {"core": "ai_agent"}}
NOTICE_Q = asks("notif", "通知", "提醒", "what", "which", "where", "when", "什么", "哪")


def _on(app: str) -> Check:
    return {"trigger": "app_event", "app": app}


BANK: list[tuple[str, list[Check]]] = [
    # ---- a bare ask for team notifications --------------------------------------------------
    ("set up some notifications for the team", [NOTICE_Q]),
    ("can you build notifications for our team?", [NOTICE_Q]),
    ("I need something for team notifications", [NOTICE_Q]),
    ("make some alerts for us", [NOTICE_Q]),
    ("给团队设置一些通知", [NOTICE_Q]),
    ("帮我们搞点团队通知吧", [NOTICE_Q]),
    ("弄一些通知给大家", [NOTICE_Q]),
    (
        "set up notifications for new Stripe payments in our team Slack channel",
        [NOQ, svc("slack", "create")],
    ),
    # ---- a bot heading, then "it" ------------------------------------------------------------
    (
        "Slack bot: when someone messages it a ticket id, look the ticket up in Airtable and "
        "reply with its owner",
        [_on("slack"), NO_AGENT, order(svc("airtable", "read"), svc("slack", "create"))],
    ),
    (
        "Telegram bot: when a customer sends it a tracking number, find the shipment in our "
        "Google Sheet and reply with where it is",
        [
            _on("telegram"),
            NO_AGENT,
            order(svc("google_sheets", "read"), svc("telegram", "create")),
        ],
    ),
    (
        "Our Telegram bot - whenever users send it a SKU, look up the stock in Airtable and "
        "reply with the count",
        [_on("telegram"), NO_AGENT, order(svc("airtable", "read"), svc("telegram", "create"))],
    ),
    (
        "Telegram机器人：客户给它发运单号时，在Google表格里查这个运单，回复物流状态",
        [
            _on("telegram"),
            NO_AGENT,
            order(svc("google_sheets", "read"), svc("telegram", "create")),
        ],
    ),
    (
        "Slack机器人：有人给它发一个邮箱时，在HubSpot里查这个联系人，回复负责人",
        [_on("slack"), NO_AGENT, order(svc("hubspot", "read"), svc("slack", "create"))],
    ),
    # ---- a value written back to the run's own item ----------------------------------------
    (
        "When a Pipedrive deal is won, create an invoice in Xero and write the invoice number "
        "back to the deal",
        [svc("xero", "create"), order(svc("xero", "create"), svc("pipedrive", "update"))],
    ),
    (
        "When a new Zendesk ticket comes in, create a Jira issue and write the issue key back "
        "onto the ticket",
        [svc("jira", "create"), order(svc("jira", "create"), svc("zendesk", "update"))],
    ),
    (
        "When a HubSpot deal is updated, create a QuickBooks invoice, then write its number "
        "back into the deal's notes",
        [order(svc("quickbooks", "create"), svc("hubspot", "update"))],
    ),
    (
        "Pipedrive里的deal更新时，在Xero开一张发票，再把发票号写回这个deal",
        [svc("xero", "create"), order(svc("xero", "create"), svc("pipedrive", "update"))],
    ),
    (
        "HubSpot里有新deal时，在QuickBooks开一张发票，然后把发票号写回这个deal的备注",
        [order(svc("quickbooks", "create"), svc("hubspot", "update"))],
    ),
    (
        "Zendesk 有新工单时，在 Jira 建一个 issue，再把 issue 编号写回这个工单",
        [svc("jira", "create"), order(svc("jira", "create"), svc("zendesk", "update"))],
    ),
    (
        "Shopify有新订单时，在QuickBooks开发票，再把发票号写到这个订单的备注里",
        [order(svc("quickbooks", "create"), svc("shopify", "update"))],
    ),
    (
        "Pipedrive 新建 deal 时，在 Trello 建一张卡片，之后把卡片链接回写到这个 deal",
        [svc("trello", "create"), order(svc("trello", "create"), svc("pipedrive", "update"))],
    ),
]

BANK += [
    # ---- a review whose outcome is said is an approval; then the item's own status ---------
    (
        "新的 Airtable 记录进来时，发邮件给 boss@shop.cn 审核，审核通过后把状态改成已批准",
        [APPROVAL, order(APPROVAL, svc("airtable", "update"))],
    ),
    (
        "Jira 有新 issue 时，发到 Slack 让组长审核，审核通过以后把这个 issue 的状态改成进行中",
        [APPROVAL, order(APPROVAL, svc("jira", "update")), {"absent": svc("slack", "update")}],
    ),
    (
        "Trello 新卡片创建时，请 lead@team.cn 审核一下；审核不通过就发邮件告诉我",
        [APPROVAL],
    ),
    ("Notion 有新页面时，用AI审核内容，然后发到 Slack", [{"absent": APPROVAL}]),
    (
        "When a new Notion page is added, ask editor@site.com to approve it by email; once "
        "approved, set its status to Published",
        [APPROVAL, order(APPROVAL, svc("notion", "update")), {"absent": {"core": "http_request"}}],
    ),
    (
        "When a new Airtable record comes in, get my approval in Slack, and once approved change "
        "the status to Live",
        [APPROVAL, order(APPROVAL, svc("airtable", "update"))],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_fix2steps_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 9
