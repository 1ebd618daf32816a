#!/usr/bin/env python3
"""lazy.py: a coroutine does nothing until awaited; a task starts at once.

The Python twin of examples-crates/lazy/src/main.rs, after the point in
the walkthrough's "The Event Loop and asyncio.run()" that a coroutine
called in isolation has little effect. The article shows main() and
`routine = main()` in a REPL; its `asyncio.run(routine)` line was lost.
Printing the coroutine object (`<coroutine object main at 0x...>`) has
no Rust counterpart, so this twin says in words what was created, and
shows it by timing: lazy() works a second before it awaits the
coroutine, and eager() does the same with a task from create_task().
"""

import argparse
import asyncio
import time


# step: main
async def main():
    print("Hello ...")
    await asyncio.sleep(1)
    print("World!")


# step: work
async def other_work():
    await asyncio.sleep(1)


# step: lazy
async def lazy():
    s = time.perf_counter()
    routine = main()
    print("routine created; nothing has run yet.")
    print("Working 1 s, then awaiting routine:")
    await other_work()
    await routine
    elapsed = time.perf_counter() - s
    print(f"routine ran only when awaited: {elapsed:0.2f} seconds.")


# step: eager
async def eager():
    s = time.perf_counter()
    task = asyncio.create_task(main())
    print("task created; it starts at the next await.")
    print("Working 1 s, then awaiting task:")
    await other_work()
    await task
    elapsed = time.perf_counter() - s
    print(f"task ran while we worked: {elapsed:0.2f} seconds.")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(lazy())
    asyncio.run(eager())
