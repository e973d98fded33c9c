"""End to end in headless Chromium: the rendered sample page, its note markers and view switch.

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe``
(file descriptors 3 and 4, NUL-terminated JSON), so no websocket client and no network
port is needed.  Screenshots go to ``tests/artifacts/`` (ignored by git).
"""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from tei.render import render

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = Path(__file__).resolve().parent / "data" / "sample.tei.xml"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--remote-debugging-pipe"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")]


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, profile: Path) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        shell = f'exec "$0" "$@" 3<&{cmd_r} 4>&{res_w} {cmd_r}<&- {res_w}>&-'
        self.proc = subprocess.Popen(["bash", "-c", shell, str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}"],
                                     pass_fds=(cmd_r, res_w), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(res_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._res_r], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._res_r, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, timeout: float = 15, **params: Any) -> dict[str, Any]:
        """Send one command (to the attached page when there is one) and return its result."""
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str, timeout: float = 15) -> dict[str, Any]:
        """Wait for an event (one already received counts)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    self.events.remove(event)
                    return event
            self.events.append(self._read(deadline))

    def js(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its value."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click on the centre of the element ``selector``."""
        x, y = self.hover(selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def hover(self, selector: str) -> tuple[float, float]:
        """Move the mouse over the element ``selector``; returns the point."""
        box = self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                      "e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                      "return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
        return box[0], box[1]

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def problems(self) -> list[dict[str, Any]]:
        """Console errors and warnings, uncaught exceptions and error log entries so far."""
        bad = []
        for e in self.events:
            params = e.get("params", {})
            if e.get("method") == "Runtime.exceptionThrown":
                bad.append(e)
            elif e.get("method") == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                bad.append(e)
            elif e.get("method") == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                bad.append(e)
        return bad

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (TimeoutError, ConnectionError, RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._cmd_w)
        os.close(self._res_r)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    """The rendered sample, open in a fresh headless Chromium (one per module)."""
    folder = tmp_path_factory.mktemp("browser")
    html = folder / "sample.html"
    html.write_text(render(SAMPLE, to="html").output, encoding="utf-8")
    browser = DevTools(folder / "profile")
    try:
        target = browser.send("Target.createTarget", url="about:blank")["targetId"]
        browser.session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable")
        browser.send("Emulation.setDeviceMetricsOverride", width=1100, height=900, deviceScaleFactor=1, mobile=False)
        browser.send("Page.navigate", url=html.as_uri())
        browser.wait_for("Page.loadEventFired")
        ARTIFACTS.mkdir(exist_ok=True)
        yield browser
    finally:
        browser.close()


def _display(page: DevTools, selector: str) -> str:
    return page.js(f"getComputedStyle(document.querySelector({json.dumps(selector)})).display")


def test_browser_opens_in_reading_view(page: DevTools) -> None:
    assert page.js("document.body.classList.contains('reading')") is True
    assert page.js("document.getElementById('view-toggle').hidden") is False
    assert _display(page, ".choice .orig") == "none"
    assert _display(page, ".choice .reg") != "none"
    assert _display(page, ".fw") == "none"
    page.screenshot(ARTIFACTS / "sample-reading.png")
    assert page.problems() == []


def test_browser_note_marker_shows_and_links_the_note(page: DevTools) -> None:
    assert _display(page, ".noteref .note-pop") == "none"
    page.hover("a.marker")
    assert _display(page, ".noteref .note-pop") == "block"
    target = page.js("document.querySelector('a.marker').getAttribute('href')")
    page.screenshot(ARTIFACTS / "sample-note-hover.png")
    page.click("a.marker")
    assert page.js("location.hash") == target
    assert page.js(f"document.querySelector({json.dumps(target)}).matches(':target')") is True
    assert page.problems() == []


def test_browser_view_switch_shows_the_diplomatic_text(page: DevTools) -> None:
    page.click("#view-toggle")
    assert page.js("document.body.classList.contains('diplomatic')") is True
    assert page.js("document.getElementById('view-toggle').getAttribute('aria-pressed')") == "true"
    assert _display(page, ".choice .orig") != "none"
    assert _display(page, ".choice .reg") == "none"
    assert _display(page, ".fw") != "none"
    assert _display(page, ".surplus") != "none"
    page.js("window.scrollTo(0, 0)")
    page.screenshot(ARTIFACTS / "sample-diplomatic.png")
    page.click("#view-toggle")
    assert page.js("document.body.classList.contains('reading')") is True
    assert _display(page, ".choice .orig") == "none"
    assert page.problems() == []


def test_browser_page_fits_a_phone(page: DevTools) -> None:
    page.send("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    try:
        page.js("window.scrollTo(0, 0)")
        assert page.js("document.documentElement.scrollWidth <= window.innerWidth + 1") is True
        page.screenshot(ARTIFACTS / "sample-phone.png")
    finally:
        page.send("Emulation.setDeviceMetricsOverride", width=1100, height=900, deviceScaleFactor=1, mobile=False)
    assert page.problems() == []
