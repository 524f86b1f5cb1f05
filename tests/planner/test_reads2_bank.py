"""Read-back bank, round 2 (sentences of our own, English and Chinese).

Constructions: data is read back and checked before acting:

* an opening context clause names the app ("我用X管…", "I keep my … in X"), a later look verb
  reads it, and an empty result sends nothing ("有的话…，没有就别发");
* a bot records an entry, then reads the store back and replies with a total on the
  trigger's own channel;
* "if X returned nothing, email me instead of uploading": the email and the upload on
  different outputs of one test (create and edit);
* "wait N minutes and re-check at GET https://… before <step>; only if still <state>":
  wait, an HTTP GET, a condition on the status it returns, then the existing step (edit);
* "not updated in more than N days": an age condition on each item read.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.planner import edit_fixtures as f
from tests.planner.bank_cases import bank_cases
from tests.planner.branch_graph import YES, Graph, sound
from tests.planner.test_conds7_bank import apart, each, gated, on, read
from tests.planner.test_editsteps_bank import _below
from tests.planner.test_reads_bank import DAYS, _apart, _backup, read_before

Check = Callable[[Graph], None]

BANK: list[tuple[str, str, Check]] = [
    # --- context clause names the app; look verb reads it; empty result sends nothing --------
    (
        "我用Trello管读书计划，每周日晚上8点看看这周到期还没读完的卡片，有的话用Telegram提醒我，一张都没有就别发",
        "schedule",
        each(read("trello"), gated("telegram", ("",)), read_before("trello", "telegram")),
    ),
    (
        "我平时用ClickUp记工作任务，每天早上7点半查一下今天要截止的任务，有的话在钉钉里提醒我，没有就不用发",
        "schedule",
        each(read("clickup"), gated("dingtalk", ("",)), read_before("clickup", "dingtalk")),
    ),
    (
        "I keep my chores in Microsoft To Do. Every night at 9:30 look at what's due today "
        "and still open; if there's anything, send me a Pushover notification, otherwise "
        "send nothing.",
        "schedule",
        each(read("microsoft_todo"), gated("pushover", ("",))),
    ),
    (
        "We track bugs in Linear. Each morning at 8 check for urgent issues nobody has "
        "picked up; if there are some, post them to Discord, and if there are none stay "
        "quiet.",
        "schedule",
        each(read("linear"), gated("discord", ("",)), read_before("linear", "discord")),
    ),
    # --- record, then read the store back and reply with a total on the trigger's channel ----
    (
        "做个体重记录bot：我在Telegram上发“72.5”，它就把体重记进Google表格，然后回我这周的平均体重",
        "telegram",
        each(read("google_sheets"), read_before("google_sheets", "telegram")),
    ),
    (
        "帮我做个喝水打卡机器人：我在Discord里发“500ml”，它记到Airtable的“喝水”表里，再回复我今天一共喝了多少",
        "discord",
        each(read("airtable"), read_before("airtable", "discord")),
    ),
    (
        "When someone logs their running distance in our Slack #runs channel like '5.2 km', "
        "save it to Notion, then answer in the thread with their total distance this month.",
        "slack",
        each(read("notion"), read_before("notion", "slack")),
    ),
    (
        "Build a Telegram bot: I text it a book title when I finish reading, it adds a row "
        "to Airtable, then replies with how many books I've read this year.",
        "telegram",
        each(read("airtable"), read_before("airtable", "telegram")),
    ),
    # --- an empty result: email instead of the step after (create) ----------------------------
    (
        "每天凌晨2点从Postgres查出昨天的订单，导出后上传到OneDrive；如果Postgres什么都没查到，就发邮件告诉我，不要上传",
        "schedule",
        each(read("postgres"), apart("send_email", "onedrive")),
    ),
    (
        "Every Sunday at midnight fetch all pages of the 'Recipes' Notion database and back "
        "them up to Dropbox; if Notion came back empty, email me and skip the backup.",
        "schedule",
        each(read("notion"), apart("send_email", "dropbox")),
    ),
    # --- not updated in more than N days ------------------------------------------------------
    (
        "Every Friday at 3pm find the Trello cards that haven't been updated in more than "
        "14 days and post each one to Slack #standup.",
        "schedule",
        each(read("trello"), on("slack", DAYS)),
    ),
    (
        "每周三上午10点找出GitHub里超过20天没有更新的issue，每个都在飞书里提醒负责人",
        "schedule",
        each(read("github"), on("feishu", DAYS)),
    ),
]

_OPEN: dict[str, str] = {
    "I keep my chores in Microsoft": "'look at what's due' of the app named before is a create",
    "We track bugs in Linear. Each": "'check for urgent issues' of the app named before is a create",
    "做个体重记录bot": "the total said after the record reads nothing back",
    "帮我做个喝水打卡机器人": "the total said after the record reads nothing back",
    "When someone logs their runnin": "the total said after the record reads nothing back",
    "Build a Telegram bot: I text i": "the count said after the record reads nothing back",
    "每天凌晨2点从Postgres查出": "'如果X什么都没查到' opens no condition",
    "Every Sunday at midnight fetch": "'if X came back empty' opens no condition",
}


@pytest.mark.parametrize(("text", "trigger", "check"), bank_cases(BANK, _OPEN, 40))
def test_reads2_bank(text: str, trigger: str, check: Check) -> None:
    g = Graph(text)
    check(g)
    sound(g, trigger)


# --- edits: an empty-result test put before an upload -----------------------------------------

EDITS: list[tuple[str, str, dict[str, str], str]] = [
    (
        "备份之前先检查MySQL有没有查到数据，如果是空的就发邮件通知我，不要上传",
        "mysql",
        {"operation": "executeQuery"},
        "dropbox",
    ),
    (
        "Before the upload, check whether Google Sheets returned any rows; if none came "
        "back, email me and don't upload anything.",
        "google_sheets",
        {"resource": "sheet", "operation": "read"},
        "onedrive",
    ),
    (
        "上传前先确认Airtable返回了数据，没有数据的话就邮件告诉我，别上传",
        "airtable",
        {"resource": "record", "operation": "search"},
        "amazon_s3",
    ),
]

_EDIT_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(
    ("text", "reader", "params", "uploader"), bank_cases(EDITS, _EDIT_OPEN, 40)
)
def test_reads2_edit_bank(text: str, reader: str, params: dict[str, str], uploader: str) -> None:
    before = _backup(reader, params, uploader)
    after = f.edit(before, text)
    f.kept(before, after, ["n1", "n2", "n3"])
    _apart(after, "n3")


# --- edits: wait, re-check by GET, condition on the status, then the existing step -------------

_RECHECK = [
    (
        "For urgent tickets, wait 3 minutes and re-check the ticket at GET "
        "https://help.acme.dev/v2/tickets/{id} before texting; only text if it's still open",
    ),
    (
        "紧急工单先等15分钟，然后GET https://help.acme.dev/v2/tickets/{id} 再查一次状态，还没解决才发短信",
    ),
    (
        "For urgent ones, hold 2 minutes, then GET https://ops.acme.dev/api/incidents/{id} "
        "again before the SMS and only send it if the status is still unresolved",
    ),
    (
        "紧急的先等5分钟，再请求GET https://ops.acme.dev/api/incidents/{id} 确认一下，状态还是open才发短信",
    ),
]

_RECHECK_OPEN: dict[str, str] = {
    "紧急工单先等15分钟": "'然后GET https://… 再查一次' adds no HTTP step nor check",
    "For urgent ones, hold 2 minute": "'then GET https://… again' adds no HTTP step nor check",
    "紧急的先等5分钟": "'再请求GET https://… 确认' adds no HTTP step nor check",
}


@pytest.mark.parametrize("text", bank_cases(_RECHECK, _RECHECK_OPEN, 40))
def test_wait_recheck(text: str) -> None:
    before = f.tickets()
    after = f.edit(before, text)
    (wait,) = [n for n in f.new_nodes(before, after) if n.subtype == "wait"]
    (call,) = [n for n in f.new_nodes(before, after) if n.subtype == "http_request"]
    assert "acme.dev" in str(call.parameters)
    assert f.into(after, wait.id) == [("i", "true")]
    assert call.id in _below(after, wait.id)
    assert "c" in _below(after, call.id)
    assert "c" not in _below(after, "i", avoid=call.id)
    gate, out = f.gate_of(after, "c")
    assert gate.id != "i" and out in YES
    says = ("status", "open", "state", "unresolved", "解决")
    assert any(w in str(gate.parameters).lower() for w in says)
    f.kept(before, after, ["t", "i", "c", "m"])


def test_bank_size() -> None:
    rows = [r[0] for r in (*BANK, *EDITS, *_RECHECK)]
    assert len(rows) >= 16
    assert sum(1 for t in rows if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 8
