#!/usr/bin/env python3
"""downloader.py: download several files at once, streaming each to disk.

The Python twin of examples-crates/downloader/src/main.rs, after
"Asynchronous Downloader" in "A Guide to Python asyncio" (Medium), which
downloads the Python 3.8.4, 3.8.5 and 3.8.6 documentation archives with
aiohttp. The article's listing was lost in our copy; this twin restores
the program its text describes: one session, every download gathered at
once, each body written piece by piece. It takes the URLs on the command
line (the article's three when none is given) and --out-dir, --timeout-ms
and --max-bytes as the Rust does, and like the Rust it writes each file
to a temporary file beside it first (tempfile's, as the Rust uses the
tempfile crate), renaming it only when complete, so that a failed or
interrupted download leaves nothing behind. Needs aiohttp.
"""

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
import urllib.parse

import aiohttp

ARTICLE_URLS = [
    f"https://www.python.org/ftp/python/doc/{v}/python-{v}-docs-html.zip"
    for v in ("3.8.4", "3.8.5", "3.8.6")
]

PLAIN_NAME = re.compile(r"[A-Za-z0-9._+~%-]{1,200}")


def file_name_for(url):
    """The last segment of the URL's path, if it is a plain name."""
    name = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]
    if not PLAIN_NAME.fullmatch(name) or name.startswith("."):
        raise ValueError(f"cannot name a file from {url} ({name!r})")
    return name


def why(e):
    """A one-line reason, worded as the Rust words it where it can."""
    if isinstance(e, aiohttp.ClientResponseError):
        return f"HTTP status {e.status} {e.message}"
    if isinstance(e, asyncio.TimeoutError):
        return "timed out"
    return str(e) or type(e).__name__


# step: download
async def download(session, url, path, max_bytes):
    async with session.get(url) as resp:
        resp.raise_for_status()
        expected = resp.content_length
        if expected is not None and expected > max_bytes:
            raise ValueError(f"{expected} bytes is over --max-bytes {max_bytes}")
        written = 0
        # A new file with a random name, created exclusively, beside the
        # target: the Rust's `NamedTempFile::new_in(dir)`.
        f = tempfile.NamedTemporaryFile(dir=os.path.dirname(path), delete=False)
        with f:
            try:
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    written += len(chunk)
                    if written > max_bytes:
                        raise ValueError(f"more than --max-bytes {max_bytes}")
                    f.write(chunk)
                if expected is not None and written != expected:
                    raise ValueError(f"got {written} of {expected} bytes")
                f.flush()
                os.fsync(f.fileno())
            except BaseException:
                # A failure, or the task cancelled by Ctrl-C.
                os.remove(f.name)
                raise
        os.replace(f.name, path)
        return written


# step: main
async def main(urls, names, out_dir, timeout_ms, max_bytes):
    s = time.perf_counter()
    seconds = timeout_ms / 1000
    timeout = aiohttp.ClientTimeout(sock_connect=seconds, sock_read=seconds)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        downloads = []
        for url, name in zip(urls, names):
            print(f"Downloading {url}", file=sys.stderr)
            path = os.path.join(out_dir, name)
            downloads.append(download(session, url, path, max_bytes))
        results = await asyncio.gather(*downloads, return_exceptions=True)
    total = saved = 0
    for name, result in zip(names, results):
        if isinstance(result, Exception):
            print(f"{name}: failed: {why(result)}")
        else:
            print(f"{name}: {result} bytes")
            total += result
            saved += 1
    elapsed = time.perf_counter() - s
    print(f"Downloaded {saved} files ({total} bytes) in {elapsed:0.2f} seconds.")
    return len(urls) - saved


# step: run
if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="downloader")
    parser.add_argument("urls", nargs="*", metavar="URL")
    parser.add_argument("--out-dir", default=".")
    parser.add_argument("--timeout-ms", type=int, default=30_000)
    parser.add_argument("--max-bytes", type=int, default=1 << 30)
    args = parser.parse_args()
    if not os.path.isdir(args.out_dir):
        parser.error(f"{args.out_dir!r} is not a folder")
    urls = args.urls or ARTICLE_URLS
    try:
        names = [file_name_for(url) for url in urls]
    except ValueError as e:
        parser.error(str(e))
    if len(set(names)) < len(names):
        parser.error("two URLs would both be saved under one name")
    failed = asyncio.run(
        main(urls, names, args.out_dir, args.timeout_ms, args.max_bytes)
    )
    if failed:
        sys.exit(f"downloader: {failed} of {len(urls)} downloads failed")
