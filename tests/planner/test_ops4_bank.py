"""The ops4 bank: operations, reads and data flow in create requests (sentences of our own,
English and Chinese), built the way real requests say them:

* a read said casually ("take whatever is in the Google Doc 'X'", "look in Freshdesk for …",
  "get the stars of my GitHub repos", "pull this week's Toggl hours", "把…里的内容拿出来")
  reads that app, before the step that uses the data, on every path;
* a copy between two stores ("copy every file from my Box folder 'X' to Google Drive",
  "把…文件夹下的所有文件复制到…") reads the source (list, download) and writes the target;
* an export ("export all HubSpot contacts as a CSV file to Dropbox", "导出来存成CSV放到…")
  reads everything, then writes a file to the store;
* appending to a record (the trigger's own item, or a named existing document) updates or
  adds to it after the AI step that wrote the text, it does not make a new document;
* two operations on one app ("create the buyer as a customer in QuickBooks and raise an
  invoice") are two steps of that app, in the order said, with no other app's step;
* a chat bot on a named model provider with memory is an agent with a memory attached;
* a wait before a send ("等两天再发邮件") runs before the send on every path;
* a schedule said "friday 17:00 - …" runs weekly on that day;
* a request that says neither what to watch nor where ("有更新就提醒我一下") gets a question.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from flowsmith.planner.offline import decide
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound
from tests.planner.test_misc_bank import agent, asks
from tests.planner.test_ops_bank import _ids, _verbs, each, flows, verb
from tests.planner.test_trigger_bank import at

Check = Callable[[Graph], None]
AI = ("openai", "anthropic", "llm_chat", "ai_agent", "mistral_ai", "summarize", "classify")


def ai_first(then: str) -> Check:
    """An AI step runs before ``then`` on every path to it."""

    def run(g: Graph) -> None:
        ais = {i for i, n in g.nodes.items() if n.subtype in AI or n.parameters.get("app") in AI}
        assert ais, [n.subtype for n in g.wf.nodes]
        targets = _ids(g, then)
        assert all(any(t in g.below(a) for a in ais) for t in targets), g.edges

    return run


def verb_in(app: str, *wants: str) -> Check:
    """Every step of ``app`` performs an operation of one of the verb groups ``wants``."""

    def run(g: Graph) -> None:
        for i in _ids(g, app):
            assert set(wants) & _verbs(g.nodes[i]), (app, wants, g.nodes[i].parameters)

    return run


def in_order(app: str, *resources: str) -> Check:
    """``app`` has exactly one create step per resource of ``resources``, each after the
    one before it."""

    def run(g: Graph) -> None:
        ids = _ids(g, app)
        by_res = {str(g.nodes[i].parameters.get("resource")): i for i in ids}
        assert sorted(by_res) == sorted(resources) and len(ids) == len(resources), [
            g.nodes[i].parameters for i in ids
        ]
        for i in ids:
            assert "create" in _verbs(g.nodes[i]), g.nodes[i].parameters
        for a, b in pairwise(resources):
            assert by_res[b] in g.below(by_res[a]), g.edges

    return run


def only_apps(*apps: str) -> Check:
    """No app step but those of ``apps`` (besides the trigger)."""

    def run(g: Graph) -> None:
        t = g.trigger().id
        names = {n.parameters.get("app") or n.subtype for i, n in g.nodes.items() if i != t}
        catalog_apps = {a for a in names if _is_app(g, a)}
        assert catalog_apps <= set(apps), catalog_apps

    return run


def _is_app(g: Graph, name: object) -> bool:
    return any(
        n.subtype == name and "operation" in n.parameters and "resource" in n.parameters
        for n in g.wf.nodes
    )


def approves(kind: str, approved: str, rejected: str) -> Check:
    """One approval node of subtype ``kind``; ``approved`` runs only on its approved output,
    ``rejected`` only on its rejected output, and no e-mail step but the approval's own
    asks for it on the way."""

    def run(g: Graph) -> None:
        gates = [i for i, n in g.nodes.items() if n.subtype.startswith("approval")]
        assert [g.nodes[i].subtype for i in gates] == [kind], [n.subtype for n in g.wf.nodes]
        outs: dict[str, set[str]] = {}
        for s, o, t in g.edges:
            if s == gates[0]:
                outs[o] = outs.get(o, set()) | g.below(t)
        assert _ids(g, approved) <= outs.get("approved", set()) - outs.get("rejected", set())
        assert _ids(g, rejected) <= outs.get("rejected", set()) - outs.get("approved", set())

    return run


def scheduled(time: str, weekday: str | None = None) -> Check:
    def run(g: Graph) -> None:
        at(time, weekday)(g.wf)

    return run


GRAPH_BANK: list[tuple[str, str, Check]] = [
    # --- reads said casually, English ----------------------------------------------------------
    (
        "every monday 8am: take whatever is in the Google Doc 'Weekly menu' and post it to our "
        "#kitchen Slack channel",
        "schedule",
        each(verb("google_docs", "read"), flows("google_docs", "slack")),
    ),
    (
        "Every 10 minutes look in Freshdesk for high priority tickets nobody is assigned to and "
        "text me with Twilio",
        "schedule",
        each(verb("freshdesk", "read"), flows("freshdesk", "twilio")),
    ),
    (
        "Every Monday at 8am get the stars and forks of my 5 newest GitHub repositories and add "
        "them as records to my Airtable 'repo-stats' table",
        "schedule",
        each(verb("github", "read"), verb("airtable", "create"), flows("github", "airtable")),
    ),
    (
        "friday 17:00 - pull this week's Toggl hours, add them up per project and email the "
        "totals to my boss",
        "schedule",
        each(scheduled("17:00", "friday"), verb("toggl", "read"), flows("toggl", "email")),
    ),
    # --- copies between stores and exports, English --------------------------------------------
    (
        "Run it by hand: copy every file from my Dropbox folder 'Contracts' to Google Drive",
        "manual",
        each(
            verb("dropbox", "read"),
            verb("google_drive", "create"),
            flows("dropbox", "google_drive"),
        ),
    ),
    (
        "one-off: copy all files in my Nextcloud folder 'Invoices' to my Box",
        "manual",
        each(verb("nextcloud", "read"), verb("box", "create"), flows("nextcloud", "box")),
    ),
    (
        "On demand, export all HubSpot contacts as a CSV file and upload it to Dropbox",
        "manual",
        each(verb("hubspot", "read"), verb("dropbox", "create"), flows("hubspot", "dropbox")),
    ),
    # --- appending to a record, two operations on one app, files -------------------------------
    (
        "When a Jira issue is resolved, ask OpenAI for a short summary of it and add it as a "
        "comment to that issue",
        "jira",
        each(verb("jira", "create"), ai_first("jira")),
    ),
    (
        "When an issue is closed in Linear, have AI write a one-line changelog entry and append "
        "it to our 'Release notes' Google Doc",
        "linear",
        each(verb("google_docs", "update"), ai_first("google_docs")),
    ),
    (
        "When a Shopify order is paid, create that buyer as a customer in QuickBooks and raise "
        "an invoice for the order total",
        "shopify",
        each(in_order("quickbooks", "customer", "invoice"), only_apps("quickbooks")),
    ),
    (
        "For each new item in the RSS feed https://blog.example.com/feed, save the full article "
        "as a text file in Google Drive",
        "rss",
        verb("google_drive", "create"),
    ),
    (
        "When a Jira issue is resolved, wait two days and then email the reporter a "
        "satisfaction survey",
        "jira",
        flows("wait", "email"),
    ),
    # --- reads said casually, Chinese ----------------------------------------------------------
    (
        "每周一早上九点，把Google文档“周报模板”里的内容拿出来发到钉钉群",
        "schedule",
        each(verb("google_docs", "read"), flows("google_docs", "dingtalk")),
    ),
    (
        "每隔半小时去Freshdesk里找一下还没人处理的紧急工单，用Pushover推送给我",
        "schedule",
        each(verb("freshdesk", "read"), flows("freshdesk", "pushover")),
    ),
    (
        "每天晚上获取我最近20个YouTube视频的播放量和点赞数，写进Google表格",
        "schedule",
        each(verb("youtube", "read"), flows("youtube", "sheets")),
    ),
    (
        "周五 18:00 - 拉取本周Toggl的工时，按项目汇总后发到飞书群",
        "schedule",
        each(scheduled("18:00", "friday"), verb("toggl", "read"), flows("toggl", "feishu")),
    ),
    # --- copies between stores and exports, Chinese --------------------------------------------
    (
        "手动运行：把Box里“合同”文件夹下的所有文件复制到Google Drive",
        "manual",
        each(verb("box", "read"), verb("google_drive", "create"), flows("box", "google_drive")),
    ),
    (
        "点一下就把Nextcloud上“发票”文件夹里的文件全部拷贝到Dropbox",
        "manual",
        each(verb("nextcloud", "read"), verb("dropbox", "create"), flows("nextcloud", "dropbox")),
    ),
    (
        "每周日晚上把Pipedrive里的全部交易导出来，存成CSV放到Google Drive",
        "schedule",
        each(
            verb("pipedrive", "read"),
            verb("google_drive", "create"),
            flows("pipedrive", "google_drive"),
        ),
    ),
    (
        "手动触发：把Shopify里所有订单导出成CSV文件，上传到Dropbox",
        "manual",
        each(verb("shopify", "read"), verb("dropbox", "create"), flows("shopify", "dropbox")),
    ),
    # --- appending to a record, two operations on one app, files, waits, Chinese ---------------
    (
        "GitLab上的问题关闭后，用AI把标题写成一句更新说明，追加到我们的Google文档“更新日志”里",
        "gitlab",
        each(verb("google_docs", "update"), ai_first("google_docs")),
    ),
    (
        "Stripe收到新付款后，先在QuickBooks里新建这个客户，再给他开一张发票",
        "stripe",
        each(in_order("quickbooks", "customer", "invoice"), only_apps("quickbooks")),
    ),
    (
        "RSS https://news.example.com/feed 一有新文章，就把正文保存成文本文件放到Google Drive的"
        "“新闻存档”文件夹",
        "rss",
        verb("google_drive", "create"),
    ),
    (
        "Shopify订单发货之后，等三天再给客户发一封邮件，请他写评价",
        "shopify",
        flows("wait", "email"),
    ),
    (
        "Stripe收到付款以后，过两个小时再给用户发短信",
        "stripe",
        flows("wait", "twilio"),
    ),
    (
        "Jira问题关闭后，等两天再给报告人发邮件，问他是否满意",
        "jira",
        flows("wait", "email"),
    ),
    (
        "Pipedrive新交易超过5万时，先发邮件让老板审批，批了就在Xero开发票，没批就在Slack通知销售",
        "pipedrive",
        approves("approval_email", "xero", "slack"),
    ),
    (
        "Zendesk里新建高优先级工单时，在Slack上让客服主管审批，批了就在Jira建问题，没批就发邮件告诉客户",
        "zendesk",
        approves("approval_slack", "jira", "email"),
    ),
    (
        "When a new Stripe refund over $200 comes in, ask the finance lead to approve it in Slack; "
        "if approved create a credit note in Xero, if rejected email the customer",
        "stripe",
        approves("approval_slack", "xero", "email"),
    ),
    (
        "Trello卡片移到完成列表后，让Claude写三条要点，作为评论加到那张卡片上",
        "trello",
        each(verb_in("trello", "create", "update"), ai_first("trello")),
    ),
]

GRAPH_OPEN: dict[str, str] = {
    "RSS https://news.example.com/": "the trigger: a feed said as 'RSS <url>' before '一有新文章' loses "
    "to a Google Drive file event read off the folder in the action (trigger reading)",
}


@pytest.mark.parametrize(("text", "start", "check"), bank_cases(GRAPH_BANK, GRAPH_OPEN, 60))
def test_reads_copies_and_appends_flow(text: str, start: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, start)


ASK_BANK: list[tuple[str, Callable[..., None]]] = [
    (
        "Build me a support chatbot that uses Anthropic's Claude and remembers the conversation",
        agent(None, memory=True),
    ),
    ("帮我做一个客服聊天机器人，用OpenAI的模型，要记住之前的对话", agent(None, memory=True)),
    ("帮我搭一个写作助手聊天机器人，用Mistral的模型，记得住之前聊的内容", agent(None, memory=True)),
    ("有更新就提醒我一下", asks("什么", "哪", "which", "what")),
    ("Let me know whenever there's something new", asks("什么", "哪", "which", "what")),
    ("一有变化就告诉我", asks("什么", "哪", "which", "what")),
]

ASK_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "check"), bank_cases(ASK_BANK, ASK_OPEN, 60))
def test_bots_and_vague_requests(text: str, check: Callable[..., None]) -> None:
    check(decide(text, [], None))
