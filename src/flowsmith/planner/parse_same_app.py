"""A case's action that names no service but a thing of the service the case before used.

"above 30 switch on the fan through Home Assistant, below 10 switch on the heater",
"高于70就通过Home Assistant开除湿机，低于30就开加湿器": the second action says no app, but
the heater is a device of the app the last write used, and "switch on" one of that
resource's operations, so it is that app again.

Invariants: only when the clause found no service at all, only the app of the last write,
and only when the clause says both one of that app's resource names and one of that
resource's operation names (catalog words, English or Chinese). Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import ServiceStep
from flowsmith.planner.parse_context import CJK, Context


def same_app_step(text: str, phrase: str, ctx: Context) -> list[ServiceStep]:
    """The last write's app again, on the resource and operation ``text`` names."""
    last = ctx.last_write
    if not isinstance(last, ServiceStep) or last.app is None:
        return []
    app = ctx.index.apps.get(last.app)
    if app is None:
        return []
    for rkey, res in app.resources.items():
        if not _said(text, [*res.names.en, *res.names.zh]):
            continue
        for okey, op in res.operations.items():
            names = [*op.names.en, *op.names.zh] if op.names else []
            if _said(text, names):
                return [ServiceStep(last.app, rkey, okey, service=last.service, phrase=phrase)]
    return []


# a message sent with no channel named ("没超就发一句“不错”", "otherwise send \"good job\"",
# "不然就说一声"): the words of one more message, not a step of its own kind
_BARE_MESSAGE = re.compile(
    r"^\s*(?:就|再|则|那就|否则就?)?\s*(?:给我|跟我)?\s*(?:发|回)(?:一|个)?(?:句|条)(?:话|消息)?|"
    r"^\s*(?:就|那就)?说一?声|"
    r"^\s*(?:just\s+|then\s+)?(?:send|post)\s+(?:me\s+)?(?:a\s+(?:message|note|line)\b|[\"“])",
    re.IGNORECASE,
)


def same_channel_message(phrase: str, ctx: Context) -> list[ServiceStep]:
    """The last write's message again when ``phrase`` sends a message naming no channel and
    that write was a message of a messaging app (never an email, sheet or ticket)."""
    last = ctx.last_write
    if not isinstance(last, ServiceStep) or last.app is None or not _BARE_MESSAGE.search(phrase):
        return []
    app = ctx.index.apps.get(last.app)
    if app is None or app.category != "messaging" or last.resource != "message":
        return []
    return [
        ServiceStep(last.app, last.resource, last.operation, service=last.service, phrase=phrase)
    ]


def _said(text: str, names: list[str]) -> bool:
    for name in names:
        if CJK.search(name):
            if name in text:
                return True
        elif re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            return True
    return False
