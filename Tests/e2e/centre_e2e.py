#!/usr/bin/env python3
"""End to end, real processes on loopback: one centre, two gates, scans through the gates' API while the centre is
killed with SIGKILL and restarted twice (and one gate killed and restarted once); afterwards the centre must hold
every gate record exactly once (record ids compared with the gates' own stores) and the outboxes must be empty.
Then `docscreen sync` drains a gate that ran without a centre.

    python3 Tests/e2e/centre_e2e.py --binary .build/debug/docscreen --store sqlite
    python3 Tests/e2e/centre_e2e.py --binary .build/debug/docscreen --store postgres --postgres-url postgres://...

Exit status 0 only when every check holds. Only the repository's own synthetic samples are scanned.
"""
import argparse
import collections
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = [os.path.join(ROOT, "samples", "pages", n) for n in
           ("td3-clean-00000.jpg", "td1-phone-00000.jpg", "mrva-flat-00000.png", "td3-altered-00000.jpg")]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, timeout=60):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Process:
    """A docscreen server process on a fixed port, restartable."""

    def __init__(self, name, args, port, log_dir):
        self.name, self.args, self.port = name, args, port
        self.log = open(os.path.join(log_dir, name + ".log"), "ab")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(self.args, stdout=self.log, stderr=self.log)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"FAIL {self.name} exited with {self.proc.returncode} (see its log)")
            try:
                status, _ = http("GET", f"http://127.0.0.1:{self.port}/api/v1/health", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"FAIL {self.name} did not answer within 60 s")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        raise SystemExit(1)


def centre_ids(store, location):
    if store == "sqlite":
        with sqlite3.connect(location) as db:
            scans = [r[0] for r in db.execute("SELECT recordID FROM scan")]
            decisions = [r[0] for r in db.execute("SELECT decisionID FROM decision")]
        return scans, decisions
    out = subprocess.run(["psql", location, "-Atc", "SELECT record_id FROM docscreen_scan"], check=True,
                         capture_output=True, text=True).stdout.split()
    decisions = subprocess.run(["psql", location, "-Atc", "SELECT decision_id FROM docscreen_decision"], check=True,
                               capture_output=True, text=True).stdout.split()
    return out, decisions


def gate_ids(path):
    with sqlite3.connect(path) as db:
        scans = {r[0] for r in db.execute("SELECT recordID FROM scan")}
        decisions = {r[0] for r in db.execute("SELECT decisionID FROM decision")}
        outbox = db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    return scans, decisions, outbox


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("DOCSCREEN_TEST_POSTGRES"))
    parser.add_argument("--scans", type=int, default=200)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    started = time.time()

    with tempfile.TemporaryDirectory(prefix="docscreen-e2e-") as tmp:
        subprocess.run([binary, "keys", "--out", os.path.join(tmp, "keys"), "--gate", "gate-a", "--gate", "gate-b"],
                       check=True, capture_output=True)
        if args.store == "postgres":
            if not args.postgres_url:
                raise SystemExit("FAIL --store postgres needs --postgres-url or DOCSCREEN_TEST_POSTGRES (scripts/start-postgres)")
            location = args.postgres_url
            subprocess.run(["psql", location, "-qc", "SET client_min_messages = warning; DROP TABLE IF EXISTS docscreen_scan, docscreen_decision"], check=True)
        else:
            location = os.path.join(tmp, "centre.sqlite")
        centre_port = free_port()
        centre_url = f"http://127.0.0.1:{centre_port}"
        centre = Process("centre", [binary, "centre", "--port", str(centre_port), "--db", location,
                                    "--tokens", os.path.join(tmp, "keys", "tokens")], centre_port, tmp)
        gates = {}
        for name in ("gate-a", "gate-b"):
            port = free_port()
            gates[name] = Process(name, [binary, "serve", "--port", str(port), "--db", os.path.join(tmp, name + ".sqlite"),
                                         "--gate", name, "--today", "2026-11-22", "--no-viz", "--centre", centre_url,
                                         "--token-file", os.path.join(tmp, "keys", name + ".token")], port, tmp)
        processes = [centre] + list(gates.values())
        try:
            centre.start()
            for gate in gates.values():
                gate.start()
            images = [open(p, "rb").read() for p in SAMPLES]

            # Scans through the gates' API, two clients at once; every 10th scan also gets a decision.
            returned = collections.defaultdict(set)
            personal = set()
            decided = collections.defaultdict(set)
            progress = [0]
            lock = threading.Lock()
            failures = []

            def client(gate_name, count, offset):
                gate = gates[gate_name]
                i = 0
                while i < count:
                    body = images[(i + offset) % len(images)]
                    try:
                        status, answer = http("POST", f"http://127.0.0.1:{gate.port}/api/v1/scan?name=scan-{offset + i}.img", body,
                                              {"Content-Type": "application/octet-stream"})
                    except OSError:
                        time.sleep(0.2)  # the gate is being restarted: the scan is sent again
                        continue
                    if status != 200:
                        failures.append((gate_name, status, answer[:200]))
                        time.sleep(0.2)
                        continue
                    result = json.loads(answer)
                    record = result["record"]
                    fields = (result.get("mrz") or {}).get("fields") or {}
                    with lock:
                        for key in ("surname", "documentNumber"):
                            if len(fields.get(key) or "") >= 4:
                                personal.add(fields[key])
                        returned[gate_name].add(record)
                        progress[0] += 1
                    if i % 10 == 0:
                        try:
                            status, answer = http("POST", f"http://127.0.0.1:{gate.port}/api/v1/records/{record}/decision",
                                                  json.dumps({"decision": "referred", "note": "e2e"}).encode(),
                                                  {"Content-Type": "application/json"})
                            if status == 201:
                                with lock:
                                    decided[gate_name].add(json.loads(answer)["decisionID"])
                        except OSError:
                            pass
                    i += 1

            per_gate = args.scans // 2
            threads = [threading.Thread(target=client, args=("gate-a", per_gate, 0)),
                       threading.Thread(target=client, args=("gate-b", args.scans - per_gate, 1000))]
            for t in threads:
                t.start()

            def wait_progress(n):
                while progress[0] < n and any(t.is_alive() for t in threads):
                    time.sleep(0.05)

            kills = []
            for fraction in (0.25, 0.6):
                wait_progress(int(args.scans * fraction))
                centre.kill()
                kills.append(progress[0])
                time.sleep(1.5)
                centre.start()
            wait_progress(int(args.scans * 0.8))
            gates["gate-b"].kill()
            time.sleep(0.5)
            gates["gate-b"].start()
            for t in threads:
                t.join()
            check(not failures, f"every scan answered 200 ({len(failures)} failures: {failures[:3]})")
            check(sum(len(s) for s in returned.values()) == args.scans,
                  f"{args.scans} scans through the gates' API; centre SIGKILLed after {kills[0]} and {kills[1]}, restarted twice; gate-b killed once")

            # Outboxes drain.
            deadline = time.time() + 180
            while time.time() < deadline:
                outboxes = [json.loads(http("GET", f"http://127.0.0.1:{g.port}/api/v1/health")[1])["outbox"] for g in gates.values()]
                if outboxes == [0, 0]:
                    break
                time.sleep(0.25)
            check(outboxes == [0, 0], f"both outboxes empty (left: {outboxes})")

            # Exactly once: the centre's ids against the gates' own stores.
            gate_scans, gate_decisions = set(), set()
            for name in gates:
                scans, decisions, outbox = gate_ids(os.path.join(tmp, name + ".sqlite"))
                check(returned[name] <= scans, f"{name}: every record id the API returned is in its store ({len(scans)} rows)")
                check(decided[name] <= decisions, f"{name}: every decision is in its store ({len(decisions)} rows)")
                gate_scans |= scans
                gate_decisions |= decisions
            scans, decisions = centre_ids(args.store, location)
            check(len(scans) == len(set(scans)), f"centre: no scan record twice ({len(scans)} rows, {len(set(scans))} ids)")
            check(set(scans) == gate_scans, f"centre holds exactly the gates' {len(gate_scans)} scan records")
            check(len(decisions) == len(set(decisions)) and set(decisions) == gate_decisions,
                  f"centre holds exactly the gates' {len(gate_decisions)} decisions, each once")
            stats = json.loads(http("GET", f"{centre_url}/api/v1/stats")[1])
            by_gate = {name: len(gate_ids(os.path.join(tmp, name + ".sqlite"))[0]) for name in gates}
            check(stats["records"] == len(gate_scans) and stats["byGate"] == by_gate, f"GET /api/v1/stats agrees: {stats}")
            status, page = http("GET", f"{centre_url}/report")
            check(status == 200 and b"gate-a" in page and b"gate-b" in page, "GET /report shows both gates")

            # docscreen sync: a gate that ran without a centre pushes once and exits 0.
            lone_port = free_port()
            lone_db = os.path.join(tmp, "gate-a-offline.sqlite")
            lone = Process("gate-a-offline", [binary, "serve", "--port", str(lone_port), "--db", lone_db, "--gate", "gate-a",
                                              "--today", "2026-11-22", "--no-viz"], lone_port, tmp)
            lone.start()
            processes.append(lone)
            offline = set()
            for i in range(10):
                status, answer = http("POST", f"http://127.0.0.1:{lone_port}/api/v1/scan?name=offline-{i}.jpg", images[i % len(images)])
                offline.add(json.loads(answer)["record"])
            lone.stop()
            run = subprocess.run([binary, "sync", "--db", lone_db, "--to", centre_url, "--token-file",
                                  os.path.join(tmp, "keys", "gate-a.token"), "--json"], capture_output=True, text=True)
            check(len(run.stdout.strip().splitlines()) == 1, "sync --json prints its summary alone on standard output")
            summary = json.loads(run.stdout)
            check(run.returncode == 0 and summary["remaining"] == 0 and summary["rows"] == 10,
                  f"docscreen sync pushed the offline gate's 10 records and exited 0 ({summary})")
            run = subprocess.run([binary, "sync", "--db", lone_db, "--to", centre_url, "--token-file",
                                  os.path.join(tmp, "keys", "gate-a.token"), "--json"], capture_output=True, text=True)
            check(run.returncode == 0, "a second sync has nothing to send and exits 0")
            scans, _ = centre_ids(args.store, location)
            check(len(scans) == len(set(scans)) and set(scans) == gate_scans | offline,
                  f"centre now holds {len(scans)} records, each once")
            wrong = subprocess.run([binary, "sync", "--db", lone_db, "--to", centre_url, "--token-file",
                                    os.path.join(tmp, "keys", "gate-b.token"), "--timeout", "3"], capture_output=True, text=True)
            check(wrong.returncode == 0, "sync with an empty outbox exits 0 whatever the token")
        finally:
            for p in processes:
                p.stop()
        # No personal data in the servers' logs: no holder surname or document number read during the run.
        logs = b"".join(open(os.path.join(tmp, name), "rb").read() for name in os.listdir(tmp) if name.endswith(".log"))
        leaked = sorted(v for v in personal if v.encode() in logs)
        check(personal and not leaked, f"no surname or document number of the {len(personal)} read appears in the servers' logs ({leaked})")
    print(f"ok   {args.store}: done in {time.time() - started:.1f} s", flush=True)


if __name__ == "__main__":
    main()
