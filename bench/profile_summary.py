"""Summarise a py-spy ``--format raw`` (collapsed stacks) profile: the functions with the
most samples on the stack (inclusive) and on top (self), and the hottest flowsmith frames.

    .venv/bin/python bench/profile_summary.py profile.txt [--top 25] [--filter flowsmith]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^:()]+)(?::(?P<line>\d+))?\)$")


def _short(frame: str) -> str:
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    file = match["file"]
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{match['func']} ({file})"


def summarise(
    path: Path, top: int = 25, keep: str | None = None, main_thread_only: bool = False
) -> str:
    """``main_thread_only``: only the event loop's thread (its stacks run through
    ``asyncio_run``), leaving out aiosqlite's and the thread pool's threads."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        if main_thread_only and "asyncio_run" not in stack:
            continue
        frames = [_short(f) for f in stack.split(";") if f.strip()]
        total += count
        for name in set(frames):
            inclusive[name] += count
        if frames:
            own[frames[-1]] += count
    out = [f"samples: {total} (py-spy counts busy samples only)"]

    def table(title: str, counter: Counter[str]) -> None:
        out.append(f"\n{title}")
        shown = 0
        for name, count in counter.most_common():
            if keep and keep not in name:
                continue
            out.append(f"  {100 * count / max(total, 1):5.1f}%  {name}")
            shown += 1
            if shown >= top:
                break

    table("inclusive (on the stack)", inclusive)
    table("self (top of the stack)", own)
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--filter", default=None)
    parser.add_argument("--main-thread", action="store_true")
    args = parser.parse_args()
    print(summarise(args.profile, args.top, args.filter, args.main_thread))


if __name__ == "__main__":
    main()
