"""A sender that pushes to the user's webhook on its own period: "Our soil sensors push
readings to a webhook every 10 minutes: …", "水质传感器每15分钟推一次数据到webhook：…". The
period is the sender's; the start is the webhook, and the clause (its period with it) is the
start's words, no step's and no schedule's.

Invariants: the clause opens the request or a sentence; it has a subject of its own before
the verb (English: led by a determiner such as "our", "the", "each"; Chinese: two or more
characters that say no step, never opening with 每, 把, 从, 请, 先 or a step's verb), so an
imperative ("push the totals to our webhook", "每小时把数据推到webhook") is never taken; the
verb says the subject sends (push, post, send, report, forward; 推, 推送, 发, 上报, 传) and
its goal is a webhook. Pure: the function only finds the span.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx

__all__ = ["pushed_span"]

_PERIOD_EN = r"(?:\s+(?:every|each|once\s+an?|once\s+every)\s+[\w\s]{1,20}?(?=\s*[,;:.]|$))?"
_PUSHED_EN = re.compile(
    r"(?:^|(?<=[.;:!?]\s))\s*(?P<subj>(?:our|my|the|a|an|each|every|all|these|those)\s+"
    r"(?:[\w'-]+\s+){0,4}?)(?P<verb>push(?:es)?|posts?|sends?|reports?|forwards?|streams?|"
    r"delivers?|fires?)\s+(?:(?:its|their|the|a|an|some)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:to|into|at)\s+(?:an?\s+|the\s+|our\s+|my\s+)?(?:n8n\s+)?web ?hook(?:\s+url)?\b"
    + _PERIOD_EN,
    re.IGNORECASE,
)
_PUSHED_ZH = re.compile(
    r"(?:^|(?<=[。；;！？!?]))\s*(?P<subj>[^，,。；;：:！？!?]{2,30}?)"
    r"(?:每[^，,。；;：:]{1,10}?)?(?:推送|推|上报|上传|发送|发|传)(?:一次|一条)?"
    r"[^，,。；;：:]{0,10}?(?:到|给|进)\s*(?:我们的?|我的)?\s*(?:web ?hook|回调地址|回调)"
    r"(?:地址|链接|url|URL)?(?:里|上)?",
    re.IGNORECASE,
)
_NOT_SUBJECT_ZH = re.compile(r"^(?:每|把|将|从|请|先|然后|再|并|帮|给|用)|把|将")
_STEPS = (lx.READ_VERB, lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SOURCE_VERB)


def pushed_span(text: str) -> tuple[int, int] | None:
    """The span of a clause in which a sender pushes to a webhook, or None."""
    m = _PUSHED_EN.search(text)
    if m is not None and not any(p.search(m.group("subj")) for p in _STEPS):
        return m.start("subj"), m.end()
    z = _PUSHED_ZH.search(text)
    if z is None:
        return None
    subj = z.group("subj")
    if _NOT_SUBJECT_ZH.search(subj) or any(p.search(subj) for p in _STEPS):
        return None
    return z.start("subj"), z.end()
