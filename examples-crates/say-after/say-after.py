#!/usr/bin/env python3
"""say-after.py: two coroutines awaited in turn; their sleeps add up.

The Python twin of examples-crates/say-after/src/main.rs, after "A Guide
to Python asyncio" (Medium), "Coroutines and Tasks". The article kept only
the printed run of this program: its whole listing was lost. This twin
restores it from that run: say_after(delay, what) sleeps and then prints
`what`, and main() awaits say_after(1, "Hello!") and then
say_after(2, "Hi!"), each line stamped with the time of day.
"""

import argparse
import asyncio
from datetime import datetime


# step: now
def now():
    return datetime.now().strftime("%H:%M:%S.%f")


# step: say
async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(f"{now()} {what}")


# step: main
async def main():
    print(f'{now()} "Hello!" scheduled for execution')
    await say_after(1, "Hello!")
    print(f'{now()} "Hi!" scheduled for execution')
    await say_after(2, "Hi!")
    print(f"{now()} Done.")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(main())
