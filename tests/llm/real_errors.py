"""Error bodies as the real servers send them (the shapes and the words flowsmith keys on).

Each is what that server's code writes for the failure named; the llama-cpp-python one was
recorded from ``llama_cpp.server`` 0.3.36 (tests/llm_real runs against it).
"""

from __future__ import annotations

from typing import Any

# vLLM without --enable-auto-tool-choice, asked for tool_choice "auto": 400. Older vLLM
# sends the ErrorResponse at the top level, newer vLLM nests it under "error".
VLLM_AUTO_TOOL_CHOICE_MESSAGE = (
    '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set'
)
VLLM_AUTO_TOOL_CHOICE: dict[str, Any] = {
    "object": "error",
    "message": VLLM_AUTO_TOOL_CHOICE_MESSAGE,
    "type": "BadRequestError",
    "param": None,
    "code": 400,
}
VLLM_AUTO_TOOL_CHOICE_NESTED: dict[str, Any] = {
    "error": {
        "message": VLLM_AUTO_TOOL_CHOICE_MESSAGE,
        "type": "BadRequestError",
        "param": None,
        "code": 400,
    }
}

# Ollama, a model without a tool template: 400, on its native API and on /v1
OLLAMA_NO_TOOLS_NATIVE: dict[str, Any] = {
    "error": "registry.ollama.ai/library/gemma:2b does not support tools"
}
OLLAMA_NO_TOOLS: dict[str, Any] = {
    "error": {
        "message": "registry.ollama.ai/library/gemma:2b does not support tools",
        "type": "invalid_request_error",
        "param": None,
        "code": None,
    }
}

# llama.cpp's llama-server without --jinja, sent tools: 500
LLAMA_CPP_NO_JINJA: dict[str, Any] = {
    "error": {"code": 500, "message": "tools param requires --jinja flag", "type": "server_error"}
}

# llama-cpp-python 0.3.36 (llama_cpp.server), sent response_format json_schema: its request
# model only takes "text" / "json_object", and the route's error handler turns the
# validation error into a 500 (recorded from the server tests/llm_real starts)
LLAMA_CPP_PYTHON_JSON_SCHEMA: dict[str, Any] = {
    "error": {
        "message": "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', "
        "'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\", "
        "'input': 'json_schema', 'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File "
        '"/work/main/.tools/llama/lib/python3.11/site-packages/llama_cpp/server/app.py", '
        "line 376, in create_chat_completion\n    POST /v1/chat/completions",
        "type": "internal_server_error",
        "param": None,
        "code": None,
    }
}

# llama-cpp-python 0.3.36 (--n_ctx 2048), a prompt over n_ctx: recorded. Streamed, the
# request gets "200 text/event-stream" and an empty body (its length check raises inside
# the stream: the log shows "ValueError: Requested tokens (4010) exceed context window of
# 2048", the client sees only "0\r\n\r\n"); the same request unstreamed gets this 400.
LLAMA_CPP_PYTHON_CONTEXT: dict[str, Any] = {
    "error": {
        "message": "This model's maximum context length is 2048 tokens. However, you "
        "requested 4011 tokens (4010 in the messages, 1 in the completion). Please reduce "
        "the length of the messages or completion.",
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
}

# OpenAI, an account without credit: 429 like a rate limit, but never worth retrying
OPENAI_INSUFFICIENT_QUOTA: dict[str, Any] = {
    "error": {
        "message": "You exceeded your current quota, please check your plan and billing "
        "details. For more information on this error, read the docs: "
        "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "type": "insufficient_quota",
        "param": None,
        "code": "insufficient_quota",
    }
}

# OpenAI, a reasoning model sent temperature
OPENAI_UNSUPPORTED_TEMPERATURE: dict[str, Any] = {
    "error": {
        "message": "Unsupported parameter: 'temperature' is not supported with this model.",
        "type": "invalid_request_error",
        "param": "temperature",
        "code": "unsupported_parameter",
    }
}

# Anthropic: billing (402) and the low-credit 400 many accounts see
ANTHROPIC_BILLING: dict[str, Any] = {
    "type": "error",
    "error": {
        "type": "billing_error",
        "message": "There's an issue with your billing or payment information.",
    },
    "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy",
}
ANTHROPIC_LOW_CREDIT: dict[str, Any] = {
    "type": "error",
    "error": {
        "type": "invalid_request_error",
        "message": "Your credit balance is too low to access the Anthropic API. Please go to "
        "Plans & Billing to upgrade or purchase credits.",
    },
    "request_id": "req_011CSHoEeqs5C35K2UUqR7Fz",
}
ANTHROPIC_OVERLOADED: dict[str, Any] = {
    "type": "error",
    "error": {"type": "overloaded_error", "message": "Overloaded"},
    "request_id": "req_011CSHoEeqs5C35K2UUqR7G0",
}
