"""Bank for the zh8b round (sentences of our own, written before running the planner): a
start said with no 时 or 后 (an opening sentence "会员在我们的Jotform上报名。", a heading
"Typeform客户调查：", "每次有退款", "有人退款的时候", a list of weekdays "每周一、周三…"), case
heads the readers missed (a negated verb "没打卡的员工，…", "相关度高的…，不高的…", "…的，…；
不符合的…" after an AI extraction, a value switch "main的…；develop的…；其他…不管"), and named
services' operations (an Elasticsearch search, Perplexity, a Chargebee cancel, Home Assistant
turning a light on).

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, guard, order, svc


def app(name: str, *events: str) -> Check:
    """The trigger is an event of app ``name`` whose event name holds one of ``events``."""
    return {"trigger": "app_event", "app": name, "event_like": list(events)}


MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SAT: Check = {"condition_satisfiable": True}
SCHED: Check = {"trigger": "schedule"}
HOOK: Check = {"trigger": "webhook"}
AI: Check = {"ai": "any"}

BANK: list[tuple[str, list[Check]]] = [
    # ---- a start said with no 时/后 ---------------------------------------------------------
    (
        "会员在我们的Jotform上报名参加活动。超过20人的活动在Slack通知运营，其他的直接加到Google日历",
        [app("jotform", "form", "submi"), svc("google_calendar", "create"), SAT],
    ),
    (
        "客户在Typeform填满意度问卷。每一份都存到Airtable“问卷”表",
        [app("typeform", "form", "submi"), svc("airtable", "create")],
    ),
    (
        "员工在Jotform提交请假申请。超过3天的发邮件给HR，其他的直接记到Google表格",
        [app("jotform", "form", "submi"), branches(MAIL, svc("google_sheets", "create")), SAT],
    ),
    (
        "Typeform客户调查：满意度低于3分的在Zendesk建工单",
        [app("typeform", "form", "submi"), guard(svc("zendesk", "create")), SAT],
    ),
    (
        "Jotform活动报名表：每条都加到Mailchimp列表里",
        [app("jotform", "form", "submi"), svc("mailchimp", "create")],
    ),
    (
        "Customers leave feedback in our Typeform survey. Anything rated below 3 opens a "
        "Zendesk ticket.",
        [app("typeform", "form", "submi"), guard(svc("zendesk", "create"), "rat"), SAT],
    ),
    (
        "Stripe每次有退款都记到Notion里",
        [app("stripe", "refund"), svc("notion", "create")],
    ),
    (
        "有人在Shopify退款的时候，发邮件给财务",
        [app("shopify", "refund"), MAIL],
    ),
    (
        "Shopify每次有退款都发到Slack #finance；退款金额超过1000的再发邮件给老板",
        [
            app("shopify", "refund"),
            {"unguarded": svc("slack", "create")},
            guard(MAIL, "amount", "金额", "total"),
            SAT,
        ],
    ),
    (
        "每周一、周三、周五早上8点：从Jira拉未完成的任务发到Slack",
        [
            SCHED,
            {"schedule": {"at": "08:00", "weekday": "monday"}},
            {"schedule": {"at": "08:00", "weekday": "friday"}},
            svc("jira", "read"),
        ],
    ),
    (
        "每周二和周四下午3点：在Slack #team 发一条周会提醒",
        [
            SCHED,
            {"schedule": {"at": "15:00", "weekday": "tuesday"}},
            {"schedule": {"at": "15:00", "weekday": "thursday"}},
            svc("slack", "create"),
        ],
    ),
    (
        "Every Tuesday and Thursday at 10am: pull open Asana tasks and post them to Slack",
        [SCHED, {"schedule": {"at": "10:00", "weekday": "thursday"}}, svc("asana", "read")],
    ),
    # ---- case heads -------------------------------------------------------------------------
    (
        "每周五下午5点读Google表格“打卡”表：这周没打卡的员工，给他发钉钉消息；打卡了但迟到超过3次的，"
        "发邮件给主管",
        [
            SCHED,
            svc("google_sheets", "read"),
            branches(svc("dingtalk", "create"), MAIL),
            SAT,
        ],
    ),
    (
        "每天早上9点读Airtable客户表：没填电话的客户，记到Notion“待补充”里；填了的，用Twilio发短信",
        [
            SCHED,
            branches(svc("notion", "create"), svc("twilio", "create")),
            guard(svc("notion", "create"), "phone", "电话"),
            SAT,
        ],
    ),
    (
        "我手动跑：读Google表格里的报名名单，每个人用Gmail发确认邮件；没留邮箱的人，记到Airtable“缺邮箱”表",
        [
            {"trigger": "manual"},
            svc("airtable", "create"),
            branches(svc("gmail", "create"), svc("airtable", "create")),
            guard(svc("airtable", "create"), "email", "邮箱", "mail"),
            SAT,
        ],
    ),
    (
        "评论会推到我们的webhook，用AI给每条评论打分：分数高的发到Slack #wins，不高的记到Google表格",
        [
            HOOK,
            AI,
            branches(svc("slack", "create"), svc("google_sheets", "create")),
            guard(svc("slack", "create"), "score", "分数"),
            SAT,
        ],
    ),
    (
        "每天早上8点读RSS新闻 https://news.example.com/feed ，让AI打一个相关度分数：相关度高的发到Slack，"
        "不高的存到Notion",
        [
            SCHED,
            AI,
            branches(svc("slack", "create"), svc("notion", "create")),
            guard(svc("slack", "create"), "相关", "relevan", "score"),
            SAT,
        ],
    ),
    (
        "客户在表单里留言，AI判断是不是投诉：是投诉的发飞书给客服主管，不是的存到Airtable",
        [
            {"trigger": "form"},
            AI,
            branches(svc(["feishu", "lark"], "create"), svc("airtable", "create")),
            SAT,
        ],
    ),
    (
        "GitLab的流水线结果会推到我们的webhook。分支是main的在Slack #release 发消息；develop的发到Discord；"
        "其他分支不管",
        [
            HOOK,
            branches(svc("slack", "create"), svc("discord", "create")),
            guard(svc("slack", "create"), "branch", "分支"),
            guard(svc("discord", "create"), "branch", "分支"),
            SAT,
        ],
    ),
    (
        "订单会推到我们的webhook：地区是华东的发钉钉，华南的发飞书，其他地区发邮件给销售",
        [
            HOOK,
            branches(svc("dingtalk", "create"), svc(["feishu", "lark"], "create")),
            guard(svc("dingtalk", "create"), "region", "地区"),
            SAT,
        ],
    ),
    (
        "Our monitoring posts alerts to a webhook. Severity critical goes to PagerDuty, warning "
        "goes to Slack #ops, anything else is ignored.",
        [
            HOOK,
            branches(svc("pagerduty", "create"), svc("slack", "create")),
            guard(svc("pagerduty", "create"), "severity"),
            SAT,
        ],
    ),
    (
        "客户询价会推到我们的webhook。用AI提取预算和行业：预算10万以上并且是制造业的，在HubSpot建deal；"
        "不符合的用Gmail发邮件婉拒",
        [
            HOOK,
            {"ai": "extract"},
            branches(svc("hubspot", "create"), svc("gmail", "create")),
            guard(svc("hubspot", "create"), "预算", "budget"),
            SAT,
        ],
    ),
    (
        "Every Monday at 9am read the 'Homework' Airtable table: students who didn't hand in "
        "get a Telegram message to their parent; those who did but scored under 60 get an "
        "email to the teacher",
        [SCHED, branches(svc("telegram", "create"), MAIL), guard(MAIL, "score"), SAT],
    ),
    # ---- named services' operations ---------------------------------------------------------
    (
        "每小时在Elasticsearch里搜最近的错误日志，超过100条就发Slack",
        [SCHED, svc("elasticsearch", "read"), guard(svc("slack", "create")), SAT],
    ),
    (
        "每天早上用Perplexity查一下今天的AI新闻，总结后发到Slack",
        [SCHED, svc("perplexity"), order(svc("perplexity"), svc("slack", "create"))],
    ),
    (
        "When a Stripe invoice payment fails, cancel the customer's subscription in Chargebee "
        "and tell #churn on Slack",
        [app("stripe", "fail"), svc("chargebee", "delete"), svc("slack", "create")],
    ),
    (
        "每天晚上7点用Home Assistant把客厅的灯打开",
        [SCHED, svc("home_assistant", text="turn_on")],
    ),
]

_OPEN: dict[str, str] = {
    "客户在表单里留言，AI判断": "'AI判断是不是…：是…的…，不是的…' yields no AI step and no case",
    "Our monitoring posts alerts": "'Severity critical goes to …, warning goes to …' opens no case",
    "Every Monday at 9am read the 'Homework'": "'students who didn't hand in get …' opens no case",
    "每天晚上7点用Home Assistant": "Home Assistant '把灯打开' is its generic service call: the "
    "catalog has no way to say the 'service' field's value (turn_on) by the operation's words",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_zh8b_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks, ask=False) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 12
