"""Parameters for a sentence bank whose rows begin with the request text.

A row whose text starts with a key of ``still_open`` is a strict expected failure with that
key's reason: the assertions stand, and a fix makes the row pass and the run fail until its
entry is removed, so a bank never hides a case that became right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pytest


def bank_cases(
    bank: Iterable[tuple[Any, ...]], still_open: Mapping[str, str], id_len: int | None = None
) -> list[Any]:
    """One ``pytest.param`` per row of ``bank``, named by its text (cut to ``id_len``)."""
    out: list[Any] = []
    for row in bank:
        text = str(row[0])
        why = next((r for k, r in still_open.items() if text.startswith(k)), None)
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        out.append(pytest.param(*row, marks=marks, id=text[:id_len] if id_len else text))
    return out
