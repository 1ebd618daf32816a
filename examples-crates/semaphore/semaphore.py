#!/usr/bin/env python3
"""semaphore.py: many one-second jobs, at most `limit` of them at a time.

The Python twin of examples-crates/semaphore/src/main.rs, after the notes
on Real Python's "Async IO in Python: A Complete Walkthrough", "Limit
concurrency". The notes show only `sem = asyncio.Semaphore(10)` and an
`async with sem:` block; the jobs inside it, the gathering, the count of
jobs running at once and the timing are restored here.
"""

import argparse
import asyncio
import time

# step: count
# How many jobs hold a permit now, and the most there have been. Plain
# globals: every job runs on the one event loop thread.
running = 0
highest = 0


# step: job
async def job(sem):
    global running, highest
    async with sem:
        running += 1
        highest = max(highest, running)
        await asyncio.sleep(1)
        running -= 1


# step: main
async def main(jobs, limit):
    sem = asyncio.Semaphore(limit)
    await asyncio.gather(*(job(sem) for _ in range(jobs)))


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    print(f"{args.jobs} jobs of 1 s, at most {args.limit} at a time.")
    s = time.perf_counter()
    asyncio.run(main(args.jobs, args.limit))
    elapsed = time.perf_counter() - s
    print(f"Highest number of jobs running at once: {highest}")
    print(f"All jobs done in {elapsed:0.2f} seconds.")
