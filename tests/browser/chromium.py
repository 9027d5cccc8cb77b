"""Debian's headless Chromium, driven over the DevTools protocol through a pipe
(`--remote-debugging-pipe`: the browser reads commands on file descriptor 3 and writes answers and
events on 4, each a JSON message ended by a NUL byte). A pipe rather than a port: nothing listens
on the network, and two tests at once cannot reach each other's browser.

The tests need more than `--screenshot` and `--dump-dom` give: the layout at a given width
(`scrollWidth` against the viewport), the page's title after its scripts would have run, the
rendered text of each table row, and full-page screenshots at phone width and at A4 width in
print media. All of it is read with `Runtime.evaluate` from outside the page: nothing is added to
the pages under test.

    with Browser(profile_dir) as browser:
        page = browser.open("file:///.../index.html", width=375)
        page.evaluate("document.title")
        page.screenshot("out.png")
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time

# The Debian package that provides the browser; named in the error when it is missing.
CHROMIUM_PACKAGE = "chromium"
A4_WIDTH_PX = 794          # 210 mm at the 96 CSS pixels per inch of the print layout
PHONE_WIDTH_PX = 375       # the narrowest common phone in CSS pixels (iPhone SE/mini and most Androids)
COMMAND_TIMEOUT_S = 60     # one protocol command; a page load of the example site takes well under 5 s


class BrowserError(Exception):
    pass


def find_chromium():
    """The browser's path, or a BrowserError naming the package to install: the browser tests
    must fail, never pass, on a machine without it."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise BrowserError(f"headless Chromium is not installed: no `chromium` on PATH. Install the Debian "
                       f"package `{CHROMIUM_PACKAGE}` (scripts/setup.sh installs it, with fonts-noto-cjk "
                       f"for the Chinese glyphs and poppler-utils for the PDF checks).")


def _high_fd(fd):
    """A copy of `fd` numbered above 10 and closed on exec, so that placing the pipe ends at 3
    and 4 in the child cannot overwrite one with the other, and the browser inherits only those."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return copy


class Browser:
    def __init__(self, profile_dir):
        self.profile_dir = profile_dir
        self.process = None
        self.next_id = 0
        self.buffer = b""
        self.events = []

    def __enter__(self):
        binary = find_chromium()
        commands_read, commands_write = map(_high_fd, os.pipe())
        answers_read, answers_write = map(_high_fd, os.pipe())

        # In the child, between fork and exec: the copies at 3 and 4 are inheritable. The
        # descriptors are placed by hand, not with pass_fds, because subprocess closes every
        # descriptor it was not told to keep after this function runs.
        def place_pipes():
            os.dup2(commands_read, 3)
            os.dup2(answers_write, 4)

        os.makedirs(self.profile_dir, exist_ok=True)
        self.log = open(os.path.join(self.profile_dir, "chromium.log"), "wb")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile_dir}", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--hide-scrollbars", "--font-render-hinting=none", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            close_fds=False, preexec_fn=place_pipes)
        os.close(commands_read)
        os.close(answers_write)
        self.commands, self.answers = commands_write, answers_read
        return self

    def __exit__(self, *exc):
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=10)
                except BrowserError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            os.close(self.commands)
            os.close(self.answers)
            self.log.close()

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self.answers], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited (status {self.process.poll()}); its log: "
                                   f"{os.path.join(self.profile_dir, 'chromium.log')}")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=COMMAND_TIMEOUT_S):
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        os.write(self.commands, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for_event(self, method, session, timeout=COMMAND_TIMEOUT_S):
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            message = self._read_message(deadline)
            if "method" in message:
                self.events.append(message)

    def open(self, url, width, print_media=False, height=800):
        """A new tab showing `url` laid out `width` CSS pixels wide (a phone's viewport, honouring
        the page's viewport meta, unless `print_media`: then the print stylesheet at that width)."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        self.call("Page.enable", session=session)
        self.call("Runtime.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": not print_media},
                  session=session)
        if print_media:
            self.call("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        self.events = [e for e in self.events if e.get("sessionId") != session]
        navigation = self.call("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            raise BrowserError(f"{url}: {navigation['errorText']}")
        self.wait_for_event("Page.loadEventFired", session)
        page.evaluate("document.fonts.ready.then(() => true)")
        return page


class Page:
    def __init__(self, browser, session, target):
        self.browser, self.session, self.target = browser, session, target

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (promises awaited), as JSON data."""
        result = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                        "awaitPromise": True}, session=self.session)
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluating {expression!r}: {result['exceptionDetails'].get('text')} "
                               f"{result['exceptionDetails'].get('exception', {}).get('description', '')}")
        return result["result"].get("value")

    def exceptions(self):
        """Uncaught script errors the page raised while loading (a sign that a script ran)."""
        return [e for e in self.browser.events
                if e.get("sessionId") == self.session and e["method"] == "Runtime.exceptionThrown"]

    def screenshot(self, path):
        """The whole page (not only the viewport) as a PNG, at the page's layout width."""
        size = self.browser.call("Page.getLayoutMetrics", session=self.session)["cssContentSize"]
        shot = self.browser.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}},
            session=self.session)
        with open(path, "wb") as out:
            out.write(base64.b64decode(shot["data"]))

    def print_to_pdf(self, path):
        """The page printed as Chromium prints it, on the paper its print stylesheet asks for."""
        # A4 unless the page's @page rule names a size (Chromium's own default is US Letter).
        pdf = self.browser.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                    "paperWidth": 8.27, "paperHeight": 11.69,
                                                    "displayHeaderFooter": False}, session=self.session)
        with open(path, "wb") as out:
            out.write(base64.b64decode(pdf["data"]))

    def close(self):
        self.browser.call("Target.closeTarget", {"targetId": self.target})
