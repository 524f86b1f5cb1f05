"""The misc bank (sentences of our own, English and Chinese), four general causes:

* a dedupe said in words ("skip anything we've already posted", "只发之前没发过的") puts a
  remove-duplicates step (or a Code step) between the fetch and the send;
* a value the user names for an action (a tag, a list, a priority, a subject, a file name)
  lands in that action's parameters;
* a chat agent ("a bot that answers questions, searches the web, remembers the chat") is an
  AI agent with its web-search tool and memory attached, never a question;
* a vague request ("Hook up Stripe", "每天给我发个报告") gets a question about what is
  missing, naming the service it named; a request that says enough gets none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from flowsmith.core.models import Node, Workflow
from flowsmith.planner.offline import Decision, build, decide
from tests.planner._graph import before

Check = Callable[[Decision], None]
DEDUPE = ("remove_duplicates", "code")


def workflow(d: Decision) -> Workflow:
    assert d.kind == "generate", (d.kind, [q.question for q in d.questions])
    assert d.request is not None
    return build(d.request, None)


def of(wf: Workflow, *subtypes: str) -> list[Node]:
    return [n for n in wf.nodes if n.subtype in subtypes]


def the(wf: Workflow, *subtypes: str) -> Node:
    found = of(wf, *subtypes)
    assert found, (subtypes, [(n.subtype, n.parameters) for n in wf.nodes])
    return found[0]


def deduped(fetch: tuple[str, ...], send: tuple[str, ...]) -> Check:
    """A dedupe step after the node that fetches (one of ``fetch``, the trigger when empty)
    and before the node that sends (one of ``send``)."""

    def run(d: Decision) -> None:
        wf = workflow(d)
        src = the(wf, *fetch) if fetch else wf.nodes[0]
        dst = the(wf, *send)
        steps = [n for n in of(wf, *DEDUPE) if before(wf, src, n) and before(wf, n, dst)]
        assert steps, [(n.subtype, n.parameters) for n in wf.nodes]

    return run


def carries(subtypes: tuple[str, ...], value: str, keys: tuple[str, ...] = ()) -> Check:
    """The node of ``subtypes`` holds ``value`` (a regex) in a parameter, under one of
    ``keys`` when given."""

    def run(d: Decision) -> None:
        wf = workflow(d)
        node = the(wf, *subtypes)
        params = (
            {k: v for k, v in node.parameters.items() if k in keys} if keys else node.parameters
        )
        blob = json.dumps(params, ensure_ascii=False)
        assert re.search(value, blob, re.IGNORECASE), node.parameters

    return run


def agent(tool: str | None, memory: bool, start: tuple[str, ...] = ()) -> Check:
    """An AI agent on the main flow with ``tool`` and (when asked) a memory attached; the
    start is one of ``start`` when given."""

    def run(d: Decision) -> None:
        wf = workflow(d)
        if start:
            assert wf.nodes[0].subtype in start, wf.nodes[0].subtype
        ag = the(wf, "ai_agent")
        assert before(wf, wf.nodes[0], ag)
        byid = {n.id: n for n in wf.nodes}
        attached = [byid[i].subtype for i in ag.attached_nodes if i in byid]
        if tool:
            assert tool in attached, attached
        if memory:
            assert any("memory" in s for s in attached), attached

    return run


def asks(*about: str) -> Check:
    """A question (no workflow) whose text names one of ``about`` when given."""

    def run(d: Decision) -> None:
        assert d.kind == "clarify", d.kind
        said = " ".join([d.reply, *(q.question for q in d.questions)])
        if about:
            assert any(a.lower() in said.lower() for a in about), said

    return run


def builds(*subtypes: str) -> Check:
    """No question: a workflow holding each of ``subtypes``."""

    def run(d: Decision) -> None:
        wf = workflow(d)
        for s in subtypes:
            assert of(wf, s), (s, [n.subtype for n in wf.nodes])

    return run


BANK: list[tuple[str, Check]] = [
    # --- dedupe said in words --------------------------------------------------------------
    (
        "Every hour fetch the RSS feed https://blog.example.com/feed and post new articles "
        "to Slack, skip anything we've already posted",
        deduped((), ("slack", "slack_message")),
    ),
    (
        "每小时读取 https://news.example.com/rss 的RSS，只发之前没发过的到钉钉群",
        deduped((), ("dingtalk",)),
    ),
    (
        "Every morning get the open issues from GitHub and email them to me, but don't send "
        "the same issue twice",
        deduped(("github",), ("send_email", "gmail", "gmail_send")),
    ),
    (
        "每天早上从Google表格读取新线索，发到飞书群里，已经发过的就别再发了",
        deduped(("google_sheets_read", "google_sheets"), ("feishu",)),
    ),
    (
        "Every 30 minutes check https://api.example.com/jobs and send each job to Telegram, "
        "ignore ones we've seen",
        deduped(("http_request",), ("telegram", "telegram_message")),
    ),
    (
        "每隔15分钟抓取 https://example.com/api/news 的新闻推送到Discord，推过的不要再推",
        deduped(("http_request",), ("discord", "discord_message")),
    ),
    (
        "每天从Notion数据库读任务发到Slack频道，同一条不要重复发送",
        deduped(("notion",), ("slack", "slack_message")),
    ),
    # --- values the user names -------------------------------------------------------------
    (
        "When a form is submitted, add the person to Mailchimp and tag them 'webinar-2027'",
        carries(("mailchimp",), "webinar-2027", ("tag_names", "tags")),
    ),
    (
        "Typeform有新回复时，把订阅者加到Mailchimp，打上“2027峰会”的标签",
        carries(("mailchimp",), "2027峰会", ("tag_names", "tags")),
    ),
    (
        "When a Stripe payment fails, create a high priority ticket in Freshdesk",
        carries(("freshdesk",), "high", ("priority",)),
    ),
    (
        "有新的GitHub issue时，在Todoist里建一个任务，优先级设为高",
        carries(("todoist",), r"[34]|high", ("priority",)),
    ),
    (
        "Every Friday at 5pm email team@acme.com with the subject 'Weekly wrap-up'",
        carries(("send_email", "gmail", "gmail_send"), "Weekly wrap-up", ("subject",)),
    ),
    (
        "每周一早上9点给 boss@acme.com 发邮件，主题是“本周计划”",
        carries(("send_email", "gmail", "gmail_send"), "本周计划", ("subject",)),
    ),
    (
        "Every day read the rows of our Google Sheet and upload them to Google Drive, name "
        "the file with today's date",
        carries(("google_drive",), r"\$now|\$today|date", ("name",)),
    ),
    (
        "每天把Airtable里的数据导出上传到OneDrive，文件名用当天的日期",
        carries(("onedrive",), r"\$now|\$today|date", ("file_name",)),
    ),
    (
        "When a new Shopify customer signs up, add them to Mailchimp list 'VIP Customers'",
        carries(("mailchimp",), "VIP Customers", ("list",)),
    ),
    (
        "HubSpot的交易成交后，在ClickUp里建一个任务，标签是“客户上线”",
        carries(("clickup",), "客户上线", ("tags",)),
    ),
    # --- chat agents -----------------------------------------------------------------------
    (
        "做一个内部问答机器人：员工在聊天窗口里提问，AI上网搜索找答案，还要记得之前聊过的内容",
        agent("web_search_tool", True, ("chat_trigger",)),
    ),
    (
        "Build a chat assistant that searches the internet to answer customer questions and "
        "remembers what we talked about earlier",
        agent("web_search_tool", True, ("chat_trigger",)),
    ),
    (
        "a Telegram bot that answers questions with GPT and can look things up on the web",
        agent("web_search_tool", False, ("telegram_trigger",)),
    ),
    (
        "我想要一个能聊天的AI助手，会上网搜资料，能记住我们之前的对话",
        agent("web_search_tool", True, ("chat_trigger",)),
    ),
    (
        "搭一个Telegram机器人，用户发消息提问，AI联网查资料回答，并记住上下文",
        agent("web_search_tool", True, ("telegram_trigger",)),
    ),
    # --- vague requests ask; complete ones do not --------------------------------------------
    ("Hook up Stripe", asks("Stripe")),
    ("connect Notion", asks("Notion")),
    ("每天给我发个报告", asks("报告", "什么", "哪")),
    ("帮我做个自动化", asks()),
    ("automate my invoices", asks("invoice", "what")),
    ("把飞书接进来", asks("飞书")),
    ("帮我弄个和Shopify有关的流程", asks("Shopify")),
    (
        "When a Stripe payment succeeds, add a row to Google Sheets",
        builds("stripe_trigger"),
    ),
    ("每天早上9点把Notion数据库里的新任务发到钉钉群", builds("notion", "dingtalk")),
    (
        "Every Monday email me a summary of last week's Stripe payments",
        builds("stripe"),
    ),
]


@pytest.mark.parametrize(("text", "check"), BANK, ids=[t[:40] for t, _ in BANK])
def test_misc_bank(text: str, check: Check) -> None:
    check(decide(text, [], None))
