"""Equality and kinds said of an item: "it is urgent", "类型是Bug", "the branch is main",
"it's a PDF", "the customer is in Germany", "its priority is Critical or Blocker".

Invariants: :func:`state_words` returns None rather than guess when the words name no state;
a field is always an item field name (never an expression); a category the flow's classifier
knows (``Context.categories``) is compared as a category, any other value as text (numbers as
numbers). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_category import bare_category, category_condition, looks_category
from flowsmith.planner.parse_condition_words import LABELLED, NOT_A_VALUE
from flowsmith.planner.parse_context import CJK, Context
from flowsmith.planner.parse_field_names import field_of, implied_field, number_of

# "its priority is Critical or Blocker", "类型是Bug或Incident": one of some values
_ONE_OF = re.compile(
    r"^(?P<f>.*?)\s*(?:\bis\b|\bare\b|\bequals\b|是|为)\s*(?:either\s+)?(?P<v>[\"'“‘]?[\w-]+[\"'”’]?"
    r"(?:\s*(?:,|/|、)\s*[\"'“‘]?[\w-]+[\"'”’]?)*\s*(?:,?\s*\bor\b|或者|或是|或)\s*[\"'“‘]?[\w-]+[\"'”’]?)\s*$",
    re.IGNORECASE,
)
# "the customer is on the free plan" -> plan = free
_ON_PLAN = re.compile(
    r"\b(?:is|are)\s+(?:on|in)\s+(?:the|a|an)\s+([\"'“]?[\w-]+[\"'”]?)\s+"
    r"(plan|tier|list|team|stage|segment|group)\s*$",
    re.IGNORECASE,
)
_TYPE_IS = re.compile(
    r"\b(?:is|are|'s)\s+(?:an?)\s+([\w-]+)\s*(?:file|document)?\s*$", re.IGNORECASE
)

# "the uploaded file isn't a PDF", "if it's not an image": the item is not of that kind (the
# article is no value); the kind ends the words, as in ``_TYPE_IS``
_NOT_TYPE = re.compile(
    r"\b(?:isn'?t|is\s+not|aren'?t|are\s+not|wasn'?t|was\s+not|'s\s+not)\s+an?\s+"
    r"([\w-]+)\s*(?:file|document|attachment)?\s*$",
    re.IGNORECASE,
)

_IN_PLACE = re.compile(
    r"(?:^|\b(?:is|are|lives?|located|based)\s+)(?:in|from)\s+(?:the\s+)?"
    r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)$"
)

# "远程办公的员工", "海外的客户": a modifier, then a noun every item of the flow is (a person or
# an order), so the modifier is what tells them apart
_PLAIN_NOUN = re.compile(
    r"([\u4e00-\u9fff\w-]{1,8}?)的(?:员工|同事|客户|用户|会员|顾客|客人|学员|人|联系人|订单|单子)"
)


def not_a_kind(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "the file isn't a PDF", "it's not an image": the item's type is not that kind (None for
    Chinese words or when the words do not end on the kind)."""
    m = _NOT_TYPE.search(t.strip())
    if m is None or CJK.search(t):
        return None
    return Condition(implied_field("type", ctx), "ne", m.group(1).lower(), phrase)


def state_words(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "it is urgent", "类型是Bug", "the branch is main", "it's a PDF": equality and categories."""
    cats = ctx.categories if ctx else []
    place = _IN_PLACE.search(t.strip())
    if place and not (ctx and ctx.index.mentions(place.group(1), implicit=False)):
        return Condition("country", "eq", place.group(1), phrase)  # "the customer is in Germany"
    m = lx.IS_WORD.search(t.strip())
    if m:
        word = m.group(1).lower()
        subject = re.sub(r"\s+(?:is|are|was|were|gets?|got)$", "", t.strip()[: m.start()].strip())
        classified = bool(ctx and ctx.classified) or bool(LABELLED.search(t))
        if (cats and word in [c.lower() for c in cats]) or (
            (looks_category(word) or classified) and (not subject or lx.PRONOUN.match(subject))
        ):
            return category_condition(word, phrase, ctx)
    m = _ON_PLAN.search(t)
    if m:
        return Condition(m.group(2).lower(), "eq", m.group(1).strip(" \"'“”"), phrase)
    m = _TYPE_IS.search(t)
    if m and not CJK.search(t):
        return Condition(implied_field("type", ctx), "eq", m.group(1).lower(), phrase)
    m = _ONE_OF.match(t.strip())
    if m and m.group("f").strip() and not lx.PRONOUN.match(m.group("f").strip()):
        values = [
            v.strip(" \"'“”‘’") for v in re.split(r",|/|、|\bor\b|或者|或是|或", m.group("v"))
        ]
        values = [v for v in values if v]
        if len(values) >= 2 and not any(re.fullmatch(r"-?\d+(?:\.\d+)?", v) for v in values):
            return Condition(
                field_of(m.group("f") + " is", "status", ctx), "in", tuple(values), phrase
            )
    bare = re.sub(r"[\"'“”‘’「」]", "", t.strip())
    alone = re.fullmatch(r"(不)?(?:是|为)([\u4e00-\u9fff\w-]{1,12})", bare)
    kind = alone.group(2).rstrip("的") if alone else ""
    if alone and (looks_category(kind) or kind in cats) and not alone.group(1):
        return category_condition(kind, phrase, ctx)  # "如果是负面的"
    if alone:  # "(如果)是发票", "是客户发来的投诉": the item is of that kind
        value = re.sub(r"^.+的(?=[\u4e00-\u9fff]{2,6}$)", "", alone.group(2))
        plain = _PLAIN_NOUN.fullmatch(alone.group(2))
        if plain:  # "是远程办公的员工": the noun is who they all are, the modifier the kind
            value = plain.group(1)
        return Condition(
            implied_field("type", ctx), "ne" if alone.group(1) else "eq", value, phrase
        )
    z = re.search(
        r"([\u4e00-\u9fff\w]{1,8}?)(?:是|为|等于)([\u4e00-\u9fff\w-]{1,12}|@?[\w-]+(?:\.[\w-]+)+)$",
        bare,
    )
    if z and CJK.search(t) and re.search(r"^@|\.[a-z]{2,}$", z.group(2)):
        # "发件人是@alibaba.com": an address's domain, which the whole address contains
        return Condition(field_of(z.group(1), "email", ctx), "contains", z.group(2), phrase)
    if z and CJK.search(t):
        value = z.group(2)
        if looks_category(value) and cats:
            return Condition("category", "category", value, phrase)
        number = number_of(value, None) if re.fullmatch(r"-?\d+(?:\.\d+)?", value) else None
        return Condition(
            field_of(z.group(1), "status", ctx), "eq", value if number is None else number, phrase
        )
    m = re.match(
        r"^\s*(?:the\s+|its\s+|their\s+)?([a-z][\w ']{0,30}?)\s+(?:is|are|was|were|equals?|=)\s+"
        r"(?:[\"'“‘]([^\"'”’]{1,40})[\"'”’]|([\w@-]+(?:\.[\w-]+)*(?:\s+[\w-]+)?))\s*$",
        t.strip(),
        re.IGNORECASE,
    )
    if m and m.group(3) and " " in m.group(3) and NOT_A_VALUE.search(m.group(3)):
        m = None  # "closed won" is a value; "open create" is not
    if m and lx.PRONOUN.match(m.group(1)) and ctx is not None and ctx.last_field:
        return Condition(ctx.last_field, "eq", m.group(2) or m.group(3), phrase)
    value = (m.group(2) or m.group(3)) if m else ""
    pronoun = m is not None and lx.PRONOUN.match(m.group(1))
    if pronoun and ctx is not None and ctx.last_field and not looks_category(value.lower()):
        return Condition(ctx.last_field, "eq", value, phrase)  # "if it is APAC" after "… EMEA"
    if (
        m
        and not lx.PRONOUN.match(m.group(1))
        and (
            not (m.group(3) or "").lower().endswith("ed")
            or re.search(r"(?:status|state|stage)$", m.group(1))
        )
    ):
        return Condition(field_of(m.group(1) + " is", "status", ctx), "eq", value, phrase)
    return bare_category(t, phrase, ctx)
