"""Misc17b bank (own sentences, written before the fix): steps that go missing or are built
wrong in create requests, and requests that say no step at all.

Constructions:

* a plea for help that names a situation and no step ("we're drowning in paperwork, any
  ideas?", "订单太多忙不过来了，怎么办？"): the planner asks what should happen;
* a vague wish for "an automation about X" ("帮我弄个自动化，跟报销有关的"): a question, never
  a template guessed from the noun;
* an AI extraction whose field list ends in "total" ("pull out the date, shop and total"),
  then a create, with "if it can't find a total … instead": the create is guarded by total;
* a trigger clause ended by a colon ("表单提交后：在Jira建…，再…"): the steps after the colon
  are all built, the first one included;
* an alert closed / resolved on the recovery side ("把PagerDuty的事件关掉", "resolve the
  Opsgenie alert"): an update or delete of that app, never a read;
* rows written into a database ("写进MySQL", "存到Postgres"): a create, never a query;
* a fetch of an address said before the send ("查一下 https://… 的预报，发到…"): the fetch runs
  before the send;
* "should be added as a row to the X sheet" (a lowercase sheet name): a sheet append.

Rows are scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, asks, branches, failures, guard, order, svc

NO_Q: Check = {"no_question": True}
MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "microsoft_outlook", "outlook"], "verb": "create"},
    ]
}
CLOSE = ["update", "delete"]


def fetch(text: str) -> Check:
    return {"core": "http_request", "text": text}


BANK: list[tuple[str, list[Check]]] = [
    # ---- a plea for help, no step ----------------------------------------------------------
    (
        "I coach a youth soccer league and we're buried in sign-up forms. help?",
        [asks("what", "which", "form", "sign")],
    ),
    (
        "Our bakery is swamped with phone orders every weekend, any ideas?",
        [asks("what", "which", "order")],
    ),
    (
        "我们诊所每天预约太多，前台根本忙不过来，怎么办？",
        [asks("什么", "哪", "预约")],
    ),
    (
        "社区图书馆的借还书登记全靠手抄，求助",
        [asks("什么", "哪", "登记", "借")],
    ),
    # ---- a vague "automation about X" ---------------------------------------------------------
    (
        "帮我弄个自动化，跟报销有关的",
        [asks("报销", "什么", "哪", "系统")],
    ),
    (
        "给我做个和排班相关的自动化吧",
        [asks("排班", "什么", "哪", "系统")],
    ),
    (
        "make me an automation, something to do with inventory",
        [asks("inventory", "what", "which", "stock")],
    ),
    # ---- an extraction list ending in "total", a create guarded by it -------------------------
    (
        "When a receipt photo lands in our Dropbox 'Receipts' folder, have AI pull out the "
        "date, shop and total, then create an expense in QuickBooks. If it can't find a total, "
        "email me at books@cafe.io instead of creating the expense.",
        [svc("quickbooks", "create"), guard(svc("quickbooks", "create"), "total"), MAIL],
    ),
    (
        "When a new PDF is added to the Google Drive 'Bills' folder, let AI extract the "
        "supplier, due date and total, then create a bill in Xero; if there is no total, "
        "post to Slack #finance instead",
        [svc("xero", "create"), guard(svc("xero", "create"), "total"), svc("slack", "create")],
    ),
    # ---- a trigger clause ended by a colon ----------------------------------------------------
    (
        "客户在表单上提交退货申请后：在Jira的 RET 项目建一个退货工单，客服的钉钉群通知一下，"
        "再给客户发邮件说明退货流程",
        [svc("jira", "create"), svc("dingtalk", "create"), MAIL, NO_Q],
    ),
    (
        "新员工填完入职表单以后：在Trello的入职看板建一张卡片，企业微信群里说一声，"
        "再给新员工发欢迎邮件",
        [svc("trello", "create"), svc("wecom", "create"), MAIL],
    ),
    (
        "When someone submits the bug report form: open an issue in our GitHub repo "
        "acme/app, tell #dev on Slack, and email the reporter a thank-you",
        [svc("github", "create"), svc("slack", "create"), MAIL],
    ),
    # ---- close / resolve an alert on the recovery side ----------------------------------------
    (
        "监控：Grafana告警会推到我们的webhook，如果状态是firing就在PagerDuty建事件、钉钉群里"
        "发消息；否则(已恢复)就在钉钉群里说已恢复，并把PagerDuty的事件关掉",
        [
            svc("pagerduty", "create"),
            svc("pagerduty", CLOSE),
            branches(svc("pagerduty", "create"), svc("pagerduty", CLOSE)),
        ],
    ),
    (
        "When our webhook gets a health check result: if it's failing, create an Opsgenie "
        "alert and post in Discord; otherwise say it's back in Discord and close the "
        "Opsgenie alert",
        [svc("opsgenie", "create"), svc("opsgenie", CLOSE)],
    ),
    (
        "服务器巡检结果推到webhook，状态异常就在Opsgenie建告警；恢复正常了就把Opsgenie的告警关闭，"
        "再在飞书群里说一声",
        [svc("opsgenie", "create"), svc("opsgenie", CLOSE)],
    ),
    # ---- rows written into a database ---------------------------------------------------------
    (
        "质检结果会推到我们的webhook。“不合格”的发到钉钉质检群；“合格”的写进MySQL就行",
        [svc("mysql", "create"), svc("dingtalk", "create")],
    ),
    (
        "订单系统把每笔订单推到webhook，金额超过1万的在飞书群里通知老板，其余的存到Postgres里",
        [svc("postgres", "create"), svc("feishu", "create")],
    ),
    (
        "每天晚上10点把当天的打卡记录写进Supabase的attendance表",
        [svc("supabase", "create")],
    ),
    # ---- a fetch said before the send --------------------------------------------------------
    (
        "果园每天早上7点查一下 https://api.example.com/v1/frost 的霜冻预警，整理成一句话发到"
        "果农的钉钉群",
        [order(fetch("example.com"), svc("dingtalk", "create"))],
    ),
    (
        "每天下午5点看一下 https://api.tides.io/today 的潮汐数据，总结成一句话发到渔民的Telegram群",
        [order(fetch("tides.io"), svc("telegram", "create"))],
    ),
    (
        "Every morning at 6 check https://api.snowdata.org/report for the ski report, sum it "
        "up in one line and send it to our Telegram group",
        [order(fetch("snowdata"), svc("telegram", "create"))],
    ),
    # ---- a row added to a lowercase-named sheet ------------------------------------------------
    (
        "Our club's Gmail gets lots of mail. Any email whose subject starts with 'RSVP:' "
        "should be added as a row to the guests sheet and the host gets a Slack message.",
        [svc("google_sheets", "create"), svc("slack", "create")],
    ),
    (
        "Every new Typeform response should be added as a row to the leads sheet, and "
        "sales gets a Discord message",
        [svc("google_sheets", "create"), svc("discord", "create")],
    ),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_misc17b_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    rows = [t for t, _ in BANK]
    assert len(rows) >= 20
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
