"""The browser tests' Chromium (Debian's, driven by Playwright) and a page opener, for the HTML report and the trend page.

Chromium is started once per session by this set-up. Without Chromium or Playwright
the browser tests skip, saying which is missing, except under CI (``CI=true``), where
that is a failure: ``make test`` installs both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("COPYDESK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing under CI (make test installs it)")
    pytest.skip(f"{what} is not installed (make test installs it when run as root)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium context (1280x900) for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _missing(CHROMIUM)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1280, "height": 900}
        )
        yield context
        context.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Path], Any]]:
    """Open a page (``ready``: what marks it loaded); ``page.events`` lists console output, page errors, dialogs and any request but the file's."""
    pages: list[Any] = []

    def opener(report: Path, ready: str = "body[data-ready='1']") -> Any:
        page = browser.new_page()
        page.events = []
        page.on("console", lambda m: page.events.append(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: page.events.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (page.events.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: page.events.append(f"request: {r.url}") if r.url != report.as_uri() else None)
        page.goto(report.as_uri(), timeout=120_000)
        page.wait_for_selector(ready, timeout=120_000)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
