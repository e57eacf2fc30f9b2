#!/usr/bin/python3
"""Train the qscale reference networks on Fashion-MNIST and export them to ONNX.

Usage (from the repository root; Debian's python3 with python3-torch and python3-onnx):

    /usr/bin/python3 models/train.py --model lenet5
    /usr/bin/python3 models/train.py --model resnet8

Outputs (in --out-dir, default models/):
    <name>.onnx   opset 13, input "image" [N,1,28,28] float32, output "logits" [N,10]
    <name>.json   model card (schema qscale.model_card/1)

Input preprocessing is exactly x = pixel / 255.0 as float32, NCHW, with NO mean/std
normalization; the C++ side replicates exactly this.

The script is not needed to build, run or test qscale; it documents how the committed
ONNX files were produced and reproduces them (on the same machine) bit for bit.
"""

import argparse
import gzip
import json
import math
import os
import random
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA_DIR = "/usr/share/datasets/fashion-mnist"
ALLOWED_OPS = {"Conv", "BatchNormalization", "Relu", "MaxPool", "GlobalAveragePool",
               "AveragePool", "Flatten", "Gemm", "Add"}
PREPROCESSING = "pixel/255 (float32), no normalization"


# ----------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------

def read_idx(path, magic, expect_count, item_shape):
    """Read a gzip-compressed IDX file and validate its header."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = len(item_shape) + 1
    header_len = 4 + 4 * ndim
    if len(data) < header_len:
        sys.exit(f"{path}: truncated IDX header")
    got_magic = int.from_bytes(data[0:4], "big")
    if got_magic != magic:
        sys.exit(f"{path}: bad IDX magic {got_magic}, expected {magic}")
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    if dims[0] != expect_count or tuple(dims[1:]) != tuple(item_shape):
        sys.exit(f"{path}: dims {dims}, expected {[expect_count] + list(item_shape)}")
    payload = np.frombuffer(data, dtype=np.uint8, offset=header_len)
    if payload.size != int(np.prod(dims)):
        sys.exit(f"{path}: payload has {payload.size} bytes, expected {int(np.prod(dims))}")
    return payload.reshape(dims)


def load_split(split, count):
    images = read_idx(os.path.join(DATA_DIR, f"{split}-images-idx3-ubyte.gz"), 2051, count, (28, 28))
    labels = read_idx(os.path.join(DATA_DIR, f"{split}-labels-idx1-ubyte.gz"), 2049, count, ())
    if labels.max() > 9:
        sys.exit(f"{split} labels: value {labels.max()} out of range 0..9")
    # Preprocessing: exactly pixel / 255.0 as float32, NCHW, no normalization.
    x = torch.from_numpy(images.astype(np.float32) / np.float32(255.0)).reshape(count, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def augment(x, gen, pad=2):
    """Random crop (zero padding `pad`) and random horizontal flip, per sample, seeded."""
    n, _, h, w = x.shape
    padded = F.pad(x, (pad, pad, pad, pad))
    oy = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    ox = torch.randint(0, 2 * pad + 1, (n,), generator=gen)
    flip = torch.rand(n, generator=gen) < 0.5
    rows = (oy[:, None] + torch.arange(h))[:, :, None]          # [n,h,1]
    cols = ox[:, None] + torch.arange(w)                         # [n,w]
    cols = torch.where(flip[:, None], cols.flip(1), cols)[:, None, :]  # [n,1,w]
    idx_n = torch.arange(n)[:, None, None]
    return padded[idx_n, 0, rows, cols].unsqueeze(1).contiguous()


# ----------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------

class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2, 2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(400, 120)
        self.relu3 = nn.ReLU()
        self.fc2 = nn.Linear(120, 84)
        self.relu4 = nn.ReLU()
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool1(self.relu1(self.conv1(x)))
        x = self.pool2(self.relu2(self.conv2(x)))
        x = self.flatten(x)
        x = self.relu3(self.fc1(x))
        x = self.relu4(self.fc2(x))
        return self.fc3(x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu1 = nn.ReLU()
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        if stride != 1 or cin != cout:
            self.short_conv = nn.Conv2d(cin, cout, 1, stride=stride, bias=False)
            self.short_bn = nn.BatchNorm2d(cout)
        else:
            self.short_conv = None
            self.short_bn = None
        self.relu2 = nn.ReLU()

    def forward(self, x):
        out = self.relu1(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        sc = x if self.short_conv is None else self.short_bn(self.short_conv(x))
        return self.relu2(out + sc)


class ResNet8(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem_conv = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.stem_bn = nn.BatchNorm2d(16)
        self.stem_relu = nn.ReLU()
        self.block1 = BasicBlock(16, 16, 1)
        self.block2 = BasicBlock(16, 32, 2)
        self.block3 = BasicBlock(32, 64, 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.stem_relu(self.stem_bn(self.stem_conv(x)))
        x = self.block3(self.block2(self.block1(x)))
        return self.fc(self.flatten(self.pool(x)))


MODELS = {
    "lenet5": {
        "name": "lenet5_fmnist",
        "ctor": LeNet5,
        "recipe": {"optimizer": "adam", "lr": 2e-3, "schedule": "cosine", "epochs": 40,
                   "batch": 128, "weight_decay": 0.0,
                   "augmentation": "random crop 28x28 from 2px zero padding, horizontal flip p=0.5"},
    },
    "resnet8": {
        "name": "resnet8_fmnist",
        "ctor": ResNet8,
        "recipe": {"optimizer": "sgd momentum 0.9 nesterov", "lr": 0.1, "schedule": "cosine",
                   "epochs": 30, "batch": 128, "weight_decay": 5e-4,
                   "augmentation": "random crop 28x28 from 2px zero padding, horizontal flip p=0.5"},
    },
}


# ----------------------------------------------------------------------------------------
# Layer summary and MAC count
# ----------------------------------------------------------------------------------------

def layer_summary(model):
    """Per-layer shapes and MACs for one image, from forward hooks in eval mode."""
    layers = []
    hooks = []

    def hook(name, mod):
        def fn(m, inp, out):
            ishape = list(inp[0].shape[1:])
            oshape = list(out.shape[1:])
            entry = {"name": name, "type": type(m).__name__, "input": ishape, "output": oshape}
            if isinstance(m, nn.Conv2d):
                entry.update(kernel=list(m.kernel_size), stride=list(m.stride),
                             padding=list(m.padding), in_channels=m.in_channels,
                             out_channels=m.out_channels, bias=m.bias is not None)
                k = m.kernel_size[0] * m.kernel_size[1] * (m.in_channels // m.groups)
                entry["macs"] = int(k * np.prod(oshape))
            elif isinstance(m, nn.Linear):
                entry.update(in_features=m.in_features, out_features=m.out_features)
                entry["macs"] = int(m.in_features * m.out_features)
            elif isinstance(m, nn.MaxPool2d):
                entry.update(kernel=m.kernel_size, stride=m.stride)
            elif isinstance(m, nn.BatchNorm2d):
                entry.update(num_features=m.num_features, eps=m.eps)
            entry["params"] = int(sum(p.numel() for p in m.parameters(recurse=False)))
            layers.append(entry)
        return fn

    for name, mod in model.named_modules():
        if len(list(mod.children())) == 0:
            hooks.append(mod.register_forward_hook(hook(name, mod)))
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 1, 28, 28))
    for h in hooks:
        h.remove()
    return layers


# ----------------------------------------------------------------------------------------
# Minimal numpy ONNX evaluator (only the allowed ops) to cross-check the exported file
# ----------------------------------------------------------------------------------------

def _conv_np(x, w, b, strides, pads, dilations, group):
    assert group == 1 and all(d == 1 for d in dilations)
    n, c, h, wd = x.shape
    m, _, kh, kw = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    oh = (x.shape[2] - kh) // strides[0] + 1
    ow = (x.shape[3] - kw) // strides[1] + 1
    out = np.zeros((n, m, oh, ow), dtype=np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, :, i:i + strides[0] * oh:strides[0], j:j + strides[1] * ow:strides[1]]
            out += np.einsum("nchw,mc->nmhw", patch, w[:, :, i, j])
    if b is not None:
        out += b[None, :, None, None]
    return out


def run_onnx_numpy(model_proto, x):
    from onnx import numpy_helper
    g = model_proto.graph
    env = {init.name: numpy_helper.to_array(init).astype(np.float64) for init in g.initializer}
    env[g.input[0].name] = x.astype(np.float64)
    for node in g.node:
        a = {at.name: at for at in node.attribute}
        ins = [env[i] if i else None for i in node.input]

        def ints(key, default):
            return list(a[key].ints) if key in a else default
        if node.op_type == "Conv":
            k = ins[1].shape[2:]
            y = _conv_np(ins[0], ins[1], ins[2] if len(ins) > 2 else None,
                         ints("strides", [1, 1]), ints("pads", [0, 0, 0, 0]),
                         ints("dilations", [1, 1]), a["group"].i if "group" in a else 1)
        elif node.op_type == "BatchNormalization":
            eps = a["epsilon"].f if "epsilon" in a else 1e-5
            xx, s, bb, mean, var = ins
            sh = (1, -1, 1, 1)
            y = (xx - mean.reshape(sh)) / np.sqrt(var.reshape(sh) + eps) * s.reshape(sh) + bb.reshape(sh)
        elif node.op_type == "Relu":
            y = np.maximum(ins[0], 0)
        elif node.op_type == "MaxPool":
            k = ints("kernel_shape", None)
            s = ints("strides", [1, 1])
            assert ints("pads", [0, 0, 0, 0]) == [0, 0, 0, 0]
            xx = ins[0]
            oh = (xx.shape[2] - k[0]) // s[0] + 1
            ow = (xx.shape[3] - k[1]) // s[1] + 1
            y = np.full(xx.shape[:2] + (oh, ow), -np.inf)
            for i in range(k[0]):
                for j in range(k[1]):
                    y = np.maximum(y, xx[:, :, i:i + s[0] * oh:s[0], j:j + s[1] * ow:s[1]])
        elif node.op_type == "GlobalAveragePool":
            y = ins[0].mean(axis=(2, 3), keepdims=True)
        elif node.op_type == "Flatten":
            axis = a["axis"].i if "axis" in a else 1
            y = ins[0].reshape(int(np.prod(ins[0].shape[:axis])), -1)
        elif node.op_type == "Gemm":
            A, B = ins[0], ins[1]
            if "transA" in a and a["transA"].i:
                A = A.T
            if "transB" in a and a["transB"].i:
                B = B.T
            alpha = a["alpha"].f if "alpha" in a else 1.0
            beta = a["beta"].f if "beta" in a else 1.0
            y = alpha * A @ B
            if len(ins) > 2 and ins[2] is not None:
                y = y + beta * ins[2]
        elif node.op_type == "Add":
            y = ins[0] + ins[1]
        else:
            raise RuntimeError(f"numpy evaluator: unsupported op {node.op_type} ({node.name})")
        env[node.output[0]] = y
    return env[g.output[0].name]


# ----------------------------------------------------------------------------------------
# Training / evaluation / export
# ----------------------------------------------------------------------------------------

def evaluate(model, x, y, batch=1000):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, x.shape[0], batch):
            correct += int((model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum())
    return correct / x.shape[0]


def atomic_write_bytes(path, data):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def remove_initializer_identities(proto):
    """Replace `Identity(initializer)` nodes by a copy of the initializer.

    torch's exporter de-duplicates initializers that are equal in value and feeds the
    duplicates through Identity nodes. In the ResNet the two BatchNorm biases that meet at
    a projection-shortcut Add (bnX.bias and short_bn.bias) receive identical gradients from
    identical zero initialization and so stay bit-identical throughout training; without
    this pass the file would contain Identity nodes, which the C++ importer does not accept.
    """
    from onnx import numpy_helper
    g = proto.graph
    inits = {i.name: i for i in g.initializer}
    keep = []
    for n in g.node:
        if n.op_type == "Identity" and len(n.input) == 1 and n.input[0] in inits:
            t = numpy_helper.from_array(numpy_helper.to_array(inits[n.input[0]]).copy(), n.output[0])
            g.initializer.append(t)
            inits[t.name] = t
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)


def export_onnx(model, path):
    """Export with BatchNormalization kept as nodes; return the checked onnx ModelProto."""
    import io
    import onnx
    model.eval()
    buf = io.BytesIO()
    torch.onnx.export(
        model, torch.zeros(1, 1, 28, 28), buf,
        export_params=True, opset_version=13,
        # PRESERVE (with the model in eval mode) skips the eval-mode peephole that folds
        # BatchNormalization into the preceding Conv; the C++ importer folds BN itself.
        training=torch.onnx.TrainingMode.PRESERVE,
        do_constant_folding=False,
        input_names=["image"], output_names=["logits"],
        dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}},
    )
    proto = onnx.load_from_string(buf.getvalue())
    remove_initializer_identities(proto)
    onnx.checker.check_model(proto, full_check=True)
    g = proto.graph
    ops = [n.op_type for n in g.node]
    bad = sorted(set(ops) - ALLOWED_OPS)
    if bad:
        raise RuntimeError(f"exported graph has unsupported ops {bad}")
    inits = {i.name for i in g.initializer}
    produced = {o for n in g.node for o in n.output}
    for n in g.node:
        for i in n.input:
            if i and i not in inits and i not in produced and i != g.input[0].name:
                raise RuntimeError(f"node {n.name}: input {i} is neither an initializer nor produced")
        if n.op_type in ("Conv", "Gemm", "BatchNormalization"):
            for i in n.input[1:]:
                if i and i not in inits:
                    raise RuntimeError(f"node {n.name}: parameter input {i} is not a constant initializer")
    if [i.name for i in g.input if i.name not in inits] != ["image"] or [o.name for o in g.output] != ["logits"]:
        raise RuntimeError("unexpected graph inputs/outputs")
    atomic_write_bytes(path, proto.SerializeToString())
    return proto


def check_onnx(model, proto, images):
    """Eval-mode logits of `images` and the largest |difference| from the numpy evaluation of the
    exported `proto`; raises if they disagree (beyond 1e-3 or in any argmax)."""
    model.eval()
    with torch.no_grad():
        logits = model(images).numpy()
    ref = run_onnx_numpy(proto, images.numpy())
    max_diff = float(np.abs(ref - logits.astype(np.float64)).max())
    if max_diff > 1e-3 or not np.array_equal(ref.argmax(1), logits.argmax(1)):
        raise RuntimeError(f"ONNX file disagrees with the torch model: max |diff| {max_diff}")
    return logits, max_diff


def card_header(name, model, proto, layers):
    """The first fields of a model card: file, input/output contract, ONNX nodes, layers, counts."""
    return {
        "schema": "qscale.model_card/1",
        "name": name,
        "file": name + ".onnx",
        "dataset": "fashion-mnist",
        "input": {"name": "image", "shape": [1, 28, 28], "layout": "NCHW", "dtype": "float32",
                  "preprocessing": PREPROCESSING},
        "output": {"name": "logits", "shape": [10]},
        "onnx": {"opset": 13, "nodes": [{"name": n.name, "op_type": n.op_type} for n in proto.graph.node]},
        "layers": layers,
        "parameters": int(sum(p.numel() for p in model.parameters())),
        "macs_per_image": int(sum(l.get("macs", 0) for l in layers)),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, choices=sorted(MODELS))
    ap.add_argument("--epochs", type=int, default=None, help="default: the recipe's epoch count")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--time-epochs", type=int, default=0,
                    help="only time this many epochs, print the seconds and exit (writes nothing)")
    ap.add_argument("--checkpoint", default=None,
                    help="where to save the trained state_dict before export "
                         "(default: <tmpdir>/<name>_seed<seed>.pt)")
    ap.add_argument("--from-checkpoint", default=None,
                    help="skip training: load this checkpoint (written by --checkpoint) and only "
                         "export the ONNX file and the model card")
    args = ap.parse_args()

    spec = MODELS[args.model]
    recipe = dict(spec["recipe"])
    if args.epochs is not None:
        recipe["epochs"] = args.epochs
    epochs = recipe["epochs"]
    batch = recipe["batch"]

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    random.seed(args.seed)
    torch.use_deterministic_algorithms(True)

    x_train, y_train = load_split("train", 60000)
    x_test, y_test = load_split("t10k", 10000)

    model = spec["ctor"]()
    gen = torch.Generator().manual_seed(args.seed)

    steps_per_epoch = math.ceil(x_train.shape[0] / batch)
    total_steps = steps_per_epoch * epochs
    if recipe["optimizer"] == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=recipe["lr"], weight_decay=recipe["weight_decay"])
    else:
        # no weight decay on BatchNorm and bias parameters
        decay = [p for n, p in model.named_parameters() if p.ndim > 1]
        no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
        opt = torch.optim.SGD([{"params": decay, "weight_decay": recipe["weight_decay"]},
                               {"params": no_decay, "weight_decay": 0.0}],
                              lr=recipe["lr"], momentum=0.9, nesterov=True)
        recipe["weight_decay_note"] = "applied to conv/linear weights only, not to BN or biases"
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: 0.5 * (1.0 + math.cos(math.pi * min(s, total_steps) / total_steps)))
    recipe["schedule"] = "cosine over all steps, per-step update, to 0"

    t0 = time.time()
    n_epochs = args.time_epochs if args.time_epochs else epochs
    if args.from_checkpoint:
        ckpt = torch.load(args.from_checkpoint)
        if ckpt["model"] != args.model or ckpt["seed"] != args.seed or ckpt["epochs"] != epochs:
            sys.exit(f"{args.from_checkpoint}: checkpoint is for model {ckpt['model']} seed "
                     f"{ckpt['seed']} epochs {ckpt['epochs']}; pass matching --model/--seed/--epochs")
        model.load_state_dict(ckpt["state_dict"])
        n_epochs = 0
    for epoch in range(n_epochs):
        model.train()
        te = time.time()
        perm = torch.randperm(x_train.shape[0], generator=gen)
        loss_sum = 0.0
        for i in range(0, x_train.shape[0], batch):
            idx = perm[i:i + batch]
            xb = augment(x_train[idx], gen)
            yb = y_train[idx]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += float(loss) * idx.shape[0]
        acc = evaluate(model, x_test, y_test) if (not args.time_epochs and
                                                   (epoch % 5 == 4 or epoch == epochs - 1)) else float("nan")
        print(f"epoch {epoch + 1}/{n_epochs} loss {loss_sum / x_train.shape[0]:.4f} "
              f"test {acc:.4f} lr {sched.get_last_lr()[0]:.5f} {time.time() - te:.1f}s", flush=True)
    train_seconds = time.time() - t0
    if args.time_epochs:
        print(f"seconds per epoch: {train_seconds / args.time_epochs:.1f}")
        return
    if args.from_checkpoint:
        train_seconds = ckpt["train_seconds"]
    else:
        ckpt_path = args.checkpoint or os.path.join(
            tempfile.gettempdir(), f"{spec['name']}_seed{args.seed}.pt")
        torch.save({"model": args.model, "seed": args.seed, "epochs": epochs,
                    "train_seconds": train_seconds, "state_dict": model.state_dict()}, ckpt_path)
        print(f"checkpoint: {ckpt_path}", flush=True)

    model.eval()
    os.makedirs(args.out_dir, exist_ok=True)
    name = spec["name"]
    onnx_path = os.path.join(args.out_dir, name + ".onnx")
    proto = export_onnx(model, onnx_path)

    test_top1 = evaluate(model, x_test, y_test)
    logits16, max_diff = check_onnx(model, proto, x_test[:16])
    card = card_header(name, model, proto, layer_summary(model))
    card.update({
        "recipe": recipe,
        "seed": args.seed,
        "torch_version": torch.__version__,
        "train_seconds": round(train_seconds, 1),
        "test_images": int(x_test.shape[0]),
        "test_top1": test_top1,
        "onnx_numpy_check_max_abs_diff": max_diff,
        "first16_labels": [int(v) for v in y_test[:16]],
        "first16_logits": [[float(v) for v in row] for row in logits16],
    })
    atomic_write_bytes(os.path.join(args.out_dir, name + ".json"),
                       (json.dumps(card, indent=1) + "\n").encode())
    print(f"{name}: test_top1 {test_top1:.4f}, params {card['parameters']}, "
          f"MACs {card['macs_per_image']}, train {train_seconds:.0f}s, onnx ops "
          f"{sorted(set(n.op_type for n in proto.graph.node))}, numpy check {max_diff:.2e}")


if __name__ == "__main__":
    main()
