"""The checks of nodes and their parameters: ``duplicate_node_id``, ``unknown_subtype``,
``family_mismatch``, ``missing_parameter`` and ``invalid_parameter`` (JSON Schema violations of
``parameters``, those of a value holding an expression ignored), with a fast path that
answers "fine" for the common schema keywords without running jsonschema.

Invariants: pure (no I/O, no clock); the fast path only ever skips jsonschema when it would
report nothing ``_report_schema_error`` keeps, so the findings are those of jsonschema alone;
its cache (``_QUICK``) is keyed by schema identity and bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jsonschema.exceptions import ValidationError as SchemaValidationError

from flowsmith.core.catalog import NodeSpec
from flowsmith.core.models import Node
from flowsmith.core.validate_context import (
    DUPLICATE_NODE_ID,
    FAMILY_MISMATCH,
    INVALID_PARAMETER,
    MISSING_PARAMETER,
    UNKNOWN_SUBTYPE,
    _Context,
    _render_path,
    _subject,
    is_expression,
)


def _check_nodes(ctx: _Context) -> None:
    seen: set[str] = set()
    for i, node in enumerate(ctx.wf.nodes):
        if node.id in seen:
            ctx.add(
                DUPLICATE_NODE_ID,
                f"Node id '{node.id}' is used by more than one node "
                f"('{node.name}' repeats it); ids must be unique.",
                node.id,
                f"nodes[{i}].id",
            )
        seen.add(node.id)
        spec = ctx.spec(node)
        if spec is None:
            ctx.add(
                UNKNOWN_SUBTYPE,
                f"{_subject(node)} has subtype '{node.subtype}', which is not in the node catalog.",
                node.id,
                f"nodes[{i}].subtype",
            )
            continue
        if spec.family != node.type:
            ctx.add(
                FAMILY_MISMATCH,
                f"{_subject(node)} has type "
                f"'{node.type.value}' but subtype '{node.subtype}' belongs to "
                f"'{spec.family.value}'.",
                node.id,
                f"nodes[{i}].type",
            )
        _check_parameters(ctx, node, i, spec)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_parameters(ctx: _Context, node: Node, i: int, spec: NodeSpec) -> None:
    prefix = f"nodes[{i}].parameters"
    params = node.parameters
    blank = {name for name in spec.required_parameters if _is_blank(params.get(name))}
    for name in sorted(blank):
        ctx.add(
            MISSING_PARAMETER,
            f"{_subject(node)} ({spec.display_name}) needs "
            f"parameter '{name}', which is missing or empty.",
            node.id,
            f"{prefix}.{name}",
        )
    if _quick_check(spec.parameters, params):
        return  # jsonschema would find nothing this function reports
    errors = sorted(spec.validator.iter_errors(params), key=lambda e: list(map(str, e.path)))
    for err in errors:
        path = list(err.absolute_path)
        if path and path[0] in blank:
            continue  # already reported as missing; the type/minLength error is noise
        _report_schema_error(ctx, node, prefix, err)


# --- a fast path for parameters that are fine --------------------------------------------
#
# jsonschema's validator costs ~30 µs a node even when the parameters are fine, which they
# almost always are: most of a 200-node workflow's validation time. For the keywords the
# catalog's schemas use, ``_quick_check`` answers "would jsonschema report anything that
# ``_report_schema_error`` does not drop?" without it. A value holding an expression is
# fine whatever its schema (every error on one is dropped). A schema with any other
# keyword (if/then/else, anyOf, $ref …) is not judged here, and whenever the answer is not
# a plain yes, jsonschema runs as before and produces the findings.

_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$comment",
        "description",
        "title",
        "default",
        "examples",
        "format",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}
_Check = Callable[[Any], bool]
# id(schema) -> (schema, its check or None when it cannot be judged here)
_QUICK: dict[int, tuple[Any, _Check | None]] = {}


def _quick_check(schema: Any, value: Any) -> bool:
    entry = _QUICK.get(id(schema))
    if entry is None or entry[0] is not schema:
        if len(_QUICK) > 4096:
            _QUICK.clear()
        entry = _QUICK[id(schema)] = (schema, _compile_check(schema))
    check = entry[1]
    return check is not None and check(value)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _one_of_types(tests: list[_Check]) -> _Check:
    return lambda v: any(t(v) for t in tests)


def _in_options(options: list[Any]) -> _Check:
    return lambda v: (v is None or isinstance(v, str)) and v in options


_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "minimum": lambda v, a: bool(v >= a),
    "maximum": lambda v, a: bool(v <= a),
    "exclusiveMinimum": lambda v, a: bool(v > a),
    "exclusiveMaximum": lambda v, a: bool(v < a),
}


def _bound(compare: Callable[[Any, Any], bool], limit: Any) -> _Check:
    return lambda v: not _is_number(v) or compare(v, limit)


_SIZED: dict[str, tuple[type[str] | type[list[Any]] | type[dict[str, Any]], bool]] = {
    "minLength": (str, True),
    "maxLength": (str, False),
    "minItems": (list, True),
    "maxItems": (list, False),
    "minProperties": (dict, True),
}


def _size(
    kind: type[str] | type[list[Any]] | type[dict[str, Any]], at_least: bool, n: int
) -> _Check:
    if at_least:
        return lambda v: not isinstance(v, kind) or len(v) >= n
    return lambda v: not isinstance(v, kind) or len(v) <= n


def _matches(regex: re.Pattern[str]) -> _Check:
    return lambda v: not isinstance(v, str) or regex.search(v) is not None


def _has_keys(names: list[str]) -> _Check:
    return lambda v: not isinstance(v, dict) or all(n in v for n in names)


def _each_item(check: _Check) -> _Check:
    return lambda v: not isinstance(v, list) or all(_fine(check, x) for x in v)


def _object(props: dict[str, _Check], closed: bool, extra: _Check | None) -> _Check:
    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return True
        for name, item in v.items():
            sub = props.get(name)
            if sub is not None:
                if not _fine(sub, item):
                    return False
            elif closed or (extra is not None and not _fine(extra, item)):
                return False
        return True

    return check


def _all_of(checks: list[_Check]) -> _Check:
    return lambda v: is_expression(v) or all(c(v) for c in checks)


def _compile_check(schema: Any) -> _Check | None:
    """A predicate "no error" for ``schema``, or None if it uses a keyword not covered."""
    if schema is True or schema == {}:
        return lambda _v: True
    if not isinstance(schema, dict):
        return None
    checks: list[_Check] = []
    props: dict[str, _Check] = {}
    extra: _Check | None = None
    closed = False
    for key, arg in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key == "type":
            names = [arg] if isinstance(arg, str) else arg
            if not isinstance(names, list) or any(n not in _TYPES for n in names):
                return None
            checks.append(_one_of_types([_TYPES[n] for n in names]))
        elif key in ("enum", "const"):
            options = arg if key == "enum" else [arg]
            if not isinstance(options, list) or any(
                o is not None and not isinstance(o, str) for o in options
            ):
                return None  # numbers and booleans compare in ways not worth copying here
            checks.append(_in_options(options))
        elif key in _BOUNDS:
            if not _is_number(arg):
                return None
            checks.append(_bound(_BOUNDS[key], arg))
        elif key in _SIZED:
            if not isinstance(arg, int) or isinstance(arg, bool):
                return None
            kind, at_least = _SIZED[key]
            checks.append(_size(kind, at_least, arg))
        elif key == "pattern":
            try:
                checks.append(_matches(re.compile(arg)))
            except (re.error, TypeError):
                return None
        elif key == "required":
            if not isinstance(arg, list) or not all(isinstance(n, str) for n in arg):
                return None
            checks.append(_has_keys(arg))
        elif key == "properties":
            if not isinstance(arg, dict):
                return None
            for name, sub in arg.items():
                sub_check = _compile_check(sub)
                if sub_check is None:
                    return None
                props[name] = sub_check
        elif key == "additionalProperties":
            if arg is False:
                closed = True
            else:
                extra = _compile_check(arg)
                if extra is None:
                    return None
        elif key == "items":
            item_check = _compile_check(arg)
            if item_check is None:
                return None
            checks.append(_each_item(item_check))
        else:
            return None
    if props or closed or extra is not None:
        checks.append(_object(props, closed, extra))
    return _all_of(checks)


def _fine(check: _Check, value: Any) -> bool:
    return is_expression(value) or check(value)


def _report_schema_error(
    ctx: _Context, node: Node, prefix: str, err: SchemaValidationError
) -> None:
    where = _render_path(err.absolute_path)
    if err.validator == "required":
        for name in _missing_names(err):
            ctx.add(
                MISSING_PARAMETER,
                f"{_subject(node)} needs parameter "
                f"'{(where + '.' + name).lstrip('.')}', which is missing.",
                node.id,
                f"{prefix}{where}.{name}",
            )
        return
    if (
        err.validator in ("anyOf", "oneOf")
        and err.context
        and all(c.validator == "required" for c in err.context)
    ):
        names = sorted({n for c in err.context for n in _missing_names(c)})
        ctx.add(
            MISSING_PARAMETER,
            f"{_subject(node)} needs one of the parameters {', '.join(repr(n) for n in names)}.",
            node.id,
            f"{prefix}{where}",
        )
        return
    if is_expression(err.instance):
        return  # resolved at run time; its type cannot be checked statically
    if err.validator == "additionalProperties":
        allowed = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
        instance = err.instance if isinstance(err.instance, dict) else {}
        extras = sorted(str(k) for k in instance if k not in allowed)
        for name in extras:
            ctx.add(
                INVALID_PARAMETER,
                f"{_subject(node)} has unknown parameter '{(where + '.' + name).lstrip('.')}'.",
                node.id,
                f"{prefix}{where}.{name}",
            )
        return
    shown = where.lstrip(".") or "parameters"
    ctx.add(
        INVALID_PARAMETER,
        f"{_subject(node)}: parameter '{shown}' is invalid: {_short(err.message)}",
        node.id,
        f"{prefix}{where}",
    )


def _missing_names(err: SchemaValidationError) -> list[str]:
    required = err.validator_value if isinstance(err.validator_value, list) else []
    instance = err.instance if isinstance(err.instance, dict) else {}
    return [str(r) for r in required if r not in instance]


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
