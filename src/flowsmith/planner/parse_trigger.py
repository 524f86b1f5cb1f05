"""The request parser's first pass: the trigger, and the text left for the steps.

Invariants: exactly one trigger per request (manual when nothing names one); the words
that named it are cut from the text the later passes read (a polled app event leaves a
"get <thing>" read in their place), and ``Context.trigger_app`` / ``trigger_url`` record
what the steps may refer back to ("it", the feed). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import (
    Trigger,
    TriggerKind,
)
from flowsmith.planner.parse_context import READABLE, TOKEN, Context, unmask
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.text import quoted


def read_trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The request's trigger and the text left for the steps (the trigger's words cut out)."""
    found = _when_trigger(text, ctx)
    if found is not None:
        return found
    err = lx.TRIGGER_ERROR.search(text)
    if err:
        return Trigger(kind="error", phrase=err.group(0).strip()), _cut(text, err)
    sched = parse_schedule(TOKEN.sub(" ", text))
    if sched is not None:
        return Trigger(kind="schedule", params=sched.model_dump(exclude_none=True)), text
    found = _new_app_event(text, ctx)
    if found is not None:
        ctx.trigger_app = found[0].app
        return found
    return _keyword_trigger(text, ctx)


def _when_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A "when"-clause naming an app event; a polled one becomes an hourly schedule."""
    for pattern in (lx.WHEN_EN, lx.WHEN_ZH):
        for m in pattern.finditer(text):
            found = _trigger_of(
                m.group("body") or m.groupdict().get("body2") or "", ctx, explicit=True
            )
            if found is not None:
                ctx.trigger_app = found.app
                poll = found.params.get("poll")
                if poll:
                    found = Trigger(
                        kind="schedule",
                        params={"kind": "interval", "minutes": 60, "assumed": True},
                        phrase=found.phrase,
                    )
                    rest = (
                        text[: m.start()] + f" get {READABLE.sub(' ', poll)} , " + text[m.end() :]
                    )
                else:
                    rest = text[: m.start()] + " , " + text[m.end() :]
                return found, rest
    return None


_KEYWORD_TRIGGERS: tuple[tuple[TriggerKind, re.Pattern[str]], ...] = (
    ("email", lx.TRIGGER_EMAIL),
    ("webhook", lx.TRIGGER_WEBHOOK),
    ("form", lx.TRIGGER_FORM),
    ("rss", lx.TRIGGER_RSS),
    ("chat", lx.TRIGGER_CHAT),
)


def _keyword_trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The first start a keyword names (an RSS feed takes the first URL); manual otherwise."""
    for kind, pattern in _KEYWORD_TRIGGERS:
        m = pattern.search(text)
        if m:
            params: dict[str, Any] = {}
            if kind == "rss" and ctx.urls:
                params["url"] = ctx.urls[0]
                ctx.trigger_url = "__url0__"
            return Trigger(kind=kind, params=params, phrase=m.group(0).strip()), text
    return Trigger(kind="manual"), text


def _cut(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " + text[m.end() :]


def _trigger_of(body: str, ctx: Context, explicit: bool) -> Trigger | None:
    """The trigger a "when"-clause body names, or None (then it is a condition)."""
    phrase = unmask(body, ctx)
    if lx.TRIGGER_ERROR.search(body) or lx.TRIGGER_ERROR.search("a " + body):
        return Trigger(kind="error", phrase=phrase)
    for mention in ctx.index.mentions(body, implicit=False):
        if mention.app is None:
            continue
        app = ctx.index.apps[mention.app]
        if app.triggers is None:
            continue
        event, _score = ctx.index.event(mention.app, body)
        if event is None:
            event = next(iter(app.triggers.events))
            ctx.notes.append(f"event:{mention.app}:{event}")
        params: dict[str, Any] = {}
        q = quoted(unmask(body, ctx))
        if q:
            params["resource"] = q[0]
        return Trigger(kind="app_event", app=mention.app, event=event, params=params, phrase=phrase)
    polled = [m for m in ctx.index.mentions(body, implicit=False) if m.app is not None]
    if polled and (lx.NEW_WORD.search(body) or re.search(r"\b\w+ed\b", body)):
        return Trigger(
            kind="schedule",
            params={"kind": "interval", "minutes": 60, "assumed": True, "poll": body},
            phrase=phrase,
        )
    if lx.TRIGGER_EMAIL.search(body) or (lx.EMAIL_WORD.search(body) and lx.NEW_WORD.search(body)):
        return Trigger(kind="email", phrase=phrase)
    if lx.TRIGGER_FORM.search(body) or re.search(r"\bform\b|表单", body, re.IGNORECASE):
        return Trigger(kind="form", phrase=phrase)
    if lx.TRIGGER_WEBHOOK.search(body):
        return Trigger(kind="webhook", phrase=phrase)
    if lx.TRIGGER_RSS.search(body):
        params = {"url": ctx.urls[0]} if ctx.urls else {}
        ctx.trigger_url = "__url0__" if ctx.urls else None
        return Trigger(kind="rss", params=params, phrase=phrase)
    return None


def _new_app_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "copy new Marketo leads to …": an app with events named next to "new"."""
    for mention in ctx.index.mentions(text):
        if mention.app is None or ctx.index.apps[mention.app].triggers is None:
            continue
        left = text[max(0, mention.start - 24) : mention.start]
        left = re.split(r"\b(?:to|into|in|on|from)\b|[到在从，,]", left)[-1]
        news = list(lx.NEW_WORD.finditer(left))
        new = news[-1] if news else None
        right = text[mention.end : mention.end + 30]
        right = re.split(
            r"\b(?:to|into|in|on|from|and|is|are|was|were|comes?|arrives?|gets?|"
            r"has|have|with|that|which)\b|[到在从，,是]",
            right,
        )[0]
        if new is None:
            m = lx.NEW_WORD.search(right)
            if m is None:
                continue
            left = ""
        else:
            left = left[new.start() :]
        window = left + text[mention.start : mention.end] + right
        event, score = ctx.index.event(mention.app, window)
        if event is None or score < 1.0:
            continue
        start = mention.start - len(left)
        end = mention.end + len(right)
        trig = Trigger(kind="app_event", app=mention.app, event=event, phrase=window.strip())
        return trig, text[:start] + " __it__ " + text[end:]
    return None
