"""Conditions no item can satisfy: an ``if``/``filter`` whose conditions contradict each other,
a ``switch`` rule that can never be the one chosen.

Reads the same operator semantics as the dry run
(:func:`flowsmith.core.simulate_conditions._compare`):
``greater_than``/``less_than`` hold only for numbers (numeric strings are numbers), ``equals``
compares numerically when both sides are numbers, ``is_empty`` means null, "", [] or {}.

Per left operand (the same expression text, e.g. ``{{ $json.price }}``) and-combined
conditions narrow one value: an interval for the numeric comparisons (open or closed ends),
the set of values it must equal, those it must not, the emptiness and truth it must have.
The conjunction is unsatisfiable when the interval is empty, two required values differ, a
required value is excluded, lies outside the interval or lacks a required substring, or two
required states exclude each other. Conditions whose right side is an expression are not
reasoned about (they could be anything). A left operand that is a constant is evaluated.

Finding code (stable):

* ``condition_never_true`` (warning)  an ``if``'s ``true`` output, a ``filter``'s output or a
  ``switch`` rule's output can receive no item. For a ``switch`` (first matching rule wins
  unless ``all_matching``) a rule is also never chosen when an earlier rule matches every
  value it matches.

Pure: no I/O, the same workflow gives the same findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flowsmith.core import expressions as ex
from flowsmith.core.models import Finding, Node, Workflow
from flowsmith.core.simulate_conditions import _compare, _equal, _number

CONDITION_NEVER_TRUE = "condition_never_true"
_CONDITION_NODES = frozenset({"if", "filter"})
_OPS = {
    "equals": "equal to",
    "not_equals": "not equal to",
    "greater_than": "greater than",
    "less_than": "less than",
    "contains": "containing",
}


def never_true(workflow: Workflow) -> list[Finding]:
    """``condition_never_true`` findings for every ``if``, ``filter`` and ``switch`` node."""
    out: list[Finding] = []
    for node in workflow.nodes:
        if node.subtype in _CONDITION_NODES:
            out += _conditions_node(node)
        elif node.subtype == "switch":
            out += _switch_node(node)
    return out


# --- if / filter ---------------------------------------------------------------------------


def _conditions_node(node: Node) -> list[Finding]:
    params = node.parameters
    raw = params.get("conditions")
    conditions = [c for c in raw if isinstance(c, Mapping)] if isinstance(raw, list) else []
    if not conditions:
        return []
    atoms = [(c.get("left"), str(c.get("operator")), c.get("right")) for c in conditions]
    if params.get("combine") == "or":
        reasons = [unsatisfiable([a]) for a in atoms]
        if any(r is None for r in reasons):
            return []
        reason = "; ".join(r for r in reasons if r)
    else:
        found = unsatisfiable(atoms)
        if found is None:
            return []
        reason = found
    what = "the condition" if node.subtype == "if" else "the filter"
    outcome = "its “true” branch never runs" if node.subtype == "if" else "it passes no item"
    return [
        Finding(
            code=CONDITION_NEVER_TRUE,
            severity="warning",
            node_id=node.id,
            path="parameters.conditions",
            message=f"No item can satisfy {what} of “{node.name}”: {reason}, so {outcome}.",
        )
    ]


# --- switch --------------------------------------------------------------------------------


def _switch_node(node: Node) -> list[Finding]:
    params = node.parameters
    raw = params.get("rules")
    rules = [r for r in raw if isinstance(r, Mapping)][:4] if isinstance(raw, list) else []
    left = params.get("field")
    first_wins = params.get("all_matching") is not True
    out: list[Finding] = []
    for k, rule in enumerate(rules):
        atom = (left, str(rule.get("operator")), rule.get("value"))
        reason = unsatisfiable([atom])
        if reason is None and first_wins:
            for j, earlier in enumerate(rules[:k]):
                before = (left, str(earlier.get("operator")), earlier.get("value"))
                if _implies(atom, before):
                    reason = (
                        f"every value it matches already matches rule {j} "
                        f"({_describe(before)}), which is chosen first"
                    )
                    break
        if reason is None:
            continue
        out.append(
            Finding(
                code=CONDITION_NEVER_TRUE,
                severity="warning",
                node_id=node.id,
                path=f"parameters.rules[{k}]",
                message=(
                    f"Rule {k} of “{node.name}” ({_describe(atom)}) can never route an item: "
                    f"{reason}; output_{k} never runs."
                ),
            )
        )
    return out


def _implies(atom: tuple[Any, str, Any], earlier: tuple[Any, str, Any]) -> bool:
    """Whether every value satisfying ``atom`` also satisfies ``earlier`` (same left side)."""
    _, op, value = atom
    _, op2, value2 = earlier
    if _dynamic(value) or _dynamic(value2):
        return False
    if op == "equals":
        # the one value ``atom`` admits
        return _compare(op2, value, value2)
    if op == op2 and op in ("is_true", "is_false", "is_empty", "is_not_empty"):
        return True
    a, b = _number(value), _number(value2)
    if a is not None and b is not None:
        if op == "greater_than" and op2 == "greater_than":
            return b <= a
        if op == "less_than" and op2 == "less_than":
            return b >= a
        if op == "greater_than" and op2 == "not_equals":
            return b <= a
        if op == "less_than" and op2 == "not_equals":
            return b >= a
    if op == op2 == "not_equals":
        return _equal(value, value2)
    if op == op2 == "contains":
        return ex.to_text(value2) in ex.to_text(value)
    return False


# --- the conjunction ---------------------------------------------------------------------------


@dataclass
class _Value:
    """What and-combined conditions require of one left operand."""

    lo: float | None = None
    lo_open: bool = False
    hi: float | None = None
    hi_open: bool = False
    equals: list[Any] = field(default_factory=list)
    not_equals: list[Any] = field(default_factory=list)
    contains: list[Any] = field(default_factory=list)
    states: dict[str, str] = field(default_factory=dict)  # "empty"/"truth" -> op that set it
    numeric: str | None = None  # the first condition that needs a number
    said: list[str] = field(default_factory=list)


def unsatisfiable(atoms: Sequence[tuple[Any, str, Any]]) -> str | None:
    """Why no value satisfies every ``(left, operator, right)`` together, or None."""
    groups: dict[str, _Value] = {}
    for left, op, right in atoms:
        if op not in _OPS and op not in ("is_true", "is_false", "is_empty", "is_not_empty"):
            continue
        if _dynamic(right):
            continue
        if not _dynamic(left):
            if not _compare(op, left, right):
                return f"{_describe((left, op, right))} is always false"
            continue
        key = _key(left)
        value = groups.setdefault(key, _Value())
        reason = _add(value, key, op, right)
        if reason is not None:
            return reason
    return None


def _add(v: _Value, key: str, op: str, right: Any) -> str | None:
    said = _describe((key, op, right))
    earlier = list(v.said)
    v.said.append(said)

    def clash(extra: str = "") -> str:
        if not earlier:
            return f"{said} can never hold{extra}"
        both = " and ".join(f"“{x}”" for x in [*earlier, said])
        return f"{both} cannot all hold{extra}"

    if op in ("greater_than", "less_than"):
        bound = _number(right)
        if bound is None:
            return f"{said} can never hold: {_text(right)} is not a number"
        if op == "greater_than" and (v.lo is None or bound >= v.lo):
            v.lo, v.lo_open = bound, True
        if op == "less_than" and (v.hi is None or bound <= v.hi):
            v.hi, v.hi_open = bound, True
        v.numeric = v.numeric or said
    elif op == "equals":
        for other in v.equals:
            if not _equal(other, right):
                return clash()
        v.equals.append(right)
    elif op == "not_equals":
        v.not_equals.append(right)
    elif op == "contains":
        v.contains.append(right)
    elif op in ("is_true", "is_false"):
        if "truth" in v.states and v.states["truth"] != op:
            return clash()
        v.states["truth"] = op
    elif op in ("is_empty", "is_not_empty"):
        if "empty" in v.states and v.states["empty"] != op:
            return clash()
        v.states["empty"] = op
    # the interval
    if (
        v.lo is not None
        and v.hi is not None
        and (v.lo > v.hi or (v.lo == v.hi and (v.lo_open or v.hi_open)))
    ):
        return clash()
    must_be_number = v.lo is not None or v.hi is not None
    if must_be_number and (v.states.get("empty") == "is_empty" or "truth" in v.states):
        return clash(": comparing with a number needs a number")
    for required in v.equals:
        number = _number(required)
        if must_be_number and (number is None or not _inside(v, number)):
            return clash()
        if any(_equal(required, other) for other in v.not_equals):
            return clash()
        for part in v.contains:
            if isinstance(required, str) and _text(part) not in required:
                return clash()
        empty = required is None or required == ""
        if v.states.get("empty") == "is_empty" and not empty:
            return clash()
        if v.states.get("empty") == "is_not_empty" and empty:
            return clash()
        truth = v.states.get("truth")
        if truth is not None and _text(required).strip().lower() != str(truth == "is_true").lower():
            return clash()
    if v.states.get("empty") == "is_empty" and (
        any(_text(part) for part in v.contains) or v.states.get("truth")
    ):
        return clash()
    if v.lo is not None and v.lo == v.hi and any(_number(other) == v.lo for other in v.not_equals):
        return clash()
    return None


def _inside(v: _Value, x: float) -> bool:
    if v.lo is not None and (x < v.lo or (v.lo_open and x == v.lo)):
        return False
    return not (v.hi is not None and (x > v.hi or (v.hi_open and x == v.hi)))


def _dynamic(value: Any) -> bool:
    return isinstance(value, str) and "{{" in value


def _key(left: Any) -> str:
    """One spelling per operand: ``{{ $json.price }}`` and ``{{$json.price}}`` are the same."""
    text = _text(left)
    return "".join(text.split())


def _text(value: Any) -> str:
    return ex.to_text(value)


def _describe(atom: tuple[Any, str, Any]) -> str:
    left, op, right = atom
    subject = _text(left).strip() if _dynamic(left) else repr(left)
    if op in _OPS:
        shown = repr(right) if isinstance(right, str) else _text(right)
        return f"{subject} {_OPS[op]} {shown}"
    return f"{subject} {op.replace('_', ' ')}"
