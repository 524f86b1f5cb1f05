"""Bank for the steps11 round (sentences of our own, written before the fix): step words said
in forms the parser missed.

Constructions: a sort said by its direction alone ("按截止日期从早到晚排", "从新到旧排列",
"from largest to smallest"); duplicates removed of a named field ("remove duplicate emails",
"去掉重复的邮箱"); a list split "into one item per X" / "拆成每个X一条"; an email said as the
mail app's noun ("a personalised gmail") or as a letter ("一封感谢信") in a condition's branch;
a row said as "a line" of a sheet (not the LINE app); a lowercase app before its container
noun ("my trello board") and "what's in"/"the contents of" it, read; the mailbox a send goes
out from, said last ("send the invitee the link from my gmail"); "存进/存到 Google表格" writes a row; a value
"pulled out of the html" extracts from the page's HTML.

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, guard, order, svc

SORT: Check = {"core": "sort"}
LIMIT: Check = {"core": "limit"}
DEDUPE: Check = {"core": "remove_duplicates"}
SPLIT: Check = {"core": "split_out"}
HTML: Check = {"any": [{"core": "html_extract"}, {"ai": "extract"}]}
GMAIL: Check = {"any": [{"core": "gmail_send"}, {"service": "gmail", "verb": "create"}]}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SHEET_ROW = svc("google_sheets", "create")
NO_LINE: Check = {"absent": {"service": "line"}}

BANK: list[tuple[str, list[Check]]] = [
    # ---- a sort said by its direction ---------------------------------------------------------
    (
        "每天早上8点从Airtable读取任务，按截止日期从早到晚排，发到钉钉",
        [SORT, order(svc("airtable", "read"), SORT), order(SORT, svc("dingtalk", "create"))],
    ),
    (
        "每周一从HubSpot拉联系人，按创建时间从新到旧排列，只留前20个，发邮件给我",
        [SORT, order(SORT, LIMIT)],
    ),
    (
        "每天下午从Google表格读取订单，按金额由高到低排好，发到企业微信",
        [SORT, order(svc("google_sheets", "read"), SORT)],
    ),
    (
        "Every Friday get the week's Stripe charges, arrange them from highest to lowest amount "
        "and email me the list",
        [SORT, order(SORT, MAIL)],
    ),
    # ---- duplicates of a named field ----------------------------------------------------------
    (
        "When a webhook gets a batch of signups, remove duplicate emails and add them to Mailchimp",
        [DEDUPE, order(DEDUPE, svc("mailchimp", "create"))],
    ),
    (
        "Every night read the contacts from my 'Leads' sheet, drop duplicate rows, then add "
        "them to HubSpot",
        [DEDUPE, order(svc("google_sheets", "read"), DEDUPE)],
    ),
    (
        "每天从Google表格读客户名单，去掉重复的邮箱，然后加到HubSpot",
        [DEDUPE, order(DEDUPE, svc("hubspot"))],
    ),
    (
        "收到webhook推送的报名名单后，删掉重复的手机号，再写进Airtable",
        [DEDUPE, order(DEDUPE, svc("airtable", "create"))],
    ),
    # ---- a list split into one item per element ------------------------------------------------
    (
        "A webhook receives an order with line items. Split it into one item per product and "
        "add each to Airtable",
        [SPLIT, order(SPLIT, svc("airtable", "create"))],
    ),
    (
        "When the webhook posts a list of tickets, break it into one item per ticket and create "
        "each one in Jira",
        [SPLIT, order(SPLIT, svc("jira", "create"))],
    ),
    (
        "收到webhook订单后，拆成每个商品一条，逐条写进Airtable",
        [SPLIT, order(SPLIT, svc("airtable", "create"))],
    ),
    # ---- an email said as the mail app's noun or as a letter ----------------------------------
    (
        "Read every row of my 'Leads' google sheet and send each lead a personalised gmail "
        "with their quote",
        [GMAIL, order(svc("google_sheets", "read"), GMAIL)],
    ),
    (
        "When a Stripe payment succeeds, send the customer a thank-you gmail",
        [GMAIL, {"absent": {"service": "stripe", "verb": "create"}}],
    ),
    (
        "有新的Shopify订单时，如果金额超过1000，再额外发一封感谢信给客户",
        [MAIL, guard(MAIL, "amount", "total")],
    ),
    (
        "Stripe有新付款时，记到Airtable；如果金额超过5000，再发一封感谢信",
        [svc("airtable", "create"), guard(MAIL, "amount")],
    ),
    (
        "When a Calendly booking comes in, create a Google Meet link and then send the invitee "
        "the link from my gmail",
        [GMAIL, {"absent": {"service": "gmail", "verb": "read"}}],
    ),
    (
        "When a new lead lands in HubSpot, send them our brochure from my Outlook",
        [svc(["outlook", "microsoft_outlook"], "create")],
    ),
    # ---- a lowercase app before its container noun; "what's in" it is read ---------------------
    (
        "Every Monday post what's in my trello board 'Sprint' to slack",
        [order(svc("trello", "read"), svc("slack", "create"))],
    ),
    (
        "Each Friday email me the contents of our 'Inventory' airtable base",
        [order(svc("airtable", "read"), MAIL)],
    ),
    (
        "每天早上9点把我notion数据库里的任务发到飞书",
        [order(svc("notion", "read"), svc(["feishu", "lark"], "create"))],
    ),
    # ---- a row said as "a line" of a sheet -----------------------------------------------------
    (
        "When a Jotform submission arrives, add a line to the Signups sheet",
        [SHEET_ROW, NO_LINE],
    ),
    (
        "When a new Stripe charge happens, add a new line to our Payments spreadsheet and ping "
        "Slack",
        [SHEET_ROW, NO_LINE, svc("slack", "create")],
    ),
    # ---- "存进 Google表格" writes a row ---------------------------------------------------------
    (
        "每小时从 https://api.example.com/stock 取库存数据存进Google表格",
        [SHEET_ROW, order({"core": "http_request"}, SHEET_ROW)],
    ),
    (
        "每天早上9点调用 https://api.example.com/weather 获取天气，存到谷歌表格里",
        [SHEET_ROW, order({"core": "http_request"}, SHEET_ROW)],
    ),
    (
        "每天从 https://api.example.com/rates 拿汇率数据保存进Google Sheets，高于7就发邮件给我",
        [SHEET_ROW, {"unguarded": SHEET_ROW}, guard(MAIL)],
    ),
    # ---- a value pulled out of the page's HTML --------------------------------------------------
    (
        "Every hour fetch https://shop.example.com/item/42, pull the price out of the html and "
        "if it is below $20 email me",
        [HTML, order({"core": "http_request"}, HTML), guard(MAIL, "price")],
    ),
    (
        "Every morning download https://blog.example.com and get the headlines out of the HTML, "
        "then post them to Slack",
        [HTML, order(HTML, svc("slack", "create"))],
    ),
    (
        "每天抓取 https://news.example.com 的网页，从HTML里把标题取出来，发到Slack",
        [HTML, order(HTML, svc("slack", "create"))],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_steps11_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
