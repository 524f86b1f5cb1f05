"""Dropping repeats remembered in a key-value store: "If an alert with the same title already
came in during the last 10 minutes, drop it — use Redis to remember what we've seen",
"同一个订单号10分钟内重复来的就丢掉，用Redis记一下".

Invariants: read only when the words say "the same <field>" (or "同一个<field>") with a word
of repeating and a store app the catalog gives a key resource with ``get`` and ``set``; the
chain goes right after the trigger: read the key ``<field>:<value>`` into ``seen``, an IF on
``seen`` being empty, then (true) write the key with the window said as its time to live
(else one hour) and go on to what the trigger fed before; a repeat leaves by false and
reaches nothing. The op is an ``add_transform`` with value ``seen_in_store`` (``step``: the
app, ``param``: the field, ``rule["ttl"]``: seconds). Other nodes keep their ids, names and
parameters.
"""

from __future__ import annotations

import re

from flowsmith.core.models import NodeFamily, Workflow
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_ops as eo
from flowsmith.planner import graph as g
from flowsmith.planner import lexicon as lx
from flowsmith.planner import nodes as n
from flowsmith.planner.compile_state import field_ref
from flowsmith.planner.plan import EditOp
from flowsmith.planner.text import Lang
from flowsmith.text import text as say

__all__ = ["SEEN_IN_STORE", "apply_store_dedupe", "read_store_dedupe"]

SEEN_IN_STORE = "seen_in_store"
_WITH_SAME = re.compile(r"\b(?:with|has|have|of)\s+(?:the\s+)?same\s+(?P<field>[a-z_]+)\b", re.I)
_SAME = re.compile(
    r"\bsame\s+(?P<field>[a-z_]+)\b|"
    r"(?:同一个|同一|相同的?|一样的)(?P<zfield>[\u4e00-\u9fffA-Za-z_]{1,6}?)(?=的|在|\d|重复|已经|[，,])",
    re.IGNORECASE,
)
_REPEAT = re.compile(
    r"\b(?:already|again|twice|duplicates?|repeats?|spamm?ed|seen)\b|重复|已经|又来|再次",
    re.IGNORECASE,
)
_DROP = re.compile(
    r"\b(?:drop|ignore|skip|discard|throw away|suppress)\b|丢掉|丢弃|忽略|跳过|不要|不处理", re.I
)
_WINDOW = re.compile(
    r"(?P<n>\d+)\s*(?P<u>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|秒|分钟|小时|天)", re.I
)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "秒": 1, "分": 60, "小": 3600, "天": 86400}
_STOP = frozenset({"one", "thing", "kind", "way", "time"})


def _store_app(low: str) -> str | None:
    """The app named in ``low`` whose catalog entry has a key resource to get and set."""
    for m in ec.mentions(low):
        spec = ec.app(m.app)
        key = spec.resources.get("key") if spec is not None else None
        if key is not None and {"get", "set"} <= set(key.operations):
            return m.app
    return None


def _ttl(low: str) -> int:
    m = _WINDOW.search(low)
    if m is None:
        return 3600
    unit = m.group("u").lower()
    return int(m.group("n")) * _UNIT.get(unit[0], 60)


def read_store_dedupe(low: str, ops: list[EditOp]) -> list[EditOp]:
    """``ops`` with a store dedupe in place of the plain dedupe / store steps read for the
    same words, when ``low`` asks for one (module docstring)."""
    same = _WITH_SAME.search(low) or _SAME.search(low)
    app = _store_app(low)
    if same is None or app is None or not (_REPEAT.search(low) and _DROP.search(low)):
        return ops
    groups = same.groupdict()
    word = (groups.get("field") or groups.get("zfield") or "").lower()
    if word in _STOP:
        return ops
    field = lx.FIELD_ZH_NAMES.get(word, word)
    op = EditOp(
        kind="add_transform",
        value=SEEN_IN_STORE,
        step=f"app:{app}",
        param=field,
        rule={"ttl": _ttl(low)},
    )
    # the other readers' plain dedupe, store steps and window check for the same words
    rest = [
        x
        for x in ops
        if not (x.kind == "add_transform" and x.value == "remove_duplicates")
        and not (x.step or "").startswith(f"app:{app}")
        and not any(y.startswith(f"app:{app}") for y in x.steps)
    ]
    return [*rest, op]


def apply_store_dedupe(wf: Workflow, op: EditOp, lang: Lang) -> eo.Outcome:
    """Put the read / check / write chain right after the trigger (module docstring)."""
    trigger = next((x for x in g.ordered(wf) if x.type == NodeFamily.TRIGGER), None)
    if trigger is None:
        return eo.skip(lang, "planner.edit_transform.found_no_step_to_put_it")
    app = ec.parse_step(op.step or "")[0]
    field = op.param or "id"
    key = f"{field}:{field_ref(field)}"
    after = [(c.to_node, c.to_input) for c in g.outgoing(wf, trigger.id)]
    wf.connections = [c for c in wf.connections if c.from_node != trigger.id]
    read = eo.new_app_node(wf, app, "key", "get", lang)
    read.parameters = {**read.parameters, "key": key, "property_name": "seen"}
    wf.nodes.append(read)
    rule = {"conditions": [{"left": "{{ $json.seen }}", "operator": "is_empty"}], "combine": "and"}
    label = say("planner.edit_dedupe.not_seen", lang, field=field)
    gate = n.make(eo.ids(wf), "if", label, "if", rule)
    wf.nodes.append(gate)
    write = eo.new_app_node(wf, app, "key", "set", lang)
    ttl = int((op.rule or {}).get("ttl", 3600))
    write.parameters = {**write.parameters, "key": key, "value": "1", "expire": True, "ttl": ttl}
    wf.nodes.append(write)
    g.connect(wf, trigger.id, g.main_output(trigger), read.id)
    g.connect(wf, read.id, "main", gate.id)
    g.connect(wf, gate.id, "true", write.id)
    for nid, port in after:
        g.connect(wf, write.id, "main", nid, port)
    return eo.done(lang, "planner.edit_transform.added_before", value=eo.q(gate), names="")
