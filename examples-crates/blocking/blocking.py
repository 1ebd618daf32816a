#!/usr/bin/env python3
"""blocking.py: a blocking call in a coroutine stops every coroutine.

The Python twin of examples-crates/blocking/src/main.rs, after Real
Python's "Async IO in Python: A Complete Walkthrough", "When and Why Is
Async IO the Right Choice?" ("Coroutines that contain synchronous calls
block other coroutines and tasks from running") and its earlier warning
that "time.sleep() or any other blocking call is incompatible with
asynchronous Python code". The walkthrough says so in words; the three
gathered variants that show it are restored here.
"""

import argparse
import asyncio
import time


# step: jobs
async def blocking_job():
    time.sleep(1)


async def async_job():
    await asyncio.sleep(1)


# step: report
def report(what, s):
    elapsed = time.perf_counter() - s
    print(f"{what:<34} {elapsed:0.2f} seconds.")


# step: main
async def main():
    s = time.perf_counter()
    await asyncio.gather(blocking_job(), blocking_job(), blocking_job())
    report("Blocking sleeps in coroutines:", s)

    s = time.perf_counter()
    await asyncio.gather(async_job(), async_job(), async_job())
    report("Async sleeps:", s)

    loop = asyncio.get_running_loop()
    s = time.perf_counter()
    await asyncio.gather(
        loop.run_in_executor(None, time.sleep, 1),
        loop.run_in_executor(None, time.sleep, 1),
        loop.run_in_executor(None, time.sleep, 1),
    )
    report("Blocking sleeps on worker threads:", s)


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(main())
