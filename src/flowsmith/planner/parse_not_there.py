"""An add that runs only when the thing is not there yet: "add the invitee to HubSpot if
they're not in there yet", "add them to Google Contacts unless they already exist there",
"如果这个人还不在Mailchimp的名单里，就把他加进去".

Whether the person is there is known only by looking in the app the add writes to, so the
case becomes a lookup in that app (a read of the resource the add writes) and a test that the
lookup found nothing (``id is_empty``), the add behind it.

Invariants: only a branch whose first case's condition phrase says "not in there (yet)" /
"already exists" (negated) / "不在…里" / "不存在" changes, and only when that case writes to
an app whose resource has a read operation; one read is added right before the branch and that
case's condition is replaced; nothing else is added, dropped or reordered. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from flowsmith.planner.compile_nodes import reads
from flowsmith.planner.frame import Branch, Case, Condition, Loop, ServiceStep, Step

_NOT_THERE = re.compile(
    # "they're not in there yet", "she isn't already in HubSpot", "not yet on the list"
    r"\b(?:not|n't)\s+(?:already\s+|yet\s+)?(?:in|on)\s+(?:there|it|(?:the|our|my)\s+"
    r"(?:list|contacts?|crm|database|audience)|(?-i:[A-Z])[\w.]+(?:\s+contacts)?)"
    r"(?:\s+(?:yet|already))?\s*$|"
    # "they don't exist there yet"
    r"\b(?:do|does)(?:n't| not)\s+(?:already\s+)?exist\b|"
    r"(?:还|尚)?(?:不在|没在|没有在)[^，,。；;]{0,20}?(?:里|中|上)|不存在|还没有?(?:加|录|存)",
    re.IGNORECASE,
)
# "unless they already exist there": said of the case only when negated (is_false)
_ALREADY = re.compile(r"\balready\s+(?:exists?|in\s+(?:there|it))\b", re.IGNORECASE)
_READ_ORDER = ("search", "getAll", "getMany", "list", "get")


def with_lookups_before(steps: list[Step], apps: Mapping[str, Any]) -> list[Step]:
    """``steps`` with each "add it if it's not there yet" case preceded by a lookup in the
    app it adds to, and tested on what the lookup found (at any depth)."""
    out: list[Step] = []
    for step in steps:
        if isinstance(step, Loop):
            out.append(replace(step, steps=tuple(with_lookups_before(list(step.steps), apps))))
            continue
        lookup = _lookup_for(step, apps) if isinstance(step, Branch) else None
        if lookup is None or not isinstance(step, Branch) or _looked_up(out, lookup):
            out.append(step)
            continue
        first = step.cases[0]
        cond = Condition("id", "is_empty", None, first.condition.phrase if first.condition else "")
        out.extend([lookup, replace(step, cases=(Case(cond, first.steps), *step.cases[1:]))])
    return out


def _looked_up(before: list[Step], lookup: ServiceStep) -> bool:
    """Whether the step right before already reads the app the lookup would read."""
    last = before[-1] if before else None
    return (
        isinstance(last, ServiceStep)
        and last.app == lookup.app
        and last.operation is not None
        and reads(last.operation)
    )


def _lookup_for(step: Branch, apps: Mapping[str, Any]) -> ServiceStep | None:
    """A read of the resource the not-there case adds to, or None."""
    cond = step.cases[0].condition
    if cond is None or not _says_not_there(cond, step.phrase):
        return None
    write = _first_write(step.cases[0].steps)
    if write is None or write.app is None or write.resource is None:
        return None
    app = apps.get(write.app)
    res = app.resources.get(write.resource) if app is not None else None
    if res is None:
        return None
    op = next((o for o in _READ_ORDER if o in res.operations), None)
    if op is None:
        return None
    return ServiceStep(write.app, write.resource, op, {}, write.service, cond.phrase)


def _says_not_there(cond: Condition, phrase: str) -> bool:
    """Whether a case's condition (or its branch's words) says the thing is not there yet."""
    if _NOT_THERE.search(cond.phrase) or _NOT_THERE.search(phrase):
        return True
    return cond.op in ("is_false", "ne") and _ALREADY.search(cond.phrase) is not None


def _first_write(steps: tuple[Step, ...]) -> ServiceStep | None:
    """The first service step of ``steps`` (inside loops too) that writes."""
    for s in steps:
        if isinstance(s, Loop):
            inner = _first_write(s.steps)
            if inner is not None:
                return inner
        if isinstance(s, ServiceStep) and s.operation and not reads(s.operation):
            return s
    return None
