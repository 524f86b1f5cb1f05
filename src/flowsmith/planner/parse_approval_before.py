"""An approval said after the step it must come before, for one case only: "PayPal有退款时，
在QuickBooks里把发票作废，然后钉钉告诉会计。退款超过一万的，作废之前先让财务经理邮件审批",
"…; for refunds over 500, get the manager's approval by email before voiding it". Pure.

The clause readers leave such a sentence as a case holding an approval with nothing behind it.
Invariant of the rewrite: the earlier step the "before <verb>" names moves into a branch on the
case's condition; on that case it runs only once approved, every other item reaches it
straight away; the steps said after it stay after the branch (they join every path).
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.services import verb_of
from flowsmith.planner.frame import Approval, Branch, Case, CoreStep, ServiceStep, Step

# "作废之前先…", "删除前先…", "before voiding it", "before it is deleted"
_BEFORE_ZH = re.compile(r"([\u4e00-\u9fff]{1,2}?)(?:之前|以前|前)\s*(?:要|得|需要|必须)?先")
_THEN = re.compile(r"^\W*(?:and\s+)?then\b|^\W*(?:然后|之后|随后|接着|再)", re.I)
_BEFORE_EN = re.compile(
    r"\bbefore\s+(?:we\s+|you\s+)?(?:it\s+(?:is|gets)\s+)?([a-z]{3,}?)(?:ing|ed|e?s)?\b", re.I
)


def with_approval_moved(steps: list[Step]) -> list[Step]:
    """``steps`` with each empty case approval put before the earlier step it names."""
    for i, step in enumerate(steps):
        ask = _empty_case_approval(step)
        if ask is None:
            continue
        branch, approval, at = ask
        verb = _before_verb(approval.phrase)
        j = _named_before(steps, i, verb) if verb else _last_write(steps, i, approval.phrase)
        if j is None:
            continue
        # "…作废，然后钉钉告诉会计": a step said to come after the moved one goes with it on
        # both sides (a branch's write ends pass on its feed, not the write)
        k = j + 1
        while k < i and _THEN.match(str(getattr(steps[k], "phrase", ""))):
            k += 1
        moving = tuple(steps[j:k])
        asked = (replace(approval, approved=moving),)
        cases = tuple(
            Case(condition=c.condition, steps=asked if n == at else moving)
            for n, c in enumerate(branch.cases)
        )
        if len(cases) == 1:
            cases = (*cases, Case(condition=None, steps=moving))
        moved = Branch(cases=cases, phrase=branch.phrase)
        return [*steps[:j], moved, *steps[k:i], *steps[i + 1 :]]
    return steps


def _empty_case_approval(step: Step) -> tuple[Branch, Approval, int] | None:
    """The branch, its approval and that case's index when ``step`` is one condition whose
    only step is an approval with no approved or rejected steps, or two cases of which one is
    that and the other does nothing of its own ("up to 50 go straight in; above 50 the CFO
    has to approve first")."""
    if not isinstance(step, Branch) or len(step.cases) not in (1, 2):
        return None
    if len(step.cases) == 1 and step.cases[0].condition is None:
        return None
    asks = [n for n, c in enumerate(step.cases) if len(c.steps) == 1]
    if len(asks) != 1 or any(c.steps for n, c in enumerate(step.cases) if n != asks[0]):
        return None
    ask = step.cases[asks[0]].steps[0]
    if not isinstance(ask, Approval) or ask.approved or ask.rejected:
        return None
    return step, ask, asks[0]


def _before_verb(phrase: str) -> str | None:
    m = _BEFORE_ZH.search(phrase) or _BEFORE_EN.search(phrase)
    return m.group(1).lower() if m else None


# "above 50 the CFO has to approve in Slack first", "超过的要先经理审批": before the step
# just said, named by no verb
_FIRST = re.compile(r"\bfirst\b|先", re.I)


def _last_write(steps: list[Step], i: int, phrase: str) -> int | None:
    """The last service write before ``i`` when the approval says it comes "first"."""
    if not _FIRST.search(phrase):
        return None
    for j in range(i - 1, -1, -1):
        s = steps[j]
        if isinstance(s, ServiceStep) and verb_of(s.operation) & {"create", "update", "delete"}:
            return j
    return None


def _named_before(steps: list[Step], i: int, verb: str) -> int | None:
    """The last action before ``i`` whose phrase says ``verb`` (or whose operation starts
    with it)."""
    actions = [j for j in range(i - 1, -1, -1) if isinstance(steps[j], ServiceStep | CoreStep)]
    for j in actions:
        s = steps[j]
        op = str(getattr(s, "operation", "") or "").lower()
        if verb in s.phrase.lower() or (len(verb) >= 3 and op.startswith(verb)):
            return j
    # "删除之前" for "删掉这条记录": a Chinese verb said with another second character
    head = verb[0] if len(verb) == 2 and "\u4e00" <= verb[0] <= "\u9fff" else None
    return next((j for j in actions if head and head in steps[j].phrase), None)
