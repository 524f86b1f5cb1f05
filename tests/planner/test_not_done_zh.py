"""A Chinese case that says a step is not done and what is done in its place ("别发邮件，改成…",
"不用发短信了，直接…"): only the step in its place runs on that side; the other side keeps its
own step. Rows written before the change (the first came from the en8 bank)."""

from __future__ import annotations

import pytest

from tests.planner.branch_graph import Graph, split


@pytest.mark.parametrize(
    ("text", "yes", "no", "field"),
    [
        (
            "Typeform有人提交时：预算低于1000的别发邮件，改成加到Mailchimp的“以后再联系”列表；"
            "其他的发邮件给他们报价单",
            "mailchimp",
            "send_email",
            "budget",
        ),
        (
            "新的Stripe付款时：金额低于50的不用发邮件了，直接记到Airtable；其余的发邮件感谢",
            "airtable",
            "send_email",
            "amount",
        ),
        (
            "有新的Shopify订单时，金额小于20的不要发短信，换成发Telegram消息；其他的发短信给客户",
            "telegram",
            "twilio",
            "amount",
        ),
    ],
)
def test_the_step_in_its_place_is_that_sides_only_step(
    text: str, yes: str, no: str, field: str
) -> None:
    g = Graph(text)
    split(g, yes, no, field)
    assert len(g.find(no)) == 1, sorted(g.nodes)


@pytest.mark.xfail(strict=True, reason="a case whose whole answer is 'no email' still emails")
def test_a_case_that_only_says_no_step() -> None:
    g = Graph("Shopify有新订单时：金额小于10的不要发邮件，其他的发邮件给客户")
    assert len(g.find("send_email")) == 1, sorted(g.nodes)
