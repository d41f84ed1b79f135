"""Every Tracr program under hardmax and under softmax, replayed by softreplay.py, against Tracr.

Rerun (from the repository root, after export.py; needs python-flint, numpy, safetensors and
tracr-pypi, and ../shared beside the repository):

    python3 certificates/tracr/softmax_compare.py            # every program, then the README table
    python3 certificates/tracr/softmax_compare.py hist sort  # some

For each folder `<program>/`, in a fresh process (Tracr compiles each program once per process):

1. `softreplay.py model.json data.jsonl --weights weights.safetensors` (hardmax, exact rationals)
   and `softreplay.py model.softmax.json ... --prec 64` (softmax: arb balls at 64 bits, undecided
   sequences doubled up to 4096), each with `--json`: per-sequence verdicts, margin (or error)
   intervals, precision, and softreplay's own replay time.
2. Per position: softreplay's own `replay` and `judge` (imported from ../shared/bench), run once per
   sequence and judged at each labelled position alone, under hardmax and under softmax at the
   precision the command line needed for that sequence; and Tracr's float32 forward pass (batched per
   length, as check_mapping.py runs it). It lists every position where the hardmax and softmax
   statuses differ, and every position where Tracr's float32 output is right but softmax fails or
   wrong but softmax passes (for numerical outputs, right = within model.softmax.json's tolerance),
   and the largest shift: over all positions, how far the softmax enclosure of a position's margin
   (or error) reaches from its exact hardmax value.

It prints one JSON summary per program and then the markdown table of certificates/tracr/README.md.
Margins and errors are exact fractions from softreplay (printed to 4 significant digits).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench"))
SOFTREPLAY = os.path.join(BENCH, "softreplay.py")


def run_softreplay(folder, model_file, out):
    cmd = [sys.executable, SOFTREPLAY, model_file, "data.jsonl", "--weights", "weights.safetensors",
           "--prec", "64", "--max-prec", "4096", "--quiet", "--json", out]
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True)
    wall = time.time() - t0
    line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    m = re.search(r"(\d+) passed, (\d+) failed, (\d+) undecided;.*max prec (\S+); ([0-9.]+) s replay", line)
    if proc.returncode not in (0, 1) or not m:
        raise RuntimeError(f"softreplay {model_file} in {folder}: {proc.stdout}\n{proc.stderr}")
    with open(out) as f:
        rows = json.load(f)
    return {"pass": int(m.group(1)), "fail": int(m.group(2)), "undecided": int(m.group(3)),
            "max_prec": m.group(4), "replay_seconds": float(m.group(5)), "wall_seconds": round(wall, 1),
            "line": line}, rows


def extreme(rows, kind):
    """Least margin lower end (classes) or largest error upper end (values) over the sequences."""
    ends = [Fraction(r[1] if kind == "classes" else r[2]) for r in rows.values()
            if r[1] is not None and r[2] is not None]
    if not ends:
        return None
    return min(ends) if kind == "classes" else max(ends)


def per_position(sr, model, seqs, precs):
    """{(sequence, position): (status, lo, hi)} with softreplay's replay and judge."""
    from flint import ctx
    out = {}
    for j, seq in enumerate(seqs):
        ctx.prec = precs.get(j) or 64
        X, poison = sr.replay(model, seq, False, True)
        sid, toks, (kind, labels) = seq[:3]
        assert kind == "tok"
        for t, lab in enumerate(labels):
            if lab is None:
                continue
            masked = [None] * len(labels)
            masked[t] = lab
            out[(j, t)] = sr.judge(model, (sid, toks, ("tok", masked)) + tuple(seq[3:]), X, poison)
    return out


def one(name):
    sys.path.insert(0, HERE)
    sys.path.insert(0, BENCH)
    import numpy as np
    import softreplay as sr
    import export
    import check_mapping
    folder = os.path.join(HERE, name)
    summary = {"program": name}
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for sem, fn in (("hardmax", "model.json"), ("softmax", "model.softmax.json")):
            runs[sem] = run_softreplay(folder, fn, os.path.join(tmp, sem + ".json"))
    tensors = sr.load_safetensors([os.path.join(folder, "weights.safetensors")])
    models = {sem: sr.read_model(os.path.join(folder, fn), tensors)
              for sem, fn in (("hardmax", "model.json"), ("softmax", "model.softmax.json"))}
    kind = models["softmax"]["readout"]["kind"]
    tolerance = models["softmax"]["readout"]["tolerance"]
    tolerance = Fraction(int(tolerance.p), int(tolerance.q))
    seqs = sr.load_dataset(os.path.join(folder, "data.jsonl"))
    for sem in ("hardmax", "softmax"):
        counts, rows = runs[sem]
        summary[sem] = {k: counts[k] for k in ("pass", "fail", "undecided", "max_prec", "replay_seconds")}
        e = extreme(rows, kind)
        summary[sem]["min_margin" if kind == "classes" else "max_error"] = None if e is None else str(e)
        summary[sem]["precisions"] = sorted({r[3] for r in rows.values() if r[3] is not None})

    t0 = time.time()
    pos = {sem: per_position(sr, models[sem], seqs,
                             {int(j): r[3] for j, r in runs[sem][1].items()})
           for sem in ("hardmax", "softmax")}
    # the per-position statuses must add up to the command line's per-sequence verdicts
    for sem in ("hardmax", "softmax"):
        sts = {}
        for (j, t), v in pos[sem].items():
            sts.setdefault(j, []).append(v[0])
        for j in range(len(seqs)):
            got = sts.get(j, [])
            st = "fail" if "fail" in got else "undecided" if "undecided" in got else "pass"
            assert st == runs[sem][1][str(j)][0], (name, sem, j, st, runs[sem][1][str(j)])

    # Tracr's own float32 forward pass
    program, model, spec = export.compile_program(name)
    classes = models["softmax"]["readout"]["names"]
    by_len = {}
    for j, seq in enumerate(seqs):
        by_len.setdefault(len(seq[1][1]), []).append(j)
    tracr_right = {}
    for T, js in by_len.items():
        out = check_mapping._tracr_outputs(model, [seqs[j][1][1] for j in js])
        for b, j in enumerate(js):
            for t, lab in enumerate(seqs[j][2][1]):
                if lab is None:
                    continue
                if kind == "classes":
                    tracr_right[(j, t)] = classes[int(out[b, t])] == sr.class_label(lab)
                else:
                    err = abs(Fraction(float(out[b, t])) - Fraction(sr.parse_num(str(lab))
                              if isinstance(lab, str) else lab))
                    tracr_right[(j, t)] = err <= tolerance
    summary["per_position_seconds"] = round(time.time() - t0, 1)

    def where(j, t):
        return f"{seqs[j][0]} @{t}"

    hs_diff = [(where(*k), pos["hardmax"][k][0], pos["softmax"][k][0],
                [str(v) for v in pos["softmax"][k][1:]])
               for k in sorted(pos["softmax"]) if pos["hardmax"][k][0] != pos["softmax"][k][0]]
    tr_diff = [(where(*k), "tracr " + ("right" if tracr_right[k] else "wrong"), pos["softmax"][k][0])
               for k in sorted(pos["softmax"])
               if pos["softmax"][k][0] != "undecided" and tracr_right[k] != (pos["softmax"][k][0] == "pass")]
    shift = Fraction(0)   # how far softmax moves a position's margin (error) from hardmax's, at most
    for k, (st, lo, hi) in pos["softmax"].items():
        h = pos["hardmax"][k]
        if None not in (lo, hi, h[1]) and h[1] == h[2]:
            shift = max(shift, abs(lo - h[1]), abs(hi - h[1]))
    summary["max_shift"] = str(shift)
    summary["positions"] = len(pos["softmax"])
    summary["hardmax_vs_softmax_positions"] = len(hs_diff)
    summary["hardmax_vs_softmax_examples"] = hs_diff[:10]
    summary["tracr_float32_vs_softmax_positions"] = len(tr_diff)
    summary["tracr_float32_vs_softmax_examples"] = tr_diff[:10]
    summary["tracr_float32_wrong_positions"] = sum(1 for v in tracr_right.values() if not v)
    summary["softmax_undecided_positions"] = sum(1 for v in pos["softmax"].values() if v[0] == "undecided")
    summary["softmax_failed_positions"] = sum(1 for v in pos["softmax"].values() if v[0] == "fail")
    summary["hardmax_failed_positions"] = sum(1 for v in pos["hardmax"].values() if v[0] == "fail")
    summary["tolerance"] = str(tolerance) if kind == "values" else None
    return summary


def short(q):
    return "null" if q is None else f"{float(Fraction(q)):.4g}"


def table(summaries):
    print("| program | inputs | hardmax: pass / fail / undecided | softmax: pass / fail / undecided "
          "| positions hardmax != softmax | Tracr float32 != softmax | min margin (max error) hardmax "
          "| softmax | largest shift | precision | softreplay hardmax | softmax |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in summaries:
        h, m = s["hardmax"], s["softmax"]
        key = "min_margin" if "min_margin" in h else "max_error"
        inputs = h["pass"] + h["fail"] + h["undecided"]
        prec = ", ".join(str(p) for p in m["precisions"]) or "exact"
        print(f"| `{s['program']}` | {inputs} | {h['pass']} / {h['fail']} / {h['undecided']} | "
              f"{m['pass']} / {m['fail']} / {m['undecided']} | {s['hardmax_vs_softmax_positions']} | "
              f"{s['tracr_float32_vs_softmax_positions']} | "
              f"{short(h[key])}{'' if key == 'min_margin' else ' (error)'} | {short(m[key])} | "
              f"{float(Fraction(s['max_shift'])):.2g} | {prec} | "
              f"{h['replay_seconds']:.1f} s | {m['replay_seconds']:.1f} s |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("programs", nargs="*")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print("SUMMARY " + json.dumps(one(args.one)), flush=True)
        return
    sys.path.insert(0, HERE)
    import export
    names = args.programs or export.PROGRAM_NAMES
    summaries = []
    for name in names:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", name],
                              capture_output=True, text=True)
        lines = [l for l in proc.stdout.splitlines() if l.startswith("SUMMARY ")]
        if proc.returncode != 0 or not lines:
            print(f"{name}: FAILED (exit {proc.returncode})\n{proc.stderr[-3000:]}", flush=True)
            continue
        s = json.loads(lines[-1][len("SUMMARY "):])
        summaries.append(s)
        print(json.dumps(s), flush=True)
    print()
    table(summaries)


if __name__ == "__main__":
    main()
