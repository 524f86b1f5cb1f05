"""Conditions and branches on the create path, continued: data sources, approvals,
ranges, routes, nested and negated cases (sentences of our own)."""

from __future__ import annotations

from flowsmith.planner.frame import Approval, Branch, walk
from flowsmith.planner.parse import parse_request
from flowsmith.planner.parse_guards import event_condition, guess_condition
from tests.planner.condition_graph import CATALOG, cond, ctx, gate_before, graph

# --- the grammar ------------------------------------------------------------------------------


def test_a_source_sentence_is_read_before_the_branch() -> None:
    nodes, edges = graph(
        "如果湿度高于80就在钉钉提醒我开除湿机，否则不处理；数据来自 https://sensor.example.cn/room1"
    )
    http = next(i for i, n in nodes.items() if n.subtype == "http_request")
    gate = next(i for i, n in nodes.items() if n.subtype in ("if", "switch"))
    assert any(s == http and t == gate for s, _, t in edges)


def test_a_schedule_phrase_in_a_case_is_not_a_decision() -> None:
    frame = parse_request(
        "检查 https://shop.example.cn/health ，如果打不开就在飞书告警，每5分钟检查一次", CATALOG
    )
    assert frame is not None
    assert not any(getattr(s, "kind", "") == "set" for s in walk(frame.steps))


def test_a_level_adjective_routes_on_its_field() -> None:
    frame = parse_request(
        "When a Jira issue is created, high-severity issues go to Opsgenie and everything else "
        "to Microsoft Teams",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.field, c.value) == ("severity", "high")
    assert branch.cases[-1].condition is None


def test_sentiment_cases_all_compare_the_sentiment() -> None:
    frame = parse_request(
        "When a Google review arrives by webhook, run sentiment analysis; if it is negative "
        "email me, if positive post it to Slack",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert {c.condition.field for c in branch.cases if c.condition} == {"sentiment"}


def test_a_chinese_qualified_noun_clause_opens_a_case() -> None:
    frame = parse_request(
        "凡是金额大于等于2000的报销，都要在飞书通知财务；报销来自表单提交", CATALOG
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.field, c.op, c.value) == ("amount", "gte", 2000)
    assert branch.cases[0].steps


def test_for_a_kind_of_item_and_for_the_other_ones() -> None:
    frame = parse_request(
        "When a Pipedrive deal is created: for enterprise deals open a Jira epic, for other "
        "deals just post in Slack",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    first = branch.cases[0].condition
    assert first is not None and first.field == "enterprise"
    assert branch.cases[-1].condition is None and branch.cases[-1].steps


def test_there_are_overdue_ones_in_chinese() -> None:
    c = guess_condition("有过期的")
    assert c is not None and (c.field, c.op, c.value) == ("status", "eq", "过期")


def test_a_qualifier_clause_on_its_own_opens_a_case() -> None:
    frame = parse_request(
        "When a new Asana task is created, with priority Urgent, ping me on Telegram; "
        "otherwise add it to Notion",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.field, c.value) == ("priority", "Urgent")
    assert branch.cases[-1].condition is None


def test_a_category_named_in_the_plural_opens_its_case() -> None:
    frame = parse_request(
        "When a Zendesk ticket arrives, classify it as refund, bug or praise with AI; refunds go "
        "to Stripe, bugs to Jira, praise gets a Slack post in #wins",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    values = [c.condition.value for c in branch.cases if c.condition]
    assert values == ["refund", "bug", "praise"]


def test_with_words_that_are_not_a_field_and_value_guard_nothing() -> None:
    for text in (
        "When someone books a meeting with me on Calendly, add it to my Google Calendar",
        "When a PR is merged in GitHub, call https://deploy.example.com/hook with a POST",
    ):
        frame = parse_request(text, CATALOG)
        assert frame is not None
        assert not any(isinstance(s, Branch) for s in walk(frame.steps)), text


def test_a_move_to_a_list_is_guarded_once() -> None:
    frame = parse_request(
        "When a Trello card is moved to the 'Shipped' list, post a message to Slack", CATALOG
    )
    assert frame is not None
    assert len([s for s in walk(frame.steps) if isinstance(s, Branch)]) == 1


def test_outside_a_range_and_one_of_some_values() -> None:
    c = cond("the pressure is above 1030 or below 990")
    assert c is not None and (c.field, c.op, c.value) == ("pressure", "outside", (990, 1030))
    c = cond("温度低于5或高于35")
    assert c is not None and (c.field, c.op, c.value) == ("temperature", "outside", (5, 35))
    c = cond("the severity is High or Critical")
    assert c is not None and (c.field, c.op, c.value) == ("severity", "in", ("High", "Critical"))
    c = cond("the cart value is between $20 and $80")
    assert c is not None and (c.op, c.value) == ("between", (20, 80))
    nodes, _ = graph(
        "When a webhook gets a reading, if the pH is above 8 or below 6 text me via Twilio"
    )
    rule = next(n for n in nodes.values() if n.subtype == "if").parameters
    assert rule["combine"] == "or" and len(rule["conditions"]) == 2


def test_an_and_condition_in_the_trigger_words() -> None:
    c = event_condition("a new Jira bug is created and its priority is Critical or Blocker", ctx())
    assert c is not None and (c.field, c.op) == ("priority", "in")


def test_a_pronoun_case_compares_the_previous_cases_field() -> None:
    frame = parse_request(
        "When a HubSpot contact is created, if the country is France send it to Slack, if it "
        "is Spain email madrid@acme.io",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    second = branch.cases[1].condition
    assert second is not None and (second.field, second.value) == ("country", "Spain")


def test_chinese_items_picked_by_a_condition_and_there_are_some() -> None:
    frame = parse_request(
        "每天检查一次Airtable库存表，数量为0的商品在Slack通知采购，数量少于5的发邮件提醒我", CATALOG
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert [(c.condition.op, c.condition.value) for c in branch.cases if c.condition] == [
        ("eq", 0),
        ("lt", 5),
    ]
    c = cond("有退款订单")
    assert c is not None and c.op == "not_empty"


def test_from_an_address_with_its_noun() -> None:
    c = cond("those from a @partner.io address")
    assert c is not None and (c.field, c.value) == ("from", "@partner.io")


def test_a_comparison_with_another_field_or_today() -> None:
    c = cond("the spend exceeds the budget")
    assert c is not None and (c.field, c.op, c.value) == ("spend", "gt", "{{ $json.budget }}")
    c = cond("到期日在今天之前")
    assert c is not None and (c.op, c.value) == ("lt", "{{ $now }}")
    c = cond("改动的行数超过500")
    assert c is not None and c.field == "行数"


def test_chinese_topic_before_ruguo_and_kind_cases() -> None:
    frame = parse_request("收到的邮件如果是简历，就保存附件到Dropbox，不是简历就忽略", CATALOG)
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.op, c.value) == ("eq", "简历")


def test_chinese_yishang_is_inclusive() -> None:
    c = cond("评分4分以上")
    assert c is not None and (c.op, c.value) == ("gte", 4)


def test_route_by_a_field_then_one_case_a_value() -> None:
    for text, field in (
        (
            "When a Jotform is submitted, depending on the chosen tier: gold goes to Salesforce, "
            "silver to HubSpot, bronze gets a Slack message",
            "tier",
        ),
        ("表单提交后，根据用户选择的版本：旗舰版存到Airtable，标准版同步到HubSpot", "版本"),
    ):
        frame = parse_request(text, CATALOG)
        assert frame is not None
        branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
        assert {c.condition.field for c in branch.cases if c.condition} == {field}, text
        assert len(branch.cases) >= 2


def test_by_a_field_for_a_summary_is_not_a_route() -> None:
    frame = parse_request(
        "每周一从Jira拉取上周完成的任务，按负责人汇总，然后发到企业微信群", CATALOG
    )
    assert frame is not None
    assert not any(isinstance(s, Branch) for s in walk(frame.steps))


def test_the_then_clause_after_a_condition_is_its_action() -> None:
    frame = parse_request(
        "每天读取Airtable的任务，如果截止日期在今天之前，就在Slack提醒我", CATALOG
    )
    assert frame is not None
    branches = [s for s in walk(frame.steps) if isinstance(s, Branch)]
    assert len(branches) == 1 and branches[0].cases[0].steps


def test_else_if_is_the_next_case_of_the_branch() -> None:
    frame = parse_request(
        "When a PayPal payment arrives by webhook: if the amount is over 500 notify #big in "
        "Slack, else if it is over 50 add the payer to Mailchimp, else do nothing",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert [c.condition.value if c.condition else None for c in branch.cases] == [500, 50, None]


def test_check_if_then_if_so() -> None:
    frame = parse_request(
        "When someone fills our Tally form, check if the email domain is outlook.com and if so "
        "add them to Mailchimp; otherwise create a lead in Pipedrive",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.field, c.value) == ("domain", "outlook.com")
    assert branch.cases[0].steps and branch.cases[-1].condition is None
    c = cond("the source was not Google")
    assert c is not None and (c.op, c.value) == ("ne", "Google")


def test_still_empty_longer_than_and_an_approval_after_a_duration() -> None:
    c = cond("the 'signed' column is still empty")
    assert c is not None and (c.field, c.op) == ("signed", "is_empty")
    c = cond("it has been open longer than 10 days")
    assert c is not None and (c.op, c.value) == ("gt", 10)
    frame = parse_request(
        "When a contractor submits an expense form, if the trip is longer than 3 days ask the "
        "CFO for approval by email, otherwise approve it automatically and log it in Airtable",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    first = branch.cases[0].condition
    assert first is not None and first.phrase == "the trip is longer than 3 days"
    assert any(isinstance(s, Approval) for s in branch.cases[0].steps)
    assert not any(isinstance(s, Approval) for s in walk(branch.cases[-1].steps))


def test_a_courtesy_if_guards_nothing() -> None:
    for text in (
        "If possible, post the daily Shopify sales to Slack every evening",
        "Every morning email me the top 5 Reddit posts, and if you can, also post them to Discord",
        "如果可以的话，每天把GitLab的新issue同步到Notion",
    ):
        frame = parse_request(text, CATALOG)
        assert frame is not None
        assert not any(isinstance(s, Branch) for s in walk(frame.steps)), text


def test_an_else_belongs_to_the_nearest_if() -> None:
    frame = parse_request(
        "When a Freshdesk ticket is created with priority Urgent, if the agent is empty post it "
        "to Slack #triage, otherwise email the agent",
        CATALOG,
    )
    assert frame is not None
    outer = next(s for s in frame.steps if isinstance(s, Branch))
    inner = next(s for s in walk(outer.cases[0].steps) if isinstance(s, Branch))
    assert inner.cases[-1].condition is None and inner.cases[-1].steps
    assert not any(getattr(s, "kind", "") == "classify" for s in walk(frame.steps))


def test_chinese_sentiment_kind_outside_with_units_and_the_searched_field_kept() -> None:
    frame = parse_request(
        "收到新的用户评价邮件时，用AI判断情绪，如果是负面的就创建Zendesk工单，正面的就记录到Notion",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert [c.condition.value for c in branch.cases if c.condition] == ["negative", "positive"]
    c = cond("气温低于-5度或高于38度")
    assert c is not None and (c.field, c.op, c.value) == ("temperature", "outside", (-5, 38))
    frame = parse_request(
        "有新的GitLab issue时，标签包含bug的同步到Jira，包含docs的同步到Notion", CATALOG
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert {c.condition.field for c in branch.cases if c.condition} == {"标签"}


def test_reaching_a_number_and_trailing_once() -> None:
    c = cond("the balance hits zero")
    assert c is not None and (c.field, c.op, c.value) == ("balance", "lte", 0)
    c = cond("the signups reach 500")
    assert c is None or c.op != "lte"
    c = cond("the follower count reaches 1000")
    assert c is not None and (c.op, c.value) == ("gte", 1000)
    nodes, edges = graph(
        "Check https://shop.example.org/p/7 every hour and text me via Twilio once it drops to 0"
    )
    assert gate_before(nodes, edges, "twilio")


def test_an_action_after_a_failure_case_is_not_a_second_condition() -> None:
    frame = parse_request(
        "Every 10 minutes call https://api.example.net/sync; in case of an error, post the "
        "error to Discord",
        CATALOG,
    )
    assert frame is not None
    branches = [s for s in walk(frame.steps) if isinstance(s, Branch)]
    assert len(branches) == 1 and branches[0].cases[0].steps


def test_only_the_picked_items_get_the_action() -> None:
    for text in (
        "Every hour get new WooCommerce orders and only sync the ones over $300 to HubSpot",
        "收到Freshdesk新工单时，只通知紧急的到飞书群",
    ):
        frame = parse_request(text, CATALOG)
        assert frame is not None
        branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
        assert branch.cases[0].condition is not None and branch.cases[0].steps, text
    c = cond("it is urgent")
    assert c is not None and (c.field, c.value) == ("priority", "urgent")


def test_a_write_for_every_item_whose_field_holds_is_guarded() -> None:
    frame = parse_request(
        "Every Monday read the 'Members' Airtable table and email every member whose renewal "
        "date is within 10 days",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.op, c.value) == ("lte", 10) and branch.cases[0].steps


def test_was_counts_and_a_pronoun_alone_is_no_condition() -> None:
    c = event_condition("a Paddle subscription is cancelled and the plan was Business", ctx())
    assert c is not None and (c.field, c.value) == ("plan", "Business")
    assert guess_condition("me") is None
    c = cond("the customer has ordered more than 5 times")
    assert c is not None and (c.op, c.value) == ("gt", 5)
