"""The AI agent node of a chat start, with its tools and memory attached.

Invariants: :func:`agent_nodes` returns the agent (connected by the caller like any step)
and the TOOL / MEMORY nodes it lists in ``attached_nodes``; those never join the main
flow. An HTTP tool calls the URL the request named. Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Any

from flowsmith.core.models import Node
from flowsmith.planner.compile_state import CompileState
from flowsmith.planner.frame import Think
from flowsmith.planner.nodes import make
from flowsmith.planner.text import pick
from flowsmith.text import text as say

_TOOL_NAMES = {
    "web_search_tool": ("Web search", "网页搜索"),
    "calculator_tool": ("Calculator", "计算器"),
    "wikipedia_tool": ("Wikipedia", "维基百科"),
    "http_tool": ("Query the API", "查询接口"),
}


def agent_nodes(st: CompileState, step: Think) -> tuple[Node, list[Node]]:
    """The agent that answers ``st.text`` and the nodes attached to it."""
    lang = st.lang
    task = step.params.get("prompt") or step.phrase
    system = say("planner.compile_agent.you_are_a_helpful_assistant_task", lang, task=task)
    params = {"system_prompt": system[:2000], "prompt": st.text, "max_iterations": 10}
    agent = make(
        st.ids, "ai_agent", say("planner.compile_agent.ai_agent", lang), "ai_agent", params
    )
    attached: list[Node] = []
    for tool in step.params.get("tools", []):
        subtype = str(tool.get("subtype"))
        en, zh = _TOOL_NAMES.get(subtype, (subtype, subtype))
        attached.append(
            make(st.ids, subtype.removesuffix("_tool"), pick(lang, en, zh), subtype, _tool(tool))
        )
    memory = step.params.get("memory")
    if memory:
        name = say("planner.compile_agent.chat_memory", lang)
        attached.append(make(st.ids, "memory", name, str(memory), {"window_size": 10}))
    agent.attached_nodes = [n.id for n in attached]
    st.text = "{{ $json.output }}"
    return agent, attached


def _tool(tool: dict[str, Any]) -> dict[str, Any]:
    subtype = tool.get("subtype")
    if subtype == "http_tool":
        return {
            "description": str(tool.get("phrase") or "Look up data for the answer")[:200],
            "url": str(tool.get("url") or "https://api.example.com/{path}"),
            "method": "GET",
        }
    if subtype == "web_search_tool":
        return {"provider": "duckduckgo", "max_results": 5}
    return {}
