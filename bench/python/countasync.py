#!/usr/bin/env python3
"""The article's countasync.py: three gathered one-second sleeps.

The Python side of the `countasync` scenario in bench/run, written as
the walkthrough (004, "The async/await Syntax and Native Coroutines")
shows it. It prints the same last line as `cargo run -p countasync`,
with the program's name in place of the article's `__file__`.
"""

import asyncio
import time


async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")


async def main():
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    s = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    print(f"countasync executed in {elapsed:0.2f} seconds.")
