"""Export Tracr's compiled RASP programs for hardmax, untouched.

Rerun (from the repository root):

    pip install tracr-pypi safetensors
    python3 certificates/tracr/export.py            # every program, then the checks
    python3 certificates/tracr/export.py hist sort  # only these programs
    python3 certificates/tracr/export.py --no-check # skip check_mapping.py's checks

Tested with tracr-pypi 1.0.0, jax 0.10.2, dm-haiku 0.0.17, numpy 2.4.6, safetensors 0.8.0.

For every program of `tracr.compiler.lib` (table PROGRAMS below: vocabulary, max_seq_len) this writes
into `certificates/tracr/<program>/`:

- `weights.safetensors`: Tracr's compiled parameters as they are (`m.params`), one tensor per Haiku
  parameter under Haiku's name (`transformer/layer_0/attn/query/w`, `token_embed/embeddings`, ...),
  float32 as stored.
- `model.json`: a hardmax architecture file (SPEC sections 4 and 10) that references those tensors
  as they are: Haiku's Linear computes x @ w + b with w of shape in x out, while hardmax matrices are
  out x in, so every kernel is read with `"transpose": true`; the fused per-layer query/key/value
  kernels (d x H k) are split into heads by slicing rows of the transposed kernel, and the fused
  output kernel `attn/linear/w` (H k x d) by slicing columns of its transpose. Only the unembedding,
  which Tracr does not store as a parameter, is written inline (from `m.residual_labels`).
- `model.softmax.json`: the same architecture under softmax (SPEC section 11), written from the same
  object by `softmax_architecture`: `"semantics": "softmax"` at the root (Tracr's real score scale is
  already in every head, `"scale": {"sqrt": "1/k"}`), and for numerical outputs the tolerance
  SOFTMAX_TOLERANCE (softmax is not quite hardmax: Tracr's float32 softmax misses RASP's exact means by
  up to 4.0e-8, the real-number softmax by up to 2.1e-8). Everything else, metadata included, is as
  in `model.json` plus one metadata field that says so.
- `data.jsonl`: every input of length 1 to max_seq_len over the vocabulary, BOS first, labelled per
  position by `rasp.evaluate` (null at BOS and wherever RASP returns None).

Each program is compiled in a fresh Python process: RASP labels carry a global counter (`hist_3`),
and the residual basis is sorted by label, so compiling in one process in a different order would
reorder the residual coordinates. A fresh process per program makes every file reproducible byte
for byte.

No number in the JSON files is a float's repr: weights live in the safetensors file, inline numbers
are integers or exact p/q strings, numerical labels are exact fractions (fractions.Fraction).
"""

import argparse
import itertools
import json
import os
import subprocess
import sys
import time
from fractions import Fraction
from math import lcm

HERE = os.path.dirname(os.path.abspath(__file__))
BOS = "BOS"
PAD = "PAD"
MLP_EXACTNESS = 100  # Tracr's default
# Value readouts under softmax: 25 times the largest error of Tracr's float32 softmax on the exported
# inputs (4.0e-8, pair_balance), and far below half the least distance between two labels (1/60).
SOFTMAX_TOLERANCE = "0.000001"
COMMAND = "python3 certificates/tracr/export.py"


def _programs():
    """Name -> (builder, vocabulary, max_seq_len, note). Builders are called in a fresh process."""
    from tracr.compiler import lib
    from tracr.rasp import rasp
    t = rasp.tokens
    return {
        "length": (lambda: lib.make_length(), ["a", "b", "c"], 5,
                   "lib.make_length()"),
        "length_long": (lambda: lib.make_length(), ["a"], 16,
                        "lib.make_length() at lengths 1..16 (Tracr predicts one less from 10 on)"),
        "hist": (lambda: lib.make_hist(), ["a", "b", "c"], 5,
                 "lib.make_hist()"),
        "sort_unique": (lambda: lib.make_sort_unique(t, t), [1, 2, 3, 4], 5,
                        "lib.make_sort_unique(tokens, tokens) (RASP: None where no key ranks there)"),
        "sort": (lambda: lib.make_sort(t, t, max_seq_len=5, min_key=1), [1, 2, 3, 4], 5,
                 "lib.make_sort(tokens, tokens, max_seq_len=5, min_key=1)"),
        "sort_freq": (lambda: lib.make_sort_freq(max_seq_len=5), ["a", "b", "c"], 5,
                      "lib.make_sort_freq(max_seq_len=5)"),
        "reverse": (lambda: lib.make_reverse(t), ["a", "b", "c"], 5,
                    "lib.make_reverse(tokens)"),
        "frac_prevs": (lambda: lib.make_frac_prevs(t == "a"), ["a", "b", "c"], 5,
                       'lib.make_frac_prevs(tokens == "a")'),
        "pair_balance": (lambda: lib.make_pair_balance(t, "(", ")"), ["(", ")", "a"], 6,
                         'lib.make_pair_balance(tokens, "(", ")")'),
        "shuffle_dyck": (lambda: lib.make_shuffle_dyck(["()"]), ["(", ")"], 10,
                         'lib.make_shuffle_dyck(["()"])'),
        "shuffle_dyck2": (lambda: lib.make_shuffle_dyck2(), ["(", ")", "{", "}"], 6,
                          "lib.make_shuffle_dyck2()"),
        "count_less_freq": (lambda: lib.make_count_less_freq(2), ["a", "b", "c", "d"], 5,
                            "lib.make_count_less_freq(2)"),
        "count": (lambda: lib.make_count(t, "a"), ["a", "b", "c"], 5,
                  'lib.make_count(tokens, "a")'),
        "nary_sequencemap": (lambda: lib.make_nary_sequencemap(lambda x, y, z: x + y - z,
                                                               t, t, rasp.indices),
                             [1, 2, 3], 5,
                             "lib.make_nary_sequencemap(lambda x, y, z: x + y - z, tokens, tokens, indices)"),
        "shift_by": (lambda: lib.shift_by(1, t), ["a", "b", "c"], 5,
                     "lib.shift_by(1, tokens)"),
        "detect_pattern": (lambda: lib.detect_pattern(t, "abc"), ["a", "b", "c"], 5,
                           'lib.detect_pattern(tokens, "abc")'),
    }


PROGRAM_NAMES = ["length", "length_long", "hist", "sort_unique", "sort", "sort_freq", "reverse",
                 "frac_prevs", "pair_balance", "shuffle_dyck", "shuffle_dyck2", "count_less_freq",
                 "count", "nary_sequencemap", "shift_by", "detect_pattern"]


# ---------------------------------------------------------------------------------------------
# Compiling


def compile_program(name):
    """Builds and compiles one program (call once per fresh process). Returns (program, model, spec)."""
    import warnings
    warnings.filterwarnings("ignore")
    from tracr.compiler import compiling
    build, vocab, max_seq_len, note = _programs()[name]
    program = build()
    model = compiling.compile_rasp_to_model(program, vocab=set(vocab), max_seq_len=max_seq_len,
                                            compiler_bos=BOS, compiler_pad=PAD,
                                            mlp_exactness=MLP_EXACTNESS)
    spec = {"name": name, "vocab": vocab, "max_seq_len": max_seq_len, "note": note}
    return program, model, spec


def numpy_params(model):
    """Haiku's nested params as {"module/param": float32 numpy array}, untouched."""
    import numpy as np
    out = {}
    for module, params in model.params.items():
        for pname, value in params.items():
            arr = np.asarray(value)
            assert arr.dtype == np.float32, (module, pname, arr.dtype)
            out[f"{module}/{pname}"] = arr
    return out


def _symbol(value):
    """A token or class as a string; refuses floats (their repr must not reach a JSON file)."""
    if isinstance(value, bool) or isinstance(value, (int, str)):
        return str(value)
    raise ValueError(f"refusing to spell {value!r} ({type(value).__name__}) as a symbol")


def exact(value, max_seq_len):
    """A RASP number as an exact fraction.

    RASP computes means in floats (sum(xs) / len(xs)); every numerical output here is a rational
    with denominator dividing lcm(1..max_seq_len)^2 at most, and two such rationals differ by far more
    than a float's rounding error, so the nearest one recovers the exact value. Checked both ways.
    """
    if isinstance(value, bool):
        return Fraction(int(value))
    if isinstance(value, int):
        return Fraction(value)
    bound = lcm(*range(1, max_seq_len + 1)) ** 2
    f = Fraction(value).limit_denominator(bound)
    assert abs(float(f) - value) <= 1e-12 * max(1.0, abs(value)), (value, f)
    return f


# ---------------------------------------------------------------------------------------------
# The architecture file


def output_label(program):
    return program.label


def vocabulary(model):
    """Input symbols in the order of token_embed's rows."""
    enc = model.input_encoder.encoding_map
    rows = sorted(enc.items(), key=lambda kv: kv[1])
    assert [i for _, i in rows] == list(range(len(rows))), "encoding is not 0..V-1"
    symbols = [_symbol(v) for v, _ in rows]
    assert len(set(symbols)) == len(symbols), symbols
    return symbols


def output_classes(model):
    """Categorical output values in unembedding order (Tracr's output encoding index)."""
    enc = model.output_encoder.encoding_map
    rows = sorted(enc.items(), key=lambda kv: kv[1])
    assert [i for _, i in rows] == list(range(len(rows)))
    return [v for v, _ in rows]


def is_categorical(program):
    from tracr.rasp import rasp
    return rasp.is_categorical(program)


def readout(program, model):
    """The unembedding, inline: row k picks the residual coordinate labelled `<output>:<value k>`."""
    labels = list(model.residual_labels)
    assert len(set(labels)) == len(labels), "residual labels are not unique"
    index = {label: i for i, label in enumerate(labels)}
    d = len(labels)
    name = output_label(program)

    def pick(label):
        row = ["0"] * d
        row[index[label]] = "1"
        return row

    if is_categorical(program):
        values = output_classes(model)
        classes = [_symbol(v) for v in values]
        assert len(set(classes)) == len(classes), classes
        weight = [pick(f"{name}:{v}") for v in values]
        return {"pool": "every", "classes": classes, "weight": weight, "bias": ["0"] * len(classes)}
    weight = [pick(name)]
    return {"pool": "every", "values": [name], "weight": weight, "bias": ["0"],
            "tolerance": "0"}


def architecture(program, model, spec, params=None):
    """The model.json object for a compiled model (params: the tensors it names; default m.params)."""
    import jax
    cfg = model.model_config
    assert not cfg.layer_norm, "Tracr compiles without layer norm"
    assert cfg.activation_function is jax.nn.relu
    if params is None:
        params = numpy_params(model)
    d = params["token_embed/embeddings"].shape[1]
    assert d == len(model.residual_labels)
    H = cfg.num_heads
    layers = []
    for layer in range(cfg.num_layers):
        attn = f"transformer/layer_{layer}/attn"
        qw, kw = params[f"{attn}/query/w"], params[f"{attn}/key/w"]
        vw, ow = params[f"{attn}/value/w"], params[f"{attn}/linear/w"]
        assert qw.shape[0] == kw.shape[0] == vw.shape[0] == ow.shape[1] == d
        k = qw.shape[1] // H
        v = vw.shape[1] // H
        assert qw.shape[1] == kw.shape[1] == H * k and vw.shape[1] == ow.shape[0] == H * v
        assert k == cfg.key_size
        heads = []
        for h in range(H):
            qk, vv = [h * k, (h + 1) * k], [h * v, (h + 1) * v]
            head = {
                "query": {"tensor": f"{attn}/query/w", "transpose": True, "rows": qk},
                "queryBias": {"tensor": f"{attn}/query/b", "rows": qk},
                "key": {"tensor": f"{attn}/key/w", "transpose": True, "rows": qk},
                "keyBias": {"tensor": f"{attn}/key/b", "rows": qk},
                "value": {"tensor": f"{attn}/value/w", "transpose": True, "rows": vv},
                "valueBias": {"tensor": f"{attn}/value/b", "rows": vv},
                "output": {"tensor": f"{attn}/linear/w", "transpose": True, "columns": vv},
            }
            if h == 0:
                # Haiku adds attn/linear's bias once per layer; hardmax adds outputBias per head.
                head["outputBias"] = {"tensor": f"{attn}/linear/b"}
            head["scale"] = {"sqrt": str(Fraction(1, k))}
            heads.append(head)
        layers.append({"type": "attention", "heads": heads, "residual": "1", "mask": "none"})
        mlp = f"transformer/layer_{layer}/mlp"
        layers.append({
            "type": "feedforward",
            "w1": {"tensor": f"{mlp}/linear_1/w", "transpose": True},
            "b1": {"tensor": f"{mlp}/linear_1/b"},
            "w2": {"tensor": f"{mlp}/linear_2/w", "transpose": True},
            "b2": {"tensor": f"{mlp}/linear_2/b"},
            "residual": "1",
        })
    assert not cfg.causal, "Tracr compiles non-causal models unless asked"
    model_json = {
        "format": "hardmax-transformer", "version": 1,
        "dimension": d,
        "embedding": {"vocabulary": vocabulary(model), "table": {"tensor": "token_embed/embeddings"}},
        "positions": {"table": {"tensor": "pos_embed/embeddings"}},
        "layers": layers,
        "readout": readout(program, model),
        "metadata": {
            "source": "Tracr (tracr-pypi 1.0.0): compiling.compile_rasp_to_model",
            "program": spec["note"],
            "output": output_label(program),
            "vocab": [_symbol(v) for v in spec["vocab"]],
            "max_seq_len": spec["max_seq_len"],
            "compiler_bos": BOS, "compiler_pad": PAD, "mlp_exactness": MLP_EXACTNESS,
            "weights": "weights.safetensors (Haiku's parameters, untouched)",
            "command": COMMAND,
        },
    }
    return model_json


def softmax_architecture(model_json):
    """model.softmax.json: model.json's object under SPEC 11 softmax semantics (a new object)."""
    out = {}
    for key, value in model_json.items():
        out[key] = json.loads(json.dumps(value))
        if key == "version":
            out["semantics"] = "softmax"
    readout = out["readout"]
    if "values" in readout:
        readout["tolerance"] = SOFTMAX_TOLERANCE
    out["metadata"]["semantics"] = (
        "softmax with Tracr's own score scale 1/sqrt(key_size); otherwise identical to model.json"
        + (f"; tolerance {SOFTMAX_TOLERANCE} (softmax averages are not exact)" if "values" in readout else ""))
    return out


# ---------------------------------------------------------------------------------------------
# The dataset


def inputs(spec):
    """Every input of length 1..max_seq_len over the vocabulary, shortest first."""
    for n in range(1, spec["max_seq_len"] + 1):
        for seq in itertools.product(spec["vocab"], repeat=n):
            yield list(seq)


def labels_for(program, model, spec, seq, stats):
    """Per-position labels of one input (BOS first): null at BOS and wherever RASP gives None."""
    from tracr.rasp import rasp
    values = rasp.evaluate(program, seq)
    out = [None]
    categorical = is_categorical(program)
    enc = model.output_encoder.encoding_map if categorical else None
    for v in values:
        if v is None:
            out.append(None)
            stats["null"] += 1
        elif categorical:
            if v in enc:  # dict lookup: 2.0 finds the class 2, as RASP's == would
                index = enc[v]
                out.append(_symbol(output_classes(model)[index]))
            else:  # not an output value of the compiled model: the position must fail
                stats["outside"] += 1
                out.append(str(exact(v, spec["max_seq_len"])) if isinstance(v, float) else _symbol(v))
            stats["labelled"] += 1
        else:
            out.append(str(exact(v, spec["max_seq_len"])))
            stats["labelled"] += 1
    return out


def dataset(program, model, spec):
    rows, stats = [], {"sequences": 0, "labelled": 0, "null": 0, "outside": 0, "undefined": 0}
    for seq in inputs(spec):
        try:
            labels = labels_for(program, model, spec, seq, stats)
        except Exception:  # RASP itself is undefined on this input (e.g. the mean of strings)
            stats["undefined"] += 1
            continue
        tokens = [BOS] + [_symbol(x) for x in seq]
        rows.append({"id": " ".join(tokens[1:]), "tokens": tokens, "labels": labels})
        stats["sequences"] += 1
    return rows, stats


# ---------------------------------------------------------------------------------------------
# Writing


def _no_floats(node, path="$"):
    if isinstance(node, float):
        raise ValueError(f"a float reached the JSON at {path}: {node!r}")
    if isinstance(node, dict):
        for k, v in node.items():
            _no_floats(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _no_floats(v, f"{path}[{i}]")


def dumps(node, indent=0):
    """JSON with one line per matrix row and per small object; no floats allowed."""
    _no_floats(node)
    flat = json.dumps(node)
    scalar = lambda x: not isinstance(x, (dict, list))
    if scalar(node) or (isinstance(node, list) and all(scalar(x) for x in node)):
        return flat
    if isinstance(node, dict) and len(flat) <= 96 and all(
            scalar(v) or (isinstance(v, list) and all(scalar(x) for x in v)) for v in node.values()):
        return flat
    pad = "  " * (indent + 1)
    if isinstance(node, list):
        items = [pad + dumps(x, indent + 1) for x in node]
        return "[\n" + ",\n".join(items) + "\n" + "  " * indent + "]"
    items = [pad + json.dumps(k) + ": " + dumps(v, indent + 1) for k, v in node.items()]
    return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"


def write_program(name, folder=None):
    """Compiles one program and writes its four files. Returns (program, model, spec, summary)."""
    import numpy as np
    from safetensors.numpy import save_file
    folder = folder or os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    program, model, spec = compile_program(name)
    params = numpy_params(model)
    save_file({k: np.ascontiguousarray(v) for k, v in params.items()},
              os.path.join(folder, "weights.safetensors"))
    model_json = architecture(program, model, spec, params)
    with open(os.path.join(folder, "model.json"), "w") as f:
        f.write(dumps(model_json) + "\n")
    with open(os.path.join(folder, "model.softmax.json"), "w") as f:
        f.write(dumps(softmax_architecture(model_json)) + "\n")
    rows, stats = dataset(program, model, spec)
    with open(os.path.join(folder, "data.jsonl"), "w") as f:
        for row in rows:
            _no_floats(row)
            f.write(json.dumps(row) + "\n")
    cfg = model.model_config
    sizes = {fn: os.path.getsize(os.path.join(folder, fn))
             for fn in ("weights.safetensors", "model.json", "model.softmax.json", "data.jsonl")}
    summary = {
        "program": name, "vocab": [_symbol(v) for v in spec["vocab"]],
        "max_seq_len": spec["max_seq_len"], "d": model_json["dimension"],
        "layers": cfg.num_layers, "heads": cfg.num_heads, "key_size": cfg.key_size,
        "mlp_hidden": cfg.mlp_hidden_size,
        "output": "categorical" if is_categorical(program) else "numerical",
        "classes": len(model_json["readout"].get("classes", [])),
        "inputs": stats["sequences"], "labelled_positions": stats["labelled"],
        "null_positions": stats["null"], "labels_outside_classes": stats["outside"],
        "rasp_undefined_inputs": stats["undefined"], "bytes": sizes,
    }
    return program, model, spec, summary


def _child(name, check):
    t0 = time.time()
    program, model, spec, summary = write_program(name)
    summary["export_seconds"] = round(time.time() - t0, 1)  # rounded: only printed, never in JSON files
    if check:
        sys.path.insert(0, HERE)
        import check_mapping
        summary["check"] = check_mapping.check_program(os.path.join(HERE, name), program, model, spec)
    print("SUMMARY " + json.dumps(summary), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("programs", nargs="*", help=f"default: all of {', '.join(PROGRAM_NAMES)}")
    ap.add_argument("--no-check", action="store_true", help="skip check_mapping's replay and bias test")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: export one program in this process
    args = ap.parse_args()
    if args.one:
        _child(args.one, not args.no_check)
        return
    names = args.programs or PROGRAM_NAMES
    unknown = [n for n in names if n not in PROGRAM_NAMES]
    if unknown:
        ap.error(f"unknown program(s) {unknown}; known: {PROGRAM_NAMES}")
    summaries, failed = [], []
    for name in names:
        cmd = [sys.executable, os.path.abspath(__file__), "--one", name]
        if args.no_check:
            cmd.append("--no-check")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        lines = [l for l in proc.stdout.splitlines() if l.startswith("SUMMARY ")]
        if proc.returncode != 0 or not lines:
            failed.append(name)
            print(f"{name}: FAILED (exit {proc.returncode})\n{proc.stderr[-3000:]}", flush=True)
            continue
        s = json.loads(lines[-1][len("SUMMARY "):])
        summaries.append(s)
        total = sum(s["bytes"].values())
        line = (f"{name}: d={s['d']} layers={s['layers']} heads={s['heads']} inputs={s['inputs']} "
                f"{s['output']} labelled={s['labelled_positions']} null={s['null_positions']} "
                f"outside-classes={s['labels_outside_classes']} rasp-undefined={s['rasp_undefined_inputs']} "
                f"files={total} bytes")
        if "check" in s:
            line += "  check: " + json.dumps(s["check"])
        print(line, flush=True)
    if not args.no_check:
        sys.path.insert(0, HERE)
        import check_mapping
        ok = check_mapping.bias_test_subprocesses()
        if not ok:
            failed.append("bias-test")
    print("\n| program | vocabulary | max_seq_len | d | layers | heads | inputs | output | files (bytes) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in summaries:
        vocab = "{" + ", ".join(f"`{v}`" for v in s["vocab"]) + "}"
        print(f"| `{s['program']}` | {vocab} | {s['max_seq_len']} | {s['d']} | {s['layers']} | "
              f"{s['heads']} | {s['inputs']} | {s['output']} | {sum(s['bytes'].values())} |")
    if failed:
        print(f"\nFAILED: {failed}")
        sys.exit(1)
    checks = [s.get("check", {}).get("ok", True) for s in summaries]
    if not all(checks):
        print("\nsome checks failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
