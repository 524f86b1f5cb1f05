"""Words of a conditional edit read before its condition: the other items said as people or
as the empty result ("everyone else", "if it came back empty") and an "if" said after the
condition's topic ("Notion读出来要是空的，…"). Pure: no I/O.
"""

from __future__ import annotations

from flowsmith.planner.text import rx

__all__ = ["OTHERS_SAID", "negated_again", "topic_if"]


# the other items said as people, as the empty result or as those lacking a value ("everyone
# else", "if it came back empty", "if not", "the ones without …"): the otherwise part of the
# condition said before
OTHERS_SAID = (
    r"every(?:one|body) else\b|any(?:one|body) else\b|all the others\b|"
    r"if (?:not|none|nothing)\b|if (?:it|they|that) (?:came|comes?|is|was|are|were) "
    r"(?:back )?(?:empty|nothing)\b|if (?:it's|they're) empty\b|"
    # "the ones without an amount", "those with no phone": the items lacking what was checked
    r"(?:the ones|those|the others)\s+(?:without|with no|missing|lacking)\b|"
    # "… and log the rest to Grist", "send everything else to #misc": a verb, then the rest
    r"[a-z]+\s+(?:all\s+)?(?:the rest|the others|everything else|all others)\b"
)

# "Notion读出来要是空的，就…": the topic first, then "要是/如果" and the rest of the condition
_TOPIC_IF = rx(
    r"^(?P<topic>[^，,。；;：:如要假若]{1,16}?)(?:要是|如果|假如)(?P<rest>[^，,]+[，,].+)$"
)

# a topic that is a time ("注册的时候", "下单后"): the condition after "如果" stands alone
_WHEN_TOPIC = rx(r"(?:的时候|时|之后|以后|后|每次)$")


def topic_if(part: str) -> str:
    """``part`` with an "if" said after the condition's topic moved to the front ("Notion读出来
    要是空的，就别传…" -> "如果Notion读出来空的，就别传…"); other parts unchanged."""
    m = _TOPIC_IF.match(part)
    if m is None or _WHEN_TOPIC.search(m.group("topic")):
        return part  # "注册的时候如果填了邀请码，…": a time, not the condition's topic
    return f"如果{m.group('topic')}{m.group('rest')}"


# "没货就…", "不是VIP的话…", "没有附件时…": a part opening with the negation of a word
_NEGATED_HEAD = rx(
    r"^\s*(?:但|而)?(?:没有|没|不是|不|无|非)(?P<word>[\u4e00-\u9fff]{1,4}?)(?:的话|就|时|的)"
)


def negated_again(condition_part: str, part: str) -> bool:
    """Whether ``part`` opens with the negation of a word the condition ``condition_part``
    said ("有货的话…；没货就…", "是VIP的…，不是VIP的…"): the otherwise part of that
    condition."""
    m = _NEGATED_HEAD.match(part)
    return m is not None and m.group("word") in condition_part
