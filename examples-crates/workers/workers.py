#!/usr/bin/env python3
"""workers.py: workers A (2 s) and B (1 s) overlap and take 2 s, not 3 s.

The Python twin of examples-crates/workers/src/main.rs, after the
"Running Multiple Coroutines" and "Gathering Tasks" programs of "Asyncio
in Python" (DEV Community). The article shows the gather as one line
instead of the two awaits; this twin runs it with --gather. So that the
gathered results show something, worker() returns its name (the
article's returns None), and the gathered list is printed.
"""

import argparse
import asyncio


# step: worker
async def worker(name, delay):
    print(f"{name} started")
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay}s")
    return name


# step: main
async def main(gather):
    if gather:
        results = await asyncio.gather(worker("A", 2), worker("B", 1))
        print(results)
    else:
        # Schedule tasks concurrently
        task1 = asyncio.create_task(worker("A", 2))
        task2 = asyncio.create_task(worker("B", 1))
        await task1
        await task2


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gather", action="store_true",
                        help="gather the two workers and print the results")
    args = parser.parse_args()
    asyncio.run(main(args.gather))
