"""What a trigger clause says of its item, and the start of an app with no events.

Invariants: a qualifier is returned as condition words the condition parser reads ("the
priority is 1"), never as a parsed condition; an app the catalog has no trigger for starts
from an hourly poll (a data store), its feed (published content) or a webhook. Pure.
"""

from __future__ import annotations

import re

from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context
from flowsmith.planner.service_words import tokens

__all__ = ["QUOTED_MENTION", "brand_event", "eventless_trigger", "qualifier", "said_values"]


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
        return body[m.start() :].strip()  # "… mentioning 'bug'", "…提到'bug'"
    m = QUOTED_MENTION.search(body)
    if m:
        return f"it mentions {m.group(1)}"  # "a message mentioning 'refund' is posted in …"
    m = _MOVES.search(body)
    if m and not TOKEN.search(m.group("to")):
        to = re.split(r"\s+(?:in|on|at|from|of|within)\s+", m.group("to"))[0]
        named = _MOVED_TO.match(to)
        if named is not None:
            field = (named.group("place") or "status").lower()
            return f"the {field} is '{named.group('name')}'"
        return "the status is '" + to.strip("'\"“”‘’ ") + "'"
    return None


# "on the release branch", "push to main", "推送到 main 分支": the branch a code event is on
_BRANCH = re.compile(
    r"\b(?:on|to|into|in|against)\s+(?:the\s+)?[\"'“‘`]?(?P<a>[\w./-]+?)[\"'”’`]?\s+branch\b|"
    r"\bpush(?:es|ed)?\s+(?:to|into|on)\s+(?!(?:our|my|the|a|an|your|their|this|that|it)\b)"
    r"[\"'“‘`]?(?P<b>[\w./-]+)|"
    r"(?P<c>[A-Za-z0-9][\w./-]*)\s*分支",
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
