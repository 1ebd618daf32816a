#!/usr/bin/env python3
"""say-hello.py: Hello..., a one-second non-blocking sleep, ...World!

The Python twin of examples-crates/say-hello/src/main.rs, after the
"Basic Coroutine" program of "Asyncio in Python" (DEV Community). The
article's listing is complete; this twin only adds the argument parser,
so that it refuses what the Rust refuses.
"""

import argparse
import asyncio


# step: hello
async def say_hello():
    print("Hello...")
    await asyncio.sleep(1)  # suspends the coroutine, not the thread
    print("...World!")


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    asyncio.run(say_hello())
