"""Independent checks of export.py's mapping from Tracr to hardmax's architecture file.

Run (from the repository root; export.py runs the same checks after exporting):

    pip install tracr-pypi safetensors
    python3 certificates/tracr/check_mapping.py               # every exported program + bias test
    python3 certificates/tracr/check_mapping.py hist sort     # only these
    python3 certificates/tracr/check_mapping.py --bias-test-only

1. Replay. A small interpreter of SPEC sections 4 and 10 (the subset export.py writes: embedding,
   position table, factored biased heads with sliced and transposed tensor references, feedforward,
   readout with pool `every`) reads `model.json` and `weights.safetensors` from disk -- not Tracr's
   objects -- and replays every input of `data.jsonl` in float64 with hardmax attention (the maximal
   scores of each head, ties averaged; scores within 1e-9 relative of the maximum count as tied, and
   the report gives the largest spread inside a tie and the least gap outside one, so that the
   tolerance is seen to decide nothing). It confirms, at every position with a non-null label, that
   the replay's unique argmax class equals Tracr's own output (its Haiku forward pass, batched per
   length; a sample is also run through `m.apply` to show the batching changes nothing), and for
   numerical outputs reports the largest difference to Tracr's value. Numerical programs are also
   replayed in exact rational arithmetic (fractions.Fraction), which gives the exact error that
   `hardmax verify` will find, so the stated tolerance is checked. The recompiled parameters must
   equal the stored tensors bit for bit.
   Disagreements with RASP's labels are reported (e.g. `length_long`), not treated as a failure of
   the mapping: those are what the certificates are for.

2. Bias test. Tracr's compiled biases are all zero and its scale cannot matter under hardmax, so
   a wrong bias mapping would pass every replay above. Here Tracr's own Haiku modules of a compiled
   model are filled with random weights, random biases and random embeddings; Haiku's float forward
   pass (softmax attention, scaled by 1/sqrt(key_size)) is compared with this interpreter's softmax
   replay of the model.json that export.py writes for those random tensors (same formulas, softmax in
   place of hardmax, exact scale sqrt(1/k)). It reports the largest absolute difference of the
   final residual stream, and, as controls, the difference when the output bias is put on every head
   or on none (both must be large).
"""

import argparse
import json
import os
import subprocess
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TIE_RTOL = 1e-9
BIAS_TEST_PROGRAMS = ["pair_balance", "shuffle_dyck2"]


# ---------------------------------------------------------------------------------------------
# The interpreter (reads only model.json and the safetensors file)


def number(x):
    if isinstance(x, bool) or not isinstance(x, (int, str)):
        raise ValueError(f"not an exact number: {x!r}")
    return Fraction(x)


class Replay:
    def __init__(self, model_json, tensors, exact=False):
        self.m, self.tensors, self.exact = model_json, tensors, exact
        m = model_json
        assert m["format"] == "hardmax-transformer" and m["version"] == 1
        self.d = m["dimension"]
        emb = m["embedding"]
        self.vocab = {s: i for i, s in enumerate(emb["vocabulary"])}
        self.E = self.matrix(emb["table"])
        assert self.E.shape == (len(self.vocab), self.d)
        self.P = self.matrix(m["positions"]["table"])
        assert self.P.shape[1] == self.d
        self.layers = []
        for li, layer in enumerate(m["layers"]):
            if layer["type"] == "attention":
                assert layer.get("mask", "none") == "none"
                heads = []
                for h in layer["heads"]:
                    Q, K = self.matrix(h["query"]), self.matrix(h["key"])
                    Wv, Wo = self.matrix(h["value"]), self.matrix(h["output"])
                    k, kv = Q.shape[0], Wv.shape[0]
                    assert Q.shape == K.shape == (k, self.d) and Wv.shape == (kv, self.d)
                    assert Wo.shape == (self.d, kv)
                    heads.append({
                        "Q": Q, "K": K, "Wv": Wv, "Wo": Wo,
                        "bq": self.vector(h.get("queryBias"), k),
                        "bk": self.vector(h.get("keyBias"), k),
                        "bv": self.vector(h.get("valueBias"), kv),
                        "bo": self.vector(h.get("outputBias"), self.d),
                        "scale": self.scale(h.get("scale", 1)),
                    })
                self.layers.append(("attention", heads, self.scalar(layer.get("residual", 1))))
            elif layer["type"] == "feedforward":
                W1, W2 = self.matrix(layer["w1"]), self.matrix(layer["w2"])
                mh = W1.shape[0]
                assert W1.shape == (mh, self.d) and W2.shape == (self.d, mh)
                self.layers.append(("feedforward", (W1, self.vector(layer["b1"], mh), W2,
                                                    self.vector(layer.get("b2"), self.d)),
                                    self.scalar(layer.get("residual", 1))))
            else:
                raise ValueError(f"layers[{li}]: unexpected type {layer['type']}")
        r = m["readout"]
        assert r["pool"] == "every"
        self.W = self.matrix(r["weight"])
        self.names = r.get("classes") or r["values"]
        self.kind = "classes" if "classes" in r else "values"
        self.b = self.vector(r.get("bias"), len(self.names))
        self.tolerance = number(r.get("tolerance", 0))
        assert self.W.shape == (len(self.names), self.d)

    # tensors
    def _cast(self, arr):
        if self.exact:
            out = np.empty(arr.shape, dtype=object)
            flat = out.reshape(-1)
            for i, x in enumerate(np.asarray(arr, dtype=np.float64).reshape(-1)):
                flat[i] = Fraction(float(x))  # exact: every float is a dyadic rational
            return out
        return np.asarray(arr, dtype=np.float64)

    def scalar(self, x):
        f = number(x)
        return f if self.exact else float(f)

    def scale(self, s):
        if isinstance(s, dict):
            q = number(s["sqrt"])
            return float(q) ** 0.5  # used by softmax only; hardmax never applies it
        return float(number(s))

    def _ref(self, ref):
        arr = self.tensors[ref["tensor"]]
        extra = set(ref) - {"tensor", "transpose", "rows", "columns"}
        assert not extra, extra
        if arr.ndim == 1:
            assert "transpose" not in ref and "columns" not in ref
            if "rows" in ref:
                a, b = ref["rows"]
                assert 0 <= a < b <= arr.shape[0]
                arr = arr[a:b]
            return arr
        assert arr.ndim == 2
        if ref.get("transpose", False):
            arr = arr.T
        if "rows" in ref:
            a, b = ref["rows"]
            assert 0 <= a < b <= arr.shape[0]
            arr = arr[a:b, :]
        if "columns" in ref:
            a, b = ref["columns"]
            assert 0 <= a < b <= arr.shape[1]
            arr = arr[:, a:b]
        return arr

    def matrix(self, ref):
        if isinstance(ref, dict):
            arr = self._ref(ref)
            assert arr.ndim == 2
            return self._cast(arr)
        rows = [[number(x) for x in row] for row in ref]
        arr = np.array(rows, dtype=object)
        return arr if self.exact else arr.astype(np.float64)

    def vector(self, ref, n):
        if ref is None:
            arr = np.zeros(n)
            return self._cast(arr)
        if isinstance(ref, dict):
            arr = self._ref(ref)
            assert arr.ndim == 1
            arr = self._cast(arr)
        else:
            arr = np.array([number(x) for x in ref], dtype=object)
            arr = arr if self.exact else arr.astype(np.float64)
        assert arr.shape == (n,), (arr.shape, n)
        return arr

    # replay
    def embed(self, batch):
        """batch: B lists of T symbols -> X of shape B x T x d."""
        T = len(batch[0])
        assert all(len(s) == T for s in batch) and T <= self.P.shape[0]
        idx = np.array([[self.vocab[s] for s in seq] for seq in batch])
        return self.E[idx] + self.P[:T][None, :, :]

    def forward(self, batch, semantics="hardmax", stats=None):
        X = self.embed(batch)
        residuals = [X]
        for kind, body, r in self.layers:
            if kind == "attention":
                Y = r * X
                for hi, h in enumerate(body):
                    q = X @ h["Q"].T + h["bq"]
                    k = X @ h["K"].T + h["bk"]
                    s = q @ np.swapaxes(k, 1, 2)  # B x T x T, unscaled
                    if semantics == "softmax":
                        z = h["scale"] * s
                        z = z - z.max(axis=-1, keepdims=True)
                        a = np.exp(z)
                        a = a / a.sum(axis=-1, keepdims=True)
                    else:
                        mx = s.max(axis=-1, keepdims=True)
                        if self.exact:
                            tied = s == mx
                        else:
                            tied = s >= mx - TIE_RTOL * (1 + np.abs(mx))
                            if stats is not None:
                                spread = np.where(tied, mx - s, 0).max()
                                gap = np.where(tied, np.inf, mx - s).min()
                                stats["tie_spread"] = max(stats.get("tie_spread", 0.0), float(spread))
                                stats["least_gap"] = min(stats.get("least_gap", np.inf), float(gap))
                        count = tied.sum(axis=-1, keepdims=True)
                        if self.exact:
                            a = np.empty(s.shape, dtype=object)
                            for ix in np.ndindex(s.shape):
                                a[ix] = Fraction(int(tied[ix]), int(count[ix[:-1] + (0,)]))
                        else:
                            a = tied / count
                    v = X @ h["Wv"].T + h["bv"]
                    Y = Y + (a @ v) @ h["Wo"].T + h["bo"]
                X = Y
            else:
                W1, b1, W2, b2 = body
                hid = X @ W1.T + b1
                hid = np.maximum(hid, 0)
                X = r * X + hid @ W2.T + b2
            residuals.append(X)
        return X, residuals

    def read(self, X):
        return X @ self.W.T + self.b  # B x T x C (or m)


def load(folder):
    from safetensors.numpy import load_file
    with open(os.path.join(folder, "model.json")) as f:
        model_json = json.load(f)
    tensors = load_file(os.path.join(folder, "weights.safetensors"))
    rows = []
    with open(os.path.join(folder, "data.jsonl")) as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    return model_json, tensors, rows


# ---------------------------------------------------------------------------------------------
# 1. Replay against Tracr


def tracr_tokens(model, symbols):
    """The data file's symbols back as Tracr's token values (1 for "1" when the vocabulary is numeric)."""
    by_symbol = {str(v): v for v in model.input_encoder.encoding_map}
    assert len(by_symbol) == len(model.input_encoder.encoding_map)
    return [by_symbol[s] for s in symbols]


def _tracr_outputs(model, batch):
    """Tracr's forward pass on a batch of equal-length inputs (BOS first), as m.apply decodes it."""
    import jax.numpy as jnp
    enc = np.array([model.input_encoder.encode(tracr_tokens(model, seq)) for seq in batch])
    out = model.forward(model.params, jnp.array(enc))
    return np.asarray(out.unembedded_output)  # categorical: argmax index; numerical: value


def check_program(folder, program, model, spec, exact_limit=20000):
    """Replays model.json + weights.safetensors from disk and compares with Tracr. Returns a report."""
    sys.path.insert(0, HERE)
    import export
    model_json, tensors, rows = load(folder)
    report = {}

    # the stored tensors are Tracr's parameters, bit for bit
    params = export.numpy_params(model)
    assert set(params) == set(tensors), set(params) ^ set(tensors)
    report["weights_bitwise_equal"] = all(
        params[k].dtype == tensors[k].dtype and params[k].shape == tensors[k].shape
        and params[k].tobytes() == tensors[k].tobytes() for k in params)

    replay = Replay(model_json, tensors)
    categorical = replay.kind == "classes"
    classes = replay.names
    if categorical:
        tracr_classes = [export._symbol(v) for v in export.output_classes(model)]
        assert tracr_classes == classes

    by_len = {}
    for row in rows:
        by_len.setdefault(len(row["tokens"]), []).append(row)

    stats = {}
    n_pos = mismatch = no_unique = 0
    replay_fail_pos = tracr_fail_pos = 0
    replay_fail_seq = set()
    tracr_fail_seq = set()
    max_num_diff = 0.0
    max_err_float = 0.0
    min_readout_margin = np.inf
    for T, group in sorted(by_len.items()):
        batch = [r["tokens"] for r in group]
        X, _ = replay.forward(batch, "hardmax", stats)
        scores = replay.read(X)
        tr = _tracr_outputs(model, batch)
        for b, row in enumerate(group):
            for t, label in enumerate(row["labels"]):
                if label is None:
                    continue
                n_pos += 1
                if categorical:
                    sc = scores[b, t]
                    top = sc.max()
                    tied = sc >= top - TIE_RTOL * (1 + abs(top))
                    pred = int(np.argmax(sc)) if tied.sum() == 1 else None
                    if pred is None:
                        no_unique += 1
                    else:
                        second = np.max(np.where(np.arange(len(sc)) == pred, -np.inf, sc)) \
                            if len(sc) > 1 else -np.inf
                        min_readout_margin = min(min_readout_margin, float(top - second))
                    tracr_pred = int(tr[b, t])
                    if pred != tracr_pred:
                        mismatch += 1
                    if pred is None or classes[pred] != str(label):
                        replay_fail_pos += 1
                        replay_fail_seq.add(row["id"])
                    if classes[tracr_pred] != str(label):
                        tracr_fail_pos += 1
                        tracr_fail_seq.add(row["id"])
                else:
                    val = float(scores[b, t, 0])
                    target = float(Fraction(label))
                    diff = abs(val - float(tr[b, t]))
                    max_num_diff = max(max_num_diff, diff)
                    max_err_float = max(max_err_float, abs(val - target))
                    if diff > 1e-4:
                        mismatch += 1
                    if abs(float(tr[b, t]) - target) > 1e-4:
                        tracr_fail_pos += 1
                        tracr_fail_seq.add(row["id"])

    # m.apply itself on a sample (first, last and every 97th input) equals the batched forward pass
    sample = rows[:5] + rows[-5:] + rows[::97]
    apply_same = True
    for row in sample:
        dec = model.apply(tracr_tokens(model, row["tokens"])).decoded
        tr = _tracr_outputs(model, [row["tokens"]])[0]
        for t in range(1, len(row["tokens"])):
            want = model.output_encoder.decode([int(tr[t])])[0] if categorical else float(tr[t])
            if dec[t] != want:
                apply_same = False

    report.update({
        "inputs": len(rows), "positions_checked": n_pos,
        "replay_vs_tracr_mismatches": mismatch,
        "tie_spread_max": stats.get("tie_spread", 0.0),
        "least_gap_outside_ties": None if stats.get("least_gap", np.inf) == np.inf else stats["least_gap"],
        "m_apply_sample_agrees": apply_same,
        "tracr_vs_rasp_failed_positions": tracr_fail_pos,
        "tracr_vs_rasp_failed_inputs": len(tracr_fail_seq),
    })
    if categorical:
        report.update({
            "replay_no_unique_argmax": no_unique,
            "replay_vs_rasp_failed_positions": replay_fail_pos,
            "replay_vs_rasp_failed_inputs": len(replay_fail_seq),
            "replay_min_readout_margin": None if min_readout_margin == np.inf else min_readout_margin,
        })
    else:
        report["max_abs_diff_replay_vs_tracr"] = max_num_diff
        report["max_error_float64_replay_vs_rasp"] = max_err_float

    # exact rational replay of numerical programs: the error hardmax verify will find
    if not categorical and len(rows) <= exact_limit:
        ex = Replay(model_json, tensors, exact=True)
        worst = Fraction(0)
        exact_fail = 0
        for T, group in sorted(by_len.items()):
            batch = [r["tokens"] for r in group]
            X, _ = ex.forward(batch, "hardmax")
            vals = ex.read(X)
            for b, row in enumerate(group):
                for t, label in enumerate(row["labels"]):
                    if label is None:
                        continue
                    err = abs(vals[b, t, 0] - Fraction(label))
                    worst = max(worst, err)
                    if err > ex.tolerance:
                        exact_fail += 1
        report["exact_max_error"] = str(worst)
        report["tolerance"] = str(ex.tolerance)
        report["exact_failed_positions"] = exact_fail

    report["ok"] = bool(report["weights_bitwise_equal"] and mismatch == 0 and apply_same)
    return report


# ---------------------------------------------------------------------------------------------
# 2. The bias test


def bias_test(name, sequences=256, seed=0):
    """Random weights and biases in Tracr's own Haiku modules: Haiku's softmax forward pass against
    the softmax replay of the architecture file export.py writes for them.

    Haiku runs twice: in float64 (jax_enable_x64; the float32 random tensors widened exactly), where
    the two computations must agree to rounding, and in float32 as Tracr ships it."""
    import tempfile
    import jax
    import jax.numpy as jnp
    from safetensors.numpy import save_file, load_file
    sys.path.insert(0, HERE)
    import export
    program, model, spec = export.compile_program(name)  # compiled as shipped: float32
    jax.config.update("jax_enable_x64", True)  # from here on Haiku can also run in float64
    rng = np.random.default_rng(seed)
    params = export.numpy_params(model)
    rand = {}
    for key, arr in params.items():
        if arr.ndim == 2 and "embed" not in key:  # kernels, in x out
            rand[key] = (0.5 * rng.standard_normal(arr.shape) / np.sqrt(arr.shape[0])).astype(np.float32)
        else:  # biases and embedding tables
            rand[key] = (0.5 * rng.standard_normal(arr.shape)).astype(np.float32)
    assert all(np.any(v != 0) for v in rand.values())

    def nested(dtype):
        out = {}
        for key, arr in rand.items():
            module, pname = key.rsplit("/", 1)
            out.setdefault(module, {})[pname] = jnp.asarray(arr.astype(dtype))
        assert set(out) == set(model.params)
        return out

    model_json = export.architecture(program, model, spec, rand)
    vocab = model_json["embedding"]["vocabulary"]
    body = [v for v in vocab if v not in (export.BOS, export.PAD)]
    by_len = {}
    for _ in range(sequences):
        n = int(rng.integers(1, spec["max_seq_len"] + 1))
        seq = [export.BOS] + [body[int(i)] for i in rng.integers(0, len(body), n)]
        by_len.setdefault(len(seq), []).append(seq)

    def variant(kind):
        mj = json.loads(json.dumps(model_json))
        for layer in mj["layers"]:
            if layer["type"] != "attention":
                continue
            ob = layer["heads"][0]["outputBias"]
            for h, head in enumerate(layer["heads"]):
                head.pop("outputBias", None)
                if kind == "every head" or (kind == "as exported" and h == 0):
                    head["outputBias"] = ob
        return mj

    haiku = {}
    for label, dtype in (("float64", np.float64), ("float32", np.float32)):
        p = nested(dtype)
        haiku[label] = {}
        for T, batch in by_len.items():
            enc = np.array([model.input_encoder.encode(tracr_tokens(model, s)) for s in batch])
            out = model.forward(p, jnp.asarray(enc))
            assert out.transformer_output.output.dtype == dtype
            haiku[label][T] = [np.asarray(r, dtype=np.float64)
                               for r in out.transformer_output.residuals]

    result = {"program": name, "sequences": sequences, "seed": seed,
              "heads_per_layer": model.model_config.num_heads,
              "attention_layers": model.model_config.num_layers}
    with tempfile.TemporaryDirectory() as tmp:
        save_file(rand, os.path.join(tmp, "weights.safetensors"))
        tensors = load_file(os.path.join(tmp, "weights.safetensors"))
        for kind in ("as exported", "every head", "no head"):
            replay = Replay(variant(kind), tensors)
            row = {}
            for label in ("float64", "float32"):
                worst = scale = 0.0
                for T, batch in sorted(by_len.items()):
                    _, res = replay.forward(batch, "softmax")
                    # res[0] is the embedding; Haiku's residuals start after the first block
                    assert len(res[1:]) == len(haiku[label][T])
                    for mine, theirs in zip(res[1:], haiku[label][T]):
                        worst = max(worst, float(np.abs(mine - theirs).max()))
                        scale = max(scale, float(np.abs(theirs).max()))
                row[f"max_abs_diff_vs_haiku_{label}"] = worst
            row["max_abs_residual"] = scale
            result[kind] = row
    ex = result["as exported"]
    result["ok"] = bool(ex["max_abs_diff_vs_haiku_float64"] <= 1e-9 * max(1.0, ex["max_abs_residual"])
                        and ex["max_abs_diff_vs_haiku_float32"] <= 1e-4 * max(1.0, ex["max_abs_residual"])
                        and result["every head"]["max_abs_diff_vs_haiku_float64"] > 1e-2
                        and result["no head"]["max_abs_diff_vs_haiku_float64"] > 1e-2)
    return result


def bias_test_subprocesses(names=BIAS_TEST_PROGRAMS):
    ok = True
    for name in names:
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--bias-one", name],
                              capture_output=True, text=True)
        lines = [l for l in proc.stdout.splitlines() if l.startswith("BIAS ")]
        if proc.returncode != 0 or not lines:
            print(f"bias test {name}: FAILED (exit {proc.returncode})\n{proc.stderr[-3000:]}")
            ok = False
            continue
        res = json.loads(lines[-1][5:])
        print("bias test: " + json.dumps(res), flush=True)
        ok = ok and res["ok"]
    return ok


def main():
    ap = argparse.ArgumentParser(description="check export.py's mapping")
    ap.add_argument("programs", nargs="*")
    ap.add_argument("--bias-test-only", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--bias-one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    import export
    if args.one:  # fresh process: recompile, compare with the files on disk
        program, model, spec = export.compile_program(args.one)
        rep = check_program(os.path.join(HERE, args.one), program, model, spec)
        print("CHECK " + json.dumps(rep), flush=True)
        return
    if args.bias_one:
        print("BIAS " + json.dumps(bias_test(args.bias_one)), flush=True)
        return
    ok = True
    if not args.bias_test_only:
        for name in args.programs or export.PROGRAM_NAMES:
            proc = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", name],
                                  capture_output=True, text=True)
            lines = [l for l in proc.stdout.splitlines() if l.startswith("CHECK ")]
            if proc.returncode != 0 or not lines:
                print(f"{name}: FAILED (exit {proc.returncode})\n{proc.stderr[-3000:]}", flush=True)
                ok = False
                continue
            rep = json.loads(lines[-1][6:])
            print(f"{name}: " + json.dumps(rep), flush=True)
            ok = ok and rep["ok"]
    ok = bias_test_subprocesses() and ok
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
