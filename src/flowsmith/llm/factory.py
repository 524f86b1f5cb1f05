"""Build the configured provider from settings (None means the offline planner)."""

from __future__ import annotations

from typing import Any

from flowsmith.config import Settings
from flowsmith.llm.base import Provider


def create_provider(settings: Settings, **overrides: Any) -> Provider | None:
    """The provider ``settings.llm_provider`` names, or None for ``offline``.

    ``overrides`` go to the provider's constructor and win over settings; they are how
    settings have no variable for (``retry_after_max_s``, ``max_tokens_field``,
    ``strict_tools``, ``probe_context``) get passed.
    Raises ``ValueError`` naming the environment variable when one is missing."""
    if settings.llm_provider == "offline":
        return None
    kind = settings.llm_provider
    model = overrides.pop("model", None) or settings.llm_model
    if not model:
        raise ValueError(f"FLOWSMITH_LLM_MODEL must be set when FLOWSMITH_LLM_PROVIDER={kind}")
    options: dict[str, Any] = {
        "model": model,
        "api_key": settings.effective_llm_api_key,
        "base_url": settings.effective_llm_base_url,
        "timeout_s": settings.llm_timeout_s,
        "max_retries": settings.llm_max_retries,
        "backoff_base_s": settings.llm_backoff_base_s,
        "backoff_max_s": settings.llm_backoff_max_s,
        "context_tokens": settings.llm_context_tokens or None,
    }
    options.update(overrides)
    # imported here: the SDKs take a while to import and offline mode needs neither
    if kind == "anthropic":
        from flowsmith.llm.anthropic_provider import AnthropicProvider

        if not options["api_key"]:
            raise ValueError(
                "FLOWSMITH_LLM_API_KEY (or ANTHROPIC_API_KEY) must be set for anthropic"
            )
        return AnthropicProvider(**options)
    from flowsmith.llm.openai_compat import OpenAICompatProvider

    options.setdefault("system_as_user", settings.llm_system_as_user)

    if not options["api_key"] and not options["base_url"]:
        # a local server (Ollama, vLLM, LM Studio) needs no key, api.openai.com does
        raise ValueError(
            "FLOWSMITH_LLM_API_KEY (or OPENAI_API_KEY) must be set for openai "
            "unless FLOWSMITH_LLM_BASE_URL points at a local server"
        )
    return OpenAICompatProvider(**options)
