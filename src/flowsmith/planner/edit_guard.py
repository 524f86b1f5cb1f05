"""Applying a conditional edit (``add_guard``): an IF in front of the steps it guards, or a
route on the workflow's own IF/switch when that already tests the same field or category.

Invariants: nodes the op does not name keep their ids, names, parameters and other
connections; a new IF goes where the guarded steps were fed from (after the trigger for a
whole-flow guard, where a new step would go when only new steps are guarded); steps of the
otherwise part hang on its other output. Functions mutate the copy ``apply_edits`` passes.
"""

from __future__ import annotations

from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner import steps as s
from flowsmith.planner.edit_route import route
from flowsmith.planner.plan import ActionSpec, ApprovalSpec, EditOp
from flowsmith.planner.resolve import PLACEHOLDER_EMAIL
from flowsmith.planner.text import Lang

End = tuple[str, str]
_NO_ITEMS = frozenset({"schedule_trigger", "manual_trigger"})


# --- apply ----------------------------------------------------------------------------------


def apply_guard(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put ``op``'s condition in front of what it guards (see the module docstring)."""
    if op.where == "replace":
        return _replace_rule(wf, op, lang)
    guarded = [x for x in eg.find(wf, op.subject) if x.type != NodeFamily.TRIGGER]
    if not (op.steps or op.else_steps or op.else_subject):
        updated = _restrict(wf, op, guarded, lang)
        if updated is not None:
            return updated
    found = route(wf, op) if not guarded else None
    if found is not None:
        return _on_branch(wf, op, found, lang)
    yes, no = ("false", "true") if op.negate else ("true", "false")
    approval = [x for x in op.steps if x.startswith("approval:")]
    targets = guarded or _default_targets(wf, op, bool(approval))
    if not targets and not op.steps:
        return eo.skip(lang, "Found no step to put a condition before", "没有找到可以加条件的位置")
    gate = n.make(eo.ids(wf), "if", op.value or "if", "if", dict(op.rule or {}))
    others = [x for x in eg.find(wf, op.else_subject) if x.type != NodeFamily.TRIGGER]
    if targets:
        _insert_before(wf, _upstream_most(wf, targets), gate, yes)
    elif others:
        # "only when C do X (new), the rest go to Y": the check goes where Y was fed
        _insert_before(wf, _upstream_most(wf, others), gate, no)
        others = []
    else:
        wf.nodes.append(gate)
        for src, out in _feeds(wf, op, gate):
            g.connect(wf, src, out, gate.id)
    made = _hang(wf, (gate.id, yes), op.steps, targets, lang)
    made += _otherwise(wf, op, (gate.id, no), targets if approval else [], lang, others)
    what = eo.names(targets, lang) if targets and not approval else eo.names(made, lang)
    return eo.done(
        lang,
        f"Added the condition {eo.q(gate)} before {what}",
        f"在 {what} 之前添加了条件 {eo.q(gate)}",
    )


def _replace_rule(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """ "Change the condition to …": the first check's rules become the new one."""
    checks = [x for x in g.ordered(wf) if x.subtype in ("if", "filter")]
    if not checks:
        return eo.skip(lang, "Found no condition to change", "没有找到可以修改的条件")
    node = checks[0]
    rule = dict(op.rule or {})
    if {k: node.parameters.get(k) for k in rule} == rule:
        return eo.skip(lang, f"{eo.q(node)} already checks this", f"{eo.q(node)} 已包含该条件")
    node.parameters = {**node.parameters, **rule}
    return eo.done(lang, f"Changed the condition of {eo.q(node)}", f"已修改 {eo.q(node)} 的条件")


def _restrict(wf: Workflow, op: EditOp, guarded: list[Node], lang: Lang) -> eo.Outcome | None:
    """ "Only when the amount is over 1000" where an IF already compares the amount the same
    way (in front of the guarded steps): its value changes, nothing is added."""
    new = (op.rule or {}).get("conditions", [{}])[0]
    for node in eg.branch_nodes(wf):
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        same = [
            i
            for i, c in enumerate(conds)
            if (c.get("left"), c.get("operator")) == (new.get("left"), new.get("operator"))
        ]
        below = _downstream(wf, node.id) if guarded else set()
        if not same or any(x.id not in below for x in guarded):
            continue
        if conds[same[0]] == new:
            return eo.skip(lang, f"{eo.q(node)} already checks this", f"{eo.q(node)} 已包含该条件")
        conds[same[0]] = dict(new)
        node.parameters = {**node.parameters, "conditions": conds}
        return eo.done(
            lang, f"Updated the condition of {eo.q(node)}", f"已更新 {eo.q(node)} 的条件"
        )
    return None


def _downstream(wf: Workflow, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for c in g.outgoing(wf, todo.pop()):
            if c.to_node not in seen:
                seen.add(c.to_node)
                todo.append(c.to_node)
    return seen


def _upstream_most(wf: Workflow, targets: list[Node]) -> list[Node]:
    """``targets`` minus those downstream of another target (one check guards the chain)."""
    below = {x for t in targets for x in _downstream(wf, t.id) if x != t.id}
    kept = [t for t in targets if t.id not in below]
    return kept or targets[:1]


def _insert_before(wf: Workflow, targets: list[Node], gate: Node, output: str) -> None:
    """``gate`` between ``targets`` and what feeds them; a loop's own way back into itself
    (from its body) stays as it is."""
    ids = {t.id for t in targets}
    bodies = {t.id: {x.id for x in eg.body_of(wf, t)} for t in targets if t.subtype == "loop"}

    def back(c: Connection) -> bool:
        return c.to_node in ids and c.from_node in bodies.get(c.to_node, set())

    ins = [c for t in targets for c in g.incoming(wf, t.id) if not back(c)]
    wf.nodes.append(gate)
    wf.connections = [c for c in wf.connections if c.to_node not in ids or back(c)]
    for c in ins:
        g.connect(wf, c.from_node, c.from_output, gate.id)
    for t in targets:
        g.connect(wf, gate.id, output, t.id)


def _default_targets(wf: Workflow, op: EditOp, approval: bool) -> list[Node]:
    if op.where == "flow":
        trigger = next((x for x in g.ordered(wf) if x.type == NodeFamily.TRIGGER), None)
        if trigger is None:
            return []
        start = trigger
        if trigger.subtype in _NO_ITEMS:
            # a timed start carries no items: check them after the step that fetches them
            first = [x for c in g.outgoing(wf, trigger.id) if (x := wf.node(c.to_node))]
            start = first[0] if len(first) == 1 and _reads(first[0]) else trigger
        return [x for c in g.outgoing(wf, start.id) if (x := wf.node(c.to_node)) is not None]
    if op.steps and not approval:
        return []
    return eg.guarded(wf, None)


def _reads(node: Node) -> bool:
    op = node_service(node)
    if op is not None:
        return "read" in op.verbs()
    return node.subtype == "http_request"


def _feeds(wf: Workflow, op: EditOp, gate: Node) -> list[End]:
    """Where a condition with only new steps behind it reads from: after the last step for
    a failure check (that step then keeps going on error), else where a new step goes."""
    conds = (op.rule or {}).get("conditions", [])
    if any("$json.error" in str(c.get("left")) for c in conds):
        ends = [x for x in eg.find(wf, "end") if x.id != gate.id]
        if ends:
            ends[0].on_error = "continue"
            return [(ends[0].id, g.main_output(ends[0]))]
    return [(s, o) for s, o in eg.default_ends(wf, _category(op.steps)) if s != gate.id]


def _category(steps: list[str]) -> str | None:
    app = next((x for x in steps if x.startswith("app:")), None)
    spec = ec.app(ec.parse_step(app)[0]) if app else None
    return spec.category if spec else None


def _on_branch(wf: Workflow, op: EditOp, found: tuple[Node, str, bool], lang: Lang) -> eo.Outcome:
    node, out, exact = found
    if out == "new":
        out = _new_category(wf, node, op.category or "")
    at: End = (node.id, out)
    made: list[Node] = []
    if not exact:
        gate = n.make(eo.ids(wf), "if", op.value or "if", "if", dict(op.rule or {}))
        wf.nodes.append(gate)
        g.connect(wf, node.id, out, gate.id)
        made.append(gate)
        at = (gate.id, "true")
        made += _otherwise(wf, op, (gate.id, "false"), [], lang)
    elif op.else_steps or op.else_subject:
        other = "false" if node.subtype == "if" else "fallback"
        if other != out:
            made += _otherwise(wf, op, (node.id, other), [], lang)
    made += _hang(wf, at, op.steps, [], lang)
    if not made:
        return eo.skip(lang, "Nothing to add on that branch", "该分支上没有要添加的步骤")
    return eo.done(
        lang,
        f"Added {eo.names(made, lang)} {eo.where_note(wf, made[-1], lang)}",
        f"已添加 {eo.names(made, lang)}，{eo.where_note(wf, made[-1], lang)}",
    )


def _new_category(wf: Workflow, switch: Node, category: str) -> str:
    """Add ``category`` to the classifier and a rule for it to ``switch``; its output."""
    rules = [*switch.parameters.get("rules", []), {"operator": "equals", "value": category}]
    switch.parameters = {**switch.parameters, "rules": rules}
    for node in wf.nodes:
        cats = node.parameters.get("categories")
        if node.subtype == "text_classifier" and isinstance(cats, list):
            new: object = {"name": category} if cats and isinstance(cats[0], dict) else category
            node.parameters = {**node.parameters, "categories": [*cats, new]}
    return f"output_{len(rules) - 1}"


def _otherwise(
    wf: Workflow,
    op: EditOp,
    at: End,
    also: list[Node],
    lang: Lang,
    named: list[Node] | None = None,
) -> list[Node]:
    """Wire what runs when the condition does not hold: named steps (kept where they are
    fed from too; ``named`` when given, else ``op.else_subject``'s), new steps, and ``also``
    (steps an approval now guards). A step upstream of the check is never wired back."""
    above = {x.id for x in wf.nodes if at[0] in _downstream(wf, x.id)}
    steps = eg.find(wf, op.else_subject) if named is None else named
    for node in [*steps, *also]:
        if node.id not in above:
            g.connect(wf, at[0], at[1], node.id)
    return _hang(wf, at, op.else_steps, [], lang)


def _hang(wf: Workflow, at: End, specs: list[str], after: list[Node], lang: Lang) -> list[Node]:
    """New nodes for ``specs`` fed from ``at``; an approval's approved output feeds
    ``after`` (the steps it now guards)."""
    made: list[Node] = []
    for spec in specs:
        node = _new_node(wf, spec, at, lang)
        if node is None:
            continue
        made.append(node)
        if node.subtype in g.APPROVALS:
            wf.connections = [
                c
                for c in wf.connections
                if (c.from_node, c.from_output) != at or c.to_node not in {x.id for x in after}
            ]
            for target in after:
                g.connect(wf, node.id, "approved", target.id)
    return made


def _new_node(wf: Workflow, spec: str, at: End, lang: Lang) -> Node | None:
    payload = g.payload_at(wf, at[0], lang)
    kind, _, rest = spec.partition(":")
    if kind == "app":
        app_name, resource, operation = ec.parse_step(spec)
        if not (resource and operation):
            return None
        node = eo.new_app_node(wf, app_name, resource, operation, lang)
        wf.nodes.append(node)
        g.connect(wf, at[0], at[1], node.id)
        eo.fill(wf, node, ec.step_values(spec) or None, lang)
        return node
    if kind == "approval":
        channel = "slack" if rest == "slack" else "email"
        approver = "#approvals" if channel == "slack" else "manager@example.com"
        node = s.approval_node(
            eo.ids(wf), ApprovalSpec(kind=channel, approver=approver), lang, payload, wf.name
        )
    else:
        action, _, target = rest.partition(":")
        if action not in ("email", "sms"):
            return None
        default = PLACEHOLDER_EMAIL if action == "email" else None
        act = ActionSpec(kind=action, target=target or default)
        node = s.action_node(eo.ids(wf), act, lang, payload)
    wf.nodes.append(node)
    g.connect(wf, at[0], at[1], node.id)
    return node
