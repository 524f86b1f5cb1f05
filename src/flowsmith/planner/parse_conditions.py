"""Conditions of a request: ``field op value`` read from "if the price is over 100".

Invariants: :func:`parse_condition` returns None rather than guess when no comparison is
named; ``field`` is always an item field name (never an expression) and numbers are
normalised (units, Chinese numerals). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Condition,
)
from flowsmith.planner.parse_context import CJK, TOKEN, Context


def parse_condition(text: str, ctx: Context | None = None) -> Condition | None:
    """``field op value`` from a condition's words ("the budget is over 10000")."""
    phrase = text.strip(" ,，:：")
    t = TOKEN.sub(" ", phrase)
    if not t.strip():
        return None
    cats = ctx.categories if ctx else []
    neg = lx.NOT_CONTAINS.search(t)
    if neg:
        said = re.search(
            r"(?:contain|mention|include|包含|含|提到)\w*\s*[\"'“]?([^\"'”,，]+)", t[neg.start() :]
        )
        value = said.group(1).strip() if said else ""
        return Condition(_field(t[: neg.start()], "text"), "not_contains", value, phrase)
    for op, pattern in lx.COMPARE:
        m = pattern.search(t)
        if m:
            number = _number(m.group(1), m.group(2) if m.re.groups >= 2 else None)
            if number is None:
                if op in ("eq", "ne"):
                    return Condition(_field(t[: m.start()], "status"), op, m.group(1), phrase)  # type: ignore[arg-type]
                continue
            return Condition(_field(t[: m.start()], "price"), op, number, phrase)  # type: ignore[arg-type]
    m = lx.CONTAINS.search(t)
    if m:
        word = (m.group(1) or m.group(2) or "").strip(" \"'“”")
        if word:
            return Condition(_field(t[: m.start()], "text"), "contains", word, phrase)
    for op_name, pattern, default in (
        ("not_empty", lx.NOT_EMPTY, "value"),
        ("is_empty", lx.EMPTY, "value"),
    ):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], default), op_name, None, phrase)  # type: ignore[arg-type]
    if lx.FAILED.search(t) and len(t.split()) <= 8:
        return Condition("status", "failed", None, phrase)
    for op_name, pattern in (("is_false", lx.IS_FALSE), ("is_true", lx.IS_TRUE)):
        hit = pattern.search(t)
        if hit:
            return Condition(_field(t[: hit.start()], "value"), op_name, None, phrase)  # type: ignore[arg-type]
    m = lx.IS_WORD.search(t.strip())
    if m:
        word = m.group(1).lower()
        subject = t.strip()[: m.start()].strip()
        if (cats and word in [c.lower() for c in cats]) or (
            looks_category(word) and (not subject or lx.PRONOUN.match(subject))
        ):
            return Condition("category", "category", word, phrase)
    z = re.search(r"([\u4e00-\u9fff\w]{1,8}?)(?:是|为|等于)([\u4e00-\u9fff\w-]{1,12})$", t.strip())
    if z and CJK.search(t):
        value = z.group(2)
        if looks_category(value) and cats:
            return Condition("category", "category", value, phrase)
        return Condition(_field(z.group(1), "status"), "eq", value, phrase)
    m = re.match(
        r"^\s*(?:the\s+|its\s+|their\s+)?([a-z][\w ]{0,24}?)\s+(?:is|are|equals?|=)\s+"
        r"(?:[\"'“‘]([^\"'”’]{1,40})[\"'”’]|([\w-]+))\s*$",
        t.strip(),
        re.IGNORECASE,
    )
    value = (m.group(2) or m.group(3)) if m else ""
    if m and not lx.PRONOUN.match(m.group(1)) and not (m.group(3) or "").lower().endswith("ed"):
        return Condition(_field(m.group(1) + " is", "status"), "eq", value, phrase)
    low = t.strip().lower()
    bare = re.sub(
        r"^(?:it|they|this|that|the (?:result|sentiment|category)|它|结果)\s*"
        r"(?:is|are|'s|是|为)?\s*",
        "",
        low,
    ).strip(" \"'“”")
    if re.fullmatch(r"[\w-]+|[\u4e00-\u9fff]{1,4}", bare or "-") and (
        looks_category(bare) or bare in cats
    ):
        made = ctx.made if ctx else set()
        if "sentiment" in made and not ("classify" in made and bare in cats):
            return Condition("sentiment", "eq", _SENTIMENT_ZH.get(bare, bare), phrase)
        return Condition("category", "category", bare, phrase)
    for cat in cats:
        if cat.lower() in low:
            return Condition("category", "category", cat, phrase)
    return None


_SENTIMENT_ZH = {
    "正面": "positive",
    "负面": "negative",
    "中性": "neutral",
    "积极": "positive",
    "消极": "negative",
}


def looks_category(word: str) -> bool:
    return bool(
        re.fullmatch(
            r"urgent|important|spam|positive|negative|neutral|vip|critical|"
            r"high|low|neutral|紧急|重要|垃圾|正面|负面|中性|积极|消极|投诉|退款",
            word,
        )
    )


def _number(digits: str, unit: str | None) -> float | int | None:
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6, "万": 1e4, "千": 1e3}.get((unit or "").lower(), 1)
    value *= scale
    return int(value) if value.is_integer() else value


def _field(before: str, default: str) -> str:
    """The item field a condition compares: "the budget is" -> budget, "it is" -> default."""
    text = TOKEN.sub(" ", before).replace("__it__", " ").strip(" ,，")
    if CJK.search(text):
        for word, name in sorted(lx.FIELD_ZH_NAMES.items(), key=lambda kv: -len(kv[0])):
            if word in text:
                return name
        m = re.search(r"([\u4e00-\u9fff]{1,4})(?:是|为|的值)?$", text)
        return m.group(1) if m and not lx.PRONOUN.match(m.group(1)) else default
    text = re.sub(
        r"\b(?:is|are|was|were|goes|gets|has|its|it's|the|a|an|of|their|his|her|my|our|"
        r"this|that|total of|value of)\b",
        " ",
        text.lower(),
    )
    text = re.sub(r"'s\b", " ", text)
    words = [
        w for w in re.findall(r"[a-z_][a-z0-9_]*", text) if w not in ("it", "they", "them", "there")
    ]
    while words and words[-1] in ("from", "at", "in", "on", "for", "by"):
        words.pop()  # "the temperature from <url>": the field is before the source
    if not words:
        return default
    if len(words) == 1 and re.fullmatch(r"[a-z]+[^s]s", words[0]) and words[0] not in ("status",):
        return default  # "orders over 100": the items, not a field
    name = (
        "_".join(words[-2:])
        if len(words) >= 2
        and words[-1] in ("total", "count", "amount", "price", "score", "status", "date")
        else words[-1]
    )
    return name
