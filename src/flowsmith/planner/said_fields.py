"""Fields a step's own words set beyond its required ones, read against the catalog: the state
an update puts a record in (:mod:`said_state`), whom a direct message reaches
(:mod:`said_recipient`) and the filter a bulk read is said with (:mod:`said_filters`).

Invariants: a pass over the frame before it compiles; it only adds parameters to catalog
service steps, never changes one the step has, never adds or moves a step; the words of a
step are its phrase with the trigger's phrase cut out. Pure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flowsmith.core.catalog import Catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner import graph as g
from flowsmith.planner.frame import Approval, Branch, Condition, Frame, Loop, ServiceStep, Step
from flowsmith.planner.said_filters import read_filters
from flowsmith.planner.said_recipient import dm_field, dm_recipient, says_dm
from flowsmith.planner.said_state import said_state
from flowsmith.planner.services import index_of

__all__ = ["trigger_item_refs", "with_said_fields"]


def with_said_fields(frame: Frame, catalog: Catalog) -> Frame:
    """``frame`` with each service step's said fields added to its parameters."""
    steps = _steps(frame, frame.steps, catalog)
    return frame if steps == frame.steps else replace(frame, steps=steps)


def _steps(frame: Frame, steps: tuple[Step, ...], catalog: Catalog) -> tuple[Step, ...]:
    out: list[Step] = []
    for i, step in enumerate(steps):
        if isinstance(step, ServiceStep):
            after = steps[i + 1] if i + 1 < len(steps) else None
            out.append(_service(frame, step, _said_of(step, after), catalog))
        elif isinstance(step, Branch):
            cases = tuple(replace(c, steps=_steps(frame, c.steps, catalog)) for c in step.cases)
            out.append(replace(step, cases=cases))
        elif isinstance(step, Loop):
            out.append(replace(step, steps=_steps(frame, step.steps, catalog)))
        elif isinstance(step, Approval):
            out.append(
                replace(
                    step,
                    approved=_steps(frame, step.approved, catalog),
                    rejected=_steps(frame, step.rejected, catalog),
                )
            )
        else:
            out.append(step)
    return tuple(out)


def _said_of(step: ServiceStep, after: Step | None) -> list[Condition]:
    """The conditions a guard right after ``step`` tests, when said in ``step``'s own
    clause ("the records whose status is done")."""
    if not isinstance(after, Branch) or len(after.cases) != 1:
        return []
    cond = after.cases[0].condition
    if cond is None or not step.phrase or not cond.phrase:
        return []
    same = cond.phrase in step.phrase or step.phrase in cond.phrase
    return [cond] if same else []


def _service(frame: Frame, step: ServiceStep, conds: list[Condition], catalog: Catalog) -> Step:
    index = index_of(catalog)
    if step.app not in index.apps or not step.resource or not step.operation:
        return step
    app = index.apps[step.app]
    op = app.operation(step.resource, step.operation)
    if op is None:
        return step
    words = _own_words(step.phrase, frame.trigger.phrase)
    added: dict[str, Any] = {}
    added.update(said_state(step.operation, op, words, step.params))
    added.update(read_filters(step.operation, op, app, step.resource, words, conds, step.params))
    field = dm_field(op) if says_dm(words) else None
    if field is not None and field not in step.params:
        added[field] = dm_recipient(words, app, frame.trigger.app, frame.trigger.event)
    return replace(step, params={**step.params, **added}) if added else step


def _own_words(phrase: str, trigger_phrase: str) -> str:
    if trigger_phrase and trigger_phrase in phrase:
        return phrase.replace(trigger_phrase, " ")
    return phrase


def trigger_item_refs(wf: Workflow, frame: Frame, catalog: Catalog) -> None:
    """A step that reads the trigger's person as ``$json`` but is not fed by the trigger
    reads it from the trigger's item by the trigger's node name. Edits ``wf`` in place."""
    person = _person(frame, catalog)
    trigger = next((n for n in wf.nodes if n.type == NodeFamily.TRIGGER), None)
    if person is None or trigger is None:
        return
    own = "{{ $json." + person + " }}"
    where = "{{ $('" + trigger.name.replace("'", "\\'") + "').item.json." + person + " }}"
    for node in wf.nodes:
        if node is trigger or not _holds(node, own):
            continue
        if [c.from_node for c in g.incoming(wf, node.id)] != [trigger.id]:
            node.parameters.update({k: where for k, v in node.parameters.items() if v == own})


def _holds(node: Node, value: str) -> bool:
    return value in node.parameters.values()


def _person(frame: Frame, catalog: Catalog) -> str | None:
    t = frame.trigger
    app = index_of(catalog).apps.get(t.app or "")
    if app is None or app.triggers is None or t.event is None:
        return None
    ev = app.triggers.events.get(t.event)
    return ev.person if ev is not None else None
