"""Dev mode: the local secret (created once, 0600, race-free) and dev tokens."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import jwt
import pytest
from auth_support import HS_SECRET, SettingsFactory

from flowsmith.auth import dev
from flowsmith.auth.dev import dev_secret_path, load_or_create_dev_secret, mint_dev_token
from flowsmith.auth.errors import InvalidToken, TokenExpired
from flowsmith.auth.verifier import TokenVerifier


def test_secret_is_created_with_its_folder_and_mode_0600(tmp_path: Path) -> None:
    data_dir = tmp_path / "missing" / "data"
    secret = load_or_create_dev_secret(data_dir)
    path = dev_secret_path(data_dir)
    assert len(secret) >= 32
    assert path.read_text().strip() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_secret_is_created_once(tmp_path: Path) -> None:
    first = load_or_create_dev_secret(tmp_path)
    assert load_or_create_dev_secret(tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == ["dev_jwt_secret"]  # no temp files left


def test_concurrent_first_starts_agree_on_one_secret(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    workers = 16
    barrier = threading.Barrier(workers)
    results: list[str] = []
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            results.append(load_or_create_dev_secret(data_dir))
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == workers and len(set(results)) == 1
    assert [p.name for p in data_dir.iterdir()] == ["dev_jwt_secret"]


def test_empty_secret_file_is_an_error_not_a_blank_key(tmp_path: Path) -> None:
    dev_secret_path(tmp_path).write_text("")
    with pytest.raises(RuntimeError, match="empty"):
        load_or_create_dev_secret(tmp_path)


async def test_minted_token_roundtrip(make_settings: SettingsFactory) -> None:
    settings = make_settings()
    assert settings.auth_mode == "dev"
    token = mint_dev_token(settings, "dev-user", email="dev@example.com")
    verifier = TokenVerifier.from_settings(settings)
    principal = await verifier.verify(token)
    assert principal.user_id == "dev-user"
    assert principal.email == "dev@example.com"
    assert principal.claims["aud"] == "authenticated"
    assert principal.claims["role"] == "authenticated"
    assert principal.claims["exp"] - principal.claims["iat"] == 86400
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


async def test_minted_token_expires(
    make_settings: SettingsFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings()
    an_hour_ago = time.time() - 3600
    monkeypatch.setattr(dev, "time", SimpleNamespace(time=lambda: an_hour_ago))
    token = mint_dev_token(settings, "dev-user", ttl_s=60)
    with pytest.raises(TokenExpired):
        await TokenVerifier.from_settings(settings).verify(token)


async def test_token_from_another_data_folder_is_refused(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    elsewhere = mint_dev_token(make_settings(data_dir=tmp_path / "other"), "dev-user")
    verifier = TokenVerifier.from_settings(make_settings())
    with pytest.raises(InvalidToken):
        await verifier.verify(elsewhere)


def test_mint_refused_outside_dev_mode(make_settings: SettingsFactory) -> None:
    with pytest.raises(ValueError, match="dev mode"):
        mint_dev_token(make_settings(supabase_jwt_secret=HS_SECRET), "u")
    with pytest.raises(ValueError, match="dev mode"):
        mint_dev_token(make_settings(supabase_url="https://p.supabase.co"), "u")


@pytest.mark.parametrize(("sub", "ttl_s"), [("", 60), ("u", 0), ("u", -5)])
def test_mint_refuses_bad_arguments(make_settings: SettingsFactory, sub: str, ttl_s: int) -> None:
    with pytest.raises(ValueError):
        mint_dev_token(make_settings(), sub, ttl_s=ttl_s)
