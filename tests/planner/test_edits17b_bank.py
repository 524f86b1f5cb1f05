"""Edits17b bank (own sentences, written before the fix): a conditional edit that adds a new
step whose words the condition reader took for an existing one, or did not read at all.

(A) "if <condition>, also email <something> to <address>" / "…就把X发邮件给<address>": the
email is a new step behind the check; the words after the verb ("the summary", "the report")
are what it sends, not the existing step with that name, which stays unguarded; (B) "if
<condition> give them / send them a …, on <service>" said without a comma: the action starts
at its verb and names a new step of that service behind the check, the existing result step
stays where it was.

Each row is a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow; untouched nodes keep their ids."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, free, guard, order, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": name, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


def keep(*ids: str) -> Check:
    return {"kept_ids": list(ids)}


DAILY = {"interval": "days", "every": 1, "at_time": "07:00"}
# a weekly report: read, summarise, post
REPORT: Prior = {
    "name": "Weekly traffic report",
    "nodes": [
        _n("n1", "TRIGGER", "schedule_trigger", "Every Monday", DAILY),
        _n("n2", "ACTION", "http_request", "Get visits", {"method": "GET", "url": "https://x.io"}),
        _n("n3", "AI_AGENT", "summarizer", "Write report", {"input_text": "{{ $json }}"}),
        _n("n4", ACT, "discord_message", "Post report", {"channel_id": "7", "content": "x"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4")],
}
# a count per person, posted to Teams
COUNTS: Prior = {
    "name": "Closed tickets per agent",
    "nodes": [
        _n("n1", "TRIGGER", "schedule_trigger", "Friday", DAILY),
        _n("n2", ACT, "zendesk", "Solved tickets", {"resource": "ticket", "operation": "getAll"}),
        _n(
            "n3",
            "ACTION",
            "aggregate",
            "Count per agent",
            {"group_by": ["assignee"], "operations": [{"field": "id", "operation": "count"}]},
        ),
        _n("n4", ACT, "microsoft_teams_message", "Post counts", {"message": "x"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4")],
}
# inventory digest by email-less flow: sheet rows summarised into Telegram
STOCK: Prior = {
    "name": "Stock digest",
    "nodes": [
        _n("n1", "TRIGGER", "schedule_trigger", "Morning", DAILY),
        _n("n2", ACT, "google_sheets_read", "Read stock", {"spreadsheet_id": "1", "range": "A:C"}),
        _n("n3", "AI_AGENT", "summarizer", "Stock summary", {"input_text": "{{ $json }}"}),
        _n(
            "n4",
            ACT,
            "telegram",
            "Send digest",
            {"resource": "message", "operation": "sendMessage", "chat_id": "1", "text": "x"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4")],
}

EMAIL: Check = {
    "any": [{"core": ["send_email", "gmail_send"]}, {"service": ["gmail", "microsoft_outlook"]}]
}
SLACK = svc("slack", "create")
DISCORD = svc("discord", "create")
TEAMS = svc("microsoft_teams", "create")
TG = svc("telegram", "create")

BANK: list[tuple[str, Prior, list[Check]]] = [
    # ---- A: "also email the <thing> to <address>": a new email, not the <thing> step ----------
    (
        "if the visits drop below 500, also email the report to growth@shop.io",
        REPORT,
        [EMAIL, guard(EMAIL, "visits"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "when visits are over 20000 email the report to ceo@shop.io as well. discord stays",
        REPORT,
        [EMAIL, guard(EMAIL, "visits"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "如果访问量低于500，把报告也发邮件给growth@shop.io，Discord照旧",
        REPORT,
        [EMAIL, guard(EMAIL, "访问量", "visits"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "访问量超过20000的时候，再把报告邮件发给ceo@shop.io",
        REPORT,
        [EMAIL, guard(EMAIL, "访问量", "visits"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "if any item has fewer than 5 units left, also email the stock summary to buyer@shop.io",
        STOCK,
        [EMAIL, guard(EMAIL), free(TG), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "如果库存少于5件，也把库存摘要发邮件给buyer@shop.io",
        STOCK,
        [EMAIL, guard(EMAIL), free(TG), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "if the stock value is under 2000, also mail the summary to owner@farm.co; telegram"
        " stays as it is",
        STOCK,
        [EMAIL, guard(EMAIL, "stock", "value"), free(TG), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "库存总值低于2000的话，另外发一封邮件把摘要发给owner@farm.co，电报消息不变",
        STOCK,
        [EMAIL, guard(EMAIL), free(TG), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "if the bounce rate is above 60, also email the summary to web@shop.io",
        REPORT,
        [EMAIL, guard(EMAIL, "bounce"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "跳出率高于60的时候，也把总结邮件发送给web@shop.io",
        REPORT,
        [EMAIL, guard(EMAIL, "跳出率", "bounce"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    # ---- B: a guarded new step said without a comma ------------------------------------------
    (
        "if an agent solved more than 30 tickets give them a shout-out in #wins on Slack",
        COUNTS,
        [SLACK, guard(SLACK, "30", "count"), order({"core": "aggregate"}, SLACK), free(TEAMS)],
    ),
    (
        "if someone solved over 40 tickets this month give them a thank-you note on Discord",
        COUNTS,
        [DISCORD, guard(DISCORD, "40", "count"), order({"core": "aggregate"}, DISCORD)],
    ),
    (
        "when an agent closes more than 25 tickets give a shout-out in #team on Slack",
        COUNTS,
        [SLACK, guard(SLACK, "25", "count"), free(TEAMS), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "如果有人这周解决了超过30个工单，在Slack的#wins频道表扬一下",
        COUNTS,
        [SLACK, guard(SLACK, "30", "count"), free(TEAMS), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "谁这周关掉的工单超过30个，就在Slack上给他点个赞",
        COUNTS,
        [SLACK, guard(SLACK, "30", "count"), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "如果有客服解决了40个以上的工单，再发一条Telegram消息祝贺一下",
        COUNTS,
        [TG, guard(TG, "40", "count"), free(TEAMS), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "工单数超过50的客服，额外在Discord里发条表扬",
        COUNTS,
        [DISCORD, guard(DISCORD, "50", "count"), free(TEAMS), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "if visits go over 10000 give the team a heads-up on Telegram",
        REPORT,
        [TG, guard(TG, "visits"), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "如果库存低于3件，再给我发一条Slack提醒",
        STOCK,
        [SLACK, guard(SLACK), free(TG), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "访问量超过一万就在Telegram上通知一下团队，Discord的帖子照发",
        REPORT,
        [TG, guard(TG), free(DISCORD), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "if more than 20 items are low give purchasing a heads-up by SMS on Twilio",
        STOCK,
        [svc("twilio", "create"), guard(svc("twilio", "create")), free(TG)],
    ),
]

_OPEN: dict[str, str] = {
    "if the visits drop below 500": 'the condition reads "visits" as the field "price"',
    "when visits are over 20000": 'the condition reads "visits" as the field "price"',
    "库存总值低于2000的话": '"，电报消息不变" stays in the action, so it names the Telegram step',
    "谁这周关掉的工单超过30个": '"谁…超过30个，就…" parses as no condition',
    "如果有客服解决了40个以上": 'the condition\'s field is read as "服解决了", not the count',
    "if visits go over 10000": 'the condition reads "visits go over" with the field "go"',
    "访问量超过一万就": '"超过一万" (a number in Chinese) parses as no condition',
}


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
def test_edits17b_bank(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
