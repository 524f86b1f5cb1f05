"""Words that send items somewhere ("… is logged to the 'Leads' tab of our sheet", "goes
into Grist", "gets a Linear issue", "记到…里", "进Airtable", "列到Smartsheet") make a write
of the named app, not a read; a read said outright ("list all rows from …", "列出…") stays
a read. Sentences of our own, English and Chinese; each case names its app and the write
operations of that app's fitting resource the catalog offers.
"""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import ServiceStep, walk
from flowsmith.planner.parse import parse_request
from tests.planner._graph import graph, one

# (text, app, resource, the write operations that fit)
_WRITES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "When a new Typeform response arrives, it should be logged to the 'Leads' tab of "
        "our Google Sheet",
        "google_sheets",
        "sheet",
        ("append", "appendOrUpdate"),
    ),
    (
        "When a new Shopify order comes in, the order gets logged in Supabase",
        "supabase",
        "row",
        ("create",),
    ),
    (
        "When a HubSpot deal is won, list it in our Smartsheet 'Won deals' sheet",
        "smartsheet",
        "row",
        ("add",),
    ),
    (
        "When a new Gmail attachment arrives, the file goes to the 'invoices' folder of our "
        "Nextcloud",
        "nextcloud",
        "file",
        ("upload",),
    ),
    (
        "When a new RSS feed item is published, it should go into my Microsoft To Do "
        "'Reading' list",
        "microsoft_todo",
        "task",
        ("create",),
    ),
    (
        "When a Calendly meeting is booked, the invitee goes into Grist (Prospects table)",
        "grist",
        "row",
        ("create",),
    ),
    (
        "When a Stripe payment fails, the payment gets a ServiceNow incident",
        "servicenow",
        "incident",
        ("create",),
    ),
    (
        "When a new Sentry error comes in, it gets a Zammad ticket",
        "zammad",
        "ticket",
        ("create",),
    ),
    (
        "When a Slack message is starred, file it in Notion",
        "notion",
        "",
        ("create", "append"),
    ),
    (
        "When a Jotform form is submitted, the answers are filed in Baserow",
        "baserow",
        "row",
        ("create",),
    ),
    ("收到新的Typeform回复时，记到谷歌表格的'线索'工作表里", "google_sheets", "sheet", ("append",)),
    ("Stripe付款成功后，把付款记到Supabase里", "supabase", "row", ("create",)),
    ("有新的Shopify订单时，订单进Airtable", "airtable", "record", ("create",)),
    ("收到新的Gmail附件时，文件放进Dropbox的'发票'文件夹", "dropbox", "file", ("upload",)),
    ("每当有新的Calendly预约，就进Grist的客户表", "grist", "row", ("create",)),
    ("Zoom会议结束后，录音归到OneDrive的'会议'文件夹", "onedrive", "file", ("upload",)),
    ("表单提交后，答案都进到微软待办的'跟进'列表", "microsoft_todo", "task", ("create",)),
    ("有新的HubSpot联系人时，列到Smartsheet的'客户'表里", "smartsheet", "row", ("add",)),
    ("收到新的Jira问题时，记在Baserow里", "baserow", "row", ("create",)),
    ("Sentry报错时，错误都进Notion", "notion", "", ("create", "append")),
    (
        "When a new Gmail attachment arrives, the file goes to the 'scans' folder of our S3 bucket",
        "amazon_s3",
        "file",
        ("upload",),
    ),
    (
        "When a Typeform is submitted, the replies are saved to the 'Replies' table of our Excel "
        "workbook",
        "excel_365",
        "",
        ("append",),
    ),
    ("新的Stripe退款都记进Excel的'退款'工作表", "excel_365", "worksheet", ("append",)),
    ("Pocket文章收到后，其他的都进Coda", "coda", "table", ("createRow",)),
    ("When a GitHub issue is opened, it ends up in Linear", "linear", "issue", ("create",)),
    (
        "When a new order arrives, it is put in our Baserow 'Orders' table",
        "baserow",
        "row",
        ("create",),
    ),
]


@pytest.mark.parametrize(("text", "app", "resource", "ops"), _WRITES)
def test_a_destination_is_written(text: str, app: str, resource: str, ops: tuple[str, ...]) -> None:
    node = one(graph(text), app)
    if resource:
        assert node.parameters["resource"] == resource, node.parameters
    assert node.parameters["operation"] in ops, node.parameters


_READS: list[tuple[str, str]] = [
    ("Every morning, list all rows from Smartsheet and email them to me", "smartsheet"),
    ("Every Monday, get all tickets from Freshservice and post them to Slack", "freshservice"),
    ("Every hour, list the files in the 'scans' folder of our Nextcloud", "nextcloud"),
    ("每天早上列出Baserow里的所有行，然后发到Slack", "baserow"),
    ("每周一从Zammad获取所有工单", "zammad"),
    ("When a webhook is called, get a HubSpot contact by email", "hubspot"),
    ("每周一进行一次HubSpot联系人查询", "hubspot"),
    ("收到新订单时，检查客户是否存在于Airtable", "airtable"),
    ("When a webhook is called, then get a Zendesk ticket by id and post it to Slack", "zendesk"),
]


@pytest.mark.parametrize(
    ("text", "app", "want"),
    [
        ("Every day, create a folder in our Dropbox", "dropbox", ("folder", "create")),
        ("每天早上在Nextcloud新建一个文件夹", "nextcloud", ("folder", "create")),
    ],
)
def test_a_place_made_outright_is_still_made(text: str, app: str, want: tuple[str, str]) -> None:
    node = one(graph(text), app)
    assert (node.parameters["resource"], node.parameters["operation"]) == want


@pytest.mark.parametrize(("text", "app"), _READS)
def test_a_read_said_outright_stays_a_read(text: str, app: str) -> None:
    op = str(one(graph(text), app).parameters["operation"])
    assert op in ("getAll", "get", "list", "read", "search", "readRows"), op


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        (
            "Every morning read the HubSpot deals; deals worth more than 10000 go to the "
            "#big-deals Slack channel, the rest are added to a Google Sheet",
            "post",
        ),
        ("New Stripe payments go to the #finance Slack channel", "post"),
        ("Every failed build should end up in the #ci Slack channel", "post"),
        ("Create a Slack channel called #launch every Monday", "create"),
    ],
)
def test_a_channel_said_by_its_name_is_where_messages_go(text: str, operation: str) -> None:
    """Regression: "go to the #big-deals Slack channel" created a channel."""
    frame = parse_request(text)
    assert frame is not None
    slack = [s for s in walk(frame.steps) if isinstance(s, ServiceStep) and s.app == "slack"]
    assert [s.operation for s in slack] == [operation]
