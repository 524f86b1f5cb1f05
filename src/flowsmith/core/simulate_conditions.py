"""How the dry run evaluates conditions on resolved parameters: an ``if``/``filter`` node's
``conditions`` (``combine`` and/or) and a ``switch`` node's ``rules`` (the first match, or all
with ``all_matching``; ``fallback`` when none matches).

Operators use loose JavaScript-like coercions: numeric strings are numbers, ``equals``
compares numerically when both sides are numbers and as text otherwise, ``is_empty`` means
null, "", [] or {}. :mod:`flowsmith.core.satisfy` reasons with these same functions.

Invariants: pure functions of their arguments; an unknown operator, or no condition at all,
is false.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from flowsmith.core import expressions as ex


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _equal(left: Any, right: Any) -> bool:
    a, b = _number(left), _number(right)
    if a is not None and b is not None:
        return a == b
    if isinstance(left, bool) or isinstance(right, bool):
        return ex.to_text(left).lower() == ex.to_text(right).lower()
    return bool(left == right or ex.to_text(left) == ex.to_text(right))


def _compare(op: str, left: Any, right: Any) -> bool:
    """One condition, with loose JavaScript-like coercions (numeric strings are numbers)."""
    if op in ("is_empty", "is_not_empty"):
        empty = left is None or left == "" or left == [] or left == {}
        return empty if op == "is_empty" else not empty
    if op in ("is_true", "is_false"):
        want = op == "is_true"
        return left is want or (isinstance(left, str) and left.strip().lower() == str(want).lower())
    if op in ("equals", "not_equals"):
        return _equal(left, right) == (op == "equals")
    if op in ("greater_than", "less_than"):
        a, b = _number(left), _number(right)
        if a is None or b is None:
            return False
        return a > b if op == "greater_than" else a < b
    if op == "contains":
        if isinstance(left, list):
            return any(_equal(v, right) for v in left)
        if isinstance(left, dict):
            return ex.to_text(right) in left
        return ex.to_text(right) in ex.to_text(left)
    return False


def _conditions(params: Mapping[str, Any]) -> bool:
    conditions = [c for c in params.get("conditions") or [] if isinstance(c, Mapping)]
    results = [_compare(str(c.get("operator")), c.get("left"), c.get("right")) for c in conditions]
    if not results:
        return False
    return any(results) if params.get("combine") == "or" else all(results)


def _switch_outputs(params: Mapping[str, Any]) -> list[str]:
    rules = [r for r in params.get("rules") or [] if isinstance(r, Mapping)][:4]
    left = params.get("field")
    matches = [
        f"output_{k}"
        for k, rule in enumerate(rules)
        if _compare(str(rule.get("operator")), left, rule.get("value"))
    ]
    if not matches:
        return ["fallback"]
    return matches if params.get("all_matching") is True else matches[:1]
