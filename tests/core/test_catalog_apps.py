"""App entries: parsing, the checks of :mod:`flowsmith.core.catalog.apps`, and the node
specs built from them (validated like any node)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from flowsmith.core.catalog import CatalogError, _read_app_files, build_catalog
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.validate import validate_workflow
from tests.core.test_catalog import _raw_files

APP: dict[str, Any] = {
    "app": "acme",
    "display_name": "Acme",
    "description": "A made-up service.",
    "category": "other",
    "names": {"en": ["acme"], "zh": ["艾克米"]},
    "credential": "acmeApi",
    "n8n": {"type": "n8n-nodes-base.acme", "typeVersion": 1},
    "resources": {
        "ticket": {
            "names": {"en": ["ticket"], "zh": ["工单"]},
            "operations": {
                "create": {
                    "description": "Open a ticket.",
                    "fields": {
                        "title": {"type": "string", "description": "Title.", "n8n": "title"},
                        "kind": {"type": "string", "enum": ["bug"], "description": "Kind."},
                    },
                    "required": ["title"],
                },
                "get": {
                    "description": "Get one.",
                    "fields": {
                        "id": {"type": "string", "description": "Id."},
                        "kind": {"type": "string", "enum": ["task"], "description": "Kind."},
                    },
                    "required": ["id"],
                },
            },
        }
    },
    "triggers": {
        "n8n": {"type": "n8n-nodes-base.acmeTrigger", "typeVersion": 1},
        "events": {"ticket_created": {"description": "New ticket.", "n8n": {"events": ["t"]}}},
        "fields": {"board": {"type": "string", "description": "Board id."}},
        "required": ["board"],
    },
    "example": {
        "name": "File it",
        "resource": "ticket",
        "operation": "create",
        "parameters": {"title": "x"},
    },
}


def _build(*apps: dict[str, Any]) -> Any:
    """The packaged catalog plus ``apps`` (the packaged apps are needed by legacy aliases)."""
    return build_catalog(_raw_files(), {**_read_app_files(), "zz_test.json": list(apps)})


def _changed(**changes: Any) -> dict[str, Any]:
    app = copy.deepcopy(APP)
    app.update(changes)
    return app


def test_an_app_becomes_an_action_and_a_trigger_spec() -> None:
    catalog = _build(APP)
    action, trigger = catalog.get("acme"), catalog.get("acme_trigger")
    assert action is not None and action.family == NodeFamily.EXTERNAL_ACTION
    assert trigger is not None and trigger.family == NodeFamily.TRIGGER
    assert trigger.example.parameters == {"event": "ticket_created", "board": "YOUR_BOARD"}
    assert "艾克米" in action.keywords and "ticket" in action.description
    assert catalog.app("acme_trigger") is catalog.app("acme") is catalog.apps[-1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"names": {"en": ["Acme"], "zh": []}}, "lower-case"),
        ({"http": {"base_url": "https://api.acme.test", "auth": "bearer"}}, "exactly one"),
        ({"n8n": None}, "exactly one"),
        ({"example": {"name": "x", "resource": "ticket", "operation": "zap"}}, "unknown"),
        ({"example": {"name": "x", "resource": "ticket", "operation": "get"}}, "lacks"),
        ({"app": "if"}, "core subtype"),
    ],
)
def test_bad_app_entries_are_refused(change: dict[str, Any], message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _build(_changed(**change))


def test_required_fields_must_exist_and_ids_be_unique() -> None:
    bad = _changed()
    bad["resources"]["ticket"]["operations"]["create"]["required"] = ["nope"]
    with pytest.raises(CatalogError, match="required fields not in fields"):
        _build(bad)
    with pytest.raises(CatalogError, match="duplicate"):
        _build(APP, APP)


def _node(params: dict[str, Any]) -> Workflow:
    return Workflow(
        nodes=[
            Node(id="t", name="Start", type=NodeFamily.TRIGGER, subtype="manual_trigger"),
            Node(
                id="a",
                name="Acme",
                type=NodeFamily.EXTERNAL_ACTION,
                subtype="acme",
                parameters=params,
            ),
        ],
        connections=[Connection(from_node="t", to_node="a")],
    )


@pytest.mark.parametrize(
    ("params", "ok"),
    [
        ({"resource": "ticket", "operation": "create", "title": "x"}, True),
        ({"resource": "ticket", "operation": "create"}, False),  # required title
        ({"resource": "ticket", "operation": "zap", "title": "x"}, False),  # no such op
        ({"resource": "user", "operation": "create", "title": "x"}, False),  # no such resource
        ({"resource": "ticket", "operation": "create", "title": "x", "kind": "bug"}, True),
        ({"resource": "ticket", "operation": "create", "title": "x", "kind": "task"}, False),
        ({"resource": "ticket", "operation": "get", "id": "1", "kind": "task"}, True),
        ({"resource": "ticket", "operation": "get", "id": "1", "color": "red"}, False),
    ],
)
def test_app_nodes_are_validated_per_operation(params: dict[str, Any], ok: bool) -> None:
    import flowsmith.core.validate as validate

    catalog = _build(APP)
    errors = [
        f for f in validate.validate_workflow(_node(params), catalog) if f.severity == "error"
    ]
    assert (errors == []) == ok, errors
    assert validate_workflow is validate.validate_workflow


def test_legacy_subtypes_alias_an_app_operation() -> None:
    from flowsmith.core.catalog import load_catalog
    from flowsmith.core.services import node_service

    catalog = load_catalog()
    spec = catalog.get("slack_message")
    assert spec is not None and spec.alias_of is not None
    node = Node(id="s", name="Post", type=NodeFamily.EXTERNAL_ACTION, subtype="slack_message")
    op = node_service(node, catalog)
    assert op is not None and (op.app, op.resource, op.operation) == ("slack", "message", "post")
    assert "create" in op.verbs()


def test_an_alias_must_name_an_existing_operation() -> None:
    files = _raw_files()
    entry = next(e for e in files["external_action.json"] if e["subtype"] == "slack_message")
    entry["alias_of"] = {"app": "acme", "resource": "ticket", "operation": "zap"}
    with pytest.raises(CatalogError, match=r"acme has no ticket\.zap"):
        build_catalog(files, {**_read_app_files(), "zz_test.json": [APP]})
    entry["alias_of"] = {"app": "nope", "resource": "ticket", "operation": "create"}
    with pytest.raises(CatalogError, match="unknown app"):
        build_catalog(files, {**_read_app_files(), "zz_test.json": [APP]})


def test_every_app_spec_schema_is_a_valid_json_schema() -> None:
    """Load skips the meta-schema check for app specs (seconds at every start); here it runs."""
    from flowsmith.core.catalog import check_meta_schema, load_catalog

    for spec in load_catalog().specs:
        if spec.app is not None:
            check_meta_schema(spec, spec.subtype)


def test_a_bad_field_schema_is_caught_by_the_meta_schema_check() -> None:
    from flowsmith.core.catalog import check_meta_schema

    bad = _changed()
    bad["resources"]["ticket"]["operations"]["create"]["fields"]["title"]["minLength"] = -1
    spec = _build(bad).get("acme")
    with pytest.raises(CatalogError, match="invalid JSON Schema"):
        check_meta_schema(spec, "acme")
