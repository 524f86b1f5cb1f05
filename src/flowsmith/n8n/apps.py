"""App nodes to n8n parameters: one declarative field map per catalog app, no code per service.

For an app mapped to an n8n node, :func:`app_parameters` builds that node's parameters from
ours: the node's ``static`` parameters, the resource and operation values (n8n's own, which
are our keys unless the entry overrides them), the resource's and operation's ``static``
parameters, then each field of ours at its ``n8n`` path (a dotted path nests into
collections; a resource-locator field becomes n8n's ``{"__rl": true, "mode", "value"}``).
:func:`trigger_parameters` does the same for an app's trigger event.

``convert`` is applied to every value we copy (the exporter passes its expression
translator); fields absent on our side stay absent on n8n's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flowsmith.core.catalog.apps import App

Convert = Callable[[Any], Any]


def _ident(value: Any) -> Any:
    return value


def _put(out: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    cur = out
    for key in parents:
        nxt = cur.get(key)
        if not isinstance(nxt, dict):
            nxt = cur[key] = {}
        cur = nxt
    cur[leaf] = value


def app_parameters(
    app: App, params: dict[str, Any], convert: Convert = _ident
) -> dict[str, Any] | None:
    """n8n parameters for an app node, or None when resource/operation name no operation."""
    resource, operation = params.get("resource"), params.get("operation")
    if not isinstance(resource, str) or not isinstance(operation, str):
        return None
    op = app.operation(resource, operation)
    if op is None or app.n8n is None:
        return None
    res = app.resources[resource]
    out: dict[str, Any] = dict(app.n8n.static)
    if res.n8n_value(resource) is not None:
        out["resource"] = res.n8n_value(resource)
    out.update(res.n8n.static if res.n8n else {})
    if op.n8n_value(operation) is not None:
        out["operation"] = op.n8n_value(operation)
    out.update(op.n8n.static if op.n8n else {})
    for name, field in op.fields.items():
        if name not in params:
            continue
        target = field.n8n_field(name)
        value = convert(params[name])
        if target.rl:
            value = {"__rl": True, "mode": target.rl, "value": value}
        _put(out, target.path, value)
    return out


def trigger_parameters(app: App, params: dict[str, Any]) -> dict[str, Any] | None:
    """n8n parameters for an app trigger node, or None for an unknown event."""
    if app.triggers is None or app.triggers.n8n is None:
        return None
    event = app.triggers.events.get(str(params.get("event")))
    if event is None:
        return None
    return {**app.triggers.n8n.static, **event.n8n}
