"""Record ids from the trigger: an app step on the record its workflow's trigger brought
("set the ticket's status" after a Zendesk ticket trigger, "append the recap to that page"
after a Notion page trigger) reads that record's id from the trigger, not a placeholder.

Invariants: only a step of the trigger's own app, only its ``<resource>_id`` field, and only
while that field is still a ``YOUR_…`` placeholder; ``{{ $json.id }}`` when the step hangs
right off the trigger, else the trigger's item by its node name. Pure: edits ``Node``
parameters in place, nothing else.
"""

from __future__ import annotations

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import graph as g


def take_the_record_id(wf: Workflow, node: Node, app: str, resource: str) -> None:
    """Fills ``node``'s ``<resource>_id`` placeholder from ``wf``'s trigger of ``app``."""
    trigger = next((x for x in wf.nodes if x.type == NodeFamily.TRIGGER), None)
    if trigger is None or trigger.subtype != f"{app}_trigger":
        return
    key = f"{resource}_id"
    if not str(node.parameters.get(key, "")).startswith("YOUR_"):
        return
    fed = [c.from_node for c in g.incoming(wf, node.id)] == [trigger.id]
    where = "$json" if fed else "$('" + trigger.name.replace("'", "\\'") + "').item.json"
    node.parameters[key] = "{{ " + where + ".id }}"


def trigger_record_ids(wf: Workflow) -> None:
    """:func:`take_the_record_id` for every app step of ``wf``."""
    for node in wf.nodes:
        s = node_service(node)
        if s is not None and s.app and s.resource:
            take_the_record_id(wf, node, s.app, s.resource)
