"""Reading and rewiring a workflow graph, for edits and for describing plans.

All functions take the workflow explicitly; the mutating ones (``connect``,
``remove_node``, ``insert_before``) change only the nodes and connections they name and
are used on a private copy (see ``edit_apply.apply_edits``).
"""

from __future__ import annotations

from collections import deque

from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.planner import nodes as n
from flowsmith.planner import vocab as v
from flowsmith.planner.plan import SourceSpec, TriggerSpec
from flowsmith.planner.text import Lang

End = tuple[str, str]  # (node id, output name)

# Where results leave the workflow: messages and records. A new notification goes beside them.
SINK_SUBTYPES = frozenset(
    {
        "send_email",
        "gmail_send",
        "slack_message",
        "telegram_message",
        "discord_message",
        "microsoft_teams_message",
        "twilio_sms",
        "google_sheets_append",
        "notion_create_page",
        "github_create_issue",
        "airtable_create_record",
    }
)
APPROVALS = frozenset({"approval_email", "approval_slack", "form_review"})
_ATTACHABLE = (NodeFamily.TOOL, NodeFamily.MEMORY)


def incoming(wf: Workflow, node_id: str) -> list[Connection]:
    return [c for c in wf.connections if c.to_node == node_id]


def outgoing(wf: Workflow, node_id: str) -> list[Connection]:
    return [c for c in wf.connections if c.from_node == node_id]


def connect(wf: Workflow, src: str, out: str, dst: str, to_input: str = "main") -> None:
    """Add a connection unless it exists already or would loop a node onto itself."""
    conn = Connection(from_node=src, from_output=out, to_node=dst, to_input=to_input)
    if src != dst and conn not in wf.connections:
        wf.connections.append(conn)


def flow_order(wf: Workflow) -> list[str]:
    """Node ids breadth-first from the triggers, then the unreachable ones in node order."""
    depth: dict[str, int] = {x.id: 0 for x in wf.nodes if x.type == NodeFamily.TRIGGER}
    queue = deque(depth)
    while queue:
        cur = queue.popleft()
        for c in outgoing(wf, cur):
            if c.to_node not in depth:
                depth[c.to_node] = depth[cur] + 1
                queue.append(c.to_node)
    known = {x.id for x in wf.nodes}
    reached = [i for i in depth if i in known]
    return reached + [x.id for x in wf.nodes if x.id not in depth]


def ordered(wf: Workflow) -> list[Node]:
    """The nodes in ``flow_order``."""
    by_id = {x.id: x for x in wf.nodes}
    return [by_id[i] for i in flow_order(wf)]


def matching(wf: Workflow, subject: str) -> list[Node]:
    """Nodes the user means by ``subject`` (a ``vocab.SUBJECTS`` key or ``store:<key>``)."""
    if subject.startswith("store:"):
        store = v.STORE_BY_KEY.get(subject.removeprefix("store:"))
        if store is None:
            return []
        return [x for x in ordered(wf) if x.subtype == "web_page_check" and _is_store(x, store)]
    entry = v.SUBJECTS.get(subject)
    return [x for x in ordered(wf) if x.subtype in entry[1]] if entry else []


def _is_store(node: Node, store: v.Store) -> bool:
    if store.catalog != "generic" and node.parameters.get("store") == store.catalog:
        return True
    url = str(node.parameters.get("url", "")).lower()
    return (bool(store.domain) and store.domain in url) or store.key in node.id


def sinks(wf: Workflow) -> list[Node]:
    return [x for x in ordered(wf) if x.subtype in SINK_SUBTYPES]


def tail(wf: Workflow) -> Node | None:
    """The last node of the main path: the deepest main-flow node with no way out."""
    flow = [x for x in ordered(wf) if x.type not in _ATTACHABLE]
    ends = [x for x in flow if not outgoing(wf, x.id)]
    return ends[-1] if ends else (flow[-1] if flow else None)


def main_output(node: Node) -> str:
    """The output that carries a node's "go on" items."""
    if node.subtype == "if":
        return "true"
    if node.subtype in APPROVALS:
        return "approved"
    if node.subtype == "loop":
        return "done"
    if node.subtype == "switch":
        return "output_0"
    return "main"


def anchor(wf: Workflow) -> list[End]:
    """Where a new notification goes: beside the existing notifications; else after the
    last approval's ``approved`` or the last condition's ``true``; else after the main
    path's last node."""
    existing = sinks(wf)
    if existing:
        return [(c.from_node, c.from_output) for c in incoming(wf, existing[0].id)]
    flow = ordered(wf)
    for subtypes, output in ((APPROVALS, "approved"), ({"if"}, "true"), ({"switch"}, "output_0")):
        hits = [x for x in flow if x.subtype in subtypes]
        if hits:
            return [(hits[-1].id, output)]
    last = tail(wf)
    return [(last.id, main_output(last))] if last else []


def guarded(wf: Workflow, subject: str | None) -> list[Node]:
    """What an inserted approval/wait/condition goes in front of: the named nodes, else
    the notifications fed from the same place as the first one, else the last node."""
    if subject:
        named = matching(wf, subject)
        if named:
            return named
    existing = sinks(wf)
    if not existing:
        last = tail(wf)
        return [last] if last is not None and last.type != NodeFamily.TRIGGER else []
    feed = _feed(wf, existing[0].id)
    return [s for s in existing if _feed(wf, s.id) == feed]


def _feed(wf: Workflow, node_id: str) -> set[End]:
    return {(c.from_node, c.from_output) for c in incoming(wf, node_id)}


def remove_node(wf: Workflow, node: Node) -> None:
    """Drop ``node``, wiring each of its predecessors' outputs to each input it fed; an
    agent's tools and memory go with it unless another agent uses them."""
    ins, outs = incoming(wf, node.id), outgoing(wf, node.id)
    wf.connections = [c for c in wf.connections if node.id not in (c.from_node, c.to_node)]
    for i in ins:
        for o in outs:
            connect(wf, i.from_node, i.from_output, o.to_node, o.to_input)
    wf.nodes = [x for x in wf.nodes if x.id != node.id]
    orphans = set(node.attached_nodes)
    for other in wf.nodes:
        if node.id in other.attached_nodes:
            other.attached_nodes = [a for a in other.attached_nodes if a != node.id]
        orphans -= set(other.attached_nodes)
    wf.nodes = [x for x in wf.nodes if x.id not in orphans]


def replace_node(wf: Workflow, old: Node, new: Node) -> None:
    """Put ``new`` where ``old`` was, with ``old``'s connections (outputs become main)."""
    ins, outs = incoming(wf, old.id), outgoing(wf, old.id)
    new.position = old.position
    wf.connections = [c for c in wf.connections if old.id not in (c.from_node, c.to_node)]
    wf.nodes = [new if x.id == old.id else x for x in wf.nodes]
    for c in ins:
        connect(wf, c.from_node, c.from_output, new.id, c.to_input)
    for c in outs:
        connect(wf, new.id, "main", c.to_node, c.to_input)


def feed_of(wf: Workflow, targets: list[Node]) -> str | None:
    """The first predecessor of ``targets``: where an inserted node will read from."""
    ins = [c for t in targets for c in incoming(wf, t.id)]
    return ins[0].from_node if ins else None


def insert_before(wf: Workflow, targets: list[Node], node: Node, output: str) -> None:
    """Put ``node`` between ``targets`` and their predecessors; ``node.output`` feeds them."""
    ins = [c for t in targets for c in incoming(wf, t.id)]
    target_ids = {t.id for t in targets}
    wf.nodes.append(node)
    wf.connections = [c for c in wf.connections if c.to_node not in target_ids]
    for c in ins:
        connect(wf, c.from_node, c.from_output, node.id)
    for t in targets:
        connect(wf, node.id, output, t.id)


# --- what the item carries at a point (for the messages of new nodes) ----------------------

_TRIGGER_KINDS = {
    "webhook_trigger": "webhook",
    "email_trigger": "email",
    "form_trigger": "form",
    "rss_trigger": "rss",
    "chat_trigger": "chat",
    "error_trigger": "error",
}


def payload_at(wf: Workflow, node_id: str | None, lang: Lang) -> n.Payload:
    """What a node fed from ``node_id`` should send, found by walking upstream to the
    nearest node whose output shape is known (an AI step, a source, the trigger)."""
    by_id = {x.id: x for x in wf.nodes}
    cur = node_id
    for _ in range(len(wf.nodes)):
        node = by_id.get(cur or "")
        if node is None:
            break
        found = _payload_of(wf, node, lang)
        if found is not None:
            return found
        ins = incoming(wf, node.id)
        cur = ins[0].from_node if ins else None
    return n.Payload(n.ALL_JSON, wf.name, n.ALL_JSON)


def _payload_of(wf: Workflow, node: Node, lang: Lang) -> n.Payload | None:
    title, subtype = wf.name, node.subtype
    outputs = {"summarizer": "summary", "llm_chat": "text", "ai_agent": "output"}
    if subtype in outputs:
        expr = f"{{{{ $json.{outputs[subtype]} }}}}"
        return n.Payload(expr, title, expr)
    if subtype == "set_fields" and "text" in (node.parameters.get("fields") or {}):
        return n.Payload("{{ $json.text }}", title, "{{ $json.text }}", headline=False)
    if subtype == "web_page_check":
        return n.store_payload(_checks_in_stock(wf), lang)
    if subtype == "http_request":
        return n.source_payload(SourceSpec(kind="api"), lang, title)
    if subtype in ("google_sheets_read", "postgres_query", "mysql_query", "aggregate"):
        return n.Payload(n.ALL_JSON, title, n.ALL_JSON)
    if subtype in _TRIGGER_KINDS:
        spec = TriggerSpec(kind=_TRIGGER_KINDS[subtype])
        return n.trigger_payload(spec, lang, title, "order" in title.lower())
    if node.type == NodeFamily.TRIGGER:
        return n.Payload(n.ALL_JSON, title, f"{title}: {n.ALL_JSON}")
    return None


def _checks_in_stock(wf: Workflow) -> bool:
    for node in wf.nodes:
        if node.subtype != "if":
            continue
        for cond in node.parameters.get("conditions", []):
            if isinstance(cond, dict) and "in_stock" in str(cond.get("left")):
                return True
    return False
