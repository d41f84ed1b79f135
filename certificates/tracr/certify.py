#!/usr/bin/env python3
"""Certify every exported Tracr program with `hardmax verify` and print the README table.

Rerun (from the repository root, after `swift build -c release --product hardmax`):

    python3 certificates/tracr/certify.py            # all programs
    python3 certificates/tracr/certify.py hist sort  # some

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


def certify(program):
    folder = os.path.join(HERE, program)
    command = [HARDMAX, "verify", "model.json", "data.jsonl", "--weights", "weights.safetensors",
               "--certificate", "model.certificate.json"] + (["--failures-only"] if program in FAILURES_ONLY else [])
    best = None
    for _ in range(3):
        start = time.perf_counter()
        run = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode not in (0, 1):
            sys.exit(f"{program}: hardmax verify failed:\n{run.stderr}")
        best = elapsed if best is None else min(best, elapsed)
    with open(os.path.join(folder, "model.certificate.json")) as f:
        certificate = json.load(f)
    with open(os.path.join(folder, "model.json")) as f:
        model = json.load(f)
    attention = [layer for layer in model["layers"] if layer["type"] == "attention"]
    counts = certificate["counts"]
    if "maxError" in certificate:
        quality = f"max error {certificate['maxError']}"
    else:
        quality = f"min margin {certificate['minMargin']}"
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


def main():
    chosen = sys.argv[1:] or programs()
    print("| program | d | layers | heads | inputs | verdict | min margin / max error | least attention gap | verify |")
    print("|---|---|---|---|---|---|---|---|---|")
    for program in chosen:
        print(certify(program))


if __name__ == "__main__":
    main()
