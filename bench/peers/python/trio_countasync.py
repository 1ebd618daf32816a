#!/usr/bin/env python3
"""The walkthrough's countasync.py in trio: three one-second sleeps."""

import time

import trio


async def count():
    print("One")
    await trio.sleep(1)
    print("Two")


async def main():
    async with trio.open_nursery() as nursery:
        for _ in range(3):
            nursery.start_soon(count)


if __name__ == "__main__":
    s = time.perf_counter()
    trio.run(main)
    elapsed = time.perf_counter() - s
    print(f"countasync executed in {elapsed:0.2f} seconds.")
