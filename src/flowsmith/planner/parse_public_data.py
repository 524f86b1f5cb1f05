"""Public data a timed request speaks of but fetches nowhere: "every morning at 7 send me the
weather for Berlin on telegram", "check the bitcoin price on coingecko every 30 min and email
me if it drops below 50k", "每天早上8点把北京的天气发到钉钉",
"每小时查一下比特币价格，低于5万就提醒我".

The weather, a price or an exchange rate comes from somewhere; when nothing in the request
reads it, an HTTP Request fetches it first (from the site said, when one is said), so the
message and the condition have their data.

Invariants: only for a schedule or manual start (an event brings its own item); only when no
step of the request reads anything (a service read, an HTTP call, a feed); only for a data
word of the tables below. The site is the word after "on/from/via" the data word, or after
"在/从/用" before it, when the catalog names no app by it. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flowsmith.planner.frame import CoreStep, ServiceStep, Step, walk
from flowsmith.planner.schedule import DAY_NAMES_EN

__all__ = ["with_public_data_fetched"]

# public data that lives on some site or API
_DATA_EN = (
    r"(?:weather(?:\s+forecast)?|forecast|temperature|exchange\s+rates?|"
    r"(?:[\w-]+\s+)?prices?|stock\s+quotes?|air\s+quality|pollen\s+count)"
)
_DATA_ZH = r"(?:天气预报|天气|气温|汇率|币价|股价|油价|金价|空气质量|价格)"
_DATA = re.compile(r"\b" + _DATA_EN + r"\b|" + _DATA_ZH, re.IGNORECASE)
# "the bitcoin price on coingecko", "rates from exchangerate.host"
_SITE_AFTER = re.compile(
    r"\b" + _DATA_EN + r"(?:\s+[\w-]+){0,3}?\s+(?:on|from|via|at|using)\s+(?:the\s+)?"
    r"(?P<site>[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)",
    re.IGNORECASE,
)
# "在CoinGecko上查比特币价格", "从coingecko获取币价"
_SITE_BEFORE = re.compile(
    r"(?:在|从|用)\s*(?P<site>[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\s*(?:上|里)?"
    r"[^，,。；;]{0,12}?" + _DATA_ZH
)
# words after "on" that say when or how, never a site
_NOT_SITES = frozenset(
    {"it", "them", "this", "that", "time", "schedule", "weekdays", "weekends", "a", "an"}
) | frozenset(DAY_NAMES_EN)
_READ_OPS = ("get", "list", "search", "read", "find", "lookup", "fetch", "query")


def with_public_data_fetched(
    steps: list[Step], trigger_kind: str, text: str, names_app: Callable[[str], bool]
) -> list[Step]:
    """``steps`` with an HTTP GET of the public data ``text`` speaks of put first (see the
    module doc); ``names_app`` says whether a word names a catalog app."""
    if trigger_kind not in ("schedule", "manual") or _DATA.search(text) is None:
        return steps
    if any(_reads(s) for s in walk(tuple(steps))):
        return steps
    site = _site(text, names_app)
    slug = site if site else _slug(_DATA.search(text))
    url = f"https://{site}" if site and "." in site else f"https://api.example.com/{slug}"
    fetch = CoreStep(subtype="http_request", params={"url": url, "method": "GET"}, phrase=url)
    return [fetch, *steps]


def _reads(step: Step) -> bool:
    """Whether a step fetches data: any HTTP call, a service read, a core read."""
    if isinstance(step, CoreStep):
        return step.subtype == "http_request" or any(
            w in step.subtype for w in ("read", "rss", "fetch", "query", "scrape")
        )
    if isinstance(step, ServiceStep):
        return step.app is None or (step.operation or "").lower().startswith(_READ_OPS)
    return False


def _site(text: str, names_app: Callable[[str], bool]) -> str | None:
    for pattern in (_SITE_AFTER, _SITE_BEFORE):
        for m in pattern.finditer(text):
            site = m.group("site")
            if site.lower() not in _NOT_SITES and not names_app(site):
                return site.lower()
    return None


# the Chinese data words, named in English for a placeholder address
_ZH_SLUG = {
    "天气预报": "weather",
    "天气": "weather",
    "气温": "weather",
    "汇率": "exchange-rates",
    "币价": "crypto-prices",
    "股价": "stock-quotes",
    "油价": "oil-prices",
    "金价": "gold-prices",
    "空气质量": "air-quality",
    "价格": "prices",
}


def _slug(m: re.Match[str] | None) -> str:
    said = m.group(0).lower() if m else "data"
    said = _ZH_SLUG.get(said, said)
    return re.sub(r"[^a-z0-9]+", "-", said).strip("-") or "data"
