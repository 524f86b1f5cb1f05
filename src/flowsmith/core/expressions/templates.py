"""Expression templates: ``{{ … }}`` segments in parameter strings and their references.

Holds the reference and template types (:class:`Reference`, :class:`Segment`,
:class:`Template`), :func:`parse`, the walks over nested parameter values (:func:`strings`,
:func:`node_templates`, :func:`references`, :func:`syntax_problems`) and :func:`render_path`.
The syntax itself is described in :mod:`flowsmith.core.expressions` and
``docs/expressions.md``.

Invariants:

* Pure: no I/O, no clock, no randomness. :func:`parse` is cached and never raises; syntax
  problems are data (``Template.problems``).
* :func:`references` lists references in document order (depth first, dict insertion order),
  each with its ``location`` in the parameter tree.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

RefKind = Literal["json", "node", "now", "today", "workflow", "execution", "env"]
PathKey = str | int
Path = tuple[PathKey, ...]
Location = tuple[PathKey, ...]

OPEN, CLOSE = "{{", "}}"

# Parameters whose text is code for another interpreter, never an expression template.
LITERAL_PARAMETERS: Mapping[str, frozenset[str]] = {
    "code": frozenset({"code"}),
    "code_tool": frozenset({"code"}),
}
# Parameters kept verbatim from an n8n import (n8n's own expression syntax), on any subtype.
RAW_PARAMETERS = frozenset({"n8n_parameters", "n8n_credentials"})

_VAR = re.compile(r"(?<![\w$.])\$(json|node|now|today|workflow|execution|env)(?![\w$])")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_INDEX = re.compile(r"\[\s*(?:(\d+)|\"([^\"\\]*)\"|'([^'\\]*)')\s*\]")
_SIMPLE_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference inside ``{{ }}``.

    ``path`` is the field path for ``json``/``node`` and the attribute path for the others
    (``$env.API_KEY`` -> ``("API_KEY",)``). ``location`` is where the string holding it sits
    in the parameter tree (``("conditions", 0, "left")``); ``whole`` is True when that string
    is exactly this one reference, so its value keeps the referenced type.
    """

    kind: RefKind
    raw: str
    path: Path = ()
    node_id: str | None = None
    location: Location = ()
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """One ``{{ … }}``: its inner text, its references and their spans in that text."""

    text: str
    references: tuple[Reference, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def simple(self) -> bool:
        """The segment is exactly one reference (surrounding spaces aside)."""
        return len(self.references) == 1 and self.text.strip() == self.references[0].raw


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed string: literal text and segments in order, plus any syntax problems.
    ``segments`` and ``references`` are derived from ``parts`` once, at construction."""

    parts: tuple[str | Segment, ...]
    problems: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = field(init=False)
    references: tuple[Reference, ...] = field(init=False)

    def __post_init__(self) -> None:
        segments = tuple(p for p in self.parts if isinstance(p, Segment))
        object.__setattr__(self, "segments", segments)
        object.__setattr__(self, "references", tuple(r for s in segments for r in s.references))

    @property
    def whole(self) -> bool:
        """The whole string is one segment (its value keeps the expression's type)."""
        return len(self.parts) == 1 and isinstance(self.parts[0], Segment)


def is_template(value: object) -> bool:
    """True for a string with ``{{`` in it (complete or not: an unclosed one is a problem)."""
    return isinstance(value, str) and OPEN in value


@functools.lru_cache(maxsize=16384)
def parse(text: str) -> Template:
    """Split ``text`` into literal parts and segments; problems are collected, never raised."""
    parts: list[str | Segment] = []
    problems: list[str] = []
    pos = 0
    while True:
        start = text.find(OPEN, pos)
        if start < 0:
            if pos < len(text):
                parts.append(text[pos:])
            break
        end = text.find(CLOSE, start + 2)
        if end < 0:
            problems.append(f"'{{{{' at position {start} is never closed with '}}}}'")
            parts.append(text[pos:])
            break
        if start > pos:
            parts.append(text[pos:start])
        segment, found = _parse_segment(text[start + 2 : end])
        parts.append(segment)
        problems.extend(found)
        pos = end + 2
    whole = len(parts) == 1 and isinstance(parts[0], Segment) and parts[0].simple
    if whole:
        seg = parts[0]
        assert isinstance(seg, Segment)
        parts = [replace(seg, references=(replace(seg.references[0], whole=True),))]
    return Template(tuple(parts), tuple(problems))


def _parse_segment(content: str) -> tuple[Segment, list[str]]:
    refs: list[Reference] = []
    spans: list[tuple[int, int]] = []
    problems: list[str] = []
    if not content.strip():
        problems.append("empty expression '{{ }}'")
    for match in _VAR.finditer(content):
        keys, end, problem, dynamic = _accessors(content, match.end())
        raw = content[match.start() : end]
        if problem is not None:
            problems.append(f"'{raw}': {problem}")
            continue
        call = not dynamic and content[end:].lstrip().startswith("(")
        ref, problem = _make_reference(match.group(1), keys, raw, call)
        if ref is None:
            problems.append(f"'{raw}': {problem}")
            continue
        refs.append(ref)
        spans.append((match.start(), end))
    return Segment(content, tuple(refs), tuple(spans)), problems


def _accessors(text: str, pos: int) -> tuple[list[PathKey], int, str | None, bool]:
    """Read ``.name`` / ``?.name`` / ``[0]`` / ``["key"]`` accessors from ``pos``.

    Returns (keys, end, problem, dynamic): ``dynamic`` when a computed index (``[i]``) stops
    the chain, whose rest is then not checked.
    """
    keys: list[PathKey] = []
    while pos < len(text):
        if text.startswith("?.", pos):
            pos += 1
        char = text[pos]
        if char == ".":
            ident = _IDENT.match(text, pos + 1)
            if ident is None:
                return keys, pos + 1, "a '.' must be followed by a field name", False
            keys.append(ident.group(0))
            pos = ident.end()
        elif char == "[":
            index = _INDEX.match(text, pos)
            if index is None:
                return keys, pos, None, True
            if index.group(1) is not None:
                keys.append(int(index.group(1)))
            else:
                key = index.group(2) if index.group(2) is not None else index.group(3)
                if not key:
                    return keys, index.end(), "empty field name in [...]", False
                keys.append(key)
            pos = index.end()
        else:
            break
    return keys, pos, None, False


def _make_reference(
    kind: str, keys: list[PathKey], raw: str, call: bool
) -> tuple[Reference | None, str | None]:
    if call and keys:
        keys = keys[:-1]  # `$json.name.toUpperCase()`: the last key is a method
    if kind == "node":
        if not keys or not isinstance(keys[0], str):
            return None, "$node must be followed by a node id, as in $node.<id>.json.<field>"
        if len(keys) < 2 or keys[1] != "json":
            return None, f"use $node.{keys[0]}.json.<field> to read that node's output"
        return Reference("node", raw, tuple(keys[2:]), node_id=keys[0]), None
    if kind == "env" and (not keys or not isinstance(keys[0], str)):
        return None, "$env must be followed by a variable name, as in $env.API_KEY"
    ref_kind: RefKind = kind  # type: ignore[assignment]
    return Reference(ref_kind, raw, tuple(keys)), None


def strings(value: Any, location: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string leaf of a nested parameter value, with its location (document order)."""
    if isinstance(value, str):
        yield location, value
    elif isinstance(value, Mapping):
        for key, child in value.items():
            yield from strings(child, (*location, str(key)))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from strings(child, (*location, index))


def node_templates(subtype: str, parameters: Mapping[str, Any]) -> list[tuple[Location, str]]:
    """String parameters of a node that hold ``{{`` (skipping code and raw n8n parameters)."""
    literal = LITERAL_PARAMETERS.get(subtype, frozenset())
    out: list[tuple[Location, str]] = []
    for name, value in parameters.items():
        if name in literal or name in RAW_PARAMETERS:
            continue
        out.extend((loc, text) for loc, text in strings(value, (name,)) if OPEN in text)
    return out


def references(value: Any, location: Location = ()) -> list[Reference]:
    """All references in a string or nested parameter value, each with its location."""
    found: list[Reference] = []
    for loc, text in strings(value, location):
        if OPEN in text:
            found.extend(replace(ref, location=loc) for ref in parse(text).references)
    return found


def syntax_problems(value: Any, location: Location = ()) -> list[tuple[Location, str]]:
    """``(location, message)`` for every broken expression in a nested parameter value."""
    return [
        (loc, problem)
        for loc, text in strings(value, location)
        if OPEN in text
        for problem in parse(text).problems
    ]


def render_path(path: Sequence[PathKey]) -> str:
    """``("a", 0, "b c")`` -> ``a[0]["b c"]``."""
    out: list[str] = []
    for key in path:
        if isinstance(key, int):
            out.append(f"[{key}]")
        elif _SIMPLE_KEY.fullmatch(key):
            out.append(f".{key}" if out else key)
        else:
            out.append(f"[{json.dumps(key)}]")
    return "".join(out)


__all__ = [
    "CLOSE",
    "LITERAL_PARAMETERS",
    "OPEN",
    "RAW_PARAMETERS",
    "Location",
    "Path",
    "PathKey",
    "RefKind",
    "Reference",
    "Segment",
    "Template",
    "is_template",
    "node_templates",
    "parse",
    "references",
    "render_path",
    "strings",
    "syntax_problems",
]
