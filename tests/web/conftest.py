"""Browser fixtures: one headless Debian Chromium per test module (Python Playwright, never
a downloaded browser), a fresh context per page, and every page checked for console errors.

Screenshots of the main states go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api")

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("FLOWSMITH_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@dataclass
class WebPage:
    """A page in its own browser context, with what its console said."""

    context: Any
    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Console errors matching ``pattern`` are expected (e.g. a 404 the page handles)."""
        self.allowed.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    def shot(self, name: str, *, full_page: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def open_page(browser: Any, server: Any) -> Iterator[Callable[..., WebPage]]:
    opened: list[WebPage] = []

    def factory(
        *,
        locale: str = "en-US",
        width: int = 1440,
        height: int = 1000,
        color_scheme: str = "light",
        path: str | None = "/",
        base_url: str | None = None,
        mobile: bool = False,
        init_script: str | None = None,
    ) -> WebPage:
        url = base_url or server.url
        context = browser.new_context(
            locale=locale,
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        web = WebPage(context, page, url)

        def on_console(message: Any) -> None:
            if message.type == "error":
                where = message.location.get("url", "") if message.location else ""
                web.errors.append(f"{message.text} @ {where}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: web.errors.append(f"pageerror: {error}"))
        opened.append(web)
        if path is not None:
            page.goto(url + path)
            page.wait_for_selector("html[data-ready=true]", state="attached")
        return web

    yield factory
    problems = {}
    for web in opened:
        unexpected = web.unexpected_errors()
        if unexpected:
            problems[web.page.url] = unexpected
        web.context.close()
    assert not problems, f"console errors: {problems}"
