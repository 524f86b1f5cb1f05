"""The dry run's static view of a workflow and the mutable state of one run.

:class:`_Graph` indexes the workflow once per simulation: the first node of each id, its
catalog spec and templates, main edges both ways, the topological rank, each AI agent's
attached TOOL/MEMORY nodes, each loop's body, the outputs a fork may force at each node
(``choices``) and what the triggers reach (graph walks over main edges). :class:`_Run` is one
run's queue, pending deliveries, executed nodes and loop states; :meth:`_Run.snapshot` copies
all of it, so a fork resumes from the same point.

Invariants: a ``_Graph`` is never changed after :meth:`_Graph.build`; the simulator only
mutates a ``_Run`` it owns. Pure: no I/O.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import Catalog, NodeSpec
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.simulate_trace import Item

HUMAN_OUTPUTS = ("approved", "rejected", "timeout")
_SIDE = (NodeFamily.TOOL, NodeFamily.MEMORY)
_FLUSH = ("", "")  # delivery source marking "the loop body ended without returning"
_HANDLED = frozenset(
    {
        "if",
        "filter",
        "switch",
        "merge",
        "loop",
        "limit",
        "stop_and_error",
        "wait",
        "no_op",
        "sort",
        "remove_duplicates",
        "webhook_response",
    }
)
"""Subtypes the simulator runs with a handler of its own: the keys of
``simulate_flow._HANDLERS`` (a test keeps them equal; the graph cannot import the handlers,
which build on it). Their outputs are not forced one by one like an opaque node's."""


# --- static view of the workflow -----------------------------------------------------------


@dataclass
class _Graph:
    wf: Workflow
    catalog: Catalog
    shapes: ex.Shapes
    first: dict[str, Node] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    specs: dict[str, NodeSpec | None] = field(default_factory=dict)
    out_edges: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    in_sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    templates: dict[str, list[tuple[ex.Location, str]]] = field(default_factory=dict)
    loop_body: dict[str, frozenset[str]] = field(default_factory=dict)
    attached: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    reachable: set[str] = field(default_factory=set)
    triggers: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, wf: Workflow, catalog: Catalog) -> _Graph:
        graph = cls(wf=wf, catalog=catalog, shapes=ex.infer_shapes(wf, catalog))
        for i, node in enumerate(wf.nodes):
            if node.id in graph.first:
                continue
            graph.first[node.id] = node
            graph.index[node.id] = i
            graph.specs[node.id] = catalog.get(node.subtype)
            graph.templates[node.id] = ex.node_templates(node.subtype, node.parameters)
            graph.out_edges[node.id] = {}
        for a, out, b in ex.main_edges(wf, graph.first):
            targets = graph.out_edges[a].setdefault(out, [])
            if b not in targets:
                targets.append(b)
                graph.in_sources.setdefault(b, []).append((a, out))
        graph.rank = {node_id: k for k, node_id in enumerate(graph.shapes.order)}
        graph.triggers = [i for i, n in graph.first.items() if n.type == NodeFamily.TRIGGER]
        graph._index_attachments()
        for node_id, node in graph.first.items():
            graph.choices[node_id] = graph._choices(node)
            if node.subtype == "loop":
                graph.loop_body[node_id] = graph._body(node_id)
        graph.reachable = graph._reach(graph.triggers)
        return graph

    def _index_attachments(self) -> None:
        for node in self.first.values():
            if node.type != NodeFamily.AI_AGENT:
                continue
            tools = [t for t in node.attached_nodes if t in self.first]
            self.attached[node.id] = [t for t in tools if self.first[t].type in _SIDE]

    def _choices(self, node: Node) -> list[str]:
        """Outputs a fork may force at ``node`` (only connected ones)."""
        spec = self.specs.get(node.id)
        options: list[str] = []
        if node.subtype == "if":
            options = ["true", "false"]
        elif node.subtype == "switch":
            rules = node.parameters.get("rules")
            count = min(len(rules), 4) if isinstance(rules, list) else 0
            options = [f"output_{k}" for k in range(count)] + ["fallback"]
        elif node.subtype == "filter":
            options = ["main"]
        elif node.type == NodeFamily.HUMAN_IN_THE_LOOP:
            options = list(HUMAN_OUTPUTS)
        elif spec is not None and len(spec.outputs) > 1 and node.subtype not in _HANDLED:
            options = list(spec.outputs)  # an opaque multi-output node: try each in turn
        if node.on_error == "error_output":
            options.append("error")
        connected = self.out_edges.get(node.id, {})
        return [o for o in options if connected.get(o)]

    def _reach(self, starts: Sequence[str], blocked: str | None = None) -> set[str]:
        seen = set(starts)
        stack = list(starts)
        while stack:
            for targets in self.out_edges.get(stack.pop(), {}).values():
                for target in targets:
                    if target not in seen and target != blocked:
                        seen.add(target)
                        stack.append(target)
        return seen

    def _body(self, loop_id: str) -> frozenset[str]:
        """Nodes reachable from the loop's ``loop`` output without passing the loop node."""
        starts = [t for t in self.out_edges[loop_id].get("loop", []) if t != loop_id]
        return frozenset(self._reach(starts, blocked=loop_id)) if starts else frozenset()

    def returns_to(self, loop_id: str) -> bool:
        body = self.loop_body.get(loop_id, frozenset())
        return any(src in body for src, _ in self.in_sources.get(loop_id, []))


# --- run state -----------------------------------------------------------------------------


@dataclass
class _LoopState:
    remaining: list[Item]
    collected: list[Item] = field(default_factory=list)
    iterations: int = 0


@dataclass
class _Run:
    """Mutable state of one run; :meth:`snapshot` copies it so a fork can resume from it."""

    number: int
    plan: dict[str, str] = field(default_factory=dict)
    pending: dict[str, list[tuple[tuple[str, str], list[Item]]]] = field(default_factory=dict)
    heap: list[tuple[int, str]] = field(default_factory=list)
    queued: set[str] = field(default_factory=set)
    executed: dict[str, Item] = field(default_factory=dict)
    loops: dict[str, _LoopState] = field(default_factory=dict)

    def push(self, node_id: str, rank: int) -> None:
        if node_id not in self.queued:
            self.queued.add(node_id)
            heapq.heappush(self.heap, (rank, node_id))

    def snapshot(self) -> _Run:
        return _Run(
            number=-1,
            plan=dict(self.plan),
            pending={k: list(v) for k, v in self.pending.items()},
            heap=list(self.heap),
            queued=set(self.queued),
            executed=dict(self.executed),
            loops={
                k: _LoopState(list(v.remaining), list(v.collected), v.iterations)
                for k, v in self.loops.items()
            },
        )
