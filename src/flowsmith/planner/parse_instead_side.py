"""A case said to replace the step before it: "Slack DM the member; if they left the field
empty, post in #frontdesk instead", "用Twilio给客户发短信；如果手机号是空的，就改成发邮件".

"instead" (改成/改为/换成/而是) says the case's step is done in place of the one said just
before, so that step is the case's other side: the two sit on the two outputs of one check
rather than the first running for everyone.

Invariants: only a branch of one case (no otherwise yet) whose last step's words say
"instead" (or a Chinese word of replacing) changes; only the acting steps (service or core,
never a read, a judgement or a transform) right before it in the same list move, into a new
otherwise case; nothing is added, dropped or reordered otherwise. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.frame import Approval, Branch, Case, CoreStep, Loop, ServiceStep, Step

__all__ = ["with_instead_sides"]

_INSTEAD = re.compile(
    r"\binstead\b|\brather\b|^\s*(?:就|则|那就)?\s*(?:改成|改为|改发|换成|改用|而是)",
    re.IGNORECASE,
)


def with_instead_sides(steps: list[Step] | tuple[Step, ...]) -> list[Step]:
    """``steps`` with the step said before an "…, X instead" case moved onto that case's
    other side (at any depth)."""
    out: list[Step] = []
    for step in (_inner(s) for s in steps):
        users = _replaced(out) if _says_instead(step) else 0
        if users and isinstance(step, Branch):
            moved = tuple(out[len(out) - users :])
            del out[len(out) - users :]
            step = replace(step, cases=(*step.cases, Case(None, moved)))
        out.append(step)
    return out


def _inner(step: Step) -> Step:
    if isinstance(step, Branch):
        cases = tuple(replace(c, steps=tuple(with_instead_sides(c.steps))) for c in step.cases)
        return replace(step, cases=cases)
    if isinstance(step, Loop):
        return replace(step, steps=tuple(with_instead_sides(step.steps)))
    if isinstance(step, Approval):
        return replace(
            step,
            approved=tuple(with_instead_sides(step.approved)),
            rejected=tuple(with_instead_sides(step.rejected)),
        )
    return step


def _says_instead(step: Step) -> bool:
    """A one-case branch whose case's last step is said to be done instead."""
    if not isinstance(step, Branch) or len(step.cases) != 1:
        return False
    case = step.cases[0]
    if case.condition is None or not case.steps:
        return False
    return bool(_INSTEAD.search(str(getattr(case.steps[-1], "phrase", ""))))


def _replaced(steps: list[Step]) -> int:
    """How many acting steps at the end of ``steps`` the case replaces: the last run of
    service and core steps said together (one phrase), never a read."""
    if not steps:
        return 0
    last = steps[-1]
    if not _acts(last):
        return 0
    phrase = getattr(last, "phrase", "")
    count = 0
    for step in reversed(steps):
        if not _acts(step) or getattr(step, "phrase", "") != phrase:
            break
        count += 1
    return count


def _acts(step: Step) -> bool:
    if isinstance(step, CoreStep):
        return True
    return isinstance(step, ServiceStep) and not reads(step.operation or "")
