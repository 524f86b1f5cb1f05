"""Edits16 bank (own sentences, written before the fix): edit messages that go wrong on an
existing workflow.

(A) an approval's outcome said with who was decided on ("when a request is approved", "if
the order gets rejected", "审批通过的话"): a step on that output of the approval, no new check;
(B) a step put into a named place ("copy it to our S3 bucket 'notion-archive'"): a quoted name
says no service and no operation, the container word ("bucket", "folder") is where it goes,
and "keep the X …" adds no X; (C) on a flow an error starts, "when it fails / 报错的时候" is
when the flow runs, no condition: "先用AI分析…再发到Slack" puts the AI step before the alert;
(D) "只有…的才发" after a replacement: the check guards the step that sends, nothing else.

Each row is a prior flow and checks in the evaluation's own vocabulary
(bench/eval_planner/checks.py), scored on the edited flow; untouched nodes keep their ids."""

from __future__ import annotations

from typing import Any

import pytest

from flowsmith.core.models import Workflow
from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import C, Check, branches, free, guard, order, svc

Prior = dict[str, Any]
ACT = "EXTERNAL_ACTION"


def _n(nid: str, kind: str, subtype: str, name: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": nid, "name": name, "type": kind, "subtype": subtype, "parameters": params}


def _c(a: str, b: str, out: str = "main") -> dict[str, str]:
    return {"from_node": a, "to_node": b, "from_output": out}


def keep(*ids: str) -> Check:
    return {"kept_ids": list(ids)}


LEAVE: Prior = {
    "name": "Leave requests",
    "nodes": [
        _n("n1", "TRIGGER", "form_trigger", "Leave form", {"title": "Leave", "fields": []}),
        _n("n2", "FLOW", "approval_email", "Boss approval", {"to": "boss@acme.io"}),
        _n(
            "n3",
            ACT,
            "google_sheets_append",
            "Log leave",
            {"spreadsheet_id": "1L", "sheet_name": "Leave", "columns": {"who": "x"}},
        ),
        _n("n4", ACT, "send_email", "Tell employee", {"to": "x@acme.io", "subject": "No"}),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3", "approved"), _c("n2", "n4", "rejected")],
}
BACKUP: Prior = {
    "name": "Nightly backup",
    "nodes": [
        _n(
            "n1",
            "TRIGGER",
            "schedule_trigger",
            "Nightly",
            {"interval": "days", "every": 1, "at_time": "01:00"},
        ),
        _n("n2", ACT, "airtable", "Read base", {"resource": "record", "operation": "search"}),
        _n(
            "n3",
            ACT,
            "google_drive",
            "Upload to Drive",
            {"resource": "file", "operation": "upload", "name": "backup.json"},
        ),
    ],
    "connections": [_c("n1", "n2"), _c("n2", "n3")],
}
ERRORS: Prior = {
    "name": "Error alerts",
    "nodes": [
        _n("n1", "TRIGGER", "error_trigger", "When a run fails", {}),
        _n(
            "n2",
            ACT,
            "telegram",
            "Tell ops",
            {"resource": "message", "operation": "sendMessage", "chat_id": "42", "text": "x"},
        ),
    ],
    "connections": [_c("n1", "n2")],
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

AI = {"ai": "any"}
S3 = svc("amazon_s3", "create")
TG = svc("telegram", "create")

BANK: list[tuple[str, Prior, list[Check]]] = [
    # ---- A: an approval's outcome said with its subject --------------------------------------
    (
        "when a leave request is approved, also ping #hr on Slack",
        LEAVE,
        [branches(svc("slack", "create"), {"core": "send_email"}), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "If it's approved, also text the employee with Twilio",
        LEAVE,
        [branches(svc("twilio", "create"), {"core": "send_email"}), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "When the request gets rejected, also log it in Airtable",
        LEAVE,
        [
            branches(svc("google_sheets", "create"), svc("airtable", "create")),
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    (
        "when a request is approved post it to Discord; when it's declined keep the email and"
        " also add a row to Airtable",
        LEAVE,
        [
            branches(svc("discord", "create"), svc("airtable", "create")),
            {"absent": {"condition_node": True}},
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    (
        "审批通过的话，再发一条飞书消息给人事",
        LEAVE,
        [branches(svc("feishu", "create"), {"core": "send_email"}), keep("n1", "n2", "n3", "n4")],
    ),
    (
        "被拒绝的时候，除了发邮件，再在Notion里记一笔",
        LEAVE,
        [
            branches(svc("google_sheets", "create"), svc("notion", "create")),
            keep("n1", "n2", "n3", "n4"),
        ],
    ),
    (
        "when a request is approved and it's over 1000, also tell #hr on Slack",
        LEAVE,
        [guard(svc("slack", "create")), keep("n1", "n2", "n3", "n4")],
    ),
    # ---- B: a step put into a named place ----------------------------------------------------
    (
        "keep the Drive upload but also copy it to our S3 bucket 'airtable-archive'",
        BACKUP,
        [S3, {"absent": svc("google_drive", "delete")}, keep("n1", "n2", "n3")],
    ),
    (
        "also put a copy into our Amazon S3 bucket",
        BACKUP,
        [svc("amazon_s3", "create", "upload"), keep("n1", "n2", "n3")],
    ),
    (
        "also upload the file into our Dropbox folder 'airtable-backups'",
        BACKUP,
        [svc("dropbox", "create"), keep("n1", "n2", "n3")],
    ),
    (
        "Drive上传保留，另外再传一份到S3的'slack-export'桶里",
        BACKUP,
        [S3, keep("n1", "n2", "n3")],
    ),
    (
        "保留Google Drive备份，同时再上传一份到Box",
        BACKUP,
        [svc("box", "create"), keep("n1", "n2", "n3")],
    ),
    (
        "also copy the backup to our OneDrive folder 'notion-old'",
        BACKUP,
        [svc("onedrive", "create"), keep("n1", "n2", "n3")],
    ),
    # ---- C: an error flow's "when it fails" is when it runs ----------------------------------
    (
        "出错的时候先用AI分析一下原因，再把分析和错误信息一起发到Telegram",
        ERRORS,
        [AI, order(AI, TG), {"absent": {"condition_node": True}}, keep("n1", "n2")],
    ),
    (
        "报错时先让AI总结一下错误，然后发Telegram",
        ERRORS,
        [AI, order(AI, TG), {"absent": {"condition_node": True}}, keep("n1", "n2")],
    ),
    (
        "when a run fails, have AI explain the likely cause first and send that with the error"
        " to Telegram",
        ERRORS,
        [AI, order(AI, TG), {"absent": {"condition_node": True}}, keep("n1", "n2")],
    ),
    (
        "失败的时候，先用AI分析可能的原因再通知",
        ERRORS,
        [AI, order(AI, TG), {"absent": {"condition_node": True}}, keep("n1", "n2")],
    ),
    (
        "when something fails, first let AI suggest a fix, then post it all to Telegram",
        ERRORS,
        [AI, order(AI, TG), {"absent": {"condition_node": True}}, keep("n1", "n2")],
    ),
    # ---- D: "只有…才发" after a replacement guards the sender alone --------------------------
    (
        "把Discord通知换成钉钉，而且只有金额超过500的订单才发",
        SHOP,
        [
            svc("dingtalk", "create"),
            guard(svc("dingtalk", "create"), "amount", "total", "500"),
            free(svc("airtable", "create")),
            keep("n1", "n2"),
        ],
    ),
    (
        "Discord换成飞书，只有VIP客户的订单才发",
        SHOP,
        [guard(svc("feishu", "create")), free(svc("airtable", "create")), keep("n1", "n2")],
    ),
    (
        "通知改成Telegram，只有总价大于1000的才发",
        SHOP,
        [guard(svc("telegram", "create")), free(svc("airtable", "create")), keep("n1", "n2")],
    ),
    (
        "swap Discord for Telegram and only send it for orders over $200",
        SHOP,
        [guard(svc("telegram", "create")), free(svc("airtable", "create")), keep("n1", "n2")],
    ),
    (
        "只有金额超过300的订单才发Discord",
        SHOP,
        [guard(svc("discord", "create")), free(svc("airtable", "create")), keep("n1", "n2")],
    ),
]

_OPEN: dict[str, str] = {
    "被拒绝的时候，除了发邮件": '"除了发邮件" restates the email as a new one, and the Notion step'
    " lands on the approved output",
    "Discord换成飞书，只有VIP客户": '"VIP客户的订单" parses as no condition',
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
def test_edits16_bank(text: str, prior: Prior, checks: list[Check]) -> None:
    assert _failures(text, prior, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, *_ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
