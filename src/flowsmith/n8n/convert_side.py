"""What an import keeps for the way back to n8n: ``workflow.settings["n8n"]``.

:func:`_build_side` exports the imported workflow afresh and keeps, per node and for the
workflow, only the parts of the n8n input that export does not regenerate, each with a
fingerprint of what it stands in for, so that an export drops it once that part is edited.
Pure: the workflow and the importer are read, not modified; the result holds deep copies.
"""

from __future__ import annotations

import copy
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.models import Workflow, WorkflowSettings
from flowsmith.n8n.convert_export import _Exporter
from flowsmith.n8n.convert_import import _Importer
from flowsmith.n8n.convert_shared import (
    _ERROR_KEYS,
    _OWN_KEYS,
    _PARAM_KEYS,
    _TOP_KEYS,
    FORMAT,
    SIDE_KEY,
    _extras_diff,
    _group_diff,
    _join_notes,
)
from flowsmith.n8n.expr import fingerprint


def _build_side(wf: Workflow, importer: _Importer, catalog: Catalog) -> dict[str, Any]:
    """``settings["n8n"]``: the parts of the input ``to_n8n(wf)`` could not regenerate."""
    side: dict[str, Any] = {"format": FORMAT}
    fresh = _Exporter(wf, catalog, use_side=False)
    fresh.run()
    raws = {r.our_id: r for r in importer.raws if r.role == "node"}
    models = {r.owner: r for r in importer.raws if r.role == "model"}
    helpers = {r.owner: r for r in importer.raws if r.role == "helper"}
    entries: dict[str, Any] = {}
    for node in wf.nodes:
        raw = raws[node.id]
        out = fresh.node_of[node.id]
        entry: dict[str, Any] = {}
        groups: dict[str, Any] = {}
        for group, keys in (
            ("params", _PARAM_KEYS),
            ("errors", _ERROR_KEYS),
            ("layout", ["position"]),
        ):
            diff = _group_diff(out, raw.node, keys)
            if diff is not None:
                groups[group] = diff
        if raw.name != fresh.names[node.id]:
            entry["name"] = {"ours": node.name, "raw": raw.name}
        entry.update(_extras_diff(out, raw.node, _OWN_KEYS))
        if raw.user_notes is not None:
            entry["notes"] = raw.user_notes
        expected = _join_notes(raw.user_notes, fresh.markers.get(node.id))
        if expected != raw.node.get("notes"):
            groups["notes"] = {
                "fp": fingerprint({"notes": expected}),
                "raw": {"notes": raw.node.get("notes")},
            }
        if groups:
            entry["groups"] = groups
        model = models.get(node.id)
        if model is not None and fresh.lm_of.get(node.id) != model.node:
            entry["lm"] = copy.deepcopy(model.node)
        helper = helpers.get(node.id)
        if helper is not None:
            expected_helper = {**fresh.helper_of.get(node.id, {})}
            if expected_helper != helper.node:
                entry["helper"] = copy.deepcopy(helper.node)
        if node.id in importer.single_output:
            entry["single_output"] = True
        if node.subtype in fresh.consumers and model is None:
            entry["no_model"] = True
        if entry:
            entries[node.id] = {"subtype": node.subtype, **entry}
    if entries:
        side["nodes"] = entries
    if importer.sticky:
        side["sticky_notes"] = copy.deepcopy(importer.sticky)
    inputs = [
        [c.from_node, c.from_output, c.to_node, raw_index]
        for c, raw_index, fresh_index in zip(
            wf.connections, importer.raw_inputs, fresh.input_index, strict=True
        )
        if raw_index != fresh_index
    ]
    if inputs:
        side["inputs"] = inputs
    fresh_ai = sorted(list(r) for r in fresh.ai_rows)
    if sorted(importer.raw_ai) != fresh_ai:
        side["ai_links"] = importer.raw_ai
    # the rest is compared against an export that already uses the parts kept above
    partial = wf.model_copy(
        update={"settings": WorkflowSettings(**{**wf.settings.model_dump(), SIDE_KEY: side})}
    )
    second = _Exporter(partial, catalog, use_side=True)
    doc = second.run()
    data = importer.data
    raw_conns = data.get("connections", {})
    if doc["connections"] != raw_conns:
        side["connections"] = {
            "fp": fingerprint(second._connections()),
            "raw": copy.deepcopy(raw_conns),
        }
    keys = _order_keys(importer)
    if [o.key for o in second.outs] != keys:
        side["order"] = keys
    if doc.get("settings") != data.get("settings") or ("settings" in data) != ("settings" in doc):
        side["settings"] = {"raw": copy.deepcopy(data.get("settings"))}
    raw_pins = data.get("pinData")
    if raw_pins != doc.get("pinData") or ("pinData" in data) != ("pinData" in doc):
        by_name = {r.name: r.our_id for r in importer.raws if r.role == "node"}
        pins = raw_pins if isinstance(raw_pins, dict) else {}
        side["pin_data"] = {
            "absent": "pinData" not in data,
            "by_id": {by_name[k]: copy.deepcopy(v) for k, v in pins.items() if k in by_name},
            "other": {k: copy.deepcopy(v) for k, v in pins.items() if k not in by_name},
        }
    raw_meta = data.get("meta")
    base = (
        {k: copy.deepcopy(v) for k, v in raw_meta.items() if k != "flowsmith"}
        if isinstance(raw_meta, dict)
        else copy.deepcopy(raw_meta)
    )
    if base != {} or "meta" not in data:
        side["meta"] = {"present": "meta" in data, "raw": base}
    elif importer.fs.get("no_meta") is True:
        side["meta"] = {"present": False, "raw": None}
    top: dict[str, Any] = {}
    for key in ("name", "description"):
        diff = _group_diff(doc, data, [key])
        if diff is not None and not (key == "name" and "name" not in data):
            top[key] = diff
    top.update(_extras_diff(doc, data, _TOP_KEYS))
    # the n8n CLI needs an id and a name: an export always has them, even if the source had not
    if "absent" in top:
        top["absent"] = [k for k in top["absent"] if k != "id"] or None
        if top["absent"] is None:
            del top["absent"]
    if top:
        side["workflow"] = top
    return side if len(side) > 1 else {}


def _order_keys(importer: _Importer) -> list[str]:
    keys: list[str] = []
    for item in importer.order:
        if item.startswith("s:"):
            keys.append(item)
            continue
        raw = importer.by_name[item[2:]]
        if raw.role == "model":
            keys.append(f"m:{raw.owner}")
        elif raw.role == "helper":
            keys.append(f"h:{raw.owner}")
        else:
            keys.append(f"n:{raw.our_id}")
    return keys
