#!/usr/bin/python3
"""Quantization-aware fine-tuning (issue 10) of the qscale float models, exported so that the
hardware runs exactly the network PyTorch trained.

Usage (repository root; Debian's /usr/bin/python3 with python3-torch and python3-onnx):

    /usr/bin/python3 models/qat.py --model lenet5 --scheme qsq            # 7 levels
    /usr/bin/python3 models/qat.py --model lenet5 --scheme nuuq --levels 4
    /usr/bin/python3 models/qat.py --model lenet5 --scheme nuuq --levels 3
    /usr/bin/python3 models/qat.py --model lenet5 --scheme msq            # 4 bits, SP2 0.5, 10% 8-bit

Starts from models/<float>.onnx (its weights re-loaded into train.py's module; the ResNet's
BatchNorm folded into its convs first, as qscale's importer folds it), fine-tunes with
straight-through estimators, and writes models/<float>_<scheme>.onnx (same ONNX contract as the
float models; the ResNet without BatchNormalization nodes) and its card <name>.json.

What each part mirrors in C++ (weights: see qat_schemes.py's header):
  calibration_images  <- driver::LoadTrainingSplit / SeededPermutation (std::mt19937, seed 1,
                         rejection-sampled Fisher-Yates): the first 512 images are calibration
  calibrate           <- quant::Calibrate: max|x| of every value of the float network with the
                         quantized weights, on the calibration images
  ActQuant            <- AssignUniformFormats + the golden engine: signed 8-bit, zero point 0,
                         scale = max|x| / 127; a fused ReLU's output uses 0..127; the input image
                         is quantized too; pooling/flatten inherit their input's scale
  quant_bias          <- QuantizeBiases: bias = round(b / (s_in * s_w[r])) in accumulator units
  global average pool <- golden engine: round_half_away(sum / (H * W)) on the integers
Rounding is half away from zero throughout (std::round). The evaluation recorded in the card
(`fake_quant_top1`) runs this fake-quantized network in float64 on all 10,000 test images.

Deterministic: fixed seeds, torch.use_deterministic_algorithms, 1 thread by default; a re-run
on the same machine gives the same weights. Outputs are written to a temp file and renamed.
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qat_schemes as qs  # noqa: E402
import train  # noqa: E402

MODELS_DIR = os.path.dirname(os.path.abspath(__file__))
CALIBRATION_IMAGES = 512  # configs/default.yaml calibration.images
CALIBRATION_SEED = 1      # calibration.seed
ACT_TOP = 127             # 8-bit activations
DEFAULTS = {  # per model: fine-tuning recipe
    # epochs per scheme: nuuq (2 and 1.58 bits) needs twice as long as qsq and msq
    "lenet5": {"epochs": {"qsq": 3, "nuuq": 6, "msq": 3}, "lr": 5e-4, "batch": 128, "distill": 0.5},
    "resnet8": {"epochs": {"qsq": 3, "nuuq": 3, "msq": 3}, "lr": 5e-4, "batch": 128,
                "distill": 0.5},
}
CARD_SUBSETS = (500, 1000, 2000)  # first test images with a fake-quant top-1 in the card (CI)
DISTILL_T = 2.0           # temperature of the distillation loss
REFIT_EVERY = 20          # steps between msq format choices and activation recalibrations


# ----------------------------------------------------------------------------------------------
# Calibration images: the C++ seeded draw
# ----------------------------------------------------------------------------------------------

class Mt19937:
    """std::mt19937 (init_genrand seeding, 32-bit outputs)."""

    def __init__(self, seed):
        self.mt = [seed & 0xFFFFFFFF]
        for i in range(1, 624):
            prev = self.mt[-1]
            self.mt.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
        self.index = 624

    def __call__(self):
        if self.index >= 624:
            mt = self.mt
            for i in range(624):
                y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7FFFFFFF)
                mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self.index = 0
        y = self.mt[self.index]
        self.index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF


def seeded_permutation(n, seed):
    """driver::SeededPermutation."""
    order = list(range(n))
    rng = Mt19937(seed)
    for i in range(n - 1, 0, -1):
        bound = i + 1
        limit = ((1 << 32) - ((1 << 32) % bound)) & 0xFFFFFFFF
        while True:
            x = rng()
            if limit == 0 or x < limit:
                break
        j = x % bound
        order[i], order[j] = order[j], order[i]
    return order


# ----------------------------------------------------------------------------------------------
# Float models: LeNet-5 as trained, ResNet-8 with BatchNorm folded
# ----------------------------------------------------------------------------------------------

def fold_bn(conv, bn):
    """A Conv2d with bias equal to `conv` followed by `bn` in eval mode (float64 arithmetic)."""
    std = torch.sqrt(bn.running_var.double() + bn.eps)
    gain = bn.weight.double() / std
    b = bn.bias.double() - bn.running_mean.double() * gain
    if conv.bias is not None:
        b = b + conv.bias.double() * gain
    folded = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride,
                       conv.padding)
    folded.weight.data.copy_((conv.weight.double() * gain[:, None, None, None]).float())
    folded.bias.data.copy_(b.float())
    return folded


def fold_resnet8(net):
    """train.ResNet8 with every BatchNorm folded into the conv before it (now with a bias) and
    replaced by an Identity, which exports as no node."""
    pairs = [(net, "stem_conv", "stem_bn")]
    for b in (net.block1, net.block2, net.block3):
        pairs += [(b, "conv1", "bn1"), (b, "conv2", "bn2")]
        if b.short_conv is not None:
            pairs.append((b, "short_conv", "short_bn"))
    for parent, conv, bn in pairs:
        setattr(parent, conv, fold_bn(getattr(parent, conv), getattr(parent, bn)))
        setattr(parent, bn, nn.Identity())
    return net


def load_float_model(model, path):
    """The float module with the ONNX file's initializers (ResNet: folded)."""
    import onnx
    from onnx import numpy_helper
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy())
             for i in onnx.load(path).graph.initializer}
    net = train.MODELS[model]["ctor"]()
    state = net.state_dict()
    missing = [k for k in state if k not in inits and not k.endswith("num_batches_tracked")]
    if missing:
        sys.exit(f"{path}: no initializer for {missing}")
    net.load_state_dict({k: inits.get(k, state[k]) for k in state})
    net.eval()
    return net if model == "lenet5" else fold_resnet8(net)


def array_layers(net):
    """(name, module) of every Conv/Linear in network order (the C++ array ops' order)."""
    return [(n, m) for n, m in net.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


# ----------------------------------------------------------------------------------------------
# Weight quantizers (state kept between steps: warm starts)
# ----------------------------------------------------------------------------------------------

class WeightQuantizer:
    """Quantizes one layer's weight matrix [rows, k] with the scheme; `refit` re-chooses the
    format from the current weights, `__call__` gives (w_q float64, per-row weight scale)."""

    def __init__(self, scheme, args, w):
        self.scheme, self.args = scheme, args
        if scheme == "qsq":
            self.scale = qs.qsq_fit(w, args.levels)
        elif scheme == "nuuq":
            top = (1 << (args.grid_bits - 1)) - 1
            max_abs = w.abs().max(dim=1).values
            unit = torch.where(max_abs > 0, max_abs / top, torch.ones_like(max_abs))
            levels = [qs.nuuq_levels((row / u).numpy(), args.levels, args.grid_bits)
                      for row, u in zip(w, unit)]
            self.levels = torch.tensor(levels, dtype=torch.float64) * unit[:, None]
        self.refit(w)

    def refit(self, w):
        if self.scheme == "msq":
            wn = w.numpy()
            alpha, self.high, self.sp2 = qs.msq_assignment(wn, self.args.bits, self.args.sp2_ratio,
                                                           self.args.high_ratio)
            self.factor = alpha / float(np.abs(wn).max())

    def __call__(self, w, step=True):
        a = self.args
        if self.scheme == "qsq":
            if step:
                self.scale = qs.qsq_lloyd(w, self.scale, qs.qsq_multipliers(a.levels), 1)
            w_q, _, frac = qs.qsq_quantize(w, self.scale, a.levels, a.param_bits)
            return w_q, torch.full((w.shape[0],), 2.0 ** -frac, dtype=torch.float64)
        if self.scheme == "nuuq":
            levels = qs.nuuq_kmeans_step(w, self.levels) if step else self.levels
            ints, u = qs.nuuq_snap(levels, a.grid_bits)
            self.levels = ints * u[:, None]
            return qs.nuuq_quantize(w, ints, u), u
        alpha = float(np.float32(self.factor * float(w.abs().max())))
        w_q, _, row_scale = qs.msq_quantize(w.numpy(), alpha, self.high, self.sp2, a.bits)
        return torch.from_numpy(w_q), torch.from_numpy(row_scale)


# ----------------------------------------------------------------------------------------------
# The fake-quantized network
# ----------------------------------------------------------------------------------------------

def fast_round(x):
    """Half away from zero where it is compared with the hardware (evaluation, calibration);
    torch.round (half to even: differs only on exact ties) in the float32 training graph."""
    return torch.round(x) if x.requires_grad else qs.round_half_away(x)


def ste_round(x):
    return x + (fast_round(x) - x).detach()


class QatNet:
    """A float module run with quantized weights and (mode "quant") 8-bit activations."""

    def __init__(self, model, net, scheme, args):
        self.model, self.net, self.mode = model, net, "quant"
        self.layers = dict(array_layers(net))
        self.quantizers = {n: WeightQuantizer(scheme, args, self.matrix(m))
                           for n, m in self.layers.items()}
        self.scale, self.max_abs, self.wq = {}, {}, {}

    @staticmethod
    def matrix(module):
        return module.weight.detach().double().reshape(module.weight.shape[0], -1).clone()

    def refresh(self, step=True):
        """Quantizes every layer's current weights (one quantizer step)."""
        for n, m in self.layers.items():
            w_q, row_scale = self.quantizers[n](self.matrix(m), step)
            self.wq[n] = (w_q.to(torch.float32).reshape(m.weight.shape), row_scale)

    def refit(self):
        for n, m in self.layers.items():
            self.quantizers[n].refit(self.matrix(m))

    def act(self, name, x, relu):
        if self.mode == "calib":
            self.max_abs[name] = max(self.max_abs.get(name, 0.0), float(x.abs().max()))
            return x
        s = self.scale[name]
        lo = 0.0 if relu else -ACT_TOP - 1.0
        clipped = torch.clamp(x, lo * s, ACT_TOP * s)
        return clipped + (torch.clamp(fast_round(x / s), lo, ACT_TOP) * s - clipped).detach()

    def array(self, name, x, in_name, relu):
        m = self.layers[name]
        w_q, row_scale = self.wq[name]
        if x.dtype == torch.float64 or not torch.is_grad_enabled():
            w = w_q.to(x.dtype)
        else:
            w = m.weight + (w_q - m.weight).detach()
        b = m.bias
        if self.mode == "quant":
            unit = (self.scale[in_name] * row_scale).to(x.dtype)
            b = ste_round(b.to(x.dtype) / unit) * unit
        b = b.to(x.dtype)
        if isinstance(m, nn.Conv2d):
            y = F.conv2d(x, w, b, m.stride, m.padding)
        else:
            y = F.linear(x, w, b)
        return self.act(name, F.relu(y) if relu else y, relu)

    def forward(self, x):
        x = self.act("input", x, False)
        if self.model == "lenet5":
            x = F.max_pool2d(self.array("conv1", x, "input", True), 2, 2)
            x = F.max_pool2d(self.array("conv2", x, "conv1", True), 2, 2)
            x = torch.flatten(x, 1)
            x = self.array("fc1", x, "conv2", True)
            x = self.array("fc2", x, "fc1", True)
            return self.array("fc3", x, "fc2", False)
        x = self.array("stem_conv", x, "input", True)
        x_name = "stem_conv"
        for b in ("block1", "block2", "block3"):
            o = self.array(f"{b}.conv1", x, x_name, True)
            o = self.array(f"{b}.conv2", o, f"{b}.conv1", False)
            short = (self.array(f"{b}.short_conv", x, x_name, False)
                     if f"{b}.short_conv" in self.layers else x)
            x, x_name = self.act(f"{b}.add", F.relu(o + short), True), f"{b}.add"
        x = x.mean(dim=(2, 3))
        if self.mode == "quant":
            s = self.scale[x_name]
            x = ste_round(x / s) * s
        return self.array("fc", x, x_name, False)

    def calibrate(self, images):
        """quant::Calibrate on the current quantized weights (self.wq); sets every activation
        scale."""
        self.mode, self.max_abs = "calib", {}
        with torch.no_grad():
            for i in range(0, images.shape[0], 256):
                self.forward(images[i:i + 256])
        self.scale = {n: (v if v > 0 else 1.0) / ACT_TOP for n, v in self.max_abs.items()}
        self.mode = "quant"

    def top1(self, x, y, dtype=torch.float64, batch=1000):
        correct = 0
        with torch.no_grad():
            for i in range(0, x.shape[0], batch):
                logits = self.forward(x[i:i + batch].to(dtype))
                correct += int((logits.argmax(1) == y[i:i + batch]).sum())
        return correct / x.shape[0]


# ----------------------------------------------------------------------------------------------
# Export: the stored parameters the C++ recovers, checked against the C++ rules (mirrored)
# ----------------------------------------------------------------------------------------------

def stored_parameters(scheme, args, name, w_q):
    """What QuantizeXxxWeights recovers from the exported float32 weights w_q [rows, k] (the
    qat_schemes mirrors of the C++ rules); raises if it would not reproduce w_q bit for bit."""
    w = w_q.astype(np.float64)
    if scheme == "qsq":
        exact = qs.qsq_exact(w, args.levels, args.param_bits)
        if exact is None:
            raise RuntimeError(f"{name}: weights are not on a QSQ level set")
        frac, stored = exact
        scale = np.array(stored) * 2.0 ** -frac
        mults = qs.qsq_multipliers(args.levels)
        again = qs.qsq_assign(torch.from_numpy(w), torch.from_numpy(scale), mults).numpy() * scale[:, None]
        ok = np.array_equal(again.astype(np.float32), w_q)
        params = {"frac_bits": frac, "scales": [int(s) for s in stored]}
    elif scheme == "nuuq":
        top = (1 << (args.grid_bits - 1)) - 1
        units = np.abs(w).max(axis=1) / top
        luts, ok = [], True
        for row, u in zip(w, units):
            lut = qs.nuuq_exact_lut(row / u, args.levels, args.grid_bits)
            if lut is None:
                raise RuntimeError(f"{name}: a channel is not on {args.levels} grid levels")
            idx = qs.nuuq_nearest(row / u, lut)
            ok &= np.array_equal((np.array(lut, dtype=np.float64)[idx] * u).astype(np.float32),
                                 row.astype(np.float32))
            luts.append(lut)
        params = {"units": [float(u) for u in units], "luts": luts}
    else:
        alpha, high, sp2 = qs.msq_assignment(w, args.bits, args.sp2_ratio, args.high_ratio)
        again, _, _ = qs.msq_quantize(w, alpha, high, sp2, args.bits)
        ok = alpha == float(np.abs(w_q).max()) and np.array_equal(again.astype(np.float32), w_q)
        params = {"alpha": alpha, "row_bits": [8 if h else args.bits for h in high],
                  "row_sp2": [bool(s) for s in sp2]}
    if not ok:
        raise RuntimeError(f"{name}: the C++ rules would not reproduce the exported weights")
    return {"name": name, **params}


def scheme_parameters(args):
    if args.scheme == "qsq":
        return {"levels": args.levels, "vector": "filter", "mean": False,
                "param_bits": args.param_bits}
    if args.scheme == "nuuq":
        return {"levels": args.levels, "grid_bits": args.grid_bits, "granularity": "channel"}
    return {"bits": args.bits, "sp2_ratio": args.sp2_ratio, "high_precision_ratio": args.high_ratio}


def output_name(args):
    base = train.MODELS[args.model]["name"]
    return f"{base}_{args.scheme}{args.levels if args.scheme == 'nuuq' else ''}"


def config_path(args):
    """The run config that names the fine-tuned model and its scheme (configs/finetuned/)."""
    return f"configs/finetuned/{output_name(args)}.yaml"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, choices=sorted(DEFAULTS))
    ap.add_argument("--scheme", required=True, choices=["qsq", "nuuq", "msq"])
    ap.add_argument("--levels", type=int, default=None, help="qsq: 7 (default), 5, 3; nuuq: N (4)")
    ap.add_argument("--param-bits", type=int, default=8, help="qsq.param_bits")
    ap.add_argument("--grid-bits", type=int, default=8, help="nuuq.grid_bits")
    ap.add_argument("--bits", type=int, default=4, help="msq.bits")
    ap.add_argument("--sp2-ratio", type=float, default=0.5)
    ap.add_argument("--high-ratio", type=float, default=0.1)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--lr", type=float, default=None)
    ap.add_argument("--distill", type=float, default=None,
                    help="weight of the distillation loss from the float model (0: labels only)")
    ap.add_argument("--no-augment", action="store_true", help="fine-tune on the plain images")
    ap.add_argument("--init", default=None,
                    help="start from this ONNX model's weights (e.g. a fine-tuned model of the same "
                         "network) instead of the float model's; the float model stays the "
                         "baseline and the distillation teacher")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (the committed models: 1; same value, same weights)")
    ap.add_argument("--out-dir", default=MODELS_DIR)
    args = ap.parse_args()
    if args.levels is None:
        args.levels = 7 if args.scheme == "qsq" else 4
    recipe = dict(DEFAULTS[args.model])
    recipe["epochs"] = args.epochs if args.epochs is not None else recipe["epochs"][args.scheme]
    recipe["lr"] = args.lr if args.lr is not None else recipe["lr"]
    recipe["distill"] = args.distill if args.distill is not None else recipe["distill"]

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.use_deterministic_algorithms(True)

    x_train, y_train = train.load_split("train", 60000)
    x_test, y_test = train.load_split("t10k", 10000)
    calib = x_train[seeded_permutation(x_train.shape[0], CALIBRATION_SEED)[:CALIBRATION_IMAGES]]
    float_name = train.MODELS[args.model]["name"]
    float_path = os.path.join(MODELS_DIR, float_name + ".onnx")
    net = load_float_model(args.model, float_path)
    float_top1 = train.evaluate(net, x_test, y_test)
    teacher = load_float_model(args.model, float_path)
    if args.init:
        net = load_float_model(args.model, args.init)

    t0 = time.time()
    qat = QatNet(args.model, net, args.scheme, args)
    qat.refresh(step=False)
    qat.calibrate(calib)
    start_top1 = qat.top1(x_test, y_test)
    print(f"{float_name}: float {float_top1:.4f}, quantized before fine-tuning {start_top1:.4f}",
          flush=True)

    batch, epochs = recipe["batch"], recipe["epochs"]
    steps = epochs * ((x_train.shape[0] + batch - 1) // batch)
    opt = torch.optim.Adam(net.parameters(), lr=recipe["lr"])
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: 0.5 * (1.0 + np.cos(np.pi * min(s, steps) / steps)))
    gen = torch.Generator().manual_seed(args.seed)
    step = 0
    for epoch in range(epochs):
        te, loss_sum = time.time(), 0.0
        perm = torch.randperm(x_train.shape[0], generator=gen)
        net.train()
        for i in range(0, x_train.shape[0], batch):
            if step % REFIT_EVERY == 0:
                qat.refit()
                qat.refresh(step=False)
                qat.calibrate(calib)
            idx = perm[i:i + batch]
            xb = x_train[idx] if args.no_augment else train.augment(x_train[idx], gen)
            qat.refresh()
            opt.zero_grad(set_to_none=True)
            logits = qat.forward(xb)
            loss = F.cross_entropy(logits, y_train[idx])
            if recipe["distill"] > 0:
                with torch.no_grad():
                    soft = F.softmax(teacher(xb) / DISTILL_T, dim=1)
                kd = F.kl_div(F.log_softmax(logits / DISTILL_T, dim=1), soft,
                              reduction="batchmean") * DISTILL_T ** 2
                loss = (1 - recipe["distill"]) * loss + recipe["distill"] * kd
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            loss_sum += float(loss) * idx.shape[0]
        qat.refit()
        qat.refresh(step=False)
        qat.calibrate(calib)
        print(f"epoch {epoch + 1}/{epochs} loss {loss_sum / x_train.shape[0]:.4f} "
              f"fake-quant test {qat.top1(x_test, y_test, torch.float32):.4f} "
              f"{time.time() - te:.1f}s", flush=True)
    train_seconds = time.time() - t0

    # The exported network: quantized weights in the float module, calibrated as the C++ does.
    qat.refit()
    qat.refresh(step=False)
    export = load_float_model(args.model, float_path)
    export.load_state_dict(net.state_dict())
    with torch.no_grad():
        for n, m in array_layers(export):
            m.weight.copy_(qat.wq[n][0])
    qat.calibrate(calib)
    fake_top1 = qat.top1(x_test, y_test)
    fake_first = {str(n): qat.top1(x_test[:n], y_test[:n]) for n in CARD_SUBSETS}
    stored = [stored_parameters(args.scheme, args, n, m.weight.detach().numpy().reshape(
        m.weight.shape[0], -1)) for n, m in array_layers(export)]

    name = output_name(args)
    os.makedirs(args.out_dir, exist_ok=True)
    proto = train.export_onnx(export, os.path.join(args.out_dir, name + ".onnx"))
    logits16, max_diff = train.check_onnx(export, proto, x_test[:16])
    layers = [l for l in train.layer_summary(export) if l["type"] != "Identity"]
    card = train.card_header(name, export, proto, layers)
    card.update({
        "scheme": args.scheme,
        "scheme_parameters": scheme_parameters(args),
        "qscale_config": config_path(args),
        "qscale_overrides": ["sim.fidelity=golden"],
        "init": os.path.basename(args.init) if args.init else float_name + ".onnx",
        "float_model": {"name": float_name, "file": float_name + ".onnx", "test_top1": float_top1},
        "recipe": {"optimizer": "adam", "lr": recipe["lr"],
                   "loss": f"(1 - {recipe['distill']}) x cross-entropy + {recipe['distill']} x "
                           f"T^2 KL(float model || fine-tuned) at T = {DISTILL_T}", "schedule": "cosine over all steps, per-step update, to 0",
                   "epochs": epochs, "batch": batch, "weight_decay": 0.0,
                   "augmentation": "none" if args.no_augment else
                                   "random crop 28x28 from 2px zero padding, horizontal flip p=0.5",
                   "weights": "straight-through estimator on the scheme's nearest level; level set "
                              "refit every step (qsq Lloyd, nuuq k-means step), msq format every "
                              f"{REFIT_EVERY} steps",
                   "activations": "signed 8-bit fake quantization, scale max|x|/127 from the "
                                  f"{CALIBRATION_IMAGES} calibration images (seed {CALIBRATION_SEED}), "
                                  f"recalibrated every {REFIT_EVERY} steps; ReLU outputs 0..127",
                   "bn": "folded into the convs before fine-tuning" if args.model == "resnet8" else "none"},
        "seed": args.seed,
        "threads": args.threads,
        "torch_version": torch.__version__,
        "train_seconds": round(train_seconds, 1),
        "test_images": int(x_test.shape[0]),
        "quantized_top1_before_finetuning": start_top1,
        "fake_quant_top1": fake_top1,
        "fake_quant_top1_first_images": fake_first,
        "fake_quant_note": "PyTorch, float64, 8-bit activations and integer biases as the golden "
                           "engine; compare with `qscale run <qscale_config> --set sim.fidelity=golden`",
        "test_top1_unquantized_activations": train.evaluate(export, x_test, y_test),
        "stored_weights": stored,
        "activation_scales": qat.scale,
        "onnx_numpy_check_max_abs_diff": max_diff,
        "first16_labels": [int(v) for v in y_test[:16]],
        "first16_logits": [[float(v) for v in row] for row in logits16],
    })
    train.atomic_write_bytes(os.path.join(args.out_dir, name + ".json"),
                             (json.dumps(card, indent=1) + "\n").encode())
    print(f"{name}: fake-quant top-1 {fake_top1:.4f} (float {float_top1:.4f}, before fine-tuning "
          f"{start_top1:.4f}), train {train_seconds:.0f}s", flush=True)


if __name__ == "__main__":
    main()
