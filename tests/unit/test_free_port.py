"""``free_port`` never hands out a port twice in one test process (regression: two replicas on
one port answered each other's readiness probe)."""

from __future__ import annotations

import socket
from typing import Any, ClassVar

import pytest

from tests import conftest


class _FakeSocket:
    """Binds to whichever port the script says next, as the kernel may repeat one."""

    script: ClassVar[list[int]] = []

    def __enter__(self) -> _FakeSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def bind(self, address: tuple[str, int]) -> None:
        self.port = self.script.pop(0)

    def getsockname(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)


def test_a_port_the_kernel_gives_twice_is_handed_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "_PORTS_GIVEN", set())
    _FakeSocket.script = [41001, 41001, 41002]
    fake: Any = lambda *a, **k: _FakeSocket()  # noqa: E731
    monkeypatch.setattr(socket, "socket", fake)
    assert conftest.free_port() == 41001
    assert conftest.free_port() == 41002
