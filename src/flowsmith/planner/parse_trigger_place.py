"""An upload into a named place of the trigger's app, the app not said again: "upload the
translation into the 'Translated' folder" on a flow a Box file starts, "再上传到'已翻译'文件夹",
"save the translated version to the 'Contracts EN' folder".

Invariants: only on an app-event start whose app keeps files (one of its catalog resources
has an upload operation); the place is said right after a word of putting somewhere ("into",
"to", "到", "进") with a quoted name or a path before a place word that is one of that app's
own resource names (catalog words, English or Chinese); the words inside the quoted name name
nothing (a folder called 'Translated' is no translation service). The step is the app's
upload: the file goes into the place, no place is created. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import ServiceStep
from flowsmith.planner.parse_context import Context

__all__ = ["into_trigger_place"]

# a quoted name ('Translated', “已翻译”, "Contracts EN") or a path (/done, /Clients/2024)
_NAMED = r"(?:['‘“\"「『][^'’”\"」』]{1,60}['’”\"」』]|/[\w./-]{1,60})"
# a word of putting somewhere, an article or owner, then the name
_INTO_EN = r"\b(?:into|to|in|under)\s+(?:(?:the|our|my|a|that|their)\s+)?" + _NAMED + r"\s*"
_INTO_ZH = r"(?:到|进|入|至)\s*(?:我们的|我的)?\s*" + _NAMED + r"\s*(?:这个|的)?\s*"
_UPLOAD = ("upload",)


def into_trigger_place(text: str, phrase: str, ctx: Context) -> ServiceStep | None:
    """The trigger app's upload when the clause puts something into a named place of that app
    ("… into the 'Translated' folder"); None otherwise."""
    if ctx.trigger_kind != "app_event" or not ctx.trigger_app:
        return None
    app = ctx.index.apps.get(ctx.trigger_app)
    if app is None:
        return None
    ops = [(rkey, op) for rkey, res in app.resources.items() for op in res.operations]
    upload = next((pair for pair in ops if pair[1] in _UPLOAD), None)
    if upload is None:
        return None
    words = sorted(
        {w for res in app.resources.values() for w in res.names.all() if len(w) > 1},
        key=len,
        reverse=True,
    )
    if not words:
        return None
    place = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    said = re.compile("(?:" + _INTO_EN + place + r"\b|" + _INTO_ZH + place + ")", re.IGNORECASE)
    if said.search(text) is None:
        return None
    return ServiceStep(app.app, upload[0], upload[1], service=ctx.trigger_app, phrase=phrase)
