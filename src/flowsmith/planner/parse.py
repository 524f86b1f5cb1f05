"""Parse a request (English or Chinese) into a :class:`~flowsmith.planner.frame.Frame`.

The text is read in three passes:

1. the trigger: a "when"-clause naming an app event ("When someone stars my GitHub repo",
   "收到新的 Shopify 订单时"), an error / email / form / webhook / RSS start, a schedule,
   or a "new <app> <thing>" event; manual otherwise;
2. sentences split into clauses at commas and connectives; each clause is a condition
   opening a case ("if …", "如果…"), an "otherwise" case, an action guarded by a trailing
   condition ("text me only if it is down"), or plain steps;
3. each clause's steps: services (every service word comes from the catalog through
   :mod:`flowsmith.planner.services`), transforms, thinking, waits, approvals, loops.

Within a clause, reads come first, then transforms and thinking, then writes, so data a
step refers to is produced upstream of it. Pure: no I/O, no clock.

The passes live in :mod:`~flowsmith.planner.parse_trigger`,
:mod:`~flowsmith.planner.parse_clauses`, :mod:`~flowsmith.planner.parse_conditions` and
:mod:`~flowsmith.planner.parse_steps`; the masking of URLs and addresses and the parser's
:class:`~flowsmith.planner.parse_context.Context` in :mod:`~flowsmith.planner.parse_context`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog import Catalog, load_catalog
from flowsmith.planner import lexicon as lx
from flowsmith.planner.event_kinds import kind_filter
from flowsmith.planner.frame import (
    Branch,
    Case,
    Condition,
    CoreStep,
    Frame,
    Loop,
    Respond,
    ServiceStep,
    Step,
    Think,
    Trigger,
    walk,
)
from flowsmith.planner.parse_ai_list import ai_listed_categories
from flowsmith.planner.parse_app_spelling import respell_apps
from flowsmith.planner.parse_approval_before import with_approval_moved
from flowsmith.planner.parse_approval_tiers import second_approver_said, with_approval_tiers
from flowsmith.planner.parse_asides import drop_asides
from flowsmith.planner.parse_background import drop_background
from flowsmith.planner.parse_band_words import bands_as_bounds
from flowsmith.planner.parse_bullets import bullets_as_sentences
from flowsmith.planner.parse_case_merge import with_cases_merged
from flowsmith.planner.parse_changes import with_memory, with_only_new
from flowsmith.planner.parse_chat import asks_a_bot, bot_app, on_bot_app, with_agent
from flowsmith.planner.parse_clauses import read_steps
from flowsmith.planner.parse_condition_words import STOCK_TALK, plus_as_at_least
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context, mask_addresses
from flowsmith.planner.parse_context_app import app_in_context
from flowsmith.planner.parse_copies import with_files_copied
from flowsmith.planner.parse_day_cases import date_field, day_cases_said
from flowsmith.planner.parse_exclusions import cut_exclusions, with_exclusions
from flowsmith.planner.parse_failed_name import failed_named
from flowsmith.planner.parse_field_named import named_field_said
from flowsmith.planner.parse_for_tail import zh_for_everyone
from flowsmith.planner.parse_heading_bot import heading_bot
from flowsmith.planner.parse_heading_event import heading_event
from flowsmith.planner.parse_hour_cases import hour_cases_said
from flowsmith.planner.parse_instead_side import with_instead_sides
from flowsmith.planner.parse_item_says import item_says
from flowsmith.planner.parse_items_read import with_items_read
from flowsmith.planner.parse_judged import with_judgements
from flowsmith.planner.parse_kept_where import kept_as_read
from flowsmith.planner.parse_missing_answer import with_missing_answered
from flowsmith.planner.parse_named_side import with_named_sides
from flowsmith.planner.parse_not_found import with_lookup_sides
from flowsmith.planner.parse_not_there import with_lookups_before
from flowsmith.planner.parse_numerals import said_numbers
from flowsmith.planner.parse_one_message import with_one_gather
from flowsmith.planner.parse_per_measure import per_measure
from flowsmith.planner.parse_presence import with_presence_sides
from flowsmith.planner.parse_public_data import with_public_data_fetched
from flowsmith.planner.parse_reread import with_reread_after_wait
from flowsmith.planner.parse_review_approval import review_as_approval
from flowsmith.planner.parse_same_send import with_sends_shared
from flowsmith.planner.parse_seen import SEEN_BEFORE, cut_seen, with_seen_dedupe
from flowsmith.planner.parse_spelling import respell
from flowsmith.planner.parse_totals import with_sum_tested
from flowsmith.planner.parse_trigger import event_guard, read_trigger
from flowsmith.planner.parse_trigger_item import only_for_last, said_guard
from flowsmith.planner.parse_value_field import with_value_fields
from flowsmith.planner.parse_values import cut_values, with_values
from flowsmith.planner.parse_windows import cut_window, month_end_only, read_window, windowed
from flowsmith.planner.parse_write_chain import with_writes_chained
from flowsmith.planner.schedule import parse_schedule
from flowsmith.planner.services import index_of
from flowsmith.planner.text import detect_lang

__all__ = ["parse_condition", "parse_request"]


# --- entry point --------------------------------------------------------------------------------


def parse_request(text: str, catalog: Catalog | None = None) -> Frame | None:
    """The frame ``text`` asks for, or None when it names nothing to act on."""
    catalog = catalog or load_catalog()
    flat = heading_bot(heading_event(respell(" ".join(bullets_as_sentences(text).split()))))
    flat = review_as_approval(flat)  # "给编辑审核；审核通过以后…": an approval
    flat = second_approver_said(flat)  # "5000以上经理批了之后还要CFO再批": its own case
    index = index_of(catalog)
    # "我们是做物流的。…": who writes, no case
    flat = drop_background(flat, lambda s: bool(index.mentions(s)))
    # "Below 5: don't email, put them on …" / "低于5的别发邮件，改成加到…": only the second
    flat = _NOT_DONE_ZH.sub("", _NOT_DONE.sub("", flat))
    raw = said_numbers(bands_as_bounds(plus_as_at_least(flat)))  # "500 and over": one bound
    if not raw:
        return None
    lang = detect_lang(raw)
    ctx = Context(index=index, urls=[], mails=[])
    raw = respell_apps(raw, ctx.index)  # "在typefrom里": the app's name meant
    raw = app_in_context(raw, ctx.index)  # "我用Todoist管家务，…看看…": the look's app
    ctx.about_stock = bool(STOCK_TALK.search(raw))
    ctx.gated = bool(lx.APPROVAL_OK.search(raw) or lx.APPROVAL_REJECT.search(raw))
    ctx.measure = next((name for said, name in lx.MEASURES if said.search(raw)), None)
    ctx.per = per_measure(raw)
    masked = _if_event_as_when(_PLUS.sub(" and ", mask_addresses(raw, ctx)), ctx)
    masked = drop_asides(zh_for_everyone(masked), ctx)  # "老客户（以前买过的）在…"
    masked = named_field_said(masked)  # "邮箱在自定义字段里。这个字段要是空的": the email
    masked = ai_listed_categories(masked)  # "AI sorts it into a / b / c -> a become …"
    seen = SEEN_BEFORE.search(masked)
    masked, _ = cut_seen(masked)
    masked, exclusions = cut_exclusions(masked, ctx)
    masked, values = cut_values(masked)
    days = day_cases_said(masked)  # "选周末的…，选工作日的…": cases on the item's date
    window = None if days or hour_cases_said(masked) else read_window(masked)  # cases, not a guard
    ctx.day_field = "date" if days else None  # no run schedule in those words either
    masked = cut_window(masked, window) if window is not None else masked
    trigger, rest = read_trigger(masked, ctx)
    if trigger.kind in ("schedule", "manual"):  # "Bookings are in the 'Bookings' sheet.": read
        rest = kept_as_read(rest, ctx.index)
    rest = failed_named(rest) if trigger.kind == "error" else rest  # "the one that failed is"
    rest = item_says(trigger, only_for_last(trigger, rest, ctx))  # "… says 'x', open …"
    ctx.trigger_kind = trigger.kind
    ctx.day_field = date_field(trigger.params.get("fields")) if days else None
    guard = (
        event_guard(trigger, ctx)
        if trigger.kind in ("app_event", "email", "form", "webhook")
        else None
    )
    guard = said_guard(trigger, rest, guard, ctx)  # "dev分支的推送": the branch, too
    steps = _fetch_unused_urls(_with_categories(_guarded_steps(rest, ctx, guard), ctx), ctx)
    # "send me the weather for Berlin": the weather is fetched first
    steps = with_public_data_fetched(
        steps, trigger.kind, masked, lambda w: bool(index.mentions(f"on {w}"))
    )
    # a "not found" case takes its other side first: a "missing" one then has its own
    said = _sentence_of(raw, trigger.phrase)
    steps = with_presence_sides(with_lookup_sides(steps, ctx.index.apps), said)
    steps = with_instead_sides(steps)  # "DM them; if …, post in #frontdesk instead"
    steps = with_lookups_before(steps, ctx.index.apps)  # "add them if not in there yet"
    steps = with_value_fields(with_cases_merged(steps), raw)  # "牙科的…，眼科的…": 科室
    steps = with_sends_shared(steps)  # "张教练就发企业微信给张教练，李教练就发给李教练"
    steps = with_missing_answered(steps)  # "…answer 200. If there's no id, answer 400"
    steps = with_approval_moved(steps)  # "作废之前先让…审批": on that case only
    steps = with_approval_tiers(steps)  # "超过5000的要经理和财务总监都审批": two, in a chain
    kind = kind_filter(ctx, trigger) if trigger.kind == "app_event" else None
    steps = [kind, *steps] if kind is not None else steps
    trigger = _poll_for_new(trigger, steps)
    steps = with_sum_tested(with_judgements(with_memory(steps)))
    if trigger.params.get("new_only"):
        steps = with_only_new(steps)
    if seen is not None:
        steps = with_seen_dedupe(steps, seen.group(0))
    steps = with_values(steps, values, ctx.index, catalog)
    steps = with_named_sides(steps, ctx.index)  # "…, otherwise to the 'Onboarding' sequence"
    steps = with_items_read(steps, trigger, ctx.index.apps, masked)
    steps = with_reread_after_wait(steps, trigger, ctx.index.apps)  # "wait, if still …"
    steps = with_files_copied(steps, ctx.index.apps)
    steps = with_one_gather(steps)  # "in ONE email not one per item": one gathering step
    steps = with_exclusions(with_writes_chained(steps), exclusions, ctx)
    if window is not None:
        trigger, steps = windowed(trigger, steps, window)
    steps = month_end_only(trigger, steps, masked)
    if trigger.kind == "chat" or (trigger.kind == "manual" and asks_a_bot(masked, ctx)):
        trigger, steps = _chat_steps(trigger, steps, ctx, masked)
    acts: list[Step] = [
        s
        for s in walk(tuple(steps))
        if isinstance(s, (ServiceStep, CoreStep, Respond))
        or (isinstance(s, Think) and s.kind == "agent")
    ]
    if not acts and (trigger.kind in ("manual", "schedule", "chat") or not steps):
        return None
    return Frame(trigger=trigger, steps=tuple(steps), lang=lang)


def _sentence_of(text: str, phrase: str) -> str:
    """The sentence of ``text`` that holds ``phrase`` ("Take the CSV attached to each email
    sent to …" for the trigger's "each email sent to …"), else ``phrase``."""
    at = text.find(phrase) if phrase else -1
    if at < 0:
        return phrase
    start = max(text.rfind(p, 0, at) for p in ".;!?。；！？") + 1
    ends = [i for i in (text.find(p, at + len(phrase)) for p in ".;!?。；！？") if i >= 0]
    return text[start : min(ends, default=len(text))]


def _chat_steps(
    trigger: Trigger, steps: list[Step], ctx: Context, text: str
) -> tuple[Trigger, list[Step]]:
    """A chat start's steps with the agent that answers; a bot said to live in a messaging
    app ("a Telegram bot") starts on that app's message and answers back there."""
    steps = with_agent(steps, ctx, text)
    on_app = bot_app(text, ctx)
    if on_app is None:
        return trigger, steps
    app, event = on_app
    start = Trigger(kind="app_event", app=app, event=event, phrase=trigger.phrase)
    return start, on_bot_app(steps, app, ctx)


_LEADING_IF = re.compile(r"^\s*(?:if|in case)\s+", re.IGNORECASE)


def _if_event_as_when(text: str, ctx: Context) -> str:
    """A request that opens with "If <an app's event>, …" ("If a Cal.com booking is
    cancelled, …") starts on that event, as "When …" does; a state said of an item ("if the
    HubSpot deal amount is over 1000") scores below a whole event and stays a condition."""
    m = _LEADING_IF.match(text)
    if m is None or parse_schedule(TOKEN.sub(" ", text)) is not None:
        return text
    body = re.split(r"[,，;；]", text[m.end() :], maxsplit=1)[0]
    if lx.NEW_WORD.search(body):
        return text  # "if the budget of a new Asana task is …": read by the "new" item path
    for mention in ctx.index.mentions(body, implicit=False):
        app = ctx.index.apps.get(mention.app or "")
        if app is None or app.triggers is None or mention.app is None:
            continue
        if ctx.index.event(mention.app, body)[1] >= 1.0:
            return "When " + text[m.end() :]
    return text


# "refund in Stripe + email the customer": a plus between two steps joins them like "and"
# a step said not to be done, then (after a comma) the one done in its place: "don't email,
# open a Salesforce case instead"; the words of the step not done are dropped
_NOT_DONE = re.compile(
    r"\b(?:don'?t|do not|no need to)\s+(?:e-?mail|mail|message|text|ping|notify|post|send|dm)"
    r"(?:\s+(?:them|it|him|her|anyone|anything))?\s*,\s*(?=(?:just\s+|only\s+)?[a-z])",
    re.IGNORECASE,
)
# only with the step said in its place ("改成/换成/而是…", "直接/只…"): "低于10的不要发邮件，
# 其他的发邮件" keeps its words, the not-done step is that case's whole answer
_NOT_DONE_ZH = re.compile(
    r"(?:别|不要|不用|无需|不必)再?(?:发|给[^，,。；]{0,6}发)?(?:邮件|电子邮件|e-?mail|消息|短信|通知)了?"
    r"[，,]\s*(?:改成|改为|换成|而是|(?=直接|只))",
    re.IGNORECASE,
)
_PLUS = re.compile(r"(?<=[^\W\d])\s+[+＋]\s+(?=[^\W\d])")


def _guarded_steps(rest: str, ctx: Context, guard: Condition | None) -> list[Step]:
    """The steps of ``rest``, opened by ``guard`` unless the trigger's reading already left
    that condition in the text (one IF per condition the request says, never two)."""
    if guard is not None:
        unguarded = read_steps(rest, _trial(ctx))
        first = unguarded[0] if unguarded else None
        if isinstance(first, Branch) and any(
            c.condition is not None
            and (c.condition.field == guard.field or _same_value(c.condition.value, guard.value))
            for c in first.cases
        ):
            return unguarded
    return read_steps(rest, ctx, guard)


def _same_value(a: object, b: object) -> bool:
    """Two readings of one condition ("list = Done", "status = Done") compare one value."""
    return a is not None and str(a).strip().lower() == str(b).strip().lower()


def _trial(ctx: Context) -> Context:
    """A copy of ``ctx`` a trial reading may change without touching the real one."""
    return replace(
        ctx,
        urls=list(ctx.urls),
        mails=list(ctx.mails),
        categories=list(ctx.categories),
        made=set(ctx.made),
        notes=list(ctx.notes),
        apps_seen=list(ctx.apps_seen),
    )


def _fetch_unused_urls(steps: list[Step], ctx: Context) -> list[Step]:
    """A URL named only inside a condition ("if the temperature from <url> goes below 0")
    and used by no step or trigger is fetched first, so the condition has its data."""
    said = " ".join(
        c.condition.phrase
        for s in walk(tuple(steps))
        if isinstance(s, Branch)
        for c in s.cases
        if c.condition is not None
    )
    used = {s.params.get("url") for s in walk(tuple(steps)) if isinstance(s, CoreStep)}
    fetches: list[Step] = []
    for i, url in enumerate(ctx.urls):
        token = f"__url{i}__"
        if token in said and token != ctx.trigger_url and url not in used:
            fetches.append(
                CoreStep(subtype="http_request", params={"url": url, "method": "GET"}, phrase=url)
            )
    return [*fetches, *steps]


def _poll_for_new(trigger: Trigger, steps: list[Step]) -> Trigger:
    """ "copy new Marketo leads to …" with no trigger: look for new items every hour (a
    manual run the user said outright, which has its phrase, stays manual)."""
    if trigger.kind != "manual" or trigger.phrase or not steps:
        return trigger
    first = steps[0]
    if isinstance(first, ServiceStep) and first.operation:
        m = lx.NEW_WORD.search(first.phrase)
        if m and first.operation.lower().startswith(("get", "list", "search", "read")):
            return Trigger(
                kind="schedule",
                params={"kind": "interval", "minutes": 60, "assumed": True},
                phrase=m.group(0),
            )
    return trigger


def _with_categories(steps: list[Step], ctx: Context) -> list[Step]:
    """A classifier's categories include every category a later case routes on."""
    if not ctx.categories:
        return steps

    def fix(step: Step) -> Step:
        if isinstance(step, Think) and step.kind == "classify":
            cats = list(dict.fromkeys([*step.params.get("categories", []), *ctx.categories]))
            if "other" not in cats and len(cats) < 4:
                cats.append("other")
            return Think(
                kind="classify", params={**step.params, "categories": cats}, phrase=step.phrase
            )
        if isinstance(step, Branch):
            return Branch(
                tuple(Case(c.condition, tuple(fix(s) for s in c.steps)) for c in step.cases),
                step.phrase,
            )
        if isinstance(step, Loop):
            return Loop(tuple(fix(s) for s in step.steps), step.phrase)
        return step

    return [fix(s) for s in steps]
