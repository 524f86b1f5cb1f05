"""An app event whose item is said with a qualifier before its noun, in a leading clause of
its own: "GitLab上标签是bug的新issue，…", "Typeform上预算超过10万的报名，…", "Outlook收件箱里
标题带“紧急”的邮件，…" (the event is the app's new item; what comes before 的 is its
condition, which the event guard reads from the phrase).

Invariants: only a first clause that names one app with catalog events, has a qualifier the
event-condition reader understands, and says no read or move ("从…拉取", "把…") becomes an
event; the text left is everything after that clause. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import TOKEN, Context, unmask
from flowsmith.planner.parse_guards import event_condition

__all__ = ["attributed_event", "qualified_mail"]

# the first clause, ending at a comma, with 的 and then the item's noun at its end
_LEAD = re.compile(
    r"^\s*(?P<c>[^,，;；。.!?！？]{4,40}?的(?:新的?)?[\w\u4e00-\u9fff]{1,8})\s*[,，]"
)
# a read, a move or a time: the clause is a step or a schedule, not an event
_NOT_EVENT = re.compile(r"把|将|从|拉取|查|搜|导出|每|定时|如果|要是|假如|\bif\b", re.IGNORECASE)


def attributed_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The event and the text after its clause, or None (see the module's invariants)."""
    m = _LEAD.match(text)
    if m is None:
        return None
    clause = m.group("c")
    plain = TOKEN.sub(" ", clause)
    if _NOT_EVENT.search(plain) or any(p.search(plain) for p in (lx.READ_VERB, lx.SOURCE_VERB)):
        return None
    apps = {
        mention.app
        for mention in ctx.index.mentions(clause, implicit=False)
        if mention.app is not None and ctx.index.apps[mention.app].triggers is not None
    }
    if len(apps) != 1:
        return None
    app = apps.pop()
    event, score = ctx.index.event(app, clause)
    if event is None or score < 0.7 or event_condition(clause, ctx) is None:
        return None
    trig = Trigger(kind="app_event", app=app, event=event, phrase=unmask(clause, ctx).strip())
    return trig, text[m.end() :]


# where a clause ends
_CLAUSE_END = re.compile(r"[,，;；。.!?！？](?:\s|$)|[，；。！？]")


def qualified_mail(text: str, m: re.Match[str], ctx: Context) -> tuple[int, int] | None:
    """The span of the first clause around a mail keyword ``m`` when it ends in the mail it
    qualifies ("财务邮箱收到标题里带“发票”的邮件") and the qualifier reads as a condition."""
    if _CLAUSE_END.search(text, 0, m.start()):
        return None  # only a first clause says the start this way
    end = _CLAUSE_END.search(text, m.end())
    stop = end.start() if end is not None else len(text)
    clause = text[:stop]
    if not re.search(r"的(?:新)?(?:邮件|电邮)\s*$", clause):
        return None
    return (0, stop) if event_condition(clause[m.start() :], ctx) is not None else None
