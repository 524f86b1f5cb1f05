"""Items of an existing case further narrowed by what they mention: "billing emails that
mention a chargeback or a dispute should also …", "Bug emails that mention an outage or say
something is down should also …", "账单类邮件里如果提到退款，还要…", or by who sent them ("bugs
reported by anyone @bigclient.com should also …": the sender's address contains the domain).

Invariants: the mention clause is cut out of the words (so the case reads as before) and
becomes one "text contains" check per alternative, joined by "or"; each alternative is its
last word ("say something is down" → "down"); nothing is read when no alternative is left.
Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["cut_mentions"]

_EN = re.compile(
    r"\s+(?:that|which|who)\s+(?P<what>(?:mentions?|contains?|includes?|says?|talks? about|"
    r"refers? to|reports?)\s+.+?)\s+(?=(?:should|must|will|need to|needs to|are to|also|get|go)\b)|"
    # "if a critical alert mentions 'database' page the DBA team": a quoted word said right
    # after the verb ends the mention
    r"(?<=[a-z])\s+(?P<quoted>(?:mentions?|contains?|includes?|says?)\s+"
    r"[\"'“‘][^\"'”’]{1,40}[\"'”’](?:\s+or\s+[\"'“‘][^\"'”’]{1,40}[\"'”’])*)(?=\s*,?\s*\w)",
    re.IGNORECASE,
)
_ZH = re.compile(
    r"(?:里|中)?(?:如果|要是)?(?P<what>(?:提到|包含|含有|说到|提及)[^，,。；;]+?)(?:的话|的)?(?=[，,])"
)
_VERB = re.compile(
    r"^(?:mentions?|contains?|includes?|says?|talks? about|refers? to|reports?|提到|包含|含有|说到|"
    r"提及)\s*",
    re.IGNORECASE,
)
_OR = re.compile(r"\s+or\s+|\s*(?:或者|或是|或|、|/)\s*", re.IGNORECASE)
_WORD = re.compile(r"[a-z][\w-]*|[\u4e00-\u9fff]+", re.IGNORECASE)


def _alternatives(what: str) -> list[str]:
    out: list[str] = []
    for alt in _OR.split(what):
        words = _WORD.findall(_VERB.sub("", alt.strip()))
        if words:
            out.append(words[-1].lower())
    return out


# "bugs reported by anyone @bigclient.com", "emails from someone at @acme.com", "来自 @vip.cn
# 邮箱的功能需求": who sent the items, by their address's domain
_SENDER = re.compile(
    r"\s+(?:(?:reported|sent|submitted|filed|raised|opened|written)\s+by|from)\s+"
    r"(?:anyone|anybody|someone|somebody|people|users?|customers?)?\s*(?:at\s+|from\s+)?"
    r"(?P<dom>@[\w-]+(?:\.[\w-]+)+)\b(?:\s+addresses)?|"
    r"(?:来自|发自)\s*(?P<zdom>@[\w-]+(?:\.[\w-]+)+)\s*(?:邮箱|域名|的邮箱)?的?",
    re.IGNORECASE,
)


def _sender(part: str) -> tuple[str, dict[str, Any], str] | None:
    m = _SENDER.search(part)
    if m is None:
        return None
    dom = (m.group("dom") or m.group("zdom")).lower()
    rule = {"left": "{{ $json.from }}", "operator": "contains", "right": dom}
    rest = part[: m.start()] + " " + part[m.end() :]
    return rest.strip(), {"conditions": [rule], "combine": "and"}, f"from contains {dom}"


def cut_mentions(part: str) -> tuple[str, dict[str, Any], str] | None:
    """(``part`` without its mention or sender clause, the "contains" check, its label), or
    None."""
    sender = _sender(part)
    if sender is not None:
        return sender
    m = _EN.search(part) or _ZH.search(part)
    if m is None:
        return None
    if m.re is _EN and m.group("quoted") and re.search(r"[,，;；]", part[: m.start()]):
        return None  # "…, and if a critical alert mentions 'x' …": another clause's steps too
    words = _alternatives(m.group("what") or m.group("quoted"))
    if not words:
        return None
    rules = [{"left": "{{ $json.text }}", "operator": "contains", "right": x} for x in words]
    rest = part[: m.start()] + (" " if m.re is _EN else "") + part[m.end() :]
    label = "text contains " + " / ".join(words)
    return rest, {"conditions": rules, "combine": "or"}, label
