"""``docs/catalog.md``, rendered from the catalog (the test suite checks it is current)."""

from __future__ import annotations

import json
from typing import Any

from flowsmith.core.catalog import App, Catalog, NodeSpec, load_catalog
from flowsmith.core.models import NodeFamily

HEADER = """# The node catalog

Generated from `src/flowsmith/core/catalog/*.json` and `catalog/apps/*.json` by
`flowsmith catalog --format md`; do not edit by hand (`make catalog-doc` rewrites it, and a
test fails when it is stale).

"""


def render_markdown(catalog: Catalog | None = None) -> str:
    catalog = catalog or load_catalog()
    parts = [HEADER, _summary(catalog), _services(catalog)]
    for family in NodeFamily:
        specs = sorted(
            (s for s in catalog.by_family(family) if s.app is None), key=lambda s: s.subtype
        )
        if specs:
            parts.append(f"## {family.value}\n\n")
            parts.extend(_spec(spec) for spec in specs)
    return "".join(parts)


def _summary(catalog: Catalog) -> str:
    rows = [f"| {family.value} | {len(catalog.by_family(family))} |" for family in NodeFamily]
    total = sum(len(catalog.by_family(f)) for f in NodeFamily)
    apps = catalog.apps
    ops = sum(len(a.operations()) for a in apps)
    return (
        "| family | subtypes |\n|---|---|\n"
        + "\n".join(rows)
        + f"\n| all | {total} |\n\n"
        + f"Services: {len(apps)} apps, {ops} operations, "
        + f"{sum(1 for a in apps if a.triggers)} with trigger events.\n\n"
    )


def _services(catalog: Catalog) -> str:
    """One section per category: each app's names, n8n node, resources, operations, events."""
    parts = ["## Services\n\n"]
    apps = sorted(catalog.apps, key=lambda a: (a.category, a.app))
    for category in dict.fromkeys(a.category for a in apps):
        parts.append(
            f"### {category}\n\n| app | names | n8n | resources: operations | "
            "trigger events |\n|---|---|---|---|---|\n"
        )
        for app in (a for a in apps if a.category == category):
            parts.append(_app_row(app))
        parts.append("\n")
    return "".join(parts)


def _app_row(app: App) -> str:
    names = ", ".join(dict.fromkeys([app.display_name.lower(), *app.names.all()]))
    if app.n8n is not None:
        n8n = f"`{app.n8n.type.split('.')[-1]}` v{app.n8n.type_version}"
    else:
        assert app.http is not None
        n8n = f"HTTP `{app.http.base_url}` ({app.http.auth})"
    ops = "; ".join(f"{r}: {', '.join(res.operations)}" for r, res in app.resources.items())
    events = ", ".join(app.triggers.events) if app.triggers else ""
    return (
        f"| `{app.app}` {_cell(app.display_name)} | {_cell(names)} | {n8n} | {_cell(ops)} | "
        f"{_cell(events)} |\n"
    )


def _spec(spec: NodeSpec) -> str:
    schema: dict[str, Any] = spec.parameters
    required = set(schema.get("required", []))
    lines = [f"### `{spec.subtype}` — {spec.display_name}\n\n{spec.description}\n\n"]
    props: dict[str, Any] = schema.get("properties", {})
    if props:
        lines.append(
            "| parameter | type | required | default | description |\n|---|---|---|---|---|\n"
        )
        for name, prop in props.items():
            lines.append(
                f"| `{name}` | {_type(prop)} | {'yes' if name in required else ''} | "
                f"{_cell(prop.get('default', ''))} | {_cell(prop.get('description', ''))} |\n"
            )
        lines.append("\n")
    outputs = ", ".join(f"`{name}`" for name in spec.outputs) or "none"
    credentials = ", ".join(spec.credentials) or "none"
    n8n = f"`{spec.n8n.type}` v{spec.n8n.type_version}" if spec.n8n else "no equivalent"
    lines.append(f"Outputs: {outputs}. Credentials: {credentials}. n8n: {n8n}.\n\n")
    return "".join(lines)


def _type(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type", "any")
    return " \\| ".join(kind) if isinstance(kind, list) else str(kind)


def _cell(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text.replace("|", "\\|").replace("\n", " ")


def render_json(catalog: Catalog | None = None) -> str:
    catalog = catalog or load_catalog()
    return json.dumps(
        [spec.model_dump(mode="json") for spec in catalog.specs], ensure_ascii=False, indent=2
    )
