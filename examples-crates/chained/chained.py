#!/usr/bin/env python3
"""chained.py: chains of coroutines, each awaiting the result of the last.

The Python twin of examples-crates/chained/src/main.rs, after the
walkthrough's chained.py ("Chaining Coroutines"). The article's listing
lost its asyncio.run(main(*args)) call; it is restored here. Its printed
run was made with the random generator seeded with 444, which --seed
makes the default.
"""

import argparse
import asyncio
import random
import time


# step: part1
async def part1(n: int) -> str:
    i = random.randint(0, 10)
    print(f"part1({n}) sleeping for {i} seconds.")
    await asyncio.sleep(i)
    result = f"result{n}-1"
    print(f"Returning part1({n}) == {result}.")
    return result


# step: part2
async def part2(n: int, arg: str) -> str:
    i = random.randint(0, 10)
    print(f"part2{n, arg} sleeping for {i} seconds.")
    await asyncio.sleep(i)
    result = f"result{n}-2 derived from {arg}"
    print(f"Returning part2{n, arg} == {result}.")
    return result


# step: chain
async def chain(n: int) -> None:
    start = time.perf_counter()
    p1 = await part1(n)
    p2 = await part2(n, p1)
    end = time.perf_counter() - start
    print(f"-->Chained result{n} => {p2} (took {end:0.2f} seconds).")


# step: main
async def main(*args):
    await asyncio.gather(*(chain(n) for n in args))


# step: run
if __name__ == "__main__":
    # The article reads sys.argv by hand; argparse takes the same integers
    # (1 2 3 when none are given) and the seed.
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("args", nargs="*", type=int, default=[1, 2, 3])
    parser.add_argument("--seed", type=int, default=444)
    ns = parser.parse_args()
    random.seed(ns.seed)
    start = time.perf_counter()
    asyncio.run(main(*ns.args))
    end = time.perf_counter() - start
    print(f"Program finished in {end:0.2f} seconds.")
