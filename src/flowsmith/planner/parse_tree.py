"""The mutable tree the clause pass builds, and its freezing into frame steps.

Invariants: a :class:`_MBranch` is closed once it has an "otherwise" case (condition
None); :func:`_freeze` keeps the order of cases and steps and returns only frozen
:data:`~flowsmith.planner.frame.Step` values. Pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flowsmith.planner.frame import (
    Approval,
    Branch,
    Case,
    Condition,
    Loop,
    Step,
)


@dataclass
class _MCase:
    condition: Condition | None
    steps: list[Any] = field(default_factory=list)


@dataclass
class _MBranch:
    cases: list[_MCase] = field(default_factory=list)
    trailing: bool = False
    phrase: str = ""

    @property
    def closed(self) -> bool:
        return any(c.condition is None for c in self.cases)


@dataclass
class _MLoop:
    steps: list[Any] = field(default_factory=list)
    phrase: str = ""


@dataclass
class _MApproval:
    channel: str
    approved: list[Any] = field(default_factory=list)
    rejected: list[Any] = field(default_factory=list)
    phrase: str = ""


# --- freezing -------------------------------------------------------------------------------------


def _freeze(step: Step | _MBranch | _MLoop | _MApproval) -> Step:
    if isinstance(step, _MBranch):
        cases = [Case(c.condition, tuple(_freeze(s) for s in c.steps)) for c in step.cases]
        return Branch(cases=tuple(cases), phrase=step.phrase)
    if isinstance(step, _MLoop):
        return Loop(steps=tuple(_freeze(s) for s in step.steps), phrase=step.phrase)
    if isinstance(step, _MApproval):
        return Approval(
            channel=step.channel,  # type: ignore[arg-type]
            approved=tuple(_freeze(s) for s in step.approved),
            rejected=tuple(_freeze(s) for s in step.rejected),
            phrase=step.phrase,
        )
    return step
