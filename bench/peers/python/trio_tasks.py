#!/usr/bin/env python3
"""N trio tasks that each sleep one second, started at once in one nursery.

The trio peer of `tasks-bench tasks N` and bench/python/tasks.py:

    python -I trio_tasks.py -n 10000
"""

import argparse
import time

import trio


async def main(n):
    async with trio.open_nursery() as nursery:
        for _ in range(n):
            nursery.start_soon(trio.sleep, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="tasks")
    ns = parser.parse_args()
    if not 0 <= ns.n <= 10_000_000:
        parser.error("-n must be between 0 and 10000000")
    s = time.perf_counter()
    trio.run(main, ns.n)
    elapsed = time.perf_counter() - s
    print(f"{ns.n} tasks finished in {elapsed:0.2f} seconds.")
