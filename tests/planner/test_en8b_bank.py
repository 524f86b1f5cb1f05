"""Cases, senders, ranges and job names bank (round en8b, sentences of our own, English and
Chinese).

Constructions:

* a condition in one sentence and its otherwise in the next said as its negation ("If
  they're a student, … If they're not, …", "如果…；如果不是，…");
* a step for everyone "unless" a case, the case's own step after "; for those" ("…，除非…；
  这种…就…");
* cases said as list heads of a value ("Shipping outside the US: … Inside the US: …",
  "寄往国外的：…国内的：…"), with a step for either way;
* a mail start that names its sender before a colon ("emails from my landlord
  (landlord@rent.example): …", "来自 hr@corp.cn 的邮件：…");
* a value "outside the normal range" (bounds assumed from the data when none are said) or
  outside said bounds ("不在2到8之间");
* a Jenkins job named by the request ("run the Jenkins job deploy-prod", "the 'run-tests' job").
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, behind, sound, split, ways

Check = Callable[[Graph], None]


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


def yes_no(yes: str, no: str, field: tuple[str, ...] | None) -> Check:
    return lambda g: split(g, yes, no, field)


def apart(steps: list[str], field: tuple[str, ...] | None) -> Check:
    return lambda g: ways(g, steps, field)


def on(step: str, field: tuple[str, ...]) -> Check:
    return lambda g: behind(g, step, field)


def free(step: str) -> Check:
    """``step`` runs on every path: no gate output alone leads to it."""

    def run(g: Graph) -> None:
        assert g.sides(step) == {}, g.sides(step)

    return run


def has(step: str) -> Check:
    def run(g: Graph) -> None:
        g.find(step)

    return run


def appends(app: str) -> Check:
    """Some node of ``app`` writes (appends or creates), none only reads."""

    def run(g: Graph) -> None:
        ops = [str(g.nodes[i].parameters.get("operation", "")).lower() for i in g.find(app)]
        assert any(o.startswith(("append", "create", "add", "insert")) for o in ops), ops

    return run


def sender(word: str) -> Check:
    """The mail start, or a gate of the graph, keeps mail from ``word``."""

    def run(g: Graph) -> None:
        said = [str(g.trigger().parameters)] + [
            str(n.parameters) for n in g.nodes.values() if n.subtype in ("if", "filter")
        ]
        assert any(word in s for s in said), said

    return run


def outside(step: str) -> Check:
    """``step`` sits behind an IF whose rules test a value below one bound or above another
    (combined by "or")."""

    def run(g: Graph) -> None:
        for gid in g.sides(step):
            p = g.nodes[gid].parameters
            ops = {str(c.get("operator")) for c in p.get("conditions", [])}
            if p.get("combine") == "or" and {"less_than", "greater_than"} <= ops:
                return
        raise AssertionError({k: g.nodes[k].parameters for k in g.sides(step)})

    return run


PLAN = ("plan", "enterprise", "版")
PRIORITY = ("priority", "优先级")
COUNTRY = ("country", "eu", "国")
CURRENCY = ("currency", "币")
BRANCH = ("branch", "ref")

BANK: list[tuple[str, str, Check]] = [
    # --- a condition, and its otherwise said as its negation in the next sentence -------------
    (
        "New Typeform signup. If they say they're a student, add them to the 'Students' list "
        "in Mailchimp. If they're not, create a contact in HubSpot.",
        "typeform",
        yes_no("mailchimp", "hubspot", ("student",)),
    ),
    (
        "When a Stripe payment comes in, if the customer is a VIP, post it in #vip on Slack. "
        "If not, just add a row to the 'Payments' Google Sheet.",
        "stripe",
        yes_no("slack", "google_sheets", None),
    ),
    (
        "Typeform有新报名。如果他说自己是学生，就加到Mailchimp的学生列表；如果不是，就在HubSpot建联系人。",
        "typeform",
        yes_no("mailchimp", "hubspot", ("student", "学生")),
    ),
    (
        "Stripe收到付款时，如果客户是VIP，就在Slack的#vip发消息。如果不是，就记到Google表格里。",
        "stripe",
        yes_no("slack", "google_sheets", None),
    ),
    # --- a step for everyone unless a case; the case's own step after "for those" -------------
    (
        "When a HubSpot deal is won, send the customer a thank-you email via SendGrid — unless "
        "the amount is over 50000; for those, create a task in Asana for the account manager.",
        "hubspot",
        apart(["asana", "sendgrid"], ("amount",)),
    ),
    (
        "Every new Zendesk ticket goes to #support on Slack, unless the priority is urgent; for "
        "those, trigger an incident in PagerDuty instead.",
        "zendesk",
        apart(["pagerduty", "slack"], PRIORITY),
    ),
    (
        "Chargebee订阅取消时，用SendGrid给客户发一封挽留邮件——除非他是企业版套餐；这种客户不要发邮件，"
        "在Salesforce建一个case给客户经理。",
        "chargebee",
        apart(["salesforce", "sendgrid"], PLAN),
    ),
    (
        "新的Zendesk工单都发到Slack的#support，除非优先级是紧急；紧急的就在PagerDuty里建事件。",
        "zendesk",
        apart(["pagerduty", "slack"], PRIORITY),
    ),
    # --- cases said as list heads of a value, and a step for either way -----------------------
    (
        "New Shopify order. Shipping outside the US: create a customs form with POST "
        "https://api.customs.example/forms. Inside the US: add it to the 'Packing' Google "
        "Sheet. Either way send the customer a confirmation from SendGrid.",
        "shopify",
        each(
            apart(["http_request", "google_sheets"], COUNTRY),
            appends("google_sheets"),
            free("sendgrid"),
        ),
    ),
    (
        "New Stripe charge. Paid in EUR: add it to the 'EU revenue' Airtable table. Paid in "
        "USD: append it to the 'US revenue' Google Sheet.",
        "stripe",
        each(apart(["airtable", "google_sheets"], CURRENCY), appends("google_sheets")),
    ),
    (
        "WooCommerce有新订单。寄往国外的：用 POST https://api.customs.example/forms 建报关单。"
        "国内的：直接加到Google表格的打包清单。不管哪种都用Brevo给客户发订单确认。",
        "woocommerce",
        each(
            apart(["http_request", "google_sheets"], COUNTRY),
            appends("google_sheets"),
            free("brevo"),
        ),
    ),
    (
        "Stripe有新付款。欧元付款：记到Airtable的欧洲收入表。美元付款：加到Google表格里。",
        "stripe",
        each(apart(["airtable", "google_sheets"], CURRENCY), appends("google_sheets")),
    ),
    # --- a mail start naming its sender before a colon ----------------------------------------
    (
        "emails from my landlord (landlord@rent.example): if it mentions 'repair' create a "
        "Trello card, otherwise just send it to me on Telegram",
        "email",
        each(sender("rent.example"), yes_no("trello", "telegram", None)),
    ),
    (
        "Emails from billing@vendor.example: add the subject and date to the 'Invoices' "
        "Google Sheet.",
        "email",
        each(sender("vendor.example"), appends("google_sheets")),
    ),
    (
        "来自我银行的邮件（alerts@mybank.cn）：如果写着“大额交易”就用Twilio发短信给我，否则把主题记到"
        "Google表格“银行记录”里",
        "email",
        each(sender("mybank.cn"), yes_no("twilio", "google_sheets", None)),
    ),
    (
        "来自 hr@corp.cn 的邮件：都转发到钉钉群里。",
        "email",
        each(sender("corp.cn"), has("dingtalk")),
    ),
    # --- a value outside the normal range, or outside said bounds -----------------------------
    (
        "The sensor posts each reading to a webhook. Save every reading in Postgres. Readings "
        "outside the normal range → text the engineer via Twilio.",
        "webhook",
        each(outside("twilio"), free("postgres")),
    ),
    (
        "The fridge logger posts readings to a webhook. If the temperature is outside 2 to 8, "
        "post in #cold-chain on Slack.",
        "webhook",
        outside("slack"),
    ),
    (
        "血糖仪把每次结果推送到webhook。每条都存到Postgres。超出正常范围的，用Twilio短信通知值班医生。",
        "webhook",
        each(outside("twilio"), free("postgres")),
    ),
    (
        "冷库记录仪把温度推到webhook，温度不在2到8之间就发钉钉消息报警。",
        "webhook",
        outside("dingtalk"),
    ),
    # --- a Jenkins job named by the request ---------------------------------------------------
    (
        "GitHub push to main → run the Jenkins job build-release → post in #releases on Slack. "
        "Pushes to other branches only run the 'unit-tests' job.",
        "github",
        each(apart(["jenkins:build-release", "jenkins:unit-tests"], BRANCH), on("slack", BRANCH)),
    ),
    (
        "Every night at 2am run the 'nightly-backup' job in Jenkins.",
        "schedule",
        has("jenkins:nightly-backup"),
    ),
    (
        "GitLab推送到master时，运行Jenkins任务deploy-prod，然后在钉钉群里通知。推到其他分支的只跑run-tests任务。",
        "gitlab",
        apart(["jenkins:deploy-prod", "jenkins:run-tests"], BRANCH),
    ),
    (
        "每天凌晨3点跑一下Jenkins的“run-tests”任务。",
        "schedule",
        has("jenkins:run-tests"),
    ),
]

_OPEN: dict[str, str] = {
    "Typeform有新报名。如果他说自己是学生": "'他说自己是学生' compares a field named '他说自己' (the speaker "
    "is read as the field), not a student flag",
    "Chargebee订阅取消时": "'除非他是企业版套餐' compares a field named '他' with '企业版套餐', not the plan",
    "新的Zendesk工单都发到Slack的#support": "'紧急的就…' after '除非优先级是紧急' opens a second IF on both "
    "outputs instead of taking the unless branch's other output",
    "New Stripe charge. Paid in EUR": "value list heads ('Paid in EUR: …') are not read as cases, and "
    "'New Stripe charge' with no event verb is a Stripe create",
    "WooCommerce有新订单。寄往国外的": "value list heads ('寄往国外的：…国内的：…') are not read as cases",
    "Stripe有新付款。欧元付款": "value list heads ('欧元付款：…美元付款：…') are not read as cases",
    "来自我银行的邮件": "'来自我银行的邮件（addr）：' names no mail start (a manual start), and '写着“…”' "
    "is read as a yes/no field",
    "The fridge logger posts": "'If the temperature is outside 2 to 8,' in a sentence is read as "
    "temperature = 'outside 2' (alone the phrase parses as outside 2–8)",
    "GitHub push to main": "'Pushes to other branches only run …' is not read as the other case of "
    "the branch test: the job runs on every path",
    "GitLab推送到master时": "the master test of '推送到master时' is lost and 'run-tests任务' after "
    "'只跑' is read as an HTTP call, not a Jenkins job",
}


def _without_loop_returns(g: Graph) -> Graph:
    """``g`` without the edges that return into a loop from its body (as the scorer reads a
    loop: a step on one output of a gate inside it is on that output alone)."""
    loops = {i for i, n in g.nodes.items() if n.subtype == "loop"}
    g.edges = [(s, o, t) for s, o, t in g.edges if not (t in loops and s in g.below(t))]
    return g


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_en8b_bank(text: str, trigger: str, check: Check) -> None:
    g = _without_loop_returns(Graph(text))
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
