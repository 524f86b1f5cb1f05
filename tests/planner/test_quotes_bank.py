"""Quoted names and generic nouns bank (round quotes, sentences of our own, English and Chinese).

Constructions:

* text inside quotes (“…”, "…", '…', 「…」, 『…』) is a name or a value the user typed (a list,
  a sheet tab, a channel, a message): sequence words ("以后", "然后", "再", "then", "and"),
  condition words ("如果", "否则", "if", "otherwise") and service names inside it act on
  nothing, and it reaches the step's parameter intact;
* a bare generic noun ("列表", "list", "表格", "table", "document", "文档", "频道") names no
  service by itself: a service is named by its own name or alias.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.planner.text import mask_quotes, quoted, unmask_quotes
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import CATALOG, Graph, sound, ways

Check = Callable[[Graph], None]

APPS = frozenset(a.app for a in CATALOG.apps)


def _values(g: Graph, app: str) -> list[str]:
    """Every parameter value (as text) of the nodes of ``app``."""
    return [str(v) for i in g.find(app) for v in g.nodes[i].parameters.values()]


def named(app: str, value: str) -> Check:
    """Some node of ``app`` has a parameter that is exactly ``value`` (a name kept whole)."""

    def run(g: Graph) -> None:
        got = _values(g, app)
        assert value in got, got

    return run


def says(app: str, value: str) -> Check:
    """Some parameter of a node of ``app`` contains ``value`` whole (a message, a channel
    written with its '#')."""

    def run(g: Graph) -> None:
        got = _values(g, app)
        assert any(value in v for v in got), got

    return run


def apps_only(*allowed: str) -> Check:
    """The services the graph's steps use are among ``allowed`` (no service named by a word
    inside quotes or by a bare generic noun)."""

    def run(g: Graph) -> None:
        used = {n.subtype for n in g.nodes.values() if n.subtype in APPS}
        assert used <= set(allowed), sorted(used)

    return run


def apart(steps: list[str], field: tuple[str, ...]) -> Check:
    """Each step of ``steps`` behind a gate comparing ``field``, on different outputs."""
    return lambda g: ways(g, steps, field)


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


BUDGET = ("budget", "预算")

BANK: list[tuple[str, str, Check]] = [
    # --- a quoted name holding sequence / condition words or a service name (English) --------
    (
        "When a Typeform is submitted, add them to the 'Slack later' list in Mailchimp.",
        "typeform",
        each(named("mailchimp", "Slack later"), apps_only("mailchimp")),
    ),
    (
        'When someone buys on Gumroad, add them to the Mailchimp list "Call back then".',
        "gumroad",
        each(named("mailchimp", "Call back then"), apps_only("mailchimp")),
    ),
    (
        "Every new Stripe payment: append a row to the 'Paid and then refunded' tab of our "
        "Google Sheet.",
        "stripe",
        each(named("google_sheets", "Paid and then refunded"), apps_only("google_sheets")),
    ),
    (
        'When a new HubSpot contact is created, post "New lead arrived and then assigned" in '
        "#sales on Slack.",
        "hubspot",
        each(says("slack", "New lead arrived and then assigned"), apps_only("slack")),
    ),
    (
        "When a Typeform is submitted, if the budget is over 5000 add them to the 'If time "
        "allows' list in Mailchimp, otherwise email them.",
        "typeform",
        each(
            apart(["mailchimp", "send_email"], BUDGET),
            named("mailchimp", "If time allows"),
            apps_only("mailchimp"),
        ),
    ),
    (
        "When a Calendly booking is made, create a record in the Airtable table 'Calls then "
        "Notes'.",
        "calendly",
        each(named("airtable", "Calls then Notes"), apps_only("airtable")),
    ),
    (
        "Every Monday at 9am post 'Weekly check: review Jira and then close stale tickets' "
        "to #eng on Slack.",
        "schedule",
        each(
            says("slack", "Weekly check: review Jira and then close stale tickets"),
            apps_only("slack"),
        ),
    ),
    (
        "When a Gumroad sale happens, add the buyer to the 'If Notion fails' list in Mailchimp.",
        "gumroad",
        each(named("mailchimp", "If Notion fails"), apps_only("mailchimp")),
    ),
    (
        "When someone's Typeform is submitted, add them to Mailchimp's 'Call them then' list.",
        "typeform",
        each(named("mailchimp", "Call them then"), apps_only("mailchimp")),
    ),
    (
        "When a Shopify order is paid, add a row to the “Otherwise pending” tab in Google Sheets.",
        "shopify",
        each(named("google_sheets", "Otherwise pending"), apps_only("google_sheets")),
    ),
    # --- a quoted name holding sequence / condition words or a service name (Chinese) --------
    (
        "Typeform有人提交时：预算低于1000的加到Mailchimp的“以后再联系”列表；其他的发邮件给他们报价单",
        "typeform",
        each(
            apart(["mailchimp", "send_email"], BUDGET),
            named("mailchimp", "以后再联系"),
            apps_only("mailchimp"),
        ),
    ),
    (
        "有人在Gumroad买了课程，就把他加到Mailchimp的“然后再说”列表",
        "gumroad",
        each(named("mailchimp", "然后再说"), apps_only("mailchimp")),
    ),
    (
        "每天早上9点把Jira里未关闭的bug发到Slack的“如果有空再看”频道",
        "schedule",
        each(says("slack", "如果有空再看"), apps_only("slack", "jira")),
    ),
    (
        "Stripe有新付款时，在Google表格的“以后再核对”工作表里加一行",
        "stripe",
        each(named("google_sheets", "以后再核对"), apps_only("google_sheets")),
    ),
    (
        "HubSpot有新联系人时，在Slack的#sales频道发消息“新客户来了，然后请跟进”",
        "hubspot",
        each(says("slack", "新客户来了，然后请跟进"), apps_only("slack")),
    ),
    (
        "Shopify有新订单时，把订单记到Airtable的“否则退货”表里",
        "shopify",
        each(named("airtable", "否则退货"), apps_only("airtable")),
    ),
    (
        "每周五下午5点在钉钉群里发“本周总结：先看Jira，再更新Notion”",
        "schedule",
        each(says("dingtalk", "本周总结：先看Jira，再更新Notion"), apps_only("dingtalk")),
    ),
    (
        "Typeform有人提交时，把他加到Mailchimp的“Slack以后再加”列表",
        "typeform",
        each(named("mailchimp", "Slack以后再加"), apps_only("mailchimp")),
    ),
    (
        "Typeform有人提交时，把他加到Mailchimp的“如果预算够再联系”列表",
        "typeform",
        each(named("mailchimp", "如果预算够再联系"), apps_only("mailchimp")),
    ),
    (
        "Typeform有人提交时，把他加到Mailchimp的「然后再说」列表",
        "typeform",
        each(named("mailchimp", "然后再说"), apps_only("mailchimp")),
    ),
    (
        "Stripe有新付款时，在Google表格的『以后再对账』工作表里加一行",
        "stripe",
        each(named("google_sheets", "以后再对账"), apps_only("google_sheets")),
    ),
    (
        "Calendly有新预约时，在Trello的‘以后再约’列表里建一张卡片",
        "calendly",
        each(says("trello", "以后再约"), apps_only("trello")),
    ),
    # --- a bare generic noun names no service -------------------------------------------------
    (
        "When a Typeform is submitted, add the person to the list and email me.",
        "typeform",
        apps_only(),
    ),
    (
        "When a Stripe payment succeeds, email me and then add it to the document.",
        "stripe",
        apps_only(),
    ),
    (
        "Typeform有人提交时，把他加到列表里，然后发邮件给我",
        "typeform",
        apps_only(),
    ),
    (
        "Stripe有新付款时发邮件给我，再记到文档里",
        "stripe",
        apps_only(),
    ),
    (
        "GitHub有新issue时，发邮件给我，然后发到频道里",
        "github",
        apps_only(),
    ),
]

_MESSAGE = (
    "a quoted message text is kept out of the splitter and the service words, but is not put "
    "into the message field (the step's text stays the item as JSON)"
)
_OPEN: dict[str, str] = {
    "Every Monday at 9am post 'Weekly check": _MESSAGE,
    "HubSpot有新联系人时，在Slack的#sales频道发消息": _MESSAGE,
    "每周五下午5点在钉钉群里发“本周总结": _MESSAGE,
    "每天早上9点把Jira里未关闭的bug发到Slack的“如果有空再看”频道": "a quoted channel name before "
    "'频道' is not read as the channel (only '#name' is), and '频道' picks Slack's channel "
    "resource (its history) over posting a message",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_quotes_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("add them to Mailchimp's 'Call them then' list", ["Call them then"]),
        ("don't email, add them to the 'Later' list instead", ["Later"]),
        ("加到“以后再联系”列表，再发到「然后」频道", ["以后再联系", "然后"]),
        ("the customers' emails and the users' names", []),
    ],
)
def test_quote_spans(text: str, spans: list[str]) -> None:
    """Quotes of every kind are found; an apostrophe opens or closes none."""
    assert quoted(text) == spans
    masked, found = mask_quotes(text)
    assert unmask_quotes(masked, found) == text
