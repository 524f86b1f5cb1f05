"""The node catalog: its contract (subtypes, ports), its loader checks, its examples."""

from __future__ import annotations

import copy
import json
import re
from importlib import resources
from typing import Any

import pytest

from flowsmith.core.catalog import (
    Catalog,
    CatalogError,
    NodeSpec,
    build_catalog,
    load_catalog,
)
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.validate import validate_workflow

EXPECTED: dict[NodeFamily, set[str]] = {
    NodeFamily.TRIGGER: {
        "manual_trigger", "schedule_trigger", "webhook_trigger", "email_trigger",
        "form_trigger", "chat_trigger", "rss_trigger", "error_trigger", "app_event_trigger",
        "n8n_trigger",
    },
    NodeFamily.ACTION: {
        "http_request", "web_page_check", "html_extract", "set_fields", "aggregate", "sort",
        "remove_duplicates", "limit", "split_out", "date_time", "text_template", "code",
        "read_file", "write_file", "n8n_node",
    },
    NodeFamily.EXTERNAL_ACTION: {
        "send_email", "gmail_send", "slack_message", "telegram_message", "discord_message",
        "microsoft_teams_message", "twilio_sms", "google_sheets_append", "google_sheets_read",
        "notion_create_page", "github_create_issue", "postgres_query", "mysql_query",
        "airtable_create_record", "webhook_response",
    },
    NodeFamily.AI_AGENT: {
        "ai_agent", "llm_chat", "text_classifier", "information_extractor", "summarizer",
        "sentiment_analysis", "n8n_ai_node",
    },
    NodeFamily.FLOW: {
        "if", "switch", "merge", "loop", "filter", "wait", "stop_and_error", "no_op",
    },
    NodeFamily.HUMAN_IN_THE_LOOP: {"approval_email", "approval_slack", "form_review"},
    NodeFamily.TOOL: {
        "http_tool", "calculator_tool", "code_tool", "web_search_tool", "wikipedia_tool",
        "workflow_tool", "n8n_tool",
    },
    NodeFamily.MEMORY: {"buffer_memory", "postgres_memory", "redis_memory", "n8n_memory"},
}  # fmt: skip
ALL_SUBTYPES = sorted(s for subtypes in EXPECTED.values() for s in subtypes)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _raw_files() -> dict[str, Any]:
    folder = resources.files("flowsmith.core.catalog")
    return {
        f"{fam.value.lower()}.json": json.loads(
            folder.joinpath(f"{fam.value.lower()}.json").read_text(encoding="utf-8")
        )
        for fam in NodeFamily
    }


# --- contract ------------------------------------------------------------------------------


def test_catalog_has_exactly_the_64_contract_subtypes(catalog: Catalog) -> None:
    assert len(ALL_SUBTYPES) == 69  # the 64 contract subtypes and 5 generic n8n ones
    core = [s for s in catalog.specs if s.app is None]
    assert sorted(s.subtype for s in core) == ALL_SUBTYPES
    for family, subtypes in EXPECTED.items():
        assert {s.subtype for s in core if s.family == family} == subtypes


def test_catalog_has_the_services_people_name(catalog: Catalog) -> None:
    apps = {a.app: a for a in catalog.apps}
    assert len(apps) >= 120
    named = [
        "salesforce",
        "hubspot",
        "pipedrive",
        "zoho_crm",
        "zendesk",
        "freshdesk",
        "intercom",
        "servicenow",
        "jira",
        "asana",
        "trello",
        "linear",
        "clickup",
        "monday_com",
        "notion",
        "airtable",
        "todoist",
        "microsoft_todo",
        "github",
        "gitlab",
        "bitbucket",
        "google_drive",
        "dropbox",
        "box",
        "onedrive",
        "sharepoint",
        "amazon_s3",
        "gmail",
        "outlook",
        "google_calendar",
        "google_docs",
        "google_sheets",
        "excel_365",
        "microsoft_teams",
        "shopify",
        "woocommerce",
        "stripe",
        "paypal",
        "mailchimp",
        "marketo",
        "sendgrid",
        "twitter",
        "linkedin",
        "youtube",
        "typeform",
        "google_forms",
        "jotform",
        "calendly",
        "slack",
        "discord",
        "telegram",
        "whatsapp",
        "twilio",
        "mattermost",
        "dingtalk",
        "feishu",
        "wecom",
        "postgres",
        "mysql",
        "mongodb",
        "redis",
        "supabase",
        "snowflake",
        "bigquery",
        "openai",
        "anthropic",
        "hugging_face",
    ]
    assert [n for n in named if n not in apps] == []
    # each app: action spec named for it, trigger spec when it has events, both in the index
    for app in apps.values():
        spec = catalog.get(app.app)
        assert spec is not None and spec.family == NodeFamily.EXTERNAL_ACTION
        assert catalog.app(app.app) is app
        if app.triggers:
            trigger = catalog.get(f"{app.app}_trigger")
            assert trigger is not None and trigger.family == NodeFamily.TRIGGER
            assert catalog.app(trigger.subtype) is app
        assert app.names.en and app.names.zh, app.app


def test_lookup_helpers(catalog: Catalog) -> None:
    spec = catalog.get("http_request")
    assert spec is not None and spec.family == NodeFamily.ACTION
    assert catalog.get("teleport") is None
    assert "if" in catalog and "teleport" not in catalog
    assert (
        len(catalog.specs) == len(catalog) == 69 + sum(1 + bool(a.triggers) for a in catalog.apps)
    )
    assert catalog.by_family("TOOL") == catalog.by_family(NodeFamily.TOOL)


def test_load_catalog_is_cached() -> None:
    assert load_catalog() is load_catalog()


def test_json_files_ship_inside_the_package() -> None:
    folder = resources.files("flowsmith.core.catalog")
    for fam in NodeFamily:
        assert folder.joinpath(f"{fam.value.lower()}.json").is_file()


@pytest.mark.parametrize("subtype", ALL_SUBTYPES)
def test_entry_shape(catalog: Catalog, subtype: str) -> None:
    spec = catalog.get(subtype)
    assert spec is not None
    assert any(CJK.search(k) for k in spec.keywords), "needs Chinese keywords"
    assert any(k.isascii() for k in spec.keywords), "needs English keywords"
    assert spec.parameters["type"] == "object"
    assert "additionalProperties" in spec.parameters
    if spec.family in (NodeFamily.TRIGGER, NodeFamily.TOOL, NodeFamily.MEMORY):
        assert spec.inputs == []
    else:
        assert spec.inputs == ["main"]
    if spec.n8n is not None:
        assert spec.n8n.type.startswith(("n8n-nodes-base.", "@n8n/n8n-nodes-langchain."))
        assert spec.n8n.type_version > 0


@pytest.mark.parametrize(
    ("subtype", "outputs"),
    [
        ("if", {"true", "false"}),
        ("switch", {"output_0", "output_1", "output_2", "output_3", "fallback"}),
        ("loop", {"loop", "done"}),
        ("approval_email", {"approved", "rejected", "timeout"}),
        ("approval_slack", {"approved", "rejected", "timeout"}),
        ("http_request", {"main"}),
        ("stop_and_error", set()),
    ],
)
def test_branching_outputs(catalog: Catalog, subtype: str, outputs: set[str]) -> None:
    spec = catalog.get(subtype)
    assert spec is not None
    assert set(spec.outputs) == outputs
    assert spec.output_names("error_output") == outputs | {"error"}


@pytest.mark.parametrize(
    ("subtype", "required"),
    [
        ("http_request", ["url"]),
        ("send_email", ["to", "subject", "body"]),
        ("slack_message", ["channel", "text"]),
        ("postgres_query", ["query"]),
        ("ai_agent", ["prompt"]),
        ("text_template", ["template"]),
        ("code", ["code"]),
        ("web_page_check", ["url"]),
    ],
)
def test_required_parameters(catalog: Catalog, subtype: str, required: list[str]) -> None:
    spec = catalog.get(subtype)
    assert spec is not None
    assert sorted(spec.required_parameters) == sorted(required)


def test_specific_contract_details(catalog: Catalog) -> None:
    email = catalog.get("send_email")
    agent = catalog.get("ai_agent")
    web = catalog.get("web_page_check")
    http = catalog.get("http_request")
    assert email is not None and agent is not None and web is not None and http is not None
    assert email.credentials == ["smtp"]
    assert agent.parameters["properties"]["model"]["default"] == "gpt-4o-mini"
    assert http.parameters["properties"]["method"]["default"] == "GET"
    item = web.outputs["main"].item_schema["properties"]
    assert {"url", "store", "product_name", "title", "price", "currency", "in_stock"} <= set(item)
    assert item["price"]["type"] == "number" and item["in_stock"]["type"] == "boolean"
    assert web.n8n is not None and web.n8n.type == "n8n-nodes-base.httpRequest"
    assert web.n8n.note and "no exact" in web.n8n.note.lower()


@pytest.mark.parametrize(
    ("subtype", "n8n_type", "version"),
    [
        ("http_request", "n8n-nodes-base.httpRequest", 4.2),
        ("if", "n8n-nodes-base.if", 2),
        ("switch", "n8n-nodes-base.switch", 3),
        ("merge", "n8n-nodes-base.merge", 3),
        ("loop", "n8n-nodes-base.splitInBatches", 3),
        ("wait", "n8n-nodes-base.wait", 1.1),
        ("set_fields", "n8n-nodes-base.set", 3.4),
        ("send_email", "n8n-nodes-base.emailSend", 2.1),
        ("slack_message", "n8n-nodes-base.slack", 2.3),
        ("schedule_trigger", "n8n-nodes-base.scheduleTrigger", 1.2),
        ("webhook_trigger", "n8n-nodes-base.webhook", 2),
        ("manual_trigger", "n8n-nodes-base.manualTrigger", 1),
        ("ai_agent", "@n8n/n8n-nodes-langchain.agent", 1.7),
        ("buffer_memory", "@n8n/n8n-nodes-langchain.memoryBufferWindow", 1.3),
        ("http_tool", "@n8n/n8n-nodes-langchain.toolHttpRequest", 1.1),
    ],
)
def test_n8n_mapping(catalog: Catalog, subtype: str, n8n_type: str, version: float) -> None:
    spec = catalog.get(subtype)
    assert spec is not None and spec.n8n is not None
    assert (spec.n8n.type, spec.n8n.type_version) == (n8n_type, version)
    # every mapped name is one of our parameters
    assert set(spec.n8n.parameters) <= set(spec.parameters.get("properties", {})) | {"fallback"}


# --- examples validate clean ---------------------------------------------------------------


def _example_workflow(spec: NodeSpec) -> Workflow:
    """The spec's example in the smallest workflow that uses it correctly."""
    node = Node(
        id="n",
        name=spec.example.name,
        type=spec.family,
        subtype=spec.subtype,
        parameters=copy.deepcopy(spec.example.parameters),
    )
    trigger = Node(id="t", name="Start", type=NodeFamily.TRIGGER, subtype="manual_trigger")
    end = Node(id="end", name="End", type=NodeFamily.FLOW, subtype="no_op")
    if spec.family in (NodeFamily.TOOL, NodeFamily.MEMORY):
        agent = Node(
            id="a",
            name="Agent",
            type=NodeFamily.AI_AGENT,
            subtype="ai_agent",
            parameters={"prompt": "{{ $json.text }}"},
            attached_nodes=["n"],
        )
        return Workflow(nodes=[trigger, agent, node], connections=[_c("t", "a")])
    if spec.family == NodeFamily.TRIGGER:
        return Workflow(nodes=[node, end], connections=[_c("n", "end")])
    if not spec.outputs:  # stop_and_error ends the run
        return Workflow(nodes=[trigger, node], connections=[_c("t", "n")])
    # give branching nodes somewhere to go, so there is no dead_end warning
    conns = [_c("t", "n"), _c("n", "end", next(iter(spec.outputs)))]
    return Workflow(nodes=[trigger, node, end], connections=conns)


def _c(a: str, b: str, out: str = "main") -> Connection:
    return Connection(from_node=a, to_node=b, from_output=out)


@pytest.mark.parametrize("subtype", ALL_SUBTYPES)
def test_every_example_validates_clean(catalog: Catalog, subtype: str) -> None:
    spec = catalog.get(subtype)
    assert spec is not None
    findings = validate_workflow(_example_workflow(spec), catalog)
    assert findings == []


# --- loader rejects bad data ---------------------------------------------------------------


def _mutated(file: str, subtype: str, **changes: Any) -> dict[str, Any]:
    files = _raw_files()
    entry = next(e for e in files[file] if e["subtype"] == subtype)
    entry.update(copy.deepcopy(changes))
    return files


def test_build_catalog_accepts_the_packaged_data() -> None:
    assert len(build_catalog(_raw_files())) == 69  # the core entries, without app files


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"parameters": {"type": "object", "properties": {"url": {"type": "nope"}}}}, "schema"),
        ({"example": {"name": "x", "parameters": {"method": "GET"}}}, "example"),
        ({"family": "FLOW"}, "flow.json"),
        ({"unexpected_key": 1}, "unexpected_key"),
        ({"parameters": {"type": "array"}}, "object"),
    ],
)
def test_bad_entry_raises_naming_file_and_subtype(changes: dict[str, Any], needle: str) -> None:
    files = _mutated("action.json", "http_request", **changes)
    with pytest.raises(CatalogError) as info:
        build_catalog(files)
    assert "action.json" in str(info.value) and "http_request" in str(info.value)
    assert needle in str(info.value)


def test_trigger_with_inputs_is_rejected() -> None:
    files = _mutated("trigger.json", "manual_trigger", inputs=["main"])
    with pytest.raises(CatalogError, match=r"trigger\.json.*manual_trigger"):
        build_catalog(files)


def test_duplicate_subtype_is_rejected() -> None:
    files = _raw_files()
    files["action.json"].append(copy.deepcopy(files["action.json"][0]))
    with pytest.raises(CatalogError, match="duplicate subtype"):
        build_catalog(files)
