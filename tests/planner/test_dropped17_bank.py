"""Dropped17 bank (own sentences, written before the fix): named steps and starts that get
dropped.

(A) a message to a person said in Chinese with no channel app: a reply said with what it
says or what kind it is ("再回一封欢迎邮件给学员", "回一封'…'的邮件给填写人") and a forward
to a person by their role ("把摘要转发给负责律师") are emails; (B) a condition said as a
field holding a value ("如果标签里有security", "if its labels include 'urgent'"): the
condition reads that field; (C) a feed start said by its address ("When <url>/rss has a new
post", "<url>/feed.xml 有新文章时"): an RSS trigger on that address; (D) an upload into a named
folder with no app said, on a flow a file app's event starts: the file goes to that app;
(E) a total named last in the list of fields an AI pulls out ("… vendor and total") is one
more field (no sum), and "if it can't find a total" guards the write on it; (F) a situation
and a plea for help with nothing asked to be done ("… a mess. Any ideas?", "…，怎么办？"):
a question, never a flow guessed from the nouns.

A field said in Chinese stays as said ("标签"), as the other banks accept it ("tag" or "标签");
the checks on those rows take "label", "tag" or "标签".

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, guard, order, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SMS = svc(["twilio", "vonage", "messagebird", "plivo", "aliyun_sms"], "create")
RSS: Check = {"trigger": "rss"}
LABEL = ("label", "tag", "标签")
CALM: Check = {"no_question": True}
SUM: Check = {"absent": {"core": "aggregate"}}
ASK: Check = {"asks_about": ["what", "which", "什么", "哪"]}


BANK: list[tuple[str, list[Check]]] = [
    # ---- (A) a reply or a forward to a person, said in Chinese -------------------------------
    (
        "学员在网站表单报名后，在Airtable加一条记录，再自动回一封欢迎邮件给学员",
        [svc("airtable", "create"), MAIL, order(svc("airtable", "create"), MAIL)],
    ),
    (
        "每收到一份Typeform问卷，就把答案存到Google表格，然后回一封'感谢参与，我们会尽快联系您'"
        "的邮件给填写人",
        [svc("google_sheets", "create"), MAIL],
    ),
    (
        "装修公司：官网的预约表单通过webhook推过来，每来一个预约就在Notion建一条记录，再自动回一封"
        "确认邮件给业主",
        [svc("notion", "create"), MAIL],
    ),
    (
        "收到供应商发来的邮件时，用AI提取发票号和金额，存到Airtable，再把提取结果转发给财务会计",
        [svc("airtable", "create"), MAIL],
    ),
    (
        "Shopify有新的退款时，在Slack的#finance频道发消息，再把退款详情转发给店长",
        [svc("slack", "create"), MAIL],
    ),
    (
        "出版社：Dropbox里有新稿件时，用AI总结稿件内容，存到Notion，再把总结转发给责任编辑",
        [svc("notion", "create"), MAIL, order(svc("notion", "create"), MAIL)],
    ),
    (
        "When a new contract lands in our Dropbox, have AI summarize it, save the summary to "
        "Notion and forward it to the lawyer on the case",
        [svc("notion", "create"), MAIL],
    ),
    # ---- (B) a field said to hold a value ------------------------------------------------------
    (
        "GitLab有新的合并请求时，如果标签里有urgent，就在Slack的#dev频道发消息",
        [guard(svc("slack", "create"), *LABEL)],
    ),
    (
        "Zendesk有新工单时先记到Airtable，如果标签中有vip，再发邮件给客服主管",
        [svc("airtable", "create"), guard(MAIL, *LABEL)],
    ),
    (
        "Jira有新问题时，如果标题里有'宕机'，就用Twilio给我发短信",
        [guard(SMS, "title", "summary")],
    ),
    (
        "GitHub有新issue时，如果标签里包含bug，就在Linear建一个问题",
        [guard(svc("linear", "create"), *LABEL)],
    ),
    (
        "每当GitHub有新的pull request，如果标签里有hotfix，就在飞书群里提醒大家",
        [guard(svc("feishu", "create"), *LABEL)],
    ),
    (
        "When a new GitHub issue is opened, if its labels include 'security', ping me on Discord",
        [guard(svc("discord", "create"), "label")],
    ),
    (
        "When a new GitHub issue comes in, log it to Airtable, and if the labels contain "
        "'customer', also post it in Slack #support",
        [svc("airtable", "create"), guard(svc("slack", "create"), *LABEL)],
    ),
    # ---- (C) a feed start said by its address -------------------------------------------------
    (
        "When https://news.example.org/feed.xml has a new item, send it to our Telegram channel",
        [RSS, svc("telegram", "create")],
    ),
    (
        "Whenever https://blog.example.com/rss publishes a new article, summarise it with AI and "
        "post the summary to Slack #reading",
        [RSS, svc("slack", "create")],
    ),
    (
        "When https://jobs.example.io/feed has a new post that mentions 'remote', add it to "
        "Airtable",
        [RSS, svc("airtable", "create")],
    ),
    (
        "https://example.cn/rss 有新文章时，发到钉钉群里",
        [RSS, svc("dingtalk", "create")],
    ),
    (
        "当 https://podcast.example.com/feed 更新新一期时，用AI写摘要存到Notion",
        [RSS, svc("notion", "create")],
    ),
    # ---- (D) an upload into a named folder of the trigger's app -------------------------------
    (
        "When a file lands in our Google Drive folder 'Inbox', translate it into French with "
        "DeepL and upload the translation into the 'Outbox' folder",
        [svc("google_drive", "create"), order(svc("deepl"), svc("google_drive", "create"))],
    ),
    (
        "When a new file appears in our OneDrive 'Contracts' folder, translate it into English "
        "with DeepL and save the translated version to the 'Contracts EN' folder",
        [svc("onedrive", "create"), order(svc("deepl"), svc("onedrive", "create"))],
    ),
    (
        "Box的'待翻译'文件夹里有新文件时，用DeepL翻译成英文，再上传到'已翻译'文件夹",
        [svc("box", "create"), order(svc("deepl"), svc("box", "create"))],
    ),
    (
        "Dropbox的/raw文件夹里有新文件时，用DeepL翻译成日语，然后把译文上传到/done文件夹",
        [svc("dropbox", "create"), order(svc("deepl"), svc("dropbox", "create"))],
    ),
    (
        "When a supplier uploads a price list to our Box folder 'Suppliers', translate it with "
        "DeepL and put the translation into the 'Prices EN' folder",
        [svc("box", "create"), order(svc("deepl"), svc("box", "create")), CALM],
    ),
    # ---- (E) a total among the fields an AI pulls out ------------------------------------------
    (
        "When a receipt is emailed to us, have AI extract the merchant, date and total, then add "
        "a row to our 'Expenses' Google Sheet. If there's no total, email me at me@shop.io instead",
        [SUM, svc("google_sheets", "create"), guard(svc("google_sheets", "create"), "total")],
    ),
    (
        "When a scanned bill is added to our Google Drive 'Bills' folder, have AI read out the "
        "supplier, IBAN and total, then record it in Airtable. If it can't find a total, post "
        "in Slack #finance instead of recording it.",
        [SUM, guard(svc("airtable", "create"), "total")],
    ),
    (
        "When a new PDF lands in Dropbox, have AI pull out the customer name, due date and "
        "invoice total, then create an invoice in QuickBooks",
        [SUM, svc("quickbooks", "create")],
    ),
    # ---- (F) a plea for help with nothing asked to be done -------------------------------------
    (
        "We're a small dental clinic and our appointment book is a total mess. Any ideas?",
        [ASK],
    ),
    (
        "我们是个小诊所，预约全靠手写本子，乱成一团，怎么办？",
        [ASK],
    ),
    (
        "开了家咖啡店，每天对账对到崩溃，求助",
        [ASK],
    ),
    (
        "Can you help me post each new Stripe payment to Slack #sales?",
        [CALM, svc("slack", "create")],
    ),
]

_OPEN: dict[str, str] = {
    "Dropbox的/raw文件夹": "a folder said by its path before 文件夹 is not read as the Dropbox start",
    "When a scanned bill is added": "a total last in a list of extracted fields is still read as a "
    "sum (fix drafted, not landed: no time left for its no-regression run)",
    "We're a small dental clinic": "a plea for help with nothing asked builds a flow from the "
    "nouns (fix drafted, not landed)",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_dropped17_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
