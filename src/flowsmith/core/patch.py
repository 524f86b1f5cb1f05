"""Edits as patches: a list of operations applied to a workflow, not a fresh graph.

Operations (JSON objects, as a model returns them; ``op`` says which):

* ``add_node``        ``id`` (optional: derived from the subtype), ``name``, ``subtype``,
                      ``parameters``, ``on_error``, ``attached_nodes``; the fields may also sit
                      in a nested ``node`` object. ``type`` always comes from the catalog.
                      An id already taken gets a ``_2`` (``_3``…) suffix, and later operations
                      of the same patch that name the requested id mean the new node.
* ``update_node``     ``id`` plus any of ``name``, ``parameters`` (merged into the node's:
                      a key set to ``null`` is removed), ``subtype`` (the family follows; the
                      node's parameters are then replaced by the given ones, or emptied),
                      ``on_error``, ``attached_nodes`` (replaced).
* ``remove_node``     ``id``; its connections and attachments go with it. ``reconnect: true``
                      links each of its predecessors to each of its successors.
* ``connect``         ``from_node``, ``to_node``, ``from_output`` (``main``), ``to_input``
                      (``main``). A connection to a node that does not exist yet is retried
                      after the other operations (models do not always order them).
* ``disconnect``      ``from_node``, ``to_node`` and optionally ``from_output`` / ``to_input``
                      (omitted: every connection between the two).
* ``rename_workflow`` ``name`` and/or ``description``.

Invariants of :func:`apply_patch`: pure; never raises on bad operations (each becomes a
``Finding``: ``patch_invalid_op`` or ``patch_unknown_node`` errors for operations not applied,
``patch_id_changed`` / ``patch_no_effect`` notes); the input workflow is not modified; a node
no operation names keeps its id, name, type, subtype, parameters, position and settings;
node order is kept, added nodes go last. Whether the result is a valid workflow is the
validator's business, not this module's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Workflow

PATCH_INVALID_OP = "patch_invalid_op"
PATCH_UNKNOWN_NODE = "patch_unknown_node"
PATCH_ID_CHANGED = "patch_id_changed"
PATCH_NO_EFFECT = "patch_no_effect"

OPS: tuple[str, ...] = (
    "add_node",
    "update_node",
    "remove_node",
    "connect",
    "disconnect",
    "rename_workflow",
)
_ON_ERROR = ("stop", "continue", "error_output")
_ID_CHARS = re.compile(r"[^a-z0-9_]+")
_MAX_ID = 64
_MAX_NAME = 200


def patch_schema(subtypes: Sequence[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of a patch (``{"operations": [...], "summary": str}``). With
    ``subtypes``, ``subtype`` is an enum of them: schema-following servers cannot then
    name a node type the catalog lacks."""
    subtype: dict[str, Any] = {"type": "string", "description": "A catalog subtype."}
    if subtypes:
        subtype["enum"] = sorted(set(subtypes))
    operation = {
        "type": "object",
        "properties": {
            "op": {"type": "string", "enum": list(OPS)},
            "id": {
                "type": "string",
                "description": "The node's id (add_node: the new id; others: an existing id).",
            },
            "name": {"type": "string"},
            "subtype": subtype,
            "parameters": {
                "type": "object",
                "description": "add_node: all parameters; update_node: only the keys to "
                "change (null removes a key).",
            },
            "on_error": {"type": "string", "enum": list(_ON_ERROR)},
            "attached_nodes": {"type": "array", "items": {"type": "string"}},
            "reconnect": {
                "type": "boolean",
                "description": "remove_node: link its predecessors to its successors.",
            },
            "from_node": {"type": "string"},
            "to_node": {"type": "string"},
            "from_output": {"type": "string"},
            "to_input": {"type": "string"},
            "description": {"type": "string"},
        },
        "required": ["op"],
    }
    return {
        "type": "object",
        "properties": {
            "operations": {"type": "array", "items": operation},
            "summary": {
                "type": "string",
                "description": "One sentence saying what the operations change.",
            },
        },
        "required": ["operations"],
    }


def slug(text: str, fallback: str = "node") -> str:
    """A node id made from ``text``: lower-case ``[a-z0-9_]``, at most 40 characters."""
    cleaned = _ID_CHARS.sub("_", text.lower()).strip("_")[:40].strip("_")
    return cleaned or fallback


def apply_patch(
    workflow: Workflow, operations: Iterable[Any], catalog: Catalog | None = None
) -> tuple[Workflow, list[Finding]]:
    """``workflow`` with ``operations`` applied in order, and what could not be applied."""
    patcher = _Patcher(workflow, catalog or load_catalog())
    for index, op in enumerate(operations):
        patcher.apply(index, op)
    patcher.retry_deferred()
    return patcher.result(), patcher.findings


class _Patcher:
    def __init__(self, wf: Workflow, catalog: Catalog) -> None:
        self.wf = wf
        self.catalog = catalog
        self.name = wf.name
        self.description = wf.description
        self.nodes: list[Node] = [n.model_copy(deep=True) for n in wf.nodes]
        self.conns: list[Connection] = [c.model_copy() for c in wf.connections]
        self.aliases: dict[str, str] = {}
        self.deferred: list[tuple[int, Mapping[str, Any]]] = []
        self.findings: list[Finding] = []

    # -- helpers

    def result(self) -> Workflow:
        return self.wf.model_copy(
            update={
                "name": self.name,
                "description": self.description,
                "nodes": self.nodes,
                "connections": self.conns,
            }
        )

    def note(
        self, code: str, index: int, message: str, node_id: str | None = None, severity: Any = None
    ) -> None:
        level = severity or ("error" if code in (PATCH_INVALID_OP, PATCH_UNKNOWN_NODE) else "info")
        self.findings.append(
            Finding(
                code=code,
                severity=level,
                node_id=node_id,
                path=f"operations[{index}]",
                message=message,
            )
        )

    def resolve(self, raw: Any) -> str | None:
        if not isinstance(raw, str) or not raw.strip():
            return None
        key = raw.strip()
        return self.aliases.get(key, key)

    def find(self, node_id: str | None) -> Node | None:
        if node_id is None:
            return None
        return next((n for n in self.nodes if n.id == node_id), None)

    def ids(self) -> set[str]:
        return {n.id for n in self.nodes}

    def unique_id(self, wanted: str) -> str:
        taken = self.ids()
        if wanted not in taken:
            return wanted
        n = 2
        while f"{wanted[: _MAX_ID - 4]}_{n}" in taken:
            n += 1
        return f"{wanted[: _MAX_ID - 4]}_{n}"

    def family(self, subtype: str, given: Any) -> NodeFamily:
        spec = self.catalog.get(subtype)
        if spec is not None:
            return spec.family
        try:
            return NodeFamily(str(given))
        except ValueError:
            return NodeFamily.ACTION

    def attachments(self, raw: Any) -> list[str]:
        if not isinstance(raw, list):
            return []
        out: list[str] = []
        for item in raw:
            resolved = self.resolve(item)
            if resolved and resolved not in out:
                out.append(resolved)
        return out

    # -- operations

    def apply(self, index: int, raw: Any) -> None:
        if not isinstance(raw, Mapping):
            self.note(PATCH_INVALID_OP, index, "an operation must be a JSON object")
            return
        op = raw.get("op")
        handler = {
            "add_node": self.add_node,
            "update_node": self.update_node,
            "remove_node": self.remove_node,
            "connect": self.connect,
            "disconnect": self.disconnect,
            "rename_workflow": self.rename_workflow,
        }.get(op if isinstance(op, str) else "")
        if handler is None:
            self.note(
                PATCH_INVALID_OP, index, f"unknown operation {op!r}; use one of {', '.join(OPS)}"
            )
            return
        handler(index, raw)

    def add_node(self, index: int, raw: Mapping[str, Any]) -> None:
        nested = raw.get("node")
        fields: dict[str, Any] = {**(nested if isinstance(nested, Mapping) else {}), **raw}
        subtype = fields.get("subtype")
        if not isinstance(subtype, str) or not subtype.strip():
            self.note(PATCH_INVALID_OP, index, "add_node needs a subtype")
            return
        subtype = subtype.strip()
        spec = self.catalog.get(subtype)
        requested = fields.get("id")
        wanted = (
            slug(requested, subtype)[:_MAX_ID]
            if isinstance(requested, str) and requested.strip()
            else slug(subtype)
        )
        node_id = self.unique_id(wanted)
        if isinstance(requested, str) and requested.strip() and node_id != requested.strip():
            self.aliases[requested.strip()] = node_id
            self.note(
                PATCH_ID_CHANGED,
                index,
                f"the new node got id '{node_id}' ('{requested}' is taken or not a valid id)",
                node_id,
            )
        name = fields.get("name")
        if not isinstance(name, str) or not name.strip():
            name = spec.display_name if spec is not None else subtype
        parameters = fields.get("parameters")
        on_error = fields.get("on_error")
        node = Node(
            id=node_id,
            name=name.strip()[:_MAX_NAME],
            type=self.family(subtype, fields.get("type")),
            subtype=subtype[:64],
            parameters=dict(parameters) if isinstance(parameters, Mapping) else {},
            on_error=on_error if on_error in _ON_ERROR else "stop",
            attached_nodes=self.attachments(fields.get("attached_nodes")),
        )
        self.nodes.append(node)

    def update_node(self, index: int, raw: Mapping[str, Any]) -> None:
        node_id = self.resolve(raw.get("id"))
        node = self.find(node_id)
        if node is None:
            self.note(PATCH_UNKNOWN_NODE, index, f"update_node: no node has id {raw.get('id')!r}")
            return
        changes: dict[str, Any] = {}
        name = raw.get("name")
        if isinstance(name, str) and name.strip():
            changes["name"] = name.strip()[:_MAX_NAME]
        parameters = raw.get("parameters")
        subtype = raw.get("subtype")
        if isinstance(subtype, str) and subtype.strip() and subtype.strip() != node.subtype:
            subtype = subtype.strip()[:64]
            changes["subtype"] = subtype
            changes["type"] = self.family(subtype, raw.get("type"))
            fresh = dict(parameters) if isinstance(parameters, Mapping) else {}
            changes["parameters"] = {k: v for k, v in fresh.items() if v is not None}
        elif isinstance(parameters, Mapping):
            merged = dict(node.parameters)
            for key, value in parameters.items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            changes["parameters"] = merged
        on_error = raw.get("on_error")
        if on_error in _ON_ERROR:
            changes["on_error"] = on_error
        if "attached_nodes" in raw and isinstance(raw.get("attached_nodes"), list):
            changes["attached_nodes"] = self.attachments(raw.get("attached_nodes"))
        if not changes:
            self.note(PATCH_NO_EFFECT, index, f"update_node '{node.id}' changes nothing", node.id)
            return
        updated = node.model_copy(update=changes)
        self.nodes = [updated if n.id == node.id else n for n in self.nodes]

    def remove_node(self, index: int, raw: Mapping[str, Any]) -> None:
        node_id = self.resolve(raw.get("id"))
        node = self.find(node_id)
        if node is None:
            self.note(PATCH_UNKNOWN_NODE, index, f"remove_node: no node has id {raw.get('id')!r}")
            return
        incoming = [c for c in self.conns if c.to_node == node.id and c.from_node != node.id]
        outgoing = [c for c in self.conns if c.from_node == node.id and c.to_node != node.id]
        self.conns = [c for c in self.conns if node.id not in (c.from_node, c.to_node)]
        self.nodes = [
            n.model_copy(update={"attached_nodes": [a for a in n.attached_nodes if a != node.id]})
            if node.id in n.attached_nodes
            else n
            for n in self.nodes
            if n.id != node.id
        ]
        if raw.get("reconnect") is True:
            for before in incoming:
                for after in outgoing:
                    self.add_connection(
                        Connection(
                            from_node=before.from_node,
                            from_output=before.from_output,
                            to_node=after.to_node,
                            to_input=after.to_input,
                        )
                    )

    def add_connection(self, conn: Connection) -> bool:
        if conn in self.conns:
            return False
        self.conns.append(conn)
        return True

    def connect(self, index: int, raw: Mapping[str, Any], *, last_try: bool = False) -> None:
        source, target = self.resolve(raw.get("from_node")), self.resolve(raw.get("to_node"))
        if source is None or target is None:
            self.note(PATCH_INVALID_OP, index, "connect needs from_node and to_node")
            return
        missing = [x for x in (source, target) if self.find(x) is None]
        if missing:
            if not last_try:
                self.deferred.append((index, raw))
                return
            self.note(
                PATCH_UNKNOWN_NODE,
                index,
                f"connect {source} -> {target}: no node has id {', '.join(map(repr, missing))}",
            )
            return
        output = raw.get("from_output")
        port = raw.get("to_input")
        conn = Connection(
            from_node=source,
            to_node=target,
            from_output=output if isinstance(output, str) and output else "main",
            to_input=port if isinstance(port, str) and port else "main",
        )
        if not self.add_connection(conn):
            self.note(PATCH_NO_EFFECT, index, f"{source} -> {target} is already connected")

    def retry_deferred(self) -> None:
        pending, self.deferred = self.deferred, []
        for index, raw in pending:
            self.connect(index, raw, last_try=True)

    def disconnect(self, index: int, raw: Mapping[str, Any]) -> None:
        source, target = self.resolve(raw.get("from_node")), self.resolve(raw.get("to_node"))
        if source is None or target is None:
            self.note(PATCH_INVALID_OP, index, "disconnect needs from_node and to_node")
            return
        output, port = raw.get("from_output"), raw.get("to_input")

        def matches(c: Connection) -> bool:
            return (
                c.from_node == source
                and c.to_node == target
                and (not isinstance(output, str) or not output or c.from_output == output)
                and (not isinstance(port, str) or not port or c.to_input == port)
            )

        kept = [c for c in self.conns if not matches(c)]
        if len(kept) == len(self.conns):
            self.note(PATCH_NO_EFFECT, index, f"{source} -> {target} was not connected")
        self.conns = kept

    def rename_workflow(self, index: int, raw: Mapping[str, Any]) -> None:
        name, description = raw.get("name"), raw.get("description")
        changed = False
        if isinstance(name, str) and name.strip():
            self.name = name.strip()[:_MAX_NAME]
            changed = True
        if isinstance(description, str):
            self.description = description.strip()
            changed = True
        if not changed:
            self.note(PATCH_INVALID_OP, index, "rename_workflow needs a name or a description")
