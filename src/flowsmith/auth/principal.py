"""The authenticated caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Principal:
    """Who is calling: ``user_id`` is the verified token's ``sub``; never empty.

    ``claims`` are the verified token's claims, read-only (a mapping proxy when built by
    the verifier), for the few places that need ``email`` or ``role``.
    """

    user_id: str
    claims: Mapping[str, Any]

    @property
    def email(self) -> str | None:
        email = self.claims.get("email")
        return email if isinstance(email, str) and email else None
