"""Case-opening constructions besides "if …" (read for parse_cases and parse_clauses): a
check and its yes/no answers, a relative clause ("分数高于80的在Salesforce建线索"), a size
adjective ("small orders go to Slack"), "only the negative ones", "escalate it by creating".

Invariants: every reader returns None rather than guess; a condition it returns is read by
:func:`~flowsmith.planner.parse_conditions.parse_condition` (or is a classifier category), so
it names an item field; the action text it returns is the user's words minus the condition.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_category import looks_category
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, TOKEN, Context
from flowsmith.planner.parse_guards import guess_condition

# "check if it has an email", "verify whether the sender ends with @acme.com", "检查有没有邮箱"
_CHECK = re.compile(
    r"^\s*(?:and\s+|then\s+|first\s+)*(?:(?:check|checks|see|test|determine|find out)\s+"
    r"(?:if|whether|that)|(?:verify|verifies|validate|validates|confirm|confirms|make sure|"
    r"makes sure|ensure|ensures)(?:\s+(?:if|whether|that))?)\s+(?P<c>.+)$|"
    r"^\s*(?:先|再|并)?(?:检查|判断|看看|看一下|确认|验证|校验|查看)(?:一下)?"
    r"(?P<z>.*(?:是否|有没有|是不是|有无|能否|有没|是否有).*)$",
    re.IGNORECASE,
)
_ZH_ASK = re.compile(r"是否有|有没有|有没|有无|是否|是不是|能否")
_ZH_ASKED = {"是否有": "有", "有没有": "有", "有没": "有", "有无": "有", "能否": "能"}

# "if it does …", "if so …", "是的话…", "有就…": the yes answer to a check
YES_ANSWER = re.compile(
    r"^\s*(?:and\s+)?(?:if\s+(?:so|yes|true|found|present|it does|they do|it has(?: one)?|"
    r"they have(?: one)?|there is one|there are some|there are any)\b|"
    r"(?:如果)?(?:是|有|存在|符合|满足|通过)(?:的话|就|则))\s*[,，:：]?\s*",
    re.IGNORECASE,
)
# "if not …", "if it doesn't …", "不是的话…", "没有就…": the no answer, the other case
NO_ANSWER = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:if\s+(?:not|no|false|it does(?:n't| not)|they do(?:n't| not)|"
    r"it is(?:n't| not)|they are(?:n't| not)|there is(?:n't| not)(?: one)?|there are(?:n't| not)"
    r"(?: any)?|there (?:are|is) none|there's nothing|it has(?:n't| not)(?: one)?|none)\b|"
    r"(?:如果)?(?:不是|没有填写?|没填写?|未填写?|没有|不存在|不符合|不满足|否)"
    r"(?:的话|就|则))\s*[,，:：]?\s*",
    re.IGNORECASE,
)


def check_condition(clause: str, ctx: Context) -> Condition | None:
    """The condition a "check whether …" clause asks about (its answers are cases of it)."""
    m = _CHECK.match(TOKEN.sub(lambda t: t.group(0), clause))
    if m is None:
        return None
    said = m.group("c") or m.group("z") or ""
    if m.group("z"):
        said = _ZH_ASK.sub(lambda a: _ZH_ASKED.get(a.group(0), ""), said, count=1)
    if ctx.index.mentions(said, implicit=False):
        return None
    cond = parse_condition(said, ctx)
    if cond is None and CJK.search(said):
        cond = guess_condition(said)
    return cond


def answer(clause: str, open_case: bool) -> tuple[bool, str] | None:
    """(yes?, the rest) when ``clause`` answers a check ("if it does add …", "没有就…");
    the yes answer only counts while a case is open for it (``open_case``)."""
    m = NO_ANSWER.match(clause)
    if m and m.end() > 0:
        return False, clause[m.end() :]
    m = YES_ANSWER.match(clause)
    if m and open_case and m.end() > 0:
        return True, clause[m.end() :]
    return None


# "分数高于80的在Salesforce建线索", "金额不少于500的发到钉钉": a qualified "ones" and their action
_ZH_COMPARED = re.compile(
    r"(?:低于|高于|大于|小于|超过|不到|多于|少于|不少于|不低于|不超过|至少|以上|以下|包含|含有|提到|"
    r"介于|之间|"
    r"结尾|开头|为空|不为空|没有|是|为|等于|级别|等级)"
)


# where a Chinese comparison ends ("金额在1000以上" | "发钉钉")
_ZH_NUMBER_END = re.compile(
    r"\d[\d.,]*\s*(?:万|千)?(?:元|块|件|个|天|小时|分钟|分|%)?(?:以上|以下|之间|以内)?(?=[\u4e00-\u9fff])"
)


def zh_relative(clause: str, ctx: Context) -> tuple[Condition, str] | None:
    """ "<condition>的<action>": the action is for the items the condition holds for."""
    t = clause.strip()
    gaps = [(i, i + 1) for i, ch in enumerate(t) if ch == "的"]
    gaps += [(m.end(), m.end()) for m in _ZH_NUMBER_END.finditer(t)]
    for at, after in sorted(gaps):
        said, action = t[:at], t[after:]
        if not said or not action or not _ZH_COMPARED.search(said):
            continue
        if ctx.index.mentions(said, implicit=False):
            continue
        cond = parse_condition(said, ctx)
        if cond is not None and cond.op != "category":
            return cond, action
    return None


# "small orders go to Slack", "large ones need approval": a size the items fall into
_SIZE = re.compile(
    r"^\s*(?:and\s+|but\s+|while\s+)?(?:for\s+)?(?:the\s+|all\s+)?(?P<w>small|smaller|large|larger|"
    r"big|bigger|huge|tiny|short|shorter|long|longer|cheap|cheaper|expensive|minor|major)\s+"
    r"(?:ones|[a-z]+s)\b\s*(?:go|goes|get|gets|should(?: go)?|are|need|needs|require|requires|must|"
    r"to\b|into|→|->|:)?\s*",
    re.IGNORECASE,
)
# the bracket after the size word that says what it means: "Big orders (over $300)"
_SIZE_SAID = re.compile(r"\s*[(（][^()（）]{0,30}?\d[^()（）]{0,20}[)）]")
_SIZE_FIELD = {"cheap": "price", "expensive": "price", "short": "length", "long": "length"}


def _bracket_field(bracket: str, cond: Condition) -> Condition:
    """ "big companies (more than 50 employees)": the measure the bracket names after its
    number is the field compared, not the items' noun ("companies")."""
    inner = parse_condition(bracket.strip(" ()（）"))
    if inner is None or inner.op != cond.op or inner.field.lower() not in bracket.lower():
        return cond
    return replace(cond, field=inner.field)


# "get a ClickUp task", "receive an email": what the items get is made or sent for them
_RECEIVED = re.compile(
    r"^\s*(?:just\s+|only\s+)?(?:get|gets|receive|receives)\s+(?=(?:a|an|one)\b)"
)


def received(rest: str) -> str:
    """ "get a ClickUp task for Dana" -> "send a ClickUp task for Dana": an action, not a
    read (``rest`` unchanged when it says no getting)."""
    return _RECEIVED.sub("send ", rest, count=1)


# "send paid orders to Airtable and unpaid ones to Slack": a state the items are in
_STATE_KIND = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?P<v>send|post|forward|move|put|route|push|add)?\s*(?:the\s+|all\s+)?"
    r"(?P<w>paid|unpaid|open|closed|active|inactive|completed|pending|failed|successful|"
    r"approved|rejected|cancell?ed|refunded|overdue|returning|qualified|unqualified|valid|"
    r"invalid|verified|unverified)\s+(?:ones|[a-z]+s)\b\s*"
    r"(?=to\b|into\b|go\b|goes\b|should\b|→|->|:)(?:go|goes|should go)?\s*",
    re.IGNORECASE,
)


def size_case(clause: str) -> tuple[Condition, str] | None:
    """ "small meetings go to #small" -> (size = small, "to #small"); "unpaid ones to Slack"
    -> (status = unpaid, "send to Slack")."""
    st = _STATE_KIND.match(clause)
    if st is not None:
        verb = (st.group("v") or "send").lower()
        return Condition("status", "eq", st.group("w").lower(), clause.strip()), (
            f"{verb} {clause[st.end() :]}"
        )
    m = _SIZE.match(clause)
    if m is None:
        return None
    said = _SIZE_SAID.match(clause, m.end())
    cond = parse_condition(clause[: said.end()]) if said is not None else None
    if said is not None and cond is not None:  # "Big orders (over $300) get …": that number
        cond = _bracket_field(said.group(0), cond)
        return replace(cond, phrase=clause.strip()), received(clause[said.end() :])
    word = m.group("w").lower()
    base = re.sub(r"(?:er)$", "", word)
    base = {"bigg": "big", "larg": "large"}.get(base, base)
    name = _SIZE_FIELD.get(base, "size")
    rest = clause[m.end() :]
    measured = _measured_size(m.group(0), rest)
    if measured is not None:
        return measured
    if re.match(r"(?:go|goes|get|gets)\b", m.group(0).split()[-1], re.IGNORECASE) or re.search(
        r"\b(?:go|goes|to|into)\s*$", m.group(0)
    ):
        rest = "send to " + rest
    return Condition(name, "eq", base, clause.strip()), rest


# "big orders (over $1000) go to …": the size said by a bracketed comparison, then the verb
_BRACKETED = re.compile(
    r"^\s*[(（]\s*(?P<c>[^)）]{2,40}?)\s*[)）]\s*"
    r"(?P<v>go|goes|get|gets|should(?: go)?|are|need|needs|require|requires|must|to\b|into|→|->|:)?"
    r"\s*",
    re.IGNORECASE,
)


def _measured_size(head: str, rest: str) -> tuple[Condition, str] | None:
    """ "big orders (over $1000) go to Slack": the bracket's comparison on the items' amount
    instead of a made-up size field, and the action after it; None without one."""
    b = _BRACKETED.match(rest)
    noun = re.search(r"\b(ones|[a-z]+s)\b\s*\S*\s*$", head.strip(), re.IGNORECASE)
    if b is None or noun is None:
        return None
    thing = "item" if noun.group(1).lower() == "ones" else noun.group(1).removesuffix("s")
    cond = parse_condition(f"the {thing} is {b.group('c')}")  # "the order is over $1000"
    if cond is None or cond.op not in ("gt", "gte", "lt", "lte", "between"):
        return None
    after = rest[b.end() :]
    verb = (b.group("v") or "").lower()
    return cond, ("send to " + after if verb in ("go", "goes", "to", "into") else after)


# "post only the negative ones to Slack", "只把负面的发到Slack"
_ONLY_KIND = re.compile(
    r"\bonly\s+(?:the\s+)?(?P<w>[a-z][\w-]*)\s+(?:ones|items|results|[a-z]+s)\b|"
    r"只(?:把|将)?(?P<z>[\u4e00-\u9fff]{1,4})的",
    re.IGNORECASE,
)


def only_kind(clause: str, ctx: Context) -> tuple[str, Condition] | None:
    """(the action, the kind) for an action said for "only the <kind> ones"."""
    m = _ONLY_KIND.search(clause)
    if m is None:
        return None
    word = (m.group("w") or m.group("z") or "").lower()
    if not (looks_category(word) or word in ctx.categories):
        return None
    cond = parse_condition(f"it is {word}", ctx)
    if cond is None:
        return None
    return clause[: m.start()] + " them " + clause[m.end() :], cond


# "escalate it by creating a Jira bug", "notify them by posting to Slack": the doing is the step
_BY_DOING = re.compile(
    r"^\s*(?:[a-z]+)(?:\s+(?:it|them|this|that|the \w+))?(?:\s+\w+)?\s+by\s+([a-z]+?)(?:ing)\b",
    re.IGNORECASE,
)


def by_doing(action: str) -> str:
    """ "escalate it by creating a Jira bug" -> "create a Jira bug" (else ``action``)."""
    m = _BY_DOING.match(action)
    if m is None:
        return action
    stem = m.group(1)
    verb = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem
    for form in (verb, verb + "e"):
        if form.lower() in _VERBS:
            return form + action[m.end() :]
    return action


_VERBS = frozenset(
    {
        "create",
        "add",
        "post",
        "send",
        "open",
        "file",
        "raise",
        "log",
        "make",
        "write",
        "notify",
        "email",
        "text",
        "message",
        "update",
        "assign",
        "move",
        "forward",
        "upload",
        "save",
        "store",
        "share",
        "ping",
        "alert",
        "tell",
        "call",
        "page",
    }
)
