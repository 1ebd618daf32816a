#!/usr/bin/env python3
"""countasync.py: three gathered one-second sleeps take one second.

The Python twin of examples-crates/countasync/src/main.rs, after the
walkthrough's countasync.py. The article's listing lost the body of
count() and the asyncio.run(main()) call; they are restored here.
"""

import argparse
import asyncio
import time


# step: count
async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")


# step: main
async def main():
    await asyncio.gather(count(), count(), count())


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    s = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    # The article prints f"{__file__} executed ..."; the Rust binary's name
    # has no .py, so both print the program's bare name.
    print(f"countasync executed in {elapsed:0.2f} seconds.")
