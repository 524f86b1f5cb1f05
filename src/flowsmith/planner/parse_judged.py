"""Conditions that need an AI judgement first: "if the customer sounds angry", "客户情绪是负面的"
compare the sentiment an AI step gives, so a sentiment step comes before their check.

Invariants: :func:`mood_condition` reads only a mood said of a person or a message (never a
field that merely holds a mood word); :func:`with_judgements` adds at most one sentiment step,
before the first top-level check on the sentiment, and none when an AI step that gives a
sentiment or category is already before it. Pure: regexes over the words and the frame.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner.frame import Branch, Condition, ServiceStep, Think

_NEGATIVE = r"angry|upset|frustrated|furious|annoyed|unhappy|negative|mad|irritated"
_POSITIVE = r"happy|pleased|positive|satisfied|delighted"
_MOOD_EN = re.compile(
    r"^(?:the\s+)?(?:customer|client|user|sender|author|reviewer|caller|they|he|she|it|"
    r"(?:email|message|review|comment|ticket|reply|feedback)s?)(?:'s (?:tone|mood))?\s+"
    r"(?:sounds?|seems?|is|are|gets?|feels?|looks?)\s+(?:very\s+|really\s+|quite\s+)?"
    r"(?P<m>" + _NEGATIVE + "|" + _POSITIVE + r")\b",
    re.IGNORECASE,
)
_MOOD_ZH = re.compile(
    r"(?:情绪|情感|语气|态度)\s*(?:是|为|很|比较|偏|显得)?\s*"
    r"(?P<m>负面|正面|愤怒|生气|不满|消极|积极|中性)"
)
_ZH_MOOD = {"负面": "negative", "愤怒": "negative", "生气": "negative", "不满": "negative"}
_ZH_MOOD |= {"消极": "negative", "正面": "positive", "积极": "positive", "中性": "neutral"}


def mood_condition(t: str, phrase: str) -> Condition | None:
    """The sentiment a mood said of the customer or the message asks for, or None."""
    m = _MOOD_EN.match(t.strip())
    if m:
        word = m.group("m").lower()
        mood = "positive" if re.fullmatch(_POSITIVE, word) else "negative"
        return Condition("sentiment", "eq", mood, phrase)
    z = _MOOD_ZH.search(t)
    if z:
        return Condition("sentiment", "eq", _ZH_MOOD[z.group("m")], phrase)
    return None


# "open a Zendesk ticket for each negative one", "for every angry review, …": a case on the
# sentiment, not a loop (the items already come one at a time)
_MOODS = _NEGATIVE + "|" + _POSITIVE + "|neutral"
_EACH_MOOD = (
    r"\bfor\s+(?:each|every|any|all(?:\s+the)?)\s+(?P<m>" + _MOODS + r")\s+"
    r"(?:ones?|reviews?|messages?|emails?|comments?|tickets?|responses?|replies|feedback|items?)"
)
_EACH_MOOD_AFTER = re.compile(r"^(?P<a>.+?)\s+" + _EACH_MOOD + r"\s*$", re.IGNORECASE)
_EACH_MOOD_FIRST = re.compile(
    r"^\s*(?:and\s+)?" + _EACH_MOOD + r"\s*[,:]?\s*(?P<a>.+)$", re.IGNORECASE
)


# "负面的立刻在企业微信通知主管", "差评的转给客服": the items of a mood, then the action
_ZH_EACH_MOOD = re.compile(
    r"^\s*(?:如果是|要是|是)?(?P<m>负面|正面|中性|消极|积极|差评|好评)(?:情绪|评价)?(?:的"
    r"(?:邮件|评论|工单|反馈|消息|回复|评价)?(?:话)?\s*(?:就|都|则)?|\s*(?=就|则))\s*(?:就|则)?\s*"
    r"(?:立刻|马上|立即|直接)?(?P<a>.+)$"
)
_ZH_MOOD_OF = {"正面": "positive", "积极": "positive", "好评": "positive", "中性": "neutral"}


def each_mood(clause: str) -> tuple[Condition, str] | None:
    """ "create a ticket for each negative one": (the sentiment condition, the action)."""
    z = _ZH_EACH_MOOD.match(clause.strip())
    if z is not None:
        mood = _ZH_MOOD_OF.get(z.group("m"), "negative")
        said = clause.strip()[: z.start("a")].strip()
        return Condition("sentiment", "eq", mood, said), z.group("a")
    m = _EACH_MOOD_AFTER.match(clause.strip()) or _EACH_MOOD_FIRST.match(clause.strip())
    if m is None:
        return None
    word = m.group("m").lower()
    mood = (
        "neutral"
        if word == "neutral"
        else "positive"
        if re.fullmatch(_POSITIVE, word)
        else "negative"
    )
    return Condition("sentiment", "eq", mood, m.group(0).strip()), m.group("a")


def gives_sentiment(step: Any) -> bool:
    """An AI step whose output holds a sentiment or a category: a Think, or a service step
    whose operation (from the catalog) detects sentiment ("AWS Comprehend: detectSentiment")."""
    if isinstance(step, Think):
        return step.kind in ("sentiment", "classify", "agent", "prompt")
    return isinstance(step, ServiceStep) and "sentiment" in (step.operation or "").lower()


def _on_sentiment(step: Any) -> bool:
    return isinstance(step, Branch) and any(
        c.condition is not None and c.condition.field == "sentiment" for c in step.cases
    )


def with_judgements(steps: list[Any]) -> list[Any]:
    """``steps`` with a sentiment step before the first check on the sentiment that no AI
    step feeds."""
    for i, step in enumerate(steps):
        if gives_sentiment(step):
            return steps
        if _on_sentiment(step):
            return [*steps[:i], Think("sentiment", phrase=""), *steps[i:]]
    return steps
