"""Bank for the branch11 round (sentences of our own, written before the fix): routing by
what an AI step decides, where the case heads are the categories or moods themselves.

Constructions:

* a Chinese category head led by the class word alone ("账单类转发…", "技术类在GitHub建…"),
  and "先用AI分个类（…）" as the sorting clause;
* bare category heads with arrows after an AI asked "decide if it's A, B or C" ("Bugs ->
  Linear issue, feature requests -> Notion"), the heads in the plural of the question's words;
* mood heads with arrows in sentences of their own ("Negative -> …. Positive -> ….");
* a check's yes answer that echoes its word after the other case ("不空就…，空的话…");
* a Chinese not-found head with no 就 ("查到了就返回…，查不到返回404");
* a when-clause saying the item's value ("a new booking is for the 'Demo' event type");
* parts of the day as cases ("上班时间就…，下班时间就…", "during business hours …, after hours …").

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, guard, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SORTED: Check = {"ai": "classify"}
MOOD: Check = {"ai": "sentiment"}
HOOK: Check = {"trigger": "webhook"}
SAT: Check = {"condition_satisfiable": True}
SMS = ["twilio", "vonage", "messagebird", "plivo", "aliyun_sms"]

BANK: list[tuple[str, list[Check]]] = [
    # ---- a Chinese category head led by the class word alone --------------------------------
    (
        "Zendesk来新工单，先用AI分类：退款类转给财务邮箱 cw@abc.cn，故障类在Jira建issue，其他的发到Slack",
        [branches(MAIL, svc("jira", "create"), svc("slack", "create"))],
    ),
    (
        "收到新邮件后让AI分个类（合同/发票/其他）：合同类存到Google Drive，发票类记到Airtable，其他的发到钉钉",
        [
            branches(
                svc("google_drive", "create"), svc("airtable", "create"), svc("dingtalk", "create")
            )
        ],
    ),
    (
        "Typeform有新反馈，先用AI分类：建议类在Notion记一条，投诉类在Zendesk建工单，其他的忽略",
        [branches(svc("notion", "create"), svc("zendesk", "create"))],
    ),
    (
        "客户在企业微信里发消息，让AI判断类型：售前类推到飞书群，售后类在Trello建卡片",
        [branches(svc(["feishu", "lark"], "create"), svc("trello", "create"))],
    ),
    (
        "support邮箱收到新邮件，用AI分个类：物流类发给物流组 wl@abc.cn，质量类在ClickUp建任务，其他的发Slack",
        [branches(MAIL, svc("clickup", "create"), svc("slack", "create"))],
    ),
    (
        "Jotform有人提交工单，先让AI归类：账号类在Linear建issue，支付类转发到 pay@abc.cn",
        [branches(svc("linear", "create"), MAIL)],
    ),
    (
        "新的Intercom对话进来就用AI分类：咨询类回到Slack #sales，技术类在GitHub建issue，其他的记到Google表格",
        [branches(svc("slack", "create"), svc("github", "create"), svc("google_sheets", "create"))],
    ),
    (
        "Typeform有新评论时先用AI分个类（表扬/投诉）：表扬类发到飞书群，投诉类在Jira建问题",
        [branches(svc(["feishu", "lark"], "create"), svc("jira", "create"))],
    ),
    # ---- bare category heads with arrows after "decide if it's A, B or C" --------------------
    (
        "New Zendesk ticket: let AI decide if it's a refund, a question or a complaint. "
        "Refunds -> email finance@acme.com, questions -> post in Slack #support, complaints -> "
        "a Jira issue",
        [SORTED, branches(MAIL, svc("slack", "create"), svc("jira", "create"))],
    ),
    (
        "When a new Intercom conversation starts, have AI decide if it's sales, support or spam. "
        "Sales -> create a HubSpot deal, support -> a Zendesk ticket, spam -> nothing",
        [SORTED, branches(svc("hubspot", "create"), svc("zendesk", "create"))],
    ),
    (
        "For each new Typeform response let AI decide if it is praise, a bug or an idea. Bugs -> "
        "open a GitHub issue, ideas -> a card on my Trello board, praise -> post to Discord",
        [
            SORTED,
            branches(svc("github", "create"), svc("trello", "create"), svc("discord", "create")),
        ],
    ),
    (
        "New Gmail email: ask AI to decide if it's an invoice or a receipt. Invoices -> add a row "
        "in Airtable, receipts -> upload to Google Drive",
        [SORTED, branches(svc("airtable", "create"), svc("google_drive", "create"))],
    ),
    (
        "New Help Scout conversation: use AI to decide if it's a lead, a partner or a job "
        "applicant. Leads -> Pipedrive deal, partners -> Slack #partnerships, applicants -> "
        "forward to hr@acme.com",
        [SORTED, branches(svc("pipedrive", "create"), svc("slack", "create"), MAIL)],
    ),
    (
        "When a new Freshdesk ticket arrives let AI decide if it's an outage or a question. "
        "Outages -> a PagerDuty incident, questions -> a Notion page in our FAQ database",
        [SORTED, branches(svc("pagerduty", "create"), svc("notion", "create"))],
    ),
    # ---- mood heads with arrows, each in a sentence of its own ---------------------------------
    (
        "New Typeform review: have AI check the sentiment. Negative -> open a Freshdesk ticket. "
        "Positive -> post it to Slack #wins. Neutral -> nothing.",
        [MOOD, branches(svc("freshdesk", "create"), svc("slack", "create"))],
    ),
    (
        "When a new Trustpilot review comes in, run sentiment analysis on it. Negative -> email "
        "support@acme.com. Positive -> add a row to the 'Happy' Google Sheet.",
        [MOOD, branches(MAIL, svc("google_sheets", "create"))],
    ),
    (
        "New Jotform feedback: let AI rate the sentiment. Positive -> send a thank-you via "
        "SendGrid. Negative -> create a Zendesk ticket.",
        [MOOD, branches(svc("sendgrid", "create"), svc("zendesk", "create"))],
    ),
    (
        "Each new Intercom conversation: analyse the sentiment with AI. Negative -> a Linear "
        "issue. Positive -> a HubSpot note. Neutral -> skip.",
        [MOOD, branches(svc("linear", "create"), svc("hubspot", "create"))],
    ),
    (
        "新的Typeform反馈：让AI做情感分析。负面 → 在Zendesk建工单。正面 → 发到Slack #wins。",
        [MOOD, branches(svc("zendesk", "create"), svc("slack", "create"))],
    ),
    (
        "Jotform有新评价：先用AI判断情绪。差评 → 发邮件给 kf@abc.cn。好评 → 在飞书群里说一声。",
        [branches(MAIL, svc(["feishu", "lark"], "create"))],
    ),
    (
        "有新的Google表单回复时用AI分析情感。负面 → 在Jira建问题。正面 → 记到Airtable。中性 → 不管。",
        [MOOD, branches(svc("jira", "create"), svc("airtable", "create"))],
    ),
    (
        "每条新的App Store评论先做情感分析。负面 → 钉钉通知我。正面 → 写进Notion。",
        [MOOD, branches(svc("dingtalk", "create"), svc("notion", "create"))],
    ),
    # ---- a check's yes answer echoing its word after the other case ("不空就…，空的话…") -------
    (
        "做一个webhook：收到报名数据后检查邮箱是不是空的，不空就写进Notion并返回200，空的话返回422",
        [HOOK, branches(svc("notion", "create"), {"core": "webhook_response", "text": "422"})],
    ),
    (
        "Typeform有新报名：检查邮箱是不是公司邮箱，不是就发邮件拒绝，是的话在HubSpot建联系人",
        [branches(MAIL, svc("hubspot", "create"))],
    ),
    (
        "Jotform有新订单时检查备注是不是空的，不空就发到钉钉群，空的话记到Airtable",
        [branches(svc("dingtalk", "create"), svc("airtable", "create"))],
    ),
    # ---- a Chinese not-found head with no 就 before its action ------------------------------
    (
        "webhook收到会员号后去Airtable的会员表查，查到了就返回会员等级，查不到返回404",
        [
            HOOK,
            branches({"core": "webhook_response", "text": "404"}, {"core": "webhook_response"}),
            SAT,
        ],
    ),
    (
        "接口收到手机号后在MySQL里查用户，查到了就返回用户信息，找不到返回404",
        [branches({"core": "webhook_response", "text": "404"}, {"core": "webhook_response"})],
    ),
    # ---- a when-clause that says the item's value with "is for the 'X' <field>" -------------
    (
        "When a new Calendly booking is for the 'Consultation' event type, create a deal in "
        "Pipedrive; for any other event type just add it to my Google Calendar",
        [
            branches(svc("pipedrive", "create"), svc("google_calendar", "create")),
            guard(svc("pipedrive", "create"), "type", "consultation"),
            SAT,
        ],
    ),
    (
        "When a new Cal.com booking is for the 'Onboarding' event type, post it to Slack "
        "#onboarding, otherwise email me at me@acme.com",
        [
            branches(svc("slack", "create"), MAIL),
            guard(svc("slack", "create"), "type", "onboarding"),
        ],
    ),
    (
        "When a new HubSpot deal is in the 'Enterprise' pipeline, create a Jira issue for the "
        "solutions team; for other pipelines just post it to Slack #sales",
        [branches(svc("jira", "create"), svc("slack", "create")), SAT],
    ),
    # ---- parts of the day that head cases, not a window on every action ----------------------
    (
        "任何工作流出错时：如果在工作时间（10点到19点）就发到钉钉群，下班时间就发短信给我",
        [
            {"trigger": "error"},
            branches(svc("dingtalk", "create"), svc(SMS, "create")),
            guard(svc("dingtalk", "create"), "hour"),
        ],
    ),
    (
        "有工作流报错的时候，白天发飞书群，晚上发短信给值班的人",
        [branches(svc(["feishu", "lark"], "create"), svc(SMS, "create"))],
    ),
    (
        "When any workflow fails: during business hours post it to Slack #ops, after hours "
        "text me via Twilio",
        [
            {"trigger": "error"},
            branches(svc("slack", "create"), svc("twilio", "create")),
            guard(svc("twilio", "create"), "hour"),
        ],
    ),
    (
        "When a workflow errors, during the day email ops@acme.com; after 7pm page me on "
        "PagerDuty instead",
        [branches(MAIL, svc("pagerduty", "create")), guard(svc("pagerduty", "create"), "hour")],
    ),
    (
        "New Zendesk ticket: if it's during business hours post it in Slack #support, outside "
        "business hours send it to my Telegram",
        [branches(svc("slack", "create"), svc("telegram", "create"))],
    ),
    (
        "Typeform有新的客户咨询：上班时间就转到企业微信群，下班后就发邮件给 kf@abc.cn",
        [branches(svc(["wecom", "wechat_work"], "create"), MAIL)],
    ),
]

_OPEN: dict[str, str] = {
    "When a new Freshdesk ticket arrives let AI": "'Outages -> …' is read as a condition on a "
    "status word before the AI's categories are known",
    "Jotform有新评价：先用AI判断情绪。差评 →": "a Chinese mood word before an arrow ('差评 →') "
    "is no condition the arrow reader takes",
    "When a workflow errors, during the day": "a second hour head after ';' opens a second IF "
    "after the first one instead of taking its other output",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_branch11_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
