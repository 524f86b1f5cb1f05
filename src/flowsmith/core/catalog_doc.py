"""``docs/catalog.md``, rendered from the catalog (the test suite checks it is current)."""

from __future__ import annotations

import json
from typing import Any

from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.models import NodeFamily

HEADER = """# The node catalog

Generated from `src/flowsmith/core/catalog/*.json` by `flowsmith catalog --format md`;
do not edit by hand (`make catalog-doc` rewrites it, and a test fails when it is stale).

"""


def render_markdown(catalog: Catalog | None = None) -> str:
    catalog = catalog or load_catalog()
    parts = [HEADER, _summary(catalog)]
    for family in NodeFamily:
        specs = sorted(catalog.by_family(family), key=lambda s: s.subtype)
        if specs:
            parts.append(f"## {family.value}\n\n")
            parts.extend(_spec(spec) for spec in specs)
    return "".join(parts)


def _summary(catalog: Catalog) -> str:
    rows = [f"| {family.value} | {len(catalog.by_family(family))} |" for family in NodeFamily]
    total = sum(len(catalog.by_family(f)) for f in NodeFamily)
    return "| family | subtypes |\n|---|---|\n" + "\n".join(rows) + f"\n| all | {total} |\n\n"


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
