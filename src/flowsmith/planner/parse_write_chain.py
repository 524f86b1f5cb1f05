"""A second write to the same app, on another resource, follows the first.

"create that buyer as a customer in QuickBooks and raise an invoice for the order total",
"create that customer as a contact in Xero and raise a draft invoice": the invoice is the new
customer's, so it needs the record the first write made. The compiler fans consecutive writes
out from one feed unless the later one is said to come after ("then", "然后"); this marks the
later write so, by :func:`~flowsmith.planner.parse_split.led_by_then`.

A message said as the confirmation of the record just made follows it too: "在Google日历建预订
并发短信确认", "create the booking and text them a confirmation": it confirms what was made.

Invariants: only consecutive steps in one step list (top level, a case, a loop, an approval's
outputs): two service writes of the same catalog app, on different resources, the later one a
create; or a create and then a message whose own words say it confirms; nothing else changes.
Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.services import verb_of
from flowsmith.planner.frame import Approval, Branch, Case, CoreStep, Loop, ServiceStep, Step
from flowsmith.planner.parse_split import led_by_then

# "发短信确认", "send a confirmation email", "text them to confirm"
_CONFIRMS = re.compile(r"确认|confirm\w*", re.IGNORECASE)
_MESSAGE_OPS = frozenset({"send", "post", "sendMessage", "message"})


def with_writes_chained(steps: list[Step]) -> list[Step]:
    """``steps`` with each same-app follow-up write marked as led by "then"."""
    out: list[Step] = []
    for step in steps:
        prev = out[-1] if out else None
        if _builds_on(prev, step) or _confirms(prev, step):
            step = led_by_then(step)
        elif isinstance(step, Branch):
            cases = tuple(
                Case(c.condition, tuple(with_writes_chained(list(c.steps)))) for c in step.cases
            )
            step = replace(step, cases=cases)
        elif isinstance(step, Loop):
            step = replace(step, steps=tuple(with_writes_chained(list(step.steps))))
        elif isinstance(step, Approval):
            approved = tuple(with_writes_chained(list(step.approved)))
            step = replace(
                step, approved=approved, rejected=tuple(with_writes_chained(list(step.rejected)))
            )
        out.append(step)
    return out


def _confirms(prev: Step | None, step: Step) -> bool:
    """``step`` is a message confirming the record ``prev`` just created."""
    made = (
        isinstance(prev, ServiceStep)
        and prev.operation is not None
        and "create" in verb_of(prev.operation)
    )
    sent = (isinstance(step, CoreStep) and step.subtype in ("send_email", "gmail_send")) or (
        isinstance(step, ServiceStep) and str(step.operation) in _MESSAGE_OPS
    )
    return made and sent and bool(_CONFIRMS.search(getattr(step, "phrase", "")))


def _builds_on(prev: Step | None, step: Step) -> bool:
    return (
        isinstance(prev, ServiceStep)
        and isinstance(step, ServiceStep)
        and prev.app is not None
        and prev.app == step.app
        and prev.resource != step.resource
        and prev.operation is not None
        and "create" in verb_of(prev.operation)
        and step.operation is not None
        and "create" in verb_of(step.operation)
    )
