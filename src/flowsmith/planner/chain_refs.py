"""Steps of a chain that use what several earlier steps made ("post both links", "把这两个链接
发到…"). Pure.

Invariant: a step found here is one whose phrase refers to the results of more than one step
before it, so every step before it must run before it (compile chains them rather than
fanning the writes out from one feed).
"""

from __future__ import annotations

import re

from flowsmith.planner.frame import Step

# "both links", "all three links", "the two URLs", "这两个链接", "两个链接", "两者的链接"
_BOTH_REF = re.compile(
    r"\b(?:both|all\s+(?:the\s+)?(?:two|three|four|of\s+the)|the\s+(?:two|three|four))\s+"
    r"(?:\w+\s+)?(?:links?|urls?|ids?|numbers?|keys?)\b|"
    r"(?:这|那)?(?:两|二|三|几)(?:个|条)?(?:链接|网址|编号|单号|id)|两者的?(?:链接|网址|编号)",
    re.IGNORECASE,
)


def joined_upto(steps: tuple[Step, ...]) -> int:
    """The index of the last step whose own clause uses several earlier results; -1 if none.

    A numbered list often comes as one phrase for all its steps ("1) … 2) … 3) post both
    links"), so only the part of the phrase said after the previous step's part counts."""
    last = -1
    for i in range(2, len(steps)):
        if _BOTH_REF.search(_own_part(steps, i)):
            last = i
    return last


def _own_part(steps: tuple[Step, ...], i: int) -> str:
    phrase = str(getattr(steps[i], "phrase", "") or "")
    prev = str(getattr(steps[i - 1], "phrase", "") or "")
    if phrase != prev:
        return phrase
    # one shared phrase: the last numbered item is the last step's
    items = re.split(r"(?:^|\s)(?:\d+[.)）、]|[（(]\d+[)）])\s*", phrase)
    items = [t for t in items if t.strip()]
    same = [j for j in range(i + 1) if str(getattr(steps[j], "phrase", "")) == phrase]
    pos = same.index(i)
    return items[pos] if len(items) == len(same) and pos < len(items) else ""
