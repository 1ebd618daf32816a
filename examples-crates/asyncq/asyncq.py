#!/usr/bin/env python3
"""asyncq.py: producers and consumers that meet only through a queue.

The Python twin of examples-crates/asyncq/src/main.rs, after the
walkthrough's asyncq.py ("Using a Queue"). The article's listing lost
q.task_done() in consume(), the loop body that cancels the consumers and
the asyncio.run(main(**ns.__dict__)) call; they are restored here. Its
listing draws randint(0, 10), but its printed run was made with
randint(1, 5) and random.seed(444), as here (--seed changes the seed).
"""

import argparse
import asyncio
import itertools
import os
import random
import time


# step: makeitem
async def makeitem(size: int = 5) -> str:
    return os.urandom(size).hex()


# step: randsleep
async def randsleep(caller=None) -> None:
    i = random.randint(1, 5)
    if caller:
        print(f"{caller} sleeping for {i} seconds.")
    await asyncio.sleep(i)


# step: produce
async def produce(name: int, q: asyncio.Queue) -> None:
    n = random.randint(1, 5)
    for _ in itertools.repeat(None, n):  # Synchronous loop for each producer
        await randsleep(caller=f"Producer {name}")
        i = await makeitem()
        t = time.perf_counter()
        await q.put((i, t))
        print(f"Producer {name} added <{i}> to queue.")


# step: consume
async def consume(name: int, q: asyncio.Queue) -> None:
    while True:
        await randsleep(caller=f"Consumer {name}")
        i, t = await q.get()
        now = time.perf_counter()
        print(f"Consumer {name} got element <{i}>"
              f" in {now-t:0.5f} seconds.")
        q.task_done()


# step: main
async def main(nprod: int, ncon: int):
    q = asyncio.Queue()
    producers = [asyncio.create_task(produce(n, q)) for n in range(nprod)]
    consumers = [asyncio.create_task(consume(n, q)) for n in range(ncon)]
    await asyncio.gather(*producers)
    await q.join()  # Implicitly awaits consumers, too
    for c in consumers:
        c.cancel()


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-p", "--nprod", type=int, default=5)
    parser.add_argument("-c", "--ncon", type=int, default=10)
    parser.add_argument("--seed", type=int, default=444)
    ns = parser.parse_args()
    # Refused as the Rust refuses them: a negative count, and producers
    # with no consumer, whose items nobody would take (q.join() would
    # wait for ever).
    if ns.nprod < 0 or ns.ncon < 0:
        parser.error("-p and -c take a count, 0 or more")
    if ns.nprod > 0 and ns.ncon == 0:
        parser.error("producers need at least one consumer")
    random.seed(ns.seed)
    start = time.perf_counter()
    asyncio.run(main(ns.nprod, ns.ncon))
    elapsed = time.perf_counter() - start
    print(f"Program completed in {elapsed:0.5f} seconds.")
