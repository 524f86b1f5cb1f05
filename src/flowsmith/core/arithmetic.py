"""Plain arithmetic on numbers: what an expression becomes once its references are filled in.

``evaluate("12 * (3 + 4) % 5")`` gives the number Python would, or ``None`` when the text is
not arithmetic (names, calls, ``**``, ``//``, a syntax error) or has no value (division by
zero, overflow, nesting too deep). Numbers are decimal literals as Python writes them (``7``,
``0.5``, ``.5``, ``1.``, ``1e3``, ``2.5E-2``; ``007`` is not one); operators are unary
``+``/``-`` and binary ``+ - * / %`` with the usual precedence, left to right.

Invariants:

* Pure and thread-safe: no I/O, no shared state. It is its own recursive-descent parser on
  purpose: CPython 3.11's ``ast.parse`` keeps its recursion counter per interpreter, so two
  threads parsing at once can fail with ``SystemError: AST constructor recursion depth
  mismatch`` (python/cpython#106905), and a server simulates workflows on several threads.
* Never raises. A float result that is a whole number after a binary operation becomes an
  ``int`` (``6 / 3`` is ``2``); literals keep their type (``2.0`` stays ``2.0``).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable

__all__ = ["evaluate"]

Number = int | float

_TOKEN = re.compile(r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<op>[-+*/%()]))")
_NONZERO_LEADING_ZERO = re.compile(r"0+[1-9]\d*")
_ADDITIVE: dict[str, Callable[[Number, Number], Number]] = {
    "+": operator.add,
    "-": operator.sub,
}
_MULTIPLICATIVE: dict[str, Callable[[Number, Number], Number]] = {
    "*": operator.mul,
    "/": operator.truediv,
    "%": operator.mod,
}
_MAX_DEPTH = 100  # parentheses; 200 characters cannot nest deeper


class _NotArithmetic(Exception):
    """The text is not an arithmetic expression."""


def evaluate(text: str) -> Number | None:
    """The value of ``text`` as arithmetic, or ``None`` (see the module docstring)."""
    try:
        tokens = _tokens(text)
        parser = _Parser(tokens)
        value = parser.expression(0)
        if parser.pos != len(tokens):
            return None
        return value
    except (_NotArithmetic, ArithmeticError, RecursionError):
        return None


def _tokens(text: str) -> list[str | Number]:
    tokens: list[str | Number] = []
    pos, end = 0, len(text.rstrip())
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None:
            raise _NotArithmetic(text[pos:])
        number, op = match.group("number"), match.group("op")
        tokens.append(_literal(number) if number is not None else op)
        pos = match.end()
    return _merged_numbers(tokens)


def _literal(text: str) -> Number:
    if re.fullmatch(r"\d+", text):
        if _NONZERO_LEADING_ZERO.fullmatch(text):
            raise _NotArithmetic(text)  # Python rejects ``007``; so do we
        return int(text)
    return float(text)


def _merged_numbers(tokens: list[str | Number]) -> list[str | Number]:
    """Two numbers in a row (``1 2``, ``1.2.3``) are a syntax error, as in Python."""
    for left, right in itertools.pairwise(tokens):
        if not isinstance(left, str) and not isinstance(right, str):
            raise _NotArithmetic("two numbers in a row")
    return tokens


class _Parser:
    """``expression := term (('+'|'-') term)*``; ``term := unary (('*'|'/'|'%') unary)*``;
    ``unary := ('+'|'-') unary | number | '(' expression ')'``."""

    def __init__(self, tokens: list[str | Number]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | Number | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str | Number:
        token = self.peek()
        if token is None:
            raise _NotArithmetic("unexpected end")
        self.pos += 1
        return token

    def expression(self, depth: int) -> Number:
        return self._chain(depth, _ADDITIVE, self.term)

    def term(self, depth: int) -> Number:
        return self._chain(depth, _MULTIPLICATIVE, self.unary)

    def _chain(
        self,
        depth: int,
        ops: dict[str, Callable[[Number, Number], Number]],
        operand: Callable[[int], Number],
    ) -> Number:
        value = operand(depth)
        while isinstance(token := self.peek(), str) and token in ops:
            self.pos += 1
            value = _whole(ops[token](value, operand(depth)))
        return value

    def unary(self, depth: int) -> Number:
        if depth > _MAX_DEPTH:
            raise _NotArithmetic("nested too deep")
        negative = False
        while (token := self.take()) in ("+", "-"):
            negative ^= token == "-"
        value = self.primary(token, depth)
        return -value if negative else value

    def primary(self, token: str | Number, depth: int) -> Number:
        if token == "(":
            value = self.expression(depth + 1)
            if self.take() != ")":
                raise _NotArithmetic("unclosed parenthesis")
            return value
        if isinstance(token, str):
            raise _NotArithmetic(token)
        return token


def _whole(value: Number) -> Number:
    return int(value) if isinstance(value, float) and value.is_integer() else value
