"""Workflow builders for tests, and a hypothesis strategy of random valid workflows.

``valid_workflows()`` draws a trigger, then a random DAG of non-trigger catalog nodes with
their example parameters, each connected from an earlier node through one of its real
outputs (sometimes also a second one, making joins), TOOL/MEMORY nodes attached to AI
agents, and sometimes ``on_error: error_output`` with a connected ``error`` branch. Every
workflow it draws has no error finding from the validator (warnings, e.g. ``dead_end`` or an
undeclared field an example reads, are allowed). Reusable, e.g. for n8n round trips.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from flowsmith.core.catalog import NodeSpec, load_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow


def node(node_id: str, subtype: str, **kw: Any) -> Node:
    """A node of ``subtype`` whose type is its catalog family and name its upper-cased id."""
    spec = load_catalog().get(subtype)
    family = spec.family if spec is not None else NodeFamily.ACTION
    return Node(id=node_id, name=node_id.upper(), type=family, subtype=subtype, **kw)


def conn(a: str, b: str, out: str = "main", inp: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out, to_input=inp)


def wf(nodes: list[Node], conns: list[Connection] | None = None) -> Workflow:
    return Workflow(id="wf_test", name="Test", nodes=nodes, connections=conns or [])


def example_workflow(spec: NodeSpec) -> Workflow:
    """The spec's example in the smallest workflow that uses it (as test_catalog does)."""
    example = Node(
        id="n",
        name=spec.example.name,
        type=spec.family,
        subtype=spec.subtype,
        parameters=copy.deepcopy(spec.example.parameters),
    )
    trigger = node("t", "manual_trigger")
    end = node("end", "no_op")
    if spec.family in (NodeFamily.TOOL, NodeFamily.MEMORY):
        agent = node("a", "ai_agent", parameters={"prompt": "{{ $json.text }}"})
        agent.attached_nodes = ["n"]
        return wf([trigger, agent, example], [conn("t", "a")])
    if spec.family == NodeFamily.TRIGGER:
        return wf([example, end], [conn("n", "end")])
    if not spec.outputs:
        return wf([trigger, example], [conn("t", "n")])
    return wf([trigger, example, end], [conn("t", "n"), conn("n", "end", next(iter(spec.outputs)))])


_SIDE = (NodeFamily.TOOL, NodeFamily.MEMORY)


def _specs() -> tuple[list[NodeSpec], list[NodeSpec], list[NodeSpec]]:
    catalog = load_catalog()
    triggers = catalog.by_family(NodeFamily.TRIGGER)
    side = [s for s in catalog if s.family in _SIDE]
    flow = [s for s in catalog if s.family not in (NodeFamily.TRIGGER, *_SIDE)]
    return triggers, flow, side


def _make(node_id: str, spec: NodeSpec) -> Node:
    return Node(
        id=node_id,
        name=f"{spec.display_name} {node_id}",
        type=spec.family,
        subtype=spec.subtype,
        parameters=copy.deepcopy(spec.example.parameters),
    )


@st.composite
def valid_workflows(draw: st.DrawFn, max_nodes: int = 8) -> Workflow:
    """A random workflow the validator accepts (see the module docstring)."""
    triggers, flow, side = _specs()
    first = _make("n0", draw(st.sampled_from(triggers)))
    nodes: list[Node] = [first]
    conns: list[Connection] = []
    ports: list[tuple[str, str]] = [(first.id, out) for out in _spec(first).outputs]
    for k in range(1, draw(st.integers(1, max_nodes)) + 1):
        spec = draw(st.sampled_from(flow))
        new = _make(f"n{k}", spec)
        if spec.family != NodeFamily.AI_AGENT and spec.outputs and draw(st.booleans()):
            new.on_error = "error_output"
        parents = draw(st.lists(st.sampled_from(ports), min_size=1, max_size=2, unique=True))
        conns.extend(conn(src, new.id, out) for src, out in parents)
        if spec.subtype == "ai_agent":
            for j, tool_spec in enumerate(draw(st.lists(st.sampled_from(side), max_size=2))):
                tool = _make(f"n{k}_tool{j}", tool_spec)
                nodes.append(tool)
                new.attached_nodes.append(tool.id)
        nodes.append(new)
        ports.extend((new.id, out) for out in spec.output_names(new.on_error))
    return Workflow(id="wf_random", name="Random", nodes=nodes, connections=conns)


def _spec(n: Node) -> NodeSpec:
    spec = load_catalog().get(n.subtype)
    assert spec is not None
    return spec


__all__ = ["conn", "example_workflow", "node", "valid_workflows", "wf"]
