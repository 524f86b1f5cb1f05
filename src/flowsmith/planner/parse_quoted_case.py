"""Cases said by a quoted value and the items' noun: "'not good' ratings should create an
Asana task …. 'Great' ratings go into Baserow. 'Okay' ones can be ignored."

Each clause opens a case on the noun's field (``rating``) equal to the quoted value, in one
branch; "… ones" takes the field of the case before; a value whose action is to ignore it
opens no case (the branch's other outputs do nothing).

Invariants: only a clause that opens with a quoted value and a plural noun (or "ones");
a branch left by the sentence before is gone on with only when its cases compare the same
field; the case gets the steps its action names, and nothing is read when it names none.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftBranch

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_QUOTED = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:the\s+|any\s+|all\s+)?['\"‘“](?P<v>[^'\"’”]{1,30})['\"’”]\s+"
    r"(?P<n>[a-z]+s|ones)\b(?P<a>.*)$",
    re.IGNORECASE,
)
_AUX = re.compile(
    r"^\s*(?:[:,→]|->)?\s*(?:should|must|will|can|need to|needs to)?\s*(?:just\s+|only\s+)?"
    r"(?:be|are|is|get|gets)?\s*(?:just\s+|only\s+)?",
    re.IGNORECASE,
)
_IGNORED = re.compile(r"^\s*(?:ignored?|nothing|skipped|skip(?:\s+them)?|left alone|no action)\b")


def quoted_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "'Great' ratings go into the Testimonials table": a case on rating = Great."""
    m = _QUOTED.match(clause)
    if m is None:
        return False
    br = _open_branch(b)
    last = br.cases[-1].condition if br is not None and br.cases else None
    noun = m.group("n").lower()
    field = last.field if noun == "ones" and last is not None else _singular(noun)
    if noun == "ones" and last is None:
        return False
    action = _AUX.sub("", m.group("a"), count=1)
    if _IGNORED.match(action):
        return br is not None and last is not None and last.field == field
    steps = clause_actions(action, ctx) or clause_actions(m.group("a"), ctx)
    if not steps:
        return False
    same = br is not None and last is not None and last.field == field
    if same:
        b.branch = br
    phrase = unmask(clause, ctx)
    b.open_case(Condition(field, "eq", m.group("v").strip(), phrase), phrase, same=same)
    b.add(list(steps))
    return True


def _open_branch(b: Builder) -> DraftBranch | None:
    if b.branch is not None and not b.branch.closed:
        return b.branch
    last = b.container[-1] if b.container else None
    return last if isinstance(last, DraftBranch) and not last.closed else None


def _singular(noun: str) -> str:
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") else noun
