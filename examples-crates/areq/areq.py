#!/usr/bin/env python3
"""areq.py: crawl pages concurrently and write the links they hold.

The Python twin of examples-crates/areq/src/main.rs, after the program
areq.py of Real Python's "Async IO in Python: A Complete Walkthrough",
with the asyncio.Semaphore that the notes on the walkthrough add in
"Limit concurrency". The walkthrough reads urls.txt beside the script and
writes foundurls.txt there; this twin takes --urls and --out (and the
walkthrough's URLs when no --urls is given), --limit for the semaphore,
and --timeout-ms and --max-bytes as the Rust does, and prints a summary
line. It keeps the links of a page in the order they first appear (a
dict, where the walkthrough's set has no order), so that both programs
write a page's lines alike. When no page at all could be fetched it ends
with status 1 and says so, as the Rust does, where the walkthrough reports
"wrote 0 links".

The notes write with aiofiles; this twin writes with plain open(), to
need nothing beyond aiohttp. aiofiles only moves each write to a thread:
for a few short lines that hop costs more than the write, and with no
await between the lines a page's lines stay together, as the Rust's lock
keeps them. Needs aiohttp (pip install aiohttp).
"""

import argparse
import asyncio
import logging
import re
import sys
import urllib.error
import urllib.parse

import aiohttp
from aiohttp import ClientSession

# The urls.txt of the walkthrough.
WALKTHROUGH_URLS = [
    "https://regex101.com/",
    "https://docs.python.org/3/this-url-will-404.html",
    "https://www.nytimes.com/guides/",
    "https://www.mediamatters.org/",
    "https://1.1.1.1/",
    "https://www.politico.com/tipsheets/morning-money",
    "https://www.bloomberg.com/markets/economics",
    "https://www.ietf.org/rfc/rfc2616.txt",
]

# step: log
# The walkthrough logs at DEBUG, which also shows asyncio's own debug
# lines; INFO shows exactly the program's steps.
logging.basicConfig(
    format="%(asctime)s %(levelname)s:%(name)s: %(message)s",
    level=logging.INFO,
    datefmt="%H:%M:%S",
    stream=sys.stderr,
)
logger = logging.getLogger("areq")

HREF_RE = re.compile(r'href="(.*?)"')


def why(e):
    """A one-line reason, worded as the Rust words it where it can."""
    if isinstance(e, aiohttp.ClientResponseError):
        return f"HTTP status {e.status} {e.message}"
    if isinstance(e, asyncio.TimeoutError):
        return "timed out"
    return str(e) or type(e).__name__


# step: fetch_html
async def fetch_html(url, session, sem, max_bytes):
    """GET request wrapper to fetch page HTML."""
    async with sem:
        async with session.request(method="GET", url=url) as resp:
            resp.raise_for_status()
            logger.info("Got response [%s] for URL: %s", resp.status, url)
            html = b""
            async for piece in resp.content.iter_any():
                html += piece
                if len(html) > max_bytes:
                    raise ValueError(f"body larger than {max_bytes} bytes")
            return html.decode("utf-8", errors="replace")


# step: parse
async def parse(url, session, **kwargs):
    """Find HREFs in the HTML of `url`."""
    found = {}
    try:
        html = await fetch_html(url=url, session=session, **kwargs)
    except Exception as e:
        logger.error("Failed [%s] for %s", why(e), url)
        return None
    for link in HREF_RE.findall(html):
        try:
            abslink = urllib.parse.urljoin(url, link)
        except (urllib.error.URLError, ValueError) as e:
            logger.error("Error parsing URL: %s (%s)", link, e)
        else:
            found[abslink] = None
    logger.info("Found %d links for %s", len(found), url)
    return list(found)


# step: write_one
async def write_one(file, url, **kwargs):
    """Write the found HREFs from `url` to `file`."""
    res = await parse(url=url, **kwargs)
    if res is None:
        return None  # the page failed
    if not res:
        return 0
    with open(file, "a") as f:
        for p in res:
            f.write(f"{url}\t{p}\n")
    logger.info("Wrote results for source URL: %s", url)
    return len(res)


# step: bulk
async def bulk_crawl_and_write(file, urls, limit, timeout_ms, max_bytes):
    """Crawl & write concurrently to `file` for multiple `urls`."""
    sem = asyncio.Semaphore(limit)
    timeout = aiohttp.ClientTimeout(total=timeout_ms / 1000)
    async with ClientSession(timeout=timeout) as session:
        tasks = []
        for url in urls:
            tasks.append(
                write_one(
                    file=file, url=url, session=session, sem=sem,
                    max_bytes=max_bytes,
                )
            )
        counts = await asyncio.gather(*tasks)
    pages = [n for n in counts if n is not None]
    return sum(pages) if pages else None


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="areq")
    parser.add_argument("--urls", metavar="FILE")
    parser.add_argument("--out", metavar="FILE", default="foundurls.txt")
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--timeout-ms", type=int, default=10_000)
    parser.add_argument("--max-bytes", type=int, default=10 << 20)
    args = parser.parse_args()

    if args.urls:
        with open(args.urls) as infile:
            lines = (line.strip() for line in infile)
            # Each once, in order: the walkthrough's set() has no order.
            urls = list(
                dict.fromkeys(u for u in lines if u and not u.startswith("#"))
            )
    else:
        urls = WALKTHROUGH_URLS

    with open(args.out, "w") as outfile:
        outfile.write("source_url\tparsed_url\n")

    links = asyncio.run(
        bulk_crawl_and_write(
            args.out, urls, args.limit, args.timeout_ms, args.max_bytes
        )
    )
    if links is None:
        sys.exit("areq: no page could be fetched")
    print(f"Crawled {len(urls)} URLs; wrote {links} links.")
