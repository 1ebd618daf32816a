#!/usr/bin/env python3
"""hello-world.py: Hello, a four-second sleep in a coroutine, World.

The Python twin of examples-crates/hello-world/src/main.rs, after "An
Introduction to Python Async IO", "async/await and Coroutines". The
article's listing lost the datetime.now().strftime(...) calls inside its
f-strings and the asyncio.run(print_hello_world()) line between the two
prints of its main block; this twin restores them.
"""

import argparse
import asyncio
from datetime import datetime


# step: now
def now():
    return datetime.now().strftime("%H:%M:%S")


# step: hello
async def print_hello_world():
    print(f"{now()} -> Hello")
    await asyncio.sleep(4)
    print(f"{now()} -> World")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    print(f"Program Started -> {now()}")
    asyncio.run(print_hello_world())
    print(f"Program Completed -> {now()}")
