"""A message posted to a "#channel" with no service named, after a chat app's trigger:
"translate new messages in our #support Slack channel … and post them in #general",
"把Slack #客服 频道的新消息翻译成英文，发到 #general".

The channel mark ("#name") says a channel of a chat app; the only chat app the request names
is the trigger's, so the message goes there (its message resource, its create operation).

Invariants: only a clause that names no service, only after a trigger whose app has a message
resource, only a "#name" said after a word of putting ("in", "to", "into", "到", "在") or a
delivering verb. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import ServiceStep
from flowsmith.planner.parse_channel import chat_trigger
from flowsmith.planner.parse_context import Context

__all__ = ["channel_post"]

# "post them in #general", "send it to #ops", "发到 #general", "在#general里发"
_TO_CHANNEL = re.compile(
    r"\b(?:in|to|into|on)\s+(?:the\s+|our\s+)?#[\w-]+|(?:到|在|至)\s*#[\w-]+",
    re.IGNORECASE,
)
_DELIVER = re.compile(
    r"\b(?:post|send|share|forward|put|drop|relay|publish|write)\w*\b|发|贴|转|推送|同步",
    re.IGNORECASE,
)


def channel_post(text: str, phrase: str, ctx: Context) -> ServiceStep | None:
    """The trigger's chat app's message when ``text`` delivers to a "#channel"; else None."""
    app_id = chat_trigger(ctx)
    if app_id is None or not _TO_CHANNEL.search(text) or not _DELIVER.search(text):
        return None
    choice = ctx.index.operation(app_id, "send a message " + text, "create")
    return ServiceStep(
        app=app_id,
        resource=choice.resource,
        operation=choice.operation,
        service=app_id,
        phrase=phrase,
    )
