"""The guard11 bank: an action the user made conditional in a shape the step readers missed
(sentences of our own, English and Chinese, about half each).

Constructions:

* a sentence after the steps that says the condition first and then drops the item
  ("If the phone column is empty skip them.", "If the priority is low, ignore it.");
* a lower-case sentence that drops a named step ("… to Telegram. skip the message if no rain
  is expected"), and "no X is expected / given" read as X being empty;
* a Chinese sender test whose 的 follows an address after a space
  ("如果发件人是 @bigclient.com 的，…"): a condition on the sender, never a step for the domain;
* a Chinese attributive shortfall on the items a read fetched ("工时不满40小时的同事",
  "余额不足100的账户", "未满18岁的用户").

Each row wants the action behind a condition on the said field (checks in the evaluation's
vocabulary, scored on the offline planner's outcome).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, guard, svc

SAT: Check = {"condition_satisfiable": True}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook"], "verb": "create"},
    ]
}


def mk(name: str) -> Check:
    return svc(name, "create")


BANK: list[tuple[str, list[Check]]] = [
    # ---- English: "If <condition>, skip it" after the steps ----------------------------------
    (
        "When a new Jira issue is created, post it to Slack. If the priority is low, ignore it.",
        [guard(mk("slack"), "priority"), SAT],
    ),
    (
        "New Typeform response -> add the person to Mailchimp. If the email field is empty "
        "just skip it.",
        [guard(mk("mailchimp"), "email"), SAT],
    ),
    (
        "New row in the 'Leads' Google Sheet -> create a deal in Pipedrive. If the budget "
        "column is empty skip the row.",
        [guard(mk("pipedrive"), "budget"), SAT],
    ),
    (
        "Whenever a Stripe payment succeeds, add a row to Airtable. If the amount is under 5, "
        "skip them.",
        [guard(mk("airtable"), "amount"), SAT],
    ),
    (
        "When a new HubSpot contact is created send them a welcome email. If the country is "
        "empty then skip it.",
        [guard(MAIL, "country"), SAT],
    ),
    # ---- English: a lower-case skip sentence naming the step; "no X is expected" -------------
    (
        "Every day at 6 fetch https://api.example.com/v1/snow.json and post it to Discord. "
        "skip the post if no snow is expected",
        [guard(mk("discord"), "snow"), SAT],
    ),
    (
        "Every hour read https://status.example.com/api/incidents and text me on Telegram. "
        "skip the message if the count is 0",
        [guard(mk("telegram"), "count"), SAT],
    ),
    (
        "When a Calendly meeting is booked, email the guest the agenda. skip the email if no "
        "agenda is given",
        [guard(MAIL, "agenda"), SAT],
    ),
    (
        "Each morning at 8 get the forecast from https://api.weather.example/today and send it "
        "to Slack. Skip the message if no rain is forecast.",
        [guard(mk("slack"), "rain"), SAT],
    ),
    # ---- Chinese: a sender test whose 的 follows an address -----------------------------------
    (
        "收到新邮件时，如果发件人是 @partner.io 的，转发到我的Telegram",
        [guard(mk("telegram"), "from", "sender", "发件"), SAT],
    ),
    (
        "收到新邮件时，如果发件人是 @acme.cn 的，用AI总结后发到Slack #sales；其他的不用管",
        [guard(mk("slack"), "from", "sender", "发件"), SAT],
    ),
    (
        "每当收到邮件，要是发件人是 @gov.cn 的，就在 Notion 里建一条记录",
        [guard(mk("notion"), "from", "sender", "发件"), SAT],
    ),
    (
        "收到新邮件，如果发件人是 boss@ourco.com 的，发短信给我（用Twilio）",
        [guard(mk("twilio"), "from", "sender", "发件"), SAT],
    ),
    # ---- Chinese: an attributive shortfall on the items a read fetched -----------------------
    (
        "每周五下午5点从 Toggl 拉本周工时，工时不满35小时的员工，发 Slack 提醒",
        [guard(mk("slack"), "hour", "工时"), SAT],
    ),
    (
        "每天早上9点从 Airtable 读取会员，积分不足100的会员，发邮件提醒他们",
        [guard(MAIL, "积分", "point"), SAT],
    ),
    (
        "每月1号从 Google Sheets 读取客户表，余额不足500元的客户，发短信提醒充值（Twilio）",
        [guard(mk("twilio"), "余额", "balance"), SAT],
    ),
    (
        "每周一从 Harvest 拉上周工时，总工时未满40小时的同事，在Slack上私信提醒",
        [guard(mk("slack"), "hour", "工时"), SAT],
    ),
    (
        "每天晚上10点读取 Notion 里的项目，进度不满50的项目，发邮件给负责人",
        [guard(MAIL, "进度", "progress"), SAT],
    ),
    # ---- a state the trigger's item reaches, among its event's outcomes -----------------------
    (
        "When a GitHub pull request in our web repo gets merged, post a note in Slack #releases",
        [guard(mk("slack"), "merged", "state", "action"), SAT],
    ),
    (
        "once a pull request on GitHub has been merged, create a Linear issue to update the docs",
        [guard(mk("linear"), "merged", "state", "action"), SAT],
    ),
    # ---- a mail start said by the attachment it carries ----------------------------------------
    (
        "收到带合同附件的邮件，就把附件存到Dropbox",
        [guard(mk("dropbox"), "attach"), SAT],
    ),
    (
        "收到有附件的邮件时，把附件上传到Google Drive",
        [guard(mk("google_drive"), "attach"), SAT],
    ),
    (
        "When an email with a PDF attachment arrives, save the attachment to Box",
        [guard(mk("box"), "attach"), SAT],
    ),
    # ---- the items a read fetched, qualified with a contracted relative ------------------------
    (
        "Every Monday at 9 read our Asana tasks and ping me on Slack about every task that's "
        "overdue",
        [guard(mk("slack"), "due"), SAT],
    ),
    (
        "Each evening read the Airtable invoices and email me about each invoice that's over 500",
        [guard(MAIL, "amount", "total", "500"), SAT],
    ),
    # ---- "keep the <state> ones" after a read: a filter on that state -------------------------
    (
        "Every Friday at 4 read the 'Orders' Google Sheet, keep the unshipped ones and email "
        "each customer an apology",
        [guard(MAIL, "status", "ship"), SAT],
    ),
    (
        "Each morning read our Airtable leads, keep just the qualified ones and add them to "
        "HubSpot as contacts",
        [guard(svc("hubspot"), "status", "qualif"), SAT],
    ),
    # ---- the days a start's items arrive on: a window on the run's time ------------------------
    (
        "周末收到的网站表单，自动回复客户一封邮件说我们下周一联系；工作日的不用管",
        [guard(MAIL, "week", "day"), SAT],
    ),
    (
        "有人提交预约表单时，给客户发一封确认邮件，工作日的不用管",
        [guard(MAIL, "week", "day"), SAT],
    ),
    (
        "When someone fills in our contact form, email them that we will reply soon. Ignore "
        "weekdays.",
        [guard(MAIL, "week", "day"), SAT],
    ),
    # ---- a chat AI's failure to answer, handed to a person -----------------------------------
    (
        "网站聊天窗口有客户提问时，让AI先回答，AI回答不了的转人工，发到飞书群",
        [guard(svc(["lark", "feishu"], "create")), SAT],
    ),
    (
        "When a visitor writes in our website chat let the AI assistant answer; if the AI can't "
        "answer, hand it over to a human in Slack #help",
        [guard(mk("slack")), SAT],
    ),
    # ---- what the start's item says, right after the event --------------------------------------
    (
        "if a new Typeform response says the delivery was 'very late', create a Zendesk ticket",
        [guard(mk("zendesk"), "answer", "late"), SAT],
    ),
    (
        "When a new Google Forms response says the visitor is 'interested in a demo', add them "
        "to Pipedrive",
        [guard(svc("pipedrive"), "answer", "demo"), SAT],
    ),
    # ---- a money value said of a quoted asset compares its price ------------------------------
    (
        "每小时查一次 https://api.example.com/eth.json ，以太坊跌破3000美元就发钉钉提醒我",
        [guard(svc(["dingtalk"], "create"), "price"), SAT],
    ),
    (
        "Every 30 minutes fetch https://api.example.com/btc.json and if Bitcoin is below $55,000 "
        "send me a Telegram message",
        [guard(mk("telegram"), "price"), SAT],
    ),
    # ---- guards that already held (kept so a fix does not lose them) -------------------------
    (
        "When a new Jira issue is created, post it to Slack. Skip it if the priority is low.",
        [guard(mk("slack"), "priority"), SAT],
    ),
    (
        "每周五下午5点从 Toggl 拉本周工时，工时少于35小时的员工，发 Slack 提醒",
        [guard(mk("slack"), "hour", "工时"), SAT],
    ),
    (
        "每天早上8点从 Airtable 读取订单，金额超过1000的订单，发 Slack 提醒我",
        [guard(mk("slack"), "amount", "金额"), SAT],
    ),
    (
        "收到发件人是 @client.com 结尾的邮件时，转发到Slack",
        [guard(mk("slack"), "from", "sender", "发件"), SAT],
    ),
]

OPEN: dict[str, str] = {
    "收到新邮件，如果发件人是 boss@": "a whole address after 是 is read as the email's recipient",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, OPEN, id_len=60))
def test_guard11_bank(text: str, checks: list[Check]) -> None:
    assert not failures(text, checks, ask=False), failures(text, checks, ask=False)
