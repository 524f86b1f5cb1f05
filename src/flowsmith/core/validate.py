"""Static checks of a workflow against the language rules and the node catalog.

Pure: no I/O, no clock; the same workflow and catalog always give the same findings, in the
same order. Finding codes are stable (other components and LLM repair prompts key on them):

Errors (any of these makes a workflow invalid, see :func:`is_valid`):

* ``schema_error``        the document does not parse as a Workflow (pydantic error)
* ``empty_workflow``      the workflow has no nodes (no other check runs)
* ``duplicate_node_id``   a node id is used twice (reported on the later node)
* ``unknown_subtype``     ``subtype`` is not in the catalog
* ``family_mismatch``     ``type`` differs from the catalog family of ``subtype``
* ``missing_parameter``   a required parameter is absent, null or a blank string
* ``invalid_parameter``   any other JSON Schema violation of ``parameters``
* ``invalid_attachment``  ``attached_nodes`` names a missing or non TOOL/MEMORY node, or a
                          non AI_AGENT node has ``attached_nodes``
* ``dangling_connection`` a connection's ``from_node`` or ``to_node`` does not exist
* ``duplicate_connection`` the same (from, output, to, input) connection appears twice
* ``unknown_output``      ``from_output`` is not an output of the source node (``error`` is
                          allowed when its ``on_error`` is ``error_output``)
* ``unknown_input``       ``to_input`` is not an input of the target node
* ``trigger_has_input``   a connection ends at a TRIGGER node
* ``tool_not_attached``   a TOOL/MEMORY node is in a main-flow connection, or is attached to
                          no AI_AGENT
* ``no_trigger``          the workflow has no TRIGGER node
* ``unreachable_node``    a node cannot be reached from a trigger through main-flow
                          connections (TOOL/MEMORY attached to a reachable agent count as
                          reachable; not reported when there is no trigger at all)
* ``cycle``               a cycle of main-flow connections that avoids every ``loop`` node
* ``expression_syntax``   a ``{{`` is never closed, a ``{{ }}`` is empty, or a reference is
                          malformed (``$node.x`` without ``.json``, ``$json.`` with no field)
* ``unknown_node_reference`` ``$node.<id>`` names no node of the workflow
* ``reference_not_upstream`` ``$node.<id>`` names a node that does not run before this one
                          (it is not an ancestor through main connections; a TOOL/MEMORY node
                          may read its AI agent's ancestors)
* ``unknown_field``       a ``$json`` / ``$node`` path the referenced items cannot have: an
                          error when the schema forbids it (``additionalProperties: false``, or
                          a field of a number); a **warning** when the schema lists its fields,
                          this is not one of them, but others are allowed. Nothing is reported
                          when the schema does not list fields. ``$json`` is checked against
                          the items arriving through every incoming connection (their
                          ``from_output``), looking through nodes that pass items on (IF,
                          filter, merge, approvals…): see ``expressions.infer_shapes``.

Warnings (do not make a workflow invalid):

* ``dead_end``            a TRIGGER, HUMAN_IN_THE_LOOP or routing FLOW node (anything in FLOW
                          but ``stop_and_error`` / ``no_op``) has no outgoing connection, so its
                          result goes nowhere. ACTION / AI_AGENT / EXTERNAL_ACTION nodes are
                          legitimate ends of a branch and are never flagged.
* ``type_mismatch``       a parameter that is exactly one ``{{ reference }}`` whose declared
                          field type cannot fit the parameter's schema type (a number where an
                          integer is expected…), or a text template where the parameter does
                          not take a string. An **error** when certain: an object/array where
                          a scalar is expected, or the reverse.

``node_id`` is the node the finding is about; for ``dangling_connection`` it is the endpoint
that does exist (``None`` if neither does). Paths look like ``nodes[2].parameters.method`` or
``connections[4].from_output``.

Parameter values that are expressions (strings containing ``{{ ... }}``) are resolved only at
run time, so any schema violation whose offending value is such a string is ignored; the
expression checks above look at them instead (the ``code`` parameter of ``code`` and
``code_tool`` nodes is program text, not a template, and is not read). Expression findings
have the parameter's path (``nodes[3].parameters.conditions[0].left``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jsonschema.exceptions import ValidationError as SchemaValidationError
from pydantic import ValidationError

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.models import Connection, Finding, Node, NodeFamily, Severity, Workflow

SCHEMA_ERROR = "schema_error"
EMPTY_WORKFLOW = "empty_workflow"
DUPLICATE_NODE_ID = "duplicate_node_id"
UNKNOWN_SUBTYPE = "unknown_subtype"
FAMILY_MISMATCH = "family_mismatch"
MISSING_PARAMETER = "missing_parameter"
INVALID_PARAMETER = "invalid_parameter"
INVALID_ATTACHMENT = "invalid_attachment"
DANGLING_CONNECTION = "dangling_connection"
DUPLICATE_CONNECTION = "duplicate_connection"
UNKNOWN_OUTPUT = "unknown_output"
UNKNOWN_INPUT = "unknown_input"
TRIGGER_HAS_INPUT = "trigger_has_input"
TOOL_NOT_ATTACHED = "tool_not_attached"
NO_TRIGGER = "no_trigger"
UNREACHABLE_NODE = "unreachable_node"
CYCLE = "cycle"
DEAD_END = "dead_end"
EXPRESSION_SYNTAX = "expression_syntax"
UNKNOWN_NODE_REFERENCE = "unknown_node_reference"
REFERENCE_NOT_UPSTREAM = "reference_not_upstream"
UNKNOWN_FIELD = "unknown_field"
TYPE_MISMATCH = "type_mismatch"

ERROR_CODES: frozenset[str] = frozenset(
    {
        SCHEMA_ERROR,
        EMPTY_WORKFLOW,
        DUPLICATE_NODE_ID,
        UNKNOWN_SUBTYPE,
        FAMILY_MISMATCH,
        MISSING_PARAMETER,
        INVALID_PARAMETER,
        INVALID_ATTACHMENT,
        DANGLING_CONNECTION,
        DUPLICATE_CONNECTION,
        UNKNOWN_OUTPUT,
        UNKNOWN_INPUT,
        TRIGGER_HAS_INPUT,
        TOOL_NOT_ATTACHED,
        NO_TRIGGER,
        UNREACHABLE_NODE,
        CYCLE,
        EXPRESSION_SYNTAX,
        UNKNOWN_NODE_REFERENCE,
        REFERENCE_NOT_UPSTREAM,
        UNKNOWN_FIELD,
    }
)
WARNING_CODES: frozenset[str] = frozenset({DEAD_END, TYPE_MISMATCH})
"""Default severities. ``unknown_field`` is downgraded to a warning, and ``type_mismatch``
raised to an error, as described above; every other code always has its default."""

ATTACHABLE = frozenset({NodeFamily.TOOL, NodeFamily.MEMORY})
LOOP_SUBTYPE = "loop"
# FLOW nodes that legitimately end a branch; every other FLOW node exists to route onwards.
_TERMINAL_FLOW = frozenset({"stop_and_error", "no_op"})
_DEAD_END_FAMILIES = frozenset({NodeFamily.TRIGGER, NodeFamily.FLOW, NodeFamily.HUMAN_IN_THE_LOOP})
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def is_expression(value: object) -> bool:
    """True for a string holding a ``{{ ... }}`` expression, resolved only at run time."""
    return isinstance(value, str) and _EXPRESSION.search(value) is not None


def is_valid(findings: Iterable[Finding]) -> bool:
    """True when no finding has error severity."""
    return all(f.severity != "error" for f in findings)


def validate_document(data: Any) -> tuple[Workflow | None, list[Finding]]:
    """Parse ``data`` as a Workflow; schema problems become ``schema_error`` findings.

    Returns ``(None, findings)`` when it does not parse, else the workflow and the findings
    of :func:`validate_workflow`.
    """
    try:
        wf = Workflow.model_validate(data)
    except ValidationError as exc:
        return None, [_schema_finding(err, data) for err in exc.errors()]
    return wf, validate_workflow(wf)


def validate_workflow(wf: Workflow, catalog: Catalog | None = None) -> list[Finding]:
    """All findings for ``wf``, errors and warnings, in a deterministic order."""
    if not wf.nodes:
        return [
            Finding(
                code=EMPTY_WORKFLOW,
                path="nodes",
                message="The workflow has no nodes; add at least a trigger.",
            )
        ]
    ctx = _Context.build(wf, catalog if catalog is not None else load_catalog())
    checks = (
        _check_nodes,
        _check_attachments,
        _check_connections,
        _check_unattached_tools,
        _check_reachability,
        _check_cycles,
        _check_dead_ends,
        _check_expressions,
    )
    for check in checks:
        check(ctx)
    return ctx.findings


# --- context -------------------------------------------------------------------------------


@dataclass
class _Context:
    """Lookups shared by the checks. ``nodes`` keeps the first node of each id."""

    wf: Workflow
    catalog: Catalog
    nodes: dict[str, Node] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    # main-flow edges (both ends exist, neither is TOOL/MEMORY, target is not a trigger)
    edges: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    _seen: set[tuple[str, str | None, str | None]] = field(default_factory=set)

    @classmethod
    def build(cls, wf: Workflow, catalog: Catalog) -> _Context:
        ctx = cls(wf=wf, catalog=catalog)
        for i, node in enumerate(wf.nodes):
            ctx.nodes.setdefault(node.id, node)
            ctx.index.setdefault(node.id, i)
        return ctx

    def spec(self, node: Node) -> NodeSpec | None:
        return self.catalog.get(node.subtype)

    def add(
        self,
        code: str,
        message: str,
        node_id: str | None = None,
        path: str | None = None,
        severity: Severity | None = None,
        detail: str = "",
    ) -> None:
        """Record a finding once per (code, node, path, detail); severity from the code
        unless given."""
        key = (code, node_id, f"{path}\x00{detail}" if detail else path)
        if key in self._seen:
            return
        self._seen.add(key)
        if severity is None:
            severity = "warning" if code in WARNING_CODES else "error"
        self.findings.append(
            Finding(code=code, severity=severity, node_id=node_id, path=path, message=message)
        )


def _label(node: Node) -> str:
    return f"node '{node.name}' ({node.id})"


def _subject(node: Node) -> str:
    """``_label`` at the start of a sentence (``str.capitalize`` would lowercase the name)."""
    return f"Node '{node.name}' ({node.id})"


# --- nodes and parameters ------------------------------------------------------------------


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


def _render_path(parts: Iterable[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


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


# --- attachments ---------------------------------------------------------------------------


def _check_attachments(ctx: _Context) -> None:
    for i, node in enumerate(ctx.wf.nodes):
        if not node.attached_nodes:
            continue
        if node.type != NodeFamily.AI_AGENT:
            ctx.add(
                INVALID_ATTACHMENT,
                f"{_subject(node)} is {node.type.value}; "
                "only AI_AGENT nodes may have attached_nodes.",
                node.id,
                f"nodes[{i}].attached_nodes",
            )
            continue
        for k, ref in enumerate(node.attached_nodes):
            _check_one_attachment(ctx, node, f"nodes[{i}].attached_nodes[{k}]", ref)


def _check_one_attachment(ctx: _Context, agent: Node, path: str, ref: str) -> None:
    target = ctx.nodes.get(ref)
    if target is None:
        ctx.add(
            INVALID_ATTACHMENT,
            f"{_subject(agent)} attaches '{ref}', which is not a node of this workflow.",
            agent.id,
            path,
        )
    elif target.type not in ATTACHABLE:
        ctx.add(
            INVALID_ATTACHMENT,
            f"{_subject(agent)} attaches {_label(target)}, "
            f"a {target.type.value} node; only TOOL and MEMORY nodes can be attached.",
            agent.id,
            path,
        )


def _attached_ids(ctx: _Context) -> dict[str, list[str]]:
    """TOOL/MEMORY id -> ids of the AI_AGENT nodes that validly attach it."""
    owners: dict[str, list[str]] = defaultdict(list)
    for node in ctx.nodes.values():
        if node.type != NodeFamily.AI_AGENT:
            continue
        for ref in node.attached_nodes:
            target = ctx.nodes.get(ref)
            if target is not None and target.type in ATTACHABLE:
                owners[ref].append(node.id)
    return owners


# --- connections ---------------------------------------------------------------------------


def _check_connections(ctx: _Context) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    for j, conn in enumerate(ctx.wf.connections):
        key = (conn.from_node, conn.from_output, conn.to_node, conn.to_input)
        if key in seen:
            ctx.add(
                DUPLICATE_CONNECTION,
                f"Connection {_conn_text(conn)} appears more than once.",
                conn.from_node,
                f"connections[{j}]",
            )
            continue
        seen.add(key)
        _check_one_connection(ctx, j, conn)


def _conn_text(conn: Connection) -> str:
    return f"'{conn.from_node}'.{conn.from_output} -> '{conn.to_node}'.{conn.to_input}"


def _check_one_connection(ctx: _Context, j: int, conn: Connection) -> None:
    src, dst = ctx.nodes.get(conn.from_node), ctx.nodes.get(conn.to_node)
    if src is None or dst is None:
        missing = "from_node" if src is None else "to_node"
        ref = conn.from_node if src is None else conn.to_node
        existing = src or dst
        ctx.add(
            DANGLING_CONNECTION,
            f"Connection {_conn_text(conn)} refers to node '{ref}', which does not exist.",
            existing.id if existing else None,
            f"connections[{j}].{missing}",
        )
        return
    if src.type in ATTACHABLE or dst.type in ATTACHABLE:
        tool = src if src.type in ATTACHABLE else dst
        ctx.add(
            TOOL_NOT_ATTACHED,
            f"{_subject(tool)} is a {tool.type.value} node "
            "but is wired into the main flow; list it in an AI agent's attached_nodes "
            "instead.",
            tool.id,
            f"connections[{j}]",
        )
        return
    _check_ports(ctx, j, conn, src, dst)
    if dst.type == NodeFamily.TRIGGER:
        ctx.add(
            TRIGGER_HAS_INPUT,
            f"{_subject(dst)} is a trigger and cannot receive connections (from {_label(src)}).",
            dst.id,
            f"connections[{j}].to_node",
        )
        return
    ctx.edges.append((src.id, dst.id))


def _check_ports(ctx: _Context, j: int, conn: Connection, src: Node, dst: Node) -> None:
    src_spec, dst_spec = ctx.spec(src), ctx.spec(dst)
    if src_spec is not None:
        outputs = src_spec.output_names(src.on_error)
        if conn.from_output not in outputs:
            valid = ", ".join(sorted(outputs)) or "none"
            ctx.add(
                UNKNOWN_OUTPUT,
                f"{_subject(src)} has no output '{conn.from_output}' (outputs: {valid}).",
                src.id,
                f"connections[{j}].from_output",
            )
    # triggers are reported as trigger_has_input by the caller, not as a bad input name
    if (
        dst_spec is not None
        and dst.type != NodeFamily.TRIGGER
        and conn.to_input not in dst_spec.inputs
    ):
        valid = ", ".join(dst_spec.inputs) or "none"
        ctx.add(
            UNKNOWN_INPUT,
            f"{_subject(dst)} has no input '{conn.to_input}' (inputs: {valid}).",
            dst.id,
            f"connections[{j}].to_input",
        )


def _check_unattached_tools(ctx: _Context) -> None:
    owners = _attached_ids(ctx)
    for node_id, node in ctx.nodes.items():
        if node.type in ATTACHABLE and node_id not in owners:
            ctx.add(
                TOOL_NOT_ATTACHED,
                f"{_subject(node)} is a {node.type.value} "
                "node attached to no AI agent; add its id to an agent's attached_nodes.",
                node_id,
                f"nodes[{ctx.index[node_id]}]",
            )


# --- graph checks --------------------------------------------------------------------------


def _adjacency(
    edges: Iterable[tuple[str, str]], skip: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    adj: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a not in skip and b not in skip:
            adj[a].append(b)
    return adj


def _check_reachability(ctx: _Context) -> None:
    triggers = [n.id for n in ctx.nodes.values() if n.type == NodeFamily.TRIGGER]
    if not triggers:
        ctx.add(
            NO_TRIGGER,
            "The workflow has no trigger node, so nothing can start it; add "
            "one (e.g. manual_trigger or schedule_trigger).",
            None,
            "nodes",
        )
        return
    reached = _reach(triggers, _adjacency(ctx.edges))
    owners = _attached_ids(ctx)
    for node_id, node in ctx.nodes.items():
        if node_id in reached:
            continue
        if node.type in ATTACHABLE and _attachment_covers(owners.get(node_id, []), reached):
            continue
        ctx.add(
            UNREACHABLE_NODE,
            f"{_subject(node)} cannot be reached from any "
            "trigger; connect it to the flow or remove it.",
            node_id,
            f"nodes[{ctx.index[node_id]}]",
        )


def _attachment_covers(owners: list[str], reached: set[str]) -> bool:
    """Whether reachability of a TOOL/MEMORY node is settled by its owners.

    Unattached ones are reported as tool_not_attached instead, and one attached to a reached
    agent is reachable through it.
    """
    return not owners or any(o in reached for o in owners)


def _reach(starts: Sequence[str], adj: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    stack = list(starts)
    while stack:
        for nxt in adj.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _check_cycles(ctx: _Context) -> None:
    # A cycle is legal iff it passes through a loop node, so drop loop nodes and look for
    # any cycle left: those are exactly the cycles that avoid every loop node.
    loops = frozenset(
        n.id for n in ctx.nodes.values() if n.type == NodeFamily.FLOW and n.subtype == LOOP_SUBTYPE
    )
    adj = _adjacency(ctx.edges, skip=loops)
    order = [n for n in ctx.nodes if n not in loops]
    for component in strongly_connected(order, adj):
        if len(component) == 1 and component[0] not in adj.get(component[0], ()):
            continue
        first = min(component, key=ctx.index.__getitem__)
        names = " -> ".join(
            f"'{ctx.nodes[c].name}'" for c in sorted(component, key=ctx.index.__getitem__)
        )
        ctx.add(
            CYCLE,
            f"Nodes {names} form a cycle that does not pass through a loop node; "
            "use a 'loop' node to repeat work.",
            first,
            f"nodes[{ctx.index[first]}]",
        )


def strongly_connected(order: Sequence[str], adj: dict[str, list[str]]) -> Iterator[list[str]]:
    """Tarjan's SCC, iterative (no recursion limit); deterministic for a given ``order``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    for root in order:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            v, child = work.pop()
            if child == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on_stack.add(v)
            succ = adj.get(v, [])
            if child < len(succ):
                work.append((v, child + 1))
                w = succ[child]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                component: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == v:
                        break
                yield component


def _check_dead_ends(ctx: _Context) -> None:
    has_out = {a for a, _ in ctx.edges}
    for node_id, node in ctx.nodes.items():
        spec = ctx.spec(node)
        if node.type not in _DEAD_END_FAMILIES or node_id in has_out or spec is None:
            continue
        if node.subtype in _TERMINAL_FLOW or not spec.outputs:
            continue
        ctx.add(
            DEAD_END,
            f"{_subject(node)} has no outgoing connection, so its output goes nowhere.",
            node_id,
            f"nodes[{ctx.index[node_id]}]",
        )


# --- expressions ---------------------------------------------------------------------------


def _check_expressions(ctx: _Context) -> None:
    found = [
        (i, node, ex.node_templates(node.subtype, node.parameters))
        for i, node in enumerate(ctx.wf.nodes)
    ]
    if not any(templates for _, _, templates in found):
        return
    checker = _ExpressionChecker(ctx, ex.infer_shapes(ctx.wf, ctx.catalog))
    for i, node, templates in found:
        for location, text in templates:
            checker.check(i, node, location, text)


class _ExpressionChecker:
    """Checks the templates of one workflow; ancestors are computed once, on first need."""

    def __init__(self, ctx: _Context, shapes: ex.Shapes) -> None:
        self.ctx = ctx
        self.shapes = shapes
        self._ancestors: dict[str, int] | None = None
        self._bit: dict[str, int] = {node_id: 1 << k for k, node_id in enumerate(ctx.nodes)}
        self._owners = _attached_ids(ctx)
        self._fields: dict[tuple[int, ex.Path], ex.FieldCheck] = {}
        self._param_types: dict[tuple[str, ex.Location], frozenset[str] | None] = {}

    def _status(self, schema: ex.Schema, path: ex.Path) -> ex.FieldCheck:
        """``field_status``, memoised (schemas live as long as ``self.shapes``)."""
        key = (id(schema), path)
        if key not in self._fields:
            self._fields[key] = ex.field_status(schema, path)
        return self._fields[key]

    def _expected(self, spec: NodeSpec, location: ex.Location) -> frozenset[str] | None:
        key = (spec.subtype, location)
        if key not in self._param_types:
            self._param_types[key] = ex.schema_types(ex.json_schema_at(spec.parameters, location))
        return self._param_types[key]

    def check(self, i: int, node: Node, location: ex.Location, text: str) -> None:
        template = ex.parse(text)
        path = f"nodes[{i}].parameters{_render_path(location)}"
        shown = _render_path(location).lstrip(".")
        for problem in template.problems:
            self.ctx.add(
                EXPRESSION_SYNTAX,
                f"{_subject(node)}: parameter '{shown}' has a broken expression: {problem}.",
                node.id,
                path,
                detail=problem,
            )
        for ref in template.references:
            if ref.kind == "json":
                self._check_field(node, ref, path, shown, self.shapes.input(node.id))
            elif ref.kind == "node" and self._check_node(node, ref, path, shown):
                self._check_field(node, ref, path, shown, self.shapes.node(ref.node_id or ""))
        simple_whole = bool(template.references) and template.references[0].whole
        if template.segments and not template.problems and (simple_whole or not template.whole):
            self._check_type(node, location, template, path, shown)

    # -- $node.<id> ---------------------------------------------------------------------

    def _check_node(self, node: Node, ref: ex.Reference, path: str, shown: str) -> bool:
        """True when the referenced node exists and runs before ``node``."""
        target_id = ref.node_id or ""
        target = self.ctx.nodes.get(target_id)
        where = f"parameter '{shown}' reads {{{{ {ref.raw} }}}}"
        if target is None:
            self.ctx.add(
                UNKNOWN_NODE_REFERENCE,
                f"{_subject(node)}: {where}, but there is no node with id '{target_id}'"
                f"{self._did_you_mean(target_id)}. $node takes a node id, not a name.",
                node.id,
                path,
                detail=target_id,
            )
            return False
        if self._is_upstream(target_id, node):
            return True
        before = "its AI agent" if node.type in ATTACHABLE else "it"
        self.ctx.add(
            REFERENCE_NOT_UPSTREAM,
            f"{_subject(node)}: {where}, but {_label(target)} does not run before {before} "
            "(it is not upstream through main connections), so it has no output there; "
            "read a node on the path from the trigger, or use $json for the incoming item.",
            node.id,
            path,
            detail=target_id,
        )
        return False

    def _did_you_mean(self, wanted: str) -> str:
        lowered = wanted.lower()
        for candidate in self.ctx.nodes.values():
            if candidate.name == wanted or candidate.id.lower() == lowered:
                return f" (did you mean '{candidate.id}', the id of '{candidate.name}'?)"
        return ""

    def _is_upstream(self, target_id: str, node: Node) -> bool:
        bit = self._bit[target_id]
        ancestors = self._ancestor_sets()
        if node.type in ATTACHABLE:
            return any(ancestors.get(o, 0) & bit for o in self._owners.get(node.id, []))
        return bool(ancestors.get(node.id, 0) & bit)

    def _ancestor_sets(self) -> dict[str, int]:
        """Node id -> bitset of its ancestors through main edges (nodes on a cycle are their
        own ancestors). Strongly connected components in topological order, so O(V + E)."""
        if self._ancestors is not None:
            return self._ancestors
        adj = _adjacency(self.ctx.edges)
        preds: dict[str, list[str]] = defaultdict(list)
        for a, b in self.ctx.edges:
            preds[b].append(a)
        ancestors: dict[str, int] = {}
        components = list(strongly_connected(list(self.ctx.nodes), adj))
        for component in reversed(components):  # Tarjan yields sinks first
            members = set(component)
            mask = 0
            for v in component:
                for p in preds.get(v, ()):
                    if p not in members:
                        mask |= ancestors[p] | self._bit[p]
            if len(component) > 1 or component[0] in adj.get(component[0], ()):
                for v in component:
                    mask |= self._bit[v]
            for v in component:
                ancestors[v] = mask
        self._ancestors = ancestors
        return ancestors

    # -- fields and types ---------------------------------------------------------------

    def _check_field(
        self, node: Node, ref: ex.Reference, path: str, shown: str, schema: ex.Schema | None
    ) -> None:
        if schema is None or not ref.path:
            return
        check = self._status(schema, ref.path)
        if check.status not in (ex.FieldStatus.FORBIDDEN, ex.FieldStatus.UNDECLARED):
            return
        missing = ex.render_path(ref.path[: check.depth + 1])
        source = self._source_text(node, ref)
        known = _field_names(check.schema)
        listed = f" (it has: {', '.join(known)})" if known else ""
        if check.status is ex.FieldStatus.FORBIDDEN:
            severity: Severity = "error"
            verdict = f"cannot have a field '{missing}'{listed}"
        else:
            severity = "warning"
            verdict = f"do not declare a field '{missing}'{listed}; it may be missing at run time"
        self.ctx.add(
            UNKNOWN_FIELD,
            f"{_subject(node)}: parameter '{shown}' reads {{{{ {ref.raw} }}}}, but {source} "
            f"{verdict}.",
            node.id,
            path,
            severity=severity,
            detail=ref.raw,
        )

    def _source_text(self, node: Node, ref: ex.Reference) -> str:
        if ref.kind == "node":
            target = self.ctx.nodes[ref.node_id or ""]
            return f"the items of {_label(target)}"
        return "the items arriving at it"

    def _check_type(
        self, node: Node, location: ex.Location, template: ex.Template, path: str, shown: str
    ) -> None:
        spec = self.ctx.spec(node)
        if spec is None:
            return
        expected = self._expected(spec, location)
        if expected is None:
            return
        if not template.whole:
            severity = ex.mismatch(frozenset({"string"}), expected)
            given, why = "text (a string)", "it mixes text and expressions"
        else:
            ref = template.references[0]
            actual = ex.schema_types(self._field_schema(node, ref))
            if actual is None:
                return
            severity = ex.mismatch(actual, expected)
            given, why = " or ".join(sorted(actual)), f"{{{{ {ref.raw} }}}} is declared so"
        if severity is None:
            return
        self.ctx.add(
            TYPE_MISMATCH,
            f"{_subject(node)}: parameter '{shown}' expects {' or '.join(sorted(expected))} "
            f"but gets {given} ({why}).",
            node.id,
            path,
            severity="warning" if not template.whole else severity,
        )

    def _field_schema(self, node: Node, ref: ex.Reference) -> ex.Schema | None:
        if ref.kind == "json":
            schema = self.shapes.input(node.id)
        elif ref.kind == "node" and ref.node_id in self.ctx.nodes:
            if not self._is_upstream(ref.node_id, node):
                return None
            schema = self.shapes.node(ref.node_id)
        else:
            return None
        if schema is None:
            return None
        check = self._status(schema, ref.path)
        return check.schema if check.status is ex.FieldStatus.DECLARED else None


def _field_names(schema: Any, limit: int = 12) -> list[str]:
    props = schema.get("properties") if isinstance(schema, dict) else None
    names = [str(k) for k in props] if isinstance(props, dict) else []
    return names[:limit] + (["…"] if len(names) > limit else [])


# --- document ------------------------------------------------------------------------------


def _schema_finding(err: Any, data: Any) -> Finding:
    loc = tuple(err.get("loc", ()))
    path = _render_path(p for p in loc if isinstance(p, str | int)).lstrip(".") or None
    node_id = None
    if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int) and isinstance(data, dict):
        nodes = data.get("nodes")
        if isinstance(nodes, list) and loc[1] < len(nodes) and isinstance(nodes[loc[1]], dict):
            raw = nodes[loc[1]].get("id")
            node_id = raw if isinstance(raw, str) else None
    where = path or "the document"
    return Finding(
        code=SCHEMA_ERROR,
        node_id=node_id,
        path=path,
        message=f"{where}: {err.get('msg', 'invalid value')}",
    )
