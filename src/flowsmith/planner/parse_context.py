"""What every pass of the request parser shares: its :class:`Context` and the masking.

Invariants: :func:`mask_addresses` replaces every URL and e-mail address with a token
(``__url0__``, ``__mail0__``) indexing ``Context.urls`` / ``Context.mails`` in order of
appearance, so no pass reads a URL's or address's words as a service or condition;
:func:`unmask` puts them back and collapses whitespace. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flowsmith.planner.services import ServiceIndex

_URL = re.compile(r"https?://[^\s<>\"'，。；！？、）)】\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
TOKEN = re.compile(r"__(url|mail|json)(\d+)__")
CJK = re.compile(r"[\u3400-\u9fff]")
CAPS = re.compile(r"(?<![\w#@'’])([A-Z][\w.&+-]*(?:\s+[A-Z][\w.&+-]*){0,3})")
NOT_NAMES = frozenset(
    [
        "i",
        "a",
        "an",
        "the",
        "if",
        "when",
        "whenever",
        "every",
        "each",
        "then",
        "and",
        "or",
        "otherwise",
        "else",
        "please",
        "also",
        "only",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "am",
        "pm",
        "ai",
        "api",
        "url",
        "http",
        "https",
        "json",
        "csv",
        "pdf",
        "ok",
        "hi",
        "hello",
        "my",
        "our",
        "new",
        "send",
        "post",
        "create",
        "add",
        "fetch",
        "get",
        "check",
        "text",
        "email",
        "read",
        "retrieve",
        "copy",
        "save",
        "when",
        "once",
        "after",
        "before",
        "for",
        "workflow",
        "flow",
        "app",
        "automation",
        "english",
        "chinese",
        "spanish",
        "french",
        "german",
        "japanese",
        "korean",
        "portuguese",
        "italian",
        "russian",
        "arabic",
        # teams and roles written in capitals ("the HR team", "通知IT同事")
        "hr",
        "it",
        "pm",
        "qa",
        "ceo",
        "cto",
        "cfo",
        "coo",
        "vp",
        "ops",
        "bd",
        # documents and metrics written in capitals ("score the CV", "the KPI report")
        "cv",
        "faq",
        "kpi",
        "kpis",
        "okr",
        "okrs",
        "sla",
        "id",
    ]
)
WAIT_UNIT = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600}
WAIT_UNIT |= {"day": 86400, "秒": 1, "分钟": 60, "小时": 3600, "天": 86400}
WAIT_UNIT |= {"week": 604800, "周": 604800, "h": 3600, "d": 86400}
EN_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "five": 5, "ten": 10}
# "…的时候", "…时" (not the 时 of 小时 / 工时, a unit: "少于20小时的同事")
ZH_CLAUSE_COND = re.compile(
    r"^(?P<c>[^，,]{1,24}?)(?:的时候|(?<![小工])时)(?:就|，|,)?\s*(?P<a>.*)$"
)
READABLE = re.compile(r"\b(?:is|are|was|were|gets?|got)\s+\w+ed\b|\b\w+ed\b\s+(?:to|in|into|on)\b")
_CONDITION_VERB = re.compile(
    r"\b(?:is|are|was|gets?|goes|has|contains?|mentions?|exceeds?|fails?)\b"
)


@dataclass
class Context:
    """What the parser has seen so far (for pronouns and classifier categories)."""

    index: ServiceIndex
    urls: list[str]
    mails: list[str]
    trigger_app: str | None = None
    trigger_kind: str | None = None  # the trigger's kind ("email": a reply is an email)
    trigger_url: str | None = None  # the token of the URL the trigger uses (a feed)
    context_app: str | None = None  # the app a leading "We use Stripe." sentence names
    categories: list[str] = field(default_factory=list)
    classified: bool = False
    made: set[str] = field(default_factory=set)  # think kinds already in the frame
    notes: list[str] = field(default_factory=list)
    last_field: str | None = None  # the field the last case compared ("if it's 6 or lower")
    last_text: str | None = None  # the field the last text search named ("标签包含…")
    subject: str | None = None  # the data word a read named ("check our Stripe balance")
    measure: str | None = None  # the quantity the request is about (lx.MEASURES)
    per: tuple[str, str] | None = None  # (entity, measure) of "<measure> per <entity>"
    apps_seen: list[str] = field(default_factory=list)  # apps the steps named, in order
    last_write: Any = None  # the last write step made ("send it again" repeats it)
    about_stock: bool = False  # the request watches stock: "it is back" means back in stock
    gated: bool = False  # the request says what follows an approval ("批准后", "if rejected")
    jsons: list[str] = field(default_factory=list)  # JSON bodies said ('respond {"ok": true}')
    day_field: str | None = None  # the item's date weekend / weekday cases compare ("日期")


def mask_addresses(text: str, ctx: Context) -> str:
    def url(m: re.Match[str]) -> str:
        whole = m.group(0)
        bare = whole.rstrip(".,;:!?")
        ctx.urls.append(bare)
        return f" __url{len(ctx.urls) - 1}__ " + whole[len(bare) :]

    def mail(m: re.Match[str]) -> str:
        ctx.mails.append(m.group(0))
        return f" __mail{len(ctx.mails) - 1}__ "

    def body(m: re.Match[str]) -> str:
        ctx.jsons.append(m.group(0))
        return f" __json{len(ctx.jsons) - 1}__ "

    # a JSON body first: its colons and commas would split the clause ('{"eligible": false}')
    return _EMAIL.sub(mail, _URL.sub(url, _JSON.sub(body, text)))


# '{"ok": true}', '{“saved”: true}': an object literal with a quoted first key
_JSON = re.compile(r"\{\s*[\"'“][^{}]{0,300}\}")


def unmask(text: str, ctx: Context) -> str:
    def back(m: re.Match[str]) -> str:
        pools = {"url": ctx.urls, "mail": ctx.mails, "json": ctx.jsons}
        return pools[m.group(1)][int(m.group(2))]

    return " ".join(TOKEN.sub(back, text).split())
