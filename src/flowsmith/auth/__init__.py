"""Authentication: reading the token, verifying Supabase JWTs (HS256 or JWKS), dev tokens."""

from flowsmith.auth.dependencies import CurrentUser, get_current_user
from flowsmith.auth.dev import load_or_create_dev_secret, mint_dev_token
from flowsmith.auth.principal import Principal
from flowsmith.auth.tokens import extract_token
from flowsmith.auth.verifier import JwksCache, TokenVerifier

__all__ = [
    "CurrentUser",
    "JwksCache",
    "Principal",
    "TokenVerifier",
    "extract_token",
    "get_current_user",
    "load_or_create_dev_secret",
    "mint_dev_token",
]
