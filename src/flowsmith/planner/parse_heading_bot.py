"""A bot named as a heading and then pointed at: "Slack bot: when someone messages it a ticket
id, …", "Our Telegram bot - whenever users send it a SKU, …", read as "When someone messages
the Slack bot a ticket id, …" so the message to the bot names the trigger (the pronoun alone
names no app, and the bare heading would make a chat agent of a plain lookup and reply).

Invariants: only the very start of the request is rewritten, and only a capitalised app name
followed by "bot"/"chatbot", a separator (colon, dash), a "when"-word, a sender and a verb of
sending whose object is "it"; any other text is returned unchanged. Pure.
"""

from __future__ import annotations

import re

__all__ = ["heading_bot"]

_HEADING_BOT = re.compile(
    r"^\s*(?:(?:our|my|the|a)\s+)?(?P<app>[A-Z][A-Za-z0-9.]*(?:\s+[A-Z][A-Za-z0-9.]*)?)\s+"
    r"(?:chat\s?)?bot\s*(?:[:：—–]|\s-\s)\s*"
    r"(?P<when>when|whenever|once|if)\s+"
    r"(?P<who>someone|somebody|anyone|anybody|a\s+(?:user|customer|member|client)|"
    r"users|customers|members|clients|people)\s+"
    r"(?P<verb>(?:sends?|messages?|texts?|dms?|writes?)(?:\s+to)?)\s+it\b",
    re.IGNORECASE,
)


def heading_bot(text: str) -> str:
    """``text`` with a leading "<App> bot: when someone sends it …" said as "When someone
    sends the <App> bot …"."""
    m = _HEADING_BOT.match(text)
    if m is None or not m.group("app")[0].isupper():
        return text
    when = m.group("when")
    return (
        f"{when[0].upper()}{when[1:]} {m.group('who')} {m.group('verb')} "
        f"the {m.group('app')} bot{text[m.end() :]}"
    )
