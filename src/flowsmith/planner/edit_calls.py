"""An API call said before or after a step the workflow has, with no condition: "call
https://api.y.io/enrich before texting", "re-check the alert at GET https://… before the
SMS", "发短信之前先调用 https://…".

Invariants: the URL is read from the raw text (the other readers see it blanked, at the same
positions); the call needs a place ("before X" / "after X" naming a step the workflow has),
else it is left to the other readers; it becomes one ``http_request`` node put right there,
so every other node keeps its id, name, parameters and wiring. The method is the one said
("GET https://…"), else GET for a verb that reads ("fetch", "re-check", "查询"), else POST
with the item. A call inside a condition's words is the condition's (``edit_guard_call``).
Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import edit_read as er
from flowsmith.planner import graph as g
from flowsmith.planner import nodes as n
from flowsmith.planner.edit_guard_call import HTTP_STEP
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang

__all__ = ["CALL_STEP", "apply_call", "is_call", "read_calls"]

Span = tuple[int, int]
CALL_STEP = "call:"  # add_step step: "call:<METHOD> <url>"
_READS = (
    r"fetch(?:ing)?|get(?:ting)?|re-?check(?:ing)?|check(?:ing)?|look(?:ing)?\s+up|"
    r"query(?:ing)?|read(?:ing)?|查询|查一下|查|获取|读取|拉取"
)
_CALL = re.compile(
    r"(?P<verb>\b(?:call(?:ing)?|hit(?:ting)?|ping(?:ing)?|post(?:ing)?\s+to|invok(?:e|ing)|"
    r"send(?:ing)?\s+a\s+request\s+to|fetch(?:ing)?|get(?:ting)?|re-?check(?:ing)?|"
    r"check(?:ing)?|look(?:ing)?\s+up|query(?:ing)?)\b|调用|请求|访问|查询|查一下|获取|读取|拉取)"
    r"[^,.;，。；\n]{0,40}?(?:\b(?P<method>GET|POST|PUT|PATCH|DELETE)\s+)?"
    r"(?P<url>https?://[^\s，,。；;)）]+)",
    re.IGNORECASE,
)


def read_calls(raw: str, low: str, spans: list[Span], guard: EditOp | None) -> list[EditOp]:
    """One ``add_step`` per API call ``raw`` places before or after a step (marking its
    clause); ``low`` is ``raw`` lower-cased with URLs blanked (same positions). A call the
    condition ``guard`` took as its own step is its; one said beside a condition that names
    no call ("for critical alerts, wait 5 minutes and re-check … before texting") is read."""
    taken = {x.removeprefix(HTTP_STEP) for x in guard.steps} if guard is not None else set()
    ops: list[EditOp] = []
    for m in _CALL.finditer(raw):
        if m.group("url").rstrip(".") in taken:
            continue
        if guard is None and er.inside(m.start("url"), spans):
            continue
        clause = er.clause_at(low, m.start())
        place = er.place_in(low, clause)
        if place.where not in ("before", "after") or not place.anchor:
            continue
        url = m.group("url").rstrip(".")
        method = (m.group("method") or _method(m.group("verb"))).upper()
        ops.append(
            EditOp(
                kind="add_step",
                step=f"{CALL_STEP}{method} {url}",
                where=place.where,
                anchor=place.anchor,
            )
        )
        spans.append(clause)
        if place.span is not None:
            spans.append(place.span)
    return ops


def _method(verb: str) -> str:
    return "GET" if re.fullmatch(_READS, verb, re.IGNORECASE) else "POST"


def is_call(op: EditOp) -> bool:
    return op.kind == "add_step" and (op.step or "").startswith(CALL_STEP)


def apply_call(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put the call right before (after) the step its place names."""
    anchors = [x for x in eg.find(wf, op.anchor) if g.incoming(wf, x.id)]
    if not anchors:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    method, _, url = (op.step or "").removeprefix(CALL_STEP).partition(" ")
    params: dict[str, object] = {"method": method, "url": url}
    if method != "GET":
        params["body"] = "{{ JSON.stringify($json) }}"
    node = n.make(eo.ids(wf), "http_request", f"{method} {url}"[:60], "http_request", params)
    wf.nodes.append(node)
    eg.place(wf, node, op.where, anchors[:1])
    return eo.done(
        lang, "planner.edit_apply.added", node=eo.q(node), where=eo.where_note(wf, node, lang)
    )
