"""A service's name used as the verb: "WhatsApp the customer …", "Slack the team a summary",
"Telegram me the time". The clause sends a message through that service; the name stands
where "send a message to" would. English only (Chinese says "用X发给…", a destination).
Words and the catalog only; no service is named here.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner import lexicon as lx
from flowsmith.planner.op_choice import is_message
from flowsmith.planner.parse_context import Context

# nothing but a connective before the name: the name opens the clause
_OPENS = re.compile(r"^\s*(?:(?:and|then|also|just|please|so|,|->|→)\s*)*$", re.IGNORECASE)
# a recipient right after the name: a person, a group, a channel
_RECIPIENT = re.compile(
    r"^\s+(?:me|us|him|her|them|everyone|everybody|the|our|my|his|their|each|every|all|"
    r"both|#)\b",
    re.IGNORECASE,
)


def named_as_verb(text: str, mention: Any, ctx: Context) -> bool:
    """Whether ``mention`` (an app said by its own name) is the clause's verb: it opens the
    clause, a recipient follows, and the app's catalog entry has a message resource to send."""
    if mention.app is None or mention.app not in ctx.index.apps:
        return False
    if not re.fullmatch(r"[A-Za-z][\w.-]*(?: [A-Za-z][\w.-]*)?", mention.word):
        return False
    if not _OPENS.match(text[: mention.start]) or not _RECIPIENT.match(text[mention.end :]):
        return False
    app = ctx.index.apps[mention.app]
    return any(is_message(rkey, res.names) for rkey, res in app.resources.items())


def as_message(text: str, mention: Any) -> str:
    """``text`` with the name that is the verb said as what it means ("send a message to")."""
    return text[: mention.start] + "send a message to" + text[mention.end :]


def named_as_message(text: str, mention: Any, ctx: Context) -> bool:
    """Whether ``mention`` (an app said by its own name) is the message a send verb sends
    ("send the customer a thank-you gmail"): an article and a send verb before the name, no
    "from/in" right before it, and the app's catalog entry has a message resource to send."""
    if mention.app is None or mention.app not in ctx.index.apps:
        return False
    if not re.fullmatch(r"[A-Za-z][\w.-]*(?: [A-Za-z][\w.-]*)?", mention.word):
        return False
    if lx.SENT_AS_NOUN.search(text[: mention.start]) is None:
        return False
    app = ctx.index.apps[mention.app]
    return any(is_message(rkey, res.names) for rkey, res in app.resources.items())
