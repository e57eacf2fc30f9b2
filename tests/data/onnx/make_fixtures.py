#!/usr/bin/python3
"""Writes the small ONNX fixtures of tests/nn/ and PyTorch's outputs for them.

Run with Debian's python (torch 1.13, onnx 1.12):  /usr/bin/python3 tests/data/onnx/make_fixtures.py
The outputs are checked in; rerunning rewrites them deterministically (fixed seeds).
"""
import json
import os
import warnings

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 13


def path(name):
    return os.path.join(HERE, name)


def export(model, example, name, fold_bn):
    """Exports `model` with a symbolic batch dim. fold_bn=False keeps BatchNormalization nodes
    (torch folds them into the convs itself in EVAL mode)."""
    model.eval()
    mode = torch.onnx.TrainingMode.EVAL if fold_bn else torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, example, path(name), input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=OPSET, training=mode, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path(name)))


def write_expected(model, inputs, name):
    with torch.no_grad():
        outputs = model(inputs)
    record = {
        "input_shape": list(inputs.shape[1:]),
        "inputs": [x.flatten().tolist() for x in inputs],
        "outputs": [y.flatten().tolist() for y in outputs],
    }
    with open(path(name), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")


def randomize_batchnorm(model):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.normal_(0, 0.2)
            m.running_mean.normal_(0, 0.3)
            m.running_var.uniform_(0.5, 2.0)


class TinyNet(torch.nn.Module):
    """1x12x12 -> conv+BN+relu -> maxpool -> conv+BN -> add (residual) -> relu -> avgpool ->
    flatten -> linear 10."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = torch.nn.BatchNorm2d(4)
        self.pool1 = torch.nn.MaxPool2d(2)
        self.conv2 = torch.nn.Conv2d(4, 4, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(4, eps=1e-3)
        self.pool2 = torch.nn.AvgPool2d(2)
        self.fc = torch.nn.Linear(36, 10)

    def forward(self, x):
        x = self.pool1(torch.relu(self.bn1(self.conv1(x))))
        x = torch.relu(x + self.bn2(self.conv2(x)))
        return self.fc(torch.flatten(self.pool2(x), 1))


class GapNet(torch.nn.Module):
    """1x11x13 (not square) -> strided conv -> relu -> padded maxpool -> conv -> padded avgpool
    (count_include_pad=False) -> global average pool -> flatten -> linear 4."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 3, 3, stride=2, padding=1)
        self.pool1 = torch.nn.MaxPool2d(3, stride=2, padding=1)
        self.conv2 = torch.nn.Conv2d(3, 5, (2, 3))
        self.pool2 = torch.nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.gap = torch.nn.AdaptiveAvgPool2d(1)
        self.fc = torch.nn.Linear(5, 4)

    def forward(self, x):
        x = self.pool1(torch.relu(self.conv1(x)))
        x = self.gap(self.pool2(self.conv2(x)))
        return self.fc(torch.flatten(x, 1))


class MatMulNet(torch.nn.Module):
    """8 -> x @ W1 + b1 (MatMul+Add) -> relu -> x @ W2 (MatMul alone) -> 3."""

    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(8, 5))
        self.b1 = torch.nn.Parameter(torch.randn(5))
        self.w2 = torch.nn.Parameter(torch.randn(5, 3))

    def forward(self, x):
        return torch.relu(x @ self.w1 + self.b1) @ self.w2


class ReshapeNet(torch.nn.Module):
    """2x5x5 -> conv -> relu -> reshape(-1, 27) (a Reshape with a constant shape) -> linear 3."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(2, 3, 3)
        self.fc = torch.nn.Linear(27, 3)

    def forward(self, x):
        return self.fc(torch.relu(self.conv(x)).reshape(-1, 27))


def torch_fixtures():
    torch.manual_seed(1)
    tiny = TinyNet()
    randomize_batchnorm(tiny)
    tiny.eval()
    example = torch.randn(3, 1, 12, 12)
    export(tiny, example, "tiny_net.onnx", fold_bn=False)
    export(tiny, example, "tiny_net_fused.onnx", fold_bn=True)
    write_expected(tiny, example, "tiny_net.json")

    gap = GapNet()
    example = torch.randn(3, 1, 11, 13)
    export(gap, example, "gap_net.onnx", fold_bn=False)
    write_expected(gap, example, "gap_net.json")

    mm = MatMulNet()
    example = torch.randn(3, 8)
    export(mm, example, "matmul_add.onnx", fold_bn=False)
    write_expected(mm, example, "matmul_add.json")

    rs = ReshapeNet()
    example = torch.randn(2, 2, 5, 5)
    export(rs, example, "reshape.onnx", fold_bn=False)
    write_expected(rs, example, "reshape.json")


def save(graph, name, check=True):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, path(name))


def tensor(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def image_input(name="image", dims=("batch", 1, 8, 8)):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, list(dims))


def helper_fixtures():
    rng = np.random.default_rng(7)

    def rand(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    # Gemm with transB=0, float_data initializers, an Identity, a Constant node feeding a
    # Reshape to [0, -1], and MatMul + Add: every spelling of a dense layer and of a flatten.
    w_gemm, b_gemm, w_mm, b_mm = rand(18, 6), rand(6), rand(6, 4), rand(4)
    float_data = [helper.make_tensor(n, TensorProto.FLOAT, a.shape, a.flatten().tolist())
                  for n, a in (("w_gemm", w_gemm), ("b_gemm", b_gemm))]
    nodes = [
        helper.make_node("Identity", ["image"], ["same"], name="keep"),
        helper.make_node("Constant", [], ["shape"], name="shape_const",
                         value=helper.make_tensor("shape_value", TensorProto.INT64, [2], [0, -1])),
        helper.make_node("Reshape", ["same", "shape"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "w_gemm", "b_gemm"], ["hidden"], name="fc1", transB=0),
        helper.make_node("MatMul", ["hidden", "w_mm"], ["mm"], name="fc2"),
        helper.make_node("Add", ["mm", "b_mm"], ["logits"], name="fc2_bias"),
    ]
    graph = helper.make_graph(
        nodes, "dense_variants", [image_input(dims=("batch", 2, 3, 3))],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 4])],
        initializer=float_data + [tensor("w_mm", w_mm), tensor("b_mm", b_mm)])
    save(graph, "dense_variants.onnx")
    inputs = rand(2, 2, 3, 3)
    outputs = (inputs.reshape(2, -1).astype(np.float64) @ w_gemm + b_gemm) @ w_mm + b_mm
    with open(path("dense_variants.json"), "w") as f:
        json.dump({"input_shape": [2, 3, 3], "inputs": [x.flatten().tolist() for x in inputs],
                   "outputs": [y.tolist() for y in outputs]}, f, indent=1)
        f.write("\n")

    # Four unsupported nodes at once; the importer must list all of them.
    nodes = [
        helper.make_node("Conv", ["image", "w0"], ["c0"], name="stem"),
        helper.make_node("Conv", ["c0", "w_grouped"], ["c1"], name="bar", group=2),
        helper.make_node("Conv", ["c1", "w_dilated"], ["c2"], name="dilated", dilations=[2, 2]),
        helper.make_node("MaxPool", ["c2"], ["p"], name="ceil_pool", kernel_shape=[2, 2],
                         ceil_mode=1),
        helper.make_node("Flatten", ["p"], ["f"], name="flat"),
        helper.make_node("Unsqueeze", ["f", "axes"], ["seq"], name="unsq"),
        helper.make_node("LSTM", ["seq", "lstm_w", "lstm_r"], ["y"], name="foo", hidden_size=2),
    ]
    graph = helper.make_graph(
        nodes, "unsupported", [image_input()],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        initializer=[tensor("w0", rand(2, 1, 1, 1)), tensor("w_grouped", rand(2, 1, 3, 3)),
                     tensor("w_dilated", rand(2, 2, 3, 3)), tensor("axes", np.array([0])),
                     tensor("lstm_w", rand(1, 8, 8)), tensor("lstm_r", rand(1, 8, 2))])
    save(graph, "unsupported.onnx", check=False)

    # BatchNormalization that cannot be folded: after a Relu, and after a conv whose output
    # also feeds a residual Add.
    bn = [tensor(f"bn_{k}", v) for k, v in
          (("scale", np.ones(2, np.float32)), ("bias", np.zeros(2, np.float32)),
           ("mean", np.zeros(2, np.float32)), ("var", np.ones(2, np.float32)))]
    bn_names = [t.name for t in bn]
    nodes = [
        helper.make_node("Conv", ["image", "w0"], ["c0"], name="conv0"),
        helper.make_node("Relu", ["c0"], ["r0"], name="relu0"),
        helper.make_node("BatchNormalization", ["r0"] + bn_names, ["b0"], name="bn_after_relu"),
        helper.make_node("Conv", ["r0", "w1"], ["c1"], name="conv1"),
        helper.make_node("BatchNormalization", ["c1"] + bn_names, ["b1"], name="bn_shared"),
        helper.make_node("Add", ["c1", "b1"], ["sum"], name="residual"),
        helper.make_node("GlobalAveragePool", ["sum"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["logits"], name="flat"),
    ]
    graph = helper.make_graph(
        nodes, "bad_batchnorm", [image_input()],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2])],
        initializer=[tensor("w0", rand(2, 1, 1, 1)), tensor("w1", rand(2, 2, 1, 1))] + bn)
    save(graph, "bad_batchnorm.onnx")

    # Graph-level problems: a dynamic non-batch dim, two inputs, two outputs.
    graph = helper.make_graph(
        [helper.make_node("Relu", ["image"], ["out"], name="relu")], "dynamic",
        [image_input(dims=("batch", 1, "height", 8))],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", 1, "height", 8])])
    save(graph, "dynamic_dims.onnx")
    graph = helper.make_graph(
        [helper.make_node("Add", ["left", "right"], ["sum"], name="add")], "two_inputs",
        [image_input("left", ("batch", 1, 4, 4)), image_input("right", ("batch", 1, 4, 4))],
        [helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 1, 4, 4])])
    save(graph, "two_inputs.onnx")
    graph = helper.make_graph(
        [helper.make_node("Relu", ["image"], ["first"], name="relu1"),
         helper.make_node("Relu", ["first"], ["second"], name="relu2")], "two_outputs",
        [image_input(dims=("batch", 1, 4, 4))],
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, ["batch", 1, 4, 4])
         for o in ("first", "second")])
    save(graph, "two_outputs.onnx")


def corrupt_fixtures():
    with open(path("tiny_net.onnx"), "rb") as f:
        data = f.read()
    # Cut inside the first large initializer so protobuf parsing fails.
    with open(path("truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(path("garbage.onnx"), "wb") as f:
        f.write(b"this is not an ONNX model\n")
    for name in ("truncated.onnx", "garbage.onnx"):
        try:
            onnx.load(path(name))
        except Exception:  # noqa: BLE001 - any parse failure is what we want
            continue
        raise SystemExit(f"{name} unexpectedly parses")


if __name__ == "__main__":
    # PRESERVE mode (to keep BatchNormalization nodes) warns about constant folding, which only
    # matters for models in training mode; ours are in eval mode.
    warnings.filterwarnings("ignore", message="It is recommended that constant folding")
    torch_fixtures()
    helper_fixtures()
    corrupt_fixtures()
