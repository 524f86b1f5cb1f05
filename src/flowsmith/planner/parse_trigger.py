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
from flowsmith.planner.parse_conditions import parse_condition
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
    """A "when"-clause naming an app event; a polled one becomes an hourly schedule.

    A clause with no comma before its action ("when a new video is published on YouTube
    post it to Twitter") ends where its action's verb starts."""
    for pattern in (lx.WHEN_EN, lx.WHEN_ZH):
        for m in pattern.finditer(text):
            group = "body" if m.group("body") is not None else "body2"
            body, b0 = m.group(group) or "", m.start(group)
            for cut in [*_action_cuts(body), len(body)]:
                found = _trigger_of(body[:cut], ctx, explicit=True)
                if found is not None:
                    tail = text[b0 + cut : m.end()] if cut < len(body) else ""
                    return _when_rest(text, m, found, body[:cut], tail, ctx)
    return None


def _action_cuts(body: str) -> list[int]:
    """Where an action verb (not a passive "is published") starts inside a when-body."""
    cuts = []
    for pattern in (lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD):
        for v in pattern.finditer(body):
            lead = body[: v.start()]
            if v.start() > 0 and lead.endswith(" ") and not _PASSIVE.search(lead):
                cuts.append(v.start())
    return sorted(set(cuts))


_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|gets?|got|has|have|I|we|someone|they)\s+$", re.I
)


def _when_rest(
    text: str, m: re.Match[str], found: Trigger, body: str, tail: str, ctx: Context
) -> tuple[Trigger, str]:
    """The trigger and the text left once it is cut out: a polled event becomes an hourly
    schedule and leaves a read of what it polls; a qualifier of the item ("with priority
    1") leaves a condition."""
    ctx.trigger_app = found.app
    poll = found.params.get("poll")
    lead = " , "
    if poll:
        lead = f" get {READABLE.sub(' ', poll)} , "
        found = Trigger(
            kind="schedule",
            params={"kind": "interval", "minutes": 60, "assumed": True},
            phrase=found.phrase,
        )
    cond = qualifier(body, ctx)
    if cond:
        lead += f"if {cond} , "
    return found, text[: m.start()] + lead + tail + text[m.end() :]


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
                # the feed's words ("订阅 … 的RSS") are the trigger, not a service
                return Trigger(kind=kind, params=params, phrase=m.group(0).strip()), _cut(text, m)
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
        return eventless_trigger(polled[0].app or "", body, phrase, ctx)
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


def eventless_trigger(app_id: str, body: str, phrase: str, ctx: Context) -> Trigger:
    """An event in an app the catalog has no trigger for: a data store (category ``data``)
    is polled every hour for new rows (``params["poll"]`` says what to get); any other
    service sends its events to a webhook (``app`` names it)."""
    app = ctx.index.apps[app_id]
    if app.category == "data":
        return Trigger(
            kind="schedule",
            params={"kind": "interval", "minutes": 60, "assumed": True, "poll": body},
            phrase=phrase,
        )
    return Trigger(kind="webhook", app=app_id, phrase=phrase)


# what is said of the trigger's item in its own clause: "… with priority 1", "… moves to Won"
_WITH = re.compile(
    r"\s(?:with|where|whose|having)\s+(?:an?\s+|the\s+|its\s+)?(?P<rest>[^,;]+?)\s*$", re.I
)
_MOVES = re.compile(
    r"\s(?:moves?|moved|is moved|changes?|changed|is changed|is set|gets? set|goes)\s+"
    r"(?:in)?to\s+(?:the\s+)?(?P<to>[^,;]+?)\s*$",
    re.I,
)


def qualifier(body: str, ctx: Context) -> str | None:
    """The condition a trigger clause puts on its item, as condition words ("the priority
    is 1" from "an incident is created with priority 1"), or None."""
    m = _WITH.search(body)
    if m:
        rest = m.group("rest")
        if parse_condition(rest, ctx) is not None:
            return rest
        words = rest.split()
        plain = len(words) == 2 and re.fullmatch(r"[a-z_]+", words[0])
        if plain and re.fullmatch(r"\d+(?:\.\d+)?|[A-Z][\w-]*|[\"'“‘].+", words[1]):
            said = f"the {words[0]} is {words[1]}"
            return said if parse_condition(said, ctx) is not None else None
        return None
    m = _MOVES.search(body)
    if m and not TOKEN.search(m.group("to")):
        return "the status is '" + m.group("to").strip("'\"“”‘’") + "'"
    return None


def _new_app_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "copy new Marketo leads to …", "every new message in our #ops Slack channel", "if an
    uploaded Dropbox file is a PDF": an app event named by "new" (or "uploaded") next to
    the app. An app the catalog has no events for counts only in a leading "if"-clause."""
    for mention in ctx.index.mentions(text):
        if mention.app is None:
            continue
        span = _event_span(text, mention.start, mention.end)
        if span is None:
            continue
        start, end = span
        window = text[start:end]
        if ctx.index.apps[mention.app].triggers is None:
            if not _IF_OPENER.search(text[:start]):
                continue
            trig = eventless_trigger(mention.app, window, window.strip(), ctx)
        else:
            event, score = ctx.index.event(mention.app, window)
            if event is None or score < 1.0:
                continue
            trig = Trigger(kind="app_event", app=mention.app, event=event, phrase=window.strip())
        return trig, _residue(text, start, end, ctx)
    return None


_EVENT_ADJ = re.compile(r"\bnew\b|\bincoming\b|\breceived?\b|\buploaded\b|新", re.IGNORECASE)
# "new message in our #global ": the item, then where it is, right before the app's name
_HELD_IN = re.compile(
    r"(?:\bnew|\bincoming|\buploaded)(?:\s+[\w-]+){1,2}\s+(?:in|on|from|at)\s+"
    r"(?:(?:our|my|the|your)\s+)?(?:[#@][\w-]+\s+|[\"'“‘][^\"'”’]{1,30}[\"'”’]\s+)?$",
    re.IGNORECASE,
)
# "add new leads in HubSpot": a write of new items, not an event
_MAKES = re.compile(
    r"\b(?:add|create|post|send|insert|write|make|put|save|push|upload|import)\w*\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IF_OPENER = re.compile(r"^\s*(?:only\s+)?if\s+(?:(?:a|an|the|any)\s+)?$", re.IGNORECASE)


def _event_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the event phrase around the app mention ``text[start:end]`` begins and ends."""
    left = text[max(0, start - 24) : start]
    left = re.split(r"\b(?:to|into|in|on|from)\b|[到在从，,]", left)[-1]
    news = list(_EVENT_ADJ.finditer(left))
    right = text[end : end + 30]
    right = re.split(
        r"\b(?:to|into|in|on|from|and|is|are|was|were|comes?|arrives?|gets?|"
        r"has|have|with|that|which)\b|[到在从，,是]",
        right,
    )[0]
    if news:
        return start - len(left) + news[-1].start(), end + len(right)
    held = _HELD_IN.search(text[max(0, start - 60) : start])
    if held is not None:
        begin = max(0, start - 60) + held.start()
        if not _MAKES.search(text[:begin]):
            return begin, end + len(right)
    if _EVENT_ADJ.search(right):
        return start, end + len(right)
    return None


_EVENT_VERB = re.compile(
    r"^\s*(?:(?:is|are|was|were|gets?|has been|have been)\s+)?(?:just\s+)?"
    r"(?:created|added|opened|uploaded|submitted|posted|published|inserted|filed|raised|"
    r"logged|arrives?|comes? in|appears?)\b",
    re.IGNORECASE,
)


def _residue(text: str, start: int, end: int, ctx: Context) -> str:
    """The text left for the steps once the event phrase ``text[start:end]`` is cut out.

    Elsewhere the item stays as ``__it__``; in a leading "if"-clause what the clause says of
    the item stays as its condition: "If a new issue is created with priority 1" -> "If the
    priority is 1", "If an uploaded file is a PDF" -> "If it is a PDF", "If the budget of a
    new task is over 10" -> "If the budget is over 10"."""
    before, after = text[:start], text[end:]
    owner = re.search(r"\s+(?:of|for)\s+(?:(?:a|an|the|each|every|any)\s+)?$", before)
    if owner and re.match(r"^\s*(?:only\s+)?if\b", before, re.IGNORECASE):
        return before[: owner.start()] + " " + after
    if not _IF_OPENER.search(before):
        return before + " __it__ " + after
    opener = re.sub(r"\s*\b(?:a|an|the|any)\s*$", " ", before)
    verb = _EVENT_VERB.match(after)
    if verb:
        after = after[verb.end() :]
    clause = re.split(r"[,;]", after, maxsplit=1)
    cond = qualifier("x " + clause[0].strip(), ctx)
    if cond:
        return opener + cond + (", " + clause[1] if len(clause) > 1 else "")
    if re.match(r"^\s*(?:is|are|has|contains?|mentions?)\b", after, re.IGNORECASE):
        return opener + "it " + after.lstrip()
    return re.sub(r"\bif\s*$", " ", opener, flags=re.IGNORECASE) + after
