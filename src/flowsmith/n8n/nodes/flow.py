"""Flow control: IF, Filter, Switch, Merge, Loop, Wait, Stop and Error, No-Op.

Type checks of IF v2, Filter v2 and Switch v3. At run time n8n 2.41.1 compares by the
filter value's own ``options.typeValidation`` (n8n-workflow ``executeFilter``): ``strict``
refuses an item whose value has another type than the comparison (the number ``"450"`` that
an API or a form hands over as text), ``loose`` converts it. The node's "Convert types where
required" switch (``looseTypeValidation``; under ``options`` before If 2.1, Filter 2.1 and
Switch 3.1, the versions we export) is what the editor writes that field from, so both are
exported together. Ours convert unless ``strict_types`` is true; an import reads the filter
value's field, so a strict n8n node comes back with ``strict_types`` and exports strict again.
"""

from __future__ import annotations

from typing import Any

from flowsmith.n8n.expr import stable_uuid
from flowsmith.n8n.nodes.base import (
    Ctx,
    F,
    FieldMap,
    Params,
    Translator,
    as_list,
    get,
    ident,
    mapped,
    no_outputs,
    opt,
)

_UNARY = {
    "is_true": ("boolean", "true"),
    "is_false": ("boolean", "false"),
    "is_empty": ("string", "empty"),
    "is_not_empty": ("string", "notEmpty"),
}
_REVERSE_OPS = {
    "equals": "equals",
    "notEquals": "not_equals",
    "gt": "greater_than",
    "after": "greater_than",
    "lt": "less_than",
    "before": "less_than",
    "contains": "contains",
    "true": "is_true",
    "false": "is_false",
    "empty": "is_empty",
    "notExists": "is_empty",
    "notEmpty": "is_not_empty",
    "exists": "is_not_empty",
}
_SCALAR = (str, int, float, bool, type(None))


def _value_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "string"


def cond_fwd(cond: Params, c: Ctx, key: str) -> Params:
    op = cond.get("operator", "equals")
    operator: Params
    if op in _UNARY:
        kind, operation = _UNARY[op]
        operator = {"type": kind, "operation": operation, "singleValue": True}
    elif op in ("greater_than", "less_than"):
        operator = {"type": "number", "operation": "gt" if op == "greater_than" else "lt"}
    elif op == "contains":
        operator = {"type": "string", "operation": "contains"}
    else:
        kind = _value_type(cond.get("right"))
        operator = {"type": kind, "operation": "equals" if op == "equals" else "notEquals"}
    return {
        "id": stable_uuid(c.node_id, "condition", key),
        "leftValue": c.out(cond.get("left", "")),
        "rightValue": "" if op in _UNARY else c.out(cond.get("right", "")),
        "operator": operator,
    }


def cond_rev(cond: Any, c: Ctx) -> Params | None:
    if not isinstance(cond, dict) or not isinstance(cond.get("operator"), dict):
        return None
    ours = _REVERSE_OPS.get(str(cond["operator"].get("operation")))
    kind = cond["operator"].get("type")
    if ours is None or (ours == "contains" and kind not in ("string", "array")):
        return None
    left = c.back(cond.get("leftValue", ""))
    if not isinstance(left, _SCALAR):
        return None
    out: Params = {"left": left, "operator": ours}
    if ours not in _UNARY:
        right = c.back(cond.get("rightValue", ""))
        if not isinstance(right, _SCALAR):
            return None
        out["right"] = right
    return out


def filter_block(
    conditions: list[Params], combine: str, c: Ctx, prefix: str, strict: bool = False
) -> Params:
    check = "strict" if strict else "loose"
    return {
        "options": {"caseSensitive": True, "leftValue": "", "typeValidation": check},
        "conditions": [cond_fwd(cond, c, f"{prefix}{i}") for i, cond in enumerate(conditions)],
        "combinator": combine,
    }


def _node_options(p: Params) -> Params:
    """The node's own options for its type check: "Convert types where required" on, so
    the editor keeps the ``loose`` it reads from it; nothing for a strict node (n8n's
    default there)."""
    return {} if p.get("strict_types") else {"looseTypeValidation": True}


def is_strict(block: Any) -> bool:
    """Whether n8n runs this filter value strict: a value without ``typeValidation`` is
    completed with ``strict`` (n8n-workflow ``getNodeParameters``)."""
    return bool(get(block, "options", "typeValidation") != "loose")


def _conditions_fwd(p: Params, c: Ctx) -> Params:
    conds = as_list(p.get("conditions"))
    strict = bool(p.get("strict_types"))
    block = filter_block(conds, p.get("combine", "and"), c, "", strict)
    return {"conditions": block, "options": _node_options(p)}


def _conditions_rev(p: Params, c: Ctx) -> Params | None:
    block = p.get("conditions")
    if not isinstance(block, dict) or not isinstance(block.get("conditions"), list):
        return None
    conds = [cond_rev(x, c) for x in block["conditions"]]
    if any(x is None for x in conds):
        return None
    combine = block.get("combinator", "and")
    if combine not in ("and", "or"):
        return None
    out: Params = {"conditions": conds, "combine": combine}
    if is_strict(block):
        out["strict_types"] = True
    return out


def _switch_fwd(p: Params, c: Ctx) -> Params:
    rules = as_list(p.get("rules"))
    strict = bool(p.get("strict_types"))
    values = []
    for i, rule in enumerate(rules):
        cond = {"left": p.get("field", ""), "operator": rule.get("operator", "equals")}
        if "value" in rule:
            cond["right"] = rule["value"]
        values.append({"conditions": filter_block([cond], "and", c, f"rule{i}.", strict)})
    options: Params = {"fallbackOutput": "extra", **_node_options(p)}
    opt(p, "all_matching", options, "allMatchingOutputs", ident)
    return {"rules": {"values": values}, "options": options}


def _switch_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("mode", "rules") != "rules":
        return None
    values = get(p, "rules", "values")
    if not isinstance(values, list) or not 1 <= len(values) <= 4:
        return None
    checks = {is_strict(get(rule, "conditions")) for rule in values}
    if len(checks) != 1:
        return None  # one rule strict, another converting: ours has one switch for both
    field_value: Any = None
    rules = []
    for i, rule in enumerate(values):
        conds = get(rule, "conditions", "conditions")
        if not isinstance(conds, list) or len(conds) != 1:
            return None
        cond = cond_rev(conds[0], c)
        if cond is None or (i and cond["left"] != field_value):
            return None
        field_value = cond["left"]
        ours: Params = {"operator": cond["operator"]}
        if "right" in cond:
            ours["value"] = cond["right"]
        rules.append(ours)
    out: Params = {"field": field_value, "rules": rules}
    if checks == {True}:
        out["strict_types"] = True
    matching = get(p, "options", "allMatchingOutputs")
    if isinstance(matching, bool):
        out["all_matching"] = matching
    return out


def _switch_outputs(p: Params) -> list[str]:
    values = get(p, "rules", "values")
    count = len(values) if isinstance(values, list) else 0
    names = [f"output_{i}" for i in range(count)]
    if get(p, "options", "fallbackOutput") == "extra":
        names.append("fallback")
    return names


def _merge_fwd(p: Params, c: Ctx) -> Params:
    mode = p.get("mode")
    out: Params = {}
    if mode == "combine_by_key":
        out = {"mode": "combine", "fieldsToMatchString": p.get("key", ""), "options": {}}
    elif mode == "wait_all":
        out = {"mode": "chooseBranch"}
    elif mode == "append":
        out = {"mode": "append"}
    if c.input_count > 2 and mode != "combine_by_key":
        out["numberInputs"] = c.input_count
    return out


def _merge_rev(p: Params, c: Ctx) -> Params | None:
    mode = p.get("mode")
    if mode is None:
        return {}
    if mode == "append":
        return {"mode": "append"}
    if mode == "chooseBranch":
        return {"mode": "wait_all"}
    if mode == "combine" and p.get("combineBy", "combineByFields") == "combineByFields":
        if p.get("advanced"):
            return None
        return {"mode": "combine_by_key", "key": p.get("fieldsToMatchString", "")}
    return None


_LOOP = FieldMap((F("batch_size", "batchSize"),), static={"options": {}})


def _wait_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    if p.get("mode") == "until":
        out["resume"] = "specificTime"
        out["dateTime"] = c.out(p.get("until", ""))
        return out
    if "mode" in p:
        out["resume"] = "timeInterval"
    opt(p, "amount", out, "amount", ident)
    opt(p, "unit", out, "unit", ident)
    return out


def _wait_rev(p: Params, c: Ctx) -> Params | None:
    resume = p.get("resume", "timeInterval")
    if resume == "specificTime":
        return {"mode": "until", "until": c.back(p.get("dateTime", ""))}
    if resume != "timeInterval":
        return None
    out: Params = {}
    if "resume" in p:
        out["mode"] = "interval"
    opt(p, "amount", out, "amount", ident)
    opt(p, "unit", out, "unit", ident)
    return out


_STOP = FieldMap((F("message", "errorMessage", "expr", default=""),))


def _error_message(p: Params) -> bool:
    return bool(p.get("errorType", "errorMessage") == "errorMessage")


def _loop_outputs(_: Params) -> list[str]:
    return ["done", "loop"]


def _if_outputs(_: Params) -> list[str]:
    return ["true", "false"]


TABLE = [
    Translator("if", _conditions_fwd, _conditions_rev, min_version=2, outputs=_if_outputs),
    Translator("filter", _conditions_fwd, _conditions_rev, min_version=2),
    Translator(
        "switch", _switch_fwd, _switch_rev, min_version=3, max_version=3.2, outputs=_switch_outputs
    ),
    Translator("merge", _merge_fwd, _merge_rev, min_version=3),
    mapped("loop", _LOOP, min_version=3, outputs=_loop_outputs),
    Translator("wait", _wait_fwd, _wait_rev, webhook=True),
    mapped("stop_and_error", _STOP, accepts=_error_message, outputs=no_outputs),
    mapped("no_op", FieldMap()),
]
