"""The item field a comparison compares: named before it ("the budget is over 100" ->
budget, "邮件的主题包含" -> subject), else implied (the previous case's field, the data word
a read or the request named, else a default).

Invariants: the name is an item field name, never an expression; numbers normalise units
("2.5k", "1万", "10,000"). Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.parse_condition_words import SOMEONE, UNIT
from flowsmith.planner.parse_context import CJK, TOKEN, Context

_Q = r"[\"'“‘「]"
_QE = r"[\"'”’」]"


def number_of(digits: str, unit: str | None) -> float | int | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6, "万": 1e4, "千": 1e3}.get((unit or "").lower(), 1)
    value *= scale
    return int(value) if value.is_integer() else value


# "files changed", "changed files": a participle says which of the counted items count
_PARTICIPLE = r"changed|modified|touched|added|deleted|removed|edited|updated|failed"


_TIMES = re.compile(
    r"(?:second|minute|hour|day|week|month|year|dollar|euro|cent|percent|unit|time|degree)s"
)


_IN_STATE = re.compile(
    r"\s*([a-z]+s|people)\s+(?:are|were|have been|remain)\s+"
    r"(?:still\s+|already\s+|now\s+|currently\s+)?([a-z]{3,}ed)\b",
    re.IGNORECASE,
)


def counted_in_state(after: str) -> str:
    """ "fewer than 10 people are still registered" -> registered_people: the count of the
    items said after the number in the state said of them ("" when not said so)."""
    still = _IN_STATE.match(after)
    if still is None or _TIMES.fullmatch(still.group(1).lower()):
        return ""
    return f"{still.group(2)}_{still.group(1)}".lower()


def counted_noun(after: str) -> str:
    """ "more than 5 failures": the counted noun after the number is the field; "40 files
    changed" / "40 changed files": the count of those (changed_files)."""
    done = re.match(
        rf"\s*(?:({_PARTICIPLE})\s+([a-z]+s)\b|"
        rf"([a-z]+s)\s+(?:were\s+|have been\s+)?({_PARTICIPLE})\b)",
        after,
        re.IGNORECASE,
    )
    if done:
        return f"{done.group(1) or done.group(4)}_{done.group(2) or done.group(3)}".lower()
    still = counted_in_state(after)
    if still:
        return still
    if UNIT.match(after):
        return ""  # "under 30 hours this week": a duration, not a count of "this"
    m = re.match(r"\s*(?:[a-z]+\s+)?([a-z]+s|people)\b", after, re.IGNORECASE)
    if m is None or re.fullmatch(r"goes|does|has|is|was|needs|gets", m.group(1).lower()):
        return ""
    if _TIMES.fullmatch(m.group(1).lower()):
        return ""
    return m.group(1).lower()


_DEGREES = re.compile(r"\s*(?:degrees?\b|°|℃|℉)", re.IGNORECASE)


def measured_field(after: str, unit: str | None, ctx: Context | None) -> str:
    """The field of a comparison that names none, from what it measures: degrees are a
    temperature; else the quantity the request is about (``Context.measure``), unless a case
    before named its own field or the number is a duration and the quantity is not ("" then)."""
    if unit == "度" or _DEGREES.match(after):
        return "temperature"
    if ctx is None or ctx.measure is None or ctx.last_field:
        return ""
    if UNIT.match(after) and ctx.measure != "hours":
        return ""
    return ctx.measure


def implied_field(default: str, ctx: Context | None) -> str:
    """The field of a condition that names none: the last case's, a read's data word, or
    ``default``."""
    if ctx is None or default in ("", "text", "value"):
        return default
    if ctx.last_field:
        return ctx.last_field
    if ctx.subject and default == "price":
        return ctx.subject
    return default


_FIELD_WORDS = re.compile(r"\b(?:field|column|property|attribute|cell)\b")
_HEAD_OF = ("number", "count", "total", "amount", "sum", "value", "list")


# the words joining a condition to what came before: "而且版本号…", "并且金额…"
_ZH_JOINED = re.compile(r"^(?:而且|并且|而|并|且|同时|另外|如果|要是|假如)")


# the names of an item's values (a plural of one is that value of each item)
_VALUE_NAMES = frozenset(lx.FIELD_ZH_NAMES.values())
# fields that hold a list, named in the plural: "if its labels include 'security'"
_LIST_FIELDS = frozenset({"labels", "tags", "assignees", "categories", "topics"})


def field_of(before: str, default: str, ctx: Context | None = None) -> str:
    """The item field a condition compares: "the budget is" -> budget, "it is" -> default."""
    text = TOKEN.sub(" ", before).replace("__it__", " ").strip(" ,，")
    if CJK.search(text):
        hits = [
            (text.rfind(w) + len(w), len(w), n) for w, n in lx.FIELD_ZH_NAMES.items() if w in text
        ]
        if hits:
            return max(hits)[2]  # the data word nearest the comparison ("邮件的主题" -> subject)
        measured = next((name for said, name in lx.MEASURES if said.search(text)), None)
        if measured is not None:
            return measured  # "美元兑人民币超过7.3": the exchange rate
        text = text.rsplit("的", 1)[-1] or text  # "改动的文件" -> 文件
        text = _ZH_JOINED.sub("", text)  # "而且版本号" -> 版本号
        # "标签里有…", "标题中包含…": the place a value is in is the field
        m = re.search(r"([\u4e00-\u9fff]{1,4}?)(?:是|为|的值|里|中)?$", text)
        return m.group(1) if m and not lx.PRONOUN.match(m.group(1)) else implied_field(default, ctx)
    quoted = re.search(
        r"(?<!\w)" + _Q + r"([a-z][\w -]{0,30})" + _QE + r"\s*(?:field|column|property|value)?",
        text,
        re.IGNORECASE,
    )
    if quoted:
        return re.sub(r"\W+", "_", quoted.group(1).strip().lower())
    low = _FIELD_WORDS.sub(" ", text.lower())
    parts = re.split(r"\s+(?:of|from|in|at|on|for)\s+", " " + low + " ")
    low = parts[0]
    counted = len(parts) > 1 and bool(re.search(r"\b(?:" + "|".join(_HEAD_OF) + r")\s*$", low))
    if counted:
        low = parts[1]  # "the number of orders": orders
    low = re.sub(
        r"\b(?:is|are|was|were|goes|gets|has|its|it's|the|a|an|of|their|his|her|my|our|"
        r"this|that|total of|value of|if|when|any|each|every|and|but|also|then)\b",
        " ",
        low,
    )
    low = re.sub(r"'s\b", " ", low)
    words = [
        w
        for w in re.findall(r"[a-z_][a-z0-9_]*", low)
        if w not in ("it", "they", "them", "there", "those", "these", "ones", "items", "us", "me")
        and not SOMEONE.fullmatch(w)
    ]
    while words and words[-1] in ("from", "at", "in", "on", "for", "by"):
        words.pop()  # "the temperature from <url>": the field is before the source
    if not words:
        return implied_field(default, ctx)
    if (
        len(words) == 1
        and not counted
        and re.fullmatch(r"[a-z]+[^s]s", words[0])
        and words[0] not in ("status",)
    ):
        one = str(words[0])[:-1]
        if words[0] in _LIST_FIELDS and default == "text":
            return str(words[0])  # "its labels include …": the list of labels
        if one in _VALUE_NAMES:
            return one  # "budgets under 2000": each one's budget
        return implied_field(default, ctx)  # "orders over 100": the items, not a field
    name = (
        "_".join(words[-2:])
        if len(words) >= 2
        and words[-1]
        in (
            "total",
            "count",
            "amount",
            "price",
            "score",
            "status",
            "date",
            "time",
            "speed",
            "rate",
            "code",
            "length",
            "size",
            "level",
            "number",
        )
        else words[-1]
    )
    return name
