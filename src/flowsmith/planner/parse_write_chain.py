"""A second write to the same app, on another resource, follows the first.

"create that buyer as a customer in QuickBooks and raise an invoice for the order total",
"create that customer as a contact in Xero and raise a draft invoice": the invoice is the new
customer's, so it needs the record the first write made. The compiler fans consecutive writes
out from one feed unless the later one is said to come after ("then", "然后"); this marks the
later write so, by :func:`~flowsmith.planner.parse_split.led_by_then`.

Invariants: only consecutive service steps in one step list (top level, a case, a loop), of
the same catalog app, on different resources, the later one a create; nothing else changes.
Pure.
"""

from __future__ import annotations

from dataclasses import replace

from flowsmith.core.services import verb_of
from flowsmith.planner.frame import Branch, Case, Loop, ServiceStep, Step
from flowsmith.planner.parse_split import led_by_then


def with_writes_chained(steps: list[Step]) -> list[Step]:
    """``steps`` with each same-app follow-up write marked as led by "then"."""
    out: list[Step] = []
    for step in steps:
        prev = out[-1] if out else None
        if _builds_on(prev, step):
            step = led_by_then(step)
        elif isinstance(step, Branch):
            cases = tuple(
                Case(c.condition, tuple(with_writes_chained(list(c.steps)))) for c in step.cases
            )
            step = replace(step, cases=cases)
        elif isinstance(step, Loop):
            step = replace(step, steps=tuple(with_writes_chained(list(step.steps))))
        out.append(step)
    return out


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
