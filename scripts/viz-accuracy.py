#!/usr/bin/env python3
"""Per-field accuracy of the printed-page (VIZ) reader on a corpus with ground truth.

Usage: scripts/viz-accuracy.py [--corpus DIR] [--binary PATH] [--scans FILE.jsonl]

Runs `docscreen scan --json` over every image of DIR/index.jsonl (or reads the scan output from --scans),
then compares each VIZ field read with what the page prints (`viz` in the index). Prints, per subset
(clean, degraded, fraud) and field: exact (as printed, diacritics included), folded (upper case, no
diacritics, no spaces: what the cross-check compares) and found (a value was assigned to the field).
Also prints viz.mismatch counts on genuine documents and the mean VIZ time per scan.
"""
import argparse, json, os, subprocess, sys, unicodedata
from collections import defaultdict

FIELDS = [("surname", "surname"), ("given_names", "given"), ("nationality", "nationality"), ("birth_date", "dob"),
          ("sex", "sex"), ("document_number", "number"), ("expiry_date", "expiry")]


def fold(s):
    s = unicodedata.normalize("NFD", s.upper().replace("Đ", "D").replace("Ł", "L").replace("Ø", "O"))
    return "".join(c for c in s if c.isalnum())


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus-dev"))
    ap.add_argument("--binary", default=None)
    ap.add_argument("--scans", default=None, help="scan --json output already made")
    ap.add_argument("--today", default=None)
    a = ap.parse_args()
    truth = [json.loads(l) for l in open(os.path.join(a.corpus, "index.jsonl"))]
    if a.scans:
        lines = open(a.scans).read().splitlines()
    else:
        binary = a.binary or subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], capture_output=True,
                                            text=True, cwd=os.path.join(here, "..")).stdout.strip() + "/docscreen"
        today = a.today or truth[0].get("reference_date", "2026-11-22")
        files = [os.path.join(a.corpus, r["file"]) for r in truth]
        lines = subprocess.run([binary, "scan", "--json", "--today", today, *files], capture_output=True, text=True).stdout.splitlines()
    out = {}
    for l in lines:
        try:
            o = json.loads(l)
        except ValueError:
            continue
        out[os.path.basename(o.get("file", ""))] = o
    stats = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))  # subset -> field -> exact, folded, found, total
    times, false_mismatch, genuine = [], [], 0
    for r in truth:
        o = out.get(r["file"])
        if o is None:
            continue
        subset = r["kind"]
        fields = ((o.get("viz") or {}).get("fields")) or {}
        for key, tkey in FIELDS:
            s = stats[subset][key]
            s[3] += 1
            got = (fields.get(key) or {}).get("value")
            if got is None:
                continue
            s[2] += 1
            want = r["viz"][tkey]
            s[0] += " ".join(got.split()) == " ".join(unicodedata.normalize("NFC", want).split())
            s[1] += fold(got) == fold(want)
        if o.get("timingsMs", {}).get("viz"):
            times.append(o["timingsMs"]["viz"])
        if not r["fraud"]:
            genuine += 1
            if any(f.get("code") == "viz.mismatch" for f in o.get("findings", [])):
                false_mismatch.append(r["file"])
    print(f"{'subset':9s} {'field':16s} {'exact':>7s} {'folded':>7s} {'found':>7s}   (of n)")
    for subset in ("clean", "degraded", "fraud"):
        for key, _ in FIELDS:
            e, f, fd, n = stats[subset][key]
            if n:
                print(f"{subset:9s} {key:16s} {e / n:7.1%} {f / n:7.1%} {fd / n:7.1%}   ({n})")
    allf = [stats[s][k] for s in stats for k, _ in FIELDS]
    n = sum(x[3] for x in allf)
    if n:
        print(f"{'all':9s} {'all fields':16s} {sum(x[0] for x in allf) / n:7.1%} {sum(x[1] for x in allf) / n:7.1%} {sum(x[2] for x in allf) / n:7.1%}   ({n})")
    print(f"viz.mismatch on genuine documents: {len(false_mismatch)}/{genuine}" + "".join("\n  " + x for x in false_mismatch))
    if times:
        times.sort()
        print(f"VIZ time per scan: mean {sum(times) / len(times):.1f} ms, median {times[len(times) // 2]:.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
