#!/usr/bin/env python3
"""The walkthrough's producer/consumer queue without its sleeps, in trio.

The trio peer of `asyncq-bench` and bench/python/asyncq.py:

    python -I trio_asyncq.py -p 5 -c 10 --items 1000 [--maxsize 1024]

trio has no Queue; its idiom is a memory channel, unbounded (math.inf)
unless --maxsize is given. Each producer sends exactly N items through
its own clone of the send side and closes it; each consumer receives
through its clone of the receive side until every send side is closed
and the channel is drained. Every item carries a serial number, and at
the end the program checks that each was consumed exactly once.
"""

import argparse
import math
import random
import time

import trio


async def makeitem(size: int = 5) -> str:
    # User-space random bytes, as the asyncio program draws them.
    return random.randbytes(size).hex()


async def produce(name, send, nitems):
    async with send:
        first = name * nitems
        for serial in range(first, first + nitems):
            i = await makeitem()
            t = time.perf_counter()
            await send.send((i, t, serial))


async def consume(receive, seen):
    async with receive:
        async for i, t, serial in receive:
            # The article's consumer times each item's wait; only the
            # print is left out, as on the other sides.
            now = time.perf_counter()
            seen[serial] += 1


async def main(nprod, ncon, nitems, maxsize):
    send, receive = trio.open_memory_channel(maxsize or math.inf)
    seen = [0] * (nprod * nitems)
    async with trio.open_nursery() as nursery:
        async with send, receive:
            for n in range(nprod):
                nursery.start_soon(produce, n, send.clone(), nitems)
            for _ in range(ncon):
                nursery.start_soon(consume, receive.clone(), seen)
    return seen


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--nprod", type=int, default=5)
    parser.add_argument("-c", "--ncon", type=int, default=10)
    parser.add_argument("--items", type=int, default=100_000,
                        help="items each producer sends")
    parser.add_argument("--maxsize", type=int, default=0,
                        help="the channel's buffer (0: unbounded)")
    ns = parser.parse_args()
    if not (1 <= ns.nprod <= 10_000 and 1 <= ns.ncon <= 1_000_000
            and 0 <= ns.items and ns.nprod * ns.items <= 100_000_000
            and 0 <= ns.maxsize):
        parser.error("need 1-10000 producers, 1-1000000 consumers and "
                     "at most 100000000 items in all")
    start = time.perf_counter()
    seen = trio.run(main, ns.nprod, ns.ncon, ns.items, ns.maxsize)
    elapsed = time.perf_counter() - start
    if any(c != 1 for c in seen):
        lost = seen.count(0)
        twice = len(seen) - lost - seen.count(1)
        raise SystemExit(f"error: {lost} items lost, {twice} taken twice")
    rate = len(seen) / elapsed
    print(f"Consumed {len(seen)} items, each exactly once, "
          f"at {rate:.0f} items per second.")
    print(f"Program completed in {elapsed:0.5f} seconds.")
