"""A small in-process sampling profiler, for when py-spy is not installed.

``BENCH_SAMPLE=<file>`` in a server's environment (``bench/servers.py`` starts it): a
``SIGPROF`` interval timer fires every ``BENCH_SAMPLE_MS`` (default 4 ms) of the process's
CPU time, and the handler, which Python runs in the main thread (the event loop's), counts
the stack it interrupted. At exit the counts are written in py-spy's ``--format raw``
(collapsed stacks, root first), so ``bench/profile_summary.py`` reads either.

A timer on CPU time samples in proportion to where the CPU goes (a thread sampling on wall
time only gets the GIL when the loop releases it, in system calls, and sees mostly those).
Samples that land while the loop's thread has no Python frame above the loop's own (the
CPU went to another thread, or to the loop's C code) are counted apart, as ``idle``.
"""

from __future__ import annotations

import atexit
import os
import signal
from collections import Counter
from pathlib import Path
from types import FrameType

# a stack whose top frame is one of these is the loop waiting for work (asyncio's pure
# Python loop polls in selectors; uvloop's poll is in C, under asyncio.runners.run)
_IDLE_TOP = {
    ("selectors.py", "select"),
    ("runners.py", "run"),
    ("base_events.py", "run_forever"),
    ("base_events.py", "run_until_complete"),
    ("server.py", "serve"),
}


def _frames(frame: FrameType | None) -> list[str]:
    out: list[str] = []
    while frame is not None:
        code = frame.f_code
        out.append(f"{code.co_name} ({code.co_filename}:{frame.f_lineno})")
        frame = frame.f_back
    out.reverse()
    return out


def _idle(frame: FrameType) -> bool:
    code = frame.f_code
    return (Path(code.co_filename).name, code.co_name) in _IDLE_TOP


def start(path: str, interval_s: float | None = None) -> None:
    interval = interval_s or float(os.environ.get("BENCH_SAMPLE_MS", "4")) / 1000
    counts: Counter[str] = Counter()
    stats = {"busy": 0, "idle": 0}

    def on_sample(_signum: int, frame: FrameType | None) -> None:
        if frame is None or _idle(frame):
            stats["idle"] += 1
            return
        stats["busy"] += 1
        # a synthetic root, so profile_summary's main-thread filter keeps these stacks
        counts[";".join(["asyncio_run (sampler)", *_frames(frame)])] += 1

    def dump() -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        lines = [f"{stack} {n}" for stack, n in counts.most_common()]
        Path(path).write_text("\n".join(lines) + "\n")
        Path(path + ".meta").write_text(
            f"busy {stats['busy']} idle {stats['idle']} interval_ms {interval * 1000:g}\n"
        )

    signal.signal(signal.SIGPROF, on_sample)
    signal.setitimer(signal.ITIMER_PROF, interval, interval)
    atexit.register(dump)
