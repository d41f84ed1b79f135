"""Replay model.json with softreplay.py and compare it with PyTorch's own predictions.

Rerun (from the repository root, after train.py; needs python-flint, numpy, safetensors):

    python3 certificates/softmax-encoder/compare.py

It runs ../shared/bench/softreplay.py (an independent replay of SPEC sections 10 and 11 with
python-flint's arb balls) on train.jsonl then test.jsonl (sequences 0-39 and 40-79) at 64 bits,
writes its per-sequence output to `softreplay.json` ({index: [status, margin lo, margin hi, prec]},
exact endpoints), and prints, for README.md:
- verdict counts per split, and softreplay's replay time;
- every decided sequence against PyTorch's float64 and float32 predictions (a pass must be a sequence
  that PyTorch predicts correctly, a fail one it predicts wrongly);
- how far PyTorch's margins (label logit minus the largest other) lie from softreplay's enclosure of
  the real margin, and the widest enclosure;
- the least precision at which softreplay decides every sequence (a scan with --max-prec equal to
  --prec, so no doubling; below some precision an enclosure becomes infinite and softreplay stops
  with a TypeError, which the scan reports as such).
"""

import json
import os
import re
import subprocess
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
SOFTREPLAY = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench", "softreplay.py"))


def softreplay(prec, max_prec, out=None):
    cmd = [sys.executable, SOFTREPLAY, "model.json", "train.jsonl", "test.jsonl",
           "--weights", "model.safetensors", "--prec", str(prec), "--max-prec", str(max_prec), "--quiet"]
    if out:
        cmd += ["--json", out]
    proc = subprocess.run(cmd, cwd=HERE, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    line = lines[-1] if lines else ""
    m = re.search(r"(\d+) passed, (\d+) failed, (\d+) undecided.*; ([0-9.]+) s replay", line)
    if proc.returncode not in (0, 1) or not m:
        if out:
            sys.exit(f"softreplay failed: {proc.stdout}\n{proc.stderr}")
        return None, None, proc.stderr.strip().splitlines()[-1]
    return [int(m.group(i)) for i in (1, 2, 3)], float(m.group(4)), line


def distance(x, lo, hi):
    return 0 if lo <= x <= hi else min(abs(x - lo), abs(x - hi))


def main():
    counts, seconds, line = softreplay(64, 4096, os.path.join(HERE, "softreplay.json"))
    print(line)
    with open(os.path.join(HERE, "softreplay.json")) as f:
        replay = json.load(f)
    with open(os.path.join(HERE, "pytorch-predictions.json")) as f:
        torch_rows = json.load(f)["sequences"]
    assert len(replay) == len(torch_rows) == 80
    table = {}
    worst = {"float64": (0, None), "float32": (0, None)}
    off_mid = (0, None)
    widest, precs, disagreements = 0, set(), []
    for j, row in enumerate(torch_rows):
        status, lo, hi, prec = replay[str(j)]
        split = row["file"].split(".")[0]
        t = table.setdefault(split, {"pass": 0, "fail": 0, "undecided": 0, "agree64": 0, "agree32": 0})
        t[status] += 1
        precs.add(prec)
        lo, hi = Fraction(lo), Fraction(hi)
        widest = max(widest, hi - lo)
        for p in ("float32", "float64"):
            correct = row[p]["predicted"] == row["label"]
            if status != "undecided":
                if (status == "pass") == correct:
                    t["agree" + p[-2:]] += 1
                else:
                    disagreements.append((j, row["id"], p, status, row[p]["predicted"], row["label"],
                                          float.fromhex(row[p]["gap"])))
            margin = Fraction(float.fromhex(row[p]["margin"]))
            dist = distance(margin, lo, hi)
            if p == "float64" and abs(margin - (lo + hi) / 2) >= off_mid[0]:
                off_mid = (abs(margin - (lo + hi) / 2), row["id"])
            if dist >= worst[p][0]:
                worst[p] = (dist, row["id"])
    print("\n| split | sequences | pass | fail | undecided | decided = PyTorch float64 | decided = PyTorch float32 |")
    print("|---|---|---|---|---|---|---|")
    for split, t in table.items():
        n = t["pass"] + t["fail"] + t["undecided"]
        print(f"| {split} | {n} | {t['pass']} | {t['fail']} | {t['undecided']} | "
              f"{t['agree64']} of {t['pass'] + t['fail']} | {t['agree32']} of {t['pass'] + t['fail']} |")
    print(f"\nprecision used: {sorted(precs, key=lambda p: (p is None, p))}; replay {seconds:.2f} s at 64 bits")
    print(f"widest margin enclosure at 64 bits: {float(widest):.3g}")
    for p in ("float64", "float32"):
        d, who = worst[p]
        print(f"largest distance from PyTorch {p}'s margin to the enclosure: {float(d):.3g} ({who})")
    print(f"largest |float64 margin - enclosure midpoint|: {float(off_mid[0]):.3g} ({off_mid[1]})")
    print(f"disagreements with PyTorch: {disagreements or 'none'}")
    for j, row in enumerate(torch_rows):
        if replay[str(j)][0] != "pass":
            print(f"non-passing: {row['id']} label {row['label']}: softreplay {replay[str(j)][0]}, "
                  f"margin {float(Fraction(replay[str(j)][1])):.6f}; float32 predicts "
                  f"{row['float32']['predicted']} (gap {float.fromhex(row['float32']['gap']):.4f}), "
                  f"float64 predicts {row['float64']['predicted']}")
    print("\nprecision scan (--prec P --max-prec P):")
    for prec in (16, 24, 26, 28, 32, 48, 64, 128, 256):
        counts, seconds, line = softreplay(prec, prec)
        if counts is None:
            print(f"  {prec} bits: softreplay stopped: {line}")
            continue
        print(f"  {prec} bits: {counts[0]} pass, {counts[1]} fail, {counts[2]} undecided, {seconds:.2f} s")


if __name__ == "__main__":
    main()
