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
from flowsmith.core.services import node_service
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
from flowsmith.planner.text import Lang, rx

Span = tuple[int, int]


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


# "replace the webhook with a Typeform trigger", "swap the form for a Typeform", "use Dropbox
# instead of Box as the trigger", "use Freshdesk tickets as the trigger instead of Zendesk",
# "把触发器换成Typeform", "用Outlook代替邮箱触发": a swap whose old side names the trigger
_NAMED_SWAP = (
    rx(
        r"\b(?:replace|swap|switch|change)\s+(?:out\s+)?(?:the\s+|my\s+|our\s+)?(?P<old>[^,.;!?]+?)"
        r"\s+(?:with|for|to)\s+(?P<new>[^,.;!?]+?)\s*[.!]?$"
    ),
    rx(
        r"\b(?:use|start (?:it )?(?:from|with))\s+(?P<new>[^,.;!?]+?)\s+(?:as the trigger\s+)?"
        r"instead of\s+(?:the\s+|my\s+)?(?P<old>[^,.;!?]+?)\s*[.!]?$"
    ),
    rx(
        r"(?:把|将)?(?P<old>[^，。；！]{1,20}?)(?:换成|改成|替换为|替换成|改为)(?P<new>[^，。；！]{2,30})$"
    ),
    rx(r"用(?P<new>[^，。；！]{2,30}?)(?:代替|替换|替代|取代)(?P<old>[^，。；！]{1,20})$"),
)
_TRIGGER_WORD = rx(r"\btrigger\b|\bstart(?:s|er)?\b|触发")
_RESCHEDULE = rx(r"\b(?:schedule|time|frequency|interval)\b|时间|频率|定时")
_NOISE = rx(r"\s*(?:as the trigger|as the start|trigger|触发器|触发)\s*$|^\s*(?:an?|the)\s+")


def _names_trigger(words: str, current: Workflow) -> bool:
    """Whether ``words`` name ``current``'s trigger: the word "trigger", or its kind
    ("webhook", "form"). Its app alone does not ("replace HubSpot with Pipedrive" swaps no
    trigger), nor does a word that also names one of its steps ("email" beside an email
    step)."""
    if _TRIGGER_WORD.search(words):
        return True
    trig = next((x for x in current.nodes if x.type == NodeFamily.TRIGGER), None)
    if trig is None:
        return False
    said = set(trig.subtype.split("_")) - {str(trig.parameters.get("app") or "")}
    service = node_service(trig)
    said -= {service.app} if service is not None else set()
    for step in current.nodes:
        if step is not trig:
            said -= {str(step.parameters.get("app") or ""), *step.subtype.split("_")}
    said -= {"", "trigger", "app", "event", "new", "the"}
    return any(re.search(rf"(?<![a-z]){re.escape(x)}(?![a-z])", words) for x in said)


def _named_swap(low: str, spans: list[Span], current: Workflow) -> list[EditOp]:
    for pattern in _NAMED_SWAP:
        m = pattern.search(low.strip())
        if m is None or _RESCHEDULE.search(m.group("old")) or len(m.group("new").split()) > 5:
            continue  # a new time is set_schedule's; a long tail is more than a trigger
        if not (_TRIGGER_WORD.search(m.group(0)) or _names_trigger(m.group("old"), current)):
            continue
        new = _NOISE.sub("", _NOISE.sub("", m.group("new"))).strip()
        # a bare app ("a Typeform", "Dropbox") starts it on that app's new item
        new = new if not new or _trigger_of(new) is not None else f"a new {new}"
        if not new or _trigger_of(new) is None:
            continue
        spans.append((0, len(low)))
        return [EditOp(kind="replace_trigger", value=new)]
    return []


def read_trigger_swap(low: str, spans: list[Span], current: Workflow | None = None) -> list[EditOp]:
    """A ``replace_trigger`` op (its words in ``value``) when ``low`` asks for a new start."""
    if current is not None:
        named = _named_swap(low, spans, current)
        if named:
            return named
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
