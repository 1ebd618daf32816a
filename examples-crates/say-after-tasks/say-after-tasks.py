#!/usr/bin/env python3
"""say-after-tasks.py: the same two coroutines as tasks overlap.

The Python twin of examples-crates/say-after-tasks/src/main.rs, after "A
Guide to Python asyncio" (Medium), "Coroutines and Tasks". The article
kept only the printed run of this program: its whole listing was lost.
This twin restores it from that run: main() wraps say_after(1, "Hello!")
and say_after(2, "Hi!") in tasks with asyncio.create_task, says that each
is scheduled, and then awaits both, each line stamped with the time of
day.
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
    task1 = asyncio.create_task(say_after(1, "Hello!"))
    print(f'{now()} "Hello!" scheduled for execution')
    task2 = asyncio.create_task(say_after(2, "Hi!"))
    print(f'{now()} "Hi!" scheduled for execution')
    await task1
    await task2
    print(f"{now()} Done.")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(main())
