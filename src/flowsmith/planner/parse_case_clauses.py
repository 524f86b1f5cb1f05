"""Clauses that open, answer or close a case of the branch being built: "check if X" and its
"if it does / if not", "check the total", "超过1万的，", "unless A" said alone, sizes ("small
ones … larger ones …"), "for <items> from/with …".

Invariants: each reader returns False (and changes nothing) unless its construction is the
whole clause; a case it opens holds a condition from
:func:`~flowsmith.planner.parse_conditions.parse_condition`; steps go where the builder's
``current`` points. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, CoreStep, ServiceStep
from flowsmith.planner.parse_ai_sorted import bare_category
from flowsmith.planner.parse_answers import answer, check_condition, size_case
from flowsmith.planner.parse_cases import NOT_A_START, NOTHING, complete, decision
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context, unmask
from flowsmith.planner.parse_echo_case import echoed_case
from flowsmith.planner.parse_field_names import field_of
from flowsmith.planner.parse_guards import negate
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_straight_side import repeated_steps
from flowsmith.planner.parse_tree import DraftApproval, DraftCase

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder


_NOT_SAID = re.compile(r"^\s*(?:如果)?不(?P<x>[\u4e00-\u9fff]{1,6}?)(?:的话|就|则)[\s,，]*")


def _not_said(clause: str, b: Builder) -> tuple[bool, str] | None:
    """ "不紧急的话…" / "不包含就…" after "如果是紧急的" / "如果标签包含bug就…": the other case."""
    m = _NOT_SAID.match(clause)
    case = b.branch.cases[-1].condition if b.branch is not None and b.branch.cases else None
    if m is None or case is None or m.group("x") not in (case.phrase or ""):
        return None
    return False, clause[m.end() :]


_EXCEPT = re.compile(
    r"^\s*(?:除了|除去)(?P<c>[^，,]{1,16}?)(?:的|之外|以外)+[，,]?\s*(?:其他的?|其余的?)?"
    r"(?:都|全部|全都)(?P<a>.+)$"
)


_EXCEPT_ALONE = re.compile(r"^\s*(?:除了|除去)(?P<c>[^，,]{1,16}?)(?:的|之外|以外)+(?P<a>)$")


def except_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "除了已关闭的都发到Slack": the action is for the items the condition does not hold for."""
    m = _EXCEPT.match(clause.strip()) or _EXCEPT_ALONE.match(clause.strip())
    steps = clause_actions(m.group("a"), ctx) if m and m.group("a") else []
    if m is None or (m.group("a") and not steps):
        return False
    said = m.group("c").strip()
    cond = parse_condition(said, ctx) or (
        Condition("status", "eq", said, said) if CJK.search(said) and len(said) <= 6 else None
    )
    if cond is None:
        return False
    if not m.group("a"):  # "除了优先级为低的，其他的都…": the rest is the other case
        b.open_case(cond, unmask(clause, ctx), same=False)
        return True
    b.guard_here(negate(cond), unmask(clause, ctx))
    b.add(steps)
    return True


def answers_case(clause: str) -> bool:
    """The clause answers the case before ("if not, …", "不是的话…", "不紧急的话…")."""
    return bool(answer(clause, open_case=True) or _NOT_SAID.match(clause))


def answered(b: Builder, clause: str, ctx: Context) -> bool:
    """ "if it does …" / "没有就…" after a check or a case: its yes or its other case (its yes
    said again after the other case: :func:`echoed_case`)."""
    if echoed_case(b, clause, ctx):
        return True
    if b.branch is None or b.branch.closed or b.branch.cases[-1].condition is None:
        return False
    other = lx.ELSE_OPEN.match(clause)
    if other and lx.IF_OPEN.match(clause[other.end() :]):
        return False  # "否则如果…", "otherwise if …": the next case, not the other one
    said = answer(clause, open_case=True) or _not_said(clause, b)
    if said is None:
        return False
    yes, rest = said
    steps = clause_actions(rest, ctx)
    if rest.strip(" ,，.。") and not steps and not NOTHING.match(unmask(rest, ctx)):
        return False
    if not yes:
        b.otherwise()
    b.add(steps)
    return True


def check_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "check if it has an email", "检查邮箱是否是公司邮箱": the steps after it are its case."""
    cond = check_condition(clause, ctx)
    if cond is None:
        return False
    fetch_for(b, cond, ctx)
    b.open_case(cond, unmask(clause, ctx), same=False)
    return True


_LOOK_AT = re.compile(
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:check|look at|see|inspect|examine)\s+"
    r"(?:the|its|their)\s+([a-z]+(?:\s[a-z]+)?)\s*$|^(?:先|再)?(?:看|看看|检查|查看)(?:一下)?"
    r"(?:它的|其)?([\u4e00-\u9fff]{1,4})$",
    re.IGNORECASE,
)


def looked_at(clause: str, ctx: Context) -> bool:
    """ "check the total", "先看金额": the field the next bare comparison speaks of."""
    m = _LOOK_AT.match(clause)
    if m is None or "__" in clause or ctx.index.mentions(clause, implicit=False):
        return False
    said = (m.group(1) or m.group(2) or "").lower()
    name = lx.FIELD_ZH_NAMES.get(said, said.split()[-1] if said else "")
    if not name or not re.fullmatch(r"[a-z_]+|[\u4e00-\u9fff]+", name):
        return False
    ctx.last_field = name
    return True


def qualifier_alone(b: Builder, clause: str, ctx: Context) -> bool:
    """ "超过1万的，发钉钉…": a comparison ending in 的 opens the case its next clause acts in."""
    if not (CJK.search(clause) and clause.rstrip().endswith("的")) or lx.IF_OPEN.match(clause):
        return False
    if _UNLESS_OPEN.match(clause):  # "除非邮箱是qq的": the unless reader's
        return False
    cond = parse_condition(clause.rstrip()[:-1], ctx)
    ops = (
        "gt",
        "gte",
        "lt",
        "lte",
        "between",
        "outside",
        "eq",
        "contains",
        "is_empty",
        "not_empty",
    )
    if cond is None or cond.op not in ops:
        return False
    b.open_case(cond, unmask(clause, ctx), same=True)
    return True


_UNLESS_OPEN = re.compile(r"^\s*(?:but\s+)?(?:unless|except (?:if|when)|除非)\s*", re.IGNORECASE)
# "…, but only if A", "…, as long as A", "…, provided that A": a guard said after its steps
_ONLY_IF_OPEN = re.compile(
    r"^\s*(?:but\s+)?(?:only\s+(?:if|when)|(?:as|so)\s+long\s+as|provided(?:\s+that)?|"
    r"on\s+condition\s+that)\s+",
    re.IGNORECASE,
)


def unless_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A clause that is only "unless A" ("…，除非金额为0", "除非A，否则X"): the steps the clause
    before added run when A does not hold; said first, A opens an empty case whose other
    output the "otherwise" takes."""
    m = _UNLESS_OPEN.match(clause)
    if m is None:
        return False
    return _guard_said_after(b, clause, clause[m.end() :], ctx, held=False)


def only_if_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A clause that is only "but only if A" / "as long as A" said after the clause that
    added the steps: those steps run when A holds (not beside the condition)."""
    m = _ONLY_IF_OPEN.match(clause)
    if m is None or not b.last_added or b.branch is not None:
        return False
    return _guard_said_after(b, clause, clause[m.end() :], ctx, held=True)


def _guard_said_after(b: Builder, clause: str, said: str, ctx: Context, held: bool) -> bool:
    """Guard the steps the clause before added by the condition ``said`` (its negation
    unless ``held``); with no such steps, open an empty case on it."""
    said = re.sub(r"(?<=[\u4e00-\u9fff\w.])的\s*$", "", said)  # "除非邮箱是qq.com的"
    cond = parse_condition(said, ctx)
    verbs = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.NOTIFY_WORD)
    if cond is None or (clause_actions(said, ctx) and any(v.search(said) for v in verbs)):
        return False  # "除非…就发…": an action of its own (a domain alone is no action)
    last = b.last_added
    if last and all(any(s is x for x in b.current) for s in last) and b.branch is None:
        for s in last:
            b.current.remove(s)
        holder = b.current
        b.guard_here(cond if held else negate(cond), unmask(clause, ctx))
        if not held:
            b.unless = holder[-1]
        b.add(last)
        return True
    if held:
        return False
    b.open_case(cond, unmask(clause, ctx), same=False)
    return True


_IN_WHICH_CASE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:in which case|in that case|in those cases|if so|"
    r"for (?:those|these|them|such)(?: ones| cases)?(?=[\s,，:：]|$)|"  # "…unless A; for those, Y"
    r"那样的话|这样的话|这种情况下?|那种情况下?|如果是的话|是的话|(?:这种|这类|这些)(?=[\u4e00-\u9fff]))"
    r"[\s,，:：]*(?:就|则|那就)?\s*",
    re.IGNORECASE,
)
# the items "unless" left out, named right after it: "…unless they are under 18; those get an
# email instead", "…unless it is in person — then just add it to the calendar"
_THOSE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:(?:those|these|such)(?:\s+(?:ones|people|items|cases|[a-z]+s))?"
    r"(?=\s+(?:get|gets|go|goes|are|should|need|needs|just|only|instead|will)\b)|then\b)"
    r"[\s,:]*",
    re.IGNORECASE,
)
_SAID_UNLESS = re.compile(r"\b(?:unless|except (?:if|when))\b|除非", re.IGNORECASE)


def unless_goes_on(nxt: str, b: Builder) -> bool:
    """ "…unless A; those get …", "…, unless A; for those, …", "…除非A；这种…": the next
    sentence is the other case of the open "unless" branch (or of the guard "X, unless A"
    put around X), which stays open for it."""
    br = b.unless or b.branch
    return bool(
        br is not None
        and not br.closed
        and (br is b.unless or _SAID_UNLESS.search(br.phrase))
        and (_THOSE.match(nxt) or _IN_WHICH_CASE.match(nxt))
    )


def which_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "X unless A, in which case Y" / "X，除非A，那样的话Y": Y is the case A holds for, the
    other case of the branch that guards X (its condition is A negated)."""
    m = _IN_WHICH_CASE.match(clause)
    branch = b.unless
    if branch is None and b.branch is not None and _SAID_UNLESS.search(b.branch.phrase):
        branch = b.branch
    if m is None and branch is not None:  # right after "unless A": "those get …", "then …"
        m = _THOSE.match(clause)
    if m is None or branch is None or branch.closed or len(branch.cases) != 1:
        return False
    # "those get an email …", "those go to Airtable": what the items get is sent to them
    rest = re.sub(
        r"^(?:just\s+|only\s+)?(?:get|gets)\s+(?=(?:a|an|one)\s+(?:row|entry|record|line)\b)",
        "add ",
        clause[m.end() :],
        flags=re.IGNORECASE,
    )
    rest = re.sub(
        r"^(?:just\s+|only\s+)?(?:get|gets|receive|receives)\s+|"
        r"^(?:just\s+|only\s+)?(?:go|goes)\s+(?=to\b|into\b)",
        "send ",
        rest,
        flags=re.IGNORECASE,
    )
    steps = clause_actions(rest, ctx)
    if not steps and rest.strip(" ,，.。"):
        return False  # "for those" alone: the next clauses hold the case's steps
    case = DraftCase(None)
    branch.cases.append(case)
    b.branch, b.unless, b.current, b.case = branch, None, case.steps, case
    branch.trailing = False
    b.add(steps)
    return True


def size_case_of(b: Builder, clause: str, ctx: Context) -> bool:
    """ "small orders go to #orders, large ones need approval": one case per size."""
    sized = size_case(clause)
    if sized is None or (b.branch is not None and b.branch.closed):
        return False
    cond, rest = sized
    if b.branch is None and b.approval is not None and b.approval_case is not None:
        b.branch, b.approval = b.approval_case, None  # "…, if rejected …; for smaller ones …"
    if opposite_size(b, cond):  # "deals above $10k go to Slack, smaller ones to a sheet"
        b.otherwise()
    else:
        b.open_case(cond, unmask(clause, ctx), same=True)
    b.add(clause_actions(rest, ctx) or decision(rest, ctx))
    return True


_SMALL = {"small", "tiny", "minor", "short", "cheap", "low"}


def opposite_size(b: Builder, cond: Condition) -> bool:
    """A size word after a comparison names the items the comparison leaves out."""
    br = b.branch
    last = br.cases[-1].condition if br is not None and br.cases and not br.closed else None
    if last is None or last.op not in ("gt", "gte", "lt", "lte"):
        return False
    return (str(cond.value) in _SMALL) == (last.op in ("gt", "gte"))


def for_qualified(b: Builder, clause: str, ctx: Context) -> bool:
    """ "for orders from Germany post to Slack", "for tickets with priority 1, …": the items a
    qualifier picks out get the action."""
    m = _FOR_QUALIFIED.match(clause)
    if m is None:
        return False
    body = clause[m.end() :]
    for gap in reversed(list(re.finditer(r"\s*[,:]?\s+", body))):
        said, rest = body[: gap.start()], body[gap.end() :]
        cond = parse_condition(m.group(1) + " " + said, ctx) if complete(said) else None
        steps = clause_actions(rest, ctx) if cond is not None else []
        if cond is not None and steps and not NOT_A_START.match(rest):
            b.open_case(cond, unmask(clause, ctx), same=True)
            b.add(steps)
            return True
    return False


_FOR_QUALIFIED = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:only\s+)?for\s+(?:the\s+|all\s+|any\s+)?(?!each\b|every\b)"
    r"([a-z]+)\s+(?=(?:from|with|whose|where|that|which|who|containing|mentioning|tagged|"
    r"labell?ed|marked|shipping|shipped|going|sent|delivered)\b)",
    re.IGNORECASE,
)


# "if the email exists in Mailchimp", "if they are already in HubSpot", "如果HubSpot里已有"
_EXISTS_IN = re.compile(
    r"\b(?:exists?|is|are|isn't|aren't|already)\b[^,;]{0,20}\b(?:in|on)\s+(?:our\s+|the\s+)?$|"
    r"(?:在|于)\s*$",
    re.IGNORECASE,
)


def _look_up_for(b: Builder, cond: Condition, ctx: Context) -> None:
    """A check whether the item is in an app reads that app first."""
    for mention in ctx.index.mentions(cond.phrase, implicit=False):
        app = mention.app
        if (
            app is None
            or app == ctx.trigger_app
            or not _EXISTS_IN.search(cond.phrase[: mention.start])
        ):
            continue
        reads = [
            s for s in clause_actions(f"search {mention.word}", ctx) if isinstance(s, ServiceStep)
        ]
        b.add(reads)


# "…fewer than 40 hours in Toggl", "…overdue tasks in Asana": the data is kept in that app
_KEPT_IN = re.compile(r"\b(?:in|on|from)\s+(?:the\s+|our\s+|their\s+)?$", re.IGNORECASE)


def read_kept_in(b: Builder, cond: Condition, ctx: Context) -> None:
    """A condition on data kept in another app ("everyone who has logged fewer than 40 hours
    in Toggl") reads that app before the check, unless a step already did."""
    for mention in ctx.index.mentions(cond.phrase, implicit=False):
        app = mention.app
        if (
            app is None
            or app == ctx.trigger_app
            or not _KEPT_IN.search(cond.phrase[: mention.start])
        ):
            continue
        if any(isinstance(s, ServiceStep) and s.app == app for s in b.current):
            continue
        b.add([s for s in clause_actions(f"get {mention.word}", ctx) if isinstance(s, ServiceStep)])


def fetch_for(b: Builder, cond: Condition, ctx: Context) -> None:
    """ "if the temperature from <url> …": the URL is fetched before it is compared; "if the
    email exists in Mailchimp": Mailchimp is searched before the check."""
    m = re.search(r"__url(\d+)__", cond.phrase)
    if m is None:
        _look_up_for(b, cond, ctx)
        return
    url = ctx.urls[int(m.group(1))]
    if any(isinstance(s, CoreStep) and s.params.get("url") == url for s in b.current):
        return
    b.add([s for s in clause_actions(f"get {m.group(0)}", ctx) if isinstance(s, CoreStep)])


# "technical creates a Jira issue", "咨询的自动回复": a category, then any action
_CATEGORY_HEAD = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+|all\s+)?([a-z][\w-]*)(?:\s+(?:ones|tickets?|emails?|messages?|"
    r"items?|requests?|issues?|leads?))?\s+(?=[a-z])|"
    r"^\s*([\u4e00-\u9fff]{1,4}?)类?的(?:邮件|消息|工单|请求|问题)?(?![的是])",
    re.IGNORECASE,
)


# "bug在Linear建问题", "表扬发到Slack": a category the classifier has, then where it goes
_ZH_NAMED_CATEGORY = re.compile(
    r"^\s*([\w\u4e00-\u9fff-]{1,8}?)类?(?=在|发|转|推|存|写|记录|同步|创建|添加|加到|给|交给|通知)"
)

# "发票类记到…", "咨询类回到…": a category the classifier has, marked by the class word 类
_ZH_CLASS_HEAD = re.compile(r"^\s*([\u4e00-\u9fff]{1,4}?)类(?![型别])")


def category_head(b: Builder, clause: str, ctx: Context) -> tuple[re.Match[str] | None, str]:
    """A clause led by a category the classifier has ("technical creates …"), or in Chinese by
    "X的" while a category case is open ("投诉的转给主管，咨询的自动回复"): (match, category)."""
    m = _CATEGORY_HEAD.match(clause)
    named = _ZH_NAMED_CATEGORY.match(clause) or _ZH_CLASS_HEAD.match(clause)
    if named and named.group(1).lower() in ctx.categories:
        return named, named.group(1).lower()  # "bug在Linear建问题": a category said bare
    if m is None:
        return bare_category(clause, ctx)  # "Bugs -> …": the category said alone
    if m.group(1):
        word = singular(m.group(1).lower(), ctx.categories)
        return (m, word) if word else (None, "")
    open_ = b.branch is not None and not b.branch.closed and bool(b.branch.cases)
    last = b.branch.cases[-1].condition if open_ and b.branch is not None else None
    zh = m.group(2)
    listed = last is not None and (last.op == "category" or last.field == "sentiment")
    if zh in ctx.categories or listed:  # "正面的…，负面的…": the next of the open list
        if zh not in ctx.categories:
            ctx.categories.append(zh)  # the next category of the open case list
        return m, zh
    return None, ""


def singular(word: str, categories: list[str]) -> str:
    """``word`` or its singular when it names one of ``categories`` ("bugs" -> bug), else ""."""
    for form in (word, re.sub(r"ies$", "y", word), re.sub(r"e?s$", "", word), word[:-1]):
        if form in categories:
            return form
    return ""


# "3 or 4 stars post to Slack", "5 stars: add to Airtable", "3到4星的发到钉钉": the next case
# of a branch on a number, said by its value alone
_VALUE_ALONE = re.compile(
    r"^\s*(?:and\s+)?(?:for\s+|with\s+)?(?:(?:a|an|the)\s+)?"
    r"(?:(?P<f>[a-z]+?)s?\s+of\s+)?(?:(?P<zf>评分|打分|分数|评星|星级)(?:为|是)?|打了?|给了?|评了?)?"
    r"(?P<a>\d+(?:\.\d+)?)(?:\s*(?P<u1>颗星|星|分(?!钟)))?"
    r"(?:\s*(?P<how>or|and|to|-|–|或|和|、|到|至)\s*(?P<b>\d+(?:\.\d+)?))?\s*"
    r"(?P<u>stars?|points?|颗星|星|分(?!钟))?(?:的话|的)?\s*(?:[:,：，]|->|→)?\s*(?=\D)",
    re.IGNORECASE,
)
# the field a value's unit or measure word says when no case came before ("打1分的", "5星的")
_UNIT_FIELD = {"分": "score", "评分": "score", "打分": "score", "分数": "score", "point": "score"}
# "岁及以上", "元以下", "天以内" after the number: the value bounds a range
_COMPARED_AFTER = re.compile(r"^\s*[\u4e00-\u9fff]{0,2}?(?:及|或)?(?:以上|以下|以内|之内)")
_NUMERIC = ("eq", "lt", "lte", "gt", "gte", "between", "in")


def value_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A value, then an action, after a case on a number: a case on that same field; with
    its measure ("a score of 9 or 10 gets …", "ratings of 1 or 2 …"), a case on it."""
    m = _VALUE_ALONE.match(clause)
    last = b.branch.cases[-1].condition if b.branch is not None and b.branch.cases else None
    if m is None or (b.branch and b.branch.closed):
        return False
    said_unit = (m.group("zf") or m.group("u1") or m.group("u") or "").lower().rstrip("s")
    if m.group("f"):
        field = field_of(m.group("f") + " is", "value")
    elif last is not None and last.op in _NUMERIC and isinstance(last.value, (int, float, tuple)):
        field = last.field
    elif said_unit and (b.branch is None or not b.branch.cases):
        field = _UNIT_FIELD.get(said_unit, "rating")  # "打1分的…": the first case says its measure
    else:
        return False
    rest = clause[m.end() :]
    if _COMPARED_AFTER.match(rest):
        return False  # "18岁及以上的…": a comparison, not the value alone
    steps = clause_actions(rest, ctx) or clause_actions(_VERB_OF_CASE.sub("", rest, count=1), ctx)
    if not steps:
        return False
    said = unmask(clause[: m.end()], ctx).strip(" ,，:：")
    a, other = _number(m.group("a")), m.group("b")
    cond = Condition(field, "eq", a, said)
    if other is not None:
        either = (m.group("how") or "").lower() in ("or", "and", "或")
        cond = Condition(field, "in" if either else "between", (a, _number(other)), said)
    b.open_case(cond, unmask(clause, ctx), same=True)
    b.add(steps)
    return True


# "gets the person added to …", "sends a thank-you email": the case's verb before its action
_VERB_OF_CASE = re.compile(
    r"^\s*(?:should|will|must)?\s*(?:gets?|are|is|goes|go)\s+(?:the\s+\w+\s+|them\s+|it\s+)?",
    re.IGNORECASE,
)


def _number(said: str) -> int | float:
    return float(said) if "." in said else int(said)


# "… and add a Notion page when it is not", "…，不是的时候发邮件": the other case, said after
# its action
_WHEN_NOT = re.compile(
    r"\s+(?:when|if|whenever)\s+(?:(?:it|they|that|this)\s*(?:is|are|does|do|did|was|were|'s|’s|"
    r"'re|’re)(?:n't|n’t|\s+not)|not)\s*$|^\s*(?:不是|没有|不)的?(?:时候|时|话)[,，]?\s*",
    re.IGNORECASE,
)


def when_not_case(b: Builder, clause: str, ctx: Context) -> bool:
    """The action of the other case of the open branch, its "when not" after or before it."""
    m = _WHEN_NOT.search(clause)
    if m is None or b.branch is None or b.branch.closed or not b.branch.cases:
        return False
    action = clause[: m.start()] + clause[m.end() :]
    steps = clause_actions(re.sub(r"^\s*and\s+", "", action), ctx)
    if not steps:
        return False
    b.otherwise()
    b.add(steps)
    return True


# "smaller ones go straight in", "1万以下的直接建任务": the other case does what the approval
# would have let through, without asking
_STRAIGHT = re.compile(
    r"\b(?:straight|directly|right away|without (?:any )?approval)\b|直接|无需审批|不用审批",
    re.IGNORECASE,
)


def straight_case(b: Builder, clause: str, ctx: Context) -> bool:
    """After an approval asked inside a case, a clause that says "straight"/"直接" is that
    branch's other case: its own action if it names one, else the approved path's writes;
    the approved steps it names again when it names no other service."""
    asked = b.approval_case
    m = _STRAIGHT.search(clause)
    if m is None or b.approval is None or asked is None or asked.closed:
        return False
    approvals = [s for s in asked.cases[-1].steps if isinstance(s, DraftApproval)]
    if not approvals:
        return False
    said = clause[: m.start()] + " " + clause[m.end() :]
    own = [s for s in clause_actions(said, ctx) if not _drafted(s)]
    approved = list(approvals[-1].approved)
    steps = own if _names_a_service(said, ctx) else approved
    steps = repeated_steps(approved, own, said) or steps  # "直接建日历发短信": the same steps
    if not steps:
        return False
    b.branch, b.approval = asked, None
    b.otherwise()
    b.add([s for s in steps if not _drafted(s)])
    return True


def _drafted(step: object) -> bool:
    return type(step).__name__.startswith("Draft")


def _names_a_service(text: str, ctx: Context) -> bool:
    return any(x.app for x in ctx.index.mentions(text, implicit=False)) or bool(
        lx.EMAIL_WORD.search(text)
    )
