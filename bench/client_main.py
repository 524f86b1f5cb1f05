"""The load client's process: runs one benchmark client function and prints its result.

``bench.common.run_client`` starts this with ``{"module", "name", "args"}`` on stdin; the
result goes to stdout as one JSON line. Running the client in its own process keeps its
CPU off the server's event loop (the machine has two cores: one each, roughly).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import raise_nofile, use_uvloop


def main() -> None:
    spec = json.loads(sys.stdin.read())
    raise_nofile()
    use_uvloop()
    fn = getattr(importlib.import_module(spec["module"]), spec["name"])
    result = fn(*spec["args"])
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
