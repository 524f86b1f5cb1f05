"""Clauses that open a case by a value, a check or a category.

Readers of "depending on the plan: basic goes to Airtable, pro to HubSpot" (one case a value
of the routed field), "check if X … if so …" (the check opens the case "if so" acts in) and a
classifier's category cases ("urgent ones to Slack", "for 'other' forward it to me"). Each
returns whether it consumed the clause; on False the builder is unchanged. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_case_clauses import category_head, fetch_for, singular
from flowsmith.planner.parse_cases import decision
from flowsmith.planner.parse_category import category_condition, looks_category
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_field_names import field_of
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder


# "depending on the plan: …", "根据用户选择的套餐：…": the field the next clauses route on
_ROUTE_BY = re.compile(
    r"^\s*(?:(?:and\s+)?(?:depending on|based on|according to|"
    r"split by|(?:route|branch)(?:\s+(?:it|them|each one|these|the \w+))?\s+by)\s+"
    r"(?:the\s+|its\s+|their\s+)?"
    r"(?P<en>[a-z][\w ]{0,30}?)|"
    r"(?:根据|依据|视|按照?)(?P<zh>[\u4e00-\u9fff\w]{1,16}?)"
    r"(?:的不同|不同|而定|来?(?:分流|分开|路由|分发|区分|处理))?)"
    r"\s*[,:：]?\s*$",
    re.IGNORECASE,
)
# "basic goes to Airtable", "基础版存到Airtable": a value of the routed field, then its action
_VALUE_CASE = re.compile(
    r"^\s*(?:and\s+)?(?:for\s+)?[\"'“‘]?(?P<v>[\w-]+(?: [\w-]+)??)[\"'”’]?\s*"
    r"(?:(?:ones|plans?|orders?|items?|customers?|leads?|tickets?|requests?|users?)\s+)?"
    r"(?=(?:go|goes|get|gets|to|should|are|is)\b|→|->|:)|"
    r"^\s*(?P<zv>[\u4e00-\u9fff\w-]{1,8}?)的?(?=存|同步|发|通知|转|推|写|记录|创建|添加|加到|放|给|在|用)",
    re.IGNORECASE,
)


def routed(b: Builder, clause: str, ctx: Context) -> bool:
    """ "depending on the plan: basic goes to Airtable, pro to HubSpot": one case a value."""
    r = _ROUTE_BY.match(clause)
    said = (r.group("en") or r.group("zh") or "") if r else ""
    steps = (lx.SORT, lx.DEDUPE, lx.CREATE_VERB, lx.READ_VERB, *lx.AGGREGATE.values())
    if r and not any(p.search(said) for p in steps):
        b.route = field_of(r.group("en") + " is" if r.group("en") else r.group("zh"), "type")
        return True
    m = _VALUE_CASE.match(clause) if b.route else None
    if m is None or b.route is None or (b.branch is not None and b.branch.closed):
        return False
    value = (m.group("v") or m.group("zv") or "").strip()
    verbs = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB)
    if not value or ctx.index.mentions(value, implicit=False) or any(v.match(value) for v in verbs):
        return False
    phrase = unmask(clause, ctx)
    b.open_case(Condition(b.route, "eq", value, phrase), phrase, same=True)
    b.add(clause_actions(clause[m.end() :], ctx) or decision(clause[m.end() :], ctx))
    return True


# "check if the domain is gmail.com and if so …": the check opens the case "if so" acts in
_CHECK_IF = re.compile(
    r"^\s*(?:and\s+)?(?:check|see|verify|determine|find out|test)\s+(?:if|whether)\s+|"
    r"^\s*(?:检查|判断|看看|确认)(?:一下)?(?=[^，,]*(?:是否|有没有))",
    re.IGNORECASE,
)
_IF_SO = re.compile(
    r"^\s*(?:and\s+)?(?:if so|if yes|if it does|if they do|if true|if that's the case|in that case|"
    r"如果是的话|如果是|是的话|如果有|有的话)\b[\s,，]*(?:就|则|then)?\s*",
    re.IGNORECASE,
)


def checked(b: Builder, clause: str, ctx: Context) -> bool:
    """ "check if X" opens a case on X; "if so, …" then acts inside that case."""
    so = _IF_SO.match(clause)
    if so and b.branch is not None and not b.branch.closed:
        b.add(clause_actions(clause[so.end() :], ctx))
        return True
    m = _CHECK_IF.match(clause)
    cond = parse_condition(re.sub("是否|有没有", "", clause[m.end() :]), ctx) if m else None
    if cond is None:
        return False
    fetch_for(b, cond, ctx)
    b.open_case(cond, unmask(clause, ctx), same=False)
    b.joined = False
    return True


def category_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "urgent ones to Slack", "for 'other' forward it to me": a classifier's category case."""
    m = lx.CATEGORY_CASE.match(clause) or _FOR_LEVEL.match(clause)
    word = (m.group(1) or m.group(2) or "").lower() if m else ""
    level = re.fullmatch(r"([a-z0-9]+)-(priority|severity|risk|value|tier)", word)
    if m is not None and level and (b.branch is None or not b.branch.closed):
        phrase = unmask(clause, ctx)
        b.open_case(Condition(level.group(2), "eq", level.group(1), phrase), phrase, same=True)
        b.add(clause_actions(clause[m.end() :], ctx))
        return True
    f = _FOR_CATEGORY.match(clause)
    if f and singular(f.group(1).lower(), ctx.categories):
        m, word = f, singular(f.group(1).lower(), ctx.categories)
    named = _NAMED_CATEGORY.match(clause)
    if m is None and named and singular(named.group(1).lower(), ctx.categories):
        m, word = named, singular(named.group(1).lower(), ctx.categories)
    if m is None:
        m, word = category_head(b, clause, ctx)
    if m is None or (b.branch is not None and b.branch.closed):
        return False
    if not (word in ctx.categories or looks_category(word) or ctx.classified):
        return False
    if word not in ctx.categories:
        ctx.categories.append(word)
    phrase = unmask(clause, ctx)
    matching = _matching_tail(b.current) if b.branch is None else []
    routed = Condition(b.route, "eq", word, phrase) if b.route and not ctx.classified else None
    b.open_case(
        routed or category_condition(word, phrase, ctx), phrase, same=True
    )  # "by priority:"
    if matching and b.branch is not None:
        b.branch.rest = matching
    b.add(clause_actions(_GETS_ONE.sub("create ", clause[m.end() :], count=1), ctx))
    return True


# "bug reports get a Linear issue": the items of a case are given a record, not read
_GETS_ONE = re.compile(r"^\s*(?:gets?|receives?)\s+(?=(?:an?|one)\s)", re.IGNORECASE)


# "bugs go to Linear", "features to Notion": a category the classifier has, by name
_NAMED_CATEGORY = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+)?([a-z][\w-]*)\s+(?=(?:go|goes|get|gets|to|should|are|"
    r"is|go to|into|on)\b|→|->|:)",
    re.IGNORECASE,
)


_MATCHING = re.compile(r"\b(?:matching|corresponding|respective|appropriate)\b|对应|相应", re.I)


def _matching_tail(steps: list[Any]) -> list[Any]:
    """Steps after a classifier that act "in the matching X" serve every category a later
    case does not name: they are taken out, to run on the branch's otherwise output."""
    last = max((i for i, s in enumerate(steps) if getattr(s, "kind", "") == "classify"), default=-1)
    tail = steps[last + 1 :] if last >= 0 else []
    if not tail or not any(_MATCHING.search(getattr(s, "phrase", "")) for s in tail):
        return []
    del steps[last + 1 :]
    return tail


# "for high-priority ones post to Slack": a level case said with "for"
_FOR_LEVEL = re.compile(
    r"^\s*(?:and\s+)?(?:only\s+)?for\s+(?:the\s+|all\s+)?([a-z0-9]+-(?:priority|severity|risk|"
    r"value|tier))()\s+(?:ones|[a-z]+s)?\b\s*[,:]?\s*",
    re.IGNORECASE,
)
_FOR_CATEGORY = re.compile(
    r"^\s*(?:and\s+)?(?:for|as for)\s+(?:the\s+)?[\"'“‘]?([\w-]+)[\"'”’]?"
    r"(?:\s+(?:ones|emails?|messages?|tickets?|items?|requests?))?\s*[,:]?\s*",
    re.IGNORECASE,
)
