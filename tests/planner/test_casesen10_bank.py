"""The casesen10 bank (sentences of our own, English and Chinese): case lists written with
arrows on a field said twice ("label bug -> …, label docs -> …"), a heading that names the
items before a colon ("github issues in acme/app: …", "发到…的邮件：…") as the start, the
rest said as a subject ("all the others …", "every other recall …", "其余的…"), a case head
with its measure in brackets ("big companies (more than 50 employees) get …"), a condition
after the action ("alert … when someone leaves a 1 or 2 star rating"), the failed
workflow's name, and "neither A nor B" as the remaining case."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.core.models import Workflow
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound, split, ways
from tests.planner.edit_fixtures import edit, into, is_email, kept, new_nodes, node, wf

Check = Callable[[Graph], None]


def guarded(step: str, field: tuple[str, ...]) -> Check:
    """``step`` sits behind a gate that compares one of ``field``."""

    def run(g: Graph) -> None:
        gates = g.sides(step)
        assert any(any(f in g.compares(i) for f in field) for i in gates), (
            gates,
            {i: g.compares(i) for i in gates},
        )

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


LABEL = ("label", "标签")
SUBJECT = ("subject", "主题")
TEXT = ("text", "content", "内容", "title", "description")
EMPLOYEES = ("employee", "员工", "headcount", "size")
RATING = ("rating", "star", "score", "评分", "星")
NAME = ("workflow", "name", "工作流")

BANK: list[tuple[str, str, Check]] = [
    # --- arrow case lists on a field said twice ----------------------------------------------
    (
        "new Jira issues: priority high -> post to Slack, priority low -> add a row to Google "
        "Sheets",
        "jira",
        lambda g: ways(g, ["slack", "google_sheets"], "priority"),
    ),
    (
        "When a Zendesk ticket comes in: type refund -> email billing@acme.io, type question "
        "-> a card in the Support list on Trello",
        "zendesk",
        lambda g: ways(g, ["send_email", "trello"], "type"),
    ),
    (
        "github issues in acme/site: label bug -> card in the Fixes list on Trello, label "
        "design -> add to the Design board in Notion. ignore the rest",
        "github",
        lambda g: ways(g, ["trello", "notion"], LABEL),
    ),
    (
        "收到新的Zendesk工单时，按类型分：退款 → 发邮件到billing@acme.io；咨询 → 在Trello建卡片",
        "zendesk",
        lambda g: ways(g, ["send_email", "trello"], ("类型", "type")),
    ),
    (
        "Jira有新问题时：优先级是高 → 发到钉钉；优先级是低 → 记到谷歌表格",
        "jira",
        lambda g: ways(g, ["dingtalk", "google_sheets"], ("优先级", "priority")),
    ),
    # --- a heading that names the items as the start -----------------------------------------
    (
        "github issues in acme/app: if the label is bug, create a Trello card; otherwise add "
        "a page in Notion",
        "github",
        lambda g: split(g, "trello", "notion", LABEL),
    ),
    (
        "Emails coming into sales@acme.io: when the subject mentions invoice, post to Slack; "
        "all the others just get logged in Google Sheets",
        "email",
        lambda g: split(g, "slack", "google_sheets", SUBJECT),
    ),
    (
        "GitHub仓库acme/app的issue：如果标签是bug就在Trello建卡片，否则加到Notion",
        "github",
        lambda g: split(g, "trello", "notion", LABEL),
    ),
    (
        "发到sales@acme.io的邮件：如果主题包含发票就发到Slack，其他的都记到谷歌表格",
        "email",
        lambda g: split(g, "slack", "google_sheets", SUBJECT),
    ),
    # --- the rest said as a subject ----------------------------------------------------------
    (
        "When a Shopify order comes in, if the total is over 200 post to Slack; all the "
        "others just go into Airtable",
        "shopify",
        lambda g: split(g, "slack", "airtable", ("total", "amount")),
    ),
    (
        "Watch the RSS feed https://status.example.com/feed.xml. If an item mentions outage, "
        "create a PagerDuty incident; every other post just goes into the Notion 'Status' "
        "database.",
        "rss",
        lambda g: split(g, "pagerduty", "notion", TEXT),
    ),
    (
        "Shopify有新订单时，如果金额超过200就发到Slack；其余的都放进Airtable",
        "shopify",
        lambda g: split(g, "slack", "airtable", ("金额", "amount", "total")),
    ),
    (
        "监控RSS源https://status.example.com/feed.xml，如果内容包含故障就在PagerDuty建事件，"
        "其他所有的就存到Notion",
        "rss",
        lambda g: split(g, "pagerduty", "notion", TEXT),
    ),
    # --- a case head with its measure in brackets --------------------------------------------
    (
        "When a HubSpot contact is created, large companies (more than 200 employees) get an "
        "Asana task for Kim, everyone else goes to our Mailchimp list",
        "hubspot",
        each(
            lambda g: split(g, "asana", "mailchimp", EMPLOYEES),
            lambda g: sound(g, "hubspot"),
        ),
    ),
    (
        "For each new Pipedrive deal: big deals (over 10000 dollars) get a Trello card, "
        "everything else gets added to a Google Sheet",
        "pipedrive",
        lambda g: split(g, "trello", "google_sheets", ("amount", "value", "price")),
    ),
    (
        "HubSpot有新联系人时，大公司（员工超过50人）就在ClickUp建任务，其他的都加到ActiveCampaign",
        "hubspot",
        lambda g: split(g, "clickup", "activecampaign", EMPLOYEES),
    ),
    (
        "Pipedrive有新交易时，大单（金额超过10000）在Trello建卡片，其余的都加到谷歌表格",
        "pipedrive",
        lambda g: split(g, "trello", "google_sheets", ("金额", "amount", "value")),
    ),
    # --- a condition said after the action ---------------------------------------------------
    (
        "alert me on Slack when someone leaves a 1 or 2 star rating on our Typeform",
        "typeform",
        guarded("slack", RATING),
    ),
    (
        "notify the team on Discord when a customer gives a rating below 3 on our feedback form",
        "form",
        guarded("discord", RATING),
    ),
    (
        "有人在我们的Typeform上打了1星或2星评分时，在Slack提醒我",
        "typeform",
        guarded("slack", RATING),
    ),
    (
        "当客户在反馈表单里给出低于3分的评分时，在钉钉通知团队",
        "form",
        guarded("dingtalk", RATING),
    ),
    # --- the failed workflow's name ----------------------------------------------------------
    (
        "When any workflow fails, post the error to #alerts in Slack. If the one that failed "
        "is 'Invoice sync', create a PagerDuty incident as well.",
        "error",
        guarded("pagerduty", NAME),
    ),
    (
        "任何工作流失败时，把错误发到Slack的#alerts频道。如果失败的是'发票同步'，再在PagerDuty建事件。",
        "error",
        guarded("pagerduty", NAME),
    ),
]

STILL_OPEN: dict[str, str] = {
    "Jira有新问题时：优先级是高": "a Chinese field-is-value head before an arrow is not a case head",
    "notify the team on Discord": "'a rating below 3' in a when-clause compares the amount",
    "当客户在反馈表单里": "'低于3分的评分' after a place reads the place's tail as the field",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, STILL_OPEN, 60))
def test_casesen10_outcome(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


# --- "neither A nor B" in an edit: the rest of a switch's cases --------------------------------


def _triage() -> Workflow:
    return wf(
        [
            node("n1", "email_trigger", "New mail", {"mailbox": "INBOX"}),
            node(
                "n2",
                "text_classifier",
                "Sort",
                {"categories": [{"name": "billing"}, {"name": "bug"}, {"name": "other"}]},
            ),
            node(
                "n3",
                "switch",
                "Route",
                {
                    "field": "{{ $json.category }}",
                    "rules": [
                        {"operator": "equals", "value": "billing"},
                        {"operator": "equals", "value": "bug"},
                    ],
                },
            ),
            node("n4", "zendesk", "Billing", {"resource": "ticket", "operation": "create"}),
            node("n5", "jira", "Bug", {"resource": "issue", "operation": "create"}),
        ],
        [
            ("n1", "main", "n2"),
            ("n2", "main", "n3"),
            ("n3", "output_0", "n4"),
            ("n3", "output_1", "n5"),
        ],
    )


EDITS: list[tuple[str, str]] = [
    ("mails that are neither billing nor bug should get forwarded to triage@acme.io", "email"),
    ("forward the ones that are neither billing nor bug to triage@acme.io", "email"),
    ("for emails that are neither billing nor bug, post to Slack #triage", "slack"),
    ("既不是billing也不是bug的转发到triage@acme.io", "email"),
    ("不是billing也不是bug的都转发到triage@acme.io", "email"),
    ("既不是billing也不是bug的，转发到triage@acme.io", "email"),
]
EDITS_OPEN = {
    "既不是billing也不是bug的，": "a 不是…也不是… clause before a comma lends no place to the next",
}


@pytest.mark.parametrize(("text", "kind"), bank_cases(EDITS, EDITS_OPEN, 40))
def test_neither_goes_on_the_fallback(text: str, kind: str) -> None:
    before = _triage()
    after = edit(before, text)
    added = new_nodes(before, after)
    wanted = [n for n in added if (is_email(n) if kind == "email" else kind in n.subtype)]
    assert wanted, [(n.subtype, n.parameters) for n in added]
    assert into(after, wanted[0].id) == [("n3", "fallback")], into(after, wanted[0].id)
    kept(before, after, ["n1", "n2", "n3", "n4", "n5"])
