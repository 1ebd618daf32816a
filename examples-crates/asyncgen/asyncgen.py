#!/usr/bin/env python3
"""asyncgen.py: an async generator, collected whole and filtered, in 2 s.

The Python twin of examples-crates/asyncgen/src/main.rs, after the
program in "async for and list comprehensions" of Real Python's "Async IO
in Python: A Complete Walkthrough". The article runs main() in a REPL and
lost the asyncio.run(main()) call (`g, f =` is all that is left of it);
it is restored here, and the lists and the time are printed.
"""

import argparse
import asyncio
import time


# step: mygen
async def mygen(u: int = 10):
    """Yield powers of 2."""
    i = 0
    while i < u:
        yield 2**i
        i += 1
        await asyncio.sleep(0.1)


# step: main
async def main():
    # This does *not* introduce concurrent execution
    # It is meant to show syntax only
    g = [i async for i in mygen()]
    f = [j async for j in mygen() if not (j // 3 % 5)]
    return g, f


# step: run
if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    s = time.perf_counter()
    g, f = asyncio.run(main())
    print(f"g = {g}")
    print(f"f = {f}")
    elapsed = time.perf_counter() - s
    print(f"asyncgen executed in {elapsed:0.2f} seconds.")
