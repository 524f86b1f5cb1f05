"""Bank for the trigsweep round (sentences of our own, written before the fix): a request that
starts on an app's event said without a when-clause, or in a construction the parser missed,
so the planner built a manual (or schedule) start instead of the app's trigger.

Constructions: the event implied by an app's item with a condition on it ("Email me the
Shopify order details if the total is over $500", "Gumroad sale over $100: email me",
"Shopify订单金额超过500元的，发邮件给我"); "post/push/send new <App> <items> to <elsewhere>" (the
verb acts on the destination, so the items are the app's event, not a write); a pull request
said in an owner/repo ("every new PR in acme/api"); "对每个新的<App><名词>，…"; a Chinese noun
that holds a shorter event noun ("文件夹" is no "文件").

Each row asserts the trigger with the evaluation's own check vocabulary
(bench/eval_planner/checks.py)."""

from __future__ import annotations

import pytest

from tests.planner.bank_cases import bank_cases
from tests.planner.eval_checks import Check, failures


def on(app: str, *event: str) -> Check:
    check: Check = {"trigger": "app_event", "app": app}
    if event:
        check["event_like"] = list(event)
    return check


BANK: list[tuple[str, list[Check]]] = [
    # ---- the event implied by the app's item and a condition on it ----------------------------
    ("Email me the Shopify order details if the total is over $500", [on("shopify", "order")]),
    (
        "Send the Stripe payment details to #finance on Slack if the amount is above 1000",
        [on("stripe", "payment")],
    ),
    ("Gumroad sale over $100: email me", [on("gumroad", "sale")]),
    ("Square order above $80: post it in #orders on Slack", [on("square", "order")]),
    ("Shopify订单金额超过500元的，发邮件给我", [on("shopify", "order")]),
    ("把WooCommerce订单详情发邮件给我，如果金额超过200", [on("woocommerce", "order")]),
    ("Keap订单超过1000美元的，在Slack里提醒我", [on("keap", "order")]),
    ("Stripe付款超过1000美元时把详情发到Slack", [on("stripe", "payment")]),
    # ---- a verb that acts on the destination, new items of another app ------------------------
    ("Post new HubSpot deals to #sales in Slack", [on("hubspot", "deal")]),
    ("Push new Shopify customers to Mailchimp", [on("shopify", "customer")]),
    ("Send new Gumroad sales to #revenue on Slack", [on("gumroad", "sale")]),
    ("Share new Typeform responses in the #feedback Slack channel", [on("typeform")]),
    ("Add every new Mailchimp subscriber to HubSpot as a contact", [on("mailchimp", "subscri")]),
    # ---- a pull request said in an owner/repo -------------------------------------------------
    (
        "on each new pull request in octo/site, start a CircleCI pipeline",
        [on("github", "pull_request")],
    ),
    ("For every new PR in acme/api post a note to #dev on Slack", [on("github", "pull_request")]),
    # ---- the other wordings of a new item -----------------------------------------------------
    ("New Pipedrive deals should be announced in #wins on Slack", [on("pipedrive", "deal")]),
    ("Each time someone stars our repo on GitHub, thank them in Slack", [on("github", "star")]),
    ("Let me know on Slack about each new Zendesk ticket", [on("zendesk", "ticket")]),
    ("把HubSpot的新交易发到Slack的#sales频道", [on("hubspot", "deal")]),
    ("对每一个新的Zendesk工单，都在Slack里提醒我", [on("zendesk", "ticket")]),
    ("对每个新的ConvertKit订阅者，在Slack里发个通知", [on("convertkit", "subscriber")]),
    ("对每个新的Keap商机发一条Slack提醒", [on("keap", "opportunity")]),
    ("对每个新的GitHub星标，发邮件给我", [on("github", "star")]),
    ("GitHub上有人给仓库加星时，在Slack里说一声", [on("github", "star")]),
    ("每来一个新的Typeform回复，就存进Google表格", [on("typeform")]),
    # ---- a noun holding a shorter event noun --------------------------------------------------
    ("对于每个新的谷歌云盘文件夹，在Slack里通知我", [on("google_drive", "folder")]),
    ("新的Box云盘文件夹一创建就在Slack里通知我", [on("box", "folder")]),
]

_OPEN: dict[str, str] = {}


@pytest.mark.parametrize(("text", "checks"), bank_cases(BANK, _OPEN, 48))
def test_trigsweep_bank(text: str, checks: list[Check]) -> None:
    assert failures(text, checks) == []


def test_bank_size() -> None:
    assert len(BANK) >= 20
    assert sum(1 for t, _ in BANK if any("\u4e00" <= c <= "\u9fff" for c in t)) >= 10
