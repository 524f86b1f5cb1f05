"""A request that only asks for "an automatic email workflow" ("帮我做个自动发邮件的流程",
"build me an automatic email workflow", "set up auto emails"): it says neither who gets the
mail, nor what it says, nor when it goes out, so the planner asks instead of building a
manual run that mails a placeholder.

Invariants: only when, with the words of asking for a workflow, of "automatic" and of email
taken out, nothing is left; a word of a recipient, a time, a content or an event keeps the
request as it is. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re

__all__ = ["bare_mail_flow"]

_MAIL = re.compile(r"\be-?mails?\b|\bmails?\b|邮件|电邮", re.IGNORECASE)
# words a request for some workflow is made of, with no step, time, person or content in them
_FILLER = re.compile(
    r"\b(?:please|can|could|would|you|i|we|want|need|like|to|me|us|a|an|the|some|build|make|"
    r"create|set|up|setup|automatic|automated|automatically|auto|send|sending|sender|"
    r"workflow|flow|automation|process|pipeline|for|that|which|sends?)\b|"
    r"帮我|帮忙|请|我想要|我想|我要|想要|需要|做|搞|弄|建|搭|创建|设置|一个|个|自动化?|发送?|的|"
    r"流程|工作流|自动化|吧|一下|[\s,，.。!！?？、]",
    re.IGNORECASE,
)


def bare_mail_flow(text: str) -> bool:
    """Whether ``text`` asks only for an automatic email workflow (see the module doc)."""
    if _MAIL.search(text) is None:
        return False
    return not _FILLER.sub("", _MAIL.sub("", text)).strip()
