"""Start-up work that must not run on the event loop later."""

from __future__ import annotations

import asyncio


async def warm_up() -> None:
    """Build the node catalog in a thread, before the replica serves.

    Every planner, agent and validation path reads the catalog, and it is built lazily on
    first use: parsing and checking its ~600 parameter schemas is seconds of CPU. Built by
    the first chat turn, on the event loop, it froze the whole replica for those seconds:
    no stream moved, no lease was renewed (a lease shorter than the freeze lapsed and
    another replica ended the turn), and a SIGTERM in that window was not even noticed
    until it was over (streams that should end at once ended 7 s later).
    """
    from flowsmith.core.catalog import load_catalog

    await asyncio.to_thread(load_catalog)
