"""n8n export / import of app nodes (catalog ``apps/``), credentials and the sender address.

The last tests check every app's export against the installed n8n's own node descriptions;
they run when ``N8N_ROOT`` names an n8n install (as tests/n8n_real does) and skip otherwise.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from flowsmith.core.catalog import Catalog, build_catalog, load_catalog
from flowsmith.core.catalog.apps import App
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.n8n.apps import (
    HTTP_AUTH,
    WEBHOOK_TRIGGERS,
    app_parameters,
    app_parameters_back,
    trigger_event_back,
    trigger_parameters,
)
from flowsmith.n8n.convert import from_n8n, to_n8n
from flowsmith.n8n.convert_shared import MARKER
from flowsmith.n8n.defaults import FILE as DEFAULTS_FILE
from flowsmith.n8n.defaults import with_defaults
from flowsmith.n8n.nodes import DEFAULT_FROM_EMAIL

F = NodeFamily


def _node(node_id: str, subtype: str, catalog: Catalog | None = None, **kw: Any) -> Node:
    spec = (catalog or load_catalog()).get(subtype)
    assert spec is not None, subtype
    kw.setdefault("name", node_id.replace("_", " ").title())
    return Node(id=node_id, type=spec.family, subtype=subtype, **kw)


def _wf(nodes: list[Node], pairs: list[tuple[str, str]]) -> Workflow:
    nodes = [n.model_copy(update={"position": (float(i * 220), 0.0)}) for i, n in enumerate(nodes)]
    conns = [Connection(from_node=a, to_node=b) for a, b in pairs]
    return Workflow(id="wf_apps", name="Apps", nodes=nodes, connections=conns)


def _one(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(n for n in doc["nodes"] if n["name"] == name)


def _back(doc: dict[str, Any], catalog: Catalog | None = None) -> Workflow:
    workflow, _ = from_n8n(json.loads(json.dumps(doc)), catalog)
    return workflow


def _raw(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": "From n8n", "nodes": nodes, "connections": {}}


# --- a catalog with apps of our own (independent of the shipped entries) -------------------

_ACME = {
    "app": "acme_crm",
    "display_name": "Acme CRM",
    "description": "A CRM with an API but no n8n node.",
    "category": "crm",
    "names": {"en": ["acme"]},
    "credential": None,
    "n8n": None,
    "http": {
        "base_url": "https://{tenant}.acme.test/api/",
        "auth": "header",
        "auth_header": "X-Key",
    },
    "resources": {
        "contact": {
            "operations": {
                "get": {
                    "description": "Get a contact.",
                    "fields": {
                        "tenant": {"type": "string", "description": "Tenant."},
                        "contact_id": {"type": "string", "description": "Contact id."},
                        "fields": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "Fields to return.",
                        },
                        "limit": {"type": "integer", "description": "Most."},
                    },
                    "required": ["contact_id"],
                    "http": {"method": "GET", "path": "/contacts/{contact_id}"},
                },
                "create": {
                    "description": "Create a contact.",
                    "fields": {
                        "tenant": {"type": "string", "description": "Tenant."},
                        "email": {"type": "string", "description": "Email."},
                        "profile": {"type": "object", "description": "Profile."},
                    },
                    "required": ["email"],
                    "http": {"method": "POST", "path": "/contacts"},
                },
            }
        }
    },
    "triggers": {"events": {"contact_created": {"description": "A contact was created."}}},
    "example": {
        "name": "Get contact",
        "resource": "contact",
        "operation": "get",
        "parameters": {"contact_id": "42"},
    },
}

_SHEETS = {
    "app": "acme_sheets",
    "display_name": "Acme Sheets",
    "description": "Google Sheets through n8n's node, with a polling trigger.",
    "category": "office",
    "names": {"en": ["acme sheets"]},
    "credential": None,
    "n8n": {
        "type": "n8n-nodes-base.googleSheets",
        "typeVersion": 4.5,
        "static": {"authentication": "oAuth2"},
    },
    "resources": {
        "sheet": {
            "operations": {
                "append": {
                    "description": "Append rows.",
                    "fields": {
                        "document": {
                            "type": "string",
                            "description": "Spreadsheet id.",
                            "n8n": {"path": "documentId", "rl": "id"},
                        },
                        "values": {
                            "type": "object",
                            "description": "Column values.",
                            "n8n": "columns.value",
                        },
                    },
                    "n8n": {
                        "value": "append",
                        "static": {
                            "columns": {"mappingMode": "defineBelow", "value": {}, "schema": []}
                        },
                    },
                }
            }
        }
    },
    "triggers": {
        "n8n": {"type": "n8n-nodes-base.googleSheetsTrigger", "typeVersion": 1},
        "events": {
            "row_added": {"description": "A row was added.", "n8n": {"event": "rowAdded"}},
            "row_updated": {"description": "A row changed.", "n8n": {"event": "rowUpdate"}},
        },
    },
    "example": {
        "name": "Add row",
        "resource": "sheet",
        "operation": "append",
        "parameters": {"document": "abc"},
    },
}


def _catalog(*apps: dict[str, Any]) -> Catalog:
    folder = resources.files("flowsmith.core.catalog")
    files = {
        f"{fam.value.lower()}.json": json.loads(
            folder.joinpath(f"{fam.value.lower()}.json").read_text(encoding="utf-8")
        )
        for fam in NodeFamily
    }
    shipped = {  # the legacy entries name shipped apps (alias_of)
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.joinpath("apps").iterdir()
        if entry.name.endswith(".json")
    }
    return build_catalog(files, {**shipped, "zz_test.json": list(apps)})


CAT = _catalog(_ACME, _SHEETS)


# --- apps mapped to an n8n node ------------------------------------------------------------


def _jira_workflow() -> Workflow:
    trigger = _node("start", "manual_trigger")
    jira = _node(
        "file_bug",
        "jira",
        name="File a bug",
        parameters={
            "resource": "issue",
            "operation": "create",
            "project": "OPS",
            "issue_type": "Task",
            "summary": "{{ $node.start.json.title }}",
            "description": "Seen at {{ $json.url }}",
            "labels": ["bug", "{{ $json.area }}"],
        },
    )
    return _wf([trigger, jira], [("start", "file_bug")])


def test_app_node_exports_through_its_field_map() -> None:
    doc = to_n8n(_jira_workflow())
    node = _one(doc, "File a bug")
    assert (node["type"], node["typeVersion"]) == ("n8n-nodes-base.jira", 1)
    assert node["parameters"] == {
        "resource": "issue",
        "operation": "create",
        # a project key and an issue type name fail n8n's id patterns (digits): "From list"
        "project": {"__rl": True, "mode": "list", "value": "OPS"},
        "issueType": {"__rl": True, "mode": "list", "value": "Task"},
        "summary": "={{ $('Start').item.json.title }}",
        "additionalFields": {
            "description": "=Seen at {{ $json.url }}",
            "labels": ["bug", "={{ $json.area }}"],
        },
    }
    assert "credentials" not in node
    assert "notes" not in node  # the field map reads it back: no round-trip note needed
    assert _back(doc) == _jira_workflow()


def test_n8n_node_of_an_app_imports_as_the_app_node() -> None:
    # as n8n writes it: default resource/operation (issue/create) left out, a list locator
    raw = {
        "parameters": {
            "project": {"__rl": True, "value": "10001", "mode": "list", "cachedResultName": "OPS"},
            "issueType": {"__rl": True, "value": "10002", "mode": "list"},
            "summary": "={{ $('Webhook').item.json.body.title }}",
            "additionalFields": {"description": "From n8n", "priority": "2"},
        },
        "id": "0f2c",
        "name": "Create issue",
        "type": "n8n-nodes-base.jira",
        "typeVersion": 1,
        "position": [200, 0],
        "credentials": {"jiraSoftwareCloudApi": {"id": "7", "name": "Jira account"}},
    }
    hook = {
        "parameters": {"path": "bug", "options": {}},
        "name": "Webhook",
        "type": "n8n-nodes-base.webhook",
        "typeVersion": 2,
        "position": [0, 0],
        "webhookId": "a1",
    }
    data = _raw([hook, raw])
    data["connections"] = {
        "Webhook": {"main": [[{"node": "Create issue", "type": "main", "index": 0}]]}
    }
    workflow = _back(data)
    node = workflow.node("create_issue")
    assert node is not None and node.subtype == "jira" and node.type == F.EXTERNAL_ACTION
    assert node.parameters == {
        "resource": "issue",
        "operation": "create",
        "project": "10001",
        "issue_type": "10002",
        "summary": "{{ $node.webhook.json.body.title }}",
        "description": "From n8n",
    }
    again = to_n8n(workflow)
    assert _one(again, "Create issue") == raw  # exact while unchanged (credentials too)
    # edited in flowsmith: translated afresh, the chosen credential stays
    edited = workflow.model_copy(
        update={
            "nodes": [
                n.model_copy(update={"parameters": {**n.parameters, "summary": "New"}})
                if n.id == "create_issue"
                else n
                for n in workflow.nodes
            ]
        }
    )
    out = _one(to_n8n(edited), "Create issue")
    assert out["parameters"]["summary"] == "New"
    assert out["parameters"]["resource"] == "issue"
    assert out["credentials"] == raw["credentials"]


def test_n8n_operation_no_app_has_stays_generic() -> None:
    raw = {
        "parameters": {"resource": "issueAttachment", "operation": "add", "issueKey": "OPS-1"},
        "name": "Attach",
        "type": "n8n-nodes-base.jira",
        "typeVersion": 1,
        "position": [0, 0],
    }
    node = _back(_raw([raw])).nodes[0]
    assert node.subtype == "n8n_node"
    assert node.parameters["n8n_parameters"] == raw["parameters"]


def test_app_statics_are_checked_on_import_but_field_values_are_not() -> None:
    app = CAT.app("acme_sheets")
    assert app is not None
    ours = {"resource": "sheet", "operation": "append", "document": "d", "values": {"a": 1}}
    n8n = app_parameters(app, ours)
    assert n8n is not None
    assert n8n["columns"] == {"mappingMode": "defineBelow", "value": {"a": 1}, "schema": []}
    assert n8n["authentication"] == "oAuth2"
    # a schema n8n filled in, another authentication: still this operation
    filled = {**n8n, "authentication": "serviceAccount"}
    filled["columns"] = {**n8n["columns"], "schema": [{"id": "a"}]}
    assert app_parameters_back(app, filled) == ours
    # another column mapping mode is another behaviour: not this operation
    auto = {**n8n, "columns": {**n8n["columns"], "mappingMode": "autoMapInputData"}}
    assert app_parameters_back(app, auto) is None


# --- apps n8n has no node for: an HTTP Request on the service's API ------------------------


def test_http_app_exports_an_http_request_to_its_api() -> None:
    get = _node(
        "lookup",
        "acme_crm",
        CAT,
        name="Look up",
        parameters={
            "resource": "contact",
            "operation": "get",
            "tenant": "eu",
            "contact_id": "{{ $node.start.json.id }}",
            "fields": ["email", "name"],
            "limit": 5,
        },
    )
    create = _node(
        "add",
        "acme_crm",
        CAT,
        name="Add contact",
        parameters={
            "resource": "contact",
            "operation": "create",
            "tenant": "eu",
            "email": "{{ $node.lookup.json.email }}",
            "profile": {"b": 1, "a": "x"},
        },
    )
    workflow = _wf(
        [_node("start", "manual_trigger"), get, create], [("start", "lookup"), ("lookup", "add")]
    )
    doc = to_n8n(workflow, CAT)
    node = _one(doc, "Look up")
    assert (node["type"], node["typeVersion"]) == ("n8n-nodes-base.httpRequest", 4.2)
    assert node["parameters"] == {
        "method": "GET",
        "url": "=https://eu.acme.test/api/contacts/{{ $('Start').item.json.id }}",
        "authentication": "genericCredentialType",
        "genericAuthType": "httpHeaderAuth",
        "sendQuery": True,
        "queryParameters": {
            "parameters": [
                {"name": "fields", "value": '["email", "name"]'},
                {"name": "limit", "value": "5"},
            ]
        },
        "options": {},
    }
    post = _one(doc, "Add contact")["parameters"]
    assert post["method"] == "POST" and post["url"] == "https://eu.acme.test/api/contacts"
    assert post["sendBody"] is True and post["specifyBody"] == "json"
    # a whole-expression value goes through JSON.stringify: a quote in it cannot break the JSON
    stringified = "{{ JSON.stringify($('Look up').item.json.email) }}"
    assert json.loads(post["jsonBody"][1:].replace(stringified, '"e"')) == {
        "email": "e",
        "profile": {"a": "x", "b": 1},
    }
    assert all("credentials" not in n for n in doc["nodes"])
    # n8n cannot tell it from any other HTTP Request: the round-trip note brings it back
    assert _one(doc, "Look up")["notes"].startswith(MARKER)
    assert _back(doc, CAT) == workflow
    bare = {**doc, "nodes": [{k: v for k, v in n.items() if k != "notes"} for n in doc["nodes"]]}
    assert _back(bare, CAT).node("lookup").subtype == "http_request"  # type: ignore[union-attr]


def test_http_app_auth_schemes_map_to_generic_credentials() -> None:
    assert HTTP_AUTH == {
        "bearer": "httpBearerAuth",
        "header": "httpHeaderAuth",
        "basic": "httpBasicAuth",
        "query": "httpQueryAuth",
        "oauth2": "oAuth2Api",
    }
    for app in load_catalog().apps:
        if app.http is None:
            continue
        spec = load_catalog().get(app.app)
        assert spec is not None
        node = _node(
            "n",
            app.app,
            parameters={
                "resource": app.example.resource,
                "operation": app.example.operation,
                **app.example.parameters,
            },
        )
        params = to_n8n(_wf([node], []))["nodes"][0]["parameters"]
        assert params["genericAuthType"] == HTTP_AUTH[app.http.auth], app.app
        assert params["url"].lstrip("=").startswith(app.http.base_url.split("{")[0]), app.app


# --- app triggers --------------------------------------------------------------------------


def test_app_trigger_exports_its_n8n_trigger_with_a_webhook_id() -> None:
    trigger = _node("on_issue", "jira_trigger", parameters={"event": "issue_created"})
    workflow = _wf([trigger, _node("end", "no_op")], [("on_issue", "end")])
    doc = to_n8n(workflow)
    node = _one(doc, "On Issue")
    assert (node["type"], node["typeVersion"]) == ("n8n-nodes-base.jiraTrigger", 1.1)
    assert node["parameters"] == {"events": ["jira:issue_created"]}
    assert isinstance(node["webhookId"], str) and node["webhookId"]
    assert "notes" not in node
    assert _back(doc) == workflow
    # several events in one n8n trigger: not one event of ours
    both = dict(node, parameters={"events": ["jira:issue_created", "jira:issue_updated"]})
    assert _back(_raw([both])).nodes[0].subtype == "n8n_trigger"


def test_polling_app_trigger_has_no_webhook_id() -> None:
    trigger = _node("rows", "acme_sheets_trigger", CAT, parameters={"event": "row_updated"})
    doc = to_n8n(_wf([trigger], []), CAT)
    node = doc["nodes"][0]
    assert node["type"] == "n8n-nodes-base.googleSheetsTrigger"
    assert node["parameters"] == {"event": "rowUpdate"}
    assert "webhookId" not in node
    assert _back(doc, CAT).nodes[0].parameters == {"event": "row_updated"}


def test_app_trigger_without_an_n8n_trigger_is_a_webhook() -> None:
    trigger = _node("hook", "acme_crm_trigger", CAT, parameters={"event": "contact_created"})
    workflow = _wf([trigger, _node("end", "no_op")], [("hook", "end")])
    doc = to_n8n(workflow, CAT)
    node = _one(doc, "Hook")
    assert (node["type"], node["typeVersion"]) == ("n8n-nodes-base.webhook", 2)
    assert node["parameters"] == {"httpMethod": "POST", "path": node["webhookId"], "options": {}}
    assert _back(doc, CAT) == workflow


def test_trigger_event_matching() -> None:
    app = CAT.app("acme_sheets")
    assert isinstance(app, App)
    for event in ("row_added", "row_updated"):
        params = trigger_parameters(app, {"event": event})
        assert params is not None and trigger_event_back(app, params) == {"event": event}
    assert trigger_event_back(app, {"event": "anything"}) is None


# --- credentials and the sender address ----------------------------------------------------


def test_no_credential_reference_nobody_chose() -> None:
    agent = _node(
        "agent", "ai_agent", parameters={"prompt": "{{ $json.chatInput }}", "model": "gpt-4o"}
    )
    mail = _node("mail", "send_email", parameters={"to": "a@b.c", "subject": "s", "body": "b"})
    slack = _node("post", "slack_message", parameters={"channel": "#x", "text": "t"})
    doc = to_n8n(_wf([_node("chat", "chat_trigger"), agent, mail, slack], [("chat", "agent")]))
    assert len(doc["nodes"]) == 5  # with the agent's model sub-node
    for node in doc["nodes"]:
        assert "credentials" not in node, node["name"]
    assert '"id": null' not in json.dumps(doc)


def test_send_email_always_has_a_sender() -> None:
    plain = _node("mail", "send_email", parameters={"to": "a@b.c", "subject": "s", "body": "b"})
    own = _node(
        "mail2",
        "send_email",
        parameters={"to": "a@b.c", "subject": "s", "body": "b", "from": "{{ $json.sender }}"},
    )
    ask = _node(
        "ask", "approval_email", parameters={"to": "m@b.c", "subject": "ok?", "message": "m"}
    )
    workflow = _wf([_node("start", "manual_trigger"), plain, own, ask], [("start", "mail")])
    doc = to_n8n(workflow)
    assert _one(doc, "Mail")["parameters"]["fromEmail"] == DEFAULT_FROM_EMAIL
    assert _one(doc, "Mail2")["parameters"]["fromEmail"] == "={{ $json.sender }}"
    assert _one(doc, "Ask")["parameters"]["fromEmail"] == DEFAULT_FROM_EMAIL
    for node in doc["nodes"]:
        assert "notes" not in node, node["name"]  # the placeholder reads back as no sender
    assert _back(doc) == workflow
    assert "$env" not in DEFAULT_FROM_EMAIL  # n8n 2.x denies $env in expressions by default


# --- every app of the catalog --------------------------------------------------------------

_SAMPLE = {
    "string": "x",
    "integer": 1,
    "number": 1,
    "boolean": True,
    "array": ["x"],
    "object": {"k": "v"},
}


def _sample(app: App, resource: str, operation: str) -> dict[str, Any]:
    op = app.operation(resource, operation)
    assert op is not None
    params: dict[str, Any] = {"resource": resource, "operation": operation}
    for name, field in op.fields.items():
        kind = field.type if isinstance(field.type, str) else field.type[0]
        params[name] = (field.model_extra or {}).get("enum", [_SAMPLE.get(kind, "x")])[0]
    return params


def _trigger_sample(app: App, event: str) -> dict[str, Any]:
    """An event with every trigger field (the repository, the form …) set to a sample."""
    assert app.triggers is not None
    params: dict[str, Any] = {"event": event}
    for name, field in app.triggers.fields.items():
        kind = field.type if isinstance(field.type, str) else field.type[0]
        params[name] = (field.model_extra or {}).get("enum", [_SAMPLE.get(kind, "x")])[0]
    return params


def test_every_app_field_map_reads_back_what_it_writes() -> None:
    bad = []
    for app in load_catalog().apps:
        if app.n8n is not None:
            for resource, operation, _ in app.operations():
                ours = _sample(app, resource, operation)
                n8n = app_parameters(app, ours)
                assert n8n is not None
                if app_parameters_back(app, n8n) != ours:
                    bad.append(f"{app.app} {resource}.{operation}")
                explicit = with_defaults(app.n8n.type, app.n8n.type_version, n8n)
                assert explicit == n8n  # our exports always name resource and operation
        if app.triggers is not None and app.triggers.n8n is not None:
            for event in app.triggers.events:
                ours = _trigger_sample(app, event)
                params = trigger_parameters(app, ours)
                assert params is not None
                if trigger_event_back(app, params) != ours:
                    bad.append(f"{app.app} trigger {event}")
    assert bad == [], "app mappings that do not read back (two operations or events alike?)"


# --- against the installed n8n's own node descriptions (N8N_ROOT) ---------------------------


def _n8n_app_dir() -> Path | None:
    env = os.environ.get("N8N_ROOT")
    if env and (Path(env) / "app" / "node_modules" / "n8n-nodes-base").is_dir():
        return Path(env) / "app"
    return None


needs_n8n = pytest.mark.skipif(
    _n8n_app_dir() is None, reason="set N8N_ROOT to an n8n install (tests/n8n_real)"
)


@needs_n8n
def test_every_app_exports_what_n8n_accepts() -> None:
    from tests.n8n_real.describe import Descriptions

    app_dir = _n8n_app_dir()
    assert app_dir is not None
    descs = Descriptions(app_dir)
    catalog = load_catalog()
    problems: list[str] = []
    checked = 0
    for app in catalog.apps:
        nodes = [
            _node(f"op{i}", app.app, name=f"{r}.{o}", parameters=_sample(app, r, o))
            for i, (r, o, _) in enumerate(app.operations())
        ]
        example = {"resource": app.example.resource, "operation": app.example.operation}
        nodes.append(
            _node(
                "example", app.app, name="Example", parameters={**example, **app.example.parameters}
            )
        )
        if app.triggers is not None and app.trigger_subtype is not None:
            nodes += [
                _node(
                    f"ev{i}",
                    app.trigger_subtype,
                    name=f"on {ev}",
                    parameters=_trigger_sample(app, ev),
                )
                for i, ev in enumerate(app.triggers.events)
            ]
            spec = catalog.get(app.trigger_subtype)
            assert spec is not None
            example = dict(spec.example.parameters)  # the required fields as placeholders
            nodes.append(_node("trigger", app.trigger_subtype, name="Trigger", parameters=example))
        doc = to_n8n(_wf(nodes, []))
        for node in doc["nodes"]:
            checked += 1
            for problem in descs.check(node["type"], node["typeVersion"], node["parameters"]):
                problems.append(f"{app.app} {node['name']}: {problem}")
    assert checked >= len(catalog.apps)
    assert problems == []


@needs_n8n
def test_webhook_trigger_list_matches_n8n() -> None:
    from tests.n8n_real.describe import Descriptions

    app_dir = _n8n_app_dir()
    assert app_dir is not None
    descs = Descriptions(app_dir)
    for app in load_catalog().apps:
        if app.triggers is None or app.triggers.n8n is None:
            continue
        desc = descs.node(app.triggers.n8n.type, app.triggers.n8n.type_version)
        assert desc is not None, app.app
        assert bool(desc.get("webhooks")) == (app.triggers.n8n.type in WEBHOOK_TRIGGERS), app.app


def compute_defaults(app_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Each n8n node's default resource and operation (per resource), by typeVersion.

    Only defaults whose visibility depends on nothing but the version (and, for the
    operation, the resource) are kept: a default hidden by another parameter (Discord's
    webhook authentication...) would name the wrong operation.
    """
    from tests.n8n_real.describe import Descriptions, _versions

    d = Descriptions(app_dir)
    out: dict[str, list[dict[str, Any]]] = {}
    for node_type in sorted(d.by_type):
        rows: list[dict[str, Any]] = []
        for desc in d.by_type[node_type]:
            props = desc["properties"]
            if not {"resource", "operation"} & {p["name"] for p in props}:
                continue

            def plain(name: str, params: dict[str, Any], v: float, allowed: set[str]) -> Any:
                full = d.effective(desc, params, v)  # noqa: B023 - used within the loop
                for p in props:  # noqa: B023
                    if p["name"] == name and d._visible(p, full, props, v):  # noqa: B023
                        opts = p.get("displayOptions") or {}
                        keys = set(opts.get("show") or {}) | set(opts.get("hide") or {})
                        return p.get("default") if keys <= allowed else None
                return None

            for v in _versions(desc):
                res = plain("resource", {}, v, {"@version"})
                names = [
                    o["value"]
                    for p in props
                    if p["name"] == "resource"
                    for o in p.get("options", [])
                ] or [None]
                ops: dict[str, str] = {}
                for r in dict.fromkeys(names):
                    params = {"resource": r} if r is not None else {}
                    op = plain("operation", params, v, {"@version", "resource"})
                    if isinstance(op, str):
                        ops[str(r) if r is not None else ""] = op
                row: dict[str, Any] = {
                    "resource": res if isinstance(res, str) else None,
                    "operation": ops,
                }
                if row["resource"] is None and not ops:
                    continue
                for existing in rows:
                    if {k: existing[k] for k in row} == row:
                        existing["versions"].append(v)
                        break
                else:
                    rows.append({"versions": [v], **row})
        if rows:
            for row in rows:
                row["versions"] = sorted(row["versions"])
            out[node_type] = sorted(rows, key=lambda r: r["versions"][0])
    return out


@needs_n8n
def test_n8n_defaults_file_is_current() -> None:
    app_dir = _n8n_app_dir()
    assert app_dir is not None
    fresh = compute_defaults(app_dir)
    path = Path(str(resources.files("flowsmith.n8n").joinpath(DEFAULTS_FILE)))
    if os.environ.get("UPDATE_N8N_DEFAULTS") == "1":
        lines = ",\n".join(
            f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}"
            for k, v in fresh.items()
        )
        path.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == fresh


def test_locator_takes_a_mode_n8n_accepts_for_its_value() -> None:
    from flowsmith.n8n.locators import fit_locators

    discord = "n8n-nodes-base.discord"
    ids = {"__rl": True, "mode": "id"}
    fitted = fit_locators(
        discord,
        2,
        {"guildId": {**ids, "value": "123"}, "channelId": {**ids, "value": "#general"}},
    )
    assert fitted["guildId"]["mode"] == "id"  # the declared mode's pattern takes it
    assert fitted["channelId"]["mode"] == "list"  # a placeholder: "From list"
    expr = {**ids, "value": "={{ $json.channel }}"}
    assert fit_locators(discord, 2, {"channelId": expr})["channelId"] == expr
    site = {**ids, "value": "https://contoso.sharepoint.com/sites/ops"}
    sharepoint = fit_locators("n8n-nodes-base.microsoftSharePoint", 2, {"site": site})
    assert sharepoint["site"]["mode"] == "url"  # an address: the mode whose pattern takes it
