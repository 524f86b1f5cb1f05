"""Arrows that say "in this case do" rather than "then": "scores 0-6 → create a Freshdesk
ticket, 9-10 → add them to ActiveCampaign", "status 'lost' → alert Slack".

Also "7 or higher -> …, lower -> …", "priority high -> …; priority medium -> …; anything
else -> …": a band of a number, a field and its bare value said by two heads or more, and the
rest of the items ("lower", "anything else", "其他的") as the last case.

Invariants: an arrow is read as a case's colon only when the text holds at least two arrows
whose left side, back to the last comma, semicolon or colon, is a short value head (ending
on a number, a unit after a number, a band or bound after those ("7 or higher", "以上"), or a
quoted value; or a field word and a bare value, the field word said by two heads or more) or,
beside one of those, a rest head; a chain of steps ("typeform -> summary -> notion") has no
such heads and is left as it is. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from itertools import pairwise

from flowsmith.planner.parse_bare_arrows import bare_value_arrows
from flowsmith.planner.parse_which_heading import which_heading

_ARROW = r"\s*(?:-+>|=+>|→|⇒|⟶|➜|➡️?)\s*"
_AFTER_MARK = r"(?:^|(?<=[,;:.，；：。]))"
# a band after a number: "7 or higher", "70 and above", "9+", "7分及以上", "2000块以上"
_BAND = (
    r"(?:\s*(?:or|and)\s+(?:higher|more|above|over|up|lower|less|below|under|fewer)|\+|"
    r"\s*分?(?:及|或)?(?:以上|以下|以内))"
)
# a unit after a number: "9 stars", "5分", "2k", "3万", "2000块", "$500 dollars", "90%"
_UNIT = r"stars?|points?|分|星|颗星|k|m|万|千|块钱?|元|美元|%|dollars?|euros?"
# a value head just before an arrow: "0-6", "9 or 10 stars", "'returned'", "“异常”", "5分",
# "7 or higher"
_HEAD_ARROW = re.compile(
    rf"(?P<h>{_AFTER_MARK}[^,;:.，；：。→>]{{0,40}}?"
    rf"(?:\d(?:\s*(?:{_UNIT})(?![a-z]))?(?:{_BAND})?|[\"'”’」]))"
    rf"{_ARROW}"
)
# the items no head before took: "lower ->", "anything else ->", "其他的 →"
_REST_ARROW = re.compile(
    rf"{_AFTER_MARK}(?P<h>\s*(?:and\s+|or\s+)?(?:(?:anything|everything|everyone|all)\s+else|"
    r"else|otherwise|the rest|rest|others?|everything other|lower|higher|less|more|below that|"
    rf"above that|under that|over that|其他的?|其它的?|其余的?|剩下的?|否则))"
    rf"{_ARROW}",
    re.IGNORECASE,
)
# a field word and its bare value: "priority high ->", "plan = pro ->"
_PAIR_ARROW = re.compile(
    rf"{_AFTER_MARK}(?P<h>\s*(?P<f>[a-z]+)\s+(?:is\s+|=\s*)?(?P<v>[\w-]+))(?P<a>{_ARROW})",
    re.IGNORECASE,
)


def case_arrows(text: str) -> str:
    """``text`` with each case arrow ("0-6 → …") turned into a colon or an if-clause, and a
    rest arrow ("lower → …") into "otherwise", when it lists cases."""
    text = band_colons(headed_values(range_heads(which_heading(text))))
    pairs = _paired(text)
    paired = [m for m in _PAIR_ARROW.finditer(text) if m.group("f").lower() in pairs]
    heads = len(_HEAD_ARROW.findall(text)) + len(paired)
    if heads == 0:
        return bare_value_arrows(text)
    if heads + len(_REST_ARROW.findall(text)) < 2:
        return text
    if pairs:
        text = _PAIR_ARROW.sub(
            lambda m: (
                f" if {m.group('f')} is {m.group('v')}, "
                if m.group("f").lower() in pairs
                else m.group(0)
            ),
            text,
        )
    text = _HEAD_ARROW.sub(_as_case, text)
    return _REST_ARROW.sub(" otherwise, ", text)


# a range of numbers opening a clause, its action right after with no arrow or colon:
# "score 0-6 open a ticket, 7-8 log it, 9-10 add them …", "age 18-25 add …"
_RANGE_HEAD = re.compile(
    rf"{_AFTER_MARK}(?P<h>\s*(?:(?:the\s+)?[a-z]+\s+)?(?P<lo>\d+(?:\.\d+)?)\s*(?:-|–|to)\s*"
    rf"(?P<hi>\d+(?:\.\d+)?)(?:\s*(?:{_UNIT})(?![a-z]))?)\s+(?=[a-z])",
    re.IGNORECASE,
)


def range_heads(text: str) -> str:
    """``text`` with each range opening a clause ("0-6 open …") closed by a colon, the head
    the value readers take, when it says two such ranges or more that do not overlap and go
    one way (so "5-10 minutes, 2-3 times" is no list of cases); else unchanged."""
    found = list(_RANGE_HEAD.finditer(text))
    if len(found) < 2:
        return text
    spans = [(float(m.group("lo")), float(m.group("hi"))) for m in found]
    if any(lo > hi for lo, hi in spans) or not _one_way(spans):
        return text
    return _RANGE_HEAD.sub(lambda m: m.group("h") + ": ", text)


def _one_way(spans: list[tuple[float, float]]) -> bool:
    """The ranges follow each other without overlap, all going up or all going down."""
    pairs = list(pairwise(spans))
    return all(a[1] < b[0] for a, b in pairs) or all(b[1] < a[0] for a, b in pairs)


# the same heads closed by a colon at a sentence's start: "70 and above: …. Below that: …"
_SENTENCE = r"(?:^|(?<=[.;!?。；！？]))"
_BAND_COLON = re.compile(
    rf"{_SENTENCE}(?P<h>\s*[^.;:!?。；：！？]{{0,30}}?\d+{_BAND})\s*[:：]\s*", re.IGNORECASE
)
_REST_COLON = re.compile(
    rf"{_SENTENCE}\s*(?:(?:anything|everything|everyone|all)\s+else|otherwise|the rest|others|"
    r"lower|higher|below that|above that|under that|over that|其他的?|其它的?|其余的?|剩下的?)"
    r"\s*[:：]\s*",
    re.IGNORECASE,
)


_UP = re.compile(r"(?:or|and)\s+(?:higher|more|above|over|up)$|\+$", re.IGNORECASE)
_DOWN = re.compile(r"(?:or|and)\s+(?:lower|less|below|under|fewer)$", re.IGNORECASE)


def as_bound(head: str) -> str:
    """ "70 and above" -> "at least 70", "3 or lower" -> "at most 3": the words every
    comparison reader takes (Chinese bands are read as they are)."""
    m = re.search(r"(\d+(?:\.\d+)?)\s*(\S.*)?$", head)
    if m is None or not m.group(2):
        return head
    band = m.group(2).strip()
    word = "at least" if _UP.search(band) else "at most" if _DOWN.search(band) else ""
    return f"{head[: m.start()]}{word} {m.group(1)}".strip() if word else head


def band_colons(text: str) -> str:
    """``text`` with bands of a number closed by a colon ("70 and above: …") read as cases
    and a rest head ("Below that: …") as their otherwise, when it says two such heads."""
    bands = len(_BAND_COLON.findall(text))
    if bands == 0 or bands + len(_REST_COLON.findall(text)) < 2:
        return text
    text = _BAND_COLON.sub(lambda m: f" If {as_bound(m.group('h').strip())}, ", text)
    return _REST_COLON.sub(" otherwise, ", text)


def _paired(text: str) -> set[str]:
    """The field words said by two "<field> <value> →" heads or more, or by one that says
    "is" ("label is bug → …") beside a rest head ("anything else → …")."""
    found = list(_PAIR_ARROW.finditer(text))
    words = [m.group("f").lower() for m in found]
    rest = _REST_ARROW.search(text) is not None
    said_is = {
        m.group("f").lower()
        for m in found
        if rest
        and re.search(r"\s(?:is\s+|=)", m.group("h"))
        and not _REST_WORD.fullmatch(m.group("f"))
    }
    return {w for w in words if words.count(w) >= 2} | said_is


# "status 'lost'": a field and its quoted value
_FIELD_VALUE = re.compile(r"^(?P<f>\s*[a-z][\w ]{0,20}?)\s+(?:is\s+)?(?P<v>[\"'“‘「].*)$", re.I)


def _as_case(m: re.Match[str]) -> str:
    """A number's arrow becomes a colon (the value readers take "0-6: …"); a quoted value's
    becomes an "if" clause ("if status is 'lost', …"), since a colon after a quote would end
    the clause."""
    head = m.group("h")
    said = _FIELD_VALUE.match(head)
    if re.search(_BAND + r"\s*$", head):
        return f" if {as_bound(head.strip())}, "  # "7 or higher": a comparison, read as one
    if head.rstrip()[-1:].isdigit() or said is None:
        return head + ": "
    return f" if {said.group('f').strip()} is {said.group('v').strip()}, "


# a field said once in a heading before bare values with arrows: "按类型分：Bug → …；需求 → …；
# 其他 → …", "route by priority: urgent -> …, high -> …, anything else -> …"
_FIELD_HEADING = re.compile(
    r"(?:(?:按|根据|依据|按照|看)(?P<zh>[\u4e00-\u9fffA-Za-z]{1,6}?)(?:来|的不同)?"
    r"(?:分流|区分|分开|分类|分别处理|处理|分)?|"
    r"\b(?:by|based on|depending on|according to)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<en>[a-z]+(?:\s+[a-z]+)?))\s*[:：]",
    re.IGNORECASE,
)
_VALUE_ARROW = re.compile(
    rf"(?:(?<=[,;:，；：\n])|(?<=^))(?P<v>\s*[^,;:，；：。.→>\-=]{{1,20}}?){_ARROW}"
)
_REST_WORD = re.compile(
    r"(?:and\s+|or\s+)?(?:(?:anything|everything|everyone|all)\s+else|else|otherwise|the rest|"
    r"rest|others?|其他的?|其它的?|其余的?|剩下的?|否则|别的)",
    re.IGNORECASE,
)


def headed_values(text: str) -> str:
    """``text`` with each bare value after a field heading ("按类型分：Bug → …") read as an
    if-clause on that field, and a rest head as otherwise, when two values or more follow
    the heading (else unchanged: a heading alone says no cases)."""
    head = _FIELD_HEADING.search(text)
    if head is None:
        return text
    field = (head.group("zh") or head.group("en") or "").strip()
    zh = head.group("zh") is not None
    body = text[head.end() :]
    values = [
        m for m in _VALUE_ARROW.finditer(body) if not _REST_WORD.fullmatch(m.group("v").strip())
    ]
    if len(values) < 2:
        return text

    def case(m: re.Match[str]) -> str:
        value = m.group("v").strip()
        if _REST_WORD.fullmatch(value):
            return " 否则，" if zh else " otherwise, "
        return f"如果{field}是{value}，" if zh else f" if {field} is {value}, "

    before = _ROUTING_VERB.sub("", text[: head.start()])
    return before + " " + _VALUE_ARROW.sub(case, body)


# the verb that says the routing itself, just before its heading: "Route them by skill:",
# "sort it by department:", "把它们分一下，按…": no step of its own, so it is dropped (else the
# first case's "if" would read as a trailing guard on it)
_ROUTING_VERB = re.compile(
    r"\b(?:route|sort|split|divide|separate|triage|direct|dispatch|handle|group)\s+"
    r"(?:them|it|each(?:\s+one)?|these|those|the\s+\w+|every\s+\w+)?\s*$",
    re.IGNORECASE,
)
