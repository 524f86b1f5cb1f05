"""Verifying Supabase access tokens: HS256 with a shared secret, or public keys from JWKS.

Invariants every accepted token meets, in every mode:
- at most ``MAX_TOKEN_BYTES`` long (checked before any parsing);
- signed with an algorithm from the verifier's fixed list, never one the token picks: a
  verifier holds either one HMAC secret and HMAC algorithms, or JWKS public keys and
  public-key algorithms, never both (no algorithm confusion);
- ``exp``, ``sub`` and ``aud`` present; ``aud`` exactly the configured audience; ``exp``,
  ``nbf`` and ``iat`` within ``leeway_s``; ``iss`` equal to ``{SUPABASE_URL}/auth/v1``
  whenever ``SUPABASE_URL`` is configured.

Nothing here logs or echoes a token.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from types import MappingProxyType
from typing import Any, Literal

import httpx
import jwt

from flowsmith.auth.dev import load_or_create_dev_secret
from flowsmith.auth.errors import (
    AuthError,
    AuthUnavailable,
    InvalidAudience,
    InvalidIssuer,
    InvalidToken,
    TokenExpired,
    TokenTooLarge,
)
from flowsmith.auth.principal import Principal
from flowsmith.config import Settings
from flowsmith.text import api_text

log = logging.getLogger(__name__)

AuthMode = Literal["hs256", "jwks", "dev"]

MAX_TOKEN_BYTES = 8 * 1024
# verified tokens remembered (see ``TokenVerifier.verify``), and for how long at most
VERIFIED_CACHE_SIZE = 4096
VERIFIED_CACHE_S = 60.0
# a JWKS holds a handful of keys; anything far larger is not one
MAX_JWKS_BYTES = 256 * 1024

HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
# the JWK key type each public-key algorithm must be used with
PUBLIC_KEY_TYPES: dict[str, str] = {
    "ES256": "EC",
    "ES384": "EC",
    "RS256": "RSA",
    "RS384": "RSA",
    "RS512": "RSA",
    "EdDSA": "OKP",
}


class _JwksError(Exception):
    """A JWKS response that is not usable (status, size, shape, no usable key)."""


_FETCH_ERRORS = (httpx.HTTPError, TimeoutError, ValueError, jwt.PyJWTError, _JwksError)


class JwksCache:
    """The signing keys published at a JWKS URL, by ``kid``, fetched without blocking.

    - Keys are reused for ``cache_s`` after a successful fetch.
    - An unknown ``kid`` or an expired cache triggers a fetch, but fetches start at most once
      per ``min(min_refetch_s, cache_s)``: a stream of tokens with made-up kids cannot turn
      into a stream of requests to the JWKS server.
    - Concurrent callers that need a fetch share one: the first fetches under a lock, the
      others wait and use its result (a cancelled fetch leaves the next waiter to retry).
    - A failed fetch keeps the previous keys; they go on being served until a fetch succeeds.
      Only a caller whose key is in no cached set sees ``AuthUnavailable``.
    - Only keys that have a ``kid``, are for signing, use an allowed algorithm matching their
      key type, and are long enough are kept; symmetric (``oct``) keys never are.
    """

    def __init__(
        self,
        url: str,
        *,
        algorithms: Sequence[str],
        cache_s: float,
        min_refetch_s: float,
        timeout_s: float,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        unusable = [alg for alg in algorithms if alg not in PUBLIC_KEY_TYPES]
        if unusable or not algorithms:
            raise ValueError(f"JWKS keys need public-key algorithms, got {list(algorithms)}")
        self.url = url
        self._algorithms = frozenset(algorithms)
        self._cache_s = cache_s
        self._min_refetch_s = min(min_refetch_s, cache_s)
        self._timeout_s = timeout_s
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(
            timeout=timeout_s, follow_redirects=False, headers={"Accept": "application/json"}
        )
        self._clock = clock
        self._lock = asyncio.Lock()
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None  # last successful fetch
        self._attempted_at: float | None = None  # last finished fetch, success or not
        self._last_failed = False
        self._attempts = 0  # finished fetches; lets lock waiters see that one just ran

    async def get_key(self, kid: str) -> jwt.PyJWK:
        """The key for ``kid``.

        Raises ``InvalidToken`` when the JWKS (fetched now, or recently) has no such key,
        ``AuthUnavailable`` when the JWKS cannot be fetched and no cached set has it.
        """
        key = self._keys.get(kid)
        if key is not None and self._is_fresh():
            return key
        if self._may_fetch():
            await self._refresh()
            key = self._keys.get(kid)
        if key is not None:
            return key
        if self._last_failed:
            raise AuthUnavailable()
        raise InvalidToken(api_text("error.auth.unknown_key"))

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    def _is_fresh(self) -> bool:
        return self._fetched_at is not None and self._clock() - self._fetched_at < self._cache_s

    def _may_fetch(self) -> bool:
        return (
            self._attempted_at is None or self._clock() - self._attempted_at >= self._min_refetch_s
        )

    async def _refresh(self) -> None:
        # read before waiting: if the count moves while we wait, a fetch ran for us
        seen = self._attempts
        async with self._lock:
            if self._attempts != seen:
                return
            try:
                keys = await self._fetch()
            except _FETCH_ERRORS as error:
                self._last_failed = True
                log.warning("JWKS fetch from %s failed: %s", self.url, _describe(error))
            else:
                self._keys = keys
                self._fetched_at = self._clock()
                self._last_failed = False
            self._attempted_at = self._clock()
            self._attempts += 1

    async def _fetch(self) -> dict[str, jwt.PyJWK]:
        # httpx's timeout bounds each read; this bounds the whole exchange
        async with asyncio.timeout(self._timeout_s):
            body = await self._download()
        document = json.loads(body)
        if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
            raise _JwksError("response is not a JWK set")
        keys = self._usable_keys(document["keys"])
        if not keys:
            raise _JwksError(f"no usable key for {sorted(self._algorithms)}")
        return keys

    async def _download(self) -> bytes:
        body = bytearray()
        async with self._client.stream("GET", self.url) as response:
            if response.status_code != 200:
                raise _JwksError(f"HTTP {response.status_code}")
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_JWKS_BYTES:
                    raise _JwksError("response too large")
        return bytes(body)

    def _usable_keys(self, raw_keys: list[Any]) -> dict[str, jwt.PyJWK]:
        keys: dict[str, jwt.PyJWK] = {}
        for raw in raw_keys:
            key = self._usable_key(raw)
            if key is not None and key.key_id is not None:
                keys.setdefault(key.key_id, key)
        return keys

    def _usable_key(self, raw: Any) -> jwt.PyJWK | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("kid"), str) or not raw["kid"]:
            return None
        if raw.get("use", "sig") != "sig":
            return None
        try:
            # the algorithm comes from the JWK's "alg", else from its kty/crv
            key = jwt.PyJWK(raw)
        except jwt.PyJWTError:
            return None
        alg = key.algorithm_name
        if alg not in self._algorithms or raw.get("kty") != PUBLIC_KEY_TYPES[alg]:
            return None
        weakness = key.Algorithm.check_key_length(key.key)
        if weakness:
            log.warning("ignoring JWKS key %s: %s", raw["kid"], weakness)
            return None
        return key


class TokenVerifier:
    """Turns an access token into a ``Principal`` or raises an ``AuthError``.

    Holds exactly one of: an HMAC ``secret`` (modes ``hs256`` and ``dev``) or a ``jwks``
    cache (mode ``jwks``), with algorithms of the matching family only.
    """

    def __init__(
        self,
        *,
        mode: AuthMode,
        algorithms: Sequence[str],
        audience: str,
        issuer: str | None,
        leeway_s: float,
        secret: str | None = None,
        jwks: JwksCache | None = None,
    ) -> None:
        if (secret is None) == (jwks is None):
            raise ValueError("a verifier needs exactly one of an HMAC secret or a JWKS cache")
        family = HMAC_ALGORITHMS if secret is not None else PUBLIC_KEY_TYPES.keys()
        if not algorithms or any(alg not in family for alg in algorithms):
            raise ValueError(f"algorithms {list(algorithms)} do not fit the {mode} key")
        if secret is not None:
            _check_hmac_secret(secret)
        self.mode: AuthMode = mode
        self._algorithms = list(algorithms)
        self._audience = audience
        self._issuer = issuer
        self._leeway_s = leeway_s
        self._secret = secret
        self._jwks = jwks
        # token -> (its principal, until when that answer stands); see ``verify``
        self._verified: OrderedDict[str, tuple[Principal, float, str | None, str | jwt.PyJWK]] = (
            OrderedDict()
        )

    @classmethod
    def from_settings(
        cls, settings: Settings, *, http_client: httpx.AsyncClient | None = None
    ) -> TokenVerifier:
        """The verifier for ``settings.auth_mode``; dev mode creates the dev secret if needed.

        ``http_client`` (JWKS mode only) is used instead of a client of our own and is then
        not closed by ``aclose``.
        """
        issuer = f"{settings.supabase_url}/auth/v1" if settings.supabase_url else None
        mode = settings.auth_mode
        if mode == "jwks":
            return cls._with_jwks(settings, issuer, http_client)
        secret = (
            settings.supabase_jwt_secret
            if mode == "hs256"
            else load_or_create_dev_secret(settings.data_dir)
        )
        if not secret:
            raise ValueError(f"no HMAC secret for auth mode {mode!r}")
        return cls(
            mode=mode,
            # Supabase signs with HS256 only; a wider list would only widen what we accept
            algorithms=["HS256"],
            audience=settings.jwt_audience,
            issuer=issuer,
            leeway_s=settings.jwt_leeway_s,
            secret=secret,
        )

    @classmethod
    def _with_jwks(
        cls, settings: Settings, issuer: str | None, http_client: httpx.AsyncClient | None
    ) -> TokenVerifier:
        if issuer is None:
            raise ValueError("JWKS mode needs SUPABASE_URL")
        algorithms = [alg for alg in settings.jwt_algorithms if alg in PUBLIC_KEY_TYPES]
        if not algorithms:
            raise ValueError(
                "FLOWSMITH_JWT_ALGORITHMS has no public-key algorithm (e.g. ES256, RS256); "
                "JWKS mode needs one"
            )
        jwks = JwksCache(
            f"{issuer}/.well-known/jwks.json",
            algorithms=algorithms,
            cache_s=settings.jwks_cache_s,
            min_refetch_s=settings.jwks_min_refetch_s,
            timeout_s=settings.jwks_timeout_s,
            client=http_client,
        )
        return cls(
            mode="jwks",
            algorithms=algorithms,
            audience=settings.jwt_audience,
            issuer=issuer,
            leeway_s=settings.jwt_leeway_s,
            jwks=jwks,
        )

    async def verify(self, token: str) -> Principal:
        """The caller the token proves, or ``AuthError`` (401) / ``AuthUnavailable`` (503).

        A token that verified is remembered (the exact string, at most
        ``VERIFIED_CACHE_SIZE`` of them) until it expires, for ``VERIFIED_CACHE_S`` at
        most, and in JWKS mode only while the key that verified it is still the JWKS's
        (a refetch makes new key objects, so a withdrawn key's tokens are refused as
        soon as it is seen to be gone, as without the cache). A client sends the same
        token with every request for its hour; checking its signature and claims each
        time was 4–6 % of a request's CPU. Anything not byte-for-byte a remembered
        token is verified in full.
        """
        # bound the work an unauthenticated client can make us do, before any decoding
        if len(token) > MAX_TOKEN_BYTES or len(token.encode("utf-8")) > MAX_TOKEN_BYTES:
            raise TokenTooLarge()
        now = time.time()
        known = self._verified.get(token)
        if known is not None:
            principal, until, kid, key = known
            # the same key object (a JWKS refetch makes new ones): the same verdict
            if now < until and (kid is None or await self._key_for({"kid": kid}) is key):
                return principal
            del self._verified[token]
        header = _unverified_header(token)
        key = await self._key_checked(header)
        principal = self._principal(self._decode(token, key))
        exp = principal.claims.get("exp")
        if isinstance(exp, int | float):
            until = min(exp + self._leeway_s, now + VERIFIED_CACHE_S)
            kid = header.get("kid") if self._jwks is not None else None
            self._verified[token] = (principal, until, kid, key)
            if len(self._verified) > VERIFIED_CACHE_SIZE:
                self._verified.popitem(last=False)
        return principal

    async def _key_checked(self, header: dict[str, Any]) -> str | jwt.PyJWK:
        if header.get("alg") not in self._algorithms:
            # refuse before any JWKS fetch: a wrong alg must not cost a request
            raise InvalidToken(api_text("error.auth.algorithm"))
        return await self._key_for(header)

    @staticmethod
    def _principal(claims: dict[str, Any]) -> Principal:
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub.strip():
            raise InvalidToken(api_text("error.auth.no_user"))
        return Principal(user_id=sub, claims=MappingProxyType(claims))

    async def aclose(self) -> None:
        if self._jwks is not None:
            await self._jwks.aclose()

    async def _key_for(self, header: dict[str, Any]) -> str | jwt.PyJWK:
        if self._secret is not None:
            return self._secret
        if self._jwks is None:  # pragma: no cover - __init__ guarantees one of the two
            raise RuntimeError("verifier has neither a secret nor a JWKS cache")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise InvalidToken(api_text("error.auth.no_key_id"))
        return await self._jwks.get_key(kid)

    def _decode(self, token: str, key: str | jwt.PyJWK) -> dict[str, Any]:
        # a JWK is bound to its own algorithm (already checked against ours); PyJWT refuses a
        # token whose header names any other
        algorithms = [key.algorithm_name] if isinstance(key, jwt.PyJWK) else self._algorithms
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway_s,
                options={
                    "verify_signature": True,
                    "require": ["exp", "sub", "aud"],
                    # aud must be exactly our audience, not a list that contains it
                    "strict_aud": True,
                },
            )
        except jwt.PyJWTError as error:
            raise _translate(error) from None
        return claims


def _check_hmac_secret(secret: str) -> None:
    # PyJWT refuses PEM/SSH-looking HMAC secrets at every decode; fail at startup instead of
    # answering every request with invalid_token
    try:
        jwt.get_algorithm_by_name("HS256").prepare_key(secret)
    except jwt.InvalidKeyError:
        raise ValueError("the JWT secret looks like a public key, not an HMAC secret") from None


def _unverified_header(token: str) -> dict[str, Any]:
    try:
        return jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise InvalidToken(api_text("error.auth.malformed")) from None


def _translate(error: jwt.PyJWTError) -> AuthError:
    """The stable error for a PyJWT failure; fixed messages, since PyJWT's are not ours."""
    if isinstance(error, jwt.ExpiredSignatureError):
        return TokenExpired()
    if isinstance(error, jwt.InvalidAudienceError):
        return InvalidAudience()
    if isinstance(error, jwt.InvalidIssuerError):
        return InvalidIssuer()
    if isinstance(error, jwt.MissingRequiredClaimError):
        if error.claim == "aud":
            return InvalidAudience(api_text("error.auth.no_audience"))
        if error.claim == "iss":
            return InvalidIssuer(api_text("error.auth.no_issuer"))
        return InvalidToken(api_text("error.auth.missing_claim", claim=error.claim))
    if isinstance(error, jwt.ImmatureSignatureError):
        return InvalidToken(api_text("error.auth.not_yet_valid"))
    if isinstance(error, jwt.InvalidSignatureError):
        return InvalidToken(api_text("error.auth.bad_signature"))
    if isinstance(error, jwt.InvalidAlgorithmError):
        return InvalidToken(api_text("error.auth.algorithm"))
    return InvalidToken()


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "timed out"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
