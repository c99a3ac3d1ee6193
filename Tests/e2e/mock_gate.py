#!/usr/bin/env python3
"""A stand-in for `docscreen serve` while the real gate service is being written.

Serves the console's three files from Sources/GateService/Console/ and the gate API
(Sources/GateService/gate-openapi.yaml) with the records kept in memory. Scans shell out to
`docscreen scan --json --annotate` (the binary given by --docscreen, default /tmp/console-dev/docscreen).

Takes the options of `docscreen serve` that the console test passes, so the test can run against it:

    python3 Tests/e2e/mock_gate.py serve --port 8080 --db /tmp/x.sqlite --gate test-gate --today 2026-11-22 --lang en
    python3 Tests/e2e/console_test.py --binary Tests/e2e/mock_gate.py

Development only: nothing here is shipped.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
CONSOLE = os.path.normpath(os.path.join(HERE, "..", "..", "Sources", "GateService", "Console"))
CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'"
UUID_RE = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")


class Gate:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.records = []          # oldest first: dicts with record, file, verdict, scannedAt, result, decisions
        self.annotated = {}        # record id -> PNG bytes (the last 32)
        self.work = tempfile.mkdtemp(prefix="mock-gate-")

    def screen(self, data, name):
        path = os.path.join(self.work, "upload-" + uuid.uuid4().hex)
        with open(path, "wb") as f:
            f.write(data)
        png = path + ".png"
        cmd = [self.args.docscreen, "scan", path, "--json", "--annotate", png]
        if self.args.today:
            cmd += ["--today", self.args.today]
        if self.args.watchlist:
            cmd += ["--watchlist", self.args.watchlist]
        out = subprocess.run(cmd, capture_output=True, timeout=120)
        result = json.loads(out.stdout.decode("utf-8").splitlines()[0])
        result["file"] = name
        rid = str(uuid.uuid4()).upper()
        entry = {"record": rid, "file": name, "verdict": result["verdict"],
                 "scannedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                 "result": result, "decisions": []}
        with self.lock:
            self.records.append(entry)
            if os.path.exists(png):
                with open(png, "rb") as f:
                    self.annotated[rid] = f.read()
                if len(self.annotated) > 32:
                    self.annotated.pop(next(iter(self.annotated)))
        for p in (path, png):
            if os.path.exists(p):
                os.remove(p)
        return entry

    @staticmethod
    def entry_json(e):
        return {"decision": e["decisions"][-1] if e["decisions"] else None, "file": e["file"], "record": e["record"],
                "result": e["result"], "scannedAt": e["scannedAt"], "verdict": e["verdict"]}

    def find(self, rid):
        rid = rid.upper()
        for e in self.records:
            if e["record"] == rid:
                return e
        return None

    def watch(self, folder):
        seen = set(os.listdir(folder))
        while True:
            time.sleep(1)
            for name in sorted(os.listdir(folder)):
                if name in seen or not name.lower().endswith((".jpg", ".jpeg", ".png")):
                    continue
                seen.add(name)
                time.sleep(0.2)
                with open(os.path.join(folder, name), "rb") as f:
                    self.screen(f.read(), name)


def make_handler(gate):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: the test prints its own lines
            if gate.args.verbose:
                super().log_message(fmt, *args)

        def send(self, status, body, ctype="application/json", extra=None):
            if isinstance(body, (dict, list)):
                body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def error(self, status, code, message, field=None):
            self.send(status, {"error": {"code": code, "message": message, "field": field}})

        def body(self, limit):
            n = int(self.headers.get("Content-Length") or 0)
            if n > limit:
                self.rfile.read(n)
                return None
            return self.rfile.read(n)

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            q = dict(urllib.parse.parse_qsl(url.query))
            files = {"/": ("index.html", "text/html; charset=utf-8"), "/console.js": ("console.js", "text/javascript; charset=utf-8"),
                     "/console.css": ("console.css", "text/css; charset=utf-8")}
            if url.path in files:
                name, ctype = files[url.path]
                with open(os.path.join(CONSOLE, name), "rb") as f:
                    return self.send(200, f.read(), ctype, {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})
            if url.path == "/api/v1/health":
                with gate.lock:
                    n = len(gate.records)
                    decisions = sum(len(e["decisions"]) for e in gate.records)
                return self.send(200, {"status": "ok", "gate": gate.args.gate, "version": "mock",
                                       "watchlistVersion": "none" if not gate.args.watchlist else "sha256:mock",
                                       "outbox": n + decisions, "records": n, "language": gate.args.lang})
            if url.path == "/api/v1/records":
                after = q.get("after")
                if after is not None and not UUID_RE.match(after):
                    return self.error(400, "bad_request", "not a UUID", "after")
                try:
                    limit = int(q.get("limit", "100"))
                    assert 1 <= limit <= 500
                except (ValueError, AssertionError):
                    return self.error(400, "bad_request", "an integer from 1 to 500", "limit")
                with gate.lock:
                    start = 0
                    if after:
                        ids = [e["record"] for e in gate.records]
                        if after.upper() not in ids:
                            return self.error(404, "not_found", "record " + after, "after")
                        start = ids.index(after.upper()) + 1
                    chosen = [Gate.entry_json(e) for e in gate.records[start:start + limit]]
                return self.send(200, {"last": chosen[-1]["record"] if chosen else None, "records": chosen})
            m = re.match(r"^/api/v1/records/([^/]+)(/annotated\.png)?$", url.path)
            if m:
                if not UUID_RE.match(m.group(1)):
                    return self.error(400, "bad_request", "not a UUID", "id")
                rid = m.group(1).upper()
                with gate.lock:
                    e = gate.find(rid)
                    png = gate.annotated.get(rid)
                if m.group(2):
                    if png is None:
                        return self.error(404, "not_found", "annotated page of the record", "id")
                    return self.send(200, png, "image/png")
                if e is None:
                    return self.error(404, "not_found", "record", "id")
                return self.send(200, Gate.entry_json(e))
            self.error(404, "not_found", "no such route", None)

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            q = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/api/v1/scan":
                name = q.get("name") or "upload"
                if len(name) > 255:
                    return self.error(400, "bad_request", "at most 255 characters", "name")
                data = self.body(32 << 20)
                if data is None:
                    return self.error(413, "too_large", "the body is larger than the gate accepts", "body")
                if not data:
                    return self.error(400, "bad_request", "the body is empty; send the image's bytes", "body")
                if gate.args.delay:
                    time.sleep(gate.args.delay)
                e = gate.screen(data, os.path.basename(name))
                out = {"record": e["record"]}
                out.update(e["result"])
                return self.send(200, out)
            m = re.match(r"^/api/v1/records/([^/]+)/decision$", url.path)
            if m:
                if not UUID_RE.match(m.group(1)):
                    return self.error(400, "bad_request", "not a UUID", "id")
                data = self.body(64 << 10)
                if data is None:
                    return self.error(413, "too_large", "the body is larger than the gate accepts", "body")
                try:
                    req = json.loads(data)
                    assert isinstance(req, dict)
                except Exception:
                    return self.error(400, "bad_request", "not a JSON object", "body")
                extra = set(req) - {"decision", "note"}
                if extra:
                    return self.error(400, "bad_request", "unknown key", sorted(extra)[0])
                if req.get("decision") not in ("admitted", "referred", "refused"):
                    return self.error(400, "bad_request", "one of admitted, referred, refused", "decision")
                note = req.get("note", "")
                if not isinstance(note, str) or len(note) > 2000:
                    return self.error(400, "bad_request", "at most 2000 characters", "note")
                with gate.lock:
                    e = gate.find(m.group(1))
                    if e is None:
                        return self.error(404, "not_found", "record", "id")
                    d = {"decisionID": str(uuid.uuid4()).upper(), "recordID": e["record"], "gate": gate.args.gate,
                         "decision": req["decision"], "note": note,
                         "decidedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
                    e["decisions"].append(d)
                return self.send(201, d)
            self.error(404, "not_found", "no such route", None)

    return Handler


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", nargs="?", default="serve", choices=["serve"])
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--db", default=None, help="ignored (records are kept in memory)")
    p.add_argument("--gate", default="mock-gate")
    p.add_argument("--today", default=None)
    p.add_argument("--lang", default="en", choices=["en", "vi"])
    p.add_argument("--watch", default=None)
    p.add_argument("--watchlist", default=None)
    p.add_argument("--docscreen", default=os.environ.get("DOCSCREEN", "/tmp/console-dev/docscreen"))
    p.add_argument("--delay", type=float, default=0, help="seconds added to every scan (to see the busy state)")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()
    gate = Gate(args)
    if args.watch:
        threading.Thread(target=gate.watch, args=(args.watch,), daemon=True).start()
    server = ThreadingHTTPServer((args.bind, args.port), make_handler(gate))
    print(f"mock gate listening on http://{args.bind}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
