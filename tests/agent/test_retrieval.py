"""Retrieval: the relevant specs for a request, and prompts that stay small as the catalog
grows."""

from __future__ import annotations

import random
import re

import pytest

from flowsmith.agent import prompts
from flowsmith.agent.retrieval import (
    CORE_SUBTYPES,
    DEFAULT_K,
    SpecIndex,
    render_specs,
    retrieve,
    tokenize,
)
from flowsmith.core.catalog import Catalog, Example, NodeSpec, OutputSpec, load_catalog
from flowsmith.core.models import Node, NodeFamily, Workflow


def test_tokenize_english_and_chinese() -> None:
    assert tokenize("Checks the prices_of products") == ["check", "price", "product"]
    tokens = tokenize("监控库存")
    assert {"监控", "控库", "库存"} <= set(tokens)
    assert "的" not in tokenize("我的库存")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("请帮我创建一个电商库存监控的workflow，需要监控BestBuy和Amazon", {"web_page_check"}),
        ("请在现有workflow中添加邮件通知功能", {"send_email"}),
        (
            "Every morning summarize new RSS posts and post them to Slack",
            {"rss_trigger", "slack", "summarizer"},
        ),
        (
            "每天早上9点读取谷歌表格的销售数据，汇总后发到Telegram",
            {"google_sheets", "telegram"},
        ),
        (
            "classify incoming support emails and create a GitHub issue for bugs",
            {"email_trigger", "text_classifier", "github"},
        ),
        (
            "build a chatbot agent with web search and memory",
            {"ai_agent", "web_search_tool", "buffer_memory", "chat_trigger"},
        ),
        (
            "当有人提交表单时，用AI分析情感，负面评价发短信给我",
            {"form_trigger", "sentiment_analysis", "twilio"},
        ),
        ("post to Mastodon when a new blog post appears", {"rss_trigger", "http_request"}),
    ],
)
def test_relevant_specs_are_retrieved(query: str, expected: set[str]) -> None:
    subtypes = {s.subtype for s in retrieve(query)}
    assert expected <= subtypes, expected - subtypes
    # per-action subtypes kept for stored workflows are never offered beside their app
    aliases = {spec.subtype for spec in load_catalog().specs if spec.alias_of}
    assert not subtypes & aliases


def test_a_named_service_outranks_services_sharing_its_words() -> None:
    subtypes = [s.subtype for s in retrieve("classify support emails and open a GitHub issue")]
    assert subtypes.index("github") < 3
    # issue trackers the user did not name do not crowd out the classifier
    assert "text_classifier" in subtypes and "jira" not in subtypes


def test_core_and_current_subtypes_are_always_in() -> None:
    current = Workflow(
        nodes=[
            Node(id="t", name="t", type=NodeFamily.TRIGGER, subtype="form_trigger"),
            Node(id="n", name="n", type=NodeFamily.ACTION, subtype="n8n_node"),
            Node(id="x", name="x", type=NodeFamily.ACTION, subtype="no_such_thing"),
        ]
    )
    specs = retrieve("hello", current=current)
    subtypes = [s.subtype for s in specs]
    assert set(CORE_SUBTYPES) <= set(subtypes)
    assert {"form_trigger", "n8n_node"} <= set(subtypes)
    assert "no_such_thing" not in subtypes
    assert len(subtypes) == len(set(subtypes))


def test_imported_n8n_placeholders_are_never_offered() -> None:
    for query in ("n8n node imported generic", "n8n trigger", "n8n memory tool"):
        assert not any(s.subtype.startswith("n8n_") for s in retrieve(query))


def test_retrieval_is_deterministic() -> None:
    query = "每小时检查亚马逊商品价格，降价时发邮件通知我"
    first = [s.subtype for s in retrieve(query)]
    assert first == [s.subtype for s in retrieve(query)]
    assert {"web_page_check", "send_email"} <= set(first[:3])


def _fake_specs(count: int) -> list[NodeSpec]:
    rng = random.Random(7)
    vocabulary = re.findall(
        r"\S+",
        "price stock email slack sheet report customer order invoice ticket crm lead sync "
        "upload image video audio translate summary weather calendar meeting task project "
        "库存 价格 邮件 报表 订单 客户 同步 上传 图片 天气 日历 任务 项目",
    )
    specs = []
    for i in range(count):
        words = rng.sample(vocabulary, 6)
        specs.append(
            NodeSpec(
                subtype=f"fake_service_{i}",
                family=NodeFamily.EXTERNAL_ACTION,
                display_name=f"Fake service {i} {words[0]}",
                description=f"Does {' '.join(words)} things in fake service number {i}.",
                keywords=words,
                parameters={
                    "type": "object",
                    "properties": {
                        "account": {"type": "string"},
                        "mode": {"type": "string", "enum": ["a", "b", "c"]},
                        "payload": {"type": "object"},
                    },
                    "required": ["account"],
                },
                inputs=["main"],
                outputs={"main": OutputSpec(description="result", item_schema={})},
                credentials=["fake"],
                example=Example(name="e", parameters={"account": "x"}),
                n8n=None,
            )
        )
    return specs


def test_prompt_size_stays_bounded_as_the_catalog_grows() -> None:
    real = load_catalog()
    big = Catalog([*real.specs, *_fake_specs(500)])
    assert len(big) > 550
    queries = [
        "Every hour check the Amazon price of my product and email me",
        "每天汇总订单数据写入谷歌表格并发邮件报告",
        "sync new customer leads from a webhook into the crm and tell slack",
    ]
    everything = len(render_specs(big.specs))
    for query in queries:
        small = retrieve(query, catalog=real)
        large = retrieve(query, catalog=big)
        assert len(large) <= DEFAULT_K + len(CORE_SUBTYPES)
        rendered = render_specs(large)
        # the prompt's catalog part does not grow with the catalog: bounded by k + core,
        # a small fraction of rendering everything
        assert len(rendered) < 9000, len(rendered)
        assert len(rendered) < everything / 10
        assert abs(len(rendered) - len(render_specs(small))) < 6000
        system = prompts.respond_system("en", large, None)
        assert len(system) < 14000


def test_index_scores_subtype_and_keywords_over_description() -> None:
    index = SpecIndex(load_catalog())
    best = index.search("telegram", 3)
    assert best[0][0].subtype in ("telegram", "telegram_trigger")
    assert all(score > 0 for _, score in best)
    assert index.search("", 3) == []
    assert index.search("zzzz qqqq", 3) == []


def test_render_specs_is_compact_and_complete() -> None:
    catalog = load_catalog()
    text = render_specs([catalog.get("if"), catalog.get("send_email")])  # type: ignore[list-item]
    assert "- if [FLOW]" in text and "- send_email [EXTERNAL_ACTION]" in text
    assert "conditions*:" in text and "operator*: enum(equals|" in text and "is_not_empty" in text
    assert "outputs: true | false" in text
    assert "to*: " in text and "subject*: " in text and "body*: " in text
    assert "example: " in text
    assert len(text.splitlines()) == 8
