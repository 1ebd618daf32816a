#!/usr/bin/env python3
"""as-completed.py: two tasks' results, taken in the order they complete.

The Python twin of examples-crates/as-completed/src/main.rs, after the
as_completed() program in "Creating and gathering tasks" of the notes on
Real Python's "Async IO in Python: A Complete Walkthrough". The notes run
main() in a REPL and lost the asyncio.run() line; it is restored here,
with coro() from earlier in the same section.
"""

import argparse
import asyncio
import time


# step: coro
async def coro(seq) -> list:
    """'IO' wait time is proportional to the max element."""
    await asyncio.sleep(max(seq))
    return list(reversed(seq))


# step: main
async def main():
    t = asyncio.create_task(coro([3, 2, 1]))
    t2 = asyncio.create_task(coro([10, 5, 0]))
    print("Start:", time.strftime("%X"))
    for res in asyncio.as_completed((t, t2)):
        compl = await res
        print(f'res: {compl} completed at {time.strftime("%X")}')
    print("End:", time.strftime("%X"))
    print(f"Both tasks done: {all((t.done(), t2.done()))}")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(main())
