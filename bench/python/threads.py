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
    # The gate: this thread holds the lock while it starts the others, and
    # each thread passes through it (takes it and lets it go) before it
    # sleeps, so all N are alive at once; without it the first would end
    # before the last started. It is the Rust side's gate. A Barrier does
    # the same job, but its notify_all wakes all N at once into a fight for
    # the GIL and the barrier's lock that took 160 s of a 2-core machine;
    # the gate lets them through one at a time.
    gate = threading.Lock()
    gate.acquire()

    def sleeper():
        with gate:
            pass
        time.sleep(1)

    # The default stack size: the Rust side asks for 64 KiB stacks, but
    # a thread's stack costs the memory it touches, not what it reserves,
    # and the peak memory measured is what is touched.
    threads = [threading.Thread(target=sleeper) for _ in range(ns.n)]
    for t in threads:
        t.start()
    gate.release()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - s
    print(f"{ns.n} threads finished in {elapsed:0.2f} seconds.")
