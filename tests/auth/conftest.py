"""Fixtures for the auth tests: settings without the environment, keys, a JWKS server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auth_support import JwksServer, SettingsFactory, SigningKey, new_es256, new_rs256

from flowsmith.config import Settings

_AUTH_ENV = (
    "SUPABASE_URL",
    "SUPABASE_JWT_SECRET",
    "FLOWSMITH_DATA_DIR",
    "FLOWSMITH_JWT_AUDIENCE",
    "FLOWSMITH_JWT_LEEWAY_S",
    "FLOWSMITH_JWT_ALGORITHMS",
    "FLOWSMITH_JWKS_CACHE_S",
    "FLOWSMITH_JWKS_MIN_REFETCH_S",
    "FLOWSMITH_JWKS_TIMEOUT_S",
)


@pytest.fixture(autouse=True)
def _no_auth_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # a developer's SUPABASE_URL must not turn an hs256 test into a jwks one
    for name in _AUTH_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_settings(tmp_path: Path) -> SettingsFactory:
    """Settings from keyword arguments only: no environment, no .env file."""

    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {"data_dir": tmp_path / "data", **overrides}
        return Settings(_env_file=None, **values)

    return make


@pytest.fixture(scope="session")
def es_key() -> SigningKey:
    return new_es256("es-1")


@pytest.fixture(scope="session")
def rs_key() -> SigningKey:
    return new_rs256("rs-1")


@pytest.fixture(scope="session")
def rotated_key() -> SigningKey:
    return new_es256("es-2")


@pytest.fixture(scope="session")
def stranger_key() -> SigningKey:
    """A key the JWKS never publishes."""
    return new_es256("stranger")


@pytest.fixture
def jwks_server(es_key: SigningKey, rs_key: SigningKey) -> Iterator[JwksServer]:
    server = JwksServer(keys=[es_key.public_jwk, rs_key.public_jwk])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dead_url() -> str:
    """A 127.0.0.1 URL where nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
