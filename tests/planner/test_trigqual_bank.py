"""The trigqual bank: a condition said as a qualifier of the trigger's item or of the items a
step reads, not as an "if" sentence (sentences of our own, English and Chinese, about half
each).

Constructions: a relative clause or attributive phrase on the event's noun ("an email whose
subject contains …", "a Shopify order that is worth more than …", "a pull request targeting
the develop branch", "主题含有“报价”的邮件", "金额超过5000的Stripe付款", "标签是bug的新issue",
"dev分支的推送"), on the noun a scheduled read fetches ("tickets that are still unassigned",
"还没人处理的工单", "状态为“待审核”的订单"), and "only for …" / "只针对…" after the steps.
The user wants only those items to go on: the steps after the trigger or the read sit behind
a condition (an IF or a filter) on the qualifier's field, or the trigger / read itself is
configured with the qualifier's value."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import downstream, graph, trigger
from tests.planner.bank_cases import bank_cases
from tests.planner.frames import needs
from tests.planner.test_trigger_bank import each, on_event, reads, starts

Check = Callable[[Workflow], None]
CONDITIONS = ("if", "filter", "switch")
EMAIL_STARTS = ("email_trigger", "gmail_trigger", "outlook_trigger")


def _shape(wf: Workflow) -> list[tuple[str, str, dict[str, object]]]:
    return [(n.id, n.subtype, n.parameters) for n in wf.nodes]


def _text(n: Node) -> str:
    return json.dumps(n.parameters, ensure_ascii=False).lower()


def _lefts(n: Node) -> list[str]:
    """The left operands of every comparison a condition node holds (its field paths)."""
    found: list[str] = []
    stack: list[object] = [n.parameters]
    while stack:
        cur = stack.pop()
        if isinstance(cur, dict):
            if "left" in cur:
                found.append(str(cur["left"]).lower())
            stack.extend(cur.values())
        elif isinstance(cur, list):
            stack.extend(cur)
    return found


def _upstream(wf: Workflow, node: Node) -> list[Node]:
    byid = {n.id: n for n in wf.nodes}
    seen: set[str] = set()
    todo = [node.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                todo.append(c.from_node)
    return [byid[i] for i in seen if i in byid]


def _steps(wf: Workflow, app: str) -> list[Node]:
    reach = downstream(wf, trigger(wf))
    if app == "send_email":
        return [
            n
            for n in wf.nodes
            if n.id in reach
            and (n.subtype == "send_email" or str(n.parameters.get("operation", "")) == "send")
            and n.subtype in ("send_email", "gmail", "outlook", "sendgrid", "mailgun")
        ]
    return [n for n in wf.nodes if n.id in reach and n.subtype == app]


def kept(app: str, fields: tuple[str, ...], value: str, source: str | None = None) -> Check:
    """Every step of ``app`` after the trigger sits behind a condition comparing a field
    whose path has one of ``fields`` in it, or the item's source (the trigger, else the read
    of ``source``) is itself configured with ``value``."""

    def run(wf: Workflow) -> None:
        steps = _steps(wf, app)
        assert steps, (app, _shape(wf))
        if source is None:
            origin = [trigger(wf)]
        else:
            origin = [n for n in wf.nodes[1:] if n.subtype == source and n not in steps]
        if any(value.lower() in _text(n) for n in origin):
            return
        for step in steps:
            conds = [n for n in _upstream(wf, step) if n.subtype in CONDITIONS]
            lefts = [left for n in conds for left in _lefts(n)]
            assert any(f in left for f in fields for left in lefts), (app, fields, _shape(wf))

    return run


def not_app(app: str) -> Check:
    """No step of ``app`` (the user asked for nothing there)."""

    def run(wf: Workflow) -> None:
        assert not [n for n in wf.nodes[1:] if n.subtype == app], (app, _shape(wf))

    return run


AMOUNT = ("amount", "total", "price", "value", "金额")
SUBJECT = ("subject", "title", "主题", "标题")
BRANCH = ("branch", "ref", "分支")
ASSIGNEE = ("assign", "responder", "owner", "负责")
LABEL = ("label", "tag", "标签")
STATUS = ("status", "state", "状态")

BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- a qualifier of the trigger's item, English ------------------------------------------
    (
        "Whenever a Gmail email with 'Quote request' in the subject arrives, save its "
        "attachments to Dropbox",
        ("gmail", "dropbox"),
        each(starts(EMAIL_STARTS), kept("dropbox", SUBJECT, "quote request")),
    ),
    (
        "When an email whose subject starts with 'PO-' comes into the orders@acme.io inbox, "
        "create a sales order in Zoho CRM",
        ("zoho_crm",),
        each(starts(EMAIL_STARTS), kept("zoho_crm", SUBJECT, "po-")),
    ),
    (
        "When a new Jira issue labelled 'security' is created, open a PagerDuty incident",
        ("jira", "pagerduty"),
        each(on_event("jira", "issue_created"), kept("pagerduty", LABEL, "security")),
    ),
    (
        "Each new Shopify order that is worth more than 500 dollars should become a deal in "
        "HubSpot",
        ("shopify", "hubspot"),
        each(on_event("shopify", "order_created"), kept("hubspot", AMOUNT, "500")),
    ),
    (
        "When a pull request targeting the develop branch is opened on GitHub, post it to our "
        "Discord channel",
        ("github", "discord"),
        each(on_event("github", "pull_request"), kept("discord", (*BRANCH, "base"), "develop")),
    ),
    (
        "Whenever a Zendesk ticket tagged 'vip' is created, text the account manager with Twilio",
        ("zendesk", "twilio"),
        each(on_event("zendesk", "ticket_created"), kept("twilio", LABEL, "vip")),
    ),
    (
        "New Stripe payments above 1000 EUR should be posted to the finance channel in Mattermost",
        ("stripe", "mattermost"),
        each(on_event("stripe", "payment_succeeded"), kept("mattermost", AMOUNT, "1000")),
    ),
    (
        "Any new Google Drive file whose name ends with .pdf should be uploaded to the "
        "'archive' folder in Box",
        ("google_drive", "box"),
        each(on_event("google_drive", "file_created"), kept("box", ("name",), ".pdf")),
    ),
    (
        "When a new Linear issue is created, copy it to Trello as a card, but only for issues "
        "in the Mobile team",
        ("linear", "trello"),
        each(kept("trello", ("team",), "mobile")),
    ),
    # --- a qualifier of the items a scheduled read fetches, English ----------------------------
    (
        "Every hour fetch Freshdesk tickets that are still unassigned and post each one to "
        "Microsoft Teams",
        ("freshdesk", "microsoft_teams"),
        each(reads("freshdesk"), kept("microsoft_teams", ASSIGNEE, "assign", "freshdesk")),
    ),
    (
        "Every 15 minutes check Jira for bugs that nobody is assigned to and post each one to "
        "Slack #triage",
        ("jira", "slack"),
        each(reads("jira"), kept("slack", ASSIGNEE, "assign", "jira")),
    ),
    (
        "Every morning at 9 pull the HubSpot deals which are in the 'Negotiation' stage and "
        "send each of them to Telegram",
        ("hubspot", "telegram"),
        each(reads("hubspot"), kept("telegram", ("stage",), "negotiation", "hubspot")),
    ),
    (
        "Each night get the WooCommerce orders with a total over 300 and add them to the "
        "'Big orders' Google Sheet",
        ("woocommerce", "google_sheets"),
        each(reads("woocommerce"), kept("google_sheets", AMOUNT, "300", "woocommerce")),
    ),
    # --- a qualifier of the trigger's item, Chinese ------------------------------------------
    (
        "Gmail收到主题含有“报价”的邮件时，把附件上传到Google Drive",
        ("gmail", "google_drive"),
        each(starts(EMAIL_STARTS), kept("google_drive", SUBJECT, "报价"), not_app("send_email")),
    ),
    (
        "Outlook收件箱里标题带“紧急”的邮件，转发到Telegram",
        ("outlook", "telegram"),
        each(starts(EMAIL_STARTS), kept("telegram", SUBJECT, "紧急")),
    ),
    (
        "GitHub上有人往dev分支推代码，就在飞书群里通知一下",
        ("github", "feishu"),
        each(on_event("github", "push"), kept("feishu", BRANCH, "dev")),
    ),
    (
        "GitLab的staging分支有新的推送时，触发Jenkins任务",
        ("gitlab", "jenkins"),
        each(on_event("gitlab", "push"), kept("jenkins", BRANCH, "staging")),
    ),
    (
        "金额超过5000的Stripe付款，在企业微信里通知老板",
        ("stripe", "wecom"),
        each(kept("wecom", AMOUNT, "5000")),
    ),
    (
        "Jira里新建的优先级为“最高”的问题，用Pushover推送给我",
        ("jira", "pushover"),
        each(on_event("jira", "issue_created"), kept("pushover", ("priority", "优先级"), "最高")),
    ),
    (
        "GitLab上标签是bug的新issue，自动在Linear里建一个问题",
        ("gitlab", "linear"),
        each(on_event("gitlab", "issue"), kept("linear", LABEL, "bug")),
    ),
    (
        "Shopify上收货地址在上海的新订单，同步到Airtable的“上海订单”表",
        ("shopify", "airtable"),
        each(
            on_event("shopify", "order_created"),
            kept("airtable", ("address", "city", "province", "地址", "shipping"), "上海"),
        ),
    ),
    (
        "Typeform上预算超过10万的报名，在Pipedrive里建一个交易",
        ("typeform", "pipedrive"),
        each(on_event("typeform", "form_submitted"), kept("pipedrive", ("budget", "预算"), "10")),
    ),
    (
        "Notion数据库新增页面时发到Slack，只针对类型是“会议纪要”的页面",
        ("notion", "slack"),
        each(on_event("notion", "page_added"), kept("slack", ("type", "类型"), "会议纪要")),
    ),
    # --- a qualifier of the items a scheduled read fetches, Chinese ----------------------------
    (
        "每天早上9点从Zendesk拉取还没人处理的工单，逐条发到钉钉群",
        ("zendesk", "dingtalk"),
        each(
            reads("zendesk"),
            kept("dingtalk", (*ASSIGNEE, *STATUS, "处理"), "assign", "zendesk"),
        ),
    ),
    (
        "每小时查一下Airtable里状态为“待审核”的记录，每条都发邮件给 ops@acme.cn",
        ("airtable",),
        each(reads("airtable"), kept("send_email", STATUS, "待审核", "airtable")),
    ),
    (
        "每周一从HubSpot拉取金额超过1万的交易，逐条发到飞书",
        ("hubspot", "feishu"),
        each(reads("hubspot"), kept("feishu", AMOUNT, "10000", "hubspot")),
    ),
    (
        "Every Monday get the Xero invoices that are still unpaid and send each one to Slack",
        ("xero", "slack"),
        each(reads("xero"), kept("slack", ("status", "paid", "due"), "unpaid", "xero")),
    ),
    (
        "每天从Trello拉取截止日期已过的卡片，发到企业微信",
        ("trello", "wecom"),
        each(reads("trello"), kept("wecom", ("due", "截止"), "due", "trello")),
    ),
    (
        "Typeform里选择了“企业版”的报名，加到Salesforce线索",
        ("typeform", "salesforce"),
        each(
            on_event("typeform", "form_submitted"),
            kept("salesforce", ("plan", "edition", "choice", "版", "选择"), "企业版"),
        ),
    ),
    (
        "每30分钟从Freshdesk拉取优先级是紧急的工单，推送到Gotify",
        ("freshdesk", "gotify"),
        each(reads("freshdesk"), kept("gotify", ("priority", "优先级"), "urgent", "freshdesk")),
    ),
]

STILL_OPEN: dict[str, str] = {
    "Typeform里选择了“企业版”的报名": (
        "a choice said by its verb ('选择了“X”的') before the event's noun is not read as the "
        "event nor as its condition"
    ),
}


@pytest.mark.parametrize(("text", "apps", "check"), bank_cases(BANK, STILL_OPEN))
def test_trigqual_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))
