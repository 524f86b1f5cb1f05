"""Planned workflows exported for n8n: what n8n checks before it starts a run holds.

Pure (no n8n): the offline planner builds a workflow from a sentence of ours, the exporter
turns it into n8n JSON, and the checks read ``n8n_locators.json`` (the installed n8n's
resource-locator modes). Each test is a bug the real-n8n runs (tests/n8n_real/runs.py) found.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.core.models import Workflow
from flowsmith.n8n import locators
from flowsmith.n8n.convert import to_n8n
from flowsmith.planner.offline import build, decide


def _make(text: str) -> Workflow:
    decision = decide(text, [], None)
    assert decision.kind == "generate", decision.reply
    assert decision.request is not None
    return build(decision.request, None)


def _refused_locators(doc: dict[str, Any]) -> list[str]:
    """Every resource locator of ``doc`` whose literal value its mode's pattern refuses
    (n8n then refuses to start the workflow: "No active execution found")."""
    out: list[str] = []

    def walk(node: dict[str, Any], params: Any, variants: dict[str, Any]) -> None:
        if isinstance(params, list):
            for v in params:
                walk(node, v, variants)
        if not isinstance(params, dict):
            return
        for key, value in params.items():
            if isinstance(value, dict) and value.get("__rl") and key in variants:
                mode, literal = str(value.get("mode")), value.get("value")
                if not isinstance(literal, str) or literal.startswith("="):
                    continue
                for modes in variants[key]:
                    regex = modes.get(mode, "missing")
                    if regex == "missing" or (regex and not re.fullmatch(regex, literal)):
                        out.append(f"{node['name']}: {key} {mode} {literal!r}")
            else:
                walk(node, value, variants)

    for node in doc["nodes"]:
        walk(
            node, node.get("parameters", {}), locators._variants(node["type"], node["typeVersion"])
        )
    return out


def test_a_time_window_read_lists_the_items_and_exports_no_refused_locator() -> None:
    """ "今天新建的页面…整理成一份周报": the pages made in a time window are a collection read
    (Notion getAll or search), not one page by a placeholder id; "一份" counts the summary,
    not the pages. Before, the Notion node read one page by ``YOUR_PAGE_ID``, which no mode
    of n8n's pageId locator takes (it has no "From list"), and n8n refused to start."""
    for text in (
        "每周一早上九点，把上周我在Notion里新建的笔记整理成一份周报，发邮件给我",
        "Every Friday at 6pm take the last 20 pages from our Notion database and email me a summary",
    ):
        wf = _make(text)
        notion = [n for n in wf.nodes if n.subtype == "notion"]
        assert [n.parameters["operation"] for n in notion] in (["getAll"], ["search"]), text
        assert _refused_locators(to_n8n(wf)) == [], text


def test_a_service_whose_items_a_clause_speaks_of_is_read_not_uploaded_to() -> None:
    """ "… the titles and view counts of our latest 5 YouTube videos and append them …": the
    clause split off at "and" has no verb of its own, and its YouTube videos are read (a
    video listing). Before, the verbless mention was taken as a write, YouTube's upload,
    which n8n stops at ("Make sure that the previous node outputs a binary file")."""
    wf = _make(
        "Every Monday at 8am collect the titles and view counts of our latest 5 YouTube "
        "videos and append them to a Google Sheet"
    )
    youtube = [n for n in wf.nodes if n.subtype == "youtube"]
    assert [n.parameters["operation"] for n in youtube] == ["getAll"]


def test_a_chinese_sort_sorts_on_the_field_it_names() -> None:
    """ "按金额排序": the Sort node sorts on amount. Before, only an English "by X" named the
    field and the Sort fell back to ``date``, a field the deals never had (n8n: "Couldn't
    find the field 'date' in the input data")."""
    wf = _make("每天早上从HubSpot拉取本周的交易，按金额排序取前3个，发到Slack频道")
    sort = [n for n in wf.nodes if n.subtype == "sort"]
    assert [f["field"] for n in sort for f in n.parameters["fields"]] == ["amount"]
    exported = [n for n in to_n8n(wf)["nodes"] if n["type"] == "n8n-nodes-base.sort"]
    assert "amount" in str(exported[0]["parameters"]) and "date" not in str(
        exported[0]["parameters"]
    )


def test_a_feed_of_an_apps_new_content_adds_no_step_for_that_app() -> None:
    # the real-n8n run of "my YouTube channel (RSS: …) has a new video" stopped on a YouTube
    # upload that asked for a file: the channel is the feed's source, never a step
    for text, source, step in (
        (
            "我的YouTube频道（RSS: https://www.youtube.com/feeds/videos.xml?channel_id=UCab）"
            "一有新视频，就用DeepL把标题翻译成英文，再发到Telegram",
            "youtube",
            "deepl",
        ),
        (
            "My Medium blog (RSS: https://medium.com/feed/@someone) — every new article, "
            "summarize it and post the summary to Slack",
            "medium",
            "slack",
        ),
    ):
        wf = _make(text)
        subtypes = [n.subtype for n in wf.nodes]
        assert subtypes[0] == "rss_trigger", subtypes
        assert wf.nodes[0].parameters["url"].startswith("https://"), wf.nodes[0].parameters
        assert source not in subtypes, subtypes
        assert any(step in s for s in subtypes), subtypes


def test_a_step_on_the_triggers_own_record_takes_its_id() -> None:
    # the real-n8n run of "… append the recap to that page" stopped before starting: the
    # Notion block id was the placeholder YOUR_BLOCK_ID, which n8n's locator refuses
    wf = _make(
        "When a page in my Notion 'Projects' database gets status Done, ask Claude for a short "
        "summary and append it to that page"
    )
    append = next(n for n in wf.nodes if n.subtype == "notion")
    trigger = wf.nodes[0]
    assert append.parameters["block_id"] == "{{ $('" + trigger.name + "').item.json.id }}"
    assert _refused_locators(to_n8n(wf)) == []
