"""The condition of a conditional edit, read from its words: ``parse_condition`` with the
edit-only forms ("a multiple of 100", "Bug类型", "the order is over $500" reads the amount,
"more than 1000 followers" reads the counted thing, "a customer on the Pro plan" the plan).

Invariant: None when the words are no complete condition ("… is", "… than"). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.edit_conditions import (
    denied_comparison,
    denied_level,
    edit_condition,
    negated_stock,
    settled,
)
from flowsmith.planner.edit_guard_measure import bracketed, counted, counted_zh
from flowsmith.planner.edit_guard_zh_state import qualifier_of, state_said
from flowsmith.planner.edit_result_said import result_said
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.text import rx

__all__ = ["condition"]


_INCOMPLETE = rx(r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to|of|a|the)\s*$")
_MONEY = rx(r"[$€£¥￥]\s*\d|\d\s*(?:元|块|美元|dollars?|usd|eur|euros?|rmb)\b")
_MONEY_FIELD = rx(
    r"amount|price|total|cost|budget|value|revenue|spend|fee|salary|balance|sum|paid|"
    r"金额|价格|预算|总额|费用|余额"
)
# "a lease over $5k a month": the monthly sum, not a price
_MONTHLY = rx(r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b|/\s*mo(?:nth)?\b")
# "posts longer than 1000 words": a length said in counted things, not the post itself
_LENGTH = rx(r"\b(?:longer|shorter)\s+than\b")
# "the country isn't US or CA", "城市不是北京或上海": none of the values (a rule per value)
_NOT_ONE_OF = rx(r"(?:\bisn'?t|\bis not|\bnot(?: one of| in)?|不是|不在|并非)\s*(?P<vals>.+)$")
_VALUE_SEP = rx(r"\s*(?:,\s*(?:or\s+)?|、|/|\bor\b|或者|或是|或)\s*")
# a reason in brackets ("(we can't serve them)", "（因为…）"), not a list of values "(a.com, b.com)"
_ASIDE = rx(
    r"\s*[(（]\s*(?:(?:we|they|it|that|this|since|because|as|so|which|i|not|no)\b|因为|由于)"
    r"[^()（）]*[)）]"
)
_COUNTED = rx(r"\d[\d,.]*\s*[km]?\s+([a-z]{3,})\b(?!')")
_UNITS = rx(
    r"^(?:dollars?|usd|euros?|eur|yuan|rmb|cents?|percent|pounds?|gbp|days?|hours?|minutes?|"
    r"weeks?|months?|years?|seconds?|times|degrees?|and|or|to|in|on|for|then|also)$"
)
_MULTIPLE = rx(r"^(?P<field>.+?)\s+(?:is|are)\s+(?:an?\s+)?(?:exact\s+)?multiple of\s+(?P<n>\d+)")
_ZH_TYPE = rx(r"^(?P<value>[\w-]+?)\s*(?P<kind>类型|类别|级别|状态|优先级)$")
_ZH_FIELDS = {
    "类型": "type",
    "类别": "category",
    "级别": "level",
    "状态": "status",
    "优先级": "priority",
}
# "a customer on the Enterprise plan", "企业版客户": the customer's plan
_ON_PLAN = rx(
    r"\bon\s+(?:the|a|an|our|their)\s+['\"“]?(?P<value>[\w-]+)['\"”]?\s+"
    r"(?P<field>plan|tier|subscription|package|edition)\b|"
    r"(?P<zvalue>[A-Za-z0-9\u4e00-\u9fff]{1,6}?)(?P<zfield>版|套餐|会员)的?(?:客户|用户|会员)"
)
_PLAN_FIELDS = {"subscription": "plan", "package": "plan", "edition": "plan"}
# "issues in the OPS project", "INFRA项目的问题": the container the item belongs to
_IN_CONTAINER = rx(
    r"\b(?:in|from|under)\s+(?:the|our)\s+['\"“]?(?P<value>[\w-]+)['\"”]?\s+"
    r"(?P<field>project|board|workspace|team|region|repo|repository|space|department)\b|"
    r"(?P<zvalue>[A-Za-z0-9_-]+)\s*(?P<zfield>项目|团队|部门|区域|仓库|看板)(?:里|中|下)?(?:的|$)"
)
# "an @acme.io email", "a .edu address", "leads with a .edu email", "@test.cn结尾的邮箱",
# "邮箱以.org结尾的": the sender's address ends so
_DOMAIN_MAIL = rx(
    r"^(?:[a-z]+\s+(?:with|using|from)\s+)?(?:an?\s+|the\s+)?"
    r"(?P<d>[@.][a-z0-9-]+(?:\.[a-z0-9-]+)*)\s+(?:e-?mail|mail)?\s*"
    r"(?:address(?:es)?|e-?mails?|mails?)$|"
    r"^(?:(?:邮箱|邮件地址)?(?:是|为|以))?(?P<zd>[@.][a-z0-9-]+(?:\.[a-z0-9-]+)*)\s*(?:结尾|后缀|域名)?的?(?:邮箱|邮件地址|电子邮箱|邮件)?$"
)
_CONTAINER_FIELDS = {
    "repository": "repo",
    "项目": "project",
    "团队": "team",
    "部门": "department",
    "区域": "region",
    "仓库": "repo",
    "看板": "board",
}
_STOP = frozenset(
    {"the", "a", "an", "to", "in", "on", "of", "for", "and", "it", "them", "step", "me", "us", "my"}
    | {"our", "you", "your", "him", "her", "this", "that"}
)


def condition(text: str, ctx: Context) -> Condition | None:
    """``parse_condition`` with the edit-only forms: "a multiple of 100", "Bug类型", a vague
    word pinned by its bracket, a length in 字; a Chinese qualifier of the items
    ("已经付款的订单", "Bug 类型的 issue") read without the items' noun when the whole reads
    as no condition."""
    # "isn't US or CA (we can't serve them)": an aside in brackets says why, not what
    phrase = _ASIDE.sub("", text).strip(" ,，.。")
    if not phrase or _INCOMPLETE.search(phrase):
        return None
    # "short posts (under 300 words)", "短文章（少于300字）": the bracket's comparison
    pinned = bracketed(phrase, lambda inner: counted_zh(_said(inner, ctx), inner))
    if pinned is not None:
        return pinned
    # "少于300字", "posts under 300 words": the count of words
    said = counted(counted_zh(_said(phrase, ctx), phrase), phrase)
    if said is not None:
        return said
    qualifier = qualifier_of(phrase)
    if qualifier is None:
        return None
    return _said(qualifier, ctx) or state_said(qualifier)


def _said(phrase: str, ctx: Context) -> Condition | None:
    """The condition ``phrase`` (no aside, complete) says as a whole, or None."""
    m = _MULTIPLE.search(phrase)
    if m:
        words = [x for x in re.findall(r"[a-z0-9]+", m.group("field").lower()) if x not in _STOP]
        name = "_".join(words[-2:]) or "value"
        return Condition(f"{name} % {m.group('n')}", "eq", 0, phrase)
    z = _ZH_TYPE.search(phrase)
    if z:
        return Condition(_ZH_FIELDS[z.group("kind")], "eq", z.group("value"), phrase)
    plan = _ON_PLAN.search(phrase)
    if plan is not None:
        field = plan.group("field") or "plan"
        value = plan.group("value") or plan.group("zvalue") + plan.group("zfield")
        return Condition(_PLAN_FIELDS.get(field.lower(), field.lower()), "eq", value, phrase)
    mail = _DOMAIN_MAIL.search(phrase)
    if mail is not None:
        return Condition("email", "contains", mail.group("d") or mail.group("zd"), phrase)
    held = _IN_CONTAINER.search(phrase)
    if held is not None and (held.group("value") or "").lower() not in _STOP:
        field = (held.group("field") or held.group("zfield")).lower()
        value = held.group("value") or held.group("zvalue")
        return Condition(_CONTAINER_FIELDS.get(field, field), "eq", value, phrase)
    said = edit_condition(phrase) or denied_level(phrase) or denied_comparison(phrase)
    said = said or result_said(phrase)  # "the API actually returned sales", "读出来是空的"
    if said is not None:
        return said
    cond = _none_of(settled(negated_stock(parse_condition(phrase, ctx), phrase), phrase), phrase)
    monthly = _MONEY.search(phrase) is not None and _MONTHLY.search(phrase) is not None
    if cond is not None and monthly and cond.field in ("price", "value", "amount"):
        return Condition("monthly_amount", cond.op, cond.value, phrase)
    if cond is not None and _MONEY.search(phrase) and not _MONEY_FIELD.search(cond.field):
        # "the order is over $500": the order's amount
        return Condition("amount", cond.op, cond.value, phrase)
    counted = _COUNTED.search(phrase)
    if cond is None or counted is None:
        return cond
    if cond.field in ("price", "value") or _LENGTH.search(phrase) is not None:
        noun = counted.group(1).lower()
        if not _UNITS.match(noun) and noun not in phrase[: counted.start()].lower():
            # "more than 1000 followers": the counted thing is the field
            return Condition(noun, cond.op, cond.value, phrase)
    return cond


def _none_of(cond: Condition | None, phrase: str) -> Condition | None:
    """ "isn't US or CA" read as "≠ US" (or "≠ 'US或CA'"): the field equals none of the
    values, one rule each. Only short bare values count ("isn't paid or refunded yet" too)."""
    if cond is None or cond.op != "ne" or isinstance(cond.value, (tuple, list)):
        return cond
    m = _NOT_ONE_OF.search(phrase)
    if m is None:
        return cond
    vals = [v.strip(" '\"“”‘’") for v in _VALUE_SEP.split(m.group("vals").strip())]
    bare = all(re.fullmatch(r"[\w.-]{1,24}", v) for v in vals)
    first = str(cond.value).strip(" '\"“”‘’")
    if len(vals) < 2 or not bare or not first.startswith(vals[0]):
        return cond
    return Condition(cond.field, "ne", tuple(vals), phrase)
