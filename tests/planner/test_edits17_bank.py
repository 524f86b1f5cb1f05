"""Edits17 bank (own sentences, written before the fix): a check put in front of the steps
that drops the items it matches.

(A) "if <condition>, skip it / ignore it / drop it", "…就跳过", "…的话直接丢掉", said with or
without "at the start" / "在最前面": a check right after the trigger, every existing step on
the output the kept items take (the matching ones go nowhere); (B) the condition "<item> isn't
a PDF" / "is not an image" is the item's type against that kind (never the article "a");
(C) "写表格之前先用AI判断一下是不是垃圾线索，垃圾的直接丢掉", "have AI check whether it's spam
before saving it; drop the spam": a new AI step in front of the steps, and its verdict the
check that guards them; (D, rows added with their fix) "respond to the caller first, … and do
the database stuff after that", "先返回响应，…的事情之后再做": the existing answer moved right
after the trigger, the rest after it in their order.

Edit rows are a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow; untouched nodes keep their ids.
Create rows (prior None) are scored on the compiled request."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, failures, guard, order, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": name, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


def keep(*ids: str) -> Check:
    return {"kept_ids": list(ids)}


SAT: Check = {"condition_satisfiable": True}

UPLOADS: Prior = {
    "name": "Receipts intake",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "app_event_trigger",
            "New receipt",
            {"app": "google_drive", "event": "file.created", "resource": "Receipts"},
        ),
        _n(
            "n2",
            "AI_AGENT",
            "information_extractor",
            "Read receipt",
            {"input_text": "{{ $json.text }}", "attributes": [{"name": "vendor"}]},
        ),
        _n(
            "n3",
            ACT,
            "airtable",
            "Save expense",
            {"resource": "record", "operation": "create", "base": "appE", "table": "Expenses"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
SIGNUPS: Prior = {
    "name": "Workshop signups",
    "nodes": [
        _n("n1", "TRIGGER", "form_trigger", "Signup form", {"title": "Workshop", "fields": []}),
        _n(
            "n2",
            ACT,
            "hubspot",
            "Add contact",
            {"resource": "contact", "operation": "create", "email": "{{ $json.email }}"},
        ),
        _n("n3", ACT, "slack_message", "Tell #events", {"channel": "#events", "text": "new"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
SHOP: Prior = {
    "name": "Shop orders",
    "nodes": [
        _n("n1", "TRIGGER", "woocommerce_trigger", "New order", {"event": "order.created"}),
        _n(
            "n2",
            ACT,
            "airtable",
            "Save order",
            {"resource": "record", "operation": "create", "base": "appX", "table": "Orders"},
        ),
        _n("n3", ACT, "discord_message", "Ping Discord", {"channel_id": "9", "content": "new"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
INBOX: Prior = {
    "name": "Contact inbox",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "webhook_trigger",
            "Contact form",
            {"path": "contact", "method": "POST"},
        ),
        _n(
            "n2",
            ACT,
            "notion_create_page",
            "Log message",
            {"database_id": "db1", "title": "{{ $json.subject }}"},
        ),
        _n("n3", ACT, "telegram_message", "Tell me", {"chat_id": "7", "text": "new message"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}

HOOK: Prior = {
    "name": "Order hook",
    "nodes": [
        _n("n1", "TRIGGER", "webhook_trigger", "Order in", {"path": "o", "method": "POST"}),
        _n(
            "n2",
            ACT,
            "airtable",
            "Save order",
            {"resource": "record", "operation": "create", "base": "b", "table": "t"},
        ),
        _n("n3", ACT, "slack_message", "Post it", {"channel": "#o", "text": "x"}),
        _n(
            "n4",
            ACT,
            "webhook_response",
            "Ack call",
            {"respond_with": "json", "body": {"ok": True}, "status_code": 200},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3"), _c("n3", "n4")],
}

AI: Check = {"ai": "any"}
EXTRACT: Check = {"ai": "extract"}
AIRTABLE = svc("airtable", "create")
HUBSPOT = svc("hubspot", "create")
SLACK = svc("slack", "create")
DISCORD = svc("discord", "create")
NOTION = svc("notion", "create")
TELEGRAM = svc("telegram", "create")
KIND = ("pdf", "image", "type", "mime", "extension", "图片", "类型")

FIRST: Check = {
    "path_avoiding": {"to": {"core": "webhook_response"}, "avoid": {"service": "airtable"}}
}
BANK: list[tuple[str, Prior | None, list[Check]]] = [
    # ---- A: a check that drops what it matches, in front of every step ---------------------
    (
        "Add a step at the start: if the receipt isn't an image, skip it.",
        UPLOADS,
        [guard(EXTRACT, *KIND), guard(AIRTABLE, *KIND), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "Put a check in front of everything: if the order total is under 20, ignore it.",
        SHOP,
        [guard(AIRTABLE, "total", "20"), guard(DISCORD, "total"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "First thing: if the email field is empty, drop it.",
        SIGNUPS,
        [guard(HUBSPOT, "email"), guard(SLACK, "email"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "Before anything else, if the file is not a PDF, just skip it.",
        UPLOADS,
        [guard(EXTRACT, "pdf"), guard(AIRTABLE, "pdf"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "If the message comes from a gmail.com address, ignore it.",
        INBOX,
        [guard(NOTION, "gmail"), guard(TELEGRAM, "gmail"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "At the very start, if the order's status is cancelled, throw it away.",
        SHOP,
        [guard(AIRTABLE, "status", "cancel"), guard(DISCORD), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "在最前面加一个判断：如果文件不是图片就跳过",
        UPLOADS,
        [guard(EXTRACT, *KIND), guard(AIRTABLE, *KIND), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "一开始先判断一下，如果订单金额小于20就直接忽略",
        SHOP,
        [guard(AIRTABLE, "20"), guard(DISCORD, "20"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "最前面加个检查，邮箱为空的话就丢掉",
        SIGNUPS,
        [guard(HUBSPOT, "email", "邮箱"), guard(SLACK), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "开头加一步：不是PDF的文件直接跳过",
        UPLOADS,
        [guard(EXTRACT, "pdf"), guard(AIRTABLE, "pdf"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "如果留言的标题里有“测试”两个字，就不处理了",
        INBOX,
        [guard(NOTION, "测试"), guard(TELEGRAM, "测试"), SAT, keep("n1", "n2", "n3")],
    ),
    (
        "先加个过滤：订单状态是已取消的话就扔掉",
        SHOP,
        [guard(AIRTABLE, "已取消"), guard(DISCORD, "已取消"), SAT, keep("n1", "n2", "n3")],
    ),
    # ---- B: "<item> isn't a <kind>" in a new flow -----------------------------------------
    (
        "When a file is added to our Dropbox, if it isn't a PDF, skip it; otherwise pull the"
        " invoice number out with AI and add a row in Airtable.",
        None,
        [guard(EXTRACT, "pdf"), guard(AIRTABLE, "pdf"), SAT],
    ),
    (
        "When someone uploads to Google Drive and the upload is not an image, ignore it;"
        " otherwise post it to Slack.",
        None,
        [guard(SLACK, "image"), SAT],
    ),
    # ---- C: an AI verdict in front of the steps, its category the check -------------------
    (
        "写表格之前先用AI判断一下是不是广告，广告的直接丢掉",
        INBOX,
        [AI, order(AI, NOTION), guard(NOTION), guard(TELEGRAM), keep("n1", "n2", "n3")],
    ),
    (
        "存到HubSpot之前，先让AI判断一下报名是不是机器人填的，机器人的直接丢掉，不存也不通知",
        SIGNUPS,
        [AI, order(AI, HUBSPOT), guard(HUBSPOT), guard(SLACK), keep("n1", "n2", "n3")],
    ),
    (
        "在存Airtable之前用AI判断一下是不是测试订单，测试订单直接丢弃",
        SHOP,
        [AI, order(AI, AIRTABLE), guard(AIRTABLE), guard(DISCORD), keep("n1", "n2", "n3")],
    ),
    (
        "先用AI判断一下留言是不是垃圾信息，是垃圾的就不处理了",
        INBOX,
        [AI, order(AI, NOTION), guard(NOTION), guard(TELEGRAM), keep("n1", "n2", "n3")],
    ),
    (
        "Before saving the signup, have AI decide whether it's spam, and drop the spam ones.",
        SIGNUPS,
        [AI, order(AI, HUBSPOT), guard(HUBSPOT), guard(SLACK), keep("n1", "n2", "n3")],
    ),
    (
        "Use AI to check if the message is a sales pitch before logging it in Notion; throw"
        " the sales pitches away.",
        INBOX,
        [AI, order(AI, NOTION), guard(NOTION), guard(TELEGRAM), keep("n1", "n2", "n3")],
    ),
    (
        "Have AI judge whether the order is a test order first, and ignore the test ones.",
        SHOP,
        [AI, order(AI, AIRTABLE), guard(AIRTABLE), guard(DISCORD), keep("n1", "n2", "n3")],
    ),
    (
        "先让AI看看这个订单是不是刷单，刷单的直接忽略",
        SHOP,
        [AI, order(AI, AIRTABLE), guard(AIRTABLE), guard(DISCORD), keep("n1", "n2", "n3")],
    ),
    # ---- D: the answer to the call first, the other steps after it --------------------------
    (
        "Send the response first, as soon as an order hits the hook, and do the Airtable and"
        " Slack bits after that.",
        HOOK,
        [FIRST, keep("n1", "n2", "n3", "n4")],
    ),
    (
        "Answer the request first and handle the Airtable save and the Slack post afterwards.",
        HOOK,
        [FIRST, keep("n1", "n2", "n3", "n4")],
    ),
    (
        "收到请求后先返回响应，Airtable和Slack的事情之后再做",
        HOOK,
        [FIRST, keep("n1", "n2", "n3", "n4")],
    ),
    (
        "先给调用方回个响应，存Airtable和发Slack放到后面",
        HOOK,
        [FIRST, keep("n1", "n2", "n3", "n4")],
    ),
]
_OPEN: dict[str, str] = {}


def _failures(text: str, prior: Prior | None, checks: list[Check]) -> list[str]:
    if prior is None:
        return failures(text, checks)
    after = f.edit(Workflow.model_validate({"id": "w", **prior}), text)
    wf = after.model_dump(mode="json")
    out = []
    for check in checks:
        ok, why = C.check_workflow(wf, check, prior)
        if not ok:
            out.append(f"{check}: {why}")
    return out


@pytest.mark.parametrize(("text", "prior", "checks"), bank_cases(BANK, _OPEN, 48))
def test_edits17_bank(text: str, prior: Prior | None, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
