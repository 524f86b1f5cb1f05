"""Plain requests a review of the seventh stop's merged readers broke, each kept working:
a read said with "get … from <app>" stays a read; a sentence that only looks like an exclusion
(no excluded items make a condition) keeps its steps, and so do the steps said after one; a
look-up runs before the check on what it found; a number band inside a step ("30天以内的订单")
is no case; a list of numbers keeps its commas. Sentences of our own."""

from __future__ import annotations

import pytest

from flowsmith.planner.parse_numerals import said_numbers

from ._graph import before, graph, guarded_by, nodes, one


@pytest.mark.parametrize(
    "text",
    [
        "Every morning at 8, get the unread emails from Gmail, summarize them and post to Slack",
        "每天早上8点从Gmail收到的邮件里挑出发票，存到Google Drive",
    ],
)
def test_get_from_an_inbox_is_a_read(text: str) -> None:
    (mail,) = nodes(graph(text), "gmail")
    assert str(mail.parameters["operation"]).lower().startswith("get")


def test_someone_receiving_from_a_sender_is_a_send() -> None:
    wf = graph("When a Typeform is submitted, the applicant gets a thank-you email from Mailjet")
    assert nodes(wf, "mailjet", "send")


@pytest.mark.parametrize(
    ("text", "app"),
    [
        (
            "When a new Shopify order comes in, post it to Slack. My team doesn't read email, "
            "so also text me with Twilio.",
            "twilio",
        ),
        ("Shopify有新订单时发到Slack，发的时候不要@所有人，然后在Notion里建一条记录", "notion"),
    ],
)
def test_a_sentence_with_no_excluded_items_keeps_its_steps(text: str, app: str) -> None:
    assert nodes(graph(text), app)


def test_steps_said_after_an_exclusion_stay_in_the_flow() -> None:
    wf = graph("Shopify有新订单时发到Slack，金额低于100的就别发了，然后在Notion里建一条记录")
    slack, notion = one(wf, "slack"), one(wf, "notion")
    assert guarded_by(wf, slack)
    assert before(wf, slack, notion) or not guarded_by(wf, notion)


@pytest.mark.parametrize(
    "text",
    [
        "When a Shopify order is placed, look up the customer in HubSpot. If the customer is "
        "not found, email me.",
        "Shopify有新订单时，在HubSpot里查一下这个客户，找不到就发邮件给我",
    ],
)
def test_a_look_up_runs_before_the_check_on_what_it_found(text: str) -> None:
    wf = graph(text)
    hubspot = one(wf, "hubspot")
    assert not guarded_by(wf, hubspot)
    (check, _), *_ = guarded_by(wf, one(wf, "send_email"))
    assert before(wf, hubspot, check)


def test_a_band_inside_a_step_is_no_case() -> None:
    wf = graph("每周一把30天以内的订单从Shopify导出，发邮件给我")
    assert not [n for n in wf.nodes if n.subtype in ("if", "switch")]


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("error codes 404,500 and 503", "error codes 404,500 and 503"),
        ("IDs 100,200,300", "IDs 100,200,300"),
        ("orders over 10,000", "orders over 10000"),
        ("金额超过10,000元", "金额超过10000元"),
    ],
)
def test_commas_group_thousands_only_in_an_amount(said: str, written: str) -> None:
    assert said_numbers(said) == written
