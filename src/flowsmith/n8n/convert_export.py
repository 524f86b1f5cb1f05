"""Export: :class:`_Exporter` turns a workflow of ours into n8n workflow JSON.

One run emits each node (with its language-model sub-node and its approval decision Switch),
the main and AI connections, round-trip notes where an import would not get a node back, and the
document (connections, settings, pinData, meta). With ``use_side`` it applies what an import
kept in ``workflow.settings["n8n"]``, each part only while the part of ours it belongs to is
unchanged; without, it is the fresh export an import compares against (see
:mod:`flowsmith.n8n.convert_side`). Pure: the workflow is not modified and kept parts are
deep-copied into the result.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.layout import auto_layout
from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.n8n.convert_resolve import _Facts, _Resolver, translator
from flowsmith.n8n.convert_shared import (
    _ERROR_KEYS,
    _PARAM_KEYS,
    APPROVALS,
    FORMAT,
    GENERIC_SUBTYPES,
    HELPER_MARKER,
    LM_TYPE,
    LM_VERSION,
    SIDE_KEY,
    STICKY_TYPE,
    SWITCH_TYPE,
    _derived_settings,
    _dict,
    _extras_apply,
    _fold_values,
    _group_apply,
    _helper_params,
    _join_notes,
    _Link,
    _list,
    _model_consumers,
    _n8n_position,
    _node_fp,
    _output_name,
    _patch_lm,
)
from flowsmith.n8n.expr import fingerprint, json_number, rl, slug
from flowsmith.n8n.expr import stable_uuid as _uuid
from flowsmith.n8n.locators import fit_locators
from flowsmith.n8n.nodes import APPROVAL_OUTPUTS, MODEL_KEYS, TRANSLATORS, Ctx, fallback_forward


@dataclass
class _Out:
    """One emitted n8n node and what it belongs to."""

    key: str  # n:<id> our node, m:<id> its model sub-node, h:<id> its decision Switch, s:<i>
    node: dict[str, Any]


class _Exporter:
    def __init__(self, wf: Workflow, catalog: Catalog, use_side: bool) -> None:
        if len(wf.nodes) > 1 and len({n.position for n in wf.nodes}) == 1:
            wf = auto_layout(wf)
        self.wf = wf
        self.catalog = catalog
        raw_side = (wf.settings.model_extra or {}).get(SIDE_KEY) if use_side else None
        self.side: dict[str, Any] = raw_side if isinstance(raw_side, dict) else {}
        self.consumers = _model_consumers(catalog)
        self.by_id: dict[str, Node] = {}
        for node in wf.nodes:
            self.by_id.setdefault(node.id, node)
        self.names: dict[str, str] = {}
        self.outs: list[_Out] = []
        self.node_of: dict[str, dict[str, Any]] = {}
        self.lm_of: dict[str, dict[str, Any]] = {}
        self.helper_of: dict[str, dict[str, Any]] = {}
        self.markers: dict[str, dict[str, Any] | None] = {}
        self.input_index: list[int] = []  # per wf.connections entry
        self.main_links: list[_Link] = []
        self.ai_links: list[_Link] = []
        self.ai_rows: list[tuple[str, str, int, str, str, int]] = []
        self.taken: set[str] = set()
        self.resolver = _Resolver(catalog)
        # (source name, output, target name, input) of each emitted connection of ours
        self.emitted_conns: list[tuple[str, int, str, int]] = []
        self.outputs_used: dict[str, dict[int, str]] = defaultdict(dict)
        self.connections_doc: dict[str, Any] = {}

    # -- side lookups
    def _entry(self, node: Node) -> dict[str, Any]:
        nodes = self.side.get("nodes")
        entry = nodes.get(node.id) if isinstance(nodes, dict) else None
        if isinstance(entry, dict) and entry.get("subtype") == node.subtype:
            return entry
        return {}

    def run(self) -> dict[str, Any]:
        self._assign_names()
        self._assign_inputs()
        for node in self._unique_nodes():
            self._emit(node)
        self._main_links()
        self._ai_links()
        for node in self._unique_nodes():
            self._finish_notes(node)
        sticky = self.side.get("sticky_notes")
        if isinstance(sticky, list):
            for i, raw in enumerate(sticky):
                if isinstance(raw, dict):
                    self.outs.append(_Out(f"s:{i}", copy.deepcopy(raw)))
        return self._document()

    def _unique_nodes(self) -> list[Node]:
        return [n for n in self.wf.nodes if self.by_id.get(n.id) is n]

    # -- names
    def _claim(self, name: str) -> str:
        base, k = name, 2
        while name in self.taken:
            name, k = f"{base} {k}", k + 1
        self.taken.add(name)
        return name

    def _assign_names(self) -> None:
        taken = self.taken
        sticky = self.side.get("sticky_notes")
        for raw in sticky if isinstance(sticky, list) else []:
            if isinstance(raw, dict) and isinstance(raw.get("name"), str):
                taken.add(raw["name"])
        for node in self._unique_nodes():
            lm = _dict(self._entry(node).get("lm"))
            if node.subtype in self.consumers and isinstance(lm.get("name"), str):
                taken.add(lm["name"])
        for node in self._unique_nodes():
            naming = self._entry(node).get("name")
            name = node.name
            if isinstance(naming, dict) and naming.get("ours") == node.name:
                name = str(naming.get("raw", node.name))
            self.names[node.id] = self._claim(name)

    # -- inputs (n8n numbers the inputs of a node; ours has one 'main' input)
    def _assign_inputs(self) -> None:
        recorded: dict[tuple[str, str, str], int] = {}
        for item in _list(self.side.get("inputs")):
            if isinstance(item, list) and len(item) == 4 and isinstance(item[3], int):
                recorded.setdefault((str(item[0]), str(item[1]), str(item[2])), item[3])
        counter: dict[str, int] = defaultdict(int)
        for conn in self.wf.connections:
            dst = self.by_id.get(conn.to_node)
            key = (conn.from_node, conn.from_output, conn.to_node)
            if key in recorded:
                index = recorded[key]
            elif dst is not None and dst.subtype == "merge":
                index = counter[conn.to_node]
            else:
                index = 0
            counter[conn.to_node] += 1
            self.input_index.append(index)

    def _input_count(self, node_id: str) -> int:
        used = {
            i
            for c, i in zip(self.wf.connections, self.input_index, strict=True)
            if c.to_node == node_id
        }
        return max(used) + 1 if used else 1

    # -- nodes
    def _translate(self, node: Node, ctx: Ctx) -> tuple[str, float, dict[str, Any]]:
        spec = self.catalog.get(node.subtype)
        p = node.parameters
        if node.subtype in GENERIC_SUBTYPES or spec is None or spec.n8n is None:
            params = p.get("n8n_parameters")
            version = p.get("n8n_type_version", 1)
            return (
                str(p.get("n8n_type") or "n8n-nodes-base.noOp"),
                version if isinstance(version, int | float) else 1,
                copy.deepcopy(params) if isinstance(params, dict) else {},
            )
        tr = translator(self.catalog, node.subtype)
        params = tr.forward(p, ctx) if tr is not None else fallback_forward(spec, p, ctx)
        version = json_number(spec.n8n.type_version)
        return spec.n8n.type, version, fit_locators(spec.n8n.type, version, params)

    def _emit(self, node: Node) -> None:
        entry = self._entry(node)
        webhook_id = _uuid(self.wf.id, node.id, "webhook")
        ctx = Ctx(
            node.id,
            names=self.names,
            input_count=self._input_count(node.id),
            webhook_id=webhook_id,
        )
        n8n_type, version, params = self._translate(node, ctx)
        out: dict[str, Any] = {
            "parameters": params,
            "id": node.id,
            "name": self.names[node.id],
            "type": n8n_type,
            "typeVersion": version,
            "position": _n8n_position(node.position),
        }
        if node.on_error == "continue":
            out["onError"] = "continueRegularOutput"
        elif node.on_error == "error_output":
            out["onError"] = "continueErrorOutput"
        if node.retry.max_attempts > 1:
            out["retryOnFail"] = True
            out["maxTries"] = node.retry.max_attempts
            out["waitBetweenTries"] = json_number(round(node.retry.backoff_seconds * 1000))
        tr = translator(self.catalog, node.subtype)
        # credentials: only what the user chose (an import keeps n8n's references); a node
        # with none gets no ``credentials`` key, as n8n writes it, never {"id": null, ...}
        if node.subtype in GENERIC_SUBTYPES:
            creds = node.parameters.get("n8n_credentials")
            if isinstance(creds, dict):
                out["credentials"] = copy.deepcopy(creds)
        if tr is not None and tr.webhook:
            out["webhookId"] = webhook_id
        groups = _dict(entry.get("groups"))
        assert isinstance(groups, dict)
        _group_apply(out, _PARAM_KEYS, groups.get("params"))
        _group_apply(out, _ERROR_KEYS, groups.get("errors"))
        _group_apply(out, ["position"], groups.get("layout"))
        _extras_apply(out, entry)
        out["name"] = self.names[node.id]
        self.node_of[node.id] = out
        self.outs.append(_Out(f"n:{node.id}", out))
        if node.subtype in self.consumers and not entry.get("no_model"):
            self._emit_model(node, entry)
        branches = any(
            c.from_node == node.id and c.from_output in APPROVAL_OUTPUTS
            for c in self.wf.connections
        )
        if node.subtype in APPROVALS and not entry.get("single_output") and branches:
            self._emit_helper(node, entry)

    def _emit_model(self, node: Node, entry: Mapping[str, Any]) -> None:
        spec = self.catalog.get(node.subtype)
        assert spec is not None
        props = spec.parameters.get("properties", {})
        ours = {k: v for k, v in node.parameters.items() if k in MODEL_KEYS and k in props}
        kept = entry.get("lm")
        if isinstance(kept, dict):
            lm = copy.deepcopy(kept)
            _patch_lm(lm, ours, _fold_values(kept, props))
        else:
            options: dict[str, Any] = {}
            if "temperature" in ours:
                options["temperature"] = ours["temperature"]
            if "max_tokens" in ours:
                options["maxTokens"] = ours["max_tokens"]
            model = ours.get("model", props.get("model", {}).get("default", "gpt-4o-mini"))
            x, y = node.position
            lm = {
                "parameters": {"model": rl(model, "list"), "options": options},
                "id": f"{node.id}__model",
                "name": self._claim(f"{self.names[node.id]} Model"),
                "type": LM_TYPE,
                "typeVersion": LM_VERSION,
                "position": _n8n_position((x - 100, y + 220)),
            }
        self.lm_of[node.id] = lm
        self.outs.append(_Out(f"m:{node.id}", lm))

    def _emit_helper(self, node: Node, entry: Mapping[str, Any]) -> None:
        kept = entry.get("helper")
        if isinstance(kept, dict):
            helper = copy.deepcopy(kept)
            helper["parameters"] = _helper_params(node.subtype)
            helper["name"] = self._claim(str(helper.get("name", f"{self.names[node.id]} decision")))
        else:
            x, y = node.position
            helper = {
                "parameters": _helper_params(node.subtype),
                "id": f"{node.id}__decision",
                "name": self._claim(f"{self.names[node.id]} decision"),
                "type": SWITCH_TYPE,
                "typeVersion": 3,
                "position": _n8n_position((x + 140, y + 140)),
            }
        helper["notes"] = _join_notes(
            None, {**HELPER_MARKER, "fp": fingerprint(helper["parameters"])}
        )
        self.helper_of[node.id] = helper
        self.outs.append(_Out(f"h:{node.id}", helper))

    # -- connections
    def _out_index(self, node: Node, output: str, used: Mapping[str, set[int]]) -> int:
        emitted = self.node_of[node.id]
        if node.subtype in GENERIC_SUBTYPES:
            if output == "main":
                return 0
            if output.startswith("output_") and output[7:].isdigit():
                return int(output[7:])
            return max(used.get(node.id, {0})) + 1  # 'error': after the outputs in use
        tr = TRANSLATORS.get(node.subtype)
        names = tr.outputs(emitted["parameters"]) if tr is not None else ["main"]
        if node.subtype in APPROVALS and output in APPROVAL_OUTPUTS:
            return 0
        if output in names:
            return names.index(output)
        if output == "error":
            return len(names)
        if output.startswith("output_") and output[7:].isdigit():
            # an output_N the n8n node does not have (a Switch rule that is not there):
            # numbered after the real outputs and the error output, so it comes back as is
            known = sum(1 for n in names if n.startswith("output_"))
            base = len(names) + (1 if node.on_error == "error_output" else 0)
            return base + max(0, int(output[7:]) - known)
        return 0

    def _main_links(self) -> None:
        used: dict[str, set[int]] = defaultdict(set)
        plan: list[tuple[Connection, int]] = []
        for conn, index in zip(self.wf.connections, self.input_index, strict=True):
            src, dst = self.by_id.get(conn.from_node), self.by_id.get(conn.to_node)
            if src is None or dst is None:
                continue
            if src.type in (NodeFamily.TOOL, NodeFamily.MEMORY) or dst.type in (
                NodeFamily.TOOL,
                NodeFamily.MEMORY,
            ):
                continue
            plan.append((conn, index))
            if conn.from_output != "error":
                used[src.id].add(self._out_index(src, conn.from_output, {}))
        for node_id, decision in self.helper_of.items():
            self.main_links.append(
                _Link(self.names[node_id], "main", 0, decision["name"], "main", 0)
            )
        for conn, index in plan:
            src, dst = self.by_id[conn.from_node], self.by_id[conn.to_node]
            dst_name = self.node_of[dst.id]["name"]
            helper = self.helper_of.get(src.id)
            if helper is not None and conn.from_output in APPROVAL_OUTPUTS:
                out = APPROVAL_OUTPUTS.index(conn.from_output)
                self.main_links.append(_Link(helper["name"], "main", out, dst_name, "main", index))
                self.emitted_conns.append((helper["name"], out, dst_name, index))
                continue
            out = self._out_index(src, conn.from_output, used)
            self.main_links.append(_Link(self.names[src.id], "main", out, dst_name, "main", index))
            self.emitted_conns.append((self.names[src.id], out, dst_name, index))
            self.outputs_used[src.id][out] = conn.from_output

    def _ai_kind(self, node: Node) -> str:
        if node.subtype in GENERIC_SUBTYPES:
            kind = node.parameters.get("n8n_ai_output")
            if isinstance(kind, str) and kind:
                return kind
        return "ai_memory" if node.type == NodeFamily.MEMORY else "ai_tool"

    def _roots(self, links: list[tuple[str, str, int, str, str, int]]) -> dict[str, set[str]]:
        """For every node: the AI_AGENT nodes its sub-node wiring ends at."""
        succ: dict[str, list[str]] = defaultdict(list)
        for src, _, _, dst, _, _ in links:
            succ[src].append(dst)
        memo: dict[str, set[str]] = {}

        def roots(node_id: str, seen: frozenset[str]) -> set[str]:
            if node_id in memo:
                return memo[node_id]
            node = self.by_id.get(node_id)
            found: set[str] = set()
            if node is not None and node.type == NodeFamily.AI_AGENT:
                found.add(node_id)
            else:
                for nxt in succ.get(node_id, []):
                    if nxt not in seen:
                        found |= roots(nxt, seen | {nxt})
            memo[node_id] = found
            return found

        return {n: roots(n, frozenset({n})) for n in self.by_id}

    def _ai_links(self) -> None:
        attached: dict[str, set[str]] = defaultdict(set)  # sub-node -> agents
        for node in self._unique_nodes():
            if node.type == NodeFamily.AI_AGENT:
                for ref in node.attached_nodes:
                    if ref in self.by_id:
                        attached[ref].add(node.id)
        stored = self.side.get("ai_links")
        kept: list[tuple[str, str, int, str, str, int]] = []
        if isinstance(stored, list):
            rows = [
                (str(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]), int(r[5]))
                for r in stored
                if isinstance(r, list) and len(r) == 6
            ]
            rows = [r for r in rows if r[0] in self.by_id and r[3] in self.by_id]
            roots = self._roots(rows)
            for row in rows:
                owners = roots.get(row[3], set())
                if attached[row[0]] & owners or (not owners and not attached[row[0]]):
                    kept.append(row)
            roots = self._roots(kept)
        else:
            roots = {}
        covered = {(r[0], agent) for r in kept for agent in roots.get(r[3], set())}
        rows = list(kept)
        for agent in self._unique_nodes():
            if agent.type != NodeFamily.AI_AGENT:
                continue
            for ref in agent.attached_nodes:
                sub = self.by_id.get(ref)
                if sub is None or (ref, agent.id) in covered:
                    continue
                covered.add((ref, agent.id))
                kind = self._ai_kind(sub)
                rows.append((ref, kind, 0, agent.id, kind, 0))
        self.ai_rows = rows
        for src, kind, out, dst, dst_kind, index in rows:
            self.ai_links.append(
                _Link(self.names[src], kind, out, self.names[dst], dst_kind, index)
            )
        for node_id, lm in self.lm_of.items():
            self.ai_links.append(
                _Link(lm["name"], "ai_languageModel", 0, self.names[node_id], "ai_languageModel", 0)
            )

    # -- round-trip notes
    def _finish_notes(self, node: Node) -> None:
        out = self.node_of[node.id]
        entry = self._entry(node)
        marker = self._marker(node, out)
        self.markers[node.id] = marker
        user = entry.get("notes")
        notes = _join_notes(user, marker)
        stored = (entry.get("groups") or {}).get("notes")
        if isinstance(stored, dict) and fingerprint({"notes": notes}) == stored.get("fp"):
            raw = stored.get("raw", {})
            notes = raw.get("notes") if isinstance(raw, dict) else notes
            if notes is None:
                out.pop("notes", None)
                return
        if notes is not None:
            out["notes"] = notes

    def _facts(self, name: str) -> _Facts:
        facts = _Facts()
        for link in self.main_links:
            if link.src == name:
                facts.main = True
            if link.dst == name:
                facts.main = facts.main_in = True
        for link in self.ai_links:
            if link.src == name:
                facts.ai_out.append(link.kind)
            if link.dst == name:
                facts.ai_in = True
        return facts

    def _marker(self, node: Node, out: Mapping[str, Any]) -> dict[str, Any] | None:
        ids = {name: node_id for node_id, name in self.names.items()}
        subtype, params = self.resolver.resolve(out, node.id, ids, self._facts(out["name"]))
        extra: dict[str, Any] = {}
        if node.subtype in self.consumers:
            spec = self.catalog.get(node.subtype)
            assert spec is not None
            lm = self.lm_of.get(node.id, {})
            fold = _fold_values(lm, spec.parameters.get("properties", {}))
            extra["lm"] = fingerprint(fold)
            if subtype == node.subtype:
                params = {**{k: v for k, v in params.items() if k not in MODEL_KEYS}, **fold}
        used = self.outputs_used.get(node.id, {})
        emitted = _dict(out.get("parameters"))
        if any(
            _output_name(node.subtype, emitted, index, node.on_error) != name
            for index, name in used.items()
        ):
            extra["outputs"] = {str(index): name for index, name in sorted(used.items())}
        elif (subtype, params) == (node.subtype, node.parameters):
            return None
        return {
            "subtype": node.subtype,
            "parameters": node.parameters,
            "fp": _node_fp(out),
            **extra,
        }

    # -- the document
    def _connections(self) -> dict[str, Any]:
        conns: dict[str, dict[str, list[list[dict[str, Any]]]]] = {}
        for link in [*self.main_links, *self.ai_links]:
            outputs = conns.setdefault(link.src, {}).setdefault(link.kind, [])
            while len(outputs) <= link.out:
                outputs.append([])
            outputs[link.out].append(
                {"node": link.dst, "type": link.dst_kind, "index": link.dst_index}
            )
        return conns

    def _flowsmith_meta(self) -> dict[str, Any]:
        wf = self.wf
        meta: dict[str, Any] = {"format": FORMAT}
        if wf.id:
            meta["workflow_id"] = wf.id
        if wf.version:
            meta["version"] = wf.version
        extras = {k: v for k, v in (wf.settings.model_extra or {}).items() if k != SIDE_KEY}
        if extras:
            meta["settings"] = extras
        ids = {
            str(self.node_of[n.id].get("id")): n.id
            for n in self._unique_nodes()
            if self.node_of[n.id].get("id") != n.id
        }
        if ids:
            meta["ids"] = ids
        names = {
            self.names[n.id]: n.name for n in self._unique_nodes() if self.names[n.id] != n.name
        }
        if names:
            meta["names"] = names
        order = self._import_order()
        if order is not None:
            meta["order"] = order
        attached = self._attached_order()
        if attached:
            meta["attached"] = attached
        kept = self.side.get("meta")
        if isinstance(kept, dict) and kept.get("present") is False:
            meta["no_meta"] = True  # the n8n original had no meta at all
        return meta

    def _needs_flowsmith(self, nodes: list[dict[str, Any]]) -> bool:
        """Whether an import without ``meta.flowsmith`` would get something of ours wrong."""
        fs = self._flowsmith_meta()
        if set(fs) - {"format", "ids", "no_meta"}:
            return True
        taken: set[str] = set()
        derived: dict[str, str] = {}
        for item in nodes:  # the ids an import derives from names (see _Importer._assign_ids)
            name = item.get("name")
            if item.get("type") == STICKY_TYPE or not isinstance(name, str) or not name:
                continue
            base = slug(name)
            candidate, k = base, 2
            while candidate in taken:
                candidate, k = f"{base}_{k}", k + 1
            taken.add(candidate)
            derived[name] = candidate
        return any(derived.get(self.names[n.id]) != n.id for n in self._unique_nodes())

    def _parsed(self, kind_main: bool) -> list[tuple[str, str, int, str, int]]:
        """The links of the emitted ``connections`` in the order an import reads them."""
        out: list[tuple[str, str, int, str, int]] = []
        for src, kinds in self.connections_doc.items():
            for kind, outputs in _dict(kinds).items():
                if (kind == "main") != kind_main:
                    continue
                for index, targets in enumerate(_list(outputs)):
                    for t in _list(targets):
                        if isinstance(t, dict):
                            out.append((src, kind, index, str(t.get("node")), t.get("index", 0)))
        return out

    def _import_order(self) -> list[int] | None:
        """Where each connection an import will read sits in our list (None: same order)."""
        queues: dict[tuple[str, int, str, int], list[int]] = defaultdict(list)
        for position, key in enumerate(self.emitted_conns):
            queues[key].append(position)
        order = [
            queues[(src, out, dst, index)].pop(0)
            for src, _, out, dst, index in self._parsed(True)
            if queues.get((src, out, dst, index))
        ]
        if len(order) != len(self.emitted_conns) or order == sorted(order):
            return None
        return order

    def _attached_order(self) -> dict[str, list[str]]:
        """Agents whose attached_nodes an import would read in another order."""
        ids = {name: node_id for node_id, name in self.names.items()}
        roots = self._roots(self.ai_rows)
        order = list(self.by_id)
        derived: dict[str, list[str]] = defaultdict(list)
        for src, _, _, dst, _ in self._parsed(False):  # as _Importer._connections does
            sub, target = self.by_id.get(ids.get(src, "")), ids.get(dst)
            if (
                sub is None
                or target is None
                or sub.type not in (NodeFamily.TOOL, NodeFamily.MEMORY)
            ):
                continue
            for owner in sorted(roots.get(target, set()), key=order.index):
                if sub.id not in derived[owner]:
                    derived[owner].append(sub.id)
        return {
            agent.id: list(agent.attached_nodes)
            for agent in self._unique_nodes()
            if agent.attached_nodes
            and derived.get(agent.id, []) != agent.attached_nodes
            and sorted(derived.get(agent.id, [])) == sorted(agent.attached_nodes)
        }

    def _settings(self) -> dict[str, Any] | None:
        wf = self.wf
        kept = self.side.get("settings")
        if isinstance(kept, dict) and "raw" in kept:
            raw = kept["raw"]
            base = copy.deepcopy(raw) if isinstance(raw, dict) else None
        else:
            base = {"executionOrder": "v1", "timezone": wf.settings.timezone}
            if wf.settings.error_workflow_id:
                base["errorWorkflow"] = wf.settings.error_workflow_id
            return base
        timezone, error_wf = _derived_settings(base)
        if wf.settings.timezone != timezone:
            base = base or {}
            base["timezone"] = wf.settings.timezone
        if wf.settings.error_workflow_id != error_wf:
            base = base or {}
            if wf.settings.error_workflow_id:
                base["errorWorkflow"] = wf.settings.error_workflow_id
            else:
                base.pop("errorWorkflow", None)
        return base

    def _pin_data(self) -> tuple[bool, dict[str, Any]]:
        kept = self.side.get("pin_data")
        if not isinstance(kept, dict):
            return True, {}
        data: dict[str, Any] = {}
        by_id = _dict(kept.get("by_id"))
        assert isinstance(by_id, dict)
        for node_id, value in by_id.items():
            if node_id in self.names:
                data[self.names[node_id]] = copy.deepcopy(value)
        other = kept.get("other")
        if isinstance(other, dict):
            data.update(copy.deepcopy(other))
        return not (kept.get("absent") and not data), data

    def _order(self) -> list[dict[str, Any]]:
        order = self.side.get("order")
        outs = list(self.outs)
        if isinstance(order, list):
            rank = {str(k): i for i, k in enumerate(order)}
            outs.sort(key=lambda o: rank.get(o.key, len(rank)))
        return [o.node for o in outs]

    def _document(self) -> dict[str, Any]:
        wf = self.wf
        doc: dict[str, Any] = {
            "id": fingerprint(wf.id) if wf.id else fingerprint([wf.name, [n.id for n in wf.nodes]]),
            "name": wf.name,
        }
        if wf.description:
            doc["description"] = wf.description
        doc["nodes"] = self._order()
        connections = self._connections()
        kept = self.side.get("connections")
        if isinstance(kept, dict) and fingerprint(connections) == kept.get("fp"):
            connections = copy.deepcopy(kept.get("raw", connections))
        doc["connections"] = connections
        self.connections_doc = _dict(connections)
        settings = self._settings()
        if settings is not None:
            doc["settings"] = settings
        show_pins, pins = self._pin_data()
        if show_pins:
            doc["pinData"] = pins
        kept = self.side.get("meta")
        present, base = True, {}
        if isinstance(kept, dict) and "raw" in kept:
            present, base = bool(kept.get("present", True)), copy.deepcopy(kept["raw"])
        if self._needs_flowsmith(doc["nodes"]):
            base = base if isinstance(base, dict) else {}
            doc["meta"] = {**base, "flowsmith": self._flowsmith_meta()}
        elif present:
            doc["meta"] = base
        top = _dict(self.side.get("workflow"))
        assert isinstance(top, dict)
        _group_apply(doc, ["name"], top.get("name"))
        _group_apply(doc, ["description"], top.get("description"))
        _extras_apply(doc, top)
        return doc
