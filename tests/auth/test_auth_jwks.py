"""JWKS mode (SUPABASE_URL, no secret) against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import jwt
import pytest
from auth_support import HS_SECRET, JwksServer, SettingsFactory, SigningKey, claims
from cryptography.hazmat.primitives import serialization

from flowsmith.auth.errors import AuthError, AuthUnavailable, InvalidToken
from flowsmith.auth.verifier import JwksCache, TokenVerifier

VerifierFactory = Callable[..., TokenVerifier]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def make_verifier(make_settings: SettingsFactory) -> AsyncIterator[VerifierFactory]:
    """JWKS verifiers for a base URL; all closed after the test."""
    made: list[TokenVerifier] = []

    def make(base_url: str, clock: FakeClock | None = None, **overrides: Any) -> TokenVerifier:
        settings = make_settings(supabase_url=base_url, **overrides)
        verifier = TokenVerifier.from_settings(settings)
        assert verifier.mode == "jwks"
        if clock is not None:
            assert verifier._jwks is not None
            verifier._jwks._clock = clock
        made.append(verifier)
        return verifier

    yield make
    for verifier in made:
        await verifier.aclose()


def issued_by(server: JwksServer, **overrides: Any) -> dict[str, Any]:
    return claims(iss=f"{server.base_url}/auth/v1", **overrides)


def hs256_by_hand(header: dict[str, Any], payload: dict[str, Any], secret: bytes) -> str:
    """An HS256 token built without PyJWT, which refuses PEM-looking HMAC secrets."""

    def part(data: bytes) -> bytes:
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    signing_input = part(json.dumps(header).encode()) + b"." + part(json.dumps(payload).encode())
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return (signing_input + b"." + part(signature)).decode()


async def test_es256_and_rs256_tokens_are_accepted(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey, rs_key: SigningKey
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    es = await verifier.verify(es_key.sign(issued_by(jwks_server, sub="es-user")))
    rs = await verifier.verify(rs_key.sign(issued_by(jwks_server, sub="rs-user")))
    assert (es.user_id, rs.user_id) == ("es-user", "rs-user")
    assert jwks_server.count() == 1  # the second token's key came from the cache


async def test_unknown_kid_refetches_once_then_is_rate_limited(
    jwks_server: JwksServer,
    make_verifier: VerifierFactory,
    es_key: SigningKey,
    stranger_key: SigningKey,
) -> None:
    clock = FakeClock()
    verifier = make_verifier(jwks_server.base_url, clock=clock, jwks_min_refetch_s=30)
    await verifier.verify(es_key.sign(issued_by(jwks_server)))
    assert jwks_server.count() == 1
    stranger = stranger_key.sign(issued_by(jwks_server))
    with pytest.raises(InvalidToken):  # the JWKS was fetched a moment ago: no new look
        await verifier.verify(stranger)
    assert jwks_server.count() == 1

    clock.now += 31
    with pytest.raises(InvalidToken):
        await verifier.verify(stranger)
    assert jwks_server.count() == 2  # the unknown kid was worth one look
    for _ in range(5):
        clock.now += 5
        with pytest.raises(InvalidToken):
            await verifier.verify(stranger)
    assert jwks_server.count() == 2  # within jwks_min_refetch_s: no more requests
    # known keys keep working meanwhile
    await verifier.verify(es_key.sign(issued_by(jwks_server)))
    assert jwks_server.count() == 2

    clock.now += 10  # 35 s since the last fetch
    with pytest.raises(InvalidToken):
        await verifier.verify(stranger)
    assert jwks_server.count() == 3


async def test_key_rotation(
    jwks_server: JwksServer,
    make_verifier: VerifierFactory,
    es_key: SigningKey,
    rotated_key: SigningKey,
) -> None:
    clock = FakeClock()
    verifier = make_verifier(jwks_server.base_url, clock=clock, jwks_min_refetch_s=30)
    old_token = es_key.sign(issued_by(jwks_server))
    await verifier.verify(old_token)
    jwks_server.keys = [rotated_key.public_jwk]  # the project rotates its signing key
    new_token = rotated_key.sign(issued_by(jwks_server, sub="after-rotation"))

    clock.now += 5  # too soon after the last fetch: not refetched yet
    with pytest.raises(InvalidToken):
        await verifier.verify(new_token)
    assert jwks_server.count() == 1

    clock.now += 30
    assert (await verifier.verify(new_token)).user_id == "after-rotation"
    assert jwks_server.count() == 2
    with pytest.raises(InvalidToken):  # the withdrawn key is gone with its JWKS
        await verifier.verify(old_token)


async def test_cache_expires_after_jwks_cache_s(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    clock = FakeClock()
    verifier = make_verifier(jwks_server.base_url, clock=clock, jwks_cache_s=600)
    token = es_key.sign(issued_by(jwks_server))
    await verifier.verify(token)
    clock.now += 599
    await verifier.verify(token)
    assert jwks_server.count() == 1
    clock.now += 2
    await verifier.verify(token)
    assert jwks_server.count() == 2


async def test_stale_keys_are_used_while_the_jwks_is_down(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    clock = FakeClock()
    verifier = make_verifier(jwks_server.base_url, clock=clock, jwks_cache_s=60)
    token = es_key.sign(issued_by(jwks_server))
    await verifier.verify(token)
    jwks_server.status = 500
    clock.now += 120
    assert (await verifier.verify(token)).user_id == "user-123"
    assert jwks_server.count() == 2  # it did try


async def test_hs256_signed_with_the_public_key_is_refused(
    jwks_server: JwksServer, make_verifier: VerifierFactory, rs_key: SigningKey
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    public_pem = rs_key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": rs_key.kid}
    for secret in (public_pem, json.dumps(rs_key.public_jwk).encode()):
        with pytest.raises(InvalidToken):
            await verifier.verify(hs256_by_hand(header, issued_by(jwks_server), secret))
    # a valid RS256 token first, so the RSA key is cached, and then the same attack again
    await verifier.verify(rs_key.sign(issued_by(jwks_server)))
    with pytest.raises(InvalidToken):
        await verifier.verify(hs256_by_hand(header, issued_by(jwks_server), public_pem))


async def test_token_alg_must_match_its_key(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey, rs_key: SigningKey
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    # signed ES256 with the EC key, but claims the RSA key's kid
    token = jwt.encode(issued_by(jwks_server), es_key.private_key, "ES256", {"kid": rs_key.kid})
    with pytest.raises(InvalidToken):
        await verifier.verify(token)


async def test_hs256_token_in_jwks_mode_is_refused_without_a_fetch(
    jwks_server: JwksServer, make_verifier: VerifierFactory
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    token = jwt.encode(issued_by(jwks_server), HS_SECRET, "HS256", {"kid": "es-1"})
    with pytest.raises(InvalidToken):
        await verifier.verify(token)
    assert jwks_server.count() == 0


async def test_symmetric_keys_in_the_jwks_are_ignored(
    jwks_server: JwksServer, es_key: SigningKey
) -> None:
    oct_jwk = {"kty": "oct", "kid": "shared", "alg": "HS256", "k": "c2VjcmV0LXNlY3JldA"}
    mislabelled = {**es_key.public_jwk, "kid": "mislabelled", "alg": "RS256"}
    jwks_server.keys = [oct_jwk, mislabelled, es_key.public_jwk]
    cache = JwksCache(
        f"{jwks_server.base_url}/auth/v1/.well-known/jwks.json",
        algorithms=["ES256", "RS256"],
        cache_s=600,
        min_refetch_s=30,
        timeout_s=2,
    )
    try:
        assert (await cache.get_key(es_key.kid)).algorithm_name == "ES256"
        for kid in ("shared", "mislabelled"):
            with pytest.raises(InvalidToken):
                await cache.get_key(kid)
    finally:
        await cache.aclose()


async def test_wrong_issuer(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    for iss in ("https://evil.example/auth/v1", None):
        token = es_key.sign(claims(iss=iss))
        with pytest.raises(AuthError) as caught:
            await verifier.verify(token)
        assert caught.value.code == "invalid_issuer"


async def test_token_without_kid_is_refused(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    verifier = make_verifier(jwks_server.base_url)
    token = jwt.encode(issued_by(jwks_server), es_key.private_key, "ES256")
    with pytest.raises(InvalidToken):
        await verifier.verify(token)
    assert jwks_server.count() == 0


async def test_server_down_is_service_unavailable(
    dead_url: str, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    verifier = make_verifier(dead_url)
    with pytest.raises(AuthUnavailable) as caught:
        await verifier.verify(es_key.sign(claims(iss=f"{dead_url}/auth/v1")))
    assert caught.value.status_code == 503
    assert caught.value.code == "auth_unavailable"


async def test_server_error_without_cache_is_service_unavailable(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    jwks_server.status = 500
    verifier = make_verifier(jwks_server.base_url)
    with pytest.raises(AuthUnavailable):
        await verifier.verify(es_key.sign(issued_by(jwks_server)))


async def test_slow_server_is_service_unavailable_within_the_timeout(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    # the lower bound stands (the 0.5 s timeout cannot fire sooner); the upper one is "well
    # before the server's 10 s answer": waiting for it instead would fail "< 5"
    jwks_server.delay_s = 10.0
    verifier = make_verifier(jwks_server.base_url, jwks_timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(AuthUnavailable):
        await verifier.verify(es_key.sign(issued_by(jwks_server)))
    assert 0.4 <= time.monotonic() - started < 5


async def test_event_loop_keeps_running_during_a_fetch(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    jwks_server.delay_s = 0.5
    verifier = make_verifier(jwks_server.base_url)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    task = asyncio.create_task(ticker())
    try:
        await verifier.verify(es_key.sign(issued_by(jwks_server)))
    finally:
        task.cancel()
    assert ticks >= 10


async def test_concurrent_verifications_with_a_cold_cache_fetch_once(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey, rs_key: SigningKey
) -> None:
    jwks_server.delay_s = 0.3  # keep the first fetch in flight while the others arrive
    verifier = make_verifier(jwks_server.base_url, jwks_min_refetch_s=0)
    tokens = [
        (es_key if n % 2 else rs_key).sign(issued_by(jwks_server, sub=f"user-{n}"))
        for n in range(20)
    ]
    principals = await asyncio.gather(*(verifier.verify(token) for token in tokens))
    assert [p.user_id for p in principals] == [f"user-{n}" for n in range(20)]
    assert jwks_server.count() == 1


async def test_concurrent_callers_share_a_failed_fetch(
    dead_url: str, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    verifier = make_verifier(dead_url, jwks_min_refetch_s=0)
    token = es_key.sign(claims(iss=f"{dead_url}/auth/v1"))
    results = await asyncio.gather(
        *(verifier.verify(token) for _ in range(10)), return_exceptions=True
    )
    assert all(isinstance(result, AuthUnavailable) for result in results)
    assert verifier._jwks is not None and verifier._jwks._attempts == 1


async def test_a_cancelled_fetch_leaves_the_next_caller_to_fetch(
    jwks_server: JwksServer, make_verifier: VerifierFactory, es_key: SigningKey
) -> None:
    jwks_server.delay_s = 0.5
    verifier = make_verifier(jwks_server.base_url)
    token = es_key.sign(issued_by(jwks_server))
    first = asyncio.create_task(verifier.verify(token))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(verifier.verify(token))
    await asyncio.sleep(0.05)
    first.cancel()  # the client that started the fetch went away
    assert (await second).user_id == "user-123"
    with pytest.raises(asyncio.CancelledError):
        await first


def test_jwks_mode_needs_a_public_key_algorithm(make_settings: SettingsFactory) -> None:
    settings = make_settings(supabase_url="https://p.supabase.co", jwt_algorithms=["HS256"])
    with pytest.raises(ValueError, match="public-key"):
        TokenVerifier.from_settings(settings)
