"""The steps of a conditional edit's otherwise part: "if it came back empty, post 'no sales
data' in #sales instead", "everyone else: just add them to the google sheet".

Invariants: the condition said again at the part's head ("if it came back empty, …") and
quoted message text name no step; an existing step the otherwise part names that lies on the
guarded step's own path (it feeds it or reads its result) cannot move to the other output,
so when the part says "instead" it is a new step of that step's service. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.core.services import ServiceOp, node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner.edit_guard_steps import steps_in
from flowsmith.planner.text import rx

__all__ = ["else_steps"]


# "if it came back empty, …", "everyone else: …": the condition, not the action
_HEAD = rx(
    r"^\s*(?:and\s+|but\s+)?(?:if|when)\s[^,，:：]*[,，:：]\s*|"
    r"^\s*(?:and\s+|but\s+)?(?:every(?:one|body)|any(?:one|body)) else\s*[,，:：]?\s*"
)
_QUOTED = rx(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」")
_MESSAGE_KEYS = ("text", "message", "content", "body")
_INSTEAD = rx(r"\binstead\b|改成|改为|换成|改用")


def else_steps(other: str, current: Workflow, guarded: list[str]) -> tuple[list[str], list[str]]:
    """(existing subjects, new specs) of the otherwise part ``other`` of a guard on the steps
    ``guarded`` (subjects)."""
    words = _QUOTED.sub(" ", _HEAD.sub("", other))
    existing, new = steps_in(words, current)
    if not existing or not _INSTEAD.search(other):
        return existing, new
    near = _on_path(current, guarded)
    kept = [x for x in existing if not {n.id for n in eg.find(current, x)} & near]
    for subject in existing:
        if subject in kept:
            continue
        for node in eg.find(current, subject):
            op = node_service(node)
            if op is not None and node.id in near and _downstream_of(current, guarded, node.id):
                new.append(f"app:{op.app}/{op.resource}/{op.operation}{_values(other, op)}")
    return kept, list(dict.fromkeys(new))


def _values(other: str, op: ServiceOp) -> str:
    """``?k=v`` for the new step: the channel or address said, and the quoted text as its
    message (in the message field its operation has)."""
    spec = ec.app(op.app)
    operation = None
    if spec is not None and op.resource is not None and op.operation is not None:
        operation = spec.operation(op.resource, op.operation)
    found = ec.values_in(other, 0, operation).removeprefix("?")
    quoted = _QUOTED.search(other)
    fields = set(operation.fields) if operation is not None else set()
    key = next((k for k in _MESSAGE_KEYS if k in fields), None)
    if quoted is not None and key is not None and not re.search(r"[&=?]", quoted.group(0)):
        found = "&".join(x for x in (found, f"{key}={quoted.group(0)[1:-1]}") if x)
    return f"?{found}" if found else ""


def _ids(current: Workflow, subjects: list[str]) -> set[str]:
    return {n.id for s in subjects for n in eg.find(current, s)}


def _reach(current: Workflow, start: set[str], forward: bool) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        cur = todo.pop()
        for c in current.connections:
            a, b = (c.from_node, c.to_node) if forward else (c.to_node, c.from_node)
            if a == cur and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def _on_path(current: Workflow, guarded: list[str]) -> set[str]:
    """The steps before and after the guarded ones (the guarded ones too)."""
    ids = _ids(current, guarded)
    return ids | _reach(current, ids, True) | _reach(current, ids, False)


def _downstream_of(current: Workflow, guarded: list[str], nid: str) -> bool:
    return nid in _reach(current, _ids(current, guarded), True)
