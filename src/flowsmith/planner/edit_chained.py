"""A new message step that sends what another new step makes: "create a one-off Calendly
scheduling link and email it to the lead", "创建一个Calendly预约链接，然后发邮件给客户",
"create a Zoom meeting and email the meeting link".

Invariants: only when the message adds exactly one service step and one message step, and
the words join them ("and <send> it / the link", "然后发…"); the message step then goes
right after the new step (on the same branch), instead of beside it. Other ops are
untouched. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import edit_catalog as ec
from flowsmith.planner.plan import EditOp

__all__ = ["chain_made"]

_SENDS_IT = re.compile(
    r"\b(?:create|make|generate|set up|schedule|open|book)\b.+?\b(?:and|then)\s+(?:then\s+)?"
    r"(?:e-?mail|send|text|post|share|forward|message|dm)\s+(?:it|them|that|this|the\s+[\w\s-]{0,20}?"
    r"(?:link|url|invite|invitation|details))\b|"
    r"(?:创建|建|生成|做)[^，,。；;]+[，,]?\s*(?:然后|再|并|接着)(?:把(?:它|链接)|将(?:它|链接))?"
    r"(?:发邮件|发送|发给|邮件发|发到|发)",
    re.IGNORECASE,
)
_MESSAGES = frozenset({"email", "gmail", "slack", "telegram", "discord", "teams", "sms"})


def chain_made(text: str, ops: list[EditOp], present: set[str]) -> list[EditOp]:
    """``ops`` with the message step placed after the step it sends (module docstring);
    ``present``: the apps the workflow already uses (a step of one is no new step)."""
    if not _SENDS_IT.search(text):
        return ops
    made = [
        op
        for op in ops
        if op.kind == "add_step"
        and op.where is None
        and op.step
        and ec.parse_step(op.step)[0] not in present
    ]
    made = list({op.step: op for op in made}.values())  # one step named twice
    sends = [
        op
        for op in ops
        if op.kind == "add_action"
        and op.where is None
        and op.action is not None
        and op.action.kind in _MESSAGES
    ]
    if len(made) != 1 or len(sends) != 1:
        return ops
    app = ec.parse_step(made[0].step or "")[0]
    placed = sends[0].model_copy(update={"where": "after", "anchor": f"app:{app}"})
    return [placed if op is sends[0] else op for op in ops]
