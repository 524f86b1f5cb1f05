"""The human-readable ``data.message`` line of each generation event, in the user's language.

The language comes from the generation's request (``lang``: "zh" or "en"); anything else
falls back to English.
"""

from __future__ import annotations

from typing import Any

_TEXT: dict[str, dict[str, str]] = {
    "start": {"en": "Started generating the workflow.", "zh": "开始生成工作流。"},
    "draft": {
        "en": "Drafted “{name}” with {nodes} nodes.",
        "zh": "已生成草稿“{name}”，共 {nodes} 个节点。",
    },
    "passed": {
        "en": "Check round {round}: all checks passed{warnings}.",
        "zh": "第 {round} 轮检查：全部通过{warnings}。",
    },
    "not_covered": {
        "en": "Check round {round}: no errors, but {count} part(s) of the request are not done.",
        "zh": "第 {round} 轮检查：没有错误，但需求中有 {count} 处尚未完成。",
    },
    "warnings": {"en": ", {count} warning(s)", "zh": "，{count} 个提醒"},
    "problems": {
        "en": "Check round {round}: {errors} problem(s) found, repairing.",
        "zh": "第 {round} 轮检查：发现 {errors} 个问题，正在修复。",
    },
    "complete": {
        "en": "Workflow “{name}” saved as version {version}.",
        "zh": "工作流“{name}”已保存为第 {version} 版。",
    },
    "complete_uncovered": {
        "en": "Workflow “{name}” saved as version {version}, but it does not yet do everything "
        "you asked: {items}",
        "zh": "工作流“{name}”已保存为第 {version} 版，但还没有完全满足你的要求：{items}",
    },
    "unchanged_draft": {
        "en": "No change needed: “{name}” already does what you asked.",
        "zh": "无需修改：“{name}”已经满足你的要求。",
    },
    "unchanged": {
        "en": "No change needed: “{name}” already does what you asked; it stays at version "
        "{version}.",
        "zh": "无需修改：“{name}”已经满足你的要求，仍为第 {version} 版。",
    },
    "validation_failed": {
        "en": "The workflow still has problems after repair: {details}",
        "zh": "修复后工作流仍有问题：{details}",
    },
    "deadline_exceeded": {
        "en": "The generation took too long and was stopped.",
        "zh": "生成耗时过长，已停止。",
    },
    "workflow_deleted": {
        "en": "The workflow this session edits was deleted.",
        "zh": "此会话正在编辑的工作流已被删除。",
    },
}


def language(request: dict[str, Any]) -> str:
    return "zh" if request.get("lang") == "zh" else "en"


def text(key: str, lang: str, **values: Any) -> str:
    templates = _TEXT[key]
    return templates.get(lang, templates["en"]).format(**values)
