#!/usr/bin/env python3
"""rules.py: the rules of async and await, as Python's compiler applies them.

The Python twin of examples-crates/rules/src/main.rs, after the four
examples in the walkthrough's section "The Rules of Async IO". Two of them
are SyntaxErrors, which would stop this file from loading at all, so each
is kept as source text and handed to compile(), as Python does with a
module when it imports it. For each, the program prints whether compile()
accepts it and, if so, what kind of function it defines (read from the
compiled code's flags), or the SyntaxError's message. The article leaves
z() and gen() undefined; compiling needs neither.
"""

import argparse
import inspect


# step: f
F = """\
async def f(x):
    y = await z(x)  # suspends f until z(x) has a result
    return y
"""

# step: g
G = """\
async def g(x):
    yield x  # a yield makes this an async generator
"""

# step: m
M = """\
async def m(x):
    yield from gen(x)  # not allowed in an async def
"""

# step: sync
SYNC_M = """\
def m(x):
    y = await z(x)  # not allowed outside an async def
    return y
"""


# step: verdict
def verdict(source):
    """What compile() says of `source`, in the words main.rs prints."""
    try:
        module = compile(source, "<rules>", "exec")
    except SyntaxError as err:
        return f"SyntaxError: {err.msg}"
    function = next(c for c in module.co_consts if inspect.iscode(c))
    if function.co_flags & inspect.CO_ASYNC_GENERATOR:
        return "compiles, an async generator function"
    if function.co_flags & inspect.CO_COROUTINE:
        return "compiles, a coroutine function"
    return "compiles, a plain function"


# step: run
RULES = [
    ("async def f(x): await and return", F),
    ("async def g(x): yield", G),
    ("async def m(x): yield from", M),
    ("def m(x): await", SYNC_M),
]

if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__).parse_args()
    for title, source in RULES:
        print(f"{title}: {verdict(source)}")
