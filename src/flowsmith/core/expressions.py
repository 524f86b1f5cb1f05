"""Expressions in parameter values: parse them, resolve them, and know what items they read.

The syntax (full reference and the n8n mapping: ``docs/expressions.md``): inside any string
parameter value, ``{{ … }}`` segments hold JavaScript-like expressions whose references are

* ``$json.a.b``                    a field of the current input item;
* ``$node.<id>.json.a.b``          a field of the first output item of upstream node ``<id>``
  (by node id; ``$node["<id>"].json.a`` works for any id);
* ``$now`` (and its Luxon parts ``$now.hour``, ``$now.weekday`` …), ``$today``,
  ``$workflow.id``, ``$workflow.name``, ``$execution.id``, ``$env.NAME``.

Paths may index arrays (``a[0].b``) and quote keys (``a["odd key"]``). Anything else inside
the braces (operators, function calls) is allowed; only its references are checked. A value
that is exactly one ``{{ reference }}`` takes the referenced value's type; anything else with
``{{ }}`` in it is a string. A lone ``}}`` outside a segment is literal text (JSON bodies are
full of them); an unclosed ``{{`` or an empty ``{{ }}`` is a syntax problem.

Invariants:

* Pure: no I/O, no clock, no randomness. :func:`parse` is cached and never raises; syntax
  problems are data (``Template.problems``).
* :func:`references` lists references in document order (depth first, dict insertion order),
  each with its ``location`` in the parameter tree.
* :func:`resolve` never raises on data: a reference that finds nothing becomes an
  :class:`Unresolved` sentinel (falsy) at the leaf where it sits.
* :func:`json_schema_at` / :func:`field_status` read JSON Schemas loosely (``properties``,
  ``items``, ``additionalProperties``, ``anyOf``/``oneOf``/``allOf`` as alternatives) and never
  report a field as missing unless a schema says so.
* :func:`infer_shapes` gives, for every node output, a JSON Schema of the items leaving it:
  the catalog ``item_schema`` plus what parameters add (``set_fields`` fields, form labels…)
  plus, for nodes that pass their input on (IF, filter, merge, approvals…), the upstream
  item's shape. The validator and the simulator both read it, so they agree on what a
  ``$json`` or ``$node`` reference can see.
"""

from __future__ import annotations

import functools
import heapq
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from flowsmith.core import arithmetic
from flowsmith.core.models import Node, NodeFamily, Workflow

if TYPE_CHECKING:
    from flowsmith.core.catalog import Catalog, NodeSpec

RefKind = Literal["json", "node", "now", "today", "workflow", "execution", "env"]
PathKey = str | int
Path = tuple[PathKey, ...]
Location = tuple[PathKey, ...]
Schema = dict[str, Any]

OPEN, CLOSE = "{{", "}}"
ANY_FIELDS = "x-flowsmith-any-fields"
"""Marker in an inferred schema: fields beyond ``properties`` may exist but are unknown (the
upstream item is unconstrained), so a field that is not listed is not reported."""

# Parameters whose text is code for another interpreter, never an expression template.
LITERAL_PARAMETERS: Mapping[str, frozenset[str]] = {
    "code": frozenset({"code"}),
    "code_tool": frozenset({"code"}),
}
# Parameters kept verbatim from an n8n import (n8n's own expression syntax), on any subtype.
RAW_PARAMETERS = frozenset({"n8n_parameters", "n8n_credentials"})

_VAR = re.compile(r"(?<![\w$.])\$(json|node|now|today|workflow|execution|env)(?![\w$])")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_INDEX = re.compile(r"\[\s*(?:(\d+)|\"([^\"\\]*)\"|'([^'\\]*)')\s*\]")
_ARITH = re.compile(r"[\d\s.+\-*/%()eE]+")
_SIMPLE_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


# --- references and templates --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference inside ``{{ }}``.

    ``path`` is the field path for ``json``/``node`` and the attribute path for the others
    (``$env.API_KEY`` -> ``("API_KEY",)``). ``location`` is where the string holding it sits
    in the parameter tree (``("conditions", 0, "left")``); ``whole`` is True when that string
    is exactly this one reference, so its value keeps the referenced type.
    """

    kind: RefKind
    raw: str
    path: Path = ()
    node_id: str | None = None
    location: Location = ()
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """One ``{{ … }}``: its inner text, its references and their spans in that text."""

    text: str
    references: tuple[Reference, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def simple(self) -> bool:
        """The segment is exactly one reference (surrounding spaces aside)."""
        return len(self.references) == 1 and self.text.strip() == self.references[0].raw


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed string: literal text and segments in order, plus any syntax problems.
    ``segments`` and ``references`` are derived from ``parts`` once, at construction."""

    parts: tuple[str | Segment, ...]
    problems: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = field(init=False)
    references: tuple[Reference, ...] = field(init=False)

    def __post_init__(self) -> None:
        segments = tuple(p for p in self.parts if isinstance(p, Segment))
        object.__setattr__(self, "segments", segments)
        object.__setattr__(self, "references", tuple(r for s in segments for r in s.references))

    @property
    def whole(self) -> bool:
        """The whole string is one segment (its value keeps the expression's type)."""
        return len(self.parts) == 1 and isinstance(self.parts[0], Segment)


def is_template(value: object) -> bool:
    """True for a string with ``{{`` in it (complete or not: an unclosed one is a problem)."""
    return isinstance(value, str) and OPEN in value


@functools.lru_cache(maxsize=16384)
def parse(text: str) -> Template:
    """Split ``text`` into literal parts and segments; problems are collected, never raised."""
    parts: list[str | Segment] = []
    problems: list[str] = []
    pos = 0
    while True:
        start = text.find(OPEN, pos)
        if start < 0:
            if pos < len(text):
                parts.append(text[pos:])
            break
        end = text.find(CLOSE, start + 2)
        if end < 0:
            problems.append(f"'{{{{' at position {start} is never closed with '}}}}'")
            parts.append(text[pos:])
            break
        if start > pos:
            parts.append(text[pos:start])
        segment, found = _parse_segment(text[start + 2 : end])
        parts.append(segment)
        problems.extend(found)
        pos = end + 2
    whole = len(parts) == 1 and isinstance(parts[0], Segment) and parts[0].simple
    if whole:
        seg = parts[0]
        assert isinstance(seg, Segment)
        parts = [replace(seg, references=(replace(seg.references[0], whole=True),))]
    return Template(tuple(parts), tuple(problems))


def _parse_segment(content: str) -> tuple[Segment, list[str]]:
    refs: list[Reference] = []
    spans: list[tuple[int, int]] = []
    problems: list[str] = []
    if not content.strip():
        problems.append("empty expression '{{ }}'")
    for match in _VAR.finditer(content):
        keys, end, problem, dynamic = _accessors(content, match.end())
        raw = content[match.start() : end]
        if problem is not None:
            problems.append(f"'{raw}': {problem}")
            continue
        call = not dynamic and content[end:].lstrip().startswith("(")
        ref, problem = _make_reference(match.group(1), keys, raw, call)
        if ref is None:
            problems.append(f"'{raw}': {problem}")
            continue
        refs.append(ref)
        spans.append((match.start(), end))
    return Segment(content, tuple(refs), tuple(spans)), problems


def _accessors(text: str, pos: int) -> tuple[list[PathKey], int, str | None, bool]:
    """Read ``.name`` / ``?.name`` / ``[0]`` / ``["key"]`` accessors from ``pos``.

    Returns (keys, end, problem, dynamic): ``dynamic`` when a computed index (``[i]``) stops
    the chain, whose rest is then not checked.
    """
    keys: list[PathKey] = []
    while pos < len(text):
        if text.startswith("?.", pos):
            pos += 1
        char = text[pos]
        if char == ".":
            ident = _IDENT.match(text, pos + 1)
            if ident is None:
                return keys, pos + 1, "a '.' must be followed by a field name", False
            keys.append(ident.group(0))
            pos = ident.end()
        elif char == "[":
            index = _INDEX.match(text, pos)
            if index is None:
                return keys, pos, None, True
            if index.group(1) is not None:
                keys.append(int(index.group(1)))
            else:
                key = index.group(2) if index.group(2) is not None else index.group(3)
                if not key:
                    return keys, index.end(), "empty field name in [...]", False
                keys.append(key)
            pos = index.end()
        else:
            break
    return keys, pos, None, False


def _make_reference(
    kind: str, keys: list[PathKey], raw: str, call: bool
) -> tuple[Reference | None, str | None]:
    if call and keys:
        keys = keys[:-1]  # `$json.name.toUpperCase()`: the last key is a method
    if kind == "node":
        if not keys or not isinstance(keys[0], str):
            return None, "$node must be followed by a node id, as in $node.<id>.json.<field>"
        if len(keys) < 2 or keys[1] != "json":
            return None, f"use $node.{keys[0]}.json.<field> to read that node's output"
        return Reference("node", raw, tuple(keys[2:]), node_id=keys[0]), None
    if kind == "env" and (not keys or not isinstance(keys[0], str)):
        return None, "$env must be followed by a variable name, as in $env.API_KEY"
    ref_kind: RefKind = kind  # type: ignore[assignment]
    return Reference(ref_kind, raw, tuple(keys)), None


def strings(value: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string leaf of a nested parameter value, with its location (document order)."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield from strings(child, (*location, str(key)))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from strings(child, (*location, index))


def node_templates(subtype: str, parameters: Mapping[str, Any]) -> list[tuple[Location, str]]:
    """String parameters of a node that hold ``{{`` (skipping code and raw n8n parameters)."""
    literal = LITERAL_PARAMETERS.get(subtype, frozenset())
    out: list[tuple[Location, str]] = []
    for name, value in parameters.items():
        if name in literal or name in RAW_PARAMETERS:
            continue
        out.extend((loc, text) for loc, text in strings(value, (name,)) if OPEN in text)
    return out


def references(value: Any, location: Location = ()) -> list[Reference]:
    """All references in a string or nested parameter value, each with its location."""
    found: list[Reference] = []
    for loc, text in strings(value, location):
        if OPEN in text:
            found.extend(replace(ref, location=loc) for ref in parse(text).references)
    return found


def syntax_problems(value: Any, location: Location = ()) -> list[tuple[Location, str]]:
    """``(location, message)`` for every broken expression in a nested parameter value."""
    return [
        (loc, problem)
        for loc, text in strings(value, location)
        if OPEN in text
        for problem in parse(text).problems
    ]


def render_path(path: Sequence[PathKey]) -> str:
    """``("a", 0, "b c")`` -> ``a[0]["b c"]``."""
    out: list[str] = []
    for key in path:
        if isinstance(key, int):
            out.append(f"[{key}]")
        elif _SIMPLE_KEY.fullmatch(key):
            out.append(f".{key}" if out else key)
        else:
            out.append(f"[{json.dumps(key)}]")
    return "".join(out)


# --- resolution ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A reference that found nothing; falsy, so ``if value:`` treats it as absent.

    ``found`` counts the path keys that did resolve before the walk stopped.
    """

    reference: Reference
    reason: str
    found: int = 0

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class Context:
    """What expressions can see: the current item, executed nodes' first output items, and
    the workflow/execution/environment. ``env`` None means placeholders (``<NAME>``)."""

    item: Mapping[str, Any] | None = None
    nodes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    workflow: Mapping[str, Any] = field(default_factory=dict)
    execution: Mapping[str, Any] = field(default_factory=dict)
    now: str = "2024-01-01T09:00:00.000Z"
    env: Mapping[str, str] | None = None


_MISSING: Any = object()


def walk(root: Any, ref: Reference, start: int = 0) -> Any:
    """Follow ``ref.path[start:]`` from ``root``; an :class:`Unresolved` when a key is absent.

    ``length`` on a list or string gives its length, as in JavaScript.
    """
    current = root
    for depth in range(start, len(ref.path)):
        key = ref.path[depth]
        nxt = _step(current, key)
        if nxt is _MISSING:
            where = render_path(ref.path[: depth + 1])
            return Unresolved(ref, f"the item has no field '{where}'", depth)
        current = nxt
    return current


def follow(root: Any, path: Sequence[PathKey]) -> tuple[Any, int]:
    """``(value, len(path))`` when the path exists under ``root``, else ``(None, depth)``
    with ``depth`` the number of keys that resolved (cheap: no Unresolved is built)."""
    current = root
    for depth, key in enumerate(path):
        current = _step(current, key)
        if current is _MISSING:
            return None, depth
    return current, len(path)


def _step(value: Any, key: PathKey) -> Any:
    if isinstance(key, int):
        return value[key] if isinstance(value, list) and key < len(value) else _MISSING
    if isinstance(value, Mapping):
        return value.get(key, _MISSING)
    if key == "length" and isinstance(value, list | str):
        return len(value)
    return _MISSING


# Luxon DateTime parts n8n's ``$now`` has (``$now.hour``, ``$now.weekday``: 1 = Monday)
_NOW_PARTS = ("year", "month", "day", "hour", "minute", "second", "weekday")


def _now_part(now: str, part: str) -> Any:
    try:
        when = datetime.fromisoformat(now.replace("Z", "+00:00"))
    except ValueError:
        return now
    return when.isoweekday() if part == "weekday" else getattr(when, part)


def lookup(ref: Reference, context: Context) -> Any:
    """The value ``ref`` reads in ``context``, or :class:`Unresolved`."""
    if ref.kind == "json":
        if context.item is None:
            return Unresolved(ref, "there is no input item here")
        return walk(context.item, ref)
    if ref.kind == "node":
        node_id = ref.node_id or ""
        if node_id not in context.nodes:
            return Unresolved(ref, f"node '{node_id}' has not run before this point")
        return walk(context.nodes[node_id], ref)
    if ref.kind == "now" and ref.path and ref.path[0] in _NOW_PARTS:
        return _now_part(context.now, str(ref.path[0]))
    if ref.kind in ("now", "today"):
        return context.now if ref.kind == "now" else context.now[:10]
    if ref.kind == "env":
        name = str(ref.path[0])
        if context.env is None:
            return f"<{name}>"
        if name not in context.env:
            return Unresolved(ref, f"environment variable {name} is not set")
        return context.env[name]
    root = context.workflow if ref.kind == "workflow" else context.execution
    return walk(root, ref)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The value of one string parameter. ``exact`` is False when an expression beyond plain
    references (a function call, string operators…) was approximated by its text."""

    value: Any
    exact: bool
    unresolved: tuple[Unresolved, ...] = ()


def evaluate(text: str, resolve_ref: Callable[[Reference], Any]) -> Evaluation:
    """Render ``text`` with ``resolve_ref`` giving each reference's value (or Unresolved).

    A whole-value simple reference keeps its type; arithmetic on numbers is computed; other
    expressions become their text with references substituted (``exact`` False).
    """
    template = parse(text)
    if not template.segments:
        return Evaluation(text, True)
    missing: list[Unresolved] = []

    def value_of(ref: Reference) -> Any:
        value = resolve_ref(ref)
        if isinstance(value, Unresolved):
            missing.append(value)
            return None
        return value

    if template.whole:
        segment = template.segments[0]
        if segment.simple:
            value = value_of(segment.references[0])
            return Evaluation(value, True, tuple(missing))
        value, exact = _complex(segment, value_of)
        return Evaluation(value, exact, tuple(missing))
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
        elif part.simple:
            out.append(to_text(value_of(part.references[0])))
        else:
            out.append(to_text(_complex(part, value_of)[0]))
    return Evaluation("".join(out), True, tuple(missing))


def resolve(template: Any, context: Context) -> Any:
    """Resolve a string or nested parameter value against ``context``.

    Strings without ``{{`` come back unchanged; a string whose references find nothing
    becomes the first :class:`Unresolved` among them (other leaves are still resolved).
    """
    if isinstance(template, str):
        if OPEN not in template:
            return template
        result = evaluate(template, lambda ref: lookup(ref, context))
        return result.unresolved[0] if result.unresolved else result.value
    if isinstance(template, Mapping):
        return {key: resolve(value, context) for key, value in template.items()}
    if isinstance(template, list):
        return [resolve(value, context) for value in template]
    return template


def to_text(value: Any) -> str:
    """How a value appears inside a string: JSON for containers, JS spelling for scalars."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _complex(segment: Segment, value_of: Callable[[Reference], Any]) -> tuple[Any, bool]:
    """Substitute the references' values as JSON literals; compute plain arithmetic."""
    pieces: list[str] = []
    pos = 0
    for ref, (start, end) in zip(segment.references, segment.spans, strict=True):
        pieces.append(segment.text[pos:start])
        pieces.append(json.dumps(value_of(ref), ensure_ascii=False, default=str))
        pos = end
    pieces.append(segment.text[pos:])
    text = "".join(pieces).strip()
    if len(text) <= 200 and _ARITH.fullmatch(text):
        number = arithmetic.evaluate(text)
        if number is not None:
            return number, True
    return text, False


# --- JSON Schema reading -------------------------------------------------------------------


class FieldStatus(Enum):
    """What a schema says about a path: ``DECLARED`` (listed all the way down), ``UNKNOWN``
    (the schema does not say: anything may be there), ``UNDECLARED`` (the schema lists its
    fields, this is not one of them, but it allows others), ``FORBIDDEN`` (it cannot exist)."""

    DECLARED = 3
    UNKNOWN = 2
    UNDECLARED = 1
    FORBIDDEN = 0


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """``depth``: path keys walked before the verdict; ``schema``: for DECLARED the schema at
    the path, otherwise the schema where the walk stopped (to list the fields it has)."""

    status: FieldStatus
    depth: int
    schema: Any


def field_status(schema: Any, path: Sequence[PathKey]) -> FieldCheck:
    """Whether ``path`` exists in items described by ``schema`` (alternatives: best verdict)."""
    return _status(schema, tuple(path), 0)


def json_schema_at(schema: Any, path: Sequence[PathKey]) -> Schema | None:
    """The schema of the value at ``path``: ``{}`` when unconstrained, None when impossible."""
    check = field_status(schema, path)
    if check.status is FieldStatus.FORBIDDEN:
        return None
    if check.status is FieldStatus.DECLARED and isinstance(check.schema, dict):
        return check.schema
    return {}


def _alternatives(schema: Mapping[str, Any]) -> list[Any] | None:
    alts: list[Any] = []
    for key in ("anyOf", "oneOf", "allOf"):
        branch = schema.get(key)
        if isinstance(branch, list):
            alts.extend(branch)
    if not alts:
        return None
    rest = {k: v for k, v in schema.items() if k not in ("anyOf", "oneOf", "allOf")}
    if "properties" in rest or "items" in rest:
        alts.append(rest)
    return alts


def _best(checks: Iterable[FieldCheck]) -> FieldCheck:
    return max(checks, key=lambda c: (c.status.value, c.depth))


def _status(schema: Any, path: Path, depth: int) -> FieldCheck:
    if schema is True:
        schema = {}
    if not isinstance(schema, Mapping):
        return FieldCheck(FieldStatus.FORBIDDEN, depth, {})
    alts = _alternatives(schema)
    if alts is not None:
        return _best(_status(alt, path, depth) for alt in alts)
    if depth == len(path):
        return FieldCheck(FieldStatus.DECLARED, depth, schema)
    key = path[depth]
    types = schema_types(schema)
    if isinstance(key, int):
        return _index_status(schema, types, path, depth, key)
    if types is not None and "object" not in types:
        if key == "length" and types & {"array", "string"} and depth + 1 == len(path):
            return FieldCheck(FieldStatus.DECLARED, depth + 1, {"type": "integer"})
        return FieldCheck(FieldStatus.FORBIDDEN, depth, schema)
    props = schema.get("properties")
    props = props if isinstance(props, Mapping) else {}
    if key in props:
        return _status(props[key], path, depth + 1)
    patterns = schema.get("patternProperties")
    for pattern, sub in (patterns if isinstance(patterns, Mapping) else {}).items():
        if re.search(pattern, key):
            return _status(sub, path, depth + 1)
    extra = schema.get("additionalProperties", True)
    if extra is False:
        return FieldCheck(FieldStatus.FORBIDDEN, depth, schema)
    if isinstance(extra, Mapping) and extra:
        return _status(extra, path, depth + 1)
    if not props or schema.get(ANY_FIELDS):
        return FieldCheck(FieldStatus.UNKNOWN, depth, schema)
    return FieldCheck(FieldStatus.UNDECLARED, depth, schema)


def _index_status(
    schema: Mapping[str, Any], types: frozenset[str] | None, path: Path, depth: int, key: int
) -> FieldCheck:
    if types is not None and "array" not in types:
        return FieldCheck(FieldStatus.FORBIDDEN, depth, schema)
    prefix = schema.get("prefixItems")
    if isinstance(prefix, list) and key < len(prefix):
        return _status(prefix[key], path, depth + 1)
    items = schema.get("items")
    if items is None:
        return FieldCheck(FieldStatus.UNKNOWN, depth, schema)
    return _status(items, path, depth + 1)


def json_type(value: Any) -> str:
    """The JSON Schema type name of a Python JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    return "object"


def schema_types(schema: Any) -> frozenset[str] | None:
    """The JSON types a schema admits, or None when it does not say."""
    if not isinstance(schema, Mapping):
        return None
    declared = schema.get("type")
    if isinstance(declared, str):
        return frozenset({declared})
    if isinstance(declared, list):
        return frozenset(str(t) for t in declared)
    if "const" in schema:
        return frozenset({json_type(schema["const"])})
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return frozenset(json_type(v) for v in schema["enum"])
    alts = [schema[k] for k in ("anyOf", "oneOf") if isinstance(schema.get(k), list)]
    if alts:
        found = [schema_types(b) for branch in alts for b in branch]
        if found and all(t is not None for t in found):
            return frozenset(t for ts in found if ts is not None for t in ts)
    return None


_CONTAINERS = frozenset({"object", "array"})


def mismatch(source: frozenset[str], target: frozenset[str]) -> Literal["error", "warning"] | None:
    """How bad it is to put a value of ``source`` types where ``target`` types are expected.

    None: fine or unknowable (integers are numbers; scalars render fine as text); ``error``:
    certain (a container where a scalar is expected, or the reverse); ``warning``: probable
    (a string or a non-integral number where an integer is expected…).
    """
    source = source - {"null"}
    if not source or not target or source & target:
        return None
    if "integer" in source and "number" in target:
        return None
    if source <= _CONTAINERS and not target & _CONTAINERS:
        return "error"
    if not source & _CONTAINERS and target <= _CONTAINERS:
        return "error"
    if "string" in target and not source & _CONTAINERS:
        return None
    return "warning"


# --- item shapes ---------------------------------------------------------------------------

Behaviour = Literal["pass", "extend", "replace"]

# Items leave these nodes as they arrived (routing, ordering, waiting).
PASS_THROUGH = frozenset(
    {
        "if",
        "switch",
        "filter",
        "merge",
        "loop",
        "wait",
        "no_op",
        "sort",
        "limit",
        "remove_duplicates",
        "webhook_response",
    }
)
# These add fields to the item that arrived.
EXTENDS_INPUT = frozenset(
    {
        "set_fields",
        "date_time",
        "text_template",
        "approval_email",
        "approval_slack",
        "form_review",
        "text_classifier",
        "sentiment_analysis",
    }
)
_ERROR_FIELDS: Schema = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"message": {"type": "string"}},
            "additionalProperties": True,
        }
    },
}
_FORM_TYPES: Mapping[str, Schema] = {
    "number": {"type": "number"},
    "checkbox": {"type": "array", "items": {"type": "string"}},
    "date": {"type": "string", "format": "date"},
    "email": {"type": "string", "format": "email"},
}
_ATTRIBUTE_TYPES: Mapping[str, Schema] = {
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "array": {"type": "array"},
    "object": {"type": "object"},
}
_AGGREGATE_TYPES: Mapping[str, Schema] = {
    "count": {"type": "integer"},
    "concatenate": {"type": "string"},
    "collect": {"type": "array"},
}


def behaviour(subtype: str, parameters: Mapping[str, Any]) -> Behaviour:
    """How a node's output items relate to its input items."""
    if subtype in PASS_THROUGH:
        return "pass"
    if subtype == "set_fields" and parameters.get("keep_only_set") is True:
        return "replace"
    if subtype == "split_out" and parameters.get("include") == "all_other_fields":
        return "extend"
    return "extend" if subtype in EXTENDS_INPUT else "replace"


def derived_properties(subtype: str, parameters: Mapping[str, Any]) -> dict[str, Schema]:
    """Output fields a node's parameters name (set_fields keys, form labels, output_field…)."""
    builder = _DERIVED.get(subtype)
    return builder(parameters) if builder is not None else {}


def _literal_schema(value: Any) -> Schema:
    if isinstance(value, str) and OPEN in value:
        return {} if parse(value).whole else {"type": "string"}
    return {"type": json_type(value)}


def _set_fields(params: Mapping[str, Any]) -> dict[str, Schema]:
    fields = params.get("fields")
    if not isinstance(fields, Mapping):
        return {}
    return {str(k): _literal_schema(v) for k, v in fields.items()}


def _form_fields(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    for item in params.get("fields") or []:
        if isinstance(item, Mapping) and isinstance(item.get("label"), str):
            out[item["label"]] = dict(_FORM_TYPES.get(str(item.get("type")), {"type": "string"}))
    return out


def _output_field(default: str, kind: Schema) -> Callable[[Mapping[str, Any]], dict[str, Schema]]:
    def build(params: Mapping[str, Any]) -> dict[str, Schema]:
        name = params.get("output_field")
        return {name if isinstance(name, str) and name else default: dict(kind)}

    return build


def _date_time(params: Mapping[str, Any]) -> dict[str, Schema]:
    number = params.get("operation") in ("difference", "extract")
    name = params.get("output_field")
    key = name if isinstance(name, str) and name else "date"
    return {key: {"type": "number"} if number else {"type": "string"}}


def _html_extract(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    for item in params.get("extractions") or []:
        if isinstance(item, Mapping) and isinstance(item.get("key"), str):
            many = item.get("return_array") is True
            out[item["key"]] = (
                {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
            )
    return out


def _information_extractor(params: Mapping[str, Any]) -> dict[str, Schema]:
    schema = params.get("schema")
    if isinstance(schema, Mapping) and isinstance(schema.get("properties"), Mapping):
        return {str(k): dict(v) for k, v in schema["properties"].items() if isinstance(v, dict)}
    out: dict[str, Schema] = {}
    for item in params.get("attributes") or []:
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            kind = _ATTRIBUTE_TYPES.get(str(item.get("type")), {"type": "string"})
            out[item["name"]] = dict(kind)
    return out


def _aggregate(params: Mapping[str, Any]) -> dict[str, Schema]:
    out: dict[str, Schema] = {str(g): {} for g in params.get("group_by") or []}
    for item in params.get("operations") or []:
        if not isinstance(item, Mapping):
            continue
        op, name = str(item.get("operation")), item.get("output_field")
        key = name if isinstance(name, str) and name else f"{op}_{item.get('field')}"
        out[key] = dict(_AGGREGATE_TYPES.get(op, {"type": "number"}))
    return out


def _split_out(params: Mapping[str, Any]) -> dict[str, Schema]:
    name = params.get("destination_field") or params.get("field")
    return {name: {}} if isinstance(name, str) and name else {}


_DERIVED: Mapping[str, Callable[[Mapping[str, Any]], dict[str, Schema]]] = {
    "set_fields": _set_fields,
    "form_trigger": _form_fields,
    "form_review": _form_fields,
    "text_template": _output_field("text", {"type": "string"}),
    "date_time": _date_time,
    "html_extract": _html_extract,
    "information_extractor": _information_extractor,
    "aggregate": _aggregate,
    "split_out": _split_out,
}


def own_schema(spec: NodeSpec, node: Node, output: str) -> Schema:
    """The catalog item_schema of ``output`` plus the fields the node's parameters name."""
    out = spec.outputs.get(output)
    base: Schema = out.item_schema if out is not None else {}
    derived = derived_properties(node.subtype, node.parameters)
    if not derived:
        return base
    props = base.get("properties")
    merged: Schema = {
        **base,
        "type": "object",
        "properties": {**(props if isinstance(props, dict) else {}), **derived},
    }
    if node.subtype == "set_fields" and node.parameters.get("keep_only_set") is True:
        merged["additionalProperties"] = False
    return merged


def extend(base: Any, own: Schema) -> Schema:
    """Items of ``base`` shape with ``own``'s properties added (``own`` wins on a clash)."""
    if not isinstance(base, Mapping):
        return own
    if set(base) == {"anyOf"}:
        return {"anyOf": [extend(b, own) for b in base["anyOf"]]}
    own_props = own.get("properties")
    base_props = base.get("properties")
    base_props = base_props if isinstance(base_props, Mapping) else {}
    result: Schema = {
        "type": "object",
        "properties": {**base_props, **(own_props if isinstance(own_props, Mapping) else {})},
    }
    if base.get("additionalProperties", True) is False:
        result["additionalProperties"] = False
    elif not base_props or base.get(ANY_FIELDS):
        result[ANY_FIELDS] = True
    return result


def union(schemas: Sequence[Schema]) -> Schema:
    """One schema for items of any of ``schemas`` (an ``anyOf``, flattened, deduplicated)."""
    if len(schemas) == 1 and set(schemas[0]) != {"anyOf"}:
        return schemas[0]
    flat: list[Schema] = []
    for schema in schemas:
        members = schema["anyOf"] if set(schema) == {"anyOf"} else [schema]
        for member in members:
            if not any(member is seen for seen in flat):
                flat.append(member)
    if len(flat) == 1:
        return flat[0]
    return {"anyOf": flat}


@dataclass
class Shapes:
    """Inferred item schemas. ``order`` evaluates every node after its main-flow predecessors
    (loop back-edges, and any other cycle, are broken at the first node of the cycle)."""

    outputs: dict[tuple[str, str], Schema] = field(default_factory=dict)
    inputs: dict[str, Schema] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    _by_node: dict[str, Schema] = field(default_factory=dict)

    def output(self, node_id: str, output: str) -> Schema:
        """Items leaving ``node_id`` through ``output`` (``{}`` when nothing is known)."""
        return self.outputs.get((node_id, output), {})

    def input(self, node_id: str) -> Schema | None:
        """What ``$json`` is at ``node_id``; None when nothing flows into it."""
        return self.inputs.get(node_id)

    def node(self, node_id: str) -> Schema | None:
        """Items of any output of ``node_id`` (what ``$node.<id>.json`` reads)."""
        if not self._by_node:
            grouped: dict[str, list[Schema]] = {}
            for (owner, _), schema in self.outputs.items():
                grouped.setdefault(owner, []).append(schema)
            self._by_node.update({owner: union(found) for owner, found in grouped.items()})
        return self._by_node.get(node_id)


def main_edges(wf: Workflow, first: Mapping[str, Node]) -> list[tuple[str, str, str]]:
    """``(from, output, to)`` of connections that can carry items in the main flow: both ends
    exist, neither is TOOL/MEMORY, the target is not a trigger."""
    edges: list[tuple[str, str, str]] = []
    side = (NodeFamily.TOOL, NodeFamily.MEMORY)
    for conn in wf.connections:
        src, dst = first.get(conn.from_node), first.get(conn.to_node)
        if src is None or dst is None or src.type in side or dst.type in side:
            continue
        if dst.type == NodeFamily.TRIGGER:
            continue
        edges.append((src.id, conn.from_output, dst.id))
    return edges


def evaluation_order(ids: Sequence[str], edges: Iterable[tuple[str, str, str]]) -> list[str]:
    """Kahn's order over ``edges``, ties broken by position in ``ids``; when only cycles
    remain, the first remaining node that already has an evaluated predecessor goes next."""
    position = {node_id: k for k, node_id in enumerate(ids)}
    preds: dict[str, set[str]] = {i: set() for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for a, _, b in edges:
        if a != b and a not in preds[b]:
            preds[b].add(a)
            succs[a].append(b)
    waiting = {i: len(preds[i]) for i in ids}
    ready = [position[i] for i in ids if waiting[i] == 0]
    heapq.heapify(ready)
    done: set[str] = set()
    order: list[str] = []
    while len(order) < len(ids):
        if not ready:
            stuck = [i for i in ids if i not in done]
            started = [i for i in stuck if preds[i] & done]
            ready = [position[(started or stuck)[0]]]
        current = ids[heapq.heappop(ready)]
        if current in done:
            continue
        done.add(current)
        order.append(current)
        for nxt in succs[current]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0 and nxt not in done:
                heapq.heappush(ready, position[nxt])
    return order


def infer_shapes(wf: Workflow, catalog: Catalog) -> Shapes:
    """Item schemas at every node input and output (see :class:`Shapes`).

    A ``loop`` node's ``loop`` output carries the items that came from outside; its ``done``
    output carries what the loop body sends back (a second pass reads those back-edges).
    """
    first: dict[str, Node] = {}
    for node in wf.nodes:
        first.setdefault(node.id, node)
    edges = main_edges(wf, first)
    shapes = Shapes(order=evaluation_order(list(first), edges))
    position = {node_id: k for k, node_id in enumerate(shapes.order)}
    incoming: dict[str, list[tuple[str, str, bool]]] = {}
    for a, out, b in edges:
        incoming.setdefault(b, []).append((a, out, position[a] >= position[b]))
    _infer_pass(shapes, first, incoming, catalog, None)
    if any(back for feeds in incoming.values() for _, _, back in feeds):
        _infer_pass(shapes, first, incoming, catalog, dict(shapes.outputs))
    _attach_inputs(shapes, first)
    return shapes


def _infer_pass(
    shapes: Shapes,
    first: Mapping[str, Node],
    incoming: Mapping[str, list[tuple[str, str, bool]]],
    catalog: Catalog,
    previous: Mapping[tuple[str, str], Schema] | None,
) -> None:
    """One sweep in ``shapes.order``; back-edges read ``previous`` (skipped when None)."""
    for node_id in shapes.order:
        node = first[node_id]
        feeds = incoming.get(node_id, [])
        forward = [shapes.output(a, out) for a, out, back in feeds if not back]
        returned = [(previous or {}).get((a, out), {}) for a, out, back in feeds if back]
        returned = returned if previous is not None else []
        if feeds:
            shapes.inputs[node_id] = union(forward + returned) if forward or returned else {}
        spec = catalog.get(node.subtype)
        if spec is None:
            continue
        outside = union(forward) if forward else shapes.inputs.get(node_id)
        for output in sorted(spec.output_names(node.on_error)):
            if node.subtype == "loop" and output == "done" and returned:
                shapes.outputs[(node_id, output)] = union(returned)
            else:
                shapes.outputs[(node_id, output)] = _effective(spec, node, output, outside)


def _effective(spec: NodeSpec, node: Node, output: str, incoming: Schema | None) -> Schema:
    if output == "error" and output not in spec.outputs:
        return extend(incoming if incoming is not None else {}, _ERROR_FIELDS)
    how = behaviour(node.subtype, node.parameters)
    own = own_schema(spec, node, output)
    if incoming is None or how == "replace":
        return own
    return incoming if how == "pass" else extend(incoming, own)


def _attach_inputs(shapes: Shapes, first: Mapping[str, Node]) -> None:
    """A TOOL/MEMORY node's ``$json`` is the item its agent is working on."""
    for agent in first.values():
        if agent.type != NodeFamily.AI_AGENT or agent.id not in shapes.inputs:
            continue
        for ref in agent.attached_nodes:
            tool = first.get(ref)
            if tool is None or tool.type not in (NodeFamily.TOOL, NodeFamily.MEMORY):
                continue
            known = shapes.inputs.get(ref)
            agent_input = shapes.inputs[agent.id]
            shapes.inputs[ref] = agent_input if known is None else union([known, agent_input])


__all__ = [
    "ANY_FIELDS",
    "LITERAL_PARAMETERS",
    "RAW_PARAMETERS",
    "Context",
    "Evaluation",
    "FieldCheck",
    "FieldStatus",
    "Reference",
    "Segment",
    "Shapes",
    "Template",
    "Unresolved",
    "behaviour",
    "derived_properties",
    "evaluate",
    "evaluation_order",
    "extend",
    "field_status",
    "follow",
    "infer_shapes",
    "is_template",
    "json_schema_at",
    "json_type",
    "lookup",
    "main_edges",
    "mismatch",
    "node_templates",
    "own_schema",
    "parse",
    "references",
    "render_path",
    "resolve",
    "schema_types",
    "strings",
    "syntax_problems",
    "to_text",
    "union",
    "walk",
]
