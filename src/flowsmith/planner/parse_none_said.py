"""An absence said with "no" and a passive of expectation: "if no rain is expected", "no
agenda is given", "no phone number was provided" mean the item has nothing in that field,
as "there is no rain" does.

:func:`there_is_none` rewrites such a condition into the "there is no X" form the condition
grammar reads as ``X is_empty``; any other text comes back unchanged.
"""

from __future__ import annotations

import re

_NO_X_IS = re.compile(
    r"^(?P<head>\s*(?:(?:if|when|whenever|unless|only\s+if)\s+)?)no\s+(?P<noun>[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*)?)\s+(?:is|are|was|were)\s+(?:expected|forecast(?:ed)?|predicted|"
    r"given|provided|set|entered|filled\s+in|listed|included|attached|supplied)"
    r"(?P<tail>\s*(?:today|tomorrow)?\s*[.!]?\s*)$",
    re.IGNORECASE,
)


def there_is_none(text: str) -> str:
    """``text`` with "no X is expected/given/…" said as "there is no X" (the invariant: only
    a whole condition of that shape is rewritten; its if-word is kept)."""
    m = _NO_X_IS.match(text)
    if m is None:
        return text
    return f"{m.group('head')}there is no {m.group('noun')}"
