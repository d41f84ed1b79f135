#!/usr/bin/env python3
"""Certify every exported Tracr program with `hardmax verify` and print the README table.

Rerun (from the repository root, after `swift build -c release --product hardmax`):

    python3 certificates/tracr/certify.py            # all programs
    python3 certificates/tracr/certify.py hist sort  # some
    python3 certificates/tracr/certify.py --softmax  # model.softmax.json -> model.softmax.certificate.json

For each folder `<program>/` it runs

    hardmax verify model.json data.jsonl --weights weights.safetensors --certificate model.certificate.json

(with --failures-only for the two largest) in that folder (so the certificate names its files relatively), times the verification best of 3
(wall clock of the whole command: reading, hashing, replaying, writing), and prints one markdown row:
program, d, layers, heads, inputs, verdict, min margin or max error, least attention gap, time.
Numbers are read from the certificate as the strings it writes; nothing is converted to a float
except the timing.
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HARDMAX = os.path.join(ROOT, ".build", "release", "hardmax")
# The largest certificates keep only their failing rows (counts, margins and gaps still cover every input).
FAILURES_ONLY = {"shuffle_dyck", "shuffle_dyck2"}


def programs():
    return sorted(p for p in os.listdir(HERE) if os.path.isfile(os.path.join(HERE, p, "model.json")))


def certify(program, softmax=False):
    folder = os.path.join(HERE, program)
    stem = "model.softmax" if softmax else "model"
    command = [HARDMAX, "verify", stem + ".json", "data.jsonl", "--weights", "weights.safetensors",
               "--certificate", stem + ".certificate.json"] + (["--failures-only"] if program in FAILURES_ONLY else [])
    best = None
    for _ in range(1 if softmax else 3):
        start = time.perf_counter()
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode not in (0, 1):
            sys.exit(f"{program}: hardmax verify failed:\n{run.stderr}")
        best = elapsed if best is None else min(best, elapsed)
    with open(os.path.join(folder, stem + ".certificate.json")) as f:
        certificate = json.load(f)
    with open(os.path.join(folder, stem + ".json")) as f:
        model = json.load(f)
    attention = [layer for layer in model["layers"] if layer["type"] == "attention"]
    counts = certificate["counts"]
    def shown(v):
        # An interval ["lo", "hi"] (softmax) is shown by its ends to 6 decimals, computed exactly.
        if isinstance(v, list):
            return "[" + ", ".join(decimal(t) for t in v) + "]"
        return v
    if "maxError" in certificate:
        quality = f"max error {shown(certificate['maxError'])}"
    else:
        quality = f"min margin {shown(certificate['minMargin'])}"
    if softmax:
        counts = certificate["counts"]
        verdict = certificate["verdict"]
        if counts["failed"] or counts["undecided"]:
            verdict += f" ({counts['failed']} fail, {counts['undecided']} undecided)"
        precisions = {r.get("precision") for r in certificate["results"]}
        return (f"| `{program}` | {counts['sequences']} | {verdict} | {quality} | "
                f"{max((p for p in precisions if p), default='exact') if certificate['results'] else '(rows left out)'} | {best:.1f} s |")
    gaps = [g["gap"] for g in certificate["attentionGaps"] if g["gap"] is not None]
    # The least gap, compared exactly as fractions of integers.
    def key(text):
        n, _, d = text.partition("/")
        return (int(n), int(d or 1))
    least = None
    for g in gaps:
        (a, b) = key(g)
        if least is None or a * key(least)[1] < key(least)[0] * b:
            least = g
    verdict = certificate["verdict"]
    if verdict == "fail":
        verdict += f" ({counts['failed']} of {counts['sequences']})"
    return (f"| `{program}` | {model['dimension']} | {len(attention)} | {len(attention[0]['heads'])} | "
            f"{counts['sequences']} | {verdict} | {quality} | {least if least else 'none'} | "
            f"{best * 1000:.0f} ms |")


def decimal(text):
    """p/q to 6 decimals, rounded toward zero, with integers only."""
    n, _, d = text.partition("/")
    n, d = int(n), int(d or 1)
    sign = "-" if n < 0 else ""
    if n != 0 and abs(n) * 10**4 < d:   # below 1e-4: three digits and a power of ten
        k = 0
        while abs(n) * 10**k < d:
            k += 1
        digits = abs(n) * 10**(k + 2) // d
        return f"{sign}{digits // 100}.{digits % 100:02d}e-{k}"
    whole, rest = divmod(abs(n), d)
    return f"{sign}{whole}.{rest * 10**6 // d:06d}"


def main():
    arguments = sys.argv[1:]
    softmax = "--softmax" in arguments
    chosen = [a for a in arguments if a != "--softmax"] or programs()
    if softmax:
        print("| program | inputs | verdict under softmax | min margin / max error (interval) | precision | verify |")
        print("|---|---|---|---|---|---|")
    else:
        print("| program | d | layers | heads | inputs | verdict | min margin / max error | least attention gap | verify |")
        print("|---|---|---|---|---|---|---|---|---|")
    for program in chosen:
        print(certify(program, softmax))


if __name__ == "__main__":
    main()
