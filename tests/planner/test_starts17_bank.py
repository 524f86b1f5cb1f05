"""Bank for the starts17 round (sentences of our own, written before the fix): starts the
planner missed and replaced by a manual run, a mail start or a schedule.

Constructions: mail sent to an address with words in its subject ("when tenants email
repairs@ with 'leak' in the subject"); messages sent to a chat bot of an app ("customer
messages come into our Telegram bot", "客人通过Telegram机器人发来的消息"); a form said in
passing ("Refund requests from the support form: …", "客户咨询从官网表单进来", "学员在官网的
表单上预约"); an app's event said in Chinese after a heading ("采购：Trello“采购申请”列表里每
新建一张卡", "售后：客户在Jotform提交退货申请"); a device pushing to a webhook on its own
period (the period is the sender's; the start is the webhook); a misspelt weekday; and a time
window said for the actions of an event-started flow (never a schedule).

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures, svc

FORM: Check = {"trigger": ["form", "webhook"]}
MAIL_START: Check = {"trigger": ["email", "app_event"]}
HOOK: Check = {"trigger": "webhook"}


def event(app: str, like: str) -> Check:
    return {"trigger": "app_event", "app": app, "event_like": like}


def weekly(day: str, hhmm: str) -> Check:
    return {"schedule": {"at": hhmm, "weekday": day}}


BANK: list[tuple[str, list[Check]]] = [
    # ---- mail to an address, with words in its subject -----------------------------------------
    (
        "bakery here. when customers email orders@ with 'cake' in the subject, add a row to "
        "our 'Cakes' Google Sheet and reply that we got it",
        [MAIL_START, svc("google_sheets", "create")],
    ),
    (
        "when tenants email repairs@ with 'leak' or 'flood' in the subject line, create a "
        "Trello card for the caretaker",
        [MAIL_START, svc("trello", "create")],
    ),
    # ---- messages to a chat bot ----------------------------------------------------------------
    (
        "bike shop. customer messages come into our Telegram bot. if a message mentions "
        "repair, post it to #workshop on Slack, anything else goes to #sales on Slack",
        [event("telegram", "message"), svc("slack", "create")],
    ),
    (
        "民宿前台：客人通过Telegram机器人发来的消息，都转发到Slack的 #booking 频道",
        [event("telegram", "message"), svc("slack", "create")],
    ),
    (
        "宠物医院：主人通过Telegram机器人发来的消息，晚上10点到早上8点之间的，自动回复“我们明早"
        "联系您”；其他时间的消息转到Slack的 #clinic 频道",
        [event("telegram", "message"), svc("slack", "create")],
    ),
    # ---- a form said in passing ----------------------------------------------------------------
    (
        "Volunteer sign-ups from the church form: add each one to the 'Volunteers' Google "
        "Sheet and email the coordinator",
        [FORM, svc("google_sheets", "create")],
    ),
    (
        "Refund requests from the support form: over $100 go to the manager on Slack, the "
        "rest become Zendesk tickets",
        [FORM, svc("zendesk", "create")],
    ),
    (
        "瑜伽馆：学员在官网的表单上预约体验课，就在Airtable里加一条记录，再发钉钉通知我",
        [FORM, svc("airtable", "create")],
    ),
    (
        "家政公司：客户咨询从官网表单进来，加到HubSpot联系人里，再发Slack给客服",
        [FORM, svc("hubspot")],
    ),
    (
        "留学中介：学生在官网报名表提交资料后，如果雅思超过7分就在Slack上通知顾问；其他的只发一封"
        "“已收到”的邮件",
        [FORM, svc("slack", "create")],
    ),
    (
        "我是摄影师，客人在我网站的表单上约拍摄档期，就在Google日历里建一个活动，再发Telegram告诉我",
        [FORM, svc("google_calendar", "create")],
    ),
    # ---- an app's event said in Chinese after a heading ----------------------------------------
    (
        "采购：Trello“采购申请”列表里每新建一张卡，就在Google表格“采购”里加一行",
        [{"trigger": "app_event", "app": "trello"}, svc("google_sheets", "create")],
    ),
    (
        "售后：客户在Jotform提交退货申请，就在Zendesk建工单",
        [event("jotform", "form"), svc("zendesk", "create")],
    ),
    (
        "健身房：会员在Typeform提交请假申请，就加到Airtable里",
        [event("typeform", "form"), svc("airtable", "create")],
    ),
    # ---- a device pushing to a webhook on its own period ---------------------------------------
    (
        "温室的温湿度传感器每10分钟推一次数据到webhook：温度超过35度的，发钉钉给管理员",
        [HOOK, svc("dingtalk", "create")],
    ),
    (
        "冷库的温度计每5分钟把读数推送到webhook，温度高于零下15度就发企业微信给值班员",
        [HOOK],
    ),
    (
        "Our soil sensors push readings to a webhook every 10 minutes: if moisture is below "
        "20, send a Telegram message to the gardener",
        [HOOK, svc("telegram", "create")],
    ),
    (
        "The door counter posts its data to our webhook every 5 minutes; if the count is over "
        "200, alert #ops on Slack",
        [HOOK, svc("slack", "create")],
    ),
    # ---- a misspelt weekday --------------------------------------------------------------------
    (
        "every tuesdy at 9am read the open tasks from Asana and post a summary in Slack",
        [weekly("tuesday", "09:00")],
    ),
    (
        "every fridya at 4pm email the team this week's sales from our Google Sheet",
        [weekly("friday", "16:00")],
    ),
    (
        "every wensday at 8am send the menu from Notion to our Telegram group",
        [weekly("wednesday", "08:00")],
    ),
    (
        "每周四下午3点从Google表格读取值班表，发Telegram提醒每个值班的人",
        [weekly("thursday", "15:00")],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_starts17_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
