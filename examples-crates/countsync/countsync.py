#!/usr/bin/env python3
"""countsync.py: three blocking one-second sleeps take three seconds.

The Python twin of examples-crates/countsync/src/main.rs, after the
walkthrough's countsync.py, the synchronous contrast to countasync.py. The
article's listing lost the bodies of count() and main() and the call of
main(); they are restored here.
"""

import time


# step: count
def count():
    print("One")
    time.sleep(1)
    print("Two")


# step: main
def main():
    for _ in range(3):
        count()


# step: run
if __name__ == "__main__":
    s = time.perf_counter()
    main()
    elapsed = time.perf_counter() - s
    # The article prints f"{__file__} executed ..."; both twins print the
    # program's bare name.
    print(f"countsync executed in {elapsed:0.2f} seconds.")
