"""The node catalog: one JSON file per node family in this package folder, loaded and checked.

The JSON files are the source of truth (the validator, simulator, LLM prompts, n8n exporter
and web page all read them); this module only parses and checks them.

Invariants guaranteed by :func:`load_catalog` (a bad catalog raises :class:`CatalogError`
naming the file and subtype):

* every entry matches :class:`NodeSpec` (unknown keys are rejected);
* an entry's ``family`` matches the file it lives in (``trigger.json`` -> ``TRIGGER``);
* subtypes are unique across all files;
* ``parameters`` is a valid draft 2020-12 JSON Schema of ``"type": "object"``, and every
  output's ``item_schema`` is a valid JSON Schema;
* ``example.parameters`` validates against ``parameters``;
* TRIGGER, TOOL and MEMORY specs declare no inputs;
* app entries (``apps/<category>.json``, see :mod:`flowsmith.core.catalog.apps`) become specs
  like the rest (an action spec named for the app, a ``<app>_trigger`` spec when it has events)
  and never take a core subtype's name.

Outputs: ``outputs`` lists the named outputs a node's connections may leave from. In addition,
every node whose ``on_error`` is ``"error_output"`` implicitly has an ``"error"`` output
carrying the failed item plus ``{"error": {"message": ...}}``; it is not listed in the data.
TOOL nodes declare ``ai_tool`` and MEMORY nodes ``ai_memory``: these describe what they hand
to the AI agent they are attached to, never main-flow connections.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from flowsmith.core.catalog.apps import App, action_entry, parse_apps, trigger_entry
from flowsmith.core.models import NodeFamily

ERROR_OUTPUT = "error"
"""The implicit output of a node whose ``on_error`` is ``"error_output"``."""

_NO_INPUT_FAMILIES = frozenset({NodeFamily.TRIGGER, NodeFamily.TOOL, NodeFamily.MEMORY})


class CatalogError(ValueError):
    """The catalog data is inconsistent; the message names the file and subtype."""


class OutputSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    item_schema: dict[str, Any] = Field(default_factory=dict)


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    parameters: dict[str, Any]


class N8nMapping(BaseModel):
    """How a subtype maps onto an n8n node; ``parameters`` maps our names to n8n paths."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: str = Field(min_length=1)
    type_version: float = Field(alias="typeVersion")
    parameters: dict[str, str] = Field(default_factory=dict)
    note: str | None = None


class AliasOf(BaseModel):
    """A per-action subtype kept for stored workflows: the app operation it is the same as."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    app: str
    resource: str
    operation: str


class NodeSpec(BaseModel):
    """One catalog entry: what a subtype does, its parameters schema and its ports."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subtype: str = Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
    family: NodeFamily
    display_name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)
    parameters: dict[str, Any]
    inputs: list[str]
    outputs: dict[str, OutputSpec]
    credentials: list[str]
    example: Example
    n8n: N8nMapping | None
    app: str | None = None  # the app entry this spec was built from
    alias_of: AliasOf | None = None  # a per-action subtype: the app operation it equals

    _validator: Draft202012Validator | None = PrivateAttr(default=None)

    @property
    def validator(self) -> Draft202012Validator:
        """A precompiled validator for ``parameters`` (built once per spec)."""
        if self._validator is None:
            self._validator = Draft202012Validator(self.parameters)
        return self._validator

    @property
    def required_parameters(self) -> list[str]:
        """Top-level required parameter names (conditional requirements excluded)."""
        req = self.parameters.get("required", [])
        return [str(r) for r in req]

    def output_names(self, on_error: str = "stop") -> set[str]:
        """Outputs a connection may leave from, including the implicit ``error`` output."""
        names = set(self.outputs)
        if on_error == "error_output":
            names.add(ERROR_OUTPUT)
        return names


class Catalog:
    """All node specs, indexed by subtype. Immutable after construction."""

    def __init__(self, specs: list[NodeSpec], apps: list[App] | None = None) -> None:
        self._specs = list(specs)
        self._by_subtype: dict[str, NodeSpec] = {s.subtype: s for s in self._specs}
        self._apps: dict[str, App] = {a.app: a for a in apps or []}

    def get(self, subtype: str) -> NodeSpec | None:
        return self._by_subtype.get(subtype)

    def app(self, name: str | None) -> App | None:
        """The app entry behind an app node's subtype (or an app trigger's), if any."""
        if name is None:
            return None
        spec = self._by_subtype.get(name)
        return self._apps.get(spec.app) if spec is not None and spec.app else None

    @property
    def apps(self) -> list[App]:
        return list(self._apps.values())

    @property
    def specs(self) -> list[NodeSpec]:
        return list(self._specs)

    @property
    def subtypes(self) -> list[str]:
        return [s.subtype for s in self._specs]

    def by_family(self, family: NodeFamily | str) -> list[NodeSpec]:
        fam = NodeFamily(family)
        return [s for s in self._specs if s.family == fam]

    def __len__(self) -> int:
        return len(self._specs)

    def __iter__(self) -> Iterator[NodeSpec]:
        return iter(self._specs)

    def __contains__(self, subtype: object) -> bool:
        return subtype in self._by_subtype


def _file_name(family: NodeFamily) -> str:
    return f"{family.value.lower()}.json"


def check_meta_schema(spec: NodeSpec, where: str) -> None:
    """The spec's schemas are valid draft 2020-12 JSON Schemas; raises CatalogError."""
    try:
        Draft202012Validator.check_schema(spec.parameters)
        for out in spec.outputs.values():
            Draft202012Validator.check_schema(out.item_schema)
    except SchemaError as exc:
        raise CatalogError(f"{where}: invalid JSON Schema: {exc.message}") from exc


def _check_spec(spec: NodeSpec, where: str, meta: bool = True) -> None:
    """Schema-level checks pydantic cannot express; raises CatalogError.

    ``meta`` is False for specs built from app entries: checking ~300 generated schemas
    against the meta-schema costs seconds at every start, so the test suite does it
    (:func:`check_meta_schema` over the packaged catalog) instead."""
    if meta:
        check_meta_schema(spec, where)
    if spec.parameters.get("type") != "object":
        raise CatalogError(f"{where}: parameters schema must have type 'object'")
    if spec.family in _NO_INPUT_FAMILIES and spec.inputs:
        raise CatalogError(f"{where}: {spec.family.value} nodes must declare no inputs")
    errors = sorted(spec.validator.iter_errors(spec.example.parameters), key=str)
    if errors:
        raise CatalogError(f"{where}: example does not match parameters: {errors[0].message}")


def _parse_entry(raw: Any, file: str, index: int, meta: bool = True) -> NodeSpec:
    name = raw.get("subtype", f"#{index}") if isinstance(raw, Mapping) else f"#{index}"
    where = f"catalog/{file} subtype {name!r}"
    try:
        spec = NodeSpec.model_validate(raw)
    except ValidationError as exc:
        raise CatalogError(f"{where}: {exc}") from exc
    _check_spec(spec, where, meta)
    return spec


def _app_specs(apps: list[App], taken: Mapping[str, str]) -> list[NodeSpec]:
    specs: list[NodeSpec] = []
    for app in apps:
        raws = [action_entry(app)] + ([trigger_entry(app)] if app.triggers else [])
        for raw in raws:
            spec = _parse_entry(raw, f"apps/{app.category}.json", 0, meta=False)
            if spec.subtype in taken:
                raise CatalogError(
                    f"catalog/apps app {app.app!r}: {spec.subtype!r} is a core subtype"
                )
            specs.append(spec)
    return specs


def _check_aliases(specs: list[NodeSpec], apps: list[App]) -> None:
    by_name = {a.app: a for a in apps}
    for spec in specs:
        alias = spec.alias_of
        if alias is None:
            continue
        app = by_name.get(alias.app)
        if app is None:
            raise CatalogError(
                f"catalog subtype {spec.subtype!r}: alias of unknown app {alias.app!r}"
            )
        if app.operation(alias.resource, alias.operation) is None:
            raise CatalogError(
                f"catalog subtype {spec.subtype!r}: {alias.app} has no "
                f"{alias.resource}.{alias.operation}"
            )


def build_catalog(files: Mapping[str, Any], app_files: Mapping[str, Any] | None = None) -> Catalog:
    """Build and check a catalog from ``{file name: parsed JSON array}`` (and app files).

    Separate from :func:`load_catalog` so tests can feed deliberately broken data.
    """
    try:
        apps = parse_apps(app_files or {})
    except ValueError as exc:
        raise CatalogError(str(exc)) from exc
    specs: list[NodeSpec] = []
    seen: dict[str, str] = {}
    for file, entries in files.items():
        if not isinstance(entries, list):
            raise CatalogError(f"catalog/{file}: expected a JSON array")
        for index, raw in enumerate(entries):
            spec = _parse_entry(raw, file, index)
            where = f"catalog/{file} subtype {spec.subtype!r}"
            if _file_name(spec.family) != file:
                raise CatalogError(
                    f"{where}: family {spec.family.value} belongs in {_file_name(spec.family)}"
                )
            if spec.subtype in seen:
                raise CatalogError(f"{where}: duplicate subtype, first in {seen[spec.subtype]}")
            seen[spec.subtype] = file
            specs.append(spec)
    if app_files is not None:  # a core-only catalog (tests) has no apps to alias
        _check_aliases(specs, apps)
    return Catalog(specs + _app_specs(apps, seen), apps)


def _read_files() -> dict[str, Any]:
    folder = resources.files(__name__)
    out: dict[str, Any] = {}
    for family in NodeFamily:
        name = _file_name(family)
        try:
            out[name] = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CatalogError(f"catalog/{name}: cannot read: {exc}") from exc
    return out


def _read_app_files() -> dict[str, Any]:
    folder = resources.files(__name__).joinpath("apps")
    out: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            out[entry.name] = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CatalogError(f"catalog/apps/{entry.name}: cannot read: {exc}") from exc
    return out


@functools.cache
def load_catalog() -> Catalog:
    """The packaged catalog, parsed, checked and with validators precompiled (cached)."""
    catalog = build_catalog(_read_files(), _read_app_files())
    return catalog


__all__ = [
    "ERROR_OUTPUT",
    "AliasOf",
    "App",
    "Catalog",
    "CatalogError",
    "Example",
    "N8nMapping",
    "NodeSpec",
    "OutputSpec",
    "build_catalog",
    "check_meta_schema",
    "load_catalog",
]
