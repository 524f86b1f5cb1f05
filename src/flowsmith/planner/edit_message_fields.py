"""A field added to an existing message ("put the price in the Telegram message too",
"邮件里把价格也写上"), and a new step said to run on every item ("log every check (cheap
or not) to Baserow", "每次检查的结果都记到Baserow表里").

Invariants: a field goes into the one message step the words name (by service, else the
only message step), appended to its text as ``<field>: {{ $json.<field> }}`` with Chinese
field words read through the lexicon's field names; a new step said with "every / each
<run>", "whether or not", "或不", "每次", "不管", "无论" goes beside the workflow's first
check (fed from what feeds it), so no check guards it. Nothing else changes. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import graph as g
from flowsmith.planner import lexicon as lx
from flowsmith.planner.plan import EditOp

__all__ = ["every_item", "message_fields"]

_FIELD_EN = re.compile(
    r"\b(?:put|include|add|show|mention)\s+(?:the\s+)?(?P<f>[a-z][a-z_ ]{1,20}?)\s+"
    r"(?:in|to|into)\s+(?:the\s+|my\s+|our\s+)?(?P<t>[\w ]{0,20}?)\b(?:message|e-?mail|mail|"
    r"text|notification|alert|sms)s?\b",
    re.IGNORECASE,
)
_FIELD_ZH = re.compile(
    r"(?P<t>[\w]{0,12}?)(?:消息|邮件|通知|短信|提醒)(?:里|中)把?(?P<f>[\u4e00-\u9fff\w]{1,6}?)也?"
    r"(?:写上|加上|带上|放进去|写进去|附上)"
)
_KEYS = ("body", "text", "message", "content")
_EVERY = re.compile(
    r"\b(?:every|each)\s+(?:single\s+)?(?:check|run|time|poll|result|item|event|one)\b|"
    r"\bwhether or not\b|\bor not\b|\bno matter\b|每次|每一次|不管|无论",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[.。;；!?！？\n]")


def _message_node(current: Workflow, named: str) -> tuple[Node, str] | None:
    apps = {m.app for m in ec.mentions(named.lower())}
    found = [x for x in g.ordered(current) if eg.notifies(x)]
    if apps:
        found = [x for x in found if (s := node_service(x)) is not None and s.app in apps]
    for node in found[:1] if len(found) == 1 or apps else []:
        key = next((k for k in _KEYS if isinstance(node.parameters.get(k), str)), None)
        if key is not None:
            return node, key
    return None


def message_fields(text: str, current: Workflow) -> list[EditOp]:
    """``set_param`` ops adding the fields the words put into a message step."""
    ops: list[EditOp] = []
    for m in [*_FIELD_EN.finditer(text), *_FIELD_ZH.finditer(text)]:
        word = m.group("f").strip().lower()
        field = re.sub(r"\W+", "_", lx.FIELD_ZH_NAMES.get(word, word))
        found = _message_node(current, m.group("t") or "")
        if found is None or not field:
            continue
        node, key = found
        value = f"{field}: {{{{ $json.{field} }}}}"
        ops.append(
            EditOp(kind="set_param", subject=f"node:{node.id}", param=f"add:{key}", value=value)
        )
    return ops


def every_item(text: str, current: Workflow, ops: list[EditOp]) -> list[EditOp]:
    """``ops`` with the new steps said for every item placed beside the first check."""
    gate = next((x for x in g.ordered(current) if x.subtype in ("if", "filter", "switch")), None)
    if gate is None:
        return ops
    low = text.lower()
    out: list[EditOp] = []
    beside = {"where": "beside", "anchor": f"node:{gate.id}"}
    for op in ops:
        # "每次检查的结果（有没有货、价格、时间）都记到…": the words in brackets are what is
        # logged, not a condition
        guard = op.kind == "add_guard" and not (op.subject or op.else_steps)
        if guard and op.steps and all(_every_said(low, x) for x in op.steps):
            out += [EditOp(kind="add_step", step=x, **beside) for x in op.steps]
            continue
        new = op.kind == "add_step" and op.where is None and op.anchor is None
        if new and op.step and _every_said(low, op.step):
            op = op.model_copy(update=beside)
        out.append(op)
    if any(op.anchor == beside["anchor"] and op.where == "beside" for op in out):
        # "…, in stock or not": the words of either case are no condition to add
        out = [op for op in out if op.kind != "add_condition"]
    return out


def _every_said(low: str, step: str) -> bool:
    """Whether the sentence naming ``step``'s app says it is for every item."""
    app = ec.parse_step(step)[0] if step.startswith("app:") else None
    said = next((x for x in ec.mentions(low) if x.app == app), None) if app else None
    if said is None:
        return False
    start = max((x.end() for x in _SENTENCE.finditer(low, 0, said.start)), default=0)
    end_m = _SENTENCE.search(low, said.start)
    return _EVERY.search(low[start : end_m.start() if end_m else len(low)]) is not None
