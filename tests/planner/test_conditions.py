"""Conditions and branches on the create path: the grammar of a condition, the field it
compares, and where the compiled IF / Switch / Filter sits (sentences of our own)."""

from __future__ import annotations

from flowsmith.planner.frame import Branch, Condition, Loop, walk
from flowsmith.planner.parse import parse_condition, parse_request
from flowsmith.planner.parse_guards import event_condition, guess_condition
from tests.planner.condition_graph import CATALOG, cond, ctx, gate_before, graph

# --- the grammar ------------------------------------------------------------------------------


def test_a_qualifier_names_field_and_value() -> None:
    assert cond("orders with status 'shipped'") == Condition(
        "status", "eq", "shipped", "orders with status 'shipped'"
    )
    c = cond("a ticket with severity 2")
    assert c is not None and (c.field, c.op, c.value) == ("severity", "eq", 2)
    c = cond("a message with the word 'refund'")
    assert c is not None and (c.field, c.op, c.value) == ("text", "contains", "refund")
    assert cond("post it with Discord") is None


def test_a_quoted_word_in_a_field_is_a_contains() -> None:
    c = cond("a posting with 'Rust' in the description")
    assert c is not None and (c.field, c.op, c.value) == ("description", "contains", "Rust")


def test_the_field_is_the_head_noun_not_what_follows_of_or_from() -> None:
    c = cond("the weight field of the parcel is over 20")
    assert c is not None and (c.field, c.op, c.value) == ("weight", "gt", 20)
    c = cond("the humidity from __url0__ rises above 80")
    assert c is not None and c.field == "humidity"
    c = cond("the sheet's 'paid' column is yes")
    assert c is not None and (c.field, c.op) == ("paid", "is_true")


def test_ranges_and_inclusive_bounds() -> None:
    c = cond("the rating is 4 or 5")
    assert c is not None and (c.field, c.op, c.value) == ("rating", "between", (4, 5))
    c = cond("the rating is 2 or lower")
    assert c is not None and (c.op, c.value) == ("lte", 2)
    c = cond("the count is 50 or more")
    assert c is not None and (c.op, c.value) == ("gte", 50)


def test_sender_origin_type_and_silence() -> None:
    c = cond("those from @partner.org")
    assert c is not None and (c.field, c.op, c.value) == ("from", "contains", "@partner.org")
    c = cond("the buyer is from France")
    assert c is not None and (c.field, c.value) == ("country", "France")
    c = cond("the attachment is a spreadsheet")
    assert c is not None and (c.field, c.op, c.value) == ("type", "eq", "spreadsheet")
    c = cond("nobody has answered")
    assert c is not None and (c.field, c.op) == ("answer", "is_empty")
    c = cond("一直没人回复")
    assert c is not None and (c.field, c.op) == ("reply", "is_empty")
    c = cond("7天内过期")
    assert c is not None and (c.field, c.op, c.value) == ("days_left", "lte", 7)
    c = cond("连不上")
    assert c is not None and c.op == "failed"


def test_a_pronoun_compares_the_field_of_the_previous_case() -> None:
    seen = ctx()
    seen.last_field = "nps"
    c = parse_condition("it is 3 or lower", seen)
    assert c is not None and c.field == "nps"


def test_a_trigger_phrase_can_carry_a_condition() -> None:
    c = event_condition("a card moves to 'Shipped' list", ctx())
    assert c is not None and (c.field, c.value) == ("list", "Shipped")
    c = event_condition("an opportunity changes to Negotiation", ctx())
    assert c is not None and (c.field, c.value) == ("status", "Negotiation")
    c = event_condition("Jira问题的状态是阻塞", ctx())
    assert c is not None and (c.field, c.value) == ("status", "阻塞")
    assert event_condition("a file is moved to the Archive folder", ctx()) is None
    assert event_condition("I get an email from my accountant", ctx()) is None


def test_an_unreadable_if_still_names_a_yes_no_field() -> None:
    c = guess_condition("it will snow tomorrow")
    assert c is not None and (c.field, c.op) == ("snow_tomorrow", "is_true")
    c = guess_condition("会堵车")
    assert c is not None and c.field == "堵车"


# --- branches in the graph --------------------------------------------------------------------


def test_a_trigger_qualifier_guards_the_actions_and_otherwise_takes_the_rest() -> None:
    nodes, edges = graph(
        "When a Zendesk ticket is created with priority Urgent, text the on-call phone with "
        "Twilio; otherwise add it to our Airtable backlog"
    )
    ifs = [n for n in nodes.values() if n.subtype == "if"]
    assert len(ifs) == 1 and "priority" in str(ifs[0].parameters)
    outs = {(o, nodes[t].subtype) for s, o, t in edges if s == ifs[0].id}
    assert ("true", "twilio") in outs and ("false", "airtable") in outs


def test_for_each_qualified_item_runs_behind_a_condition_inside_the_loop() -> None:
    frame = parse_request(
        "Every hour read the 'Stock' sheet in Google Sheets and for each item with quantity "
        "under 3 create a Trello card",
        CATALOG,
    )
    assert frame is not None
    loop = next(s for s in walk(frame.steps) if isinstance(s, Loop))
    branch = loop.steps[0]
    assert isinstance(branch, Branch) and branch.cases[0].condition is not None
    assert branch.cases[0].condition.field == "quantity"


def test_a_keep_only_filter_names_its_field() -> None:
    nodes, _ = graph(
        "Every 15 minutes read new Gmail messages, keep only those from @vendor.io, "
        "and post them to Slack"
    )
    flt = [n for n in nodes.values() if n.subtype == "filter"]
    assert flt and "vendor.io" in str(flt[0].parameters) and "from" in str(flt[0].parameters)


def test_a_url_in_a_condition_is_fetched_before_it_is_compared() -> None:
    nodes, edges = graph(
        "Text me via Twilio if the wind speed from https://wx.example.org/oslo goes above 60, "
        "check every 30 minutes"
    )
    http = [i for i, n in nodes.items() if n.subtype == "http_request"]
    ifs = [i for i, n in nodes.items() if n.subtype == "if"]
    assert http and ifs and any(s == http[0] and t == ifs[0] for s, _, t in edges)
    assert "wind" in str(nodes[ifs[0]].parameters)


def test_if_a_and_b_is_one_if_whose_rules_all_hold() -> None:
    nodes, edges = graph(
        "新的GitHub issue创建时，如果标签是bug并且状态是open，就在Slack通知我，否则不处理"
    )
    gates = gate_before(nodes, edges, "slack")
    assert len(gates) == 1 and gates[0].parameters["combine"] == "and"
    text = str(gates[0].parameters["conditions"])
    assert "status" in text and ("label" in text or "标签" in text)


def test_bare_comparisons_open_three_exclusive_cases() -> None:
    frame = parse_request(
        "When a form is submitted: under 50 email me, over 500 post to Slack, otherwise add "
        "a row to Google Sheets",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    ops = [c.condition.op if c.condition else None for c in branch.cases]
    assert ops == ["lt", "gt", None]


def test_chinese_success_and_failure_cases_without_ruguo() -> None:
    nodes, edges = graph(
        "收到webhook后调用 https://api.example.cn/check ，成功就写入Airtable，失败就发邮件给我"
    )
    assert gate_before(nodes, edges, "airtable")


def test_chinese_adjective_case_guards_its_action() -> None:
    nodes, edges = graph("每天读取Notion里的订单，已付款的就在Slack通知财务")
    gates = gate_before(nodes, edges, "slack")
    assert gates and "已付款" in str(gates[0].parameters)


def test_a_range_compiles_to_two_strict_bounds() -> None:
    nodes, _ = graph("When a Typeform response arrives, if the score is 7 or 8 post it to Slack")
    ifs = [n for n in nodes.values() if n.subtype == "if"]
    rules = ifs[0].parameters["conditions"]
    assert [(r["operator"], r["right"]) for r in rules] == [("greater_than", 6), ("less_than", 9)]


def test_otherwise_after_an_approval_asked_inside_a_case_is_the_branchs() -> None:
    frame = parse_request(
        "When an expense form is submitted: under 20 log it in Airtable, over 2000 ask the "
        "CFO to approve first, otherwise post it to Slack",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert [c.condition is None for c in branch.cases] == [False, False, True]
    assert branch.cases[2].steps


def test_a_case_whose_words_name_no_service_records_its_decision() -> None:
    frame = parse_request("当申请金额小于500时自动通过，其他情况请人审批；申请从表单提交", CATALOG)
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    first = branch.cases[0].steps
    assert first and getattr(first[0], "kind", None) == "set"


def test_chinese_shi_clause_after_dang_splits_condition_from_action() -> None:
    frame = parse_request(
        "当库存小于10时在Slack提醒采购，大于500时发邮件给仓库；数据每小时从Airtable读取", CATALOG
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert [c.condition.op for c in branch.cases if c.condition] == ["lt", "gt"]


def test_a_quoted_failure_word_is_a_value_not_an_outage() -> None:
    c = cond("any job has status 'failed'")
    assert c is not None and (c.field, c.op, c.value) == ("status", "eq", "failed")


def test_an_unreadable_if_before_its_action_is_guessed_up_to_the_action() -> None:
    nodes, edges = graph(
        "Every evening fetch https://forecast.example.net/today and if it will freeze send me "
        "a Telegram message"
    )
    assert gate_before(nodes, edges, "telegram")


def test_an_amount_in_the_trigger_words_guards_the_workflow() -> None:
    c = event_condition("a Shopify order over $250 is paid", ctx())
    assert c is not None and (c.field, c.op, c.value) == ("amount", "gt", 250)


def test_a_chinese_attribute_qualifies_the_rows_a_query_reads() -> None:
    nodes, edges = graph("每天8点查询MySQL里余额低于100的账户，逐个在钉钉通知财务")
    gates = gate_before(nodes, edges, "dingtalk")
    assert gates and "balance" in str(gates[0].parameters)
    mysql = next(i for i, n in nodes.items() if n.subtype == "mysql")
    assert any(s == mysql and t == gates[0].id for s, _, t in edges)


def test_a_text_search_on_the_item_itself_searches_its_text() -> None:
    c = cond("the review mentions shipping")
    assert c is not None and (c.field, c.value) == ("text", "shipping")
    c = cond("the subject contains 'invoice'")
    assert c is not None and c.field == "subject"


def test_availability_and_missing_values() -> None:
    c = cond("it is back in stock")
    assert c is not None and (c.field, c.op) == ("in_stock", "is_true")
    c = cond("商品缺货")
    assert c is not None and (c.field, c.op) == ("in_stock", "is_false")
    c = cond("the issue has no assignee")
    assert c is not None and (c.field, c.op) == ("assignee", "is_empty")


def test_a_counted_noun_after_the_number_is_the_field() -> None:
    c = cond("a repo with more than 50 open issues")
    assert c is not None and (c.field, c.op, c.value) == ("issues", "gt", 50)
    c = cond("it takes more than 3 seconds")
    assert c is not None and c.field != "seconds"


def test_the_chinese_field_nearest_the_comparison_wins() -> None:
    c = cond("消息的标题包含“故障”")
    assert c is not None and (c.field, c.value) == ("title", "故障")


def test_chinese_for_each_with_a_quoted_state_guards_inside_the_loop() -> None:
    frame = parse_request(
        "每天读取Notion的工单库，对每条状态为'待处理'的工单，在Slack提醒我", CATALOG
    )
    assert frame is not None
    loop = next(s for s in walk(frame.steps) if isinstance(s, Loop))
    branch = loop.steps[0]
    assert isinstance(branch, Branch) and branch.cases[0].condition is not None
    assert branch.cases[0].condition.value == "待处理"


def test_a_listed_category_set_stays_one_clause() -> None:
    frame = parse_request(
        "When a Freshdesk ticket is created, classify it as sales, support or spam with AI, "
        "then post it to Slack",
        CATALOG,
    )
    assert frame is not None
    think = next(s for s in walk(frame.steps) if getattr(s, "kind", "") == "classify")
    assert think.params["categories"][:3] == ["sales", "support", "spam"]


def test_steps_in_the_matching_place_serve_the_categories_no_case_names() -> None:
    frame = parse_request(
        "When an email arrives, classify it as sales, support or spam with AI and add it to "
        "the matching Trello list; for 'spam' just archive it in Gmail",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    assert branch.cases[0].condition is not None and branch.cases[0].condition.value == "spam"
    other = branch.cases[-1]
    assert other.condition is None and any(getattr(s, "app", "") == "trello" for s in other.steps)


def test_unless_guards_with_the_negated_condition() -> None:
    frame = parse_request(
        "When a Zendesk ticket is created, post it to Slack unless the requester is on the "
        "trial plan",
        CATALOG,
    )
    assert frame is not None
    branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
    c = branch.cases[0].condition
    assert c is not None and (c.field, c.op, c.value) == ("plan", "ne", "trial")


def test_skip_clauses_are_filters_keeping_the_rest() -> None:
    frame = parse_request(
        "Every day get PayPal transactions, skip the ones under $2, then add the rest to Xero",
        CATALOG,
    )
    assert frame is not None
    flt = next(s for s in walk(frame.steps) if getattr(s, "kind", "") == "filter")
    c = flt.params["condition"]
    assert (c.op, c.value) == ("gte", 2)
    nodes, edges = graph("当有新的Jotform提交时，除了来自内部邮箱的提交，都同步到Pipedrive")
    ifs = [i for i, n in nodes.items() if n.subtype == "if"]
    assert ifs and any(s == ifs[0] and o == "false" for s, o, _ in edges)


def test_a_state_change_names_its_field() -> None:
    c = event_condition("Asana任务的状态变为已完成", ctx())
    assert c is not None and (c.field, c.value) == ("status", "已完成")
    c = event_condition("Jira工单的优先级变为Blocker", ctx())
    assert c is not None and (c.field, c.value) == ("priority", "Blocker")
    c = event_condition("a deal's stage changes to Won", ctx())
    assert c is not None and (c.field, c.value) == ("stage", "Won")


def test_a_case_in_the_next_sentence_continues_the_branch() -> None:
    frame = parse_request(
        "新的Shopify订单时，如果金额在100到500之间，就在Slack通知我；超过500则在飞书通知老板",
        CATALOG,
    )
    assert frame is not None
    branches = [s for s in walk(frame.steps) if isinstance(s, Branch)]
    assert len(branches) == 1 and len(branches[0].cases) == 2


def test_a_condition_after_and_in_the_trigger_words_and_becomes() -> None:
    c = event_condition("a new order comes in on Shopify and the total is above 80", ctx())
    assert c is not None and (c.field, c.op, c.value) == ("total", "gt", 80)
    c = event_condition("a Pipedrive deal's pipeline stage becomes Negotiation", ctx())
    assert c is not None and (c.field, c.value) == ("stage", "Negotiation")
    c = cond("the status code is not 200")
    assert c is not None and c.field == "status_code"


def test_back_means_back_in_stock_when_the_request_watches_stock() -> None:
    """Regression: "watch … stock … email me when it is back" read "it is back" as a service
    coming back up (error is empty), so the request check flagged the stock monitor's IF."""

    def back_condition(request: str) -> tuple[str, str]:
        frame = parse_request(request, CATALOG)
        assert frame is not None
        branch = next(s for s in walk(frame.steps) if isinstance(s, Branch))
        c = branch.cases[0].condition
        assert c is not None
        return c.field, c.op

    stock = ("in_stock", "is_true")
    assert (
        back_condition("Watch BestBuy and Amazon stock every hour and email me when it is back")
        == stock
    )
    assert (
        back_condition(
            "Check the Shopify inventory every morning and message me on Slack when the hoodie is back"
        )
        == stock
    )
    assert back_condition("每小时查一下Nike官网的库存，有货了就发邮件给我") == stock
    up = ("error", "is_empty")
    assert (
        back_condition(
            "Ping https://example.com every 5 minutes and text me on Twilio when it is back up"
        )
        == up
    )
