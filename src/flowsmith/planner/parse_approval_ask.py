"""The message that asks for an approval is the approval node's own, not a step after it.

"expenses over $1000 get emailed to my manager for approval first", "先发邮件给主管审批",
"先发到Slack等我审批": the email or Slack message said before the approval word is how the
approval is asked (an approval by email, or in Slack), so it is not also an approved step.

Invariants: only one write is dropped, the first one on the asking channel, and only when
its channel is said before the approval word and the clause says no "once approved";
a Slack ask makes the approval a Slack approval. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import CoreStep, ServiceStep
from flowsmith.planner.parse_tree import DraftApproval

_BY_MAIL = re.compile(r"e-?mail|邮件|邮箱", re.IGNORECASE)
_BY_SLACK = re.compile(r"slack", re.IGNORECASE)
_MAIL_APPS = ("gmail", "microsoft_outlook", "outlook")


def without_ask(block: DraftApproval, writes: list[Any], clause: str) -> list[Any]:
    """``writes`` less the message that asks for ``block`` (its channel set from it)."""
    said = lx.APPROVAL.search(clause)
    if said is None or lx.APPROVAL_OK.search(clause):
        return writes
    ask = clause[: said.start()]
    if _BY_SLACK.search(ask):
        at = _first(writes, lambda s: isinstance(s, ServiceStep) and s.app == "slack")
        if at is not None:
            block.channel = "slack"
            return writes[:at] + writes[at + 1 :]
    if block.channel == "email" and _BY_MAIL.search(ask):
        at = _first(writes, _is_mail)
        if at is not None:
            return writes[:at] + writes[at + 1 :]
    return writes


def _is_mail(step: Any) -> bool:
    if isinstance(step, CoreStep):
        return step.subtype in ("send_email", "gmail_send")
    return isinstance(step, ServiceStep) and step.app in _MAIL_APPS


def _first(writes: list[Any], hit: Any) -> int | None:
    return next((i for i, s in enumerate(writes) if hit(s)), None)
