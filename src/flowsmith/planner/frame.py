"""The request frame: what a user asked for, as a tree, before any graph exists.

The offline planner parses a request into a :class:`Frame` and compiles the frame into a
workflow; the request check (:mod:`flowsmith.planner.coverage`) compares a frame with any
workflow, the LLM agent's included. Both sides speak this one model.

Invariants:

* a frame has exactly one trigger; its ``steps`` run in order, each downstream of the one
  before it;
* a :class:`Branch` holds cases in the order the user gave them; at most one case is the
  ``otherwise`` case (``condition is None``) and it is last; a step placed after a branch in
  its parent list joins every case that reaches it;
* a step inside a case is guarded by that case's condition (and every enclosing one);
* ``phrase`` is the user's own words a part came from (for findings and replies), never
  rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

TriggerKind = Literal[
    "manual", "schedule", "webhook", "form", "email", "chat", "app_event", "error", "rss"
]
CompareOp = Literal[
    "eq",
    "ne",
    "gt",
    "gte",
    "lt",
    "lte",
    "contains",
    "not_contains",
    "is_empty",
    "not_empty",
    "is_true",
    "is_false",
    "failed",
    "category",
    "between",
    "outside",
    "in",
    "all",
    "any",
]
TransformKind = Literal[
    "filter", "aggregate", "dedupe", "sort", "limit", "split", "template", "set", "code"
]
ThinkKind = Literal["classify", "extract", "summarise", "translate", "sentiment", "prompt", "agent"]


@dataclass(frozen=True)
class Condition:
    """``field op value``; ``field`` is an item field name (``price``, or a dotted path into
    a trigger's payload, ``action.type``), never an expression, except ``$now.hour`` and
    ``$now.weekday``: the run's own time (a window on the actions).

    ``all`` / ``any`` join conditions on several fields ("over $500 and from the US", "high
    priority or a VIP"): ``value`` is the tuple of those conditions (none of them joined
    itself) and ``field`` the first one's field."""

    field: str
    op: CompareOp
    value: Any = None
    phrase: str = ""


@dataclass(frozen=True)
class Trigger:
    kind: TriggerKind
    app: str | None = None  # the catalog app of an app event ("github")
    event: str | None = None  # that app's event key ("star_created")
    params: dict[str, Any] = field(default_factory=dict)  # schedule interval, path, …
    phrase: str = ""


@dataclass(frozen=True)
class ServiceStep:
    """Fetch from or act on a service: a catalog app's resource and operation.

    ``app`` is None only for a service the catalog lacks; ``service`` then holds the name the
    user wrote and the step compiles to an HTTP Request named for it.
    """

    app: str | None
    resource: str | None
    operation: str | None
    params: dict[str, Any] = field(default_factory=dict)
    service: str = ""
    phrase: str = ""


@dataclass(frozen=True)
class CoreStep:
    """A step done by a core node rather than a service (send an email by SMTP, HTTP GET…)."""

    subtype: str
    params: dict[str, Any] = field(default_factory=dict)
    phrase: str = ""


@dataclass(frozen=True)
class Transform:
    kind: TransformKind
    params: dict[str, Any] = field(default_factory=dict)
    phrase: str = ""


@dataclass(frozen=True)
class Think:
    kind: ThinkKind
    params: dict[str, Any] = field(default_factory=dict)
    phrase: str = ""


@dataclass(frozen=True)
class Case:
    condition: Condition | None  # None: the otherwise case
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Branch:
    cases: tuple[Case, ...]
    phrase: str = ""


@dataclass(frozen=True)
class Loop:
    steps: tuple[Step, ...]
    phrase: str = ""


@dataclass(frozen=True)
class Wait:
    """A pause: ``seconds`` long, or, when ``until`` is set, until that time (an expression
    computed from the item, "the day before the appointment")."""

    seconds: float
    phrase: str = ""
    until: str = ""


@dataclass(frozen=True)
class Approval:
    """Ask someone and wait: ``approved`` / ``rejected`` run on the answer's two outputs.
    ``approver`` is who is asked, as said ("finance@corp.eu", "@maria", "店长", "部门经理
    manager@corp.cn"), or empty when the request names no one."""

    channel: Literal["email", "slack", "form"]
    approved: tuple[Step, ...] = ()
    rejected: tuple[Step, ...] = ()
    phrase: str = ""
    approver: str = ""


@dataclass(frozen=True)
class Respond:
    phrase: str = ""


Step = ServiceStep | CoreStep | Transform | Think | Branch | Loop | Wait | Approval | Respond


@dataclass(frozen=True)
class Frame:
    trigger: Trigger
    steps: tuple[Step, ...] = ()
    lang: Literal["en", "zh"] = "en"


def walk(steps: tuple[Step, ...]) -> list[Step]:
    """Every step of a tree, depth first, in the order the user gave them."""
    out: list[Step] = []
    for step in steps:
        out.append(step)
        if isinstance(step, Branch):
            for case in step.cases:
                out += walk(case.steps)
        elif isinstance(step, Loop):
            out += walk(step.steps)
        elif isinstance(step, Approval):
            out += walk(step.approved) + walk(step.rejected)
    return out
