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

Layout: the checks run in :func:`validate_workflow`'s order, each rule group in a module of
its own that records into the shared ``_Context`` (:mod:`flowsmith.core.validate_context`,
which also holds the codes): nodes and parameters (:mod:`flowsmith.core.validate_params`),
attachments and connections (:mod:`flowsmith.core.validate_connections`), reachability,
cycles and dead ends (:mod:`flowsmith.core.validate_graph`), expressions
(:mod:`flowsmith.core.validate_expressions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Finding, Workflow
from flowsmith.core.validate_connections import (
    _check_attachments,
    _check_connections,
    _check_unattached_tools,
)
from flowsmith.core.validate_context import EMPTY_WORKFLOW, SCHEMA_ERROR, _Context, _render_path
from flowsmith.core.validate_expressions import _check_expressions
from flowsmith.core.validate_graph import _check_cycles, _check_dead_ends, _check_reachability
from flowsmith.core.validate_params import _check_nodes


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
