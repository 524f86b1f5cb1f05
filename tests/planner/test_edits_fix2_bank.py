"""Fix2-edits bank (written before running the planner on it): edits to an existing workflow
that say (A) a delay before a step of a service the flow does not have yet ("2小时后再在Slack提醒
销售", "ping sales on Telegram the next day"): the new step is added, with the wait right before
it; (B) the replaced step named first ("instead of WeCom, post the negative ones to …"): the old
step goes, the new one takes its place behind the same condition; (C) the items an existing
condition rejects, said by negating the condition's own name ("leads that aren't hot", "不是热门
的线索"): the new step goes on that condition's other output.

Each row is a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, branches, guard, order, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": name, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


LEADS: Prior = {
    "name": "Lead scoring",
    "nodes": [
        _n("n1", "TRIGGER", "pipedrive_trigger", "New person", {"event": "person_created"}),
        _n("n2", "AI_AGENT", "llm_chat", "Score", {"prompt": "Rate this lead 1-10: {{ $json }}"}),
        _n(
            "n3",
            "FLOW",
            "if",
            "Warm lead?",
            {"conditions": [{"left": "{{ $json.score }}", "operator": "greater_than", "right": 7}]},
        ),
        _n(
            "n4",
            ACT,
            "hubspot",
            "Create HubSpot deal",
            {"resource": "deal", "operation": "create", "deal_name": "{{ $json.name }}"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4", "true")],
}
# the same flow as a Chinese-speaking user names its steps
LEADS_ZH: Prior = {
    **LEADS,
    "nodes": [
        {**x, "name": "热门线索？"} if x["id"] == "n3" else x
        for x in LEADS["nodes"]  # type: ignore[attr-defined]
    ],
}
TICKETS: Prior = {
    "name": "Ticket mood",
    "nodes": [
        _n("n1", "TRIGGER", "freshdesk_trigger", "New ticket", {"event": "ticket_created"}),
        _n("n2", "AI_AGENT", "sentiment_analysis", "Mood", {"input_text": "{{ $json.body }}"}),
        _n(
            "n3",
            "FLOW",
            "if",
            "Angry?",
            {
                "conditions": [
                    {"left": "{{ $json.sentiment }}", "operator": "equals", "right": "negative"}
                ]
            },
        ),
        _n(
            "n4",
            ACT,
            "wecom",
            "WeCom alert",
            {"resource": "webhook", "operation": "send", "key": "K", "msgtype": "text"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4", "true")],
}
HOOK: Prior = {
    "name": "Signups",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", "Signup in", {"path": "s", "method": "POST"}),
        _n(
            "n2",
            "FLOW",
            "if",
            "Paid plan?",
            {"conditions": [{"left": "{{ $json.plan }}", "operator": "equals", "right": "pro"}]},
        ),
        _n(
            "n3",
            "ACTION",
            "google_sheets_append",
            "Save signup",
            {
                "spreadsheet_id": "1X",
                "sheet_name": "Pro",
                "columns": {"email": "{{ $json.email }}"},
            },
        ),
        _n(
            "n4",
            ACT,
            "slack_message",
            "Tell team",
            {"channel": "#free", "text": "{{ $json.email }}"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3", "true"), _c("n2", "n4", "false")],
}
WAIT = {"core": "wait"}
RESPOND = {"core": "webhook_response"}
FIRST = [{"unguarded": RESPOND}, {"kept_ids": ["n1", "n2", "n3", "n4"]}]
AFTER_SAVE = [
    RESPOND,
    order(svc("google_sheets", "create"), RESPOND),
    {"kept_ids": ["n1", "n2", "n3"]},
]
KEEP_LEADS = {"kept_ids": ["n1", "n2", "n3", "n4"]}


def later(app: str | list[str]) -> list[Check]:
    """A new ``app`` step after a wait, behind the lead check; the old steps kept."""
    return [
        svc(app, "create"),
        order(WAIT, svc(app, "create")),
        guard(svc(app), "score"),
        KEEP_LEADS,
    ]


def swapped(app: str) -> list[Check]:
    """WeCom replaced by ``app``, which still runs only for negative tickets."""
    return [
        {"removed": svc(["wecom", "wechat_work"], "create")},
        svc(app, "create"),
        guard(svc(app, "create"), "sentiment"),
        {"kept_ids": ["n1", "n2", "n3"]},
    ]


def other_side(app: str | list[str]) -> list[Check]:
    """A new ``app`` step on the other output of the lead check than the HubSpot deal."""
    return [svc(app, "create"), branches(svc("hubspot"), svc(app, "create")), KEEP_LEADS]


EMAIL = ["gmail", "microsoft_outlook", "outlook"]
BANK: list[tuple[str, Prior, list[Check]]] = [
    # ---- A: a delay before a new service's step ---------------------------------------------
    ("热门线索除了建HubSpot，3小时后再在Slack提醒一下销售", LEADS, later("slack")),
    ("高分线索30分钟后发一条Slack消息给销售", LEADS, later("slack")),
    ("这些线索1小时后在Telegram提醒我跟进", LEADS, later("telegram")),
    ("建完HubSpot交易，2天后再用Discord提醒销售", LEADS, later("discord")),
    ("3小时后再在Mattermost通知一下销售团队", LEADS, later("mattermost")),
    ("for warm leads, remind sales in Slack 3 hours later", LEADS, later("slack")),
    ("besides the HubSpot deal, post to Slack #sales 2 hours later", LEADS, later("slack")),
    ("after 30 minutes, also ping me on Telegram about the lead", LEADS, later("telegram")),
    ("2 days later, nudge the sales team in Discord", LEADS, later("discord")),
    # ---- B: the replaced step said first ---------------------------------------------------
    ("instead of WeCom, post the negative ones to Discord #cx", TICKETS, swapped("discord")),
    ("Instead of WeCom, send negative tickets to Telegram", TICKETS, swapped("telegram")),
    ("instead of WeCom, message the angry ones on Slack #support", TICKETS, swapped("slack")),
    (
        "instead of the WeCom alert, post negative tickets in Mattermost",
        TICKETS,
        swapped("mattermost"),
    ),
    ("负面的工单改成发到 Discord，不要企业微信了", TICKETS, swapped("discord")),
    ("企业微信换成Telegram，还是只发负面的", TICKETS, swapped("telegram")),
    ("不用企业微信了，负面工单改发 Slack #support", TICKETS, swapped("slack")),
    # ---- C: the items an existing condition rejects, said by negating its name ---------------
    ("不是热门的线索，也加到 Mailchimp 的培育列表里", LEADS_ZH, other_side("mailchimp")),
    ("不热门的线索加到 Mailchimp", LEADS_ZH, other_side("mailchimp")),
    ("非热门线索发到 Slack #nurture", LEADS_ZH, other_side("slack")),
    ("不是热门的线索也加到 Mailchimp", LEADS, other_side("mailchimp")),
    # ---- D: a webhook answer said first thing, or said as "answer the webhook" --------------
    ("first thing, reply 200 to the caller", HOOK, FIRST),
    ("before anything else, respond to the webhook with 200", HOOK, FIRST),
    ("第一步就返回响应给调用方", HOOK, FIRST),
    ("最先响应webhook请求，返回200", HOOK, FIRST),
    ('answer the webhook with {"ok": true} right after the row is saved', HOOK, AFTER_SAVE),
    ("answer the caller once the signup is saved", HOOK, AFTER_SAVE),
    (
        "leads that aren't warm should go into the Mailchimp nurture list",
        LEADS,
        other_side("mailchimp"),
    ),
    ("leads that are not warm: add them to Mailchimp", LEADS, other_side("mailchimp")),
    ("for the leads that aren't warm, post them to Slack #nurture", LEADS, other_side("slack")),
]

_OPEN: dict[str, str] = {
    "不是热门的线索也": "the check is named in English ('Warm lead?'): no Chinese word is matched "
    "to an English name",
}


# Kept local: this scores the edited prior (check_workflow with the prior), not a new request.
def _failures(text: str, prior: Prior, checks: list[Check]) -> list[str]:
    after = f.edit(Workflow.model_validate({"id": "w", **prior}), text)
    wf = after.model_dump(mode="json")
    out = []
    for check in checks:
        ok, why = C.check_workflow(wf, check, prior)
        if not ok:
            out.append(f"{check}: {why}")
    return out


@pytest.mark.parametrize(("text", "prior", "checks"), bank_cases(BANK, _OPEN, 48))
def test_edits_fix2_bank(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
