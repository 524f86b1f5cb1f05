"""n8n's default ``resource`` and ``operation`` of its nodes (n8n 2.41.1, ``n8n_defaults.json``).

n8n leaves a parameter out of a workflow when it holds the node's default, so a Jira node that
creates an issue has no ``resource`` / ``operation`` at all. An import needs them to tell
which app operation an n8n node is: :func:`with_defaults` puts them back.

The data is n8n's own node descriptions read by ``tests/n8n/test_n8n_apps.py``
(``N8N_ROOT`` set; ``UPDATE_N8N_DEFAULTS=1`` rewrites the file): per node type, rows of
``{"versions", "resource", "operation": {resource: default operation}}`` (``""`` keys a node
without resources).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

FILE = "n8n_defaults.json"


@functools.cache
def _table() -> dict[str, list[dict[str, Any]]]:
    text = resources.files("flowsmith.n8n").joinpath(FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def defaults(n8n_type: str, version: float) -> dict[str, Any] | None:
    """``{"resource", "operation": {resource: operation}}`` of one node version, if known."""
    for row in _table().get(n8n_type, []):
        if float(version) in row.get("versions", []):
            return row
    return None


def with_defaults(n8n_type: str, version: float, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with the ``resource`` and ``operation`` n8n left out (as their defaults)."""
    row = defaults(n8n_type, version)
    if row is None:
        return params
    out = dict(params)
    if "resource" not in out and isinstance(row.get("resource"), str):
        out["resource"] = row["resource"]
    if "operation" not in out:
        key = out.get("resource") if isinstance(out.get("resource"), str) else ""
        op = row.get("operation", {}).get(key)
        if isinstance(op, str):
            out["operation"] = op
    return out
