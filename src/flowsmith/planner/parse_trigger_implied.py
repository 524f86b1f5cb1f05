"""An app event implied by the app's item and a condition on it, with no start said at all:
"Email me the WooCommerce order details if it's over $200", "Gumroad sale over $100: email
me", "Shopify订单金额超过500元的，发邮件给我". Each such item, as it comes, is checked and sent
on: the start is the app's event for a new item of that kind.

Invariants: read only where nothing else named a start (the caller's last resort before a
manual start); the item is said right after the app's name by the noun of one of the app's
events ("new order" -> "order", "新订单" -> "订单"; singular in English, so "Shopify orders
over $500" stays a read), at a sentence's start or after "the"/"把" (never "a Linear issue",
an item made), never after a verb of reading ("get", "查"; a time said made a schedule
before); a condition on the item is said (a comparison right after it, or an "if"-clause the
condition parser reads); the steps send the item out of its app (another app, an email).
The item's words become ``__it__``; a comparison said right after it becomes a leading
"if"-clause. Pure: no I/O.
"""

from __future__ import annotations

import re

from flowsmith.core.catalog.apps import App
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import Trigger
from flowsmith.planner.parse_conditions import parse_condition
from flowsmith.planner.parse_context import TOKEN, Context, unmask
from flowsmith.planner.services import Mention

__all__ = ["implied_event"]

_COMPARE_EN = r"(?:over|above|under|below|more than|less than|greater than|at least|exceeding)"
_COMPARE_ZH = r"(?:超过|高于|低于|大于|小于|多于|少于|不少于|不低于|达到)"
# "… over $100: email me", "… above 80, post it …": the comparison, then the action
_SAID_AFTER_EN = re.compile(
    rf"^\s*(?P<q>{_COMPARE_EN}\s+[^,:;.]*?\d[^,:;]*?)\s*[:,;]\s*(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "…金额超过500元的，发邮件给我", "…超过1000美元的，在Slack里…"
_SAID_AFTER_ZH = re.compile(
    rf"^(?P<q>[^，,。；;：:]{{0,8}}?{_COMPARE_ZH}[^，,。；;：:]*?)的?\s*[，,：:]\s*(?P<rest>.+)$",
    re.DOTALL,
)
_IF_CLAUSE = re.compile(
    r"\b(?:if|when)\s+(?P<en>[^,;.]+)|(?:如果|要是|假如|若)(?P<zh>[^，,。；;]+)", re.IGNORECASE
)
# where such an item is said: a sentence's start, "the"/"this", "把"/"将"
_HEAD = re.compile(r"(?:^|[.;!?。；！？:：]|\bthe|\bthis|把|将)\s*$", re.IGNORECASE)
# a read the user asks for ("get the Stripe payment …", "查一下Shopify订单"), or a time
_READ = re.compile(
    r"\b(?:get|fetch|pull|list|find|search|look up|export|read|show|check)\b|"
    r"查|拉取|获取|读取|导出|搜索|列出",
    re.IGNORECASE,
)


def implied_event(text: str, ctx: Context) -> tuple[Trigger, str] | None:
    """The app event an item and a condition on it imply, and the text left for the steps
    (the item as ``__it__``, a comparison said after it as a leading "if"-clause); None
    when the words do not say one."""
    for mention in ctx.index.mentions(text, implicit=False):
        app = ctx.index.apps.get(mention.app or "")
        before = text[: mention.start]
        if app is None or app.triggers is None or _READ.search(before):
            continue
        if not _HEAD.search(before):  # "… -> a Linear issue": an item made, not one come in
            continue
        found = _item_after(text, mention, app)
        if found is None:
            continue
        event, end = found
        rest = _rest(text, mention.start, end, ctx)
        if rest is None or not _goes_elsewhere(text[: mention.start] + text[end:], app.app, ctx):
            continue
        phrase = unmask(text[mention.start : end], ctx).strip()
        return Trigger(kind="app_event", app=app.app, event=event, phrase=phrase), rest
    return None


def _item_after(text: str, mention: Mention, app: App) -> tuple[str, int] | None:
    """The app's event whose item noun is said right after the app's name, and where the
    noun ends; the longest noun wins."""
    assert app.triggers is not None
    after = text[mention.end :]
    best: tuple[str, int] | None = None
    for key, ev in app.triggers.events.items():
        for noun in _nouns(ev.names.en, "new "):
            m = re.match(rf"\s*(?:'s\s+)?{re.escape(noun)}\b(?!s\b)", after, re.IGNORECASE)
            if m and (best is None or m.end() > best[1] - mention.end):
                best = (key, mention.end + m.end())
        for noun in _nouns(ev.names.zh, "新"):
            m = re.match(rf"\s*的?{re.escape(noun)}", after)
            if m and (best is None or m.end() > best[1] - mention.end):
                best = (key, mention.end + m.end())
    return best


def _nouns(names: list[str], lead: str) -> list[str]:
    return [n[len(lead) :] for n in names if n.startswith(lead) and len(n) > len(lead)]


def _rest(text: str, start: int, end: int, ctx: Context) -> str | None:
    """The text left with the item as ``__it__`` when a condition on it is said; else None."""
    before, after = text[:start], text[end:]
    zh = re.match(r"\s*[\u4e00-\u9fff]", after) is not None
    said = (_SAID_AFTER_ZH if zh else _SAID_AFTER_EN).match(after)
    if said is not None:
        cond = f"{'' if zh else 'it is '}{said.group('q').strip()}"
        if parse_condition(cond, ctx) is not None:
            lead = f"如果{cond}，" if zh else f"if {cond} , "
            return f"{before}{lead}{said.group('rest')}"
    for m in _IF_CLAUSE.finditer(after):
        if parse_condition(m.group("en") or m.group("zh") or "", ctx) is not None:
            return f"{before} __it__ {after}"
    return None


def _goes_elsewhere(rest: str, app_id: str, ctx: Context) -> bool:
    """Whether the steps send the item out of its app (another app, an address, an email)."""
    if TOKEN.search(rest) or lx.EMAIL_WORD.search(rest):
        return True
    return any(x.app not in (None, app_id) for x in ctx.index.mentions(rest, implicit=False))
