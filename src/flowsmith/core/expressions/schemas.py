"""JSON Schema reading: what a schema says about a field path and a value's type.

Holds :class:`FieldStatus` / :class:`FieldCheck` and :func:`field_status`,
:func:`json_schema_at`, :func:`json_type`, :func:`schema_types` and :func:`mismatch`, plus the
:data:`ANY_FIELDS` marker an inferred schema carries.

Invariants:

* Pure: no I/O; schemas are read, never modified.
* Schemas are read loosely (``properties``, ``items``, ``additionalProperties``,
  ``anyOf``/``oneOf``/``allOf`` as alternatives, the best verdict winning), and a field is
  never reported as missing unless a schema says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from flowsmith.core.expressions.templates import Path, PathKey

Schema = dict[str, Any]

ANY_FIELDS = "x-flowsmith-any-fields"
"""Marker in an inferred schema: fields beyond ``properties`` may exist but are unknown (the
upstream item is unconstrained), so a field that is not listed is not reported."""


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


__all__ = [
    "ANY_FIELDS",
    "FieldCheck",
    "FieldStatus",
    "Schema",
    "field_status",
    "json_schema_at",
    "json_type",
    "mismatch",
    "schema_types",
]
