"""A workflow as a directed graph, for the request check's reachability questions.

Invariants: built once from a workflow; a question never changes the graph (downstream
sets are only cached); ``succ`` keeps each connection's output and ``pred`` the nodes
feeding a node; :meth:`FlowGraph.reached_without` follows no ``error`` output. Pure: no I/O.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner.coverage_tables import SIDE_PORTS


@dataclass
class FlowGraph:
    wf: Workflow
    nodes: dict[str, Node] = field(default_factory=dict)
    succ: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    pred: dict[str, list[str]] = field(default_factory=dict)
    triggers: list[str] = field(default_factory=list)
    _down: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, wf: Workflow) -> FlowGraph:
        g = cls(wf)
        g.nodes = {n.id: n for n in wf.nodes}
        for c in wf.connections:
            if c.from_node not in g.nodes or c.to_node not in g.nodes:
                continue
            if c.from_output in SIDE_PORTS or c.to_input in SIDE_PORTS:
                continue
            g.succ.setdefault(c.from_node, []).append((c.from_output, c.to_node))
            g.pred.setdefault(c.to_node, []).append(c.from_node)
        g.triggers = [n.id for n in wf.nodes if n.type == NodeFamily.TRIGGER]
        return g

    def downstream(self, node_id: str) -> set[str]:
        """Every node reachable from ``node_id`` (not itself, unless on a cycle)."""
        if node_id not in self._down:
            seen: set[str] = set()
            queue = deque(t for _, t in self.succ.get(node_id, []))
            while queue:
                cur = queue.popleft()
                if cur in seen:
                    continue
                seen.add(cur)
                queue.extend(t for _, t in self.succ.get(cur, []))
            self._down[node_id] = seen
        return self._down[node_id]

    def upstream(self, node_id: str) -> set[str]:
        seen: set[str] = set()
        queue = deque(self.pred.get(node_id, []))
        while queue:
            cur = queue.popleft()
            if cur in seen:
                continue
            seen.add(cur)
            queue.extend(self.pred.get(cur, []))
        return seen

    def reached_without(self, stop: Iterable[str]) -> set[str]:
        """Nodes a trigger reaches without passing through (out of) a node of ``stop`` or an
        ``error`` output."""
        blocked = set(stop)
        seen: set[str] = set()
        queue = deque(self.triggers)
        while queue:
            cur = queue.popleft()
            if cur in seen:
                continue
            seen.add(cur)
            if cur in blocked:
                continue
            queue.extend(t for out, t in self.succ.get(cur, []) if out != "error")
        return seen
