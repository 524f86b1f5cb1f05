"""Arrows that say "in this case do" rather than "then": "scores 0-6 → create a Freshdesk
ticket, 9-10 → add them to ActiveCampaign", "status 'lost' → alert Slack".

Invariants: an arrow is read as a case's colon only when the text holds at least two arrows
whose left side, back to the last comma, semicolon or colon, is a short value head (ending
on a number, a unit after a number, a bound after those ("以上", "or more"), or a quoted
value); a chain of steps ("typeform ->
summary -> notion") has no such heads and is left as it is. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

# a value head just before an arrow: "0-6", "9 or 10 stars", "'returned'", "“异常”", "5分"
_HEAD_ARROW = re.compile(
    r"(?P<h>(?:^|(?<=[,;:，；：]))[^,;:，；：→>]{0,40}?"
    r"(?:\d(?:\s*(?:stars?|points?|分|星|颗星|k|m|万|千|块钱?|元|美元|%|dollars?|euros?)(?![a-z]))?"
    # "金额2000块以上 →", "9 or above ->": a bound said after the number
    r"(?:\s*(?:以上|以下|以内|及以上|及以下|or (?:more|less|above|below|higher|lower|over|under)"
    r"|and (?:up|above|over|below|under)))?|[\"'”’」]))"
    r"\s*(?:-+>|=+>|→|⇒|⟶|➜|➡️?)\s*"
)


def case_arrows(text: str) -> str:
    """``text`` with each case arrow ("0-6 → …") turned into a colon, when it lists cases."""
    if len(_HEAD_ARROW.findall(text)) < 2:
        return text
    return _HEAD_ARROW.sub(_as_case, text)


# "status 'lost'": a field and its quoted value
_FIELD_VALUE = re.compile(r"^(?P<f>\s*[a-z][\w ]{0,20}?)\s+(?:is\s+)?(?P<v>[\"'“‘「].*)$", re.I)


def _as_case(m: re.Match[str]) -> str:
    """A number's arrow becomes a colon (the value readers take "0-6: …"); a quoted value's
    becomes an "if" clause ("if status is 'lost', …"), since a colon after a quote would end
    the clause."""
    head = m.group("h")
    said = _FIELD_VALUE.match(head)
    if head.rstrip()[-1:].isdigit() or said is None:
        return head + ": "
    return f" if {said.group('f').strip()} is {said.group('v').strip()}, "
