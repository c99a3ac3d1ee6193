#!/usr/bin/env python3
"""Exact-MRZ rate of a docscreen build on pages of the project's own generator, per format and capture.

Usage: scripts/generated-accuracy.py --binary BIN [--count N] [--seed S] [--kinds clean,degraded] [--out DIR]

Generates N pages with `docscreen samples generate` (same arguments, same bytes), scans them with
`docscreen scan --json --no-viz` and compares each reading with the page's truth in index.jsonl.
Prints the rate per format and per capture mode, then every miss. Exits 1 below 99.5% (issue #4's bar).
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--kinds", default="clean,degraded")
    ap.add_argument("--out", default=None, help="folder for the pages (a temporary one by default)")
    a = ap.parse_args()
    out = a.out or tempfile.mkdtemp(prefix="docscreen-generated-")
    subprocess.run([a.binary, "samples", "generate", "--out", out, "--count", str(a.count), "--seed", str(a.seed),
                    "--kinds", a.kinds], check=True, stdout=subprocess.DEVNULL)
    truth = {}
    with open(os.path.join(out, "index.jsonl")) as f:
        for line in f:
            page = json.loads(line)
            truth[page["file"]] = page
    files = [os.path.join(out, name) for name in sorted(truth)]
    scan = subprocess.run([a.binary, "scan", "--json", "--no-viz", *files], capture_output=True, text=True)
    total, exact = collections.Counter(), collections.Counter()
    misses = []
    for line in scan.stdout.splitlines():
        result = json.loads(line)
        page = truth[os.path.basename(result["file"])]
        got = result["mrz"]["lines"] if result.get("mrz") else None
        for key in ("all", "format " + page["format"], "capture " + page["capture"]["mode"]):
            total[key] += 1
            if got == page["mrz"]:
                exact[key] += 1
        if got != page["mrz"]:
            misses.append((page["file"], page["format"], page["capture"]["mode"], page["capture"]["dpi"],
                           got if got else (result.get("error") or {}).get("code")))
    for key in sorted(total):
        print(f"{key:20s} {exact[key]:4d}/{total[key]:<4d} {exact[key] / total[key]:.4f}")
    for miss in misses:
        print("miss:", *miss)
    rate = exact["all"] / max(total["all"], 1)
    return 0 if total["all"] == a.count and rate >= 0.995 else 1


if __name__ == "__main__":
    sys.exit(main())
