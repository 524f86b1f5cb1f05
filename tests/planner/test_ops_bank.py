"""The operation bank: which operation (read / create / update / delete, or running a job) a
request picks for each named service, and the data flow that follows from it (sentences of
our own, English and Chinese). A read of a data source comes before the condition and the
action that use it, on every path (never beside them from the trigger); an event said as
"whenever someone buys" is the trigger, not an operation on that app; an HTTP call said to
get something is a GET; a count said with a read is an aggregate (or code) step between
the read and the message. Verbs come from the catalog's operation groups
(``flowsmith.core.services``), so no assertion names an operation key except running a job.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from flowsmith.core.models import Node
from flowsmith.core.services import node_service
from tests.planner.branch_graph import CATALOG, Graph, sound

Check = Callable[[Graph], None]

# what a step said as "email me", "post to Slack" may be built as (app node or core node)
KIND: dict[str, tuple[str, ...]] = {
    "email": ("send_email", "gmail", "gmail_send", "outlook"),
    "slack": ("slack", "slack_message"),
    "telegram": ("telegram", "telegram_message"),
    "discord": ("discord", "discord_message"),
    "sheets": ("google_sheets", "google_sheets_append"),
    "count": ("aggregate", "code"),
}


def _ids(g: Graph, what: str) -> set[str]:
    names = KIND.get(what, (what,))
    ids = {
        i
        for i, n in g.nodes.items()
        if (n.subtype in names or n.parameters.get("app") in names) and i != g.trigger().id
    }
    assert ids, f"no {what} step in {[(n.subtype, n.parameters) for n in g.wf.nodes]}"
    return ids


def _verbs(node: Node) -> frozenset[str]:
    if node.subtype == "http_request":
        method = str(node.parameters.get("method", "GET")).upper()
        return frozenset({"read"}) if method == "GET" else frozenset({"create"})
    op = node_service(node, CATALOG)
    assert op is not None, node.subtype
    return op.verbs()


def verb(app: str, want: str) -> Check:
    """Every step of ``app`` performs an operation of the verb group ``want``."""

    def run(g: Graph) -> None:
        for i in _ids(g, app):
            n = g.nodes[i]
            assert want in _verbs(n), (app, want, n.parameters.get("resource"), n.parameters)

    return run


def runs(app: str) -> Check:
    """The step of ``app`` starts a job or pipeline (its trigger/build operation), not a create."""

    def run(g: Graph) -> None:
        for i in _ids(g, app):
            op = str(g.nodes[i].parameters.get("operation", ""))
            assert op.lower().startswith(("trigger", "build", "dispatch", "run")), op

    return run


def no_action(app: str) -> Check:
    """The app is only the trigger: no step performs an operation on it."""

    def run(g: Graph) -> None:
        steps = [
            n
            for i, n in g.nodes.items()
            if i != g.trigger().id and app in (n.subtype, n.parameters.get("app"))
        ]
        assert steps == [], [(n.subtype, n.parameters) for n in steps]

    return run


def _reach_without(g: Graph, start: str, skip: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        cur = todo.pop()
        for s, _, t in g.edges:
            if s == cur and t not in seen and t not in skip:
                seen.add(t)
                todo.append(t)
    return seen


def flows(*steps: str) -> Check:
    """Each step of ``steps`` runs before the next, and every path to the later one passes
    through the earlier one (a read is not beside its use, straight from the trigger)."""

    def run(g: Graph) -> None:
        for first, then in pairwise(steps):
            a, b = _ids(g, first), _ids(g, then)
            assert all(b & g.below(x) for x in a), (first, then, g.edges)
            around = _reach_without(g, g.trigger().id, a)
            assert not (b & around), (f"{then} reached without {first}", g.edges)

    return run


def gated(read: str, action: str) -> Check:
    """An IF or Switch sits after ``read`` and before ``action``."""

    def run(g: Graph) -> None:
        gates = {i for i, n in g.nodes.items() if n.subtype in ("if", "switch", "filter")}
        assert gates, [n.subtype for n in g.wf.nodes]
        a, b = _ids(g, read), _ids(g, action)
        between = {k for k in gates if any(k in g.below(x) for x in a) and b & g.below(k)}
        assert between, (read, action, g.edges)

    return run


def each(*checks: Check) -> Check:
    def run(g: Graph) -> None:
        for check in checks:
            check(g)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- reads before their use, English --------------------------------------------------------
    (
        "Every morning, read the projects listed in our Coda table and post a summary to Slack",
        "schedule",
        each(verb("coda", "read"), flows("coda", "slack")),
    ),
    (
        "At the start of each month, from last month's Toggl time entries create invoices in "
        "QuickBooks",
        "schedule",
        each(verb("toggl", "read"), verb("quickbooks", "create"), flows("toggl", "quickbooks")),
    ),
    (
        "Every weekday at 9am, get all overdue tasks from Asana and email them to me",
        "schedule",
        each(verb("asana", "read"), flows("asana", "email")),
    ),
    (
        "Every hour, check the rows in our Baserow table and if the status is blocked send a "
        "Telegram message",
        "schedule",
        each(
            verb("baserow", "read"),
            verb("telegram", "create"),
            flows("baserow", "telegram"),
            gated("baserow", "telegram"),
        ),
    ),
    (
        "Each morning, pull yesterday's Stripe charges and append them to Google Sheets",
        "schedule",
        each(verb("stripe", "read"), verb("sheets", "create"), flows("stripe", "sheets")),
    ),
    (
        "Every day, search HubSpot for contacts without an owner and add each one to a Google "
        "Sheet",
        "schedule",
        each(verb("hubspot", "read"), verb("sheets", "create"), flows("hubspot", "sheets")),
    ),
    (
        "Every 15 minutes, look at the unresolved issues in Sentry and create a Linear issue for "
        "each of them",
        "schedule",
        each(verb("sentry_io", "read"), verb("linear", "create"), flows("sentry_io", "linear")),
    ),
    # --- updates, deletes, running, events, English ---------------------------------------------
    (
        "When a webhook is received, bump the ticket's priority to urgent in Freshdesk",
        "webhook",
        verb("freshdesk", "update"),
    ),
    (
        "When a Typeform response comes in, mark the deal as won in Pipedrive",
        "typeform",
        verb("pipedrive", "update"),
    ),
    (
        "When a webhook is called, set the WooCommerce product's status to draft",
        "webhook",
        verb("woocommerce", "update"),
    ),
    (
        "Every night, remove the Supabase rows that are older than 30 days",
        "schedule",
        verb("supabase", "delete"),
    ),
    (
        "Kick off the Jenkins job nightly-build every night at 2am",
        "schedule",
        runs("jenkins"),
    ),
    (
        "Whenever someone buys on Gumroad, add them to Mailchimp",
        "gumroad",
        each(no_action("gumroad"), verb("mailchimp", "create")),
    ),
    # --- HTTP reads and counts, English --------------------------------------------------------
    (
        "Every hour, call https://api.exchangerate.host/latest to get the USD rate and if it is "
        "above 7.3 post a message to Slack",
        "schedule",
        each(
            verb("http_request", "read"),
            flows("http_request", "slack"),
            gated("http_request", "slack"),
        ),
    ),
    (
        "Every Friday, count the new signups per country from our Postgres users table and send "
        "the numbers to Slack",
        "schedule",
        each(verb("postgres", "read"), flows("postgres", "count", "slack")),
    ),
    # --- reads before their use, Chinese --------------------------------------------------------
    (
        "每小时看一下Sentry里有没有新错误，有的话发钉钉通知",
        "schedule",
        each(verb("sentry_io", "read"), verb("dingtalk", "create"), flows("sentry_io", "dingtalk")),
    ),
    (
        "每天晚上十点查一下MySQL里今天新注册了多少用户，然后发到企业微信群",
        "schedule",
        each(verb("mysql", "read"), verb("wecom", "create"), flows("mysql", "wecom")),
    ),
    (
        "每周一检查Cloudflare上的DNS记录，如果记录数量大于20就发邮件给我",
        "schedule",
        each(
            verb("cloudflare", "read"),
            flows("cloudflare", "email"),
            gated("cloudflare", "email"),
        ),
    ),
    (
        "每天早上拉一下Jira里分配给我的issue，发到飞书群里",
        "schedule",
        each(verb("jira", "read"), verb("feishu", "create"), flows("jira", "feishu")),
    ),
    (
        "每周五统计这周完成的ClickUp任务，按项目算数量，然后发到Slack",
        "schedule",
        each(verb("clickup", "read"), flows("clickup", "count", "slack")),
    ),
    (
        "每天早上从SeaTable表里读取待办事项，如果状态是逾期就发Telegram提醒",
        "schedule",
        each(
            verb("seatable", "read"),
            flows("seatable", "telegram"),
            gated("seatable", "telegram"),
        ),
    ),
    (
        "每小时调用 https://api.example.com/rates 查汇率，如果美元汇率超过7.3就发钉钉消息",
        "schedule",
        each(
            verb("http_request", "read"),
            flows("http_request", "dingtalk"),
            gated("http_request", "dingtalk"),
        ),
    ),
    (
        "每天下午六点查询Zendesk里今天新建的工单，汇总后发邮件给客服主管",
        "schedule",
        each(verb("zendesk", "read"), flows("zendesk", "email")),
    ),
    (
        "每天早上取出Airtable里状态为待发布的记录，逐条发到Discord频道",
        "schedule",
        each(verb("airtable", "read"), verb("discord", "create"), flows("airtable", "discord")),
    ),
    (
        "每天早上九点检查Uptime Robot的监控，如果有宕机的就在PagerDuty创建事件",
        "schedule",
        each(
            verb("uptime_robot", "read"),
            verb("pagerduty", "create"),
            flows("uptime_robot", "pagerduty"),
            gated("uptime_robot", "pagerduty"),
        ),
    ),
    # --- updates, deletes, running, events, Chinese ---------------------------------------------
    (
        "收到webhook时，在Shopify里把订单更新为已完成",
        "webhook",
        verb("shopify", "update"),
    ),
    (
        "收到Typeform提交后，在WooCommerce把这个商品改成草稿",
        "typeform",
        verb("woocommerce", "update"),
    ),
    (
        "收到表单提交后，在Pipedrive里把这个交易标记为赢单",
        "form",
        verb("pipedrive", "update"),
    ),
    (
        "每周一把Todoist里已经过期的任务删掉",
        "schedule",
        verb("todoist", "delete"),
    ),
    (
        "每天凌晨两点触发CircleCI流水线",
        "schedule",
        runs("circleci"),
    ),
    (
        "每次GitLab有新的合并请求，就启动Jenkins任务deploy-staging",
        "gitlab",
        runs("jenkins"),
    ),
    (
        "有人在Stripe付款时，把客户信息加到HubSpot",
        "stripe",
        each(no_action("stripe"), verb("hubspot", "create")),
    ),
]


@pytest.mark.parametrize(
    ("text", "trigger", "check"), BANK, ids=[f"o{i:02d}" for i in range(len(BANK))]
)
def test_each_service_gets_its_operation_and_flow(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)
