"""Which node of ours an n8n node is: the subtype and parameters an import gives it.

:class:`_Resolver` tries the reverse translators of the node's n8n type (app entries first, see
:func:`_reverse_index`) and takes the first result that fits the subtype's schema; an n8n node
none of them reads becomes a generic node, its family told from how it is wired
(:class:`_Facts`, :func:`_classify`). The exporter uses it too, to tell whether an exported node
would import back as it is. Pure: reads the catalog, modifies none of its inputs.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog, NodeSpec
from flowsmith.core.validate_context import is_expression
from flowsmith.n8n.apps import app_translator
from flowsmith.n8n.convert_shared import (
    GENERIC_AI,
    GENERIC_MEMORY,
    GENERIC_NODE,
    GENERIC_TOOL,
    GENERIC_TRIGGER,
    LANGCHAIN,
    _dict,
)
from flowsmith.n8n.nodes import TRANSLATORS, Ctx, Translator

_TRIGGER_NAMES = frozenset({"start", "cron", "interval"})
_SUB_PREFIXES = (
    "lm",
    "embeddings",
    "tool",
    "document",
    "textSplitter",
    "outputParser",
    "retriever",
    "reranker",
    "mcpClientTool",
)


def translator(catalog: Catalog, subtype: str) -> Translator | None:
    """The translator of a subtype: the table's, or one built from its app entry."""
    return TRANSLATORS.get(subtype) or app_translator(catalog, subtype)


def _reverse_index(catalog: Catalog) -> dict[str, list[Translator]]:
    """n8n type -> translators that read it: app entries first (an n8n node whose resource
    and operation are an app's imports as that app node), then the per-action subtypes kept
    for stored workflows (they still read what no app operation matches), in catalog order."""
    index: dict[str, list[Translator]] = defaultdict(list)
    for apps_pass in (True, False):
        for spec in catalog:
            if (spec.app is not None) != apps_pass:
                continue
            tr = translator(catalog, spec.subtype)
            if tr is not None and tr.reverse is not None and spec.n8n is not None:
                index[spec.n8n.type].append(tr)
    return index


def _tolerable(spec: NodeSpec, params: dict[str, Any]) -> bool:
    """Whether imported parameters fit the schema, bar values a user still has to fill in."""
    for err in spec.validator.iter_errors(params):
        if err.validator in ("required", "minLength", "minItems", "minProperties"):
            continue
        if is_expression(err.instance):
            continue
        return False
    return True


def _is_trigger_type(n8n_type: str) -> bool:
    short = n8n_type.rsplit(".", 1)[-1]
    return short.lower().endswith("trigger") or short in _TRIGGER_NAMES


@dataclass
class _Facts:
    """How an n8n node is wired, for telling generic nodes' families apart."""

    main: bool = False
    main_in: bool = False
    ai_in: bool = False
    ai_out: list[str] = field(default_factory=list)


class _Resolver:
    """Decides the subtype and parameters of ours for one n8n node."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index = _reverse_index(catalog)

    def translate(
        self, raw: Mapping[str, Any], node_id: str, ids: Mapping[str, str]
    ) -> tuple[str, dict[str, Any]] | None:
        n8n_type = raw.get("type")
        version = raw.get("typeVersion", 1)
        params = _dict(raw.get("parameters"))
        assert isinstance(params, dict)
        if not isinstance(version, int | float) or isinstance(version, bool):
            return None
        for tr in self.index.get(str(n8n_type), []):
            if not tr.can_reverse(params, version):
                continue
            assert tr.reverse is not None
            ours = tr.reverse(params, Ctx(node_id, ids=ids, type_version=version))
            spec = self.catalog.get(tr.subtype)
            if ours is not None and spec is not None and _tolerable(spec, ours):
                return tr.subtype, ours
        return None

    def generic(self, raw: Mapping[str, Any], facts: _Facts) -> tuple[str, dict[str, Any]]:
        n8n_type = str(raw.get("type"))
        params: dict[str, Any] = {
            "n8n_type": n8n_type,
            "n8n_type_version": raw.get("typeVersion", 1),
            "n8n_parameters": copy.deepcopy(raw.get("parameters", {})),
        }
        if "credentials" in raw:
            params["n8n_credentials"] = copy.deepcopy(raw["credentials"])
        subtype = _classify(n8n_type, facts)
        if subtype in (GENERIC_TOOL, GENERIC_MEMORY):
            kinds = facts.ai_out or (["ai_memory"] if subtype == GENERIC_MEMORY else ["ai_tool"])
            params["n8n_ai_output"] = kinds[0]
        return subtype, params

    def resolve(
        self, raw: Mapping[str, Any], node_id: str, ids: Mapping[str, str], facts: _Facts
    ) -> tuple[str, dict[str, Any]]:
        found = self.translate(raw, node_id, ids)
        return found if found is not None else self.generic(raw, facts)


def _classify(n8n_type: str, facts: _Facts) -> str:
    short = n8n_type.rsplit(".", 1)[-1]
    langchain = n8n_type.startswith(LANGCHAIN)
    if facts.ai_out and not facts.main:
        return GENERIC_MEMORY if set(facts.ai_out) == {"ai_memory"} else GENERIC_TOOL
    if not facts.main and not facts.ai_out and not facts.ai_in and langchain:
        if short.startswith("memory"):
            return GENERIC_MEMORY
        if short.startswith(_SUB_PREFIXES):
            return GENERIC_TOOL
    if _is_trigger_type(n8n_type) and not facts.main_in:
        return GENERIC_TRIGGER
    return GENERIC_AI if facts.ai_in else GENERIC_NODE
