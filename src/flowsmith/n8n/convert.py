"""n8n interop: export a workflow of ours as n8n workflow JSON, import n8n JSON as ours.

Both directions are pure functions (no I/O), deterministic, and lossless:

* :func:`to_n8n` gives JSON that n8n imports (checked against n8n 2.41.1, see docs/n8n.md):
  unique node names, catalog-mapped node types and typeVersions, translated parameters,
  expressions rewritten to n8n's form, ``connections`` keyed by node name, AI sub-nodes wired
  with ``ai_tool`` / ``ai_memory`` / ``ai_languageModel``, credential *references* only.
* :func:`from_n8n` maps known n8n node types back to our subtypes; anything else becomes a
  generic node (``n8n_node``, ``n8n_trigger``, ``n8n_ai_node``, ``n8n_tool``, ``n8n_memory``)
  holding the n8n type, typeVersion, parameters and credential references verbatim.

Round trips. ``from_n8n(to_n8n(w))`` gives back ``w`` (ids, names, subtypes, parameters,
connections, settings; positions too unless every node sat on one spot, then the export lays
them out). ``to_n8n(from_n8n(x))`` gives back ``x`` node for node and connection for
connection. Two mechanisms make that hold where the two models differ:

* an export whose parameters would not import back exactly (a subtype n8n has no node for,
  a value our translation cannot express) carries our subtype and parameters in the n8n
  node's ``notes`` after a ``flowsmith-roundtrip:`` marker, with a fingerprint of the n8n
  parameters it was written for: an import uses it only while the node is unchanged in n8n;
* an import keeps what n8n had and our model has no field for (sticky notes, node ids,
  ``webhookId``, credential references, notes, exact parameters our translation
  approximates, connection order...) in ``workflow.settings["n8n"]``. Each kept part is used
  again on export only while the part of our workflow it belongs to is unchanged; edit a node
  and that node is translated afresh from its current parameters.

This module is the public API. The work is done in ``convert_export`` (ours to n8n),
``convert_import`` (n8n to ours), ``convert_side`` (what an import keeps for the way back),
``convert_resolve`` (which subtype of ours an n8n node is, read by both directions) and
``convert_shared`` (the format's constants, such as ``SIDE_KEY`` and ``GENERIC_SUBTYPES``, and
the helpers both directions use).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Finding, Workflow, WorkflowSettings
from flowsmith.n8n.convert_export import _Exporter
from flowsmith.n8n.convert_import import _Importer
from flowsmith.n8n.convert_shared import GENERIC_SUBTYPES, SIDE_KEY
from flowsmith.n8n.convert_side import _build_side


class N8nImportError(ValueError):
    """The document is not an n8n workflow (no ``nodes`` list, or not JSON object at all)."""


# --- public API ----------------------------------------------------------------------------


def to_n8n(workflow: Workflow, catalog: Catalog | None = None) -> dict[str, Any]:
    """n8n workflow JSON for ``workflow`` (which is not modified)."""
    return _Exporter(workflow, catalog or load_catalog(), use_side=True).run()


def from_n8n(
    data: Mapping[str, Any] | list[Any], catalog: Catalog | None = None
) -> tuple[Workflow, list[Finding]]:
    """Our workflow for n8n workflow JSON, plus notes on what the import had to do.

    ``data`` may also be a one-element list (what ``n8n export:workflow`` writes). The result
    has ``id == ""`` unless the JSON came from :func:`to_n8n` of a stored workflow; the caller
    stores it. Findings are ``info``/``warning`` notes of the conversion (generic nodes, nodes
    changed in n8n since our export, wiring we could not express); run the validator for the
    workflow's own errors. Raises :class:`N8nImportError` when ``data`` is not a workflow.
    """
    cat = catalog or load_catalog()
    importer = _Importer(_unwrap(data), cat)
    workflow = importer.run()
    side = _build_side(workflow, importer, cat)
    if side:
        settings = workflow.settings.model_dump()
        settings[SIDE_KEY] = side
        workflow = workflow.model_copy(update={"settings": WorkflowSettings(**settings)})
    return workflow, importer.findings


def is_generic(subtype: str) -> bool:
    """True for the node subtypes an import uses for n8n nodes we have no equivalent of."""
    return subtype in GENERIC_SUBTYPES


# --- helpers of the public API -------------------------------------------------------------


def _unwrap(data: Any) -> dict[str, Any]:
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, Mapping):
        raise N8nImportError("An n8n workflow is a JSON object with a 'nodes' list.")
    if not isinstance(data.get("nodes"), list):
        raise N8nImportError("This is not an n8n workflow: it has no 'nodes' list.")
    return dict(data)


__all__ = [
    "N8nImportError",
    "from_n8n",
    "is_generic",
    "to_n8n",
]
