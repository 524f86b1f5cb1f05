"""schemathesis against the document a live server serves: every operation, both event
streams included, in the examples, coverage and fuzzing phases with every check (stateful
phase off), and no finding.

``FS_TEST_CONTRACT_EXAMPLES`` sets the examples per operation and phase (default 5: about a
minute); ``FS_TEST_CONTRACT_EXAMPLES=100`` is a longer hunt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import LiveServer, make_settings
from tests.contract import support
from tests.contract.test_document import warm_up

EXAMPLES = int(os.environ.get("FS_TEST_CONTRACT_EXAMPLES", "5"))


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(
        make_settings(
            tmp_path_factory.mktemp("contract"),
            FLOWSMITH_RATE_SESSIONS_PER_MIN=0,
            # turns are rate limited as in production (429 is documented): each one the
            # fuzzer starts runs on by itself, and a bounded number keeps the run short
            FLOWSMITH_RATE_TURNS_PER_MIN=30,
            FLOWSMITH_OFFLINE_STREAM_DELAY_MS=0,
            # the document's maxLength follows the setting; short messages keep each turn's
            # planning short (the offline planner runs on the event loop, and its time
            # grows with the square of the message: 2 s for 3,000 characters)
            FLOWSMITH_MAX_MESSAGE_CHARS=500,
        )
    ).start()
    warm_up(server)
    yield server
    server.stop()


def test_schemathesis_finds_nothing(fuzzed: LiveServer) -> None:
    result = support.run(fuzzed.url, fuzzed.token("contract"), max_examples=EXAMPLES)
    spec = httpx.get(f"{fuzzed.url}/openapi.json", timeout=10).json()
    documented = {f"{m.upper()} {p}" for p, item in spec["paths"].items() for m in item}
    assert documented <= result.operations, documented - result.operations
    assert result.cases >= 10 * len(documented), result.cases
    assert not result.findings and not result.errors, result.report()
    # the streams were read and checked, not only refused
    for stream in ("GET /api/v1/chat/stream", "POST /api/v1/chat/stream"):
        assert result.responses[(stream, 200, "text/event-stream")] > 0, result.responses
    generation = "GET /api/v1/workflow_generation"
    assert result.responses[(generation, 200, "text/event-stream")] > 0, result.responses
