"""Applying ``EditOp``s to the latest workflow.

Invariants: ``apply_edits`` works on a deep copy; a node no op names keeps its id, name and
parameters; connections change only around the nodes an op adds, removes or replaces;
new nodes get ids unused in the workflow. Every op yields one note for the reply and
whether it changed anything (adding a second email step, removing a step that is not
there... change nothing and say why).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner import steps as s
from flowsmith.planner import vocab as v
from flowsmith.planner.edit_approval import apply_timeout
from flowsmith.planner.edit_calls import apply_call, is_call
from flowsmith.planner.edit_files import DATED, apply_dated_name
from flowsmith.planner.edit_guard import apply_guard
from flowsmith.planner.edit_known import KNOWN, apply_known
from flowsmith.planner.edit_prior import on_prior, prior_steps
from flowsmith.planner.edit_tiers import TIERS, apply_tiers
from flowsmith.planner.edit_transform import apply_transform
from flowsmith.planner.edit_trigger import replace_trigger
from flowsmith.planner.edit_unknown import apply_unknown, is_unknown
from flowsmith.planner.plan import ApprovalSpec, EditKind, EditOp
from flowsmith.planner.resolve import PLACEHOLDER_EMAIL
from flowsmith.planner.text import Lang, pick
from flowsmith.text import text as say

_AI_SUBTYPES = {
    "summarize": "summarizer",
    "classify": "text_classifier",
    "extract": "information_extractor",
    "sentiment": "sentiment_analysis",
    "translate": "llm_chat",
    "analyze": "llm_chat",
    "agent": "ai_agent",
}
# which parameter holds the recipient / the message of a destination
_TARGET_PARAM = {
    "send_email": "to",
    "gmail_send": "to",
    "slack_message": "channel",
    "telegram_message": "chat_id",
    "twilio_sms": "to",
    "web_page_check": "url",
    "approval_email": "to",
    "approval_slack": "channel",
}
_MESSAGE_PARAM = {
    "send_email": "body",
    "gmail_send": "body",
    "slack_message": "text",
    "telegram_message": "text",
    "discord_message": "content",
    "microsoft_teams_message": "message",
    "twilio_sms": "message",
    "notion_create_page": "content",
    "github_create_issue": "body",
}


@dataclass
class EditResult:
    workflow: Workflow
    notes: list[str] = field(default_factory=list)
    changed: bool = False


@dataclass(frozen=True)
class _Outcome:
    note: str
    changed: bool


def apply_edits(current: Workflow, ops: list[EditOp], lang: Lang) -> EditResult:
    """Apply ``ops`` in order to a copy of ``current``; a removal removes only steps
    ``current`` had (see ``edit_prior``)."""
    result = EditResult(workflow=current.model_copy(deep=True))
    prior = prior_steps(current)
    took: dict[str, str] = {}  # a replaced step's id -> the id of the step in its place
    for said in ops:
        op = on_prior(said, result.workflow, prior)
        if op is None:
            continue  # "原来那个不要了" after its replacement: the old step is already gone
        op = _on_successor(op, result.workflow, took)
        before = {x.id for x in result.workflow.nodes}
        outcome = _HANDLERS[op.kind](result.workflow, op, lang)
        took.update(_successors(before, result.workflow))
        if outcome.note and outcome.note not in result.notes:
            result.notes.append(outcome.note)
        result.changed = result.changed or outcome.changed
    return result


def _successors(before: set[str], wf: Workflow) -> dict[str, str]:
    """The one step an op put in the place of the one it removed (a replacement), by id."""
    after = {x.id for x in wf.nodes}
    gone, new = before - after, after - before
    return {next(iter(gone)): next(iter(new))} if len(gone) == 1 and len(new) == 1 else {}


def _on_successor(op: EditOp, wf: Workflow, took: dict[str, str]) -> EditOp:
    """``op`` naming, for a step an earlier op replaced, the step in its place ("把Slack换成
    飞书，只有加急的才发": the check guards the Feishu step)."""
    old = (op.subject or "").removeprefix("node:")
    if not (op.subject or "").startswith("node:") or wf.node(old) is not None or old not in took:
        return op
    return op.model_copy(update={"subject": f"node:{took[old]}"})


def _done(lang: Lang, key: str, /, **fields: object) -> _Outcome:
    return _Outcome(say(key, lang, **fields), True)


def _done_pair(lang: Lang, en: str, zh: str) -> _Outcome:
    """As :func:`_done`, for a note whose parts differ by language."""
    return _Outcome(pick(lang, en, zh), True)


def _skip(lang: Lang, key: str, /, **fields: object) -> _Outcome:
    return _Outcome(say(key, lang, **fields), False)


def _skip_pair(lang: Lang, en: str, zh: str) -> _Outcome:
    """As :func:`_skip`, for a note whose parts differ by language."""
    return _Outcome(pick(lang, en, zh), False)


def _q(node: Node) -> str:
    return f"“{node.name}”"


def _names(nodes: list[Node], lang: Lang) -> str:
    return say("planner.edit_apply.text", lang).join(_q(x) for x in nodes)


def _ids(wf: Workflow) -> n.Ids:
    return n.Ids({x.id for x in wf.nodes})


# --- add -----------------------------------------------------------------------------------


def _add_action(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.action is not None
    subtype = s.ACTION_SUBTYPES[op.action.kind]
    emails = {"send_email", "gmail_send"}
    same = emails if subtype in emails else {subtype}
    existing = [x for x in g.ordered(wf) if x.subtype in same]
    if existing and op.where not in ("loop", "otherwise", "approved", "rejected"):
        return _skip(
            lang,
            "planner.edit_apply.the_workflow_already_has_not_adding",
            q=_q(existing[0]),
            subtype=existing[0].subtype,
        )
    spec = op.action.model_copy()
    if spec.target is None and spec.kind in ("email", "gmail"):
        spec.target = PLACEHOLDER_EMAIL
    mysql = any(x.subtype == "mysql_query" for x in wf.nodes)
    if op.where is not None or op.anchor is not None:
        # placed first, then given the message of what reaches it
        node = s.action_node(_ids(wf), spec, lang, n.Payload(n.ALL_JSON, wf.name, n.ALL_JSON))
        wf.nodes.append(node)
        eg.place(wf, node, op.where, eg.find(wf, op.anchor))
        ins = g.incoming(wf, node.id)
        payload = g.payload_at(wf, ins[0].from_node if ins else None, lang)
        node.parameters = s.action_params(spec, payload, mysql)
        where = eo.where_note(wf, node, lang)
        return _done(lang, "planner.edit_apply.added", node=_q(node), where=where)
    ends = eg.default_ends(wf)
    payload = g.payload_at(wf, ends[0][0] if ends else None, lang)
    node = s.action_node(_ids(wf), spec, lang, payload, mysql)
    wf.nodes.append(node)
    for src, out in ends:
        g.connect(wf, src, out, node.id)
    where = _where(wf, ends, lang)
    return _done(lang, "planner.edit_apply.added", node=_q(node), where=where)


def _where(wf: Workflow, ends: list[g.End], lang: Lang) -> str:
    if not ends:
        return ""
    src = wf.node(ends[0][0])
    name = _q(src) if src else ends[0][0]
    out = ends[0][1]
    if out == "main":
        return say("planner.edit_apply.after", lang, name=name)
    return say("planner.edit_apply.on_the_output_of", lang, out=out, name=name)


def _add_source(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.source is not None
    store = v.STORE_BY_KEY.get(op.source.store or "")
    label = store.name if store else str(op.source.store)
    if g.matching(wf, op.subject or ""):
        return _skip(lang, "planner.edit_apply.is_already_checked", label=label)
    checks = [x for x in g.ordered(wf) if x.subtype == "web_page_check"]
    product = str(checks[0].parameters.get("product_name", "")) if checks else ""
    product = product or say("planner.edit_apply.your_product", lang)
    node = n.source_nodes(_ids(wf), op.source, lang, product)[0]
    if not checks:
        return _source_after_trigger(wf, node, lang)
    first = checks[0]
    wf.nodes.append(node)
    for c in g.incoming(wf, first.id):
        g.connect(wf, c.from_node, c.from_output, node.id, c.to_input)
    _join_merge(wf, first, node, lang)
    return _done(lang, "planner.edit_apply.added_next_to", node=_q(node), first=_q(first))


def _join_merge(wf: Workflow, first: Node, node: Node, lang: Lang) -> None:
    """Send ``node`` into the merge after ``first``, creating the merge if there is none."""
    outs = g.outgoing(wf, first.id)
    merge = next(
        (c for c in outs if (t := wf.node(c.to_node)) is not None and t.subtype == "merge"), None
    )
    if merge is not None:
        g.connect(wf, node.id, "main", merge.to_node, merge.to_input)
        return
    new_merge = n.merge_node(_ids(wf), lang)
    wf.nodes.append(new_merge)
    wf.connections = [c for c in wf.connections if c.from_node != first.id]
    g.connect(wf, first.id, "main", new_merge.id)
    g.connect(wf, node.id, "main", new_merge.id)
    for c in outs:
        g.connect(wf, new_merge.id, "main", c.to_node, c.to_input)


def _source_after_trigger(wf: Workflow, node: Node, lang: Lang) -> _Outcome:
    trigger = next((x for x in wf.nodes if x.type == NodeFamily.TRIGGER), None)
    if trigger is None:
        return _skip(lang, "planner.edit_apply.the_workflow_has_no_trigger")
    outs = g.outgoing(wf, trigger.id)
    wf.nodes.append(node)
    wf.connections = [c for c in wf.connections if c.from_node != trigger.id]
    g.connect(wf, trigger.id, "main", node.id)
    for c in outs:
        g.connect(wf, node.id, "main", c.to_node, c.to_input)
    return _done(lang, "planner.edit_apply.added_after", node=_q(node), trigger=_q(trigger))


def _add_ai(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.ai is not None
    step = op.ai
    subtype = _AI_SUBTYPES[step.kind]
    # llm_chat serves several kinds; the id says which one ("translate", "analyze")
    existing = [
        x
        for x in wf.nodes
        if x.subtype == subtype and (subtype != "llm_chat" or x.id.startswith(step.kind))
    ]
    if existing:
        return _skip(lang, "planner.edit_apply.the_workflow_already_has", q=_q(existing[0]))
    named = eg.find(wf, op.subject)
    targets = named or [t for t in eg.guarded(wf, None) if t in eg.sinks(wf)]
    src = g.feed_of(wf, targets) if targets else _tail_id(wf)
    payload = g.payload_at(wf, src, lang)
    node, attached, out = s.ai_nodes(_ids(wf), step, lang, payload.text, wf.description)
    if targets:
        g.insert_before(wf, targets, node, "main")
        for target in targets:
            _retext(target, out)
        where = say("planner.edit_apply.before", lang, targets=_names(targets, lang))
    else:
        wf.nodes.append(node)
        if src is not None:
            g.connect(wf, src, "main", node.id)
        where = say("planner.edit_apply.at_the_end", lang)
    wf.nodes.extend(attached)
    return _done(lang, "planner.edit_apply.added_2", node=_q(node), where=where)


def _tail_id(wf: Workflow) -> str | None:
    last = g.tail(wf)
    return last.id if last else None


def _retext(node: Node, payload: n.Payload | None) -> None:
    """Point a notification's message at a new AI step's output (that is why it was added)."""
    key = _MESSAGE_PARAM.get(node.subtype) or next(
        (k for k in ("text", "message", "content", "body") if k in node.parameters), None
    )
    if key is not None and payload is not None:
        node.parameters = {**node.parameters, key: payload.body}


def _add_approval(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    existing = [x for x in wf.nodes if x.subtype in g.APPROVALS]
    if existing:
        return _skip(
            lang, "planner.edit_apply.the_workflow_already_has_an_approval", q=_q(existing[0])
        )
    targets = eg.guarded(wf, op.subject)
    if not targets:
        return _skip(lang, "planner.edit_apply.found_no_step_to_put_an")
    payload = g.payload_at(wf, g.feed_of(wf, targets), lang)
    node = s.approval_node(_ids(wf), op.approval or ApprovalSpec(), lang, payload, wf.name)
    g.insert_before(wf, targets, node, "approved")
    names = _names(targets, lang)
    return _done(lang, "planner.edit_apply.added_before", node=_q(node), names=names)


def _add_wait(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.wait is not None
    targets = eg.guarded(wf, op.subject)
    if not targets:
        return _skip(lang, "planner.edit_apply.found_no_step_to_wait_before")
    node = n.wait_node(_ids(wf), op.wait, lang)
    g.insert_before(wf, targets, node, "main")
    names = _names(targets, lang)
    return _done(lang, "planner.edit_apply.added_before", node=_q(node), names=names)


def _add_condition(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.condition is not None
    ifs = [x for x in g.ordered(wf) if x.subtype == "if"]
    web = any(x.subtype == "web_page_check" for x in wf.nodes)
    http = any(x.subtype == "http_request" for x in wf.nodes)
    prefix = "body." if http and not web else ""
    new = s.condition_params(op.condition, n.ALL_JSON, prefix)
    if ifs:
        return _extend_if(ifs[-1], new, lang)
    targets = eg.guarded(wf, None)
    if not targets:
        return _skip(lang, "planner.edit_apply.found_no_step_to_put_a")
    payload = g.payload_at(wf, g.feed_of(wf, targets), lang)
    node = s.if_node(_ids(wf), [op.condition], "and", lang, payload)
    g.insert_before(wf, targets, node, "true")
    return _done(lang, "planner.edit_apply.added_the_condition", node=_q(node))


def _extend_if(node: Node, new: dict[str, object], lang: Lang) -> _Outcome:
    """Add ``new`` to an IF, or update the condition on the same field and operator."""
    conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
    same = [
        i
        for i, c in enumerate(conds)
        if (c.get("left"), c.get("operator")) == (new["left"], new["operator"])
    ] or [
        i
        for i, c in enumerate(conds)
        if c.get("left") == new["left"] and "right" in c and "right" in new
    ]
    if same and conds[same[0]] == new:
        return _skip(lang, "planner.edit_apply.already_checks_this", node=_q(node))
    if same:
        conds[same[0]] = new
    else:
        conds.append(new)
    node.parameters = {**node.parameters, "conditions": conds}
    return _done(lang, "planner.edit_apply.updated_the_conditions_of", node=_q(node))


# --- remove, replace, set ------------------------------------------------------------------


def _remove(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    if op.where == "loop":
        out = eo.prune_loop(wf, op, lang)
        return _Outcome(out.note, out.changed)
    targets = eg.find(wf, op.subject)
    what = (op.subject or "").split("|")[0].removeprefix("app:").removeprefix("name:")
    if not targets:
        return _skip(lang, "planner.edit_apply.no_step_found_to_remove", what=what)
    if any(t.type == NodeFamily.TRIGGER for t in targets):
        return _skip(lang, "planner.edit_apply.the_trigger_cannot_be_removed_replace")
    feeders = {c.from_node for t in targets for c in g.incoming(wf, t.id)}
    targets += eg.rejected_only(wf, [t for t in targets if t.subtype in g.APPROVALS])
    for node in targets:
        g.remove_node(wf, node)
    targets += eg.drop_orphan_checks(wf, targets)
    names = _names(targets, lang)
    note = say("planner.edit_apply.removed_and_reconnected_its_neighbours", lang, names=names)
    stranded = [x for x in wf.nodes if x.id in feeders and not g.outgoing(wf, x.id)]
    if any(x.type in (NodeFamily.FLOW, NodeFamily.HUMAN_IN_THE_LOOP) for x in stranded):
        note += say(
            "planner.edit_apply.now_leads_nowhere_add_a_notification",
            lang,
            stranded=_names(stranded, lang),
        )
    return _Outcome(note, True)


def _replace_action(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.action is not None
    olds = eg.find(wf, op.subject) if op.subject else eg.replaceable(wf, None, True)[:1]
    if not olds:
        what = op.subject or say("planner.edit_apply.notification", lang)
        return _skip(lang, "planner.edit_apply.no_step_found_to_replace", what=what)
    old = olds[0]
    spec = op.action.model_copy()
    if spec.target is None and spec.kind in ("email", "gmail"):
        spec.target = PLACEHOLDER_EMAIL
    payload = g.payload_at(wf, g.feed_of(wf, [old]), lang)
    node = s.action_node(_ids(wf), spec, lang, payload)
    g.replace_node(wf, old, node)
    return _done(lang, "planner.edit_apply.replaced_with", old=_q(old), node=_q(node))


def _set_schedule(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    assert op.schedule is not None
    params = n.schedule_params(op.schedule)
    name = n.schedule_name(op.schedule, lang)
    node = next((x for x in wf.nodes if x.subtype == "schedule_trigger"), None)
    polled = next((x for x in wf.nodes if "poll_minutes" in x.parameters), None)
    if node is None and polled is not None and op.schedule.kind == "interval":
        # "check the feed every 15 minutes": the trigger's own polling interval
        if polled.parameters["poll_minutes"] == op.schedule.minutes:
            return _skip_pair(lang, f"{_q(polled)} already checks {name.lower()}", f"已经是{name}")
        polled.parameters = {**polled.parameters, "poll_minutes": op.schedule.minutes}
        return _done_pair(
            lang, f"{_q(polled)} now checks {name.lower()}", f"{_q(polled)} 改为{name}"
        )
    if node is None:
        return _schedule_instead_of_trigger(wf, params, name, lang)
    old = n.schedule_from_params(node.parameters)
    if old is not None and n.schedule_params(old) == params:
        return _skip_pair(lang, f"The schedule is already {name.lower()}", f"触发频率已经是{name}")
    timezone = {k: val for k, val in node.parameters.items() if k == "timezone"}
    node.parameters = {**params, **timezone}
    if old is None or node.name in (n.schedule_name(old, "en"), n.schedule_name(old, "zh")):
        node.name = name  # a name the user chose stays; a generated one follows the schedule
    return _done_pair(lang, f"Changed the schedule to {name.lower()}", f"触发频率改为{name}")


def _schedule_instead_of_trigger(
    wf: Workflow, params: dict[str, object], name: str, lang: Lang
) -> _Outcome:
    node = n.make(_ids(wf), "schedule", name, "schedule_trigger", dict(params))
    trigger = next((x for x in wf.nodes if x.type == NodeFamily.TRIGGER), None)
    if trigger is None:
        wf.nodes.insert(0, node)
        return _done_pair(lang, f"Added a schedule: {name.lower()}", f"添加了定时触发：{name}")
    g.replace_node(wf, trigger, node)
    return _done_pair(
        lang,
        f"Replaced {_q(trigger)} with a schedule: {name.lower()}",
        f"把 {_q(trigger)} 换成定时触发：{name}",
    )


def _set_target(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
    changed: list[Node] = []
    for node in eg.find(wf, op.subject):
        key = _TARGET_PARAM.get(node.subtype)
        if key is None or node.parameters.get(key) == op.value:
            continue
        store = _store_of(node, op.value)
        if store:
            node.name = _renamed_for_store(node, store["store"])
        node.parameters = {**node.parameters, key: op.value, **store}
        changed.append(node)
    if not changed:
        return _skip(lang, "planner.edit_apply.already_using", value=op.value)
    names = _names(changed, lang)
    return _done(lang, "planner.edit_apply.now_uses", names=names, value=op.value)


def _store_of(node: Node, url: str | None) -> dict[str, str]:
    """A page check moved to another shop's link checks that shop: its ``store`` follows
    the link (kept when the link's shop is unknown)."""
    store = v.store_for_url(url or "") if node.subtype == "web_page_check" else None
    return {"store": store.catalog} if store is not None and "store" in node.parameters else {}


def _renamed_for_store(node: Node, store: str) -> str:
    """ "Check Target page" checking Walmart now says Walmart."""
    old = v.STORE_BY_KEY.get(str(node.parameters.get("store", "")))
    new = v.STORE_BY_KEY.get(store)
    if old is None or new is None:
        return node.name
    return node.name.replace(old.name, new.name).replace(old.name_zh, new.name_zh)


def _set_param(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """A parameter change; an approval's deadline also wires its timeout output."""
    if (op.param or "").startswith("timeout:"):
        return apply_timeout(wf, op, lang)
    if op.param == DATED:
        return apply_dated_name(wf, op, lang)
    if op.param == TIERS:
        return apply_tiers(wf, op, lang)
    return eo.set_param(wf, op, lang)


def _add_guard(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """A condition in front of steps, or a look-up of an item already known (``edit_known``)."""
    return apply_known(wf, op, lang) if op.where == KNOWN else apply_guard(wf, op, lang)


def _add_step(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """A service's step, an API call said before/after a step (``edit_calls``), or a step on
    a service the catalog does not know (``edit_unknown``)."""
    if is_unknown(op):
        return apply_unknown(wf, op, lang)
    return apply_call(wf, op, lang) if is_call(op) else eo.add_step(wf, op, lang)


def _service(
    handler: Callable[[Workflow, EditOp, Lang], eo.Outcome],
) -> Callable[[Workflow, EditOp, Lang], _Outcome]:
    def run(wf: Workflow, op: EditOp, lang: Lang) -> _Outcome:
        out = handler(wf, op, lang)
        return _Outcome(out.note, out.changed)

    return run


_HANDLERS: dict[EditKind, Callable[[Workflow, EditOp, Lang], _Outcome]] = {
    "add_step": _service(_add_step),
    "add_guard": _service(_add_guard),
    "add_transform": _service(apply_transform),
    "replace_trigger": _service(replace_trigger),
    "replace_step": _service(eo.replace_step),
    "move": _service(eo.move),
    "set_param": _service(_set_param),
    "add_action": _add_action,
    "add_source": _add_source,
    "add_ai": _add_ai,
    "add_approval": _add_approval,
    "add_wait": _add_wait,
    "add_condition": _add_condition,
    "remove": _remove,
    "set_schedule": _set_schedule,
    "set_target": _set_target,
    "replace_action": _replace_action,
}
