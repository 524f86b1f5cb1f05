"""FLOW nodes in the dry run, one handler per subtype (:data:`_HANDLERS`).

``if``, ``filter`` and ``switch`` route each item by their conditions
(:mod:`flowsmith.core.simulate_conditions`) or by the output a fork forces; ``merge`` appends,
or waits for every input (``_waiting``: the node has not run yet) and combines them;
``loop`` sends at most ``max_loop_iterations`` batches through its body, then ``done``
(reporting ``loop_limit_reached``); ``limit`` keeps the first or last items;
``stop_and_error`` ends its path (``stopped_by_error_node``); ``wait`` (never sleeps),
``no_op``, ``sort``, ``remove_duplicates`` and ``webhook_response`` pass items on.

Invariants: pure (no I/O, no clock); handlers never mutate the items they receive (``merge``
in combine mode builds new ones); each resolves the node's parameters, so their expressions
are checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.models import Node
from flowsmith.core.simulate_conditions import _conditions, _switch_outputs
from flowsmith.core.simulate_graph import _FLUSH, _LoopState, _Run
from flowsmith.core.simulate_resolve import _Resolver, _subject
from flowsmith.core.simulate_trace import (
    LOOP_LIMIT_REACHED,
    MAX_ITEMS,
    STOPPED_BY_ERROR_NODE,
    Item,
    Outputs,
)


class _FlowNodes(_Resolver):
    """The FLOW node handlers (see the module docstring)."""

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


Handler = Callable[
    [_FlowNodes, _Run, Node, list[tuple[tuple[str, str], list[Item]]], list[Item]], Outputs
]
_HANDLERS: Mapping[str, Handler] = {
    "if": _FlowNodes._if,
    "filter": _FlowNodes._filter,
    "switch": _FlowNodes._switch,
    "merge": _FlowNodes._merge,
    "loop": _FlowNodes._loop,
    "limit": _FlowNodes._limit,
    "stop_and_error": _FlowNodes._stop,
    "wait": _FlowNodes._pass,
    "no_op": _FlowNodes._pass,
    "sort": _FlowNodes._pass,
    "remove_duplicates": _FlowNodes._pass,
    "webhook_response": _FlowNodes._pass,
}


def _positive_int(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        return default
    return int(value)


def _combine(items: Any) -> Item:
    out: Item = {}
    for item in items:
        out.update(item)
    return out
