"""Conditional edits that send some items to a new step INSTEAD of the existing ones, said in
shapes the part readers of :mod:`edit_guard_read` do not see whole:

* "<items> are <kind>: don't <old>, just <new>" ("Leads from hotmail.com are private people:
  …", "邮箱以qq.com结尾的线索都是个人用户：不要…，直接…"): the "are <kind>" label only names
  the items, so the part is read as "for <items>, <act>" (Chinese: "<items><act>");
* "<new>, and don't <old>" split over two parts ("reply with 422 and don't insert anything"):
  the denial joins the act when together they read as "<new> instead of <old>".

Invariants: a rewrite or join is kept only when the reading it gives is an ``instead`` op
(the old steps keep their ids on the other output); otherwise the parts read as before.
Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.models import Workflow
from flowsmith.planner.edit_guard_op import Guard, guard_op

Span = tuple[int, int]

# "<items> are <kind>:", "<items> go to our partner:" (the label before the colon names them)
_KIND_SAID = re.compile(
    r"^(?P<items>[a-z][^:：]*)\s+(?:are|is|go(?:es)? to|belong(?:s)? to|count as)\s+"
    r"[^:：,，]{1,40}[:：]\s*(?P<act>.+)$|"
    r"^(?P<zitems>[^:：，,]+?)(?:都|全|一律)?(?:是|属于|算)[^:：，,]{1,12}[:：]\s*(?P<zact>.+)$",
    re.IGNORECASE,
)
# a part that only denies: "don't insert anything", "skip the upload"
_DENIAL = re.compile(
    r"^\s*(?:(?:don'?t|do not|never|skip)\b|(?:就)?(?:不要|别|不用|不必|无需|跳过))", re.IGNORECASE
)


def kind_said(part: str) -> str | None:
    """``part`` with its "are <kind>:" label dropped ("for <items>, <act>"), or None when
    ``part`` is not said that way."""
    m = _KIND_SAID.match(part.strip())
    if m is None:
        return None
    if m.group("items"):
        return f"for {m.group('items')}, {m.group('act')}"
    return f"{m.group('zitems')}{m.group('zact')}"


def with_denial(
    text: str, rest: list[Span], guard: Guard, current: Workflow
) -> tuple[Guard, list[Span]]:
    """``guard`` with the next part's denial joined to its act, and the span it used, when
    together they say "<new> instead of <old>"; else ``guard`` and no span."""
    if not rest or guard.negate or not guard.act.strip():
        return guard, []
    nxt = text[rest[0][0] : rest[0][1]].strip()
    if not _DENIAL.match(nxt):
        return guard, []
    # Chinese parts join as they were said ("…发邮件给我，别上传"), English ones with "and"
    glue = "，" if re.match(r"\s*[\u4e00-\u9fff]", nxt) else " and "
    joined = replace(guard, act=f"{guard.act}{glue}{nxt}")
    if guard_op(joined, current).where != "instead":
        return guard, []
    return joined, [rest[0]]
