"""The clauses that open a case of a branch, and the clauses that stand for a filter.

A case opens with "if …" / "when …" / "如果…" (the action after "then", a comma, "就" or
the first action verb), with a bare comparison ("under $100 refund it"), "for VIP
customers", a Chinese "…时" / "…就" / "…的商品在…" clause; it may trail its action ("text
me only if it is down", "… unless …"). "skip the ones under $5" is a filter keeping the
rest. Invariants: each reader returns None rather than guess, except
:func:`leading_condition`, which guesses a yes/no field for an explicit "if" no grammar
reads (its words name no service and no new event). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, Transform
from flowsmith.planner.parse_answers import by_doing, only_kind, zh_relative
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, TOKEN, ZH_CLAUSE_COND, Context, unmask
from flowsmith.planner.parse_for_tail import for_tail
from flowsmith.planner.parse_guards import guess_condition, negate
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.text import quote_spans

NOTHING = re.compile(
    # "其余的啥也不用做" may reach here as "也不用做" (its subject read as "其余的啥")
    r"^\s*(?:just\s+|也|都)?(?:do nothing|nothing|ignore(?: it| them)?|skip(?: it| them)?|stop|"
    r"leave (?:it|them)\b.*|不处理|"
    # "receipts up to 50 go straight in": the flow's own steps, with nothing of the case's own
    r"go(?:es)? (?:straight|right|directly) (?:in|through|ahead)|"
    # "没有就别发", "if there are none, don't send anything": the action said is not done
    r"don'?t (?:send|post|notify|do) (?:anything|it|them)|"
    r"(?:就)?(?:别|不要|不用|不必|不)(?:发|通知|提醒|处理|做)了?|"
    r"(?:are |is |can be |get |gets )?(?:ignored|skipped)|needs? nothing|no action|不用做|"
    r"(?:就|直接)?(?:忽略|跳过)(?:掉)?了?|(?:就)?(?:什么|啥)(?:都|也)(?:不用|不需要|不必|不)做?了?|"
    r"(?:就)?(?:不用|不需要|无需|别|不)(?:管|理|处理)(?:它|他们|她们|它们)?了?)\s*$",
    re.IGNORECASE,
)


def decision(action: str, ctx: Context) -> list[Any]:
    """A case whose words name no service ("自动确认", "approve it automatically") still does
    something: it records the decision on the item, so the case has its own node."""
    words = unmask(action, ctx).strip(" ,，.。")
    if len(words) < 2 or NOTHING.match(words) or parse_schedule(TOKEN.sub(" ", action)):
        return []
    return [Transform(kind="set", params={"fields": {"decision": words}}, phrase=words)]


def skipped(clause: str, ctx: Context) -> Transform | None:
    """ "skip the ones under $5": a filter that keeps the items the condition does not hold
    for (a clause that names a service is an action, not a skip)."""
    m = _SKIP.match(clause)
    if m is None or any(x.app for x in ctx.index.mentions(clause, implicit=False)):
        return None
    said = re.sub(r"(?:的\S{0,4})?(?:以外|之外)?[，,]?\s*(?:都|全部|其余)?$", "", clause[m.end() :])
    said = re.sub(r"^(?:来自|从)", "from ", said)
    said = re.sub(r"^\s*(?:where|with|whose|that|which)\s+", "", said, flags=re.IGNORECASE)
    cond = parse_condition(said, ctx)
    if cond is None:
        return None
    return Transform(kind="filter", params={"condition": negate(cond)}, phrase=unmask(clause, ctx))


def leading_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    ones = _only_ones(clause, ctx)
    if ones is not None:
        return ones
    w = _FOR_WHOM.match(clause)
    if w and not _NOT_A_KIND.fullmatch(w.group(1).lower()):
        return Condition(w.group(1).lower(), "is_true", None, w.group(0).strip(" ,:")), clause[
            w.end() :
        ]
    m = lx.IF_OPEN.match(clause) or BARE_COMPARE.match(clause) or _TOPIC_IF.match(clause)
    if m is None:
        return zh_condition(clause, ctx) if CJK.search(clause) else None
    body = topic_value(clause, m) if m.re is _TOPIC_IF else clause[m.end() :]
    only = _ONLY_THEN.match(body) if re.search(r"只有|仅当|只要", m.group(0)) else None
    if only:  # "只有优先级是紧急的才发短信"
        cond = parse_condition(only.group(1), ctx)
        if cond is not None:
            return cond, only.group(2)
    z = ZH_CLAUSE_COND.match(body) if CJK.search(body) else None
    if z:
        cond = parse_condition(z.group("c"), ctx)
        if cond is not None:
            return cond, z.group("a")
    t = lx.THEN_WORD.search(body)
    if t and t.start() > 0:
        cond = parse_condition(body[: t.start()], ctx)
        if cond is not None:
            return cond, body[t.end() :]
    starts = _action_starts(body, ctx)
    for start in starts:
        cond = parse_condition(body[:start], ctx)
        if cond is not None and complete(body[:start]):
            return cond, body[start:]
    short = _shortest(body, ctx)
    if short is not None:
        return short
    n = _AFTER_NUMBER.match(body)
    if n:
        cond = parse_condition(n.group(1), ctx)
        whole = parse_condition(body, ctx)
        rest = body[n.end() :]
        named = whole is not None and cond is not None and whole.field != cond.field
        if whole is not None and named and not clause_actions(by_doing(rest), ctx):
            return whole, ""  # "more than 40 files changed": the words name the field
        if cond is not None:
            return cond, rest
    cond = parse_condition(body, ctx)
    if cond is not None:
        return cond, ""
    if starts and not (t and t.start() > 0):
        guessed = _guessed(m.group(0), body[: starts[0]], None, ctx)
        return (guessed[0], body[starts[0] :]) if guessed else None
    return _guessed(m.group(0), body, t, ctx)


# "only posts whose title mentions 'AI' go to Discord": the items a condition picks, then
# where they go (said as the items moving, so the action is a send to that place)
_ONLY_ONES = re.compile(
    r"^\s*(?:and\s+|but\s+)?only\s+(?:the\s+)?(?P<c>[a-z]+s\s+"
    r"(?:whose|with|that|which|where|from|tagged|labell?ed|mentioning|containing)\b.+?)\s+"
    r"(?:go|goes|get|are|should|will|must)\s+(?:be\s+)?"
    r"(?:sent|posted|forwarded|pushed|shared|go)?\s*(?P<a>(?:to|into|on|in)\s+.+)$",
    re.IGNORECASE,
)


def _only_ones(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    """ "only posts whose title mentions 'AI' go to our Discord channel": (the condition,
    "send to our Discord channel")."""
    m = _ONLY_ONES.match(clause)
    if m is None:
        return None
    cond = parse_condition(m.group("c"), ctx)
    return (cond, "send " + m.group("a")) if cond is not None else None


# "…时就" ends a when-clause, but "不到8小时就" ends on its unit
_ONLY_THEN = re.compile(r"^(.+?)(?:的时候|(?<!小)时|的)?(?:才|就)(.+)$")
# "over $1000 ask my manager …": a comparison ends at its number (and unit)
_AFTER_NUMBER = re.compile(
    r"^(.*?\d[\d,.]*\s*(?:k|m|usd|eur|dollars?|euros?|%|元|万|千|块|"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|times)(?: old| ago| overdue)?)?)"
    r"\s+(?=[a-z]+\s+\S)(?!or\b|and\b|"
    r"usd\b|eur\b|dollars?\b|euros?\b|days?\b|hours?\b|minutes?\b|seconds?\b|percent\b)",
    re.IGNORECASE,
)


# "only for VIP customers, …": a kind of item the rest of the clause is for
_FOR_WHOM = re.compile(
    r"^\s*(?:and\s+)?(?:only\s+)?for\s+(?:the\s+|all\s+)?([A-Za-z][\w-]*)\s+"
    r"(?:customers|users|clients|leads|orders|contacts|members|accounts|subscribers|deals|"
    r"tickets|issues)\b\s*[,:]?\s*",
    re.IGNORECASE,
)
_NOT_A_KIND = re.compile(r"new|each|every|all|our|my|the|these|those|both|any|other|such|them")
# "under $100 refund it", "over 1000: ask for approval": a case with the comparison first
BARE_COMPARE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:for\s+)?(?=(?:the\s+|all\s+|any\s+)?"
    r"(?:(?:anything|those|ones|amounts?|orders?|items?|requests?|values?|[a-z]+)\s+)?"
    r"(?:(?:that|which|who)\s+)?(?:(?:are|is|have|has|[a-z]+ing|[a-z]+ed)\s+)?"
    r"(?:under|over|below|above|less than|more than|at least|at most|up to|older than|newer than|"
    r"younger than|greater than|fewer than|between)\s*[$€£¥]?\s*\d|"
    # "gifts of $1,000 or more need …", "orders worth 500 and up …"
    r"(?:the\s+|all\s+|any\s+|an?\s+)?[a-z]+\s+(?:of|worth)\s+"
    r"(?:(?:at least|at most)\s+(?=[$€£¥]?\s*\d)|"
    r"(?=[$€£¥]?\s*\d[\d,.]*\s*k?\s*(?:or\s+(?:more|less|higher|lower|above|below|over|under)|"
    r"and\s+(?:up|above|over)\b|\+))))",
    re.IGNORECASE,
)
# "库存为0的商品在Slack通知采购": the items a condition picks, then what to do with them
_ZH_ONES = re.compile(
    r"^(?P<c>[^，,的]{0,16}?(?:为|是|等于|大于|小于|超过|低于|高于|少于|多于|不到|不满|包含|"
    r"含有|提到|带有?(?=\s*[“\"'「‘]))[^，,的]{1,12}|"
    r"[^，,的]{0,16}?\d[^，,的]{0,3}?(?:以上|以下)|[^，,的]{0,16}?\d[^，,的]{1,10}?之间|[\u4e00-\u9fff]{2,5}?(?:高|低|中等|紧急|严重))"
    r"的(?:[\u4e00-\u9fff]{1,3}?)??(?P<a>(?:在|用|发|转|推|通知|放|存|写|记录|同步|创建|更新|添加|加到|给|把).*)$"
)
# "收到的邮件如果是发票，…": a topic, then the condition about it
_TOPIC_IF = re.compile(r"^[^，,如若]{1,10}?(?:如果|假如|要是|若是|若)\s*")


def topic_value(clause: str, m: re.Match[str]) -> str:
    """ "他填的预算要是“500万以上”，…": a topic that is a field word, then a bare value, reads
    as "预算是“500万以上”" (the field is the topic's); else the words after the if-word."""
    body = clause[m.end() :]
    topic = re.sub(r"(?:如果|假如|要是|若是|若)\s*$", "", m.group(0)).strip()
    if topic and _NOTHING_IN.fullmatch(body.strip(" ，,")):
        return topic + body  # "手机号要是没填": the topic is what holds nothing
    said = next((w for w in lx.FIELD_ZH_NAMES if topic.endswith(w)), None)
    if said is None or not re.match(r"[“\"'「‘\d]", body.strip()):
        return body
    return said + "是" + body


# an emptiness said after the if-word ("要是空的", "要是没填"): of the topic before it
_NOTHING_IN = re.compile(
    r"(?:是|为|还是|仍然)?(?:空的?|为空|没填|未填|没有填|没写)(?:写|上)?(?:的话)?"
)


# "成功就…", "已签收的就…": a Chinese case with no "如果"
_ZH_THEN = re.compile(
    r"^(?P<c>[^，,就则]{1,16}?)(?:(?P<adj>的话|的)?(?:就|则)|(?P<hua>的话))(?P<a>.*)$"
)


def zh_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    z = ZH_CLAUSE_COND.match(clause)
    if z:
        cond = parse_condition(z.group("c"), ctx)
        if cond is not None:
            return cond, z.group("a")
    o = _ZH_ONES.match(clause.strip())
    if o and not ctx.index.mentions(o.group("c"), implicit=False):
        cond = parse_condition(o.group("c"), ctx)
        if cond is not None and cond.op not in ("category", "is_true"):
            tail = clause.strip()[o.end("c") + 1 :]
            if NOTHING.match(tail):
                return cond, tail  # "1万以下的不用管": the case does nothing (not "用管")
            return cond, o.group("a")  # "库存为0的商品在Slack通知采购"
    z = _ZH_THEN.match(clause.strip())
    if z is not None and not z.group("a") and not z.group("hua"):
        z = None  # "…就" with nothing after it; "支付方式是货到付款的话" alone opens the case
    if z is None or ctx.index.mentions(z.group("c"), implicit=False):
        rel = zh_relative(clause, ctx)
        return rel if rel is not None and clause_actions(rel[1], ctx) else None
    cond = parse_condition(z.group("c"), ctx)
    if cond is None and z.group("adj") == "的" and CJK.search(z.group("c")):
        cond = Condition("status", "eq", z.group("c").strip(), z.group("c").strip())
    return (cond, z.group("a")) if cond is not None else None


# "if possible", "if you can", "如果可以的话": a courtesy, not a condition
_COURTESY = re.compile(
    r"^\s*(?:possible|needed|necessary|required|you can|you could|you like|applicable|so|"
    r"appropriate|convenient|that works|可以的话|可以|需要的话|必要的话|方便的话|有需要的话?)\s*$",
    re.IGNORECASE,
)


def _guessed(
    opener: str, body: str, then: re.Match[str] | None, ctx: Context
) -> tuple[Condition, str] | None:
    """An explicit "if" whose words no grammar reads still guards its action."""
    if not re.search(r"\b(?:if|unless)\b|如果|假如|要是|若", opener, re.IGNORECASE):
        return None
    said = body[: then.start()] if then and then.start() > 0 else body
    action = body[then.end() :] if then and then.start() > 0 else ""
    if (
        not said.strip()
        or ctx.index.mentions(said, implicit=False)
        or lx.NEW_WORD.search(said)
        or len(said.split()) > 8
        or (CJK.search(said) and len(said.strip()) > 12)
        or _COURTESY.match(said)
    ):
        return None
    cond = guess_condition(said)
    return (cond, action) if cond is not None else None


def joined_condition(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    """The second half of "if A and B, …" (split at "and"/"并且"): B, with its action."""
    body = re.sub(r"^\s*(?:and|且|而且)\s*", "", clause)
    if re.match(r"\s*(?:就|则|便|那么|then\b)", body, re.IGNORECASE):
        return None  # "…，就标记为逾期": the action of the condition before
    verbs = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.NOTIFY_WORD)
    if any(v.match(body.strip()) for v in (*verbs, lx.RESPOND)):
        return None  # "…, post the error to Slack", "…, respond with 429": an action
    acted = _condition_then_action(body, ctx)
    if acted is not None:
        return acted  # "the country is US post to Slack": the second condition, then its action
    if ctx.index.mentions(body, implicit=False) and not re.match(r"(?:and|且|而且)\b", clause):
        return None  # "…时，在Trello创建补货卡片": an action on a service, not a second condition
    t = lx.THEN_WORD.search(body)
    said, action = (body[: t.start()], body[t.end() :]) if t and t.start() > 0 else (body, "")
    cond = parse_condition(said, ctx)
    return (cond, action) if cond is not None and cond.op != "category" else None


def _condition_then_action(body: str, ctx: Context) -> tuple[Condition, str] | None:
    """A whole condition, then the action that starts after it (no "then" between)."""
    for start in _action_starts(body, ctx):
        cond = parse_condition(body[:start], ctx)
        if cond is not None and cond.op != "category" and complete(body[:start]):
            return cond, body[start:]
    return None


def _shortest(body: str, ctx: Context) -> tuple[Condition, str] | None:
    """The longest words of ``body`` that make a whole condition, when the words after them
    are actions ("the sentiment is negative escalate it by creating a Jira bug", "the stage is
    closed won create an invoice"); the actions start on a word that can start a clause."""
    for gap in reversed(list(re.finditer(r"\s+", body))):
        said, rest = body[: gap.start()], body[gap.end() :]
        if NOT_A_START.match(rest) or not complete(said):
            continue
        cond = parse_condition(said, ctx)
        if cond is not None and clause_actions(by_doing(rest), ctx):
            return cond, rest
    return None


NOT_A_START = re.compile(
    r"(?:a|an|the|of|in|to|on|at|for|with|and|or|it|them|by|from|into|as|is|are)\b|__", re.I
)


def complete(text: str) -> bool:
    """A condition that ends on its verb ("if the email mentions") still needs its value."""
    return not re.search(
        r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to|no|not|without|has|have|with|"
        r"of|a|an|the|by|for|from|via|my|our|your|their|his|her)\s*$",
        text,
    )


# "ask HR for approval", "请经理审批": where an approval step starts
_ASK_APPROVAL = re.compile(
    r"\b(?:ask|request|get|seek|need|require)\w*\b"
    r"(?=[^,;]{0,40}(?:approv|sign(?:ed|s)?[- ]?off|\bokay\b|green[- ]?light))|"
    # "the CFO has to approve in Slack first", "she must sign off"
    r"\b(?:has|have|must|needs?)\b(?=(?:\s+to)?\s+(?:approve|sign[- ]?off|okay)\b)|"
    # an obligation: "has to be approved by …", "must be signed off by …"
    r"\b(?:has|have|must|needs?|should)\b(?=(?:\s+to)?\s+(?:be|get)\s+(?:\w+\s+)?"
    r"(?:approv|sign(?:ed)?[- ]?off))|"
    r"(?:请|让|需要|交给|提交给?)(?=[^，,]{0,12}(?:审批|批准))",
    re.IGNORECASE,
)


# "switch on the fan", "turn off the lights": a device action starts there
_SWITCH_ON = re.compile(r"\b(?:switch|turn)\s+(?:on|off)\b", re.IGNORECASE)


def _action_starts(body: str, ctx: Context) -> list[int]:
    starts: set[int] = set()
    verbs = (lx.CREATE_VERB, lx.READ_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD)
    for pattern in (*verbs, lx.NOTIFY_WORD, lx.WAIT, _ASK_APPROVAL, lx.RESPOND, _SWITCH_ON):
        for m in pattern.finditer(body):
            if m.start() > 0 and not re.match(r"来|的|过", body[m.end() : m.end() + 1]):
                starts.add(m.start())  # "客户发来的投诉": a sender, not an action
    for mention in ctx.index.mentions(body):
        left = body[: mention.start]
        if lx.TO_WORD.search(left) and mention.start > 0:
            starts.add(lx.TO_WORD.search(left).start())  # type: ignore[union-attr]
    # "is 'Payroll sync'", "是'发票同步'": a verb inside a quoted name starts no action
    quotes = quote_spans(body)
    return sorted(i for i in starts if not any(a < i < b for a, b in quotes))


def trailing_condition(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    only = only_kind(clause, ctx) if not lx.FILTER.search(clause) else None
    if only is not None and clause_actions(only[0], ctx):
        return only
    for m in lx.IF_TRAILING.finditer(clause):
        if m.start() == 0:
            continue
        said = clause[m.end() :]
        cond = parse_condition(said, ctx)
        if cond is None and "only" in m.group(0).lower() and len(said.split()) <= 8:
            cond = guess_condition(said)  # "only if they opted in": explicit, so guarded
        if cond is not None:
            return clause[: m.start()], cond
    tail = for_tail(clause, ctx)
    if tail is not None and clause_actions(tail[0], ctx):
        return tail
    z = lx.ONLY_IF_ZH.search(clause)
    if z:
        cond = parse_condition(z.group(1), ctx)
        if cond is not None:
            return clause[: z.start()] + " " + clause[z.end() :], cond
    u = _UNLESS.search(clause)
    if u and u.start() > 0:
        said = clause[u.end() :]
        cond = parse_condition(said, ctx) or guess_condition(said)
        if cond is not None:
            return clause[: u.start()], negate(cond)
    return None


_UNLESS = re.compile(r"\s+(?:unless|except (?:if|when))\s+|除非", re.IGNORECASE)
# "skip the ones under $5", "ignore rows where the status is cancelled", "除了…都…"
_SKIP = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:skip|ignore|exclude|drop|filter out|leave out|discard)\s+"
    r"(?:all\s+|any\s+)?(?:the\s+)?(?:ones|those|items|rows|records|entries|messages|emails|\w+s)?\s*"
    r"|^\s*(?:and\s+|but\s+)?(?:remove|get rid of|throw out|weed out)\s+(?:all\s+|any\s+)?"
    r"(?:the\s+)?(?:ones|those|items|rows|records|entries|\w+s)?\s*(?=with|without|where|whose|"
    r"that|which|who|missing|lacking|under|over|below|above|having|older|newer)"
    r"|^\s*(?:除了|除去|排除|跳过|忽略|过滤掉)",
    re.IGNORECASE,
)
