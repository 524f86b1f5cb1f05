"""Suite 1, hostile tokens at the HTTP level, against live servers.

Two servers: HS256 mode (``SUPABASE_JWT_SECRET`` + ``SUPABASE_URL`` for the issuer) and
JWKS mode (``SUPABASE_URL`` pointing at a real JWKS server on 127.0.0.1). Every hostile
token is sent in each place a token may travel (header, cookie, query) and must get a 401
with the one error shape, a stable code, a ``WWW-Authenticate`` challenge, and no stack
trace in the body or in the server's logs. The JWKS endpoint down, failing or slow gives a
503 ``auth_unavailable`` with ``Retry-After`` while the event loop keeps serving.

(``tests/auth/`` unit-tests the verifier; this is the same contract seen from outside.)
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import http.client
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from tests.auth.auth_support import HS_SECRET, JwksServer, SigningKey, new_es256, new_rs256
from tests.conftest import LiveServer, free_port
from tests.security.support import assert_error, captured_json_logs, json_lines, start_server

PROJECT = "https://proj.supabase.co"
PROTECTED = "/api/v1/workflows"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def by_hand(
    header: dict[str, Any], payload: Any, secret: bytes | None = None, signature: str | None = None
) -> str:
    """A token built without PyJWT (which refuses to build most of these)."""
    raw_payload = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(raw_payload)}"
    if signature is None:
        signature = (
            b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
            if secret is not None
            else ""
        )
    return f"{signing_input}.{signature}"


def claim_set(iss: str, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": "mallory",
        "aud": "authenticated",
        "role": "authenticated",
        "iss": iss,
        "iat": now,
        "exp": now + 600,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


# --- servers -----------------------------------------------------------------------------


class Mode:
    def __init__(
        self,
        name: str,
        server: LiveServer,
        iss: str,
        sign: Any,
        jwks: JwksServer | None = None,
        keys: dict[str, SigningKey] | None = None,
    ):
        self.name, self.server, self.iss, self.sign = name, server, iss, sign
        self.jwks, self.keys = jwks, keys or {}

    def good(self, **overrides: Any) -> str:
        return str(self.sign(claim_set(overrides.pop("iss", self.iss), **overrides)))


@pytest.fixture(scope="module")
def hs_mode(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mode]:
    server = start_server(
        tmp_path_factory.mktemp("hs"), SUPABASE_JWT_SECRET=HS_SECRET, SUPABASE_URL=PROJECT
    )
    yield Mode(
        "hs256", server, f"{PROJECT}/auth/v1", lambda c: jwt.encode(c, HS_SECRET, algorithm="HS256")
    )
    server.stop()


@pytest.fixture(scope="module")
def jwks_mode(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mode]:
    es, rs = new_es256("es-1"), new_rs256("rs-1")
    keys = JwksServer(keys=[es.public_jwk, rs.public_jwk])
    keys.start()
    server = start_server(
        tmp_path_factory.mktemp("jwks"), SUPABASE_URL=keys.base_url, FLOWSMITH_JWKS_MIN_REFETCH_S=30
    )
    yield Mode(
        "jwks",
        server,
        f"{keys.base_url}/auth/v1",
        es.sign,
        keys,
        {"es": es, "rs": rs, "stranger": new_es256("stranger")},
    )
    server.stop()
    keys.stop()


@pytest.fixture(params=["hs", "jwks"])
def mode(request: pytest.FixtureRequest) -> Mode:
    return request.getfixturevalue(f"{request.param}_mode")  # type: ignore[no-any-return]


# --- the hostile tokens -------------------------------------------------------------------


def hostile_tokens(mode: Mode) -> dict[str, tuple[str, str]]:
    """name -> (token, expected error code), for tokens that are hostile in every mode."""
    iss, now = mode.iss, int(time.time())
    good = claim_set(iss)
    wrong_secret = "another-secret-that-is-also-long-enough-for-hmac-0123456789"
    return {
        "alg none": (by_hand({"alg": "none", "typ": "JWT"}, good), "invalid_token"),
        "alg None with a signature": (
            by_hand({"alg": "None", "typ": "JWT"}, good, HS_SECRET.encode()),
            "invalid_token",
        ),
        "HS256 with the wrong secret": (
            jwt.encode(good, wrong_secret, algorithm="HS256"),
            "invalid_token",
        ),
        "HS256 with an empty secret": (by_hand({"alg": "HS256"}, good, b""), "invalid_token"),
        "expired": (mode.good(exp=now - 3600, iat=now - 7200), "token_expired"),
        "not yet valid (nbf)": (mode.good(nbf=now + 3600), "invalid_token"),
        "issued in the future (iat)": (mode.good(iat=now + 3600), "invalid_token"),
        "wrong aud": (mode.good(aud="anon"), "invalid_audience"),
        "aud list holding ours": (mode.good(aud=["authenticated", "x"]), "invalid_audience"),
        "no aud": (mode.good(aud=None), "invalid_audience"),
        "wrong iss": (mode.good(iss="https://evil.example/auth/v1"), "invalid_issuer"),
        "no iss": (mode.good(iss=None), "invalid_issuer"),
        "no sub": (mode.good(sub=None), "invalid_token"),
        "empty sub": (mode.good(sub=""), "invalid_token"),
        "blank sub": (mode.good(sub="   "), "invalid_token"),
        "numeric sub": (mode.good(sub=12345), "invalid_token"),
        "no exp": (mode.good(exp=None), "invalid_token"),
        "one segment": ("abc", "invalid_token"),
        "two segments": ("abc.def", "invalid_token"),
        "four segments": (mode.good() + ".extra", "invalid_token"),
        "empty segments": ("..", "invalid_token"),
        "header not base64": ("!!!." + mode.good().split(".", 1)[1], "invalid_token"),
        "header not JSON": (b64(b"not json") + "." + b64(b"{}") + ".", "invalid_token"),
        "header a JSON array": (b64(b"[1,2]") + "." + b64(b"{}") + ".", "invalid_token"),
        "payload not JSON, validly signed": (
            by_hand({"alg": "HS256", "typ": "JWT"}, b"not json", HS_SECRET.encode()),
            "invalid_token",
        ),
        "payload a JSON array, validly signed": (
            by_hand({"alg": "HS256", "typ": "JWT"}, [1, 2], HS_SECRET.encode()),
            "invalid_token",
        ),
        "signature stripped": (mode.good().rsplit(".", 1)[0] + ".", "invalid_token"),
        "signature of another token": (
            mode.good(sub="alice").rsplit(".", 1)[0] + "." + mode.good().rsplit(".", 1)[1],
            "invalid_token",
        ),
        "just over the size limit": (mode.good(pad="x" * 9000), "token_too_large"),
        "non-ASCII garbage": ("é.ü.ß", "invalid_token"),
    }


def send(client: httpx.Client, token: str, where: str, path: str = PROTECTED) -> httpx.Response:
    if where == "header":
        return client.get(path, headers={"Authorization": f"Bearer {token}".encode()})
    if where == "cookie":
        return client.get(path, headers={"Cookie": f"sb-access-token={token}".encode()})
    return client.get(path, params={"access_token": token})


@pytest.mark.parametrize("where", ["header", "cookie", "query"])
def test_every_hostile_token_is_a_clean_401(mode: Mode, where: str) -> None:
    refused: list[str] = []
    with captured_json_logs() as logs, httpx.Client(base_url=mode.server.url, timeout=10) as client:
        assert send(client, mode.good(), where).status_code == 200, "the control token works"
        for name, (token, code) in hostile_tokens(mode).items():
            if where == "cookie" and any(c in token for c in ";, é"):
                continue  # not a cookie value a browser can send at all
            response = send(client, token, where)
            error = assert_error(response, 401, code)
            assert response.headers["www-authenticate"].startswith("Bearer"), name
            assert token not in response.text and token[:40] not in error["message"], name
            refused.append(name)
    assert len(refused) >= 25
    lines = json_lines(logs)
    assert not [line for line in lines if "exc" in line or line["level"] in ("ERROR", "CRITICAL")]


def test_refused_on_every_protected_route_and_stream(mode: Mode) -> None:
    """The same refusal everywhere: each protected route, both streams included."""
    token, code = hostile_tokens(mode)["wrong iss"]
    headers = {"Authorization": f"Bearer {token}"}
    calls = [
        ("POST", "/api/v1/session", {"json": {"action": "create"}}),
        ("GET", "/api/v1/sessions/" + "0" * 32, {}),
        ("GET", "/api/v1/chat/stream", {"params": {"session_id": "x", "user_message": "hi"}}),
        ("POST", "/api/v1/chat/stream", {"json": {"session_id": "x", "user_message": "hi"}}),
        ("GET", "/api/v1/workflow_generation", {"params": {"session_id": "x"}}),
        ("GET", "/api/v1/workflows", {}),
        ("POST", "/api/v1/workflows/import", {"json": {"nodes": []}}),
        ("GET", "/api/v1/workflows/" + "f" * 32, {}),
        ("DELETE", "/api/v1/workflows/" + "f" * 32, {}),
        ("GET", "/api/v1/workflows/" + "f" * 32 + "/versions", {}),
        ("GET", "/api/v1/workflows/" + "f" * 32 + "/versions/1", {}),
        ("GET", "/api/v1/workflows/" + "f" * 32 + "/export", {}),
    ]
    with httpx.Client(base_url=mode.server.url, timeout=10) as client:
        for method, path, kwargs in calls:
            assert_error(client.request(method, path, headers=headers, **kwargs), 401, code)
        # the dev token endpoint does not exist outside dev mode
        assert_error(client.post("/api/v1/dev/token", json={"sub": "x"}), 404)


@pytest.mark.parametrize(
    "sources",
    [
        ("header", "cookie"),
        ("header", "query"),
        ("cookie", "query"),
        ("header", "header"),
        ("query", "query"),
    ],
)
def test_two_tokens_that_disagree_are_refused(mode: Mode, sources: tuple[str, str]) -> None:
    """Even when one of the two is valid: the service never picks one."""
    valid, other = mode.good(sub="alice"), mode.good(sub="bob")
    headers: list[tuple[str, str]] = []
    params: list[tuple[str, str]] = []
    for where, token in zip(sources, (valid, other), strict=True):
        if where == "header":
            headers.append(("Authorization", f"Bearer {token}"))
        elif where == "cookie":
            headers.append(("Cookie", f"sb-access-token={token}"))
        else:
            params.append(("access_token", token))
    with httpx.Client(base_url=mode.server.url, timeout=10) as client:
        response = client.get(PROTECTED, headers=headers, params=params)
        assert_error(response, 401, "ambiguous_token")
        # the same token twice is one token, not two
        same = client.get(
            PROTECTED, headers={"Authorization": f"Bearer {valid}"}, params={"access_token": valid}
        )
        assert same.status_code == 200


def test_huge_tokens_never_reach_the_verifier(mode: Mode) -> None:
    with httpx.Client(base_url=mode.server.url, timeout=10) as client:
        for size in (9_000, 16_000, 60_000):
            token = "a" * size
            header = client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"})
            # the HTTP parser may refuse an oversized header line before the app sees it;
            # either way: refused, never a 200 or a 500, never echoed
            assert header.status_code in (400, 401, 431), header.status_code
            assert token[:100] not in header.text
            if header.status_code == 401:
                assert_error(header, 401, "token_too_large")
    # a token far past the query limit (httpx refuses to build such a URL: http.client)
    host, port = mode.server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", f"{PROTECTED}?access_token={'a' * 200_000}")
        raw = conn.getresponse()
        body = raw.read()
    finally:
        conn.close()
    # uvicorn's parser refuses a request line this long (400) before the app; a shorter one
    # over FLOWSMITH_MAX_QUERY_BYTES gets our 413 query_too_long (tests/api/test_errors.py)
    assert raw.status in (400, 413, 414), raw.status
    assert b"a" * 100 not in body


# --- JWKS mode only -----------------------------------------------------------------------


def test_jwks_algorithm_confusion_and_key_tricks(jwks_mode: Mode) -> None:
    mode, es, rs, stranger = jwks_mode, *(jwks_mode.keys[k] for k in ("es", "rs", "stranger"))
    good = claim_set(mode.iss)
    pem = es.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    attacker = JwksServer(keys=[stranger.public_jwk])
    attacker.start()
    try:
        tokens = {
            # HS256 keyed with the published public key, in its PEM and its JWK form
            "HS256 with the JWKS public key (PEM)": by_hand(
                {"alg": "HS256", "typ": "JWT", "kid": "es-1"}, good, pem
            ),
            "HS256 with the JWKS public key (JWK JSON)": by_hand(
                {"alg": "HS256", "typ": "JWT", "kid": "es-1"},
                good,
                json.dumps(es.public_jwk).encode(),
            ),
            "unknown kid": stranger.sign(good),
            "no kid": jwt.encode(good, es.private_key, algorithm="ES256"),
            "kid path traversal": stranger.sign(good, kid="../../../../etc/passwd"),
            "kid of another key's type": jwt.encode(
                good, rs.private_key, algorithm="RS256", headers={"kid": "es-1"}
            ),
            "a stranger's signature under a known kid": jwt.encode(
                good, stranger.private_key, algorithm="ES256", headers={"kid": "es-1"}
            ),
            "jku pointing at the attacker's keys": stranger.sign(
                good, kid="stranger", jku=f"{attacker.base_url}/auth/v1/.well-known/jwks.json"
            ),
            "embedded jwk": stranger.sign(good, kid="stranger", jwk=stranger.public_jwk),
            "x5u pointing at the attacker": stranger.sign(
                good, kid="stranger", x5u=f"{attacker.base_url}/cert.pem"
            ),
        }
        before = mode.jwks.count() if mode.jwks else 0
        with httpx.Client(base_url=mode.server.url, timeout=10) as client:
            assert (
                client.get(
                    PROTECTED, headers={"Authorization": f"Bearer {es.sign(good)}"}
                ).status_code
                == 200
            )
            assert (
                client.get(
                    PROTECTED, headers={"Authorization": f"Bearer {rs.sign(good)}"}
                ).status_code
                == 200
            )
            for name, token in tokens.items():
                response = client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 401, (name, response.text)
                assert_error(response, 401, "invalid_token")
        assert attacker.count() == 0, "keys are only ever fetched from our own JWKS URL"
        # made-up kids do not turn into a stream of JWKS requests (min refetch interval)
        assert mode.jwks is not None and mode.jwks.count() - before <= 1
    finally:
        attacker.stop()


def test_hs256_mode_refuses_asymmetric_and_other_hmac_algorithms(hs_mode: Mode) -> None:
    good = claim_set(hs_mode.iss)
    es = new_es256("es-x")
    tokens = [
        es.sign(good),
        jwt.encode(good, HS_SECRET, algorithm="HS512"),
        jwt.encode(good, HS_SECRET, algorithm="HS384"),
    ]
    with httpx.Client(base_url=hs_mode.server.url, timeout=10) as client:
        for token in tokens:
            assert_error(
                client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"}),
                401,
                "invalid_token",
            )


@pytest.fixture
def jwks_variants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    made: list[Any] = []

    def start(jwks_url: str, **overrides: Any) -> LiveServer:
        server = start_server(tmp_path_factory.mktemp("jw"), SUPABASE_URL=jwks_url, **overrides)
        made.append(server)
        return server

    yield start
    for server in made:
        server.stop()


def test_jwks_down_is_a_clear_503(jwks_variants: Any) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    server = jwks_variants(dead, FLOWSMITH_JWKS_MIN_REFETCH_S=0)
    token = new_es256("es-1").sign(claim_set(f"{dead}/auth/v1"))
    with httpx.Client(base_url=server.url, timeout=10) as client:
        response = client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"})
        assert_error(response, 503, "auth_unavailable")
        assert int(response.headers["retry-after"]) >= 1
        # hostile tokens are still plain 401s: they are refused before any key is needed
        assert_error(client.get(PROTECTED, headers={"Authorization": "Bearer a.b"}), 401)


@pytest.mark.parametrize("failure", ["status 500", "not JSON", "no usable key"])
def test_jwks_failing_is_a_503_then_recovers(jwks_variants: Any, failure: str) -> None:
    key = new_es256("es-1")
    keys = JwksServer(keys=[key.public_jwk])
    keys.start()
    try:
        if failure == "status 500":
            keys.status = 500
        elif failure == "no usable key":
            keys.keys = [{"kty": "oct", "k": "c2VjcmV0", "kid": "es-1"}]
        else:
            keys.keys = "not json"  # type: ignore[assignment]
        server = jwks_variants(keys.base_url, FLOWSMITH_JWKS_MIN_REFETCH_S=0)
        headers = {"Authorization": f"Bearer {key.sign(claim_set(keys.base_url + '/auth/v1'))}"}
        with httpx.Client(base_url=server.url, timeout=10) as client:
            assert_error(client.get(PROTECTED, headers=headers), 503, "auth_unavailable")
            keys.status, keys.keys = 200, [key.public_jwk]
            assert client.get(PROTECTED, headers=headers).status_code == 200
    finally:
        keys.stop()


async def test_jwks_slow_is_a_503_and_never_blocks_the_loop(jwks_variants: Any) -> None:
    # No absolute latencies (CI machines are noisy): health checks must all be answered while
    # the ten token checks still wait on the key fetch, and those must end at the fetch
    # timeout, well before the JWKS server would have answered.
    key = new_es256("es-1")
    keys = JwksServer(keys=[key.public_jwk], delay_s=8.0)
    keys.start()
    try:
        server = jwks_variants(
            keys.base_url, FLOWSMITH_JWKS_TIMEOUT_S=3.0, FLOWSMITH_JWKS_MIN_REFETCH_S=0
        )
        headers = {"Authorization": f"Bearer {key.sign(claim_set(keys.base_url + '/auth/v1'))}"}
        async with httpx.AsyncClient(base_url=server.url, timeout=20) as client:
            began = time.monotonic()
            authed = [
                asyncio.create_task(client.get(PROTECTED, headers=headers)) for _ in range(10)
            ]
            await asyncio.sleep(0.2)
            for _ in range(3):
                health = await client.get("/healthz")
                assert health.status_code == 200
                assert not any(task.done() for task in authed), "health waited on the fetch"
            responses = await asyncio.gather(*authed)
            elapsed = time.monotonic() - began
        for response in responses:
            assert_error(response, 503, "auth_unavailable")
        assert elapsed < keys.delay_s, f"bounded by the fetch timeout, not the server: {elapsed}"
        assert keys.count() <= 2, "concurrent callers share one fetch"
    finally:
        keys.stop()
