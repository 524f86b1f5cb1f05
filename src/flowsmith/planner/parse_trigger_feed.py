"""A feed the request says to watch by its address: "watch https://status.example.com/rss/all.rss
and when a new entry mentions eu-west-1 post it to Discord", "monitor https://blog.example/feed.xml".

The address itself says it is a feed (its path or name has "rss", "feed", "atom" or ".xml"),
and a watching verb stands right before it; the start is that feed, and what follows ("when
a new entry mentions …") is about its items, never another start. Invariants: only a masked
URL (``__urlN__``) right after the verb; ``Context.trigger_url`` records it for later "it"s;
the verb and address are cut from the text the steps read. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_context import Context

__all__ = ["watched_feed"]

# "watch __url0__", "keep an eye on the feed at __url0__", "监控 __url0__"
_WATCH = re.compile(
    r"\b(?:watch|monitor|follow|track|subscribe\s+to|keep\s+an\s+eye\s+on)\s+"
    r"(?:(?:the|this)\s+(?:rss\s+)?feed\s+(?:at\s+)?)?__url(?P<n>\d+)__|"
    r"(?:监控|关注|盯着)(?:一下)?\s*__url(?P<n2>\d+)__"
    # the feed's own word after the address ("… 的RSS", "(RSS feed)") goes with it
    r"(?:\s*的?\s*[(（]?\s*(?<![a-z])(?:rss|atom)(?![a-z])(?:\s*(?:feed|源|订阅))?\s*[)）]?)?",
    re.IGNORECASE,
)

# an address that is a feed by its own words
_FEEDISH = re.compile(r"rss|feed|atom|\.xml\b", re.IGNORECASE)

# what joins the watch to what follows ("… and when a new entry …"): cut with it
_JOIN = re.compile(r"^\s*(?:,|，)?\s*(?:and\s+|then\s+|并且?|然后)?", re.IGNORECASE)


def watched_feed(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The RSS start a watched feed address names, and the text without those words; None
    when no watching verb stands before an address that is a feed."""
    for m in _WATCH.finditer(text):
        n = int(m.group("n") or m.group("n2"))
        if n >= len(ctx.urls) or not _FEEDISH.search(ctx.urls[n]):
            continue
        ctx.trigger_url = f"__url{n}__"
        phrase = f"{m.group(0).split('__url')[0].strip()} {ctx.urls[n]}"
        rest = text[m.end() :]
        join = _JOIN.match(rest)
        rest = rest[join.end() :] if join else rest
        trig = Trigger(kind="rss", params={"url": ctx.urls[n]}, phrase=phrase)
        return trig, f"{text[: m.start()]} {rest}"
    return None
