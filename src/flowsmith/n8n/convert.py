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
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.layout import auto_layout
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
from flowsmith.core.validate_context import is_expression
from flowsmith.n8n.apps import app_translator
from flowsmith.n8n.expr import fingerprint, json_number, rl, rl_value, slug
from flowsmith.n8n.expr import stable_uuid as _uuid
from flowsmith.n8n.locators import fit_locators
from flowsmith.n8n.nodes import (
    APPROVAL_OUTPUTS,
    DECISION_FIELD,
    DECISION_VALUES,
    MODEL_KEYS,
    TRANSLATORS,
    Ctx,
    Translator,
    fallback_forward,
)

FORMAT = 1
SIDE_KEY = "n8n"
"""``workflow.settings[SIDE_KEY]`` holds what an import kept for the way back to n8n."""
MARKER = "flowsmith-roundtrip:"
STICKY_TYPE = "n8n-nodes-base.stickyNote"
SWITCH_TYPE = "n8n-nodes-base.switch"
LM_TYPE = "@n8n/n8n-nodes-langchain.lmChatOpenAi"
LM_VERSION = 1.2
LANGCHAIN = "@n8n/n8n-nodes-langchain."

GENERIC_NODE = "n8n_node"
GENERIC_TRIGGER = "n8n_trigger"
GENERIC_AI = "n8n_ai_node"
GENERIC_TOOL = "n8n_tool"
GENERIC_MEMORY = "n8n_memory"
GENERIC_SUBTYPES = frozenset(
    {GENERIC_NODE, GENERIC_TRIGGER, GENERIC_AI, GENERIC_TOOL, GENERIC_MEMORY}
)
APPROVALS = frozenset({"approval_email", "approval_slack", "form_review"})
"""Subtypes whose approved / rejected / timeout outputs go through a decision Switch."""

# our credential names -> (n8n credential type, the name n8n gives a new one): what a user
# picks in n8n for a node of ours. Exports carry no credential reference a user has not chosen.
CREDENTIALS: dict[str, tuple[str, str]] = {
    "smtp": ("smtp", "SMTP account"),
    "imap": ("imap", "IMAP account"),
    "gmail_oauth2": ("gmailOAuth2", "Gmail account"),
    "slack": ("slackApi", "Slack account"),
    "telegram": ("telegramApi", "Telegram account"),
    "discord": ("discordWebhookApi", "Discord Webhook account"),
    "microsoft_teams_oauth2": ("microsoftTeamsOAuth2Api", "Microsoft Teams account"),
    "twilio": ("twilioApi", "Twilio account"),
    "google_sheets_oauth2": ("googleSheetsOAuth2Api", "Google Sheets account"),
    "notion": ("notionApi", "Notion account"),
    "github": ("githubApi", "GitHub account"),
    "postgres": ("postgres", "Postgres account"),
    "mysql": ("mySql", "MySQL account"),
    "airtable": ("airtableTokenApi", "Airtable Personal Access Token account"),
    "llm": ("openAiApi", "OpenAi account"),
    "web_search": ("serpApi", "SerpAPI account"),
    "redis": ("redis", "Redis account"),
}

_PARAM_KEYS = frozenset({"parameters", "type", "typeVersion"})
_ERROR_KEYS = frozenset(
    {"onError", "retryOnFail", "maxTries", "waitBetweenTries", "continueOnFail"}
)
_OWN_KEYS = _PARAM_KEYS | _ERROR_KEYS | {"name", "position", "notes"}
_TOP_KEYS = frozenset(
    {"name", "nodes", "connections", "settings", "meta", "pinData", "description"}
)
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


# --- shared helpers ------------------------------------------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _unwrap(data: Any) -> dict[str, Any]:
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, Mapping):
        raise N8nImportError("An n8n workflow is a JSON object with a 'nodes' list.")
    if not isinstance(data.get("nodes"), list):
        raise N8nImportError("This is not an n8n workflow: it has no 'nodes' list.")
    return dict(data)


def _model_consumers(catalog: Catalog) -> frozenset[str]:
    return frozenset(
        s.subtype
        for s in catalog.by_family(NodeFamily.AI_AGENT)
        if s.subtype not in GENERIC_SUBTYPES and "model" in s.parameters.get("properties", {})
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


def _split_notes(notes: Any) -> tuple[Any, dict[str, Any] | None]:
    """``(user notes, round-trip data)`` of an n8n node's ``notes``."""
    if not isinstance(notes, str):
        return notes, None
    at = notes.rfind(MARKER)
    if at < 0 or (at > 0 and not notes[:at].endswith("\n\n")):
        return notes, None
    try:
        data = json.loads(notes[at + len(MARKER) :])
    except ValueError:
        return notes, None
    if not isinstance(data, dict):
        return notes, None
    return (notes[: at - 2] if at else None), data


def _join_notes(user: Any, marker: dict[str, Any] | None) -> Any:
    if marker is None:
        return user
    text = MARKER + json.dumps(marker, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{user}\n\n{text}" if isinstance(user, str) and user else text


def _node_fp(node: Mapping[str, Any]) -> str:
    return fingerprint(
        {
            "type": node.get("type"),
            "typeVersion": node.get("typeVersion"),
            "parameters": node.get("parameters"),
        }
    )


def _is_trigger_type(n8n_type: str) -> bool:
    short = n8n_type.rsplit(".", 1)[-1]
    return short.lower().endswith("trigger") or short in _TRIGGER_NAMES


def _fold_values(lm: Mapping[str, Any], props: Mapping[str, Any]) -> dict[str, Any]:
    """Our ``model`` / ``temperature`` / ``max_tokens`` as a language-model node sets them."""
    params = _dict(lm.get("parameters"))
    assert isinstance(params, dict)
    options = _dict(params.get("options"))
    assert isinstance(options, dict)
    out: dict[str, Any] = {}
    model = rl_value(params.get("model", params.get("modelName")))
    if "model" in props and isinstance(model, str) and model:
        out["model"] = model
    for ours, theirs in MODEL_KEYS.items():
        if ours != "model" and ours in props and theirs in options:
            out[ours] = options[theirs]
    return out


def _patch_lm(lm: dict[str, Any], ours: Mapping[str, Any], derived: Mapping[str, Any]) -> None:
    """Set our changed model values on a kept language-model node."""
    params = lm.setdefault("parameters", {})
    for key, theirs in MODEL_KEYS.items():
        if ours.get(key) == derived.get(key):
            continue
        if key == "model":
            slot = "modelName" if "modelName" in params else "model"
            if key not in ours:
                params.pop(slot, None)
            elif isinstance(params.get(slot), dict):
                params[slot] = {**params[slot], "value": ours[key]}
            else:
                params[slot] = ours[key]
            continue
        options = params.setdefault("options", {})
        if key in ours:
            options[theirs] = ours[key]
        else:
            options.pop(theirs, None)


def _helper_params(subtype: str) -> dict[str, Any]:
    """The Switch after a waiting node that splits approved / rejected / timeout.

    n8n's send-and-wait nodes have one output and put the decision in ``data.approved``;
    the exported Form (``form_review``) asks for it in a required ``Decision`` dropdown. A
    run that ends its wait without a decision (the time limit) matches neither rule and
    leaves by the fallback output, ``timeout``.
    """
    if subtype == "form_review":
        left, values = f"={{{{ $json.{DECISION_FIELD} }}}}", DECISION_VALUES
    else:
        left, values = "={{ String($json.data?.approved) }}", ("true", "false")
    rules = []
    for value, key in zip(values, ("approved", "rejected"), strict=True):
        cond = {
            "id": _uuid("decision", key),
            "leftValue": left,
            "rightValue": value,
            "operator": {"type": "string", "operation": "equals"},
        }
        rules.append(
            {
                "conditions": {
                    "options": {"caseSensitive": True, "leftValue": "", "typeValidation": "strict"},
                    "conditions": [cond],
                    "combinator": "and",
                },
                "renameOutput": True,
                "outputKey": key,
            }
        )
    return {
        "rules": {"values": rules},
        "options": {"fallbackOutput": "extra", "renameFallbackOutput": "timeout"},
    }


HELPER_MARKER = {"helper": "approval_decision"}


def _n8n_position(pos: tuple[float, float]) -> list[int | float]:
    return [json_number(pos[0]), json_number(pos[1])]


def _group_apply(target: dict[str, Any], keys: Iterable[str], stored: Any) -> None:
    if not isinstance(stored, dict) or not isinstance(stored.get("raw"), dict):
        return
    keys = list(keys)
    now = {k: target[k] for k in keys if k in target}
    if fingerprint(now) != stored.get("fp"):
        return
    for k in keys:
        target.pop(k, None)
    target.update(copy.deepcopy(stored["raw"]))


def _group_diff(
    fresh: Mapping[str, Any], raw: Mapping[str, Any], keys: Iterable[str]
) -> dict[str, Any] | None:
    keys = list(keys)
    f = {k: fresh[k] for k in keys if k in fresh}
    r = {k: raw[k] for k in keys if k in raw}
    return None if f == r else {"fp": fingerprint(f), "raw": copy.deepcopy(r)}


def _extras_diff(
    fresh: Mapping[str, Any], raw: Mapping[str, Any], own: Iterable[str]
) -> dict[str, Any]:
    own = set(own)
    missing = object()
    extra = {
        k: copy.deepcopy(v) for k, v in raw.items() if k not in own and fresh.get(k, missing) != v
    }
    absent = [k for k in fresh if k not in own and k not in raw]
    out: dict[str, Any] = {}
    if extra:
        out["extra"] = extra
    if absent:
        out["absent"] = absent
    return out


def _extras_apply(target: dict[str, Any], entry: Mapping[str, Any]) -> None:
    extra = entry.get("extra")
    if isinstance(extra, dict):
        target.update(copy.deepcopy(extra))
    for key in _list(entry.get("absent")):
        target.pop(key, None)


# --- export --------------------------------------------------------------------------------


@dataclass
class _Out:
    """One emitted n8n node and what it belongs to."""

    key: str  # n:<id> our node, m:<id> its model sub-node, h:<id> its decision Switch, s:<i>
    node: dict[str, Any]


@dataclass
class _Link:
    src: str  # n8n name
    kind: str  # main, ai_tool, ...
    out: int
    dst: str
    dst_kind: str
    dst_index: int


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


def _output_name(subtype: str, params: Mapping[str, Any], index: int, on_error: str) -> str:
    """Our name for output ``index`` of an n8n node that imports as ``subtype``."""
    if subtype in GENERIC_SUBTYPES:
        return "main" if index == 0 else f"output_{index}"
    tr = TRANSLATORS.get(subtype)
    names = tr.outputs(dict(params)) if tr is not None else ["main"]
    if index < len(names):
        return names[index]
    if index == len(names) and on_error == "error_output":
        return "error"
    known = sum(1 for n in names if n.startswith("output_"))
    base = len(names) + (1 if on_error == "error_output" else 0)
    return f"output_{known + index - base}"


def _derived_settings(raw: Any) -> tuple[str, str | None]:
    """Our ``(timezone, error_workflow_id)`` for n8n workflow settings."""
    settings = raw if isinstance(raw, dict) else {}
    tz = settings.get("timezone")
    ew = settings.get("errorWorkflow")
    return (
        tz if isinstance(tz, str) and tz and tz != "DEFAULT" else "UTC",
        ew if isinstance(ew, str) and ew else None,
    )


# --- import --------------------------------------------------------------------------------


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


# --- what an import keeps for the way back -------------------------------------------------


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


__all__ = [
    "CREDENTIALS",
    "GENERIC_SUBTYPES",
    "MARKER",
    "SIDE_KEY",
    "N8nImportError",
    "from_n8n",
    "is_generic",
    "to_n8n",
]
