"""The other side of a case said by its subject, remarks, and steps every item gets.

"Groups of 10 or more -> email …. Anything smaller just goes straight into Airtable",
"人数10人以上的…；人数少的直接加到…", "VIP客户…；其他客户：…", "Team or Business plans …. Solo
plan signups …": the items a case left out, said as a subject, are that branch's otherwise case
(or its next value). "— big orders usually mean a catering job", "because …": a remark on
why, not a step. "Every report also becomes a card …" after a case: a step for every item, so
it runs beside the branch, not behind it.

Also: "Only customers who accepted marketing though!!" guards the step said before it;
"Enterprise accounts: …" is read as one clause; "工作年限5年以上的" alone opens a case for the
next clause; "Anything below its par level gets emailed …" is a case on the measure talked
about; :func:`more_cases` runs this round's case readers in order.

Invariants: a clause becomes an otherwise only while a branch with cases is open or was just
closed by the end of its sentence; a remark is dropped only when it opens with a word of
reason or says what something "usually means"; a step for every item is moved only past a
branch that sits right before it in the same list; a trailing "only" guards one step, the
last of its list, and only when its words parse as a condition. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_mail_domains import work_address_condition
from flowsmith.planner.parse_quoted_case import quoted_case
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.parse_tree import DraftBranch, DraftCase
from flowsmith.planner.parse_zh_state_case import zh_state_case

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

# "anything smaller", "everyone else", "those under that", "smaller ones", "人数少的",
# "金额小一点的", "其他客户：": the items the open case does not take
_REST_EN = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:(?:anything|everything|everyone|anyone|all|any|those|the\s+ones|"
    r"ones|the\s+rest|all\s+the\s+rest)\s+(?:smaller|bigger|larger|less|lower|higher|cheaper|"
    r"lighter|heavier|"
    r"shorter|longer|fewer|under\s+that|below\s+that|above\s+that|over\s+that)|"
    r"(?:smaller|bigger|larger|cheaper|shorter|lower|lighter|heavier)\s+ones)\b"
    r"(?:\s+(?:than\s+that|ones))?\s*(?:[:,→]|->)?\s*",
    re.IGNORECASE,
)
_REST_ZH = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,4}?)?(?:比较|较|更)?(?:少|小|低|短|便宜|不够|没到|不到|没有达到|没达到)"
    r"(?:一些|一点|点)?的(?:[\u4e00-\u9fff]{0,2}?(?=[：:，,]|直接|就|则|都|只|也))?[：:，,]?|"
    r"^(?:其他|其它|其余|剩下)的?[\u4e00-\u9fff]{0,3}?[：:]"
)
# the action words after a rest subject ("just goes straight into", "should be added to")
_AUX = re.compile(
    r"^\s*(?:should|must|will|can|need to|needs to)?\s*(?:just\s+|only\s+|simply\s+)?"
    r"(?:be|are|is|get|gets)?\s*(?:just\s+|only\s+)?",
    re.IGNORECASE,
)
_STRAIGHT = re.compile(r"\b(?:straight|directly|right)\b(?=\s+(?:in|on|to))", re.IGNORECASE)
_INTO = re.compile(r"^\s*(?:onto|into|to|on|in)\b", re.IGNORECASE)


def rest_subject(clause: str) -> str | None:
    """The words after a rest subject ("Anything smaller just goes …" -> "goes …"), or None."""
    m = _REST_EN.match(clause) or _REST_ZH.match(clause.strip())
    if m is None:
        return None
    rest = clause.strip()[m.end() :] if m.re is _REST_ZH else clause[m.end() :]
    return rest


def opens_rest(clause: str) -> bool:
    return rest_subject(clause) is not None


def as_rest(b: Builder, clause: str) -> str:
    """ "Anything smaller just goes straight into Airtable" while (or right after) a branch
    of cases: "otherwise add to Airtable"."""
    rest = rest_subject(clause)
    if rest is None:
        return clause
    if b.branch is None or b.branch.closed:
        last = b.container[-1] if b.container else None
        if not isinstance(last, DraftBranch) or last.closed or not last.cases:
            return clause
        b.branch = last  # closed by the sentence's end only: this sentence goes on with it
    plain = _STRAIGHT.sub(" ", _AUX.sub("", rest, count=1))
    if _INTO.match(plain):
        plain = "add " + plain  # "… straight into the Airtable": added there
    return "otherwise " + (plain if plain.strip() else rest)


# "Solo plan signups just get added …" after "if the plan is Team or Business": a value of
# the compared field, the field's word, the items, their action
_FIELD_VALUE = re.compile(
    r"^\s*(?:and\s+)?(?:the\s+)?(?P<v>[A-Z][\w.-]*)\s+(?P<f>[a-z]+)\s+"
    r"(?:(?:[a-z]+s|ones)\s+)?(?P<a>\S.*)$"
)


def field_value_case(b: Builder, clause: str, ctx: Context) -> bool:
    """The next value of the field the open (or just closed) branch compares, said as
    "<Value> <field> <items> <action>": a case of its own on that field."""
    m = _FIELD_VALUE.match(clause)
    if m is None:
        return False
    br = b.branch
    if br is None:
        last = b.container[-1] if b.container else None
        br = last if isinstance(last, DraftBranch) else None
    if br is None or br.closed or not br.cases:
        return False
    cond = br.cases[-1].condition
    if cond is None or cond.op not in ("eq", "in") or cond.field != m.group("f").lower():
        return False
    action = m.group("a")
    steps = clause_actions(_AUX.sub("", action, count=1), ctx) or clause_actions(action, ctx)
    if not steps:
        return False
    b.branch = br
    phrase = unmask(clause, ctx)
    b.open_case(Condition(cond.field, "eq", m.group("v"), phrase), phrase, same=True)
    b.add(list(steps))
    return True


# a remark on why or what it means, not a step ("big orders usually mean a catering job",
# "because they …", "因为…")
_REMARK = re.compile(
    r"^\s*(?:(?:because|since|as\s+they|as\s+it|that's\s+because|this\s+is\s+because)\b|"
    r"因为|由于)|"
    r"\b(?:usually|typically|normally|generally|often|mostly)\s+(?:means?|are|is|come|comes)\b",
    re.IGNORECASE,
)


def remark(clause: str) -> bool:
    return _REMARK.search(clause) is not None


# a step said of every item after a case ("Every report also becomes a card …", "each answer
# also goes to …", "所有反馈也都…", "每条都…"): not the case's
_EVERY_ALSO = re.compile(
    r"^\s*(?:and\s+)?(?:every|each|all)\s+(?:[a-z-]+\s+){0,2}?(?:also|too|as well)\b|"
    r"^\s*(?:and\s+)?(?:every|each|all)\b.*\b(?:also|too|as well|regardless|either way)\b|"
    r"^(?:每一?[条个份张笔次]|所有|全部)[^，,。]{0,10}?(?:也都?|都|同样)",
    re.IGNORECASE,
)


def every_item_also(clause: str) -> bool:
    return _EVERY_ALSO.match(clause) is not None


def beside_branch(container: list[Any], steps: list[Any]) -> bool:
    """Put ``steps`` (a step every item gets) before the branch that ends ``container``, so
    it runs whatever the case; False when no branch ends it."""
    if not steps or not container or not isinstance(container[-1], DraftBranch):
        return False
    at = len(container) - 1
    while at > 0 and isinstance(container[at - 1], DraftBranch):
        at -= 1
    container[at:at] = steps
    return True


# "everyone else", "all other customers", "the rest", "其他客户", "其余的": the others, said
# at the start of a later clause
_OTHERS_SAID = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:(?:everyone|everybody|anyone|anybody|everything|anything)\s+"
    r"else|all\s+others?|any\s+others?|the\s+rest|(?:all\s+)?(?:the\s+)?other\s+[a-z]+s)\b|"
    r"^\s*(?:其他|其它|其余|剩下)",
    re.IGNORECASE,
)


def others_later(text: str) -> bool:
    """Some clause of ``text`` opens with the others ("Everyone else: …", "其他客户：…")."""
    return any(_OTHERS_SAID.match(part) for part in re.split(r"[.;:,!?。；：，！？\n]", text))


# "Enterprise accounts: tell …", "Everyone else: send …", "其他客户：加到…": a subject naming
# the items, a colon, their action; read as one clause, as "Enterprise accounts tell …"
_COLON_SUBJECT = re.compile(
    r"^\s*(?P<s>(?:(?!(?:when|whenever|if|every|each|on|at|daily|weekly|note|then)\b)"
    r"[A-Za-z][\w'-]*\s+){0,2}(?:customers|accounts|users|clients|leads|contacts|members|"
    r"subscribers|buyers|orders|tickets|deals|ones|signups)|(?:everyone|everybody|anyone|"
    r"anything|everything)\s+else|the\s+rest|all\s+others?|"
    r"[\w\u4e00-\u9fff]{1,6}?(?:客户|用户|会员|买家|顾客|订单|工单))\s*[:：]\s*(?P<a>\S.*)$",
    re.IGNORECASE,
)


def colon_subject(sentence: str) -> str:
    """ "Enterprise accounts: tell the owner" -> "Enterprise accounts tell the owner"."""
    m = _COLON_SUBJECT.match(sentence)
    return f"{m.group('s')} {m.group('a')}" if m else sentence


# "Only customers who accepted marketing though!!", "只发给同意接收营销信息的客户！": the items
# the step said before is for, said after it
_ONLY_AFTER = re.compile(
    r"^\s*(?:but\s+)?only\s+(?:for\s+|to\s+|send\s+(?:it|this|them)\s+to\s+)?(?:the\s+)?"
    r"(?:[a-z]+\s+)?(?:customers|people|users|clients|contacts|members|buyers|ones|those)\s+"
    r"(?:who|that|which|whose|with)\s+(?P<c>.+?)(?:\s*,?\s*(?:though|please|obviously))?"
    r"[\s!.]*$|"
    r"^(?:但是?|不过)?只(?:发给|给|针对|对|要|发)?(?P<z>[^，,]+?)的(?:客户|用户|人|会员|顾客|买家)"
    r"(?:才发|才行|就行)?[！!。\s]*$",
    re.IGNORECASE,
)


def only_after(sentence: str, container: list[Any], ctx: Context) -> bool:
    """A sentence that only names whom the step before is for guards that step (the last of
    ``container``); False when it says no condition or no step is there to guard."""
    m = _ONLY_AFTER.match(sentence)
    if m is None or not container or isinstance(container[-1], DraftBranch):
        return False
    said = m.group("c") or m.group("z") or ""
    cond = parse_condition(said, ctx) or parse_condition("they " + said, ctx)
    if cond is None:
        return False
    branch = DraftBranch(phrase=sentence.strip())
    branch.cases.append(DraftCase(cond, [container.pop()]))
    container.append(branch)
    return True


def sentence_taken(sentence: str, container: list[Any], ctx: Context) -> bool:
    """A sentence said of the steps before it, done here: a step every item gets, put beside
    the branch that ends ``container``, or whom the last step is for, guarding it."""
    if every_item_also(sentence) and beside_branch(container, clause_actions(sentence, ctx)):
        return True
    return only_after(sentence, container, ctx)


# "工作年限5年以上的" said alone, its action in the next clause ("再用Pushover通知我")
_ZH_SUBJECT_ALONE = re.compile(r"^(?P<s>[^，,的]{0,16}?\d[^，,的]{0,18}?)的$")


def zh_subject_alone(b: Builder, clause: str, ctx: Context) -> bool:
    """A Chinese comparison on a number said as a subject alone opens a case the next clause's
    steps go into."""
    m = _ZH_SUBJECT_ALONE.match(clause.strip())
    if m is None:
        return False
    cond = parse_condition(m.group("s"), ctx)
    # a joined head ("5年以上并且会Python的") compares the number and one more thing
    if cond is None or cond.op not in ("gt", "gte", "lt", "lte", "between", "all", "any"):
        return False
    b.open_case(cond, unmask(clause, ctx), same=True)
    return True


def more_cases(b: Builder, clause: str, ctx: Context) -> bool:
    """The case readers of this round, in order: a field's next value, a Chinese state, a
    Chinese subject said alone, a quoted value."""
    return (
        field_value_case(b, clause, ctx)
        or zh_state_case(b, clause, ctx)
        or zh_subject_alone(b, clause, ctx)
        or quoted_case(b, clause, ctx)
        or picked_case(b, clause, ctx)
        or bracketed_case(b, clause, ctx)
    )


# "Anything below its par level gets emailed as an order to …": the items a comparison picks,
# said as the subject, then what is done with them (a verb in the passive)
_PICKED = re.compile(
    r"^\s*(?:and\s+)?(?:anything|everything|whatever|any\s+items?|items?|products?|ones)\s+"
    r"(?:that\s+is\s+|that's\s+|which\s+is\s+|that\s+are\s+)?"
    # the comparison is a few words with no verb of its own ("over €300 has to be approved
    # … before it is added": the passive belongs to a longer clause, not to this subject)
    r"(?P<c>(?:below|under|above|over|less\s+than|more\s+than|lower\s+than|higher\s+than)"
    r"(?:\s+(?!(?:has|have|had|needs?|must|should|before|after|to|be)\b)\S+){1,6}?)"
    r"\s+(?:gets?|is|are|should\s+be|will\s+be|must\s+be)\s+(?P<a>[a-z]+ed\b.*)$",
    re.IGNORECASE,
)
_PASSIVE = {"emailed": "email", "sent": "send", "posted": "post", "texted": "text"}


def picked_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "Anything below its par level gets emailed to …": a case on the measure the request
    talks about (stock when it talks about stock) for the items the comparison picks."""
    m = _PICKED.match(clause)
    if m is None:
        return False
    measure = ctx.measure or ("stock" if ctx.about_stock else "value")
    cond = parse_condition(f"the {measure} is {m.group('c')}", ctx)
    if cond is None:
        return False
    verb, _, rest = m.group("a").partition(" ")
    plain = _PASSIVE.get(verb.lower(), re.sub(r"(?:ed|d)$", "", verb))
    steps = clause_actions(f"{plain} {rest}", ctx) or clause_actions(m.group("a"), ctx)
    if not steps:
        return False
    b.open_case(cond, unmask(clause, ctx), same=False)
    b.add(list(steps))
    return True


# "海外订单（国家不是中国）用Mailgun…", "overseas orders (country is not China) get …": the
# items, the condition that picks them in brackets, their action
_BRACKETED = re.compile(r"^(?P<s>[^（(]{1,16})[（(](?P<c>[^）)]{2,30})[）)]\s*(?P<a>\S.*)$")


def bracketed_case(b: Builder, clause: str, ctx: Context) -> bool:
    """Items named with their condition in brackets, then their action: a case on it."""
    m = _BRACKETED.match(clause.strip())
    if m is None:
        return False
    cond = parse_condition(m.group("c"), ctx)
    if work_address_condition(m.group("s"), "") is not None:
        # "邮箱是公司域名的（不是gmail、qq这种）": the brackets gloss the head's own condition
        cond = parse_condition(f"{m.group('s')}（{m.group('c')}）", ctx)
    if cond is None:
        return False
    action = _AUX.sub("", m.group("a"), count=1)
    steps = clause_actions(action, ctx) or clause_actions(m.group("a"), ctx)
    if not steps:
        return False
    b.open_case(cond, unmask(clause, ctx), same=b.branch is not None)
    b.add(list(steps))
    return True
