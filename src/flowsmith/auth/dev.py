"""Dev mode: a local HS256 secret and tokens signed with it. Only for local use.

Used when neither ``SUPABASE_JWT_SECRET`` nor ``SUPABASE_URL`` is set. The secret lives in
``{data_dir}/dev_jwt_secret`` (mode 0600) and is created once: every process that starts on
the same data folder, even at the same instant, ends up with the same secret.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import tempfile
import time
from pathlib import Path

import jwt

from flowsmith.config import Settings

log = logging.getLogger(__name__)

DEV_SECRET_FILENAME = "dev_jwt_secret"
DEV_ALGORITHM = "HS256"


def dev_secret_path(data_dir: Path) -> Path:
    return data_dir / DEV_SECRET_FILENAME


def load_or_create_dev_secret(data_dir: Path) -> str:
    """The dev secret in ``data_dir``, created (mode 0600, folder too) if it does not exist.

    Invariant: the file, once it exists, is complete and never rewritten. A new secret is
    written to a private temp file and hard-linked into place; ``os.link`` fails when the
    name exists, so among concurrent creators exactly one wins and all read the winner's.
    """
    path = dev_secret_path(data_dir)
    existing = _read_secret(path)
    if existing is not None:
        return existing
    data_dir.mkdir(parents=True, exist_ok=True)
    _publish_new_secret(path)
    secret = _read_secret(path)
    if secret is None:  # pragma: no cover - only if someone deletes it between two lines
        raise RuntimeError(f"dev JWT secret {path} vanished while being created")
    return secret


def mint_dev_token(
    settings: Settings, sub: str, ttl_s: int = 86400, email: str | None = None
) -> str:
    """An HS256 token for ``sub`` that this service accepts in dev mode, valid ``ttl_s``.

    Claims: ``sub``, ``aud`` (the configured audience), ``role: authenticated``, ``iat``,
    ``exp`` and ``email`` when given. Refused outside dev mode: there the service would not
    accept it, and a dev secret must never look like a way into a real deployment.
    """
    if settings.auth_mode != "dev":
        raise ValueError(
            f"dev tokens exist only in dev mode (auth mode is {settings.auth_mode!r}): "
            "unset SUPABASE_JWT_SECRET and SUPABASE_URL for local use"
        )
    if not sub:
        raise ValueError("sub must be a non-empty user id")
    if ttl_s <= 0:
        raise ValueError("ttl_s must be positive")
    now = int(time.time())
    claims: dict[str, object] = {
        "sub": sub,
        "aud": settings.jwt_audience,
        "role": "authenticated",
        "iat": now,
        "exp": now + ttl_s,
    }
    if email is not None:
        claims["email"] = email
    secret = load_or_create_dev_secret(settings.data_dir)
    return jwt.encode(claims, secret, algorithm=DEV_ALGORITHM)


def _publish_new_secret(path: Path) -> None:
    # mkstemp creates the file with mode 0600 whatever the umask, so the secret is never
    # readable by others, not even for the instant before a chmod.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp_name, path)
            log.info("created dev JWT secret at %s (dev mode: local use only)", path)
        except FileExistsError:
            pass  # another process won the race; its secret is the one
    finally:
        os.unlink(tmp_name)


def _read_secret(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    secret = text.strip()
    if not secret:
        raise RuntimeError(f"dev JWT secret {path} is empty; delete it to create a new one")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("dev JWT secret %s is readable by others; chmod 600 it", path)
    return secret
