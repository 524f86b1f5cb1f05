"""An API call said as the step of a conditional edit: "如果填了邀请码，就调用
https://api.example.cn/referral/credit 给邀请人加积分", "if the signup has a coupon code,
call https://api.acme.io/coupons/redeem".

Invariants: the URL must sit inside the guard's own words, right after a verb of calling
("call", "hit", "POST to", "调用", "请求"); it becomes an ``http:<url>`` step behind the check
(a POST: the call does something), and the guard then names no existing step by default.
The guard reader sees the text with URLs blanked, so the URL is read here from the raw
text at the same positions. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.plan import EditOp

__all__ = ["DETOUR", "HTTP_STEP", "as_detour", "with_calls"]

DETOUR = "detour"
# the call said to come first: "enrich it first by calling …", "before it goes into the sheet",
# "先调用 … 补全，再存进Airtable"
_FIRST = re.compile(r"\bfirst\b|\bbefore\b|先|之前|再|然后", re.IGNORECASE)

HTTP_STEP = "http:"
_CALL = re.compile(
    r"(?:\b(?:call(?:ing)?|hit(?:ting)?|ping(?:ing)?|post(?:ing)? to|send(?:ing)? a request to|"
    r"trigger(?:ing)?|invok(?:e|ing))\s+(?:the\s+)?"
    r"(?:api\s+|url\s+|endpoint\s+|webhook\s+)?|调用|请求|访问|回调|触发)\s*"
    r"(?P<url>https?://[^\s，,。；;)）]+)",
    re.IGNORECASE,
)


def with_calls(raw: str, op: EditOp | None, spans: list[tuple[int, int]]) -> EditOp | None:
    """``op`` with the API calls said inside its ``spans`` of ``raw`` as new steps."""
    if op is None or op.kind != "add_guard":
        return op
    urls = [
        m.group("url").rstrip(".")
        for m in _CALL.finditer(raw)
        if any(a <= m.start("url") < b for a, b in spans)
    ]
    if not urls:
        return op
    steps = [*op.steps, *(HTTP_STEP + u for u in urls if HTTP_STEP + u not in op.steps)]
    return op.model_copy(update={"steps": steps})


def as_detour(raw: str, op: EditOp | None, current: Workflow) -> EditOp | None:
    """``op`` as a detour when its new steps are API calls said to come before a step the
    workflow has ("if the company is empty, enrich it first by calling https://… before it
    goes into the sheet"): items the condition picks make the calls and then reach that
    step; the others reach it directly (``where="detour"``, ``subject`` the step)."""
    if op is None or op.kind != "add_guard" or op.where or op.else_steps or op.else_subject:
        return op
    calls = [x for x in op.steps if x.startswith(HTTP_STEP)]
    if not calls or not _FIRST.search(raw):
        return op
    named = [op.subject] if op.subject else []
    named += [x.split("/")[0] for x in op.steps if x.startswith("app:")]
    kept = [x for x in named if _existing(current, x)]
    if len(kept) != 1 or len(calls) + len(named) - (1 if op.subject else 0) != len(op.steps):
        return op  # another new step, or no single existing step the calls lead into
    return op.model_copy(update={"subject": kept[0], "steps": calls, "where": DETOUR})


def _existing(current: Workflow, subject: str) -> bool:
    return any(x.type != NodeFamily.TRIGGER for x in eg.find(current, subject))
