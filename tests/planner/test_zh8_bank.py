"""Bank for the zh8 round (sentences of our own, written before running the planner): a
comparison whose only field is the counting word after its number ("超过10个", "12人以上",
"少于20单", "more than 10 of them"), an app event said as a change of a record's field
("优先级变成high的时候", "状态改成“已完成”时") or as "每次有退款", and a two-sided case whose
first head carries an aside in brackets ("老顾客（之前下过单的）…；新顾客就…").

Each row says the trigger (and its event), which steps sit behind which condition output, and
what that condition compares."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, behind, sound, ways

Check = Callable[[Graph], None]
Words = tuple[str, ...]
COUNT: Words = ("count", "length", "total", "数", "number")
PEOPLE: Words = ("people", "人数", "guest", "party", "size", "headcount")
LEVEL: Words = ("vip", "VIP", "tag", "标签", "level", "tier", "type")


def each(*checks: Check) -> Check:
    """All of ``checks``, in order."""

    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def gate(step: str, field: Words | None = None) -> Check:
    return lambda g: behind(g, step, field)


def apart(steps: list[str], field: Words | None) -> Check:
    return lambda g: ways(g, steps, field)


def event(app: str, *words: str) -> Check:
    """The trigger is ``app``'s own trigger and its event says one of ``words``."""

    def run(g: Graph) -> None:
        t = g.trigger()
        said = str(t.parameters.get("event", ""))
        assert t.subtype == f"{app}_trigger", (t.subtype, t.parameters)
        assert any(w in said for w in words), said

    return run


def nothing(g: Graph) -> None:
    """No extra check beyond the trigger and soundness."""


BANK: list[tuple[str, str, Check]] = [
    # --- a comparison counted by the word after its number ---------------------------------
    (
        "每天早上8点从GitHub拉昨天新开的issue，超过5个就在Slack #dev 提醒大家，否则发到Discord就行",
        "schedule",
        each(apart(["slack", "discord"], COUNT), gate("slack", COUNT)),
    ),
    (
        "每周一上午9点看看上周Shopify的订单，不到100单就发邮件提醒我，100单以上在Slack里庆祝一下",
        "schedule",
        apart(["send_email", "slack"], COUNT),
    ),
    (
        "Jotform有人预订包厢时，超过8人的在Slack通知经理，不超过8人的直接加到Google日历",
        "jotform",
        each(apart(["slack", "google_calendar"], PEOPLE), gate("slack", PEOPLE)),
    ),
    (
        "每天晚上9点读Notion任务库里今天完成的任务，少于3条就用Telegram提醒我加油",
        "schedule",
        gate("telegram", COUNT),
    ),
    (
        "每小时查一次Zendesk里未解决的工单，多于20件就用钉钉提醒客服主管",
        "schedule",
        gate("dingtalk", COUNT),
    ),
    (
        "每天下午5点查一下今天的Calendly预约，超过8个就发Slack提醒我明天早点来",
        "schedule",
        gate("slack", COUNT),
    ),
    (
        "Every weekday at 9am pull yesterday's new Jira bugs. More than 10 of them: alert the "
        "team in Microsoft Teams, otherwise just post to Slack",
        "schedule",
        apart(["microsoft_teams", "slack"], COUNT),
    ),
    (
        "Check Shopify orders every day at 6pm; if fewer than 20 orders came in, have OpenAI "
        "write a promo post and publish it to our Facebook page",
        "schedule",
        gate("facebook", COUNT),
    ),
    # --- an app event said as a change of the record's field ----------------------------------
    (
        "Zendesk工单的优先级变成high的时候，用Slack通知值班经理",
        "zendesk",
        event("zendesk", "priority"),
    ),
    (
        "当ClickUp任务状态改成“已完成”时，用Gmail给客户发邮件",
        "clickup",
        event("clickup", "status"),
    ),
    (
        "Shopify每次有退款，都记到Airtable的“退款记录”表里",
        "shopify",
        event("shopify", "refund"),
    ),
    (
        "Shopify上有人退款的时候发钉钉通知财务",
        "shopify",
        event("shopify", "refund"),
    ),
    (
        "Jira里issue状态改成Done时，在飞书群里说一声",
        "jira",
        event("jira", "updated", "status", "changed"),
    ),
    (
        "whenever a ClickUp task's status changes to 'Ready for QA', post in #qa on Slack",
        "clickup",
        event("clickup", "status"),
    ),
    (
        "When a Zendesk ticket's priority gets bumped to urgent, call the on-call manager "
        "with Twilio",
        "zendesk",
        event("zendesk", "priority"),
    ),
    (
        "Typeform每收到一条新的反馈，就用OpenAI总结一下发到Slack",
        "typeform",
        event("typeform", "submit"),
    ),
    # --- a case head with an aside in brackets -------------------------------------------------
    (
        "WooCommerce来新订单：老顾客（之前下过单的）发优惠券邮件；新顾客就加到Mailchimp欢迎列表",
        "woocommerce",
        apart(["send_email", "mailchimp"], None),
    ),
    (
        "HubSpot有新联系人：企业用户（填了公司名的）在Salesforce建线索，个人用户就发到Slack #leads",
        "hubspot",
        apart(["salesforce", "slack"], None),
    ),
    (
        "Zendesk有新工单时：VIP客户（组织带vip标签）用Twilio打电话给经理，不是VIP的发到Microsoft Teams",
        "zendesk",
        apart(["twilio", "microsoft_teams"], LEVEL),
    ),
    (
        "Gmail收到新邮件时：重要客户（发件人在VIP名单里的）转发到钉钉，其他的存到Notion",
        "gmail",
        apart(["dingtalk", "notion"], None),
    ),
    (
        "New Shopify order: returning customers (bought before) get tagged in Mailchimp; "
        "first-time buyers get a welcome email from Brevo",
        "shopify",
        apart(["mailchimp", "brevo"], None),
    ),
]

# rows still open, by their first words, with the reason
_OPEN: dict[str, str] = {
    "每周一上午9点看看上周Shopify的订单": "'100单以上在Slack里…' (no 的 or 就 after the count) opens "
    "no second case: both steps sit on the first case's passing output",
    "Every weekday at 9am pull yesterday": "'More than 10 of them: …' compares the money "
    "default, not the count of the items read",
    "Check Shopify orders every day at 6pm": "'fewer than 20 orders came in' compares a field "
    "'orders', not a count",
    "HubSpot有新联系人：企业用户": "the aside '（填了公司名的）' reads as a condition (公司名 not "
    "empty), so it stays and the two kinds share one output",
    "New Shopify order: returning": "the English aside '(bought before)' is not dropped; "
    "'first-time buyers get a welcome email from Brevo' becomes a Brevo read",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_zh8(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
