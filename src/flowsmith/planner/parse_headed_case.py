"""Cases written as a head and an action, as in a list: "200到2000: 企业微信发给客服",
"1k to 5k: email sales@acme.com", "score 9 or above: send a Mailgun email", "两百以下啥也
不用做" (a case arrow has become the colon already, see
:mod:`~flowsmith.planner.parse_case_arrows`).

Invariants: the head is a comparison on a number (``gt``/``gte``/``lt``/``lte``/``between``),
a field said equal to a value ("plan is Enterprise:") or a value before its field's name
("Critical severity:", "High priority:"), and the action names steps or says to do
nothing; a head that names no field ("200到2000", "over 5k") compares the field of the open
branch's last numeric case. A case whose action is nothing opens no case: the branch's other
outputs already do nothing. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_cases import NOTHING
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions
from flowsmith.planner.text import mask_quotes, unmask_quotes

__all__ = ["headed_case", "opens_headed_case"]

_NUMERIC = ("gt", "gte", "lt", "lte", "between")
# "<head>: <action>", or a Chinese bound that ends the head ("200以下啥也不用做")
_UNIT = r"(?:\s*(?:k|m|万|千|块钱?|元|美元|分|星|个|件|人|岁|天|%))?"
# the Chinese head starts the clause and is a field and a number band ("金额2000块以上",
# "500及以上", "200元或以上"): no
# verb's object before it ("每周一把30天以内的订单从Shopify导出" is a step, not a case)
_HEADED = re.compile(
    r"^\s*(?P<h>[^:：]{1,40}?)\s*[:：]\s*(?P<a>.*)$|"
    r"^\s*(?P<zh>[^:：，,把将从给在用\d]{0,12}?\d[\d.]*"
    + _UNIT
    + r"(?:\s*(?:到|至|-|~)\s*\d[\d.]*"
    + _UNIT
    + r")?\s*(?:(?:及|或)?(?:以上|以下|以内)|之间))(?:的)?(?:就|则)?\s*(?P<za>\S.*)$"
)
# a head alone, its action in the next clause (the list's colon split the clause):
# "金额2000块以上", "不及格（60分以下）的学生", "score 9 or above", "Orders between 200 and 2000"
_ALONE = re.compile(
    r"^\s*(?P<h>[\u4e00-\u9fff（(]{0,8}?\d[\d.]*"
    + _UNIT
    + r"(?:\s*(?:到|至|-|~)\s*\d[\d.]*"
    + _UNIT
    + r")?\s*(?:(?:及|或)?(?:以上|以下|以内)|之间)[)）]?)(?:的[\u4e00-\u9fff]{0,4})?\s*$|"
    r"^\s*(?P<en>(?:(?!(?:skip|keep|ignore|drop|only|filter|exclude|remove|get|find|fetch|read|"
    r"send|post|add)\b)[a-z]+\s+){0,2}?(?:(?:over|above|under|below|more than|less than|at least|"
    r"at most|between)\s+)?[$€£]?\d[\d.]*\s*[km]?(?:\s*(?:to|and|-|–)\s*[$€£]?\d[\d.]*\s*[km]?)?"
    r"(?:\s+or (?:more|less|above|below|higher|lower|over|under)|\s+and (?:up|above|over|below))?)"
    r"\s*$",
    re.IGNORECASE,
)
# what is left of a head once its number and comparison words are gone: a field's name
_NOT_A_FIELD = re.compile(
    r"[\d.,$€£¥￥%~\-–\s]|\b(?:k|m|to|and|or|between|over|above|under|below|more|less|up|"
    r"than|at|least|most|higher|lower|dollars?|euros?)\b|以上|以下|以内|之间|及|到|至|超过|低于|"
    r"高于|不到|不满|大于|小于|多于|少于|块钱?|元|美元|万|千",
    re.IGNORECASE,
)


def _split(clause: str) -> tuple[str, str] | None:
    if lx.IF_OPEN.match(clause):
        return None  # "if the total is over 500 …": the if-readers join what follows
    alone = _ALONE.match(clause)
    if alone is not None:
        return alone.group("h") or alone.group("en"), ""
    if _VALUE_FIELD.match(clause):  # "Critical severity" before the list's colon
        return clause, ""
    masked, spans = mask_quotes(clause)  # a colon inside quotes ("“queue:len”") heads nothing
    m = _HEADED.match(masked)
    if m is None:
        return None
    head, action = (m.group("h"), m.group("a")) if m.group("h") is not None else m.group("zh", "za")
    return unmask_quotes(head, spans), unmask_quotes(action, spans)


# "Critical severity", "High priority", "Enterprise plan": a value, then the field it is of
_VALUE_FIELD = re.compile(
    r"^\s*(?:the\s+|all\s+|any\s+)?(?P<v>[a-z][\w-]{1,20}|[\"'“‘][^\"'”’]{1,30}[\"'”’])\s+"
    r"(?P<f>severity|priority|plan|tier|status|level|type|category|stage|environment|env|"
    r"region|department|segment)(?:\s+(?:ones|items|tickets|alerts|issues|requests))?\s*$",
    re.IGNORECASE,
)
# "严重程度是critical的", "plan is Enterprise": a field said equal to a value outright
_SAID_EQUAL = re.compile(r"是|为|等于|\bis\b|\bequals\b", re.IGNORECASE)


def _head_condition(head: str, ctx: Context) -> Any:
    """The case a head says: a comparison on a number, a field said equal to a value
    ("严重程度是critical的"), or a value and its field ("Critical severity"); None for any
    other head ("Note: …", "Slack: …" name no case)."""
    cond = parse_condition(head, ctx)
    if cond is not None and cond.op in _NUMERIC:
        return cond
    if cond is not None and cond.op == "eq" and _SAID_EQUAL.search(head):
        return cond
    m = _VALUE_FIELD.match(head)
    if m is None:
        return None
    value = m.group("v").strip("\"'“”‘’")
    return Condition(m.group("f").lower(), "eq", value, unmask(head, ctx).strip())


def _field_kept(b: Any, head: str, cond: Any) -> Any:
    """A head that names no field ("200到2000" after "金额2000以上") compares the field of
    the open branch's last numeric case."""
    branch = b.branch if b.branch is not None and not b.branch.closed else None
    last = branch.cases[-1].condition if branch is not None and branch.cases else None
    if not _NOT_A_FIELD.sub("", head) and last is not None and last.op in _NUMERIC:
        return replace(cond, field=last.field)
    return cond


def opens_headed_case(clause: str, ctx: Context) -> bool:
    """The clause is a case of a list ("1k to 5k: …"): the branch before goes on with it."""
    said = _split(clause)
    return said is not None and _head_condition(said[0], ctx) is not None


def headed_case(b: Any, clause: str, ctx: Context) -> bool:
    """Read ``clause`` as one case of a list (see the module's invariants) into the
    builder ``b``; False when it is not one."""
    said = _split(clause)
    if said is None:
        return False
    head, action = said
    cond = _head_condition(head, ctx)
    if cond is None:
        return False
    plain = unmask(action, ctx).strip(" ,，.。")
    if not plain:
        b.open_case(_field_kept(b, head, cond), unmask(clause, ctx), same=b.branch is not None)
        return True  # the head alone: the next clause's steps are its action
    nothing = NOTHING.match(plain) is not None
    steps = [] if nothing else clause_actions(action, ctx)
    if not steps and not nothing:
        return False
    branch = b.branch if b.branch is not None and not b.branch.closed else None
    cond = _field_kept(b, head, cond)
    if nothing:
        if branch is None:
            b.open_case(cond, unmask(clause, ctx), same=False)
        return True
    b.open_case(cond, unmask(clause, ctx), same=branch is not None)
    b.add(steps)
    return True


# "满了就发邮件…", "已满的话…": the limit reached, after a case below it ("不满30就…")
_FULL = re.compile(
    r"^\s*(?:如果|要是|若)?(?:已经|人数|名额)?(?:满了|满员了?|已满|额满了?|满额了?|满)"
    r"(?:的话|的时候|时)?[，,]?\s*(?:就|则|那就)?\s*(?P<a>\S.*)$"
)


def _below_open(b: Any) -> bool:
    branch = b.branch
    if branch is None or branch.closed or not branch.cases:
        return False
    last = branch.cases[-1].condition
    return last is not None and last.op in ("lt", "lte")


def opens_full_case(clause: str, b: Any) -> bool:
    """ "满了就…" while a case below a limit is open: the branch goes on with it."""
    return _FULL.match(clause) is not None and _below_open(b)


def full_case(b: Any, clause: str, ctx: Context) -> bool:
    """ "不满30就…；满了就…": the limit reached is the other case of the one below it."""
    m = _FULL.match(clause)
    if m is None or not _below_open(b):
        return False
    steps = clause_actions(m.group("a"), ctx)
    if not steps:
        return False
    b.otherwise()
    b.add(steps)
    return True
