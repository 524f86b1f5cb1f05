"""How the offline planner's time grows with the length of a message.

    .venv/bin/python bench/long_messages.py [--repeat 3]

The baseline is a typical request (``SHORT``), timed in the same run. Each long message (the
ones ``tests/agent/test_offline.py`` feeds the planner, and the typical request repeated to
the same length) is timed, and its time printed as a ratio to the baseline's, beside its
length ratio: a reader that is linear in the length keeps the two of the same order; a regex
that backtracks shows a time ratio far above the length ratio. The best of ``--repeat`` runs
is kept, since the slower runs only measure the machine's other work.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from flowsmith.planner.offline import decide  # noqa: E402

SHORT = (
    "When a new row is added to my Google Sheet 'Leads', if the budget is over 10000 send "
    "the lead to Slack #sales and add it to HubSpot, otherwise email me"
)
LONG = {
    "请 x 20000": "请" * 20000,
    "a x 20000": "a" * 20000,
    "监控亚马逊 x 3000": "监控亚马逊 " * 3000,
    "typical request x 100": " ".join([SHORT] * 100),
}


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The shortest of ``repeat`` wall-clock times of ``run()``, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    decide(SHORT, [], None)  # imports, catalog load and regex compilation are not the subject
    base = best_of(args.repeat, lambda: decide(SHORT, [], None))
    print(f"baseline: a typical request, {len(SHORT)} chars, {base * 1000:.1f} ms")
    print("| message | length / baseline | time / baseline |")
    print("|---|---|---|")
    for name, message in LONG.items():
        took = best_of(args.repeat, lambda m=message: decide(m, [], None))  # type: ignore[misc]
        print(f"| {name} | {len(message) / len(SHORT):.0f}x | {took / base:.1f}x |")


if __name__ == "__main__":
    main()
