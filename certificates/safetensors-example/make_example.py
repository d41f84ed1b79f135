"""Writes weights.safetensors for the architecture in architecture.json (run once; kept for reference).

In PyTorch the same file comes from `safetensors.torch.save_file(model.state_dict(), "weights.safetensors")`;
nn.Linear stores its weight as out x in, which is already the W of `y = W x`, so no transpose is needed.
"""
import numpy as np
from safetensors.numpy import save_file

save_file({
    # One hidden unit reading 0.1 x_0 + x_1: stored as float32, read exactly as 13421773/134217728.
    "ff.0.weight": np.array([[0.1, 1.0]], dtype=np.float32),
    "ff.0.bias": np.array([-0.5], dtype=np.float32),
    "ff.2.weight": np.array([[1.0], [0.0]], dtype=np.float32),
    "head.weight": np.array([[1.0, 0.0], [-1.0, 0.0]], dtype=np.float32),
    "head.bias": np.array([0.0, 0.25], dtype=np.float32),
}, "weights.safetensors")
