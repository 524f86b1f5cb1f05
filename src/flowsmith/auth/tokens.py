"""Reading the access token from a request: pure functions, no I/O, no logging.

Sources, in order: ``Authorization: Bearer <t>``, the ``sb-access-token`` cookie, the
``access_token`` query parameter (browsers' EventSource cannot send headers). When two
sources, or two values within one source, carry different tokens we refuse rather than pick
one: a client that sends two identities has a bug we should surface, not paper over.
"""

from __future__ import annotations

from collections.abc import Mapping

from flowsmith.auth.errors import AmbiguousToken

AUTHORIZATION_HEADER = "authorization"
COOKIE_NAME = "sb-access-token"
QUERY_PARAM = "access_token"


def extract_token(
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    query_params: Mapping[str, str],
) -> str | None:
    """The one access token the request carries, or ``None`` when it carries none.

    Accepts Starlette's ``Headers``/``QueryParams`` (their repeated values are all checked)
    or plain dicts (header names matched case-insensitively). Empty values count as absent;
    an ``Authorization`` header with another scheme (``Basic``) is not a token source.

    Raises ``AmbiguousToken`` when the present values are not all the same token.
    """
    candidates = [
        *_bearer_tokens(headers),
        *_values(cookies, COOKIE_NAME),
        *_values(query_params, QUERY_PARAM),
    ]
    present = [token for token in candidates if token]
    if len(set(present)) > 1:
        raise AmbiguousToken()
    return present[0] if present else None


def _bearer_tokens(headers: Mapping[str, str]) -> list[str]:
    tokens = []
    for value in _header_values(headers, AUTHORIZATION_HEADER):
        scheme, _, credentials = value.strip().partition(" ")
        # the auth scheme is case-insensitive (RFC 9110 §11.1)
        if scheme.lower() == "bearer":
            tokens.append(credentials.strip())
    return tokens


def _header_values(headers: Mapping[str, str], name: str) -> list[str]:
    getlist = getattr(headers, "getlist", None)
    if callable(getlist):
        # Starlette's Headers: case-insensitive and keeps repeated headers
        return [str(value) for value in getlist(name)]
    return [value for key, value in headers.items() if key.lower() == name]


def _values(params: Mapping[str, str], name: str) -> list[str]:
    getlist = getattr(params, "getlist", None)
    if callable(getlist):
        # Starlette's QueryParams: ?access_token=a&access_token=b must not hide "a"
        return [str(value) for value in getlist(name)]
    value = params.get(name)
    return [value] if value is not None else []
