"""Conditions of a request: ``field op value`` read from "if the price is over 100".

Invariants: :func:`parse_condition` returns None rather than guess when no comparison is
named (:func:`guess_condition` is the explicit fallback for a clause the user opened with
"if"); ``field`` is always an item field name (never an expression) and numbers are
normalised (units, Chinese numerals). A condition that names no field ("if it is under
100") compares the field the previous case compared, else the data word a read named
(``Context.subject``), else a default. Conditions said outside an "if" (a trigger's
words, negations, guesses) are in :mod:`~flowsmith.planner.parse_guards`. Pure: no I/O,
no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Condition,
)
from flowsmith.planner.parse_answered import answered_condition
from flowsmith.planner.parse_billing import billing_period
from flowsmith.planner.parse_category import category_condition
from flowsmith.planner.parse_changes import change_condition
from flowsmith.planner.parse_condition_state import not_a_kind, state_words
from flowsmith.planner.parse_condition_words import (
    BACK_AGAIN,
    EMPTY_WORD,
    ENDS,
    HAS_NO,
    STOCK,
    irregular_field,
    level_condition,
    noun_of,
    paid_field,
    plus_as_at_least,
    points_field,
    presence_condition,
    said_value_condition,
    unit_field,
    verb_used,
)
from flowsmith.planner.parse_context import CJK, TOKEN, Context
from flowsmith.planner.parse_day_cases import en_day_condition
from flowsmith.planner.parse_field_names import (
    counted_noun,
    field_of,
    implied_field,
    measured_field,
    number_of,
)
from flowsmith.planner.parse_joined import read_joined
from flowsmith.planner.parse_judged import mood_condition
from flowsmith.planner.parse_mail_domains import mail_domain_condition, work_address_condition
from flowsmith.planner.parse_none_said import there_is_none
from flowsmith.planner.parse_not_found import not_found_condition
from flowsmith.planner.parse_numerals import said_numbers
from flowsmith.planner.parse_ordinal import ordinal_attempt, skill_condition
from flowsmith.planner.parse_per_measure import per_measured
from flowsmith.planner.parse_percent_change import percent_change_condition
from flowsmith.planner.parse_priced import priced_field
from flowsmith.planner.parse_ranges import out_of_range
from flowsmith.planner.parse_relative import relative_condition
from flowsmith.planner.parse_run_day import run_day_condition
from flowsmith.planner.parse_said_conditions import below_zero, said_condition, zh_unit_condition
from flowsmith.planner.parse_spans import bare_age, span_condition
from flowsmith.planner.parse_stars import star_condition
from flowsmith.planner.parse_still import still_condition, without_still
from flowsmith.planner.parse_unit_measure import (
    bracketed_value,
    counted,
    counts_items,
    duration_named,
    missing_id,
    physical_field,
)

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
    # "from our own domain @ourco.com": the address after the words that name it
    r"\bfrom\s+(?:(?:our|my|their|its)\s+(?:own\s+)?(?:domain|company|address)\s+)?"
    r"(?:the\s+|an?\s+)?(@?[\w.-]+\.[a-z]{2,}|@[\w.-]+|"
    r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}|[\u4e00-\u9fff][\u4e00-\u9fff\w]{0,10})"
    r"(?:\s+(?:address|domain|email|account|sender)(?:es|s)?)?\s*$"
)
_UNIT = (
    r"(?:\s*(?:euros?|dollars?|usd|eur|gbp|rmb|yuan|元|块|美元|%|percent|度|°c|℃|星|分|个|"
    r"人|岁|件|天|次))?"
)
_BETWEEN = re.compile(
    r"(?:between\s+|介于\s*|在\s*)?[$€£¥￥]?(-?\d+(?:\.\d+)?)\s*(k|万|千)?"
    + _UNIT
    + r"\s*(?:or|and|to|-|–|~|到|至|和)\s*"
    r"[$€£¥￥]?(-?\d+(?:\.\d+)?)\s*(k|万|千)?" + _UNIT + r"(?:\s*之间)?\s*$",
    re.IGNORECASE,
)

# "above 70 or below 30", "低于30或高于70": outside a range
_OUTSIDE = re.compile(
    r"(?P<a>above|over|more than|greater than|higher than|>|大于|高于|超过)\s*[$€£¥]?"
    r"(?P<hi>-?\d+(?:\.\d+)?)" + _UNIT + r"\s*(?:or|或|或者|或是)\s*(?:is\s+|it's\s+)?"
    r"(?P<b>below|under|less than|lower than|<|小于|低于|不到)\s*[$€£¥]?(?P<lo>-?\d+(?:\.\d+)?)|"
    r"(?:below|under|less than|lower than|<|小于|低于|不到)\s*[$€£¥]?(?P<lo2>-?\d+(?:\.\d+)?)"
    + _UNIT
    + r"\s*(?:or|或|或者|或是)\s*(?:is\s+|it's\s+)?"
    r"(?:above|over|more than|greater than|higher than|>|大于|高于|超过)\s*[$€£¥]?"
    r"(?P<hi2>-?\d+(?:\.\d+)?)",
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
    # ("未读邮件" is a kind of mail, unread, and "未来三天" the future: no missing field)
    r"(?:还|仍然|仍)?(?:没有?|未(?!来)|尚未)(?!读(?:的|邮件|消息|信息))(?:人|有人)?([\u4e00-\u9fff]{2})"
)
# a field a reading step failed to fill: "没提取出金额", "couldn't find an amount"
_NOT_FOUND = re.compile(
    r"(?:没有?|未能?|无法)(?:提取|识别|解析|读取|抽取|找到|拿到)(?:出|到)?(?:来)?"
    r"([\u4e00-\u9fff\w]{1,8})|"
    r"\b(?:could not|couldn't|can't|cannot|did not|didn't|fails? to)\s+"
    r"(?:extract|find|read|parse|detect)\s+(?:the\s+|an?\s+|any\s+)?([a-z_]+(?: [a-z_]+)?)",
    re.IGNORECASE,
)
_SUCCESS = re.compile(
    r"^(?:it\s+|the \w+\s+)?(?:succeeds?|succeeded|is successful|was successful|passes|passed|"
    r"is valid|is ok|is up|is healthy|is fine|works|is working|is back up|is back)$|"
    r"^(?:验证|校验|签名|接口|网站|服务)?(?:成功|通过|有效|正常|没问题|恢复)了?(?:的)?$",
    re.IGNORECASE,
)


# fields holding a named value: "the status is approved" compares it, not a yes/no flag
_VALUED = frozenset({"status", "stage", "state", "phase", "result", "outcome", "decision"})
# "it's rejected", "they're VIP", "it changes to Closed Lost": the subject "is" the value
_PRONOUN_IS = re.compile(
    r"^\s*(it|that|this|they|he|she)(?:'s|’s|'re|’re|\s+(?:changes?|changed|moves?|moved|becomes?|"
    r"became|goes|went|turns?|turned|switch(?:es|ed)?|gets?|is (?:changed|moved|set|switched)|"
    r"was (?:changed|moved|set))\s+(?:to|into)?)(?=\s)",
    re.IGNORECASE,
)


# a supposition word and the item noun before "是" (never "是否", a yes/no question)
_ZH_ITEM_IS = re.compile(
    r"^(?:要是|如果|若是|假如)?(?:这个|这张|这条|这笔|该)?"
    r"(?:订单|工单|任务|卡片|邮件|线索|单子|记录|申请|消息)?(?=是(?!否))"
)


def parse_condition(text: str, ctx: Context | None = None) -> Condition | None:
    """``field op value`` from a condition's words ("the budget is over 10000"); a pronoun
    subject with "'s" or a verb of change reads as "it is …" ("it's rejected", "if it
    changes to Closed Lost") when the words alone give nothing."""
    day = run_day_condition(text)  # "if today is a Friday": the run's day, not an item's
    if day is not None:
        return day
    text = there_is_none(text)  # "no rain is expected": there is no rain
    joined = read_joined(text, lambda part: parse_condition(part, ctx), text.strip(" ,，:："))
    cond = joined or _read_condition(text, ctx)
    said = _PRONOUN_IS.match(text)
    if cond is None and said:
        plain = said.group(1) + (" are" if said.group(1).lower() == "they" else " is")
        cond = _read_condition(plain + text[said.end() :], ctx)
        if cond is not None:
            cond = replace(cond, phrase=text.strip(" ,，:："))
    stars = star_condition(text) if cond is None else None  # "leaves a 1 or 2 star rating"
    if stars is not None:
        cond = _read_condition(stars, ctx)
        cond = replace(cond, phrase=text.strip(" ,，:：")) if cond is not None else None
    return cond


def _read_condition(text: str, ctx: Context | None = None) -> Condition | None:
    phrase = said_numbers(plus_as_at_least(below_zero(text.strip(" ,，:："))))
    t = TOKEN.sub(" ", phrase).strip(" ,，")
    t = re.sub(r"\bzero\b", "0", re.sub(r"^(?:of|about)\s+", "", t), flags=re.IGNORECASE)
    if CJK.search(t):
        # "发件人是boss的", "等级是VIP的话": a relative's or a supposition's mark
        t = re.sub(r"(?<=[\w\u4e00-\u9fff])\s*(?:的话|的)$", "", t)
        # "发件人是 @bigclient.com": the space before a Latin value is no part of it
        t = re.sub(r"(?<=[是为])\s+(?=[\w@.])", "", t)
        # "这个字段要是空的", "邮箱要是空": the topic, then the if-word, then what it is
        t = re.sub(r"^(?:这个|那个|这|该)?([\w\u4e00-\u9fff]{1,10}?)要是(?=是|为)", r"\1", t)
        t = re.sub(r"^(?:这个|那个|这|该)?([\w\u4e00-\u9fff]{1,10}?)要是(?![没不])", r"\1是", t)
        # "工单是紧急的", "要是这张卡片是紧急的": the item itself is the subject, so what it
        # "is" is a value of the item, as in "是紧急的"
        t = _ZH_ITEM_IS.sub("", t)
        # "要是变成了已取消", "如果状态改为关闭": the state changed to is the state it is in
        t = re.sub(
            r"^((?:如果|要是|若|假如|当)(?:订单|工单|任务)?的?(?:状态)?|(?:订单|工单|任务)?的?状态)"
            r"(?:变成|变为|改成|改为|转为|转成|更新为)了?",
            lambda m: re.sub(r"状态$", "", m.group(1)) + "状态是",
            t,
        )
        # "打9分以上", "给了低于3分": points given are the score, stars given the rating
        given = re.match(r"^(?:打|给|评)了?(?=[^分]{0,4}\d[^，,。]*?([分星]))", t)
        if given:
            t = ("分数为" if given.group(1) == "分" else "评分为") + t[given.end() :]
    if not t:
        return None
    nth = (
        ordinal_attempt(t, phrase)  # "第三次还失败"
        or skill_condition(t, phrase)  # "会Python"
        or answered_condition(t, phrase)  # "they answered No to attending"
    )
    if nth is not None:
        return nth
    held = still_condition(t, phrase, ctx)  # "it's still firing": the status stays "firing"
    if held is not None:
        return held
    t = without_still(t)
    missing = (
        not_found_condition(t, phrase)
        or bracketed_value(t, phrase)
        or billing_period(t, phrase)  # "如果是年付的套餐": the billing interval
    )
    if missing is not None:  # "the card doesn't exist", "找不到这个客户", "是月捐的（monthly）"
        return missing
    said_by = _AI_SAYS.match(t)
    if said_by:  # "the AI says it is spam": the AI step's verdict
        return category_condition((said_by.group(1) or said_by.group(2)).lower(), phrase, ctx)
    provider = work_address_condition(t, phrase) or mail_domain_condition(t, phrase)
    if provider is not None:  # "signed up with a gmail or yahoo address"
        return provider
    mood = (
        mood_condition(t, phrase)
        or span_condition(t, phrase)
        or (en_day_condition(t, ctx.day_field, phrase) if ctx is not None else None)
    )
    if mood is not None:  # "the customer sounds angry", "注册超过30天"
        return mood
    q = _QUALIFIER.search(t)
    if q and q.start() > 0:
        said = _qualified(q.group("c"), phrase, ctx)
        if said is not None:
            return said
    pct = percent_change_condition(t, phrase)  # "revenue fell more than 10%"
    if pct is not None:
        return pct
    changed = change_condition(t, phrase, ctx)  # "the price drops": against the last run
    return (
        said_condition(t, phrase)
        or changed
        or said_value_condition(t, phrase)
        or compare_words(t, phrase, ctx)
        or state_words(t, phrase, ctx)
        or level_condition(t, phrase)
        or zh_unit_condition(t, phrase)
    )


def qualifier_condition(
    text: str, ctx: Context | None = None, alone: bool = False
) -> Condition | None:
    """The condition a noun's qualifier states ("tickets with status 'urgent'"), or None;
    ``alone``: the qualifier may start the text ("with priority 1", its noun said before).
    A relative clause or participle ("that are still unassigned", "labelled 'x'",
    "优先级是紧急的") is read only when no with/whose/的-reading gives a condition."""
    t = TOKEN.sub(" ", text)
    aged = bare_age(t, text.strip(" ,，")) if CJK.search(t) else None
    if aged is not None:  # "表格里超过30天的行": the rows' own age
        return aged
    z = _ZH_ATTRIBUTE.search(t) if CJK.search(t) else None
    if z:
        cond = compare_words(z.group(1), text.strip(" ,，"), ctx) or state_words(
            z.group(1), text, ctx
        )
        if cond is not None and cond.op != "category":
            return _of_mail(cond, t[z.end() :])
    q = _QUALIFIER.search(t)
    found = None
    if q is not None and (q.start() > 0 or alone):
        found = _qualified(q.group("c"), text.strip(" ,，"), ctx)
    # "tickets that are still unassigned", "优先级是紧急的工单": a relative clause's condition
    return found or relative_condition(t, text.strip(" ,，"), lambda s: parse_condition(s, ctx))


_MAIL_NOUN = re.compile(r"^\s*(?:邮件|电邮|e-?mails?|mails?|messages?)", re.IGNORECASE)


def _of_mail(cond: Condition, noun: str) -> Condition:
    """ "标题带“报价”的邮件": an email's title is its subject."""
    if cond.field == "title" and _MAIL_NOUN.match(noun):
        return Condition("subject", cond.op, cond.value, cond.phrase)
    return cond


# "库存低于10的商品": a comparison that qualifies the noun after 的 (a day count keeps its 天:
# "停留超过10天的交易" compares a duration)
_ZH_ATTRIBUTE = re.compile(
    r"([\u4e00-\u9fff\w]{1,12}?(?:(?:低于|高于|大于|小于|超过|不到|不满|不足|未满|多于|少于|包含|为|等于)\s*"
    r"[\w.]{1,12}?天?|(?:为|是|等于|带有?|含有?|包含)\s*[\"'“‘「][^\"'”’」]{1,12}[\"'”’」]))"
    r"(?:元|块|天|个|件)?的(?=[\u4e00-\u9fff])"
)


# "it's error", "it is failed": a failure word said as the value of the field just compared
_PRONOUN_IS_WORD = re.compile(
    r"^\s*(?:it|they)(?:'s|'re|\s+is|\s+are)\s+(?:an?\s+)?([a-z]+)\s*$", re.IGNORECASE
)


# --- the grammar ------------------------------------------------------------------------------


def _qualified(said: str, phrase: str, ctx: Context | None) -> Condition | None:
    """The condition after "with"/"whose"/"where"/"的" ("with the word 'invoice'")."""
    said = said.strip(" ,，")
    m = _THE_WORD.match(said)
    if m:
        return Condition("text", "contains", m.group(1).strip(), phrase)
    cond = compare_words(said, phrase, ctx)
    if cond is not None and cond.op != "category":
        return cond
    m = _FIELD_VALUE.match(said)
    if m and not CJK.search(said) and _field_like(m.group(1), m.group(2), ctx):
        name = field_of(m.group(1) + " is", "") or "value"
        value = m.group(2).strip("\"'“”‘’「」")
        number = number_of(value, None) if re.fullmatch(r"\d[\d.,]*", value) else None
        return Condition(name, "eq", number if number is not None else value, phrase)
    return None


# "the cost exceeds the budget", "花费超过预算", "截止日期在今天之前": a comparison with
# another field of the item, or with the current date
_AGAINST = (
    (
        "gt",
        r"超过|高于|大于|多于|晚于|exceeds?|is (?:over|above|more than|greater than|higher than|"
        r"later than|after)|goes over",
        r"之后|以后|after",
    ),
    (
        "lt",
        r"低于|小于|少于|不到|早于|is (?:under|below|less than|lower than|earlier than|before)",
        r"之前|以前|before",
    ),
)
_OTHER = r"(?:the\s+|its\s+|their\s+)?(?P<g>[a-z_]+(?: [a-z_]+)?|[\u4e00-\u9fff]{1,6}?)"
_NOW = re.compile(r"^(?:today|now|the current date|今天|现在|当前日期|当天)$", re.IGNORECASE)


def _against_field(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    for op, words, suffix in _AGAINST:
        said = (
            rf"^(?P<f>.*?)\s*(?:{words})(?![a-z])\s*{_OTHER}\s*(?:{suffix})?\s*$",
            rf"^(?P<f>.+?)\s*(?:在|is|are|was)\s*{_OTHER}\s*(?:{suffix})\s*$",
        )
        for pattern in said:
            m = re.search(pattern, t.strip(), re.IGNORECASE)
            if m is None:
                continue
            other = m.group("g").strip()
            right = "{{ $now }}" if _NOW.match(other) else field_ref_of(field_of(other + " is", ""))
            left = _left_of(m.group("f"), right, ctx)
            if left and other and left != other and right != field_ref_of(""):
                return Condition(left, op, right, phrase)  # type: ignore[arg-type]
    return None


def _left_of(said: str, right: str, ctx: Context | None) -> str:
    """The field compared with another: named ("库存低于安全库存"), or, said with none
    ("低于安全库存的商品"), the quantity the request is about, else the other field's head
    noun ("safety_stock" -> stock); never a date compared with a data field."""
    if said.strip():
        return field_of(said, "date", ctx)
    if "$now" in right:
        return ""
    head = right.strip("{} ").rsplit(".", 1)[-1].rsplit("_", 1)[-1]
    return (ctx.measure if ctx is not None else None) or head


def field_ref_of(name: str) -> str:
    """The expression of item field ``name`` (a condition compared with another field)."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return "{{ $json." + name + " }}"
    return '{{ $json["' + name + '"] }}'


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


def compare_words(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    """Comparisons, containment, emptiness, failure: the conditions that say their operator."""
    kind = not_a_kind(t, phrase, ctx)  # "the file isn't a PDF": no "file ≠ a"
    if kind is not None:
        return kind
    neg = lx.NOT_CONTAINS.search(t)
    if neg:
        said = re.search(
            r"(?:contain|mention|include|包含|含|提到)\w*\s*[\"'“]?([^\"'”,，]+)", t[neg.start() :]
        )
        value = said.group(1).strip() if said else ""
        return Condition(field_of(t[: neg.start()], "text", ctx), "not_contains", value, phrase)
    ranged = out_of_range(t, phrase, ctx)
    if ranged is not None:
        return ranged
    m = _OUTSIDE.search(t)
    if m:
        lo = number_of(m.group("lo") or m.group("lo2"), None) or 0
        hi = number_of(m.group("hi") or m.group("hi2"), None) or 0
        before = re.sub(r"\b(?:is|are|goes|gets)\s*$|是\s*$", "", t[: m.start()].strip())
        return Condition(field_of(before, "price", ctx), "outside", (lo, hi), phrase)
    m = _BETWEEN.search(t)
    if m and not re.search(r"\d\s*$", t[: m.start()]):
        lo, hi = sorted(
            (
                number_of(m.group(1), m.group(2)) or 0,
                number_of(m.group(3), m.group(4) or m.group(2)) or 0,
            )
        )
        before = re.sub(r"\b(?:is|are)\s*$|是\s*$", "", t[: m.start()].strip())
        name = points_field(before, m.group(0), field_of(before, "price", ctx))
        if verb_used(before, name):
            name = noun_of(name) or name  # "customers who scored 0 to 6": the score
        return Condition(name, "between", (lo, hi), phrase)
    m = _WITHIN.search(t)
    if m:
        n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), _ZH_UNIT[m.group(4)])
        return Condition(f"{unit.lower()}s_left", "lte", int(n), phrase)
    for op, pattern in lx.COMPARE:
        m = pattern.search(t)
        if m:
            number = number_of(m.group(1), m.group(2) if m.re.groups >= 2 else None)
            if number is None:
                if op in ("eq", "ne") and EMPTY_WORD.fullmatch(m.group(1).lower()):
                    continue  # "is not empty": emptiness, below
                if op in ("eq", "ne"):
                    name = field_of(t[: m.start()], "status", ctx)
                    return Condition(name, op, m.group(1), phrase)  # type: ignore[arg-type]
                continue
            name = field_of(t[: m.start()], "", ctx)
            name = irregular_field(name, t[m.end() :]) or name  # "slept" -> sleep_hours
            if not name or verb_used(t[: m.start()], name) or _WHO.match(t[: m.start()]):
                after = t[m.end() :]
                name = (
                    counted_noun(after)
                    or measured_field(after, m.group(2) if m.re.groups >= 2 else None, ctx)
                    or unit_field(after)
                    or noun_of(name)
                    or paid_field(t[: m.start()])
                    or implied_field("price", ctx)
                )
            implied = implied_field("price", ctx)
            name = physical_field(t[m.end() :], name, implied)  # "超过10公斤的": a weight
            name = duration_named(t[m.end() :], name, unit_field(t[m.end() :]))  # "停留超过10天"
            name = per_measured(name, ctx.per if ctx else None, implied)  # "each host above"
            if name == "rating" and isinstance(number, (int, float)) and number > 10:
                name = "score"  # stars run to 5 (or 10): "评分高于90" is a score
            unit = m.group(2) if m.re.groups >= 2 else ""
            # "超过500次", "超过10个": what the counting word counts
            points = counted(unit or "", name, bool(ctx and ctx.about_stock))
            if points and (not name or name == implied_field("price", ctx) or counts_items(name)):
                name = points  # "8分以上的", "低于3星"
            name = priced_field(name, m.group(0), number)  # "the Pro plan below $49": price
            if name == "worth":
                name = "value"  # "the deal is worth more than $10k"
            return Condition(name, op, number, phrase)  # type: ignore[arg-type]
    against = _against_field(t, phrase, ctx)
    if against is not None:
        return against
    m = _WORD_IN.search(t)
    if m:
        return Condition(m.group(2).lower(), "contains", m.group(1).strip(), phrase)
    ends = ENDS.search(t)
    if ends:
        part = ends.group(1) or ends.group(2) or ""
        return Condition(field_of(t[: ends.start()], "text", ctx), "contains", part.strip(), phrase)
    m = lx.CONTAINS.search(t)
    if m:
        word = (m.group(1) or m.group(2) or "").strip(" \"'“”")
        if word:
            name = field_of(t[: m.start()], "text", ctx)
            if name == "text" and ctx is not None and ctx.last_text:
                name = ctx.last_text  # "标签包含bug的…，包含feature的…"
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
    held = presence_condition(t, phrase) or missing_id(t, phrase)  # "没有会员ID"
    if held is not None:
        return held
    for op_name, pattern, default in (
        ("not_empty", lx.NOT_EMPTY, "value"),
        ("is_empty", lx.EMPTY, "value"),
    ):
        hit = pattern.search(t)
        if hit:
            return Condition(field_of(t[: hit.start()], default, ctx), op_name, None, phrase)  # type: ignore[arg-type]
    # a failure word said as a quoted value ("状态是“异常”", "status is 'failed'") is that value
    quoted_value = re.search(_Q + r"[^\"'”’」]{0,12}" + _QE, t)
    named = _PRONOUN_IS_WORD.match(t)
    if named and ctx is not None and ctx.last_field:  # "if it's error" after "if the level is
        return Condition(ctx.last_field, "eq", named.group(1), phrase)  # fatal": that level
    if lx.FAILED.search(t) and len(t.split()) <= 8 and not quoted_value:
        return Condition("status", "failed", None, phrase)
    if ctx is not None and ctx.about_stock and BACK_AGAIN.search(t):
        return Condition("in_stock", "is_true", None, phrase)  # "watch stock … when it is back"
    if _SUCCESS.search(t.strip()):
        return Condition("error", "is_empty", None, phrase)
    has = re.fullmatch(r"\s*(?:有|存在)([\u4e00-\u9fff]{1,6})\s*", t)
    if has and "新" not in has.group(1):  # "有订单就…": there are orders ("有新文章": an event)
        return Condition(field_of(has.group(1), "value", ctx), "not_empty", None, phrase)
    m = _NOT_FOUND.search(t)
    if m:  # "AI 没提取出金额", "couldn't extract the amount": the field it should have filled
        return Condition(field_of(m.group(1) or m.group(2), "value", ctx), "is_empty", None, phrase)
    m = _NOBODY.search(t)
    if m:
        word = next(g for g in m.groups() if g)
        return Condition(_noun(word), "is_empty", None, phrase)
    for op_name, pattern in (("is_false", lx.IS_FALSE), ("is_true", lx.IS_TRUE)):
        hit = pattern.search(t)
        if hit:
            name = field_of(t[: hit.start()], "value", ctx)
            word = hit.group(0).split()[-1].lower()
            if name in _VALUED and word not in ("true", "yes", "false", "no"):
                return Condition(name, "eq", word, phrase)  # "the status is approved"
            return Condition(name, op_name, None, phrase)  # type: ignore[arg-type]
    return None


def _sender_like(before: str, said: str, ctx: Context | None) -> bool:
    """ "it is from Germany", "those from @acme.com": who or where, not a data source."""
    if ctx is not None and ctx.index.mentions(said, implicit=False):
        return False
    before = before.strip().lower()
    return not before or bool(
        re.search(r"(?:\b(?:is|are|was|were|comes?|came|sent|those|ones|only)|[a-z]s)$", before)
    )


def _from(said: str, phrase: str) -> Condition:
    """ "from @acme.com" -> the sender contains it; "from Germany" -> the country is it."""
    if CJK.search(said) and said.endswith("国"):
        return Condition("country", "eq", said, phrase)  # "来自美国"
    if "@" in said or "." in said or CJK.search(said):
        return Condition("from", "contains", said, phrase)
    return Condition("country", "eq", said, phrase)


def _noun(word: str) -> str:
    """ "replied" -> reply, "answered" -> answer, "回复" -> reply: the field an event fills."""
    if CJK.search(word):
        return lx.FIELD_ZH_NAMES.get(word, word)
    word = word.lower()
    if word.endswith("ied"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith("ed") else word


# fields a text search names ("the subject contains"); any other noun is the item itself
_TEXT_FIELD = re.compile(
    r"text|title|subject|body|description|name|comments?|content|summary|notes?|tags?|labels?|"
    r"url|domain|from|to|sender|filename|file_name|address|[\u4e00-\u9fff]+|[a-z]+_(?:name|text)"
)
_AI_SAYS = re.compile(
    r"^(?:the\s+)?(?:ai|gpt|llm|model|classifier|chatgpt|openai|claude|bot)\s+(?:says|thinks|decides|"
    r"finds|returns|answers|replies|marks it as|labels it as|classifies it as|flags it as)\s+"
    r"(?:that\s+)?(?:it\s+is\s+|it's\s+|they\s+are\s+)?(?:an?\s+)?[\"'“]?([\w-]+)[\"'”]?$|"
    r"^(?:ai|模型|AI)(?:判断|认为|识别)(?:为|是)([\u4e00-\u9fff\w]{1,6})$",
    re.IGNORECASE,
)
# "谁填的不到8小时", "whoever logged under 8 hours": the person is no field; the unit says it
_WHO = re.compile(r"^\s*(?:谁|哪些人|哪个人|哪位|who(?:ever)?\b)", re.IGNORECASE)
