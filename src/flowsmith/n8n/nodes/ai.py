"""AI: the agent, the LLM chain, memory and tools (the model sub-node is convert's)."""

from __future__ import annotations

from typing import Any

from flowsmith.n8n.nodes.base import (
    Ctx,
    F,
    FieldMap,
    Params,
    Translator,
    as_dict,
    get,
    ident,
    json_back,
    json_text,
    mapped,
    opt,
)

CHAT_INPUT = "{{ $json.chatInput }}"
"""Our prompt for "the chat message that started the run" (n8n's ``promptType: auto``)."""

MODEL_KEYS = {"model": "model", "temperature": "temperature", "max_tokens": "maxTokens"}
"""Our AI parameters that live on n8n's language-model sub-node (``options.<name>``)."""


def _prompt_fwd(p: Params, c: Ctx, out: Params) -> None:
    prompt = p.get("prompt")
    if prompt is not None and prompt != CHAT_INPUT:
        out["promptType"] = "define"
        out["text"] = c.out(prompt)


def _prompt_rev(p: Params, c: Ctx, out: Params) -> None:
    if p.get("promptType") == "define" or ("promptType" not in p and "text" in p):
        out["prompt"] = c.back(p.get("text", ""))
    elif "prompt" in p and "promptType" not in p:
        out["prompt"] = c.back(p["prompt"])  # chainLlm before 1.4
    else:
        out["prompt"] = CHAT_INPUT


def _agent_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _prompt_fwd(p, c, out)
    options: Params = {}
    opt(p, "system_prompt", options, "systemMessage", c.out)
    opt(p, "max_iterations", options, "maxIterations", ident)
    out["options"] = options
    return out


def _agent_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("agent") == "sqlAgent":
        return None
    out: Params = {}
    _prompt_rev(p, c, out)
    options = as_dict(p.get("options"))
    opt(options, "systemMessage", out, "system_prompt", c.back)
    opt(options, "maxIterations", out, "max_iterations", ident)
    if p.get("hasOutputParser") is True:
        out["output_format"] = "json"
    return out


def _chain_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    _prompt_fwd(p, c, out)
    if "system_prompt" in p:
        out["messages"] = {"messageValues": [{"message": c.out(p["system_prompt"])}]}
    return out


def _chain_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    _prompt_rev(p, c, out)
    values = get(p, "messages", "messageValues")
    if isinstance(values, list):
        for v in values:
            if isinstance(v, dict) and v.get("type", "SystemMessagePromptTemplate") == (
                "SystemMessagePromptTemplate"
            ):
                out["system_prompt"] = c.back(v.get("message", ""))
                break
    if p.get("hasOutputParser") is True:
        out["json_output"] = True
    return out


def _memory_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {}
    if "session_key" in p:
        out["sessionIdType"] = "customKey"
        out["sessionKey"] = c.out(p["session_key"])
    opt(p, "window_size", out, "contextWindowLength", ident)
    return out


def _memory_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {}
    if p.get("sessionIdType") == "customKey" and "sessionKey" in p:
        out["session_key"] = c.back(p["sessionKey"])
    opt(p, "contextWindowLength", out, "window_size", ident)
    return out


def _code_tool_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"name": p.get("name", ""), "description": p.get("description", "")}
    if p.get("language") == "python":
        out["language"] = "python"
        out["pythonCode"] = p.get("code", "")
    else:
        if "language" in p:
            out["language"] = "javaScript"
        out["jsCode"] = p.get("code", "")
    return out


def _code_tool_rev(p: Params, c: Ctx) -> Params | None:
    out: Params = {"name": p.get("name", ""), "description": p.get("description", "")}
    if p.get("language") == "python":
        out["language"] = "python"
        out["code"] = p.get("pythonCode", "")
    else:
        if "language" in p:
            out["language"] = "javascript"
        out["code"] = p.get("jsCode", "")
    return out


def _http_tool_fwd(p: Params, c: Ctx) -> Params:
    out: Params = {"toolDescription": p.get("description", "")}
    opt(p, "method", out, "method", ident)
    out["url"] = c.out(p.get("url", ""))
    if isinstance(p.get("headers"), dict):
        out["sendHeaders"] = True
        out["parametersHeaders"] = {
            "values": [
                {"name": k, "valueProvider": "fieldValue", "value": c.out(v)}
                for k, v in p["headers"].items()
            ]
        }
    if p.get("body") is not None:
        out["sendBody"] = True
        out["specifyBody"] = "json"
        out["jsonBody"] = json_text(p["body"], c)
    return out


def _http_tool_rev(p: Params, c: Ctx) -> Params | None:
    if p.get("method", "GET") not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        return None
    out: Params = {"description": p.get("toolDescription", ""), "url": c.back(p.get("url", ""))}
    opt(p, "method", out, "method", ident)
    values = get(p, "parametersHeaders", "values")
    if p.get("sendHeaders") and isinstance(values, list):
        out["headers"] = {
            v["name"]: str(c.back(v.get("value", "")))
            for v in values
            if isinstance(v, dict) and isinstance(v.get("name"), str)
        }
    if p.get("sendBody") and p.get("specifyBody") == "json":
        out["body"] = json_back(p.get("jsonBody", ""), c)
    return out


def _workflow_id_back(value: Any, c: Ctx) -> Any:
    return c.back(value if isinstance(value, str) else str(value))


_WORKFLOW_TOOL = FieldMap(
    (
        F("workflow_id", "workflowId", "expr", default="", rl="id", back=_workflow_id_back),
        F("name", default=""),
        F("description", default=""),
    )
)


def _from_database(p: Params) -> bool:
    return bool(p.get("source", "database") == "database")


# n8n's SerpApi tool has no result-count option (its options are device, gl, google_domain,
# hl, no_cache): provider and max_results stay in the round-trip note
_WEB_SEARCH = FieldMap(static={"options": {}})


TABLE = [
    Translator("ai_agent", _agent_fwd, _agent_rev),
    Translator("llm_chat", _chain_fwd, _chain_rev),
    Translator("buffer_memory", _memory_fwd, _memory_rev),
    mapped("calculator_tool", FieldMap()),
    mapped("wikipedia_tool", FieldMap()),
    Translator("code_tool", _code_tool_fwd, _code_tool_rev, min_version=1.1),
    Translator("http_tool", _http_tool_fwd, _http_tool_rev),
    mapped("workflow_tool", _WORKFLOW_TOOL, min_version=1.2, accepts=_from_database),
    mapped("web_search_tool", _WEB_SEARCH, both=False),
]
