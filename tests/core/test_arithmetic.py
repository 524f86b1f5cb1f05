"""core.arithmetic against Python's own reading of the same text (the behaviour it replaced)."""

from __future__ import annotations

import ast
import math
import operator

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from flowsmith.core.arithmetic import evaluate

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
_OPS |= {ast.Div: operator.truediv, ast.Mod: operator.mod}


def _python(text: str) -> int | float | None:
    """What Python makes of the text, restricted to numbers and ``+ - * / %``."""

    def value(node: ast.expr) -> int | float:
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value  # type: ignore[no-any-return]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            operand = value(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            result = _OPS[type(node.op)](value(node.left), value(node.right))
            return int(result) if isinstance(result, float) and result.is_integer() else result
        raise ValueError("not arithmetic")

    try:
        return value(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, ArithmeticError):
        return None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 / 2", 3.5),
        ("6 / 3", 2),
        ("2.0", 2.0),
        ("-7 % 3", 2),
        ("--1", 1),
        (".5 + 1.", 1.5),
        ("2.5E-1 * 4", 1),
        ("10 - 2 - 3", 5),
        ("1 / 0", None),
        ("5 % 0", None),
        ("2 ** 3", None),
        ("7 // 2", None),
        ("007", None),
        ("1 2", None),
        ("1..2", None),
        ("()", None),
        ("(1)(2)", None),
        ("(1 + 2", None),
        ("1 +", None),
        ("", None),
        ("1e", None),
        ("(" * 300 + "1" + ")" * 300, None),
    ],
)
def test_evaluate(text: str, expected: float | None) -> None:
    result = evaluate(text)
    assert result == expected and type(result) is type(expected)


_ATOM = st.sampled_from(["0", "00", "1", "7", "12", "007", "0.5", ".5", "3.", "1e2", "2.5E-1"])
_TOKENS = st.lists(st.one_of(_ATOM, st.sampled_from([*list("+-*/%()"), " "])), max_size=14)


@given(_TOKENS)
@example(["1e2", "0", "0", "0", "%", "1"])  # inf % 1 is NaN on both sides
def test_evaluate_reads_text_as_python_does(tokens: list[str]) -> None:
    text = "".join(tokens).strip()
    expected = _python(text)
    result = evaluate(text)
    assert _same(result, expected) and type(result) is type(expected), text


def _same(a: float | None, b: float | None) -> bool:
    """Equal, or both NaN ("1e2000 % 1" is inf % 1)."""
    both_nan = isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
    return a == b or both_nan
