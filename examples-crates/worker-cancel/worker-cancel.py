#!/usr/bin/env python3
"""worker-cancel.py: a worker that ticks every second, cancelled at 3.5 s.

The Python twin of examples-crates/worker-cancel/src/main.rs, after "A
Guide to Python asyncio" (Medium), "Coroutines and Tasks". The article
kept only the printed run of this program: its whole listing was lost.
This twin restores it from that run: worker() says it is starting, then
sleeps a second and prints a message, forever; main() runs it as a task,
sleeps 3.5 s, cancels the task and reports the CancelledError it gets
from awaiting it. The worker's `finally:` block is ours: it shows that
cleanup code runs when a task is cancelled.
"""

import argparse
import asyncio
from datetime import datetime


# step: now
def now():
    return datetime.now().strftime("%H:%M:%S.%f")


# step: worker
async def worker():
    print(f"{now()} Starting worker...")
    try:
        while True:
            await asyncio.sleep(1)
            print(f"{now()} Message from worker")
    finally:
        print(f"{now()} Worker cleaning up")


# step: main
async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(3.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"{now()} The task has been canceled")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(main())
