"""An app event said as a heading: "Zendesk ticket created - urgent tickets …", "WooCommerce
orders: …", read as "New Zendesk ticket: …" so the event names the trigger.

Invariants: only the very start of the request is rewritten, and only a capitalised app
name, one lowercase item noun and a participle of arrival followed by a separator (colon,
dash or full stop; an arrow is a chain of steps), or a plural item noun and a colon not
followed by a schedule; any other text is returned unchanged. Pure.
"""

from __future__ import annotations

import re

__all__ = ["heading_event"]

_HEADING = re.compile(
    r"^\s*(?P<app>[A-Z][A-Za-z0-9.]*(?:\s+[A-Z][A-Za-z0-9.]*)?)\s+(?P<item>[a-z][a-z-]+)\s+"
    r"(?:created|opened|submitted|booked|added|received|came\s+in|comes\s+in)"
    r"\s*(?:[:：.—–]|\s-\s)\s*"
)

# "WooCommerce orders: paid orders …", "WooCommerce订单：已付款的…": the items of an app as the
# heading of what is done with each; never before a schedule ("Shopify orders: every Monday …")
_ITEMS_HEADING = re.compile(
    r"^\s*(?P<app>[A-Z][A-Za-z0-9.]*(?:\s+[A-Z][A-Za-z0-9.]*)?)\s*"
    r"(?P<item>orders|tickets|deals|leads|payments|refunds|signups|bookings|submissions|"
    r"订单|工单|退款|付款|线索|报名)\s*[:：]\s*"
    r"(?!(?:every|each|daily|weekly|monthly|on|at|at\s+\d)\b|每|定时)"
)


def heading_event(text: str) -> str:
    """``text`` with a leading "<App> <item> created -" or "<App> <items>:" said as
    "New <App> <item>: "."""
    m = _HEADING.match(text) or _ITEMS_HEADING.match(text)
    if m is None:
        return text
    item = m.group("item")
    if re.match(r"[\u4e00-\u9fff]", item):
        return f"新的{m.group('app')}{item}：{text[m.end() :]}"
    return f"New {m.group('app')} {item}: {text[m.end() :]}"
