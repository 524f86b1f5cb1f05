"""An opening clause that only says where the items live ("我用Todoist管家务，每天晚上10点看看
今天到期的任务…", "我平时用ClickUp记工作任务，…查一下今天要截止的任务"): the app is named again
where the later look verb reads, as "看看Todoist里…", so the read is of that app and the
clause itself is no step.

Invariants: only a first clause of the form 我/我们(平时)用<one app>(来)管/记/跟踪… is moved,
and only when a look verb naming no app follows; else the text is returned unchanged.
Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.services import ServiceIndex

__all__ = ["app_in_context"]

# "我用Todoist管家务，", "我们平时都用Linear来跟踪bug，": where the items live, no action
_ZH_CONTEXT = re.compile(
    r"^\s*(?:我|我们)(?:平时|一直|现在|目前)?都?用(?P<app>[^，,。；;]{1,24}?)来?"
    r"(?:管理?|记录?|跟踪|安排|整理|存)[^，,。；;]{0,16}[，,。；;]\s*"
)
# a look verb reading items: "看看…", "查一下…" (an app named after it is left alone)
_ZH_LOOK = re.compile(r"看看|看一下|查一下|查查|检查一下")


def app_in_context(text: str, index: ServiceIndex) -> str:
    """``text`` with an opening "我用<app>管…" clause dropped and its app named after the
    first look verb that names none ("看看今天到期的任务" -> "看看Todoist里今天到期的任务")."""
    m = _ZH_CONTEXT.match(text)
    if m is None:
        return text
    apps = [x for x in index.mentions(m.group("app"), implicit=False) if x.app]
    if len(apps) != 1:
        return text
    rest = text[m.end() :]
    look = _ZH_LOOK.search(rest)
    if look is None:
        return text
    clause = re.split(r"[，,。；;]", rest[look.end() :], maxsplit=1)[0]
    if any(x.app for x in index.mentions(clause, implicit=False)):
        return text  # the look names its own app
    return f"{rest[: look.end()]}{apps[0].word}里{rest[look.end() :]}"
