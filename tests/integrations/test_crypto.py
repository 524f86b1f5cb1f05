"""The encryption of secrets at rest: Fernet under the server key, rotation, tampering."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from flowsmith.config import Settings
from flowsmith.integrations.crypto import (
    SecretBox,
    SecretKeyMissing,
    SecretUnreadable,
    load_or_create_dev_key,
    load_secret_box,
)

SECRET = "n8n_api_0123456789abcdef-the-users-key"


def test_round_trip_and_no_plaintext() -> None:
    box = SecretBox([Fernet.generate_key()])
    token = box.encrypt(SECRET)
    assert SECRET not in token and SECRET.encode() not in base64.urlsafe_b64decode(token)
    assert box.decrypt(token) == SECRET
    assert box.encrypt(SECRET) != token  # a fresh IV each time


def test_rotation_old_key_still_opens_and_rotate_moves_to_the_new_key() -> None:
    old, new = Fernet.generate_key(), Fernet.generate_key()
    stored = SecretBox([old]).encrypt(SECRET)
    rotated_box = SecretBox([new, old])
    assert rotated_box.decrypt(stored) == SECRET
    assert not rotated_box.is_current(stored)
    moved = rotated_box.rotate(stored)
    assert rotated_box.is_current(moved)
    # once moved, the old key can go
    assert SecretBox([new]).decrypt(moved) == SECRET
    with pytest.raises(SecretUnreadable):
        SecretBox([new]).decrypt(stored)


def test_tampered_or_foreign_ciphertext_is_refused() -> None:
    key = Fernet.generate_key()
    box = SecretBox([key])
    token = box.encrypt(SECRET)
    raw = bytearray(base64.urlsafe_b64decode(token))
    for index in (10, len(raw) // 2, len(raw) - 40, len(raw) - 1):  # IV, body, HMAC
        flipped = bytearray(raw)
        flipped[index] ^= 0x01
        with pytest.raises(SecretUnreadable) as caught:
            box.decrypt(base64.urlsafe_b64encode(bytes(flipped)).decode())
        assert SECRET not in str(caught.value)
    for junk in ("", "not-a-token", token[:-5], "é" + token):
        with pytest.raises(SecretUnreadable):
            box.decrypt(junk)
    with pytest.raises(SecretUnreadable):
        SecretBox([Fernet.generate_key()]).decrypt(token)
    with pytest.raises(SecretUnreadable):
        box.rotate(token[:-5])


def test_bad_keys_are_refused_with_how_to_make_one() -> None:
    with pytest.raises(ValueError, match="Fernet keys"):
        SecretBox(["too-short"])
    with pytest.raises(ValueError):
        SecretBox([])


def test_settings_key_list_first_encrypts(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings = Settings(
        _env_file=None,
        FLOWSMITH_DATA_DIR=tmp_path,
        FLOWSMITH_SECRET_KEY=f" {new} , {old} ",
    )
    box = load_secret_box(settings)
    token = box.encrypt(SECRET)
    assert SecretBox([new]).decrypt(token) == SECRET
    assert box.decrypt(SecretBox([old]).encrypt(SECRET)) == SECRET
    assert new not in repr(settings) and new not in str(settings.model_dump())
    assert not (tmp_path / "secret_key").exists()


def test_dev_mode_generates_one_private_key_file(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, FLOWSMITH_DATA_DIR=tmp_path / "data")
    first = load_secret_box(settings).encrypt(SECRET)
    path = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # the same key on the next start
    assert load_secret_box(settings).decrypt(first) == SECRET
    assert load_or_create_dev_key(tmp_path / "data") == path.read_text().strip()
    assert not [p for p in os.listdir(tmp_path / "data") if p.startswith(".secret_key")]


def test_outside_dev_mode_a_key_is_required(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        FLOWSMITH_DATA_DIR=tmp_path,
        SUPABASE_JWT_SECRET="x" * 40,
    )
    with pytest.raises(SecretKeyMissing) as caught:
        load_secret_box(settings)
    assert caught.value.code == "secret_key_missing" and caught.value.status_code == 503
    assert not (tmp_path / "secret_key").exists()
