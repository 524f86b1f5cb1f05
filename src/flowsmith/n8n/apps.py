"""App nodes to and from n8n: one declarative field map per catalog app, no code per service.

For an app mapped to an n8n node, :func:`app_parameters` builds that node's parameters from
ours: the node's ``static`` parameters, the resource and operation values (n8n's own, which
are our keys unless the entry overrides them), the resource's and operation's ``static``
parameters, then each field of ours at its ``n8n`` path (a dotted path nests into
collections; a resource-locator field becomes n8n's ``{"__rl": true, "mode", "value"}``).
:func:`app_parameters_back` reads the same map the other way: an n8n node of the app's type
whose resource and operation are one of the app's becomes that operation with our fields
read back from their paths. :func:`trigger_parameters` / :func:`trigger_event_back` do the
same for an app's trigger events.

An app n8n has no node for (``"n8n": null``) exports as an HTTP Request on the service's
own API (:func:`http_parameters`): base URL + the operation's path (``{field}`` placeholders
filled from the fields), its method, the other fields as a JSON body (query parameters for
GET and DELETE), and n8n's generic credential of the app's auth scheme. Such a node cannot be
told apart from any other HTTP Request on import; the round-trip note brings it back. An app
trigger n8n has no trigger for exports as a Webhook node the service is pointed at.

``convert`` is applied to every value we copy (the exporter passes its expression
translator); fields absent on our side stay absent on n8n's.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.catalog.apps import App, Field_, Operation
from flowsmith.n8n.defaults import with_defaults
from flowsmith.n8n.expr import rl_value, to_n8n_string
from flowsmith.n8n.nodes.base import MISSING, Ctx, Params, Translator, json_body, pick, put

Convert = Callable[[Any], Any]

HTTP_TYPE = "n8n-nodes-base.httpRequest"
HTTP_VERSION = 4.2
WEBHOOK_TYPE = "n8n-nodes-base.webhook"
WEBHOOK_VERSION = 2

HTTP_AUTH = {
    "bearer": "httpBearerAuth",
    "header": "httpHeaderAuth",
    "basic": "httpBasicAuth",
    "query": "httpQueryAuth",
    "oauth2": "oAuth2Api",
}
"""An app's ``http.auth`` -> the n8n generic credential type its HTTP Request uses."""

_QUERY_METHODS = frozenset({"GET", "DELETE"})

WEBHOOK_TRIGGERS = frozenset(
    "n8n-nodes-base." + name
    for name in (
        "activeCampaignTrigger",
        "acuitySchedulingTrigger",
        "affinityTrigger",
        "asanaTrigger",
        "autopilotTrigger",
        "awsSnsTrigger",
        "bitbucketTrigger",
        "boxTrigger",
        "calTrigger",
        "calendlyTrigger",
        "chargebeeTrigger",
        "ciscoWebexTrigger",
        "clickUpTrigger",
        "convertKitTrigger",
        "copperTrigger",
        "currentsTrigger",
        "customerIoTrigger",
        "emeliaTrigger",
        "eventbriteTrigger",
        "facebookLeadAdsTrigger",
        "facebookTrigger",
        "figmaTrigger",
        "flowTrigger",
        "formIoTrigger",
        "formTrigger",
        "formstackTrigger",
        "getResponseTrigger",
        "githubTrigger",
        "gitlabTrigger",
        "gumroadTrigger",
        "helpScoutTrigger",
        "hubspotTrigger",
        "invoiceNinjaTrigger",
        "jiraTrigger",
        "jotFormTrigger",
        "keapTrigger",
        "koBoToolboxTrigger",
        "lemlistTrigger",
        "linearTrigger",
        "loneScaleTrigger",
        "mailchimpTrigger",
        "mailerLiteTrigger",
        "mailjetTrigger",
        "mauticTrigger",
        "microsoftTeamsTrigger",
        "netlifyTrigger",
        "onfleetTrigger",
        "payPalTrigger",
        "pipedriveTrigger",
        "postmarkTrigger",
        "pushcutTrigger",
        "sendInBlueTrigger",
        "shopifyTrigger",
        "slackTrigger",
        "stravaTrigger",
        "stripeTrigger",
        "surveyMonkeyTrigger",
        "taigaTrigger",
        "telegramTrigger",
        "theHiveProjectTrigger",
        "theHiveTrigger",
        "trelloTrigger",
        "twilioTrigger",
        "typeformTrigger",
        "venafiTlsProtectCloudTrigger",
        "webflowTrigger",
        "whatsAppTrigger",
        "wiseTrigger",
        "wooCommerceTrigger",
        "workableTrigger",
        "wufooTrigger",
        "zendeskTrigger",
    )
)
"""n8n 2.41.1's trigger nodes that register webhooks (their description has ``webhooks``):
a node of these needs a ``webhookId``. Polling triggers (Gmail, Google Sheets, Airtable…) and
socket ones (IMAP, RabbitMQ…) have none."""


def _ident(value: Any) -> Any:
    return value


def _copy(value: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(value))
    return out


# --- n8n app nodes -------------------------------------------------------------------------


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
    out: dict[str, Any] = json.loads(json.dumps(app.n8n.static))
    if res.n8n_value(resource) is not None:
        out["resource"] = res.n8n_value(resource)
    out.update(json.loads(json.dumps(res.n8n.static)) if res.n8n else {})
    if op.n8n_value(operation) is not None:
        out["operation"] = op.n8n_value(operation)
    out.update(json.loads(json.dumps(op.n8n.static)) if op.n8n else {})
    write_fields(op.fields, params, convert, out)
    return out


def write_fields(
    fields: Mapping[str, Field_], params: dict[str, Any], convert: Convert, out: dict[str, Any]
) -> None:
    """Each field of ours present in ``params`` at its n8n path in ``out``."""
    for name, field in fields.items():
        if name not in params:
            continue
        target = field.n8n_field(name)
        value = convert(params[name])
        if target.rl:
            value = {"__rl": True, "mode": target.rl, "value": value}
        put(out, target.path, value)


def read_fields(
    fields: Mapping[str, Field_], params: dict[str, Any], convert: Convert, ours: dict[str, Any]
) -> None:
    """The reverse of :func:`write_fields`: each field found at its n8n path, into ``ours``."""
    for name, field in fields.items():
        target = field.n8n_field(name)
        value = pick(params, target.path)
        if value is MISSING:
            continue
        if target.rl:
            value = rl_value(value)
        ours[name] = convert(value)


def _covers(static: Any, actual: Any) -> bool:
    """Whether ``actual`` has every value of ``static`` (dicts: key by key, at any depth; an
    empty list is a placeholder n8n fills in, e.g. a column schema, and matches any list)."""
    if static == [] and isinstance(actual, list):
        return True
    if isinstance(static, dict):
        return isinstance(actual, dict) and all(
            _covers(v, actual.get(k, MISSING)) for k, v in static.items()
        )
    return bool(static == actual)


def _without(static: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """``static`` less every value a field writes over (at its path or inside it)."""
    out: dict[str, Any] = json.loads(json.dumps(static))
    for path in paths:
        *parents, leaf = path.split(".")
        cur: Any = out
        for key in parents:
            cur = cur.get(key) if isinstance(cur, dict) else None
        if isinstance(cur, dict):
            cur.pop(leaf, None)
    return out


def _statics_hold(static: dict[str, Any], params: dict[str, Any], paths: list[str]) -> bool:
    """Whether n8n parameters have the static values the export writes, bar field values."""
    return _covers(_without(static, paths), params)


def _candidates(app: App, params: dict[str, Any]) -> list[tuple[str, str, Operation, int]]:
    """The operations an n8n node's resource/operation values name, with how well the
    ``static`` parameters agree (2: the app's, resource's and operation's; 1: the latter two)."""
    found: list[tuple[str, str, Operation, int]] = []
    for rkey, res in app.resources.items():
        rvalue = res.n8n_value(rkey)
        if rvalue is None:
            if "resource" in params:
                continue
        elif params.get("resource") != rvalue:
            continue
        for okey, op in res.operations.items():
            ovalue = op.n8n_value(okey)
            if ovalue is None:
                if "operation" in params:
                    continue
            elif params.get("operation") != ovalue:
                continue
            own = {**(res.n8n.static if res.n8n else {}), **(op.n8n.static if op.n8n else {})}
            paths = [f.n8n_field(name).path for name, f in op.fields.items()]
            if not _statics_hold(own, params, paths):
                continue
            app_static = app.n8n.static if app.n8n is not None else {}
            score = 2 if _statics_hold(app_static, params, paths) else 1
            found.append((rkey, okey, op, score))
    return found


def app_parameters_back(
    app: App, params: dict[str, Any], convert: Convert = _ident
) -> dict[str, Any] | None:
    """Our app node parameters for an n8n node of the app's type, or None when its resource
    and operation are none of the app's. n8n leaves default values out: the importer fills
    in the node's default resource and operation first (:mod:`flowsmith.n8n.defaults`)."""
    found = _candidates(app, params)
    if not found:
        return None
    rkey, okey, op, _ = max(found, key=lambda x: x[3])
    ours: dict[str, Any] = {"resource": rkey, "operation": okey}
    read_fields(op.fields, params, convert, ours)
    return ours


# --- app triggers --------------------------------------------------------------------------


def trigger_parameters(
    app: App, params: dict[str, Any], convert: Convert = _ident
) -> dict[str, Any] | None:
    """n8n parameters for an app trigger node (the event's, then the trigger's fields such
    as the repository it watches), or None for an unknown event."""
    if app.triggers is None or app.triggers.n8n is None:
        return None
    event = app.triggers.events.get(str(params.get("event")))
    if event is None:
        return None
    out = _copy({**app.triggers.n8n.static, **event.n8n})
    write_fields(app.triggers.fields, params, convert, out)
    return out


def trigger_event_back(
    app: App, params: dict[str, Any], convert: Convert = _ident
) -> dict[str, Any] | None:
    """``{"event": …}`` (and the trigger's fields) for an n8n trigger node whose parameters
    are one event's, or None."""
    if app.triggers is None or app.triggers.n8n is None:
        return None
    matches = [
        (len(ev.n8n), key)
        for key, ev in app.triggers.events.items()
        if _statics_hold(ev.n8n, params, [])
    ]
    if not matches:
        return None
    best = max(m[0] for m in matches)
    ours: dict[str, Any] = {"event": next(key for size, key in matches if size == best)}
    read_fields(app.triggers.fields, params, convert, ours)
    return ours


def webhook_parameters(app: App, params: dict[str, Any], webhook_id: str) -> dict[str, Any]:
    """A Webhook node the service is pointed at (for apps n8n has no trigger node for)."""
    event = str(params.get("event", "event"))
    return {
        "httpMethod": "POST",
        "path": webhook_id or f"{app.app}-{event}".replace("_", "-"),
        "options": {},
    }


# --- apps n8n has no node for: an HTTP Request on their API --------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _text(value: Any) -> str:
    return (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    )


def http_parameters(app: App, params: dict[str, Any], c: Ctx) -> dict[str, Any] | None:
    """An HTTP Request calling the app's API for one operation, or None if there is none."""
    resource, operation = params.get("resource"), params.get("operation")
    if not isinstance(resource, str) or not isinstance(operation, str) or app.http is None:
        return None
    op = app.operation(resource, operation)
    if op is None or op.http is None:
        return None
    used: set[str] = set()

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in params:
            return m.group(0)
        used.add(name)
        return _text(params[name])

    url = _PLACEHOLDER.sub(fill, app.http.base_url.rstrip("/") + op.http.path)
    rest = {k: params[k] for k in op.fields if k in params and k not in used}
    out: Params = {"method": op.http.method, "url": c.out(url)}
    out["authentication"] = "genericCredentialType"
    out["genericAuthType"] = HTTP_AUTH[app.http.auth]
    if rest and op.http.method in _QUERY_METHODS:
        out["sendQuery"] = True
        out["queryParameters"] = {
            "parameters": [{"name": k, "value": c.out(_text(v))} for k, v in rest.items()]
        }
    elif rest or op.http.body:
        body = _copy(op.http.body)
        for name, value in rest.items():
            field = op.fields[name]
            put(body, field.n8n_field(name).path if field.n8n else name, value)
        out["sendBody"] = True
        out["specifyBody"] = "json"
        # keys sorted: the text must not depend on the order a round trip gives the dicts
        out["jsonBody"] = to_n8n_string(json_body(body, sort_keys=True), c.names)
    out["options"] = {}
    return out


# --- translators ---------------------------------------------------------------------------


def _versions(version: float) -> tuple[float, float]:
    """The n8n typeVersions an import reads with an app's map: the same major version."""
    major = math.floor(version)
    return major, major + 0.999


def _action(app: App) -> Translator:
    n8n = app.n8n
    if n8n is None:

        def http_fwd(p: Params, c: Ctx) -> Params:
            return http_parameters(app, p, c) or {"options": {}}

        return Translator(app.app, http_fwd)

    def fwd(p: Params, c: Ctx) -> Params:
        found = app_parameters(app, p, c.out_deep)
        return found if found is not None else _copy(n8n.static)

    def rev(p: Params, c: Ctx) -> Params | None:
        return app_parameters_back(app, with_defaults(n8n.type, c.type_version, p), c.back_deep)

    low, high = _versions(n8n.type_version)
    return Translator(app.app, fwd, rev, min_version=low, max_version=high)


def _trigger(app: App) -> Translator:
    assert app.triggers is not None and app.trigger_subtype is not None
    n8n = app.triggers.n8n
    if n8n is None:

        def hook_fwd(p: Params, c: Ctx) -> Params:
            return webhook_parameters(app, p, c.webhook_id)

        return Translator(app.trigger_subtype, hook_fwd, webhook=True)

    def fwd(p: Params, c: Ctx) -> Params:
        found = trigger_parameters(app, p, c.out_deep)
        return found if found is not None else _copy(n8n.static)

    def rev(p: Params, c: Ctx) -> Params | None:
        return trigger_event_back(app, p, c.back_deep)

    low, high = _versions(n8n.type_version)
    return Translator(
        app.trigger_subtype,
        fwd,
        rev,
        min_version=low,
        max_version=high,
        webhook=n8n.type in WEBHOOK_TRIGGERS,
    )


@functools.lru_cache(maxsize=64)
def _app_table(catalog: Catalog) -> dict[str, Translator]:
    table: dict[str, Translator] = {}
    for app in catalog.apps:
        table[app.app] = _action(app)
        if app.triggers is not None and app.trigger_subtype is not None:
            table[app.trigger_subtype] = _trigger(app)
    return table


def app_translator(catalog: Catalog, subtype: str) -> Translator | None:
    """The translator of an app node's (or app trigger's) subtype; None for other subtypes."""
    return _app_table(catalog).get(subtype)
