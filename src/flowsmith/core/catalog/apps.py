"""App entries: a service (Jira, Salesforce, 钉钉 …) described once, as data.

An app lives in one JSON object in ``catalog/apps/<category>.json``. From it the catalog builds
node specs like any other entry, so the validator, simulator, prompts, planner, exporter and
page read services the same way they read core nodes:

* an action spec, ``subtype`` = the app's id, family EXTERNAL_ACTION; a node of it has
  ``parameters.resource`` and ``parameters.operation`` plus that operation's fields;
* a trigger spec, ``subtype`` = ``<app>_trigger``, family TRIGGER, when the app offers events;
  a node of it has ``parameters.event``.

Invariants (checked by :func:`parse_apps`, a bad entry raises ``CatalogError`` naming file
and app):

* ids are unique and never collide with a core subtype; every name is lower-case;
* every operation's ``required`` fields are among its ``fields``; every field is a JSON Schema
  fragment plus an optional ``n8n`` mapping (a dotted parameter path, or an object with
  ``path`` and a resource-locator ``rl`` mode);
* an app maps either to an n8n node (``n8n``) or, when n8n has none, to an HTTP Request on the
  service's real API (``http``: base URL and auth scheme, and a method and path per operation);
* the example names an existing resource and operation and satisfies its required fields;
* an event that fires on any change may list ``kinds``: each kind's names and the payload
  fields (``match``: dotted path -> value) that tell that change from the others.

Resource and operation keys are n8n's own values for that node unless the resource or
operation says otherwise in its ``n8n`` object (``{"value": …}``; ``"value": null`` = the n8n
node has no such parameter).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

_KEY = r"^[a-zA-Z][a-zA-Z0-9_]*$"
_ID = r"^[a-z][a-z0-9_]*$"


class Names(BaseModel):
    """What users call a thing, in English and Chinese (lower-case; matched as words)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.en, *self.zh]


class N8nNode(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: str = Field(min_length=1)
    type_version: float = Field(alias="typeVersion")
    static: dict[str, Any] = Field(default_factory=dict)  # n8n parameters set on every node


class N8nValue(BaseModel):
    """The n8n value of a resource or operation when it differs from our key (None: absent)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str | None
    static: dict[str, Any] = Field(default_factory=dict)


class N8nField(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(min_length=1)
    rl: str | None = None  # resource-locator mode (n8n's ``__rl`` value object)


class Field_(BaseModel):
    """One operation field: a JSON Schema fragment plus where it goes in the n8n node."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str | list[str]
    description: str = Field(min_length=1)
    n8n: str | N8nField | None = None

    def schema_fragment(self) -> dict[str, Any]:
        return self.model_dump(exclude={"n8n"}, exclude_none=True)

    def n8n_field(self, name: str) -> N8nField:
        if isinstance(self.n8n, N8nField):
            return self.n8n
        return N8nField(path=self.n8n or name)


class HttpCall(BaseModel):
    """One API call: ``path`` may hold ``{field}`` placeholders; the other fields go in the
    query (GET, DELETE) or the JSON body, each at its ``n8n`` path there when it has one
    (``text.content``), over the fixed ``body`` values (``{"msgtype": "text"}``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
    path: str = Field(pattern=r"^/")
    body: dict[str, Any] = Field(default_factory=dict)


class Operation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    names: Names = Field(default_factory=Names)
    fields: dict[str, Field_] = Field(default_factory=dict)
    required: list[str] = Field(default_factory=list)
    n8n: N8nValue | None = None
    http: HttpCall | None = None

    def n8n_value(self, key: str) -> str | None:
        return key if self.n8n is None else self.n8n.value


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    names: Names = Field(default_factory=Names)
    operations: dict[str, Operation] = Field(min_length=1)
    n8n: N8nValue | None = None

    def n8n_value(self, key: str) -> str | None:
        return key if self.n8n is None else self.n8n.value


class EventKind(BaseModel):
    """One kind of change an event that fires on any change reports in its payload (a Trello
    board's ``changed`` with ``action.type`` = ``createCard``): ``match`` maps a dotted path
    in the trigger's output item to the value it has for this kind (all must hold), so a
    workflow that wants only this kind filters on it right after the trigger."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    names: Names = Field(default_factory=Names)
    match: dict[str, str | int | bool] = Field(min_length=1)


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    names: Names = Field(default_factory=Names)
    n8n: dict[str, Any] = Field(default_factory=dict)  # the trigger node's parameters
    kinds: dict[str, EventKind] = Field(default_factory=dict)  # the changes its payload tells
    # the dotted path, in the event's item, of the id of the person the event is from or about
    # (Slack's team_join: ``user.id``): whom "DM them" reaches on the app itself
    person: str | None = Field(default=None, pattern=r"^[A-Za-z_][\w.\[\]]*$")


class Triggers(BaseModel):
    """The events an app starts workflows on; ``fields`` are what every event needs besides
    the event itself (a repository, a board), mapped like operation fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    n8n: N8nNode | None = None  # None: exported as a Webhook the service calls
    events: dict[str, Event] = Field(min_length=1)
    fields: dict[str, Field_] = Field(default_factory=dict)
    required: list[str] = Field(default_factory=list)


class HttpApi(BaseModel):
    """The service's own API, for apps n8n has no node for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = Field(pattern=r"^https://")
    auth: Literal["bearer", "header", "basic", "query", "oauth2"]
    auth_header: str | None = None  # for ``header``: the header's name
    docs: str | None = None


class AppExample(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    resource: str
    operation: str
    parameters: dict[str, Any] = Field(default_factory=dict)


Category = Literal[
    "crm",
    "support",
    "work",
    "code",
    "files",
    "office",
    "commerce",
    "marketing",
    "forms",
    "messaging",
    "data",
    "ai",
    "finance",
    "hr",
    "devops",
    "other",
]


class App(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app: str = Field(min_length=2, max_length=48, pattern=_ID)
    display_name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    category: Category
    names: Names
    credential: str | None
    n8n: N8nNode | None
    http: HttpApi | None = None
    resources: dict[str, Resource] = Field(min_length=1)
    triggers: Triggers | None = None
    example: AppExample

    @model_validator(mode="after")
    def _consistent(self) -> App:
        if (self.n8n is None) == (self.http is None):
            raise ValueError("an app maps to exactly one of an n8n node (n8n) or its API (http)")
        for word in [*self.names.all(), *self._inner_names()]:
            if word != word.lower() or not word.strip():
                raise ValueError(f"names are lower-case and non-empty: {word!r}")
        for rkey, res in self.resources.items():
            if not re.match(_KEY, rkey):
                raise ValueError(f"bad resource key {rkey!r}")
            for okey, op in res.operations.items():
                if not re.match(_KEY, okey):
                    raise ValueError(f"bad operation key {rkey}.{okey}")
                missing = [r for r in op.required if r not in op.fields]
                if missing:
                    raise ValueError(f"{rkey}.{okey}: required fields not in fields: {missing}")
                if self.http is not None and op.http is None:
                    raise ValueError(f"{rkey}.{okey}: an http app needs a method and path")
                reserved = {"resource", "operation"} & set(op.fields)
                if reserved:
                    raise ValueError(f"{rkey}.{okey}: reserved field names {sorted(reserved)}")
        if self.triggers is not None:
            missing = [r for r in self.triggers.required if r not in self.triggers.fields]
            if missing or "event" in self.triggers.fields:
                raise ValueError(f"trigger fields: bad required {missing} or a field 'event'")
        ex = self.example
        op_ = self.operation(ex.resource, ex.operation)
        if op_ is None:
            raise ValueError(f"example names unknown {ex.resource}.{ex.operation}")
        lacking = [r for r in op_.required if r not in ex.parameters]
        if lacking:
            raise ValueError(f"example lacks required fields {lacking}")
        return self

    def _inner_names(self) -> list[str]:
        out: list[str] = []
        for res in self.resources.values():
            out += res.names.all()
            for op in res.operations.values():
                out += op.names.all()
        if self.triggers:
            for ev in self.triggers.events.values():
                out += ev.names.all()
                for kind in ev.kinds.values():
                    out += kind.names.all()
        return out

    def operation(self, resource: str, operation: str) -> Operation | None:
        res = self.resources.get(resource)
        return None if res is None else res.operations.get(operation)

    def operations(self) -> list[tuple[str, str, Operation]]:
        return [(r, o, op) for r, res in self.resources.items() for o, op in res.operations.items()]

    @property
    def trigger_subtype(self) -> str | None:
        return f"{self.app}_trigger" if self.triggers else None


def _field_union(app: App) -> dict[str, Any]:
    """Every field of every operation; a name whose schema differs between operations is
    left unconstrained here and checked by its operation's case."""
    props: dict[str, Any] = {}
    for _, _, op in app.operations():
        for name, field in op.fields.items():
            fragment = field.schema_fragment()
            if name not in props:
                props[name] = fragment
            elif props[name] != fragment:
                props[name] = {"description": fragment["description"]}
    return props


def _case(resource: str, operation: str, op: Operation) -> dict[str, Any]:
    when = {
        "properties": {"resource": {"const": resource}, "operation": {"const": operation}},
        "required": ["resource", "operation"],
    }
    fields = {name: field.schema_fragment() for name, field in op.fields.items()}
    return {"if": when, "then": {"required": list(op.required), "properties": fields}}


def _ops_of(resource: str, res: Resource) -> dict[str, Any]:
    when = {"properties": {"resource": {"const": resource}}, "required": ["resource"]}
    return {"if": when, "then": {"properties": {"operation": {"enum": list(res.operations)}}}}


def action_parameters(app: App) -> dict[str, Any]:
    """The app node's parameter schema: resource, operation, and each operation's fields."""
    cases = [_ops_of(r, res) for r, res in app.resources.items()]
    cases += [_case(r, o, op) for r, o, op in app.operations()]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "resource": {"enum": list(app.resources), "description": "What the step acts on."},
            "operation": {"type": "string", "description": "What it does to the resource."},
            **_field_union(app),
        },
        "required": ["resource", "operation"],
        "allOf": cases,
        "additionalProperties": False,
    }


def trigger_parameters(app: App) -> dict[str, Any]:
    assert app.triggers is not None
    fields = {name: f.schema_fragment() for name, f in app.triggers.fields.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "event": {
                "enum": list(app.triggers.events),
                "description": "The event in the service that starts the workflow.",
            },
            **fields,
        },
        "required": ["event", *app.triggers.required],
        "additionalProperties": False,
    }


def _keywords(app: App, *extra: Names) -> list[str]:
    words = [*app.names.all()]
    for names in extra:
        words += names.all()
    return list(dict.fromkeys(words)) or [app.app]


def _resource_words(app: App) -> str:
    words = [w for res in app.resources.values() for w in res.names.all()]
    return f" ({', '.join(dict.fromkeys(words))})" if words else ""


def _op_summary(app: App) -> str:
    parts = [f"{r}: {', '.join(res.operations)}" for r, res in app.resources.items()]
    return "; ".join(parts)


def action_entry(app: App) -> dict[str, Any]:
    """The raw catalog entry (as in the family JSON files) for the app's action node."""
    mapping: dict[str, Any] | None
    if app.n8n is not None:
        mapping = {"type": app.n8n.type, "typeVersion": app.n8n.type_version}
    else:
        mapping = {
            "type": "n8n-nodes-base.httpRequest",
            "typeVersion": 4.2,
            "note": f"n8n has no {app.display_name} node: an HTTP Request to its API",
        }
    return {
        "subtype": app.app,
        "family": "EXTERNAL_ACTION",
        "display_name": app.display_name,
        "description": f"{app.description} Operations: {_op_summary(app)}." + _resource_words(app),
        # the app's own names only: resource words ("issue", "ticket") are shared by dozens
        # of apps and stay in the description, so a search ranks the app a user names first
        "keywords": _keywords(app),
        "parameters": action_parameters(app),
        "inputs": ["main"],
        "outputs": {
            "main": {
                "description": f"What {app.display_name} returned.",
                "item_schema": {"type": "object", "additionalProperties": True},
            }
        },
        "credentials": [app.credential] if app.credential else [],
        "example": {
            "name": app.example.name,
            "parameters": {
                "resource": app.example.resource,
                "operation": app.example.operation,
                **app.example.parameters,
            },
        },
        "n8n": mapping,
        "app": app.app,
    }


def _kinds_said(trig: Triggers) -> str:
    """How an event that fires on any change tells its kinds apart, for the output's
    description (a workflow wanting one kind filters on these fields)."""
    said = [
        f"{key}: " + " and ".join(f"{path} = {value}" for path, value in kind.match.items())
        for ev in trig.events.values()
        for key, kind in ev.kinds.items()
    ]
    return f" The kind of change: {'; '.join(said)}." if said else ""


def trigger_entry(app: App) -> dict[str, Any]:
    assert app.triggers is not None and app.trigger_subtype is not None
    trig = app.triggers
    mapping: dict[str, Any]
    if trig.n8n is not None:
        mapping = {"type": trig.n8n.type, "typeVersion": trig.n8n.type_version}
    else:
        mapping = {
            "type": "n8n-nodes-base.webhook",
            "typeVersion": 2,
            "note": f"n8n has no {app.display_name} trigger: a Webhook the service calls",
        }
    first = next(iter(trig.events))
    return {
        "subtype": app.trigger_subtype,
        "family": "TRIGGER",
        "display_name": f"{app.display_name} trigger",
        "description": f"Starts when something happens in {app.display_name}: "
        + ", ".join(trig.events)
        + ".",
        "keywords": _keywords(app, *[ev.names for ev in trig.events.values()]),
        "parameters": trigger_parameters(app),
        "inputs": [],
        "outputs": {
            "main": {
                "description": f"The {app.display_name} event." + _kinds_said(trig),
                "item_schema": {"type": "object", "additionalProperties": True},
            }
        },
        "credentials": [app.credential] if app.credential else [],
        "example": {
            "name": f"On {first.replace('_', ' ')}",
            "parameters": {"event": first, **_placeholders(trig.fields, trig.required)},
        },
        "n8n": mapping,
        "app": app.app,
    }


def _placeholders(fields: Mapping[str, Field_], required: list[str]) -> dict[str, Any]:
    """Example values for required trigger fields: their default, else an upper-case stub."""
    out: dict[str, Any] = {}
    for name in required:
        extra = fields[name].model_extra or {}
        out[name] = extra.get("default", extra.get("examples", [f"YOUR_{name.upper()}"])[0])
    return out


def parse_apps(files: Mapping[str, Any]) -> list[App]:
    """Parse ``{file name: JSON array}`` of app entries; raises ValueError naming the app."""
    apps: list[App] = []
    seen: dict[str, str] = {}
    for file, entries in files.items():
        if not isinstance(entries, list):
            raise ValueError(f"catalog/apps/{file}: expected a JSON array")
        for index, raw in enumerate(entries):
            name = raw.get("app", f"#{index}") if isinstance(raw, Mapping) else f"#{index}"
            try:
                app = App.model_validate(raw)
            except ValidationError as exc:
                raise ValueError(f"catalog/apps/{file} app {name!r}: {exc}") from exc
            if app.app in seen:
                raise ValueError(f"catalog/apps/{file} app {name!r}: duplicate of {seen[name]}")
            seen[app.app] = file
            apps.append(app)
    return apps
