"""Steps a conditional edit leaves running for every item ("the slack ping stays for every
issue", "钉钉通知每一单都照发") although they came after the newly guarded step.

Invariants: a kept step that the new check now cuts off (it was fed by a step behind the
check) is fed instead from where the check is fed, so it runs on every path as before;
a kept step already on its own branch is left alone; no node changes. Mutates the copy
``apply_edits`` passes.
"""

from __future__ import annotations

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import graph as g

__all__ = ["keep_beside"]


def _below(wf: Workflow, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [c.to_node for c in g.outgoing(wf, start)]
    while todo:
        cur = todo.pop()
        if cur not in seen:
            seen.add(cur)
            todo += [c.to_node for c in g.outgoing(wf, cur)]
    return seen


def keep_beside(wf: Workflow, gate: Node, subjects: list[str]) -> None:
    """Feed each step ``subjects`` names that sits behind ``gate`` from ``gate``'s feeds."""
    feeds = [(c.from_node, c.from_output) for c in g.incoming(wf, gate.id)]
    for subject in subjects:
        for node in eg.find(wf, subject):
            below = _below(wf, gate.id)
            if node.id not in below or node.id == gate.id:
                continue
            cut = [c for c in g.incoming(wf, node.id) if c.from_node in below]
            if not cut:
                continue
            wf.connections = [c for c in wf.connections if c not in cut]
            for src, out in feeds:
                g.connect(wf, src, out, node.id)
