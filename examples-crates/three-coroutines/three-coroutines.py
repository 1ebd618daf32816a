#!/usr/bin/env python3
"""three-coroutines.py: tasks of 4, 2 and 3 s gathered take 4 s, not 9 s.

The Python twin of examples-crates/three-coroutines/src/main.rs, after
"An Introduction to Python Async IO", "Running Tasks Concurrently". The
article's listing lost the three asyncio.create_task(...) lines inside
`tasks = [...]` (one per coroutine, 1, 2, 3 in order), the
datetime.now().strftime(...) calls inside its f-strings and the
asyncio.run(main()) line under "# run main function"; this twin restores
them.
"""

import argparse
import asyncio
from datetime import datetime


# step: now
def now():
    return datetime.now().strftime("%H:%M:%S")


# step: coroutine1
async def coroutine1():
    print(f"{now()} -> Coroutine 1 Started...")
    await asyncio.sleep(4)
    print(f"{now()} -> Coroutine 1 Completed...")


# step: coroutine2
async def coroutine2():
    print(f"{now()} -> Coroutine 2 Started...")
    await asyncio.sleep(2)
    print(f"{now()} -> Coroutine 2 Completed...")


# step: coroutine3
async def coroutine3():
    print(f"{now()} -> Coroutine 3 Started...")
    await asyncio.sleep(3)
    print(f"{now()} -> Coroutine 3 Completed...")


# step: main
async def main():
    # Wrap coroutines into Tasks
    tasks = [
        asyncio.create_task(coroutine1()),
        asyncio.create_task(coroutine2()),
        asyncio.create_task(coroutine3()),
    ]
    # Wait for all tasks to complete
    await asyncio.gather(*tasks)


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    print(f"Program Started -> {now()}")
    # run main function
    asyncio.run(main())
    print(f"Program Completed -> {now()}")
