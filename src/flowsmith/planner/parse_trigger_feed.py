"""A feed the request says to watch by its address: "watch https://status.example.com/rss/all.rss
and when a new entry mentions eu-west-1 post it to Discord", "monitor https://blog.example/feed.xml",
or says the address gets something new: "When https://example.com/rss has a new post whose title
mentions 'release', …", "https://example.cn/feed.xml 有新文章时，…".

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

__all__ = ["feed_start", "new_on_feed", "watched_feed"]

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


# "when __url0__ has a new post", "whenever __url0__ publishes a new article"
_NEW_ON_EN = re.compile(
    r"\b(?:when(?:ever)?|each\s+time|every\s+time|once|as\s+soon\s+as)\s+__url(?P<n>\d+)__\s+"
    r"(?:has|gets|publishes|posts|adds|shows)\s+(?:a\s+|any\s+)?new\s+"
    r"(?:posts?|items?|entr(?:y|ies)|articles?|episodes?|stor(?:y|ies)|releases?|updates?)\b",
    re.IGNORECASE,
)
# "__url0__ 有新文章时", "当 __url0__ 更新新一期时", "__url0__ 发布新内容后"
_NEW_ON_ZH = re.compile(
    r"(?:当|每当)?\s*__url(?P<n>\d+)__\s*(?:上|里)?\s*(?:有|出了?|发布了?|发了|更新了?)"
    r"[^，,。；;\s]{0,8}?(?:时|后|的时候)"
)
# words right after the new item that say which items count ("whose title mentions …")
_QUALIFIED = re.compile(
    r"^\s*(?:whose|that|which|with|mentioning|about|containing|where)\b", re.IGNORECASE
)


def new_on_feed(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The RSS start a feed address said to get something new names ("When <feed> has a new
    post …", "<feed> 有新文章时"), and the text without those words; a qualifier said right
    after the new item ("whose title mentions 'release'") stays, as "when a new post …", for
    the condition reader. None unless the address is a feed by its own words."""
    for rx in (_NEW_ON_EN, _NEW_ON_ZH):
        for m in rx.finditer(text):
            n = int(m.group("n"))
            if n >= len(ctx.urls) or not _FEEDISH.search(ctx.urls[n]):
                continue
            ctx.trigger_url = f"__url{n}__"
            rest = text[m.end() :]
            if rx is _NEW_ON_EN and _QUALIFIED.match(rest):
                noun = m.group(0).split("new", 1)[-1].strip()
                rest = f" when a new {noun}{rest}"
            trig = Trigger(kind="rss", params={"url": ctx.urls[n]}, phrase=_said(m, ctx))
            return trig, f"{text[: m.start()]} {rest}"
    return None


def _said(m: re.Match[str], ctx: Context) -> str:
    """The start's words with the address written out."""
    return re.sub(r"__url(\d+)__", lambda u: ctx.urls[int(u.group(1))], m.group(0)).strip()


def feed_start(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The RSS start a feed address names, watched or said to get something new; else None."""
    return watched_feed(text, ctx) or new_on_feed(text, ctx)
