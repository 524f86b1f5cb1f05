"""Which service operation a node performs, whatever shape it was stored in.

A node performs ``(app, resource, operation)`` when it is an app node (its subtype is an app's
id, or ``<app>_trigger`` with ``event`` in place of the operation), or a per-action subtype kept
for stored workflows whose catalog entry names the app operation it equals (``alias_of``).
Planner, request check, evaluation and exporter all ask this one function.

Operations are also grouped into a few verbs (:data:`VERBS`), since users say "add a row" for
n8n's ``append``, "post" for ``send``: the grouping is about words, not about any service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Node

VERBS: dict[str, frozenset[str]] = {
    "create": frozenset(
        {
            "create",
            "add",
            "append",
            "insert",
            "upload",
            "post",
            "send",
            "sendMessage",
            "createOrUpdate",
            "upsert",
            "appendOrUpdate",
            "publish",
            "invite",
            "write",
        }
    ),
    "read": frozenset(
        {
            "get",
            "getAll",
            "read",
            "search",
            "list",
            "lookup",
            "download",
            "find",
            "query",
            "executeQuery",
            "select",
            "getMany",
            "history",
            "fetch",
        }
    ),
    "update": frozenset({"update", "edit", "patch", "move", "upsert", "appendOrUpdate"}),
    "delete": frozenset({"delete", "remove", "archive", "clear", "cancel"}),
}


@dataclass(frozen=True)
class ServiceOp:
    app: str
    resource: str | None
    operation: str | None
    trigger: bool = False

    def verbs(self) -> frozenset[str]:
        """The verb groups this operation belongs to (empty when none applies)."""
        return verb_of(self.operation)


def verb_of(operation: str | None) -> frozenset[str]:
    """The verb groups of an operation key; a key the groups do not list is grouped by its
    leading verb word ("getAllRows" reads, "createRow" creates, "deleteRow" deletes)."""
    if operation is None:
        return frozenset()
    found = frozenset(v for v, ops in VERBS.items() if operation in ops)
    if found:
        return found
    lead = _LEAD.match(operation)
    return frozenset(v for v, ops in VERBS.items() if lead and lead.group(0) in ops)


# the first word of a camelCase key ("get" of "getAllRows")
_LEAD = re.compile(r"[a-z]+(?=[A-Z])")


def node_service(node: Node, catalog: Catalog | None = None) -> ServiceOp | None:
    """The service operation ``node`` performs, or None for a node of no service."""
    cat = catalog if catalog is not None else load_catalog()
    spec = cat.get(node.subtype)
    if spec is None:
        return None
    if spec.app is not None:
        params = node.parameters
        if spec.subtype == spec.app:
            return ServiceOp(spec.app, _str(params.get("resource")), _str(params.get("operation")))
        return ServiceOp(spec.app, None, _str(params.get("event")), trigger=True)
    if spec.alias_of is not None:
        a = spec.alias_of
        return ServiceOp(a.app, a.resource, a.operation)
    return None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None
