"""Applying a conditional edit (``add_guard``): an IF in front of the steps it guards, or a
route on the workflow's own IF/switch when that already tests the same field or category.

Invariants: nodes the op does not name keep their ids, names, parameters and other
connections; a new IF goes where the guarded steps were fed from (after the trigger for a
whole-flow guard, where a new step would go when only new steps are guarded); steps of the
otherwise part hang on its other output; inside a loop's body an output left empty goes
back to the loop (the next item). Functions mutate the copy ``apply_edits`` passes.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Connection, Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner import steps as s
from flowsmith.planner.edit_guard_call import DETOUR
from flowsmith.planner.edit_guard_keep import keep_beside
from flowsmith.planner.edit_route import field_of, past_excluding_filters, route, rule_at
from flowsmith.planner.edit_second_approval import THEN_APPROVAL, apply_second_approval
from flowsmith.planner.plan import ActionSpec, ApprovalSpec, EditOp
from flowsmith.planner.resolve import PLACEHOLDER_EMAIL
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

End = tuple[str, str]
_NO_ITEMS = frozenset({"schedule_trigger", "manual_trigger"})


# --- apply ----------------------------------------------------------------------------------


def apply_guard(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put ``op``'s condition in front of what it guards (see the module docstring)."""
    if op.where == "replace":
        return _replace_rule(wf, op, lang)
    if op.where == "instead":
        return _instead(wf, op, lang)
    if op.where == THEN_APPROVAL:  # "… a second sign-off from the CFO after the lead approves"
        return apply_second_approval(wf, op, lang)
    if op.where == DETOUR:  # "…, enrich it first by calling https://… before the sheet"
        return _detour(wf, op, lang)
    guarded = [x for x in eg.find(wf, op.subject) if x.type != NodeFamily.TRIGGER]
    dropped = _drop_on_branch(wf, op, guarded, lang)
    if dropped is not None:
        return dropped
    if not (op.steps or op.else_steps or op.else_subject):
        updated = _restrict(wf, op, guarded, lang) or _extend(wf, op, guarded, lang)
        if updated is not None:
            return updated
    found = route(wf, op) if not guarded else None
    if found is not None:
        return _on_branch(wf, op, found, lang)
    yes, no = ("false", "true") if op.negate else ("true", "false")
    approval = [x for x in op.steps if x.startswith("approval:")]
    targets = guarded or _default_targets(wf, op, bool(approval))
    # "Teams照发，另外再发邮件", "only ping #orders …, still log every order": a step said to
    # still run is no target (a subject naming only kept steps keeps them guarded)
    kept = {x.id for x in eg.find(wf, "|".join(op.keep))} if op.keep else set()
    unkept = [x for x in targets if x.id not in kept]
    targets = unkept if unkept or not guarded else targets
    if not targets and not op.steps and not op.keep:
        return eo.skip(lang, "planner.edit_guard.found_no_step_to_put_a")
    gate = n.make(eo.ids(wf), "if", op.value or "if", "if", dict(op.rule or {}))
    others = [x for x in eg.find(wf, op.else_subject) if x.type != NodeFamily.TRIGGER]
    if targets:
        _insert_before(wf, _upstream_most(wf, targets), gate, yes)
        keep_beside(wf, gate, op.keep)  # "the Slack ping stays for every issue"
    elif others:
        # "only when C do X (new), the rest go to Y": the check goes where Y was fed
        _insert_before(wf, _upstream_most(wf, others), gate, no)
        others = []
    else:
        wf.nodes.append(gate)
        for src, out in _feeds(wf, op, gate):
            g.connect(wf, src, out, gate.id)
    if op.where == "bypass":
        _round(wf, targets, (gate.id, no if op.negate else yes))
    at: End = (gate.id, yes)
    if op.also_rule and op.steps and not targets:  # "…, but only between 8am and 10pm"
        also = n.make(eo.ids(wf), "if", _label(op.also_rule), "if", dict(op.also_rule))
        wf.nodes.append(also)
        g.connect(wf, gate.id, yes, also.id)
        at = (also.id, "true")
    made = _hang(wf, at, op.steps, targets, lang)
    made += _otherwise(wf, op, (gate.id, no), targets if approval else [], lang, others)
    _next_item(wf, (gate.id, no))
    what = eo.names(targets, lang) if targets and not approval else eo.names(made, lang)
    return eo.done(
        lang, "planner.edit_guard.added_the_condition_before", value=eo.q(gate), what=what
    )


def _detour(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """The condition in front of the step ``op.subject``: its passing output runs the new
    steps in a row and then that step, its other output feeds that step directly, so every
    item still reaches it."""
    found = [x for x in eg.find(wf, op.subject) if x.type != NodeFamily.TRIGGER]
    if not found:
        return eo.skip(lang, "planner.edit_guard.found_no_step_to_put_a")
    targets = _upstream_most(wf, found)
    yes, no = ("false", "true") if op.negate else ("true", "false")
    gate = n.make(eo.ids(wf), "if", op.value or "if", "if", dict(op.rule or {}))
    _insert_before(wf, targets, gate, no)  # items that need no call go straight on
    at: End = (gate.id, yes)
    made: list[Node] = []
    for spec in op.steps:
        node = _new_node(wf, spec, at, lang)
        if node is not None:
            made.append(node)
            at = (node.id, g.main_output(node))
    for target in targets:
        g.connect(wf, at[0], at[1], target.id)
    what = eo.names(made, lang)
    return eo.done(
        lang, "planner.edit_guard.added_the_condition_before", value=eo.q(gate), what=what
    )


def _next_item(wf: Workflow, at: End) -> None:
    """An output left empty inside a loop's body goes back to the loop: an item the check
    lets through nowhere still ends its pass, so the loop goes on to the next one."""
    if any(c.from_output == at[1] for c in g.outgoing(wf, at[0])):
        return
    for loop in eg.loops(wf):
        if at[0] in {x.id for x in eg.body_of(wf, loop)}:
            g.connect(wf, at[0], at[1], loop.id)
            return


def _instead(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """A conditional replacement: the new steps where the condition holds, the old steps
    (``subject``) now only where it does not."""
    olds = eg.find(wf, op.subject)
    if not olds:
        return eo.skip(lang, "planner.edit_guard.found_no_step_to_replace_there")
    olds = _upstream_most(wf, olds)  # "don't store it": one check in front of the chain
    swapped = _swap_on_branch(wf, op, olds, lang)
    if swapped is not None:
        return swapped
    yes, no = ("false", "true") if op.negate else ("true", "false")
    found = route(wf, op) if op.category else None
    rule = rule_at(found[0], op) if found is not None else dict(op.rule or {})
    label = _label(rule) if rule != (op.rule or {}) else op.value
    gate = n.make(eo.ids(wf), "if", label or "if", "if", rule)
    g.insert_before(wf, olds, gate, no)
    made = _hang(wf, (gate.id, yes), op.steps, [], lang)
    return eo.done(
        lang,
        "planner.edit_guard.added_the_condition_when_it_holds",
        value=eo.q(gate),
        value2=eo.names(made, lang),
        value3=eo.names(olds, lang),
    )


def _swap_on_branch(wf: Workflow, op: EditOp, olds: list[Node], lang: Lang) -> eo.Outcome | None:
    """ "When it's not urgent, a Trello card instead of the email" where the email already
    hangs only on the "not urgent" output: the new steps take the old ones' place there."""
    found = route(wf, op)
    if found is None or not found[2]:
        return None
    at = (found[0].id, "true" if (found[1] == "true") != op.negate else "false")
    if any({(c.from_node, c.from_output) for c in g.incoming(wf, x.id)} != {at} for x in olds):
        return None
    for node in olds:
        g.remove_node(wf, node)
    made = _hang(wf, at, op.steps, [], lang)
    old, new = eo.names(olds, lang), eo.names(made, lang)
    return eo.done(lang, "planner.edit_ops.replaced_with", old=old, node=new)


def _drop_on_branch(wf: Workflow, op: EditOp, guarded: list[Node], lang: Lang) -> eo.Outcome | None:
    """ "Other emails don't need Slack any more": the named steps hang only on the output
    the category already routes to, so they are removed rather than guarded."""
    if not (op.negate and op.category and guarded):
        return None
    found = route(wf, op)
    if found is None or not found[2]:
        return None
    at = (found[0].id, found[1])
    if any({(c.from_node, c.from_output) for c in g.incoming(wf, x.id)} != {at} for x in guarded):
        return None
    for node in guarded:
        g.remove_node(wf, node)
    names = eo.names(guarded, lang)
    return eo.done(lang, "planner.edit_guard.removed", names=names)


def _round(wf: Workflow, targets: list[Node], at: End) -> None:
    """Items leaving ``at`` go where ``targets`` send items on: an approval's approved
    output, another step's main output ("skip the approval for amounts under 100")."""
    names = {x.id for x in targets}
    for node in targets:
        out = "approved" if node.subtype in g.APPROVALS else g.main_output(node)
        for c in g.outgoing(wf, node.id):
            if c.from_output == out and c.to_node not in names:
                g.connect(wf, at[0], at[1], c.to_node, c.to_input)


def _replace_rule(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """ "Change the condition to …": the named check's (else the first check's) rules
    become the new one."""
    named = [x for x in eg.find(wf, op.subject) if x.subtype in ("if", "filter")]
    checks = named or [x for x in g.ordered(wf) if x.subtype in ("if", "filter")]
    if not checks:
        return eo.skip(lang, "planner.edit_guard.found_no_condition_to_change")
    node = checks[0]
    rule = dict(op.rule or {})
    if {k: node.parameters.get(k) for k in rule} == rule:
        return eo.skip(lang, "planner.edit_guard.already_checks_this", value=eo.q(node))
    node.parameters = {**node.parameters, **rule}
    return eo.done(lang, "planner.edit_guard.changed_the_condition_of", value=eo.q(node))


def _restrict(wf: Workflow, op: EditOp, guarded: list[Node], lang: Lang) -> eo.Outcome | None:
    """ "Only when the amount is over 1000" where an IF already compares the amount the same
    way (in front of the guarded steps): its value changes, nothing is added. A rule of
    several conditions ("in stock and under 3999") is left to ``_extend``: its first
    condition matching an existing one says nothing about the others."""
    rules = (op.rule or {}).get("conditions", [{}])
    if len(rules) > 1:
        return None
    new = rules[0]
    for node in eg.branch_nodes(wf):
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        same = [
            i
            for i, c in enumerate(conds)
            if (_left_key(c.get("left")), c.get("operator"))
            == (_left_key(new.get("left")), new.get("operator"))
        ]
        below = _downstream(wf, node.id) if guarded else set()
        if not same or any(x.id not in below for x in guarded):
            continue
        if conds[same[0]] == {**new, "left": conds[same[0]].get("left")}:
            return eo.skip(lang, "planner.edit_guard.already_checks_this", value=eo.q(node))
        conds[same[0]] = {**new, "left": conds[same[0]].get("left")}  # its own expression
        node.parameters = {**node.parameters, "conditions": conds}
        return eo.done(lang, "planner.edit_guard.updated_the_condition_of", value=eo.q(node))
    return None


def _left_key(left: object) -> str:
    """What a condition compares: its item field, else its whole expression, so that
    "$now.hour" and "$now.weekday" (no item field) are not one value to restrict."""
    return field_of(left) or str(left).strip()


def _extend(wf: Workflow, op: EditOp, guarded: list[Node], lang: Lang) -> eo.Outcome | None:
    """ "Only email me when it's in stock and under 3999" where an IF's true output feeds
    exactly the guarded steps (nothing else feeds them, its other output feeds nothing): the
    IF (same id) gets the new rules joined with "and"; no second IF in a row."""
    if op.negate or op.where is not None or not guarded or (op.rule or {}).get("combine") == "or":
        return None
    feeds = {
        (c.from_node, c.from_output) for x in guarded for c in wf.connections if c.to_node == x.id
    }
    if len(feeds) != 1:
        return None
    ((src, out),) = feeds
    gate = wf.node(src)
    if gate is None or gate.subtype != "if" or out != "true":
        return None
    if gate.parameters.get("combine", "and") != "and":
        return None
    fed = {c.to_node for c in wf.connections if c.from_node == src and c.from_output == "true"}
    if fed != {x.id for x in guarded} or any(
        c.from_node == src and c.from_output != "true" for c in wf.connections
    ):
        return None  # items failing the new rule would reach the other output's steps
    conds = [c for c in gate.parameters.get("conditions", []) if isinstance(c, dict)]
    new = [c for c in (op.rule or {}).get("conditions", []) if isinstance(c, dict)]
    added = [c for c in new if c not in conds]
    if not added:
        return eo.skip(lang, "planner.edit_guard.already_checks_this", value=eo.q(gate))
    gate.parameters = {**gate.parameters, "conditions": [*conds, *added], "combine": "and"}
    return eo.done(lang, "planner.edit_guard.updated_the_condition_of", value=eo.q(gate))


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
    a failure check (that step then keeps going on error), else where a new step goes
    (in front of a filter that lets none of the check's items through)."""
    conds = (op.rule or {}).get("conditions", [])
    if any("$json.error" in str(c.get("left")) for c in conds):
        named = [x for x in eg.find(wf, op.anchor) if x.id != gate.id]
        ends = named or [x for x in eg.find(wf, "end") if x.id != gate.id]
        if ends:
            ends[0].on_error = "continue"
            return [(ends[0].id, g.main_output(ends[0]))]
    placed = [x for x in eg.find(wf, op.anchor) if x.id != gate.id and x.type != NodeFamily.TRIGGER]
    if placed:  # "…, 登记后发邮件": after the step said
        return [(placed[0].id, g.main_output(placed[0]))]
    feeds = [(s, o) for s, o in eg.default_ends(wf, _category(op.steps)) if s != gate.id]
    return past_excluding_filters(wf, op, feeds)


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
        rule = rule_at(node, op)
        label = _label(rule) if rule != (op.rule or {}) else op.value
        gate = n.make(eo.ids(wf), "if", label or "if", "if", rule)
        wf.nodes.append(gate)
        g.connect(wf, node.id, out, gate.id)
        made.append(gate)
        at = (gate.id, "true")
        made += _otherwise(wf, op, (gate.id, "false"), [], lang)
        _chain(wf, (node.id, out), gate.id, op)
    elif op.else_steps or op.else_subject:
        other = "false" if node.subtype == "if" else "fallback"
        if other != out:
            made += _otherwise(wf, op, (node.id, other), [], lang)
    if op.also_rule:  # "… that mention a chargeback": a further check on that branch
        also = n.make(eo.ids(wf), "if", _label(op.also_rule), "if", dict(op.also_rule))
        wf.nodes.append(also)
        g.connect(wf, at[0], at[1], also.id)
        made.append(also)
        at = (also.id, "true")
    made += _hang(wf, at, op.steps, [], lang)
    if not made:
        return eo.skip(lang, "planner.edit_guard.nothing_to_add_on_that_branch")
    return eo.done(
        lang,
        "planner.edit_guard.added",
        value=eo.names(made, lang),
        value2=eo.where_note(wf, made[-1], lang),
    )


def _label(rule: dict[str, Any]) -> str:
    cond = (rule.get("conditions") or [{}])[0]
    m = re.search(r"\$json\.(\w+)", str(cond.get("left")))
    if cond.get("operator") == "contains":
        said = " / ".join(str(x.get("right")) for x in rule.get("conditions", []))
        return f"{m.group(1) if m else 'value'} contains {said}"
    return f"{m.group(1) if m else 'value'} = {cond.get('right')}"


def _chain(wf: Workflow, at: End, gate: str, op: EditOp) -> None:
    """A new check chained on ``at``: the steps the otherwise part names ("everything else
    Slack") hang only on the new check's other output, no longer on ``at`` as well; with
    ``op.only`` every step that was on ``at`` moves there."""
    named = {x.id for x in eg.find(wf, op.else_subject)}
    on_at = {c.to_node for c in wf.connections if (c.from_node, c.from_output) == at} - {gate}
    moved = named | (on_at if op.only else set())
    wf.connections = [
        c for c in wf.connections if not ((c.from_node, c.from_output) == at and c.to_node in moved)
    ]
    for nid in sorted(moved - named):
        g.connect(wf, gate, "false", nid)


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
    (steps an approval now guards). A step upstream of the check, or one the check already
    feeds, is never wired (again)."""
    above = {x.id for x in wf.nodes if at[0] in _downstream(wf, x.id)}
    # "忽略X的报错，其他的照常提醒": a step the check's other output already feeds stays so
    above |= {c.to_node for c in wf.connections if c.from_node == at[0]}
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


def new_step(wf: Workflow, spec: str, at: End, lang: Lang) -> Node | None:
    """A new step from a spec ("app:…", "http:<url>", "action:sms" …) fed from ``at``."""
    return _new_node(wf, spec, at, lang)


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
    if kind == "http":  # "…就调用 https://…": a POST to that URL with the item
        params = {"method": "POST", "url": rest, "body": "{{ JSON.stringify($json) }}"}
        node = n.make(eo.ids(wf), "http_request", f"POST {rest}"[:60], "http_request", params)
    elif kind == "reply":  # "respond with 403": the webhook's answer with that status
        reply: dict[str, Any] = {"respond_with": "json", "body": {"ok": False}}
        reply["status_code"] = int(rest)
        name = say("planner.compile.respond_to_webhook", lang)
        node = n.make(eo.ids(wf), "respond", name, "webhook_response", reply)
    elif kind == "approval":
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
