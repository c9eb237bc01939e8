"""Debian's Chromium driven by Playwright, shared by the browser and reader suites.

`watch(context)` records everything a reader should never meet on a page: a console
error, an uncaught exception, a failed request, an HTTP error status, and any request
that leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium():
    """Skip (fail under CI=true) when Debian's Chromium is not installed."""
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is missing: `apt-get install -y chromium` to run the browser tests"
    if os.environ.get("CI"):
        pytest.fail(reason, pytrace=False)
    print(f"\nWARNING: {reason}; skipping them.", file=sys.__stderr__)
    warnings.warn(reason, stacklevel=2)
    pytest.skip(reason)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def watch(ctx, allow_status: frozenset[str] = frozenset()) -> list[str]:
    """Attach listeners to a context; returns the list they append problems to.

    `allow_status` holds URLs whose HTTP error status is expected (a deliberate 404).
    """
    problems: list[str] = []

    def on_request(r):
        url = urlsplit(r.url)
        if url.scheme in ("data", "blob") or url.hostname == "127.0.0.1":
            return
        problems.append(f"request to another host: {r.url}")

    def on_response(r):
        if r.status >= 400 and r.url not in allow_status:
            problems.append(f"HTTP {r.status}: {r.url}")

    def on_failed(r):
        # Other hosts are reported by on_request; ERR_ABORTED is a request the page gave up
        # on when it navigated away (the next page was asked for), not one that failed.
        if urlsplit(r.url).hostname == "127.0.0.1" and r.failure != "net::ERR_ABORTED":
            problems.append(f"request failed ({r.failure}): {r.url}")

    def on_console(m):
        expected = m.location.get("url") in allow_status and m.text.startswith("Failed to load resource")
        if m.type == "error" and not expected:
            problems.append(f"console error: {m.text} {m.location}")

    ctx.on("request", on_request)
    ctx.on("response", on_response)
    ctx.on("requestfailed", on_failed)
    ctx.on("console", on_console)
    ctx.on("weberror", lambda e: problems.append(f"uncaught: {e.error}"))
    return problems
