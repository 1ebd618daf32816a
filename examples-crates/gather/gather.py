#!/usr/bin/env python3
"""gather.py: one task awaited, then two gathered in 10 s, not 13 s.

The Python twin of examples-crates/gather/src/main.rs, after the programs
in "Creating and gathering tasks" of the notes on Real Python's "Async IO
in Python: A Complete Walkthrough". The notes define two coroutines both
named main() in a REPL and lost the asyncio.run() lines that run them;
here the first is one_task(), and both runs are restored. Where this
prints `type(t)`, the Rust prints the name of its task handle's type.
"""

import argparse
import asyncio
import time


# step: coro
async def coro(seq) -> list:
    """'IO' wait time is proportional to the max element."""
    await asyncio.sleep(max(seq))
    return list(reversed(seq))


# step: one
async def one_task():
    # This is a bit redundant in the case of one task
    # We could use `await coro([3, 2, 1])` on its own
    t = asyncio.create_task(coro([3, 2, 1]))
    await t
    print(f"t: type {type(t)}")
    print(f"t done: {t.done()}")


# step: main
async def main():
    t = asyncio.create_task(coro([3, 2, 1]))
    t2 = asyncio.create_task(coro([10, 5, 0]))
    print("Start:", time.strftime("%X"))
    a = await asyncio.gather(t, t2)
    print("End:", time.strftime("%X"))  # Should be 10 seconds
    print(f"Both tasks done: {all((t.done(), t2.done()))}")
    return a


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(one_task())
    a = asyncio.run(main())
    print(a)
