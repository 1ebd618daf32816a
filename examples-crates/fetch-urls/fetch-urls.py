#!/usr/bin/env python3
"""fetch-urls.py: fetch several URLs at once through one aiohttp session.

The Python twin of examples-crates/fetch-urls/src/main.rs, after
"Example: Fetching URLs" in "Asyncio in Python" (DEV Community). The
article's listing fetches three fixed URLs and lets the first failure end
the program; this twin takes the URLs on the command line (the article's
three when none is given), bounds each request with --timeout-ms and each
body with --max-bytes, and reports every failure in its place, as the
Rust does. Needs aiohttp (pip install aiohttp).
"""

import argparse
import asyncio
import sys

import aiohttp

ARTICLE_URLS = [
    "https://example.com",
    "https://httpbin.org/get",
    "https://python.org",
]


# step: fetch
async def fetch(session, url, max_bytes):
    async with session.get(url) as resp:
        # An error status is a failure, as in the Rust.
        resp.raise_for_status()
        # The article's `len(await resp.text())` counts characters; the
        # line says bytes, so the bytes are counted, read up to the cap.
        body = b""
        async for piece in resp.content.iter_any():
            body += piece
            if len(body) > max_bytes:
                raise ValueError(f"body larger than {max_bytes} bytes")
        return body


def why(e):
    """A one-line reason, worded as the Rust words it where it can."""
    if isinstance(e, aiohttp.ClientResponseError):
        return f"HTTP status {e.status} {e.message}"
    if isinstance(e, asyncio.TimeoutError):
        return "timed out"
    return str(e) or type(e).__name__


# step: main
async def main(urls, timeout_ms, max_bytes):
    timeout = aiohttp.ClientTimeout(total=timeout_ms / 1000)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        results = await asyncio.gather(
            *(fetch(session, u, max_bytes) for u in urls),
            return_exceptions=True,
        )
    failed = 0
    for url, result in zip(urls, results):
        if isinstance(result, Exception):
            failed += 1
            print(f"Failed  {url[:30]}... {why(result)}")
        else:
            print(f"Fetched {url[:30]}... {len(result)} bytes")
    return failed


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="fetch-urls")
    parser.add_argument("urls", nargs="*", metavar="URL")
    parser.add_argument("--timeout-ms", type=int, default=10_000)
    parser.add_argument("--max-bytes", type=int, default=10 << 20)
    args = parser.parse_args()
    urls = args.urls or ARTICLE_URLS
    failed = asyncio.run(main(urls, args.timeout_ms, args.max_bytes))
    if failed:
        sys.exit(f"fetch-urls: {failed} of {len(urls)} URLs failed")
