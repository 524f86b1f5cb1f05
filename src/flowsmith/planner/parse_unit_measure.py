"""The field a condition names by its unit or its identifier word: "超过10公斤的" compares a
weight, "runs longer than 42 km" a distance, "请求里没有会员ID" tests the member id (not the
member) for being missing.

A comparison that names no field but says its unit compares the quantity measured in that
unit, not the request's default money field (which "超过10公斤" is not). Only units of one
quantity each are read here; durations have their own reader (``unit_field``).
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition

# unit words -> the quantity they measure; English units need a word boundary ("km" not "kms…")
_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\s*(?:(?:kg|kgs|kilos?|kilograms?|lbs?|pounds?|grams?|tons?|tonnes?|oz|ounces?)\b"
            r"|公斤|千克|斤|克|吨)",
            re.IGNORECASE,
        ),
        "weight",
    ),
    (
        re.compile(
            r"\s*(?:(?:km|kms|kilomet(?:er|re)s?|miles?|met(?:er|re)s?)\b|公里|千米|英里|米)",
            re.IGNORECASE,
        ),
        "distance",
    ),
)


def physical_field(after: str, name: str, implied: str) -> str:
    """``name``, or the quantity the unit right after the compared number measures when
    ``name`` is no field of its own (empty, the items, or the request's implied money field
    ``implied``): "10公斤的" -> weight, "runs longer than 42 km" -> distance."""
    if name not in ("", implied, "price", "amount", "value"):
        return name
    for pattern, quantity in _UNITS:
        if pattern.match(after):
            return quantity
    return name


# "没有会员ID", "缺少订单编号": a missing identifier, said with its noun
_NO_ID = re.compile(r"(?:没有?|缺少?|无)([\u4e00-\u9fff]{1,6}?(?:ID|Id|id|编号|号码|单号))")


def missing_id(t: str, phrase: str) -> Condition | None:
    """ "请求里没有会员ID" -> 会员ID is empty (None when no identifier is said missing)."""
    m = _NO_ID.search(t)
    if m is None:
        return None
    return Condition(lx.FIELD_ZH_NAMES.get(m.group(1), m.group(1)), "is_empty", None, phrase)
