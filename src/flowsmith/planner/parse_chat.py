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
            r"\bweb search\b|\blooks?\s+(?:\w+\s+)?up\s+(?:\w+\s+)?(?:on|in)\s+(?:the\s+)?"
            r"(?:web|internet)\b|\bsearch(?:es|ing)? online\b|"
            r"联网|上网|网上搜索|网络搜索|搜索网页|网上查",
            re.IGNORECASE,
        ),
    ),
    ("wikipedia_tool", re.compile(r"wikipedia|维基", re.IGNORECASE)),
    ("calculator_tool", re.compile(r"\bcalculat\w*|\bmath\b|计算|算数", re.IGNORECASE)),
)


def with_agent(steps: list[Step], ctx: Context, text: str) -> list[Step]:
    """``steps`` of a chat start with the agent that answers: after the reads, before the
    writes; an API it queries is its tool."""
    asked = [subtype for subtype, pattern in _TOOL_WORDS if pattern.search(text)]
    if asked or _REMEMBERS.search(text):
        # a model the user named cannot use tools or remember the chat: the agent answers
        # (its task is the request, which names that model) instead of the bare AI step
        steps = [s for s in steps if not _ai_app(s, ctx)]
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
    tools += [{"subtype": subtype} for subtype in asked]
    agent = Think(
        kind="agent",
        params={"tools": tools, "memory": "buffer_memory", "prompt": " ".join(prompts)},
        phrase=" ".join(prompts) or text[:200],
    )
    return [*reads, agent, *rest]


# "remembers the conversation", "要能记住我们之前聊过的内容": the agent keeps a chat memory
_REMEMBERS = re.compile(
    r"\bremember\w*|\bmemory\b|\brecall\w*|\bprevious (?:messages|conversation)|"
    r"记住|记得|记忆|上下文|之前聊|聊过",
    re.IGNORECASE,
)


def _answers(step: Step, ctx: Context) -> bool:
    """A step that already answers: an AI service the user named, or an agent."""
    if isinstance(step, Think) and step.kind == "agent":
        return True
    return _ai_app(step, ctx)


def _ai_app(step: Step, ctx: Context) -> bool:
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


# "a Telegram bot", "Slack机器人", "our Discord chatbot": the bot lives in that app
_BOT_AFTER = re.compile(r"\s*(?:chat ?)?bots?\b|\s*(?:聊天|问答|客服)?机器人", re.IGNORECASE)


def bot_app(text: str, ctx: Context) -> tuple[str, str] | None:
    """(app, event) of a messaging app the request puts its bot in, when that app has an
    event for a message the bot receives; None otherwise."""
    for mention in ctx.index.mentions(text, implicit=False):
        app = ctx.index.apps.get(mention.app or "")
        if app is None or app.category != "messaging" or app.triggers is None:
            continue
        said_bot = _BOT_AFTER.search(mention.word) or _BOT_AFTER.match(text, mention.end)
        if not said_bot:
            continue
        event = next((k for k in app.triggers.events if "message" in k.lower()), None)
        if event is not None:
            return app.app, event
    return None


# "users ask it questions", "用户发消息提问": a bot that answers what it is asked
_ASKED = re.compile(r"\banswer|\brepl(?:y|ies)\b|\bquestions?\b|回答|答复|提问|问答|解答", re.I)


def asks_a_bot(text: str, ctx: Context) -> bool:
    """Whether ``text`` asks for a bot in a messaging app that answers questions."""
    return bool(_ASKED.search(text)) and bot_app(text, ctx) is not None


def on_bot_app(steps: list[Step], app_id: str, ctx: Context) -> list[Step]:
    """The steps of a bot living in ``app_id``: no read of that app (its message is the
    start), and the answer sent back there by the app's own message operation."""
    kept = [s for s in steps if not (isinstance(s, ServiceStep) and s.app == app_id and _reads(s))]
    if any(isinstance(s, ServiceStep) and s.app == app_id for s in kept):
        return kept
    example = ctx.index.apps[app_id].example
    reply = ServiceStep(app=app_id, resource=example.resource, operation=example.operation)
    return [*kept, reply]
