"""Import: :class:`_Importer` turns n8n workflow JSON into a workflow of ours.

It reads the usable nodes and connections (a finding for each it skips), gives each node an id
(the ``meta.flowsmith`` ids an export of ours wrote, else slugs of the names), resolves subtypes
(a round-trip marker wins while its fingerprint matches), folds language-model sub-nodes and
approval decision Switches into their owners, and builds nodes, connections and settings. It
keeps what :mod:`flowsmith.n8n.convert_side` needs to rebuild the input (``raws``, ``sticky``,
``order``, ``single_output``, ``raw_inputs``, ``raw_ai``). Pure: the input is read, not modified
(its nodes are deep-copied).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.models import (
    Connection,
    Finding,
    Node,
    NodeFamily,
    RetryPolicy,
    Severity,
    Workflow,
    WorkflowSettings,
)
from flowsmith.n8n.convert_export import _Exporter
from flowsmith.n8n.convert_resolve import _Facts, _Resolver
from flowsmith.n8n.convert_shared import (
    APPROVALS,
    GENERIC_SUBTYPES,
    HELPER_MARKER,
    LANGCHAIN,
    SIDE_KEY,
    STICKY_TYPE,
    SWITCH_TYPE,
    _derived_settings,
    _dict,
    _fold_values,
    _Link,
    _model_consumers,
    _node_fp,
    _output_name,
    _split_notes,
)
from flowsmith.n8n.expr import fingerprint, slug
from flowsmith.n8n.nodes import APPROVAL_OUTPUTS, MODEL_KEYS


@dataclass
class _Raw:
    """One usable n8n node of the input."""

    node: dict[str, Any]
    name: str
    our_id: str = ""
    subtype: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    user_notes: Any = None
    from_marker: bool = False
    marker: dict[str, Any] | None = None
    role: str = "node"  # node | model (folded into its consumer) | helper (decision Switch)
    owner: str = ""  # for model / helper: the our-id it belongs to


class _Importer:
    def __init__(self, data: dict[str, Any], catalog: Catalog) -> None:
        self.data = data
        self.catalog = catalog
        self.findings: list[Finding] = []
        self.resolver = _Resolver(catalog)
        self.consumers = _model_consumers(catalog)
        self.raws: list[_Raw] = []
        self.by_name: dict[str, _Raw] = {}
        self.sticky: list[dict[str, Any]] = []
        self.links: list[_Link] = []
        meta = data.get("meta")
        fs = meta.get("flowsmith") if isinstance(meta, dict) else None
        self.fs: dict[str, Any] = fs if isinstance(fs, dict) and "format" in fs else {}
        self.order: list[str] = []
        self.single_output: set[str] = set()
        self.raw_inputs: list[int] = []  # per connection of the result
        self.raw_ai: list[list[Any]] = []

    def note(
        self, code: str, message: str, node_id: str | None = None, severity: Severity = "info"
    ) -> None:
        self.findings.append(
            Finding(code=code, severity=severity, node_id=node_id, message=message)
        )

    def run(self) -> Workflow:
        self._collect()
        self._parse_links()
        self._assign_ids()
        ids = {r.name: r.our_id for r in self.raws}
        facts = self._facts()
        for raw in self.raws:
            self._resolve(raw, ids, facts[raw.name])
        self._fold_models()
        self._fold_helpers()
        for raw in self.raws:
            if raw.role == "node" and raw.subtype in GENERIC_SUBTYPES:
                self.note(
                    "n8n_generic_node",
                    f"Node '{raw.name}' ({raw.node.get('type')} "
                    f"v{raw.node.get('typeVersion', 1)}) has no flowsmith equivalent; it is kept "
                    f"as a generic {raw.subtype} node.",
                    raw.our_id,
                )
        nodes = self._nodes()
        connections = self._connections(nodes)
        return self._workflow(nodes, connections)

    # -- reading
    def _collect(self) -> None:
        for i, item in enumerate(self.data["nodes"]):
            if not isinstance(item, dict):
                self.note("n8n_bad_node", f"nodes[{i}] is not an object; skipped.", None, "warning")
                continue
            if item.get("type") == STICKY_TYPE:
                self.order.append(f"s:{len(self.sticky)}")
                self.sticky.append(copy.deepcopy(item))
                continue
            name, n8n_type = item.get("name"), item.get("type")
            if (
                not isinstance(name, str)
                or not name
                or not isinstance(n8n_type, str)
                or not n8n_type
            ):
                self.note(
                    "n8n_bad_node", f"nodes[{i}] has no name or type; skipped.", None, "warning"
                )
                continue
            if name in self.by_name:
                self.note(
                    "n8n_duplicate_name",
                    f"Two nodes are named '{name}'; the second one is skipped.",
                    None,
                    "warning",
                )
                continue
            raw = _Raw(node=copy.deepcopy(item), name=name)
            self.raws.append(raw)
            self.by_name[name] = raw
            self.order.append(f"r:{name}")

    def _parse_links(self) -> None:
        conns = self.data.get("connections")
        if not isinstance(conns, dict):
            return
        for src, kinds in conns.items():
            if not isinstance(kinds, dict):
                continue
            for kind, outputs in kinds.items():
                if not isinstance(outputs, list):
                    continue
                for out, targets in enumerate(outputs):
                    for t in targets if isinstance(targets, list) else []:
                        if not isinstance(t, dict) or not isinstance(t.get("node"), str):
                            continue
                        dst = t["node"]
                        if src not in self.by_name or dst not in self.by_name:
                            self.note(
                                "n8n_dangling_connection",
                                f"A connection {src!r} -> {dst!r} names a node that does not "
                                "exist; it is left out.",
                                None,
                                "warning",
                            )
                            continue
                        index = t.get("index", 0)
                        self.links.append(
                            _Link(
                                src,
                                str(kind),
                                out,
                                dst,
                                str(t.get("type", kind)),
                                index if isinstance(index, int) else 0,
                            )
                        )

    def _assign_ids(self) -> None:
        mapping = _dict(self.fs.get("ids"))
        assert isinstance(mapping, dict)
        taken: set[str] = set()
        for raw in self.raws:
            candidate: Any = None
            if self.fs:
                n8n_id = raw.node.get("id")
                candidate = mapping.get(n8n_id, n8n_id) if isinstance(n8n_id, str) else None
            if not (isinstance(candidate, str) and 0 < len(candidate) <= 64) or candidate in taken:
                base = slug(raw.name)
                candidate, k = base, 2
                while candidate in taken:
                    candidate, k = f"{base}_{k}", k + 1
            taken.add(candidate)
            raw.our_id = candidate

    def _facts(self) -> dict[str, _Facts]:
        facts = {r.name: _Facts() for r in self.raws}
        for link in self.links:
            if link.kind == "main":
                facts[link.src].main = True
                facts[link.dst].main = facts[link.dst].main_in = True
            else:
                facts[link.src].ai_out.append(link.kind)
                facts[link.dst].ai_in = True
        return facts

    def _resolve(self, raw: _Raw, ids: Mapping[str, str], facts: _Facts) -> None:
        raw.user_notes, marker = _split_notes(raw.node.get("notes"))
        raw.marker = marker
        if marker is not None and "subtype" in marker:
            spec = self.catalog.get(str(marker["subtype"]))
            if (
                marker.get("fp") == _node_fp(raw.node)
                and spec is not None
                and isinstance(marker.get("parameters"), dict)
            ):
                raw.subtype = spec.subtype
                raw.params = copy.deepcopy(marker["parameters"])
                raw.from_marker = True
                return
            self.note(
                "n8n_changed_in_n8n",
                f"Node '{raw.name}' was changed in n8n after flowsmith exported it; it is "
                "imported from its n8n settings.",
                raw.our_id,
            )
        raw.subtype, raw.params = self.resolver.resolve(raw.node, raw.our_id, ids, facts)

    # -- folding n8n-only structure into ours
    def _fold_models(self) -> None:
        incoming: dict[str, list[_Link]] = defaultdict(list)
        touching: dict[str, list[_Link]] = defaultdict(list)
        for link in self.links:
            incoming[link.dst].append(link)
            touching[link.src].append(link)
            touching[link.dst].append(link)
        for raw in self.raws:
            mine = touching[raw.name]
            if (
                raw.role != "node"
                or raw.from_marker
                or not raw.node.get("type", "").startswith(LANGCHAIN + "lm")
                or len(mine) != 1
                or mine[0].src != raw.name
                or mine[0].kind != "ai_languageModel"
                or mine[0].out != 0
                or mine[0].dst_index != 0
            ):
                continue
            consumer = self.by_name[mine[0].dst]
            if consumer.role != "node" or consumer.subtype not in self.consumers:
                continue
            if sum(1 for x in incoming[consumer.name] if x.kind == "ai_languageModel") != 1:
                continue
            spec = self.catalog.get(consumer.subtype)
            assert spec is not None
            fold = _fold_values(raw.node, spec.parameters.get("properties", {}))
            marker = consumer.marker or {}
            if not (consumer.from_marker and marker.get("lm") == fingerprint(fold)):
                consumer.params = {
                    **{k: v for k, v in consumer.params.items() if k not in MODEL_KEYS},
                    **fold,
                }
            raw.role, raw.owner = "model", consumer.our_id

    def _fold_helpers(self) -> None:
        out_links: dict[str, list[_Link]] = defaultdict(list)
        in_links: dict[str, list[_Link]] = defaultdict(list)
        for link in self.links:
            out_links[link.src].append(link)
            in_links[link.dst].append(link)
        for raw in self.raws:
            if raw.role != "node" or raw.subtype not in APPROVALS:
                continue
            first = [x for x in out_links[raw.name] if x.kind == "main" and x.out == 0]
            helper = self.by_name[first[0].dst] if len(first) == 1 else None
            ok = (
                helper is not None
                and helper.role == "node"
                and helper.node.get("type") == SWITCH_TYPE
                and len(in_links[helper.name]) == 1
                and helper.marker is not None
                and helper.marker.get("helper") == HELPER_MARKER["helper"]
                and helper.marker.get("fp") == fingerprint(helper.node.get("parameters"))
            )
            if ok and helper is not None:
                helper.role, helper.owner = "helper", raw.our_id
            elif first:
                self.single_output.add(raw.our_id)
                self.note(
                    "n8n_single_decision_output",
                    f"n8n's send-and-wait node '{raw.name}' has one output for every decision; "
                    "its wiring is imported as the 'approved' branch.",
                    raw.our_id,
                    "warning",
                )

    # -- building ours
    def _nodes(self) -> list[Node]:
        names = _dict(self.fs.get("names"))
        assert isinstance(names, dict)
        nodes: list[Node] = []
        for raw in self.raws:
            if raw.role != "node":
                continue
            spec = self.catalog.get(raw.subtype)
            assert spec is not None
            name = names.get(raw.name, raw.name)
            position = raw.node.get("position")
            pos = (0.0, 0.0)
            if (
                isinstance(position, list)
                and len(position) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in position)
            ):
                pos = (float(position[0]), float(position[1]))
            nodes.append(
                Node(
                    id=raw.our_id,
                    name=str(name)[:200] or raw.our_id,
                    type=spec.family,
                    subtype=raw.subtype,
                    parameters=raw.params,
                    position=pos,
                    on_error=_on_error(raw.node),
                    retry=_retry(raw.node),
                )
            )
        return nodes

    def _output_name(self, raw: _Raw, index: int, on_error: str) -> str:
        outputs = _dict((raw.marker or {}).get("outputs")) if raw.from_marker else {}
        if isinstance(outputs.get(str(index)), str):
            return str(outputs[str(index)])
        return _output_name(raw.subtype, _dict(raw.node.get("parameters")), index, on_error)

    def _connections(self, nodes: list[Node]) -> list[Connection]:
        by_id = {n.id: n for n in nodes}
        ours = {r.name: r for r in self.raws if r.role == "node"}
        result: list[Connection] = []
        attach: dict[str, list[str]] = defaultdict(list)
        ai_rows: list[tuple[str, str, int, str, str, int]] = []
        for link in self.links:
            src, dst = self.by_name[link.src], self.by_name[link.dst]
            if link.kind != "main":
                if src.role == "model":
                    continue
                if src.role == "node" and dst.role == "node":
                    ai_rows.append(
                        (src.our_id, link.kind, link.out, dst.our_id, link.dst_kind, link.dst_index)
                    )
                continue
            if dst.role == "helper":
                continue  # approval -> its decision Switch
            if src.role == "helper":
                owner = by_id[src.owner]
                output = APPROVAL_OUTPUTS[link.out] if link.out < 3 else f"output_{link.out}"
                if dst.name in ours:
                    result.append(
                        Connection(from_node=owner.id, to_node=dst.our_id, from_output=output)
                    )
                    self.raw_inputs.append(link.dst_index)
                continue
            if src.name not in ours or dst.name not in ours:
                continue
            node = by_id[src.our_id]
            output = self._output_name(src, link.out, node.on_error)
            if src.subtype in APPROVALS and src.our_id in self.single_output and link.out == 0:
                output = "approved"
            result.append(Connection(from_node=src.our_id, to_node=dst.our_id, from_output=output))
            self.raw_inputs.append(link.dst_index)
        # sub-node wiring -> attached_nodes of the AI_AGENT node(s) it ends at
        exporter = _Exporter(Workflow(nodes=nodes), self.catalog, use_side=False)
        roots = exporter._roots(ai_rows)
        for src_id, _, _, dst_id, _, _ in ai_rows:
            sub = by_id[src_id]
            owners = sorted(roots.get(dst_id, set()), key=list(by_id).index)
            if sub.type not in (NodeFamily.TOOL, NodeFamily.MEMORY) or not owners:
                self.note(
                    "n8n_unattached_sub_node",
                    f"Node '{sub.name}' is wired into an n8n AI node in a way flowsmith cannot "
                    "attach; the wiring is kept for the way back to n8n.",
                    src_id,
                    "warning",
                )
                continue
            for owner_id in owners:
                if src_id not in attach[owner_id]:
                    attach[owner_id].append(src_id)
        self.raw_ai = [list(r) for r in ai_rows]
        wanted = _dict(self.fs.get("attached"))
        for i, node in enumerate(nodes):
            refs = attach.get(node.id)
            if not refs:
                continue
            again = wanted.get(node.id)
            if isinstance(again, list) and sorted(map(str, again)) == sorted(refs):
                refs = [str(r) for r in again]
            nodes[i] = node.model_copy(update={"attached_nodes": refs})
        order = self.fs.get("order")
        if isinstance(order, list) and sorted(order) == list(range(len(result))):
            placed: list[Any] = [None] * len(result)
            inputs: list[int] = [0] * len(result)
            for j, position in enumerate(order):
                placed[position], inputs[position] = result[j], self.raw_inputs[j]
            result, self.raw_inputs = placed, inputs
        return result

    def _workflow(self, nodes: list[Node], connections: list[Connection]) -> Workflow:
        data = self.data
        timezone, error_wf = _derived_settings(data.get("settings"))
        extras = _dict(self.fs.get("settings"))
        assert isinstance(extras, dict)
        settings = WorkflowSettings(
            **{
                k: v
                for k, v in extras.items()
                if k not in ("timezone", "error_workflow_id", SIDE_KEY)
            },
            timezone=timezone,
            error_workflow_id=error_wf,
        )
        name = data.get("name")
        description = data.get("description")
        version = self.fs.get("version", 0)
        workflow_id = self.fs.get("workflow_id", "")
        return Workflow(
            id=workflow_id if isinstance(workflow_id, str) else "",
            name=(name[:200] if isinstance(name, str) and name else "Imported n8n workflow"),
            description=description if isinstance(description, str) else "",
            version=version if isinstance(version, int) and version >= 0 else 0,
            nodes=nodes,
            connections=connections,
            settings=settings,
        )


def _on_error(node: Mapping[str, Any]) -> Any:
    value = node.get("onError")
    if value == "continueErrorOutput":
        return "error_output"
    if value == "continueRegularOutput" or (value is None and node.get("continueOnFail") is True):
        return "continue"
    return "stop"


def _retry(node: Mapping[str, Any]) -> RetryPolicy:
    if node.get("retryOnFail") is not True:
        return RetryPolicy()
    tries = node.get("maxTries", 3)
    wait = node.get("waitBetweenTries", 1000)
    tries = tries if isinstance(tries, int) and not isinstance(tries, bool) else 3
    wait = wait if isinstance(wait, int | float) and not isinstance(wait, bool) else 1000
    return RetryPolicy(
        max_attempts=max(1, min(10, tries)), backoff_seconds=max(0.0, min(3600.0, wait / 1000))
    )
