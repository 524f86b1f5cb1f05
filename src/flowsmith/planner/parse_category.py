"""Conditions on a category: a classifier's category, the sentiment after a sentiment step, or
an item's priority when no classifier was asked for ("urgent ones to Slack", "负面的发给经理").

Invariants: a category a classifier was not told of joins its list (English words only); a
sentiment word is stored in English. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import CJK, Context


def bare_category(t: str, phrase: str, ctx: Context | None) -> Condition | None:
    cats = ctx.categories if ctx else []
    low = t.strip().lower()
    bare = re.sub(
        r"^(?:it|they|this|that|the (?:result|sentiment|category)|它|结果)\s*"
        r"(?:is|are|'s|是|为)?\s*",
        "",
        low,
    ).strip(" \"'“”")
    if re.fullmatch(r"[\w-]+|[\u4e00-\u9fff]{1,4}", bare or "-") and (
        looks_category(bare) or bare in cats or bool(ctx and ctx.classified and cats)
    ):
        return _category(bare, phrase, ctx)
    for cat in cats:
        if cat.lower() in low:
            return Condition("category", "category", cat, phrase)
    return None


def category_condition(word: str, phrase: str, ctx: Context | None) -> Condition:
    """The condition a named category opens: the sentiment after a sentiment step, else the
    classifier's category."""
    return _category(word, phrase, ctx)


def _category(word: str, phrase: str, ctx: Context | None) -> Condition:
    """A classifier's category, or the sentiment when only a sentiment step was asked for;
    a category a classifier was not told of joins its list."""
    made = ctx.made if ctx else set()
    cats = ctx.categories if ctx else []
    if "sentiment" in made and not ("classify" in made and word in cats):
        return Condition("sentiment", "eq", _SENTIMENT_ZH.get(word, word), phrase)
    if ctx is not None and ctx.classified and word not in cats and not CJK.search(word):
        ctx.categories.append(word)
    if "classify" not in made and word not in cats and _URGENCY.fullmatch(word):
        return Condition("priority", "eq", word, phrase)  # no classifier: the item's priority
    return Condition("category", "category", word, phrase)


_URGENCY = re.compile(r"urgent|critical|high|low|紧急|重要|高|低")


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
