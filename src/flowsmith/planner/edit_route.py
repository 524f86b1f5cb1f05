"""Where a conditional edit meets a branch the workflow already has: an IF or switch that
tests the same field or category ("正面的工单…" on a "negative?" check, "for 'other' emails"
on a classifier's switch).

Invariants: :func:`route` only reads the workflow; it answers with an output of an existing
IF/switch and whether that output already means exactly the edit's condition. Pure.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Node, Workflow
from flowsmith.planner import edit_graph as eg
from flowsmith.planner import lexicon as lx
from flowsmith.planner.plan import EditOp

_LEFT = re.compile(r"\$json(?:\.\w+|\[\"[^\"]+\"\])*(?:\.(\w+)|\[\"([^\"]+)\"\])")
_MAX_RULES = 4  # a switch's rules (catalog maxItems)
_OTHER = frozenset({"other", "others", "rest", "else", "其他", "其余", "其它", "剩下"})


def field_of(expr: object) -> str | None:
    """The item field an expression reads: its last name ("$json.body.price" -> price)."""
    return _field_of(expr)


def _field_of(expr: object) -> str | None:
    m = _LEFT.search(str(expr))
    return (m.group(1) or m.group(2)) if m else None


def _rule_of(rule: dict[str, Any]) -> tuple[str | None, str, Any]:
    return _field_of(rule.get("left")), str(rule.get("operator", "")), rule.get("right")


def route(wf: Workflow, op: EditOp) -> tuple[Node, str, bool] | None:
    """(branch node, output, exact) where ``op``'s condition already splits the flow: the
    output of an IF/switch on the same field whose rule agrees (exact) or contains/excludes
    it (then a new IF still goes on that output); None when no branch tests that field."""
    cat = (op.category or "").lower()
    for node in eg.branch_nodes(wf):
        if node.subtype == "switch":
            values = [str(r.get("value", "")).lower() for r in node.parameters.get("rules", [])]
            if cat and cat in values:
                return node, f"output_{values.index(cat)}", True
            if cat in _OTHER:
                return node, "fallback", True
            if op.where == "new_category" and _classified(wf) and len(values) < _MAX_RULES:
                return node, "new", True  # a new category: a new rule and output
            continue
        conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        if len(conds) != 1:
            continue
        old_field, old_op, old_value = _rule_of(conds[0])
        field, oper, value = _rule_of((rule_at(node, op).get("conditions") or [{}])[0])
        if old_field is None or not (old_field == field or (cat and old_field == "category")):
            continue
        relation = _relation((old_op, old_value), (oper, value))
        if relation == "same":
            return node, "true", True
        if relation == "opposite":
            return node, "false", True  # "when it's not in stock": the other output
        if relation == "disjoint":
            return node, "false", False
        if relation == "inside":
            return node, "true", False
    return None


_OPPOSITES = [
    {"is_true", "is_false"},
    {"is_empty", "is_not_empty"},
    {"equals", "not_equals"},
]


def rule_at(node: Node, op: EditOp) -> dict[str, Any]:
    """``op``'s IF rule as it applies under ``node``: a bare value word ("warning-level
    alerts") where ``node`` tests a field for a text value ("severity = critical") is a
    value of that field."""
    rule = dict(op.rule or {})
    new = (rule.get("conditions") or [{}])[0]
    conds = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
    if node.subtype != "if" or len(conds) != 1 or not op.category:
        return rule
    old_field, old_op, old_value = _rule_of(conds[0])
    if _field_of(new.get("left")) != "category" or old_field in (None, "category"):
        return rule
    if old_op != "equals" or not isinstance(old_value, str):
        return rule
    adopted = {"left": conds[0].get("left"), "operator": "equals", "right": op.category}
    return {**rule, "conditions": [adopted]}


def _classified(wf: Workflow) -> bool:
    return any(x.subtype == "text_classifier" for x in wf.nodes)


def _relation(old: tuple[str, Any], new: tuple[str, Any]) -> str | None:
    """How the items of ``new`` sit in those of ``old``: same, opposite (exactly the others),
    inside, disjoint, or None."""
    if old == new:
        return "same"
    (o_op, o_v), (n_op, n_v) = old, new
    if {o_op, n_op} in _OPPOSITES and str(o_v).lower() == str(n_v).lower():
        return "opposite"
    if o_op == n_op == "equals":
        return "same" if str(o_v).lower() == str(n_v).lower() else "disjoint"
    nums = isinstance(o_v, (int, float)) and isinstance(n_v, (int, float))
    if not nums or {o_op, n_op} - {"greater_than", "less_than"}:
        return None
    if _complement((o_op, o_v), (n_op, n_v)) or _complement((n_op, n_v), (o_op, o_v)):
        return "opposite"  # "不超过100" (< 101) beside "> 100": whole numbers, exactly the rest
    lo_o, hi_o = _bounds(o_op, float(o_v))
    lo_n, hi_n = _bounds(n_op, float(n_v))
    if hi_n <= lo_o or hi_o <= lo_n:
        return "disjoint"
    if lo_o <= lo_n and hi_n <= hi_o:
        return "inside"
    return None


def _complement(a: tuple[str, Any], b: tuple[str, Any]) -> bool:
    """Whether ``b`` holds for exactly the whole numbers ``a`` does not ("> 100", "< 101")."""
    whole = all(isinstance(x, int) and not isinstance(x, bool) for x in (a[1], b[1]))
    return whole and a[0] == "greater_than" and b[0] == "less_than" and b[1] == a[1] + 1


def _bounds(op: str, value: float) -> tuple[float, float]:
    return (value, float("inf")) if op == "greater_than" else (float("-inf"), value)


def adopt_field(rule: dict[str, Any], wf: Workflow, phrase: str) -> dict[str, Any]:
    """``rule`` on the field an existing check tests, when the words never named a field:
    the same text value ("when it's not urgent" where the workflow checks "priority =
    urgent") or a comparison with a number ("大于500" where it checks "amount > 100"); the
    grammar's guessed field would be a check on nothing."""
    conds = rule.get("conditions") or []
    if len(conds) != 1:
        return rule
    field, oper, value = _rule_of(conds[0])
    if field is None or _said(field, phrase):
        return rule
    for node in eg.branch_nodes(wf):
        old = [c for c in node.parameters.get("conditions", []) if isinstance(c, dict)]
        if node.subtype != "if" or len(old) != 1:
            continue
        old_field, old_op, old_value = _rule_of(old[0])
        if old_field in (None, field):
            continue
        text = isinstance(value, str) and isinstance(old_value, str)
        same = text and str(old_value).lower() == str(value).lower()
        if oper in ("equals", "not_equals") and old_op == "equals" and same:
            return {**rule, "conditions": [{**conds[0], "left": old[0].get("left")}]}
        if {oper, old_op} <= _COMPARED and _number(value) and _number(old_value):
            # "把条件改成大于500" where the check compares the amount: still the amount
            return {**rule, "conditions": [{**conds[0], "left": old[0].get("left")}]}
    return rule


_COMPARED = frozenset({"greater_than", "less_than"})


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _said(field: str, phrase: str) -> bool:
    """Whether ``phrase`` names ``field`` (in English or by a Chinese field word)."""
    low = phrase.lower()
    zh = [k for k, v in lx.FIELD_ZH_NAMES.items() if v == field]
    return field.lower().replace("_", " ") in low or any(k in phrase for k in zh)


def past_excluding_filters(
    wf: Workflow, op: EditOp, ends: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``ends`` (where a new check with only new steps behind it would read), each moved in
    front of a filter upstream of it that lets through none of the items the check wants
    ("状态是已成交的客户，…" behind a filter on status = 待跟进): the check then reads beside
    that filter, so its items can reach it. Ends with no such filter stay."""
    new = (op.rule or {}).get("conditions") or []
    if len(new) != 1 or not isinstance(new[0], dict):
        return ends
    field, oper, value = _rule_of(new[0])
    out: list[tuple[str, str]] = []
    for end in ends:
        lifted = _lift(wf, end, field, (oper, value))
        out += [x for x in lifted if x not in out]
    return out


def _lift(
    wf: Workflow, end: tuple[str, str], field: str | None, rule: tuple[str, Any]
) -> list[tuple[str, str]]:
    """``end``, or the feeds of the nearest excluding filter at or above it."""
    seen: set[str] = set()
    todo = [end[0]]
    while todo:
        cur = todo.pop(0)
        if cur in seen:
            continue
        seen.add(cur)
        node = wf.node(cur)
        conds = node.parameters.get("conditions", []) if node is not None else []
        if node is not None and node.subtype == "filter" and len(conds) == 1:
            old_field, old_op, old_value = _rule_of(conds[0])
            if old_field == field and _relation((old_op, old_value), rule) == "disjoint":
                return [(c.from_node, c.from_output) for c in wf.connections if c.to_node == cur]
        todo += [c.from_node for c in wf.connections if c.to_node == cur]
    return [end]
