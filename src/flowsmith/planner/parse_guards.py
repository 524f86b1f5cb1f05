"""Conditions said outside an "if"-clause: in a trigger's own words ("a deal moves to
Closed Won", "an incident is created with priority 1", "…的优先级是紧急"), negated
("unless …", "skip the ones …"), or only guessed (an "if" no grammar reads).

Invariants: :func:`event_condition` returns None rather than read the event itself as a
condition; :func:`negate` returns a condition that holds exactly when its argument does not;
:func:`guess_condition` names a yes/no field after the user's words. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_condition_state import state_words
from flowsmith.planner.parse_condition_words import TAG_FIELD, TAGGED, said_value_condition
from flowsmith.planner.parse_conditions import compare_words, qualifier_condition
from flowsmith.planner.parse_context import CJK, TOKEN, Context
from flowsmith.planner.parse_field_names import (
    counted_in_state,
    field_of,
    measured_field,
    number_of,
)
from flowsmith.planner.parse_joined import read_joined, split_joined
from flowsmith.planner.parse_said_conditions import event_said
from flowsmith.planner.parse_spans import age_condition

_MOVED = re.compile(
    r"\b(?:moves?|moved|changes?|changed|goes|went|is set|gets? set|set|is marked|gets? marked|"
    r"marked|is updated|updated|is moved)\s+(?:to|as|into)\s+(?:the\s+)?(.+)$|"
    r"(?:移到|移动到|拖到|变为|变成|改为|改成|更新为|转为|标记为|标为|标成)\s*(.+)$",
    re.IGNORECASE,
)
# "ships to Canada", "is shipped to Japan", "寄往加拿大": the destination country of the item
_SHIPS_TO = re.compile(
    r"^\s*(?:it\s+)?(?:(?:is|gets?|was)\s+)?(?:ships?|shipped|is going|goes|delivered|sent)"
    r"\s+to\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*$|"
    r"^\s*(?:要|需要)?(?:寄往|寄到|发往|运往|送往|配送到|运到)\s*([\u4e00-\u9fff]{2,8}?)\s*$"
)
_BECOMES = re.compile(
    r"\b(?:becomes?|became|turns into|is now|switches to)\s+(?:an?\s+)?(.+)$", re.IGNORECASE
)
# "a deal is marked won", "a book gets status Finished", "the lead reaches stage 'Qualified'":
# the state the item is put in, said without "to"/"as"
_MARKED = re.compile(
    r"\b(?:(?:is|gets?|was|got)\s+)?marked\s+(?!as\b|to\b|in\b)['\"“]?(?P<v>\w[\w-]*(?:\s+\w[\w-]*)?)"
    r"['\"”]?\s*$|\b(?:gets?|got|reaches|reached|hits|has|is\s+given)\s+(?:the\s+|a\s+)?"
    r"(?P<f>status|stage|state)\s+(?:of\s+)?['\"“]?(?P<w>\w[\w-]*(?:\s+\w[\w-]*)?)['\"”]?\s*$",
    re.IGNORECASE,
)
_STATE_NOUN = re.compile(
    r"\s*(list|column|stage|status|state|lane|pipeline|列表|列|阶段|状态)\s*$", re.IGNORECASE
)
_STATE_FIELD = {"列表": "list", "列": "column", "阶段": "stage", "状态": "status"}


def event_condition(phrase: str, ctx: Context | None = None) -> Condition | None:
    """A condition inside a trigger's words: "a deal moves to Closed Won", "…的优先级是紧急"."""
    t = TOKEN.sub(" ", phrase)
    word = event_said(t, phrase)  # "消息里只要有'买'字", "… Parties of 8 or more"
    if word is not None:
        return word
    joined = _joined_after_event(t, phrase, ctx)
    if joined is not None:
        return joined
    level = _LEVEL_PRIORITY.search(t)
    if level:  # "a high priority ticket is created": the item's priority
        return Condition("priority", "eq", level.group(1).lower(), phrase)
    said = qualifier_condition(t, ctx) or said_value_condition(t, phrase)
    if said is not None:
        return said
    tag = TAGGED.search(t)
    if tag:  # "gets the label 'customer'", "is tagged 'vip'"
        name = TAG_FIELD.get(tag.group(1).lower()[:3], "label")
        return Condition(name, "contains", tag.group(2), phrase)
    marked = _MARKED.search(t)
    if marked and not _MOVED.search(t):
        field = (marked.group("f") or "status").lower()
        return Condition(field, "eq", marked.group("v") or marked.group("w"), phrase)
    m = _MOVED.search(t) or _BECOMES.search(t)
    if m:
        cond = _moved_to(m.group(1) or m.group(2) or "", phrase)
        named = _state_field(t[: m.start()])
        if cond is not None and named and cond.field == "status":
            return Condition(named, cond.op, cond.value, phrase)
        return cond
    for op, pattern in [(o, p) for o, p in lx.COMPARE if o not in ("eq", "ne")]:
        m = pattern.search(t)
        number = number_of(m.group(1), m.group(2)) if m else None
        if m and number is not None:
            before = re.split(r"\band\b|,|，|并且", t[: m.start()])[-1]
            verb_said = re.search(
                r"\b(?:is|are|was|goes|drops|rises|falls|has)\b|'s\b|的|"
                + "|".join(lx.FIELD_ZH_NAMES),  # "当Shopify库存低于10件时"
                before,
            )
            # "a payment over $500": its amount, unless the request measures something else
            # ("fewer than 10 units are left in stock", "above 30 degrees")
            after = t[m.end() :]
            # "fewer than 6 guests are still confirmed": the count said after the number
            measured = counted_in_state(after) or measured_field(after, m.group(2), ctx)
            name = field_of(before, "amount", ctx) if verb_said else (measured or "amount")
            return Condition(name, op, number, phrase)  # type: ignore[arg-type]
    if CJK.search(t) and "的" in t:
        tail = t.rsplit("的", 1)[1]
        verb = re.search(r"是|为|等于|大于|小于|超过|低于|高于|包含", tail)
        cond = (
            (compare_words(tail, phrase, ctx) or state_words(tail, phrase, ctx)) if verb else None
        )
        if cond is not None and cond.op != "category":
            return cond
    parts = re.split(r"\s(?:and|but|where|if)\s|并且|而且|且", t)
    ship = _SHIPS_TO.search(parts[-1]) if len(parts) > 1 else None
    if ship:  # "an order is paid and ships to Canada": where it goes is its country
        return Condition("country", "eq", (ship.group(1) or ship.group(2)).strip(), phrase)
    if len(parts) > 1:  # "a Jira bug is created and its priority is Critical or Blocker"
        cond = compare_words(parts[-1], phrase, ctx) or state_words(parts[-1], phrase, ctx)
        if cond is not None and cond.op != "category":
            return cond
    return None


# "a high-priority Zendesk ticket", "any critical priority incident": a level said before
# the item
_LEVEL_PRIORITY = re.compile(
    r"\b(low|medium|normal|high|highest|urgent|critical)[- ]priority\b(?!\s+(?:or|and)\b)",
    re.IGNORECASE,
)
# "a deal is updated and the stage is won and …": the event, then what it says of the item
_EVENT_AND = re.compile(r"\s+and\s+|并且|而且")


def _joined_after_event(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "a deal is updated and the stage is won and the value is above 20000": every
    condition joined after the event, as one condition (never only the last one said)."""
    parts = _EVENT_AND.split(t, maxsplit=1)
    if len(parts) != 2:
        return None

    def read(part: str) -> Condition | None:
        cond = (
            age_condition(part, phrase)  # "… and the deadline has passed": past the due date
            or compare_words(part, phrase, ctx)
            or state_words(part, phrase, ctx)
        )
        return cond if cond is not None and cond.op != "category" else None

    if split_joined(parts[1]) is None:  # one condition: only a past due date reads here
        return age_condition(parts[1], phrase)
    return read_joined(parts[1], read, phrase)


_NEGATED = {
    "eq": "ne",
    "ne": "eq",
    "gt": "lte",
    "lte": "gt",
    "lt": "gte",
    "gte": "lt",
    "contains": "not_contains",
    "not_contains": "contains",
    "is_empty": "not_empty",
    "not_empty": "is_empty",
    "is_true": "is_false",
    "is_false": "is_true",
}


def negate(cond: Condition) -> Condition:
    """The condition that holds exactly when ``cond`` does not ("unless", "skip the ones …");
    a range, a failure or a category is compared as "not equal" on its field, joined
    conditions part by part."""
    op = _NEGATED.get(cond.op)
    if op is not None:
        return Condition(cond.field, op, cond.value, cond.phrase)  # type: ignore[arg-type]
    if cond.op == "failed":
        return Condition("error", "is_empty", None, cond.phrase)
    if cond.op in ("all", "any") and isinstance(cond.value, tuple):  # De Morgan
        parts = tuple(negate(p) for p in cond.value)
        return Condition(parts[0].field, "any" if cond.op == "all" else "all", parts, cond.phrase)
    if cond.op in ("between", "outside") and isinstance(cond.value, (tuple, list)):
        other = "outside" if cond.op == "between" else "between"
        return Condition(cond.field, other, cond.value, cond.phrase)  # type: ignore[arg-type]
    return Condition(cond.field, "ne", cond.value, cond.phrase)


def guess_condition(text: str) -> Condition | None:
    """The condition of an "if"-clause no grammar reads ("如果会下雨"): a yes/no field named
    by its words, so the guarded action still sits behind an IF the user can adjust."""
    t = TOKEN.sub(" ", text).strip(" ,，:：")
    ones = re.fullmatch(r"(?:有|存在)([\u4e00-\u9fff]{1,6})的(?:\w{0,4})", t)
    if ones:  # "有逾期的": there are overdue ones
        return Condition("status", "eq", ones.group(1), text.strip())
    if CJK.search(t):
        words = re.sub(
            r"^(?:会|将|要|能|可能|是否|有没有)", "", re.sub(r"[^\u4e00-\u9fff\w]", "", t)
        )
        return Condition(words[:8], "is_true", None, text.strip()) if words else None
    # the "if" and a saying verb around the words are no part of the field ("if they say
    # they're pre-approved" -> pre_approved), nor a contraction's tail ('re, 've)
    stop = (
        r"\b(?:it|they|there|will|would|is|are|be|going|to|the|a|an|'s|s|does|do|gets?|"
        r"me|us|you|him|her|them|so|not|this|that|if|when|whether|re|ve|say|says|said|tells?|"
        r"claims?)\b"
    )
    found = re.findall(r"[a-z]+", re.sub(stop, " ", t.lower()))
    return Condition("_".join(found[:3]), "is_true", None, text.strip()) if found else None


# --- state changes ---------------------------------------------------------------------------


def _state_field(before: str) -> str:
    """The field named before "changes to": "…的优先级" -> priority, "a deal's stage" -> stage."""
    if CJK.search(before):
        tail = before.rsplit("的", 1)[-1]
        hits = [(tail.rfind(w) + len(w), n) for w, n in lx.FIELD_ZH_NAMES.items() if w in tail]
        return max(hits)[1] if hits else ""
    m = re.search(r"(?:'s|\bits|\bthe)\s+(?:[a-z]+\s+)?([a-z]+)\s*$", before, re.IGNORECASE)
    return m.group(1).lower() if m else ""


def _moved_to(said: str, phrase: str) -> Condition | None:
    """ "moves to Closed Won" -> status = Closed Won; "移到'完成'列表" -> list = 完成."""
    said = re.sub(r"\s*了$", "", said.strip(" ,，"))  # "被改成0了": the change's 了 is no value
    noun = _STATE_NOUN.search(said)
    name = "status"
    if noun and noun.start() > 0:
        word = noun.group(1).lower()
        name = _STATE_FIELD.get(word, word)
        said = said[: noun.start()]
    value = said.strip(" \"'“”‘’「」")
    if re.search(r"(?:folder|channel|board|directory|drive|文件夹|频道|目录)\s*$", value, re.I):
        return None  # a place the trigger watches, not a state
    if (
        not value
        or len(value) > 30
        or not re.fullmatch(r"[\w\u4e00-\u9fff][\w\s\u4e00-\u9fff-]*", value)
    ):
        return None
    return Condition(name, "eq", value, phrase)
