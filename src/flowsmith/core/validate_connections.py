"""The checks of attachments and connections: ``invalid_attachment``,
``duplicate_connection``, ``dangling_connection``, ``tool_not_attached``, ``unknown_output``,
``unknown_input`` and ``trigger_has_input``. :func:`_check_connections` also records the
main-flow edges (``_Context.edges``) the graph and expression checks walk, so it runs before
them; :func:`_attached_ids` maps each TOOL/MEMORY node to the agents that attach it.

Invariants: pure (no I/O, no clock); connections are checked in document order, and a
connection that is a duplicate, dangles, or touches a TOOL/MEMORY node or ends at a trigger
adds no edge.
"""

from __future__ import annotations

from collections import defaultdict

from flowsmith.core.models import Connection, Node, NodeFamily
from flowsmith.core.validate_context import (
    ATTACHABLE,
    DANGLING_CONNECTION,
    DUPLICATE_CONNECTION,
    INVALID_ATTACHMENT,
    TOOL_NOT_ATTACHED,
    TRIGGER_HAS_INPUT,
    UNKNOWN_INPUT,
    UNKNOWN_OUTPUT,
    _Context,
    _label,
    _subject,
)

# --- attachments ---------------------------------------------------------------------------


def _check_attachments(ctx: _Context) -> None:
    for i, node in enumerate(ctx.wf.nodes):
        if not node.attached_nodes:
            continue
        if node.type != NodeFamily.AI_AGENT:
            ctx.add(
                INVALID_ATTACHMENT,
                f"{_subject(node)} is {node.type.value}; "
                "only AI_AGENT nodes may have attached_nodes.",
                node.id,
                f"nodes[{i}].attached_nodes",
            )
            continue
        for k, ref in enumerate(node.attached_nodes):
            _check_one_attachment(ctx, node, f"nodes[{i}].attached_nodes[{k}]", ref)


def _check_one_attachment(ctx: _Context, agent: Node, path: str, ref: str) -> None:
    target = ctx.nodes.get(ref)
    if target is None:
        ctx.add(
            INVALID_ATTACHMENT,
            f"{_subject(agent)} attaches '{ref}', which is not a node of this workflow.",
            agent.id,
            path,
        )
    elif target.type not in ATTACHABLE:
        ctx.add(
            INVALID_ATTACHMENT,
            f"{_subject(agent)} attaches {_label(target)}, "
            f"a {target.type.value} node; only TOOL and MEMORY nodes can be attached.",
            agent.id,
            path,
        )


def _attached_ids(ctx: _Context) -> dict[str, list[str]]:
    """TOOL/MEMORY id -> ids of the AI_AGENT nodes that validly attach it."""
    owners: dict[str, list[str]] = defaultdict(list)
    for node in ctx.nodes.values():
        if node.type != NodeFamily.AI_AGENT:
            continue
        for ref in node.attached_nodes:
            target = ctx.nodes.get(ref)
            if target is not None and target.type in ATTACHABLE:
                owners[ref].append(node.id)
    return owners


# --- connections ---------------------------------------------------------------------------


def _check_connections(ctx: _Context) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    for j, conn in enumerate(ctx.wf.connections):
        key = (conn.from_node, conn.from_output, conn.to_node, conn.to_input)
        if key in seen:
            ctx.add(
                DUPLICATE_CONNECTION,
                f"Connection {_conn_text(conn)} appears more than once.",
                conn.from_node,
                f"connections[{j}]",
            )
            continue
        seen.add(key)
        _check_one_connection(ctx, j, conn)


def _conn_text(conn: Connection) -> str:
    return f"'{conn.from_node}'.{conn.from_output} -> '{conn.to_node}'.{conn.to_input}"


def _check_one_connection(ctx: _Context, j: int, conn: Connection) -> None:
    src, dst = ctx.nodes.get(conn.from_node), ctx.nodes.get(conn.to_node)
    if src is None or dst is None:
        missing = "from_node" if src is None else "to_node"
        ref = conn.from_node if src is None else conn.to_node
        existing = src or dst
        ctx.add(
            DANGLING_CONNECTION,
            f"Connection {_conn_text(conn)} refers to node '{ref}', which does not exist.",
            existing.id if existing else None,
            f"connections[{j}].{missing}",
        )
        return
    if src.type in ATTACHABLE or dst.type in ATTACHABLE:
        tool = src if src.type in ATTACHABLE else dst
        ctx.add(
            TOOL_NOT_ATTACHED,
            f"{_subject(tool)} is a {tool.type.value} node "
            "but is wired into the main flow; list it in an AI agent's attached_nodes "
            "instead.",
            tool.id,
            f"connections[{j}]",
        )
        return
    _check_ports(ctx, j, conn, src, dst)
    if dst.type == NodeFamily.TRIGGER:
        ctx.add(
            TRIGGER_HAS_INPUT,
            f"{_subject(dst)} is a trigger and cannot receive connections (from {_label(src)}).",
            dst.id,
            f"connections[{j}].to_node",
        )
        return
    ctx.edges.append((src.id, dst.id))


def _check_ports(ctx: _Context, j: int, conn: Connection, src: Node, dst: Node) -> None:
    src_spec, dst_spec = ctx.spec(src), ctx.spec(dst)
    if src_spec is not None:
        outputs = src_spec.output_names(src.on_error)
        if conn.from_output not in outputs:
            valid = ", ".join(sorted(outputs)) or "none"
            ctx.add(
                UNKNOWN_OUTPUT,
                f"{_subject(src)} has no output '{conn.from_output}' (outputs: {valid}).",
                src.id,
                f"connections[{j}].from_output",
            )
    # triggers are reported as trigger_has_input by the caller, not as a bad input name
    if (
        dst_spec is not None
        and dst.type != NodeFamily.TRIGGER
        and conn.to_input not in dst_spec.inputs
    ):
        valid = ", ".join(dst_spec.inputs) or "none"
        ctx.add(
            UNKNOWN_INPUT,
            f"{_subject(dst)} has no input '{conn.to_input}' (inputs: {valid}).",
            dst.id,
            f"connections[{j}].to_input",
        )


def _check_unattached_tools(ctx: _Context) -> None:
    owners = _attached_ids(ctx)
    for node_id, node in ctx.nodes.items():
        if node.type in ATTACHABLE and node_id not in owners:
            ctx.add(
                TOOL_NOT_ATTACHED,
                f"{_subject(node)} is a {node.type.value} "
                "node attached to no AI agent; add its id to an agent's attached_nodes.",
                node_id,
                f"nodes[{ctx.index[node_id]}]",
            )
