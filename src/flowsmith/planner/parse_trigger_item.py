"""What a trigger clause says of its item, and the start of an app with no events.

Invariants: a qualifier is returned as condition words the condition parser reads ("the
priority is 1"), never as a parsed condition; an app the catalog has no trigger for starts
from an hourly poll (a data store), its feed (published content) or a webhook. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Condition, Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.parse_stars import star_condition
from flowsmith.planner.service_words import tokens

__all__ = [
    "QUOTED_MENTION",
    "brand_event",
    "eventless_trigger",
    "only_for_last",
    "qualifier",
    "said_guard",
    "said_values",
]


def brand_event(body: str, phrase: str, ctx: Context) -> Trigger | None:
    """ "someone comments on our Instagram posts": an event of an app whose own event names
    carry a brand the app's names include ("instagram graph" of Facebook, whose event is
    "instagram comment"), said in a clause that names no app outright; None otherwise."""
    toks = set(tokens(body))
    for app_id, app in ctx.index.apps.items():
        if app.triggers is None:
            continue
        # the first word of a name of several words: "instagram" of "instagram graph"
        brands = {n.split()[0].lower() for n in app.names.en if " " in n} & toks
        if not brands:
            continue
        event, score = ctx.index.event(app_id, body)
        if event is None or score < 1.0:
            continue
        names = " ".join(app.triggers.events[event].names.en).lower().split()
        if brands & set(names):
            return Trigger(kind="app_event", app=app_id, event=event, phrase=phrase)
    return None


def eventless_trigger(app_id: str, body: str, phrase: str, ctx: Context) -> Trigger:
    """An event in an app the catalog has no trigger for: a data store (category ``data``)
    is polled every hour for new rows (``params["poll"]`` says what to get); published
    content (a new video, post, episode) is read from the app's feed; any other service
    sends its events to a webhook (``app`` names it)."""
    app = ctx.index.apps[app_id]
    if app.category == "data":
        return Trigger(
            kind="schedule",
            params={"kind": "interval", "minutes": 60, "assumed": True, "poll": body},
            phrase=phrase,
        )
    if PUBLISHED.search(body):
        return Trigger(kind="rss", app=app_id, phrase=phrase)
    return Trigger(kind="webhook", app=app_id, phrase=phrase)


# "a new video is published on our YouTube channel": published content has a feed
PUBLISHED = re.compile(
    r"\b(?:videos?|posts?|articles?|episodes?|podcasts?|stor(?:y|ies))\b.{0,40}?"
    r"\b(?:publish\w*|posted|released|goes live|went live)\b|"
    r"\bnew (?:videos?|articles?|episodes?|blog posts?)\b|新(?:视频|文章|帖子)",
    re.IGNORECASE,
)


# what is said of the trigger's item in its own clause: "… with priority 1", "… moves to Won"
_WITH = re.compile(
    r"\s(?:with|where|whose|having)\s+(?:an?\s+|the\s+|its\s+)?(?P<rest>[^,;]+?)\s*$", re.I
)
_MOVES = re.compile(
    r"\s(?:moves?|moved|moving|is moved|drag(?:s|ged|ging)|changes?|changed|is changed|is set|"
    r"gets? set|goes)\s+(?:(?:the|a|its|their|our|that)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:in)?to\s+(?:the\s+)?(?P<to>[^,;]+?)\s*$",
    re.I,
)
# "into the 'Approved' list": the quoted name, and the kind of place it is
_MOVED_TO = re.compile(
    r"^[\"'“‘](?P<name>[^\"'”’]{1,40})[\"'”’]\s*(?P<place>list|column|stage|lane|status)?\b", re.I
)


QUOTED_MENTION = re.compile(
    r"\b(?:mention\w*|contain\w*|includ\w*|says?|with the (?:word|keyword))\s+"
    r"(?:the (?:word|keyword|phrase)\s+)?([\"'“‘][^\"'”’]{1,40}[\"'”’])",
    re.IGNORECASE,
)


def qualifier(body: str, ctx: Context) -> str | None:
    """The condition a trigger clause puts on its item, as condition words ("the priority
    is 1" from "an incident is created with priority 1"), or None."""
    stars = star_condition(body)  # "someone leaves a 1 or 2 star rating": the rating
    if stars is not None:
        return stars
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
    m = lx.CONTAINS.search(body)
    if m and parse_condition(body[m.start() :], ctx) is not None:
        return _with_field_before(body, m.start(), ctx)  # "… mentioning 'bug'", "…提到'bug'"
    m = QUOTED_MENTION.search(body)
    if m:
        return f"it mentions {m.group(1)}"  # "a message mentioning 'refund' is posted in …"
    is_said = _said_is(body, ctx)
    if is_said is not None:
        return is_said
    m = _MOVES.search(body)
    if m and not TOKEN.search(m.group("to")):
        to = re.split(r"\s+(?:in|on|at|from|of|within)\s+", m.group("to"))[0]
        named = _MOVED_TO.match(to)
        if named is not None:
            field = (named.group("place") or "status").lower()
            return f"the {field} is '{named.group('name')}'"
        return "the status is '" + to.strip("'\"“”‘’ ") + "'"
    return None


# "a new booking is for the 'Demo' event type", "an order is over $500": the item's state said
# with "is" and a preposition or a bound (never a participle: "an order is placed"), right
# after the item's own words (not "… is updated and the value is above …")
_IS_SAID = re.compile(
    r"^(?:(?!\b(?:and|or|is|are|was|were)\b)[^,;])+\s(?:is|are)\s+"
    r"(?P<rest>(?:for|from|of|in|on|over|under|above|below|at least|at most|"
    r"more than|less than)\s+[^,;]+?)\s*$",
    re.IGNORECASE,
)


# "for the 'Demo' event type", "in the 'Sales' pipeline": a quoted value and its field's name
_QUOTED_OF = re.compile(
    r"^(?:for|in|on|of|from)\s+(?:the\s+|an?\s+)?(?P<v>[\"'“‘][^\"'”’]{1,40}[\"'”’])\s+"
    r"(?P<f>[a-z]+(?:\s+[a-z]+)?)$",
    re.IGNORECASE,
)


def _said_is(body: str, ctx: Context) -> str | None:
    """The condition words of "a new booking is for the 'Demo' event type" ("the event type
    is 'Demo'") or "an order is over $500" ("it is over $500") when they read as a
    condition, else None."""
    m = _IS_SAID.match(body.strip())
    if m is None:
        return None
    rest = m.group("rest")
    q = _QUOTED_OF.match(rest)
    said = f"the {q.group('f')} is {q.group('v')}" if q else f"it is {rest}"
    return said if parse_condition(said, ctx) is not None else None


def _with_field_before(body: str, at: int, ctx: Context) -> str:
    """The contains-words from ``at``, led by the field word said right before them when it
    names a field ("主题含有“报价”", "subject contains 'PO'"): the subject, not the text."""
    said = body[at:].strip()
    before = body[:at].rstrip()
    for word in sorted(lx.FIELD_ZH_NAMES, key=len, reverse=True):
        if before.endswith(word):
            cond = parse_condition(word + said, ctx)
            return word + said if cond is not None and cond.field != "text" else said
    last = re.search(r"\b([a-z]+)$", before, re.IGNORECASE)
    if last is not None:
        cond = parse_condition(f"the {last.group(1)} {said}", ctx)
        if cond is not None and cond.field == last.group(1).lower():
            return f"the {last.group(1)} {said}"
    return said


# "on the release branch", "push to main", "推送到 main 分支": the branch a code event is on
_BRANCH = re.compile(
    r"\b(?:on|to|into|in|against|targeting|targets|for|from)\s+(?:the\s+)?[\"'“‘`]?"
    r"(?P<a>[\w./-]+?)[\"'”’`]?\s+branch\b|"
    r"\bpush(?:es|ed)?\s+(?:to|into|on)\s+(?!(?:our|my|the|a|an|your|their|this|that|it)\b)"
    r"[\"'“‘`]?(?P<b>[\w./-]+)|"
    r"(?P<c>[A-Za-z0-9][A-Za-z0-9_./-]*)\s*分支",
    re.IGNORECASE,
)
# "reacts with :bug:", "reacted with 👀", "用 :eyes: 表情回应": the emoji a reaction names
_REACTION = re.compile(
    r"\breact(?:s|ed|ing)?\s+(?:to\s+[^,;]{1,30}?\s+)?with\s+(?:an?\s+|the\s+)?:?(?P<a>[\w+-]+):?|"
    r"(?:用|加了?|点了?)\s*:?(?P<b>[\w+-]+):?\s*(?:表情|emoji)|"
    # "slack reaction :ticket: on a message", "a :bug: reaction"
    r"\breactions?\s+(?:of\s+|with\s+)?:(?P<c>[\w+-]+):|:(?P<d>[\w+-]+):\s+(?:emoji\s+)?reaction",
    re.IGNORECASE,
)


def said_values(body: str, ctx: Context) -> list[str]:
    """Condition words for the values a trigger clause names of its item that no event
    tells apart: the branch ("the branch is 'release'") and the reaction's emoji."""
    out: list[str] = []
    m = _BRANCH.search(TOKEN.sub(" ", body))
    branch = (m.group("a") or m.group("b") or m.group("c")) if m else None
    if branch and not ctx.index.mentions(branch, implicit=False):  # "push to GitLab": the app
        out.append(f"the branch is '{branch}'")
    m = _REACTION.search(body)
    if m:
        emoji = next(g for g in m.group("a", "b", "c", "d") if g)
        out.append(f"the reaction is '{emoji}'")
    return out


def said_guard(
    trigger: Trigger, rest: str, guard: Condition | None, ctx: Context
) -> Condition | None:
    """``guard`` joined with the values an app event's own words name of its item ("GitHub上
    有人往dev分支推代码": the branch) that the reading of its clause did not already leave in
    ``rest``; ``guard`` unchanged for any other start."""
    if trigger.kind != "app_event" or not trigger.phrase:
        return guard
    said = [c for c in said_values(trigger.phrase, ctx) if c.lower() not in rest.lower()]
    conds = [c for c in (parse_condition(w, ctx) for w in said) if c is not None]
    parts = [*([guard] if guard is not None else []), *conds]
    if len(parts) <= 1:
        return parts[0] if parts else None
    return Condition(parts[0].field, "all", tuple(parts), trigger.phrase)


# ", but only for issues in the Mobile team", "，只针对类型是“会议纪要”的页面": a last clause
# that picks the items every step before it is for
_ONLY_FOR_LAST = re.compile(
    r"(?:[,;，；]\s*(?:but\s+)?only\s+(?:for|with)\s+(?:the\s+)?(?:[a-z]+s\s+)?(?P<en>[^,;.]+?)|"
    r"[,;，；]\s*(?:但)?(?:只针对|仅针对|只限于?|仅限于?|只对)(?P<zh>[^,;，；。]+?)的[\u4e00-\u9fff\w]{1,6}"
    r")\s*[.。!！]?\s*$",
    re.IGNORECASE,
)


def only_for_last(trigger: Trigger, rest: str, ctx: Context) -> str:
    """``rest`` with a last "only for …" clause of an event-started flow moved before its
    steps as their condition; unchanged when the clause names no condition."""
    if trigger.kind not in ("app_event", "email", "form", "webhook"):
        return rest
    m = _ONLY_FOR_LAST.search(rest)
    if m is None:
        return rest
    said = m.group("zh") or "they are " + (m.group("en") or "")
    if parse_condition(said, ctx) is None:
        return rest
    return f"if {said} , {rest[: m.start()]}"
