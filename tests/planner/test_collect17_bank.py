"""Collect17 bank (own sentences, written before the fix): reads that gather items before
one message.

Constructions:

* one message for all the items read ("in one email, not one per item", "a single Slack
  message with all of them", "整理成一封邮件", "别一条一条发", "合成一条消息"): the items are
  gathered (an aggregate, code or template step) before the message is sent;
* a named app's contents read with "check what's left / what's in X" ("check what's left in
  our Airtable stock base", "look at what's in our Notion tasks database"): a read of that
  app, never a web page check, and a filter said on a field tests that field;
* a date window relative to today on read items ("guests arriving in two days", "tasks due
  tomorrow", "三天后到期的合同"): the send is guarded by the date field, or a code / date
  step computes it;
* after a read, "whichever have not … / if all have …" ("哪家店没填就…，全都填了就…"): the
  sheet is read, and the two messages sit on different outputs of one condition.

Rows are scored with the evaluation's own check vocabulary (bench/eval_planner/checks.py).
"""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, branches, failures, guard, order, svc

MAIL: Check = {
    "any": [
        {"core": ["send_email", "gmail_send"]},
        {"service": ["gmail", "microsoft_outlook", "outlook"], "verb": "create"},
    ]
}
GATHER: Check = {"any": [{"core": ["aggregate", "code", "text_template"]}]}
NO_Q: Check = {"no_question": True}


def cond_on(*words: str) -> Check:
    return {"condition_node": True, "text": list(words)}


def gathered_before(sel: Check) -> Check:
    return order(GATHER, sel)


def dated(sel: Check, *fields: str) -> Check:
    """``sel`` is guarded by a date-like field, or a code / date step works the window out."""
    return {"any": [guard(sel, *fields), {"core": ["code", "date_time"]}]}


BANK: list[tuple[str, list[Check]]] = [
    # ---- one message for all the items --------------------------------------------------
    (
        "Every Friday at 5pm pull the open tickets from Zendesk and email them to "
        "lead@helpdesk.io as one email, not one email per ticket",
        [svc("zendesk", "read"), GATHER, gathered_before(MAIL), NO_Q],
    ),
    (
        "Each morning get today's new deals from Pipedrive and post them to Slack #sales "
        "in a single message rather than one message per deal",
        [svc("pipedrive", "read"), GATHER, gathered_before(svc("slack", "create"))],
    ),
    (
        "At 6pm every weekday read the rows added today to the 'Orders' Google Sheet and send "
        "the warehouse warehouse@shop.io a single email listing all of them",
        [svc("google_sheets", "read"), GATHER, gathered_before(MAIL)],
    ),
    (
        "Every Monday fetch last week's closed issues from Jira and put them all into one "
        "Telegram message for the team",
        [svc("jira", "read"), GATHER, gathered_before(svc("telegram", "create"))],
    ),
    (
        "每天下午5点从Notion里取出今天完成的任务，汇总成一条消息发到飞书群，不要一条任务发一条",
        [svc("notion", "read"), GATHER, gathered_before(svc(["lark", "feishu"], "create"))],
    ),
    (
        "诊所：每天晚上9点查一下Airtable里明天的预约，整理成一封邮件发给前台 desk@clinic.cn，"
        "别一个预约发一封",
        [svc("airtable", "read"), GATHER, gathered_before(MAIL), NO_Q],
    ),
    (
        "每周五从HubSpot读出本周新增的联系人，合并成一封邮件发给 sales@acme.cn",
        [svc("hubspot", "read"), GATHER, gathered_before(MAIL)],
    ),
    (
        "每天早上7点从Google表格'待发货'里读出今天要发的单子，整理成一条消息发到钉钉群，"
        "不要一单发一条",
        [svc("google_sheets", "read"), GATHER, gathered_before(svc("dingtalk", "create"))],
    ),
    (
        "健身房：每晚10点从MySQL查出今天没来上课的会员，汇总到一封邮件里发给教练 coach@gym.cn",
        [svc("mysql", "read"), GATHER, gathered_before(MAIL)],
    ),
    # ---- "check what's left / what's in X": a read of the app --------------------------
    (
        "Every night at 9 check what's left in our Airtable stock base; anything with "
        "quantity below 5 gets emailed to buyer@cafe.io in one email",
        [
            svc("airtable", "read"),
            {"any": [cond_on("quantity"), svc("airtable", "read", "quantity")]},
            gathered_before(MAIL),
        ],
    ),
    (
        "Every Monday morning look at what's in our Notion reading list database and send "
        "me the items with status 'unread' in one Slack message",
        [svc("notion", "read"), order(svc("notion", "read"), svc("slack", "create")), GATHER],
    ),
    (
        "每天晚上8点看一下Airtable库存表里还剩多少，数量少于10的整理成一封邮件发给供应商 "
        "supply@farm.cn",
        [svc("airtable", "read"), gathered_before(MAIL)],
    ),
    (
        "每周一查一下Google表格'耗材'里还剩什么，库存低于3的合成一条消息发到企业微信群",
        [svc("google_sheets", "read"), GATHER],
    ),
    # ---- a date window relative to today on read items ---------------------------------
    (
        "Our campsite bookings live in the 'Reservations' Google Sheet. Every morning at 9 "
        "email directions to campers arriving in three days.",
        [svc("google_sheets", "read"), dated(MAIL, "arriv", "date", "check")],
    ),
    (
        "Every day at 8 read the rentals from Airtable and text customers whose rental is "
        "due back tomorrow with Twilio",
        [svc("airtable", "read"), dated(svc("twilio", "create"), "due", "date", "return")],
    ),
    (
        "每天上午10点从Google表格'合同'里读出合同，给三天后到期的客户发邮件提醒续签",
        [svc("google_sheets", "read"), dated(MAIL, "到期", "date", "expir", "due")],
    ),
    (
        "宠物店：每天早上9点查Airtable里的预约，给明天来洗澡的客人发短信提醒（用Twilio）",
        [svc("airtable", "read"), dated(svc("twilio", "create"), "date", "日期", "预约", "明天")],
    ),
    # ---- after a read: whichever have not / all have ----------------------------------
    (
        "各班老师每天下午4点前要在Google表格'考勤'里填出勤，4点半检查一下，哪个班没填就在飞书群里"
        "提醒对应老师，全都填了就发一句'今日考勤已齐'",
        [
            svc("google_sheets", "read"),
            branches(svc(["lark", "feishu"], "create"), svc(["lark", "feishu"], "create")),
        ],
    ),
    (
        "每周五下午6点查看Airtable'周报'表，哪个人还没交就在Slack提醒他，全部交了就在Slack发"
        "'本周周报已收齐'",
        [
            svc("airtable", "read"),
            branches(svc("slack", "create"), svc("slack", "create")),
        ],
    ),
    (
        "Every weekday at 11 check the 'Timesheets' Google Sheet: whoever has not filled in "
        "their hours gets a Slack reminder, and if everyone has, post 'All timesheets in' "
        "to #ops",
        [
            svc("google_sheets", "read"),
            branches(svc("slack", "create"), svc("slack", "create")),
        ],
    ),
    (
        "每天晚上9点检查Google表格'门店日报'，有门店没填营业额就在钉钉群里@店长，都填了就发"
        "'日报齐了'",
        [
            svc("google_sheets", "read"),
            branches(svc("dingtalk", "create"), svc("dingtalk", "create")),
        ],
    ),
]

_OPEN: dict[str, str] = {
    "Every night at 9 check what's left": "'anything with quantity below 5 gets emailed': "
    "a passive send qualified by 'anything with' is not read as a condition yet",
    "各班老师每天下午4点前": "a sentence of what people do by hand ('要在表格里填') is read as "
    "an append, and 'X没填就…，全都填了就…' needs a count of the missing before one IF",
    "每周五下午6点查看Airtable": "'哪个人还没交就…，全部交了就…': no reader for the two sides",
    "Every weekday at 11 check": "'whoever has not …, and if everyone has, …': no reader for "
    "the two sides",
    "每天晚上9点检查Google表格'门店日报'": "'有门店没填…就…，都填了就…': the all-filled side "
    "needs a count of the missing before one IF",
}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_collect17_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    rows = [t for t, _ in BANK]
    assert len(rows) >= 20
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
