"""What a deploy sends to n8n's public API, and how n8n's nodes map back to ours.

n8n validates the body against its OpenAPI schema and refuses what it does not know or
treats as read-only (``id``, ``active``, ``tags``, ``meta``, ``pinData`` on some versions,
unknown ``settings`` keys, unknown node keys, and ``description`` on 2.41.1 although its
document lists it), so the export of ``to_n8n`` is cut down to ``name``, ``nodes``,
``connections`` and ``settings`` (the keys n8n accepts). No node carries a credential
reference of ours: n8n asks the user to pick one, and ``credentials_needed`` lists, per
node, which type to pick or create. On a redeploy the references the user already picked
*in n8n* are kept (``carry_credentials``): they are n8n's own ids, never a secret, and a
redeploy must not undo the user's set-up.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Workflow
from flowsmith.n8n.convert import to_n8n
from flowsmith.n8n.convert_shared import CREDENTIALS, GENERIC_SUBTYPES

NODE_KEYS = frozenset(
    {
        "id",
        "name",
        "webhookId",
        "disabled",
        "notesInFlow",
        "notes",
        "type",
        "typeVersion",
        "executeOnce",
        "alwaysOutputData",
        "retryOnFail",
        "maxTries",
        "waitBetweenTries",
        "continueOnFail",
        "onError",
        "position",
        "parameters",
    }
)
SETTINGS_KEYS = frozenset(
    {
        "saveExecutionProgress",
        "saveManualExecutions",
        "saveDataErrorExecution",
        "saveDataSuccessExecution",
        "executionTimeout",
        "errorWorkflow",
        "timezone",
        "executionOrder",
        "callerPolicy",
        "callerIds",
        "timeSavedPerExecution",
    }
)
# n8n's node names are unique; a helper node of ours is named after its node with a suffix
HELPER_SEPARATOR = "__"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return load_catalog()


def deploy_body(workflow: Workflow, error_workflow: str | None = None) -> dict[str, Any]:
    """The create/update body for ``workflow``. ``error_workflow``: the n8n id of the
    workflow's error workflow when that one is deployed too (else the setting is left out)."""
    doc = to_n8n(workflow, catalog())
    nodes = [{k: copy.deepcopy(v) for k, v in n.items() if k in NODE_KEYS} for n in doc["nodes"]]
    settings = {k: v for k, v in (doc.get("settings") or {}).items() if k in SETTINGS_KEYS}
    settings.pop("errorWorkflow", None)
    if error_workflow:
        settings["errorWorkflow"] = error_workflow
    body: dict[str, Any] = {
        "name": str(doc.get("name") or workflow.name or "flowsmith workflow")[:128],
        "nodes": nodes,
        "connections": doc.get("connections") or {},
        "settings": settings,
    }
    # no description: n8n 2.41.1 refuses it on create ("request/body Unrecognized key(s) in
    # object: 'description'") although its OpenAPI document lists it
    return body


def carry_credentials(body: dict[str, Any], deployed: dict[str, Any]) -> None:
    """Keep the credentials the user chose in n8n on nodes that are still the same node
    (same id and type) in the new body."""
    chosen = {
        n.get("id"): n
        for n in deployed.get("nodes") or []
        if isinstance(n, dict) and isinstance(n.get("credentials"), dict) and n["credentials"]
    }
    for node in body["nodes"]:
        old = chosen.get(node.get("id"))
        if old is not None and old.get("type") == node.get("type"):
            node["credentials"] = copy.deepcopy(old["credentials"])


def node_map(workflow: Workflow, body: dict[str, Any]) -> dict[str, dict[str, str]]:
    """n8n node name -> our node (id, name); helper nodes (an AI node's model, an
    approval's decision Switch) map to the node they belong to."""
    ours = {n.id: n for n in workflow.nodes}
    mapped: dict[str, dict[str, str]] = {}
    for node in body["nodes"]:
        our = _our_node_id(str(node.get("id") or ""), ours)
        if our is not None:
            mapped[str(node["name"])] = {"id": our, "name": ours[our].name}
    return mapped


def _our_node_id(n8n_id: str, ours: dict[str, Any]) -> str | None:
    if n8n_id in ours:
        return n8n_id
    base = n8n_id.split(HELPER_SEPARATOR, 1)[0]
    return base if base in ours else None


def credentials_needed(workflow: Workflow, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Per node of ours that needs one: the n8n credential types to choose or create, on
    which n8n node, and whether one is already chosen there."""
    cat = catalog()
    by_id = {str(n.get("id")): n for n in body["nodes"]}
    needed: list[dict[str, Any]] = []
    for node in workflow.nodes:
        types: list[str] = []
        if node.subtype in GENERIC_SUBTYPES:
            refs = node.parameters.get("n8n_credentials")
            if isinstance(refs, dict):
                types = [str(t) for t in refs]
        else:
            spec = cat.get(node.subtype)
            if spec is not None:
                types = [CREDENTIALS.get(c, (c, ""))[0] for c in spec.credentials]
        if not types:
            continue
        # the model sub-node of an AI node holds the model's credential in n8n
        target = by_id.get(f"{node.id}{HELPER_SEPARATOR}model") or by_id.get(node.id)
        if target is None:
            continue
        chosen = target.get("credentials") if isinstance(target.get("credentials"), dict) else {}
        needed.append(
            {
                "node_id": node.id,
                "node_name": node.name,
                "n8n_node": str(target.get("name")),
                "credential_types": list(dict.fromkeys(types)),
                "chosen_in_n8n": bool(chosen),
            }
        )
    return needed
