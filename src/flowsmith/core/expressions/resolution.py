"""Expression resolution: the value a template takes against what a run has produced.

Holds :class:`Context` (what expressions can see), :class:`Unresolved` (a reference that
found nothing), the path walks (:func:`walk`, :func:`follow`), :func:`lookup` of one
reference, :func:`evaluate` / :func:`resolve` of a string or nested parameter value, and
:func:`to_text` (how a value reads inside a string).

Invariants:

* Pure: no I/O, no clock (``$now`` is ``Context.now``), no randomness.
* :func:`resolve` never raises on data: a reference that finds nothing becomes an
  :class:`Unresolved` sentinel (falsy) at the leaf where it sits.
* A value that is exactly one ``{{ reference }}`` keeps the referenced value's type; plain
  arithmetic on numbers is computed; anything else renders to a string.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flowsmith.core import arithmetic
from flowsmith.core.expressions.templates import (
    OPEN,
    PathKey,
    Reference,
    Segment,
    parse,
    render_path,
)

_ARITH = re.compile(r"[\d\s.+\-*/%()eE]+")


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A reference that found nothing; falsy, so ``if value:`` treats it as absent.

    ``found`` counts the path keys that did resolve before the walk stopped.
    """

    reference: Reference
    reason: str
    found: int = 0

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class Context:
    """What expressions can see: the current item, executed nodes' first output items, and
    the workflow/execution/environment. ``env`` None means placeholders (``<NAME>``)."""

    item: Mapping[str, Any] | None = None
    nodes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    workflow: Mapping[str, Any] = field(default_factory=dict)
    execution: Mapping[str, Any] = field(default_factory=dict)
    now: str = "2024-01-01T09:00:00.000Z"
    env: Mapping[str, str] | None = None


_MISSING: Any = object()


def walk(root: Any, ref: Reference, start: int = 0) -> Any:
    """Follow ``ref.path[start:]`` from ``root``; an :class:`Unresolved` when a key is absent.

    ``length`` on a list or string gives its length, as in JavaScript.
    """
    current = root
    for depth in range(start, len(ref.path)):
        key = ref.path[depth]
        nxt = _step(current, key)
        if nxt is _MISSING:
            where = render_path(ref.path[: depth + 1])
            return Unresolved(ref, f"the item has no field '{where}'", depth)
        current = nxt
    return current


def follow(root: Any, path: Sequence[PathKey]) -> tuple[Any, int]:
    """``(value, len(path))`` when the path exists under ``root``, else ``(None, depth)``
    with ``depth`` the number of keys that resolved (cheap: no Unresolved is built)."""
    current = root
    for depth, key in enumerate(path):
        current = _step(current, key)
        if current is _MISSING:
            return None, depth
    return current, len(path)


def _step(value: Any, key: PathKey) -> Any:
    if isinstance(key, int):
        return value[key] if isinstance(value, list) and key < len(value) else _MISSING
    if isinstance(value, Mapping):
        return value.get(key, _MISSING)
    if key == "length" and isinstance(value, list | str):
        return len(value)
    return _MISSING


# Luxon DateTime parts n8n's ``$now`` has (``$now.hour``, ``$now.weekday``: 1 = Monday;
# ``$now.daysInMonth``: 28-31)
_NOW_PARTS = ("year", "month", "day", "hour", "minute", "second", "weekday", "daysInMonth")


def _now_part(now: str, part: str) -> Any:
    try:
        when = datetime.fromisoformat(now.replace("Z", "+00:00"))
    except ValueError:
        return now
    if part == "daysInMonth":
        return calendar.monthrange(when.year, when.month)[1]
    return when.isoweekday() if part == "weekday" else getattr(when, part)


def lookup(ref: Reference, context: Context) -> Any:
    """The value ``ref`` reads in ``context``, or :class:`Unresolved`."""
    if ref.kind == "json":
        if context.item is None:
            return Unresolved(ref, "there is no input item here")
        return walk(context.item, ref)
    if ref.kind == "node":
        node_id = ref.node_id or ""
        if node_id not in context.nodes:
            return Unresolved(ref, f"node '{node_id}' has not run before this point")
        return walk(context.nodes[node_id], ref)
    if ref.kind == "now" and ref.path and ref.path[0] in _NOW_PARTS:
        return _now_part(context.now, str(ref.path[0]))
    if ref.kind in ("now", "today"):
        return context.now if ref.kind == "now" else context.now[:10]
    if ref.kind == "env":
        name = str(ref.path[0])
        if context.env is None:
            return f"<{name}>"
        if name not in context.env:
            return Unresolved(ref, f"environment variable {name} is not set")
        return context.env[name]
    root = context.workflow if ref.kind == "workflow" else context.execution
    return walk(root, ref)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The value of one string parameter. ``exact`` is False when an expression beyond plain
    references (a function call, string operators…) was approximated by its text."""

    value: Any
    exact: bool
    unresolved: tuple[Unresolved, ...] = ()


def evaluate(text: str, resolve_ref: Callable[[Reference], Any]) -> Evaluation:
    """Render ``text`` with ``resolve_ref`` giving each reference's value (or Unresolved).

    A whole-value simple reference keeps its type; arithmetic on numbers is computed; other
    expressions become their text with references substituted (``exact`` False).
    """
    template = parse(text)
    if not template.segments:
        return Evaluation(text, True)
    missing: list[Unresolved] = []

    def value_of(ref: Reference) -> Any:
        value = resolve_ref(ref)
        if isinstance(value, Unresolved):
            missing.append(value)
            return None
        return value

    if template.whole:
        segment = template.segments[0]
        if segment.simple:
            value = value_of(segment.references[0])
            return Evaluation(value, True, tuple(missing))
        value, exact = _complex(segment, value_of)
        return Evaluation(value, exact, tuple(missing))
    out: list[str] = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
        elif part.simple:
            out.append(to_text(value_of(part.references[0])))
        else:
            out.append(to_text(_complex(part, value_of)[0]))
    return Evaluation("".join(out), True, tuple(missing))


def resolve(template: Any, context: Context) -> Any:
    """Resolve a string or nested parameter value against ``context``.

    Strings without ``{{`` come back unchanged; a string whose references find nothing
    becomes the first :class:`Unresolved` among them (other leaves are still resolved).
    """
    if isinstance(template, str):
        if OPEN not in template:
            return template
        result = evaluate(template, lambda ref: lookup(ref, context))
        return result.unresolved[0] if result.unresolved else result.value
    if isinstance(template, Mapping):
        return {key: resolve(value, context) for key, value in template.items()}
    if isinstance(template, list):
        return [resolve(value, context) for value in template]
    return template


def to_text(value: Any) -> str:
    """How a value appears inside a string: JSON for containers, JS spelling for scalars."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _complex(segment: Segment, value_of: Callable[[Reference], Any]) -> tuple[Any, bool]:
    """Substitute the references' values as JSON literals; compute plain arithmetic."""
    pieces: list[str] = []
    pos = 0
    for ref, (start, end) in zip(segment.references, segment.spans, strict=True):
        pieces.append(segment.text[pos:start])
        pieces.append(json.dumps(value_of(ref), ensure_ascii=False, default=str))
        pos = end
    pieces.append(segment.text[pos:])
    text = "".join(pieces).strip()
    if len(text) <= 200 and _ARITH.fullmatch(text):
        number = arithmetic.evaluate(text)
        if number is not None:
            return number, True
    return text, False


__all__ = [
    "Context",
    "Evaluation",
    "Unresolved",
    "evaluate",
    "follow",
    "lookup",
    "resolve",
    "to_text",
    "walk",
]
