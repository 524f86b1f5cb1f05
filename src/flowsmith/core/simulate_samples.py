"""Made-up data for the dry run: a value that satisfies the common keywords of an output
``item_schema`` (:func:`_sample`), or a plausible one for a field known only by its name
(:func:`_guess`: money, counts, flags, dates, URLs, e-mail addresses, ids, text).

Invariants: pure and deterministic: the same schema, name, ``salt`` and ``index`` always give
the same value (``zlib.crc32``, no randomness, no clock: times count from ``_BASE_TIME``).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from flowsmith.core import expressions as ex

_BASE_TIME = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
_SAMPLE_ORDER = ("object", "array", "string", "number", "integer", "boolean")
_TEXT_NAMES = ("text", "content", "body", "message", "output", "result", "summary", "html")
_MONEY = ("price", "amount", "total", "cost", "sum", "revenue", "balance")


def _mix(salt: int, *parts: object) -> int:
    return zlib.crc32(":".join(map(str, parts)).encode(), salt)


def _sample(schema: Any, name: str, salt: int, index: int, depth: int) -> Any:
    """A value satisfying the common keywords of ``schema``; ``salt`` (seed and node) and
    ``index`` (item number) vary it deterministically; booleans alternate with ``index``."""
    if not isinstance(schema, Mapping):
        return _guess(name, salt, index)
    h = _mix(salt, name, index)
    if "const" in schema:
        return schema["const"]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][h % len(schema["enum"])]
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _sample(schema[key][0], name, salt, index, depth + 1)
    types = ex.schema_types(schema)
    kind = next((t for t in _SAMPLE_ORDER if types and t in types), None)
    if kind is None:
        if types == frozenset({"null"}):
            return None
        if "properties" in schema:
            kind = "object"
        else:
            return _guess(name, salt, index) if depth < 4 else None
    if kind == "object":
        props = schema.get("properties")
        if depth >= 5 or not isinstance(props, Mapping):
            return {}
        return {str(k): _sample(v, str(k), salt, index, depth + 1) for k, v in props.items()}
    if kind == "array":
        if depth >= 5:
            return []
        count = 1 + h % 2
        item_name = name[:-1] if name.endswith("s") and len(name) > 1 else name
        items = schema.get("items", {})
        return [_sample(items, item_name, salt, index + k, depth + 1) for k in range(count)]
    if kind == "boolean":
        return (_mix(salt, name) + index) % 2 == 0
    if kind in ("number", "integer"):
        return _bounded(schema, _guess_number(name, h, kind == "integer"))
    if "default" in schema and isinstance(schema["default"], str):
        return schema["default"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    return _string(name, str(schema.get("format", "")), h)


def _bounded(schema: Mapping[str, Any], value: float | int) -> float | int:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    if isinstance(low, int | float) and value < low:
        value = low + (1 if "exclusiveMinimum" in schema else 0)
    if isinstance(high, int | float) and value > high:
        value = high - (1 if "exclusiveMaximum" in schema else 0)
    return value


def _guess_number(name: str, h: int, integer: bool) -> float | int:
    lowered = name.lower()
    if lowered == "status_code":
        return 200
    if integer:
        return 1 + h % 9 if any(k in lowered for k in ("count", "qty", "quantity")) else h % 100
    if any(k in lowered for k in _MONEY):
        return round(5 + (h % 49500) / 100, 2)
    if lowered == "score":
        return round(((h % 200) - 100) / 100, 2)
    if lowered == "confidence":
        return round((h % 100) / 100, 2)
    return round((h % 10000) / 100, 2)


def _guess(name: str, salt: int, index: int) -> Any:
    """A plausible value for a field known only by its name."""
    lowered = name.lower()
    h = _mix(salt, name, index)
    if lowered.startswith(("is_", "has_")) or lowered in ("in_stock", "ok", "approved", "active"):
        return (salt + index) % 2 == 0
    if any(k in lowered for k in _MONEY) or lowered in ("score", "confidence"):
        return _guess_number(name, h, False)
    if lowered in ("count", "qty", "quantity", "number", "status_code") or lowered.endswith(
        "_count"
    ):
        return _guess_number(name, h, True)
    if lowered in ("items", "tags", "labels", "lines", "rows", "list"):
        return [_string(lowered[:-1], "", h), _string(lowered[:-1], "", h + 1)]
    return _string(name, "", h)


def _string(name: str, fmt: str, h: int) -> str:
    lowered = name.lower()
    if fmt == "date-time" or lowered.endswith(("_at", "date", "time", "timestamp")):
        moment = _BASE_TIME + timedelta(minutes=h % 100000)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if fmt == "date":
        return (_BASE_TIME + timedelta(days=h % 365)).strftime("%Y-%m-%d")
    if fmt in ("uri", "url") or any(k in lowered for k in ("url", "link", "href")):
        return f"https://example.com/{lowered or 'page'}/{h % 1000}"
    if fmt == "email" or "email" in lowered or lowered in ("from", "to", "cc", "decided_by"):
        return f"user{h % 100}@example.com"
    if lowered == "currency":
        return "USD"
    if lowered == "timezone":
        return "UTC"
    if lowered.endswith("id") or lowered in ("guid", "sid", "ts"):
        return f"{lowered or 'id'}-{h % 100000:05d}"
    if any(k in lowered for k in _TEXT_NAMES):
        return f"Sample {lowered.replace('_', ' ')} text #{h % 1000}"
    return f"Sample {lowered.replace('_', ' ') or 'value'} {h % 1000}"
