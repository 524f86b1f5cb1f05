"""The schemas flowsmith sends in strict mode pass OpenAI's strict rules, and what a model
writes in their strict form comes back in the original form, checked by the original."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from flowsmith.agent import prompts
from flowsmith.agent.llm_draft import to_workflow
from flowsmith.agent.retrieval import retrieve
from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.core.patch import patch_schema
from flowsmith.core.validate import validate_workflow
from flowsmith.llm.structured import from_strict, to_strict

# OpenAI structured outputs, strict mode (platform docs, "Supported schemas"): these
# keywords only; every object closed and every property required; at most 5000 properties
# and 10 levels of nesting; at most 1000 enum values in all, and an enum of more than 250
# values at most 15000 characters; names and values at most 120000 characters in all
SUPPORTED = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "$ref",
    "$defs",
    "description",
    "title",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
}


def openai_strict_problems(schema: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    totals = {"properties": 0, "enum_values": 0, "chars": 0}

    def walk(node: Any, path: str, depth: int) -> None:
        if not isinstance(node, dict):
            problems.append(f"{path}: not a schema")
            return
        if depth > 10:
            problems.append(f"{path}: nested deeper than 10")
        for key in node:
            if key not in SUPPORTED:
                problems.append(f"{path}: keyword {key!r}")
        types = node.get("type")
        type_list = types if isinstance(types, list) else [types]
        if "object" in type_list or "properties" in node:
            props = node.get("properties", {})
            if node.get("additionalProperties") is not False:
                problems.append(f"{path}: additionalProperties is not false")
            if sorted(node.get("required", [])) != sorted(props):
                problems.append(f"{path}: not every property is required")
            totals["properties"] += len(props)
            for name, sub in props.items():
                totals["chars"] += len(name)
                walk(sub, f"{path}.{name}", depth + 1)
        if "enum" in node:
            values = node["enum"]
            totals["enum_values"] += len(values)
            chars = sum(len(str(v)) for v in values)
            totals["chars"] += chars
            if len(values) > 250 and chars > 15000:
                problems.append(f"{path}: enum too long")
        if "items" in node:
            walk(node["items"], f"{path}[]", depth + 1)
        for index, sub in enumerate(node.get("anyOf", [])):
            walk(sub, f"{path}|{index}", depth + 1)
        for name, sub in node.get("$defs", {}).items():
            walk(sub, f"{path}$defs.{name}", depth + 1)

    if schema.get("type") != "object" or "anyOf" in schema:
        problems.append("the root is not an object")
    walk(schema, "$", 0)
    if totals["properties"] > 5000:
        problems.append("more than 5000 properties")
    if totals["enum_values"] > 1000:
        problems.append("more than 1000 enum values")
    if totals["chars"] > 120000:
        problems.append("more than 120000 characters")
    return problems


ALL_SUBTYPES = sorted(spec.subtype for spec in load_catalog())
SOME_SUBTYPES = [s.subtype for s in retrieve("every hour check amazon stock and email me")]

SCHEMAS = {
    "decide": prompts.DECIDE_SCHEMA,
    "workflow": prompts.workflow_schema(SOME_SUBTYPES),
    "workflow, every subtype": prompts.workflow_schema(ALL_SUBTYPES),
    "workflow, open": prompts.workflow_schema(None),
    "patch": patch_schema(SOME_SUBTYPES),
    "patch, open": patch_schema(None),
}


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_schema_sent_in_strict_mode_passes_openais_rules(name: str) -> None:
    strict = to_strict(SCHEMAS[name])
    assert strict is not None, f"{name} has no strict form"
    assert openai_strict_problems(strict) == []
    Draft202012Validator.check_schema(strict)


def test_a_drafted_workflow_in_strict_form_comes_back_whole() -> None:
    workflow = copy.deepcopy(prompts.WORKED_EXAMPLE)
    schema = prompts.workflow_schema(SOME_SUBTYPES)
    strict = to_strict(schema)
    assert strict is not None
    # what a strict model writes: every field present (null when unused), parameters as
    # key / JSON-text pairs
    written = copy.deepcopy(workflow)
    for node in written["nodes"]:
        node["parameters"] = [
            {"key": k, "value": json.dumps(v)} for k, v in node["parameters"].items()
        ]
        node.setdefault("on_error", None)
        node.setdefault("attached_nodes", None)
    Draft202012Validator(strict).validate(written)
    back = from_strict(written, schema)
    Draft202012Validator(schema).validate(back)
    assert back == workflow
    # a bare string the model did not quote as JSON is kept as the string
    written["nodes"][1]["parameters"][0]["value"] = "https://example.com/x"
    assert from_strict(written, schema)["nodes"][1]["parameters"]["url"] == "https://example.com/x"


def test_the_worked_example_is_a_valid_workflow_of_core_node_types() -> None:
    wf = to_workflow(prompts.WORKED_EXAMPLE, load_catalog())
    assert [f for f in validate_workflow(wf) if f.severity == "error"] == []
    assert isinstance(wf, Workflow) and any(c.from_output == "true" for c in wf.connections)
    # the example's node types are ones retrieval always offers
    specs = {s.subtype for s in retrieve("post a tweet")}
    assert {n["subtype"] for n in prompts.WORKED_EXAMPLE["nodes"]} <= specs


def test_only_retrieved_routing_nodes_are_named_in_the_rules() -> None:
    catalog = load_catalog()
    without = prompts.draft_system("en", [catalog.get("schedule_trigger"), catalog.get("if")])
    assert "if: true/false" in without and "switch" not in without
    assert "attached_nodes" not in without.split("Example.")[0]
    with_switch = prompts.draft_system("en", [catalog.get("switch"), catalog.get("ai_agent")])
    assert "switch: output_0/" in with_switch and "attached_nodes" in with_switch
