"""Conditions of a request: ``field op value`` read from "if the price is over 100".

Invariants: :func:`parse_condition` returns None rather than guess when no comparison is
named (:func:`guess_condition` is the explicit fallback for a clause the user opened with
"if"); ``field`` is always an item field name (never an expression) and numbers are
normalised (units, Chinese numerals). A condition that names no field ("if it is under
100") compares the field the previous case compared, else the data word a read named
(``Context.subject``), else a default. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Condition,
)
from flowsmith.planner.parse_condition_words import (
    EMPTY_WORD,
    ENDS,
    HAS_NO,
    LABELLED,
    NOT_A_VALUE,
    SOMEONE,
    STOCK,
    TAG_FIELD,
    TAGGED,
    noun_of,
    presence_condition,
    unit_field,
    verb_used,
)
from flowsmith.planner.parse_context import CJK, TOKEN, Context

_Q = r"[\"'“‘「]"
_QE = r"[\"'”’」]"
# "with priority 1", "whose status is 'open'", "where the total is over 100"
_QUALIFIER = re.compile(
    r"(?:\b(?:with|whose|where|having|has|have|that (?:has|have)|which (?:has|have))\s+|(?<=\s)的)"
    r"(?P<c>.+)$",
    re.IGNORECASE,
)
_WORD_IN = re.compile(
    _Q + r"([^\"'”’」]{1,40})" + _QE + r"\s+(?:in|within)\s+(?:the\s+|its\s+|their\s+)?([a-z]\w*)",
    re.IGNORECASE,
)
_THE_WORD = re.compile(
    r"^(?:the\s+)?(?:words?|keywords?|phrases?|terms?)\s+"
    + _Q
    + r"?([^\"'”’」,，]+?)"
    + _QE
    + r"?\s*$",
    re.IGNORECASE,
)
_FIELD_VALUE = re.compile(
    r"^(?:an?\s+|the\s+)?([a-z][a-z_]*(?:\s[a-z][a-z_]*)?)\s*(?:of\s+|=\s*|:\s*)?"
    r"(" + _Q + r"[^\"'”’」]{1,30}" + _QE + r"|\d[\d.,]*|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s*$"
)
_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(@?[\w.-]+\.[a-z]{2,}|@[\w.-]+|"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}|[\u4e00-\u9fff][\u4e00-\u9fff\w]{0,10})\s*$"
)
_BETWEEN = re.compile(
    r"(?:between\s+|介于\s*|在\s*)?[$€£¥]?(-?\d+(?:\.\d+)?)\s*(k|万|千)?\s*(?:or|and|to|-|–|~|到|至|和)"
    r"\s*[$€£¥]?(-?\d+(?:\.\d+)?)\s*(k|万|千)?(?:元|块)?(?:\s*之间)?\s*$",
    re.IGNORECASE,
)
_WITHIN = re.compile(
    r"\b(?:within|in(?: the next)?(?: less than)?)\s+(\d+)\s*(day|hour|week|minute)s?\b|"
    r"(\d+)\s*(天|小时|周|分钟)\s*(?:内|以内|之内)",
    re.IGNORECASE,
)
_ZH_UNIT = {"天": "day", "小时": "hour", "周": "week", "分钟": "minute"}
_NOBODY = re.compile(
    r"\b(?:no one|nobody|no-one)\s+(?:has\s+|have\s+)?(?:yet\s+)?([a-z]+)|"
    r"\b(?:has not|hasn't|have not|haven't|is not|isn't|was not|wasn't)\s+(?:been\s+)?(?:yet\s+)?"
    r"([a-z]+ed)\b|\bstill (?:no|not)\s+([a-z]+)|\bno ([a-z]+) (?:yet|after)|"
    r"\bun(answered|replied)\b|"
    r"(?:还|仍然|仍)?(?:没有?|未|尚未)(?:人|有人)?([\u4e00-\u9fff]{2})"
)
_SUCCESS = re.compile(
    r"^(?:it\s+|the \w+\s+)?(?:succeeds?|succeeded|is successful|was successful|passes|passed|"
    r"is valid|is ok|is up|is healthy|is fine|works|is working|is back up|is back)$|"
    r"^(?:验证|校验|签名|接口|网站|服务)?(?:成功|通过|有效|正常|没问题|恢复)了?(?:的)?$",
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
_MOVED = re.compile(
    r"\b(?:moves?|moved|changes?|changed|goes|went|is set|gets? set|set|is marked|gets? marked|"
    r"marked|is updated|updated|is moved)\s+(?:to|as|into)\s+(?:the\s+)?(.+)$|"
    r"(?:移到|移动到|拖到|变为|变成|改为|改成|更新为|转为)\s*(.+)$",
    re.IGNORECASE,
)
_BECOMES = re.compile(
    r"\b(?:becomes?|became|turns into|is now|switches to)\s+(?:an?\s+)?(.+)$", re.IGNORECASE
)
_STATE_NOUN = re.compile(
    r"\s*(list|column|stage|status|state|lane|pipeline|列表|列|阶段|状态)\s*$", re.IGNORECASE
)
_STATE_FIELD = {"列表": "list", "列": "column", "阶段": "stage", "状态": "status"}


def parse_condition(text: str, ctx: Context | None = None) -> Condition | None:
    """``field op value`` from a condition's words ("the budget is over 10000")."""
    phrase = text.strip(" ,，:：")
    t = TOKEN.sub(" ", phrase).strip(" ,，")
    if not t:
        return None
    q = _QUALIFIER.search(t)
    if q and q.start() > 0:
        said = _qualified(q.group("c"), phrase, ctx)
        if said is not None:
            return said
    return _compare(t, phrase, ctx) or _state(t, phrase, ctx)


def qualifier_condition(
    text: str, ctx: Context | None = None, alone: bool = False
) -> Condition | None:
    """The condition a noun's qualifier states ("tickets with status 'urgent'"), or None;
    ``alone``: the qualifier may start the text ("with priority 1", its noun said before)."""
    t = TOKEN.sub(" ", text)
    z = _ZH_ATTRIBUTE.search(t) if CJK.search(t) else None
    if z:
        cond = _compare(z.group(1), text.strip(" ,，"), ctx) or _state(z.group(1), text, ctx)
        if cond is not None and cond.op != "category":
            return cond
    q = _QUALIFIER.search(t)
    if q is None or (q.start() == 0 and not alone):
        return None
    return _qualified(q.group("c"), text.strip(" ,，"), ctx)


# "库存低于10的商品": a comparison that qualifies the noun after 的
_ZH_ATTRIBUTE = re.compile(
    r"([\u4e00-\u9fff\w]{1,12}?(?:(?:低于|高于|大于|小于|超过|不到|多于|少于|包含|为|等于)\s*"
    r"[\w.]{1,12}?|(?:为|是|等于)\s*[\"'“‘「][^\"'”’」]{1,12}[\"'”’」]))"
    r"(?:元|块|天|个|件)?的(?=[\u4e00-\u9fff])"
)


def event_condition(phrase: str, ctx: Context | None = None) -> Condition | None:
    """A condition inside a trigger's words: "a deal moves to Closed Won", "…的优先级是紧急"."""
    t = TOKEN.sub(" ", phrase)
    said = qualifier_condition(t, ctx)
    if said is not None:
        return said
    tag = TAGGED.search(t)
    if tag:  # "gets the label 'customer'", "is tagged 'vip'"
        return Condition(
            TAG_FIELD.get(tag.group(1).lower()[:3], "label"), "contains", tag.group(2), phrase
        )
    m = _MOVED.search(t) or _BECOMES.search(t)
    if m:
        cond = _moved_to(m.group(1) or m.group(2) or "", phrase)
        named = _state_field(t[: m.start()])
        if cond is not None and named and cond.field == "status":
            return Condition(named, cond.op, cond.value, phrase)
        return cond
    for op, pattern in lx.COMPARE[:6]:
        m = pattern.search(t)
        number = _number(m.group(1), m.group(2)) if m else None
        if m and number is not None:
            before = re.split(r"\band\b|,|，|并且", t[: m.start()])[-1]
            verb_said = re.search(
                r"\b(?:is|are|was|goes|drops|rises|falls|has)\b|'s\b|的|"
                + "|".join(lx.FIELD_ZH_NAMES),
                before,
            )
            name = _field(before, "amount", ctx) if verb_said else "amount"  # "a payment over $500"
            return Condition(name, op, number, phrase)  # type: ignore[arg-type]
    if CJK.search(t) and "的" in t:
        tail = t.rsplit("的", 1)[1]
        verb = re.search(r"是|为|等于|大于|小于|超过|低于|高于|包含", tail)
        cond = (_compare(tail, phrase, ctx) or _state(tail, phrase, ctx)) if verb else None
        if cond is not None and cond.op != "category":
            return cond
    joined = _AND_COND.search(t)  # "a Typeform is submitted and the answer is yes"
    if joined:
        cond = parse_condition(joined.group(1), ctx)
        if cond is not None and cond.op not in ("category", "failed"):
            return Condition(cond.field, cond.op, cond.value, phrase)
    return None


_AND_COND = re.compile(
    r"\b(?:and|but only if|only if|if)\s+((?:its|the|their|his|her)\s+[a-z][\w ']{0,30}?\s+"
    r"(?:is|are|was|equals|contains|includes|mentions)\b.*)$",
    re.IGNORECASE,
)


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
    a range, a failure or a category is compared as "not equal" on its field."""
    op = _NEGATED.get(cond.op)
    if op is not None:
        return Condition(cond.field, op, cond.value, cond.phrase)  # type: ignore[arg-type]
    if cond.op == "failed":
        return Condition("error", "is_empty", None, cond.phrase)
    if cond.op == "between" and isinstance(cond.value, (tuple, list)):
        return Condition(cond.field, "lt", cond.value[0], cond.phrase)
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
    stop = r"\b(?:it|they|there|will|would|is|are|be|going|to|the|a|an|'s|s|does|do|gets?)\b"
    found = re.findall(r"[a-z]+", re.sub(stop, " ", t.lower()))
    return Condition("_".join(found[:3]), "is_true", None, text.strip()) if found else None


# --- the grammar ------------------------------------------------------------------------------


def _qualified(said: str, phrase: str, ctx: Context | None) -> Condition | None:
    """The condition after "with"/"whose"/"where"/"的" ("with the word 'invoice'")."""
    said = said.strip(" ,，")
    m = _THE_WORD.match(said)
    if m:
        return Condition("text", "contains", m.group(1).strip(), phrase)
    cond = _compare(said, phrase, ctx)
    if cond is not None and cond.op != "category":
        return cond
    m = _FIELD_VALUE.match(said)
    if m and not CJK.search(said) and _field_like(m.group(1), m.group(2), ctx):
        name = _field(m.group(1) + " is", "") or "value"
        value = m.group(2).strip("\"'“”‘’「」")
        number = _number(value, None) if re.fullmatch(r"\d[\d.,]*", value) else None
        return Condition(name, "eq", number if number is not None else value, phrase)
    return None


def _field_like(name: str, value: str, ctx: Context | None) -> bool:
    """ "priority 1", "status 'open'": a field and its value, not "me on Calendly" or "a POST"."""
    words = name.lower().split()
    if len(words[-1]) < 2 or re.search(
        r"\b(?:me|us|you|him|her|them|it|on|in|at|to|for|from|by|via|of|and|or)\b", name.lower()
    ):
        return False
    if re.fullmatch(r"GET|POST|PUT|PATCH|DELETE|HEAD|AI|API|JSON|CSV|PDF", value.strip("'\"")):
        return False
    return not (ctx is not None and ctx.index.mentions(value, implicit=False))


def _compare(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """Comparisons, containment, emptiness, failure: the conditions that say their operator."""
    neg = lx.NOT_CONTAINS.search(t)
    if neg:
        said = re.search(
            r"(?:contain|mention|include|包含|含|提到)\w*\s*[\"'“]?([^\"'”,，]+)", t[neg.start() :]
        )
        value = said.group(1).strip() if said else ""
        return Condition(_field(t[: neg.start()], "text", ctx), "not_contains", value, phrase)
    m = _BETWEEN.search(t)
    if m and not re.search(r"\d\s*$", t[: m.start()]):
        lo, hi = sorted(
            (
                _number(m.group(1), m.group(2)) or 0,
                _number(m.group(3), m.group(4) or m.group(2)) or 0,
            )
        )
        before = re.sub(r"\b(?:is|are)\s*$|是\s*$", "", t[: m.start()].strip())
        return Condition(_field(before, "price", ctx), "between", (lo, hi), phrase)
    m = _WITHIN.search(t)
    if m:
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), _ZH_UNIT[m.group(4)])
        return Condition(f"{unit.lower()}s_left", "lte", int(n), phrase)
    for op, pattern in lx.COMPARE:
        m = pattern.search(t)
        if m:
            number = _number(m.group(1), m.group(2) if m.re.groups >= 2 else None)
            if number is None:
                if op in ("eq", "ne") and EMPTY_WORD.fullmatch(m.group(1).lower()):
                    continue  # "is not empty": emptiness, below
                if op in ("eq", "ne"):
                    return Condition(_field(t[: m.start()], "status", ctx), op, m.group(1), phrase)  # type: ignore[arg-type]
                continue
            name = _field(t[: m.start()], "", ctx)
            if not name or verb_used(t[: m.start()], name):
                after = t[m.end() :]
                name = (
                    _counted(after) or unit_field(after) or noun_of(name) or _implied("price", ctx)
                )
            return Condition(name, op, number, phrase)  # type: ignore[arg-type]
    m = _WORD_IN.search(t)
    if m:
        return Condition(m.group(2).lower(), "contains", m.group(1).strip(), phrase)
    ends = ENDS.search(t)
    if ends:
        part = ends.group(1) or ends.group(2) or ""
        return Condition(_field(t[: ends.start()], "text", ctx), "contains", part.strip(), phrase)
    m = lx.CONTAINS.search(t)
    if m:
        word = (m.group(1) or m.group(2) or "").strip(" \"'“”")
        if word:
            name = _field(t[: m.start()], "text", ctx)
            return Condition(
                name if _TEXT_FIELD.fullmatch(name) else "text", "contains", word, phrase
            )
    sent = re.sub(r"^\s*(?:[\u4e00-\u9fff]{0,4}?)(?:来自|来源于)", " from ", t)  # "订单来自美国"
    m = _FROM.search(sent)
    if m and _sender_like(sent[: m.start()], m.group(1), ctx):
        return _from(m.group(1), phrase)
    stock = STOCK.search(t)
    if stock:
        return Condition("in_stock", "is_false" if stock.group(1) else "is_true", None, phrase)
    m = HAS_NO.search(t)
    if m:
        return Condition(re.sub(r"\W+", "_", m.group(1).strip().lower()), "is_empty", None, phrase)
    held = presence_condition(t, phrase)
    if held is not None:
        return held
    for op_name, pattern, default in (
        ("not_empty", lx.NOT_EMPTY, "value"),
        ("is_empty", lx.EMPTY, "value"),
    ):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], default, ctx), op_name, None, phrase)  # type: ignore[arg-type]
    if lx.FAILED.search(t) and len(t.split()) <= 8 and not re.search(_Q + r"\s*\w*fail", t):
        return Condition("status", "failed", None, phrase)
    if _SUCCESS.search(t.strip()):
        return Condition("error", "is_empty", None, phrase)
    m = _NOBODY.search(t)
    if m:
        word = next(g for g in m.groups() if g)
        return Condition(_noun(word), "is_empty", None, phrase)
    for op_name, pattern in (("is_false", lx.IS_FALSE), ("is_true", lx.IS_TRUE)):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], "value", ctx), op_name, None, phrase)  # type: ignore[arg-type]
    return None


def _state(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "it is urgent", "类型是Bug", "the branch is main", "it's a PDF": equality and categories."""
    cats = ctx.categories if ctx else []
    m = lx.IS_WORD.search(t.strip())
    if m:
        word = m.group(1).lower()
        subject = re.sub(r"\s+(?:is|are|was|were|gets?|got)$", "", t.strip()[: m.start()].strip())
        classified = bool(ctx and ctx.classified) or bool(LABELLED.search(t))
        if (cats and word in [c.lower() for c in cats]) or (
            (looks_category(word) or classified) and (not subject or lx.PRONOUN.match(subject))
        ):
            return _category(word, phrase, ctx)
    anyof = _any_of(t, phrase, ctx)
    if anyof is not None:
        return anyof
    m = _ON_PLAN.search(t)
    if m:
        return Condition(m.group(2).lower(), "eq", m.group(1).strip(" \"'“”"), phrase)
    m = _TYPE_IS.search(t)
    if m and not CJK.search(t):
        return Condition(_implied("type", ctx), "eq", m.group(1).lower(), phrase)
    bare = re.sub(r"[\"'“”‘’「」]", "", t.strip())
    alone = re.fullmatch(r"(?:是|为|等于)([\u4e00-\u9fff\w-]{1,8}?)的?", bare)
    if alone and (looks_category(alone.group(1)) or alone.group(1) in cats):
        return _category(alone.group(1), phrase, ctx)  # "如果是负面的"
    if alone and ctx is not None and ctx.last_field:  # "是中就…" after "优先级是高就…"
        return Condition(ctx.last_field, "eq", alone.group(1), phrase)
    kind = re.fullmatch(r"(?:是|为)(?:[\u4e00-\u9fff]{0,8}的)?([\u4e00-\u9fff]{2,6})", bare)
    if kind and ctx is not None and CJK.search(t):  # "如果是发票", "是客户发来的投诉": its kind
        return Condition("category" if ctx.classified else "type", "eq", kind.group(1), phrase)
    z = re.search(r"([\u4e00-\u9fff\w]{1,8}?)(?:是|为|等于)([\u4e00-\u9fff\w-]{1,12})$", bare)
    if z and CJK.search(t):
        value = z.group(2)
        if looks_category(value) and cats:
            return Condition("category", "category", value, phrase)
        return Condition(_field(z.group(1), "status", ctx), "eq", value, phrase)
    m = re.match(
        r"^\s*(?:the\s+|its\s+|their\s+)?([a-z][\w ']{0,30}?)\s+(?:is|are|equals?|=)\s+"
        r"(?:[\"'“‘]([^\"'”’]{1,40})[\"'”’]|([\w-]+(?:\s+[\w-]+)?))\s*$",
        t.strip(),
        re.IGNORECASE,
    )
    if m and m.group(3) and " " in m.group(3) and NOT_A_VALUE.search(m.group(3)):
        m = None  # "closed won" is a value; "open create" is not
    if m and lx.PRONOUN.match(m.group(1)) and ctx is not None and ctx.last_field:
        return Condition(ctx.last_field, "eq", m.group(2) or m.group(3), phrase)
    value = (m.group(2) or m.group(3)) if m else ""
    if (
        m
        and not lx.PRONOUN.match(m.group(1))
        and (
            not (m.group(3) or "").lower().endswith("ed")
            or re.search(r"(?:status|state|stage)$", m.group(1))
        )
    ):
        return Condition(_field(m.group(1) + " is", "status", ctx), "eq", value, phrase)
    return _bare_category(t, phrase, ctx)


def _any_of(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """ "the country is US or Canada" -> country equals one of them; a pronoun's field is the
    last case's (or the sentiment after a sentiment step)."""
    m = _ANY_OF.match(t.strip())
    if m is None or _NOT_A_VALUE_LIST.search(m.group(2)):
        return None
    parts = re.split(r"\s*(?:,|/|\bor\b|或者|或|、)\s*", m.group(2))
    values = tuple(v.strip(" \"'“”‘’「」") for v in parts)
    if len(values) < 2 or not all(values):
        return None
    if lx.PRONOUN.match(m.group(1).strip()):
        name = (ctx.last_field if ctx else "") or (
            "sentiment" if ctx and "sentiment" in ctx.made else ""
        )
        return Condition(name, "eq", values, phrase) if name else None
    return Condition(_field(m.group(1) + " is", "status", ctx), "eq", values, phrase)


# "the country is US or Canada", "the plan is 'Pro', 'Team' or 'Enterprise'", "状态是A或B"
_V = r"(?:[\"'“‘「][^\"'”’」]{1,30}[\"'”’」]|[a-z0-9][\w-]*|[\u4e00-\u9fff]{1,8}?)"
_ANY_OF = re.compile(
    r"^(?:the\s+|its\s+|their\s+)?([a-z][\w ']{0,30}?|[\u4e00-\u9fff]{1,8}?)\s*"
    r"(?:is|are|equals?|是|为|等于)\s*(?:either\s+|one of\s+)?"
    r"(" + _V + r"(?:\s*(?:,|、|/)\s*" + _V + r")*,?\s*(?:\bor\b|或者|或)\s*" + _V + r")$",
    re.IGNORECASE,
)
_NOT_A_VALUE_LIST = re.compile(r"\b(?:not|no|more|less|than|above|below|over|under)\b", re.I)


def _bare_category(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    cats = ctx.categories if ctx else []
    low = t.strip().lower()
    bare = re.sub(
        r"^(?:it|they|this|that|the (?:result|sentiment|category)|它|结果)\s*"
        r"(?:is|are|'s|是|为)?\s*",
        "",
        low,
    ).strip(" \"'“”")
    if re.fullmatch(r"[\w-]+|[\u4e00-\u9fff]{1,4}", bare or "-") and (
        looks_category(bare) or bare in cats or bool(ctx and ctx.classified and cats)
    ):
        return _category(bare, phrase, ctx)
    for cat in cats:
        if cat.lower() in low:
            return Condition("category", "category", cat, phrase)
    return None


def _sender_like(before: str, said: str, ctx: Context | None) -> bool:
    """ "it is from Germany", "those from @acme.com": who or where, not a data source."""
    if ctx is not None and ctx.index.mentions(said, implicit=False):
        return False
    before = before.strip().lower()
    return not before or bool(
        re.search(r"(?:\b(?:is|are|was|were|comes?|came|sent|those|ones|only)|[a-z]s)$", before)
    )


def category_condition(word: str, phrase: str, ctx: Context | None) -> Condition:
    """The condition a named category opens: the sentiment after a sentiment step, else the
    classifier's category."""
    return _category(word, phrase, ctx)


def _category(word: str, phrase: str, ctx: Context | None) -> Condition:
    """A classifier's category, or the sentiment when only a sentiment step was asked for;
    a category a classifier was not told of joins its list."""
    made = ctx.made if ctx else set()
    cats = ctx.categories if ctx else []
    if "sentiment" in made and not ("classify" in made and word in cats):
        return Condition("sentiment", "eq", _SENTIMENT_ZH.get(word, word), phrase)
    if ctx is not None and ctx.classified and word not in cats and not CJK.search(word):
        ctx.categories.append(word)
    return Condition("category", "category", word, phrase)


def _from(said: str, phrase: str) -> Condition:
    """ "from @acme.com" -> the sender contains it; "from Germany" -> the country is it."""
    if CJK.search(said) and said.endswith("国"):
        return Condition("country", "eq", said, phrase)  # "来自美国"
    if "@" in said or "." in said or CJK.search(said):
        return Condition("from", "contains", said, phrase)
    return Condition("country", "eq", said, phrase)


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
    said = said.strip(" ,，")
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


def _noun(word: str) -> str:
    """ "replied" -> reply, "answered" -> answer, "回复" -> reply: the field an event fills."""
    if CJK.search(word):
        return lx.FIELD_ZH_NAMES.get(word, word)
    word = word.lower()
    if word.endswith("ied"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith("ed") else word


_SENTIMENT_ZH = {
    "正面": "positive",
    "负面": "negative",
    "中性": "neutral",
    "积极": "positive",
    "消极": "negative",
}


def looks_category(word: str) -> bool:
    return bool(
        re.fullmatch(
            r"urgent|important|spam|positive|negative|neutral|vip|critical|"
            r"high|low|neutral|紧急|重要|垃圾|正面|负面|中性|积极|消极|投诉|退款",
            word,
        )
    )


def _number(digits: str, unit: str | None) -> float | int | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6, "万": 1e4, "千": 1e3}.get((unit or "").lower(), 1)
    value *= scale
    return int(value) if value.is_integer() else value


def _counted(after: str) -> str:
    """ "more than 5 failures": the counted noun after the number is the field."""
    m = re.match(r"\s*(?:[a-z]+\s+)?([a-z]+s)\b", after, re.IGNORECASE)
    if m is None or re.fullmatch(r"goes|does|has|is|was|needs|gets", m.group(1).lower()):
        return ""
    if re.fullmatch(
        r"(?:second|minute|hour|day|week|month|year|dollar|euro|cent|percent|unit|time)s",
        m.group(1).lower(),
    ):
        return ""
    return m.group(1).lower()


def _implied(default: str, ctx: Context | None) -> str:
    """The field of a condition that names none: the last case's, a read's data word, or
    ``default``."""
    if ctx is None or default in ("", "text", "value"):
        return default
    if ctx.last_field:
        return ctx.last_field
    if ctx.subject and default == "price":
        return ctx.subject
    return default


# fields a text search names ("the subject contains"); any other noun is the item itself
_TEXT_FIELD = re.compile(
    r"text|title|subject|body|description|name|comments?|content|summary|notes?|tags?|labels?|"
    r"url|domain|from|to|sender|filename|file_name|address|[\u4e00-\u9fff]+|[a-z]+_(?:name|text)"
)
_FIELD_WORDS = re.compile(r"\b(?:field|column|property|attribute|cell)\b")
_HEAD_OF = ("number", "count", "total", "amount", "sum", "value", "list")


def _field(before: str, default: str, ctx: Context | None = None) -> str:
    """The item field a condition compares: "the budget is" -> budget, "it is" -> default."""
    text = TOKEN.sub(" ", before).replace("__it__", " ").strip(" ,，")
    if CJK.search(text):
        hits = [
            (text.rfind(w) + len(w), len(w), n) for w, n in lx.FIELD_ZH_NAMES.items() if w in text
        ]
        if hits:
            return max(hits)[2]  # the data word nearest the comparison ("邮件的主题" -> subject)
        m = re.search(r"([\u4e00-\u9fff]{1,4})(?:是|为|的值)?$", text)
        return m.group(1) if m and not lx.PRONOUN.match(m.group(1)) else _implied(default, ctx)
    quoted = re.search(
        r"(?<!\w)" + _Q + r"([a-z][\w -]{0,30})" + _QE + r"\s*(?:field|column|property|value)?",
        text,
        re.IGNORECASE,
    )
    if quoted:
        return re.sub(r"\W+", "_", quoted.group(1).strip().lower())
    low = _FIELD_WORDS.sub(" ", text.lower())
    parts = re.split(r"\s+(?:of|from|in|at|on|for)\s+", " " + low + " ")
    low = parts[0]
    if len(parts) > 1 and re.search(r"\b(?:" + "|".join(_HEAD_OF) + r")\s*$", low):
        low = parts[1]  # "the number of orders": orders
    low = re.sub(
        r"\b(?:is|are|was|were|goes|gets|has|its|it's|the|a|an|of|their|his|her|my|our|"
        r"this|that|total of|value of|if|when|any|each|every)\b",
        " ",
        low,
    )
    low = re.sub(r"'s\b", " ", low)
    words = [
        w
        for w in re.findall(r"[a-z_][a-z0-9_]*", low)
        if w not in ("it", "they", "them", "there") and not SOMEONE.fullmatch(w)
    ]
    while words and words[-1] in ("from", "at", "in", "on", "for", "by"):
        words.pop()  # "the temperature from <url>": the field is before the source
    if not words:
        return _implied(default, ctx)
    if len(words) == 1 and re.fullmatch(r"[a-z]+[^s]s", words[0]) and words[0] not in ("status",):
        return _implied(default, ctx)  # "orders over 100": the items, not a field
    name = (
        "_".join(words[-2:])
        if len(words) >= 2
        and words[-1]
        in (
            "total",
            "count",
            "amount",
            "price",
            "score",
            "status",
            "date",
            "time",
            "speed",
            "rate",
            "code",
        )
        else words[-1]
    )
    return name
