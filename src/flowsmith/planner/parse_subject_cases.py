"""A decision said through the subject of a clause, and the otherwise said as a subject.

"Calls longer than 20 minutes get a ticket in …", "Applicants with 5+ years go into …",
"打0到6分的在…建工单", "超过20分钟的通话在…": the items a comparison picks out, then what
happens to them, open a case. "everyone else …", "the remaining leads …", "other payments …",
"剩下的…" said while a branch is open are its otherwise case.

Invariants: :func:`subject_case` opens a case only when the subject's words parse as a
comparison on a number (never a guessed yes/no or category field) and the words after it are
actions on a service; :func:`as_otherwise` rewrites a clause only while a branch is open and
unclosed. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_answers import size_case
from flowsmith.planner.parse_case_rest import others_later
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import CJK, Context, unmask
from flowsmith.planner.parse_not_found import says_not_found
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

_NUMERIC = ("gt", "gte", "lt", "lte", "between")

# "Calls longer than 20 minutes", "Scores between 0 and 6", "Applicants with 5+ years":
# a plural subject, its comparison, ending on the number (and its unit)
_EN_SUBJECT = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?(?P<s>(?:[a-z][a-z-]*s|people|those)\s+"
    r"(?:(?:that|which|who|whose)\s+)?[^,;:]*?[$€£¥]?\d[\d,.]*\+?"
    r"(?:\s*(?:and|to|-|or)\s*[$€£¥]?\d[\d,.]*)?\s*(?:k\b|m\b)?"
    r"(?:\s*(?:%|percent|usd|eur|dollars?|euros?|points?|stars?|kgs?|lbs?|pounds?|kms?|miles?|"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)"
    r"(?:\s+(?:old|ago|overdue|late|of experience|experience))?)\b)?(?:\s+or\s+more)?)"
    r"(?P<a>\s*(?:[:,→]|->)?\s*\S.*|\s*)$",
    re.IGNORECASE,
)
# "get posted to Slack", "should just be added to …", ": add them to …": the action's words
_AUX = re.compile(
    r"^\s*(?:[:,→]|->)?\s*(?:should|must|will|can|need to|needs to)?\s*(?:just\s+|only\s+)?"
    r"(?:be|are|is|get|gets)?\s*(?:just\s+|only\s+)?",
    re.IGNORECASE,
)
# "打0到6分的在Freshdesk建工单", "超过20分钟的通话在Jira…": a comparison on a number, 的, what
# is done with those items
_ZH_SUBJECT = re.compile(
    r"^(?P<s>[^，,的]{0,16}?\d[^，,的]{0,10}?)的(?:[\u4e00-\u9fff]{1,3}?)??"
    r"(?P<a>(?:在|用|发|转|推|通知|放|存|写|记录|同步|创建|更新|添加|加到|加入|给|把).*)$"
)


def subject_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "Deals worth more than 5000 create a HubSpot task": a case of the open branch (a
    second range of the same field joins the first's branch)."""
    read = _subject(clause, ctx)
    if read is None:
        return False
    cond, steps = read
    b.open_case(cond, unmask(clause, ctx), same=True)
    b.add(steps)
    return True


def _subject(clause: str, ctx: Context) -> tuple[Condition, list[object]] | None:
    m = (_ZH_SUBJECT if CJK.search(clause) else _EN_SUBJECT).match(clause.strip())
    if m is None:
        return None
    said = m.group("s")
    cond = parse_condition(said, ctx)
    if cond is None or cond.op not in _NUMERIC:
        return None
    measured = _MEASURE.match(said)
    if measured and cond.field in ("price", "value"):  # "Scores between 0 and 6"
        cond = replace(cond, field=measured.group(1).lower())
    elif cond.field in _MEASURED_BY:  # "people scoring 0 to 6"
        cond = replace(cond, field=_MEASURED_BY[cond.field])
    action = m.group("a")
    if not action.strip():
        return cond, []  # "Videos longer than 10 minutes: add them to …": the action follows
    steps = clause_actions(_AUX.sub("", action, count=1), ctx) or clause_actions(action, ctx)
    if not steps:
        return None
    return cond, list(steps)


# a subject that is itself the measure compared ("Scores between 0 and 6", "Ratings under 3")
_MEASURE = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:all\s+|the\s+|any\s+)?"
    r"(score|rating|amount|total|budget|age|weight|temperature)s?\b",
    re.IGNORECASE,
)


# the measure a verb of the subject names ("those scoring 9 or 10", "apps rated under 3")
_MEASURED_BY = {"scoring": "score", "scored": "score", "rated": "rating", "rating": "rating"}


def opens_subject_case(clause: str, ctx: Context) -> bool:
    """The next sentence goes on with the branch: a subject comparison, the others, or a size
    word that names the items a comparison left out ("Smaller orders …")."""
    return (
        _subject(clause, ctx) is not None
        or _kind(clause, ctx) is not None
        or _OTHERS.match(clause) is not None
        or opens_value_subject(clause)
        or size_case(clause) is not None
    )


# "every other day", "every other Monday": a schedule, not the items no case took
_TIME_UNIT = (
    r"(?:day|week|month|year|hour|minute|weekend|morning|evening|night|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)s?"
)
# "everyone else", "the remaining leads", "other payments", "剩下的订单", and the middle of a
# value set ("everything in between", "中间的"): the items no case took; "其他状态不用管": the
# others, left alone
_OTHERS = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:(?:everyone|everybody|everything|anyone|anybody)\s+else\b|"
    r"(?:everything|anything|everyone|anyone|all|the\s+ones|those|the\s+rest)\s+"
    r"(?:in\s+between|in\s+the\s+middle)\b|"
    r"(?:all\s+|any\s+)?(?:the\s+)?(?:remaining|other)\s+[a-z][a-z-]*s\b|"
    r"(?:for\s+)?any\s+other\s+[a-z][a-z-]*\b|"
    r"(?:all\s+)?the\s+others\b|all\s+others\b|"
    rf"(?:for\s+)?every\s+other\s+(?!{_TIME_UNIT}\b)[a-z][a-z-]*\b|"
    r"(?:剩下|剩余|其余|其他|其它|中间|介于中间|在中间|之间)的?[\u4e00-\u9fff]{0,3}?"
    r"(?=[，,]|都|也|就|则|不用|不需要|无需|忽略|不处理|什么都不做|跳过|(?:在|用|发|转|推|通知|"
    r"放|存|写|记录|同步|创建|更新|添加|加到|加入|给|把)))",
    re.IGNORECASE,
)


# "VIP客户用Twilio…，不是VIP的就发到Teams": the head of the case before, denied
_NOT_HEAD = re.compile(
    r"^\s*(?:不是|不属于|非)(?P<h>[\w\u4e00-\u9fff]{1,8}?)(?:的|客户|用户)[\u4e00-\u9fff]{0,3}?"
    r"(?=[，,]|都|也|就|则|不用|不需要|忽略|(?:在|用|发|转|推|通知|放|存|写|记|同步|创建|添加|加|给|把))"
)


def _not_last(b: Builder, clause: str) -> re.Match[str] | None:
    """ "不是VIP的…" right after a case said of VIP ones: that case's complement."""
    m = _NOT_HEAD.match(clause)
    if m is None or b.branch is None or not b.branch.cases:
        return None
    last = b.branch.cases[-1].condition
    said = last.phrase if last is not None else ""
    return m if m.group("h").lower() in said.lower() else None


def as_otherwise(b: Builder, clause: str) -> str:
    """ "everyone else gets a polite email …" while a branch is open: "otherwise …" (its words
    after the subject, without "gets"/"are"/"should be")."""
    if b.branch is None or b.branch.closed:
        return clause
    m = _OTHERS.match(clause) or _not_last(b, clause)
    if m is None:
        return clause
    rest = clause[m.end() :]
    plain = _AUX.sub("", rest, count=1)
    return "otherwise " + (plain if plain.strip() else rest)


# --- a kind of person and its complement -------------------------------------------------------

# "first-time buyers get …", "returning customers are only …", "urgent tickets page …", "paid
# orders get …, unpaid ones …": a kind, a person or item noun, the action
_PEOPLE = (
    r"customers|buyers|users|clients|leads|contacts|members|subscribers|shoppers|visitors|"
    r"accounts|companies|students|patients|guests"
)
_ITEMS = r"orders|tickets|deals|plans|payments|invoices|refunds|issues|requests"
_EN_KIND = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:for\s+)?(?:all\s+|the\s+|our\s+)?"
    r"(?P<k>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+"
    rf"(?P<n>{_PEOPLE}|{_ITEMS}|ones)\b(?P<a>.*)$",
    re.IGNORECASE,
)
# "customers in the EU get …", "leads from Germany should be …": the people, where they are
# from (a capitalised place), the action; a case on the country
_EN_FROM = re.compile(
    r"^\s*(?:and\s+|but\s+)?(?:for\s+)?(?:all\s+|the\s+|our\s+)?"
    rf"(?P<n>{_PEOPLE}|{_ITEMS})\s+(?:in|from)\s+(?:the\s+)?"
    r"(?P<k>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?)\b(?P<a>.*)$"
)
# "首次下单的客户加到…", "老客户只…", "回头客只在…": a kind of person, then what is done for them
_ZH_ACT = (
    r"(?:只|仅|就|则|都|也|直接)*"
    r"(?:在|用|发|转|推|通知|放|存|写|记|同步|创建|建|更新|添加|加|给|把|打)"
)
# "老客户的话发…": the kind said as a supposition before its action
_SUPPOSED = r"(?:的话[，,]?\s*)?"
_ZH_KIND = re.compile(
    # "如果是企业客户就…": the supposition is no part of the kind
    r"^(?:(?:如果|要是|假如)(?:是)?)?(?P<k>[\u4e00-\u9fff\w]{1,8}?)的?(?P<n>客户|用户|买家|会员|顾客|客人|学员|回头客)"
    rf"{_SUPPOSED}(?P<a>{_ZH_ACT}.*)$|^(?P<k2>回头客|熟客|新客|老客){_SUPPOSED}(?P<a2>{_ZH_ACT}.*)$"
)
_NOT_A_KIND = re.compile(
    r"(?:each|every|all|our|my|the|these|those|both|any|other|such|them|remaining|rest|some|"
    r"many|most|no|incoming|these\s+\w+|new\s+and\s+\w+|(?:再|也|还|并)?(?:给|向|对|跟|和|为|把|让|帮|通知))",
    re.IGNORECASE,
)


def _kind(clause: str, ctx: Context) -> tuple[str, str, list[object]] | None:
    """(kind, noun, steps) of "<kind> <people> <action>", else None."""
    placed = None if CJK.search(clause) else _EN_FROM.match(clause.strip())
    m = placed or (_ZH_KIND if CJK.search(clause) else _EN_KIND).match(clause.strip())
    if m is None or says_not_found(clause):
        return None  # "找不到这个客户就…": a lookup that found no one, not a kind of customer
    groups = m.groupdict()
    kind = (groups.get("k") or groups.get("k2") or "").strip()
    if placed is not None:
        kind = "from " + kind  # a place, kept as said: the value a country is compared to
    noun = groups.get("n") or "客"
    action = groups.get("a") or groups.get("a2") or ""
    if not kind or _NOT_A_KIND.fullmatch(kind) or ctx.index.mentions(kind, implicit=False):
        return None
    if _ZH_TO_PERSON.search(kind):
        return None  # "再给客户发一封邮件": to the customer, not a kind of customer
    plain = re.sub(r"^(?:只|仅|就|则|都|也|直接)+", "", _AUX.sub("", action, count=1))
    steps = clause_actions(plain, ctx) or clause_actions(action, ctx)
    if not steps and re.match(r"\s*(?:only\s+|just\s+)?gets?\b", action, re.IGNORECASE):
        steps = clause_actions("send " + plain, ctx)  # "… get an email receipt": sent to them
    said = kind if placed is not None else kind.lower()
    return (said, noun.lower(), list(steps)) if steps else None


# a preposition before the person ("给客户", "向用户", "帮会员"): who the action is for
_ZH_TO_PERSON = re.compile(r"(?:给|为|向|跟|对|帮|替|和|与|让|请|把)$")


def _kind_condition(kind: str, noun: str, phrase: str) -> Condition:
    if kind.startswith("from "):  # "customers in the EU", "leads from Germany"
        return Condition("country", "eq", kind[len("from ") :], phrase)
    if CJK.search(kind):
        return Condition("type", "eq", kind + ("" if noun.endswith("客") else noun), phrase)
    return Condition(re.sub(r"\W+", "_", kind).strip("_"), "is_true", None, phrase)


def _said_of_kind(cond: Condition | None) -> bool:
    """A case on a kind of item (a yes/no field or a word value), not on a number."""
    return cond is not None and (
        cond.op in ("is_true", "category") or (cond.op == "eq" and isinstance(cond.value, str))
    )


def _other_kind_later(text: str, kind: str, noun: str) -> bool:
    """Another kind of the same people is said in ``text`` ("… returning buyers …"), or the
    kind denied ("VIP客户…，不是VIP的…")."""
    if re.search(rf"(?:不是|不属于|非){re.escape(kind)}", text, re.IGNORECASE):
        return True
    if CJK.search(kind):
        found = re.findall(
            r"([\u4e00-\u9fff]{1,4}?)的?(?:客户|用户|买家|会员|顾客|客人|学员)|(回头客|熟客|老客|新客)",
            text,
        )
        return len({a or b for a, b in found} - {kind}) > 0
    nouns = rf"(?:{re.escape(noun)}|ones)"  # "paid orders …, unpaid ones …"
    said = re.findall(rf"\b([a-z][a-z-]*)\s+{nouns}\b", text, re.IGNORECASE)
    return any(w.lower() not in kind.split() and not _NOT_A_KIND.fullmatch(w) for w in said)


def kind_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "first-time buyers get X; returning buyers only get Y", "新客户…；老客户只…": the first
    kind opens a case (only when another kind of the same people is said too), the other
    kind is that case's other output, so Y never also runs for the first kind."""
    read = _kind(clause, ctx)
    if read is None:
        return False
    kind, noun, steps = read
    br = b.branch
    if noun == "ones" and (br is None or br.closed):
        return False  # "unpaid ones …" only answers a kind already said ("paid orders …")
    last = br.cases[-1].condition if br is not None and br.cases and not br.closed else None
    if br is not None and br.event and last is not None and len(br.cases) == 1:
        # the trigger's own condition ("优先级改成urgent的时候：VIP客户…") is no kind of these
        # people: the kind is a decision among the items it lets through
        if not _other_kind_later(b.text, kind, noun):
            return False
        phrase = unmask(clause, ctx)
        b.nest(_kind_condition(kind, noun, phrase), phrase, own_else=True)
        b.add(steps)
        return True
    if br is not None and len(br.cases) == 1 and _said_of_kind(last):
        assert last is not None
        if kind in (last.phrase or "").lower():
            return False  # the same kind again: its own case goes on
        b.otherwise()
        b.add(steps)
        return True
    if br is not None or not (_other_kind_later(b.text, kind, noun) or others_later(b.text)):
        return False
    phrase = unmask(clause, ctx)
    b.open_case(_kind_condition(kind, noun, phrase), phrase, same=False)
    b.add(steps)
    return True


# --- the next value of a field a case compares ---------------------------------------------------

# "US orders go to …", "French orders go to …": a capitalised value, the items, their action
_VALUE_SUBJECT = re.compile(
    r"^\s*(?:and\s+)?(?:for\s+)?(?:the\s+)?(?P<v>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s+"
    r"(?:orders?|ones|customers?|leads?|items?|requests?|payments?|shipments?|users?|deals?)\s+"
    r"(?P<a>\S.*)$"
)


def opens_value_subject(clause: str) -> bool:
    return _VALUE_SUBJECT.match(clause) is not None


def value_subject_case(b: Builder, clause: str, ctx: Context) -> bool:
    """ "… ships to Canada, POST it to …; US orders go to …": while the open branch's last
    case compares a field to a word, items named by another such word are the next case on
    that field (its value as said)."""
    m = _VALUE_SUBJECT.match(clause)
    br = b.branch
    if m is None or br is None or br.closed or not br.cases:
        return False
    last = br.cases[-1].condition
    if last is None or last.op != "eq" or not isinstance(last.value, str):
        return False
    action = m.group("a")
    steps = clause_actions(_AUX.sub("", action, count=1), ctx) or clause_actions(action, ctx)
    if not steps:
        return False
    phrase = unmask(clause, ctx)
    b.open_case(Condition(last.field, "eq", m.group("v"), phrase), phrase, same=True)
    b.add(list(steps))
    return True
