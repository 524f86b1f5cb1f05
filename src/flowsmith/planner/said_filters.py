"""A filter said on a bulk read goes into the read operation's own filter fields: "all unread
gmail from x@y.com" (Gmail getAll ``sender``, ``read_status``), "Zendesk tickets with status
pending" (``status``), "状态为已完成的记录" (Airtable search ``formula``).

Everything comes from the chosen operation's fields in the catalog:

* a field described as the sender ("Only from this sender.") takes the address said after
  "from" / "来自";
* an enum filter (a field whose description says filter, status, state, which or only) takes
  the value the words say of the items ("unread emails", "status pending", "未读邮件");
* a query or formula field whose description gives an example on a status ("Airtable
  formula, e.g. {Status} = 'Open'.") takes that example with the said condition's field and
  value put in its places, for a condition ``field = value`` said of the read items.

Invariants: only an operation that reads; never a field the step already sets; a word said
as the state to set ("mark … as read", "标记为已读") is no filter; the IF the condition
compiles to stays (the filter narrows the read, the IF still decides).
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.catalog.apps import App, Field_, Operation
from flowsmith.core.services import verb_of
from flowsmith.planner import lexicon_verbs as lv
from flowsmith.planner.frame import Condition

__all__ = ["read_filters"]

_READ_PREFIXES = ("get", "list", "search", "read", "find", "query", "lookup")
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# an address after "from" (or the parser's mask of one, ``__mail0__``)
_FROM = re.compile(
    r"(?:\bfrom|来自|发自|发件人(?:是|为)?)\s*(" + _EMAIL + r"|__mail\d+__)", re.IGNORECASE
)
_SENDER_FIELD = re.compile(r"\bsender\b", re.IGNORECASE)
_FILTER_FIELD = re.compile(r"\b(?:filter|status|state|which|only)\b", re.IGNORECASE)
_QUERY_FIELD = re.compile(r"\b(?:query|formula|filter|where)\b", re.IGNORECASE)
_WIDE = {"any", "all", "both"}
# a value said as the state to put items in, not one to read them by
_SET_BEFORE = re.compile(r"(?:\b(?:as|to|set)\s+|(?:标记?|设|改|置)(?:为|成)?\s*)$", re.IGNORECASE)
# a value said as the clause's verb, before its object ("read my gmail", "open the tickets")
_VERB_AFTER = re.compile(
    r"\s+(?:my|the|all|our|your|his|her|their|its|these|those|each|every|any|a|an)\b",
    re.IGNORECASE,
)
# a word before a value that makes it the items' adjective ("all read emails")
_DET_BEFORE = re.compile(
    r"\b(?:all|the|my|our|your|any|only|every|each|those|these)\s+$", re.IGNORECASE
)
_STATUS_BEFORE = re.compile(
    r"(?:status|state|状态|狀態)\s*(?:is|of|=|:|equals|为|是|為)?\s*$", re.IGNORECASE
)
# Chinese words for the states filters take, to the English stems enum values use
_ZH_STATES: dict[str, tuple[str, ...]] = {
    "未读": ("unread",),
    "已读": ("read",),
    "待处理": ("pending",),
    "未关闭": ("open",),
    "打开的": ("open",),
    "开放的": ("open",),
    "已关闭": ("closed",),
    "已解决": ("solved", "resolved"),
    "已完成": ("completed", "done"),
    "已取消": ("cancel",),
    "已付款": ("paid",),
    "已支付": ("paid",),
    "未付款": ("unpaid",),
    "已退款": ("refunded",),
}


def read_filters(
    op_key: str,
    op: Operation,
    app: App,
    resource: str,
    words: str,
    conditions: list[Condition],
    given: dict[str, Any],
) -> dict[str, Any]:
    """The filter fields of the read ``op`` that ``words`` and ``conditions`` say."""
    if not _reads(op_key):
        return {}
    nouns = _nouns(app, resource)
    out: dict[str, Any] = {}
    for name, field in op.fields.items():
        if name in given:
            continue
        value = _sender(field, words)
        if value is None:
            value = _enum_said(field, words, nouns)
        if value is None:
            value = _by_condition(field, conditions)
        if value is not None:
            out[name] = value
    return out


def _reads(op_key: str) -> bool:
    return "read" in verb_of(op_key) or op_key.lower().startswith(_READ_PREFIXES)


def _nouns(app: App, resource: str) -> list[str]:
    res = app.resources.get(resource)
    return [*app.names.all(), *(res.names.all() if res else []), "items", "ones"]


def _sender(field: Field_, words: str) -> str | None:
    if field.type != "string" or not _SENDER_FIELD.search(field.description):
        return None
    m = _FROM.search(words)
    return m.group(1) if m else None


def _enum_values(field: Field_) -> list[str]:
    values = getattr(field, "enum", None) or []
    return [v for v in values if isinstance(v, str) and v.lower() not in _WIDE]


def _enum_said(field: Field_, words: str, nouns: list[str]) -> str | None:
    """The enum value ``words`` say of the items: before one of ``nouns`` or after a status
    word, in English or by a Chinese state word."""
    values = _enum_values(field)
    if not values or not _FILTER_FIELD.search(field.description):
        return None
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    for value in sorted(values, key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(value) + r"\b", words, re.IGNORECASE):
            before, after = words[: m.start()], words[m.end() :]
            if _SET_BEFORE.search(before) or _VERB_AFTER.match(after):
                continue
            if _is_verb(value) and not _DET_BEFORE.search(before):
                continue  # "read new emails": the clause's verb, not the items' state
            if _STATUS_BEFORE.search(before) or re.match(
                r"(?:\s*[\w'’-]+){0,2}?\s*(?:的)?\s*(?:" + noun + r")", after, re.IGNORECASE
            ):
                return value
    return _zh_said(values, words)


def _is_verb(word: str) -> bool:
    verbs = (lv.READ_VERB, lv.CREATE_VERB, lv.UPDATE_VERB, lv.DELETE_VERB)
    return any(v.fullmatch(word) for v in verbs)


def _zh_said(values: list[str], words: str) -> str | None:
    for zh, stems in _ZH_STATES.items():
        for m in re.finditer(zh, words):
            if _SET_BEFORE.search(words[: m.start()]):
                continue
            hit = _stem_value(values, stems)
            if hit is not None:
                return hit
    return None


def _stem_value(values: list[str], stems: tuple[str, ...]) -> str | None:
    for stem in stems:
        hit = next((v for v in values if v.lower() == stem), None)
        hit = hit or next((v for v in values if v.lower().startswith(stem)), None)
        if hit is not None:
            return hit
    return None


def _by_condition(field: Field_, conditions: list[Condition]) -> Any:
    """A filter value from a condition ``field = value`` said of the read items."""
    for cond in conditions:
        if cond.op != "eq" or not isinstance(cond.value, str) or not cond.value.strip():
            continue
        values = _enum_values(field)
        if values and _FILTER_FIELD.search(field.description) and _about_state(cond.field):
            stems = (cond.value.lower(), *_ZH_STATES.get(cond.value, ()))
            hit = _stem_value(values, stems)
            if hit is not None:
                return hit
        made = _from_example(field, cond.field, cond.value)
        if made is not None:
            return made
    return None


def _about_state(name: str) -> bool:
    return bool(re.search(r"status|state|状态", name, re.IGNORECASE))


# an example's status condition: the field, the operator between, the value and its closing
_EXAMPLE = re.compile(
    r"(?P<f>status)(?P<op>[^A-Za-z0-9<>!]*?(?:\beq\b[^A-Za-z0-9<>!]*)?)"
    r"(?P<v>[A-Za-z_]+)(?P<close>['\")}\]]*)",
    re.IGNORECASE,
)


def _from_example(field: Field_, name: str, value: str) -> str | None:
    """The field's example query with ``name`` and ``value`` in its status condition's
    places ("{Status} = 'Open'" -> "{Status} = 'Done'"), or None."""
    if field.type != "string" or not _QUERY_FIELD.search(field.description):
        return None
    _, sep, example = field.description.partition("e.g.")
    m = _EXAMPLE.search(example.strip().rstrip(".")) if sep else None
    if m is None:
        return None
    said = name[:1].upper() + name[1:] if m.group("f")[:1].isupper() else name
    ex = example.strip().rstrip(".")
    return ex[: m.start()] + said + m.group("op") + value + m.group("close")
