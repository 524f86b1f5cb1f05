"""A dedupe said in words: "skip anything we've already posted", "don't send the same item
twice", "ignore ones we've seen", "只发之前没发过的", "推过的不要再推", "同一条不要重复发送".

Such words ask for a step that drops the items an earlier run already passed on, not for a
condition on a field: :func:`cut_seen` takes them out of the text before the clauses are
read (so "没发过的" never becomes an IF on a field "发过"), and :func:`with_seen_dedupe` puts
one remove-duplicates step across runs after the steps that fetch the items and before
whatever acts on them.

Invariants: at most one such step is added, and none when the steps already drop repeats
(a dedupe or a polled start's "only new" Code step); the step sits at the top level, after
the leading reads and before the first step that is not a read. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import CoreStep, ServiceStep, Step, Transform

__all__ = ["SEEN_BEFORE", "cut_seen", "with_seen_dedupe"]

_SENT = (
    r"(?:posted|sent|seen|shared|published|processed|notified|forwarded|handled|pushed|"
    r"saved|stored|added|imported|synced|copied|logged|recorded)"
)
_ZH_SEND = r"(?:发送|发布|推送|转发|通知|处理|保存|同步|导入|记录|添加|发|推|见|看|存|记)"
_ZH_NO = r"(?:不要|别|不用|无需|不必|不)"
SEEN_BEFORE = re.compile(
    # "skip anything we've already posted", "ignore items that were already sent"
    r"\b(?:skip(?:ping)?|ignor(?:e|ing)|exclud(?:e|ing)|leav(?:e|ing) out|drop(?:ping)?|"
    r"filter(?:ing)? out)\b[^,.;，。；]{0,40}?"
    r"(?:\balready\s+(?:been\s+)?" + _SENT + r"|(?:we|I|you)(?:'ve| have)\s+(?:already\s+)?"
    r"(?:been\s+)?" + _SENT + r"|\b" + _SENT + r"\s+(?:before|already|earlier))\b|"
    # "don't send the same item twice", "never post duplicates again"
    r"\b(?:don't|do not|never|without)\s+(?:\w+\s+){0,2}(?:the\s+)?same\s+(?:\w+\s+){0,2}?"
    r"(?:twice|again|more than once)\b|"
    # "only ones we haven't posted (yet/before)", "that haven't been sent before"
    r"\b(?:(?:we|I|you)\s+)?(?:haven't|have not|hasn't|has not)\s+(?:already\s+)?(?:been\s+)?"
    + _SENT
    + r"(?:\s+(?:yet|before|already))?\b|"
    # "之前没发过的", "未推送过的"
    r"(?:之前|以前|此前|已经)?(?:没有|没|未|沒)" + _ZH_SEND + r"过的?|"
    # "已经发过的就别再发了", "推过的不要再推", "发过的跳过"
    r"(?:之前|以前|已经)?" + _ZH_SEND + r"过的(?:就|都|则)?"
    r"(?:" + _ZH_NO + r"再?(?:重复)?" + _ZH_SEND + r"?了?|跳过|忽略|过滤掉?|去掉)|"
    # "同一条不要重复发送", "重复的不要发", "别重复推送"
    r"(?:同一条|同样的|相同的|重复的)(?:内容|消息|新闻|文章)?"
    + _ZH_NO
    + r"再?(?:重复)?"
    + _ZH_SEND
    + r"?|"
    + _ZH_NO
    + r"(?:要)?重复"
    + _ZH_SEND,
    re.IGNORECASE,
)
# the punctuation and joining words a cut phrase leaves behind
_LEFTOVER = re.compile(r"(?:,|，|;|；)\s*(?:but|and|但是?|并且?|而且)?\s*(?=$|[,，.。;；])", re.I)


def cut_seen(text: str) -> tuple[str, bool]:
    """``text`` without its dedupe-across-runs words, and whether it said any."""
    if not SEEN_BEFORE.search(text):
        return text, False
    cut = SEEN_BEFORE.sub(" ", text)
    cut = _LEFTOVER.sub("", " ".join(cut.split()))
    return re.sub(r"\s+([,，.。;；])", r"\1", cut).strip(" ,，;；"), True


# operations that fetch items (what a dedupe follows)
_READS = re.compile(r"get|list|search|read|select|find|query|executequery|fetch", re.I)


def _reads(step: Step) -> bool:
    if isinstance(step, ServiceStep):
        return bool(_READS.match(step.operation or ""))
    if isinstance(step, CoreStep):
        return step.subtype in ("http_request", "google_sheets_read", "html_extract")
    return False


def _drops_repeats(step: Step) -> bool:
    return isinstance(step, Transform) and (
        step.kind == "dedupe" or bool(step.kind == "code" and step.params.get("only_new"))
    )


def with_seen_dedupe(steps: list[Step], phrase: str) -> list[Step]:
    """``steps`` with a remove-duplicates-across-runs step after the leading reads."""
    if any(_drops_repeats(s) for s in steps):
        return steps
    at = 0
    while at < len(steps) and _reads(steps[at]):
        at += 1
    dedupe = Transform(kind="dedupe", params={"across_runs": True}, phrase=phrase)
    return [*steps[:at], dedupe, *steps[at:]]
