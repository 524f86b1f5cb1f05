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
from dataclasses import dataclass, replace
from typing import Any

from flowsmith.core.catalog import load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.core.services import node_service
from flowsmith.planner import edit_catalog as ec
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import edit_read
from flowsmith.planner import edit_words as w
from flowsmith.planner import lexicon as lx
from flowsmith.planner import vocab as v
from flowsmith.planner.compile_state import field_ref, if_rule
from flowsmith.planner.edit_route import route
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
    r"anything else\b|all other|其他|其余|其它|否则|剩下|不然)|[，,]\s*(?=如果|假如|要是)|"
    r"[,，]\s*(?=并且|而且|然后|同时|另外|and then\b|then\b)"
)
# "only post to Slack if …", "only process tickets whose …"
_ONLY = rx(r"^\s*(?:please\s+)?(?:only|just)\s+(?P<rest>.+)$")
_ONLY_SEP = (
    rx(r"\s+(?:if|when|whenever|in case)\s+"),
    rx(r"\s+(?:for|where|whose|with|that|which|who)\s+"),
)
# "if the budget is over 10000 (then|,|also) create …"
_NEGATED = rx(
    r"^\s*(?:then\s+|就)?(?:don'?t|do not|never|no need to|skip|不要|不用|别|不再|无需|不必)\s*"
)
_DONT = rx(r"^\s*(?:please\s+)?(?:don'?t|do not|never|no need to)\s+(?P<rest>.+)$")
_IF = rx(r"^\s*(?:and\s+|but\s+)?(?:only\s+)?(?:if|when|whenever|in case)\s+(?P<rest>.+)$")
_ZH_IF = rx(
    r"^(?:如果|假如|要是|若是|若|当|一旦|只有当?|仅当|只要)(?P<cond>.+?)"
    r"(?:(?:的话|时|的时候)(?:[，,]\s*|就|则|才|再)?|[，,]\s*|就|则|才|再)(?P<act>.+)$"
)
# "send the email only if …", "post it to Telegram too, but only if …"
_TRAILING = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:but\s+)?(?:only\s+)?(?:if|when|whenever|as long as|provided)\s+"
    r"(?P<cond>.+)$"
)
# "post to Slack unless the total is under 10": the step on the false output
_UNLESS = rx(
    r"^(?P<act>.+?)[,，]?\s+(?:unless|except (?:when|if|for))\s+(?P<cond>.+)$|"
    r"^(?P<zact>.+?)[，,]?\s*除非(?P<zcond>.+)$"
)
# "价格低于100时才发邮件"
_ZH_THEN = rx(r"^(?P<cond>.+?)(?:时|的时候|的话)[，,]?\s*(?:才|就|再)?(?P<act>.+)$")
# "change the condition to …", "把过滤条件改成…": the existing check, with a new rule
_NEW_RULE = rx(
    r"^\s*(?:please\s+)?(?:change|set|update|make)\s+(?:the\s+)?(?:condition|filter|check|rule)"
    r"\s+(?:to|so (?:that|it checks)(?: that)?)\s+(?P<cond>.+)$|"
    r"^(?:把|将)?(?:过滤|筛选|判断)?(?:条件|规则|过滤|筛选)(?:改成|改为|换成|设为|设置为)(?P<zcond>.+)$"
)
_ZH_ONLY_IF = rx(
    r"^(?P<pre>.*?)(?:只有|仅当|仅在|只在)(?P<cond>.+?)(?:时|的时候)?(?:才|就)(?P<act>.+)$"
)
# "skip posts whose title contains 'x'", "ignore emails from …"
_SKIP = rx(
    r"^\s*(?:please\s+)?(?:skip|ignore|exclude|drop|filter out|leave out)\s+(?P<what>.+?)\s+"
    r"(?:whose|that|which|where|if|when|with)\s+(?P<cond>.+)$"
)
_ZH_SKIP = rx(
    r"^(?:跳过|忽略|排除|过滤掉|不处理|不要(?:再)?(?:发送?|推送|通知|转发|处理|同步|记录)?)"
    r"(?P<cond>.+?)的(?P<what>[^的]{1,8})$"
)
# "只处理优先级为High的问题", "只统计Bug类型的问题"
_ZH_ONLY = rx(
    r"^(?:只|仅)(?:处理|统计|保留|要|看|同步|关注|考虑|管)(?P<cond>.+)的(?P<what>[^的]{1,8})$"
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
    r"^\s*(?:please\s+)?(?:add|create|introduce)\s+(?:a\s+|another\s+)?(?:new\s+)?"
    r"(?:category|class|type|label|bucket|case)\s+(?:for\s+|called\s+|named\s+)?['\"“‘]?"
    r"(?P<cat>[\w-]+)['\"”’]?\s*(?:that|which|to|where|,|:|and)?\s*(?P<act>.*)$|"
    r"^(?:增加|添加|新增|加)一?个?['\"“‘]?(?P<zcat>[^'\"”’，,]{1,8}?)['\"”’]?(?:类别|分类|类)"
    r"[，,：:]?\s*(?P<zact>.*)$"
)
# "正面的工单记录到…": a category word qualifying the items
_ZH_CAT = rx(
    r"^(?P<cat>[\u4e00-\u9fffA-Za-z-]{1,6}?)(?P<kind>类|类型)?的(?:工单|邮件|消息|请求|订单|问题|线索|客户|"
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
_INCOMPLETE = rx(r"\b(?:is|are|contains?|mentions?|includes?|than|equals?|to|of|a|the)\s*$")
# an "otherwise" part: "the rest …", "smaller purchases … directly", "其他的…"
_ELSE = rx(
    r"^\s*(?:and\s+|but\s+)?(?:the rest|others?\b|otherwise|everything else|anything else|"
    r"all other|else|否则|不然|其他|其余|其它|剩下)|\bdirectly\b|\bstraight away\b|直接|"
    r"^\s*(?:smaller|larger|bigger|lower|higher|cheaper|less|more|older|newer)\b"
)
_DESTINATION = rx(r"\s+(?:to|in|on|into|via)\s+(?:the\s+|my\s+|our\s+)?[\w#@.-]+(?:\s+\w+)?\s*$")
_MONEY = rx(r"[$€£¥￥]\s*\d|\d\s*(?:元|块|美元|dollars?|usd|eur|euros?|rmb)\b")
_MONEY_FIELD = rx(
    r"amount|price|total|cost|budget|value|revenue|spend|fee|salary|balance|sum|paid|"
    r"金额|价格|预算|总额|费用|余额"
)
_COUNTED = rx(r"\d[\d,.]*\s*[km]?\s+([a-z]{3,})\b")
_UNITS = rx(
    r"^(?:dollars?|usd|euros?|eur|yuan|rmb|cents?|percent|pounds?|gbp|days?|hours?|minutes?|"
    r"weeks?|months?|years?|seconds?|times|degrees?|and|or|to|in|on|for|then|also)$"
)
# "another email", "再发一封": a new step even when one of its kind exists
_MORE = rx(r"\b(?:also|too|another|as well|additional|extra|second)\b|再|也|另外|额外|另一")
_MAIL = rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDRESS = rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+")
_RECEIVE = rx(r"\b(?:should |will |would )?gets?\s+(?=(?:a|an|the)\b)")
_MULTIPLE = rx(r"^(?P<field>.+?)\s+(?:is|are)\s+(?:an?\s+)?(?:exact\s+)?multiple of\s+(?P<n>\d+)")
_ZH_TYPE = rx(r"^(?P<value>[\w-]+?)\s*(?P<kind>类型|类别|级别|状态|优先级)$")
_ZH_FIELDS = {
    "类型": "type",
    "类别": "category",
    "级别": "level",
    "状态": "status",
    "优先级": "priority",
}
_SYMBOL = {
    "equals": "=",
    "not_equals": "≠",
    "greater_than": ">",
    "less_than": "<",
    "contains": "contains",
}
_STOP = frozenset({"the", "a", "an", "to", "in", "on", "of", "for", "and", "it", "them", "step"})


@dataclass(frozen=True)
class Guard:
    """A parsed condition edit: the rule, whether matching items are the ones *not* acted
    on (``negate``: "skip …"), and the words of the action and of the otherwise part."""

    rule: dict[str, Any]
    label: str
    negate: bool
    act: str
    flow: bool
    other: str
    category: str | None = None
    needs_route: bool = False  # a bare category word: only where the workflow branches on it
    new_category: bool = False  # said as a category ("add a category", "for X emails", "X类的")
    replaces: bool = False  # "change the condition to …": the rule of the existing check


def read_guard(text: str, current: Workflow) -> tuple[EditOp | None, list[Span]]:
    """The ``add_guard`` op ``text`` asks for (None when no condition parses) and the spans of
    ``text`` it used (so the other readers do not read its services again)."""
    parts = _parts(text)
    ctx = _context(current)
    for i, (a, b) in enumerate(parts):
        guard = _guard_in(text[a:b].strip(), ctx, current)
        if guard is None:
            continue
        spans = [(a, b)]
        other = ""
        if i + 1 < len(parts):
            na, nb = parts[i + 1]
            if _ELSE.search(text[na:nb]):
                other = text[na:nb]
                spans.append((na, nb))
        op = _op(replace(guard, other=other), current)
        if guard.needs_route and route(current, op) is None:
            continue
        return op, spans
    return None, []


def _parts(text: str) -> list[Span]:
    out: list[Span] = []
    start = 0
    for m in _PARTS.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _context(current: Workflow) -> Context:
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


def _guard_in(part: str, ctx: Context, current: Workflow) -> Guard | None:
    for reader in (_new_rule, _only, _if, _never, _skip, _zh, _trailing, _qualified):
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
    no = _NEGATED.match(act)
    if no is not None:
        # "if the budget is under 1000, don't create …": the step runs on the other output
        act, negate = act[no.end() :], not negate
    if cond.op == "failed":
        failed = [
            {"left": "{{ $json.error }}", "operator": "is_not_empty"},
            {"left": "{{ $json.statusCode }}", "operator": "greater_than", "right": 399},
        ]
        params = {"conditions": failed, "combine": "or"}
        return Guard(params, "failed?", negate, act, flow, "")
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
    return Guard(params, label, negate != swapped, act, flow, "", category or _cat(cond))


def _cat(cond: Condition) -> str | None:
    return str(cond.value) if cond.op == "category" or cond.field == "sentiment" else None


def condition(text: str, ctx: Context) -> Condition | None:
    """``parse_condition`` with the edit-only forms: "a multiple of 100", "Bug类型"."""
    phrase = text.strip(" ,，.。")
    if not phrase or _INCOMPLETE.search(phrase):
        return None
    m = _MULTIPLE.search(phrase)
    if m:
        words = [x for x in re.findall(r"[a-z0-9]+", m.group("field").lower()) if x not in _STOP]
        name = "_".join(words[-2:]) or "value"
        return Condition(f"{name} % {m.group('n')}", "eq", 0, phrase)
    z = _ZH_TYPE.search(phrase)
    if z:
        return Condition(_ZH_FIELDS[z.group("kind")], "eq", z.group("value"), phrase)
    cond = parse_condition(phrase, ctx)
    if cond is not None and _MONEY.search(phrase) and not _MONEY_FIELD.search(cond.field):
        # "the order is over $500": the order's amount
        return Condition("amount", cond.op, cond.value, phrase)
    counted = _COUNTED.search(phrase)
    if cond is not None and cond.field in ("price", "value") and counted is not None:
        noun = counted.group(1).lower()
        if not _UNITS.match(noun) and noun not in phrase[: counted.start()].lower():
            # "more than 1000 followers": the counted thing is the field
            return Condition(noun, cond.op, cond.value, phrase)
    return cond


def _new_rule(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _NEW_RULE.search(part)
    if m is None:
        return None
    found = _make(condition(m.group("cond") or m.group("zcond") or "", ctx), "")
    return replace(found, replaces=True) if found is not None else None


def _only(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _ONLY.search(part)
    return _split_only(m.group("rest"), ctx, current, negate=False) if m else None


def _if(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _IF.search(part)
    if m is None:
        return None
    rest = m.group("rest")
    for start in [x.start() for x in _ACT_START.finditer(rest) if x.start() > 0]:
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
    m = _SKIP.search(part) or _ZH_SKIP.search(part)
    if m is None:
        return None
    return _make(condition(m.group("cond"), ctx), "", negate=True, flow=True)


def _zh(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _ZH_ONLY.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), "", flow=True)
    m = _ZH_IF.search(part)
    if m is not None:
        return _make(condition(m.group("cond"), ctx), m.group("act"))
    m = _ZH_ONLY_IF.search(part)
    if m is not None:
        act = m.group("pre") + " " + m.group("act")
        return _make(condition(m.group("cond"), ctx), act, flow=_is_flow(act, current))
    return None


def _qualified(part: str, ctx: Context, current: Workflow) -> Guard | None:
    m = _PAREN.search(part)
    if m is not None:
        cond = condition(m.group("cond"), ctx)
        if cond is not None:
            return _make(cond, m.group("pre") + " " + m.group("act"))
    for de in re.finditer("的", part):
        # "预算超过1万的，发短信", "金额超过10万的合同需要审批": a comparison qualifies the items
        cond = condition(part[: de.start()], ctx)
        if cond is not None and cond.op in ("gt", "lt", "gte", "lte", "contains"):
            return _make(cond, part[de.end() :])
    if not eg.branch_nodes(current):
        return None  # a category only routes where the workflow already branches
    m = _NEW_CAT.search(part) or _FOR_CAT.search(part) or _ZH_CAT.search(part)
    if m is None:
        return None
    groups = m.groupdict()
    word = groups.get("cat") or groups.get("zcat") or ""
    act = groups.get("act") if groups.get("cat") else groups.get("zact")
    cond = parse_condition(word, ctx)
    if cond is None or cond.op not in ("category", "eq"):
        cond = Condition("category", "category", word.lower(), word)
    found = _make(cond, act or "", category=str(cond.value))
    said_category = bool(groups.get("cat") and m.re is not _ZH_CAT) or bool(
        groups.get("zcat") or groups.get("kind")
    )
    if found is None:
        return None
    return replace(found, needs_route=True, new_category=said_category)


def _is_flow(act: str, current: Workflow) -> bool:
    """ "only process …": the condition guards everything after the trigger."""
    return bool(_FLOW_VERBS.search(act)) and not _existing(act, current)


def _existing(act: str, current: Workflow) -> list[str]:
    low = act.lower()
    found = [n.subject for n in edit_read.named(low) if eg.find(current, n.subject)]
    return found + _by_name(low, current)


def _by_name(low: str, current: Workflow) -> list[str]:
    """Steps named by words of their own name ("create the PO" → "Create PO"): the nodes
    sharing the most words with ``low``, at least one of them not a verb."""
    said = _words(low)
    act_verb = ec.verb_in(low)
    verbs = {x for x in said if any(p.fullmatch(x) for p in w.VERB_WORDS.values())}
    best: list[str] = []
    top = 0
    for node in current.nodes:
        if node.type in (NodeFamily.TRIGGER, NodeFamily.FLOW):
            continue  # a check, loop or merge is not what a condition guards
        if not _same_verb(act_verb, node):
            continue  # "save rows" does not name "Read rows"
        shared = said & _words(node.name.lower())
        if not shared or (not shared - verbs and node_service(node) is None):
            continue  # a verb alone names only a step doing that to a service ("Save")
        if len(shared) > top:
            best, top = [], len(shared)
        if len(shared) == top:
            best.append(f"node:{node.id}")
    return best


def _same_verb(verb: str | None, node: Node) -> bool:
    op = node_service(node)
    if verb is None or op is None or not op.verbs():
        return True
    return verb in op.verbs()


def _words(text: str) -> set[str]:
    """Content words, plural "s" dropped ("orders" and "order" are one word)."""
    found = re.findall(r"[a-z0-9]{2,}", text)
    return {re.sub(r"(?<=[a-z]{3})s$", "", x) for x in found if x not in _STOP}


# --- what the action and the otherwise part name ------------------------------------------


def _op(guard: Guard, current: Workflow) -> EditOp:
    existing, new = _steps_in(guard.act, current)
    else_existing, else_new = _steps_in(guard.other, current)
    return EditOp(
        kind="add_guard",
        rule=guard.rule,
        value=guard.label,
        negate=guard.negate,
        where=(
            "replace"
            if guard.replaces
            else "flow"
            if guard.flow and not existing and not new
            else "new_category"
            if guard.new_category
            else None
        ),
        subject="|".join(existing) or None,
        steps=new,
        else_subject="|".join(else_existing) or None,
        else_steps=else_new,
        category=guard.category,
    )


def _steps_in(words: str, current: Workflow) -> tuple[list[str], list[str]]:
    """(subjects of existing steps, specs of new steps) the words of an action name."""
    if not words.strip():
        return [], []
    said = _RECEIVE.sub("send ", words.lower())
    low = _ADDRESS.sub(lambda m: " " * len(m.group(0)), said)  # "x.com" in an address
    approval = v.APPROVAL.search(low) is not None
    existing: list[str] = []
    new: list[str] = []
    for hit in ec.mentions(low):
        subject = f"app:{hit.app}"
        if any(x.type != NodeFamily.TRIGGER for x in eg.find(current, subject)):
            existing.append(subject)
            continue
        if approval:
            continue  # "approve it in Slack": the approval's channel
        spec = ec.app(hit.app)
        assert spec is not None
        refined = ec.refine(hit, low)
        verb = ec.verb_in(low[: hit.start]) or ec.verb_in(low) or "create"
        resource, operation = ec.choose(spec, refined.resource, refined.operation, verb)
        new.append(f"app:{hit.app}/{resource}/{operation}{ec.values_in(said)}")
    if approval:
        if eg.find(current, "approval"):
            existing.append("approval")
        else:
            new.append("approval:" + ("slack" if re.search(r"slack", low) else "email"))
    if not existing and not new and not _MORE.search(low):
        # "…时才发邮件": a step the workflow has, named by its kind
        kinds = [x.subject for x in edit_read.named(low) if not x.subject.startswith("app:")]
        existing = [x for x in kinds if x not in ("wait", "condition") and eg.find(current, x)]
    if not existing and not new:
        existing = _by_name(low, current)
    if not existing and not new:
        new = _action(said)
    return existing, new


def _action(low: str) -> list[str]:
    """A core step named without a service: "forward them to me@x.io", "text me"."""
    mail = _MAIL.search(low)
    if mail or re.search(r"\bforward\b|\be-?mail\b|邮件|转发", low):
        return ["action:email" + (f":{mail.group(0)}" if mail else "")]
    if v.ACTIONS["sms"].search(low):
        return ["action:sms"]
    return []
