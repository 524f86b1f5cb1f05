"""docs/catalog.md is generated from the catalog and must be current."""

from __future__ import annotations

from pathlib import Path

from flowsmith.core.catalog import load_catalog
from flowsmith.core.catalog_doc import render_json, render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "catalog.md"


def test_docs_catalog_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "docs/catalog.md is stale: run `make catalog-doc`"
    )


def test_every_subtype_is_documented() -> None:
    text = render_markdown()
    for spec in load_catalog().specs:
        if spec.app is not None:  # apps are rows of the services tables
            assert f"| `{spec.app}` " in text
        else:
            assert f"### `{spec.subtype}`" in text
    assert len(__import__("json").loads(render_json())) == len(load_catalog().specs)


def test_every_app_operation_and_event_is_listed() -> None:
    text = render_markdown()
    for app in load_catalog().apps:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{app.app}` "))
        for resource, res in app.resources.items():
            assert f"{resource}: {', '.join(res.operations)}" in row
        for event in app.triggers.events if app.triggers else {}:
            assert event in row
