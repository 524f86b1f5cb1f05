"""Reading conditional edits: "only post to Slack if the total is below 1000", "if the budget
is over 10000 also create a deal in Salesforce", "skip posts whose title contains 'ad'",
"只处理优先级为High的问题", "cold leads (score under 30) get …, the rest …", "正面的工单记录到…".

Invariants: one ``add_guard`` op per request at most, and only when a condition parses
(:func:`flowsmith.planner.parse_conditions.parse_condition`, with the workflow's classifier
categories and AI steps as context); the op carries the IF rule as built, the existing steps
it guards (``subject``) or the new steps behind it (``steps``), and what runs otherwise
(``else_subject`` / ``else_steps``). Services come from the catalog (:mod:`edit_catalog`);
only connectives and verbs are written here. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Workflow
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_guard_join as gj
from flowsmith.planner import edit_guard_skip_words as sw
from flowsmith.planner import edit_read
from flowsmith.planner import lexicon as lx
from flowsmith.planner import vocab as v
from flowsmith.planner.compile_state import combine_of, field_ref, if_rule, if_rules
from flowsmith.planner.edit_conditions import (
    level_value,
)
from flowsmith.planner.edit_guard_condition import condition
from flowsmith.planner.edit_guard_denied import kind_said, with_denial
from flowsmith.planner.edit_guard_kind import (
    ALSO_PART as _ALSO_PART,
)
from flowsmith.planner.edit_guard_kind import (
    FIELD_IS as _FIELD_IS,
)
from flowsmith.planner.edit_guard_kind import (
    NEW_CAT_NAMED as _NEW_CAT_NAMED,
)
from flowsmith.planner.edit_guard_kind import (
    ZH_SUBJECT_IF as _ZH_SUBJECT_IF,
)
from flowsmith.planner.edit_guard_kind import (
    only_kind,
    paren_pair,
    since_column,
)
from flowsmith.planner.edit_guard_mentions import cut_mentions
from flowsmith.planner.edit_guard_now import now_op, without_now
from flowsmith.planner.edit_guard_op import Guard, guard_op
from flowsmith.planner.edit_guard_said import OTHERS_SAID as _OTHERS_SAID
from flowsmith.planner.edit_guard_said import topic_if as _topic_if
from flowsmith.planner.edit_guard_skip_and import skip_and
from flowsmith.planner.edit_guard_steps import existing_steps, steps_in
from flowsmith.planner.edit_guard_still import kept_then_also
from flowsmith.planner.edit_guard_that import items_that
from flowsmith.planner.edit_route import adopt_field, route
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context
from flowsmith.planner.plan import EditOp
from flowsmith.planner.services import index_of

Span = tuple[int, int]


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_PARTS = rx(
    r"[;；。\n]|[,，]\s*(?:and\s+|but\s+)?(?=the rest\b|others?\b|otherwise\b|everything else\b|"
    r"anything else\b|all other|其他|其余|其它|否则|剩下|不然|别的|"
    r"(?:较|更)?(?:短|长|小|便宜|贵|少|旧)(?:一些|一点|点)?的|"
    r"(?:ignore|skip|drop|discard)\s+(?:all\s+)?(?:the rest|the others|others|everything else)\b)|"
    r"[，,]\s*(?=如果|假如|要是)|"
    r"[,，]\s*(?=并且|而且|然后|同时|另外|and then\b|then\b)|"
    r"\s+and\s+(?=(?:only|just|never|don'?t|do not|skip)\b)|"
    # "…, and hot leads also get an email": other items, with their own act
    r"[,，]\s*and\s+(?=(?:the\s+)?(?:[a-z][\w-]*\s+)?[a-z][\w-]*s\s+(?:also|too)\s)|"
    r"[,，]\s*(?=[^,，;；]{0,12}(?:还是|保持|仍然|依然|照旧|照常|照样|照发|\bkeeps?\b|\bstill\b|"
    r"\bstays?\b))|"
    # "…, not stories or tasks. the slack ping stays for every issue": a sentence keeping a step
    r"\.\s+(?=[^.]{0,40}?\b(?:stays?|keeps?|still|remains?)\b)|"
    # "… more than 100 followers. everyone else: …", "…. if it came back empty, …"
    r"\.\s+(?=(?:and\s+|but\s+)?(?:" + _OTHERS_SAID + r"))"
)
# "only post to Slack if …", "only process tickets whose …"
_ONLY = rx(r"^\s*(?:please\s+)?(?:only|just)\s+(?P<rest>.+)$")
# "alert only for workflows whose …", "post only when …": the act, then "only" and the condition
_ACT_ONLY = rx(r"^\s*(?P<act>[a-z][\w' -]*?)\s+only\s+(?P<rest>(?:for|when|if|where|whose)\s.+)$")
_ONLY_SEP = (
    rx(r"\s+(?:if|when|whenever|in case)\s+"),
    rx(r"\s+(?:for|where|whose|with|that|which|who)\s+"),
    rx(r"\s+(?:on|about)\s+(?=(?:the\s+)?(?:failures?|errors?|crash(?:es)?)\b)"),
)
# "if the budget is over 10000 (then|,|also) create …"
_NEGATED = rx(
    r"^\s*(?:then\s+|就)?(?:don'?t|do not|never|no need to|skip|"
    r"不要|不用|别|不再|无需|不必|跳过)\s*|"
    r"^[\u4e00-\u9fff]{1,6}?(?:就|都|也|则)?(?:不要|不用|别再?|不再|无需|不必)|"  # "线索不要发邮件"
    r"^(?:就|都|则)?不(?=记|存|发|写|保存|同步|通知|推送|加|添加|录入|转发)"  # "就不记到表格里"
)
_ITEMS_LEAD = rx(
    r"^的?(?:工单|邮件|消息|请求|订单|问题|线索|客户|评论|反馈|任务|文章|用户|帖子|告警)[，,]\s*"
)
_OTHERWISE = rx(r"^\s*(?:otherwise|else|否则|不然|要不然)")
_ITEMS = rx(r"^(?:the\s+)?[a-z]+s\s+(?:from|in|over|under|above|below|with)\s")
_DONT = rx(r"^\s*(?:please\s+)?(?:don'?t|do not|never|no need to)\s+(?P<rest>.+)$")
_IF = rx(r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:if|when|whenever|in case)\s+(?P<rest>.+)$")
_ZH_IF = rx(
    r"^(?:如果|假如|要是|若是|若|当|一旦|只有当?|仅当|只要)(?P<cond>.+?)"
    r"(?:(?:的话|时|的时候)(?:[，,]\s*|就|则|才|再)?|[，,]\s*|就|则|才|再)(?P<act>.+)$"
)
# "send the email only if …", "post it to Telegram too, but only if …", "…, but only for posts
# longer than 1000 words" (the items the step is for, said with their condition)
_TRAILING = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:but\s+)?(?:(?:only\s+)?(?:if|when|whenever|as long as|provided)|"
    r"only\s+for)\s+(?P<cond>.+)$"
)
# "post to Slack unless the total is under 10": the step on the false output
_UNLESS = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:unless|except (?:when|if|for))\s+(?P<cond>.+)$|"
    r"^(?P<zact>.+?)[，,]?\s*除非(?P<zcond>.+)$"
)
# "价格低于100时才发邮件"
_ZH_THEN = rx(r"^(?P<cond>.+?)(?:时|的时候|的话)[，,]?\s*(?:才|就|再)?(?P<act>.+)$")
# "change the condition to …", "把过滤条件改成…": the existing check, with a new rule
# "nightly-cleanup工作流报错就别提醒了", "5000以下的合同不用记录": a condition, then a denied act
_ZH_DENIED = rx(
    r"^(?P<cond>[^，,]+?)(?:的话|时|的时候)?\s*(?:就|都|也|则)?"
    r"(?P<act>(?:不要|不用|别再?|无需|不必|不需要)[^，,]+?了(?:[，,][^，,]+)?|"
    r"(?:不要|不用|别再?|无需|不必|不需要)[^，,]+)$"
)
_NEW_RULE = rx(
    r"^\s*(?:please\s+)?(?:change|set|update|make)\s+(?:the\s+)?(?:condition|filter|check|rule)"
    r"\s+(?:to|so (?:that|it checks)(?: that)?)\s+(?P<cond>.+)$|"
    r"^(?:把|将)?(?:过滤|筛选|判断)?(?:条件|规则|过滤|筛选)(?:改成|改为|换成|设为|设置为)(?P<zcond>.+)$"
)
_ZH_ONLY_IF = rx(
    r"^(?P<pre>.*?)(?:只有|仅当|仅在|只在)(?P<cond>.+?)(?:时|的时候)?(?:才|就)(?P<act>.+)$"
)
# "只处理优先级为High的问题", "只统计Bug类型的问题"
_ZH_ONLY = rx(
    r"^(?:只|仅)(?:处理|统计|保留|要|看|同步|关注|考虑|管|发送|发|推送|转发|通知|提醒|报警|告警)"
    r"(?P<cond>.+)的"
    r"(?P<what>[^的]{1,8})$"
)
# a connective a part starts with ("，并且只发送…")
_LEAD = rx(
    r"^(?:再|还要)?(?:加|添加|增加|新增)(?:一个|个)?(?:条件|判断|过滤|检查)\s*[：:，,]\s*|"
    r"^(?:please\s+)?add (?:a |another |one more )?(?:condition|filter|check)\s*[:：,]\s*|"
    r"^(?:并且|而且|然后|同时|另外|再|and then\s+|then\s+)\s*|"
    # "before classifying, throw away …": the check goes before the steps (a flow filter)
    r"^\s*before\s+[a-z]+ing(?:\s+(?:it|them|the \w+))?\s*[,，]\s*|"
    r"^[\u4e00-\u9fff]{1,6}(?:之前|以前)[，,]?\s*|"
    r"^\s*instead of [^,，]+[,，]\s*(?=only\b|just\b)"  # "instead of posting every article, only …"
)
# "cold leads (score under 30) should get …"
_PAREN = rx(r"^(?P<pre>[^()（）]*)[(（](?P<cond>[^()（）]+)[)）](?P<act>.*)$")
# "for 'other' emails, forward them …", "for billing tickets: …"
_FOR_CAT = rx(
    r"^\s*for\s+(?:the\s+|all\s+)?['\"“‘]?(?P<cat>[\w-]+)['\"”’]?\s+(?:ones|emails?|messages?|"
    r"tickets?|items?|leads?|issues?|orders?|posts?|requests?|alerts?|cases?)\s*[,，:：]?\s*"
    r"(?P<act>.+)$"
)
# "add a category 'refund' that emails billing", "增加一个'退款'分类，转发给财务"
_NEW_CAT = rx(
    r"^\s*(?:please\s+)?(?:add|create|introduce)\s+(?:a\s+|another\s+|one more\s+)?"
    r"(?:(?:new|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+)?"
    r"(?:category|class|type|label|bucket|case)\s*[,:：]?\s+(?:for\s+|called\s+|named\s+)?['\"“‘]?"
    r"(?P<cat>[\w-]+)['\"”’]?\s*(?:that|which|to|where|,|:|and)?\s*(?P<act>.*)$|"
    r"^(?:增加|添加|新增|加)一?个?['\"“‘]?(?P<zcat>[^'\"”’，,]{1,8}?)['\"”’]?(?:类别|分类|类)"
    r"[，,：:]?\s*(?P<zact>.*)$"
)
# "warning-level alerts should create a Jira ticket", "high priority tickets go to Jira":
# a value of the field the workflow already branches on qualifies the items
_LEVEL_ITEMS = rx(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?['\"“‘]?(?P<cat>[a-z][\w-]*?)['\"”’]?"
    r"(?:[- ](?:level|priority|severity|tier|grade|type|status))?\s+(?:ones|alerts?|tickets?|"
    r"issues?|items?|orders?|leads?|requests?|messages?|e-?mails?|events?|incidents?|cases?|"
    r"tasks?|deals?|bugs?|errors?|warnings?|notifications?|submissions?|customers?|users?)"
    r"\s*(?:[,，:：]|->|→)?\s*(?:should\s+|must\s+|will\s+|need to\s+|are to\s+)?"
    r"(?P<act>(?:(?:just|only|also|then)\s+)?(?:go|get|create|open|file|raise|post|send|page|call|text|notify|add|log|"
    r"email|message|ping|alert|escalate)\b.*)$"
)
# "leads from Germany should go to Pipedrive", "orders over $500 must be approved"
_ITEMS_SHOULD = rx(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|any\s+|the\s+)?(?P<cond>[a-z][\w-]*\s+(?:from|over|under|"
    r"tagged|labell?ed|"
    r"above|below|with|whose|where|in|of|worth|costing|more than|less than)\s+.+?)\s+"
    r"(?:should|must|will|need to|needs to|are to|have to|has to)(?P<neg>n't|\s+not|\s+never)?"
    r"\s+(?:be\s+|also\s+)*(?P<act>.+)$"
)
# "route high priority tickets to Jira", "send low-priority ones to email instead of Teams"
_VERB_LEVEL = rx(
    r"^\s*(?:please\s+)?(?P<verb>route|send|forward|move|push|put|post|escalate)\s+(?:all\s+|the\s+)?"
    r"(?P<cat>[a-z][\w-]*?)(?:[- ](?:level|priority|severity|tier|grade|type|status))?\s+"
    r"(?:ones|alerts?|tickets?|issues?|items?|orders?|leads?|requests?|messages?|e-?mails?|"
    r"events?|incidents?|cases?|tasks?|deals?|bugs?)\s+(?P<act>(?:to|into|in|on|via)\s+.+)$"
)
# a part saying a case stays as it is ("critical keep SMS", "紧急的还是发短信")
_KEEP = rx(
    r"\b(?:keeps?|still|stays?|remains?|as before|as is|unchanged|same as now)\b|"
    r"保持|还是|仍然|依然|照旧|照常|照样|照发|不变|继续"
)
# after a denial: "<old>, <new> instead", "<old>，改成<new>", "<old>，用<new>", "<old>, just <new>"
_DONT_BUT = rx(
    r"^(?P<o1>.+?)[,，;；]\s*(?:(?:but|and|just|only|rather)\s+)*(?P<n1>.+?)\s+instead\s*$|"
    r"^(?P<o2>.+?)了?[,，;；]\s*(?:而是|改成|改为|改用|换成|直接|只|就|用|通过)(?P<n2>.+)$|"
    r"^(?P<o3>.+?)[,，;；]\s*(?:but\s+)?(?:just|only|rather)\s+(?P<n3>.+)$|"
    r"^(?P<o4>.+?)了?[,，]\s*(?P<n4>(?:给|帮)我.+)$|"
    r"^(?P<o5>[^，,]+?)了[,，]\s*(?P<n5>[^，,]+)$"  # "别发Discord了，发邮件给我"
)
_DENIED = rx(r"\b(?:not|never|no longer)\b|n't\b|不要|不用|别再?|不再|无需|不必")
_ONLY_WORD = rx(r"^\s*(?:should\s+|must\s+)?(?:only|just)\b|^\s*(?:只|仅)")
_INSTEAD = rx(
    r"\binstead\b|\brather than\b|代替|替换|换成|改成|改走|而不是|"
    # "…go to Freshdesk now, not Zendesk", "move … off Zendesk and onto Freshdesk"
    # (a "now" said before "not" is already cut: "…go to Freshdesk not Zendesk")
    r"\b(?:to|in|on|into|via)\s+[\w.-]+[,，]?\s+(?:and\s+)?not\s+(?:to\s+|in\s+|on\s+|via\s+)?"
    r"[\w.-]+\s*[.!]?\s*$|"
    r"\boff\s+\w+\s+(?:and\s+)?onto\b"
)
# "正面的工单记录到…": a category word qualifying the items
_ZH_CAT = rx(
    r"^(?P<cat>[\u4e00-\u9fffA-Za-z-]{1,6}?)(?:(?P<kind>类|类型)的?|的)(?:工单|邮件|消息|请求|订单|问题|线索|客户|"
    r"评论|反馈|任务)?(?P<act>.+)$"
)
# verbs that act on the whole flow ("only process …"), not on one step
_FLOW_VERBS = rx(
    r"\b(?:process|handle|run|consider|keep|count|sync|import|track|include|take)\w*\b|"
    r"处理|统计|保留|同步|关注|考虑|管|跳过|忽略|排除|过滤"
)
# where an action starts inside "if <condition> <action>"
_ACT_START = rx(
    r"[,，]|\bthen\b|\balso\b|\b(?:ask|have|let|require|request|need|get|send|post|create|add|"
    r"notify|email|e-mail|mail|text|call|ping|forward|alert|tell|message|open|file|log|record|"
    r"save|store|write|update|mark|move|assign|wait|approve|page|escalate|remind|share)\b"
)
# an "otherwise" part: "the rest …", "smaller purchases … directly", "其他的…"
_ELSE = rx(
    r"^\s*(?:and\s+|but\s+)?(?:the rest|others?\b|otherwise|everything else|anything else|"
    r"all other|else|否则|不然|其他|其余|其它|剩下|别的)|^\s*(?:and\s+|but\s+)?(?:"
    + _OTHERS_SAID
    + r")|"
    r"^\s*(?:and\s+)?(?:ignore|skip|drop|discard)\s+(?:all\s+)?(?:the rest|the others|others|"
    r"everything else)\b|\bdirectly\b|\bstraight away\b|直接|"
    r"^\s*(?:smaller|larger|bigger|lower|higher|cheaper|less|more|older|newer|shorter|longer)\b|"
    r"^(?:较|更)?(?:短|长|小|大|便宜|贵|低|高|少|多|旧|新)(?:一些|一点|点)?的"
)
_DESTINATION = rx(r"\s+(?:to|in|on|into|via)\s+(?:the\s+|my\s+|our\s+)?[\w#@.-]+(?:\s+\w+)?\s*$")
_SYMBOL = {
    "equals": "=",
    "not_equals": "≠",
    "greater_than": ">",
    "less_than": "<",
    "contains": "contains",
}


def read_guard(text: str, current: Workflow) -> tuple[EditOp | None, list[Span]]:
    """The ``add_guard`` op ``text`` asks for (None when no condition parses) and the spans of
    ``text`` it used (so the other readers do not read its services again)."""
    ctx = context_of(current)
    parts = [_after_replacement(text, span, ctx, current) for span in _parts(text)]
    for i, (a, b) in enumerate(parts):
        part, now = without_now(_topic_if(_LEAD.sub("", text[a:b].strip())))
        part = _as_for(part, ctx, current)  # "<items> are <kind>: don't <old>, just <new>"
        mention = cut_mentions(part)  # "billing emails that mention a chargeback …"
        guard = guard_in(mention[0], ctx, current) if mention is not None else None
        if guard is None or guard.category is None:
            guard, mention = guard_in(part, ctx, current), None
        guard, spans = _with_next(text, parts[i:], part, guard, ctx, current)
        if guard is None:
            continue
        rest = parts[i + len(spans) :]
        still: list[Span] = []
        kept: list[str] = []
        act: Span | None = None
        if len(spans) == 1 and not guard.act.strip() and not guard.flow:
            # "少于5个的话，Teams照发，另外再发邮件…": the kept steps run on every path
            still, kept, act = kept_then_also(text, rest, current)
        if act is not None:
            guard = replace(guard, act=_LEAD.sub("", text[slice(*act)].strip()))
            rest = [x for x in rest if x[0] >= act[1]]
            spans += [*still, act]
        elif (
            len(spans) == 1
            and not guard.act.strip()
            and not guard.flow
            and rest
            and _ALSO_PART.match(text[slice(*rest[0])])
        ):
            # "合同金额超过100万的，另外发邮件给…": the qualifier's act is the next part
            guard = replace(guard, act=_LEAD.sub("", text[slice(*rest[0])].strip()))
            spans.append(rest[0])
            rest = rest[1:]
        guard, denied = with_denial(text, rest, guard, current)  # "…, and don't insert it"
        spans += denied
        rest = rest[len(denied) :]
        other = ""
        for na, nb in rest:
            if _ELSE.search(text[na:nb]):
                other = text[na:nb]
                spans.append((na, nb))
                break
            if not _KEEP.search(text[na:nb]):
                break
            spans.append((na, nb))  # "critical keep SMS": a case that stays as it is
            kept += steps_in(text[na:nb], current)[0]
        op = guard_op(replace(guard, other=other), current)
        op.keep = [x for x in [*op.keep, *kept] if x not in (op.subject or "").split("|")]
        op.also_rule = mention[1] if mention is not None else None
        if guard.needs_route and route(current, op) is None:
            continue
        return (now_op(op, current) if now else op), spans
    return None, []


def _as_for(part: str, ctx: Context, current: Workflow) -> str:
    """``part`` read as "for <items>, <act>" when it says "<items> are <kind>: <act>" and
    that reading sends the items to a new step instead of an old one."""
    said = kind_said(part)
    if said is None:
        return part
    guard = guard_in(said, ctx, current)
    return said if guard is not None and guard_op(guard, current).where == "instead" else part


def _with_next(
    text: str, parts: list[Span], part: str, guard: Guard | None, ctx: Context, current: Workflow
) -> tuple[Guard | None, list[Span]]:
    """``guard`` read from ``part`` (the words of ``parts[0]``), or from it and the next part
    when ``part`` only qualifies the items and the next goes on with "另外/also …"."""
    first = parts[0]
    if len(parts) < 2 or not gj.continues(text[parts[1][0] : parts[1][1]]):
        return guard, [first]
    if not _items_only(part, guard, ctx):
        return guard, [first]
    act = _LEAD.sub("", text[parts[1][0] : parts[1][1]].strip())
    both = guard_in(gj.joined(part, act), ctx, current)
    if both is not None and _acts(both, current):
        return both, [first, parts[1]]
    return guard, [first]


def _acts(guard: Guard | None, current: Workflow) -> bool:
    """Whether ``guard`` says what to do: a step its action names, or the whole flow."""
    if guard is None:
        return False
    return guard.flow or guard.replaces or any(steps_in(guard.act, current))


def _items_only(part: str, guard: Guard | None, ctx: Context) -> bool:
    """Whether ``part`` says a condition and no step ("金额超过1万的合同", "if it is over 500")."""
    if any(steps_in(part, Workflow())):
        return False
    bare = re.sub(r"^\s*(?:如果|假如|要是|if|when)\s*", "", part, flags=re.IGNORECASE)
    return guard is not None or condition(bare, ctx) is not None


_CLAUSE_COMMA = rx(r"[,，]")
_SWAP = rx(r"\binstead\b|\brather than\b|\breplace\b|\bswap\b|换成|改成|改用|换用|改为|替换|代替")


def _after_replacement(text: str, span: Span, ctx: Context, current: Workflow) -> Span:
    """``span`` without a leading replacement clause that says no condition ("Use Asana
    instead of monday.com, and only for issues in the OPS project"): the replacement is the
    replace reader's and runs for every item; only the rest can be the guard's."""
    a, b = span
    m = _CLAUSE_COMMA.search(text, a, b)
    if m is None or not text[m.end() : b].strip():
        return span
    lead = text[a : m.start()]
    swaps = _SWAP.search(lead) is not None and any(ec.mentions(lead.lower()))
    if not swaps and not any(p.search(lead.lower()) for p, _ in v.REPLACE):
        return span
    if guard_in(lead, ctx, current) is not None:
        return span
    return (m.end(), b)


def _parts(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _PARTS.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def context_of(current: Workflow) -> Context:
    """The condition reader's context for ``current``: the categories it classifies into."""
    ctx = Context(index=index_of(load_catalog()), urls=[], mails=[])
    for node in current.nodes:
        if node.subtype == "sentiment_analysis":
            ctx.made.add("sentiment")
        cats = node.parameters.get("categories")
        if node.subtype == "text_classifier" and isinstance(cats, list):
            ctx.made.add("classify")
            ctx.classified = True
            ctx.categories += [str(c.get("name", c) if isinstance(c, dict) else c) for c in cats]
    return ctx


def guard_in(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """The guard ``part`` says, by the first reader that finds one."""
    readers = (
        _new_rule,
        _only,
        _if,
        _never,
        _skip,
        _zh,
        _trailing,
        _for,
        items_that,  # before _qualified: a value or name an existing IF already has
        _qualified,
        _items_should,
        _only_kind,
    )
    for reader in readers:
        found = reader(part, ctx, current)
        if found is not None:
            return found
    return None


def _make(
    cond: Condition | None,
    act: str,
    *,
    negate: bool = False,
    flow: bool = False,
    category: str | None = None,
) -> Guard | None:
    if cond is None:
        return None
    if act.strip() == "话":  # "…少于5个的话": the supposition's mark cut at its "的", no act
        act = ""
    act = _ITEMS_LEAD.sub("", act)  # "邮箱是gmail.com的线索，跳过…": the items, then the act
    paired = None if _NEGATED.match(act) else skip_and(act, denied=False)
    if paired is not None:  # "respond 409 and skip Mailchimp": the skip leads
        act = f"skip {paired[1]}"
    no = _NEGATED.match(act)
    swap = ""
    if no is not None:
        # "if the budget is under 1000, don't create …": the step runs on the other output
        act, negate = act[no.end() :], not negate
        but = _DONT_BUT.search(act)
        paired = paired or (skip_and(act, denied=True) if but is None else None)
        if but is not None:
            old, new = (x for x in but.groups() if x is not None)
            swap = f"{new} instead of {old}"
        elif paired is not None:  # "skip the upload and email ops@…": the email instead
            # (the act stays whole: when the skipped words name no step, it reads as before)
            swap = f"{paired[0]} instead of {paired[1]}"
    if cond.op == "failed":
        failed = [
            {"left": "{{ $json.error }}", "operator": "is_not_empty"},
            {"left": "{{ $json.statusCode }}", "operator": "greater_than", "right": 399},
        ]
        params = {"conditions": failed, "combine": "or"}
        return Guard(params, "failed?", negate, act, flow, "", said=cond.phrase)
    if cond.op in ("all", "any") or isinstance(cond.value, (tuple, list)):
        # "… and the country is US", "status is A or B", "between 5 and 8": one IF, its rules
        # joined (a rule's value is never a list)
        rules, _ = if_rules(cond)
        joined = {"conditions": rules, "combine": combine_of(cond)}
        return Guard(joined, cond.phrase[:60], negate, act, flow, "", swap=swap)
    rule, swapped = if_rule(cond)
    if " % " in cond.field:
        rule["left"] = "{{ $json." + cond.field + " }}"
    if cond.op == "category":
        rule = {"left": field_ref("category"), "operator": "equals", "right": str(cond.value)}
    label = f"{cond.field} {_SYMBOL.get(rule['operator'], rule['operator'])} {cond.value}"
    if "right" not in rule:
        label = f"{cond.field} {rule['operator'].replace('_', ' ')}"
    if cond.op == "not_contains":
        label = f"{cond.field} not contains {cond.value}"
    params = {"conditions": [rule], "combine": "and"}
    cat = category or _cat(cond)
    return Guard(params, label, negate != swapped, act, flow, "", cat, said=cond.phrase, swap=swap)


def _cat(cond: Condition) -> str | None:
    return str(cond.value) if cond.op == "category" or cond.field == "sentiment" else None


def _only_kind(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "only bugs should end up in monday": the items' type (edit_guard_kind)."""
    found = only_kind(part)
    return _make(found[0], found[1]) if found is not None else None


def _new_rule(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _NEW_RULE.search(part)
    if m is None:
        return None
    found = _make(condition(m.group("cond") or m.group("zcond") or "", ctx), "")
    if found is None:
        return None
    return replace(found, replaces=True, rule=adopt_field(found.rule, current, found.said))


def _only(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _ONLY.search(part)
    late = _ACT_ONLY.search(part) if m is None else None
    if m is not None:
        rest = m.group("rest")
    elif late is not None:
        rest = f"{late.group('act')} {late.group('rest')}"  # "alert only for …"
    else:
        return None
    # "only for orders from Canada": the condition alone, no step named
    rest = " " + rest if re.match(r"for\s", rest, re.IGNORECASE) else rest
    found = _split_only(rest, ctx, current, negate=False)
    if found is None and _ITEMS.match(rest):
        # "only orders from Canada": items qualified, no step named: the whole flow
        return _make(condition(rest, ctx), "", flow=True)
    return found


def _if(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _IF.search(part)
    if m is None:
        return None
    rest = m.group("rest")
    for start in [x.start() for x in _ACT_START.finditer(rest) if x.start() > 0]:
        if len(re.findall(r"[(（]", rest[:start])) > len(re.findall(r"[)）]", rest[:start])):
            continue  # "on our blocklist (a.com, b.com)": a comma inside the brackets
        cond = condition(rest[:start], ctx)
        if cond is not None:
            act = re.sub(r"^[,，]?\s*(?:then\s+)?(?:also\s+)?", "", rest[start:])
            return _make(cond, act)
    return _make(condition(rest, ctx), "")  # "only when …": the result steps


def _never(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Don't post to Slack for orders under $10": the named step, on the other output."""
    m = _DONT.search(part)
    return _split_only(m.group("rest"), ctx, current, negate=True) if m else None


def _split_only(rest: str, ctx: Context, current: Workflow, negate: bool) -> Guard | None:
    """ "<act> if|for|whose <cond>", else a comparison inside the action's own words
    ("log contracts over 50000 to the sheet")."""
    for sep in _ONLY_SEP:
        for hit in sep.finditer(rest):
            said, act = rest[hit.end() :], rest[: hit.start()]
            cond = condition(said, ctx)
            tail = _DESTINATION.search(said)
            if cond is None and tail is not None:
                # "whose title mentions 'AI' to Telegram": the destination is the action's
                cond, act = condition(said[: tail.start()], ctx), act + said[tail.start() :]
            if cond is not None:
                return _make(cond, act, negate=negate, flow=_is_flow(act, current))
    if any(p.search(rest) for _, p in lx.COMPARE) and not _IF.match(rest):
        words = re.sub(r"^\s*\w+\s+", "", rest)  # without its verb
        tail = _DESTINATION.search(words)
        cond = condition(words[: tail.start()] if tail else words, ctx)
        if cond is not None and cond.op in ("gt", "lt", "gte", "lte"):
            return _make(cond, rest, negate=negate, flow=_is_flow(rest, current))
    return None


def _trailing(part: str, ctx: Context, current: Workflow) -> Guard | None:
    u = _UNLESS.search(part)
    if u is not None:
        act = u.group("act") or u.group("zact") or ""
        cond = condition(u.group("cond") or u.group("zcond") or "", ctx)
        return _make(cond, act, negate=True, flow=_is_flow(act, current))
    m = _TRAILING.search(part) or _ZH_THEN.search(part)
    if m is None:
        return None
    act = m.group("act")
    return _make(condition(m.group("cond"), ctx), act, flow=_is_flow(act, current))


def _skip(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Skip posts whose …": the whole flow; "skip the email when …": that step."""
    m = sw.SKIP.search(part) or sw.ZH_SKIP.search(part)
    if m is None:
        whole = sw.SKIP_ALL.search(part)
        cond = condition(whole.group("cond"), ctx) if whole else None
        return _make(cond, "", negate=True, flow=True) if cond is not None else None
    said = m.groupdict().get("cond2") or m.groupdict().get("cond3")
    if said:
        return _make(condition(said, ctx), "", negate=True, flow=True)
    what = m.group("what")
    named = sw.THE_STEP.match(what) is not None or any(ec.mentions(what.lower()))
    named = named or sw.stem_said(what, current)  # "skip monday entirely for …": monday_com
    if named and existing_steps(what, current):
        # "skip the approval for amounts under 100": those items go round that step
        found = _make(condition(m.group("cond"), ctx), what, negate=True)
        return replace(found, bypass=True) if found is not None else None
    return _make(condition(m.group("cond"), ctx), "", negate=True, flow=True)


def _zh(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _ZH_ONLY.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), "", flow=True)
    m = _ZH_IF.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), m.group("act"))
    m = _ZH_SUBJECT_IF.search(part)
    if m is not None:
        found = _make(condition(m.group("cond"), ctx), m.group("act"))
        if found is not None:
            return found
    m = _ZH_ONLY_IF.search(part)
    if m is not None:
        act = m.group("pre") + " " + m.group("act")
        return _make(condition(m.group("cond"), ctx), act, flow=_is_flow(act, current))
    m = _ZH_DENIED.search(part)
    if m is not None and not _INSTEAD.search(part):
        return _make(condition(m.group("cond"), ctx), m.group("act"))
    return None


def _qualified(part: str, ctx: Context, current: Workflow) -> Guard | None:
    if _OTHERWISE.match(part):
        return None  # "否则的话也发…": the other output (edit_read), never a category
    m = _PAREN.search(part)
    if m is not None:
        cond = (
            condition(m.group("cond"), ctx)
            or paren_pair(m.group("cond"))
            or since_column(f"{m.group('pre')} {m.group('cond')}")
        )
        if cond is not None:
            return _make(cond, m.group("pre") + " " + m.group("act"))
    for de in re.finditer("的", part):
        # "预算超过1万的，发短信", "金额超过10万的合同需要审批": a comparison qualifies the items
        # "只把超过1000字的文章发到Slack": "只把" says which items, it is no field
        cond = condition(re.sub(r"^(?:只|仅)(?:把|有|将)", "", part[: de.start()]), ctx)
        if cond is not None and cond.op in ("gt", "lt", "gte", "lte", "contains", "ne"):
            return _make(cond, part[de.end() :])
        if cond is not None and cond.op == "eq" and _FIELD_IS.search(part[: de.start()]):
            # "优先级为high的工单改成…": a field said with its value qualifies the items
            return _make(cond, part[de.end() :])
    if not eg.branch_nodes(current):
        return None  # a category only routes where the workflow already branches
    m = (
        _NEW_CAT.search(part)
        or _NEW_CAT_NAMED.search(part)
        or _FOR_CAT.search(part)
        or _ZH_CAT.search(part)
        or _LEVEL_ITEMS.search(part)
    )
    verb_first = _VERB_LEVEL.search(part) if m is None else None
    if m is None and verb_first is None and not _INSTEAD.search(part):
        return _category_named(part, ctx)
    if verb_first is not None:
        m = verb_first  # "route high priority tickets to Jira", "send low-priority ones …"
    elif m is None or _INSTEAD.search(part):
        return None  # "… instead of Slack": a replacement
    groups = m.groupdict()
    word = level_value(groups.get("cat") or groups.get("zcat") or "")
    act = groups.get("act") if groups.get("cat") else groups.get("zact")
    if verb_first is not None:
        act = f"{groups.get('verb')} {act}"
    cond = parse_condition(word, ctx)
    if cond is None or cond.op not in ("category", "eq"):
        cond = Condition("category", "category", word.lower(), word)
    found = _make(cond, act or "", category=str(cond.value))
    said_category = bool(groups.get("cat") and m.re is not _ZH_CAT) or bool(
        groups.get("zcat") or groups.get("kind")
    )
    if found is None:
        return None
    only = _ONLY_WORD.search(act or "") is not None
    return replace(found, needs_route=True, new_category=said_category, only=only)


def _category_named(part: str, ctx: Context) -> Guard | None:
    """ "Also post bugs to #dev on Slack": one classifier category named among the words of
    an action: the action is for that category's items."""
    if not ctx.classified:
        return None
    low = part.lower()
    said = [
        c
        for c in ctx.categories
        if re.search(rf"(?<![a-z]){re.escape(c.lower())}(?:s|es)?(?![a-z])", low)
    ]
    if len(said) != 1 or not _ACT_START.search(low):
        return None
    negate = _DENIED.search(low) is not None  # "billing emails should not create …"
    cond = Condition("category", "category", said[0].lower(), said[0])
    found = _make(cond, part, negate=negate)
    return replace(found, needs_route=True) if found is not None else None


def _for(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "For orders over $500, also post them to Teams": the items, then their action."""
    found = gj.for_items(part, ctx)
    return _make(found[0], found[1]) if found is not None else None


def _items_should(part: str, ctx: Context, current: Workflow) -> Guard | None:
    """ "Leads from Germany should go to Pipedrive instead", "orders over $500 should also be
    posted to Slack": items the words qualify, and what happens to them."""
    m = _ITEMS_SHOULD.search(part)
    if m is None:
        return None
    cond = condition(m.group("cond"), ctx)
    if cond is None or cond.op == "category":
        return None
    return _make(cond, m.group("act"), negate=m.group("neg") is not None)


def _is_flow(act: str, current: Workflow) -> bool:
    """ "only process …": the condition guards everything after the trigger."""
    if not _FLOW_VERBS.search(act):
        return False
    # "only handle tickets whose …": the items ("tickets"), not a step named by that word
    low = act.lower()
    return not [x for x in edit_read.named(low) if eg.find(current, x.subject)]
