"""A new step on a service the catalog does not know, asked for in an edit ("also toot it on
our Mastodon account", "再同步一份到Odoo"): an HTTP request named for that service.

Invariants: read only when no other reader found a change in the message (a known service,
a schedule, a condition … always win) and the clause asks for something to be added or sent
(an add word or a create verb); the name is found as the create path finds it
(:func:`parse_unknown.unknown_service`). The new node is a POST to a placeholder URL of the
service, placed where the clause says (after / before a named step) or where a new step goes
by default. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import edit_read
from flowsmith.planner import edit_words as w
from flowsmith.planner import nodes as n
from flowsmith.planner.parse_context import Context
from flowsmith.planner.parse_unknown import unknown_service
from flowsmith.planner.plan import EditOp
from flowsmith.planner.services import index_of
from flowsmith.planner.text import Lang

__all__ = ["UNKNOWN_STEP", "apply_unknown", "is_unknown", "read_unknown"]

UNKNOWN_STEP = "unknown:"
# "toot it", "post it", "share it", "push it": a verb that sends the item somewhere
_SENDS = re.compile(
    r"\b(?:toot|post|share|send|push|publish|sync|forward|cross-?post|announce|log|save|add)\b|"
    r"发到|发一份|同步|推送|推到|发布|存到|记到|加到",
    re.IGNORECASE,
)


def read_unknown(text: str, current: Workflow, ops: list[EditOp]) -> list[EditOp]:
    """``[add_step]`` for the unknown service ``text`` asks a step of, when ``ops`` (the other
    readers' changes) are empty; else ``[]``."""
    if ops:
        return []
    low = text.lower()
    if not (w.ADD.search(low) or _SENDS.search(text)):
        return []
    ctx = Context(index=index_of(load_catalog()), urls=[], mails=[])
    trigger = next((x for x in current.nodes if x.subtype.endswith("trigger")), None)
    ctx.trigger_kind = "webhook" if trigger is not None and "webhook" in trigger.subtype else None
    name = unknown_service(text, ctx)
    if name is None:
        return []
    at = low.find(name.lower())
    place = edit_read.place_in(low, edit_read.clause_at(low, max(at, 0)))
    return [
        EditOp(
            kind="add_step", step=f"{UNKNOWN_STEP}{name}", where=place.where, anchor=place.anchor
        )
    ]


def is_unknown(op: EditOp) -> bool:
    return op.kind == "add_step" and (op.step or "").startswith(UNKNOWN_STEP)


def apply_unknown(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """A POST to the service's placeholder URL with the item, placed as ``op`` says."""
    name = (op.step or "").removeprefix(UNKNOWN_STEP).strip()
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "service"
    params = {
        "method": "POST",
        "url": f"https://api.example.com/{slug}",
        "body": "{{ JSON.stringify($json) }}",
    }
    node = n.make(eo.ids(wf), "http_request", f"{name}: post", "http_request", params)
    anchors = eg.find(wf, op.anchor)
    wf.nodes.append(node)
    eg.place(wf, node, op.where if anchors else None, anchors[:1])
    return eo.done(
        lang, "planner.edit_ops.added", node=eo.q(node), wf=eo.where_note(wf, node, lang)
    )
