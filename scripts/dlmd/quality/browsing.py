"""A local Chromium through Playwright, and the palettes and widths every page is seen in."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The one place that decides which Chromium to drive (CHROMIUM, Debian's, Playwright's own);
# scripts/setup.sh and scripts/test.sh run it too.
FIND_CHROMIUM = Path(__file__).with_name("find_chromium.sh")
# Without these, chromium reaches out to Google's hosts at start-up (refused on a closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class View:
    """How a reader sees the site: a palette (light or dark) at a width (desktop or phone)."""

    palette: str  # "light" or "dark": the site follows the system preference by default
    width: str  # "desktop" or "phone"

    @property
    def label(self) -> str:
        return f"{self.palette}-{self.width}"

    @property
    def scheme(self) -> str:
        """The Material color scheme the body must carry in this palette."""
        return "slate" if self.palette == "dark" else "default"

    def context_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"color_scheme": self.palette, "reduced_motion": "reduce"}
        if self.width == "phone":
            # A common phone: 390 CSS px wide, touch, 3x pixels.
            options.update(
                viewport={"width": 390, "height": 844},
                device_scale_factor=3,
                is_mobile=True,
                has_touch=True,
            )
        else:
            options.update(viewport={"width": 1280, "height": 800})
        return options


VIEWS = [View(p, w) for p in ("light", "dark") for w in ("desktop", "phone")]


def chromium_path(env: dict[str, str] | None = None) -> str:
    """The Chromium to drive: what find_chromium.sh beside this module finds (it honours CHROMIUM).

    Never installs one; raise FileNotFoundError with the script's one-line advice instead.
    """
    result = subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(FIND_CHROMIUM), "--find-only"],
        env=os.environ if env is None else env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise FileNotFoundError(result.stderr.strip() or f"{FIND_CHROMIUM} failed")
    return result.stdout.strip()


@contextmanager
def chromium(headless: bool = True) -> Iterator[Any]:
    """Launch the local Chromium that chromium_path() names."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=headless
        )
        try:
            yield browser
        finally:
            browser.close()


def wait_until_ready(page: Any) -> None:
    """Wait until Material has set up the page (palette, copy buttons, tooltips)."""
    page.wait_for_load_state("load")
    # Material's bundle swaps the `no-js` class for `js` and adds copy buttons on start.
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.evaluate("document.fonts.ready.then(() => true)")
    settle(page)


def settle(page: Any) -> None:
    """Let scripts that run on the next animation frames (ours in overrides/main.html) finish."""
    page.evaluate(
        "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
    )
