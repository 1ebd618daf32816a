#!/usr/bin/env python3
"""Runs one of bench/python's asyncio programs on uvloop's event loop.

    python -I with_uvloop.py tasks.py -n 10000
    python -I with_uvloop.py asyncq.py -p 5 -c 10 --items 1000

The program is the asyncio one, unchanged: uvloop's event loop policy is
installed first, so the program's asyncio.run runs on uvloop instead of
asyncio's own loop. That is how uvloop's documentation says to use it.
"""

import asyncio
import os
import runpy
import sys

import uvloop

PROGRAMS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "python")

if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(f"usage: {sys.argv[0]} PROGRAM.py [ARGS...]")
    script = os.path.join(PROGRAMS, os.path.basename(sys.argv[1]))
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    sys.argv = [script, *sys.argv[2:]]
    runpy.run_path(script, run_name="__main__")
