"""Helpers the condition tests share (test_conditions*.py): a parse context, one
condition's reading, a compiled graph as nodes and edges, and the gates before a step."""

from __future__ import annotations

from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.compile import compile_frame
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse import parse_condition, parse_request
from flowsmith.planner.parse_context import Context
from flowsmith.planner.services import index_of

CATALOG = load_catalog()


def ctx() -> Context:
    return Context(index=index_of(CATALOG), urls=[], mails=[])


def cond(text: str) -> Condition | None:
    return parse_condition(text, ctx())


def graph(text: str) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    frame = parse_request(text, CATALOG)
    assert frame is not None
    wf, _ = compile_frame(frame, catalog=CATALOG)
    nodes = {n.id: n for n in wf.nodes}
    edges = [(c.from_node, c.from_output, c.to_node) for c in wf.connections]
    return nodes, edges


def gate_before(nodes: dict[str, Any], edges: list[tuple[str, str, str]], app: str) -> list[Any]:
    """The condition nodes some path from a condition's output reaches ``app`` through."""
    targets = {i for i, n in nodes.items() if app in (n.subtype, n.parameters.get("app"))}
    out = []
    for i, n in nodes.items():
        if n.subtype not in ("if", "switch", "filter"):
            continue
        seen, todo = set(), [t for s, _, t in edges if s == i]
        while todo:
            j = todo.pop()
            if j in seen:
                continue
            seen.add(j)
            todo += [t for s, _, t in edges if s == j]
        if seen & targets:
            out.append(n)
    return out
