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

The package: :mod:`~flowsmith.core.expressions.templates` (parsing, references),
:mod:`~flowsmith.core.expressions.resolution` (values against a run's data),
:mod:`~flowsmith.core.expressions.schemas` (reading JSON Schemas) and
:mod:`~flowsmith.core.expressions.shapes` (item shapes). This module re-exports their public
names, on purpose: it is the language's one public namespace, read as
``from flowsmith.core import expressions as ex`` (``ex.parse``, ``ex.field_status``,
``ex.infer_shapes``, ``ex.Location``…) by the validator, the simulator, repair and satisfy
in about a hundred places. The submodules import each other directly, never through here.
"""

from __future__ import annotations

from flowsmith.core.expressions.resolution import (
    Context,
    Evaluation,
    Unresolved,
    evaluate,
    follow,
    lookup,
    resolve,
    to_text,
    walk,
)
from flowsmith.core.expressions.schemas import (
    ANY_FIELDS,
    FieldCheck,
    FieldStatus,
    Schema,
    field_status,
    json_schema_at,
    json_type,
    mismatch,
    schema_types,
)
from flowsmith.core.expressions.shapes import (
    EXTENDS_INPUT,
    PASS_THROUGH,
    Behaviour,
    Shapes,
    behaviour,
    derived_properties,
    evaluation_order,
    extend,
    infer_shapes,
    main_edges,
    own_schema,
    union,
)
from flowsmith.core.expressions.templates import (
    CLOSE,
    LITERAL_PARAMETERS,
    OPEN,
    RAW_PARAMETERS,
    Location,
    Path,
    PathKey,
    Reference,
    RefKind,
    Segment,
    Template,
    is_template,
    node_templates,
    parse,
    references,
    render_path,
    strings,
    syntax_problems,
)

__all__ = [
    "ANY_FIELDS",
    "CLOSE",
    "EXTENDS_INPUT",
    "LITERAL_PARAMETERS",
    "OPEN",
    "PASS_THROUGH",
    "RAW_PARAMETERS",
    "Behaviour",
    "Context",
    "Evaluation",
    "FieldCheck",
    "FieldStatus",
    "Location",
    "Path",
    "PathKey",
    "RefKind",
    "Reference",
    "Schema",
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
