"""Replacing what starts a workflow: "trigger it from a webhook instead of the schedule",
"run it when a new row is added to my Google Sheet instead", "改成手动运行",
"改成收到新邮件时触发".

Invariants: the new trigger is read with the request grammar (``parse_trigger.read_trigger``)
and built with the create path's ``compile_trigger.trigger_node``, so it is the same node a
new workflow would get; the old trigger's connections move to it and every other node keeps
its id, name and parameters. A phrase that names no trigger changes nothing. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner.compile_state import CompileState
from flowsmith.planner.compile_trigger import trigger_node
from flowsmith.planner.frame import Trigger
from flowsmith.planner.nodes import Ids
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_trigger import read_trigger
from flowsmith.planner.plan import EditOp
from flowsmith.planner.services import index_of
from flowsmith.planner.text import Lang

Span = tuple[int, int]


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# "trigger it from a webhook (instead)", "start it when a Typeform is submitted",
# "instead of the webhook, start it when …", "改成收到新邮件时触发", "改成手动运行"
_SWAP = (
    rx(
        r"^\s*(?:please\s+)?(?:instead of (?:the\s+)?[\w -]+?,\s*)?(?:trigger|start|run|kick off|"
        r"fire)\s+(?:it|this|the (?:workflow|flow))\s+(?P<new>(?:from|by|on|when|whenever|with|via|"
        r"manually)\b.*?)(?:\s+instead(?:\s+of\s+.+)?)?\s*[.!]?$"
    ),
    rx(r"^\s*(?:please\s+)?make it (?P<new>manual|manually triggered)\b"),
    rx(
        r"^\s*(?:请)?(?:改成|改为|换成|改由|改用)(?P<new>手动|.{2,30}?(?:时|的时候|后))"
        r"(?:触发|运行|启动|开始|执行)"
    ),
)
_MANUAL = rx(r"^\s*(?:manual|manually|by hand|手动)")
_EVENT_LEAD = rx(r"^(?:from|by|on|via|with)\s+(?:an?\s+|the\s+)?")


def read_trigger_swap(low: str, spans: list[Span]) -> list[EditOp]:
    """A ``replace_trigger`` op (its words in ``value``) when ``low`` asks for a new start."""
    for pattern in _SWAP:
        m = pattern.search(low)
        if m is None or any(a <= m.start() < b for a, b in spans):
            continue
        spans.append((m.start(), m.end()))
        return [EditOp(kind="replace_trigger", value=m.group("new").strip())]
    return []


def _trigger_of(words: str) -> Trigger | None:
    if _MANUAL.search(words):
        return Trigger(kind="manual", phrase=words)
    ctx = Context(index=index_of(load_catalog()), urls=[], mails=[])
    said = _EVENT_LEAD.sub("", words)
    said = said if re.search(r"^(?:when|whenever)\b|时|后", said) else f"when {said}"
    found, _ = read_trigger(said, ctx)
    # a new time is a schedule change (set_schedule keeps the trigger node)
    return None if found.kind in ("manual", "schedule") else found


def replace_trigger(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    old = next((x for x in g.ordered(wf) if x.type == NodeFamily.TRIGGER), None)
    new_trigger = _trigger_of(op.value or "")
    if old is None or new_trigger is None:
        return eo.skip(lang, "planner.edit_trigger.found_no_new_trigger_in_the")
    ids = Ids({x.id for x in wf.nodes})
    st = CompileState(load_catalog(), index_of(load_catalog()), lang, wf.name, ids=ids)
    st.request = op.value or ""
    node = trigger_node(st, new_trigger, responds=False)
    if node.subtype == old.subtype and node.parameters == old.parameters:
        return eo.skip(lang, "planner.edit_trigger.already_starts_it", value=eo.q(old))
    g.replace_node(wf, old, node)
    return eo.done(lang, "planner.edit_trigger.replaced_with", value=eo.q(old), value2=eo.q(node))
