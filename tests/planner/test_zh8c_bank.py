"""Bank for the zh8c round (sentences of our own, written before running the planner): a
vague reference that must make the planner ask ("那个事", "that thing"), a quoted message
said after a chat verb ("提醒我“…”", "发一句“…”"), a count of years or a skill as a case
("5年以上的", "会Python的"), a money amount in 万 on a thing ("房子500万以上"), an attempt
count ("第一次失败…；第三次…"), and an email-domain case ("邮箱是公司域名的").

Each row is scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, asks, branches, failures, guard, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "outlook", "microsoft_outlook", "sendgrid"], "verb": "create"},
    ]
}
SAT: Check = {"condition_satisfiable": True}
SCHED: Check = {"trigger": "schedule"}
HOOK: Check = {"trigger": "webhook"}
NOQ: Check = {"no_question": True}
Q_WORDS = ("什么", "哪", "提醒", "什么时候", "what", "which", "when")

BANK: list[tuple[str, list[Check]]] = [
    # ---- a vague reference: ask what is meant ------------------------------------------------
    ("每周帮我提醒一下那件事", [asks(*Q_WORDS)]),
    ("你能每天早上提醒我那个事情吗", [asks(*Q_WORDS)]),
    ("每个月记得提醒我弄一下那个", [asks(*Q_WORDS)]),
    ("can you remind me about that thing every day", [asks(*Q_WORDS)]),
    ("every week ping me about the stuff we talked about", [asks(*Q_WORDS)]),
    # ---- a quoted message after a chat verb --------------------------------------------------
    (
        "每天晚上9点读Airtable里今天的订单，总数少于10就Telegram提醒我“今天单子太少”，否则发一句“继续保持”",
        [
            SCHED,
            svc("telegram", "create", "单子太少"),
            svc("telegram", "create", "继续保持"),
            branches(svc("telegram", "create", "单子太少"), svc("telegram", "create", "继续保持")),
            SAT,
        ],
    ),
    (
        "每周一早上读Google表格里的库存，低于20的用Slack发一句“该补货了”",
        [SCHED, svc("slack", "create", "该补货了"), guard(svc("slack", "create")), SAT],
    ),
    (
        "Every night at 10 read today's spending from the Notion database; if the total is "
        'over 300 send me a Telegram saying "over budget", otherwise send "good job today"',
        [
            SCHED,
            svc("telegram", "create", "over budget"),
            svc("telegram", "create", "good job"),
            branches(
                svc("telegram", "create", "over budget"), svc("telegram", "create", "good job")
            ),
        ],
    ),
    (
        "每天下午6点查一下Stripe今天的收入，超过1万就在钉钉群里说“今天破万了”",
        [SCHED, svc("dingtalk", "create", "破万"), guard(svc("dingtalk", "create")), SAT],
    ),
    # ---- years of experience / a skill as a case ---------------------------------------------
    (
        "简历会推到我们的webhook，用AI提取工作年限：3年以上的写进Airtable，其他的用SendGrid发婉拒信",
        [
            HOOK,
            {"ai": "extract"},
            branches(svc("airtable", "create"), svc("sendgrid", "create")),
            guard(svc("airtable", "create"), "year", "年", "experience"),
            SAT,
            NOQ,
        ],
    ),
    (
        "有人在Typeform投简历：会Java的发到飞书招聘群，不会的发邮件说暂时不合适",
        [
            branches(svc(["feishu", "lark"], "create"), MAIL),
            guard(svc(["feishu", "lark"], "create"), "java", "skill", "技能"),
            SAT,
        ],
    ),
    (
        "Candidates come in via webhook. Use AI to extract years of experience and skills; "
        "those with more than 5 years who know Python go to Airtable, the rest get a "
        "SendGrid rejection",
        [
            HOOK,
            branches(svc("airtable", "create"), svc("sendgrid", "create")),
            guard(svc("airtable", "create"), "year", "python", "skill", "experience"),
            SAT,
        ],
    ),
    # ---- an amount in 万 on a thing ------------------------------------------------------------
    (
        "客户在Jotform上预约看车，车价30万以上的在HubSpot建deal，其他的只发邮件确认",
        [
            branches(svc("hubspot", "create"), MAIL),
            guard(svc("hubspot", "create"), "price", "价", "budget", "预算", "万"),
            SAT,
        ],
    ),
    (
        "有人在Calendly预约咨询，如果预算100万以上就用企业微信通知合伙人",
        [
            guard(svc(["wecom", "wechat_work"], "create"), "price", "budget", "预算", "万"),
            SAT,
        ],
    ),
    # ---- an attempt count ----------------------------------------------------------------------
    (
        "Stripe付款失败时：第一次失败发邮件提醒客户；第二次还失败就在Slack #billing 说一声",
        [
            branches(MAIL, svc("slack", "create")),
            guard(svc("slack", "create"), "attempt", "count", "次"),
            SAT,
        ],
    ),
    (
        "When a Stripe invoice payment fails: on the first attempt email the customer; on the "
        "third failed attempt cancel their subscription in Chargebee",
        [
            branches(MAIL, svc("chargebee", "delete")),
            guard(svc("chargebee", "delete"), "attempt", "count"),
            SAT,
        ],
    ),
    # ---- an email domain case ------------------------------------------------------------------
    (
        "Shopify有新客户：邮箱是企业域名的在HubSpot建联系人，否则加到Mailchimp",
        [
            branches(svc("hubspot", "create"), svc("mailchimp", "create")),
            guard(svc("hubspot", "create"), "email", "邮箱", "domain"),
            SAT,
        ],
    ),
    (
        "New WooCommerce customer: if their email is a company domain (not gmail or yahoo) "
        "create a lead in Zoho CRM, otherwise add them to Mailchimp",
        [
            branches(svc("zoho_crm", "create"), svc("mailchimp", "create")),
            guard(svc("zoho_crm", "create"), "email", "domain"),
            SAT,
        ],
    ),
    # ---- a field emptiness said after the send it guards --------------------------------------
    (
        "Trello卡片移到“待审核”时用Gmail给客户发邮件，邮箱在卡片描述里。邮箱要是空的，就在卡片上留评论",
        [
            branches(svc("gmail", "create"), svc("trello", "create")),
            guard(svc("gmail", "create"), "email", "邮箱"),
            SAT,
        ],
    ),
    (
        "我手动运行：读Airtable里的会员，每个人用Outlook发续费提醒；没有邮箱的会员记到Google表格“缺邮箱”",
        [
            {"trigger": "manual"},
            branches(
                svc(["outlook", "microsoft_outlook"], "create"), svc("google_sheets", "create")
            ),
            guard(svc("google_sheets", "create"), "email", "邮箱"),
            SAT,
        ],
    ),
    # ---- an AI judgement with a shared last step -----------------------------------------------
    (
        "客户在表单里提交投诉，AI判断严不严重：严重的发Slack给主管，不严重的在Zendesk建工单。不管哪种，最后都给客户回一封邮件",
        [
            {"ai": "any"},
            branches(svc("slack", "create"), svc("zendesk", "create")),
            MAIL,
            SAT,
            NOQ,
        ],
    ),
    # ---- Home Assistant on / off ---------------------------------------------------------------
    (
        "每5分钟检查UptimeRobot，有站点down就用Home Assistant把红灯打开，全部正常就把红灯关掉",
        [
            svc("home_assistant", text="turn_on"),
            svc("home_assistant", text="turn_off"),
            branches(svc("home_assistant", text="turn_on"), svc("home_assistant", text="turn_off")),
        ],
    ),
]

_OPEN: dict[str, str] = {
    "有人在Typeform投简历": "'会Java的，…不会的…' (a skill) opens no case",
    "Candidates come in via webhook": "'the rest get a SendGrid rejection' builds no SendGrid step",
    "Stripe付款失败时：第一次": "a head '第一次失败发…' with no 就 opens no case (the "
    "attempt count itself is read)",
    "When a Stripe invoice payment fails: on the first": "'on the first attempt <verb> …' as a case head "
    "opens no case (the attempt count itself is read)",
    "每5分钟检查UptimeRobot": "Home Assistant on/off: the catalog cannot set the service "
    "field's value from the operation words",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_zh8c_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
