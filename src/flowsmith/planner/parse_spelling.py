"""Misspelt start words read as the words meant ("whenver" -> "whenever", "evry 90 minutes"
-> "every 90 minutes"), so a typo in the one word that says when a workflow runs does not
turn an app event or a schedule into a manual run.

Invariants: only whole words from the list below are replaced (the first letter keeps its
case), and two Chinese slips of sound only where they close a condition; any other text is
returned unchanged. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_day_spelling import respell_days

__all__ = ["respell"]

# the misspellings seen of the start words, each with the word meant
_MEANT: dict[str, str] = {
    "whenver": "whenever",
    "whenevr": "whenever",
    "wheneever": "whenever",
    "whenenver": "whenever",
    "whevever": "whenever",
    "wenever": "whenever",
    "evry": "every",
    "evrey": "every",
    "everey": "every",
    "eveyr": "every",
    "everytime": "every time",
    "evrytime": "every time",
    "recieve": "receive",
    "recieves": "receives",
    "recieved": "received",
    "recieving": "receiving",
    "submited": "submitted",
    "submision": "submission",
    "submisions": "submissions",
    "newsleter": "newsletter",
    "minuets": "minutes",
    "mintues": "minutes",
    "minuts": "minutes",
    "hourse": "hours",
    "weekdys": "weekdays",
    # the words of a time of day, a period, a start or a condition
    "mornin": "morning",
    "morining": "morning",
    "mornig": "morning",
    "moring": "morning",
    "evenin": "evening",
    "evenig": "evening",
    "dialy": "daily",
    "daliy": "daily",
    "weekley": "weekly",
    "wekly": "weekly",
    "monthy": "monthly",
    "mondy": "monday",
    "fridy": "friday",
    "wehn": "when",
    "wen": "when",
    "whne": "when",
    "whn": "when",
    "creatd": "created",
    "cretaed": "created",
    "exept": "except",
    "excpet": "except",
    "unles": "unless",
    "unlesss": "unless",
    "otherwse": "otherwise",
    "otherwize": "otherwise",
    "othewise": "otherwise",
    "otherwis": "otherwise",
    "priorty": "priority",
    "prioirty": "priority",
}
# Chinese slips of the same sound ("高的化" for "高的话", "否者" for "否则"): the supposition
# and the otherwise words, replaced only where they close a clause's condition
_ZH_MEANT = re.compile(r"的化(?=[，,\s]|就|则|发|加|用|在)|否者(?=[，,\s]|就|加|发|用|在)")


_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(_MEANT, key=len, reverse=True)) + r")"
    r"(?![\w-])",
    re.IGNORECASE,
)


# "AI判断紧不紧急", "让AI看看严不严重": an AI asked an A-not-A question is asked whether A
# ("让AI判断是否紧急"); 让 is put in when the AI is the subject
_A_NOT_A = re.compile(
    r"(?P<lead>让|用|请|叫)?(?P<ai>AI|ai|人工智能|GPT|ChatGPT|大模型)\s*"
    r"(?P<verb>判断|看看|看一下|分析|评估|确认)(?:一下)?\s*"
    r"(?P<a>(?!是)[\u4e00-\u9fff])不(?P=a)(?P<b>[\u4e00-\u9fff]{0,3}?)(?=[：:，,。；;]|$)"
)


def _whether(m: re.Match[str]) -> str:
    lead = m.group("lead") or "让"
    return f"{lead}{m.group('ai')}{m.group('verb')}是否{m.group('a')}{m.group('b')}"


def respell(text: str) -> str:
    """``text`` with the listed misspellings (and misspelt weekdays) replaced by the words
    meant."""

    def meant(m: re.Match[str]) -> str:
        word = _MEANT[m.group(0).lower()]
        return word[:1].upper() + word[1:] if m.group(0)[:1].isupper() else word

    said = _A_NOT_A.sub(_whether, respell_days(_WORD.sub(meant, text)))
    return _ZH_MEANT.sub(lambda m: "的话" if m.group(0) == "的化" else "否则", said)
