#!/usr/bin/env python3
"""threads-vs-tasks.py: N sleeping tasks are cheap; N threads are not.

The Python twin of examples-crates/threads-vs-tasks/src/main.rs, after Real
Python's "Async IO in Python: A Complete Walkthrough", "When and Why Is
Async IO the Right Choice?": "Creating thousands of threads will fail on
many machines. Creating thousands of async IO tasks is completely
feasible." The walkthrough states it without a program; this one starts N
tasks that sleep a second, then N threads that do, and prints how many of
each finished, their time and peak memory (Linux's VmHWM, reset in between
through /proc/self/clear_refs; "n/a" elsewhere).
"""

import argparse
import asyncio
import threading
import time


# step: memory
def reset_peak_memory():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_memory():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return f"{int(line.split()[1]) / 1024:.1f} MiB"
    except OSError:
        pass
    return "n/a"


def print_row(side, n, elapsed, peak):
    print(f"{side:<8} {n:>10} {f'{elapsed:0.2f} s':>11} {peak:>13}")


# step: tasks
async def tasks(n):
    sleepers = [asyncio.create_task(asyncio.sleep(1)) for _ in range(n)]
    finished = 0
    for sleeper in sleepers:
        await sleeper
        finished += 1
    return finished


# step: threads
def sleeper(gate):
    gate.wait()
    time.sleep(1)


def threads(n):
    # Every thread waits at the gate until all have started, as the tasks
    # wait for the loop until all are created: so all n sleep at once.
    gate = threading.Event()
    started = []
    for i in range(1, n + 1):
        thread = threading.Thread(target=sleeper, args=(gate,))
        try:
            thread.start()
        except RuntimeError as e:  # "can't start new thread"
            print(f"threads: the system refused thread {i} of {n}: {e}")
            break
        started.append(thread)
    gate.set()
    for thread in started:
        thread.join()
    return len(started)


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10_000)
    n = parser.parse_args().n
    print(f"{'side':<8} {'n':>10} {'time':>11} {'peak memory':>13}")
    reset_peak_memory()
    s = time.perf_counter()
    finished = asyncio.run(tasks(n))
    print_row("tasks", finished, time.perf_counter() - s, peak_memory())
    known = reset_peak_memory()
    s = time.perf_counter()
    finished = threads(n)
    elapsed = time.perf_counter() - s
    print_row("threads", finished, elapsed, peak_memory() if known else "n/a")
