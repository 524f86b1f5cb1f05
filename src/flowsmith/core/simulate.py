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

Layout: the simulator is one class built in layers, a module each: ``_Resolver`` (state,
expressions, findings; :mod:`flowsmith.core.simulate_resolve`), ``_FlowNodes`` (FLOW nodes;
:mod:`flowsmith.core.simulate_flow`), ``_NodeOutputs`` (every other node;
:mod:`flowsmith.core.simulate_nodes`) and, here, ``_Simulator``, which drives the runs and
forks. :mod:`flowsmith.core.simulate_trace` holds the codes and result types,
:mod:`flowsmith.core.simulate_graph` the static view and run state,
:mod:`flowsmith.core.simulate_conditions` and :mod:`flowsmith.core.simulate_samples` the pure
evaluation of conditions and the made-up data.

Invariants: pure (no I/O, no clock, no randomness beyond ``seed``); the same workflow, seed
and limits give the same trace and findings; items are JSON values and never mutated once
emitted; a finding is reported once per (code, node, parameter path, detail).
"""

from __future__ import annotations

import heapq
from typing import Any

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.core.models import Workflow
from flowsmith.core.satisfy import never_true
from flowsmith.core.simulate_graph import _FLUSH, _Graph, _Run
from flowsmith.core.simulate_nodes import _NodeOutputs
from flowsmith.core.simulate_trace import (
    NODE_NEVER_RUNS,
    STEP_LIMIT_REACHED,
    Item,
    Outputs,
    SimulationResult,
    TraceStep,
)


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
    result.findings.extend(never_true(workflow))
    return result


# --- the simulator -------------------------------------------------------------------------


class _Simulator(_NodeOutputs):
    """Drives the runs: one per trigger, then the forks, within ``max_steps`` node runs."""

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


__all__ = ["simulate", "summary"]
