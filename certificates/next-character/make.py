#!/usr/bin/env python3
"""Next-character prediction over a real word list, constructed and certified by hardmax.

Rerun (from the repository root, after `swift build -c release --product hardmax`):

    /tmp/tracr-venv/bin/pip install names==0.3.0     # PyPI package `names` (MIT licence), ships the lists
    python3 certificates/next-character/make.py      # or with the Python that has `names`

The word list is `names/dist.male.first` from the PyPI package `names` 0.3.0 (Trey Hunner, MIT licence;
the list itself is the 1990 US Census first-name list): 1219 first names, lower-cased. Each name is a
sequence of symbol tokens, one per letter; position t is labelled by the next letter, the last by the
end mark `$`. Causal contexts with positions (`--mask causal --positions index`): position t sees
exactly the prefix x_1..x_t.

Files written here:
- `names.jsonl`: every position labelled. A prefix continued two ways (`mar` -> `k` in mark, `t` in
  martin) is a conflict: `hardmax construct` refutes the data set (exit 1) and writes
  `names.certificate.json` (verdict impossible, every conflict with both positions).
- `names-deterministic.jsonl`: the deterministic part: a position keeps its label only when every name
  with that prefix continues it the same way; the others are null (replayed, not checked).
  `hardmax construct` builds `names-deterministic.json` and its certificate (passing rows left out).
Then it prints the numbers of the README (counts, blocks, parameters, times).
"""
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HARDMAX = os.path.join(ROOT, ".build", "release", "hardmax")
END = "$"


def words():
    import names
    path = os.path.join(os.path.dirname(names.__file__), "dist.male.first")
    with open(path) as f:
        out = [line.split()[0].lower() for line in f if line.strip()]
    assert len(out) == len(set(out)), "the list repeats a name"
    return out


def write(path, records):
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r, separators=(", ", ": ")) + "\n")


def run(arguments):
    start = time.perf_counter()
    r = subprocess.run([HARDMAX] + arguments, cwd=HERE, capture_output=True, text=True)
    return r, time.perf_counter() - start


def main():
    names = words()
    labels = [list(w[1:]) + [END] for w in names]
    continuations = {}
    for w, ls in zip(names, labels):
        for t, label in enumerate(ls):
            continuations.setdefault(w[:t + 1], set()).add(label)
    write(os.path.join(HERE, "names.jsonl"),
          [{"id": w, "tokens": list(w), "labels": ls} for w, ls in zip(names, labels)])
    deterministic = [[l if len(continuations[w[:t + 1]]) == 1 else None for t, l in enumerate(ls)]
                     for w, ls in zip(names, labels)]
    write(os.path.join(HERE, "names-deterministic.jsonl"),
          [{"id": w, "tokens": list(w), "labels": ls} for w, ls in zip(names, deterministic)])
    positions = sum(map(len, names))
    kept = sum(l is not None for ls in deterministic for l in ls)
    print(f"words: {len(names)}, positions: {positions}, distinct prefixes: {len(continuations)}, "
          f"prefixes continued two or more ways: {sum(len(c) > 1 for c in continuations.values())}, "
          f"deterministic positions: {kept}")

    r, seconds = run(["construct", "names.jsonl", "-o", "names.json", "--mask", "causal", "--positions", "index"])
    if r.returncode != 1 or "impossible" not in r.stdout:
        sys.exit("expected a refutation:\n" + r.stdout + r.stderr)
    conflicts = re.search(r"\((\d+) conflicting pair", r.stdout).group(1)
    print(f"names.jsonl: refuted, {conflicts} conflicts ({seconds:.2f} s); certificate names.certificate.json")

    r, seconds = run(["construct", "names-deterministic.jsonl", "-o", "names-deterministic.json", "--mask", "causal",
                      "--positions", "index", "--failures-only"])
    if r.returncode != 0:
        sys.exit("expected a model:\n" + r.stdout + r.stderr)
    print(r.stdout)
    print(f"construct + write + verify + certify: {seconds:.2f} s")
    r, check = run(["check", "names-deterministic.certificate.json"])
    print(r.stdout.strip())
    print(f"check (replays the model file on every position): {check:.2f} s")
    r, _ = run(["construct", "names-deterministic.jsonl", "-o", "/tmp/hardmax-names-nopos.json", "--mask", "causal",
                "--certificate", "/tmp/hardmax-names-nopos.certificate.json"])
    found = re.search(r"\((\d+) conflicting pair", r.stdout)
    print("without positions: " + (f"refuted, {found.group(1)} conflicts (prefixes with the same letters in "
                                   "proportion)" if found else "constructed"))


if __name__ == "__main__":
    main()
