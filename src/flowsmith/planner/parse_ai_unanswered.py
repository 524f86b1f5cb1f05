"""An AI step's failure to answer as the other side of its reply: "用AI自动回复常见问题；AI答
不上来的，转到飞书群让人工处理", "use AI to answer common questions; if the AI can't answer,
forward it to the Slack support channel", "questions the AI cannot answer go to …".

The reply said with the AI step runs only when the AI answered; what the clause says (or the
next clause, when it says the failure alone) runs on the other side. So the reply moves into
a case on the AI's answer and the clause's steps become that case's otherwise.

Invariants: reads only while no case is open and the steps said last are an AI step followed
by at least one step (the reply); the reply keeps its order after the AI step; the clause
says the AI could not answer, nothing else. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flowsmith.planner.frame import Condition, Think
from flowsmith.planner.parse_ai_asked import AI_NAME
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["ai_unanswered_case"]

# "AI答不上来的", "AI回答不了的话", "if the AI can't answer", "questions the AI cannot answer"
_UNANSWERED = re.compile(
    r"^\s*(?:如果|要是|假如|若)?\s*" + AI_NAME + r"\s*(?:也)?(?:回答|答|回复|解答|处理)?"
    r"(?:不上来|不了|不出来|不出|不会|不懂|没法回答|无法回答|回答不了)(?:的话|的)?\s*[，,：:]?\s*"
    r"(?:就|则|再)?(?P<zh>.*)$|"
    r"^\s*(?:and\s+)?(?:if|when|whenever)\s+" + AI_NAME + r"\s+(?:can't|cannot|can\s+not|"
    r"couldn't|doesn't\s+know\s+how\s+to|is\s+unable\s+to|fails\s+to)\s+(?:answer|reply|respond|"
    r"help)(?:\s+it)?\s*[,:]?\s*(?:then\s+)?(?P<en>.*)$|"
    r"^\s*(?:and\s+)?(?:questions|messages|ones|anything|everything)\s+(?:that\s+)?"
    + AI_NAME
    + r"\s+(?:can't|cannot|can\s+not|couldn't)\s+(?:answer|handle)\s+(?P<en2>.*)$",
    re.IGNORECASE,
)
_GO = re.compile(r"^(?:go|goes|get|gets)\s+(?:sent\s+|forwarded\s+)?(?=to\b)", re.IGNORECASE)


# "AI答不了的转人工", "hand it over to a human": the failure's side, said with no step of its
# own (the next clause says where it goes)
_HANDOFF = re.compile(
    r"^(?:就|则)?(?:转|转给|转到|交给|转交)?人工(?:客服)?(?:处理|来处理|跟进)?$|"
    r"^(?:hand|pass|escalate|send)\w*\s+(?:it\s+|them\s+)?(?:off\s+|over\s+|on\s+)?to\s+"
    r"(?:a\s+)?(?:human|person|real person|agent)s?$",
    re.IGNORECASE,
)


def _reply_after_ai(b: Builder, chat: bool) -> int | None:
    """Where the reply starts in the open list: right after its last AI step; on a chat
    start the AI's answer is the reply itself, so an AI step said last has an empty one."""
    if b.branch is not None and not b.branch.closed:
        return None
    steps: list[Any] = b.current
    at = max((i for i, s in enumerate(steps) if isinstance(s, Think)), default=None)
    if at is None or (at == len(steps) - 1 and not chat):
        return None
    return at + 1


def ai_unanswered_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "AI答不上来的，转到…": the AI's reply runs when it answered, the clause's steps when not."""
    said = unmask(clause, ctx)
    m = _UNANSWERED.match(said)
    if m is None:
        return False
    start = _reply_after_ai(b, ctx.trigger_kind == "chat")
    if start is None:
        return False
    action = (m.group("zh") or m.group("en") or m.group("en2") or "").strip()
    action = "" if _HANDOFF.match(action) else _GO.sub("forward ", action)
    steps = clause_actions(action, ctx) if action else []
    if action and not steps:
        return False
    reply = b.current[start:]
    del b.current[start:]
    b.open_case(Condition("answered", "is_true", None, said.strip()), said.strip(), same=False)
    b.add(list(reply))
    b.otherwise()
    b.add(list(steps))
    return True
