"""The mutable tree the clause pass builds, and its freezing into frame steps.

Invariants: a :class:`DraftBranch` is closed once it has an "otherwise" case (condition
None); its ``rest`` steps (for the categories no case names) become the start of its
otherwise case when frozen; :func:`freeze` keeps the order of cases and steps and
returns only frozen :data:`~flowsmith.planner.frame.Step` values. Pure: no I/O, no clock.
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
class DraftCase:
    condition: Condition | None
    steps: list[Any] = field(default_factory=list)


@dataclass
class DraftBranch:
    cases: list[DraftCase] = field(default_factory=list)
    trailing: bool = False
    phrase: str = ""
    rest: list[Any] = field(default_factory=list)  # steps for every category not named
    event: bool = False  # opened by the trigger's own words: "then …" stays inside it
    labelled: bool = False  # opened by a case label whose complement the text says later

    @property
    def closed(self) -> bool:
        return any(c.condition is None for c in self.cases)


@dataclass
class DraftLoop:
    steps: list[Any] = field(default_factory=list)
    phrase: str = ""


@dataclass
class DraftApproval:
    channel: str
    approved: list[Any] = field(default_factory=list)
    rejected: list[Any] = field(default_factory=list)
    phrase: str = ""
    approver: str = ""


def _exempt_do_the_approved(drafts: list[DraftCase]) -> None:
    """ "除非金额在1000元以下，否则都要审批；审批通过后写进Airtable": a case said with a condition
    but no steps, beside a case that only asks for an approval, is exempt from the approval,
    not from the work: it does the approved steps straight away. An empty "otherwise" ("否则
    什么都不做") is left empty."""
    if len(drafts) != 2:
        return
    for empty, other in (drafts, drafts[::-1]):
        asks = other.steps[0] if len(other.steps) == 1 else None
        if empty.condition is not None and not empty.steps and isinstance(asks, DraftApproval):
            empty.steps = list(asks.approved)
            return


# --- freezing -------------------------------------------------------------------------------------


def freeze(step: Step | DraftBranch | DraftLoop | DraftApproval) -> Step:
    if isinstance(step, DraftBranch):
        drafts = list(step.cases)
        if step.rest:
            other = next((c for c in drafts if c.condition is None), None)
            if other is None:
                drafts.append(DraftCase(None, list(step.rest)))
            else:
                other.steps[:0] = step.rest
        _exempt_do_the_approved(drafts)
        cases = [Case(c.condition, tuple(freeze(s) for s in c.steps)) for c in drafts]
        return Branch(cases=tuple(cases), phrase=step.phrase)
    if isinstance(step, DraftLoop):
        return Loop(steps=tuple(freeze(s) for s in step.steps), phrase=step.phrase)
    if isinstance(step, DraftApproval):
        return Approval(
            channel=step.channel,  # type: ignore[arg-type]
            approved=tuple(freeze(s) for s in step.approved),
            rejected=tuple(freeze(s) for s in step.rejected),
            phrase=step.phrase,
            approver=step.approver,
        )
    return step
