"""The replaced step said first ("instead of WeCom, post the negative ones to Mattermost"):
read as the same change said with the replaced step last ("post the negative ones to Mattermost
instead of WeCom"), the order the replacement readers know.

Invariants: only a message that opens with "instead of <old>," is rewritten, and only its first
sentence (what follows it is kept as it was); <old> is short and holds no clause break, so
"instead of emailing everyone who signs up, …" stays as it was. Pure: no I/O.
"""

from __future__ import annotations

import re

__all__ = ["instead_last"]

_FRONT = re.compile(
    r"^\s*instead of\s+(?P<old>[^,，;；.。!?]{1,40}?)\s*[,，]\s*(?P<rest>[^;；。!?]+?)"
    r"(?P<end>\s*(?:[;；。!?]|\.(?:\s|$)|$))",
    re.IGNORECASE,
)


def instead_last(text: str) -> str:
    """``text`` with an opening "instead of <old>, <change>" said as "<change> instead of
    <old>"; any other text unchanged."""
    m = _FRONT.match(text)
    if m is None or len(m.group("old").split()) > 5:
        return text
    said = f"{m.group('rest')} instead of {m.group('old')}"
    return said + text[m.start("end") :]
