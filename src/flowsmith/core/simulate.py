"""Dry run: execute a workflow on made-up data, without network, clock or sleeping.

:func:`simulate` starts one run per trigger (in node order) and executes nodes in
topological order over main connections (a node runs once all its upstream nodes of the
run are done, so a ``merge`` sees every branch that delivered). Each node's output items are
sampled from its output ``item_schema`` (deterministically for ``seed``), with the node's
resolved parameters merged in where the schema has a same-named field, or added to the
incoming item for nodes that extend it (``set_fields``, approvals…); routing nodes pass
their items on. Expressions are resolved against the real sampled items.

Branches: ``if``/``switch``/``filter`` evaluate their conditions on the sampled items; human
approval takes ``approved`` first. Whenever a branching node leaves a connected output
unused, the run is forked just before that node and the fork forces that output (``IF``
negated, the next ``switch`` rule, ``rejected`` then ``timeout``, the ``error`` output of a
node with ``on_error: error_output``), so every branch that can run, runs. A fork is a new
run (``run`` numbers grow in execution order); the steps before the fork point are shared
with its parent run and are not repeated in the trace. ``loop`` sends at most
``max_loop_iterations`` batches through its body, then ``done``; ``wait`` does not sleep;
``stop_and_error`` ends its path. All runs together execute at most ``max_steps`` nodes.

Finding codes (stable; severity in parentheses):

* ``node_never_runs`` (warning)       no run reached the node although it is connected to a
  trigger: it sits behind an output that never emits (a ``switch`` rule index beyond its
  rules, a ``merge`` in ``wait_all`` mode whose inputs never all deliver…). Not reported
  when the step limit cut the simulation short.
* ``unresolved_expression`` (error)   an expression resolves to nothing at run time: the
  field cannot exist on the actual item (a field of a number, a closed schema), there is no
  input item (``$json`` in a trigger), or ``$node.<id>`` names a node that has not run
  before this one on that run's path.
* ``item_shape_mismatch`` (error)     a resolved parameter certainly has the wrong type (an
  object where the parameter takes a number…), or a node produces items that do not match
  its own output ``item_schema`` (e.g. it echoes a number into a string field).
* ``loop_limit_reached`` (info)       a loop had more batches than ``max_loop_iterations``.
* ``step_limit_reached`` (warning)    the simulation stopped after ``max_steps`` node runs.
* ``stopped_by_error_node`` (info)    a ``stop_and_error`` node ended a path.
* ``assumed_field`` (info)            an expression reads a field that the upstream schema
  does not declare but allows; the run used a made-up value.
* ``env_placeholder`` (info)          an expression reads ``$env.NAME``; the run used the
  placeholder ``<NAME>`` (secrets are never read).
* ``condition_never_true`` (warning)  an ``if``/``filter``/``switch`` rule no item can satisfy
  (``x < 100 AND x > 200``, ``x == "a" AND x == "b"``…); see :mod:`flowsmith.core.satisfy`.

Invariants: pure (no I/O, no clock, no randomness beyond ``seed``); the same workflow, seed
and limits give the same trace and findings; items are JSON values and never mutated once
emitted; a finding is reported once per (code, node, parameter path, detail).
"""

from __future__ import annotations

import heapq
import math
import zlib
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.catalog import Catalog, NodeSpec, load_catalog
from flowsmith.core.models import Finding, Node, NodeFamily, Severity, Workflow

NODE_NEVER_RUNS = "node_never_runs"
UNRESOLVED_EXPRESSION = "unresolved_expression"
ITEM_SHAPE_MISMATCH = "item_shape_mismatch"
LOOP_LIMIT_REACHED = "loop_limit_reached"
STEP_LIMIT_REACHED = "step_limit_reached"
STOPPED_BY_ERROR_NODE = "stopped_by_error_node"
ASSUMED_FIELD = "assumed_field"
ENV_PLACEHOLDER = "env_placeholder"
CONDITION_NEVER_TRUE = "condition_never_true"

SEVERITIES: Mapping[str, Severity] = {
    NODE_NEVER_RUNS: "warning",
    UNRESOLVED_EXPRESSION: "error",
    ITEM_SHAPE_MISMATCH: "error",
    LOOP_LIMIT_REACHED: "info",
    STEP_LIMIT_REACHED: "warning",
    STOPPED_BY_ERROR_NODE: "info",
    ASSUMED_FIELD: "info",
    ENV_PLACEHOLDER: "info",
    CONDITION_NEVER_TRUE: "warning",
}

MAX_ITEMS = 3
"""At most this many items leave a node through one output in one step."""
LIST_SOURCES = frozenset({"google_sheets_read", "postgres_query", "mysql_query", "read_file"})
"""Nodes that naturally return several rows: they emit two items per input item."""
HUMAN_OUTPUTS = ("approved", "rejected", "timeout")
SAMPLE_VARIANTS = 4
_NO_ECHO = frozenset({"http_request", "http_tool", "webhook_response"})
_SIDE = (NodeFamily.TOOL, NodeFamily.MEMORY)
_BASE_TIME = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
_FLUSH = ("", "")  # delivery source marking "the loop body ended without returning"

Item = dict[str, Any]
Outputs = dict[str, list[Item]]


# --- results -------------------------------------------------------------------------------


@dataclass(slots=True)
class TraceStep:
    """One node execution. ``output_items`` lists only outputs that emitted; ``branch`` is
    the output(s) a branching node used (comma separated), ``forced`` when a fork chose it."""

    node_id: str
    run: int
    input_items: list[Item]
    output_items: Outputs
    branch: str | None = None
    findings: list[Finding] = field(default_factory=list)
    forced: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "node_id": self.node_id,
            "run": self.run,
            "input_items": self.input_items,
            "output_items": self.output_items,
            "branch": self.branch,
            "forced": self.forced,
            "findings": [f.model_dump(exclude_none=True) for f in self.findings],
        }


@dataclass(slots=True)
class SimulationResult:
    """``runs``: how many runs (one per trigger plus one per fork) were executed."""

    trace: list[TraceStep]
    findings: list[Finding]
    runs: int
    node_count: int = 0
    step_limit_reached: bool = False
    ran: list[str] = field(default_factory=list)
    """Ids of nodes that ran in some run (TOOL/MEMORY: their agent ran), in node order."""


def summary(result: SimulationResult) -> dict[str, Any]:
    """A short, JSON-ready digest for the ``debugging`` event."""
    ran: dict[str, dict[str, int]] = {}
    branches: dict[str, set[str]] = {}
    for step in result.trace:
        counts = ran.setdefault(step.node_id, {"runs": 0, "in": 0, "out": 0})
        counts["runs"] += 1
        counts["in"] += len(step.input_items)
        counts["out"] += sum(len(items) for items in step.output_items.values())
        if step.branch:
            branches.setdefault(step.node_id, set()).update(step.branch.split(","))
    severities = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        severities[finding.severity] += 1
    never = [f.node_id for f in result.findings if f.code == NODE_NEVER_RUNS and f.node_id]
    return {
        "runs": result.runs,
        "steps": len(result.trace),
        "nodes_run": len(result.ran),
        "nodes_total": result.node_count,
        "never_run": never,
        "branches": {node: sorted(taken) for node, taken in branches.items()},
        "items": ran,
        "findings": severities,
        "step_limit_reached": result.step_limit_reached,
    }


def simulate(
    workflow: Workflow,
    *,
    seed: int = 0,
    catalog: Catalog | None = None,
    max_loop_iterations: int = 3,
    max_steps: int = 2000,
) -> SimulationResult:
    """Dry-run ``workflow`` (see the module docstring). Works on invalid workflows too:
    unknown subtypes pass items through, broken connections are ignored."""
    graph = _Graph.build(workflow, catalog if catalog is not None else load_catalog())
    sim = _Simulator(graph, seed, max(1, max_loop_iterations), max(1, max_steps))
    result = sim.run()
    # conditions no item can satisfy: a static check, beside what the run saw
    from flowsmith.core.satisfy import never_true

    result.findings.extend(never_true(workflow))
    return result


# --- static view of the workflow -----------------------------------------------------------


@dataclass
class _Graph:
    wf: Workflow
    catalog: Catalog
    shapes: ex.Shapes
    first: dict[str, Node] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    specs: dict[str, NodeSpec | None] = field(default_factory=dict)
    out_edges: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    in_sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    templates: dict[str, list[tuple[ex.Location, str]]] = field(default_factory=dict)
    loop_body: dict[str, frozenset[str]] = field(default_factory=dict)
    attached: dict[str, list[str]] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    reachable: set[str] = field(default_factory=set)
    triggers: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, wf: Workflow, catalog: Catalog) -> _Graph:
        graph = cls(wf=wf, catalog=catalog, shapes=ex.infer_shapes(wf, catalog))
        for i, node in enumerate(wf.nodes):
            if node.id in graph.first:
                continue
            graph.first[node.id] = node
            graph.index[node.id] = i
            graph.specs[node.id] = catalog.get(node.subtype)
            graph.templates[node.id] = ex.node_templates(node.subtype, node.parameters)
            graph.out_edges[node.id] = {}
        for a, out, b in ex.main_edges(wf, graph.first):
            targets = graph.out_edges[a].setdefault(out, [])
            if b not in targets:
                targets.append(b)
                graph.in_sources.setdefault(b, []).append((a, out))
        graph.rank = {node_id: k for k, node_id in enumerate(graph.shapes.order)}
        graph.triggers = [i for i, n in graph.first.items() if n.type == NodeFamily.TRIGGER]
        graph._index_attachments()
        for node_id, node in graph.first.items():
            graph.choices[node_id] = graph._choices(node)
            if node.subtype == "loop":
                graph.loop_body[node_id] = graph._body(node_id)
        graph.reachable = graph._reach(graph.triggers)
        return graph

    def _index_attachments(self) -> None:
        for node in self.first.values():
            if node.type != NodeFamily.AI_AGENT:
                continue
            tools = [t for t in node.attached_nodes if t in self.first]
            self.attached[node.id] = [t for t in tools if self.first[t].type in _SIDE]

    def _choices(self, node: Node) -> list[str]:
        """Outputs a fork may force at ``node`` (only connected ones)."""
        spec = self.specs.get(node.id)
        options: list[str] = []
        if node.subtype == "if":
            options = ["true", "false"]
        elif node.subtype == "switch":
            rules = node.parameters.get("rules")
            count = min(len(rules), 4) if isinstance(rules, list) else 0
            options = [f"output_{k}" for k in range(count)] + ["fallback"]
        elif node.subtype == "filter":
            options = ["main"]
        elif node.type == NodeFamily.HUMAN_IN_THE_LOOP:
            options = list(HUMAN_OUTPUTS)
        elif spec is not None and len(spec.outputs) > 1 and node.subtype not in _HANDLERS:
            options = list(spec.outputs)  # an opaque multi-output node: try each in turn
        if node.on_error == "error_output":
            options.append("error")
        connected = self.out_edges.get(node.id, {})
        return [o for o in options if connected.get(o)]

    def _reach(self, starts: Sequence[str], blocked: str | None = None) -> set[str]:
        seen = set(starts)
        stack = list(starts)
        while stack:
            for targets in self.out_edges.get(stack.pop(), {}).values():
                for target in targets:
                    if target not in seen and target != blocked:
                        seen.add(target)
                        stack.append(target)
        return seen

    def _body(self, loop_id: str) -> frozenset[str]:
        """Nodes reachable from the loop's ``loop`` output without passing the loop node."""
        starts = [t for t in self.out_edges[loop_id].get("loop", []) if t != loop_id]
        return frozenset(self._reach(starts, blocked=loop_id)) if starts else frozenset()

    def returns_to(self, loop_id: str) -> bool:
        body = self.loop_body.get(loop_id, frozenset())
        return any(src in body for src, _ in self.in_sources.get(loop_id, []))


# --- run state -----------------------------------------------------------------------------


@dataclass
class _LoopState:
    remaining: list[Item]
    collected: list[Item] = field(default_factory=list)
    iterations: int = 0


@dataclass
class _Run:
    """Mutable state of one run; :meth:`snapshot` copies it so a fork can resume from it."""

    number: int
    plan: dict[str, str] = field(default_factory=dict)
    pending: dict[str, list[tuple[tuple[str, str], list[Item]]]] = field(default_factory=dict)
    heap: list[tuple[int, str]] = field(default_factory=list)
    queued: set[str] = field(default_factory=set)
    executed: dict[str, Item] = field(default_factory=dict)
    loops: dict[str, _LoopState] = field(default_factory=dict)

    def push(self, node_id: str, rank: int) -> None:
        if node_id not in self.queued:
            self.queued.add(node_id)
            heapq.heappush(self.heap, (rank, node_id))

    def snapshot(self) -> _Run:
        return _Run(
            number=-1,
            plan=dict(self.plan),
            pending={k: list(v) for k, v in self.pending.items()},
            heap=list(self.heap),
            queued=set(self.queued),
            executed=dict(self.executed),
            loops={
                k: _LoopState(list(v.remaining), list(v.collected), v.iterations)
                for k, v in self.loops.items()
            },
        )


# --- the simulator -------------------------------------------------------------------------


class _Simulator:
    def __init__(self, graph: _Graph, seed: int, max_loop: int, max_steps: int) -> None:
        self.g = graph
        self.seed = seed
        self.max_loop = max_loop
        self.max_steps = max_steps
        self.now = (_BASE_TIME + timedelta(hours=seed % 8760)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        self.trace: list[TraceStep] = []
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, str | None, str]] = set()
        self.steps = 0
        self.runs = 0
        self.limit_hit = False
        self.ran: set[str] = set()
        self.emitted: set[tuple[str, str]] = set()
        self.scheduled: set[tuple[str, str]] = set()
        self.blocked_merges: set[str] = set()
        self.forks: deque[_Run] = deque()
        self._samples: dict[tuple[str, str, int], Item] = {}
        self._status: dict[tuple[int, ex.Path], ex.FieldCheck] = {}
        self._param_types: dict[tuple[str, ex.Location], frozenset[str] | None] = {}
        self._step: TraceStep | None = None
        self._uncertain = False
        self._uncertain_params: set[ex.Location] = set()
        self._waiting = False

    # -- driving ----------------------------------------------------------------------------

    def run(self) -> SimulationResult:
        for trigger in self.g.triggers:
            state = _Run(number=0)
            state.pending[trigger] = [(_FLUSH, [])]
            state.push(trigger, self.g.rank[trigger])
            self._drive(state)
        while self.forks and not self.limit_hit:
            self._drive(self.forks.popleft())
        self._report_never_run()
        return SimulationResult(
            trace=self.trace,
            findings=self.findings,
            runs=self.runs,
            node_count=len(self.g.first),
            step_limit_reached=self.limit_hit,
            ran=[node_id for node_id in self.g.first if node_id in self.ran],
        )

    def _drive(self, state: _Run) -> None:
        state.number = self.runs
        self.runs += 1
        while True:
            while state.heap:
                if self.steps >= self.max_steps:
                    self._hit_step_limit()
                    return
                _, node_id = heapq.heappop(state.heap)
                state.queued.discard(node_id)
                deliveries = state.pending.pop(node_id, None)
                if deliveries is not None:
                    self._execute(state, node_id, deliveries)
            if not self._flush_loops(state):
                return

    def _hit_step_limit(self) -> None:
        self.limit_hit = True
        self.forks.clear()
        self._add(
            STEP_LIMIT_REACHED,
            f"The dry run stopped after {self.max_steps} node executions; later branches "
            "were not simulated.",
        )

    def _flush_loops(self, state: _Run) -> bool:
        """A loop whose body ended without returning to it continues (or finishes)."""
        for loop_id in list(state.loops):
            state.pending.setdefault(loop_id, []).append((_FLUSH, []))
            state.push(loop_id, self.g.rank[loop_id])
        return bool(state.heap)

    def _execute(
        self, state: _Run, node_id: str, deliveries: list[tuple[tuple[str, str], list[Item]]]
    ) -> None:
        node = self.g.first[node_id]
        choices = self.g.choices[node_id]
        snapshot = None
        if choices and any((node_id, c) not in self.scheduled for c in choices):
            snapshot = state.snapshot()
            snapshot.pending[node_id] = deliveries
        self.steps += 1
        inputs = [item for _, items in deliveries for item in items]
        step = TraceStep(node_id, state.number, inputs, {}, forced=node_id in state.plan)
        self._step = step
        self._waiting = False
        outputs = self._outputs(state, node, deliveries, inputs)
        self._step = None
        if self._waiting:
            return  # a merge still missing inputs has not run
        outputs = {name: items for name, items in outputs.items() if items}
        step.output_items = outputs
        spec = self.g.specs[node_id]
        branching = spec is not None and (len(spec.outputs) > 1 or node.subtype == "filter")
        if branching or "error" in outputs:
            step.branch = ",".join(outputs) or None
        self.trace.append(step)
        self.ran.add(node_id)
        for tool in self.g.attached.get(node_id, []):
            self.ran.add(tool)
        self._emit(state, node_id, outputs)
        if snapshot is not None:
            self._schedule_forks(snapshot, node_id, choices, outputs)

    def _schedule_forks(
        self, snapshot: _Run, node_id: str, choices: list[str], outputs: Outputs
    ) -> None:
        for choice in choices:
            if choice in outputs:
                self.scheduled.add((node_id, choice))
        for choice in choices:
            if (node_id, choice) in self.scheduled:
                continue
            self.scheduled.add((node_id, choice))
            fork = snapshot.snapshot()
            fork.plan[node_id] = choice
            fork.push(node_id, self.g.rank[node_id])
            self.forks.append(fork)

    def _emit(self, state: _Run, node_id: str, outputs: Outputs) -> None:
        for name, items in outputs.items():
            self.emitted.add((node_id, name))
            for target in self.g.out_edges[node_id].get(name, []):
                state.pending.setdefault(target, []).append(((node_id, name), items))
                state.push(target, self.g.rank[target])
        if outputs:
            state.executed[node_id] = next(iter(outputs.values()))[0]

    # -- node behaviour ---------------------------------------------------------------------

    def _outputs(
        self,
        state: _Run,
        node: Node,
        deliveries: list[tuple[tuple[str, str], list[Item]]],
        inputs: list[Item],
    ) -> Outputs:
        spec = self.g.specs[node.id]
        if spec is None:
            return {"main": [dict(i) for i in inputs[:MAX_ITEMS]]}
        if state.plan.get(node.id) == "error":
            return self._fail(state, node, inputs)
        handler = _HANDLERS.get(node.subtype)
        if handler is not None:
            return handler(self, state, node, deliveries, inputs)
        if node.type == NodeFamily.HUMAN_IN_THE_LOOP:
            return self._human(state, node, inputs, spec)
        return self._produce(state, node, inputs, spec)

    def _fail(self, state: _Run, node: Node, inputs: list[Item]) -> Outputs:
        message = f"Simulated failure of '{node.name}'"
        for item in inputs or [{}]:
            self._params(state, node, item)
        return {"error": [{**i, "error": {"message": message}} for i in inputs[:MAX_ITEMS]]}

    def _produce(self, state: _Run, node: Node, inputs: list[Item], spec: NodeSpec) -> Outputs:
        """ACTION / EXTERNAL_ACTION / AI_AGENT / TRIGGER nodes: sample, echo, extend."""
        forced = state.plan.get(node.id)
        default = "main" if "main" in spec.outputs else next(iter(spec.outputs), "main")
        output = forced if forced in spec.outputs else default
        how = ex.behaviour(node.subtype, node.parameters)
        per_item = 2 if node.subtype in LIST_SOURCES else 1
        produced: list[Item] = []
        sources: list[Item | None] = list(inputs[:MAX_ITEMS]) or [None]
        for k, item in enumerate(sources):
            for tool in self.g.attached.get(node.id, []):  # tools see the agent's item
                self._params(state, self.g.first[tool], item)
            params = self._params(state, node, item)  # last: _echo reads its uncertainty
            for j in range(per_item):
                produced.extend(self._make(node, spec, output, k * per_item + j, item, params, how))
        return {output: produced[:MAX_ITEMS]}

    def _make(
        self,
        node: Node,
        spec: NodeSpec,
        output: str,
        index: int,
        item: Item | None,
        params: Mapping[str, Any],
        how: str,
    ) -> list[Item]:
        if node.subtype == "split_out":
            return self._split(node, index, item, params)
        if item is not None and (how == "pass" or self._opaque(node, spec, output)):
            return [dict(item)]
        base = self._sample(node, spec, output, index)
        made = {**item, **base} if how == "extend" and item is not None else dict(base)
        self._echo(node, spec, output, params, made)
        return [made]

    def _split(
        self, node: Node, index: int, item: Item | None, params: Mapping[str, Any]
    ) -> list[Item]:
        name = str(params.get("field") or "")
        target = str(params.get("destination_field") or name)
        values = (item or {}).get(name)
        if not isinstance(values, list) or not values:
            salt = self._hash(node.id, name)
            values = [_guess(name.rstrip("s") or "value", salt, index + k) for k in range(2)]
        keep = dict(item or {}) if params.get("include") == "all_other_fields" else {}
        keep.pop(name, None)
        out = []
        for value in values[:MAX_ITEMS]:
            out.append({**keep, **value} if isinstance(value, dict) else {**keep, target: value})
        return out

    def _opaque(self, node: Node, spec: NodeSpec, output: str) -> bool:
        """Nodes whose output says nothing (``code``, imported n8n nodes…) pass their input
        on, the most plausible shape; row sources (``LIST_SOURCES``) are sampled instead."""
        if node.subtype in LIST_SOURCES:
            return False
        schema = ex.own_schema(spec, node, output)
        return not schema.get("properties") and schema.get("additionalProperties") is not False

    def _echo(
        self, node: Node, spec: NodeSpec, output: str, params: Mapping[str, Any], made: Item
    ) -> None:
        """Merge resolved parameters into the item where the output has a same-named field
        (and the special cases: set_fields' fields, text_template/date_time output_field)."""
        if node.subtype == "set_fields" and isinstance(params.get("fields"), Mapping):
            made.update(params["fields"])
            return
        if node.subtype in ("text_template", "date_time"):
            template = node.subtype == "text_template"
            key = params.get("output_field") or ("text" if template else "date")
            value = params.get("template" if template else "value")
            made[str(key)] = value if isinstance(value, str) else self.now
            return
        if node.subtype in _NO_ECHO:
            return
        schema = spec.outputs[output].item_schema if output in spec.outputs else {}
        props = schema.get("properties")
        if not isinstance(props, Mapping):
            return
        for name, value in params.items():
            if name not in props or value is None:
                continue
            if _fits(value, props[name]):
                made[name] = value
            elif (name,) not in self._uncertain_params:  # made-up values keep the sample
                made[name] = value
                if not _fits(value, props[name], loosely=True):
                    self._shape_mismatch(node, output, name, value, props[name])

    def _shape_mismatch(self, node: Node, output: str, name: str, value: Any, prop: Any) -> None:
        """Produced items (the sample with echoed parameters) must match the output schema:
        sampled fields do by construction, so only echoed values are checked."""
        expected = " or ".join(sorted(ex.schema_types(prop) or ()))
        self._add(
            ITEM_SHAPE_MISMATCH,
            f"{_subject(node)} produces items whose field '{name}' is {ex.json_type(value)} "
            f"(from its parameter '{name}'), but its '{output}' output declares {expected}.",
            node,
            detail=name,
        )

    def _sample(self, node: Node, spec: NodeSpec, output: str, index: int) -> Item:
        """A sampled output item. Each node draws one of ``SAMPLE_VARIANTS`` samples of its
        subtype (by a hash of its id), so sibling nodes differ while the cache stays small;
        nodes whose parameters add fields get their own."""
        own = ex.derived_properties(node.subtype, node.parameters)
        variant = zlib.crc32(node.id.encode()) % SAMPLE_VARIANTS
        owner = node.id if own else f"{node.subtype}#{variant}"
        key = (owner, output, index)
        if key not in self._samples:
            schema = ex.own_schema(spec, node, output)
            value = _sample(schema, "item", self._hash(owner, output), index, 0)
            self._samples[key] = value if isinstance(value, dict) else {"value": value}
        return dict(self._samples[key])

    def _hash(self, *parts: object) -> int:
        return zlib.crc32(":".join(map(str, (self.seed, *parts))).encode())

    # -- FLOW nodes -------------------------------------------------------------------------

    def _if(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        out: Outputs = {"true": [], "false": []}
        forced = state.plan.get(node.id)
        for item in inputs:
            params = self._params(state, node, item)
            verdict = _conditions(params) if forced is None else forced == "true"
            out["true" if verdict else "false"].append(item)
        return out

    def _filter(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        forced = state.plan.get(node.id) == "main"
        kept = [i for i in inputs if _conditions(self._params(state, node, i)) or forced]
        return {"main": kept}

    def _switch(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        out: Outputs = {}
        forced = state.plan.get(node.id)
        for item in inputs:
            params = self._params(state, node, item)
            for name in [forced] if forced else _switch_outputs(params):
                out.setdefault(name, []).append(item)
        return out

    def _merge(
        self,
        state: _Run,
        node: Node,
        deliveries: list[tuple[tuple[str, str], list[Item]]],
        inputs: list[Item],
    ) -> Outputs:
        params = self._params(state, node, inputs[0] if inputs else None)
        mode = params.get("mode", "append")
        if mode == "append":
            return {"main": inputs[:MAX_ITEMS]}
        by_source: dict[tuple[str, str], list[Item]] = {}
        for source, items in deliveries:
            by_source.setdefault(source, []).extend(items)
        expected = self.g.in_sources.get(node.id, [])
        if any(not by_source.get(source) for source in expected):
            self.blocked_merges.add(node.id)
            self._waiting = True
            return {}
        if mode == "wait_all":
            return {"main": inputs[:MAX_ITEMS]}
        groups = [by_source[source] for source in expected]
        combined = [_combine(group[k] for group in groups if k < len(group)) for k in range(3)]
        return {"main": [c for c in combined if c][:MAX_ITEMS]}

    def _loop(
        self,
        state: _Run,
        node: Node,
        deliveries: list[tuple[tuple[str, str], list[Item]]],
        inputs: list[Item],
    ) -> Outputs:
        body = self.g.loop_body.get(node.id, frozenset())
        outside: list[Item] = []
        back: list[Item] = []
        for source, items in deliveries:
            returned = source == _FLUSH or source[0] in body
            (back if returned else outside).extend(items)
        params = self._params(state, node, inputs[0] if inputs else None)
        size = _positive_int(params.get("batch_size"), 1)
        loop = state.loops.get(node.id)
        if outside:
            loop = _LoopState(remaining=outside)
            state.loops[node.id] = loop
        if loop is None:
            return {"done": back[:MAX_ITEMS]}
        loop.collected.extend(back)
        if not self.g.returns_to(node.id):
            return self._loop_without_return(state, node, loop, size)
        if loop.remaining and loop.iterations < self.max_loop:
            batch, loop.remaining = loop.remaining[:size], loop.remaining[size:]
            loop.iterations += 1
            return {"loop": batch}
        return self._loop_done(state, node, loop)

    def _loop_without_return(self, state: _Run, node: Node, loop: _LoopState, size: int) -> Outputs:
        """No connection returns to the loop: the body sees every batch, then ``done``."""
        allowed = size * self.max_loop
        batches, loop.remaining = loop.remaining[:allowed], loop.remaining[allowed:]
        loop.collected.extend(batches)
        out = self._loop_done(state, node, loop)
        return {"loop": batches[:MAX_ITEMS], **out}

    def _loop_done(self, state: _Run, node: Node, loop: _LoopState) -> Outputs:
        if loop.remaining:
            self._add(
                LOOP_LIMIT_REACHED,
                f"{_subject(node)} had more batches than the dry run's limit of "
                f"{self.max_loop} iterations; the remaining {len(loop.remaining)} item(s) "
                "were not simulated.",
                node,
            )
        del state.loops[node.id]
        return {"done": loop.collected[:MAX_ITEMS]}

    def _pass(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        """wait (never sleeps), no_op, sort, remove_duplicates, webhook_response."""
        for item in inputs[:1]:
            self._params(state, node, item)
        return {"main": inputs[:MAX_ITEMS]}

    def _limit(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        params = self._params(state, node, inputs[0] if inputs else None)
        count = _positive_int(params.get("max_items"), 1)
        kept = inputs[-count:] if params.get("keep") == "last" else inputs[:count]
        return {"main": kept[:MAX_ITEMS]}

    def _stop(self, state: _Run, node: Node, _d: Any, inputs: list[Item]) -> Outputs:
        params = self._params(state, node, inputs[0] if inputs else None)
        self._add(
            STOPPED_BY_ERROR_NODE,
            f"{_subject(node)} stops the run here with the error "
            f"{ex.to_text(params.get('message'))!r} (run {state.number}).",
            node,
        )
        return {}

    def _human(self, state: _Run, node: Node, inputs: list[Item], spec: NodeSpec) -> Outputs:
        choice = state.plan.get(node.id, "approved")
        out: list[Item] = []
        for k, item in enumerate(inputs[:MAX_ITEMS]):
            self._params(state, node, item)
            if choice == "timeout":
                out.append(dict(item))
                continue
            decision = self._sample(node, spec, choice, k)
            decision["approved"] = choice == "approved"
            out.append({**item, **decision})
        return {choice: out}

    # -- expressions ------------------------------------------------------------------------

    def _params(self, state: _Run, node: Node, item: Item | None) -> Mapping[str, Any]:
        """The node's parameters with every template resolved against ``item``."""
        templates = self.g.templates[node.id]
        self._uncertain_params = set()
        if not templates:
            return node.parameters
        values: dict[ex.Location, Any] = {}
        for location, text in templates:
            self._uncertain = False
            resolved = ex.evaluate(text, _Lookup(self, state, node, item, location))
            for missing in resolved.unresolved:
                self._unresolved(state, node, location, missing)
            values[location] = resolved.value
            if resolved.exact and not self._uncertain and not resolved.unresolved:
                self._check_param_type(node, location, text, resolved.value)
            else:
                self._uncertain_params.add(location)
        return _substituted(node.parameters, values, ())  # type: ignore[no-any-return]

    def lookup(
        self, state: _Run, node: Node, item: Item | None, location: ex.Location, ref: ex.Reference
    ) -> Any:
        """A reference's value on this run; made-up (and flagged uncertain) when the item
        lacks a field its schema allows, :class:`~expressions.Unresolved` when it cannot."""
        if ref.kind == "env":
            self._uncertain = True
            self._add(
                ENV_PLACEHOLDER,
                f"{_subject(node)} reads {{{{ {ref.raw} }}}}; the dry run used the placeholder "
                f"'<{ref.path[0]}>'. Set it in the runtime environment.",
                node,
                _param_path(self.g, node, location),
                detail=ref.raw,
            )
            return f"<{ref.path[0]}>"
        if ref.kind == "json":
            if item is None:
                return ex.Unresolved(ref, "there is no input item here (a trigger has none)")
            return self._field(node, location, ref, item, self.g.shapes.input(node.id))
        if ref.kind == "node":
            target = ref.node_id or ""
            if target not in state.executed:
                return ex.Unresolved(ref, f"node '{target}' did not run before this one")
            schema = self.g.shapes.node(target)
            return self._field(node, location, ref, state.executed[target], schema)
        context = ex.Context(
            workflow={"id": self.g.wf.id, "name": self.g.wf.name},
            execution={"id": f"sim-{self.seed}-{state.number}"},
            now=self.now,
        )
        return ex.lookup(ref, context)

    def _field(
        self, node: Node, location: ex.Location, ref: ex.Reference, root: Item, schema: Any
    ) -> Any:
        value, depth = ex.follow(root, ref.path)
        check = self._check(schema, ref.path)
        if depth == len(ref.path):
            certain = check.status is ex.FieldStatus.DECLARED and ex.schema_types(check.schema)
            self._uncertain = self._uncertain or not certain
            return value
        if check.status is ex.FieldStatus.FORBIDDEN:
            return ex.walk(root, ref)
        self._uncertain = self._uncertain or check.status is not ex.FieldStatus.DECLARED
        if check.status is ex.FieldStatus.UNDECLARED:
            self._add(
                ASSUMED_FIELD,
                f"{_subject(node)} reads {{{{ {ref.raw} }}}}, a field its input does not "
                "declare; the dry run used a made-up value.",
                node,
                _param_path(self.g, node, location),
                detail=ref.raw,
            )
        name = str(ref.path[-1]) if ref.path else "value"
        salt = self._hash(node.id, ref.raw)
        if check.status is ex.FieldStatus.DECLARED:
            return _sample(check.schema, name, salt, 0, 0)
        return _guess(name, salt, 0)

    def _check(self, schema: Any, path: ex.Path) -> ex.FieldCheck:
        key = (id(schema), path)
        if key not in self._status:
            self._status[key] = ex.field_status(schema if schema is not None else {}, path)
        return self._status[key]

    def _unresolved(
        self, state: _Run, node: Node, location: ex.Location, missing: ex.Unresolved
    ) -> None:
        self._add(
            UNRESOLVED_EXPRESSION,
            f"{_subject(node)}: parameter '{ex.render_path(location)}' reads "
            f"{{{{ {missing.reference.raw} }}}}, which resolves to nothing in run "
            f"{state.number}: {missing.reason}.",
            node,
            _param_path(self.g, node, location),
            detail=missing.reference.raw,
        )

    def _check_param_type(self, node: Node, location: ex.Location, text: str, value: Any) -> None:
        template = ex.parse(text)
        if not template.whole or not template.references or not template.references[0].whole:
            return
        spec = self.g.specs[node.id]
        if spec is None or value is None:
            return
        key = (node.subtype, location)
        if key not in self._param_types:
            self._param_types[key] = ex.schema_types(ex.json_schema_at(spec.parameters, location))
        expected = self._param_types[key]
        if expected is None or ex.mismatch(frozenset({ex.json_type(value)}), expected) != "error":
            return
        self._add(
            ITEM_SHAPE_MISMATCH,
            f"{_subject(node)}: parameter '{ex.render_path(location)}' expects "
            f"{' or '.join(sorted(expected))}, but {{{{ {template.references[0].raw} }}}} "
            f"gives {ex.json_type(value)} on the simulated item.",
            node,
            _param_path(self.g, node, location),
        )

    # -- findings ---------------------------------------------------------------------------

    def _add(
        self,
        code: str,
        message: str,
        node: Node | None = None,
        path: str | None = None,
        detail: str = "",
    ) -> None:
        node_id = node.id if node is not None else None
        key = (code, node_id, path, detail)
        if key in self._seen:
            return
        self._seen.add(key)
        finding = Finding(
            code=code, severity=SEVERITIES[code], node_id=node_id, path=path, message=message
        )
        self.findings.append(finding)
        if self._step is not None:
            self._step.findings.append(finding)

    def _report_never_run(self) -> None:
        if self.limit_hit:
            return
        for node_id, node in self.g.first.items():
            if node.type in _SIDE or node_id in self.ran or node_id not in self.g.reachable:
                continue
            self._add(NODE_NEVER_RUNS, self._never_reason(node), node)

    def _never_reason(self, node: Node) -> str:
        if node.id in self.blocked_merges:
            return (
                f"{_subject(node)} never ran: it waits for items from all of its "
                f"{len(self.g.in_sources.get(node.id, []))} inputs, but in no simulated run "
                "did all of them deliver (they are alternative branches?)."
            )
        silent = [
            f"'{src}'.{out}"
            for src, out in self.g.in_sources.get(node.id, [])
            if src in self.ran and (src, out) not in self.emitted
        ]
        if silent:
            return (
                f"{_subject(node)} never ran: it is connected from {', '.join(silent)}, "
                "which never emitted items in any simulated run."
            )
        return f"{_subject(node)} never ran: none of the nodes before it ran or emitted items."


@dataclass(frozen=True, slots=True)
class _Lookup:
    """Resolves the references of one parameter of one node on one item."""

    sim: _Simulator
    state: _Run
    node: Node
    item: Item | None
    location: ex.Location

    def __call__(self, ref: ex.Reference) -> Any:
        return self.sim.lookup(self.state, self.node, self.item, self.location, ref)


Handler = Callable[
    [_Simulator, _Run, Node, list[tuple[tuple[str, str], list[Item]]], list[Item]], Outputs
]
_HANDLERS: Mapping[str, Handler] = {
    "if": _Simulator._if,
    "filter": _Simulator._filter,
    "switch": _Simulator._switch,
    "merge": _Simulator._merge,
    "loop": _Simulator._loop,
    "limit": _Simulator._limit,
    "stop_and_error": _Simulator._stop,
    "wait": _Simulator._pass,
    "no_op": _Simulator._pass,
    "sort": _Simulator._pass,
    "remove_duplicates": _Simulator._pass,
    "webhook_response": _Simulator._pass,
}


# --- helpers -------------------------------------------------------------------------------


def _subject(node: Node) -> str:
    return f"Node '{node.name}' ({node.id})"


def _param_path(graph: _Graph, node: Node, location: ex.Location) -> str:
    parts = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in location)
    return f"nodes[{graph.index[node.id]}].parameters{parts}"


def _substituted(value: Any, values: Mapping[ex.Location, Any], location: ex.Location) -> Any:
    if location in values:
        return values[location]
    if isinstance(value, dict):
        return {k: _substituted(v, values, (*location, str(k))) for k, v in value.items()}
    if isinstance(value, list):
        return [_substituted(v, values, (*location, k)) for k, v in enumerate(value)]
    return value


def _positive_int(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        return default
    return int(value)


def _combine(items: Any) -> Item:
    out: Item = {}
    for item in items:
        out.update(item)
    return out


def _fits(value: Any, schema: Any, *, loosely: bool = False) -> bool:
    """Whether ``value``'s JSON type is one ``schema`` allows (unknown schemas allow all).
    ``loosely``: only a certain mismatch (see ``expressions.mismatch``) counts."""
    types = ex.schema_types(schema)
    if types is None or value is None:
        return True
    kind = ex.json_type(value)
    if loosely:
        return ex.mismatch(frozenset({kind}), types) != "error"
    if kind in types or (kind == "integer" and "number" in types):
        return True
    return kind == "number" and "integer" in types and float(value).is_integer()


# --- conditions ----------------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _equal(left: Any, right: Any) -> bool:
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        return a == b
    if isinstance(left, bool) or isinstance(right, bool):
        return ex.to_text(left).lower() == ex.to_text(right).lower()
    return bool(left == right or ex.to_text(left) == ex.to_text(right))


def _compare(op: str, left: Any, right: Any) -> bool:
    """One condition, with loose JavaScript-like coercions (numeric strings are numbers)."""
    if op in ("is_empty", "is_not_empty"):
        empty = left is None or left == "" or left == [] or left == {}
        return empty if op == "is_empty" else not empty
    if op in ("is_true", "is_false"):
        want = op == "is_true"
        return left is want or (isinstance(left, str) and left.strip().lower() == str(want).lower())
    if op in ("equals", "not_equals"):
        return _equal(left, right) == (op == "equals")
    if op in ("greater_than", "less_than"):
        a, b = _number(left), _number(right)
        if a is None or b is None:
            return False
        return a > b if op == "greater_than" else a < b
    if op == "contains":
        if isinstance(left, list):
            return any(_equal(v, right) for v in left)
        if isinstance(left, dict):
            return ex.to_text(right) in left
        return ex.to_text(right) in ex.to_text(left)
    return False


def _conditions(params: Mapping[str, Any]) -> bool:
    conditions = [c for c in params.get("conditions") or [] if isinstance(c, Mapping)]
    results = [_compare(str(c.get("operator")), c.get("left"), c.get("right")) for c in conditions]
    if not results:
        return False
    return any(results) if params.get("combine") == "or" else all(results)


def _switch_outputs(params: Mapping[str, Any]) -> list[str]:
    rules = [r for r in params.get("rules") or [] if isinstance(r, Mapping)][:4]
    left = params.get("field")
    matches = [
        f"output_{k}"
        for k, rule in enumerate(rules)
        if _compare(str(rule.get("operator")), left, rule.get("value"))
    ]
    if not matches:
        return ["fallback"]
    return matches if params.get("all_matching") is True else matches[:1]


# --- sample data ---------------------------------------------------------------------------

_SAMPLE_ORDER = ("object", "array", "string", "number", "integer", "boolean")
_TEXT_NAMES = ("text", "content", "body", "message", "output", "result", "summary", "html")
_MONEY = ("price", "amount", "total", "cost", "sum", "revenue", "balance")


def _mix(salt: int, *parts: object) -> int:
    return zlib.crc32(":".join(map(str, parts)).encode(), salt)


def _sample(schema: Any, name: str, salt: int, index: int, depth: int) -> Any:
    """A value satisfying the common keywords of ``schema``; ``salt`` (seed and node) and
    ``index`` (item number) vary it deterministically; booleans alternate with ``index``."""
    if not isinstance(schema, Mapping):
        return _guess(name, salt, index)
    h = _mix(salt, name, index)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][h % len(schema["enum"])]
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _sample(schema[key][0], name, salt, index, depth + 1)
    types = ex.schema_types(schema)
    kind = next((t for t in _SAMPLE_ORDER if types and t in types), None)
    if kind is None:
        if types == frozenset({"null"}):
            return None
        if "properties" in schema:
            kind = "object"
        else:
            return _guess(name, salt, index) if depth < 4 else None
    if kind == "object":
        props = schema.get("properties")
        if depth >= 5 or not isinstance(props, Mapping):
            return {}
        return {str(k): _sample(v, str(k), salt, index, depth + 1) for k, v in props.items()}
    if kind == "array":
        if depth >= 5:
            return []
        count = 1 + h % 2
        item_name = name[:-1] if name.endswith("s") and len(name) > 1 else name
        items = schema.get("items", {})
        return [_sample(items, item_name, salt, index + k, depth + 1) for k in range(count)]
    if kind == "boolean":
        return (_mix(salt, name) + index) % 2 == 0
    if kind in ("number", "integer"):
        return _bounded(schema, _guess_number(name, h, kind == "integer"))
    if "default" in schema and isinstance(schema["default"], str):
        return schema["default"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    return _string(name, str(schema.get("format", "")), h)


def _bounded(schema: Mapping[str, Any], value: float | int) -> float | int:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if isinstance(low, int | float) and value < low:
        value = low + (1 if "exclusiveMinimum" in schema else 0)
    if isinstance(high, int | float) and value > high:
        value = high - (1 if "exclusiveMaximum" in schema else 0)
    return value


def _guess_number(name: str, h: int, integer: bool) -> float | int:
    lowered = name.lower()
    if lowered == "status_code":
        return 200
    if integer:
        return 1 + h % 9 if any(k in lowered for k in ("count", "qty", "quantity")) else h % 100
    if any(k in lowered for k in _MONEY):
        return round(5 + (h % 49500) / 100, 2)
    if lowered == "score":
        return round(((h % 200) - 100) / 100, 2)
    if lowered == "confidence":
        return round((h % 100) / 100, 2)
    return round((h % 10000) / 100, 2)


def _guess(name: str, salt: int, index: int) -> Any:
    """A plausible value for a field known only by its name."""
    lowered = name.lower()
    h = _mix(salt, name, index)
    if lowered.startswith(("is_", "has_")) or lowered in ("in_stock", "ok", "approved", "active"):
        return (salt + index) % 2 == 0
    if any(k in lowered for k in _MONEY) or lowered in ("score", "confidence"):
        return _guess_number(name, h, False)
    if lowered in ("count", "qty", "quantity", "number", "status_code") or lowered.endswith(
        "_count"
    ):
        return _guess_number(name, h, True)
    if lowered in ("items", "tags", "labels", "lines", "rows", "list"):
        return [_string(lowered[:-1], "", h), _string(lowered[:-1], "", h + 1)]
    return _string(name, "", h)


def _string(name: str, fmt: str, h: int) -> str:
    lowered = name.lower()
    if fmt == "date-time" or lowered.endswith(("_at", "date", "time", "timestamp")):
        moment = _BASE_TIME + timedelta(minutes=h % 100000)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if fmt == "date":
        return (_BASE_TIME + timedelta(days=h % 365)).strftime("%Y-%m-%d")
    if fmt in ("uri", "url") or any(k in lowered for k in ("url", "link", "href")):
        return f"https://example.com/{lowered or 'page'}/{h % 1000}"
    if fmt == "email" or "email" in lowered or lowered in ("from", "to", "cc", "decided_by"):
        return f"user{h % 100}@example.com"
    if lowered == "currency":
        return "USD"
    if lowered == "timezone":
        return "UTC"
    if lowered.endswith("id") or lowered in ("guid", "sid", "ts"):
        return f"{lowered or 'id'}-{h % 100000:05d}"
    if any(k in lowered for k in _TEXT_NAMES):
        return f"Sample {lowered.replace('_', ' ')} text #{h % 1000}"
    return f"Sample {lowered.replace('_', ' ') or 'value'} {h % 1000}"


__all__ = [
    "ASSUMED_FIELD",
    "ENV_PLACEHOLDER",
    "ITEM_SHAPE_MISMATCH",
    "LOOP_LIMIT_REACHED",
    "MAX_ITEMS",
    "NODE_NEVER_RUNS",
    "SEVERITIES",
    "STEP_LIMIT_REACHED",
    "STOPPED_BY_ERROR_NODE",
    "UNRESOLVED_EXPRESSION",
    "SimulationResult",
    "TraceStep",
    "simulate",
    "summary",
]
