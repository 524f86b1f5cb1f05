"""The request check: does a workflow do what the request (as a :class:`Frame`) asks?

:func:`check_request` compares a frame with any workflow (the offline planner's or the LLM
agent's) and reports, as ``warning`` findings (they never make a workflow invalid):

* ``request_not_covered``   a service, operation or step the request names has no node
  (service nodes are read with :func:`flowsmith.core.services.node_service`, so legacy
  per-action subtypes count; operations match by verb group, "add a row" = ``append``);
* ``condition_not_applied`` an action the request puts inside a condition (a branch case, an
  approval outcome) runs unguarded: some path from a trigger reaches it through no ``if``,
  ``switch``, ``filter`` or approval; or every guard before it tests other fields than the
  condition's;
* ``trigger_mismatch``      the workflow starts another way than the request says (another
  trigger kind, another app event, a schedule of another period);
* ``order_mismatch``        a step does not run downstream of the steps before it whose data
  it needs: the nearest one before it that makes data (consecutive data sources may run
  side by side, and the step after them must be downstream of all of them). An output
  (a send, a store, a change or a delete elsewhere) makes nothing the next step works on,
  so what comes after it, a branch included, may run beside it;
* ``no_data_source``        a step works on items nothing produced: a limit, aggregate,
  filter, summary… (or a "post them" step after a fetch the request names) with only a
  schedule or manual trigger and no fetch before it.

Findings carry the node (``node_id``) when there is one, and the request's part in
``path`` (``request.steps[1].cases[0].steps[0]``) and in the message (the user's phrase when
the frame has one). Messages are in the frame's language.

With ``edit=True`` the frame describes a change, not the whole workflow: only
``request_not_covered``, ``condition_not_applied`` and ``no_data_source`` are checked, and
of what the edit's sentence names only what the edit added (``prior``: the ids the workflow
had before): a named service with no node at all, a guard missing before a new node.

Pure: no I/O; the same frame and workflow give the same findings, in frame order.

This module holds the codes, :func:`check_request` and the checker; the node subtypes
each kind of step may match are in :mod:`~flowsmith.planner.coverage_tables`, the
workflow's graph in :mod:`~flowsmith.planner.coverage_graph`, and the words of the
messages and the schedule periods in :mod:`~flowsmith.planner.coverage_words`; the
sentences are in the text catalogs (:mod:`flowsmith.text`, keys ``coverage.*``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Finding, Node, NodeFamily, Workflow
from flowsmith.core.services import ServiceOp, node_service, verb_of
from flowsmith.planner.coverage_graph import FlowGraph
from flowsmith.planner.coverage_tables import (
    APPROVAL_SUBTYPES,
    CONSUMERS,
    CORE_EQUIVALENT,
    EMPTY_TRIGGERS,
    GENERAL_AI,
    GUARDS,
    MAIL_APPS,
    PRODUCERS,
    THINK_SUBTYPES,
    TRANSFORM_SUBTYPES,
    TRIGGER_SUBTYPES,
)
from flowsmith.planner.coverage_words import (
    condition_text,
    identifying,
    is_source,
    mentions,
    period_of_frame,
    period_of_node,
    period_text,
    phrase_tokens,
    plain_field,
    squash,
    squash_node,
    step_label,
    step_role,
    strings,
    trigger_label,
)
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
    Trigger,
    Wait,
)
from flowsmith.text import text

REQUEST_NOT_COVERED = "request_not_covered"
CONDITION_NOT_APPLIED = "condition_not_applied"
TRIGGER_MISMATCH = "trigger_mismatch"
ORDER_MISMATCH = "order_mismatch"
NO_DATA_SOURCE = "no_data_source"
CONDITION_NEVER_TRUE = "condition_never_true"  # the dry run's (core.satisfy), listed with these

COVERAGE_CODES = frozenset(
    {REQUEST_NOT_COVERED, CONDITION_NOT_APPLIED, TRIGGER_MISMATCH, ORDER_MISMATCH, NO_DATA_SOURCE}
)
"""The codes :func:`check_request` reports."""
REQUEST_CODES = COVERAGE_CODES | {CONDITION_NEVER_TRUE}
"""Every "does it do what was asked" code: what a generation reports as still uncovered."""


def check_request(
    frame: Frame,
    workflow: Workflow,
    catalog: Catalog | None = None,
    *,
    edit: bool = False,
    prior: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The ways ``workflow`` falls short of ``frame`` (see the module docstring); ``prior``:
    in an edit, the ids of the nodes the workflow had before it."""
    checker = _Checker(frame, workflow, catalog if catalog is not None else load_catalog())
    checker.prior = prior if edit else frozenset()
    return checker.run(edit=edit)


# --- the checker -----------------------------------------------------------------------------


class _Checker:
    def __init__(self, frame: Frame, wf: Workflow, catalog: Catalog) -> None:
        self.frame = frame
        self.wf = wf
        self.cat = catalog
        self.g = FlowGraph.of(wf)
        self.zh = frame.lang == "zh"
        self.out: list[Finding] = []
        self._ops: dict[str, ServiceOp | None] = {}
        self.edit = False
        self.prior: frozenset[str] = frozenset()

    def run(self, *, edit: bool) -> list[Finding]:
        self.edit = edit
        if not edit:
            self._trigger(self.frame.trigger)
        self._coverage(self.frame.steps, "request.steps")
        self._conditions(self.frame.steps, "request.steps", guarded=None)
        if not edit:
            self._order(self.frame.steps, [], "request.steps")
        self._data_sources()
        return self.out

    # -- helpers ----------------------------------------------------------------------------

    def _op(self, node: Node) -> ServiceOp | None:
        if node.id not in self._ops:
            self._ops[node.id] = node_service(node, self.cat)
        return self._ops[node.id]

    def _add(self, code: str, message: str, node_id: str | None, path: str | None) -> None:
        finding = Finding(
            code=code, severity="warning", node_id=node_id, path=path, message=message
        )
        if finding not in self.out:
            self.out.append(finding)

    def _say(self, key: str, **fields: object) -> str:
        """The catalog sentence ``key`` in the frame's language (:mod:`flowsmith.text`)."""
        return text(key, "zh" if self.zh else "en", **fields)

    def _name(self, node_id: str) -> str:
        node = self.g.nodes.get(node_id)
        return f"“{node.name}”" if node is not None else node_id

    # -- which nodes do a step ------------------------------------------------------------

    def matches(self, step: Step) -> list[str]:
        """Ids of the nodes that do ``step`` (empty: none does). Of several, those that name
        what the step names (its string parameters, else its phrase) when some do: "check
        BestBuy" is the page check of bestbuy.com, not the one of amazon.com."""
        found = [n for n in self.wf.nodes if self._does(n, step)]
        if len(found) > 1:
            params = getattr(step, "params", None)
            phrase = getattr(step, "phrase", "")
            for words in (identifying(params), phrase_tokens(phrase)):
                scores = [sum(w in squash_node(n) for w in words) for n in found]
                if words and max(scores) > min(scores):
                    found = [
                        n for n, score in zip(found, scores, strict=True) if score == max(scores)
                    ]
                    break
        return [n.id for n in found]

    def _does(self, node: Node, step: Step) -> bool:
        if node.type in (NodeFamily.TRIGGER, NodeFamily.MEMORY):
            return False
        if isinstance(step, ServiceStep):
            return self._does_service(node, step)
        if isinstance(step, CoreStep):
            allowed = CORE_EQUIVALENT.get(step.subtype, frozenset({step.subtype}))
            if node.subtype in allowed:
                return True
            spec = self.cat.get(step.subtype)
            if spec is not None and spec.alias_of is not None:
                a = spec.alias_of
                return self._does_service(
                    node, ServiceStep(app=a.app, resource=a.resource, operation=a.operation)
                )
            if step.subtype in ("send_email", "gmail_send"):
                op = self._op(node)
                return op is not None and op.app in MAIL_APPS and not op.trigger
            return False
        if isinstance(step, Transform):
            return node.subtype in TRANSFORM_SUBTYPES.get(step.kind, frozenset({step.kind}))
        if isinstance(step, Think):
            return node.subtype in THINK_SUBTYPES.get(step.kind, GENERAL_AI)
        if isinstance(step, Wait):
            return node.subtype == "wait"
        if isinstance(step, Approval):
            return node.type == NodeFamily.HUMAN_IN_THE_LOOP or node.subtype in APPROVAL_SUBTYPES
        if isinstance(step, Respond):
            return node.subtype == "webhook_response"
        if isinstance(step, Loop):
            return node.subtype in ("loop", "split_out")
        return False

    def _does_service(self, node: Node, step: ServiceStep) -> bool:
        if step.app is None:
            return self._does_unknown_service(node, step.service)
        op = self._op(node)
        if op is not None and not op.trigger and op.app == step.app:
            return self._same_operation(op.resource, op.operation, step)
        # sending mail through a mail service: the core email nodes do that too
        if step.app in MAIL_APPS and node.subtype in ("send_email", "gmail_send"):
            return not step.operation or "create" in verb_of(step.operation)
        # a legacy per-action subtype of the app without ``alias_of`` ("google_sheets_append")
        if node.subtype == step.app or node.subtype.startswith(step.app + "_"):
            if node.type == NodeFamily.TRIGGER:
                return False
            suffix = node.subtype.removeprefix(step.app).strip("_")
            return self._same_operation(None, suffix.split("_")[0] or None, step)
        return False

    @staticmethod
    def _same_operation(resource: str | None, operation: str | None, step: ServiceStep) -> bool:
        if step.resource and resource and step.resource.lower() != resource.lower():
            return False
        if not step.operation or not operation:
            return True
        if step.operation.lower() == operation.lower():
            return True
        wanted, done = verb_of(step.operation), verb_of(operation)
        return not wanted or not done or bool(wanted & done)

    def _does_unknown_service(self, node: Node, service: str) -> bool:
        """A service the catalog lacks compiles to an HTTP request named for it."""
        if node.subtype not in ("http_request", "http_tool", "n8n_node", "web_page_check"):
            return False
        name = squash(service)
        if not name:
            return True
        haystack = squash(node.name + " " + " ".join(strings(node.parameters)))
        # the phrase may carry its verb ("Watch BestBuy"): any longer word of it will do
        words = [squash(w) for w in re.findall(r"[^\W_]+", service)]
        return name in haystack or any(len(w) >= 4 and w in haystack for w in words)

    # -- request_not_covered ----------------------------------------------------------------

    def _coverage(self, steps: Sequence[Step], path: str) -> None:
        for i, step in enumerate(steps):
            here = f"{path}[{i}]"
            if isinstance(step, Branch):
                for k, case in enumerate(step.cases):
                    self._coverage(case.steps, f"{here}.cases[{k}].steps")
                continue
            if isinstance(step, Loop):
                self._coverage(step.steps, f"{here}.steps")
                continue
            if isinstance(step, Respond) and self._trigger_responds():
                continue
            if not self.matches(step) and not self._edit_leaves_it(step):
                what = step_label(step, self.zh)
                self._add(
                    REQUEST_NOT_COVERED,
                    self._say("coverage.request_not_covered", what=what),
                    None,
                    here,
                )
            if isinstance(step, Approval):
                self._coverage(step.approved, f"{here}.approved")
                self._coverage(step.rejected, f"{here}.rejected")

    def _edit_leaves_it(self, step: Step) -> bool:
        """In an edit only a named service with no node at all is surely missing: an edit's
        sentence read as a request also holds the steps it only refers to ("keep the Slack
        message", "不要上传", "照旧") and their conditions."""
        if not self.edit:
            return False
        if not isinstance(step, ServiceStep) or step.app is None:
            return True
        return any((op := self._op(n)) is not None and op.app == step.app for n in self.wf.nodes)

    def _trigger_responds(self) -> bool:
        return any(
            n.subtype == "webhook_trigger"
            and n.parameters.get("response_mode") in ("last_node", "response_node")
            for n in self.wf.nodes
        )

    # -- condition_not_applied --------------------------------------------------------------

    def _conditions(
        self, steps: Sequence[Step], path: str, guarded: list[Condition | None] | None
    ) -> None:
        """``guarded``: the conditions around ``steps`` (None: none; [None]: an approval or
        an otherwise case, whose test has no field of its own)."""
        for i, step in enumerate(steps):
            here = f"{path}[{i}]"
            if isinstance(step, Branch):
                for k, case in enumerate(step.cases):
                    self._conditions(
                        case.steps, f"{here}.cases[{k}].steps", [*(guarded or []), case.condition]
                    )
                continue
            if isinstance(step, Loop):
                self._conditions(step.steps, f"{here}.steps", guarded)
                continue
            if isinstance(step, Approval):
                self._conditions(step.approved, f"{here}.approved", [*(guarded or []), None])
                self._conditions(step.rejected, f"{here}.rejected", [*(guarded or []), None])
                continue
            if guarded is None or not isinstance(step, ServiceStep | CoreStep | Think | Transform):
                continue
            self._guarded(step, here, guarded)

    def _guarded(self, step: Step, path: str, conditions: list[Condition | None]) -> None:
        nodes = self.matches(step)
        if not nodes:
            return  # reported as not covered
        if all(n in self.prior for n in nodes):
            return  # an edit that left the step as it was: the sentence only refers to it
        stop = {
            n.id
            for n in self.wf.nodes
            if n.subtype in GUARDS or n.type == NodeFamily.HUMAN_IN_THE_LOOP
        }
        free = self.g.reached_without(stop)
        what = step_label(step, self.zh)
        cond = next((c for c in reversed(conditions) if c is not None), None)
        when = condition_text(cond, self.zh) if cond is not None else ""
        if all(n in free for n in nodes):
            node_id = nodes[0]
            self._add(
                CONDITION_NOT_APPLIED,
                self._say(
                    "coverage.condition_not_applied.unguarded",
                    what=what,
                    when=when or self._say("coverage.condition_not_applied.in_one_case"),
                    node=self._name(node_id),
                ),
                node_id,
                path,
            )
            return
        if cond is None or not plain_field(cond.field):
            return
        # guarded: does some guard before it test the condition's field?
        for node_id in nodes:
            if node_id in free:
                continue
            before = [
                self.g.nodes[u]
                for u in self.g.upstream(node_id)
                if self.g.nodes[u].subtype in GUARDS
            ]
            if not before or any(mentions(g.parameters, cond.field) for g in before):
                return
        node_id = nodes[0]
        self._add(
            CONDITION_NOT_APPLIED,
            self._say(
                "coverage.condition_not_applied.other_field",
                what=what,
                when=when,
                node=self._name(node_id),
                field=cond.field,
            ),
            node_id,
            path,
        )

    # -- trigger_mismatch -------------------------------------------------------------------

    def _trigger(self, trigger: Trigger) -> None:
        if trigger.kind == "manual" and not trigger.phrase:
            return  # the parser's default: the request named no trigger
        nodes = [self.g.nodes[t] for t in self.g.triggers]
        if not nodes:
            return  # the validator's no_trigger
        if any(self._starts(node, trigger) for node in nodes):
            wrong = self._schedule_period(nodes, trigger)
            if wrong is None:
                return
            node, have, want = wrong
            self._add(
                TRIGGER_MISMATCH,
                self._say(
                    "coverage.trigger_mismatch.period",
                    want=want,
                    have=have,
                    node=self._name(node.id),
                ),
                node.id,
                "request.trigger",
            )
            return
        said = f"“{trigger.phrase}”" if trigger.phrase else trigger_label(trigger)
        node = nodes[0]
        self._add(
            TRIGGER_MISMATCH,
            self._say(
                "coverage.trigger_mismatch.kind",
                said=said,
                node=self._name(node.id),
                subtype=node.subtype,
            ),
            node.id,
            "request.trigger",
        )

    def _starts(self, node: Node, trigger: Trigger) -> bool:
        eventless = bool(trigger.app) and trigger.kind in ("webhook", "rss")
        if eventless and node.subtype in ("webhook_trigger", "rss_trigger", "schedule_trigger"):
            return True  # an app the catalog has no events for: its webhook, feed or polling
        if node.subtype in TRIGGER_SUBTYPES.get(trigger.kind, frozenset()):
            if trigger.kind == "app_event" and trigger.app:
                return node.parameters.get("app") in (None, trigger.app)
            return True
        op = self._op(node)
        if op is None or not op.trigger:
            return trigger.kind == "manual" and node.subtype == "manual_trigger"
        if trigger.kind == "app_event":
            if trigger.app and op.app != trigger.app:
                return False
            return not (trigger.event and op.operation and trigger.event != op.operation)
        return trigger.kind == "email" and op.app in MAIL_APPS

    def _schedule_period(self, nodes: list[Node], trigger: Trigger) -> tuple[Node, str, str] | None:
        if trigger.kind != "schedule":
            return None
        want = period_of_frame(trigger.params)
        if want is None:
            return None
        schedules = [n for n in nodes if n.subtype == "schedule_trigger"]
        periods = [(n, period_of_node(n.parameters)) for n in schedules]
        if any(p is None or p == want for _, p in periods):
            return None
        node, have = periods[0]
        assert have is not None
        return node, period_text(have, self.zh), period_text(want, self.zh)

    # -- order_mismatch ---------------------------------------------------------------------

    def _order(self, steps: Sequence[Step], before: list[list[str]], path: str) -> None:
        """``before``: node groups every next step must run downstream of (one each)."""
        anchors = before
        # a run of consecutive data sources (or of outputs): they may run side by side, each
        # after the anchors before the run; the step after the run comes after all of them
        run_start: list[list[str]] | None = None
        run: list[list[str]] = []
        run_role: str | None = None
        for i, step in enumerate(steps):
            here = f"{path}[{i}]"
            if isinstance(step, Branch):
                for k, case in enumerate(step.cases):
                    self._order(case.steps, anchors, f"{here}.cases[{k}].steps")
                run_start, run, run_role = None, [], None
                continue
            if isinstance(step, Loop):
                self._order(step.steps, anchors, f"{here}.steps")
                run_start, run, run_role = None, [], None
                continue
            if isinstance(step, Respond):
                continue
            nodes = self.matches(step)
            if not nodes:
                continue  # reported as not covered; the order of the rest still counts
            role = step_role(step)
            side_by_side = role is not None and role == run_role and run_start is not None
            required = run_start if side_by_side else anchors
            if required and not self._after(nodes, required):
                previous = self._previous_label(steps, i)
                what = step_label(step, self.zh)
                self._add(
                    ORDER_MISMATCH,
                    self._say(
                        "coverage.order_mismatch",
                        what=what,
                        previous=previous,
                        node=self._name(nodes[0]),
                    ),
                    nodes[0],
                    here,
                )
            if role == "output":
                # what an output makes is not what the steps after it work on: they need only
                # the data the output needed, and may run beside it
                pass
            elif role is not None:
                if not side_by_side:
                    run_start, run, run_role = anchors, [], role
                run.append(nodes)
                anchors = list(run)
            else:
                run_start, run, run_role = None, [], None
                anchors = [nodes]
            if isinstance(step, Approval):
                self._order(step.approved, [nodes], f"{here}.approved")
                self._order(step.rejected, [nodes], f"{here}.rejected")

    def _after(self, nodes: list[str], groups: list[list[str]]) -> bool:
        """Whether some node of ``nodes`` runs downstream of (or is) a node of every group."""
        for n in nodes:
            ups = self.g.upstream(n) | {n}
            if all(any(m in ups for m in group) for group in groups):
                return True
        return False

    def _previous_label(self, steps: Sequence[Step], i: int) -> str:
        for step in reversed(steps[:i]):
            if not isinstance(step, Branch | Loop | Respond):
                return step_label(step, self.zh)
        return self._say("coverage.order_mismatch.step_before")

    # -- no_data_source ---------------------------------------------------------------------

    def _data_sources(self) -> None:
        fed = self._fed()
        reached = self.g.reached_without(())
        for node in self.wf.nodes:
            if node.id not in reached or node.id in fed:
                continue
            if node.subtype in CONSUMERS or (
                node.subtype in ("if", "switch") and "$json" in " ".join(strings(node.parameters))
            ):
                self._no_data(node, None)
        # "post them": a step the request puts after a fetch, with no fetch before it
        self._posted_after_fetch(self.frame.steps, "request.steps", fed, reached, False)

    def _posted_after_fetch(
        self, steps: Sequence[Step], path: str, fed: set[str], reached: set[str], after: bool
    ) -> bool:
        for i, step in enumerate(steps):
            here = f"{path}[{i}]"
            if isinstance(step, Branch):
                for k, case in enumerate(step.cases):
                    self._posted_after_fetch(
                        case.steps, f"{here}.cases[{k}].steps", fed, reached, after
                    )
                continue
            if isinstance(step, Loop):
                after = self._posted_after_fetch(step.steps, f"{here}.steps", fed, reached, after)
                continue
            if is_source(step):
                after = True
                continue
            if after and isinstance(step, ServiceStep | CoreStep | Transform | Think):
                for node_id in self.matches(step):
                    if node_id in reached and node_id not in fed:
                        self._no_data(self.g.nodes[node_id], here)
                        break
        return after

    def _no_data(self, node: Node, path: str | None) -> None:
        self._add(
            NO_DATA_SOURCE,
            self._say("coverage.no_data_source", node=self._name(node.id)),
            node.id,
            path,
        )

    def _fed(self) -> set[str]:
        """Nodes downstream of something that brings items in."""
        fed: set[str] = set()
        for node in self.wf.nodes:
            if self._produces(node):
                fed |= self.g.downstream(node.id)
        return fed

    def _produces(self, node: Node) -> bool:
        if node.type == NodeFamily.TRIGGER:
            return node.subtype not in EMPTY_TRIGGERS
        if node.type in (NodeFamily.TOOL, NodeFamily.MEMORY):
            return False
        if node.subtype in PRODUCERS:
            return True
        op = self._op(node)
        if op is None:
            return False
        return not op.operation or "read" in op.verbs() or not op.verbs()
