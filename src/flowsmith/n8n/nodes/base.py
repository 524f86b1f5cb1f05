"""What every translator shares: the context, the :class:`Translator` record, the declarative
:class:`FieldMap`, and small helpers.

A :class:`FieldMap` is the translation of a subtype whose n8n node differs from ours only by
key names, nesting and a few value renamings: one :class:`Field` per parameter of ours says
where it goes in the n8n node (a dotted path), how its value converts (verbatim, or as an
expression whose node references n8n names differently), which of our values are which n8n
values, whether it is an n8n resource locator, and what is written when it is absent. The
same list drives both directions, so they cannot drift apart. Subtypes whose translation is
more than that (conditions, the Switch, the HTTP Request, approvals, the AI agent…) keep code.

Both directions follow one rule: a key present on one side maps to a key present on the
other, an absent key stays absent (n8n itself leaves default values out), unless the field
has a ``default`` (n8n needs the parameter, or ours is required). ``reverse`` returns
``None`` when the n8n node uses a value we cannot express.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from flowsmith.core.catalog import NodeSpec
from flowsmith.n8n.expr import (
    from_n8n_deep,
    from_n8n_string,
    from_n8n_value,
    rl,
    rl_value,
    to_n8n_deep,
    to_n8n_string,
    to_n8n_value,
)


@dataclass(frozen=True)
class Ctx:
    """What a translation may look at besides the parameters."""

    node_id: str
    names: Mapping[str, str] = field(default_factory=dict)  # our id -> n8n name (export)
    ids: Mapping[str, str] = field(default_factory=dict)  # n8n name -> our id (import)
    type_version: float = 1
    input_count: int = 1  # distinct n8n input indexes wired into the node (export)
    webhook_id: str = ""  # the node's n8n webhookId (export, nodes that need one)

    def out(self, value: Any) -> Any:
        return to_n8n_value(value, self.names)

    def back(self, value: Any) -> Any:
        return from_n8n_value(value, self.ids)

    def out_deep(self, value: Any) -> Any:
        return to_n8n_deep(value, self.names)

    def back_deep(self, value: Any) -> Any:
        return from_n8n_deep(value, self.ids)


Params = dict[str, Any]
Forward = Callable[[Params, Ctx], Params]
Reverse = Callable[[Params, Ctx], Params | None]


def _main(_: Params) -> list[str]:
    return ["main"]


def _always(_: Params) -> bool:
    return True


@dataclass(frozen=True)
class Translator:
    subtype: str
    forward: Forward
    reverse: Reverse | None = None
    # n8n typeVersions ``reverse`` understands (inclusive range); None = all
    min_version: float | None = None
    max_version: float | None = None
    accepts: Callable[[Params], bool] = _always
    # our output names in n8n output-index order, given the n8n parameters
    outputs: Callable[[Params], list[str]] = _main
    webhook: bool = False  # the n8n node needs a ``webhookId``

    def can_reverse(self, params: Params, version: float) -> bool:
        if self.reverse is None:
            return False
        if self.min_version is not None and version < self.min_version:
            return False
        if self.max_version is not None and version > self.max_version:
            return False
        return self.accepts(params)


# --- small helpers -------------------------------------------------------------------------


def opt(src: Params, key: str, dst: Params, dkey: str, conv: Callable[[Any], Any]) -> None:
    if key in src:
        dst[dkey] = conv(src[key])


def ident(value: Any) -> Any:
    return value


def flip(mapping: Mapping[str, str]) -> dict[str, str]:
    return {v: k for k, v in mapping.items()}


def get(params: Any, *path: str) -> Any:
    cur = params
    for key in path:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(key)
    return cur


def as_dict(value: Any) -> Params:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def is_op(params: Params, key: str, *values: str | None) -> bool:
    return params.get(key) in values


def operation(*ops: str | None) -> Callable[[Params], bool]:
    return lambda p: p.get("operation") in ops


def pairs(mapping: Mapping[str, Any], c: Ctx) -> list[Params]:
    return [{"name": k, "value": c.out(v)} for k, v in mapping.items()]


def unpairs(block: Any, c: Ctx) -> dict[str, Any] | None:
    items = get(block, "parameters") if isinstance(block, dict) else None
    if not isinstance(items, list):
        return None
    out: dict[str, Any] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            out[item["name"]] = c.back(item.get("value", ""))
    return out


_WHOLE_EXPR = re.compile(r"^\{\{\s*(.+?)\s*\}\}$", re.DOTALL)
_STRINGIFIED = re.compile(r"\{\{ JSON\.stringify\((.+?)\) \}\}(?=\s*[,}\]\n])", re.DOTALL)
_SLOT = "\u0000flowsmith-slot-{}\u0000"


def json_body(value: Any, sort_keys: bool = False) -> str:
    """A JSON value as the text of n8n's ``jsonBody``. A string that is one whole expression
    (``"{{ $json.title }}"``) becomes ``{{ JSON.stringify(…) }}`` in place of a quoted
    string: n8n pastes an expression's text as it is, and a quote or newline in the title
    would break the JSON; ``JSON.stringify`` quotes and escapes it."""
    slots: list[str] = []

    def mark(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        m = _WHOLE_EXPR.match(v) if isinstance(v, str) else None
        if m is None or "{{" in m.group(1):
            return v
        slots.append(m.group(1))
        return _SLOT.format(len(slots) - 1)

    text = json.dumps(mark(value), indent=2, ensure_ascii=False, sort_keys=sort_keys)
    for index, expr in enumerate(slots):
        text = text.replace(json.dumps(_SLOT.format(index)), "{{ JSON.stringify(" + expr + ") }}")
    return text


def json_unbody(text: str) -> str:
    """The reverse of :func:`json_body`'s ``{{ JSON.stringify(…) }}``: a quoted expression."""
    return _STRINGIFIED.sub(lambda m: json.dumps("{{ " + m.group(1) + " }}"), text)


def json_text(value: Any, c: Ctx) -> str:
    """A JSON body as n8n's ``jsonBody``: pretty text, an expression when it holds ``{{``."""
    if isinstance(value, str):
        return to_n8n_string(value, c.names)
    return to_n8n_string(json_body(value), c.names)


def json_back(text: Any, c: Ctx) -> Any:
    if not isinstance(text, str):
        return text
    plain = from_n8n_string(text, c.ids)
    try:
        parsed = json.loads(json_unbody(plain))
    except ValueError:
        return plain
    return parsed if isinstance(parsed, dict | list) else plain


def empty_fwd(p: Params, c: Ctx) -> Params:
    return {}


def empty_rev(p: Params, c: Ctx) -> Params | None:
    return {}


def no_outputs(_: Params) -> list[str]:
    return []


# --- the declarative field map -------------------------------------------------------------

MISSING: Any = object()
Conv = Literal["plain", "expr"]


@dataclass(frozen=True)
class Field:
    """One parameter of ours and where it lives in the n8n node."""

    ours: str
    theirs: str  # dotted path into the n8n parameters
    conv: Conv = "plain"  # "expr": node references rewritten, n8n's leading "=" added/removed
    values: Mapping[Any, Any] | None = None  # our value -> n8n value (others: not importable)
    rl: str | None = None  # n8n resource-locator mode ({"__rl": true, "mode", "value"})
    out_default: Any = MISSING  # exported when ours is absent
    in_default: Any = MISSING  # imported when n8n's is absent
    omit: tuple[Any, ...] = ()  # our values that are not exported at all
    check: Callable[[Any], bool] | None = None  # import only n8n values passing this
    back: Callable[[Any, Ctx], Any] | None = None  # a reverse conversion of its own

    def to_n8n(self, value: Any, c: Ctx) -> Any:
        if self.values is not None:
            value = self.values[value]
        if self.conv == "expr":
            value = c.out(value)
        return rl(value, self.rl) if self.rl else value

    def from_n8n(self, value: Any, c: Ctx) -> Any:
        """Ours for an n8n value, or ``MISSING`` when there is no value of ours for it."""
        if self.rl:
            value = rl_value(value)
        if self.values is not None:
            try:
                found = {v: k for k, v in self.values.items()}.get(value, MISSING)
            except TypeError:  # an unhashable n8n value
                return MISSING
            return found
        if self.back is not None:
            return self.back(value, c)
        return c.back(value) if self.conv == "expr" else value


def F(
    ours: str,
    theirs: str | None = None,
    conv: Conv = "plain",
    *,
    default: Any = MISSING,
    out_default: Any = MISSING,
    in_default: Any = MISSING,
    **kw: Any,
) -> Field:
    """A :class:`Field`; ``default`` is both the export and the import default."""
    return Field(
        ours,
        theirs or ours,
        conv,
        out_default=default if out_default is MISSING else out_default,
        in_default=default if in_default is MISSING else in_default,
        **kw,
    )


def put(out: Params, path: str, value: Any) -> None:
    """Set ``out[a][b]… = value`` for the dotted ``path``, creating dicts on the way."""
    *parents, leaf = path.split(".")
    cur = out
    for key in parents:
        nxt = cur.get(key)
        if not isinstance(nxt, dict):
            nxt = cur[key] = {}
        cur = nxt
    cur[leaf] = value


def pick(params: Any, path: str) -> Any:
    """``params[a][b]…`` for the dotted ``path``, or ``MISSING``."""
    cur = params
    for key in path.split("."):
        if not isinstance(cur, dict) or key not in cur:
            return MISSING
        cur = cur[key]
    return cur


@dataclass(frozen=True)
class FieldMap:
    """A translation that is a renaming of keys plus simple value maps, both ways."""

    fields: tuple[Field, ...] = ()
    static: Mapping[str, Any] = field(default_factory=dict)  # set on every exported node

    def forward(self, p: Params, c: Ctx) -> Params:
        out: Params = copy.deepcopy(dict(self.static))
        for f in self.fields:
            if f.ours in p:
                value = p[f.ours]
                if any(value == o for o in f.omit):
                    continue
            elif f.out_default is not MISSING:
                value = f.out_default
            else:
                continue
            put(out, f.theirs, f.to_n8n(value, c))
        return out

    def reverse(self, p: Params, c: Ctx) -> Params | None:
        out: Params = {}
        for f in self.fields:
            value = pick(p, f.theirs)
            if value is MISSING:
                if f.in_default is MISSING:
                    continue
                value = f.in_default
            if f.check is not None and not f.check(value):
                continue
            ours = f.from_n8n(value, c)
            if ours is MISSING:
                return None
            out[f.ours] = ours
        return out


def mapped(subtype: str, fmap: FieldMap, *, both: bool = True, **kw: Any) -> Translator:
    """The translator of a field map (``both=False``: export only, the note brings it back)."""
    return Translator(subtype, fmap.forward, fmap.reverse if both else None, **kw)


def is_str(value: Any) -> bool:
    return isinstance(value, str)


def is_bool(value: Any) -> bool:
    return isinstance(value, bool)


# --- subtypes without a translator ---------------------------------------------------------

_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def fallback_forward(spec: NodeSpec, params: Params, ctx: Ctx) -> Params:
    """Best-effort n8n parameters for a subtype without a translator.

    Each of our parameters goes to the n8n path its catalog mapping note starts with (the
    note ``"toEmail (operation sendAndWait)"`` puts ``to`` at ``toEmail``); parameters whose
    note is not a plain path are left to the round-trip note.
    """
    out: Params = {}
    notes = spec.n8n.parameters if spec.n8n is not None else {}
    for key, value in params.items():
        note = notes.get(key, "")
        token = note.split(" ")[0].split("(")[0] if note else ""
        if not token or not _PATH.fullmatch(token):
            continue
        cur = out
        parts = token.split(".")
        for part in parts[:-1]:
            nxt = cur.setdefault(part, {})
            if not isinstance(nxt, dict):
                break
            cur = nxt
        else:
            cur[parts[-1]] = to_n8n_deep(value, ctx.names)
    return out


def reverse_deep(value: Any, ctx: Ctx) -> Any:
    return from_n8n_deep(value, ctx.ids)
