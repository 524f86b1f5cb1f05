"""All of flowsmith's settings, in one object, read from the environment or a `.env` file.

Every setting is listed in the README's configuration table; ``flowsmith serve`` refuses to
start on a bad value with one line naming it (see ``describe_settings_error``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LLMProvider = Literal["offline", "openai", "anthropic"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    host: str = Field(default="127.0.0.1", validation_alias="FLOWSMITH_HOST")
    port: int = Field(default=8000, ge=1, le=65535, validation_alias="FLOWSMITH_PORT")
    data_dir: Path = Field(default=Path("./data"), validation_alias="FLOWSMITH_DATA_DIR")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    db_schema: str = Field(
        default="flowsmith",
        pattern=r"^[a-z_][a-z0-9_]{0,62}$",
        validation_alias="FLOWSMITH_DB_SCHEMA",
    )
    db_pool_size: int = Field(default=10, ge=1, le=500, validation_alias="FLOWSMITH_DB_POOL_SIZE")
    db_max_overflow: int = Field(
        default=10, ge=0, le=500, validation_alias="FLOWSMITH_DB_MAX_OVERFLOW"
    )
    # 0 turns off asyncpg's prepared-statement caches, which a transaction pooler
    # (Supabase's port 6543, PgBouncer in transaction mode) cannot keep per connection
    db_statement_cache_size: int = Field(
        default=100, ge=0, validation_alias="FLOWSMITH_DB_STATEMENT_CACHE_SIZE"
    )
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    # connections of each Redis command pool (the event bus's, the rate limiter's); a
    # command that finds all in use waits up to the timeout for one, then is a 503
    redis_max_connections: int = Field(
        default=100, ge=1, le=10_000, validation_alias="FLOWSMITH_REDIS_MAX_CONNECTIONS"
    )
    redis_pool_timeout_s: float = Field(
        default=5.0, gt=0, le=300, validation_alias="FLOWSMITH_REDIS_POOL_TIMEOUT_S"
    )

    supabase_url: str | None = Field(default=None, validation_alias="SUPABASE_URL")
    supabase_jwt_secret: str | None = Field(default=None, validation_alias="SUPABASE_JWT_SECRET")
    jwt_audience: str = Field(default="authenticated", validation_alias="FLOWSMITH_JWT_AUDIENCE")
    jwt_leeway_s: int = Field(default=30, ge=0, le=600, validation_alias="FLOWSMITH_JWT_LEEWAY_S")
    jwt_algorithms: list[str] = Field(
        default=["ES256", "RS256"], validation_alias="FLOWSMITH_JWT_ALGORITHMS"
    )
    jwks_cache_s: int = Field(default=600, ge=1, validation_alias="FLOWSMITH_JWKS_CACHE_S")
    jwks_min_refetch_s: float = Field(
        default=30.0, ge=0, validation_alias="FLOWSMITH_JWKS_MIN_REFETCH_S"
    )
    jwks_timeout_s: float = Field(default=5.0, gt=0, validation_alias="FLOWSMITH_JWKS_TIMEOUT_S")

    llm_provider: LLMProvider = Field(default="offline", validation_alias="FLOWSMITH_LLM_PROVIDER")
    llm_model: str | None = Field(default=None, validation_alias="FLOWSMITH_LLM_MODEL")
    llm_base_url: str | None = Field(default=None, validation_alias="FLOWSMITH_LLM_BASE_URL")
    llm_api_key: str | None = Field(default=None, validation_alias="FLOWSMITH_LLM_API_KEY")
    # the ecosystem's own variables, each used only for its own provider
    openai_api_key: str | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    anthropic_api_key: str | None = Field(default=None, validation_alias="ANTHROPIC_API_KEY")
    llm_max_retries: int = Field(
        default=3, ge=0, le=10, validation_alias="FLOWSMITH_LLM_MAX_RETRIES"
    )
    llm_backoff_base_s: float = Field(
        default=0.5, ge=0, le=30, validation_alias="FLOWSMITH_LLM_BACKOFF_BASE_S"
    )
    llm_backoff_max_s: float = Field(
        default=8.0, ge=0, le=120, validation_alias="FLOWSMITH_LLM_BACKOFF_MAX_S"
    )
    llm_prices: dict[str, dict[str, float]] = Field(
        default={}, validation_alias="FLOWSMITH_LLM_PRICES"
    )
    llm_timeout_s: float = Field(default=60.0, gt=0, validation_alias="FLOWSMITH_LLM_TIMEOUT_S")
    # how many catalog specs retrieval puts in a prompt (plus a small core and the specs
    # of the workflow being edited)
    llm_retrieval_k: int = Field(
        default=12, ge=1, le=200, validation_alias="FLOWSMITH_LLM_RETRIEVAL_K"
    )
    # earlier chat messages sent with each turn (the newest ones)
    llm_history_messages: int = Field(
        default=20, ge=0, le=200, validation_alias="FLOWSMITH_LLM_HISTORY_MESSAGES"
    )
    # completion-token cap of a draft, edit or repair call
    llm_max_output_tokens: int = Field(
        default=4096, ge=256, le=128_000, validation_alias="FLOWSMITH_LLM_MAX_OUTPUT_TOKENS"
    )
    # completion-token caps of a turn's decision and of its streamed reply
    llm_decide_max_tokens: int = Field(
        default=1024, ge=64, le=128_000, validation_alias="FLOWSMITH_LLM_DECIDE_MAX_TOKENS"
    )
    llm_reply_max_tokens: int = Field(
        default=1024, ge=64, le=128_000, validation_alias="FLOWSMITH_LLM_REPLY_MAX_TOKENS"
    )
    # sampling for every call (unset: not sent); reasoning models (o-series, gpt-5) refuse
    # temperature, and the provider then drops it
    llm_temperature: float | None = Field(
        default=None, ge=0, le=2, validation_alias="FLOWSMITH_LLM_TEMPERATURE"
    )
    llm_reasoning_effort: Literal["minimal", "low", "medium", "high"] | None = Field(
        default=None, validation_alias="FLOWSMITH_LLM_REASONING_EFFORT"
    )
    # per call kind (decide, reply, draft, repair): {"draft": {"max_tokens": 8000,
    # "temperature": 0.2, "reasoning_effort": "medium"}}; wins over the settings above
    llm_call_options: dict[str, dict[str, Any]] = Field(
        default={}, validation_alias="FLOWSMITH_LLM_CALL_OPTIONS"
    )
    # the model's context window in tokens (0: ask the server: llama.cpp's /props n_ctx,
    # vLLM's /v1/models max_model_len; unknown otherwise); output caps shrink to fit it
    llm_context_tokens: int = Field(
        default=0, ge=0, le=10_000_000, validation_alias="FLOWSMITH_LLM_CONTEXT_TOKENS"
    )
    # how a chat turn decides: auto (the decide tool beside the streamed reply while the
    # server takes tools, else a structured decision first), tools, decide_first
    llm_turn_mode: Literal["auto", "tools", "decide_first"] = Field(
        default="auto", validation_alias="FLOWSMITH_LLM_TURN_MODE"
    )
    # put the system prompt into the first user message (openai provider): for chat
    # templates without a system role that drop it (llama-cpp-python's gemma format)
    llm_system_as_user: bool = Field(default=False, validation_alias="FLOWSMITH_LLM_SYSTEM_AS_USER")

    cors_origins: list[str] = Field(default=[], validation_alias="FLOWSMITH_CORS_ORIGINS")
    keepalive_s: float = Field(default=15.0, gt=0, le=300, validation_alias="FLOWSMITH_KEEPALIVE_S")
    # pause between the offline planner's reply pieces, so a person sees the reply stream
    offline_stream_delay_ms: int = Field(
        default=15, ge=0, le=2000, validation_alias="FLOWSMITH_OFFLINE_STREAM_DELAY_MS"
    )
    # simulated model latency in the offline planner's draft step (demos, failover tests)
    offline_draft_delay_ms: int = Field(
        default=0, ge=0, le=600_000, validation_alias="FLOWSMITH_OFFLINE_DRAFT_DELAY_MS"
    )
    repair_rounds: int = Field(default=3, ge=0, le=10, validation_alias="FLOWSMITH_REPAIR_ROUNDS")
    # how long a finished turn's or generation's live events stay replayable from the bus
    event_retention_s: int = Field(
        default=3600, ge=10, validation_alias="FLOWSMITH_EVENT_RETENTION_S"
    )
    lease_s: float = Field(default=30.0, ge=1, le=3600, validation_alias="FLOWSMITH_LEASE_S")
    turn_deadline_s: float = Field(
        default=120.0, gt=0, validation_alias="FLOWSMITH_TURN_DEADLINE_S"
    )
    generation_deadline_s: float = Field(
        default=300.0, gt=0, validation_alias="FLOWSMITH_GENERATION_DEADLINE_S"
    )
    rate_sessions_per_min: int = Field(
        default=60, ge=0, validation_alias="FLOWSMITH_RATE_SESSIONS_PER_MIN"
    )
    rate_turns_per_min: int = Field(
        default=60, ge=0, validation_alias="FLOWSMITH_RATE_TURNS_PER_MIN"
    )
    max_streams_per_user: int = Field(
        default=64, ge=0, validation_alias="FLOWSMITH_MAX_STREAMS_PER_USER"
    )
    shutdown_grace_s: float = Field(
        default=10.0, ge=0, le=600, validation_alias="FLOWSMITH_SHUTDOWN_GRACE_S"
    )
    daily_token_budget: int = Field(
        default=0, ge=0, validation_alias="FLOWSMITH_DAILY_TOKEN_BUDGET"
    )
    max_body_bytes: int = Field(
        default=2 * 1024 * 1024, ge=1024, validation_alias="FLOWSMITH_MAX_BODY_BYTES"
    )
    max_query_bytes: int = Field(
        default=96 * 1024, ge=1024, validation_alias="FLOWSMITH_MAX_QUERY_BYTES"
    )
    max_workflow_nodes: int = Field(
        default=500, ge=1, le=100_000, validation_alias="FLOWSMITH_MAX_WORKFLOW_NODES"
    )
    max_message_chars: int = Field(
        default=8000, ge=1, le=1_000_000, validation_alias="FLOWSMITH_MAX_MESSAGE_CHARS"
    )
    # Fernet keys (comma-separated; the first encrypts, all decrypt) for secrets at rest,
    # such as n8n API keys; dev mode generates one into {data_dir}/secret_key
    secret_key: SecretStr | None = Field(default=None, validation_alias="FLOWSMITH_SECRET_KEY")
    # calls to a user's n8n instance: the timeout of each, and whether instances on
    # loopback, private or link-local addresses are refused (a public multi-user server)
    n8n_timeout_s: float = Field(
        default=15.0, gt=0, le=300, validation_alias="FLOWSMITH_N8N_TIMEOUT_S"
    )
    n8n_block_private: bool = Field(
        default=False, validation_alias="FLOWSMITH_N8N_BLOCK_PRIVATE_NETWORKS"
    )
    log_level: str = Field(default="INFO", validation_alias="FLOWSMITH_LOG_LEVEL")
    log_format: Literal["json", "text"] = Field(
        default="json", validation_alias="FLOWSMITH_LOG_FORMAT"
    )

    @field_validator("jwt_algorithms", "cors_origins", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        # "a,b" in the environment as well as a JSON list
        if isinstance(value, str) and not value.strip().startswith("["):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("jwt_algorithms")
    @classmethod
    def _known_algorithms(cls, value: list[str]) -> list[str]:
        allowed = {"HS256", "HS384", "HS512", "ES256", "ES384", "RS256", "RS384", "RS512", "EdDSA"}
        unknown = [alg for alg in value if alg not in allowed]
        if unknown or not value:
            raise ValueError(f"unsupported JWT algorithms {unknown or value}")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if value.startswith(("postgres://", "postgresql://")):
            # the ecosystem's plain URL; we always talk to Postgres through asyncpg
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with postgresql+asyncpg:// or sqlite+aiosqlite://")
        return value

    @field_validator("supabase_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else None

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'flowsmith.db').resolve()}"

    @property
    def effective_llm_api_key(self) -> str | None:
        if self.llm_api_key:
            return self.llm_api_key
        return self.anthropic_api_key if self.llm_provider == "anthropic" else self.openai_api_key

    @property
    def effective_llm_base_url(self) -> str | None:
        if self.llm_base_url:
            return self.llm_base_url
        return self.openai_base_url if self.llm_provider == "openai" else None

    @property
    def auth_mode(self) -> Literal["hs256", "jwks", "dev"]:
        if self.supabase_jwt_secret:
            return "hs256"
        if self.supabase_url:
            return "jwks"
        return "dev"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def describe_settings_error(error: ValidationError) -> str:
    """One line naming the first bad setting by its environment variable."""
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "?"
    env_name = _env_name(field)
    shown = _shown_value(field, first.get("input"))
    return f"invalid setting {env_name}: {first['msg']}" + (f" (got {shown})" if shown else "")


_SECRET_FIELD = re.compile(r"secret|key|token|password", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]*@", re.IGNORECASE)


def _shown_value(field: str, value: object) -> str:
    """The bad value as it may be printed: never a secret, never a URL's password."""
    if _SECRET_FIELD.search(field):
        return ""
    return _URL_PASSWORD.sub(r"\g<scheme>:***@", repr(value))


def _env_name(field: str) -> str:
    info = Settings.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, str):
        return alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return field
