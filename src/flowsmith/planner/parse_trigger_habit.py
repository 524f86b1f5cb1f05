"""Starts said as a habit or a noun phrase, not as "when X".

- "For every Square payment add a row …": the app's event named by the words after the app;
- "Client NPS survey is a Typeform. …", "报名问卷是用Jotform做的。…": that form app's submission;
- "I need a form for parents to report an absence (…). …", "房东在我们的表单里提交房源（…）。…",
  "司机每天下班前在表单里交…。": the user's own form (the bracketed words are its fields; a
  "每天" inside the clause is when people fill it in, not a schedule);
- "我在Telegram上给它发“午饭 35”这种消息，它就…", "I text my Slack bot …, it …": the chat app's
  message event.

Invariant: each reader returns (the start, the text left for the steps) or None; the app and
its event come from the catalog (an app's events, its category "forms", an event whose key
says a message), never from a table of services here. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import Context, unmask

__all__ = ["habit_trigger"]


def habit_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The start one of the readers above finds in ``text``, or None."""
    for read in (_for_every, _is_a_form_app, _own_form, _chat_to_bot):
        found = read(text, ctx)
        if found is not None:
            return found
    return None


# "For every Square payment, …", "Each Google Forms submission becomes …": the quantifier
# right before the app (the app and an event word after it decide; "Every Monday" names none)
_FOR_EVERY = re.compile(
    r"^\s*(?:(?:for|on)\s+)?(?:every|each)\s+(?:new\s+|single\s+|incoming\s+)?", re.I
)


def _for_every(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "For every Square payment, …": the app right after, then words of its events."""
    m = _FOR_EVERY.match(text)
    if m is None:
        return None
    mentions = [x for x in ctx.index.mentions(text, implicit=False) if x.app]
    first = next((x for x in mentions if x.start == m.end()), None)
    if first is None or first.app is None or ctx.index.apps[first.app].triggers is None:
        return None
    words = _event_words(ctx, first.app)
    end = first.end
    for w in re.finditer(r"\s*([A-Za-z][\w-]*)", text[first.end :]):
        if w.start() != end - first.end or not _is_event_word(w.group(1), words):
            break
        end = first.end + w.end()
    if end == first.end:
        return None  # "for every Airtable … ": no event said after the app
    if not m.group(0).strip().lower().startswith(("for", "on")) and _QUALIFIED.match(text[end:]):
        return None  # "Each new Shopify order that is worth more than …": read with its test
    body = text[m.start() : end]
    event, score = ctx.index.event(first.app, "new " + body)
    if event is None or score <= 0:
        return None
    trig = Trigger(kind="app_event", app=first.app, event=event, phrase=unmask(body, ctx).strip())
    ctx.trigger_app = first.app
    return trig, text[end:].lstrip(" ,:;")


# words that open a qualifier of the item ("… that is worth", "… over $500", "… tagged vip")
_QUALIFIED = re.compile(
    r"\s*(?:that|which|who|whose|where|with|without|over|above|under|below|from|in|of|worth|"
    r"tagged|labell?ed|marked|containing|whereof|larger|smaller|bigger|more|less)\b",
    re.IGNORECASE,
)


def _is_event_word(word: str, words: set[str]) -> bool:
    """Whether ``word`` is one of ``words`` or shares its first five letters with one
    ("submission" ~ "submitted", "booking" ~ "booked" is too short to guess)."""
    w = word.lower().rstrip("s")
    return w in words or (len(w) >= 5 and any(len(x) >= 5 and x[:5] == w[:5] for x in words))


def _event_words(ctx: Context, app: str) -> set[str]:
    """The English words of ``app``'s event names and keys, singular."""
    triggers = ctx.index.apps[app].triggers
    assert triggers is not None
    out: set[str] = set()
    for key, ev in triggers.events.items():
        out |= {w.rstrip("s") for w in key.split("_")}
        out |= {w.rstrip("s") for n in ev.names.en for w in n.lower().split()}
    return out - {"new", "a", "the", "in", "on", "of"}


# "client NPS survey is a Typeform.", "Our signup sheet is on Jotform;": the first sentence
_SENTENCE = re.compile(
    r"^\s*(?P<s>[^.;。；!?！？\n]{3,120}?)\s*(?:[.;。；!?！？\n]|$)\s*(?P<rest>.*)$", re.S
)
_IS_A = re.compile(
    r"\b(?:is|are)\s+(?:(?:just|simply|done|built|made|run)\s+)?(?:a|an|on|in|via|through|with)\s+"
    r"(?:\w+\s+){0,2}$|是(?:用|在|通过|从|经由|经过)?(?:我们的?)?$",
    re.IGNORECASE,
)
# "…是通过Google表单报名的": what people do through it, said before 的
_IS_A_TAIL = re.compile(
    r"^\s*(?:forms?|surveys?|做的|建的|的|表单|问卷|(?:表单|问卷)?(?:报名|提交|填写?|申请|登记|预约)的)?\s*$",
    re.IGNORECASE,
)


def _is_a_form_app(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "<thing> is a <form app>.": the form app's submission starts the run."""
    m = _SENTENCE.match(text)
    if m is None or not m.group("rest").strip():
        return None
    said = m.group("s")
    for x in ctx.index.mentions(said, implicit=False):
        app = ctx.index.apps.get(x.app or "")
        if app is None or app.category != "forms" or app.triggers is None:
            continue
        if _IS_A.search(said[: x.start]) and _IS_A_TAIL.match(said[x.end :]):
            event, _ = ctx.index.event(app.app, "new submission form submitted response")
            event = event or next(iter(app.triggers.events))
            ctx.trigger_app = app.app
            trig = Trigger(kind="app_event", app=app.app, event=event, phrase=unmask(said, ctx))
            return trig, m.group("rest")
    return None


_OWN_FORM_EN = re.compile(
    r"^\s*(?:(?:I|we)\s+(?:need|want|would\s+like|'d\s+like)|(?:please\s+)?(?:build|make|create|"
    r"set\s+up)\s+(?:me|us)?)\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}?forms?\s+(?:for|where|so\s+that|"
    r"that\s+lets|to\s+let|through\s+which)\b(?P<body>[^.;!?]*)[.;!?]\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_OWN_FORM_ZH = re.compile(
    r"^\s*(?P<body>[^。；;！!？?]{0,24}?(?:在|通过|用)(?:我们|我|公司)?的?[^，,。]{0,8}?表单(?:里|上|中)?"
    # "…提交离职申请后：在GitHub建…": a colon after 后 / 时 ends the clause, too
    r"(?:提交|交|填写?|报|登记|上报|申请|留下)[^。；;！!？?，,]*?)"
    r"(?:[。；;！!？?，,]|(?<=[后时])[：:])\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
_FIELDS = re.compile(r"[（(]([^（）()]{2,80})[)）]")


def _own_form(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "I need a form for X to Y (fields). …", "X在表单里提交Y（fields）。…": a form start."""
    m = _OWN_FORM_EN.match(text) or _OWN_FORM_ZH.match(text)
    if m is None:
        return None
    body = m.group("body")
    apps = [x for x in ctx.index.mentions(body, implicit=False) if x.app]
    if any(ctx.index.apps[x.app].category == "forms" for x in apps if x.app):
        return None  # "在Jotform表单里提交": that app's event, read elsewhere
    params: dict[str, object] = {}
    said = _FIELDS.search(unmask(body, ctx))
    if said is not None:
        fields = [f.strip() for f in re.split(r"[,，、]|\band\b|和", said.group(1)) if f.strip()]
        if 1 < len(fields) <= 12:
            params["fields"] = fields
    return Trigger(kind="form", params=params, phrase=unmask(body, ctx).strip()), m.group("rest")


_CHAT_ZH = re.compile(
    r"^(?:[^。；;]{0,30}?[：:])?\s*我们?(?:在|用|通过)\s*(?P<place>[^，,。；;]{1,24}?)\s*(?:上|里)?\s*"
    r"给(?:它|他|她|机器人|bot|这个机器人)发(?P<said>[^。；;]*?)[，,]\s*(?:它|他|她)?(?:就|会|便)?"
    r"(?P<rest>\S.*)$",
    re.DOTALL | re.IGNORECASE,
)
_CHAT_EN = re.compile(
    r"^(?:[^.;:]{0,40}[:.]\s*)?\s*(?:when\s+)?(?:I|we)\s+(?:send|text|message|dm|write)\s+"
    r"(?:to\s+)?(?:my|our|the|a)?\s*(?P<place>[\w .-]{1,30}?)\s+bot\b(?P<said>[^.;]*?)[,;.]\s*"
    r"(?:and\s+)?(?:it|the bot)?\s*(?:should|must|will|then)?\s*(?P<rest>\S.*)$",
    re.DOTALL | re.IGNORECASE,
)


def _chat_to_bot(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "我在<chat app>上给它发…，它就…": the chat app's message event."""
    m = _CHAT_ZH.match(text) or _CHAT_EN.match(text)
    if m is None:
        return None
    for x in ctx.index.mentions(m.group("place"), implicit=False):
        app = ctx.index.apps.get(x.app or "")
        if app is None or app.triggers is None:
            continue
        event = next((e for e in app.triggers.events if "message" in e), None)
        if event is None:
            continue
        ctx.trigger_app = app.app
        phrase = unmask(text[: m.start("rest")], ctx).strip(" ，,")
        return Trigger(kind="app_event", app=app.app, event=event, phrase=phrase), m.group("rest")
    return None
