"""Train a small PyTorch transformer encoder on BasicMotions and export it for hardmax, untouched.

Rerun (from the repository root, with ../shared beside it as in CI):

    pip install torch safetensors numpy
    python3 certificates/softmax-encoder/train.py          # trains, writes every file below (~15 s)

Tested with Python 3.11, torch 2.13.0+cpu, safetensors 0.8.0, numpy 2.4.6, on 1 CPU thread
(torch.set_num_threads(1); seeds fixed, so a rerun on the same machine writes the same files).

What it writes into certificates/softmax-encoder/:

- `train.jsonl`, `test.jsonl`: BasicMotions_{TRAIN,TEST}.ts from ../shared/datasets in SPEC section 3
  JSON Lines, every number the exact decimal text of the .ts file (a JSON string, never a float's repr).
  PyTorch was trained and run on those numbers rounded to float32 (float(text), then float32);
  `float(text)` is the nearest double, in float64.
- `model.safetensors`: `model.state_dict()` under PyTorch's own names, float32, untouched.
- `model.json`: the SPEC 10/11 architecture file (`"semantics": "softmax"`) that references those
  tensors as they are (the mapping is in README.md and in `architecture()` below).
- `pytorch-predictions.json`: per sequence (train then test, in file order) PyTorch's float32
  prediction and top-2 logit gap, and the prediction of the same state dict run in float64.

The model: nn.Linear(6, E) input projection, a learned position table added to the raw input (see
`Net`), nn.TransformerEncoder of post-norm nn.TransformerEncoderLayer(E, nhead=2, dim_feedforward=F,
activation="gelu", batch_first=True, norm_first=False, dropout=0), mean pooling, nn.Linear(E, 4).
"""

import json
import os
import sys
import time
from fractions import Fraction

import numpy as np
import torch
import torch.nn as nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "datasets"))
PROBLEM = "BasicMotions"
COMMAND = "python3 certificates/softmax-encoder/train.py"

SEED = 0
E = 16           # model width
HEADS = 2        # head size k = E / HEADS
FF = 32         # dim_feedforward
LAYERS = 2
POSITIONS = True
EPOCHS = 300
LR = 1e-2
EPSILON_TEXT = "0.00001"  # nn.LayerNorm's eps, written as the exact decimal (README: why)


# ---------------------------------------------------------------------------------------------
# The .ts reader (SPEC section 3)


class TsError(Exception):
    pass


def read_ts(path):
    """Returns (class labels declared by @classLabel, [(label, tokens)]), tokens a list of n
    tokens, each a list of d decimal strings exactly as written in the file (channel-major input:
    token t is (channel_1[t], ..., channel_d[t]))."""
    declared, cases, data = None, [], False
    with open(path) as f:
        for ln, line in enumerate(f, 1):
            s = line.strip()
            if not s or s[0] in "#%":
                continue
            if not data:
                words = s.split()
                tag, rest = words[0].lower(), [w.lower() for w in words[1:]]
                if tag == "@data":
                    data = True
                elif tag in ("@timestamps", "@missing") and rest[:1] == ["true"]:
                    raise TsError(f"{path}:{ln}: {words[0]} true is not supported")
                elif tag == "@targetlabel" and rest[:1] == ["true"]:
                    raise TsError(f"{path}:{ln}: regression targets are not supported")
                elif tag == "@classlabel":
                    if rest[:1] != ["true"]:
                        raise TsError(f"{path}:{ln}: a classification file needs @classLabel true")
                    declared = words[2:]
                continue
            fields = s.split(":")
            if len(fields) < 2:
                raise TsError(f"{path}:{ln}: expected channels and a label separated by ':'")
            channels = []
            for c in fields[:-1]:
                values = [v.strip() for v in c.split(",")]
                for v in values:
                    if v in ("?", "") or v.lower() == "nan":
                        raise TsError(f"{path}:{ln}: missing value {v!r}")
                    Fraction(v)  # a decimal (raises on anything else)
                channels.append(values)
            if any(len(c) != len(channels[0]) for c in channels):
                raise TsError(f"{path}:{ln}: channels of different lengths")
            tokens = [[c[t] for c in channels] for t in range(len(channels[0]))]
            cases.append((fields[-1].strip(), tokens))
    if declared is None:
        raise TsError(f"{path}: no @classLabel")
    for label, _ in cases:
        if label not in declared:
            raise TsError(f"{path}: label {label!r} is not declared by @classLabel")
    return declared, cases


# ---------------------------------------------------------------------------------------------
# The model


class Net(nn.Module):
    """Input projection, learned positions, post-norm encoder, mean pool, classifier.

    The position table is added to the raw input tokens (L x d), before the projection: SPEC
    section 10 adds `positions.table` to the tokens before the first layer, so a table added after
    the projection (L x E) has no place in an architecture file; this one does, untouched."""

    def __init__(self, d, length, classes):
        super().__init__()
        if POSITIONS:
            self.positions = nn.Parameter(torch.zeros(length, d))
        self.input = nn.Linear(d, E)
        layer = nn.TransformerEncoderLayer(E, nhead=HEADS, dim_feedforward=FF, activation="gelu",
                                           batch_first=True, norm_first=False, dropout=0.0)
        self.encoder = nn.TransformerEncoder(layer, num_layers=LAYERS, enable_nested_tensor=False)
        self.classifier = nn.Linear(E, classes)

    def forward(self, x):
        if POSITIONS:
            x = x + self.positions[: x.shape[1]]
        h = self.encoder(self.input(x))
        return self.classifier(h.mean(dim=1))


# ---------------------------------------------------------------------------------------------
# The architecture file


def architecture(state, classes, d, length):
    """model.json: every tensor referenced under its state_dict name, as stored (out x in)."""
    k = E // HEADS
    layers = [{"type": "affine", "weight": {"tensor": "input.weight"}, "bias": {"tensor": "input.bias"}}]
    for i in range(LAYERS):
        p = f"encoder.layers.{i}"
        inw, inb = f"{p}.self_attn.in_proj_weight", f"{p}.self_attn.in_proj_bias"
        assert tuple(state[inw].shape) == (3 * E, E)
        heads = []
        for h in range(HEADS):
            q, kk, v = ([block * E + h * k, block * E + (h + 1) * k] for block in range(3))
            head = {
                "query": {"tensor": inw, "rows": q}, "queryBias": {"tensor": inb, "rows": q},
                "key": {"tensor": inw, "rows": kk}, "keyBias": {"tensor": inb, "rows": kk},
                "value": {"tensor": inw, "rows": v}, "valueBias": {"tensor": inb, "rows": v},
                "output": {"tensor": f"{p}.self_attn.out_proj.weight", "columns": [h * k, (h + 1) * k]},
            }
            if h == 0:  # PyTorch adds out_proj.bias once per layer; hardmax adds outputBias per head
                head["outputBias"] = {"tensor": f"{p}.self_attn.out_proj.bias"}
            head["scale"] = {"sqrt": str(Fraction(1, k))}
            heads.append(head)
        layers.append({"type": "attention", "heads": heads, "residual": "1", "mask": "none"})
        layers.append({"type": "layernorm", "gamma": {"tensor": f"{p}.norm1.weight"},
                       "beta": {"tensor": f"{p}.norm1.bias"}, "epsilon": EPSILON_TEXT})
        layers.append({"type": "feedforward", "activation": "gelu",
                       "w1": {"tensor": f"{p}.linear1.weight"}, "b1": {"tensor": f"{p}.linear1.bias"},
                       "w2": {"tensor": f"{p}.linear2.weight"}, "b2": {"tensor": f"{p}.linear2.bias"},
                       "residual": "1"})
        layers.append({"type": "layernorm", "gamma": {"tensor": f"{p}.norm2.weight"},
                       "beta": {"tensor": f"{p}.norm2.bias"}, "epsilon": EPSILON_TEXT})
    return {
        "format": "hardmax-transformer", "version": 1,
        "semantics": "softmax",
        "dimension": d,
        "positions": {"table": {"tensor": "positions"}} if POSITIONS else "none",
        "layers": layers,
        "readout": {"pool": "mean", "classes": classes,
                    "weight": {"tensor": "classifier.weight"}, "bias": {"tensor": "classifier.bias"}},
        "metadata": {
            "source": f"PyTorch {torch.__version__}: nn.TransformerEncoder of {LAYERS} post-norm "
                      f"nn.TransformerEncoderLayer(d_model={E}, nhead={HEADS}, dim_feedforward={FF}, "
                      f"activation='gelu', norm_first=False, dropout=0), trained by train.py",
            "dataset": f"{PROBLEM} (UEA), train.jsonl and test.jsonl",
            "weights": "model.safetensors (model.state_dict(), float32, untouched)",
            "epsilon": "nn.LayerNorm eps=1e-5, written as the exact decimal 1/100000",
            "inputs": "exact decimal text of the .ts file; PyTorch saw their float32 roundings",
            "max_seq_len": length,
            "command": COMMAND,
        },
    }


def dumps(node, indent=0):
    """JSON with one line per small object or list; refuses floats."""
    if isinstance(node, float):
        raise ValueError(f"a float reached the JSON: {node!r}")
    flat = json.dumps(node)
    scalar = lambda x: not isinstance(x, (dict, list))
    if scalar(node) or (isinstance(node, list) and all(scalar(x) for x in node)):
        if isinstance(node, list):
            for x in node:
                dumps(x)
        return flat
    if isinstance(node, dict) and len(flat) <= 96 and all(
            scalar(v) or (isinstance(v, list) and all(scalar(x) for x in v)) for v in node.values()):
        return flat
    pad = "  " * (indent + 1)
    if isinstance(node, list):
        return "[\n" + ",\n".join(pad + dumps(x, indent + 1) for x in node) + "\n" + "  " * indent + "]"
    items = [pad + json.dumps(k) + ": " + dumps(v, indent + 1) for k, v in node.items()]
    return "{\n" + ",\n".join(items) + "\n" + "  " * indent + "}"


# ---------------------------------------------------------------------------------------------
# Training and predictions


def tensor(cases, dtype):
    return torch.tensor([[[float(v) for v in tok] for tok in toks] for _, toks in cases], dtype=dtype)


def predictions(model, x, y, dtype):
    """Per sequence, with the state dict and x in dtype: the predicted class index, the top-2 logit
    gap and the margin (label logit minus the largest other logit, SPEC 4's margin)."""
    m = Net(x.shape[2], x.shape[1], len(CLASSES))
    m.load_state_dict(model.state_dict())
    m = m.to(dtype).eval()
    with torch.no_grad():
        logits = m(x.to(dtype))
    top = torch.topk(logits, 2, dim=1)
    others = logits.clone()
    others[torch.arange(len(y)), y] = -torch.inf
    margin = logits[torch.arange(len(y)), y] - others.max(dim=1).values
    return top.indices[:, 0].tolist(), (top.values[:, 0] - top.values[:, 1]).tolist(), margin.tolist()


def main():
    global CLASSES
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    splits = {}
    for split in ("TRAIN", "TEST"):
        declared, cases = read_ts(os.path.join(DATASETS, f"{PROBLEM}_{split}.ts"))
        splits[split.lower()] = cases
        CLASSES = declared
    d = len(splits["train"][0][1][0])
    length = max(len(t) for s in splits.values() for _, t in s)
    assert all(len(t) == length for s in splits.values() for _, t in s), "training needs equal lengths"
    index = {c: i for i, c in enumerate(CLASSES)}
    xtr, xte = tensor(splits["train"], torch.float32), tensor(splits["test"], torch.float32)
    ytr = torch.tensor([index[l] for l, _ in splits["train"]])
    yte = torch.tensor([index[l] for l, _ in splits["test"]])

    model = Net(d, length, len(CLASSES))
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    t0 = time.time()
    for epoch in range(EPOCHS):
        model.train()
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xtr), ytr)
        loss.backward()
        opt.step()
        if epoch % 50 == 49 or epoch == EPOCHS - 1:
            model.eval()
            with torch.no_grad():
                acc_tr = (model(xtr).argmax(1) == ytr).float().mean().item()
                acc_te = (model(xte).argmax(1) == yte).float().mean().item()
            print(f"epoch {epoch + 1}: loss {loss.item():.4f} train {acc_tr:.3f} test {acc_te:.3f}", flush=True)
    seconds = time.time() - t0
    model.eval()

    # files
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    assert all(v.dtype == torch.float32 for v in state.values())
    save_file(state, os.path.join(HERE, "model.safetensors"))
    with open(os.path.join(HERE, "model.json"), "w") as f:
        f.write(dumps(architecture(state, CLASSES, d, length)) + "\n")
    for split, cases in splits.items():
        with open(os.path.join(HERE, f"{split}.jsonl"), "w") as f:
            for j, (label, toks) in enumerate(cases):
                f.write(json.dumps({"id": f"{split}-{j}", "label": label, "tokens": toks}) + "\n")

    rows, summary = [], {}
    for split, x, y in (("train", xtr, ytr), ("test", xte, yte)):
        p32, g32, m32 = predictions(model, x, y, torch.float32)
        x64 = tensor(splits[split], torch.float64)   # float(text): the double nearest each decimal
        p64, g64, m64 = predictions(model, x64, y, torch.float64)
        for j in range(len(p32)):
            rows.append({"file": f"{split}.jsonl", "index": j, "id": f"{split}-{j}",
                         "label": CLASSES[y[j]],
                         "float32": {"predicted": CLASSES[p32[j]], "gap": float(g32[j]).hex(),
                                     "margin": float(m32[j]).hex()},
                         "float64": {"predicted": CLASSES[p64[j]], "gap": float(g64[j]).hex(),
                                     "margin": float(m64[j]).hex()}})
        summary[split] = {
            "sequences": len(p32),
            "float32_correct": sum(int(p == t) for p, t in zip(p32, y.tolist())),
            "float64_correct": sum(int(p == t) for p, t in zip(p64, y.tolist())),
            "float32_float64_disagree": sum(int(a != b) for a, b in zip(p32, p64)),
            "least_float32_gap": float(min(g32)).hex(),
        }
    with open(os.path.join(HERE, "pytorch-predictions.json"), "w") as f:
        json.dump({"classes": CLASSES,
                   "note": "gap = top-1 minus top-2 logit, margin = label logit minus the largest "
                           "other logit, float.hex() of the value computed in that precision; "
                           "float64 = the same state dict widened exactly, inputs float(text)",
                   "summary": summary, "sequences": rows}, f, indent=1)
        f.write("\n")
    print(f"trained in {seconds:.1f} s; " + json.dumps(summary))


if __name__ == "__main__":
    main()
