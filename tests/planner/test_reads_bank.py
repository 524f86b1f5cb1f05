"""Read-then-act bank (sentences of our own, English and Chinese).

Constructions: a workflow READS items from a service (list, search, get) and acts per item or
on a total, with a condition on what was read:

* an age condition on each item read ("stuck in a stage for over 21 days", "超过30天没有更新");
* a total per person, then a condition on that total with a unit ("below 25 hours");
* a read said with a Chinese look verb ("看看", "查一下") of the app named earlier, and an
  empty-result guard ("有的话…，没有就别发");
* a record, then a read of the store and a reply with a total on the trigger's own channel;
* "add to X if they're not in there yet": a lookup in X, the create behind a not-found test;
* "anything over 500" on a form whose fields name the measure;
* "if X returned nothing, email me and don't upload": the email and the upload on different
  outputs of one test (create and edit).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flowsmith.core.models import Workflow
from flowsmith.core.services import node_service
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import Graph, sound
from tests.planner.edit_fixtures import edit, is_email, kept, node, wf
from tests.planner.test_conds7_bank import READS, apart, each, free, gated, on, read

Check = Callable[[Graph], None]

DAYS = ("day", "date", "time", "update", "modified", "stage", "天", "日期", "更新")
HOURS = ("hour", "total", "sum", "duration", "小时")
LOOKED = ("email", "phone", "id", "exist", "found", "empty", "new", "邮箱")


def read_before(app: str, step: str) -> Check:
    """A reading node of ``app`` comes before some node of ``step``."""

    def run(g: Graph) -> None:
        readers = [
            i
            for i in g.find(app)
            if str(g.nodes[i].parameters.get("operation", "")).lower().startswith(READS)
        ]
        targets = g.find(step)
        assert any(targets & g.below(r) for r in readers), (readers, g.edges)

    return run


BANK: list[tuple[str, str, Check]] = [
    # --- an age condition on each item read ---------------------------------------------------
    (
        "Every weekday at 8am, list the HubSpot deals that have been stuck in the "
        "'Negotiation' stage for over 21 days and post each one to Slack #sales.",
        "schedule",
        each(read("hubspot"), on("slack", DAYS), read_before("hubspot", "slack")),
    ),
    (
        "每周二早上10点，查出Pipedrive里在“报价”阶段停留超过10天的交易，每个都在Asana里建一个跟进任务",
        "schedule",
        each(read("pipedrive"), on("asana", DAYS)),
    ),
    (
        "Every Monday 9am get the open Jira issues that haven't been updated in more than 7 "
        "days and post each to Microsoft Teams.",
        "schedule",
        each(read("jira"), on("microsoft_teams", DAYS)),
    ),
    (
        "每天早上9点查一下HubSpot里超过30天没有更新的联系人，每个都在Slack里提醒销售",
        "schedule",
        each(read("hubspot"), on("slack", DAYS)),
    ),
    # --- a total per person, then a condition on the total ------------------------------------
    (
        "Each Monday 7am pull last week's Toggl time entries, sum the hours per person and "
        "email the summary to ops@firm.io. Anyone below 25 hours last week gets a Slack DM.",
        "schedule",
        each(read("toggl"), on("slack", HOURS)),
    ),
    (
        "每周五下午5点拉取Clockify本周的工时记录，按项目汇总小时数发到飞书群里；本周记录少于20小时的同事，用邮件提醒他一下",
        "schedule",
        each(read("clockify"), on("send_email", HOURS)),
    ),
    # --- a Chinese look verb for the app named earlier; an empty-result guard ------------------
    (
        "我用Asana管团队任务，每天下午6点看看今天到期还没完成的任务，有的话用Slack提醒我，一条都没有就不用发",
        "schedule",
        each(read("asana"), gated("slack", ("",)), read_before("asana", "slack")),
    ),
    (
        "Every evening at 9, check my Todoist tasks due today that aren't done yet; if there "
        "are any, ping me on Telegram, and if there are none don't send anything.",
        "schedule",
        each(read("todoist"), gated("telegram", ("",))),
    ),
    (
        "每10分钟用UptimeRobot查一下所有监控，状态是down的就在飞书里发告警，正常的不用管",
        "schedule",
        each(read("uptime_robot"), on("feishu", ("status", "状态"))),
    ),
    (
        "Every 15 minutes check all my UptimeRobot monitors and text me through Twilio about "
        "any that are down.",
        "schedule",
        each(read("uptime_robot"), read_before("uptime_robot", "twilio")),
    ),
    (
        "每小时用Zendesk查一下所有未分配的工单，有的话在Slack的#support频道里发一条，没有就别发",
        "schedule",
        each(read("zendesk"), gated("slack", ("",))),
    ),
    # --- record, then read the store and reply with a total on the trigger's channel ----------
    (
        "做一个记账机器人：我在Telegram上发“打车 28”这样的消息，它解析出类别和金额，存到Airtable的“支出”表，再回复我本周一共花了多少",
        "telegram",
        each(read("airtable"), read_before("airtable", "telegram")),
    ),
    (
        "When I post an expense like 'taxi 18' in our Slack #expenses channel, parse out the "
        "category and amount, add it as a row to Google Sheets, then reply in the channel with "
        "this month's total.",
        "slack",
        each(read("google_sheets"), read_before("google_sheets", "slack")),
    ),
    # --- add to X if they're not in there yet -------------------------------------------------
    (
        "For every new Calendly booking, add the invitee to HubSpot contacts if they're not "
        "in there yet, then email them our intake form.",
        "calendly",
        each(read("hubspot"), on("hubspot", LOOKED)),
    ),
    (
        "每当Typeform有新的提交，如果这个人还不在Mailchimp的名单里，就把他加进去，然后在Slack里通知我",
        "typeform",
        each(read("mailchimp"), on("mailchimp", LOOKED)),
    ),
    (
        "When a Stripe customer is created, add them to Google Contacts unless they already "
        "exist there.",
        "stripe",
        each(read("google_contacts"), on("google_contacts", LOOKED)),
    ),
    # --- a form field the condition compares ---------------------------------------------------
    (
        "Set up a form where staff submit purchase requests (requester, item, cost). Every "
        "request goes into Airtable, and anything above 500 also gets posted to Slack #finance.",
        "form",
        each(on("slack", ("cost",)), free("airtable")),
    ),
    (
        "做一个表单让大家登记报销（报销人、金额、事由），每条都写进Google表格，超过1000的还要用企业微信通知老板",
        "form",
        each(on("wecom", ("金额", "amount")), free("google_sheets")),
    ),
    (
        "A form for team lunch orders (name, dish, price): save each one to Notion, and "
        "anything over 30 also gets emailed to me at me@lunch.io",
        "form",
        each(on("send_email", ("price",)), free("notion")),
    ),
    # --- an empty result: email instead of the step after ---------------------------------------
    (
        "每周一早上8点拉取Notion“待办”数据库的条目发到Slack；如果Notion什么都没返回，就发邮件告诉我，不要发到Slack",
        "schedule",
        each(read("notion"), apart("send_email", "slack")),
    ),
    (
        "Every night at 1am read all rows of the 'orders' Airtable table and upload them to "
        "Google Drive; if Airtable returned nothing, email me and don't upload.",
        "schedule",
        each(read("airtable"), apart("send_email", "google_drive")),
    ),
]

_OPEN: dict[str, str] = {
    "做一个记账机器人": "the total said after the record reads nothing and replies nowhere",
    "When I post an expense like": "the total said after the record reads nothing",
    "Set up a form where staff subm": "'anything above 500' compares the default amount, not "
    "the form's cost field",
    "A form for team lunch orders (": "'emailed to me at me@lunch.io' makes the start an "
    "email trigger",
    "每周一早上8点拉取Notion": "the empty-result case does not take the step after to its "
    "other output",
    "Every night at 1am read all ro": "'if Airtable returned nothing' opens no condition",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_reads_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


# --- edits: an empty-result branch put before an upload ----------------------------------------


def _backup(reader: str, params: dict[str, str], uploader: str) -> Workflow:
    return wf(
        [
            node("n1", "schedule_trigger", "Nightly", {"interval": "days", "every": "1"}),
            node("n2", reader, "Read", params),
            node("n3", uploader, "Upload", {"resource": "file", "operation": "upload"}),
        ],
        [("n1", "main", "n2"), ("n2", "main", "n3")],
    )


def _reach(w: Workflow, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        cur = todo.pop()
        for c in w.connections:
            if c.from_node == cur and c.to_node not in seen:
                seen.add(c.to_node)
                todo.append(c.to_node)
    return seen


def _apart(w: Workflow, upload: str) -> None:
    """One IF sends to an email on one output and to ``upload`` on the other only."""
    mails = {n.id for n in w.nodes if is_email(n)}
    assert mails, [n.subtype for n in w.nodes]
    for gate in (n for n in w.nodes if n.subtype == "if"):
        outs: dict[str, set[str]] = {}
        for c in w.connections:
            if c.from_node == gate.id:
                outs.setdefault(c.from_output or "main", set()).update(
                    {c.to_node} | _reach(w, c.to_node)
                )
        up = {o for o, r in outs.items() if upload in r}
        mail = {o for o, r in outs.items() if mails & r}
        if len(up) == 1 and len(mail) == 1 and up != mail:
            return
    raise AssertionError([(c.from_node, c.from_output, c.to_node) for c in w.connections])


EDITS: list[tuple[str, str, dict[str, str], str]] = [
    (
        "上传之前先检查Airtable有没有返回数据，如果是空的就发邮件给我，别上传",
        "airtable",
        {"resource": "record", "operation": "search"},
        "google_drive",
    ),
    (
        "Before uploading, check whether Postgres returned any rows; if it's empty, email me "
        "instead and skip the upload.",
        "postgres",
        {"operation": "select"},
        "amazon_s3",
    ),
]

_EDIT_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(
    ("text", "reader", "params", "uploader"), bank_cases(EDITS, _EDIT_OPEN, 40)
)
def test_reads_edit_bank(text: str, reader: str, params: dict[str, str], uploader: str) -> None:
    before = _backup(reader, params, uploader)
    after = edit(before, text)
    kept(before, after, ["n1", "n2", "n3"])
    _apart(after, "n3")
    assert all(
        node_service(n) is None or n.id != "n3" or n.subtype == uploader for n in after.nodes
    )


def test_bank_size() -> None:
    texts = [r[0] for r in BANK] + [r[0] for r in EDITS]
    assert len(texts) >= 20
    assert sum(1 for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
