"""Pure helpers for structured (JSON) output: picking the request mode, pulling JSON out of
a model's text, checking it against the schema, and wording the fix-up request.

Modes, best first: ``json_schema_strict`` (OpenAI strict structured outputs, on the schema's
strict form: see ``to_strict``), ``json_schema`` (response_format without strict),
``json_object`` (response_format ``json_object``, with the schema beside it for servers that
read it, such as llama-cpp-python, and in the prompt for the others), ``tool`` (a forced call
of one tool whose parameters are the schema), ``text`` (the schema in the prompt, JSON
pulled from the reply).
``ModeMemory`` remembers per provider instance which modes a server refused, so a server
without ``response_format`` costs one failed request, not one per call.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from typing import Any, Literal

from jsonschema import exceptions as jsonschema_exceptions
from jsonschema import validators

from flowsmith.llm.base import LLMError

Mode = Literal["json_schema_strict", "json_schema", "json_object", "tool", "text"]
ALL_MODES: tuple[Mode, ...] = ("json_schema_strict", "json_schema", "json_object", "tool", "text")

# Keywords OpenAI's strict mode accepts. Anything else (oneOf, allOf, not, if/then/else,
# patternProperties, default, ...) makes the API reject the schema, so we send it non-strict.
_STRICT_KEYWORDS = frozenset(
    {
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
        "definitions",
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
        "$schema",
    }
)
_STRICT_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}
)
_STRICT_MAX_DEPTH = 10
_STRICT_MAX_PROPERTIES = 5000


def strict_compatible(schema: Mapping[str, Any]) -> bool:
    """Whether OpenAI strict mode accepts ``schema``: the root is an object, every object
    has ``additionalProperties: false`` and lists all its properties as required, and only
    supported keywords (no ``oneOf``/``allOf``/``not``/conditionals) appear anywhere."""
    if schema.get("type") != "object" or "anyOf" in schema:
        return False
    counter = [0]
    return _strict_node(schema, 0, counter) and counter[0] <= _STRICT_MAX_PROPERTIES


def _strict_node(node: Any, depth: int, counter: list[int]) -> bool:
    if not isinstance(node, Mapping) or depth > _STRICT_MAX_DEPTH:
        return False
    if any(key not in _STRICT_KEYWORDS for key in node):
        return False
    if "format" in node and node["format"] not in _STRICT_FORMATS:
        return False
    types = node.get("type")
    is_object = types == "object" or (isinstance(types, list) and "object" in types)
    if is_object or "properties" in node:
        properties = node.get("properties", {})
        if not isinstance(properties, Mapping) or node.get("additionalProperties") is not False:
            return False
        if set(node.get("required", [])) != set(properties):
            return False
        counter[0] += len(properties)
        if not all(_strict_node(sub, depth + 1, counter) for sub in properties.values()):
            return False
    children: list[Any] = []
    if "items" in node:
        children.append(node["items"])
    children.extend(node.get("anyOf", []))
    for key in ("$defs", "definitions"):
        children.extend(dict(node.get(key, {})).values())
    return all(_strict_node(child, depth + 1, counter) for child in children)


# --- the strict form of a schema ---------------------------------------------------------------

# what a free object (``{"type": "object"}`` without properties, e.g. a node's parameters)
# becomes in strict mode: a list of key / JSON-text pairs, turned back by ``from_strict``
KV_DESCRIPTION = (
    "Key/value pairs. Each value is JSON text: a string in quotes, a number, true/false, "
    "null, a list or an object."
)
_KV_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "key": {"type": "string"},
        "value": {"type": "string", "description": "The value as JSON text."},
    },
    "required": ["key", "value"],
    "additionalProperties": False,
}
_DROPPED_FOR_STRICT = frozenset(
    {
        "default",
        "examples",
        "minLength",
        "maxLength",
        "minProperties",
        "maxProperties",
        "uniqueItems",
        "contains",
        "patternProperties",
        "propertyNames",
        "dependentRequired",
    }
)
_IMPOSSIBLE_FOR_STRICT = frozenset({"allOf", "not", "if", "then", "else", "dependentSchemas"})


def to_strict(schema: Mapping[str, Any]) -> dict[str, Any] | None:
    """``schema`` in the form OpenAI's strict mode (and Anthropic's strict tools) accept, or
    None when it has none: every object closed with all its properties required (an
    optional property becomes nullable), a free object a key/value list, ``oneOf`` an
    ``anyOf``, unsupported validation keywords dropped. ``from_strict`` turns a value of
    this form back, and the original schema still checks it, so nothing is lost."""
    if schema.get("type") != "object":
        return None
    try:
        strict = _strict_form(schema)
    except _NoStrictForm:
        return None
    return strict if strict_compatible(strict) else None


class _NoStrictForm(Exception):
    pass


def _is_free_object(node: Mapping[str, Any]) -> bool:
    types = node.get("type")
    return (
        (types == "object" or (isinstance(types, list) and "object" in types))
        and not node.get("properties")
        and "anyOf" not in node
        and "oneOf" not in node
    )


def _nullable(node: dict[str, Any]) -> dict[str, Any]:
    node = dict(node)
    types = node.get("type")
    if "anyOf" in node:
        node["anyOf"] = [*node["anyOf"], {"type": "null"}]
        return node
    if "const" in node:
        return {"anyOf": [node, {"type": "null"}]}
    if isinstance(types, str):
        node["type"] = [types, "null"]
    elif isinstance(types, list) and "null" not in types:
        node["type"] = [*types, "null"]
    if "enum" in node and None not in node["enum"]:
        node["enum"] = [*node["enum"], None]
    return node


def _strict_form(node: Mapping[str, Any]) -> dict[str, Any]:
    if any(key in node for key in _IMPOSSIBLE_FOR_STRICT):
        raise _NoStrictForm
    if _is_free_object(node):
        out: dict[str, Any] = {"type": "array", "items": _KV_ITEM}
        out["description"] = (
            f"{node['description']} {KV_DESCRIPTION}" if node.get("description") else KV_DESCRIPTION
        )
        return out
    out = {}
    for key, value in node.items():
        if key in _DROPPED_FOR_STRICT:
            continue
        if key == "properties":
            required = set(node.get("required", []))
            props: dict[str, Any] = {}
            for name, sub in value.items():
                strict_sub = _strict_form(sub)
                props[name] = strict_sub if name in required else _nullable(strict_sub)
            out["properties"] = props
            out["required"] = list(value)
            out["additionalProperties"] = False
        elif key == "required" or key == "additionalProperties":
            continue
        elif key in ("oneOf", "anyOf"):
            out["anyOf"] = [_strict_form(sub) for sub in value]
        elif key == "items":
            out["items"] = _strict_form(value)
        elif key in ("$defs", "definitions"):
            out[key] = {name: _strict_form(sub) for name, sub in value.items()}
        else:
            out[key] = value
    if "properties" in out or out.get("type") == "object":
        out.setdefault("properties", {})
        out.setdefault("required", [])
        out["additionalProperties"] = False
    return out


def from_strict(value: Any, schema: Mapping[str, Any]) -> Any:
    """A value written for ``to_strict(schema)`` turned back into ``schema``'s form: nulls of
    optional properties dropped, key/value lists made objects again. Tolerant: a value
    already in the original form passes through unchanged."""
    if _is_free_object(schema):
        if isinstance(value, list) and all(
            isinstance(item, dict) and "key" in item for item in value
        ):
            return {str(item["key"]): _json_value(item.get("value")) for item in value}
        return value
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        for branch in branches:
            candidate = from_strict(value, branch)
            try:
                validators.validator_for(branch)(branch).validate(candidate)
            except jsonschema_exceptions.ValidationError:
                continue
            except jsonschema_exceptions.SchemaError:
                break
            return candidate
        return value
    properties = schema.get("properties")
    if isinstance(value, dict) and isinstance(properties, Mapping):
        required = set(schema.get("required", []))
        out = {}
        for key, item in value.items():
            sub = properties.get(key)
            if sub is None:
                out[key] = item
            elif item is None and key not in required and not _allows_null(sub):
                continue
            else:
                out[key] = from_strict(item, sub)
        return out
    items = schema.get("items")
    if isinstance(value, list) and isinstance(items, Mapping):
        return [from_strict(item, items) for item in value]
    return value


def _allows_null(node: Mapping[str, Any]) -> bool:
    types = node.get("type")
    return types == "null" or (isinstance(types, list) and "null" in types)


def _json_value(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text  # a bare string the model did not quote


class ModeMemory:
    """Which structured modes this provider's server refused. Modes only ever get dropped,
    so fallback terminates; ``text`` is never dropped as it needs no server feature."""

    def __init__(self, modes: tuple[Mode, ...]) -> None:
        self.modes = modes
        self.refused: set[Mode] = set()
        self.last_success: Mode | None = None
        self._lock = threading.Lock()

    def current(self, schema: Mapping[str, Any]) -> Mode:
        for mode in self.modes:
            if mode in self.refused:
                continue
            if mode == "json_schema_strict" and to_strict(schema) is None:
                continue
            return mode
        return "text"

    def refuse(self, mode: Mode) -> None:
        if mode != "text":
            with self._lock:
                self.refused.add(mode)


# what a server says when it lacks a feature, as the real servers word it (status 400, 422,
# or 500 for llama.cpp and llama-cpp-python); checked in order, first match wins
_UNSUPPORTED_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # vLLM without --enable-auto-tool-choice (a forced named tool still works there)
    ("tool_choice_auto", re.compile(r'"auto" tool choice requires|enable-auto-tool-choice')),
    # Anthropic with extended thinking; servers that take tools but not a forced choice
    (
        "tool_choice",
        re.compile(
            r"tool_choice forces tool use|tool_choice.{0,40}(not supported|unsupported|"
            r"only .?auto|must be)|forced tool|(required|named) tool.?choice.{0,20}not",
            re.S,
        ),
    ),
    # Ollama (“... does not support tools”), llama.cpp without --jinja (“tools param
    # requires --jinja flag”), others
    (
        "tools",
        re.compile(
            r"does not support tools|tools param requires|--jinja|tools? (are|is) not "
            r"supported|(unsupported|unrecognized|unknown) (param(eter)?|argument|field)\W*"
            r"tools|tool calling is not|function calling is not|not support (tool|function)",
            re.S,
        ),
    ),
    # strict refused: OpenAI's invalid-schema errors, servers without strict,
    # Anthropic's strict tools where the beta is off
    (
        "strict",
        re.compile(
            r"invalid schema for (response_format|function)|strict mode is not|"
            r"anthropic-beta|structured-outputs|"
            r"strict.{0,40}(extra inputs|not permitted|not supported|unsupported)",
            re.S,
        ),
    ),
    # llama-cpp-python 0.3.36: a validation error (HTTP 500) naming the literals it takes
    (
        "json_schema",
        re.compile(
            r"json_schema.{0,80}(not supported|unsupported|not permitted|invalid)|"
            r"(input should be|expected).{0,40}'text'.{0,10}'json_object'|"
            r"response_format.{0,120}literal_error|unknown response_format type|"
            r"response_format type .?json_schema.? is not",
            re.S,
        ),
    ),
    (
        "json_object",
        re.compile(r"json_object.{0,40}(not supported|unsupported|invalid)", re.S),
    ),
    (
        "response_format",
        re.compile(
            r"response_format.{0,60}(not supported|unsupported|unrecognized|not permitted|"
            r"extra inputs)|(unrecognized|unsupported|unknown) (request )?(argument|param"
            r"(eter)?)\W*(supplied\W*)?response_format|output_format.{0,40}extra inputs",
            re.S,
        ),
    ),
)
_PARAMETER = re.compile(
    r"unsupported (parameter|value): '?(temperature|reasoning_effort|top_p|max_tokens|"
    r"max_completion_tokens|stream_options|parallel_tool_calls)|"
    r"'?(temperature|reasoning_effort|stream_options|parallel_tool_calls)'? (is )?not "
    r"supported|(unrecognized|unknown|extra) (request )?(argument|param(eter)?|field)s?\W*"
    r"(supplied\W*)?(temperature|reasoning_effort|stream_options|parallel_tool_calls)",
    re.S,
)
_PARAMETER_NAMES = (
    "max_completion_tokens",
    "max_tokens",
    "reasoning_effort",
    "temperature",
    "top_p",
    "stream_options",
    "parallel_tool_calls",
)


def unsupported_feature(status: int, message: str) -> str | None:
    """The feature an error says this server lacks: ``tools``, ``tool_choice`` (a forced
    tool), ``tool_choice_auto``, ``strict``, ``json_schema``, ``json_object``,
    ``response_format`` (all of it), or ``param:<name>`` for a refused sampling parameter;
    None when the error is about the request itself (context length, a bad value...)."""
    if status not in (400, 404, 415, 422, 500, 501):
        return None
    text = message.lower()
    parameter = _PARAMETER.search(text)
    if parameter is not None:
        found = parameter.group(0)
        name = next((n for n in _PARAMETER_NAMES if n in found), None)
        if name is not None:
            return f"param:{name}"
    for feature, pattern in _UNSUPPORTED_PATTERNS:
        if pattern.search(text):
            return feature
    return None


# the structured modes each refused feature rules out
_REFUSES: dict[str, tuple[Mode, ...]] = {
    "tools": ("tool",),
    "tool_choice": ("tool",),
    "strict": ("json_schema_strict",),
    "json_schema": ("json_schema_strict", "json_schema"),
    "json_object": ("json_object",),
    "response_format": ("json_schema_strict", "json_schema", "json_object"),
}
# older wording checks, for a 400/422 no pattern above knows
_MODE_WORDS: dict[Mode, tuple[str, ...]] = {
    "json_schema_strict": ("strict", "response_format", "json_schema", "schema"),
    "json_schema": ("response_format", "json_schema", "schema"),
    "json_object": ("response_format", "json_object"),
    "tool": ("tool", "function"),
    "text": (),
}


def refused_modes(mode: Mode, error: LLMError) -> tuple[Mode, ...]:
    """The modes ``error`` shows this server lacks (empty when the request itself is bad).

    A strict request refused over strictness drops only strict mode; refused over
    ``response_format`` or ``json_schema`` as a whole, it drops non-strict json_schema too,
    sparing a second request that would fail the same way."""
    if error.code != "llm_bad_request":
        return ()
    feature = error.unsupported
    if feature is not None:
        refused = _REFUSES.get(feature, ())
        return refused if mode in refused else ()
    if error.status not in (400, 422):
        return ()
    message = error.message.lower()
    if not any(word in message for word in _MODE_WORDS[mode]):
        return ()
    if mode == "json_schema_strict":
        if any(w in message for w in ("strict", "invalid schema")):
            return ("json_schema_strict",)
        return ("json_schema_strict", "json_schema")
    return (mode,)


_NAME_CHARS = re.compile(r"[^a-zA-Z0-9_-]")


def safe_name(name: str) -> str:
    """A tool / schema name both APIs accept (``^[a-zA-Z0-9_-]{1,64}$``)."""
    cleaned = _NAME_CHARS.sub("_", name)[:64]
    return cleaned or "result"


def text_mode_instruction(schema: Mapping[str, Any], name: str) -> str:
    return (
        f"Reply with a single JSON object named {name!r} and nothing else: no prose, no "
        "code fences. It must conform to this JSON Schema:\n"
        + json.dumps(schema, separators=(",", ":"))
    )


def fix_request(problem: str) -> str:
    return (
        "Your previous reply could not be used: "
        f"{problem}\nReply again with only the corrected JSON object."
    )


class OutputProblem(ValueError):
    """The model's output is not a usable JSON object; the message says why (it goes back
    to the model in the fix-up request)."""


_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.DOTALL)
_MAX_BRACE_TRIES = 20


def extract_json(text: str) -> dict[str, Any]:
    """The first JSON object in ``text``: the whole text, else a fenced block, else the first
    ``{...}`` that parses. Raises ``OutputProblem`` quoting the parser's error."""
    stripped = text.strip()
    if not stripped:
        raise OutputProblem("the reply was empty")
    first_error: json.JSONDecodeError | None = None
    candidates = [stripped, *(m.group(1).strip() for m in _FENCE.finditer(text))]
    for candidate in candidates:
        try:
            return _as_object(json.loads(candidate))
        except json.JSONDecodeError as error:
            first_error = first_error or error
    decoder = json.JSONDecoder()
    start = stripped.find("{")
    tries = 0
    brace_error: json.JSONDecodeError | None = None
    while start != -1 and tries < _MAX_BRACE_TRIES:
        try:
            value, _ = decoder.raw_decode(stripped, start)
            return _as_object(value)
        except json.JSONDecodeError as error:
            brace_error = brace_error or error
        start = stripped.find("{", start + 1)
        tries += 1
    # the error from the first "{" is the one that points at the model's real mistake
    worst = brace_error or first_error
    detail = f"{worst.msg} at line {worst.lineno} column {worst.colno}" if worst else "no {...}"
    raise OutputProblem(f"the reply is not valid JSON ({detail})")


def _as_object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise OutputProblem(f"expected a JSON object, got {type(value).__name__}")
    return value


def parse_arguments(raw: str) -> dict[str, Any]:
    """Tool-call arguments, which must be exactly one JSON object (empty means ``{}``)."""
    if not raw.strip():
        return {}
    try:
        return _as_object(json.loads(raw))
    except json.JSONDecodeError as error:
        raise OutputProblem(
            f"the tool arguments are not valid JSON ({error.msg} at line {error.lineno} "
            f"column {error.colno})"
        ) from error


class SchemaCheck:
    """Validates values against one schema. Building it checks the schema itself, so a bad
    schema fails fast with ``jsonschema.SchemaError`` before any request is made."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        if schema.get("type") != "object":
            raise ValueError("structured output needs a schema whose root is type: object")
        cls = validators.validator_for(schema)
        cls.check_schema(dict(schema))
        self._validator = cls(dict(schema))

    def check(self, value: dict[str, Any]) -> None:
        error = jsonschema_exceptions.best_match(self._validator.iter_errors(value))
        if error is not None:
            where = error.json_path
            raise OutputProblem(f"the JSON does not match the schema at {where}: {error.message}")
