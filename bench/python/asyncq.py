#!/usr/bin/env python3
"""The walkthrough's producer/consumer queue, without the sleeps.

The Python side of `asyncq-bench -p 5 -c C --items N` (Real Python's
"Async IO in Python: A Complete Walkthrough", "Using a Queue"): each
producer puts exactly N items into one asyncio.Queue, the consumers take
them as they come and count each one, and when every item is processed
the consumers are cancelled, as in the article. It prints how many items
were consumed, checks that each was consumed exactly once, and the rate.

Named asyncq.py, not queue.py: a file called queue.py would shadow the
standard library's queue module whenever its folder is on sys.path.
"""

import argparse
import asyncio
import random
import time


async def makeitem(size: int = 5) -> str:
    # The article uses os.urandom, a system call per item; the Rust side
    # draws its bytes from a generator in user space (rand's SmallRng).
    # random.randbytes is Python's user-space counterpart: the same work,
    # without a system call the Rust side does not make.
    return random.randbytes(size).hex()


async def produce(name, q, nitems):
    # Each item carries a serial number no other item has, so that the
    # consumers can tell whether any item was lost or taken twice.
    first = name * nitems
    for serial in range(first, first + nitems):
        i = await makeitem()
        t = time.perf_counter()
        await q.put((i, t, serial))


async def consume(q, seen):
    while True:
        i, t, serial = await q.get()
        # The article's consumer times each item's wait; --quiet only
        # leaves out the print, on both sides.
        now = time.perf_counter()
        seen[serial] += 1
        q.task_done()


async def main(nprod, ncon, nitems, maxsize=0):
    q = asyncio.Queue(maxsize)
    seen = [0] * (nprod * nitems)
    producers = [
        asyncio.create_task(produce(n, q, nitems)) for n in range(nprod)
    ]
    consumers = [asyncio.create_task(consume(q, seen)) for _ in range(ncon)]
    await asyncio.gather(*producers)
    await q.join()  # Implicitly awaits consumers, too
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    return seen


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--nprod", type=int, default=5)
    parser.add_argument("-c", "--ncon", type=int, default=10)
    parser.add_argument("--items", type=int, default=100_000,
                        help="items each producer puts")
    parser.add_argument("--maxsize", type=int, default=0,
                        help="the queue's bound (0, the default: none)")
    ns = parser.parse_args()
    if not (1 <= ns.nprod <= 10_000 and 1 <= ns.ncon <= 1_000_000
            and 0 <= ns.items and ns.nprod * ns.items <= 100_000_000
            and 0 <= ns.maxsize):
        parser.error("need 1-10000 producers, 1-1000000 consumers and "
                     "at most 100000000 items in all")
    start = time.perf_counter()
    seen = asyncio.run(main(ns.nprod, ns.ncon, ns.items, ns.maxsize))
    elapsed = time.perf_counter() - start
    if any(c != 1 for c in seen):
        lost = seen.count(0)
        twice = len(seen) - lost - seen.count(1)
        raise SystemExit(f"error: {lost} items lost, {twice} taken twice")
    rate = len(seen) / elapsed
    print(f"Consumed {len(seen)} items, each exactly once, "
          f"at {rate:.0f} items per second.")
    print(f"Program completed in {elapsed:0.5f} seconds.")
