"""A missing-field case said after the main actions of a webhook call: "upload the photo,
update Postgres and answer 200. If there's no order_id, answer 400 and do nothing else",
"先在MySQL里…，然后回200。如果请求里没有会员ID，就回400，别的都不做".

A call is answered once: when the steps before the case answer it and the case answers it
too, the case is the exclusive other outcome, so the steps said before it (after the last
AI step, which may make the field) move onto its otherwise output.

Invariants: only a top-level branch whose first case tests a field for being missing
(``is_empty``, or ``is_true`` on a ``no_``/``missing_`` field) and answers the call, with no
otherwise steps of its own, changes; the moved steps must include an answer; nothing is
added, dropped or reordered. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from flowsmith.planner.frame import Branch, Case, Condition, Respond, Step, Think


def _missing(cond: Condition | None) -> bool:
    if cond is None:
        return False
    if cond.op == "is_empty":
        return True
    return cond.op == "is_true" and cond.field.startswith(("no_", "missing_"))


def _as_empty(cond: Condition | None) -> Condition | None:
    """ "no_order_id is true" -> "order_id is empty": the payload has no such flag."""
    if cond is None or cond.op != "is_true":
        return cond
    name = cond.field.removeprefix("no_").removeprefix("missing_")
    return replace(cond, field=name, op="is_empty")


def _answers_when_missing(step: Step) -> bool:
    if not isinstance(step, Branch) or not step.cases:
        return False
    first, rest = step.cases[0], step.cases[1:]
    if not _missing(first.condition) or not any(isinstance(s, Respond) for s in first.steps):
        return False
    return all(c.condition is None and not c.steps for c in rest)


def with_missing_answered(steps: list[Step]) -> list[Step]:
    """``steps`` with the main actions moved onto the otherwise side of a later case that
    answers the call when a field is missing."""
    for i, step in enumerate(steps):
        if i == 0 or not _answers_when_missing(step):
            continue
        start = max((k + 1 for k in range(i) if isinstance(steps[k], Think)), default=0)
        moved = tuple(steps[start:i])
        if not any(isinstance(s, Respond) for s in moved):
            continue
        assert isinstance(step, Branch)
        first = step.cases[0]
        branch = replace(
            step, cases=(replace(first, condition=_as_empty(first.condition)), Case(None, moved))
        )
        return [*steps[:start], branch, *steps[i + 1 :]]
    return steps
