"""The request parser's first pass: the trigger, and the text left for the steps.

Invariants: exactly one trigger per request (manual when nothing names one; a clock time
said anywhere makes it a daily schedule); a start named outright in a parenthesis or an
apposition ("the form on our site (a webhook)") wins over the words around it; an app
event is the app's event whose resource and kind of change the words say; a comparison
on an app's data that names no item ("the Stripe balance drops below 1000") is that data
read every hour and checked. The words that named the trigger are cut from the text the
later passes read (a polled app event leaves a "get <thing>" read, and a checked state its
"if …" condition, in their place), and ``Context.trigger_app`` / ``trigger_url`` record
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
from flowsmith.planner.parse_case_arrows import case_arrows
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import READABLE, TOKEN, Context, unmask
from flowsmith.planner.parse_day_cases import without_day_heads
from flowsmith.planner.parse_trigger_aside import aside_condition
from flowsmith.planner.parse_trigger_attr import attributed_event, qualified_mail
from flowsmith.planner.parse_trigger_changed import changed_item_event
from flowsmith.planner.parse_trigger_clause import (
    arrival_clause,
    endpoint_span,
    form_fields,
    form_opening,
    relay_clause,
    response_clause,
)
from flowsmith.planner.parse_trigger_clock import opening_clock
from flowsmith.planner.parse_trigger_feed import feed_start
from flowsmith.planner.parse_trigger_guard import event_guard as event_guard
from flowsmith.planner.parse_trigger_guard import said_by_event
from flowsmith.planner.parse_trigger_habit import habit_trigger
from flowsmith.planner.parse_trigger_heading import heading_clause
from flowsmith.planner.parse_trigger_implied import implied_event
from flowsmith.planner.parse_trigger_item import (
    PUBLISHED,
    brand_event,
    eventless_trigger,
    qualifier,
    said_values,
)
from flowsmith.planner.parse_trigger_label import after_label
from flowsmith.planner.parse_trigger_named import named_place_event
from flowsmith.planner.parse_trigger_new import app_event_said, new_app_event
from flowsmith.planner.parse_trigger_opening import (
    anaphoric_when,
    every_item_clause,
    habit_clause,
    opening_clause_zh,
)
from flowsmith.planner.parse_trigger_repo import repository_event
from flowsmith.planner.parse_trigger_said import (
    addressed_mail,
    context_apps,
    items_event,
    joined_condition,
)
from flowsmith.planner.parse_trigger_watch import watched_items
from flowsmith.planner.schedule import clock_schedule, parse_schedule
from flowsmith.planner.text import quoted


def read_trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The request's trigger and the text left for the steps (the trigger's words cut out)."""
    text = case_arrows(text)
    habit = habit_trigger(text, ctx)  # "For every Square payment …", "… is a Typeform."
    if habit is not None:
        return habit
    if _ARROW.search(text):
        found = _arrow_trigger(text, ctx)
        if found is not None:
            return found
        text = _ARROW.sub(", then ", _case_arrow(text, ctx))
    span = endpoint_span(text)
    if span is not None:  # the apps it names send to it; they are no steps
        phrase = unmask(text[span[0] : span[1]], ctx).strip()
        return Trigger(kind="webhook", phrase=phrase), f"{text[: span[0]]} __it__ {text[span[1] :]}"
    by_hand = lx.RUN_BY_HAND.search(text)
    if by_hand is not None:  # the times said around it are when the user runs it
        start = max(text.rfind(p, 0, by_hand.start()) for p in ".;:!?。；：！？\n") + 1
        phrase = by_hand.group(0)
        return Trigger(kind="manual", phrase=phrase), f"{text[:start]} {text[by_hand.end() :]}"
    by_word = lx.MANUAL_SAID.search(text)
    if by_word is not None:  # "手动运行就行：…": no step's words make it an event
        return Trigger(kind="manual", phrase=by_word.group(0).strip()), _cut(text, by_word)
    text = watched_items(text, ctx) or text  # "Watch #general in Slack for messages that …"
    found = feed_start(text, ctx) or _context_event(text, ctx) or _opening_trigger(text, ctx)
    if found is not None:
        return found
    found = (
        repository_event(text, ctx)  # "on every new PR in acme/api, …": no app named
        or changed_item_event(text, ctx)
        or _when_trigger(text, ctx)
    )
    if found is not None:
        ctx.trigger_app = found[0].app or ctx.trigger_app
        return found
    found = _clause_trigger(text, ctx)
    if found is not None:
        return found
    mailed = addressed_mail(text, ctx)
    if mailed is not None:
        return mailed
    err = lx.TRIGGER_ERROR.search(text)
    if err and not _names_app_event(_failing_subject(text, err), ctx):
        return Trigger(kind="error", phrase=err.group(0).strip()), _cut(text, err)
    said = without_day_heads(text) if ctx.day_field else text  # "选工作日的…": a case
    sched = parse_schedule(TOKEN.sub(" ", said))
    if sched is not None:
        return Trigger(kind="schedule", params=sched.model_dump(exclude_none=True)), text
    clocked = opening_clock(text, ctx)  # "工作日早上九点半，从Jira拉取昨天新建的bug…"
    if clocked is not None:
        return clocked
    found = attributed_event(text, ctx) or new_app_event(text, ctx) or items_event(text, ctx)
    if found is not None:
        ctx.trigger_app = found[0].app
        return found
    trig, rest = _keyword_trigger(text, ctx)
    clock = clock_schedule(TOKEN.sub(" ", text)) if trig.kind == "manual" else None
    if clock is not None:  # "post … to Slack at 7am": a daily run at that time
        return Trigger(kind="schedule", params=clock.model_dump(exclude_none=True)), rest
    implied = (
        (implied_event(text, ctx) or repository_event(text, ctx)) if trig.kind == "manual" else None
    )
    if implied is not None:  # "Email me the Shopify order details if it's over $200"
        ctx.trigger_app = implied[0].app
        return implied
    return trig, rest


def _clause_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A start the opening clause says without "when": items arriving through an app
    ("Applications come in through our Jotform form; …") or every item relayed ("Mirror
    every message from our Mattermost channel into Discord"). An app with no trigger in the
    catalog starts from its webhook (or feed, or hourly poll)."""
    for split in (relay_clause, response_clause, arrival_clause):
        said = split(text)
        if said is None:
            continue
        body, rest = said
        trig = _trigger_of(body, ctx, explicit=True)
        if trig is None and lx.EMAIL_WORD.search(body):
            trig = Trigger(kind="email", phrase=unmask(body, ctx))
        if trig is None:
            apps = [m.app for m in ctx.index.mentions(body, implicit=False) if m.app]
            trig = eventless_trigger(apps[0], body, unmask(body, ctx), ctx) if apps else None
        if trig is not None and trig.kind not in ("error", "manual", "schedule"):
            ctx.trigger_app = trig.app
            return trig, rest
    return None


def _opening_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A start the request opens with as what happens in an app ("Candidates apply
    through the Typeform on our careers page.", "病人在WhatsApp上发消息，") or as every
    item arriving ("Sort every email that comes into our Gmail inbox"); read before any
    later "when" (which then is a condition on the item). A label the request opens with
    ("hotel front desk. …", "保险理赔：…") is kept for the steps and the start read after it."""
    found = _opening_of(text, ctx)
    label = after_label(text, ctx) if found is None else None
    if label is not None:
        after = _opening_of(label[1], ctx)
        found = (after[0], f"{label[0]}{after[1]}") if after is not None else None
    return found


def _opening_of(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The start ``text`` opens with (see :func:`_opening_trigger`), or None."""
    for split in (every_item_clause, habit_clause, opening_clause_zh, heading_clause):
        said = split(text, ctx)
        if said is None:
            continue
        trig = _trigger_of(said[0], ctx, explicit=True)
        if trig is None:
            apps = [m.app for m in ctx.index.mentions(said[0], implicit=False) if m.app]
            phrase = unmask(said[0], ctx)
            trig = eventless_trigger(apps[0], said[0], phrase, ctx) if apps else None
        if trig is None and lx.EMAIL_WORD.search(said[0]):
            trig = Trigger(kind="email", phrase=unmask(said[0], ctx))
        if trig is not None and trig.kind in ("app_event", "email", "webhook", "rss"):
            ctx.trigger_app = trig.app
            return trig, said[1]
    return None


def _context_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """ "We use Stripe. Whenever a charge fails, …": the event of an app the leading context
    sentence names (the first whose event the when-clause says), read without that sentence."""
    said = context_apps(text, ctx)
    for app in said[0] if said is not None else []:
        ctx.context_app = app
        found = _when_trigger(said[1], ctx) if said is not None else None
        ctx.context_app = None
        if found is not None and found[0].app == app:
            return found
    return None


# "typeform -> summary -> notion", "新订单 → 发到钉钉": a chain of steps written with arrows
_ARROW = re.compile(r"\s*(?:-+>|=+>|→|⇒|⟶|➜|➡️?)\s*")


def _arrow_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A chain written with arrows whose first link names a start ("new Sentry error ->
    create a Linear issue"): that start, and the other links as steps in their order.
    None when the first link is a step itself (the caller then reads the links as steps)."""
    head, *links = _ARROW.split(text)
    ends = list(re.finditer(r"[.;!?。；！？](?:\s|$)|[。；！？]", head))
    if ends:  # "real estate office. facebook lead ad -> …": the last sentence opens the chain
        return _sentence_arrow(head[: ends[-1].end()], head[ends[-1].end() :], links, ctx)
    if _says_a_time(head):
        return None  # "每周二10点：用Perplexity搜… → …": the clock starts it; links are steps
    trig = _trigger_of(head, ctx, explicit=True)
    if trig is None or not links:
        return None
    rest = ", then ".join(links)
    if trig.kind == "app_event":
        ctx.trigger_app = trig.app
        cond = " and ".join(_head_conditions(head, trig, ctx))
        rest = f"if {cond} , {rest}" if cond else rest
    return trig, rest


def _sentence_arrow(
    before: str, head: str, links: list[str], ctx: Context
) -> tuple[Trigger, str] | None:
    """An arrow chain opened by a sentence after context sentences: the app event that
    sentence names outright, with the context kept before the steps. None otherwise
    ("Applications come in through Wufoo. … 7 or higher -> …" is a case arrow)."""
    if not links or not any(m.app for m in ctx.index.mentions(head, implicit=False)):
        return None
    trig = _trigger_of(head, ctx, explicit=True)
    if trig is None or trig.kind != "app_event":
        return None
    ctx.trigger_app = trig.app
    return trig, f"{before} {', then '.join(links)}"


_SENTENCE_END = re.compile(r"[.;!?。；！？](?:\s|$)|[。；！？]")


def _case_arrow(text: str, ctx: Context) -> str:
    """ "Bookings arrive through a Typeform. Groups of 10 or more -> email …": a first arrow
    after a sentence that only says a condition is that case ("if groups of 10 or more, …");
    so is each later arrow whose head, back to a clause mark, says a condition ("Negative ->
    …. Positive -> …"); ``text`` unchanged when the first arrow is no case."""
    m = _ARROW.search(text)
    ends = list(_SENTENCE_END.finditer(text, 0, m.start())) if m else []
    if m is None or not ends:
        return text
    said = text[ends[-1].end() : m.start()].strip()
    if not said or parse_condition(said, ctx) is None:
        return text
    return f"{text[: ends[-1].end()]} if {said}, {_later_case_arrows(text[m.end() :], ctx)}"


_CLAUSE_END = re.compile(r"[.;!?,。；！？，](?:\s|$)|[。；！？，]")


def _later_case_arrows(text: str, ctx: Context) -> str:
    """``text`` with each arrow whose head, back to the last clause mark, says a condition
    read as that case ("… Positive -> send …" -> "… if Positive, send …"); other arrows kept."""
    out, at = [], 0
    for m in _ARROW.finditer(text):
        ends = list(_CLAUSE_END.finditer(text, at, m.start()))
        start = ends[-1].end() if ends else -1
        said = text[start : m.start()].strip() if start >= 0 else ""
        if said and parse_condition(said, ctx) is not None:
            out.append(f"{text[at:start]} if {said}, ")
        else:
            out.append(text[at : m.end()])
        at = m.end()
    return "".join(out) + text[at:]


def _head_conditions(head: str, trig: Trigger, ctx: Context) -> list[str]:
    """The conditions an arrow chain's first link puts on its event's item, as a
    when-clause's would ("slack reaction :ticket: on a message -> …": the reaction)."""
    said = None if said_by_event(head, trig, ctx) else qualifier(head, ctx)
    return [c for c in (said, *said_values(head, ctx)) if c]


# the when-patterns' body groups, in the order their alternatives are written
_WHEN_GROUPS = ("body", "body9", "body8", "body2", "body3", "body4", "body5", "body6", "body7")


def _when_trigger(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """A "when"-clause naming an app event; a polled one becomes an hourly schedule.

    A clause with no comma before its action ("when a new video is published on YouTube
    post it to Twitter") ends where its action's verb starts."""
    for pattern in (lx.WHEN_EN, lx.WHEN_ZH):
        for m in pattern.finditer(text):
            group = next((g for g in _WHEN_GROUPS if m.groupdict().get(g)), "")
            if not group:
                continue
            body, b0 = m.group(group) or "", m.start(group)
            if group in ("body3", "body7", "body8") and not _names_event(body, ctx):
                continue  # "翻译后发到…": an event must be named outright before a bare 后
            if _says_a_time(body):
                continue  # "每天晚上8点从Clockify拉取工时…": a clock's run reads the app
            back = anaphoric_when(body, text[: m.start()])
            if back is not None:  # "… moving the Trello card into 'Approved'. When that happens"
                referred = _referred_trigger(text, (m.start(), b0 + back[1]), back[0], ctx)
                if referred is not None:
                    return referred
                continue
            for cut in [*_action_cuts(body), len(body)]:
                found = _trigger_of(body[:cut], ctx, explicit=True)
                if found is not None:
                    found = _apposed(found, text[m.end() : m.end() + 40])
                    tail = text[b0 + cut : m.end()] if cut < len(body) else ""
                    return _when_rest(text, m, found, body[:cut], tail, ctx)
    return None


def _referred_trigger(
    text: str, span: tuple[int, int], back: str, ctx: Context
) -> tuple[Trigger, str] | None:
    """The start the sentence ``back`` says, which the "When that happens" at ``span``
    refers to; that sentence and the reference become the trigger's words (cut from the
    steps' text), what the sentence says of the item its condition."""
    at = text.rfind(back, 0, span[0])
    back = back.rstrip(" .!?;。！？；")  # the sentence's stop is no part of what it says
    found = _trigger_of(back, ctx, explicit=True)
    if found is None or found.kind in ("error", "manual", "schedule"):
        return None
    ctx.trigger_app = found.app
    cond = qualifier(back, ctx)
    lead = f" if {cond} , " if cond else " , "
    return found, text[:at] + lead + text[span[1] :].lstrip(" ,，")


def _says_a_time(body: str) -> bool:
    """Whether a when-body says a schedule or a clock time (then it is no app event)."""
    said = TOKEN.sub(" ", body)
    return parse_schedule(said) is not None or clock_schedule(said) is not None


def _failing_subject(text: str, err: re.Match[str]) -> str:
    """The words that say what fails: the failure phrase and its sentence's words before it
    ("a GitHub Actions run fails"); the actions after it ("message me on Telegram") name
    where the alert goes, never the event."""
    start = max(text.rfind(p, 0, err.start()) for p in ".;!?。；！？\n") + 1
    return text[start : err.end()]


def _names_app_event(body: str, ctx: Context) -> bool:
    """Whether ``body`` names an app with triggers and one of its events outright."""
    return any(
        m.app is not None
        and ctx.index.apps[m.app].triggers is not None
        and ctx.index.event(m.app, body)[1] >= 1.0
        for m in ctx.index.mentions(body, implicit=False)
    )


def _names_event(body: str, ctx: Context) -> bool:
    """Whether ``body`` says one of an app's events ("客户在Shopify下单", "有人在Calendly
    预约") rather than a step ("用AI总结Stripe的付款")."""
    if any(p.search(body) for p in (lx.READ_VERB, lx.SOURCE_VERB, *lx.THINK.values())):
        return False
    if re.search(r"把|将", body):
        return False
    for mention in ctx.index.mentions(body, implicit=False):
        if mention.app is not None and ctx.index.event(mention.app, body)[1] >= 0.7:
            return True
    return False


def _apposed(found: Trigger, after: str) -> Trigger:
    """ "When the form on our site is sent, which is a webhook, …": the start the words
    right after the when-clause name outright is the trigger's kind."""
    named = explicit_start(after) if re.match(r"\s*(?:,|，|—|–|-)", after) else None
    if named is None or named == found.kind or found.app is not None:
        return found
    return Trigger(kind=named, phrase=found.phrase)


def _action_cuts(body: str) -> list[int]:
    """Where an action verb (not a passive "is published") starts inside a when-body."""
    cuts = []
    for pattern in (lx.CREATE_VERB, lx.UPDATE_VERB, lx.DELETE_VERB, lx.SMS_WORD):
        for v in pattern.finditer(body):
            lead = body[: v.start()]
            noun = _NOUN_LEAD.search(lead) or _NOUN_TAIL.match(body, v.end())
            if v.start() > 0 and lead.endswith(" ") and not _PASSIVE.search(lead) and not noun:
                cuts.append(v.start())
    return sorted(set(cuts))


# "a new Gmail email from my boss": the verb's word used as a noun
_NOUN_LEAD = re.compile(
    r"\b(?:a|an|the|new|my|our|your|their|this|that|each|every|any|incoming)\s+$", re.I
)
_NOUN_TAIL = re.compile(
    r"s?\s+(?:from|about|with|that|which|of|arrives?|comes? in|lands?|is|are|was|gets?|has)\b",
    re.I,
)
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
    state = found.params.get("state")
    lead = " , "
    if poll:
        lead = f" get {READABLE.sub(' ', poll)} , "
        params: dict[str, Any] = {"kind": "interval", "minutes": 60, "assumed": True}
        if not state:
            params["new_only"] = True  # new items: only those the last run did not see
        found = Trigger(kind="schedule", params=params, phrase=found.phrase)
    # a failing run's words ("出现报错") say the event, not what the error's text contains
    plain = not re.search(r"[\"'“”‘’「」『』]", unmask(body, ctx)) and not TOKEN.search(body)
    said = (found.kind == "error" and plain) or said_by_event(body, found, ctx)
    cond = None if said else qualifier(body, ctx)
    cond = cond or aside_condition(body, ctx)  # "赢单（状态变成won）时": the gloss says it
    cond = " and ".join(c for c in (cond, *said_values(body, ctx)) if c) or None
    if state:
        cond = str(state)  # the comparison the polled data is checked against
    if cond:
        lead += f"if {cond} , "
    before, after = text[: m.start()], tail + joined_condition(text[m.end() :], ctx)
    start = max(before.rfind(p) for p in ".;!?。；！？\n") + 1
    if cond and not poll and before[start:].strip(" ,，"):
        # "alert me on Telegram when someone leaves a 1 star rating": the condition the
        # event's words put on the item comes before the action said ahead of it
        return found, f"{before[:start]}{lead}{before[start:]} , {after}"
    return found, before + lead + after


_KEYWORD_TRIGGERS: tuple[tuple[TriggerKind, re.Pattern[str]], ...] = (
    ("email", lx.TRIGGER_EMAIL),
    ("webhook", lx.TRIGGER_WEBHOOK),
    ("form", lx.TRIGGER_FORM),
    ("rss", lx.TRIGGER_RSS),
    ("chat", lx.TRIGGER_CHAT),
)


# a start named outright beside the words that describe it: "the contact form on our site
# (a webhook)", "表单（webhook）", "…, which is a webhook": that word says the trigger's kind
_EXPLICIT_START = re.compile(
    r"[(（]\s*(?:(?:it is|it's|which is|sent|posted|coming in|arriving|received)\s+)?"
    r"(?:(?:as|via|through|by|over|from|on|with|to us as|to us via)\s+)?"
    r"(?:通过|用|走|经由|即|是|来自)?\s*(?:an?\s+|the\s+|our\s+)?(?:n8n\s*)?"
    r"(?P<w>web ?hooks?|forms?|e-?mails?|rss|chat|表单|邮件|聊天)(?![a-z])"
    r"[^()（）]{0,40}(?:[)）]|$)|"
    r"(?:,|，|—|–|\s-)\s*(?:which is|it's|it is|i\.e\.|即|也就是)\s*(?:an?\s+|the\s+)?"
    r"(?P<w2>web ?hooks?|forms?)(?![a-z])",
    re.IGNORECASE,
)
_EXPLICIT_KIND: dict[str, TriggerKind] = {
    "web": "webhook",
    "for": "form",
    "表单": "form",
    "e": "email",
    "ema": "email",
    "邮件": "email",
    "rss": "rss",
    "cha": "chat",
    "聊天": "chat",
}


def explicit_start(text: str) -> TriggerKind | None:
    """The trigger kind a parenthesis or apposition names outright, or None."""
    m = _EXPLICIT_START.search(text)
    if m is None:
        return None
    word = (m.group("w") or m.group("w2") or "").lower().replace("-", "")
    for lead, kind in _EXPLICIT_KIND.items():
        if word.startswith(lead) and (lead != "e" or word.startswith("email")):
            return kind
    return None


def _keyword_trigger(text: str, ctx: Context) -> tuple[Trigger, str]:
    """The first start a keyword names (an RSS feed takes the first URL); manual otherwise.
    A start named outright in a parenthesis ("the form on our site (a webhook)") wins."""
    named = explicit_start(text)
    form = form_opening(text)  # an opening naming a form and its fields wins over later words
    if form is not None and named is None:
        return Trigger(kind="form", params=form_fields(form), phrase=form), text
    if named in ("webhook", "email", "chat", "form"):
        m = _EXPLICIT_START.search(text)
        assert m is not None
        if named == "form":  # "报名（n8n表单）：…": the parenthesis is the start, no step
            fields = form_fields(text[m.end() :])
            return Trigger(kind="form", params=fields, phrase=m.group(0).strip()), _cut(text, m)
        return Trigger(kind=named, phrase=m.group(0).strip()), text
    for kind, m in _keywords_said(text):
        if m:
            params: dict[str, Any] = {}
            if kind == "rss" and ctx.urls:
                params["url"] = ctx.urls[0]
                ctx.trigger_url = "__url0__"
                source = _feed_source(text, m, ctx)
                if source is not None:  # "my YouTube channel (RSS: …) has a new video, …"
                    app, a, b = source
                    phrase = unmask(text[a:b], ctx).strip()
                    trig = Trigger(kind=kind, app=app, params=params, phrase=phrase)
                    return trig, text[:a] + " " + text[b:]
                # the feed's words ("订阅 … 的RSS") are the trigger, not a service
                return Trigger(kind=kind, params=params, phrase=m.group(0).strip()), _cut(text, m)
            if kind == "form":
                params.update(form_fields(text[m.start() :]))
            span = qualified_mail(text, m, ctx) if kind == "email" else None
            if span is not None:  # "财务邮箱收到标题里带“发票”的邮件，…": the clause is the start
                phrase = unmask(text[span[0] : span[1]], ctx).strip()
                return Trigger(kind=kind, phrase=phrase), text[: span[0]] + " " + text[span[1] :]
            return Trigger(kind=kind, params=params, phrase=unmask(m.group(0), ctx).strip()), text
    return Trigger(kind="manual"), text


def _keywords_said(text: str) -> list[tuple[TriggerKind, re.Match[str]]]:
    """The start keywords ``text`` says, in the order of ``_KEYWORD_TRIGGERS``; mail said
    after another start's keyword is dropped ("leads come in thru a webhook …, everybody
    gets a welcome email": that mail is a step's, the webhook the start)."""
    said = [(kind, pattern.search(text)) for kind, pattern in _KEYWORD_TRIGGERS]
    found = [(kind, m) for kind, m in said if m is not None]
    first = min((m.start() for kind, m in found if kind != "email"), default=len(text))
    return [(kind, m) for kind, m in found if kind != "email" or m.start() < first]


# where a clause ends: the feed's clause is read up to it
_CLAUSE_END = re.compile(r"[,，;；。.!?！？](?:\s|$)|[，；。！？]")


def _feed_source(text: str, m: re.Match[str], ctx: Context) -> tuple[str, int, int] | None:
    """The app whose new content the feed keyword ``m`` carries, and its clause's span: the
    clause names the app and new published content ("我的YouTube频道（RSS: …）一有新视频"),
    so the app is the feed's source, never a step. None otherwise."""
    starts = [e.end() for e in _CLAUSE_END.finditer(text, 0, m.start())]
    a = starts[-1] if starts else 0
    end = _CLAUSE_END.search(text, m.end())
    b = end.start() if end else len(text)
    clause = text[a:b]
    if not PUBLISHED.search(clause):
        return None
    apps = [x.app for x in ctx.index.mentions(clause, implicit=False) if x.app]
    return (apps[0], a, b) if len(set(apps)) == 1 else None


def _cut(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " + text[m.end() :]


def _trigger_of(body: str, ctx: Context, explicit: bool) -> Trigger | None:
    """The trigger a "when"-clause body names, or None (then it is a condition)."""
    phrase = unmask(body, ctx)
    said_error = lx.TRIGGER_ERROR.search(body) or lx.TRIGGER_ERROR.search("a " + body)
    if said_error and not _names_app_event(body, ctx):  # "a GitHub Actions run fails": GitHub's
        return Trigger(kind="error", phrase=phrase)
    named = explicit_start(body)
    if named is not None and named != "form":
        return Trigger(kind=named, phrase=phrase)
    for mention in ctx.index.mentions(body, implicit=False):
        if mention.app is None:
            continue
        app = ctx.index.apps[mention.app]
        if app.triggers is None:
            continue
        event, score = app_event_said(body, 0, len(body), mention, ctx)
        item = _ITEM.search(body[: mention.start]) is not None  # "a ticket", "有人": an item
        state = _polled_state(body, mention, ctx) if score < 0.85 and not item else None
        if state is not None:
            return state  # "当Shopify库存低于10件时": a state to check, not an event
        if event is None:
            event = next(iter(app.triggers.events))
            ctx.notes.append(f"event:{mention.app}:{event}")
        event = _item_not_place(body, event, list(app.triggers.events))
        params: dict[str, Any] = {}
        q = quoted(unmask(body, ctx))
        if q:
            params["resource"] = q[0]
        return Trigger(kind="app_event", app=mention.app, event=event, params=params, phrase=phrase)
    polled = [m for m in ctx.index.mentions(body, implicit=False) if m.app is not None]
    if ctx.context_app is not None and not polled:
        event, score = ctx.index.event(ctx.context_app, body)
        if event is not None and score >= 0.6:  # a kind of change said of the app's item
            return Trigger(kind="app_event", app=ctx.context_app, event=event, phrase=phrase)
        events = ctx.index.apps[ctx.context_app].triggers
        if events is not None and len(events.events) == 1 and _HAPPENS.search(body):
            # "我们用Jotform报名。有人报名后": the one thing that happens in that app
            event = next(iter(events.events))
            return Trigger(kind="app_event", app=ctx.context_app, event=event, phrase=phrase)
    if polled and (lx.NEW_WORD.search(body) or _HAPPENS.search(body)):
        return eventless_trigger(polled[0].app or "", body, phrase, ctx)
    placed = None if polled else named_place_event(body, phrase, ctx)
    if placed is not None:  # "a row is added to the 'Leads' sheet": that sheet's app
        return placed
    branded = None if polled else brand_event(body, phrase, ctx)
    if branded is not None:
        return branded
    if (
        lx.TRIGGER_EMAIL.search(body)
        or (lx.EMAIL_WORD.search(body) and lx.NEW_WORD.search(body))
        or _EMAIL_SUBJECT.search(body)
        or _MAILS_ADDRESS.search(body)
    ):
        return Trigger(kind="email", phrase=phrase)
    if lx.TRIGGER_FORM.search(body) or re.search(r"\bform\b|表单", body, re.IGNORECASE):
        return Trigger(kind="form", phrase=phrase)
    if lx.TRIGGER_WEBHOOK.search(body):
        return Trigger(kind="webhook", phrase=phrase)
    if lx.TRIGGER_CHAT.search(body):  # "when a visitor asks in the website chat"
        return Trigger(kind="chat", phrase=phrase)
    if lx.TRIGGER_RSS.search(body):
        params = {"url": ctx.urls[0]} if ctx.urls else {}
        ctx.trigger_url = "__url0__" if ctx.urls else None
        return Trigger(kind="rss", params=params, phrase=phrase)
    return None


def _item_not_place(body: str, event: str, events: list[str]) -> str:
    """ "a scan lands in the OneDrive folder 'Scans'": the event's resource named only as
    the place something arrives (after "in", "into", "to") is where, not what; the new item
    is the resource of the app's first other arrival event (the one whose kind of change the
    words say, "uploaded", first)."""
    res, _, kind = event.rpartition("_")
    if not res or kind not in _ARRIVALS:
        return event
    word = re.escape(res.replace("_", " "))
    said = list(re.finditer(rf"\b{word}s?\b", body, re.IGNORECASE))
    places = [m for m in said if _PLACE_LEAD.search(body[: m.start()])]
    if not said or len(places) != len(said):
        return event
    arrivals = [
        other
        for other in events
        if other.rpartition("_")[0] not in ("", res) and other.rpartition("_")[2] in _ARRIVALS
    ]
    said_kind = [o for o in arrivals if re.search(rf"\b{o.rpartition('_')[2]}\b", body, re.I)]
    return next(iter(said_kind or arrivals), event)


_ARRIVALS = ("created", "uploaded", "added")


# "lands in the OneDrive folder", "is dropped into our Drive folder": the place an item arrives
_PLACE_LEAD = re.compile(
    r"\b(?:in|into|to|inside|onto|under)\s+(?:(?:the|our|my|a|your|shared)\s+)?"
    r"(?:[\w'\"“”‘’-]+\s+){0,3}$",
    re.IGNORECASE,
)


# a when-clause whose subject is an email: "when an email with 'Order' in the subject arrives"
_EMAIL_SUBJECT = re.compile(
    r"^\s*(?:an?|the|any|every|each)\s+(?:new\s+|incoming\s+)?(?:[a-z]+\s+)?e-?mails?\b"
    r"(?!\s+(?:address|field))|"
    r"^\s*(?:i|we)\s+(?:get|receive|got)\s+(?:an?\s+|any\s+)?(?:new\s+)?(?:\w+\s+){0,2}e-?mails?\b",
    re.IGNORECASE,
)


# a when-clause whose people mail an address or put words in a mail's subject: "players
# email support@ with 'crash' in the subject", "someone writes to __mail0__"
_MAILS_ADDRESS = re.compile(
    r"^\s*(?:[\w'’-]+\s+){1,3}?(?:e-?mails?|e-?mailed|writes?\s+(?:in\s+)?to|"
    r"sends?\s+(?:an?\s+)?e-?mails?\s+to)\s+(?:__mail\d+__|[\w.+-]+@)|"
    r"\b(?:in|into)\s+(?:the|its|their)\s+(?:e-?mail\s+)?subject(?:\s+line)?\b",
    re.IGNORECASE,
)


# an event said by its verb: "a file was uploaded", "a Zoom meeting ends", "有人…", "收到…"
_HAPPENS = re.compile(
    r"\b\w+ed\b|\b(?:ends|starts|begins|finishes|fires|happens|arrives|comes in|goes live|"
    r"changes|fails|expires|signs up|joins|registers|subscribes|mentions|comes|appears)\b|"
    r"有人|收到|结束|开始|提到|出现",
    re.IGNORECASE,
)


# words that make the when-clause about one item ("a deal", "each ticket", "有人", "新的")
_ITEM = re.compile(r"\b(?:a|an|any|each|every|new|someone|somebody)\b|有人|新的?|每个|一个", re.I)


def _polled_state(body: str, mention: Any, ctx: Context) -> Trigger | None:
    """ "when the Stripe balance drops below 1000", "当Shopify库存低于10件时": a comparison on
    an app's data names no event; the app is read every hour and the comparison checked."""
    said = (body[: mention.start] + " " + body[mention.end :]).strip()
    said = re.sub(r"^(?:the|our|my)\s+|^(?:的)", "", said, flags=re.IGNORECASE).strip()
    cond = parse_condition(said, ctx)
    if cond is None or cond.op not in ("gt", "gte", "lt", "lte", "between"):
        return None
    return Trigger(
        kind="schedule",
        params={
            "kind": "interval",
            "minutes": 60,
            "assumed": True,
            "poll": f"{mention.word} {cond.field}",
            "state": said,
        },
        phrase=unmask(body, ctx),
    )
