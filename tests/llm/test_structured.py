"""Structured output: mode choice and fallback (json_schema strict / non-strict, forced tool,
JSON in text), the fix-up retry, and the pure helpers behind them."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import pytest

from flowsmith.llm import LLMError, Message, Usage, deadline_in, deadline_scope, strict_compatible
from flowsmith.llm.anthropic_provider import AnthropicProvider
from flowsmith.llm.openai_compat import OpenAICompatProvider
from flowsmith.llm.structured import (
    ModeMemory,
    OutputProblem,
    SchemaCheck,
    extract_json,
    parse_arguments,
    safe_name,
)
from tests.llm.conftest import make_openai
from tests.llm.fakes import (
    FakeAnthropic,
    FakeOpenAI,
    http_error,
    json_body,
    raw_text,
    reject_response_format,
    stall,
    text,
)

ASK = [Message("system", "You design workflows."), Message("user", "A daily report")]

# strict-compatible: every object closed and fully required
PLAN: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "steps": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"kind": {"type": "string", "enum": ["trigger", "action"]}},
                "required": ["kind"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["title", "steps"],
    "additionalProperties": False,
}
GOOD = {"title": "Daily report", "steps": [{"kind": "trigger"}, {"kind": "action"}]}
LOOSE: dict[str, Any] = {  # allOf: fine for JSON Schema, no strict form
    "type": "object",
    "properties": {"value": {"allOf": [{"type": ["string", "number"]}]}},
    "required": ["value"],
}


def response_format(body: dict[str, Any]) -> dict[str, Any] | None:
    return body.get("response_format")


# --- pure helpers ---------------------------------------------------------------------------


def test_strict_compatible_accepts_closed_fully_required_objects() -> None:
    assert strict_compatible(PLAN)
    nullable = copy.deepcopy(PLAN)
    nullable["properties"]["title"] = {"type": ["string", "null"]}
    assert strict_compatible(nullable)
    with_refs = {
        "type": "object",
        "properties": {"node": {"$ref": "#/$defs/node"}},
        "required": ["node"],
        "additionalProperties": False,
        "$defs": {
            "node": {
                "type": "object",
                "properties": {"id": {"type": "string", "format": "uuid"}},
                "required": ["id"],
                "additionalProperties": False,
            }
        },
    }
    assert strict_compatible(with_refs)
    any_of = copy.deepcopy(PLAN)
    any_of["properties"]["title"] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert strict_compatible(any_of)


def _with_property(sub: dict[str, Any]) -> Any:
    def change(schema: dict[str, Any]) -> None:
        schema["properties"]["value"] = sub
        schema["required"].append("value")

    return change


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.pop("additionalProperties"),
        lambda s: s["required"].remove("steps"),
        lambda s: s["properties"]["steps"]["items"].update(additionalProperties=True),
        _with_property({"oneOf": [{"type": "string"}, {"type": "number"}]}),
        _with_property({"allOf": [{"type": "string"}]}),
        _with_property({"type": "string", "default": "x"}),
        _with_property({"type": "string", "format": "uri-reference"}),
        lambda s: s.update(patternProperties={"^x": {"type": "string"}}),
        lambda s: s.update(type="array"),
    ],
    ids=[
        "open-root",
        "optional-property",
        "open-nested",
        "oneOf",
        "allOf",
        "default",
        "unsupported-format",
        "patternProperties",
        "array-root",
    ],
)
def test_strict_compatible_rejects_what_strict_mode_refuses(change: Any) -> None:
    schema = copy.deepcopy(PLAN)
    change(schema)
    assert not strict_compatible(schema)


@pytest.mark.parametrize(
    "reply",
    [
        '{"a": 1}',
        '  {"a": 1}\n',
        '```json\n{"a": 1}\n```',
        'Here you go:\n```\n{"a": 1}\n```\nAnything else?',
        'Sure! {"a": 1} Hope that helps.',
        'Note {braces} first, then {"a": 1}',
    ],
)
def test_extract_json_finds_the_object(reply: str) -> None:
    assert extract_json(reply) == {"a": 1}


def test_extract_json_keeps_braces_inside_strings() -> None:
    assert extract_json('text {"s": "a } b {", "n": {"m": []}} tail') == {
        "s": "a } b {",
        "n": {"m": []},
    }


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ('{"a": 1,, "b": 2}', "Expecting property name"),
        ("", "empty"),
        ("no json here", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_extract_json_explains_what_is_wrong(reply: str, words: str) -> None:
    with pytest.raises(OutputProblem, match=words):
        extract_json(reply)


def test_parse_arguments_wants_one_object() -> None:
    assert parse_arguments("") == {}
    assert parse_arguments('{"x": [1]}') == {"x": [1]}
    with pytest.raises(OutputProblem, match="line 1 column"):
        parse_arguments('{"x": ')


def test_schema_check_names_the_failing_place() -> None:
    check = SchemaCheck(PLAN)
    check.check(GOOD)
    with pytest.raises(OutputProblem, match=r"\$\.steps\[0\]\.kind"):
        check.check({"title": "t", "steps": [{"kind": "loop"}]})
    with pytest.raises(ValueError, match="type: object"):
        SchemaCheck({"type": "array"})


def test_mode_memory_skips_refused_and_inapplicable_modes() -> None:
    memory = ModeMemory(("json_schema_strict", "json_schema", "json_object", "tool", "text"))
    assert memory.current(PLAN) == "json_schema_strict"
    assert memory.current(LOOSE) == "json_schema"
    memory.refuse("json_schema")
    assert memory.current(LOOSE) == "json_object"
    memory.refuse("json_object")
    assert memory.current(LOOSE) == "tool"
    memory.refuse("tool")
    memory.refuse("text")  # never refused: it needs nothing from the server
    assert memory.current(LOOSE) == "text"


def test_safe_name_fits_both_apis() -> None:
    assert safe_name("workflow plan/v2") == "workflow_plan_v2"
    assert len(safe_name("x" * 100)) == 64
    assert safe_name("") == "result"


# --- OpenAI-compatible ----------------------------------------------------------------------


async def test_strict_json_schema_when_the_schema_allows_it(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(json_body(GOOD, usage=(40, 20)))

    value, usage = await openai_provider.structured(ASK, schema=PLAN, name="workflow plan")

    assert value == GOOD
    assert usage == Usage(40, 20, 1)
    assert response_format(fake_openai.bodies[0]) == {
        "type": "json_schema",
        "json_schema": {"name": "workflow_plan", "schema": PLAN, "strict": True},
    }
    assert openai_provider.modes.last_success == "json_schema_strict"


async def test_non_strict_json_schema_for_other_schemas(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(json_body({"value": 3}))

    value, _ = await openai_provider.structured(ASK, schema=LOOSE, name="v")

    assert value == {"value": 3}
    rf = response_format(fake_openai.bodies[0])
    assert rf is not None and rf["json_schema"]["strict"] is False


async def test_a_server_refusing_strict_gets_non_strict_from_then_on(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.strict_supported = False
    fake_openai.script(json_body(GOOD), json_body(GOOD))

    await openai_provider.structured(ASK, schema=PLAN, name="plan")
    await openai_provider.structured(ASK, schema=PLAN, name="plan")

    strict = [response_format(b)["json_schema"]["strict"] for b in fake_openai.bodies]  # type: ignore[index]
    assert strict == [True, False, False]


async def test_a_server_without_json_schema_falls_back_to_json_object_with_the_schema(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.response_format_supported = False
    fake_openai.script(json_body(GOOD), json_body(GOOD))

    first, usage = await openai_provider.structured(ASK, schema=PLAN, name="plan")
    second, _ = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert first == second == GOOD
    assert usage.calls == 2  # the refused request is counted
    bodies = fake_openai.bodies
    assert len(bodies) == 3  # the second call went straight to json_object
    for body in bodies[1:]:
        # the schema beside json_object (llama.cpp / llama-cpp-python enforce it) and in
        # the prompt for the servers that ignore it
        assert response_format(body) == {"type": "json_object", "schema": PLAN}
        assert json.dumps(PLAN, separators=(",", ":")) in body["messages"][0]["content"]
    assert openai_provider.modes.refused == {"json_schema_strict", "json_schema"}
    assert openai_provider.modes.last_success == "json_object"


async def test_a_server_without_response_format_falls_back_to_a_forced_tool(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.response_format_supported = False
    fake_openai.json_object_supported = False
    openai_provider.modes.refuse("json_object")
    fake_openai.script(json_body(GOOD), json_body(GOOD))

    first, usage = await openai_provider.structured(ASK, schema=PLAN, name="plan")
    second, _ = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert first == second == GOOD
    assert usage.calls == 2  # the refused request is counted
    bodies = fake_openai.bodies
    assert len(bodies) == 3  # the second call went straight to the tool
    assert response_format(bodies[0]) is not None
    for body in bodies[1:]:
        assert response_format(body) is None
        assert body["tool_choice"] == {"type": "function", "function": {"name": "plan"}}
        assert body["tools"][0]["function"]["parameters"] == PLAN
    assert openai_provider.modes.refused == {"json_schema_strict", "json_schema", "json_object"}
    assert openai_provider.modes.last_success == "tool"


async def test_a_scripted_response_format_rejection_also_falls_back(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(reject_response_format(), json_body({"value": "x"}))

    value, _ = await openai_provider.structured(ASK, schema=LOOSE, name="v")

    assert value == {"value": "x"}
    assert response_format(fake_openai.bodies[1])["type"] == "json_object"  # type: ignore[index]


async def test_without_response_format_or_tools_json_comes_from_text(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.response_format_supported = False
    fake_openai.json_object_supported = False
    fake_openai.tools_supported = False
    fake_openai.script(json_body(GOOD, fenced=True, prose="Here is the plan:"))

    value, usage = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert value == GOOD
    assert usage.calls == 4
    last = fake_openai.bodies[-1]
    assert "tools" not in last and "response_format" not in last
    system = last["messages"][0]  # first: local chat templates refuse a late system message
    assert system["role"] == "system"
    assert system["content"].startswith("You design workflows.")
    assert json.dumps(PLAN, separators=(",", ":")) in system["content"]
    assert [m["role"] for m in last["messages"]] == ["system", "user"]


async def test_a_model_ignoring_the_forced_tool_is_read_from_its_text(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.response_format_supported = False
    fake_openai.script(text('Sure: {"value": 1}'))

    value, _ = await openai_provider.structured(ASK, schema=LOOSE, name="v")

    assert value == {"value": 1}


async def test_invalid_json_gets_one_fix_up_request(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(raw_text('{"title": "x", "steps": [', usage=(30, 10)), json_body(GOOD))

    value, usage = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert value == GOOD
    assert usage == Usage(40, 15, 2)
    fix = fake_openai.bodies[1]["messages"]
    assert fix[: len(ASK)] == [
        {"role": "system", "content": "You design workflows."},
        {"role": "user", "content": "A daily report"},
    ]
    assert fix[-2] == {"role": "assistant", "content": '{"title": "x", "steps": ['}
    assert fix[-1]["role"] == "user"
    assert "not valid JSON" in fix[-1]["content"]
    assert "Expecting value" in fix[-1]["content"]  # the parser's own words
    assert "line 1 column" in fix[-1]["content"]


async def test_invalid_json_twice_is_llm_bad_response(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(raw_text("not json"), raw_text("{still: not json}"), json_body(GOOD))

    with pytest.raises(LLMError) as caught:
        await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert caught.value.code == "llm_bad_response"
    assert caught.value.usage.calls == 2
    assert len(fake_openai.requests) == 2


async def test_json_that_breaks_the_schema_gets_the_validator_message(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(json_body({"title": "x", "steps": [{"kind": "loop"}]}), json_body(GOOD))

    value, _ = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert value == GOOD
    fix = fake_openai.bodies[1]["messages"][-1]["content"]
    assert "$.steps[0].kind" in fix and "'loop' is not one of" in fix


async def test_an_unrelated_400_does_not_demote_the_mode(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(http_error(400, message="This model's maximum context length is 8192"))

    with pytest.raises(LLMError) as caught:
        await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert caught.value.code == "llm_context"
    assert len(fake_openai.requests) == 1
    assert openai_provider.modes.refused == set()


async def test_a_broken_stream_is_retried_since_nothing_reached_the_caller(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    fake_openai.script(text('{"title": "Dai', chunks=3, drop_after=2), json_body(GOOD))

    value, usage = await openai_provider.structured(ASK, schema=PLAN, name="plan")

    assert value == GOOD
    assert usage.calls == 2


async def test_structured_output_honours_the_deadline(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    # the stall and the read timeout (30 s) are far past the 1 s deadline (long enough
    # for the request to reach the fake on a loaded machine): ignoring the
    # deadline would take 30 s, so "< 10" fails then, and never flakes under load
    fake_openai.script(stall(30))
    provider = make_openai(fake_openai, timeout_s=30)

    started = time.monotonic()
    with deadline_scope(deadline_in(1.0)), pytest.raises(LLMError) as caught:
        await provider.structured(ASK, schema=PLAN, name="plan")

    assert caught.value.code == "llm_timeout"
    assert time.monotonic() - started < 10
    assert await fake_openai.wait_disconnect(fake_openai.requests[0])
    await provider.aclose()


async def test_a_bad_schema_fails_before_any_request(
    fake_openai: FakeOpenAI, openai_provider: OpenAICompatProvider
) -> None:
    with pytest.raises(Exception, match="is not valid"):
        await openai_provider.structured(
            ASK, schema={"type": "object", "properties": {"a": {"type": "nonsense"}}}, name="x"
        )
    assert fake_openai.requests == []


# --- Anthropic ------------------------------------------------------------------------------


async def test_anthropic_structured_output_uses_a_forced_tool(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(json_body(GOOD, usage=(50, 30)))

    value, usage = await anthropic_provider.structured(
        ASK, schema=PLAN, name="plan", max_tokens=999
    )

    assert value == GOOD
    assert usage == Usage(50, 30, 1)
    body = fake_anthropic.bodies[0]
    assert body["tool_choice"] == {"type": "tool", "name": "plan"}
    assert body["tools"][0]["name"] == "plan"
    assert body["tools"][0]["input_schema"] == PLAN
    assert body["tools"][0]["strict"] is True  # PLAN has a strict form: Anthropic enforces it
    assert body["max_tokens"] == 999
    assert body["system"][0]["text"] == "You design workflows."


async def test_anthropic_refusing_forced_tools_falls_back_to_text_and_remembers(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.forced_tool_supported = False
    fake_anthropic.script(json_body(GOOD, fenced=True), json_body(GOOD))

    first, usage = await anthropic_provider.structured(ASK, schema=PLAN, name="plan")
    second, _ = await anthropic_provider.structured(ASK, schema=PLAN, name="plan")

    assert first == second == GOOD
    assert usage.calls == 2
    bodies = fake_anthropic.bodies
    assert len(bodies) == 3
    assert "tool_choice" in bodies[0]
    for body in bodies[1:]:
        assert "tool_choice" not in body and "tools" not in body
        assert "JSON Schema" in body["system"][0]["text"]


async def test_anthropic_invalid_tool_input_gets_one_fix_up_request(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(raw_text('{"title": "x", "steps": [}'), json_body(GOOD))

    value, usage = await anthropic_provider.structured(ASK, schema=PLAN, name="plan")

    assert value == GOOD
    assert usage.calls == 2
    fix = fake_anthropic.bodies[1]["messages"]
    assert fix[-2] == {
        "role": "assistant",
        "content": [{"type": "text", "text": '{"title": "x", "steps": [}'}],
    }
    assert "not valid JSON" in fix[-1]["content"][0]["text"]


async def test_anthropic_text_answer_despite_the_forced_tool_is_used(
    fake_anthropic: FakeAnthropic, anthropic_provider: AnthropicProvider
) -> None:
    fake_anthropic.script(text('```json\n{"value": 2}\n```'))

    value, _ = await anthropic_provider.structured(ASK, schema=LOOSE, name="v")

    assert value == {"value": 2}
