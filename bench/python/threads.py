#!/usr/bin/env python3
"""N OS threads that each sleep one second, all alive at once, joined.

The Python side of `tasks-bench threads N`: the other half of the claim
of Real Python's "Async IO in Python: A Complete Walkthrough" ("When and
Why Is Async IO the Right Choice?"), that creating thousands of threads
will fail on many machines.
"""

import argparse
import threading
import time

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="threads")
    ns = parser.parse_args()
    if not 0 <= ns.n <= 100_000:
        parser.error("-n must be between 0 and 100000")
    s = time.perf_counter()
    # Each thread waits at the barrier until every one has started and
    # this thread has joined it too, then sleeps, so all N are alive at
    # once (without it the first would end before the last start), as
    # behind the Rust side's gate.
    barrier = threading.Barrier(ns.n + 1)

    def sleeper():
        barrier.wait()
        time.sleep(1)

    # The default stack size, as the Rust side keeps its default: what is
    # measured is the memory the threads touch, not what they reserve.
    threads = [threading.Thread(target=sleeper) for _ in range(ns.n)]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - s
    print(f"{ns.n} threads finished in {elapsed:0.2f} seconds.")
