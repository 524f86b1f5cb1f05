"""Record ids from the trigger: an app step on the record its workflow's trigger brought
("set the ticket's status" after a Zendesk ticket trigger, "append the recap to that page"
after a Notion page trigger) reads that record's id from the trigger, not a placeholder.

Invariants: only a step of the trigger's own app, only its resource's id field
(``<resource>_id``, or by the resource's last word: ``page_id`` for ``databasePage``), and only
while that field is still a ``YOUR_…`` placeholder (n8n refuses a placeholder id before it
runs); ``{{ $json.id }}`` when the step hangs right off the trigger, else the trigger's item by
its node name. Pure: edits ``Node``
parameters in place, nothing else.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import graph as g


def take_the_record_id(wf: Workflow, node: Node, app: str, resource: str) -> None:
    """Fills ``node``'s ``<resource>_id`` placeholder from ``wf``'s trigger of ``app``."""
    trigger = next((x for x in wf.nodes if x.type == NodeFamily.TRIGGER), None)
    if trigger is None or trigger.subtype != f"{app}_trigger":
        return
    key = next(
        (k for k in _id_keys(resource) if str(node.parameters.get(k, "")).startswith("YOUR_")),
        None,
    )
    if key is None:
        return
    fed = [c.from_node for c in g.incoming(wf, node.id)] == [trigger.id]
    where = "$json" if fed else "$('" + trigger.name.replace("'", "\\'") + "').item.json"
    node.parameters[key] = "{{ " + where + ".id }}"


def _id_keys(resource: str) -> list[str]:
    """The names a resource's id field goes by: ``databasePage`` -> databasePage_id,
    database_page_id, page_id."""
    words = [w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+", resource)] or [resource]
    return list(dict.fromkeys([f"{resource}_id", f"{'_'.join(words)}_id", f"{words[-1]}_id"]))


def trigger_record_ids(wf: Workflow) -> None:
    """:func:`take_the_record_id` for every app step of ``wf``."""
    for node in wf.nodes:
        s = node_service(node)
        if s is not None and s.app and s.resource:
            take_the_record_id(wf, node, s.app, s.resource)
