"""Hand-built workflows for the request check: ``wf("schedule_trigger:s", "http_request:get",
...)`` and ``edges("s>get", "if:true>mail")``."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Connection, Node, Workflow


def node(spec: str, **parameters: Any) -> Node:
    """``"subtype:id"`` (or ``"subtype"``, id = subtype)."""
    subtype, _, node_id = spec.partition(":")
    entry = load_catalog().get(subtype)
    assert entry is not None, subtype
    return Node(
        id=node_id or subtype,
        name=(node_id or subtype).replace("_", " ").title(),
        type=entry.family,
        subtype=subtype,
        parameters=parameters,
    )


def edges(*specs: str) -> list[Connection]:
    """``"a>b"`` or ``"a:out>b"``."""
    out = []
    for spec in specs:
        left, _, to = spec.partition(">")
        src, _, output = left.partition(":")
        out.append(Connection(from_node=src, to_node=to, from_output=output or "main"))
    return out


def wf(nodes: list[Node], connections: list[Connection]) -> Workflow:
    return Workflow(name="t", nodes=nodes, connections=connections)


def chain(*nodes: Node) -> Workflow:
    """The nodes in one line, each into the next."""
    links = [f"{a.id}>{b.id}" for a, b in pairwise(nodes)]
    return wf(list(nodes), edges(*links))
