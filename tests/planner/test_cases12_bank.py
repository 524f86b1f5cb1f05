"""The cases12 bank (sentences of our own, English and Chinese): two cases said by labels
rather than with "if … otherwise", the second label the complement of the first: an
antonym ("outside the EU: …. Inside the EU: …", "国外的…；国内的…", "internal … external"),
a negation ("重复的…；不重复的…", "在北京的…；不在北京的…", "VIP … non-VIP"), or "any other
<noun>" ("push to main: …. Pushes to any other branch: …", "推到main分支的…；其他分支的…").
The first label's action sits on the passing output of one condition, the second's on the
other output of that same condition; a label whose action is "nothing" gets no step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, only, sound, split

Check = Callable[[Graph], None]


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


PLACE = ("country", "ship", "地址", "address", "region", "国", "eu", "us")
BRANCH = ("branch", "分支", "ref")
DUP = ("重复", "duplicate", "email", "邮箱")

BANK: list[tuple[str, str, Check]] = [
    # --- antonym labels, English -------------------------------------------------------------
    (
        "New WooCommerce order. Ships outside the US: add a row to the 'customs' sheet in "
        "Google Sheets. Inside the US: post to Slack #warehouse.",
        "woocommerce",
        lambda g: split(g, "google_sheets", "slack", PLACE),
    ),
    (
        "When a Jotform submission comes in. Delivery outside the EU: email export@acme.io. "
        "Inside the EU: create a card in Trello.",
        "jotform",
        lambda g: split(g, "send_email", "trello", PLACE),
    ),
    (
        "New Pipedrive deal. Internal deals: nothing. External deals: create a task in Asana.",
        "pipedrive",
        each(lambda g: only(g, ["asana"]), lambda g: _guarded(g, "asana")),
    ),
    (
        "New HubSpot contact. External contacts: add them to Mailchimp. Internal contacts: "
        "post to Slack #team.",
        "hubspot",
        lambda g: split(g, "mailchimp", "slack", ("external", "internal", "contact")),
    ),
    # --- negated labels, English -------------------------------------------------------------
    (
        "New Zendesk ticket. VIP customers: create a PagerDuty incident. Non-VIP customers: "
        "add a card to Trello.",
        "zendesk",
        lambda g: split(g, "pagerduty", "trello", ("vip", "VIP")),
    ),
    (
        "For every new Typeform response. Paid plans: add them to HubSpot. Not paid plans: "
        "add them to Mailchimp.",
        "typeform",
        lambda g: split(g, "hubspot", "mailchimp", ("paid", "plan")),
    ),
    # --- "any other <noun>", English ---------------------------------------------------------
    (
        "New GitHub push. Push to main: trigger the Jenkins job deploy. Pushes to any other "
        "branch: post to Discord #ci.",
        "github",
        lambda g: split(g, "jenkins", "discord", BRANCH),
    ),
    (
        "When a Stripe charge succeeds. Paid in EUR: add it to Airtable. Any other currency: email "
        "finance@acme.io.",
        "stripe",
        lambda g: split(g, "airtable", "send_email", ("currency",)),
    ),
    (
        "New Shopify order. Orders from Canada: post to Slack #ca. Orders from any other "
        "country: add a row to Google Sheets.",
        "shopify",
        lambda g: split(g, "slack", "google_sheets", ("country", "canada")),
    ),
    # --- antonym labels, Chinese -------------------------------------------------------------
    (
        "Shopify有新订单：收货地址在海外的发邮件给ops@acme.cn；国内的在Trello建卡片",
        "shopify",
        lambda g: split(g, "send_email", "trello", PLACE),
    ),
    (
        "WooCommerce来新订单时，寄到国内的在ClickUp建任务；寄到国外的发邮件给wuliu@abc.cn",
        "woocommerce",
        lambda g: split(g, "clickup", "send_email", PLACE),
    ),
    (
        "HubSpot有新联系人：内部的发到Slack #team；外部的加到Mailchimp",
        "hubspot",
        lambda g: split(g, "slack", "mailchimp", ("内部", "外部", "internal", "type", "status")),
    ),
    (
        "Jotform有新提交：境外客户的发邮件给export@acme.cn；境内客户的记到Airtable",
        "jotform",
        lambda g: split(g, "send_email", "airtable", ("境", "country", "客户", "region")),
    ),
    # --- negated labels, Chinese -------------------------------------------------------------
    (
        "Typeform有新回复：邮箱重复的发Slack提醒我；不重复的加到Airtable",
        "typeform",
        lambda g: split(g, "slack", "airtable", DUP),
    ),
    (
        "HubSpot有新联系人：公司在北京的加到Mailchimp；不在北京的在Asana建任务",
        "hubspot",
        lambda g: split(g, "mailchimp", "asana", ("company", "公司", "北京", "city")),
    ),
    (
        "新的Stripe付款：首次付款的发邮件到team@acme.cn；非首次付款的记到Notion",
        "stripe",
        lambda g: split(g, "send_email", "notion", ("首次", "first")),
    ),
    (
        "Jotform有新报名：已付款的在Airtable建记录；未付款的发邮件提醒到pay@acme.cn",
        "jotform",
        lambda g: split(g, "airtable", "send_email", ("付款", "paid", "status")),
    ),
    (
        "Zendesk来新工单：VIP客户的在PagerDuty建事件；非VIP客户的在Trello建卡片",
        "zendesk",
        lambda g: split(g, "pagerduty", "trello", ("vip", "VIP")),
    ),
    # --- "其他<noun>", Chinese ----------------------------------------------------------------
    (
        "GitHub有新推送：推到main分支的在Jenkins跑deploy任务；其他分支的发Discord消息到#ci",
        "github",
        lambda g: split(g, "jenkins", "discord", BRANCH),
    ),
    (
        "Stripe有新付款：币种是欧元的加到Airtable；其他币种的发邮件给finance@acme.cn",
        "stripe",
        lambda g: split(g, "airtable", "send_email", ("币种", "currency")),
    ),
    # --- a label whose action is nothing ------------------------------------------------------
    (
        "Typeform有新回复：邮箱重复的不用管；不重复的加到Airtable",
        "typeform",
        each(lambda g: only(g, ["airtable"]), lambda g: _guarded(g, "airtable")),
    ),
    (
        "New Zendesk ticket. Internal tickets: ignore. External tickets: create an issue in Jira.",
        "zendesk",
        each(lambda g: only(g, ["jira"]), lambda g: _guarded(g, "jira")),
    ),
]


def _guarded(g: Graph, step: str) -> None:
    assert g.sides(step), (step, g.edges)


STILL_OPEN: dict[str, str] = {
    "Typeform有新回复：邮箱重复的不用管": "the seen-before pass reads 重复的不用 as a dedupe before "
    "the cases are read",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, STILL_OPEN, 60))
def test_cases12_outcome(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
