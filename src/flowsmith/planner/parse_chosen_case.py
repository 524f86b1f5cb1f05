"""A choice made on a form as a case: "选了“需要住宿”的，再发Slack告诉行政", "勾选了“订阅周报”的
加到Mailchimp", "those who picked "needs parking" also get a Slack message", "anyone who chose
"vegetarian meal" gets posted to Discord".

The quoted option is what the submission's answers contain, so the case tests that they
contain it; the steps said with it (or, when the clause says the choice alone, the next
clause's) run only for those submissions, while the steps said before stay for everyone.

Invariants: reads only a clause that opens with a choosing verb (or the people who chose)
followed by a quoted option; never while a case is open; the case's condition is
``choice contains <option>``; an action that names no steps leaves the clause unread. Pure:
no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from flowsmith.planner.frame import Condition
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.parse_steps import clause_actions

if TYPE_CHECKING:
    from flowsmith.planner.parse_clauses import _Builder as Builder

__all__ = ["chosen_case"]


def _option(name: str) -> str:
    """A quoted option, captured as ``name``."""
    return rf"[“\"'「‘](?P<{name}>[^”\"'」’]{{1,30}})[”\"'」’]"


_CHOSEN = re.compile(
    # "选了“需要住宿”的，再…", "如果勾选了“订阅周报”，就…"
    r"^\s*(?:如果|要是|假如|若)?\s*(?:用户|客户|对方|他|她|他们|有人|报名的人)?\s*"
    r"(?:选了|选择了|勾选了|勾了|选中了|选的是|选择的是|勾选的是)\s*" + _option("vz") + r"\s*"
    r"(?:选项|这一项|这项)?(?:的话|的人|的)?\s*[，,：:]?\s*(?:就|则|再|也|还|都)*\s*(?P<zh>.*)$|"
    # "those who picked "X" also get …", "anyone who chose "X" gets posted to …"
    r"^\s*(?:and\s+)?(?:if\s+they|if\s+someone|those|anyone|everyone|people|guests|attendees|"
    r"respondents|users|customers|whoever)\s+(?:who\s+|that\s+)?"
    r"(?:picked|chose|selected|ticked|checked|picks|chooses|selects|ticks|checks)\s+"
    + _option("ve")
    + r"\s*,?\s*(?P<en>.*)$",
    re.IGNORECASE,
)
# "also get a Slack message" -> "send a Slack message"; "gets posted to" -> "post to"
_GET = re.compile(
    r"^(?:then\s+)?(?:also\s+)?(?:should\s+)?(?:gets?|get|receive|receives)\s+", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"^(?:then\s+)?(?:also\s+)?(?:should\s+)?(?:gets?|are|is|be)\s+(?:also\s+)?"
    r"(?P<v>posted|sent|emailed|added|forwarded|texted)\b",
    re.IGNORECASE,
)
_BASE = {
    "posted": "post",
    "sent": "send",
    "emailed": "email",
    "added": "add",
    "forwarded": "forward",
    "texted": "text",
}


def _active(action: str) -> str:
    """The action as an imperative: "gets posted to Discord" -> "post to Discord"."""
    m = _PASSIVE.match(action)
    if m:
        return _BASE[m.group("v").lower()] + action[m.end() :]
    m = _GET.match(action)
    return "send " + action[m.end() :] if m else action


def chosen_case(b: Builder, clause: str, ctx: Context) -> bool:
    """A quoted option someone chose opens a case on the answers containing it."""
    m = _CHOSEN.match(clause)
    if m is None or (b.branch is not None and not b.branch.closed):
        return False
    action = (m.group("zh") or m.group("en") or "").strip(" ,，")
    steps = (clause_actions(_active(action), ctx) or clause_actions(action, ctx)) if action else []
    if action and not steps:
        return False
    phrase = unmask(clause, ctx).strip()
    b.open_case(
        Condition("choice", "contains", (m.group("vz") or m.group("ve")).strip(), phrase),
        phrase,
        same=False,
    )
    b.add(list(steps))
    return True
