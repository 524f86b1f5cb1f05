"""Which code a failure is reported with (regression: SQLAlchemy's ``code`` leaked)."""

from __future__ import annotations

from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.exc import IntegrityError, OperationalError

from flowsmith.agent.llm_calls import AgentError
from flowsmith.errors import SessionNotFound, public_failure
from flowsmith.llm.base import LLMError


def test_a_third_party_code_attribute_is_not_shown() -> None:
    exc = IntegrityError("INSERT …", {}, Exception("UNIQUE constraint failed"))
    assert exc.code == "gkpj"  # SQLAlchemy's own documentation link code
    assert public_failure(exc, "internal_error") == ("internal_error", None)


def test_any_foreign_exception_gets_the_default() -> None:
    class Odd(Exception):
        code = 500
        message = "secret internals"

    assert public_failure(Odd(), "agent_error") == ("agent_error", None)
    assert public_failure(ValueError("x"), "agent_error") == ("agent_error", None)


def test_our_own_errors_keep_their_code_and_message() -> None:
    assert public_failure(SessionNotFound("no such session"), "x") == (
        "session_not_found",
        "no such session",
    )
    assert public_failure(AgentError("llm_timeout", "The model did not answer."), "x") == (
        "llm_timeout",
        "The model did not answer.",
    )


def test_an_llm_error_caused_by_a_refused_connection_stays_the_models() -> None:
    try:
        try:
            raise ConnectionRefusedError(111, "refused")
        except OSError as refused:
            raise LLMError("llm_unavailable", "could not reach the model") from refused
    except LLMError as exc:
        assert public_failure(exc, "agent_error")[0] == "llm_unavailable"


def test_dependency_outages_have_their_own_codes() -> None:
    refused = ConnectionRefusedError(111, "refused")
    try:
        raise OperationalError("SELECT 1", {}, refused) from refused  # as SQLAlchemy does
    except OperationalError as dropped:
        assert public_failure(dropped, "internal_error")[0] == "database_unavailable"
    assert public_failure(RedisConnectionError("gone"), "internal_error")[0] == (
        "event_bus_unavailable"
    )
