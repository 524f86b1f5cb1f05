"""Start-up work that must not run on the event loop: the node catalog, built in a thread.

Every planner, agent and validation path reads the catalog, and it was built lazily on
first use: parsing and checking its ~600 parameter schemas is seconds of CPU (3-7 s, more
on a busy machine). Built by the first chat turn, on the event loop, it froze the whole
replica for those seconds: no stream moved, no lease was renewed (a lease shorter than
the freeze lapsed, and another replica ended the turn), and a SIGTERM in that window went
unnoticed until it was over (streams that should end at once ended 7 s later).

Now the replica starts building it in a thread as it starts (readiness is not delayed),
and a turn or generation that needs it before it is built waits for it, off the loop.
"""

from __future__ import annotations

import asyncio
from weakref import WeakKeyDictionary

_warming: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Future[object]] = WeakKeyDictionary()


def _build() -> object:
    from flowsmith.core.catalog import load_catalog

    return load_catalog()


def start_warm_up() -> asyncio.Future[object]:
    """Start building the catalog in a thread (once per event loop); its future."""
    loop = asyncio.get_running_loop()
    future = _warming.get(loop)
    if future is None or (future.done() and future.exception() is not None):
        future = _warming[loop] = loop.run_in_executor(None, _build)
    return future


async def warmed() -> None:
    """Wait until the catalog is built (at once, once it is)."""
    future = start_warm_up()
    if not future.done():
        await asyncio.shield(future)
    future.result()
