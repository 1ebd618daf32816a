#!/usr/bin/env python3
"""chess.py: Judit Polgar's exhibition, one game at a time and all at once.

The Python twin of examples-crates/chess/src/main.rs, after Real Python's
"Async IO in Python: A Complete Walkthrough", "Basic concepts", which tells
the story in words and shows no code: the whole program is restored here.
Judit is one person, so an asyncio.Lock stands for her: a board has her
only while no other board does.

The exhibition lasts thirteen hours, so run it on a virtual clock, or play
it in real time with every move scaled down: --real-time --scale 0.001.
"""

import argparse
import asyncio
import time


# step: scaled
def scaled(args, secs):
    return secs * (args.scale or 1.0)


# step: game
async def game(judit, args):
    moves = 0
    for _ in range(args.pairs):
        async with judit:
            await asyncio.sleep(scaled(args, args.judit_secs))
        await asyncio.sleep(scaled(args, args.opponent_secs))
        moves += 2
    return moves


# step: hms
def hms(seconds, args):
    # Rounded half away from zero, as Rust's f64::round, not to even.
    s = int(seconds / (args.scale or 1.0) + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02}:{s % 60:02}"


# step: main
async def main(args):
    s = time.perf_counter()
    judit = asyncio.Lock()
    moves = 0
    for _ in range(args.opponents):
        moves += await game(judit, args)
    total = hms(time.perf_counter() - s, args)
    print(f"Synchronous exhibition, one game at a time: {total} "
          f"({moves} moves).")

    s = time.perf_counter()
    judit = asyncio.Lock()
    boards = [game(judit, args) for _ in range(args.opponents)]
    moves = sum(await asyncio.gather(*boards))
    total = hms(time.perf_counter() - s, args)
    print(f"Asynchronous exhibition, one move per board: {total} "
          f"({moves} moves).")
    hers = hms(scaled(args, args.judit_secs * moves // 2), args)
    print(f"Judit's own moves, which cannot overlap: {hers}.")


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--opponents", type=int, default=24)
    parser.add_argument("--judit-secs", type=int, default=5)
    parser.add_argument("--opponent-secs", type=int, default=55)
    parser.add_argument("--pairs", type=int, default=30)
    parser.add_argument("--real-time", action="store_true")
    parser.add_argument("--scale", type=float)
    args = parser.parse_args()
    if args.scale is not None and not args.real_time:
        parser.error("--scale needs --real-time")
    if args.real_time and args.scale is None:
        args.scale = 0.001
    if not 0.0001 <= (args.scale or 1.0) <= 1:
        parser.error("--scale must be in 0.0001..=1")
    asyncio.run(main(args))
