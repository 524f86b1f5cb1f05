"""The trigops5 bank: triggers said as a noun phrase or as the subject of the sentence, and
operations chosen from what the sentence does with the resource (sentences of our own,
English and Chinese, about half each).

Constructions: "every response to the X form becomes …", "New <form app> registration for …:
…", "<form app>问卷里打了…分的…" (the app's submission event, not a manual run or a schedule,
and a later "confirmation email" is a step, not an email-arrival trigger); "<sheet>里哪一行的
…被改成…" (a row-updated event); "check the DNS records … differ from yesterday" (a read);
"upload it to the S3 bucket" (a file upload, not a bucket); "把订单更新为…" (an update);
"post the review as a comment on the merge request" (a merge-request comment); "打上…标签"
(the tag is carried by the contact step or a tag step); "写完之后把这个key清零/删掉" (a Redis
write after the destination); "转成CSV … 文件名带日期" (a CSV file step before the upload,
the date in the file name)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from flowsmith.core.models import Node, Workflow
from tests.planner._graph import downstream, graph, guarded_by, trigger
from tests.planner.bank_cases import bank_cases
from tests.planner.frames import needs
from tests.planner.test_trigger_bank import each, guard, on_event, starts

Check = Callable[[Workflow], None]
MAIL_APPS = ("gmail", "outlook", "sendgrid", "mailgun", "mailjet", "brevo")


def _shape(wf: Workflow) -> list[tuple[str, str, dict[str, object]]]:
    return [(n.id, n.subtype, n.parameters) for n in wf.nodes]


def _op(n: Node) -> str:
    return str(n.parameters.get("operation", "")).lower()


def _find(wf: Workflow, app: str, prefixes: tuple[str, ...]) -> list[Node]:
    reach = downstream(wf, trigger(wf))
    return [
        n
        for n in wf.nodes
        if n.id in reach
        and n.subtype == app
        and _op(n).startswith(tuple(p.lower() for p in prefixes))
    ]


def _mail(wf: Workflow) -> list[Node]:
    reach = downstream(wf, trigger(wf))
    return [
        n
        for n in wf.nodes
        if n.id in reach
        and (n.subtype == "send_email" or (n.subtype in MAIL_APPS and _op(n).startswith("send")))
    ]


def op(app: str, *prefixes: str, resource: str | None = None, text: str | None = None) -> Check:
    """A node of ``app`` after the trigger runs an operation starting with one of ``prefixes``
    (on ``resource``, with ``text`` somewhere in its parameters, when given)."""

    def run(wf: Workflow) -> None:
        found = _find(wf, app, prefixes)
        if resource is not None:
            found = [n for n in found if n.parameters.get("resource") == resource]
        if text is not None:
            found = [
                n
                for n in found
                if text.lower() in json.dumps(n.parameters, ensure_ascii=False).lower()
            ]
        assert found, (app, prefixes, resource, text, _shape(wf))

    return run


def no_op(app: str, *prefixes: str) -> Check:
    """No node of ``app`` runs an operation starting with one of ``prefixes``."""

    def run(wf: Workflow) -> None:
        assert not _find(wf, app, prefixes), (app, prefixes, _shape(wf))

    return run


def mails() -> Check:
    """An email is sent after the trigger."""

    def run(wf: Workflow) -> None:
        assert _mail(wf), _shape(wf)

    return run


def tagged(app: str, tag: str, *tag_ops: str) -> Check:
    """``tag`` reaches ``app``: in the parameters of its contact step or of a tag operation."""

    def run(wf: Workflow) -> None:
        reach = downstream(wf, trigger(wf))
        for n in wf.nodes:
            text = json.dumps(n.parameters, ensure_ascii=False).lower()
            if n.id in reach and n.subtype == app and tag.lower() in text:
                return
        raise AssertionError((app, tag, tag_ops, _shape(wf)))

    return run


def after(first: tuple[str, tuple[str, ...]], then: tuple[str, tuple[str, ...]]) -> Check:
    """A node of app ``then[0]`` (operation prefixes ``then[1]``) runs downstream of one of
    app ``first[0]`` (operation prefixes ``first[1]``)."""

    def run(wf: Workflow) -> None:
        firsts = _find(wf, first[0], first[1])
        thens = {n.id for n in _find(wf, then[0], then[1])}
        assert any(thens & downstream(wf, f) for f in firsts), (first, then, _shape(wf))

    return run


def converts_before(app: str, *prefixes: str, fmt: str = "csv") -> Check:
    """A file step writing ``fmt`` (n8n convertToFile, or a file write / code step naming it)
    runs before the ``app`` upload, and the upload's file name carries the date."""

    def run(wf: Workflow) -> None:
        ups = _find(wf, app, prefixes)
        assert ups, _shape(wf)
        steps = [n for n in wf.nodes if fmt in json.dumps(n.parameters).lower()]
        steps = [n for n in steps if n.subtype not in (app, trigger(wf).subtype)]
        assert any(ups[0].id in downstream(wf, s) for s in steps), _shape(wf)
        name = json.dumps(ups[0].parameters).lower()
        assert any(w in name for w in ("$now", "$today", "date")), _shape(wf)

    return run


def guarded(app: str, *prefixes: str) -> Check:
    """Every node of ``app`` with that operation sits behind a condition."""

    def run(wf: Workflow) -> None:
        found = _find(wf, app, prefixes)
        assert found and all(guarded_by(wf, n) for n in found), _shape(wf)

    return run


def branches(
    a: Check, a_app: tuple[str, tuple[str, ...]], b_app: tuple[str, tuple[str, ...]]
) -> Check:
    """The two steps hang on different outputs of one condition (``a`` is checked first)."""

    def run(wf: Workflow) -> None:
        a(wf)
        xs, ys = _find(wf, *a_app), _find(wf, *b_app)
        if b_app[0] == "send_email":
            ys = _mail(wf)
        for x in xs:
            for y in ys:
                # one IF/switch leads to each on a different output, or each has a guard
                # the other lacks (two conditions, one per step)
                outs_x = {(n.id, o) for n, o in guarded_by(wf, x)}
                outs_y = {(n.id, o) for n, o in guarded_by(wf, y)}
                if any(i == j and o != p for i, o in outs_x for j, p in outs_y):
                    return
                if (outs_x - outs_y) and (outs_y - outs_x):
                    return
        raise AssertionError((a_app, b_app, _shape(wf)))

    return run


def _true(_wf: Workflow) -> None:
    return None


FORM = "form_submitted"
ROW_UPDATE = ("google_sheets_trigger",)

BANK: list[tuple[str, tuple[str, ...], Check]] = [
    # --- a trigger said as a noun phrase / the subject ----------------------------------------
    (
        "I want every entry in the 'Volunteers' Wufoo form to become a card in Trello, and the "
        "volunteer should get a welcome email",
        ("wufoo", "trello"),
        each(on_event("wufoo", FORM), op("trello", "create"), mails()),
    ),
    (
        "Each response to our 'Feedback' Google Form should be added as a row in Google Sheets "
        "and the respondent should get a thank-you email",
        ("google_forms", "google_sheets"),
        each(on_event("google_forms", FORM), op("google_sheets", "append"), mails()),
    ),
    (
        "New Typeform submission for the hackathon: if they chose 'team' create a Trello card, "
        "if they chose 'solo' send them the rules by email through Mailgun",
        ("typeform", "trello", "mailgun"),
        each(
            on_event("typeform", FORM),
            branches(_true, ("trello", ("create",)), ("mailgun", ("send",))),
        ),
    ),
    (
        "New KoBoToolbox entry for the field survey: add it as a record in Airtable",
        ("kobotoolbox", "airtable"),
        each(on_event("kobotoolbox", FORM), op("airtable", "create")),
    ),
    (
        "Jotform报名表的每一份提交都要在Google日历里建一个活动，并且给报名人发一封确认邮件",
        ("jotform", "google_calendar"),
        each(on_event("jotform", FORM), op("google_calendar", "create"), mails()),
    ),
    (
        "每一份Typeform问卷回复都存到Notion数据库里",
        ("typeform", "notion"),
        each(on_event("typeform", FORM), op("notion", "create")),
    ),
    (
        "SurveyMonkey问卷里选了“非常不满意”的，马上在Zendesk建工单",
        ("surveymonkey", "zendesk"),
        each(on_event("surveymonkey", "response_completed"), guarded("zendesk", "create")),
    ),
    (
        "Typeform问卷里打了0到6分的用户，在HubSpot里建一个工单；打9分以上的发Slack消息给市场部",
        ("typeform", "hubspot", "slack"),
        each(
            on_event("typeform", FORM),
            branches(_true, ("hubspot", ("create",)), ("slack", ("post",))),
        ),
    ),
    (
        "Wufoo表单里勾选了“需要发票”的客户，就在QuickBooks开一张发票",
        ("wufoo", "quickbooks"),
        each(on_event("wufoo", FORM), guarded("quickbooks", "create")),
    ),
    # --- a row changed in a sheet ------------------------------------------------------------
    (
        "谷歌表格“订单”里哪一行的状态被改成“已发货”了，就给客户发邮件",
        ("google_sheets",),
        each(starts(ROW_UPDATE), guard(("状态", "status"), "已发货"), mails()),
    ),
    (
        "When a row in the 'Leads' Google Sheet has its status changed to 'Qualified', create a "
        "deal in Pipedrive",
        ("google_sheets", "pipedrive"),
        each(starts(ROW_UPDATE), guard(("status",), "qualified"), guarded("pipedrive", "create")),
    ),
    (
        "谷歌表格“预算”里哪个项目的金额被改成0了，就在Slack里通知财务",
        ("google_sheets", "slack"),
        each(starts(ROW_UPDATE), guard(("金额", "amount")), guarded("slack", "post")),
    ),
    # --- what the sentence does with the resource ---------------------------------------------
    (
        "Every morning check our domain's DNS records on Cloudflare and if they differ from "
        "yesterday's, alert me on Slack",
        ("cloudflare", "slack"),
        each(op("cloudflare", "get"), no_op("cloudflare", "create"), op("slack", "post")),
    ),
    (
        "每天检查一次我们在Cloudflare上的DNS解析记录，如果和上次不一样就发钉钉消息",
        ("cloudflare", "dingtalk"),
        each(op("cloudflare", "get"), no_op("cloudflare", "create")),
    ),
    (
        "Take the PDF attached to each email sent to invoices@acme.io and upload it to the "
        "'invoices' S3 bucket",
        ("amazon_s3",),
        each(op("amazon_s3", "upload"), no_op("amazon_s3", "create")),
    ),
    (
        "把每封发到hr@acme.cn的邮件里的附件上传到S3的“resumes”存储桶",
        ("amazon_s3",),
        each(op("amazon_s3", "upload"), no_op("amazon_s3", "create")),
    ),
    (
        "When a new file is added to Google Drive, upload it to the 'mirror' S3 bucket",
        ("google_drive", "amazon_s3"),
        each(
            on_event("google_drive", "file_created"),
            op("amazon_s3", "upload"),
            no_op("amazon_s3", "create"),
        ),
    ),
    (
        "Stripe付款成功后，在WooCommerce里把这个订单更新为已完成",
        ("stripe", "woocommerce"),
        each(
            on_event("stripe", "payment_succeeded"), op("woocommerce", "update", resource="order")
        ),
    ),
    (
        "When a Stripe payment succeeds, update the order in Shopify to paid",
        ("stripe", "shopify"),
        each(on_event("stripe", "payment_succeeded"), op("shopify", "update", resource="order")),
    ),
    (
        "GitLab上有新的合并请求时，让OpenAI审查代码，然后把审查意见作为评论发到这个合并请求上",
        ("gitlab", "openai"),
        each(
            on_event("gitlab", "merge_request"),
            after(("openai", ("",)), ("gitlab", ("create",))),
            op("gitlab", "create", resource="mergeRequest"),
        ),
    ),
    (
        "When a GitLab merge request is opened, ask Mistral to summarise the changes and post "
        "the summary as a comment on the merge request",
        ("gitlab", "mistral_ai"),
        each(
            on_event("gitlab", "merge_request"),
            after(("mistral_ai", ("",)), ("gitlab", ("create",))),
            op("gitlab", "create", resource="mergeRequest"),
        ),
    ),
    (
        "每当有新的Calendly预约，就把客人加到Mailchimp，并打上“demo”标签",
        ("calendly", "mailchimp"),
        each(
            on_event("calendly", "invitee_created"),
            op("mailchimp", "create"),
            tagged("mailchimp", "demo"),
        ),
    ),
    (
        "When someone buys on Gumroad, add them to ActiveCampaign as a contact and tag them "
        "'customer-2027'",
        ("gumroad", "activecampaign"),
        each(op("activecampaign", "create"), tagged("activecampaign", "customer-2027")),
    ),
    (
        "每小时从Redis读取key为“queue:len”的值写进Google Sheets，写完之后把这个key删掉",
        ("redis", "google_sheets"),
        each(after(("google_sheets", ("append",)), ("redis", ("delete",)))),
    ),
    (
        "Every night read the 'visits:today' counter from Redis, insert it into Postgres, then "
        "reset the key to 0",
        ("redis", "postgres"),
        each(op("redis", "get"), after(("postgres", ("insert",)), ("redis", ("set",)))),
    ),
    (
        "做一个webhook接收快递公司推送的状态：状态是“已签收”就在WooCommerce里把订单更新为已完成，"
        "状态是“退回”就在钉钉群里通知客服",
        ("woocommerce", "dingtalk"),
        each(
            starts(("webhook_trigger",)),
            branches(_true, ("woocommerce", ("update",)), ("dingtalk", ("send",))),
        ),
    ),
    (
        "Set up a webhook that receives delivery updates from our courier: if the status is "
        "'delivered' update the order in Shopify to fulfilled, if it is 'failed' alert support "
        "in Slack",
        ("shopify", "slack"),
        each(
            starts(("webhook_trigger",)),
            branches(_true, ("shopify", ("update",)), ("slack", ("post",))),
        ),
    ),
    (
        "每周一把Airtable里的数据转成CSV上传到Google Drive，文件名里带上当天日期",
        ("airtable", "google_drive"),
        converts_before("google_drive", "upload"),
    ),
    (
        "每周五把Jira里本周完成的问题导出成Excel，上传到OneDrive，文件名里带上日期",
        ("jira", "onedrive"),
        each(converts_before("onedrive", "upload", fmt="xlsx"), no_op("excel_365", "")),
    ),
    (
        "Every night back up our Airtable records to the 'backups' S3 bucket as a CSV",
        ("airtable", "amazon_s3"),
        each(op("amazon_s3", "upload"), no_op("amazon_s3", "create")),
    ),
    (
        "We'd like each submission of our 'Contact us' Jotform to go into HubSpot as a contact, "
        "and the sender should receive a thank-you email",
        ("jotform", "hubspot"),
        each(on_event("jotform", FORM), op("hubspot", "upsert", "create"), mails()),
    ),
    (
        "Airtable里哪条记录的负责人被改成“张三”，就给他发邮件",
        ("airtable",),
        each(
            on_event("airtable", "record_created_or_updated"),
            guard(("负责人", "owner", "assignee"), "张三"),
            mails(),
        ),
    ),
    (
        "Every Friday export our HubSpot contacts to CSV and upload it to Dropbox with today's "
        "date in the file name",
        ("hubspot", "dropbox"),
        converts_before("dropbox", "upload"),
    ),
]


# still wrong (strict: a fix makes the test fail until the mark goes); the assertions stand
OPEN: dict[str, str] = {
    "GitLab上有新的合并请求时": "the MR comment: n8n's GitLab node has no merge-request notes and "
    "a catalog app maps to one of an n8n node or its API, so no step can post it",
    "When a GitLab merge request is opened": "the MR comment: no catalog operation can post it "
    "(see the Chinese row)",
}


@pytest.mark.parametrize(("text", "apps", "check"), bank_cases(BANK, OPEN, 60))
def test_trigops5_bank(text: str, apps: tuple[str, ...], check: Check) -> None:
    needs(*apps)
    check(graph(text))


def test_csv_step_exports_as_n8n_convert_to_file() -> None:
    """The CSV step is n8n's convertToFile node, wired between the read and the upload."""
    from flowsmith.n8n.convert import to_n8n

    wf = graph("Every Friday export our HubSpot contacts to CSV and upload it to Dropbox")
    doc = to_n8n(wf)
    types = {n["name"]: n["type"] for n in doc["nodes"]}
    convert = next(n for n in doc["nodes"] if n["type"] == "n8n-nodes-base.convertToFile")
    assert convert["parameters"]["operation"] == "csv"
    targets = [c["node"] for out in doc["connections"][convert["name"]]["main"] for c in out]
    assert [types[t] for t in targets] == ["n8n-nodes-base.dropbox"]
