#!/usr/bin/env python3
"""Construct a hardmax model for every Tracr program's finite input/output table and compare sizes.

Rerun (from the repository root, after `swift build -c release --product hardmax`):

    python3 certificates/tracr-construct/construct.py            # all programs
    python3 certificates/tracr-construct/construct.py hist sort  # some

For each program folder `../tracr/<program>/` (its `data.jsonl` is the table: every input of length 1 to
max_seq_len, labelled per position by RASP), it runs in `<program>/` here

    hardmax construct ../../tracr/<program>/data.jsonl -o model.json --mask none --positions P --failures-only

first with P = none; when that is refuted (two labelled positions with one token and one sequence
measure), with P = index. `--mask none`: Tracr compiles non-causal models, so the contexts are
bidirectional. The certificate (`model.certificate.json`, passing rows left out; counts and the
minimum margin cover every position) comes from `hardmax verify` replaying the written file; CI
re-checks it. Then it reads both models' sizes with `hardmax inspect` (blocks, parameters,
non-zeros) and, exactly with fractions, the largest magnitude and bit length of any number
(Tracr's float32 weights read exactly), and prints the README table.
"""
import json
import os
import re
import subprocess
import sys
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TRACR = os.path.join(ROOT, "certificates", "tracr")
HARDMAX = os.path.join(ROOT, ".build", "release", "hardmax")


def programs():
    return sorted(p for p in os.listdir(TRACR) if os.path.isfile(os.path.join(TRACR, p, "data.jsonl")))


def inspect(model, folder, weights=None):
    command = [HARDMAX, "inspect", model] + (["--weights", weights] if weights else [])
    out = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=True).stdout
    blocks = int(re.search(r"in (\d+) blocks", out).group(1))
    parameters, nonzero = map(int, re.search(r"^parameters: (\d+), non-zero (\d+)", out, re.M).groups())
    return blocks, parameters, nonzero


def numbers_of_json(value):
    """Every number of our model file (strings p or p/q), as exact fractions."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in ("metadata", "vocabulary", "classes", "format", "version", "dimension"):
                yield from numbers_of_json(v)
    elif isinstance(value, list):
        for v in value:
            yield from numbers_of_json(v)
    elif isinstance(value, str) and re.fullmatch(r"-?\d+(/\d+)?", value):
        yield Fraction(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        yield Fraction(value)


def numbers_of_tracr(folder):
    import numpy as np
    from safetensors.numpy import load_file
    tensors = load_file(os.path.join(folder, "weights.safetensors"))
    with open(os.path.join(folder, "model.json")) as f:
        inline = list(numbers_of_json(json.load(f).get("readout", {})))
    for t in tensors.values():
        for x in np.unique(t.astype(np.float32)):
            yield Fraction(float(x))   # a float32 widened exactly, then its exact rational value
    yield from inline


def largest(numbers):
    magnitude, bits = Fraction(0), 0
    for x in numbers:
        magnitude = max(magnitude, abs(x))
        bits = max(bits, x.numerator.bit_length(), x.denominator.bit_length())
    return magnitude, bits


def shown(x):
    return str(x) if x.denominator == 1 else f"{x} (~{float(x):.3g})"


def construct(program):
    folder = os.path.join(HERE, program)
    os.makedirs(folder, exist_ok=True)
    data = os.path.join("..", "..", "tracr", program, "data.jsonl")
    for positions in ("none", "index"):
        start = time.perf_counter()
        run = subprocess.run([HARDMAX, "construct", data, "-o", "model.json", "--mask", "none",
                              "--positions", positions, "--failures-only", "--jobs", "2"],
                             cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if run.returncode == 0:
            break
        if "impossible" not in run.stdout:
            sys.exit(f"{program}: hardmax construct failed:\n{run.stdout}\n{run.stderr}")
        refuted = re.search(r"\((\d+) conflicting pair", run.stdout).group(1)
    else:
        sys.exit(f"{program}: refuted even with positions index")
    with open(os.path.join(folder, "model.certificate.json")) as f:
        certificate = json.load(f)
    assert certificate["verdict"] == "pass" and certificate["minMargin"] == "1/2", program
    with open(os.path.join(folder, "model.json")) as f:
        ours = json.load(f)
    meta = ours["metadata"]
    tracr_folder = os.path.join(TRACR, program)
    t_blocks, t_params, t_nonzero = inspect("model.json", tracr_folder, "weights.safetensors")
    o_blocks, o_params, o_nonzero = inspect("model.json", folder)
    t_mag, t_bits = largest(numbers_of_tracr(tracr_folder))
    o_mag, o_bits = largest(numbers_of_json(ours))
    size = os.path.getsize(os.path.join(folder, "model.json"))
    note = "none" if positions == "none" else f"index ({refuted} conflicts without)"
    return (f"| `{program}` | {certificate['counts']['sequences']} | {meta['labelledPositions']} | {note} | "
            f"{meta['contexts']} | {t_blocks} / {o_blocks} | {t_params} / {o_params} | {t_nonzero} / {o_nonzero} | "
            f"{shown(t_mag)}, {t_bits} bits / {shown(o_mag)}, {o_bits} bits | {size // 1024} KB | {elapsed:.1f} s |")


def main():
    chosen = sys.argv[1:] or programs()
    print("| program | inputs | labelled positions | positions | contexts K | blocks Tracr / ours | "
          "parameters Tracr / ours | non-zero Tracr / ours | largest number Tracr / ours | our model file | "
          "construct + verify |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for program in chosen:
        print(construct(program), flush=True)


if __name__ == "__main__":
    main()
