"""Applying the service-aware edits: add, replace, move a step, set a parameter, prune a loop.

Each handler changes only the nodes its op names (and the connections around them) and says
in one note what it did, or why it changed nothing (``Outcome.changed`` is False then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service, verb_of
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_words as w
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.plan import ApprovalSpec, EditOp
from flowsmith.planner.record_ids import take_the_record_id
from flowsmith.planner.steps import approval_node
from flowsmith.planner.text import Lang, pick
from flowsmith.text import text as say


@dataclass(frozen=True)
class Outcome:
    note: str
    changed: bool


def done(lang: Lang, key: str, /, **fields: object) -> Outcome:
    return Outcome(say(key, lang, **fields), True)


def done_pair(lang: Lang, en: str, zh: str) -> Outcome:
    """As :func:`done`, for a note whose parts differ by language."""
    return Outcome(pick(lang, en, zh), True)


def skip(lang: Lang, key: str, /, **fields: object) -> Outcome:
    return Outcome(say(key, lang, **fields), False)


def skip_pair(lang: Lang, en: str, zh: str) -> Outcome:
    """As :func:`skip`, for a note whose parts differ by language."""
    return Outcome(pick(lang, en, zh), False)


def q(node: Node) -> str:
    return f"“{node.name}”"


def names(nodes: list[Node], lang: Lang) -> str:
    return say("planner.edit_ops.text", lang).join(q(x) for x in nodes)


def ids(wf: Workflow) -> n.Ids:
    return n.Ids({x.id for x in wf.nodes})


def where_note(wf: Workflow, node: Node, lang: Lang) -> str:
    ins = g.incoming(wf, node.id)
    if not ins:
        return ""
    src = wf.node(ins[0].from_node)
    name = q(src) if src else ins[0].from_node
    out = ins[0].from_output
    if out == "main":
        return say("planner.edit_ops.after", lang, name=name)
    return say("planner.edit_ops.on_the_output_of", lang, out=out, name=name)


def fill(wf: Workflow, node: Node, carry: dict[str, Any] | None, lang: Lang) -> None:
    """Set a placed app node's parameters from what reaches it."""
    app, resource, operation = ec.parse_step(
        f"app:{node.subtype}/{node.parameters['resource']}/{node.parameters['operation']}"
    )
    spec = ec.app(app)
    assert spec is not None and resource and operation
    ins = g.incoming(wf, node.id)
    payload = g.payload_at(wf, ins[0].from_node if ins else None, lang)
    node.parameters = ec.app_params(spec, resource, operation, payload.subject, payload.body, carry)
    take_the_record_id(wf, node, spec.app, resource)


def new_app_node(wf: Workflow, app_name: str, resource: str, operation: str, lang: Lang) -> Node:
    spec = ec.app(app_name)
    assert spec is not None
    base, name = ec.step_name(spec, resource, operation, lang)
    return n.make(ids(wf), base, name, spec.app, {"resource": resource, "operation": operation})


# --- add -----------------------------------------------------------------------------------


def add_step(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    app_name, resource, operation = ec.parse_step(op.step or "")
    spec = ec.app(app_name)
    if spec is None:
        return skip(lang, "planner.edit_ops.is_not_a_known_service", app_name=app_name)
    resource, operation = ec.choose(spec, resource, operation, None)
    same = [
        x
        for x in g.ordered(wf)
        if (s := node_service(x)) is not None
        and (s.app, s.resource, s.operation) == (spec.app, resource, operation)
    ]
    anchors = eg.find(wf, op.anchor)
    where = op.where
    if not anchors and (op.anchor or "").startswith("words:"):
        where = None  # the words named no step: where a new step goes by default
    if same and where not in ("loop", "otherwise", "approved", "rejected"):
        return skip(lang, "planner.edit_ops.the_workflow_already_has_not_adding", q=q(same[0]))
    if op.anchor and not anchors and where in ("after", "before"):
        return skip_pair(
            lang,
            f"Found no step “{op.anchor}” to put {spec.display_name} {op.where}",
            f"没有找到要放在其{'之后' if op.where == 'after' else '之前'}的步骤（{op.anchor}）",
        )
    node = new_app_node(wf, spec.app, resource, operation, lang)
    wf.nodes.append(node)
    eg.place(wf, node, where, anchors, spec.category)
    fill(wf, node, ec.step_values(op.step or "") or None, lang)
    return done(lang, "planner.edit_ops.added", node=q(node), wf=where_note(wf, node, lang))


# --- replace -------------------------------------------------------------------------------


def _ask_of(node: Node) -> str | None:
    """What an AI step was asked to do: its prompt or first message; for a task node (a
    summariser, a classifier) its name over its input ("Summarise item: {{ … }}")."""
    params = node.parameters
    msgs = params.get("messages")
    if isinstance(msgs, list) and msgs and isinstance(msgs[0], dict):
        return str(msgs[0].get("content") or "") or None
    for key in ("prompt", "instructions", "input"):
        if isinstance(params.get(key), str) and params[key]:
            return str(params[key])
    text = params.get("input_text")
    return f"{node.name}: {text}" if isinstance(text, str) and text else None


def _keep_the_ask(old: Node, node: Node) -> None:
    """An AI step put in another's place is asked what the old one was (not the catalog's
    example prompt): its messages, prompt or inputs carry the old ask."""
    ask = _ask_of(old) if _asks(old) else None
    if ask is None:
        return
    params = dict(node.parameters)
    if isinstance(params.get("messages"), list):
        params["messages"] = [{"role": "user", "content": ask}]
    else:
        key = next((k for k in ("prompt", "inputs", "input", "text") if k in params), None)
        if key is None:
            return
        params[key] = ask
    node.parameters = params


def _asks(node: Node) -> bool:
    """Whether ``node`` is an AI step whose operation is in no verb group (an ask)."""
    op = node_service(node)
    spec = ec.app(op.app) if op is not None else None
    ai = spec is not None and spec.category == "ai"
    return ai and not op.verbs() if op is not None else node.type == NodeFamily.AI_AGENT


def _verb_order(node: Node) -> list[str]:
    op = node_service(node)
    verbs = op.verbs() if op is not None else frozenset()
    return [v for v in ("create", "update", "delete", "read") if v in verbs] or ["create"]


def replace_approval(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    """Ask for the same approval in another channel: approved/rejected paths stay."""
    channel = (op.step or "").partition(":")[2]
    olds = [x for x in g.ordered(wf) if x.subtype in g.APPROVALS]
    if not olds:
        return skip(lang, "planner.edit_ops.no_approval_step_found_to_replace")
    old = olds[0]
    kind = channel if channel in ("email", "slack", "form") else "email"
    if old.subtype == ("form_review" if kind == "form" else f"approval_{kind}"):
        return skip(lang, "planner.edit_ops.already_asks_there", old=q(old))
    ins = g.incoming(wf, old.id)
    payload = g.payload_at(wf, ins[0].from_node if ins else None, lang)
    approver = "#approvals" if kind == "slack" else "manager@example.com"
    if kind == "email":
        approver = next(
            (str(v) for k, v in old.parameters.items() if k in ("to", "email")), approver
        )
    spec = ApprovalSpec(kind=kind, approver=approver)
    node = approval_node(ids(wf), spec, lang, payload, wf.name)
    node.position = old.position
    wf.nodes = [node if x.id == old.id else x for x in wf.nodes]
    wf.connections = [
        c.model_copy(
            update={
                "from_node": node.id if c.from_node == old.id else c.from_node,
                "to_node": node.id if c.to_node == old.id else c.to_node,
            }
        )
        for c in wf.connections
    ]
    return done(lang, "planner.edit_ops.replaced_with", old=q(old), node=q(node))


def replace_step(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    if (op.step or "").startswith("approval:"):
        return replace_approval(wf, op, lang)
    app_name, resource, operation = ec.parse_step(op.step or "")
    spec = ec.app(app_name)
    if spec is None:
        return skip(lang, "planner.edit_ops.is_not_a_known_service", app_name=app_name)
    if op.subject:
        olds = eg.find(wf, op.subject)
    else:
        said = ec.choose(spec, resource, operation, "create")[0]
        notify = spec.category == "messaging" or eg.resource_notifies(said)
        olds = eg.replaceable(wf, spec.category, notify)[:1]
    if olds and all(x.type == NodeFamily.TRIGGER for x in olds):
        return skip(
            lang,
            "planner.edit_ops.starts_the_workflow_say_which_event",
            q=q(olds[0]),
            display_name=spec.display_name,
        )
    olds = [x for x in olds if x.type != NodeFamily.TRIGGER]
    if not olds:
        what = (
            op.subject.split("|")[0].removeprefix("app:")
            if op.subject
            else say("planner.edit_ops.notification", lang)
        )
        return skip(lang, "planner.edit_ops.no_step_found_to_replace", what=what)
    old = olds[0]
    if ec.performs(old, spec.app) and not operation:
        return skip(
            lang, "planner.edit_ops.already_uses", old=q(old), display_name=spec.display_name
        )
    if not (resource and operation) and not resource and _asks(old):
        # an AI step asked in place ("score with Claude instead"): the new service's own
        # example operation (its chat/text ask), not a "create" such as an embedding
        resource, operation = spec.example.resource, spec.example.operation
    if not (resource and operation):
        old_op = node_service(old)
        wanted = old_op.resource if old_op and old_op.resource in spec.resources else resource
        for verb in _verb_order(old):
            r, o = ec.choose(spec, wanted, None, verb)
            if verb in verb_of(o) or verb == "create":
                resource, operation = r, o
                break
    assert resource and operation
    node = new_app_node(wf, spec.app, resource, operation, lang)
    g.replace_node(wf, old, node)
    fill(wf, node, dict(old.parameters), lang)
    _keep_the_ask(old, node)
    return done(lang, "planner.edit_ops.replaced_with", old=q(old), node=q(node))


# --- move ----------------------------------------------------------------------------------


def move(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    moved = eg.find(wf, op.subject)
    anchors = eg.find(wf, op.anchor)
    if not moved:
        return skip(lang, "planner.edit_ops.found_no_step_to_move")
    if not anchors and op.where in ("after", "before"):
        return skip(lang, "planner.edit_ops.found_no_step_to_move_it")
    node = moved[0]
    anchors = [x for x in anchors if x.id != node.id]
    if not anchors and op.where in ("after", "before"):
        return skip(lang, "planner.edit_ops.cannot_move_next_to_itself", node=q(node))
    before = sorted((c.from_node, c.from_output, c.to_node) for c in wf.connections)
    saved = list(wf.connections)
    eg.detach(wf, node)
    eg.place(wf, node, op.where, anchors)
    if sorted((c.from_node, c.from_output, c.to_node) for c in wf.connections) == before:
        return skip(lang, "planner.edit_ops.is_already_there", node=q(node))
    if not g.incoming(wf, node.id):
        wf.connections = saved
        return skip(lang, "planner.edit_ops.could_not_find_where_to_move", node=q(node))
    return done(lang, "planner.edit_ops.moved", node=q(node), wf=where_note(wf, node, lang))


# --- set a parameter -----------------------------------------------------------------------


def _number(value: str) -> int | float:
    num = float(value)
    return int(num) if num.is_integer() else num


def _conditions(node: Node) -> list[dict[str, Any]]:
    return [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]


def set_param(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    param, value = op.param or "", op.value or ""
    if param.startswith("threshold"):
        return _set_threshold(wf, param.partition(":")[2], value, lang)
    if param.startswith("value:"):
        return _swap_value(wf, param.partition(":")[2], value, lang)
    if param.startswith("add:"):
        return _add_value(wf, op, param.partition(":")[2], value, lang)
    nodes = eg.find(wf, op.subject) if op.subject else g.ordered(wf)
    keys = w.PARAM_KEYS.get(param, (param,))
    for node in nodes:
        key = next((k for k in keys if k in node.parameters), None)
        if key is None:
            continue
        old = node.parameters[key]
        if isinstance(old, (dict, list)):
            continue  # a structured value ("text": {"content": …}) is not set from words
        new: Any = value
        if (
            isinstance(old, (int, float))
            and not isinstance(old, bool)
            and w.NUMBER.fullmatch(value)
        ):
            new = _number(value)
        if old == new:
            return skip(lang, "planner.edit_ops.already_uses_3", node=q(node), value=value)
        node.parameters = {**node.parameters, key: new}
        return done(lang, "planner.edit_ops.set_of_to", key=key, node=q(node), value=value)
    for node in nodes:
        # a field the node does not set yet but its catalog entry has ("cc")
        spec = load_catalog().get(node.subtype)
        props = (spec.parameters.get("properties") or {}) if spec is not None else {}
        key = next((k for k in keys if k in props), None)
        if key is not None:
            node.parameters = {**node.parameters, key: value}
            return done(lang, "planner.edit_ops.set_param", key=key, node=q(node), value=value)
    return skip(lang, "planner.edit_ops.found_no_step_with_a_to", param=param)


def _add_value(wf: Workflow, op: EditOp, param: str, value: str, lang: Lang) -> Outcome:
    """ "Also email boss@acme.io": ``value`` joins the list the parameter already holds."""
    for node in eg.find(wf, op.subject) if op.subject else g.ordered(wf):
        key = next((k for k in w.PARAM_KEYS.get(param, (param,)) if k in node.parameters), None)
        if key is None:
            continue
        old = str(node.parameters[key])
        if value.lower() in old.lower():
            return skip(lang, "planner.edit_ops.already_uses_4", node=q(node), value=value)
        node.parameters = {**node.parameters, key: f"{old}, {value}" if old.strip() else value}
        return done(lang, "planner.edit_ops.added_to_of", value=value, key=key, node=q(node))
    return skip(lang, "planner.edit_ops.found_no_step_with_a_to_2", param=param)


def _same_value(have: object, said: str) -> bool:
    if isinstance(have, (int, float)) and not isinstance(have, bool) and w.NUMBER.fullmatch(said):
        return float(have) == float(said)
    return isinstance(have, str) and have.strip().lower() == said.lower()


def _typed(have: object, value: str) -> Any:
    numeric = isinstance(have, (int, float)) and not isinstance(have, bool)
    return _number(value) if numeric and w.NUMBER.fullmatch(value) else value


def _swap_value(wf: Workflow, old: str, value: str, lang: Lang) -> Outcome:
    """ "Make it 75 instead of 100": the first parameter or condition value equal to ``old``
    (in flow order) becomes ``value``, of the same type."""
    for node in g.ordered(wf):
        conds = _conditions(node)
        for i, cond in enumerate(conds):
            if _same_value(cond.get("right"), old):
                conds[i] = {**cond, "right": _typed(cond.get("right"), value)}
                node.parameters = {**node.parameters, "conditions": conds}
                return done(
                    lang, "planner.edit_ops.changed_value", old=old, value=value, node=q(node)
                )
        for key, have in node.parameters.items():
            if _same_value(have, old):
                node.parameters = {**node.parameters, key: _typed(have, value)}
                return done(lang, "planner.edit_ops.set_value", key=key, node=q(node), value=value)
    return skip(lang, "planner.edit_ops.found_no_step_using", old=old)


def _set_threshold(wf: Workflow, field: str, value: str, lang: Lang) -> Outcome:
    number = _number(value)
    found: list[tuple[Node, int]] = []
    for node in g.ordered(wf):
        for i, cond in enumerate(_conditions(node)):
            right = cond.get("right")
            if isinstance(right, (int, float)) and not isinstance(right, bool):
                found.append((node, i))
    if field:
        named = [
            (x, i) for x, i in found if field.split()[-1] in str(_conditions(x)[i].get("left"))
        ]
        found = named or found
    if not found:
        return skip(lang, "planner.edit_ops.found_no_threshold_to_change")
    node, i = found[0]
    conds = _conditions(node)
    if conds[i].get("right") == number:
        return skip(lang, "planner.edit_ops.already_uses_2", node=q(node), value=value)
    conds[i] = {**conds[i], "right": number}
    node.parameters = {**node.parameters, "conditions": conds}
    return done(lang, "planner.edit_ops.changed_the_threshold_of_to", node=q(node), value=value)


# --- prune a loop --------------------------------------------------------------------------


def prune_loop(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    loops = eg.loops(wf)
    if not loops:
        return skip(lang, "planner.edit_ops.the_workflow_has_no_loop")
    loop = loops[0]
    keep = {x.id for k in op.keep for x in eg.find(wf, k)}
    body = eg.body_of(wf, loop)
    gone = [x for x in body if x.id not in keep]
    if not gone:
        return skip(lang, "planner.edit_ops.has_nothing_else_to_remove", loop=q(loop))
    for node in gone:
        g.remove_node(wf, node)
    return done(lang, "planner.edit_ops.removed_from", gone=names(gone, lang), loop=q(loop))
