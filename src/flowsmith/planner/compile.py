"""Compile a request :class:`~flowsmith.planner.frame.Frame` into a workflow, recursively.

* every step becomes one node (a branch one IF, one Switch or a chain of IFs; a loop a Loop
  node whose ``loop`` output runs its steps and whose ``done`` output continues);
* a case's steps hang off the branch output of its condition, so an action the request
  made conditional sits behind that condition; a case without steps, and a branch without
  an ``otherwise`` case, pass their items on, so a step after a branch joins every path
  that reaches it;
* a service the catalog has becomes its app node (``resource``, ``operation`` and the
  operation's required fields, placeholders named in the assumptions); one it lacks an
  HTTP Request named for it.

Returns the workflow and the assumptions (in the request's language). Pure.

This module walks the frame (steps, branches, loops, approvals: the recursive part).
The state it threads, its small helpers and a condition's IF rule are in
:mod:`~flowsmith.planner.compile_state`, the trigger node in
:mod:`~flowsmith.planner.compile_trigger`, and the node of each leaf step (service, core,
transform, thinking) in :mod:`~flowsmith.planner.compile_nodes`.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Connection, NodeFamily, Workflow
from flowsmith.planner.chain_refs import joined_upto
from flowsmith.planner.compile_agent import agent_nodes
from flowsmith.planner.compile_approval import approval_ask
from flowsmith.planner.compile_join import join_feeds, said_every_path
from flowsmith.planner.compile_nodes import (
    core_node,
    reads,
    service_node,
    think_node,
    transform_node,
)
from flowsmith.planner.compile_replies import answered_once
from flowsmith.planner.compile_respond import response_body
from flowsmith.planner.compile_state import (
    SWITCHABLE,
    CompileState,
    End,
    add_one,
    combine_of,
    duration,
    field_ref,
    if_rule,
    if_rules,
)
from flowsmith.planner.compile_trigger import trigger_node
from flowsmith.planner.compile_windows import window_label
from flowsmith.planner.frame import (
    Approval,
    Branch,
    Condition,
    CoreStep,
    Frame,
    Loop,
    Respond,
    ServiceStep,
    Step,
    Think,
    Transform,
    Wait,
    walk,
)
from flowsmith.planner.nodes import make
from flowsmith.planner.record_ids import trigger_record_ids
from flowsmith.planner.said_fields import trigger_item_refs, with_said_fields
from flowsmith.planner.services import index_of
from flowsmith.planner.text import pick
from flowsmith.text import text as say

__all__ = ["compile_frame", "frame_title"]


def compile_frame(
    frame: Frame, title: str | None = None, catalog: Catalog | None = None
) -> tuple[Workflow, list[str]]:
    """The workflow ``frame`` describes and the assumptions made while filling it in."""
    catalog = catalog or load_catalog()
    frame = with_said_fields(frame, catalog)
    lang = frame.lang
    st = CompileState(
        catalog=catalog,
        index=index_of(catalog),
        lang=lang,
        title=title or frame_title(frame, catalog),
    )
    st.request = " ".join(
        s.phrase for s in walk(frame.steps) if isinstance(getattr(s, "phrase", None), str)
    )
    trig = trigger_node(st, frame.trigger, responds=_responds(frame.steps))
    _steps(st, answered_once(frame.steps), [(trig.id, "main")])
    wf = Workflow(name=st.title, nodes=st.nodes, connections=st.conns)
    trigger_record_ids(wf)
    trigger_item_refs(wf, frame, catalog)
    return wf, st.notes


def _responds(steps: tuple[Step, ...]) -> bool:
    from flowsmith.planner.frame import walk

    return any(isinstance(s, Respond) for s in walk(steps))


# --- steps ----------------------------------------------------------------------------------------


def _steps(st: CompileState, steps: tuple[Step, ...], feeds: list[End]) -> list[End]:
    """Chain ``steps`` from ``feeds``; the ends the next step joins.

    A write (a message, a new record) does not change the item the request talks about:
    the steps after it read the same item, so consecutive writes fan out from one feed
    ("send the lead to Slack and add it to HubSpot": HubSpot gets the lead, not Slack's
    reply), unless the next step uses what the write made ("post its link"). A step list
    that ends on writes ends where its data ended. A response to the
    webhook's caller follows the step before it, writes included ("store it, then return
    200")."""
    last = feeds
    joined = joined_upto(steps)  # "3) post both links": the steps before it run in a row
    for i, step in enumerate(steps):
        before_text = st.text
        made_from = len(st.nodes)
        # the reply to a webhook's caller comes once the work before it is done
        ends = _step(st, step, last if isinstance(step, Respond) else feeds)
        if isinstance(step, Branch) and _joins_next(steps[i + 1 :]):
            every = said_every_path(steps[i + 1])  # "Either way the customer gets …"
            ends = join_feeds(st, step, ends, feeds, made_from, every)
        last = ends
        after = steps[i + 1] if i + 1 < len(steps) else None
        if (
            _writes(st, step)
            and i >= joined
            and not _uses_made(after)
            and not _said_first(step)
            and not _tests_outcome(after)
            and not _needs_id_of(st, step, after)
        ):
            st.text = before_text
            continue
        feeds = ends
    return feeds


def _joins_next(rest: tuple[Step, ...]) -> bool:
    """Whether a step follows a branch in the same list and may take the branch's input
    (:func:`~flowsmith.planner.compile_join.join_feeds`). A branch that ends its list hands
    its ends to what holds it (a loop returns them to its next item); a reply to the caller
    waits for the cases' work, and a step said to come "then" after the cases may continue
    the last of them, so both join the cases' ends."""
    if not rest or isinstance(rest[0], Respond):
        return False
    phrase = getattr(rest[0], "phrase", "")
    return not (isinstance(phrase, str) and _THEN.search(phrase))


def _respond(st: CompileState, step: Respond, feeds: list[End]) -> list[End]:
    """The reply to the webhook's caller after ``feeds``. Said after several cases ("reply
    {received: true} either way"), each case ends with its own copy: a path answers the
    call once, when its own work is done, and no reply waits behind a join of paths of
    which only one runs."""
    ends: list[End] = []
    for feed in feeds if len(feeds) > 1 else [None]:
        node = make(
            st.ids,
            "respond",
            say("planner.compile.respond_to_webhook", st.lang),
            "webhook_response",
            {
                "respond_with": "json",
                "body": response_body(step.phrase),
                "status_code": _status(step.phrase),
            },
        )
        ends += add_one(st, node, feeds if feed is None else [feed])
    return ends


# "create a Jira issue and post its link to Slack": the next step uses what the write made
_MADE_REF = re.compile(
    r"\b(?:its|the new|the created|that|the)\s+(?:\w+\s+)?(?:link|url|id|number|key)\b|"
    r"\b(?:a |the )?(?:link|url) to (?:it|the new)\b|\bpost (?:a |the )?link\b|"
    r"(?:链接|编号|单号|工单号|网址)",
    re.IGNORECASE,
)


# "…, then email them", "写完之后通知", "after writing reset the key": said to come after the
# write, so it waits for the write (and works on what it made)
_THEN = re.compile(
    r"^\W*(?:and\s+)?(?:then|after\s+(?:that|writing|it\s+is\s+(?:written|done))|afterwards|"
    r"once\s+(?:that\s+is\s+|it\s+is\s+)?(?:done|written))\b|"
    r"^\W*(?:然后|之后|随后|接着|再|写完(?:之后|以后|后)?|完成(?:之后|以后|后))",
    re.IGNORECASE,
)


# "先存进Baserow，再…", "save it in Notion first, then …": the steps after wait for it
_FIRST = re.compile(r"^\W*(?:先|首先)|^\W*first\b|\bfirst\W*$", re.IGNORECASE)


def _said_first(step: Step) -> bool:
    phrase = getattr(step, "phrase", "")
    return isinstance(phrase, str) and bool(_FIRST.search(phrase))


def _uses_made(step: Step | None) -> bool:
    if isinstance(step, Wait):
        return True  # "add them, then wait 2 days, then …": the wait counts from the write
    phrase = getattr(step, "phrase", "") if step is not None else ""
    return isinstance(phrase, str) and bool(_MADE_REF.search(phrase) or _THEN.search(phrase))


def _needs_id_of(st: CompileState, made: Step, after: Step | None) -> bool:
    """Whether ``after`` is an operation of the same app that requires the id of the record
    ``made`` wrote ("add the contact, then tag it": contactTag add requires contact_id)."""
    if not isinstance(made, ServiceStep) or not isinstance(after, ServiceStep):
        return False
    if made.app != after.app or made.app not in st.index.apps or not made.resource:
        return False
    op = st.index.apps[made.app].operation(after.resource or "", after.operation or "")
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", made.resource).lower()
    return op is not None and f"{snake}_id" in op.required


def _tests_outcome(step: Step | None) -> bool:
    """A branch on whether the step before it failed ("if the build fails", "如果触发失败")
    reads that step's result, so it follows the step rather than fanning out beside it."""
    return isinstance(step, Branch) and any(
        isinstance(c.condition, Condition) and c.condition.op == "failed" for c in step.cases
    )


_COUNTER_OP = re.compile(r"incr\w*|decr\w*|increment\w*|decrement\w*")


def _writes(st: CompileState, step: Step) -> bool:
    if isinstance(step, ServiceStep):
        if step.app in st.index.apps and st.index.apps[step.app].category == "ai":
            return False  # an AI service makes what the next step uses (a draft, a reply)
        op = (step.operation or "get").lower()
        if "query" in op or op.startswith("select"):
            return False  # a query returns rows the next step works on
        if _COUNTER_OP.fullmatch(op):
            return False  # a counter's increment returns the count the next step tests
        return (
            not reads(step.operation or "get")
            if step.app in st.index.apps
            else ((step.operation or "get") not in ("get", "getAll", "read", "list", "search"))
        )
    if isinstance(step, CoreStep):
        if step.subtype == "http_request":
            method: str = step.params.get("method", "GET")
            return method != "GET"
        spec = st.catalog.get(step.subtype)
        return (
            spec is not None
            and spec.family is NodeFamily.EXTERNAL_ACTION
            and not any(w in step.subtype for w in ("read", "query", "get"))
        )
    return isinstance(step, Respond)


def _step(st: CompileState, step: Step, feeds: list[End]) -> list[End]:
    if isinstance(step, ServiceStep):
        return add_one(st, service_node(st, step), feeds)
    if isinstance(step, CoreStep):
        return add_one(st, core_node(st, step), feeds)
    if isinstance(step, Transform):
        cond = step.params.get("condition")
        if step.kind == "filter" and isinstance(cond, Condition) and cond.op == "not_contains":
            return _keep_if(st, cond, feeds)
        return add_one(st, transform_node(st, step), feeds)
    if isinstance(step, Think) and step.kind == "agent":
        agent, attached = agent_nodes(st, step)
        ends = add_one(st, agent, feeds)
        st.nodes.extend(attached)
        return ends
    if isinstance(step, Think):
        return add_one(st, think_node(st, step), feeds)
    if isinstance(step, Wait) and step.until:
        name = say("planner.compile.wait_until", st.lang, label=step.phrase.strip()[:60])
        node = make(st.ids, "wait", name, "wait", {"mode": "until", "until": step.until})
        return add_one(st, node, feeds)
    if isinstance(step, Wait):
        amount, unit = duration(step.seconds)
        node = make(
            st.ids,
            "wait",
            say("planner.compile.wait", st.lang, amount=amount, unit=unit),
            "wait",
            {"mode": "interval", "amount": amount, "unit": unit},
        )
        return add_one(st, node, feeds)
    if isinstance(step, Respond):
        return _respond(st, step, feeds)
    if isinstance(step, Branch):
        return _branch(st, step, feeds)
    if isinstance(step, Loop):
        node = st.add(
            make(
                st.ids,
                "loop",
                say("planner.compile.for_each_item", st.lang),
                "loop",
                {"batch_size": 1},
            ),
            feeds,
        )
        made_from = len(st.nodes)
        ends = _steps(st, step.steps, [(node.id, "loop")])
        back = [(src, out) for src, out in ends if src != node.id] or _last_leaf(st, made_from)
        for src, out in back:
            st.conns.append(Connection(from_node=src, from_output=out, to_node=node.id))
        return [(node.id, "done")]
    if isinstance(step, Approval):
        return _approval(st, step, feeds)
    return feeds


def _last_leaf(st: CompileState, made_from: int) -> list[End]:
    """The last node made since ``made_from`` that leads nowhere: a loop body that ends on
    writes ("for each row send an email") hands back no end of its own, yet n8n takes the next
    item only when the body returns to the loop, so its last write does (one edge, so each
    item runs the body once)."""
    leads = {c.from_node for c in st.conns}
    leaves = [n.id for n in st.nodes[made_from:] if n.id not in leads]
    return [(leaves[-1], "main")] if leaves else []


def _status(phrase: str) -> int:
    """The HTTP status a response names ("return a 400 error", "返回401"), else 200."""
    m = re.search(r"(?<!\d)([1-5]\d\d)(?!\d)", phrase)
    return int(m.group(1)) if m else 200


def _if_params(st: CompileState, cond: Condition) -> tuple[dict[str, Any], bool]:
    if cond.op == "failed":
        if st.last is not None and st.last.subtype not in ("if", "switch"):
            st.last.on_error = "continue"
        failed: list[dict[str, Any]] = [
            {"left": "{{ $json.error }}", "operator": "is_not_empty"},
            {"left": "{{ $json.statusCode }}", "operator": "greater_than", "right": 399},
        ]
        return {"conditions": failed, "combine": "or"}, False
    rules, swapped = if_rules(cond)
    return {"conditions": rules, "combine": combine_of(cond)}, swapped


def _keep_if(st: CompileState, cond: Condition, feeds: list[End]) -> list[End]:
    """A filter no Filter rule can say ("skip the ones that mention X"): an IF whose passing
    output is the one the items to keep leave by."""
    params, swapped = _if_params(st, cond)
    node = st.add(make(st.ids, "if", _cond_label(st, cond), "if", params), feeds)
    return [(node.id, "false" if swapped else "true")]


def _cond_label(st: CompileState, cond: Condition) -> str:
    window = window_label(cond, st.lang)
    if window is not None:
        return window
    if cond.op in ("all", "any") and isinstance(cond.value, (tuple, list)):
        key = "planner.compile.join_and" if cond.op == "all" else "planner.compile.join_or"
        return say(key, st.lang).join(_cond_label(st, part) for part in cond.value)
    words = {"eq": "=", "ne": "≠", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}
    if cond.op in words and isinstance(cond.value, (tuple, list)):
        return f"{cond.field} {words[cond.op]} {' / '.join(str(v) for v in cond.value)}"
    if cond.op in words:
        return f"{cond.field} {words[cond.op]} {cond.value}"
    if cond.op == "between" and isinstance(cond.value, (tuple, list)):
        return f"{cond.field} {cond.value[0]}–{cond.value[1]}"
    if cond.op == "outside" and isinstance(cond.value, (tuple, list)):
        return f"{cond.field} < {cond.value[0]} or > {cond.value[1]}"
    if cond.op == "in" and isinstance(cond.value, (tuple, list)):
        return f"{cond.field} ∈ {{{', '.join(str(v) for v in cond.value)}}}"
    if cond.op == "failed":
        return say("planner.compile.failed_or_down", st.lang)
    if cond.op in ("contains", "not_contains"):
        neg = "not " if cond.op == "not_contains" else ""
        return pick(
            st.lang,
            f"{cond.field} {neg}contains “{cond.value}”",
            f"{cond.field}{'不' if neg else ''}包含“{cond.value}”",
        )
    if cond.op == "category":
        return say("planner.compile.category_is", st.lang, value=cond.value)
    return f"{cond.field} {cond.op.replace('_', ' ')}"


def _branch(st: CompileState, branch: Branch, feeds: list[End]) -> list[End]:
    conds = [c for c in branch.cases if c.condition is not None]
    other = next((c for c in branch.cases if c.condition is None), None)
    if not conds:
        return _steps(st, other.steps if other else (), feeds)
    if len(conds) >= 2 and _switchable(conds):
        return _switch(st, conds, other, feeds)
    ends: list[End] = []
    for i, case in enumerate(conds):
        assert case.condition is not None
        params, swapped = _if_params(st, case.condition)
        base = f"is_{case.condition.value}" if case.condition.op == "category" else "if"
        node = st.add(make(st.ids, base, _cond_label(st, case.condition), "if", params), feeds)
        yes, no = ("false", "true") if swapped else ("true", "false")
        saved = st.text
        ends += _steps(st, case.steps, [(node.id, yes)])
        st.text = saved
        feeds = [(node.id, no)]
        if i == len(conds) - 1:
            ends += _steps(st, other.steps, feeds) if other else feeds
    return ends


def _switchable(cases: list[Any]) -> bool:
    fields = {c.condition.field for c in cases}
    return (
        len(fields) == 1
        and len(cases) <= 4
        and all(
            c.condition.op in SWITCHABLE and not isinstance(c.condition.value, (tuple, list))
            for c in cases
        )
    )


def _switch(st: CompileState, cases: list[Any], other: Any, feeds: list[End]) -> list[End]:
    fld = cases[0].condition.field
    rules = []
    for c in cases:
        rule, _ = if_rule(c.condition)
        r: dict[str, Any] = {"operator": rule["operator"]}
        if "right" in rule:
            r["value"] = rule["right"]
        rules.append(r)
    name = say("planner.compile.route_by", st.lang, fld=fld)
    node = st.add(
        make(st.ids, "route", name, "switch", {"field": field_ref(fld), "rules": rules}),
        feeds,
    )
    ends: list[End] = []
    saved = st.text
    for i, case in enumerate(cases):
        ends += _steps(st, case.steps, [(node.id, f"output_{i}")])
        st.text = saved
    ends += _steps(st, other.steps, [(node.id, "fallback")]) if other else [(node.id, "fallback")]
    return ends


def _approval(st: CompileState, step: Approval, feeds: list[End]) -> list[End]:
    node = approval_ask(st, step)
    st.add(node, feeds)
    ends = _steps(st, step.approved, [(node.id, "approved")])
    if step.rejected:
        ends += _steps(st, step.rejected, [(node.id, "rejected")])
    return ends


# --- titles ---------------------------------------------------------------------------------------


def frame_title(frame: Frame, catalog: Catalog | None = None) -> str:
    """A short title: what starts it and the services it uses."""
    from flowsmith.planner.frame import walk

    catalog = catalog or load_catalog()
    idx = index_of(catalog)
    names: list[str] = []
    t = frame.trigger
    if t.kind == "app_event" and t.app in idx.apps:
        names.append(idx.apps[t.app].display_name)
    for step in walk(frame.steps):
        name = None
        if isinstance(step, ServiceStep):
            name = idx.apps[step.app].display_name if step.app in idx.apps else step.service
        elif isinstance(step, CoreStep):
            spec = catalog.get(step.subtype)
            name = (
                say("planner.compile.email", frame.lang)
                if step.subtype == "send_email"
                else (
                    _host(step.params.get("url"))
                    if step.subtype == "http_request"
                    else spec.display_name
                    if spec
                    else None
                )
            )
        if name and name not in names:
            names.append(name)
    if not names:
        return say("planner.compile.automation", frame.lang)
    return " → ".join(names[:4])


def _host(url: object) -> str:
    """ "https://status.example.com/x" -> "status.example.com" (titles name what is called)."""
    m = re.match(r"https?://([^/:?#]+)", str(url or ""))
    return m.group(1) if m else "HTTP"
