"""An answer given on a form as a condition: "they answered No to attending", "she said yes
to the newsletter", "picked 'Vegan' for meal", "他们回答不参加", "选了不订阅"; an answer left
out ("they left 'who are you visiting' empty") is that question's field being empty.

The question is the field and the answer its value, so the comparison is ``<question> eq
<answer>``; an "unless" around it makes it ``ne`` as for any condition. A Chinese answer said
as a negated verb ("不参加", "没报名") names its question by that verb ("参加").

Invariants: reads only the words of one answer: a verb of answering, one short answer, then
(English) "to/for/on" and the question; returns None for anything else, never a guess.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Condition

__all__ = ["answered_condition"]

_EN = re.compile(
    r"^(?:if\s+)?(?:they|he|she|the\s+(?:person|guest|user|customer|respondent|visitor|member|"
    r"attendee|lead|applicant)|someone|people)?\s*(?:have\s+|has\s+)?"
    r"(?:answered|answer|answers|said|says|say|replied|reply|replies|chose|choose|chooses|"
    r"picked|pick|picks|selected|select|selects|ticked|ticks|voted|votes)\s+"
    r"[\"'“‘]?(?P<v>[\w-]{1,20}(?:\s+[\w-]{1,20})?)[\"'”’]?\s+(?:to|for|on|as)\s+"
    r"(?:the\s+|their\s+)?(?:question\s+)?[\"'“‘]?(?P<f>[a-z][\w -]{0,40}?)[\"'”’]?"
    r"(?:\s+question)?$",
    re.IGNORECASE,
)
# "they left 'who are you visiting' empty", "left the phone field blank": that answer is empty
_LEFT_EMPTY = re.compile(
    r"^(?:if\s+)?(?:they|he|she|the\s+\w+|someone|people)?\s*(?:have\s+|has\s+)?"
    r"(?:left|leaves|leave)\s+(?:the\s+|their\s+)?[\"'“‘]?(?P<f>[a-z][\w -]{0,40}?)[\"'”’]?"
    r"(?:\s+(?:field|question|box))?\s+(?:empty|blank|unanswered|unfilled)$",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"^(?:如果|要是)?(?:他们|他|她|对方|用户|客户|报名的人|填表的人)?"
    r"(?:回答的?是?|答的?是?|选了|选的是|选择了|选择的是|勾选了|勾了|填了|填的是)\s*"
    r"[“\"'「]?(?P<v>(?:不|没有?|未)(?P<f>[\u4e00-\u9fff]{1,6}?))[”\"'」]?(?:的)?$"
)


def answered_condition(t: str, phrase: str) -> Condition | None:
    """``<question> eq <answer>`` for one answer said ("answered No to attending",
    "回答不参加"), else None."""
    said = phrase.strip(" ,，:：") or t
    m = _EN.match(t.strip())
    if m is not None:
        field = re.sub(r"[^\w]+", "_", m.group("f").strip().lower()).strip("_")
        return Condition(field, "eq", m.group("v").strip(), said) if field else None
    left = _LEFT_EMPTY.match(t.strip())
    if left is not None:
        field = re.sub(r"[^\w]+", "_", left.group("f").strip().lower()).strip("_")
        return Condition(field, "is_empty", None, said) if field else None
    z = _ZH.match(t.strip())
    if z is not None:
        return Condition(z.group("f"), "eq", z.group("v"), said)
    return None
