"""Secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a server key, with rotation.

``FLOWSMITH_SECRET_KEY`` is one Fernet key or several, comma-separated: the first encrypts,
every one decrypts (``MultiFernet``). To rotate, put a new key first and keep the old ones
after it; secrets are re-encrypted under the new key as they are used (``SecretBox.rotate``),
after which the old key can be dropped. In dev mode with no key set, one is generated into
``{data_dir}/secret_key`` (mode 0600), created once the way the dev JWT secret is.

A ciphertext that was tampered with, or made under a key that is not configured, is refused
(``SecretUnreadable``): it never decrypts to something else.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from flowsmith.config import Settings
from flowsmith.errors import FlowsmithError
from flowsmith.text import api_text

log = logging.getLogger(__name__)

SECRET_KEY_FILENAME = "secret_key"


class SecretKeyMissing(FlowsmithError):
    status_code = 503
    code = "secret_key_missing"


class SecretUnreadable(FlowsmithError):
    """A stored secret that no configured key opens (tampered, or its key was dropped)."""

    status_code = 409
    code = "secret_unreadable"


class SecretBox:
    def __init__(self, keys: list[bytes | str]) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        try:
            fernets = [Fernet(key) for key in keys]
        except (ValueError, TypeError):
            raise ValueError(
                "FLOWSMITH_SECRET_KEY must be Fernet keys (32 url-safe base64-encoded bytes, "
                "comma-separated); make one with: python -c "
                "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            ) from None
        self._primary = fernets[0]
        self._all = MultiFernet(fernets)

    def encrypt(self, plaintext: str) -> str:
        return self._primary.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._all.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError, ValueError):
            raise SecretUnreadable(api_text("error.secret_unreadable")) from None

    def is_current(self, token: str) -> bool:
        """True when ``token`` is encrypted under the first (current) key."""
        try:
            self._primary.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeError, ValueError):
            return False
        return True

    def rotate(self, token: str) -> str:
        """``token`` re-encrypted under the current key (refused like ``decrypt``)."""
        try:
            return self._all.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError, ValueError):
            raise SecretUnreadable(api_text("error.secret_unreadable")) from None


def parse_keys(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def load_secret_box(settings: Settings) -> SecretBox:
    """The box for ``FLOWSMITH_SECRET_KEY``; in dev mode without it, a generated key."""
    configured = settings.secret_key.get_secret_value() if settings.secret_key else ""
    keys = parse_keys(configured)
    if keys:
        return SecretBox(list(keys))
    if settings.auth_mode != "dev":
        raise SecretKeyMissing(api_text("error.secret_key_missing"))
    return SecretBox([load_or_create_dev_key(settings.data_dir)])


def load_or_create_dev_key(data_dir: Path) -> str:
    """The key in ``{data_dir}/secret_key``, created once (mode 0600); concurrent creators
    all end up with the one that was linked into place first."""
    path = data_dir / SECRET_KEY_FILENAME
    existing = _read(path)
    if existing is not None:
        return existing
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(Fernet.generate_key().decode("ascii") + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp_name, path)
            log.info("created the dev secret key at %s (dev mode: local use only)", path)
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp_name)
    key = _read(path)
    if key is None:  # pragma: no cover - only if someone deletes it between two lines
        raise RuntimeError(f"secret key {path} vanished while being created")
    return key


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if not text:
        raise RuntimeError(f"secret key {path} is empty; delete it to create a new one")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("secret key %s is readable by others; chmod 600 it", path)
    return text
