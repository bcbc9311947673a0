"""Privacy and offline: every request a page makes, with the network beyond loopback cut.

The browser context aborts any request that leaves the site's origin, as a reader offline
(or behind a strict firewall) would see it, and records every request and console error.
A page passes when it made no request elsewhere, every request to its own origin succeeded,
and the console shows no error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from dlmd.pageweight import is_foreign


def origin_of(url: str) -> str:
    """The origin of `url`: http://127.0.0.1:8000 for http://127.0.0.1:8000/project/faq/."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_origin(url: str, origin: str) -> bool:
    # The page-weight scanner's rule: inline data and in-page blobs never reach a network.
    return not is_foreign(url) or origin_of(url) == origin


@dataclass
class Traffic:
    """What one page load asked for and what went wrong."""

    requests: list[str] = field(default_factory=list)
    off_origin: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # same-origin requests that failed
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request leaves the site: {url}" for url in self.off_origin]
            + [f"request failed: {what}" for what in self.failed]
            + [f"console error: {text}" for text in self.console_errors]
        )


def cut_network(context: Any, origin: str) -> None:
    """Abort every request from `context` that is not to `origin` (the local server)."""

    def route(route: Any) -> None:
        if same_origin(route.request.url, origin):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", route)


class Recorder:
    """Attach to a page; `start()` before each navigation, read `traffic` after it."""

    def __init__(self, page: Any, origin: str) -> None:
        self.origin = origin
        self.traffic = Traffic()
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.traffic.console_errors.append(str(error)))

    def start(self) -> Traffic:
        self.traffic = Traffic()
        return self.traffic

    def _on_request(self, request: Any) -> None:
        self.traffic.requests.append(request.url)
        if not same_origin(request.url, self.origin):
            self.traffic.off_origin.append(request.url)

    def _on_failed(self, request: Any) -> None:
        if same_origin(request.url, self.origin):
            self.traffic.failed.append(f"{request.url} ({request.failure})")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400 and same_origin(response.url, self.origin):
            self.traffic.failed.append(f"{response.url} (HTTP {response.status})")

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.traffic.console_errors.append(f"{message.text} [{where}]")


def load_and_record(page: Any, recorder: Recorder, url: str) -> Traffic:
    """Open `url`, wait until the network is idle, and return what it did."""
    from dlmd.quality.browsing import wait_until_ready

    traffic = recorder.start()
    page.goto(url, wait_until="networkidle")
    wait_until_ready(page)
    return traffic
