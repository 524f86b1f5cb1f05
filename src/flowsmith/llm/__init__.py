"""LLM providers behind one small interface (see ``base``): streaming text and tool calls,
structured JSON output, bounded retries, deadlines, usage and cost."""

from flowsmith.llm.base import (
    CallOptions,
    Finished,
    LLMError,
    LLMErrorCode,
    Message,
    Provider,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolCallDone,
    ToolSpec,
    Usage,
    current_deadline,
    deadline_in,
    deadline_scope,
)
from flowsmith.llm.factory import create_provider
from flowsmith.llm.pricing import estimate_cost_usd
from flowsmith.llm.structured import strict_compatible

__all__ = [
    "CallOptions",
    "Finished",
    "LLMError",
    "LLMErrorCode",
    "Message",
    "Provider",
    "StreamEvent",
    "TextDelta",
    "ToolCall",
    "ToolCallDone",
    "ToolSpec",
    "Usage",
    "create_provider",
    "current_deadline",
    "deadline_in",
    "deadline_scope",
    "estimate_cost_usd",
    "strict_compatible",
]
