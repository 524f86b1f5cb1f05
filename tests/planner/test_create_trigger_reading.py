"""Triggers said indirectly: the app named in an earlier sentence ("We use Stripe. Whenever a
charge fails, …"), a file event said by what arrives in a folder, an email start said by the
address the mail is sent to, an app's items with a condition ("Typeform answers that rate us
below 5 …"), and a condition joined to the trigger after a comma ("每当…有新订单，并且…").

Sentences of our own; the rules are general (catalog words only).
"""

from __future__ import annotations

import pytest

from flowsmith.planner.frame import CoreStep, ServiceStep, Step, walk
from tests.planner._graph import before, graph, guarded_by, nodes, one, trigger
from tests.planner.frames import first_branch, frame
from tests.planner.frames import needs as _needs


def apps_in(steps: tuple[Step, ...]) -> set[str]:
    return {s.app for s in walk(steps) if isinstance(s, ServiceStep) and s.app}


def core_in(steps: tuple[Step, ...]) -> set[str]:
    return {s.subtype for s in walk(steps) if isinstance(s, CoreStep)}


# --- a file arriving in a folder is the file event; the folder is where ---------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("When a receipt lands in the OneDrive folder 'Receipts', copy it to Dropbox", "onedrive"),
        (
            "Whenever a PDF is dropped into the Google Drive folder Contracts, "
            "post its name to Slack #legal",
            "google_drive",
        ),
        ("When a scan is saved to our OneDrive folder 'Inbox', tell Slack #ops", "onedrive"),
        ("当有发票放进OneDrive的“发票”文件夹时，发消息到Slack #finance", "onedrive"),
        ("每当有PDF被放进谷歌云盘的“合同”文件夹，就在钉钉提醒法务", "google_drive"),
    ],
)
def test_what_arrives_in_a_folder_is_a_new_file(text: str, app: str) -> None:
    _needs(app)
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app, f.trigger.event) == ("app_event", app, "file_created")


def test_a_file_uploaded_to_a_folder_picks_the_upload_event() -> None:
    _needs("box", "slack")
    f = frame("When a contract is uploaded to the Box folder 'Legal', notify Slack #legal")
    assert (f.trigger.app, f.trigger.event) == ("box", "file_uploaded")


def test_a_new_folder_said_outright_stays_the_folder_event() -> None:
    _needs("google_drive", "slack")
    f = frame("When a new folder is created in Google Drive, post it to Slack #ops")
    assert (f.trigger.app, f.trigger.event) == ("google_drive", "folder_created")


# --- an email start said by the address it is sent to ---------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "Take the CSV attached to each email sent to invoices@acme.io and upload it to S3",
            "amazon_s3",
        ),
        ("For every email sent to jobs@acme.io, add a row to Google Sheets", "google_sheets"),
        ("发到 support@acme.com 的每封邮件，都在Freshdesk建工单", "freshdesk"),
        ("把发往 orders@shop.cn 的每封邮件的附件上传到 Google Drive", "google_drive"),
    ],
)
def test_mail_sent_to_an_address_is_an_email_trigger(text: str, app: str) -> None:
    _needs(app)
    f = frame(text)
    assert f.trigger.kind == "email"
    assert "send_email" not in core_in(f.steps)
    assert app in apps_in(f.steps)


# --- the app named in an earlier sentence ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app", "event"),
    [
        (
            "We use Stripe. Whenever a charge fails, email finance@acme.io",
            "stripe",
            "payment_failed",
        ),
        (
            "我们用Stripe收款。每当有扣款失败，就在Slack #billing 频道提醒",
            "stripe",
            "payment_failed",
        ),
        (
            "I run a Shopify store. Whenever an order gets paid, send it to https://api.example.com/jp",
            "shopify",
            "order_paid",
        ),
        ("我们在Shopify开店。每当订单付款完成，就发到Slack #orders", "shopify", "order_paid"),
    ],
)
def test_an_event_of_the_app_named_before(text: str, app: str, event: str) -> None:
    _needs(app)
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app, f.trigger.event) == ("app_event", app, event)
    writes = [s for s in walk(f.steps) if isinstance(s, ServiceStep) and s.app == app]
    assert not writes, writes  # "we use Stripe" is context, not a step


def test_a_qualifier_after_the_earlier_app_event_guards_the_action() -> None:
    _needs("shopify")
    f = frame(
        "We sell on Shopify. When an order is paid and ships to Germany, "
        "POST it to https://hooks.example.com/de"
    )
    assert (f.trigger.app, f.trigger.event) == ("shopify", "order_paid")
    case = first_branch(f).cases[0]
    assert case.condition is not None and case.condition.value == "Germany"
    assert "http_request" in core_in(case.steps)


# --- an app's items with a condition: that app's response event -----------------------------


@pytest.mark.parametrize(
    ("text", "app", "target"),
    [
        (
            "Typeform answers that rate us below 5 should open a Zendesk ticket",
            "typeform",
            "zendesk",
        ),
        ("Typeform里评分低于3分的回答，发到Slack #feedback", "typeform", "slack"),
        ("SurveyMonkey问卷里打0到6分的回复，在Freshdesk建工单", "surveymonkey", "freshdesk"),
        ("SurveyMonkey responses scoring under 4 go to Slack #cx", "surveymonkey", "slack"),
    ],
)
def test_items_of_an_app_with_a_condition_are_its_event(text: str, app: str, target: str) -> None:
    _needs(app, target)
    f = frame(text)
    assert (f.trigger.kind, f.trigger.app) == ("app_event", app)
    case = first_branch(f).cases[0]
    assert case.condition is not None
    assert target in apps_in(case.steps)


# --- a condition joined to the trigger after a comma ----------------------------------------


def test_a_joined_condition_after_the_trigger_opens_both_branches() -> None:
    _needs("woocommerce", "dingtalk", "google_sheets")
    f = frame(
        "每当WooCommerce有新订单，并且支付方式是货到付款，就在钉钉提醒仓库；其他订单直接写进谷歌表格"
    )
    assert (f.trigger.app, f.trigger.event) == ("woocommerce", "order_created")
    branch = first_branch(f)
    cond = branch.cases[0].condition
    assert cond is not None and cond.value == "货到付款"
    assert "dingtalk" in apps_in(branch.cases[0].steps)
    assert len(branch.cases) == 2 and "google_sheets" in apps_in(branch.cases[1].steps)


def test_a_joined_condition_in_english_after_the_trigger() -> None:
    _needs("shopify", "slack")
    f = frame(
        "Whenever there is a new Shopify order, and the country is Japan, email jp@acme.io; "
        "other orders go to Slack #orders"
    )
    assert (f.trigger.app, f.trigger.event) == ("shopify", "order_created")
    branch = first_branch(f)
    cond = branch.cases[0].condition
    assert cond is not None and cond.value == "Japan"
    assert "send_email" in core_in(branch.cases[0].steps)


def test_a_joined_condition_in_chinese_with_another_app() -> None:
    _needs("shopify", "slack")
    f = frame(
        "每当Shopify有新订单，并且国家是日本，就发邮件给 jp@acme.io；其他订单直接发到Slack #orders"
    )
    branch = first_branch(f)
    cond = branch.cases[0].condition
    assert cond is not None and cond.value == "日本"
    assert "send_email" in core_in(branch.cases[0].steps)
    assert len(branch.cases) == 2 and "slack" in apps_in(branch.cases[1].steps)


def test_a_destination_country_after_the_earlier_app_event_in_chinese() -> None:
    _needs("shopify")
    f = frame(
        "我们用Shopify开店。每当订单付款完成并且寄往加拿大时，把它发到 https://hooks.example.com/ca"
    )
    assert (f.trigger.app, f.trigger.event) == ("shopify", "order_paid")
    case = first_branch(f).cases[0]
    assert case.condition is not None
    assert (case.condition.field, case.condition.value) == ("country", "加拿大")
    assert "http_request" in core_in(case.steps)


@pytest.mark.parametrize(
    ("text", "field", "op"),
    [
        ("Typeform answers that rate us below 5 should open a Zendesk ticket", "rating", "lt"),
        ("SurveyMonkey问卷里打0到6分的回复，在Freshdesk建工单", "score", "between"),  # points
        ("SurveyMonkey responses scoring under 4 go to Slack #cx", "score", "lt"),
    ],
)
def test_a_rating_said_by_its_verb_is_the_rating_field(text: str, field: str, op: str) -> None:
    _needs("typeform", "surveymonkey")
    cond = first_branch(frame(text)).cases[0].condition
    assert cond is not None and (cond.field, cond.op) == (field, op)


def test_a_read_the_user_asks_for_stays_a_read() -> None:
    _needs("typeform", "slack")
    f = frame("Get all Typeform answers that mention pricing and post a summary to Slack #cx")
    assert f.trigger.kind != "app_event"
    reads = [s for s in walk(f.steps) if isinstance(s, ServiceStep) and s.app == "typeform"]
    assert reads


@pytest.mark.parametrize(
    ("text", "app", "event"),
    [
        (
            "We use Stripe. When a subscription is cancelled, tell Slack #churn",
            "stripe",
            "subscription_deleted",
        ),
        (
            "我们用Shopify开店。每当有订单被取消，就发邮件给 ops@acme.io",
            "shopify",
            "order_cancelled",
        ),
        (
            "We're on Shopify. As soon as an order is refunded, tell Slack #ops",
            "shopify",
            "refund_created",
        ),
        (
            "We use Slack and Stripe. When a charge fails, post to Slack #billing",
            "stripe",
            "payment_failed",
        ),
        ("我们用Stripe收款。扣款失败时，在Slack #billing 提醒", "stripe", "payment_failed"),
    ],
)
def test_the_earlier_app_s_other_events(text: str, app: str, event: str) -> None:
    _needs(app)
    f = frame(text)
    assert (f.trigger.app, f.trigger.event) == (app, event)


def test_an_address_the_user_mails_to_stays_a_send_step() -> None:
    f = frame("Send an email to bob@acme.io every Friday")
    assert f.trigger.kind == "schedule"
    assert "send_email" in core_in(f.steps)


def test_the_joined_condition_sits_on_the_graph_s_if_outputs() -> None:
    _needs("woocommerce", "dingtalk", "google_sheets")
    wf = graph(
        "每当WooCommerce有新订单，并且付款方式是货到付款，就在钉钉提醒仓库；其他订单直接写进谷歌表格"
    )
    assert trigger(wf).subtype == "woocommerce_trigger"
    assert trigger(wf).parameters.get("event") == "order_created"
    cond = one(wf, "if").parameters["conditions"][0]
    assert "payment_method" in cond["left"] and cond["right"] == "货到付款"
    assert [o for _, o in guarded_by(wf, one(wf, "dingtalk"))] == ["true"]
    assert [o for _, o in guarded_by(wf, one(wf, "google_sheets"))] == ["false"]


def test_mail_to_an_address_compiles_to_an_email_trigger_before_the_upload() -> None:
    _needs("amazon_s3")
    wf = graph("Take the PDF attached to every email sent to scans@acme.io and upload it to S3")
    assert trigger(wf).subtype == "email_trigger"
    assert before(wf, trigger(wf), one(wf, "amazon_s3"))
    assert not nodes(wf, "send_email")


def test_post_to_a_url_in_chinese_is_a_post() -> None:
    _needs("shopify")
    f = frame("我们用Shopify开店。每当订单付款完成，把它POST到 https://hooks.example.com/paid")
    calls = [s for s in walk(f.steps) if isinstance(s, CoreStep) and s.subtype == "http_request"]
    assert [c.params.get("method") for c in calls] == ["POST"]


def test_a_clean_up_of_an_app_s_own_items_is_no_event() -> None:
    _needs("hubspot")
    f = frame("HubSpot contacts that have no phone should be deleted")
    assert f.trigger.kind != "app_event"
