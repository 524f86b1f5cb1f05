"""Automatic left-to-right layout of a workflow graph.

Invariants of :func:`auto_layout` (it works on any parseable workflow, even an invalid one):

* deterministic: the same workflow always gets the same positions;
* layers: a node's column is the longest path to it from a node with no incoming forward
  edge (triggers, normally), so every forward connection goes strictly left to right.
  Back-edges are ignored for layering: an edge ``u -> L`` into a ``loop`` node L is a
  back-edge when every path from the entry nodes to u passes through L (L dominates u: the
  batch returning to its loop); any cycle left after that (an invalid workflow) is broken
  at the back-edges of a depth-first walk started at the triggers;
* x = column * X_SPACING; within a column nodes are stacked Y_SPACING apart and the stack is
  centred on y = 0, so no two nodes share a position;
* TOOL / MEMORY nodes listed in an AI agent's ``attached_nodes`` sit directly below that
  agent (under the first agent that attaches them), in the agent's column.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flowsmith.core.models import NodeFamily, Workflow

X_SPACING = 280.0
Y_SPACING = 160.0
_ATTACHABLE = frozenset({NodeFamily.TOOL, NodeFamily.MEMORY})


@dataclass
class _Graph:
    """The workflow as node indexes (duplicate ids map to their first node)."""

    order: list[int]
    succ: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    attached: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    starts: list[int] = field(default_factory=list)  # DFS roots: triggers, then the rest
    entries: list[int] = field(default_factory=list)  # triggers and nodes with no inputs
    loops: list[int] = field(default_factory=list)


def auto_layout(wf: Workflow) -> Workflow:
    """A copy of ``wf`` with every node's ``position`` set; the input is not modified."""
    graph = _build_graph(wf)
    forward = _forward_edges(graph)
    layers = _layers(graph.order, forward)
    positions = _place(graph, forward, layers)
    nodes = [node.model_copy(update={"position": positions[i]}) for i, node in enumerate(wf.nodes)]
    return wf.model_copy(update={"nodes": nodes})


def _build_graph(wf: Workflow) -> _Graph:
    first: dict[str, int] = {}
    for i, node in enumerate(wf.nodes):
        first.setdefault(node.id, i)
    placed_below: set[int] = set()
    graph = _Graph(order=[])
    for i, node in enumerate(wf.nodes):
        if node.type != NodeFamily.AI_AGENT or first[node.id] != i:
            continue
        for ref in node.attached_nodes:
            j = first.get(ref)
            if j is not None and j not in placed_below and wf.nodes[j].type in _ATTACHABLE:
                graph.attached[i].append(j)
                placed_below.add(j)
    graph.order = [i for i in range(len(wf.nodes)) if i not in placed_below]
    for conn in wf.connections:
        a, b = first.get(conn.from_node), first.get(conn.to_node)
        # attached nodes are positioned by their agent, so their (invalid) wires are ignored
        if a is None or b is None or a in placed_below or b in placed_below:
            continue
        if b not in graph.succ[a]:
            graph.succ[a].append(b)
    triggers = [i for i in graph.order if wf.nodes[i].type == NodeFamily.TRIGGER]
    trigger_set = set(triggers)
    graph.starts = triggers + [i for i in graph.order if i not in trigger_set]
    has_input = {b for bs in graph.succ.values() for b in bs}
    graph.entries = [i for i in graph.starts if i in trigger_set or i not in has_input]
    graph.loops = [
        i
        for i in graph.order
        if wf.nodes[i].type == NodeFamily.FLOW and wf.nodes[i].subtype == "loop"
    ]
    return graph


def _reach(graph: _Graph, without: int | None = None) -> set[int]:
    seen = {e for e in graph.entries if e != without}
    stack = list(seen)
    while stack:
        for w in graph.succ.get(stack.pop(), []):
            if w != without and w not in seen:
                seen.add(w)
                stack.append(w)
    return seen


def _loop_back_edges(graph: _Graph) -> set[tuple[int, int]]:
    """Edges ``u -> L`` into a loop node L that L dominates (u only reachable through L)."""
    back: set[tuple[int, int]] = set()
    if not graph.loops:
        return back
    everything = _reach(graph)
    for loop in graph.loops:
        dominated = everything - _reach(graph, without=loop)
        for u in dominated:
            if loop in graph.succ.get(u, []):
                back.add((u, loop))
    return back


def _forward_edges(graph: _Graph) -> dict[int, list[int]]:
    """Successor lists minus loop back-edges and the back-edges of a DFS from the triggers."""
    loop_back = _loop_back_edges(graph)
    state: dict[int, int] = {}  # 1 = on the DFS stack, 2 = finished
    forward: dict[int, list[int]] = defaultdict(list)
    for root in graph.starts:
        if root in state:
            continue
        state[root] = 1
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            v, k = work.pop()
            succ = graph.succ.get(v, [])
            if k == len(succ):
                state[v] = 2
                continue
            work.append((v, k + 1))
            w = succ[k]
            if (v, w) in loop_back or state.get(w) == 1:
                continue  # back-edge: closes a cycle, e.g. a batch returning to its loop node
            forward[v].append(w)
            if w not in state:
                state[w] = 1
                work.append((w, 0))
    return forward


def _layers(order: list[int], forward: dict[int, list[int]]) -> dict[int, int]:
    """Longest-path column of each node over the (acyclic) forward edges."""
    indegree = dict.fromkeys(order, 0)
    for v in order:
        for w in forward.get(v, []):
            indegree[w] += 1
    layer = dict.fromkeys(order, 0)
    ready = [v for v in order if indegree[v] == 0]
    while ready:
        v = ready.pop(0)
        for w in forward.get(v, []):
            layer[w] = max(layer[w], layer[v] + 1)
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    return layer


def _place(
    graph: _Graph, forward: dict[int, list[int]], layers: dict[int, int]
) -> dict[int, tuple[float, float]]:
    columns: dict[int, list[int]] = defaultdict(list)
    for v in graph.order:
        columns[layers[v]].append(v)
    preds: dict[int, list[int]] = defaultdict(list)
    for v, ws in forward.items():
        for w in ws:
            preds[w].append(v)
    slot_of: dict[int, float] = {}
    positions: dict[int, tuple[float, float]] = {}
    for col in sorted(columns):
        # order by where the predecessors sit (barycentre) to limit crossing wires
        def key(v: int) -> tuple[float, int]:
            ps = [slot_of[p] for p in preds[v] if p in slot_of]
            return (sum(ps) / len(ps) if ps else 0.0, v)

        members = sorted(columns[col], key=key)
        _stack_column(graph, members, col, slot_of, positions)
    return positions


def _stack_column(
    graph: _Graph,
    members: list[int],
    col: int,
    slot_of: dict[int, float],
    positions: dict[int, tuple[float, float]],
) -> None:
    """Give each member one slot plus one per attached node, centred on y = 0."""
    total = sum(1 + len(graph.attached.get(v, [])) for v in members)
    slot = -(total - 1) / 2
    x = col * X_SPACING
    for v in members:
        slot_of[v] = slot
        positions[v] = (x, slot * Y_SPACING)
        for t in graph.attached.get(v, []):
            slot += 1
            positions[t] = (x, slot * Y_SPACING)
        slot += 1
