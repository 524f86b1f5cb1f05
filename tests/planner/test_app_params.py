"""A node the planner adds for an app operation carries every field the catalog requires,
nested ones included, so the validator never rejects what the planner built."""

from __future__ import annotations

import pytest

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.validate import validate_workflow
from flowsmith.planner.edit_catalog import app_params


def _required_object_ops() -> list[tuple[str, str, str]]:
    """Every (app, resource, operation) with a required field that is an object of its own
    required properties."""
    out = []
    for app in load_catalog().apps:
        for res_name, res in app.resources.items():
            for op_name, op in res.operations.items():
                for key in op.required:
                    schema = op.fields[key].schema_fragment() if key in op.fields else {}
                    if schema.get("type") == "object" and schema.get("required"):
                        out.append((app.app, res_name, op_name))
                        break
    return out


@pytest.mark.parametrize(("app_name", "resource", "operation"), _required_object_ops())
def test_required_object_fields_are_filled(app_name: str, resource: str, operation: str) -> None:
    app = next(a for a in load_catalog().apps if a.app == app_name)
    params = app_params(app, resource, operation, "New contract", "{{ $json.text }}")
    nodes = [
        Node(id="t", name="Start", type=NodeFamily.TRIGGER, subtype="manual_trigger"),
        Node(
            id="a",
            name="Act",
            type=load_catalog().get(app_name).family,  # type: ignore[union-attr]
            subtype=app_name,
            parameters=params,
        ),
    ]
    wf = Workflow(id="w", name="w", nodes=nodes, connections=[])
    missing = [f for f in validate_workflow(wf) if f.code == "missing_parameter"]
    assert not missing, missing


def test_the_wecom_message_text_is_the_items_text() -> None:
    app = next(a for a in load_catalog().apps if a.app == "wecom")
    params = app_params(app, "message", "send", "New contract", "{{ $json.text }}")
    assert params["text"] == {"content": "{{ $json.text }}"}
