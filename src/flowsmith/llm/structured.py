"""Pure helpers for structured (JSON) output: picking the request mode, pulling JSON out of
a model's text, checking it against the schema, and wording the fix-up request.

Modes, best first: ``json_schema_strict`` (OpenAI strict structured outputs),
``json_schema`` (response_format without strict), ``tool`` (a forced call of one tool whose
parameters are the schema), ``text`` (the schema in the prompt, JSON pulled from the reply).
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

Mode = Literal["json_schema_strict", "json_schema", "tool", "text"]
ALL_MODES: tuple[Mode, ...] = ("json_schema_strict", "json_schema", "tool", "text")

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
            if mode == "json_schema_strict" and not strict_compatible(schema):
                continue
            return mode
        return "text"

    def refuse(self, mode: Mode) -> None:
        if mode != "text":
            with self._lock:
                self.refused.add(mode)


# what a server says when it lacks a mode; a 400 without these words (say, "context length
# exceeded") is about the request, not the mode, so it must not demote the mode
_MODE_WORDS: dict[Mode, tuple[str, ...]] = {
    "json_schema_strict": ("strict", "response_format", "json_schema", "schema"),
    "json_schema": ("response_format", "json_schema", "schema"),
    "tool": ("tool", "function"),
    "text": (),
}
# a strict refusal that is about strictness or this schema, not about response_format
_STRICT_ONLY_WORDS = ("strict", "invalid schema")


def refused_modes(mode: Mode, error: LLMError) -> tuple[Mode, ...]:
    """The modes ``error`` shows this server lacks (empty when the request itself is bad).

    A strict request refused over strictness drops only strict mode; refused over
    ``response_format`` as a whole, it drops non-strict json_schema too, sparing a second
    request that would fail the same way."""
    if error.code != "llm_bad_request" or error.status not in (400, 422):
        return ()
    message = error.message.lower()
    if not any(word in message for word in _MODE_WORDS[mode]):
        return ()
    if mode == "json_schema_strict" and not any(w in message for w in _STRICT_ONLY_WORDS):
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
