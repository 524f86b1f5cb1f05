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


def _said(text: str, names: list[str]) -> bool:
    for name in names:
        if CJK.search(name):
            if name in text:
                return True
        elif re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            return True
    return False
