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

from flowsmith.planner.plan import EditOp

__all__ = ["HTTP_STEP", "with_calls"]

HTTP_STEP = "http:"
_CALL = re.compile(
    r"(?:\b(?:call|hit|ping|post to|send a request to|trigger|invoke)\s+(?:the\s+)?"
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
