"""Items an app receives, said as something to watch for: "Watch #general in Slack for
messages that mention 'outage' and forward each one to Telegram", "Monitor our Zendesk for
tickets tagged 'vip', then …".

The request opens with a watching verb, a place that names an app with triggers, "for" and
the items; that is the app's event for those items, and what the items' own clause says of
them ("that mention 'outage'", "tagged 'vip'") is a condition. Invariants: the opening is
rewritten as the when-clause the trigger reader already reads ("when new messages arrive in
#general in Slack, if they mention 'outage', …"), and only when the place names an app with
triggers; otherwise the text is left alone. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.parse_context import Context

__all__ = ["watched_items"]

_WATCH_FOR = re.compile(
    r"^\s*(?:please\s+)?(?:watch|monitor|keep\s+an\s+eye\s+on|listen\s+(?:to|on|in))\s+"
    r"(?P<place>[^,;.!?]{2,50}?)\s+for\s+(?:any\s+|new\s+|incoming\s+)*"
    r"(?P<items>[a-z][\w-]*s)\b"
    r"(?:\s+(?:that|which|who)\s+(?P<qual>[^,;.!?]{2,60}?)|"
    r"\s+(?P<tail>(?:tagged|label+ed|marked|from|with|containing|mentioning|about|over|under|"
    r"above|below)\b(?:[^,;!?]|(?<=\w)\.(?=\w)){1,60}?))?"
    r"(?P<end>\s*(?:[,;.!?]|\s+and\s+(?:then\s+)?|\s+then\s+))",
    re.IGNORECASE,
)


def watched_items(text: str, ctx: Context) -> str | None:
    """``text`` with its "watch <place> for <items> that …" opening said as a when-clause
    and an if-clause, or None when it has no such opening or the place names no app with
    triggers."""
    m = _WATCH_FOR.match(text)
    if m is None:
        return None
    place = m.group("place")
    if not any(
        x.app is not None and ctx.index.apps[x.app].triggers is not None
        for x in ctx.index.mentions(place, implicit=False)
    ):
        return None
    qual, tail, items = m.group("qual"), m.group("tail"), m.group("items")
    rest = text[m.end() :]
    if tail:  # "a new ticket tagged 'vip' arrives in …": the item's qualifier, as said
        return f"when a new {_singular(items)} {tail} arrives in {place} , {rest}"
    cond = f" if they {qual} ," if qual else ""
    return f"when new {items} arrive in {place} ,{cond} {rest}"


def _singular(word: str) -> str:
    """The singular of a plural noun ("tickets", "replies", "boxes")."""
    if word.lower().endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ss|ch|sh|x)es$", word, re.IGNORECASE):
        return word[:-2]
    return word[:-1]
