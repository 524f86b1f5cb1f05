"""The graph checks over main-flow edges (``_Context.edges``, recorded by the connection
checks): ``no_trigger``, ``unreachable_node``, ``cycle`` (a cycle that avoids every ``loop``
node) and ``dead_end``; and the graph walks they and the expression checks share
(:func:`_adjacency`, :func:`_reach`, :func:`strongly_connected`).

Invariants: pure (no I/O, no clock); walks are iterative (no recursion limit) and
deterministic for a given node order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from flowsmith.core.models import NodeFamily
from flowsmith.core.validate_connections import _attached_ids
from flowsmith.core.validate_context import (
    ATTACHABLE,
    CYCLE,
    DEAD_END,
    NO_TRIGGER,
    UNREACHABLE_NODE,
    _Context,
    _subject,
)

LOOP_SUBTYPE = "loop"
# FLOW nodes that legitimately end a branch; every other FLOW node exists to route onwards.
_TERMINAL_FLOW = frozenset({"stop_and_error", "no_op"})
_DEAD_END_FAMILIES = frozenset({NodeFamily.TRIGGER, NodeFamily.FLOW, NodeFamily.HUMAN_IN_THE_LOOP})


def _adjacency(
    edges: Iterable[tuple[str, str]], skip: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a not in skip and b not in skip:
            adj[a].append(b)
    return adj


def _check_reachability(ctx: _Context) -> None:
    triggers = [n.id for n in ctx.nodes.values() if n.type == NodeFamily.TRIGGER]
    if not triggers:
        ctx.add(
            NO_TRIGGER,
            "The workflow has no trigger node, so nothing can start it; add "
            "one (e.g. manual_trigger or schedule_trigger).",
            None,
            "nodes",
        )
        return
    reached = _reach(triggers, _adjacency(ctx.edges))
    owners = _attached_ids(ctx)
    for node_id, node in ctx.nodes.items():
        if node_id in reached:
            continue
        if node.type in ATTACHABLE and _attachment_covers(owners.get(node_id, []), reached):
            continue
        ctx.add(
            UNREACHABLE_NODE,
            f"{_subject(node)} cannot be reached from any "
            "trigger; connect it to the flow or remove it.",
            node_id,
            f"nodes[{ctx.index[node_id]}]",
        )


def _attachment_covers(owners: list[str], reached: set[str]) -> bool:
    """Whether reachability of a TOOL/MEMORY node is settled by its owners.

    Unattached ones are reported as tool_not_attached instead, and one attached to a reached
    agent is reachable through it.
    """
    return not owners or any(o in reached for o in owners)


def _reach(starts: Sequence[str], adj: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    stack = list(starts)
    while stack:
        for nxt in adj.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _check_cycles(ctx: _Context) -> None:
    # A cycle is legal iff it passes through a loop node, so drop loop nodes and look for
    # any cycle left: those are exactly the cycles that avoid every loop node.
    loops = frozenset(
        n.id for n in ctx.nodes.values() if n.type == NodeFamily.FLOW and n.subtype == LOOP_SUBTYPE
    )
    adj = _adjacency(ctx.edges, skip=loops)
    order = [n for n in ctx.nodes if n not in loops]
    for component in strongly_connected(order, adj):
        if len(component) == 1 and component[0] not in adj.get(component[0], ()):
            continue
        first = min(component, key=ctx.index.__getitem__)
        names = " -> ".join(
            f"'{ctx.nodes[c].name}'" for c in sorted(component, key=ctx.index.__getitem__)
        )
        ctx.add(
            CYCLE,
            f"Nodes {names} form a cycle that does not pass through a loop node; "
            "use a 'loop' node to repeat work.",
            first,
            f"nodes[{ctx.index[first]}]",
        )


def strongly_connected(order: Sequence[str], adj: dict[str, list[str]]) -> Iterator[list[str]]:
    """Tarjan's SCC, iterative (no recursion limit); deterministic for a given ``order``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    for root in order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            v, child = work.pop()
            if child == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on_stack.add(v)
            succ = adj.get(v, [])
            if child < len(succ):
                work.append((v, child + 1))
                w = succ[child]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                yield component


def _check_dead_ends(ctx: _Context) -> None:
    has_out = {a for a, _ in ctx.edges}
    for node_id, node in ctx.nodes.items():
        spec = ctx.spec(node)
        if node.type not in _DEAD_END_FAMILIES or node_id in has_out or spec is None:
            continue
        if node.subtype in _TERMINAL_FLOW or not spec.outputs:
            continue
        ctx.add(
            DEAD_END,
            f"{_subject(node)} has no outgoing connection, so its output goes nowhere.",
            node_id,
            f"nodes[{ctx.index[node_id]}]",
        )
