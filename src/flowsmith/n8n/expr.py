"""Small pure helpers of the n8n interop: expressions, fingerprints, ids, resource locators.

Expressions. Ours are plain strings holding ``{{ ... }}``; a reference to another node's
output is ``{{ $node.<node_id>.json.x }}``. n8n marks a whole string as an expression with a
leading ``=`` and names other nodes by their (unique) display name:
``={{ $('Node Name').item.json.x }}``. :func:`to_n8n_value` and :func:`from_n8n_value` convert
one value each way; strings without ``{{`` and every non-string pass through unchanged. Only the
``$node.<id>.json`` / ``$('Name').item.json`` forms are rewritten; any other n8n syntax
(``$('X').first()``, ``$node["X"]``...) is kept as written.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

FLOWSMITH_NAMESPACE = uuid.UUID("5b0c6d3e-7f5c-4c3a-9a0e-6e1d3f0b8a21")

_OUR_REF = re.compile(r"\$node\.([A-Za-z0-9_]+)\.json\b|\$node\[\"([^\"]+)\"\]\.json\b")
_N8N_REF = re.compile(r"""\$\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\)\.item\.json\b""")


def fingerprint(value: Any) -> str:
    """A short stable hash of a JSON-like value (key order does not matter)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def stable_uuid(*parts: str) -> str:
    """A deterministic UUID (n8n's usual id shape) for generated ids."""
    return str(uuid.uuid5(FLOWSMITH_NAMESPACE, "\x1f".join(parts)))


def _quote(name: str) -> str:
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def to_n8n_string(text: str, names: Mapping[str, str]) -> str:
    """One of our strings as n8n writes it: ``{{ }}`` strings get ``=`` and node names."""
    if "{{" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        node_id = m.group(1) or m.group(2)
        name = names.get(node_id)
        return f"$({_quote(name)}).item.json" if name is not None else m.group(0)

    return "=" + _OUR_REF.sub(repl, text)


def from_n8n_string(text: str, ids: Mapping[str, str]) -> str:
    """An n8n string as ours: the ``=`` goes, ``$('Name').item.json`` becomes ``$node.<id>``."""
    if not text.startswith("="):
        return text

    def repl(m: re.Match[str]) -> str:
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        node_id = ids.get(_unquote(raw))
        return f"$node.{node_id}.json" if node_id is not None else m.group(0)

    return _N8N_REF.sub(repl, text[1:])


def to_n8n_value(value: Any, names: Mapping[str, str]) -> Any:
    return to_n8n_string(value, names) if isinstance(value, str) else value


def from_n8n_value(value: Any, ids: Mapping[str, str]) -> Any:
    return from_n8n_string(value, ids) if isinstance(value, str) else value


def to_n8n_deep(value: Any, names: Mapping[str, str]) -> Any:
    """:func:`to_n8n_value` applied to every string inside lists and dicts."""
    if isinstance(value, dict):
        return {k: to_n8n_deep(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [to_n8n_deep(v, names) for v in value]
    return to_n8n_value(value, names)


def from_n8n_deep(value: Any, ids: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {k: from_n8n_deep(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [from_n8n_deep(v, ids) for v in value]
    return from_n8n_value(value, ids)


def rl_value(value: Any) -> Any:
    """The value of an n8n resource locator (``{"__rl": true, "value": ...}``) or the value."""
    if isinstance(value, dict) and "value" in value and ("__rl" in value or "mode" in value):
        return value["value"]
    return value


def rl(value: Any, mode: str) -> dict[str, Any]:
    return {"__rl": True, "value": value, "mode": mode}


def slug(text: str, fallback: str = "node") -> str:
    """A lower-case ``[a-z0-9_]`` slug of ``text`` (at most 48 characters)."""
    s = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return s[:48].rstrip("_") or fallback


def json_number(value: float) -> int | float:
    """``12.0`` as ``12``: n8n writes integral positions and numbers without a fraction."""
    return int(value) if float(value).is_integer() else value
