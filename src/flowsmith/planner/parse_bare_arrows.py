"""Cases said as bare values before arrows, with no "if" and no field heading: "beginners ->
add them to Airtable, advanced -> email the coach", "picked_up -> nothing, delivered -> …",
"退货 → 建工单，换货 → 发邮件".

The values belong to one field the request names elsewhere: "status" when it speaks of a
status ("status changes", "状态"), else the one field of the trigger's bracketed list that
is no contact or identity field ("(name, email, plan)" -> plan, "（姓名、手机、科室）" -> 科室).
Each head becomes an if-clause on that field ("if plan is monthly, …", "如果科室是内科，…") and
a rest head ("anything else ->", "其他 →") becomes "otherwise".

Invariants: the text changes only when it holds two bare heads or more, each opening a clause
(after a comma, semicolon, colon, full stop, line break or the start), every arrow in the text
is such a head or a rest head (so a chain "form -> summary -> Notion" is left as it is), the
heads are distinct, and a field is found; else the text is returned unchanged. Pure: no I/O.
"""

from __future__ import annotations

import re

_ARROW = r"\s*(?:-+>|=+>|→|⇒|⟶|➜|➡️?)\s*"
_ANY_ARROW = re.compile(_ARROW)
_MARK = r"(?:^|(?<=[,;:.，；：。\n]))"
_BULLET = r"\s*(?:[-*•]\s+)?"
# a bare value: one or two words ("in_transit", "drop-in", "tune-up"), or a short Chinese word
_VALUE = r"(?:[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?|[\u4e00-\u9fffA-Za-z]{1,8})"
_HEAD = re.compile(rf"{_MARK}(?P<lead>{_BULLET})(?P<v>{_VALUE})(?P<a>{_ARROW})")
_REST = re.compile(
    r"(?:and\s+|or\s+)?(?:(?:anything|everything|everyone|all)\s+else|else|otherwise|"
    r"the\s+rest|rest|others?|其他的?|其它的?|其余的?|剩下的?|否则|别的)",
    re.IGNORECASE,
)
# words that open a clause but are no value: "then -> …", "再 → …"
_NOT_VALUE = re.compile(r"(?:then|and|next|after\s+that|finally|再|然后|接着|最后)", re.I)
_STATUS = re.compile(r"\bstatus(?:es)?\b|状态")
_LISTED = re.compile(r"[（(]([^（()）]{2,80})[)）]")
# fields every item carries that say who or when, never a case's value
_IDENTITY = re.compile(
    r"^(?:(?:full\s+|first\s+|last\s+)?name|e-?mail(?:\s+address)?|phone(?:\s+number)?|mobile|"
    r"age|address|date|time|owner|company|id|order\s+(?:id|number)|message|notes?|"
    r"姓名|名字|手机号?|电话|邮箱|地址|日期|时间|年龄|订单号|备注|公司|单号)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _field(text: str, before: str) -> str | None:
    """The field the cases test: "status" when the request speaks of one before the cases,
    else the one non-identity field of a bracketed list before them."""
    status = _STATUS.search(before)
    if status is not None:
        return "状态" if status.group(0) == "状态" else "status"
    fields: list[str] = []
    for m in _LISTED.finditer(before):
        parts = [p.strip() for p in re.split(r"[、,，/]", m.group(1))]
        if len(parts) >= 2 and all(0 < len(p) <= 20 for p in parts):
            fields += [p for p in parts if not _IDENTITY.match(p)]
    return fields[0] if len(fields) == 1 else None


def bare_value_arrows(text: str) -> str:
    """``text`` with each bare value head ("advanced -> …") turned into an if-clause on the
    field the request names for the values, and a rest head into "otherwise", when it lists
    such cases; else unchanged."""
    heads = [m for m in _HEAD.finditer(text) if not _NOT_VALUE.fullmatch(m.group("v").strip())]
    values = [m.group("v").strip() for m in heads if not _REST.fullmatch(m.group("v").strip())]
    if len(values) < 2 or len({v.lower() for v in values}) < len(values):
        return text
    if len(_ANY_ARROW.findall(text)) != len(heads):
        return text
    field = _field(text, text[: heads[0].start()])
    if field is None:
        return text
    zh = bool(_CJK.search(field))

    def case(m: re.Match[str]) -> str:
        value = m.group("v").strip()
        if _NOT_VALUE.fullmatch(value):
            return m.group(0)
        if _REST.fullmatch(value):
            return " 否则，" if zh else " otherwise, "
        return f"如果{field}是{value}，" if zh else f" if {field} is {value}, "

    return _HEAD.sub(case, text)
