"""Composition: a resolved ``Intent`` becomes a workflow graph.

Shape (each stage optional except the trigger):
trigger → sources (parallel, then one merge) → transforms → [loop body: AI steps] →
condition (IF, or a switch for several categories) → approval → wait → actions, where
each action hangs off the branch the plan gave it. Only ``merge`` fans in; everything
else is a chain or a fan-out, so the graph has no cycle except through a ``loop`` node.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowsmith.core.models import Connection, Node, Workflow
from flowsmith.planner import nodes as n
from flowsmith.planner import steps as s
from flowsmith.planner.plan import Intent
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

End = tuple[str, str]  # (node id, output name): an open output to connect the next node to


@dataclass
class Graph:
    """Nodes and connections under construction; ``ids`` knows every id already used."""

    ids: n.Ids
    nodes: list[Node] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)

    def add(self, node: Node, after: list[End] | None = None) -> Node:
        self.nodes.append(node)
        for src, out in after or []:
            self.link(src, out, node.id)
        return node

    def link(self, src: str, out: str, dst: str) -> None:
        conn = Connection(from_node=src, from_output=out, to_node=dst)
        if conn not in self.connections:
            self.connections.append(conn)


def compose(intent: Intent, lang: Lang, title: str, request: str) -> Workflow:
    """A fresh workflow (id ``""``) for ``intent``; positions are left to the caller."""
    g = Graph(n.Ids())
    responds = any(a.kind == "webhook_response" for a in intent.actions)
    trigger = g.add(n.trigger_node(g.ids, intent.trigger, lang, title, responds))
    order = any(w in request.lower() for w in ("order", "订单"))
    payload = n.trigger_payload(intent.trigger, lang, title, order)
    ends: list[End] = [(trigger.id, "main")]
    ends, payload = _sources(g, intent, lang, title, ends, payload)
    ends, payload = _transforms(g, intent, lang, ends, payload)
    if intent.message is not None:
        node = g.add(n.message_node(g.ids, intent.message, lang), ends)
        text = "{{ $json.text }}"
        ends, payload = [(node.id, "main")], n.Payload(text, title, text, headline=False)
    loop: Node | None = None
    if intent.loop:
        loop = g.add(n.loop_node(g.ids, lang), ends)
        ends = [(loop.id, "loop")]
    body_start = len(g.nodes)
    ends, payload = _ai(g, intent, lang, request, ends, payload)
    if loop is not None and len(g.nodes) > body_start:
        # the AI steps run per item; the rest of the flow runs once all items are done
        for src, out in ends:
            g.link(src, out, loop.id)
        ends, loop = [(loop.id, "done")], None
    if intent.topic == "store_monitor" and not intent.ai:
        in_stock = any(c.kind == "in_stock" for c in intent.conditions)
        payload = n.store_payload(in_stock, lang)
    elif intent.conditions and payload.subject == title:
        # "每 15 分钟 → 短信" makes a poor subject; say which condition fired instead
        label = s.condition_label(intent.conditions[0], lang)[1].rstrip("?？")
        payload = n.Payload(payload.text, label, payload.body, payload.prefix)
    tails = _deliver(g, intent, lang, title, ends, payload)
    if loop is not None:
        for src, out in tails:
            g.link(src, out, loop.id)
    return Workflow(
        id="",
        name=title[:200],
        description=_description(request, lang),
        nodes=g.nodes,
        connections=g.connections,
    )


def _description(request: str, lang: Lang) -> str:
    one_line = " ".join(request.split())
    prefix = say("planner.compose.planned_offline_from", lang)
    return (prefix + one_line)[:1000]


def _sources(
    g: Graph, intent: Intent, lang: Lang, title: str, ends: list[End], payload: n.Payload
) -> tuple[list[End], n.Payload]:
    if not intent.sources:
        return ends, payload
    lasts: list[str] = []
    for spec in intent.sources:
        chain = n.source_nodes(g.ids, spec, lang, intent.product_name)
        prev = ends
        for node in chain:
            g.add(node, prev)
            prev = [(node.id, "main")]
        lasts.append(chain[-1].id)
    payload = n.source_payload(intent.sources[-1], lang, title)
    if len(lasts) == 1:
        return [(lasts[0], "main")], payload
    merge = g.add(n.merge_node(g.ids, lang), [(last, "main") for last in lasts])
    return [(merge.id, "main")], payload


def _transforms(
    g: Graph, intent: Intent, lang: Lang, ends: list[End], payload: n.Payload
) -> tuple[list[End], n.Payload]:
    store = intent.topic == "store_monitor"
    for kind in intent.transforms:
        node = g.add(n.transform_node(g.ids, kind, lang, store, intent.limit, payload.body), ends)
        ends = [(node.id, "main")]
        if kind == "aggregate":
            payload = n.Payload(n.ALL_JSON, payload.subject, n.ALL_JSON)
        elif kind == "text_template":
            payload = n.Payload("{{ $json.text }}", payload.subject, "{{ $json.text }}")
    return ends, payload


def _ai(
    g: Graph, intent: Intent, lang: Lang, request: str, ends: list[End], payload: n.Payload
) -> tuple[list[End], n.Payload]:
    for step in intent.ai:
        node, attached, out = s.ai_nodes(g.ids, step, lang, payload.text, request)
        g.add(node, ends)
        for tool in attached:
            g.add(tool)
        ends = [(node.id, "main")]
        if out is not None:
            subject = payload.subject if step.kind in ("summarize", "analyze") else out.subject
            payload = n.Payload(out.text, subject, out.body)
        elif step.kind == "classify":
            payload = n.Payload(
                payload.text, "[{{ $json.category }}] " + payload.subject, payload.body
            )
        elif step.kind == "sentiment":
            payload = n.Payload(
                payload.text, "[{{ $json.sentiment }}] " + payload.subject, payload.body
            )
    return ends, payload


def _deliver(
    g: Graph, intent: Intent, lang: Lang, title: str, ends: list[End], payload: n.Payload
) -> list[End]:
    """Condition, approval, wait and actions. Returns the open ends left at the bottom."""
    branches, primary = _route(g, intent, lang, ends, payload)
    used = {a.branch if a.branch in branches else primary for a in intent.actions}
    guarded = next(
        (a.branch for a in intent.actions if a.branch in branches), primary
    )  # approval and wait guard the first action's branch
    if intent.approval is not None:
        node = g.add(
            s.approval_node(g.ids, intent.approval, lang, payload, title), branches[guarded]
        )
        branches[guarded] = [(node.id, "approved")]
    if intent.wait is not None:
        node = g.add(n.wait_node(g.ids, intent.wait, lang), branches[guarded])
        branches[guarded] = [(node.id, "main")]
    mysql = any(src.kind == "mysql" for src in intent.sources)
    tails: list[End] = []
    for spec in intent.actions:
        branch = spec.branch if spec.branch in branches else primary
        node = g.add(s.action_node(g.ids, spec, lang, payload, mysql), branches[branch])
        tails.append((node.id, "main"))
    for name, open_ends in branches.items():
        if name not in used and name != guarded:
            tails.extend(open_ends)
    return tails if intent.actions else tails + branches[guarded]


def _route(
    g: Graph, intent: Intent, lang: Lang, ends: list[End], payload: n.Payload
) -> tuple[dict[str, list[End]], str]:
    if not intent.conditions:
        return {"main": ends}, "main"
    if intent.route == "switch":
        node = g.add(s.switch_node(g.ids, intent.conditions, lang), ends)
        outs = [f"output_{i}" for i in range(len(intent.conditions[:4]))] + ["fallback"]
        return {o: [(node.id, o)] for o in outs}, "output_0"
    node = g.add(s.if_node(g.ids, intent.conditions, intent.combine, lang, payload), ends)
    return {"true": [(node.id, "true")], "false": [(node.id, "false")]}, "true"
