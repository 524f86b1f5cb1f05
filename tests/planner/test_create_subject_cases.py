"""A decision said through the subject of a clause ("calls longer than 20 minutes …",
"金额超过1000的订单…"), with "the rest / everyone else / the others / other X / smaller ones /
其余的 / 其他的 / 剩下的" as its otherwise (sentences of our own). Each test asserts one
condition node on the right field, operator and value, the first action on its true (first)
output, the otherwise action on its false (fallback) output, and that the check can hold."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.satisfy import never_true
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_request
from tests.planner.case_graph import CATALOG, G

_NO = ("false", "fallback", "else")


def _gate(g: G, field: str) -> tuple[str, dict[str, Any]]:
    gates = [i for i, n in g.nodes.items() if n.subtype in ("if", "switch")]
    assert len(gates) == 1, (gates, g.edges)
    gid = gates[0]
    assert field in g.field(gid), g.field(gid)
    conds = g.nodes[gid].parameters.get("conditions") or [{}]
    return gid, conds[0]


def _decided(text: str, x: str, y: str, field: str, op: str, value: Any) -> None:
    g = G(text)
    gid, cond = _gate(g, field)
    assert cond.get("operator") == op and cond.get("right") == value, cond
    assert g.sides(x).get(gid) == {"true"}, (g.sides(x), g.edges)
    assert g.sides(y).get(gid, set()) & set(_NO), (g.sides(y), g.edges)
    frame = parse_request(text, CATALOG)
    assert frame is not None
    wf, _ = compile_frame(frame, catalog=CATALOG)
    assert not never_true(wf)


@pytest.mark.parametrize(
    "text,x,y,field,op,value",
    [
        (
            "Tickets older than 3 days should be added to Jira, the rest create a Trello card",
            "jira",
            "trello",
            "created_at",  # the age of the creation date against the run's time
            "greater_than",
            3,
        ),
        (
            "Deals worth more than 5000 create a HubSpot task; everyone else gets added to Mailchimp",
            "hubspot",
            "mailchimp",
            "value",
            "greater_than",
            5000,
        ),
        (
            "Candidates with 3+ years are added to Airtable; everybody else is added to Notion",
            "airtable",
            "notion",
            "duration_years",
            "greater_than",
            2,
        ),
        (
            "Meetings longer than 45 minutes get posted to Slack, the others add a row to Google Sheets",
            "slack",
            "google_sheets",
            "duration_minutes",
            "greater_than",
            45,
        ),
        (
            "Payments under $20 are added to Airtable. Other payments create a QuickBooks invoice",
            "airtable",
            "quickbooks",
            "amount",
            "less_than",
            20,
        ),
        (
            "Orders above $400 create a Salesforce opportunity. Cheaper orders are added to Google Sheets",
            "salesforce",
            "google_sheets",
            "price",
            "greater_than",
            400,
        ),
        (
            "Videos longer than 10 minutes: add them to Notion; the rest: post them to Discord",
            "notion",
            "discord",
            "duration_minutes",
            "greater_than",
            10,
        ),
        (
            "Leads scoring above 70 create a Pipedrive deal, the remaining leads are added to Brevo",
            "pipedrive",
            "brevo",
            "score",
            "greater_than",
            70,
        ),
    ],
)
def test_english_subject_decides(
    text: str, x: str, y: str, field: str, op: str, value: Any
) -> None:
    _decided(text, x, y, field, op, value)


@pytest.mark.parametrize(
    "text,x,y,field,op,value",
    [
        (
            "金额超过500的付款发到飞书，其余的添加到Airtable",
            "feishu",
            "airtable",
            "amount",
            "greater_than",
            500,
        ),
        (
            "库存少于10的商品在Trello创建卡片，其他的添加到Notion",
            "trello",
            "notion",
            "stock",
            "less_than",
            10,
        ),
        (
            "评分低于3分的评论发到钉钉；剩下的添加到Google Sheets",
            "dingtalk",
            "google_sheets",
            "rating",
            "less_than",
            3,
        ),
        (
            "年龄大于60岁的会员添加到HubSpot，其余的会员添加到Mailchimp",
            "hubspot",
            "mailchimp",
            "年龄",
            "greater_than",
            60,
        ),
        (
            "超过20分钟的通话在Jira创建问题，其余的发到Slack",
            "jira",
            "slack",
            "duration_minutes",
            "greater_than",
            20,
        ),
        (
            "金额高于2000的报销发到企业微信。其余的添加到Airtable",
            "wecom",
            "airtable",
            "amount",
            "greater_than",
            2000,
        ),
    ],
)
def test_chinese_subject_decides(
    text: str, x: str, y: str, field: str, op: str, value: Any
) -> None:
    _decided(text, x, y, field, op, value)


@pytest.mark.parametrize(
    "text,x,y,lo,hi",
    [
        (
            "打1到4分的在Zendesk创建工单；打8到10分的添加到HubSpot",
            "zendesk",
            "hubspot",
            (1, 4),
            (8, 10),
        ),
        (
            "评分在1到2星的发到Slack，评分在4到5星的添加到Airtable",
            "slack",
            "airtable",
            (1, 2),
            (4, 5),
        ),
        (
            "给了0到5分的添加到Notion；给了9到10分的发到Discord",
            "notion",
            "discord",
            (0, 5),
            (9, 10),
        ),
        (
            "Scores between 0 and 6 create a Freshdesk ticket; scores between 9 and 10 are added to Mailchimp",
            "freshdesk",
            "mailchimp",
            (0, 6),
            (9, 10),
        ),
    ],
)
def test_two_ranges_on_one_field(text: str, x: str, y: str, lo: Any, hi: Any) -> None:
    """Two ranges of one field: each action behind its own range, neither on both."""
    g = G(text)
    sx, sy = g.sides(x), g.sides(y)
    assert sx and sy, (sx, sy, g.edges)
    gates = [i for i, n in g.nodes.items() if n.subtype in ("if", "switch")]
    assert all(("score" in g.field(i) or "rating" in g.field(i)) for i in gates), gates
    assert sx != sy, (sx, sy)
    frame = parse_request(text, CATALOG)
    assert frame is not None
    wf, _ = compile_frame(frame, catalog=CATALOG)
    assert not never_true(wf)


@pytest.mark.parametrize(
    "text,trigger,x,y,field",
    [
        (
            "When a Shopify order is created, orders over $500 are added to Airtable and the others are posted to Slack",
            "shopify_trigger",
            "airtable",
            "slack",
            "price",
        ),
        (
            "每天早上9点，读取Google Sheets的订单，金额超过300的订单添加到Notion，剩下的订单发到Slack",
            "schedule_trigger",
            "notion",
            "slack",
            "amount",
        ),
        (
            "Contracts worth at least 10000 are added to Notion; smaller contracts are added to Airtable",
            "manual_trigger",
            "notion",
            "airtable",
            "value",
        ),
        (
            "Customers who spent over 1000 are added to HubSpot; all other customers get added to Mailchimp",
            "manual_trigger",
            "hubspot",
            "mailchimp",
            "spent",
        ),
        (
            "当有新的Typeform回复时，打0到5分的添加到Notion，其余的发到飞书",
            "typeform_trigger",
            "notion",
            "feishu",
            "score",
        ),
    ],
)
def test_subject_case_after_its_trigger(
    text: str, trigger: str, x: str, y: str, field: str
) -> None:
    """The subject's case sits after the trigger (and any read), its otherwise on the other
    output."""
    g = G(text)
    starts = [n.subtype for i, n in g.nodes.items() if not any(t == i for _, _, t in g.edges)]
    assert starts == [trigger], starts
    gid, _ = _gate(g, field)
    assert g.sides(x).get(gid) == {"true"}, (g.sides(x), g.edges)
    assert g.sides(y).get(gid, set()) & set(_NO), (g.sides(y), g.edges)
