"""What changed between two versions of a workflow, by node id (ids are stable across edits)."""

from __future__ import annotations

from typing import Any

from flowsmith.core.models import Connection, Workflow


def _edge(c: Connection) -> tuple[str, str, str, str]:
    return (c.from_node, c.from_output, c.to_node, c.to_input)


def workflow_diff(before: Workflow | None, after: Workflow) -> dict[str, Any]:
    old = {n.id: n for n in before.nodes} if before else {}
    new = {n.id: n for n in after.nodes}
    changed = [
        node_id
        for node_id in new.keys() & old.keys()
        if new[node_id].model_dump(exclude={"position"})
        != old[node_id].model_dump(exclude={"position"})
    ]
    old_edges = {_edge(c) for c in before.connections} if before else set()
    new_edges = {_edge(c) for c in after.connections}
    return {
        "added_nodes": sorted(new.keys() - old.keys()),
        "removed_nodes": sorted(old.keys() - new.keys()),
        "changed_nodes": sorted(changed),
        "added_connections": [_edge_dict(e) for e in sorted(new_edges - old_edges)],
        "removed_connections": [_edge_dict(e) for e in sorted(old_edges - new_edges)],
    }


def _edge_dict(edge: tuple[str, str, str, str]) -> dict[str, str]:
    return {"from_node": edge[0], "from_output": edge[1], "to_node": edge[2], "to_input": edge[3]}
