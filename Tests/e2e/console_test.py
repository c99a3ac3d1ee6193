#!/usr/bin/env python3
"""The gate console in a real browser.

Starts `docscreen serve` on a free port with a temporary store, starts Debian's headless Chromium and drives
it through the DevTools protocol (the `websocket-client` package; no WebDriver, nothing downloaded): screens
the altered sample (ALERT, printed page differs from the MRZ), records a referral with a note and checks it
through the API, switches to Vietnamese, screens the clean sample (CLEAR), picks up a scan made behind the
page's back (the watched-folder path), reopens a recent scan, screens a non-image, provokes a 400, and checks
the 1024 x 768 layout. Screenshots in both languages go to --screenshots.

    python3 Tests/e2e/console_test.py --binary .build/debug/docscreen [--screenshots DIR]

Needs: apt `chromium` and `fonts-dejavu-core` (Vietnamese glyphs). Uses pip's `websocket-client` when it is
installed, otherwise a minimal WebSocket client of its own (stdlib only).
Exits 0 only when every step passed; prints one line per step.
"""

import argparse
import base64
import hashlib
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

try:
    import websocket  # websocket-client (PyPI), when installed
except ImportError:
    websocket = None

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLES = os.path.join(REPO, "samples", "pages")
ALTERED = os.path.join(SAMPLES, "td3-altered-00000.jpg")
CLEAN = os.path.join(SAMPLES, "td3-clean-00000.jpg")
VISA = os.path.join(SAMPLES, "mrva-flat-00000.png")
NOTE = "Printed surname LINDQVIST, MRZ says VU — chuyển tuyến hai để kiểm tra"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# -------------------------------------------------------------------------------------------------------------
# Processes
# -------------------------------------------------------------------------------------------------------------
def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc):
    """Ends a process this test started, with its process group (Chromium's helpers), by id."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


def http(method, url, body=None, headers=None, timeout=30):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def http_json(method, url, body=None, headers=None):
    status, data = http(method, url, body, headers)
    try:
        return status, json.loads(data)
    except ValueError:
        raise Failure(f"{method} {url}: {status}, not JSON: {data[:200]!r}")


def build_watchlist(binary, tmp):
    """A one-person watchlist naming the holder of the visa sample (the documents of the other samples are not on it)."""
    engine = binary
    if binary.endswith(".py"):   # the mock gate: its scans use this docscreen
        engine = os.environ.get("DOCSCREEN", "/tmp/console-dev/docscreen")
    persons = os.path.join(tmp, "persons.csv")
    with open(persons, "w") as f:
        f.write("id,surname,given_names,birth_date,nationality,sex,list\n")
        f.write("E2E-001,YILMAZ,EMRE ISMAIL,1962-01-16,TUR,M,e2e-test-list\n")
    index = os.path.join(tmp, "watchlist.idx")
    out = subprocess.run([engine, "watchlist", "build", persons, "--output", index], capture_output=True, timeout=60)
    if out.returncode != 0:
        raise Failure(f"docscreen watchlist build failed: {out.stderr.decode('utf-8', 'replace')[-500:]}")
    return index


def start_server(binary, tmp):
    port = free_port()
    watch = os.path.join(tmp, "scanner")
    os.makedirs(watch)
    args = ["serve", "--port", str(port), "--db", os.path.join(tmp, "gate.sqlite"), "--gate", "test-gate",
            "--today", "2026-11-22", "--lang", "en", "--watchlist", build_watchlist(binary, tmp), "--watch", watch]
    cmd = ([sys.executable, binary] if binary.endswith(".py") else [binary]) + args
    log = open(os.path.join(tmp, "server.log"), "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.close()
            with open(os.path.join(tmp, "server.log"), "rb") as f:
                tail = f.read()[-2000:].decode("utf-8", "replace")
            raise Failure(f"the server exited ({proc.returncode}) before answering: {tail}")
        try:
            status, _ = http("GET", base + "/api/v1/health", timeout=2)
            if status == 200:
                return proc, base, watch
        except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
            pass
        time.sleep(0.2)
    stop(proc)
    raise Failure("the server did not answer /api/v1/health within 60 s")


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        for d in os.environ.get("PATH", "").split(os.pathsep):
            p = os.path.join(d, name)
            if os.access(p, os.X_OK):
                return p
    raise Failure("no chromium on PATH (apt-get install chromium)")


def start_browser(tmp):
    profile = os.path.join(tmp, "chromium-profile")
    os.makedirs(profile)
    cmd = [find_chromium(), "--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-features=Translate,MediaRouter",
           "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
           f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,900", "about:blank"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.insert(1, "--no-sandbox")
    log = open(os.path.join(tmp, "chromium.log"), "wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    active = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            raise Failure(f"chromium exited ({proc.returncode}); see {os.path.join(tmp, 'chromium.log')}")
        if os.path.exists(active):
            with open(active) as f:
                lines = f.read().split()
            if lines:
                port = int(lines[0])
                try:
                    status, data = http("GET", f"http://127.0.0.1:{port}/json/list", timeout=2)
                    pages = [t for t in json.loads(data) if t.get("type") == "page"]
                    if status == 200 and pages:
                        return proc, pages[0]["webSocketDebuggerUrl"]
                except (urllib.error.URLError, ConnectionError, ValueError, OSError):
                    pass
        time.sleep(0.2)
    stop(proc)
    raise Failure("chromium's DevTools endpoint did not come up within 30 s")


# -------------------------------------------------------------------------------------------------------------
# DevTools protocol
# -------------------------------------------------------------------------------------------------------------
class SocketTimeout(Exception):
    pass


class MiniWebSocket:
    """Just enough of RFC 6455 for a DevTools connection on loopback (used when websocket-client is not installed):
    text frames out (masked), text frames in (fragmented or not), pings answered, close."""

    def __init__(self, url, timeout):
        u = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        path = u.path + ("?" + u.query if u.query else "")
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("the DevTools endpoint closed the connection during the handshake")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        if b" 101 " not in head.split(b"\r\n")[0] or accept.encode() not in head:
            raise Failure(f"the DevTools endpoint refused the WebSocket: {head[:200]!r}")

    def settimeout(self, seconds):
        self.sock.settimeout(seconds)

    def _read(self, n):
        while len(self.buffer) < n:
            try:
                chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            except socket.timeout:
                raise SocketTimeout()
            if not chunk:
                raise Failure("the DevTools connection closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def send(self, text):
        self._frame(0x1, text.encode("utf-8"))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x9:
                self._frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise Failure("the DevTools connection closed")
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if b0 & 0x80:
                    return message.decode("utf-8")

    def close(self):
        try:
            self._frame(0x8, b"")
        finally:
            self.sock.close()


def connect(ws_url):
    if websocket is not None:
        return websocket.create_connection(ws_url, suppress_origin=True, timeout=30, enable_multithread=False)
    return MiniWebSocket(ws_url, 30)


TIMEOUTS = (SocketTimeout,) + ((websocket.WebSocketTimeoutException,) if websocket is not None else ())


class Page:
    def __init__(self, ws_url, origin):
        self.ws = connect(ws_url)
        self.origin = origin
        self.next_id = 0
        self.exceptions = []
        self.console = []
        self.log_errors = []
        self.requests = []

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass

    def _event(self, msg):
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.exceptions.append((d.get("exception") or {}).get("description") or d.get("text"))
        elif method == "Runtime.consoleAPICalled":
            self.console.append(params.get("type"))
        elif method == "Log.entryAdded":
            e = params.get("entry", {})
            if e.get("level") == "error":
                self.log_errors.append((e.get("source"), e.get("text"), e.get("url", "")))
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", ""))

    def call(self, method, timeout=30, **params):
        self.next_id += 1
        mid = self.next_id
        self.ws.send(json.dumps({"id": mid, "method": method, "params": params}))
        deadline = time.time() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                msg = json.loads(self.ws.recv())
            except TIMEOUTS:
                raise Failure(f"DevTools {method} did not answer within {timeout} s")
            if msg.get("id") == mid:
                if "error" in msg:
                    raise Failure(f"DevTools {method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self._event(msg)

    def js(self, expression, timeout=30):
        r = self.call("Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise Failure(f"script failed: {(d.get('exception') or {}).get('description') or d.get('text')}")
        return r.get("result", {}).get("value")

    def wait(self, expression, what, timeout=30):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            last = self.js(expression)
            if last:
                return last
            time.sleep(0.1)
        raise Failure(f"timed out after {timeout} s waiting for {what} (last value {last!r})")

    def navigate(self, url):
        self.js("window.__replaced = true")   # not on the new document: tells the old one from it
        self.call("Page.navigate", url=url)
        self.wait("!window.__replaced && document.readyState === 'complete' && !!document.getElementById('verdict')",
                  "the page to load")

    def click(self, selector):
        """A real mouse click in the middle of the element (scrolled into view first)."""
        rect = self.js(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            if (!e) return null;
            e.scrollIntoView({{block: 'center', inline: 'center'}});
            const r = e.getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}};
        }})()""")
        check(rect and rect["w"] > 0 and rect["h"] > 0, f"{selector} is not on the page or not visible")
        top = self.js(f"""(() => {{
            const e = document.elementFromPoint({rect['x']}, {rect['y']});
            const t = document.querySelector({json.dumps(selector)});
            return !!e && (e === t || t.contains(e) || (t.htmlFor && e.id === t.htmlFor));
        }})()""")
        check(top, f"{selector} is covered by another element")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=rect["x"], y=rect["y"], button="left", clickCount=1)

    def type_text(self, text):
        self.call("Input.insertText", text=text)

    def set_file(self, selector, path):
        doc = self.call("DOM.getDocument", depth=0)
        node = self.call("DOM.querySelector", nodeId=doc["root"]["nodeId"], selector=selector)
        check(node.get("nodeId"), f"{selector} not found")
        self.call("DOM.setFileInputFiles", files=[path], nodeId=node["nodeId"])

    def viewport(self, width, height):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        if full:
            m = self.call("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m.get("contentSize")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", timeout=60, **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def text(self, selector):
        return self.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); return e ? e.textContent.trim() : null; }})()")

    def visible(self, selector):
        return self.js(f"""(() => {{
            const e = document.querySelector({json.dumps(selector)});
            if (!e) return false;
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
        }})()""")


# -------------------------------------------------------------------------------------------------------------
# The steps
# -------------------------------------------------------------------------------------------------------------
def run(args, tmp, steps):
    shots = args.screenshots
    if shots:
        os.makedirs(shots, exist_ok=True)
    server = browser = page = None

    def step(name, fn):
        t0 = time.time()
        try:
            fn()
        except Failure as e:
            print(f"FAIL  {name}: {e}", flush=True)
            raise
        except Exception as e:   # a broken connection, an unexpected answer: the step failed all the same
            print(f"FAIL  {name}: {type(e).__name__}: {e}", flush=True)
            raise Failure(str(e)) from e
        steps.append(name)
        print(f"ok    {name} ({time.time() - t0:.1f} s)", flush=True)

    def shot(name, full=False):
        if shots:
            page.screenshot(os.path.join(shots, name), full=full)

    ctx = {}
    try:
        def up():
            nonlocal server, browser, page
            server, base, watch = start_server(args.binary, tmp)
            ctx["base"], ctx["watch"] = base, watch
            status, h = http_json("GET", base + "/api/v1/health")
            check(status == 200 and h.get("gate") == "test-gate", f"health: {status} {h}")
            check(h.get("language") == "en", f"health language: {h.get('language')!r}, expected 'en'")
            browser, ws = start_browser(tmp)
            page = Page(ws, base)
            for domain in ("Page", "Runtime", "Log", "Network", "DOM"):
                page.call(domain + ".enable")
            page.viewport(1280, 900)
        step("start the gate and Chromium", up)
        base = ctx["base"]

        def load():
            page.navigate(base + "/")
            page.wait("document.getElementById('st-gate').textContent === 'test-gate'", "the status line to show the gate")
            check(page.js("document.documentElement.lang") == "en", "the page is not in English (the server's --lang en)")
            check(page.visible("#placeholder") and not page.visible("#card"), "the empty page does not show the placeholder")
            check(page.text("#st-watchlist").startswith("sha256:"), f"watchlist status: {page.text('#st-watchlist')!r}")
            check(page.text("#st-outbox") == "0", f"outbox status: {page.text('#st-outbox')!r}")
            check(page.js("document.querySelector('label[for=file-input]') !== null"), "the file input has no label")
            check(page.js("document.getElementById('verdict').getAttribute('aria-live')") in ("assertive", "polite"),
                  "the verdict is not aria-live")
        step("load the console (status line: gate, watchlist, outbox)", load)
        shot("00-empty-en.png")

        def scan(path, what):
            before = page.js("document.getElementById('card').dataset.record || ''")
            page.set_file("#file-input", path)
            page.wait(f"(() => {{ const c = document.getElementById('card'); return !c.hidden && (c.dataset.record || '') !== {json.dumps(before)}"
                      f" && !document.getElementById('drop').classList.contains('busy'); }})()", what, timeout=60)
            return page.js("document.getElementById('card').dataset.record")

        def altered():
            ctx["altered"] = scan(ALTERED, "the verdict of td3-altered-00000.jpg")
            check(page.text("#verdict") == "ALERT", f"verdict shows {page.text('#verdict')!r}, expected ALERT")
            check(page.js("document.getElementById('verdict-banner').dataset.verdict") == "alert", "the banner is not the alert one")
            bg = page.js("getComputedStyle(document.getElementById('verdict-banner')).backgroundColor")
            check(bg.startswith("rgb(176, 20, 28"), f"the alert banner is not red: {bg}")
            reasons = page.js("[...document.querySelectorAll('#reasons-list li')].map(l => [l.dataset.code, l.textContent])")
            check(any(code == "viz.mismatch" and "Printed page differs from the MRZ" in txt for code, txt in reasons),
                  f"the reasons do not say the printed page differs: {reasons}")
            labels = page.js("[...document.querySelectorAll('#findings-list li.finding')].map(l => [l.dataset.code, l.querySelector('.finding-label').textContent])")
            check(["viz.mismatch", "Printed page differs from the MRZ"] in labels, f"findings list: {labels}")
            check(page.visible('#findings-list li[data-code="viz.mismatch"] .evidence'), "the mismatch's evidence is not shown")
        step("screen td3-altered-00000.jpg: verdict ALERT, reason viz.mismatch", altered)

        def tables():
            check(page.visible("#fields-table"), "the MRZ / printed-page table is not shown")
            heads = page.js("[...document.querySelectorAll('#fields-table thead th')].map(h => h.textContent)")
            check(heads == ["Field", "MRZ", "Printed page", "Check"], f"table headers: {heads}")
            rows = page.js("""[...document.querySelectorAll('#fields-body tr')].map(r =>
                [r.dataset.field, r.className, [...r.querySelectorAll('td')].map(c => c.firstChild ? c.firstChild.textContent : '')])""")
            fields = {r[0]: r for r in rows}
            for f in ("surname", "givenNames", "documentNumber", "nationality", "birthDate", "sex", "expiryDate"):
                check(f in fields, f"the table has no {f} row: {[r[0] for r in rows]}")
            sur = fields["surname"]
            check(sur[1] == "mismatch" and sur[2][0] == "VU" and sur[2][1] == "LINDQVIST",
                  f"the surname row does not show the mismatch VU / LINDQVIST: {sur}")
            check(fields["documentNumber"][2][:2] == ["365986466", "365986466"], f"document number row: {fields['documentNumber']}")
            check("mismatch" not in fields["givenNames"][1], f"given names flagged: {fields['givenNames']}")
            lines = page.text("#mrz-lines").split("\n")
            check(len(lines) == 2 and all(len(x) == 44 for x in lines), f"MRZ lines: {lines}")
            page.wait("(() => { const i = document.getElementById('annotated'); return i.complete && i.naturalWidth > 0"
                      " && !document.getElementById('image-box').hidden"
                      " && !document.getElementById('image-box').classList.contains('loading'); })()", "the annotated image", timeout=20)
        step("MRZ and printed-page fields side by side, mismatch highlighted, annotated image", tables)
        shot("01-alert-en.png")
        shot("01-alert-en-full.png", full=True)

        def zoom():
            page.click("#annotated")
            page.wait("document.getElementById('zoom').open && document.getElementById('zoom-image').naturalWidth > 0",
                      "the page at full size")
            width = page.js("document.getElementById('zoom-image').getBoundingClientRect().width")
            check(width > 1000, f"the enlarged page is {width} px wide")
            shot("01-zoom-en.png")
            page.call("Input.dispatchKeyEvent", type="keyDown", key="Escape", code="Escape", windowsVirtualKeyCode=27)
            page.call("Input.dispatchKeyEvent", type="keyUp", key="Escape", code="Escape", windowsVirtualKeyCode=27)
            page.wait("!document.getElementById('zoom').open", "Escape to close the enlarged page")
        step("click the annotated page: shown at full size, Escape closes it", zoom)

        def decide():
            page.click('.decision-button[data-decision="referred"]')
            check(page.js("document.querySelector('.decision-button[data-decision=referred]').getAttribute('aria-pressed')") == "true",
                  "the referred button is not pressed")
            page.click("#decision-note")
            page.type_text(NOTE)
            check(page.js("document.getElementById('decision-note').value") == NOTE, "the note was not typed")
            page.click("#decision-submit")
            page.wait("document.getElementById('decision-message').textContent === 'Decision recorded'", "the confirmation")
            badge = page.text("#decision-badge")
            check("Referred to second line" in badge and NOTE in badge, f"the card's decision: {badge!r}")
        step("record 'referred to second line' with a note: confirmation shown", decide)
        shot("02-decided-en.png")

        def stored():
            status, entry = http_json("GET", base + "/api/v1/records/" + ctx["altered"])
            check(status == 200, f"GET record: {status} {entry}")
            d = entry.get("decision") or {}
            check(d.get("decision") == "referred" and d.get("note") == NOTE and d.get("gate") == "test-gate",
                  f"the stored decision: {d}")
            check(entry.get("verdict") == "alert", f"the stored verdict: {entry.get('verdict')}")
        step("the decision is stored with its note (GET /api/v1/records/{id})", stored)

        def vietnamese():
            page.click("#lang-vi")
            page.wait("document.getElementById('verdict').textContent === 'CẢNH BÁO'", "the Vietnamese verdict")
            check(page.js("document.documentElement.lang") == "vi", "html lang is not vi")
            check(page.text('.decision-button[data-decision="referred"]') == "Chuyển tuyến hai", "decision button not in Vietnamese")
            check(page.text('#findings-list li[data-code="viz.mismatch"] .finding-label') == "Trang in khác với MRZ",
                  "finding label not in Vietnamese")
            check(page.text('#fields-body tr[data-field="surname"] th') == "Họ", "field label not in Vietnamese")
            check("Chuyển tuyến hai" in page.text("#decision-badge"), "the card's decision not in Vietnamese")
            check(page.js("localStorage.getItem('docscreen.console.lang')") == "vi", "the language is not remembered")
        step("switch to Vietnamese: verdict CẢNH BÁO, labels translated", vietnamese)
        shot("03-alert-vi.png")
        shot("03-alert-vi-full.png", full=True)

        def remembered():
            page.navigate(base + "/")
            page.wait("document.getElementById('st-gate').textContent === 'test-gate'", "the status line")
            time.sleep(0.3)   # the health answer (language en) must not override the remembered choice
            check(page.js("document.documentElement.lang") == "vi", "after reload the page is not in Vietnamese")
            check(page.text("#decision-title") == "Quyết định của cán bộ", f"decision title: {page.text('#decision-title')!r}")
        step("reload: the Vietnamese choice is remembered over the gate's default", remembered)

        def clean_vi():
            ctx["clean"] = scan(CLEAN, "the verdict of td3-clean-00000.jpg")
            check(page.text("#verdict") == "THÔNG QUA", f"verdict shows {page.text('#verdict')!r}, expected THÔNG QUA")
            check(page.js("document.getElementById('verdict-banner').dataset.verdict") == "clear", "the banner is not the clear one")
            outcomes = page.js("[...document.querySelectorAll('#fields-body tr')].filter(r => r.dataset.outcome).map(r => r.dataset.outcome)")
            check(outcomes and all(o == "agrees" for o in outcomes), f"clean sample outcomes: {outcomes}")
            page.wait("(() => { const i = document.getElementById('annotated'); return i.complete && i.naturalWidth > 0; })()",
                      "the annotated image", timeout=20)
        step("screen td3-clean-00000.jpg in Vietnamese: THÔNG QUA", clean_vi)
        shot("04-clear-vi.png")

        def clean_en():
            page.click("#lang-en")
            page.wait("document.getElementById('verdict').textContent === 'CLEAR'", "the English verdict")
            check(page.text("#reasons-list") == "No problems found.", f"reasons: {page.text('#reasons-list')!r}")
            bg = page.js("getComputedStyle(document.getElementById('verdict-banner')).backgroundColor")
            check(bg.startswith("rgb(22, 105, 46"), f"the clear banner is not green: {bg}")
        step("switch back to English: CLEAR", clean_en)
        shot("05-clear-en.png")

        def polled():
            page.click("#decision-note")
            page.type_text("draft")   # not submitted: kept for the clean scan, not shown on the next one
            clean = ctx["clean"]
            partial = os.path.join(tmp, "incoming.png")   # same file system: the rename below is atomic
            with open(VISA, "rb") as f, open(partial, "wb") as g:
                g.write(f.read())
            os.rename(partial, os.path.join(ctx["watch"], "scanner-0001.png"))   # appears whole, as a scanner's file would
            page.wait(f"(() => {{ const r = document.getElementById('card').dataset.record; return r && r !== {json.dumps(clean)}; }})()",
                      "the page to show the scanner's new file", timeout=20)
            check(page.js("document.querySelector('.recent-item .recent-file').textContent").endswith("scanner-0001.png"),
                  "the new scan is not first in the recent list")
            files = page.js("[...document.querySelectorAll('.recent-item .recent-file')].map(e => e.textContent)")
            check(files[1:3] == ["td3-clean-00000.jpg", "td3-altered-00000.jpg"], f"recent list: {files}")
            check(page.js("document.getElementById('decision-note').value") == "", "the previous scan's note is shown on the new one")
            ctx["visa"] = page.js("document.getElementById('card').dataset.record")
        step("a file the scanner drops in the watched folder appears by itself", polled)

        def watchlist():
            check(page.text("#verdict") == "ALERT", f"the listed holder's verdict: {page.text('#verdict')!r}")
            check(page.visible("#watchlist-section"), "the watchlist section is not shown")
            item = page.js("""(() => { const l = document.querySelector('#watchlist-list li[data-code="watchlist.person"]');
                return l && [l.querySelector('.finding-label').textContent, l.querySelector('.finding-message').textContent,
                             [...l.querySelectorAll('.evidence dt, .evidence dd')].map(e => e.textContent)]; })()""")
            check(item, "no watchlist.person match listed")
            label, message, evidence = item
            check(label == "Holder resembles a watchlist entry", f"match label: {label!r}")
            check("E2E-001" in message and "e2e-test-list" in message, f"match message: {message!r}")
            check(evidence[0] == "Match" and "name" in evidence[1] and "birth date" in evidence[1], f"match evidence: {evidence}")
            reasons = page.js("[...document.querySelectorAll('#reasons-list li')].map(l => l.dataset.code)")
            check("watchlist.person" in reasons, f"reasons: {reasons}")
        step("the listed holder: ALERT with the watchlist match explained", watchlist)
        shot("06-watchlist-en.png")

        def draft_kept():
            page.click(f'.recent-item[data-record="{ctx["clean"]}"]')
            page.wait(f"document.getElementById('card').dataset.record === {json.dumps(ctx['clean'])}", "the clean scan again")
            check(page.js("document.getElementById('decision-note').value") == "draft", "the unsent note of the clean scan is lost")
            page.js("document.getElementById('decision-note').value = ''")
        step("an unsent note stays with its scan", draft_kept)

        def reopen():
            page.click(f'.recent-item[data-record="{ctx["altered"]}"]')
            page.wait(f"document.getElementById('card').dataset.record === {json.dumps(ctx['altered'])}", "the altered scan again")
            check(page.text("#verdict") == "ALERT", f"reopened verdict: {page.text('#verdict')!r}")
            check("Referred to second line" in page.text("#decision-badge"), "the reopened scan does not show its decision")
        step("reopen the altered scan from the recent list: ALERT with its decision", reopen)

        def bad_note():
            page.click('.decision-button[data-decision="admitted"]')
            page.js("document.getElementById('decision-note').value = 'x'.repeat(2001)")
            page.click("#decision-submit")
            page.wait("document.getElementById('decision-message').classList.contains('error')", "the error message")
            msg = page.text("#decision-message")
            check("not recorded" in msg and "note" in msg and "400" in msg, f"the 400 is not shown plainly: {msg!r}")
            status, entry = http_json("GET", base + "/api/v1/records/" + ctx["altered"])
            check(entry["decision"]["decision"] == "referred", "a refused request changed the decision")
            page.js("document.getElementById('decision-note').value = ''")
            page.click('.decision-button[data-decision="admitted"]')   # unpress
        step("a refused decision (note over 2000 characters) is shown plainly", bad_note)

        def dropped():
            before = page.js("document.getElementById('card').dataset.record")
            rect = page.js("""(() => { window.scrollTo(0, 0); document.querySelector('.side').scrollTop = 0;
                const r = document.getElementById('drop').getBoundingClientRect();
                return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()""")
            data = {"items": [], "files": [CLEAN], "dragOperationsMask": 1}
            for kind in ("dragEnter", "dragOver"):
                page.call("Input.dispatchDragEvent", type=kind, x=rect["x"], y=rect["y"], data=data)
            check(page.visible("#drag-overlay"), "no drop overlay while a file is dragged over the page")
            page.call("Input.dispatchDragEvent", type="drop", x=rect["x"], y=rect["y"], data=data)
            page.wait(f"(() => {{ const r = document.getElementById('card').dataset.record; return r && r !== {json.dumps(before)}"
                      " && !document.getElementById('drop').classList.contains('busy'); })()", "the dropped image's verdict", timeout=60)
            check(page.text("#verdict") == "CLEAR", f"the dropped clean sample: {page.text('#verdict')!r}")
            check(not page.visible("#drag-overlay"), "the drop overlay stays after the drop")
        step("drag and drop td3-clean-00000.jpg onto the drop zone: CLEAR", dropped)

        def unreadable():
            junk = os.path.join(tmp, "not-an-image.jpg")
            with open(junk, "wb") as f:
                f.write(b"this is not an image\n" * 20)
            scan(junk, "the verdict of a non-image")
            check(page.text("#verdict") == "REFER", f"verdict: {page.text('#verdict')!r}")
            reason = page.text('#reasons-list li[data-code="image.unreadable"]') or ""
            check(reason.startswith("Image could not be read") and "not a JPEG or PNG" in reason, f"the reason: {reason!r}")
            check(page.visible("#fields-none"), "no 'no MRZ' note")
            page.wait("document.getElementById('image-box').hidden", "the image box to go (no page for a non-image)", timeout=10)
        step("a non-image: REFER with 'Image could not be read'", unreadable)
        shot("09-unreadable-en.png")

        def small_screen():
            page.viewport(1024, 768)
            page.click(f'.recent-item[data-record="{ctx["altered"]}"]')
            page.wait(f"document.getElementById('card').dataset.record === {json.dumps(ctx['altered'])}", "the altered scan")
            page.js("window.scrollTo(0, 0); document.querySelector('.side').scrollTop = 0")
            page.wait("(() => { const i = document.getElementById('annotated'); return i.complete && i.naturalWidth > 0"
                      " && !document.getElementById('image-box').classList.contains('loading'); })()", "the annotated image", timeout=20)
            width = page.js("document.documentElement.scrollWidth")
            check(width <= 1024, f"the page is {width} px wide at 1024 x 768")
            bottom = page.js("document.getElementById('decision-submit').getBoundingClientRect().bottom")
            check(bottom <= 768, f"the decision button is below the fold at 1024 x 768 ({bottom})")
            verdict = page.js("document.getElementById('verdict').getBoundingClientRect().bottom")
            check(verdict <= 300, f"the verdict is too low at 1024 x 768 ({verdict})")
            over = page.js("""[...document.querySelectorAll('#card, #card .grid, #fields-table, .side, .topbar')]
                .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.id || e.className)""")
            check(not over, f"content overflows at 1024 x 768: {over}")
        step("1024 x 768: no horizontal scroll, verdict and decision buttons above the fold", small_screen)
        shot("07-alert-en-1024x768.png")

        def forced():
            page.navigate(base + "/?lang=vi")
            page.wait("document.getElementById('st-gate').textContent === 'test-gate'", "the status line")
            time.sleep(0.3)
            check(page.js("document.documentElement.lang") == "vi", "?lang=vi did not force Vietnamese")
            check(page.text("#drop-title") == "Thả ảnh giấy tờ vào đây", f"drop zone: {page.text('#drop-title')!r}")
        step("?lang=vi forces Vietnamese over the remembered English", forced)
        shot("08-empty-vi-1024x768.png")

        def clean_console():
            page.call("Runtime.evaluate", expression="0")   # collect pending events
            check(not page.exceptions, f"script errors: {page.exceptions}")
            check(not page.console, f"the page wrote to the console {len(page.console)} time(s)")
            # Expected: the annotated page of the non-image (404) and the 400 provoked above.
            errors = [e for e in page.log_errors if not (e[0] == "network" and (e[2].endswith("/annotated.png")
                      or (e[2].endswith("/decision") and "400" in e[1])))]
            check(not errors, f"browser errors (CSP, failed loads): {errors}")
            foreign = [u for u in page.requests if not (u.startswith(base + "/") or u.startswith(("data:", "blob:", "about:")))]
            check(not foreign, f"requests outside the gate: {foreign}")
        step("no script error, no console output, no CSP violation, nothing fetched from elsewhere", clean_console)
    finally:
        if page:
            page.close()
        stop(browser)
        stop(server)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", required=True, help="docscreen (or Tests/e2e/mock_gate.py)")
    p.add_argument("--screenshots", default=None, help="a folder for the PNG screenshots")
    args = p.parse_args()
    args.binary = os.path.abspath(args.binary)
    if args.screenshots:
        args.screenshots = os.path.abspath(args.screenshots)
    # Stopped from outside (CI's timeout): still end the server and the browser (the `finally` in run).
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
    t0 = time.time()
    steps = []
    with tempfile.TemporaryDirectory(prefix="console-e2e-") as tmp:
        try:
            run(args, tmp, steps)
        except Failure:
            print(f"console e2e: FAILED after {time.time() - t0:.1f} s")
            print(f"{len(steps)} passed, 1 failed")
            for name in ("server.log", "chromium.log"):
                path = os.path.join(tmp, name)
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        tail = f.read()[-1500:].decode("utf-8", "replace").strip()
                    if tail:
                        print(f"--- last lines of {name}:\n{tail}")
            return 1
    print(f"console e2e: all steps passed in {time.time() - t0:.1f} s")
    print(f"{len(steps)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
