"""Constructions that open cases on the create path, in sentences of our own: a check and its
yes/no answers, "…的话 / 不是的话", "有就 / 没有就", multi-way cases, relative clauses
("分数高于80的…"), sizes ("small ones … large ones …"), filters ("skip those without …"),
"ends with", time units, "only the negative ones", and a step said after a closed branch.

Each test asserts the graph's structure: which condition node a step sits behind, on which
output, and the field that condition compares."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_condition, parse_request
from flowsmith.planner.parse_context import Context
from flowsmith.planner.services import index_of

CATALOG = load_catalog()
GATES = ("if", "switch", "filter")


class G:
    """A compiled graph and the questions the tests ask of it."""

    def __init__(self, text: str) -> None:
        frame = parse_request(text, CATALOG)
        assert frame is not None
        wf, _ = compile_frame(frame, catalog=CATALOG)
        self.nodes = {n.id: n for n in wf.nodes}
        self.edges = [(c.from_node, c.from_output or "main", c.to_node) for c in wf.connections]

    def find(self, what: str) -> list[str]:
        return [
            i
            for i, n in self.nodes.items()
            if what in (n.subtype, n.parameters.get("app")) and n.subtype not in GATES
        ]

    def _below(self, start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            j = todo.pop()
            if j not in seen:
                seen.add(j)
                todo += [t for s, _, t in self.edges if s == j]
        return seen

    def sides(self, what: str) -> dict[str, set[str]]:
        """gate id -> the outputs of that gate the step ``what`` is reached from (only)."""
        ids = set(self.find(what))
        assert ids, f"no {what} in {list(self.nodes)}"
        out: dict[str, set[str]] = {}
        for gid, n in self.nodes.items():
            if n.subtype not in ("if", "switch"):
                continue
            below: dict[str, set[str]] = {}
            for s, o, t in self.edges:
                if s == gid:
                    below[o] = below.get(o, set()) | self._below(t)
            for o, reach in below.items():
                others = set().union(*(r for p, r in below.items() if p != o))
                if ids & reach and not ids & others:
                    out.setdefault(gid, set()).add(o)
        return out

    def field(self, gid: str) -> str:
        p = self.nodes[gid].parameters
        if "field" in p:
            return str(p["field"])
        return " ".join(str(c.get("left")) for c in p.get("conditions", []))

    def filtered(self) -> list[str]:
        return [self.field(i) for i, n in self.nodes.items() if n.subtype in ("filter", "if")]


def split(text: str, x: str, y: str, field: str) -> None:
    """``x`` and ``y`` sit on different outputs of one condition comparing ``field``."""
    g = G(text)
    sx, sy = g.sides(x), g.sides(y)
    both = [i for i in sx if i in sy and sx[i] != sy[i] and field in g.field(i)]
    assert both, (sx, sy, {i: g.field(i) for i in sx | sy})


def guarded(text: str, x: str, field: str) -> None:
    """``x`` runs only behind a condition on ``field``."""
    g = G(text)
    assert any(field in g.field(i) for i in g.sides(x)), (g.sides(x), g.edges)


def _cond(text: str) -> tuple[str, str, Any] | None:
    c = parse_condition(text, Context(index=index_of(CATALOG), urls=[], mails=[]))
    return None if c is None else (c.field, c.op, c.value)


# --- a check and its yes / no answers ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new HubSpot contact is created, check if it has an email: if it does add it"
            " to Mailchimp, if not create an Asana task",
            "mailchimp",
            "asana",
            "email",
        ),
        (
            "When a Typeform response comes in, check whether the email ends with @acme.com;"
            " if so add it to Airtable, if not post to Slack #sales",
            "airtable",
            "slack",
            "email",
        ),
        (
            "新的Pipedrive联系人创建时，检查有没有电话，有就创建Todoist任务，没有就创建Trello卡片",
            "todoist",
            "trello",
            "phone",
        ),
        (
            "表单提交后，检查邮箱是否以@corp.com结尾，是的话加到Mailchimp，不是的话创建HubSpot联系人",
            "mailchimp",
            "hubspot",
            "email",
        ),
    ],
)
def test_a_check_and_its_answers_are_the_two_outputs(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- Chinese "…的话 …，不是的话 …", "有…就…，没有就…" -------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "新的Zendesk工单，有附件就上传到Google Drive，没有就创建Trello卡片",
            "google_drive",
            "trello",
            "attachment",
        ),
        (
            "当有新的Typeform回复时，用AI判断情绪，负面的话创建Jira问题，不是的话发Slack",
            "jira",
            "slack",
            "sentiment",
        ),
        (
            "当有新的Shopify订单时，金额超过500的话发钉钉，不然就记录到Airtable",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "收到新的Stripe付款时，预算低于5000的话创建Asana任务，否则创建Salesforce商机",
            "asana",
            "salesforce",
            "budget",
        ),
    ],
)
def test_zh_de_hua_and_its_otherwise(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- multi-way: one case per value, the rest on the fallback ------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "每小时获取新的Jira问题，优先级是高就发企业微信，是中就建Trello卡片，其他的不处理",
            "wecom",
            "trello",
            "priority",
        ),
        (
            "Every hour get new Jira issues; if the priority is high post to Slack, if it is medium"
            " create a Trello card, otherwise do nothing",
            "slack",
            "trello",
            "priority",
        ),
        (
            "Every hour get Stripe charges, over 1000 post to Slack, under 1000 create an Airtable"
            " record",
            "slack",
            "airtable",
            "",
        ),
        (
            "收到新工单时，类型是退款就发邮件给财务，是咨询就发Slack，其他的不处理",
            "send_email",
            "slack",
            "type",
        ),
    ],
)
def test_several_cases_sit_on_different_outputs(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- relative clauses and "for those …": a field made by an earlier step ------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        ("每天检查Shopify订单，金额不少于500的发到钉钉", "dingtalk", "amount"),
        (
            "每小时从HubSpot获取联系人，用AI打分，分数高于80的在Salesforce建线索",
            "salesforce",
            "score",
        ),
        (
            "Every hour read Pipedrive deals, use AI to score them, and for those scoring above 70"
            " create a Trello card",
            "trello",
            "score",
        ),
        (
            "Every morning get Shopify orders; anything over $500 goes to Slack #big",
            "slack",
            "price",
        ),
        ("每天获取Airtable记录，库存低于10的发邮件给采购", "send_email", "stock"),
    ],
)
def test_a_qualified_ones_clause_guards_its_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


def test_a_score_condition_is_downstream_of_the_step_that_makes_the_score() -> None:
    g = G("每小时从HubSpot获取联系人，用AI打分，分数高于80的在Salesforce建线索")
    gate = next(iter(g.sides("salesforce")))
    ai = [i for i, n in g.nodes.items() if n.subtype in ("llm_chat", "text_classifier")]
    assert ai and any(gate in g._below(a) for a in ai)


# --- sizes: "small ones … large ones …" --------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,y",
    [
        (
            "When a webhook receives an order, small orders go to Slack #orders, large ones need"
            " approval from my manager by email",
            "slack",
            "approval_email",
        ),
        (
            "When a new Airtable record arrives, cheap items go to Slack #deals and expensive ones"
            " to Trello",
            "slack",
            "trello",
        ),
        (
            "Every day get new Jira issues: small tickets go to Trello, big ones go to Asana",
            "trello",
            "asana",
        ),
        (
            "When a Typeform response comes in, short answers go to Airtable, long ones go to"
            " Notion",
            "airtable",
            "notion",
        ),
    ],
)
def test_size_words_are_cases_of_one_condition(text: str, x: str, y: str) -> None:
    split(text, x, y, "")


# --- filters: "skip those without …", "remove any without …" ----------------------------------


@pytest.mark.parametrize(
    "text,field",
    [
        (
            "Every day get Salesforce leads, skip those without a phone number, and add them to HubSpot",
            "phone",
        ),
        (
            "Every hour get new Pipedrive persons, remove any without an email, and add them to Mailchimp",
            "email",
        ),
        ("每天获取HubSpot联系人，忽略没有邮箱的，然后加到Mailchimp", "email"),
        (
            "Every day get Airtable records, keep only those where the status is open, and post them to Slack",
            "status",
        ),
    ],
)
def test_a_filter_compares_the_field_it_names(text: str, field: str) -> None:
    g = G(text)
    assert any(field in f for f in g.filtered()), g.filtered()


# --- the grammar: ends with, presence, time units, verbs ---------------------------------------


def test_ends_with_is_a_contains_on_the_named_field() -> None:
    assert _cond("the sender ends with @acme.com") == ("sender", "contains", "@acme.com")
    assert _cond("邮箱以@acme.com结尾") == ("email", "contains", "@acme.com")
    assert _cond("邮箱是公司邮箱（@acme.com结尾）") == ("email", "contains", "@acme.com")
    assert _cond("the name starts with 'Test'") == ("name", "contains", "Test")
    assert _cond("the address ends in .edu") == ("address", "contains", ".edu")


def test_presence_and_absence() -> None:
    assert _cond("it has an email") == ("email", "not_empty", None)
    assert _cond("they have a phone number") == ("phone_number", "not_empty", None)
    assert _cond("有附件") == ("attachment", "not_empty", None)
    assert _cond("没有邮箱") == ("email", "is_empty", None)
    assert _cond("without a phone number") == ("phone_number", "is_empty", None)


def test_a_comparison_naming_no_field_compares_its_unit_or_verb() -> None:
    assert _cond("anyone logged fewer than 4 hours") == ("duration_hours", "lt", 4)
    assert _cond("it lasts more than 2 hours") == ("duration_hours", "gt", 2)
    assert _cond("the response takes more than 2 seconds") == ("duration_seconds", "gt", 2)
    assert _cond("超过3天") == ("duration_days", "gt", 3)
    assert _cond("those scoring above 80") == ("score", "gt", 80)


def test_a_guarded_step_with_a_unit_condition() -> None:
    guarded(
        "Every weekday at 5 pm read today's time entries from Toggl and if anyone logged fewer"
        " than 6 hours, post to Slack",
        "slack",
        "hours",
    )
    guarded(
        "When a new Calendly booking comes in, if it lasts more than 2 hours notify me on Telegram",
        "telegram",
        "hours",
    )


# --- "only the negative ones" -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "Every 2 hours get new Zendesk tickets, run sentiment on each, and post only the negative ones to Slack #pr",
            "slack",
            "sentiment",
        ),
        (
            "When a new Typeform response arrives, analyse its sentiment and send only the positive ones to Airtable",
            "airtable",
            "sentiment",
        ),
        (
            "Every hour get Intercom conversations, classify them as urgent or normal, and forward only the urgent ones to Telegram",
            "telegram",
            "category",
        ),
        ("每小时获取新的评论，做情感分析，只把负面的发到Slack", "slack", "sentiment"),
    ],
)
def test_only_the_kind_ones_guards_the_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- a step said after a closed branch joins every case ---------------------------------------


@pytest.mark.parametrize(
    "text,x,y,z",
    [
        (
            "When a new contact is added in Pipedrive, if the email is empty create a Todoist"
            " task, otherwise add them to Mailchimp, and then post a message to Slack",
            "todoist",
            "mailchimp",
            "slack",
        ),
        (
            "新的Stripe付款时，如果金额超过1000就发Slack消息，否则记录到Google表格，然后创建Trello卡片",
            "slack",
            "google_sheets",
            "trello",
        ),
        (
            "When a GitHub issue is opened, if the title contains 'bug' create a Jira issue, else"
            " create an Asana task, then post to Discord",
            "jira",
            "asana",
            "discord",
        ),
        (
            "表单提交后，有附件就上传到Dropbox，没有就创建Trello卡片，然后发邮件给我",
            "dropbox",
            "trello",
            "send_email",
        ),
    ],
)
def test_a_step_after_the_otherwise_joins_every_case(text: str, x: str, y: str, z: str) -> None:
    g = G(text)
    sx, sy = g.sides(x), g.sides(y)
    assert any(i in sy and sx[i] != sy[i] for i in sx), (sx, sy)
    assert not g.sides(z), g.sides(z)


def test_then_inside_an_open_case_stays_in_it() -> None:
    guarded(
        "When a Shopify product is created, if the inventory is fewer than 5 create a Trello card"
        " and then email the buyer",
        "send_email",
        "inventory",
    )


# --- "validate that X …; if not-X …": the negation is the other case ----------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, make sure the phone is not empty, then create a Salesforce"
            " lead; if the phone is empty send me an email",
            "salesforce",
            "send_email",
            "phone",
        ),
        (
            "Create a webhook that receives JSON with name and email, validates that email is not"
            " empty and creates a HubSpot contact; if email is empty return a 400 error",
            "hubspot",
            "webhook_response",
            "email",
        ),
        (
            "When a Typeform response arrives, verify that the company is not empty and add it to"
            " Airtable. If the company is empty, post to Slack #sales",
            "airtable",
            "slack",
            "company",
        ),
        (
            "表单提交后，检查是否有邮箱，然后加到Mailchimp；如果没有邮箱就创建Trello卡片",
            "mailchimp",
            "trello",
            "email",
        ),
    ],
)
def test_a_validated_condition_and_its_negation_are_two_outputs(
    text: str, x: str, y: str, field: str
) -> None:
    split(text, x, y, field)


# --- a case's action said as "<verb> it by <doing>" --------------------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "When a new ticket is created in Zendesk, run sentiment analysis on it; if the"
            " sentiment is negative escalate it by creating a Jira bug, otherwise do nothing",
            "jira",
            "sentiment",
        ),
        (
            "When a new Intercom conversation starts, analyse the sentiment; if it's negative"
            " escalate by opening a Linear issue",
            "linear",
            "sentiment",
        ),
        (
            "When a GitHub issue is opened, if the title contains 'security' handle it by posting"
            " to Slack #security",
            "slack",
            "title",
        ),
        (
            "When a Stripe charge succeeds, if the amount is over 1000 celebrate it by sending a"
            " message to Discord",
            "discord",
            "amount",
        ),
    ],
)
def test_the_doing_after_by_is_the_guarded_step(text: str, x: str, field: str) -> None:
    g = G(text)
    assert any(field in g.field(i) for i in g.sides(x)), (g.sides(x), g.edges)
    assert all(n.parameters.get("operation") != "getAll" for n in g.nodes.values())


# --- AI classification said as a question, then its cases --------------------------------------


@pytest.mark.parametrize(
    "text,x,y",
    [
        (
            "收到新邮件时，用AI判断是投诉、咨询还是其他：投诉就在Zendesk建工单，咨询就转发到Slack，其他的不处理",
            "zendesk",
            "slack",
        ),
        (
            "新的工单进来时，让AI判断是退款还是投诉，退款就发邮件给财务，投诉就发钉钉",
            "send_email",
            "dingtalk",
        ),
        (
            "When a new Intercom message arrives, use AI to decide whether it is a bug, a question"
            " or feedback: bugs go to Linear, questions to Zendesk, otherwise do nothing",
            "linear",
            "zendesk",
        ),
        (
            "When an email arrives, have AI determine if it is sales or support; sales ones go to"
            " HubSpot, support ones go to Freshdesk",
            "hubspot",
            "freshdesk",
        ),
    ],
)
def test_a_classifier_asked_as_a_question_routes_its_categories(text: str, x: str, y: str) -> None:
    g = G(text)
    assert any(n.subtype == "text_classifier" for n in g.nodes.values())
    sx, sy = g.sides(x), g.sides(y)
    assert any(i in sy and sx[i] != sy[i] and "category" in g.field(i) for i in sx), (sx, sy)


# --- a label or tag in the trigger, a Chinese field in the trigger ------------------------------


@pytest.mark.parametrize(
    "text,x,field",
    [
        (
            "When a new Linear issue gets the label 'customer', create a Zendesk ticket",
            "zendesk",
            "label",
        ),
        ("When a GitHub issue gets labelled 'bug', create a Jira issue", "jira", "label"),
        ("When a Trello card is tagged 'urgent', send a Telegram message", "telegram", "label"),
        ("当Shopify库存低于10件时，在Trello创建补货卡片", "trello", "stock"),
    ],
)
def test_a_condition_in_the_trigger_guards_the_steps(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- "for high-priority ones …, for the rest …"; Chinese comparisons without 的 ----------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "Every morning get the open Jira issues; for high-priority ones post to Slack, for the"
            " rest create Trello cards",
            "slack",
            "trello",
            "priority",
        ),
        (
            "Every hour get Zendesk tickets; for high-severity tickets page me on Twilio, for the"
            " others add a row to Google Sheets",
            "twilio",
            "google_sheets",
            "severity",
        ),
        (
            "收到新的Stripe付款时，金额在1000以上发钉钉，1000以下记录到Airtable",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "每天获取Shopify订单，金额超过500发Slack，不到500记录到Google表格",
            "slack",
            "google_sheets",
            "amount",
        ),
    ],
)
def test_for_a_level_and_bare_chinese_comparisons(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_is_not_empty_is_emptiness_not_a_value() -> None:
    assert _cond("email is not empty") == ("email", "not_empty", None)
    assert _cond("the name is blank") == ("name", "is_empty", None)
    assert _cond("the phone isn't empty") == ("phone", "not_empty", None)
    assert _cond("the status is not done") == ("status", "ne", "done")


# --- "unless" / "除非" said as its own clause; "只有…才…"; "only if" with a box ------------------


@pytest.mark.parametrize(
    "text,x,field,output",
    [
        ("除非订单金额低于50元，否则把订单同步到Airtable", "airtable", "amount", "false"),
        ("当Stripe有新付款时，把付款发到Slack，除非金额为0", "slack", "amount", "true"),
        (
            "When a Trello card is created, post it to Discord, unless the title contains 'draft'",
            "discord",
            "title",
            "false",
        ),
        (
            "Unless the total is below 20, otherwise create a Pipedrive deal",
            "pipedrive",
            "total",
            "false",
        ),
    ],
)
def test_unless_as_its_own_clause(text: str, x: str, field: str, output: str) -> None:
    g = G(text)
    sides = {i: o for i, o in g.sides(x).items() if field in g.field(i)}
    assert sides and output in next(iter(sides.values())), (g.sides(x), g.edges)


@pytest.mark.parametrize(
    "text,x,field",
    [
        ("收到新工单时，只有优先级是紧急的才发短信给我", "twilio", "priority"),
        ("当有新的Typeform回复时，只有分数不少于8分才发到飞书", "feishu", "score"),
        (
            "When a Jotform submission comes in, add them to Mailchimp only if they ticked the marketing box",
            "mailchimp",
            "marketing",
        ),
        (
            "When a new Stripe customer is created, add them to Mailchimp only if they opted in to the newsletter",
            "mailchimp",
            "newsletter",
        ),
    ],
)
def test_only_if_guards_its_action(text: str, x: str, field: str) -> None:
    guarded(text, x, field)


# --- several values of one field, multi-word values, categories said as "classified as" ---------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a HubSpot deal is updated, if the stage is closed won create an invoice in"
            " QuickBooks; if it is closed lost post to Slack; otherwise do nothing",
            "quickbooks",
            "slack",
            "stage",
        ),
        (
            "When a new Zendesk ticket arrives, use AI to classify it; if it is classified as"
            " billing forward it to finance@example.com, if technical create a Jira issue",
            "send_email",
            "jira",
            "category",
        ),
        (
            "每天从Salesforce获取商机，金额介于1万到5万之间的发到Slack，其余的记录到Airtable",
            "slack",
            "airtable",
            "amount",
        ),
        (
            "当有人提交表单时，如果填写了电话就用Twilio发短信，没填就发邮件",
            "twilio",
            "send_email",
            "phone",
        ),
        (
            "When a Shopify order is cancelled, if the customer has no email create a Trello card,"
            " otherwise send them an email",
            "trello",
            "send_email",
            "email",
        ),
    ],
)
def test_values_categories_and_presence_split(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_older_than_guards_the_items_it_names() -> None:
    guarded(
        "Every day at 9 get open GitHub pull requests and for any older than 3 days ping the"
        " author in Slack",
        "slack",
        "days",
    )
    assert _cond("newer than 2 hours") == ("duration_hours", "lt", 2)
    assert _cond("the stage is closed won") == ("stage", "eq", "closed won")
    assert _cond("they ticked the marketing box") == ("marketing", "is_true", None)
    assert _cond("填写了电话") == ("phone", "not_empty", None)


# --- the other reading of a case: "正常的话", "if it's up", "negative ones become …" -------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "每5分钟检查一下 https://api.example.com/health ，如果接口报错就发钉钉消息，正常的话记录到Airtable",
            "dingtalk",
            "airtable",
            "error",
        ),
        (
            "Every 10 minutes fetch https://shop.example.com; if it is down text me with Twilio,"
            " if it is up add a row to Google Sheets",
            "twilio",
            "google_sheets",
            "error",
        ),
        (
            "When a new review is posted on Trustpilot, run sentiment on it: positive reviews go"
            " to Slack #wins, negative ones become Zendesk tickets",
            "slack",
            "zendesk",
            "sentiment",
        ),
        (
            "收到新的Zendesk工单时，用AI分析情绪，如果是负面的就在Jira创建问题，否则只记录到Airtable",
            "jira",
            "airtable",
            "sentiment",
        ),
        (
            "When a Typeform is submitted and the answer is yes, add them to HubSpot, if no send"
            " them an email",
            "hubspot",
            "send_email",
            "answer",
        ),
        (
            "When a new lead comes in via webhook, score it with AI; leads scoring over 70 go to"
            " Salesforce, the rest go to a Google Sheet",
            "salesforce",
            "google_sheets",
            "score",
        ),
    ],
)
def test_the_other_reading_is_the_other_output(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_response_names_its_status() -> None:
    g = G(
        "When a webhook receives JSON, validate that the email is not empty and create a HubSpot"
        " contact; if the email is empty return a 400 error"
    )
    codes = {
        n.parameters.get("status_code") for n in g.nodes.values() if n.subtype == "webhook_response"
    }
    assert 400 in codes
    assert [o for o in g.sides("webhook_response").values()] == [{"false"}]


# --- "for <items> from/with/containing …, …; for the rest …" ------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new Shopify order comes in, for orders from Germany post to Slack #de, for the"
            " rest add a row to Airtable",
            "slack",
            "airtable",
            "country",
        ),
        (
            "Every day get Zendesk tickets and for tickets with priority 1 page me on Twilio, for"
            " the others add them to Airtable",
            "twilio",
            "airtable",
            "priority",
        ),
        (
            "When a new Intercom conversation starts, for messages containing 'cancel' create a"
            " Trello card, otherwise post to Slack",
            "trello",
            "slack",
            "text",
        ),
        (
            "当有新的Shopify订单时，如果订单来自美国就发Slack，来自中国就发钉钉，其他的记录到Airtable",
            "slack",
            "dingtalk",
            "country",
        ),
    ],
)
def test_for_qualified_items_and_the_rest(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


# --- a size word after a comparison is the comparison's other side; plural category names -------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "Every hour get new HubSpot deals; deals above $10k go to Slack #bigdeals, smaller ones"
            " to a Google Sheet",
            "slack",
            "google_sheets",
            "",
        ),
        (
            "When a Stripe charge succeeds, charges under 50 go to Airtable, larger ones go to Slack",
            "airtable",
            "slack",
            "",
        ),
        (
            "When a GitHub issue is opened, label it with AI as bug or feature; for bugs create a"
            " Jira issue and for features create a Notion page",
            "jira",
            "notion",
            "category",
        ),
        (
            "当Typeform有新回复时，评分低于3分的发邮件给客服经理，3分以上的记到Google表格",
            "send_email",
            "google_sheets",
            "rating",
        ),
    ],
)
def test_opposites_and_plural_categories(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_noun_in_ing_is_a_field_and_a_verb_in_ing_names_one() -> None:
    assert _cond("the rating is below 3") == ("rating", "lt", 3)
    assert _cond("评分低于3分") == ("rating", "lt", 3)
    assert _cond("leads scoring over 70") == ("score", "gt", 70)
    assert _cond("来自中国") == ("country", "eq", "中国")


# --- "is A or B": one condition, any of its values ----------------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, if the country is US or Canada add them to Mailchimp,"
            " otherwise add them to HubSpot",
            "mailchimp",
            "hubspot",
            "country",
        ),
        (
            "When a Stripe customer is created, if the plan is 'Pro', 'Team' or 'Enterprise'"
            " create a Salesforce account, else add a row to Google Sheets",
            "salesforce",
            "google_sheets",
            "plan",
        ),
        (
            "收到新工单时，如果状态是待处理或处理中就发Slack，否则记录到Airtable",
            "slack",
            "airtable",
            "status",
        ),
        (
            "When a Jira issue is created, if the priority is high or highest text me with"
            " Twilio, otherwise create a Trello card",
            "twilio",
            "trello",
            "priority",
        ),
    ],
)
def test_any_of_several_values(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)
    g = G(text)
    gate = next(i for i in g.sides(x) if field in g.field(i))
    params = g.nodes[gate].parameters
    assert params["combine"] == "or" and len(params["conditions"]) >= 2


def test_a_filter_keeps_any_of_several_values() -> None:
    g = G(
        "Every day get Airtable records, keep only those where the status is open or pending,"
        " and post them to Slack"
    )
    f = next(n for n in g.nodes.values() if n.subtype == "filter")
    assert f.parameters["combine"] == "or"
    assert {c["right"] for c in f.parameters["conditions"]} == {"open", "pending"}


# --- "check the total. If it is over …": the field looked at; "超过1万的，…" ---------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a new Shopify order arrives, check the total. If it is over $200, create a"
            " HubSpot deal. Otherwise, just add a row to Google Sheets.",
            "hubspot",
            "google_sheets",
            "total",
        ),
        (
            "当收到新的Stripe付款时，先看金额。超过1万的，发钉钉通知老板。其他的只记录到Airtable。",
            "dingtalk",
            "airtable",
            "amount",
        ),
        (
            "When a Typeform response comes in, look at the rating. If it is below 3: create a"
            " Zendesk ticket. If not: add it to Airtable.",
            "zendesk",
            "airtable",
            "rating",
        ),
        (
            "收到新邮件时，如果是客户发来的投诉，就在Jira建问题；如果是发票，就存到Google Drive；否则不处理",
            "jira",
            "google_drive",
            "type",
        ),
    ],
)
def test_the_field_looked_at_and_chinese_kinds(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_a_size_after_an_approval_is_the_comparisons_other_output() -> None:
    text = (
        "When an expense form is submitted, if the amount is above 500 ask my manager for"
        " approval by email; if approved add it to QuickBooks, if rejected email the employee;"
        " for smaller amounts add it to Xero directly"
    )
    g = G(text)
    gate = next(i for i, n in g.nodes.items() if n.subtype == "if" and "amount" in g.field(i))
    assert g.sides("approval_email").get(gate) == {"true"}
    assert g.sides("xero").get(gate) == {"false"}


# --- "X when A; when B, Y"; "不X的话"; state words; stars ---------------------------------------


@pytest.mark.parametrize(
    "text,x,y,field",
    [
        (
            "When a form is submitted, add the person to Mailchimp when they are a customer; when"
            " they are a partner, create a HubSpot company",
            "mailchimp",
            "hubspot",
            "type",
        ),
        (
            "新工单进来，如果是紧急的，发短信；不紧急的话，发邮件",
            "twilio",
            "send_email",
            "priority",
        ),
        (
            "当GitHub有新issue时，如果标签包含bug就在Jira建问题，不包含就发到飞书",
            "jira",
            "feishu",
            "标签",
        ),
        (
            "When a Shopify order is placed, send paid orders to Airtable and unpaid ones to Slack"
            " #collections",
            "airtable",
            "slack",
            "status",
        ),
        (
            "Every day get Jira issues; open ones go to Slack, closed ones go to a Google Sheet",
            "slack",
            "google_sheets",
            "status",
        ),
        (
            "When a Typeform is submitted, send a thank-you email if they gave 5 stars, else create"
            " a Trello card for follow-up",
            "send_email",
            "trello",
            "rating",
        ),
        (
            "When a HubSpot contact is created, check if it has a phone number. If it does, text"
            " them with Twilio. If not, send an email.",
            "twilio",
            "send_email",
            "phone",
        ),
    ],
)
def test_more_two_way_splits(text: str, x: str, y: str, field: str) -> None:
    split(text, x, y, field)


def test_fields_of_items_counts_and_money() -> None:
    assert _cond("the number of attendees is more than 100") == ("attendees", "gt", 100)
    assert _cond("the order is over $500") == ("amount", "gt", 500)
    assert _cond("the expense is above 500 dollars") == ("amount", "gt", 500)
    assert _cond("the deal is worth more than $10k") == ("value", "gt", 10000)
    assert _cond("the price is over $5") == ("price", "gt", 5)
    assert _cond("it has been more than 3 days since the last reply") == ("duration_days", "gt", 3)
    assert _cond("the review has 1 star") == ("rating", "eq", 1)
    c = _cond("the invoice is overdue")
    assert c is not None and c[2] == "overdue"  # a state, not "over the due field"


# --- a field an AI step makes: its verdict, its score, its sentiment ---------------------------

_AI = ("llm_chat", "text_classifier", "sentiment_analysis", "information_extractor", "openai")


@pytest.mark.parametrize(
    "text,x,field,output",
    [
        (
            "When an email arrives, ask AI whether it is spam; if the AI says it is spam, delete"
            " it, otherwise forward it to Slack",
            "slack",
            "category",
            "false",
        ),
        (
            "收到新邮件时，让AI判断是不是垃圾邮件，如果AI判断为垃圾邮件就忽略，否则转发到钉钉",
            "dingtalk",
            "category",
            "false",
        ),
        (
            "收到新的客户反馈时，用AI打分（1到10分），8分以上的发到Slack的#wins，其余的存到Notion",
            "slack",
            "score",
            "true",
        ),
        (
            "When a new lead comes in from Typeform, have GPT decide if it's qualified; qualified"
            " leads go to Salesforce, the rest to a Mailchimp list",
            "salesforce",
            "status",
            "true",
        ),
        (
            "When a new tweet arrives via webhook, analyze the sentiment; negative tweets get a"
            " Trello card, positive ones go to Slack",
            "trello",
            "sentiment",
            "output_0",
        ),
    ],
)
def test_a_case_on_what_an_ai_step_made(text: str, x: str, field: str, output: str) -> None:
    g = G(text)
    sides = {i: o for i, o in g.sides(x).items() if field in g.field(i)}
    assert sides and output in next(iter(sides.values())), (g.sides(x), g.edges)
    ai = [i for i, n in g.nodes.items() if n.subtype in _AI or n.parameters.get("app") == "openai"]
    assert ai and any(next(iter(sides)) in g._below(a) for a in ai)


# --- "除了X的都…", places, amounts with thousands separators in the trigger --------------------


@pytest.mark.parametrize(
    "text,x,field,op,output",
    [
        ("每天获取Jira问题，除了已关闭的都发到Slack", "slack", "status", "not_equals", "true"),
        (
            "收到新订单时，除了金额低于10元的之外都同步到Airtable",
            "airtable",
            "amount",
            "greater_than",
            "true",
        ),
        (
            "每天获取Trello卡片，除了标题包含草稿的都发到钉钉",
            "dingtalk",
            "title",
            "contains",
            "false",
        ),
        (
            "收到新工单时，除了优先级为低的，其他的都发短信给我",
            "twilio",
            "priority",
            "equals",
            "false",
        ),
    ],
)
def test_except_guards_the_action_with_the_negation(
    text: str, x: str, field: str, op: str, output: str
) -> None:
    g = G(text)
    gates = [i for i in g.sides(x) if field in g.field(i)]
    assert gates, (g.sides(x), g.edges)
    assert op in {c["operator"] for c in g.nodes[gates[0]].parameters["conditions"]}
    assert g.sides(x)[gates[0]] == {output}


def test_places_and_thousands() -> None:
    split(
        "When a Stripe payment succeeds, if the customer is in Germany add them to Mailchimp, if"
        " in the US create a HubSpot contact",
        "mailchimp",
        "hubspot",
        "country",
    )
    g = G(
        "When an invoice is created in QuickBooks and it's above $5,000, notify #finance in Slack"
    )
    gate = next(iter(g.sides("slack")))
    assert g.nodes[gate].parameters["conditions"][0]["right"] == 5000
