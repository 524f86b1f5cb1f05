"""HS256 mode (SUPABASE_JWT_SECRET): what is accepted, what is refused and with which code."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest
from auth_support import HS_SECRET, SettingsFactory, claims

from flowsmith.auth import verifier as verifier_module
from flowsmith.auth.errors import AuthError, InvalidToken, TokenTooLarge
from flowsmith.auth.verifier import MAX_TOKEN_BYTES, VERIFIED_CACHE_S, TokenVerifier

SUPABASE_URL = "https://project.supabase.co"
ISSUER = f"{SUPABASE_URL}/auth/v1"


@pytest.fixture
def verifier(make_settings: SettingsFactory) -> TokenVerifier:
    verifier = TokenVerifier.from_settings(make_settings(supabase_jwt_secret=HS_SECRET))
    assert verifier.mode == "hs256"
    return verifier


def hs256(payload: dict[str, Any], secret: str = HS_SECRET, alg: str = "HS256") -> str:
    return jwt.encode(payload, secret, algorithm=alg)


def unsigned(payload: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(payload)}."


async def refused(verifier: TokenVerifier, token: str) -> AuthError:
    """The error ``verify`` raises; also checks it never echoes the token."""
    with pytest.raises(AuthError) as caught:
        await verifier.verify(token)
    error = caught.value
    assert error.status_code == 401
    if len(token) > 8:  # a short token like "a.b" could appear in any sentence
        assert token not in str(error) and token not in json.dumps(error.body())
    assert error.__cause__ is None  # no PyJWT detail chained into logs
    return error


async def test_valid_token(verifier: TokenVerifier) -> None:
    principal = await verifier.verify(hs256(claims()))
    assert principal.user_id == "user-123"
    assert principal.email == "ada@example.com"
    assert principal.claims["role"] == "authenticated"
    with pytest.raises(TypeError):
        principal.claims["sub"] = "someone-else"  # type: ignore[index]


async def test_wrong_secret(verifier: TokenVerifier) -> None:
    token = hs256(claims(), secret="another-secret-that-is-long-enough-0123456789")
    assert (await refused(verifier, token)).code == "invalid_token"


async def test_expired(verifier: TokenVerifier) -> None:
    now = int(time.time())
    token = hs256(claims(iat=now - 7200, exp=now - 60))
    assert (await refused(verifier, token)).code == "token_expired"


async def test_expired_within_leeway_is_accepted(verifier: TokenVerifier) -> None:
    now = int(time.time())
    principal = await verifier.verify(hs256(claims(iat=now - 3600, exp=now - 10)))
    assert principal.user_id == "user-123"


async def test_nbf_in_the_future(verifier: TokenVerifier) -> None:
    token = hs256(claims(nbf=int(time.time()) + 120))
    assert (await refused(verifier, token)).code == "invalid_token"


async def test_nbf_and_iat_slightly_ahead_are_within_leeway(verifier: TokenVerifier) -> None:
    ahead = int(time.time()) + 10  # the issuer's clock runs a little fast
    assert (await verifier.verify(hs256(claims(nbf=ahead, iat=ahead)))).user_id == "user-123"


async def test_iat_in_the_future(verifier: TokenVerifier) -> None:
    token = hs256(claims(iat=int(time.time()) + 120))
    assert (await refused(verifier, token)).code == "invalid_token"


@pytest.mark.parametrize("aud", ["anon", "service_role", ["authenticated", "other"]])
async def test_wrong_audience(verifier: TokenVerifier, aud: Any) -> None:
    assert (await refused(verifier, hs256(claims(aud=aud)))).code == "invalid_audience"


async def test_missing_audience(verifier: TokenVerifier) -> None:
    assert (await refused(verifier, hs256(claims(aud=None)))).code == "invalid_audience"


@pytest.mark.parametrize("sub", [None, "", "  "])
async def test_missing_or_empty_sub(verifier: TokenVerifier, sub: str | None) -> None:
    assert (await refused(verifier, hs256(claims(sub=sub)))).code == "invalid_token"


async def test_sub_must_be_a_string(verifier: TokenVerifier) -> None:
    assert (await refused(verifier, hs256(claims(sub=123)))).code == "invalid_token"


async def test_missing_exp(verifier: TokenVerifier) -> None:
    assert (await refused(verifier, hs256(claims(exp=None)))).code == "invalid_token"


async def test_alg_none(verifier: TokenVerifier) -> None:
    assert (await refused(verifier, unsigned(claims()))).code == "invalid_token"


async def test_other_hmac_algorithm_is_not_chosen_by_the_token(verifier: TokenVerifier) -> None:
    token = hs256(claims(), alg="HS512")
    assert (await refused(verifier, token)).code == "invalid_token"


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "a.b"])
async def test_malformed(verifier: TokenVerifier, token: str) -> None:
    assert (await refused(verifier, token)).code == "invalid_token"


async def test_oversized_token_is_refused_before_parsing(verifier: TokenVerifier) -> None:
    too_big = hs256(claims(padding="x" * MAX_TOKEN_BYTES))
    assert isinstance(await refused(verifier, too_big), TokenTooLarge)
    # not even a token: the size check comes first
    with pytest.raises(TokenTooLarge):
        await verifier.verify("x" * (MAX_TOKEN_BYTES + 1))


async def test_issuer_checked_when_supabase_url_is_set(make_settings: SettingsFactory) -> None:
    verifier = TokenVerifier.from_settings(
        make_settings(supabase_jwt_secret=HS_SECRET, supabase_url=SUPABASE_URL + "/")
    )
    assert (await verifier.verify(hs256(claims(iss=ISSUER)))).user_id == "user-123"
    wrong = hs256(claims(iss="https://other.supabase.co/auth/v1"))
    assert (await refused(verifier, wrong)).code == "invalid_issuer"
    assert (await refused(verifier, hs256(claims()))).code == "invalid_issuer"


async def test_issuer_not_checked_without_supabase_url(verifier: TokenVerifier) -> None:
    principal = await verifier.verify(hs256(claims(iss="https://anything.example/auth/v1")))
    assert principal.user_id == "user-123"


async def test_errors_raise_fresh_not_chained(verifier: TokenVerifier) -> None:
    with pytest.raises(InvalidToken) as caught:
        await verifier.verify(hs256(claims(), secret="x" * 40))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_hs256_mode_accepts_only_hs256(make_settings: SettingsFactory) -> None:
    settings = make_settings(supabase_jwt_secret=HS_SECRET, jwt_algorithms=["HS512", "RS256"])
    assert TokenVerifier.from_settings(settings)._algorithms == ["HS256"]


def test_a_verifier_never_mixes_hmac_and_public_keys() -> None:
    with pytest.raises(ValueError):
        TokenVerifier(
            mode="hs256",
            algorithms=["HS256", "RS256"],
            audience="authenticated",
            issuer=None,
            leeway_s=30,
            secret=HS_SECRET,
        )


def test_a_public_key_as_hmac_secret_fails_at_startup(make_settings: SettingsFactory) -> None:
    pem = (
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"
    )
    with pytest.raises(ValueError, match="public key"):
        TokenVerifier.from_settings(make_settings(supabase_jwt_secret=pem))


# -- the verified-token cache ------------------------------------------------------------


class _Decodes:
    """Counts PyJWT decodes (the full check) while forwarding to the real one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = verifier_module.jwt.decode

        def counting(*args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(verifier_module.jwt, "decode", counting)


class _Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = time.time()
        monkeypatch.setattr(verifier_module.time, "time", lambda: self.now)


async def test_a_verified_token_is_not_checked_again(
    verifier: TokenVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    decodes = _Decodes(monkeypatch)
    token = hs256(claims())
    first = await verifier.verify(token)
    assert (await verifier.verify(token)) is first
    assert decodes.count == 1
    await verifier.verify(hs256(claims(sub="someone-else")))
    assert decodes.count == 2


async def test_a_remembered_token_still_expires(
    verifier: TokenVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past exp and the leeway the cache no longer answers (PyJWT, on the real clock,
    then decides; a token really past that is refused: test_expired)."""
    clock, decodes = _Clock(monkeypatch), _Decodes(monkeypatch)
    token = hs256(claims(exp=int(clock.now) + 20))
    await verifier.verify(token)
    clock.now += 20 + 30 - 1  # within exp and the 30 s leeway
    await verifier.verify(token)
    assert decodes.count == 1
    clock.now += 2
    await verifier.verify(token)
    assert decodes.count == 2


async def test_a_remembered_token_is_checked_again_after_the_cache_time(
    verifier: TokenVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock, decodes = _Clock(monkeypatch), _Decodes(monkeypatch)
    token = hs256(claims())
    await verifier.verify(token)
    clock.now += VERIFIED_CACHE_S - 1
    await verifier.verify(token)
    assert decodes.count == 1
    clock.now += 2
    await verifier.verify(token)
    assert decodes.count == 2


async def test_only_the_exact_token_is_remembered(verifier: TokenVerifier) -> None:
    token = hs256(claims())
    await verifier.verify(token)
    head, payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    await refused(verifier, f"{head}.{payload}.{flipped}")
    forged = hs256(claims(sub="mallory"), secret="another-secret-another-secret-123")
    await refused(verifier, forged)


async def test_the_cache_is_bounded(
    verifier: TokenVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verifier_module, "VERIFIED_CACHE_SIZE", 8)
    decodes = _Decodes(monkeypatch)
    tokens = [hs256(claims(sub=f"user-{i}")) for i in range(9)]
    for token in tokens:
        await verifier.verify(token)
    await verifier.verify(tokens[0])  # the oldest was dropped: checked again
    assert decodes.count == 10
    await verifier.verify(tokens[-1])
    assert decodes.count == 10
