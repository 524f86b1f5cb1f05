"""Bank for the starts16 round (sentences of our own, written before the fix): starts, waits
and run times said in passing.

Constructions: a form said as the context the items come in with ("Guests sign in with a
form (…)", "报名（n8n表单）：…", "登记表（n8n表单）提交后…"); an app event said without
"when" (an arrow chain opened by the app's event noun, "每来一笔新的付款" after a clause naming
the app); a wait until a time computed from the item ("wait until the day before the
appointment", "two hours after the class ends", "等到预约前一天"); a run time said loosely
("every evening around 8" is 20:00, a deadline "10点前" then the check "10点半" runs at 22:30).

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, order, svc

FORM: Check = {"trigger": ["form", "webhook"]}
WAIT: Check = {"core": "wait"}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SMS = svc(["twilio", "vonage", "messagebird", "plivo", "aliyun_sms"], "create")


def at(hhmm: str) -> Check:
    return {"schedule": {"at": hhmm}}


def event(app: str, like: str) -> Check:
    return {"trigger": "app_event", "app": app, "event_like": like}


BANK: list[tuple[str, list[Check]]] = [
    # ---- a form said as context ----------------------------------------------------------------
    (
        "Guests sign in at our gallery opening with a form (name, email, how they heard of us). "
        "Add each one to the 'Guests' Google Sheet.",
        [FORM, svc("google_sheets", "create")],
    ),
    (
        "Parents enrol their kids with our form and choose a class. Create a Trello card for "
        "each enrolment and email the teacher.",
        [FORM, svc("trello", "create")],
    ),
    (
        "Patients register at reception with a short form (name, phone, symptoms); post each "
        "one in #triage on Slack",
        [FORM, svc("slack", "create")],
    ),
    (
        "夏令营报名（n8n表单）：把孩子的信息加到Airtable，再发邮件通知家长",
        [{"trigger": "form"}, svc("airtable", "create"), MAIL],
    ),
    (
        "读书会签到表（n8n表单）提交后，把名字记到Google表格里",
        [{"trigger": "form"}, svc("google_sheets", "create")],
    ),
    (
        "客户回访登记（n8n表单）：满意度低于3分的，在飞书群里提醒客服主管",
        [{"trigger": "form"}, svc("feishu", "create")],
    ),
    # ---- an app event said without "when" -----------------------------------------------------
    (
        "car dealership. facebook lead ad -> add the person to HubSpot -> post it in #sales",
        [event("facebook", "lead"), svc("hubspot", "create")],
    ),
    (
        "facebook lead form lead -> new row in Google Sheets -> text the sales rep with Twilio",
        [event("facebook", "lead"), svc("google_sheets", "create")],
    ),
    (
        "我在Gumroad卖电子书，每来一笔新的销售，就在Slack的#sales频道发一条消息",
        [event("gumroad", "sale"), svc("slack", "create")],
    ),
    (
        "我们的网店开在Shopify上，每有一个新的订单，就把客户加到Mailchimp",
        [event("shopify", "order"), svc("mailchimp", "create")],
    ),
    (
        "我们用Stripe收款，每收到一笔新的付款，就往Google表格里加一行",
        [event("stripe", "payment"), svc("google_sheets", "create")],
    ),
    # ---- a wait until a time computed from the item ------------------------------------------
    (
        "When someone books a session on Calendly, email them the intake questions, then wait "
        "until the day before the session and text them a reminder with Twilio",
        [WAIT, order(WAIT, SMS), order(MAIL, WAIT)],
    ),
    (
        "When a Cal.com booking is created, add it to our Notion 'Clients' database, and two "
        "hours after the meeting ends email them a feedback survey",
        [WAIT, order(svc("notion", "create"), WAIT), order(WAIT, MAIL)],
    ),
    (
        "Every time a student signs up for a class through our webhook, add them to Airtable and "
        "an hour before the class starts send them the Zoom link by email",
        [WAIT, order(WAIT, MAIL)],
    ),
    (
        "有人在Calendly预约后，先发一封确认邮件，等到预约的前一天再用Twilio发短信提醒",
        [WAIT, order(MAIL, WAIT), order(WAIT, SMS)],
    ),
    (
        "有人在Cal.com预约咨询后，把信息存到Notion，会议结束一小时后给他发一封感谢邮件",
        [WAIT, order(WAIT, MAIL)],
    ),
    # ---- a run time said loosely ----------------------------------------------------------------
    (
        "every evening around 9 pull today's orders from Shopify and email me a summary",
        [at("21:00")],
    ),
    (
        "each night at about 11 back up our Notion pages to Dropbox",
        [at("23:00")],
    ),
    (
        "Every morning around 7-ish get the weather from https://api.example.com/w and post it "
        "to Telegram",
        [at("07:00")],
    ),
    (
        "销售每天下午5点前要在Google表格'日报'里填数据，5点半检查一下，没填的在钉钉群里提醒",
        [at("17:30")],
    ),
    (
        "每周五下午3点前大家要交周报到Notion，4点检查一下，没交的人发Slack私信",
        [at("16:00")],
    ),
    (
        "每天晚上九点左右从Airtable读取今天的订单，发邮件给我",
        [at("21:00")],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_starts16_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
