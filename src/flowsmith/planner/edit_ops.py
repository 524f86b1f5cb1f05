"""Applying the service-aware edits: add, replace, move a step, set a parameter, prune a loop.

Each handler changes only the nodes its op names (and the connections around them) and says
in one note what it did, or why it changed nothing (``Outcome.changed`` is False then).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service, verb_of
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_words as w
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.plan import ApprovalSpec, EditOp
from flowsmith.planner.steps import approval_node
from flowsmith.planner.text import Lang, pick


@dataclass(frozen=True)
class Outcome:
    note: str
    changed: bool


def done(lang: Lang, en: str, zh: str) -> Outcome:
    return Outcome(pick(lang, en, zh), True)


def skip(lang: Lang, en: str, zh: str) -> Outcome:
    return Outcome(pick(lang, en, zh), False)


def q(node: Node) -> str:
    return f"“{node.name}”"


def names(nodes: list[Node], lang: Lang) -> str:
    return pick(lang, ", ", "、").join(q(x) for x in nodes)


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
        return pick(lang, f"after {name}", f"接在 {name} 之后")
    return pick(lang, f"on the “{out}” output of {name}", f"接在 {name} 的 “{out}” 分支上")


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
        return skip(lang, f"{app_name} is not a known service", f"不认识的服务：{app_name}")
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
        return skip(
            lang,
            f"The workflow already has {q(same[0])}; not adding a second one",
            f"工作流中已经有 {q(same[0])}，不再重复添加",
        )
    if op.anchor and not anchors and where in ("after", "before"):
        return skip(
            lang,
            f"Found no step “{op.anchor}” to put {spec.display_name} {op.where}",
            f"没有找到要放在其{'之后' if op.where == 'after' else '之前'}的步骤（{op.anchor}）",
        )
    node = new_app_node(wf, spec.app, resource, operation, lang)
    wf.nodes.append(node)
    eg.place(wf, node, where, anchors, spec.category)
    fill(wf, node, ec.step_values(op.step or "") or None, lang)
    return done(
        lang,
        f"Added {q(node)} {where_note(wf, node, lang)}",
        f"已添加 {q(node)}，{where_note(wf, node, lang)}",
    )


# --- replace -------------------------------------------------------------------------------


def _verb_order(node: Node) -> list[str]:
    op = node_service(node)
    verbs = op.verbs() if op is not None else frozenset()
    return [v for v in ("create", "update", "delete", "read") if v in verbs] or ["create"]


def replace_approval(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    """Ask for the same approval in another channel: approved/rejected paths stay."""
    channel = (op.step or "").partition(":")[2]
    olds = [x for x in g.ordered(wf) if x.subtype in g.APPROVALS]
    if not olds:
        return skip(lang, "No approval step found to replace", "没有找到要替换的审批步骤")
    old = olds[0]
    kind = channel if channel in ("email", "slack", "form") else "email"
    if old.subtype == ("form_review" if kind == "form" else f"approval_{kind}"):
        return skip(lang, f"{q(old)} already asks there", f"{q(old)} 已经在使用该方式")
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
    return done(lang, f"Replaced {q(old)} with {q(node)}", f"已把 {q(old)} 替换为 {q(node)}")


def replace_step(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    if (op.step or "").startswith("approval:"):
        return replace_approval(wf, op, lang)
    app_name, resource, operation = ec.parse_step(op.step or "")
    spec = ec.app(app_name)
    if spec is None:
        return skip(lang, f"{app_name} is not a known service", f"不认识的服务：{app_name}")
    if op.subject:
        olds = eg.find(wf, op.subject)
    else:
        olds = sorted(eg.sinks(wf), key=lambda x: eg._category(x) != spec.category)[:1]
    if olds and all(x.type == NodeFamily.TRIGGER for x in olds):
        return skip(
            lang,
            f"{q(olds[0])} starts the workflow; say which {spec.display_name} event should "
            "start it instead",
            f"{q(olds[0])} 是触发器；请说明改用 {spec.display_name} 的哪个事件来触发",
        )
    olds = [x for x in olds if x.type != NodeFamily.TRIGGER]
    if not olds:
        what = (
            op.subject.split("|")[0].removeprefix("app:")
            if op.subject
            else pick(lang, "notification", "通知")
        )
        return skip(lang, f"No {what} step found to replace", f"没有找到要替换的 {what} 步骤")
    old = olds[0]
    if ec.performs(old, spec.app) and not operation:
        return skip(
            lang,
            f"{q(old)} already uses {spec.display_name}",
            f"{q(old)} 已经在使用 {spec.display_name}",
        )
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
    return done(lang, f"Replaced {q(old)} with {q(node)}", f"已把 {q(old)} 替换为 {q(node)}")


# --- move ----------------------------------------------------------------------------------


def move(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    moved = eg.find(wf, op.subject)
    anchors = eg.find(wf, op.anchor)
    if not moved:
        return skip(lang, "Found no step to move", "没有找到要移动的步骤")
    if not anchors and op.where in ("after", "before"):
        return skip(lang, "Found no step to move it next to", "没有找到目标位置的步骤")
    node = moved[0]
    anchors = [x for x in anchors if x.id != node.id]
    if not anchors and op.where in ("after", "before"):
        return skip(lang, f"{q(node)} cannot move next to itself", f"{q(node)} 不能移到自己旁边")
    before = sorted((c.from_node, c.from_output, c.to_node) for c in wf.connections)
    saved = list(wf.connections)
    eg.detach(wf, node)
    eg.place(wf, node, op.where, anchors)
    if sorted((c.from_node, c.from_output, c.to_node) for c in wf.connections) == before:
        return skip(lang, f"{q(node)} is already there", f"{q(node)} 已经在这个位置")
    if not g.incoming(wf, node.id):
        wf.connections = saved
        return skip(lang, f"Could not find where to move {q(node)}", f"无法确定 {q(node)} 的新位置")
    return done(
        lang,
        f"Moved {q(node)} {where_note(wf, node, lang)}",
        f"已移动 {q(node)}，{where_note(wf, node, lang)}",
    )


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
            return skip(lang, f"{q(node)} already uses {value}", f"{q(node)} 已经是 {value}")
        node.parameters = {**node.parameters, key: new}
        return done(
            lang, f"Set {key} of {q(node)} to {value}", f"已把 {q(node)} 的 {key} 改为 {value}"
        )
    return skip(lang, f"Found no step with a {param} to change", f"没有找到可以修改 {param} 的步骤")


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
        return skip(lang, "Found no threshold to change", "没有找到可以修改的阈值")
    node, i = found[0]
    conds = _conditions(node)
    if conds[i].get("right") == number:
        return skip(lang, f"{q(node)} already uses {value}", f"{q(node)} 的阈值已经是 {value}")
    conds[i] = {**conds[i], "right": number}
    node.parameters = {**node.parameters, "conditions": conds}
    return done(
        lang, f"Changed the threshold of {q(node)} to {value}", f"已把 {q(node)} 的阈值改为 {value}"
    )


# --- prune a loop --------------------------------------------------------------------------


def prune_loop(wf: Workflow, op: EditOp, lang: Lang) -> Outcome:
    loops = eg.loops(wf)
    if not loops:
        return skip(lang, "The workflow has no loop", "工作流中没有循环")
    loop = loops[0]
    keep = {x.id for k in op.keep for x in eg.find(wf, k)}
    body = eg.body_of(wf, loop)
    gone = [x for x in body if x.id not in keep]
    if not gone:
        return skip(
            lang, f"{q(loop)} has nothing else to remove", f"{q(loop)} 中没有其他步骤可删除"
        )
    for node in gone:
        g.remove_node(wf, node)
    return done(
        lang,
        f"Removed {names(gone, lang)} from {q(loop)}",
        f"已从 {q(loop)} 中删除 {names(gone, lang)}",
    )
