"""Small graph helpers for the create-path structure tests (sentences of our own)."""

from __future__ import annotations

from flowsmith.core.models import Node, Workflow
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.parse import parse_request


def graph(text: str) -> Workflow:
    frame = parse_request(text)
    assert frame is not None, text
    wf, _notes = compile_frame(frame)
    return wf


def trigger(wf: Workflow) -> Node:
    return wf.nodes[0]


def nodes(wf: Workflow, subtype: str, operation: str | None = None) -> list[Node]:
    """Nodes of ``subtype`` (an app id or a core subtype), with an operation key prefix."""
    out = [n for n in wf.nodes if n.subtype == subtype]
    if operation is not None:
        out = [
            n
            for n in out
            if str(n.parameters.get("operation", "")).lower().startswith(operation.lower())
        ]
    return out


def one(wf: Workflow, subtype: str, operation: str | None = None) -> Node:
    found = nodes(wf, subtype, operation)
    assert len(found) == 1, (subtype, operation, [(n.subtype, n.parameters) for n in wf.nodes])
    return found[0]


def downstream(wf: Workflow, start: Node) -> set[str]:
    """Ids reachable from ``start`` by main connections."""
    seen: set[str] = set()
    todo = [start.id]
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.from_node == cur and c.to_node not in seen:
                seen.add(c.to_node)
                todo.append(c.to_node)
    return seen


def before(wf: Workflow, first: Node, then: Node) -> bool:
    return then.id in downstream(wf, first)


def guarded_by(wf: Workflow, node: Node) -> list[tuple[Node, str]]:
    """The (IF/switch node, output) pairs on the paths into ``node``."""
    out: list[tuple[Node, str]] = []
    byid = {n.id: n for n in wf.nodes}
    todo, seen = [node.id], set()
    while todo:
        cur = todo.pop()
        for c in wf.connections:
            if c.to_node == cur and c.from_node not in seen:
                seen.add(c.from_node)
                src = byid[c.from_node]
                if src.subtype in ("if", "switch"):
                    out.append((src, str(c.from_output)))
                todo.append(c.from_node)
    return out


def reachable(edges: list[tuple[str, str, str]], start: str) -> set[str]:
    """The node ids reachable from ``start`` (itself included) over ``(from, output, to)``."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        j = todo.pop()
        if j not in seen:
            seen.add(j)
            todo += [t for s, _, t in edges if s == j]
    return seen
