"""An app event said of a place the user names without naming the app: "a row is added to
the 'Leads' sheet", "“报名”表格新增一行". The place's word is a resource word of exactly one
app (the service index's implicit mention) right beside a name in quotes, and the clause says
one of that app's events outright.

Invariants: only when the clause names no app outright (an app said by name is read by the
ordinary when-clause reading); only an app with triggers; only an event whose words the
clause says (score >= 0.85), never the app's default event. Pure.
"""

from __future__ import annotations

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import Context, unmask
from flowsmith.planner.text import quoted

# a quote mark right before the place's word or right after it: "the 'Leads' sheet",
# "“报名”表格", "the sheet 'Leads'"
_QUOTE = "\"'“”‘’「」『』"

# how closely the clause must say the event: its words, not a guess from one shared word
_SAID = 0.85


def named_place_event(body: str, phrase: str, ctx: Context) -> Trigger | None:
    """The event of the one app whose resource word names the place in ``body``, or None."""
    if any(m.app for m in ctx.index.mentions(body, implicit=False)):
        return None
    for mention in ctx.index.mentions(body, implicit=True):
        if mention.app is None or ctx.index.apps[mention.app].triggers is None:
            continue
        if not _quoted_beside(body, mention.start, mention.end):
            continue  # "RSS订阅有新文章": a resource word named by no quoted name
        event, score = ctx.index.event(mention.app, body)
        if event is None or score < _SAID:
            continue
        names = quoted(unmask(body, ctx))
        params = {"resource": names[0]} if names else {}
        return Trigger(kind="app_event", app=mention.app, event=event, params=params, phrase=phrase)
    return None


def _quoted_beside(body: str, start: int, end: int) -> bool:
    """Whether a quote mark stands right before ``body[start:end]`` or right after it."""
    before, after = body[:start].rstrip(), body[end:].lstrip()
    return (before[-1:] or " ") in _QUOTE or (after[:1] or " ") in _QUOTE
