"""Reply texts of the offline planner, in English and Chinese.

Every reply starts with the offline marker so users know no language model answered.
Clarifying replies contain ``CLARIFY_MARKERS`` so a later turn can recognise them in the
history and combine the original request with the answer.
"""

from __future__ import annotations

from flowsmith.core.models import Node, NodeFamily, Workflow
from flowsmith.planner.graph import flow_order
from flowsmith.planner.text import Lang, pick

OFFLINE_EN = "(offline planner)"
OFFLINE_ZH = "（离线规划器）"
CLARIFY_EN = "I need a bit more detail"
CLARIFY_ZH = "还需要一些信息"
CLARIFY_MARKERS = (CLARIFY_EN, CLARIFY_ZH)


def offline(lang: Lang) -> str:
    return pick(lang, OFFLINE_EN, OFFLINE_ZH)


def capabilities(lang: Lang) -> str:
    if lang == "zh":
        return (
            f"{OFFLINE_ZH}你好！我可以把一句话的需求变成可运行的 workflow。例如：\n"
            "- 每小时监控 BestBuy 和 Amazon 的商品库存，有货时发邮件提醒\n"
            "- 每天早上 9 点总结 RSS 新文章并发到 Slack\n"
            "- Webhook 收到订单时写入 Google 表格并发送 Telegram 消息\n"
            "- 对收到的客服邮件分类，紧急的发到 Slack，其余存到 Notion\n"
            "- 发布到 Slack 之前需要主管审批\n"
            "支持定时、Webhook、邮件、表单、RSS 等触发方式，邮件、Slack、Telegram、短信、"
            "Google 表格、Notion、GitHub、数据库等输出，"
            "以及 AI 摘要、分类、提取、情感分析和智能体。\n"
            "请描述你想自动化的事情。"
        )
    return (
        f"{OFFLINE_EN} Hi! I turn a one-line description into a runnable workflow. "
        "For example:\n"
        "- Watch BestBuy and Amazon stock for a product every hour and email me when it is back\n"
        "- Every morning at 9, summarise new RSS posts and post them to Slack\n"
        "- When a webhook receives an order, add a row to Google Sheets and send a Telegram "
        "message\n"
        "- Classify incoming support emails, route urgent ones to Slack and the rest to Notion\n"
        "- Require manager approval before posting to Slack\n"
        "Triggers: schedules, webhooks, incoming email, forms, RSS, chat. Outputs: email, Slack, "
        "Telegram, Discord, Teams, SMS, Google Sheets, Notion, GitHub, databases. AI steps: "
        "summaries, classification, extraction, sentiment, translation and agents with tools.\n"
        "Describe what you would like to automate."
    )


def thanks(lang: Lang) -> str:
    return pick(
        lang,
        f"{OFFLINE_EN} You're welcome! Tell me if you want to change anything in the workflow.",
        f"{OFFLINE_ZH}不客气！如果需要修改 workflow，直接告诉我即可。",
    )


def clarify(lang: Lang, questions: list[tuple[str, list[str]]], example: str) -> str:
    lines = [
        pick(
            lang,
            f"{OFFLINE_EN} {CLARIFY_EN} before I can build this workflow:",
            f"{OFFLINE_ZH}{CLARIFY_ZH}，才能生成 workflow：",
        )
    ]
    sep = pick(lang, " / ", "／")
    for i, (question, suggestions) in enumerate(questions, 1):
        hint = pick(lang, f" (e.g. {sep.join(suggestions)})", f"（例如：{sep.join(suggestions)}）")
        lines.append(f"{i}. {question}{hint}")
    lines.append(
        pick(
            lang,
            f"You can answer in one sentence, e.g. “{example}”.",
            f"可以用一句话回答，例如：“{example}”。",
        )
    )
    return "\n".join(lines)


def describe_workflow(wf: Workflow, lang: Lang) -> list[str]:
    """One line per step in flow order; siblings fed from the same place share a line
    (they run in parallel), branch outputs and attached tools are spelled out."""
    by_id = {x.id: x for x in wf.nodes}
    groups: list[tuple[frozenset[tuple[str, str]], list[str]]] = []
    for node_id in flow_order(wf):
        node = by_id[node_id]
        if node.type in (NodeFamily.TOOL, NodeFamily.MEMORY):
            continue
        feed = frozenset(
            (c.from_node, c.from_output) for c in wf.connections if c.to_node == node_id
        )
        if groups and feed and groups[-1][0] == feed:
            groups[-1][1].append(node_id)
        else:
            groups.append((feed, [node_id]))
    return [_describe_group(by_id, feed, ids, lang) for feed, ids in groups]


def _describe_group(
    by_id: dict[str, Node], feed: frozenset[tuple[str, str]], ids: list[str], lang: Lang
) -> str:
    parts = []
    for node_id in ids:
        node = by_id[node_id]
        text = node.name
        if node.attached_nodes:
            tools = ", ".join(by_id[a].name for a in node.attached_nodes if a in by_id)
            text += pick(lang, f" (with {tools})", f"（配备 {tools}）")
        parts.append(text)
    line = " + ".join(parts)
    if ids and by_id[ids[0]].type == NodeFamily.TRIGGER:
        return pick(lang, "Trigger: ", "触发：") + line
    if len(ids) > 1:
        line += pick(lang, " (in parallel)", "（并行）")
    branch = sorted((src, out) for src, out in feed if out != "main" and src in by_id)
    if branch:
        src, out = branch[0]
        line += pick(
            lang, f" — when “{by_id[src].name}” → {out}", f" —— 当 “{by_id[src].name}” → {out}"
        )
    return line


def generated(lang: Lang, wf: Workflow, assumptions: list[str]) -> str:
    steps = describe_workflow(wf, lang)
    out = [
        pick(
            lang,
            f"{OFFLINE_EN} Here is the plan for “{wf.name}”:",
            f"{OFFLINE_ZH}已规划 workflow “{wf.name}”：",
        )
    ]
    out += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
    if assumptions:
        out.append(pick(lang, "Assumptions (change them any time):", "我做的假设（可随时修改）："))
        out += [f"- {a}" for a in assumptions]
    out.append(
        pick(
            lang,
            "Generating it now; ask me for any change.",
            "正在生成，如需调整请直接告诉我。",
        )
    )
    return "\n".join(out)


def edited(lang: Lang, name: str, notes: list[str]) -> str:
    out = [pick(lang, f"{OFFLINE_EN} Updating “{name}”:", f"{OFFLINE_ZH}正在修改 “{name}”：")]
    out += [f"- {n}" for n in notes]
    out.append(pick(lang, "Everything else stays as it is.", "其余步骤保持不变。"))
    return "\n".join(out)


def unchanged(lang: Lang, name: str, notes: list[str]) -> str:
    out = [
        pick(
            lang, f"{OFFLINE_EN} Nothing to change in “{name}”:", f"{OFFLINE_ZH}“{name}” 无需修改："
        )
    ]
    out += [f"- {n}" for n in notes]
    out.append(
        pick(lang, "Tell me what else you would like to change.", "还想调整什么，请告诉我。")
    )
    return "\n".join(out)


def no_workflow_yet(lang: Lang) -> str:
    return pick(
        lang,
        f"{OFFLINE_EN} There is no workflow to change yet. Describe the automation you want "
        "and I will build it.",
        f"{OFFLINE_ZH}目前还没有可以修改的 workflow。请先描述你想要的自动化流程，我来生成。",
    )
