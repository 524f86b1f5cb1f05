"""Misspelt start words read as the words meant ("whenver" -> "whenever", "evry 90 minutes"
-> "every 90 minutes"), so a typo in the one word that says when a workflow runs does not
turn an app event or a schedule into a manual run.

Invariants: only whole words from the list below are replaced (the first letter keeps its
case); any other text, Chinese included, is returned unchanged. Pure.
"""

from __future__ import annotations

import re

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
    "whne": "when",
    "whn": "when",
    "creatd": "created",
    "cretaed": "created",
    "exept": "except",
    "excpet": "except",
    "unles": "unless",
    "unlesss": "unless",
}

_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(_MEANT, key=len, reverse=True)) + r")"
    r"(?![\w-])",
    re.IGNORECASE,
)


def respell(text: str) -> str:
    """``text`` with the listed misspellings replaced by the words meant."""

    def meant(m: re.Match[str]) -> str:
        word = _MEANT[m.group(0).lower()]
        return word[:1].upper() + word[1:] if m.group(0)[:1].isupper() else word

    return _WORD.sub(meant, text)
