#!/usr/bin/env python3
"""N tasks that each sleep one second, started at once and awaited.

The Python side of `tasks-bench tasks N`: the claim of Real Python's
"Async IO in Python: A Complete Walkthrough" ("When and Why Is Async IO
the Right Choice?") that creating thousands of async IO tasks is
completely feasible, at any N you choose.
"""

import argparse
import asyncio
import time


async def sleeper():
    await asyncio.sleep(1)


async def main(n):
    # One task per sleeper, as `tokio::spawn` makes one per sleeper on the
    # Rust side. Awaiting them one by one is the cheapest way to wait for
    # all: the first await takes the whole second, the rest are done by
    # then. `gather` would add a callback and a result slot per task.
    tasks = [asyncio.create_task(sleeper()) for _ in range(n)]
    for t in tasks:
        await t


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="tasks")
    ns = parser.parse_args()
    if not 0 <= ns.n <= 10_000_000:
        parser.error("-n must be between 0 and 10000000")
    s = time.perf_counter()
    asyncio.run(main(ns.n))
    elapsed = time.perf_counter() - s
    print(f"{ns.n} tasks finished in {elapsed:0.2f} seconds.")
