"""A chat start's AI agent: the node that answers each chat message, and its tools.

Invariants: only a frame whose trigger is ``chat`` gets an agent (:func:`with_agent`);
a request that names its own AI service ("answer with OpenAI") keeps that service as the
answering step and gets no agent; an API the request says the bot queries becomes the
agent's HTTP tool instead of a main-flow request; reads of named services stay upstream of
the agent and writes (logging the conversation) downstream. Pure: no I/O, no clock.
"""

from __future__ import annotations

import re
from typing import Any

from flowsmith.planner.frame import CoreStep, ServiceStep, Step, Think
from flowsmith.planner.parse_context import Context

# what a chat bot's answers can use, by the words that ask for it
_TOOL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "web_search_tool",
        re.compile(
            r"\b(?:search|browse)\w*\s+(?:the\s+)?(?:web|internet|online)\b|\bgoogle it\b|"
            r"\bweb search\b|联网|上网|网上搜索|网络搜索|搜索网页",
            re.IGNORECASE,
        ),
    ),
    ("wikipedia_tool", re.compile(r"wikipedia|维基", re.IGNORECASE)),
    ("calculator_tool", re.compile(r"\bcalculat\w*|\bmath\b|计算|算数", re.IGNORECASE)),
)


def with_agent(steps: list[Step], ctx: Context, text: str) -> list[Step]:
    """``steps`` of a chat start with the agent that answers: after the reads, before the
    writes; an API it queries is its tool."""
    if any(_answers(s, ctx) for s in steps):
        return steps
    tools: list[dict[str, Any]] = []
    reads: list[Step] = []
    rest: list[Step] = []
    prompts: list[str] = []
    for step in steps:
        if isinstance(step, CoreStep) and step.subtype == "http_request" and _is_get(step):
            tools.append(
                {"subtype": "http_tool", "url": step.params.get("url", ""), "phrase": step.phrase}
            )
        elif isinstance(step, Think) and step.kind == "prompt":
            prompts.append(step.phrase)
        elif not rest and _reads(step):
            reads.append(step)
        else:
            rest.append(step)
    for subtype, pattern in _TOOL_WORDS:
        if pattern.search(text):
            tools.append({"subtype": subtype})
    agent = Think(
        kind="agent",
        params={"tools": tools, "memory": "buffer_memory", "prompt": " ".join(prompts)},
        phrase=" ".join(prompts) or text[:200],
    )
    return [*reads, agent, *rest]


def _answers(step: Step, ctx: Context) -> bool:
    """A step that already answers: an AI service the user named, or an agent."""
    if isinstance(step, Think) and step.kind == "agent":
        return True
    return (
        isinstance(step, ServiceStep)
        and step.app in ctx.index.apps
        and ctx.index.apps[step.app].category == "ai"
    )


def _is_get(step: CoreStep) -> bool:
    return str(step.params.get("method", "GET")).upper() == "GET"


def _reads(step: Step) -> bool:
    if isinstance(step, ServiceStep):
        op = (step.operation or "").lower()
        return op.startswith(("get", "list", "search", "read", "find", "select")) or "query" in op
    return False
