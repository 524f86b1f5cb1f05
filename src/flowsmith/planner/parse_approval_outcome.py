"""A clause that says how an approval turns out: its steps go on that output of the approval.

"if rejected, email the employee", "Approved: add them …", "rejected ones get an email back
to the employee", "批了就在Google日历建预订，不批就发邮件": the outcome words choose the output
(approved or rejected) and the rest of the clause is its steps.

Invariants: only while an approval is open in the builder; the outcome words are removed
before the steps are read, and "X get(s)/receive(s) an email/message" in the rest is a
message sent to X (the one it goes back to), never a mail the flow waits for; an approval
whose own words name no one takes its approver from the whole clause that asked it. Pure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_approver import approver_of
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["name_approver", "outcome_clause"]

# "ones get an email back", "they receive an email": someone is sent one
_GETS_SENT = re.compile(
    r"\b(?:gets?|receives?|getting)\s+(?:an?\s+|one\s+)?(?=(?:e-?mail|message|sms|text)\b)", re.I
)


# "超过5000的要经理和财务总监两个人都审批通过", "both must approve": a new ask whose words end
# with the outcome it needs, not an outcome of the approval before
_ASKS = re.compile(r"(?:要|需要|须|得|must|needs?|has to|have to)", re.I)


def _asked_to_pass(clause: str, m: re.Match[str]) -> bool:
    rest = clause[m.end() :].strip(" ，,。.；;!！")
    return not rest and _ASKS.search(clause[: m.start()]) is not None


def outcome_clause(b: Builder, clause: str, ctx: Context) -> bool:
    """Put ``clause``'s steps on the open approval's output it names; False when there is no
    open approval or the clause names no outcome."""
    if b.approval is None:
        return False
    sides = ((lx.APPROVAL_REJECT, b.approval.rejected), (lx.APPROVAL_OK, b.approval.approved))
    for said, side in sides:
        m = said.search(clause)
        if m and not _asked_to_pass(clause, m):
            b.approval_said = True
            b.current = side
            b.add(clause_actions(_GETS_SENT.sub("send an ", said.sub(" ", clause)), ctx))
            return True
    return False


def name_approver(b: Builder, clause: str, ctx: Context) -> None:
    """The approval ``clause`` just asked for names its approver from the whole clause: a case
    read first ("12人以上的要店长在Slack里审批") leaves the approval only "在Slack里审批"."""
    asked = b.approval
    if asked is None or asked.approver or not asked.phrase:
        return
    said = unmask(clause, ctx)
    if asked.phrase in said:
        asked.approver = approver_of(said)
