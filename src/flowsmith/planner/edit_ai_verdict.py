"""A yes/no question put to an AI in front of existing steps, whose "yes" items are dropped:
"写表格之前先用AI判断一下是不是垃圾线索，垃圾的直接丢掉，不写表也不发邮件", "have AI decide
whether it's spam before saving the signup, and drop the spam ones".

The edit is two ops: a classifier (the category asked about, or anything else) in front of
the step the place names (the first step after the trigger when none is named), then a check
on its verdict guarding that step and every step after it, the asked-about items on the
output that leads nowhere.

Invariants: :func:`read_ai_verdict` returns None, changing nothing, unless every clause of
the request is the question (with its place), the drop of the asked-about items, a place
alone, or a restated denial ("不写表也不发邮件", "no row and no email"); it never fires on a
workflow that already classifies (its own check routes on that step). Steps are found
through :mod:`edit_graph` and :mod:`edit_read` (the catalog); no service name is written
here. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_read
from flowsmith.planner import graph as g
from flowsmith.planner.compile_state import field_ref
from flowsmith.planner.parse_ai_asked import AI_NAME
from flowsmith.planner.plan import AIStep, EditOp
from flowsmith.planner.text import rx

__all__ = ["read_ai_verdict"]

_CLAUSES = re.compile(r"[,，;；。:：]|\.(?:\s|$)|\s+and\s+(?=(?:then\s+)?(?:just\s+)?[a-z]+\b)")
# the question: "先用AI判断一下(留言)是不是垃圾信息", "have AI decide whether it's spam"
_ASKED = rx(
    r"^(?:先|再)?(?:用|让|请|交给|通过)\s*" + AI_NAME + r"\s*(?:来|去)?\s*"
    r"(?:判断|识别|检查|看看|看一下|确认|分辨|鉴别|评估)(?:一下)?\s*(?:[\u4e00-\u9fff]{1,6}?)?\s*"
    r"(?:是不是|是否是|是否为|是否属于|是否)\s*(?P<zh>[^，,。；;]{1,12}?)(?:的)?\s*$|"
    r"^(?:then\s+|first\s+)*(?:ask|use|have|let|get)\s+" + AI_NAME + r"\s+"
    r"(?:to\s+)?(?:decide|check|judge|tell(?: me)?|determine|work out|say|see)?\s*"
    r"(?:whether|if)\s+(?:it|this|the [a-z]+|this [a-z]+)(?:\s+is|'s)\s+(?:an?\s+)?"
    r"(?P<en>[a-z][\w-]*(?: [a-z][\w-]*)?)\s*(?:or not)?\s*$"
)
_FIRST = rx(r"^\s*先|\s+first\s*$")
# the drop of the asked-about items: "垃圾的直接丢掉", "是垃圾的就不处理了", "drop the spam
# ones", "throw the sales pitches away", "ignore the test ones"
_DROP = rx(
    r"^(?:如果|要是)?是?(?P<zh>[^，,]{0,10}?)的?(?:话)?(?:就|都|则)?(?:直接|全部|都)?"
    r"(?:跳过|忽略掉?|丢掉|扔掉|丢弃|过滤掉|去掉|删掉|不处理|不管|不要)了?$|"
    r"^(?:then\s+)?(?:just\s+)?(?:skip|ignore|drop|discard|bin|trash|throw|toss|get rid of|filter)"
    r"\s+(?:all\s+)?(?:the\s+|those\s+|any\s+)?(?P<en>[\w' -]{0,30}?)(?:\s+ones?)?"
    r"(?:\s+(?:away|out))?\s*$|"
    r"^(?:the\s+)?(?P<en2>[\w' -]{1,30}?)(?:\s+ones?)?\s+(?:get|are|should be|will be)\s+"
    r"(?:dropped|ignored|skipped|discarded|thrown away|binned)\s*$"
)
# a restated denial: "不写表也不发邮件", "no row and no email", "don't save or notify"
_DENIAL = rx(
    r"^(?:也|都|就)?(?:不|别|没)[\u4e00-\u9fff]{1,8}(?:也|都)?(?:不|别)?[\u4e00-\u9fff]{0,8}$|"
    r"^(?:and\s+)?(?:no|nor|don'?t|do not|never)\b[\w' ]{0,40}$"
)
_PRONOUN = rx(r"^(?:it|them|those|these|they|是|这些|那些)?$")


def read_ai_verdict(text: str, current: Workflow) -> list[EditOp] | None:
    """The classifier and the check ``text`` asks for (see the module docstring), or None."""
    if any(x.subtype == "text_classifier" for x in current.nodes):
        return None
    low = text.lower()
    word: str | None = None
    anchor: str | None = None
    dropped = False
    start = 0
    for m in [*_CLAUSES.finditer(low), None]:
        end = m.start() if m is not None else len(low)
        a, b = start, end
        start = m.end() if m is not None else len(low)
        clause = low[a:b].strip()
        clause = re.sub(r"^(?:and|then|but)\s+", "", clause)
        if not clause:
            continue
        place = edit_read.place_in(low, (a, b))
        rest = clause
        if place.where == "before" and place.span is not None and a <= place.span[0] < b:
            rest = (low[a : place.span[0]] + " " + low[place.span[1] : b]).strip()
            rest = re.sub(r"^(?:在|and|then)\s*", "", rest).strip()
            anchor = anchor or place.anchor
        rest = _FIRST.sub("", rest).strip()
        asked = _ASKED.match(rest) if word is None else None
        if asked is not None:
            word = (asked.group("zh") or asked.group("en") or "").strip()
            continue
        drop = _DROP.match(rest) if word is not None else None
        if drop is not None and word is not None and _same(drop, word):
            dropped = True
            continue
        if not rest or (dropped and _DENIAL.match(rest)):
            continue
        return None
    if word is None or not dropped:
        return None
    return _ops(word, anchor, current)


def _same(drop: re.Match[str], word: str) -> bool:
    """Whether the dropped items are the ones asked about (or said by a pronoun)."""
    head = (drop.group("zh") or drop.group("en") or drop.group("en2") or "").strip()
    head = re.sub(r"^是", "", head)
    if _PRONOUN.match(head):
        return True
    if re.search(r"[\u4e00-\u9fff]", head):
        return head in word or word in head or head[:2] in word
    stems = {re.sub(r"(?:es|s)$", "", x) for x in head.split() if len(x) > 2}
    said = {re.sub(r"(?:es|s)$", "", x) for x in word.split()}
    return bool(stems & said)


def _ops(word: str, anchor: str | None, current: Workflow) -> list[EditOp] | None:
    named = [x for x in eg.find(current, anchor) if x.type != NodeFamily.TRIGGER]
    first = named[:1] or _after_trigger(current)
    if not first:
        return None
    guarded = [first[0].id, *_below(current, first[0].id)]
    other = "其他" if re.search(r"[\u4e00-\u9fff]", word) else "other"
    rule = {"left": field_ref("category"), "operator": "equals", "right": word}
    return [
        EditOp(
            kind="add_ai",
            ai=AIStep(kind="classify", categories=[word, other]),
            subject=f"node:{first[0].id}",
        ),
        EditOp(
            kind="add_guard",
            rule={"conditions": [rule], "combine": "and"},
            value=f"category = {word}",
            negate=True,
            subject="|".join(f"node:{x}" for x in guarded),
            category=word,
        ),
    ]


def _after_trigger(wf: Workflow) -> list[Node]:
    trigger = next((x for x in g.ordered(wf) if x.type == NodeFamily.TRIGGER), None)
    if trigger is None:
        return []
    return [x for c in g.outgoing(wf, trigger.id) if (x := wf.node(c.to_node)) is not None]


def _below(wf: Workflow, start: str) -> list[str]:
    """The ids of every step downstream of ``start``, in flow order."""
    seen: list[str] = []
    todo = [start]
    while todo:
        for c in g.outgoing(wf, todo.pop()):
            if c.to_node not in seen:
                seen.append(c.to_node)
                todo.append(c.to_node)
    return seen
