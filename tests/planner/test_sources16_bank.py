"""Bank for the sources16 round (sentences of our own, written before the fix): the data a
scheduled or manual flow works on is said as where it lives, and the flow reads it.

Constructions: a statement of where the items are kept ("Our invoices are kept in the
'Invoices' Google Sheet.", "The hours are in the 'Timesheet' sheet", "库存存在Airtable里",
"客户生日都记在Google表格'客户'里", "课程表在Notion数据库里"), before or after the steps
that use them; "根据<app>里的…" (the app is what the step is based on); "check / look at
<app>" and a bare look verb ("读一下", "检查一下") after such a statement; a chat assistant that
answers "looking them up in our Google Sheet". Each reads the app before the step that uses the
items and writes nothing to it.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, order, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
AGENT_READS_SHEET: Check = {
    "any": [
        {"service": "google_sheets", "verb": "read"},
        {"core": ["http_tool", "n8n_tool", "workflow_tool", "code_tool"]},
    ]
}
AGENT_READS_AIRTABLE: Check = {
    "any": [
        {"service": "airtable", "verb": "read"},
        {"core": ["http_tool", "n8n_tool", "workflow_tool", "code_tool"]},
    ]
}


def reads(app: str, then: Check) -> list[Check]:
    """The app is read, before ``then``, and nothing is written to it."""
    return [svc(app, "read"), then, order(svc(app, "read"), then), no_write(app)]


def no_write(app: str) -> Check:
    return {"absent": svc(app, "create")}


BANK: list[tuple[str, list[Check]]] = [
    # ---- a statement of where the items live, before the schedule ------------------------------
    (
        "Our open invoices are kept in the 'Invoices' Google Sheet. Every Monday at 9 email a "
        "reminder to each client whose invoice is overdue.",
        reads("google_sheets", MAIL),
    ),
    (
        "The team's birthdays live in a Notion database. Each day at 8am post a Slack message "
        "to #general for anyone whose birthday is today.",
        reads("notion", svc("slack", "create")),
    ),
    (
        "Stock levels are tracked in Airtable. Every evening at 6 email me the items with a "
        "quantity below 5.",
        reads("airtable", MAIL),
    ),
    (
        "Our subscribers are in a Google Sheet called 'Newsletter'. Every Monday at 10 send "
        "each of them the weekly digest by email.",
        reads("google_sheets", MAIL),
    ),
    (
        "We run a small hotel. Reservations are stored in our Airtable base. Every day at 9 "
        "send check-in instructions by email to guests arriving tomorrow.",
        reads("airtable", MAIL),
    ),
    # ---- the statement after the steps --------------------------------------------------------
    (
        "Every Friday at 5pm email my manager the hours logged this week. The hours are in "
        "the 'Timesheet' Google Sheet.",
        reads("google_sheets", MAIL),
    ),
    (
        "Each weekday at 7:30, text the drivers their routes for the day with Twilio. the "
        "routes are in a Notion database called Routes",
        reads("notion", svc("twilio", "create")),
    ),
    # ---- check / look at the app --------------------------------------------------------------
    (
        "Every weekday at 9 check our Airtable 'Tasks' base and post the tasks due today to Slack.",
        reads("airtable", svc("slack", "create")),
    ),
    # ---- a chat assistant looking things up in an app -----------------------------------------
    (
        "I want a chat assistant on our shop website that answers questions about opening "
        "hours, looking them up in our Google Sheet 'Hours'",
        [AGENT_READS_SHEET, no_write("google_sheets")],
    ),
    (
        "Build a chatbot for our bakery that answers questions about the menu by looking it "
        "up in our Airtable 'Menu' table",
        [AGENT_READS_AIRTABLE, no_write("airtable")],
    ),
    # ---- 中文：数据记在/存在/在某个应用里 ---------------------------------------------------------
    (
        "客户生日都记在Google表格'客户'里，每天早上9点看一下今天谁过生日，给他发一封生日祝福邮件",
        reads("google_sheets", MAIL),
    ),
    (
        "库存存在Airtable里，每周一上午10点检查一下，数量少于10的发到钉钉群",
        reads("airtable", svc("dingtalk", "create")),
    ),
    (
        "我们的课程表在Notion数据库里，每天晚上8点把明天的课发到企业微信群",
        reads("notion", svc("wecom", "create")),
    ),
    (
        "合同到期日记录在Google表格'合同'里，每周一早上9点，把30天内到期的合同找出来，发邮件提醒法务",
        reads("google_sheets", MAIL),
    ),
    (
        "会员信息保存在Airtable，每天上午10点给今天生日的会员用Twilio发短信祝福",
        reads("airtable", svc("twilio", "create")),
    ),
    (
        "值班安排放在Notion的'值班'数据库，每天早上8点读一下，给今天值班的同事发Slack私信",
        reads("notion", svc("slack", "create")),
    ),
    (
        "员工的排班在Google表格里，每周日晚上8点把下周的排班发邮件给大家",
        reads("google_sheets", MAIL),
    ),
    (
        "每天晚上9点提醒还书：借阅记录都在Airtable里，超过30天没还书的读者发邮件提醒",
        reads("airtable", MAIL),
    ),
    # ---- 根据<app>里的… ------------------------------------------------------------------------
    (
        "每天早上8点根据Google表格'值班表'里今天的值班人，在Slack上提醒他",
        reads("google_sheets", svc("slack", "create")),
    ),
    (
        "每周五下午4点根据Airtable里本周的销售数据，用AI写一份周报，发到飞书群",
        reads("airtable", svc("feishu", "create")),
    ),
    # ---- 检查/查看<app> ------------------------------------------------------------------------
    (
        "每天下午5点检查Airtable的'订单'表，把还没发货的订单发邮件给仓库",
        reads("airtable", MAIL),
    ),
    (
        "做一个网站聊天机器人，回答客户关于价格的问题，价格从Google表格'价目表'里查",
        [AGENT_READS_SHEET, no_write("google_sheets")],
    ),
    # ---- not a statement of a place: a write said with 在<app>里 and a verb ---------------------
    (
        "每天晚上6点从Airtable读取今天的订单，发到Slack，同时在Google表格里记一笔",
        [svc("airtable", "read"), svc("google_sheets", "create")],
    ),
    (
        "Every evening at 6 get today's orders from Shopify and post them in Slack, the "
        "totals go in our 'Sales' Google Sheet",
        [svc("shopify", "read"), svc("google_sheets", "create")],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_sources16_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
