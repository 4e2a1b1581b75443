"""Helpers shared by the Pilot tests of the app."""

from __future__ import annotations


async def settled(pilot) -> None:
    """Wait until no worker is left (one may start another: keywords after a load)."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        if not len(app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()
