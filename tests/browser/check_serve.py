"""End to end in a real browser: `trainer serve` on a loopback port, the page loaded by headless
Chromium, a screenshot taken once the app has drawn, and the sign-in screen read off it.

    python tests/browser/check_serve.py [--keep DIR]

Needs Debian's chromium and tesseract-ocr (.ci/run installs them). Chromium is driven over the
DevTools protocol with aiohttp, which textual-serve already brings, so no browser download and
no extra package. Exits 0 when the screenshot shows the sign-in screen and not the name of
the trainee already signed up (served, nobody's name is listed), 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# The flags this workplace's Chromium needs without a network or a GPU.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
    "--remote-debugging-port=0",
]
EXPECTED = ("Who is practising today", "Add yourself", "PIN")
SIGNED_UP = "Zofia Quist"  # in the database before the page opens; the page must not show it
TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_http(url: str, deadline: float) -> None:
    import urllib.request

    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer at {url}")


class DevTools:
    """The few DevTools protocol calls this check needs, over one websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.next_id = 0

    async def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        await self.socket.send_str(json.dumps(message))
        while True:
            reply = json.loads((await self.socket.receive()).data)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))


async def screenshot(url: str, profile: Path, output: Path) -> None:
    """Open `url` in headless Chromium, wait until the app has drawn, save a PNG."""
    browser = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or browser.poll() is not None:
                raise SystemExit("Chromium did not start")
            await asyncio.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as socket,
        ):
            tools = DevTools(socket)
            target = await tools.call("Target.createTarget", url="about:blank")
            attached = await tools.call(
                "Target.attachToTarget", targetId=target["targetId"], flatten=True
            )
            session = attached["sessionId"]
            await tools.call("Page.enable", session)
            await tools.call("Page.navigate", session, url=url)
            # textual-serve marks the body once the app's first bytes have arrived
            while True:
                state = await tools.call(
                    "Runtime.evaluate",
                    session,
                    expression="document.body.className",
                    returnByValue=True,
                )
                if "-first-byte" in str(state.get("result", {}).get("value", "")):
                    break
                if time.monotonic() > deadline:
                    raise SystemExit("the app never drew in the page")
                await asyncio.sleep(0.2)
            await asyncio.sleep(2.0)  # the fade-in and the first full frame
            shot = await tools.call("Page.captureScreenshot", session, format="png")
            output.write_bytes(base64.b64decode(shot["data"]))
    finally:
        browser.terminate()
        browser.wait(timeout=30)


def read_text(image: Path) -> str:
    """The words Tesseract reads on the screenshot, on one line."""
    result = subprocess.run(
        ["tesseract", str(image), "-", "--psm", "3"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the screenshot in this folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trainer-browser-"))
    from trainer.store.database import open_store
    from trainer.store.trainees import add_trainee

    with open_store(work / "t.db") as records:
        add_trainee(records, SIGNED_UP, pin="2468")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "trainer", "serve", "--port", str(port), "--db", str(work / "t.db")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, time.monotonic() + TIMEOUT)
        image = work / "sign-in.png"
        asyncio.run(screenshot(url, work / "profile", image))
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(image, args.keep / image.name)
        text = read_text(image)
        missing = [phrase for phrase in EXPECTED if phrase.lower() not in text.lower()]
        if missing:
            print(f"FAIL: the screenshot does not show {missing}; it reads: {text[:400]}")
            return 1
        leaked = [word for word in SIGNED_UP.split() if word.lower() in text.lower()]
        if leaked:
            print(f"FAIL: the sign-in page shows a trainee's name {leaked}; it reads: {text[:400]}")
            return 1
        print(f"PASS: the sign-in screen is in the browser ({url}); read: {text[:120]}")
        return 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
