"""Suite 4c, the disk full under SQLite (the embedded pass only).

How: the server's data folder is a 12 MB tmpfs (``mount -t tmpfs``, as root) that the test
fills with a file until ``ENOSPC``: SQLite then fails its writes with SQLITE_FULL exactly
as on a full disk, WAL and all. Deleting the file frees the space. Where mounting is not
allowed (not root, no CAP_SYS_ADMIN) the test is skipped, saying so. (An SQLite
``max_page_count`` cap was tried as a fallback and rejected: rows that fit in the pages
already there are still written, so it does not behave like a full disk.)

Expected: a request that needs to write gets 503 ``storage_full`` with Retry-After (never a
500), nothing it tried to write is left behind (no half-written version, no message
without its reply), reads keep working, and the service recovers once there is room.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_DATABASE_URL, LiveServer
from tests.helpers import chat_done, create_session, generation_done, read_events
from tests.security.support import MINIMAL_N8N, assert_error, start_server

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite: the embedded pass")


class Disk:
    """The server's storage: a small tmpfs that can be filled and freed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler.bin"
        result = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(root)], capture_output=True
            )
            if os.geteuid() == 0
            else None
        )
        self.mounted = result is not None and result.returncode == 0

    def fill(self) -> None:
        chunk = b"\0" * 65536
        with self.filler.open("ab") as handle:
            while True:
                try:
                    handle.write(chunk)
                    handle.flush()
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break
        with contextlib.suppress(OSError), self.filler.open("ab") as handle:
            for _ in range(64):  # the last few free bytes
                handle.write(b"\0" * 512)
                handle.flush()

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def close(self) -> None:
        self.free()
        if self.mounted:
            subprocess.run(["umount", "-l", str(self.root)], capture_output=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[LiveServer, Disk]]:
    root = tmp_path / "data"
    root.mkdir()
    disk = Disk(root)
    if not disk.mounted:
        pytest.skip("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)")
    server = start_server(
        root, DATABASE_URL=None, REDIS_URL=None, FLOWSMITH_OFFLINE_STREAM_DELAY_MS=0
    )
    try:
        yield server, disk
    finally:
        disk.free()
        server.stop()
        disk.close()


async def test_writes_get_a_clear_503_and_nothing_half_written(
    full_disk: tuple[LiveServer, Disk], user: str
) -> None:
    server, disk = full_disk
    headers = server.headers(user)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        session_id = await create_session(client, headers)
        _, chat = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            until=chat_done,
            params={
                "session_id": session_id,
                "user_message": "watch Amazon stock every hour and email me",
            },
        )
        _, progress = await read_events(
            client,
            "GET",
            "/api/v1/workflow_generation",
            headers=headers,
            params={"session_id": session_id},
            until=generation_done,
        )
        assert progress[-1].type == "complete"
        workflow_id = progress[-1].data["workflow_id"]
        before = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()

        disk.fill()
        refused = [
            await client.post("/api/v1/session", json={"action": "create"}, headers=headers),
            await client.post("/api/v1/workflows/import", json=MINIMAL_N8N, headers=headers),
            await client.post(
                "/api/v1/session",
                json={"action": "copy", "workflow_id": workflow_id},
                headers=headers,
            ),
            await client.get(
                "/api/v1/chat/stream",
                headers=headers,
                params={"session_id": session_id, "user_message": "add a slack message too"},
            ),
        ]
        for response in refused:
            assert_error(response, 503, "storage_full")
            assert response.headers["retry-after"]
        # reads still work, and show nothing of the refused writes
        during = await client.get(f"/api/v1/sessions/{session_id}", headers=headers)
        assert during.status_code == 200 and during.json() == before
        listed = (await client.get("/api/v1/workflows", headers=headers)).json()["items"]
        assert [w["id"] for w in listed] == [workflow_id]
        versions = (
            await client.get(f"/api/v1/workflows/{workflow_id}/versions", headers=headers)
        ).json()["items"]
        assert [v["version"] for v in versions] == [1]

        disk.free()
        # recovered by itself, no restart
        again = await client.post("/api/v1/workflows/import", json=MINIMAL_N8N, headers=headers)
        assert again.status_code == 201, again.text
        _, chat2 = await read_events(
            client,
            "GET",
            "/api/v1/chat/stream",
            headers=headers,
            until=chat_done,
            params={
                "session_id": session_id,
                "user_message": "change the schedule to every 30 minutes",
            },
        )
        assert chat_done(chat2[-1]) and not [e for e in chat2 if e.type == "error"]
        after = (await client.get(f"/api/v1/sessions/{session_id}", headers=headers)).json()
    roles = [m["role"] for m in after["messages"]]
    assert roles == ["user", "assistant", "user", "assistant"], "each message once"
    assert all(m["status"] == "complete" for m in after["messages"])
    del chat
